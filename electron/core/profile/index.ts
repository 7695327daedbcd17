// Public face of the workstation capability (总览 and 主体画像).
export { overviewSummary, freshness, RECORD_TABLES } from './overview';
export { searchSubjects, subsequencePattern, looksLikeCode } from './search';
export { subjectProfile, readRelations, indicatorLabels } from './profile';
export { timelineEvents } from './timeline';
export { profileHtml, profileXlsx } from './render';
export { SECTIONS } from './sections';
