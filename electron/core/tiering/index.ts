// Public face of the tiering capability (信用+风险 分级分类监管): what other capabilities (report, profile) may use.
export { runTiering, resolveEvalRun, type TierRunOptions, type TierRunHooks } from './run';
export { loadRun, listRuns, tierSummary, tierList, exemptItems, warningsList, type LoadedRun } from './queries';
export { resolveMatrix, saveMatrix, builtinMatrix, listMatrixVersions, matrixSha256, DEFAULT_MATRIX_ID } from './matrix';
export { loadRiskModel, parseRiskModel, type RiskModel } from './risk-model';
export { loadWarningRules, parseWarningRules, setWarningState, type WarningRule, type WarningRules } from './warnings';
export { tierMigration } from './tier-migration';
export { drawSample, allocateSample, SAMPLE_METHOD } from './sampling';
export { exportList } from './export';
