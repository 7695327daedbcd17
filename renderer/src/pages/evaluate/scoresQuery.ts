// The result list's query and page filters, kept pure so tests can run them against a workspace.
import { EVAL_GROUP_SQL } from '../../../../shared/contract/evaluate';
import type { FilterSpec } from '../../../../shared/contract';

export interface ScoresFilterState {
  grade?: string;
  /** A byTown key of the run's summary. */
  town?: string;
  /** A byIndustry key of the run's summary. */
  industry?: string;
  /** Name or code fragment. */
  text?: string;
}

/**
 * One run's scores. 街镇 and 行业 are the summary's group labels (EVAL_GROUP_SQL), not the raw columns: the
 * filter options come from the summary, so 「（未知街镇）」 or an industry known only by its code must match too.
 */
export function scoresSql(runId: string): string {
  return `SELECT uscc, name, ${EVAL_GROUP_SQL.town} AS town, ${EVAL_GROUP_SQL.industry} AS industry_name, final_score, grade,
  comprehensive, industry, industry_model, override FROM eval_scores WHERE run_id = '${runId.replace(/'/g, "''")}'`;
}

/** Letters and digits only → a code fragment (upper case); anything else → part of the name. */
function codeOrName(text: string): FilterSpec {
  return /^[0-9A-Za-z]{4,}$/.test(text) ? { column: 'uscc', op: 'contains', value: text.toUpperCase() } : { column: 'name', op: 'contains', value: text };
}

export function scoresFilters({ grade, town, industry, text }: ScoresFilterState): FilterSpec[] {
  const t = text?.trim();
  return [
    ...(grade ? [{ column: 'grade', op: 'eq' as const, value: grade }] : []),
    ...(town ? [{ column: 'town', op: 'eq' as const, value: town }] : []),
    ...(industry ? [{ column: 'industry_name', op: 'eq' as const, value: industry }] : []),
    ...(t ? [codeOrName(t)] : []),
  ];
}
