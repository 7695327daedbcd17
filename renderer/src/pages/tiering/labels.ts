// Labels shared by the 风险分级 page's parts.
import type { TierRunInfo } from '../../../../shared/contract/tiering';

export function tierRunLabel(r: TierRunInfo): string {
  return `${r.createdAt.replace('T', ' ').slice(0, 19)} · 基准日 ${r.asOf} · 评价 ${r.evalRunId} · 矩阵 ${r.matrixId} · ${r.subjects.toLocaleString('zh-CN')} 户 · 预警 ${r.warnings.toLocaleString('zh-CN')}`;
}
