// Public face of the evaluate capability.
export {
  modelSchema, shippedModels, modelsDir, loadModelFile, loadModelObject, resolveModelRef, indicatorPoints,
  type EvalModel, type LoadedModel, type Indicator,
} from './model';
export { runEvaluation, resolveModels, todayIso, type RunOptions } from './run';
export { computeScores, CLAMP_INDICATOR, type ComputeResult, type GradeCounts } from './engine';
export { getRun, listRuns, runModels } from './runs';
export { explainSubject } from './explain';
export { whatIf } from './whatif';
