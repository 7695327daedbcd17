// The sections of a subject's profile, following 《公共信用信息报告标准（2022年版）》: each part is a canonical
// table read for one subject, with the columns worth showing and their order. Pure data.
import { BLACK_LIST_TYPES, RED_LIST_TYPES } from '../../../shared/domain/enums';

export interface SectionPart {
  key: string;
  label: string;
  table: string;
  /** Extra condition besides uscc = the subject (alias-free SQL over the table). */
  where?: string;
  order: string;
}

export interface SectionDef {
  key: string;
  title: string;
  parts: SectionPart[];
}

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(', ');
const KNOWN_LISTS = [...BLACK_LIST_TYPES, ...RED_LIST_TYPES];

/** Columns never shown in a profile table: the subject's own identity (in the header) and bookkeeping. */
export const HIDDEN_COLUMNS = new Set([
  'uscc', 'subject_name', 'subject_kind', 'person_id', 'batch_id', 'source_row', 'extra', 'authority_uscc', 'source_dept_uscc',
]);

export const SECTIONS: SectionDef[] = [
  {
    key: 'admin',
    title: '行政管理',
    parts: [
      { key: 'licenses', label: '行政许可', table: 'licenses', order: 'decision_date DESC NULLS LAST, decision_no' },
      { key: 'penalties', label: '行政处罚', table: 'penalties', order: 'decision_date DESC NULLS LAST, decision_no' },
      { key: 'inspections', label: '检查', table: 'inspections', order: 'inspection_date DESC NULLS LAST, inspection_id' },
    ],
  },
  {
    key: 'honours',
    title: '荣誉',
    parts: [{ key: 'red', label: '红名单及守信激励', table: 'credit_lists', where: `list_type IN (${list(RED_LIST_TYPES)})`, order: 'in_date DESC' }],
  },
  {
    key: 'serious',
    title: '严重失信主体名单',
    parts: [{ key: 'serious', label: '严重失信主体名单', table: 'credit_lists', where: `list_type = '严重失信主体名单'`, order: 'in_date DESC' }],
  },
  {
    key: 'abnormal',
    title: '经营（活动）异常名录',
    parts: [{ key: 'abnormal', label: '经营异常名录', table: 'credit_lists', where: `list_type = '经营异常名录'`, order: 'in_date DESC' }],
  },
  {
    key: 'commitments',
    title: '信用承诺',
    parts: [{ key: 'commitments', label: '信用承诺', table: 'commitments', order: 'made_date DESC, commitment_id' }],
  },
  // 信用评价 is built from the evaluation and tiering results (see profile.ts).
  {
    key: 'judicial',
    title: '司法判决',
    parts: [{ key: 'dishonest', label: '失信被执行人', table: 'credit_lists', where: `list_type = '失信被执行人'`, order: 'in_date DESC' }],
  },
  {
    key: 'other',
    title: '其他',
    parts: [
      { key: 'repairs', label: '信用修复', table: 'repairs', order: 'applied_date DESC, repair_id' },
      { key: 'complaints', label: '投诉举报', table: 'complaints', order: 'received_date DESC, complaint_id' },
      { key: 'financing', label: '信易贷融资', table: 'financing', order: 'loan_date DESC, loan_id' },
      { key: 'otherLists', label: '其他名单', table: 'credit_lists', where: `list_type NOT IN (${list(KNOWN_LISTS)})`, order: 'in_date DESC' },
    ],
  },
  // 地方补充: industry ratings here; obligations (summarised) and warnings are added in profile.ts.
  {
    key: 'local',
    title: '地方补充',
    parts: [{ key: 'ratings', label: '行业评价', table: 'industry_ratings', order: 'rated_date DESC NULLS LAST, period DESC' }],
  },
];

/** Where the 信用评价 section sits among the others (after 信用承诺, as in the standard). */
export const EVALUATION_AFTER = 'commitments';
