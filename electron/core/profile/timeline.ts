// Every dated record of a profile as one list of events, newest first, each with a category and a tone (good:
// honours, repairs, kept commitments; bad: penalties, black lists, broken commitments, failed inspections,
// warnings). Pure: works on the rows a profile already read.
import type { TimelineEvent } from '../../../shared/contract/profile';
import { BLACK_LIST_TYPES, RED_LIST_TYPES, COMMITMENT_STATUS_LABELS } from '../../../shared/domain/enums';

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const joinText = (...xs: unknown[]) => xs.map(str).filter(Boolean).join(' · ');
const isBlack = (t: string) => (BLACK_LIST_TYPES as readonly string[]).includes(t);
const isRed = (t: string) => (RED_LIST_TYPES as readonly string[]).includes(t);

export function timelineEvents(parts: Record<string, Row[]>, basic?: Row | null): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  const add = (date: unknown, category: string, title: string, tone: TimelineEvent['tone']) => {
    const d = str(date).slice(0, 10);
    if (/^\d{4}-\d{2}-\d{2}$/.test(d)) out.push({ date: d, category, title: title || category, tone });
  };
  if (basic) add(basic.established_date, '基础信息', '成立', 'neutral');
  for (const r of parts.licenses ?? []) add(r.decision_date, '行政许可', joinText(r.license_name, r.decision_no), 'neutral');
  for (const r of parts.penalties ?? []) add(r.decision_date, '行政处罚', joinText(r.violation_type, r.penalty_types, r.decision_no), 'bad');
  for (const r of parts.inspections ?? []) {
    add(r.inspection_date, '检查', joinText(r.item, r.result), str(r.result) === '不合格' ? 'bad' : 'neutral');
  }
  const lists = [...(parts.red ?? []), ...(parts.serious ?? []), ...(parts.abnormal ?? []), ...(parts.dishonest ?? []), ...(parts.otherLists ?? [])];
  for (const r of lists) {
    const type = str(r.list_type);
    add(r.in_date, '名单', joinText(`列入${type}`, r.reason), isRed(type) ? 'good' : isBlack(type) ? 'bad' : 'neutral');
    if (r.out_date) add(r.out_date, '名单', `移出${type}`, isBlack(type) ? 'good' : 'neutral');
  }
  for (const r of parts.commitments ?? []) {
    add(r.made_date, '信用承诺', joinText(r.commitment_type, r.matter, COMMITMENT_STATUS_LABELS[str(r.status)] ?? r.status), 'neutral');
    if (r.broken_date) add(r.broken_date, '信用承诺', joinText('违诺', r.matter), 'bad');
  }
  for (const r of parts.repairs ?? []) {
    add(r.applied_date, '信用修复', joinText('申请修复', r.decision_no), 'neutral');
    if (r.finished_date) add(r.finished_date, '信用修复', joinText('修复办结', r.result), 'good');
  }
  for (const r of parts.complaints ?? []) add(r.received_date, '投诉举报', joinText(r.category, r.substantiated === true ? '属实' : ''), 'neutral');
  for (const r of parts.financing ?? []) add(r.loan_date, '信易贷', joinText(r.lender, r.product, r.amount_wan ? `${str(r.amount_wan)}万元` : ''), 'good');
  for (const r of parts.ratings ?? []) add(r.rated_date, '行业评价', joinText(r.industry, r.rating), 'neutral');
  for (const r of parts.warnings ?? []) add(r.event_date, '预警', joinText(r.rule_id, r.summary), 'bad');
  out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.category.localeCompare(b.category, 'zh-CN')));
  return out;
}
