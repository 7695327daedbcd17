// Public face of the import capability.
export { runImport, previewImport, newBatchId, rejectsPath, type ImportRequest, type ImportHooks } from './run';
export { listBatches, batchRejects, undoBatch } from './batches';
export {
  loadProfiles, loadValidation, findProfile, bestProfile, matchProfile, normaliseHeader, headerIsYuan, targetColumns,
  virtualColumns, profilesDir, type Profile, type ProfileMatch,
} from './profiles';
export { detectEncoding, transcodeToUtf8, type SourceEncoding, type EncodingChoice } from './encoding';
export { IMPORT_MACROS_SQL } from './sql';
