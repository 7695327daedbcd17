// Canonical tables: the one definition used by the schema migration (DDL), the import mapping step, the SQL
// reference and every Chinese column header. Pure data: no Node, no DOM.

export type ColumnType =
  | 'VARCHAR'
  | 'DATE'
  | 'TIMESTAMP'
  | 'INTEGER'
  | 'BIGINT'
  | 'DOUBLE'
  | 'BOOLEAN'
  | 'DECIMAL(18,4)'
  | 'JSON';

export interface ColumnDef {
  name: string;
  type: ColumnType;
  label: string;
  /** Holds personal data of a natural person (masked by default, queries audited). */
  personal?: 'id' | 'name' | 'phone';
  /** SQL condition under which the column is personal (e.g. only for 自然人 rows); always when absent. */
  personalWhen?: string;
  required?: boolean;
}

export interface TableDef {
  name: string;
  label: string;
  /** Natural key used for duplicate detection on import. */
  key: string[];
  columns: ColumnDef[];
}

/** Every canonical table also carries these bookkeeping columns (filled by import or the generator). */
export const BOOKKEEPING_COLUMNS: ColumnDef[] = [
  { name: 'batch_id', type: 'VARCHAR', label: '导入批次' },
  { name: 'source_row', type: 'BIGINT', label: '源文件行号' },
  { name: 'extra', type: 'JSON', label: '未映射字段' },
];

const c = (name: string, type: ColumnType, label: string, more: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type,
  label,
  ...more,
});

export const CANONICAL_TABLES: TableDef[] = [
  {
    name: 'departments',
    label: '部门',
    key: ['dept_code'],
    columns: [
      c('dept_code', 'VARCHAR', '部门编码', { required: true }),
      c('name', 'VARCHAR', '部门名称', { required: true }),
      c('uscc', 'VARCHAR', '统一社会信用代码'),
      c('kind', 'VARCHAR', '部门类别'),
    ],
  },
  {
    name: 'subjects',
    label: '主体',
    key: ['uscc'],
    columns: [
      c('uscc', 'VARCHAR', '统一社会信用代码', { required: true }),
      c('name', 'VARCHAR', '主体名称', { required: true }),
      c('subject_kind', 'VARCHAR', '主体类别'),
      c('industry_code', 'VARCHAR', '行业代码'),
      c('industry_name', 'VARCHAR', '行业名称'),
      c('featured_industry', 'VARCHAR', '特色产业'),
      c('town', 'VARCHAR', '街镇'),
      c('address', 'VARCHAR', '注册地址'),
      c('phone', 'VARCHAR', '联系电话', { personal: 'phone' }),
      c('legal_rep_name', 'VARCHAR', '法定代表人', { personal: 'name' }),
      c('legal_rep_person_id', 'VARCHAR', '法定代表人标识'),
      c('established_date', 'DATE', '成立日期'),
      c('registered_capital_wan', 'DECIMAL(18,4)', '注册资本（万元）'),
      c('status', 'VARCHAR', '登记状态'),
      c('size', 'VARCHAR', '企业规模'),
    ],
  },
  {
    name: 'persons',
    label: '自然人',
    key: ['person_id'],
    columns: [
      c('person_id', 'VARCHAR', '自然人标识', { required: true }),
      c('name', 'VARCHAR', '姓名', { personal: 'name' }),
      c('id_masked', 'VARCHAR', '身份证号（脱敏）'),
      c('id_number', 'VARCHAR', '身份证号', { personal: 'id' }),
      c('phone', 'VARCHAR', '联系电话', { personal: 'phone' }),
      c('occupation', 'VARCHAR', '职业'),
      c('employer_uscc', 'VARCHAR', '就职单位代码'),
    ],
  },
  {
    name: 'relations',
    label: '关联关系',
    key: ['uscc', 'role', 'person_id', 'related_uscc'],
    columns: [
      c('uscc', 'VARCHAR', '统一社会信用代码', { required: true }),
      c('role', 'VARCHAR', '关系类型', { required: true }),
      c('person_id', 'VARCHAR', '关联自然人标识'),
      c('related_uscc', 'VARCHAR', '关联主体代码'),
      c('share_pct', 'DOUBLE', '持股比例（%）'),
      c('start_date', 'DATE', '起始日期'),
      c('end_date', 'DATE', '终止日期'),
    ],
  },
  {
    name: 'licenses',
    label: '行政许可',
    key: ['decision_no', 'uscc'],
    columns: [
      c('decision_no', 'VARCHAR', '行政许可决定文书号', { required: true }),
      c('uscc', 'VARCHAR', '统一社会信用代码'),
      c('subject_name', 'VARCHAR', '行政相对人名称', { required: true, personal: 'name', personalWhen: "subject_kind = '自然人'" }),
      c('subject_kind', 'VARCHAR', '行政相对人类别'),
      c('legal_rep_name', 'VARCHAR', '法定代表人', { personal: 'name' }),
      c('decision_doc_name', 'VARCHAR', '行政许可决定文书名称'),
      c('license_type', 'VARCHAR', '许可类别'),
      c('license_name', 'VARCHAR', '许可证书名称'),
      c('license_no', 'VARCHAR', '许可编号'),
      c('content', 'VARCHAR', '许可内容'),
      c('decision_date', 'DATE', '许可决定日期', { required: true }),
      c('valid_from_date', 'DATE', '有效期自'),
      c('valid_to_date', 'DATE', '有效期至'),
      c('authority', 'VARCHAR', '许可机关', { required: true }),
      c('authority_uscc', 'VARCHAR', '许可机关统一社会信用代码'),
      c('status', 'VARCHAR', '当前状态'),
      c('source_dept', 'VARCHAR', '数据来源单位'),
      c('reported_date', 'DATE', '上报日期'),
    ],
  },
  {
    name: 'penalties',
    label: '行政处罚',
    key: ['decision_no', 'uscc', 'person_id'],
    columns: [
      c('decision_no', 'VARCHAR', '行政处罚决定书文号', { required: true }),
      c('uscc', 'VARCHAR', '统一社会信用代码'),
      c('person_id', 'VARCHAR', '自然人标识'),
      c('id_masked', 'VARCHAR', '证件号码（脱敏）'),
      c('subject_name', 'VARCHAR', '行政相对人名称', { required: true, personal: 'name', personalWhen: "subject_kind = '自然人'" }),
      c('subject_kind', 'VARCHAR', '行政相对人类别'),
      c('legal_rep_name', 'VARCHAR', '法定代表人', { personal: 'name' }),
      c('violation_type', 'VARCHAR', '违法行为类型'),
      c('facts', 'VARCHAR', '违法事实'),
      c('basis', 'VARCHAR', '处罚依据'),
      c('penalty_types', 'VARCHAR', '处罚类别'),
      c('content', 'VARCHAR', '处罚内容'),
      c('fine_wan', 'DECIMAL(18,4)', '罚款金额（万元）'),
      c('confiscated_wan', 'DECIMAL(18,4)', '没收违法所得、没收非法财物的金额（万元）'),
      c('license_revoked', 'VARCHAR', '暂扣或吊销证照名称及编号'),
      c('decision_date', 'DATE', '处罚决定日期', { required: true }),
      c('validity_date', 'DATE', '处罚有效期'),
      c('publish_end_date', 'DATE', '公示截止期'),
      c('authority', 'VARCHAR', '处罚机关', { required: true }),
      c('authority_uscc', 'VARCHAR', '处罚机关统一社会信用代码'),
      c('source_dept', 'VARCHAR', '数据来源单位'),
      c('source_dept_uscc', 'VARCHAR', '数据来源单位统一社会信用代码'),
      c('reported_date', 'DATE', '上报日期'),
      c('doc_decision_date', 'DATE', '决定书送达日期'),
      c('doc_compliance_date', 'DATE', '行政合规建议书送达日期'),
      c('doc_repair_notice_date', 'DATE', '信用修复告知书送达日期'),
      c('doc_checkup_date', 'DATE', '法治体检书送达日期'),
      c('remark', 'VARCHAR', '备注'),
    ],
  },
  {
    name: 'credit_lists',
    label: '名单',
    key: ['list_type', 'uscc', 'person_id', 'in_date'],
    columns: [
      c('list_type', 'VARCHAR', '名单类型', { required: true }),
      c('uscc', 'VARCHAR', '统一社会信用代码'),
      c('person_id', 'VARCHAR', '自然人标识'),
      c('subject_name', 'VARCHAR', '主体名称', { personal: 'name', personalWhen: 'person_id IS NOT NULL' }),
      c('reason', 'VARCHAR', '列入事由'),
      c('authority', 'VARCHAR', '认定机关'),
      c('in_date', 'DATE', '列入日期', { required: true }),
      c('out_date', 'DATE', '移出日期'),
    ],
  },
  {
    name: 'commitments',
    label: '信用承诺',
    key: ['commitment_id'],
    columns: [
      c('commitment_id', 'VARCHAR', '承诺编号', { required: true }),
      c('uscc', 'VARCHAR', '统一社会信用代码', { required: true }),
      c('commitment_type', 'VARCHAR', '承诺类型', { required: true }),
      c('matter', 'VARCHAR', '承诺事项'),
      c('dept', 'VARCHAR', '受理部门'),
      c('made_date', 'DATE', '承诺日期', { required: true }),
      c('term_end_date', 'DATE', '承诺期限'),
      c('status', 'VARCHAR', '履约状态'),
      c('broken_date', 'DATE', '违诺日期'),
    ],
  },
  {
    name: 'repairs',
    label: '信用修复',
    key: ['repair_id'],
    columns: [
      c('repair_id', 'VARCHAR', '修复编号', { required: true }),
      c('uscc', 'VARCHAR', '统一社会信用代码', { required: true }),
      c('decision_no', 'VARCHAR', '修复对象决定书文号'),
      c('applied_date', 'DATE', '申请日期', { required: true }),
      c('accepted_date', 'DATE', '受理日期'),
      c('finished_date', 'DATE', '办结日期'),
      c('result', 'VARCHAR', '修复结果'),
      c('dept', 'VARCHAR', '办理部门'),
    ],
  },
  {
    name: 'obligations',
    label: '履约',
    key: ['uscc', 'kind', 'period'],
    columns: [
      c('uscc', 'VARCHAR', '统一社会信用代码', { required: true }),
      c('kind', 'VARCHAR', '履约类型', { required: true }),
      c('period', 'DATE', '所属月份', { required: true }),
      c('due_wan', 'DECIMAL(18,4)', '应缴金额（万元）'),
      c('paid_wan', 'DECIMAL(18,4)', '实缴金额（万元）'),
      c('arrears_wan', 'DECIMAL(18,4)', '欠缴金额（万元）'),
      c('tax_grade', 'VARCHAR', '纳税信用等级'),
    ],
  },
  {
    name: 'inspections',
    label: '检查',
    key: ['inspection_id'],
    columns: [
      c('inspection_id', 'VARCHAR', '检查编号', { required: true }),
      c('uscc', 'VARCHAR', '统一社会信用代码', { required: true }),
      c('dept', 'VARCHAR', '检查部门'),
      c('item', 'VARCHAR', '检查事项'),
      c('inspection_date', 'DATE', '检查日期', { required: true }),
      c('result', 'VARCHAR', '检查结果'),
      c('random_draw', 'BOOLEAN', '双随机'),
    ],
  },
  {
    name: 'industry_ratings',
    label: '行业评价',
    key: ['uscc', 'industry', 'period'],
    columns: [
      c('uscc', 'VARCHAR', '统一社会信用代码', { required: true }),
      c('industry', 'VARCHAR', '行业', { required: true }),
      c('period', 'VARCHAR', '评价周期', { required: true }),
      c('rating', 'VARCHAR', '评价等级'),
      c('score', 'DOUBLE', '评价得分'),
      c('rated_date', 'DATE', '评价日期'),
      c('dept', 'VARCHAR', '评价部门'),
    ],
  },
  {
    name: 'risk_classes',
    label: '市场监管风险分类',
    key: ['uscc', 'period'],
    columns: [
      c('uscc', 'VARCHAR', '统一社会信用代码', { required: true }),
      c('period', 'DATE', '分类月份', { required: true }),
      c('risk_class', 'VARCHAR', '风险类别（A-D）', { required: true }),
      c('dept', 'VARCHAR', '分类部门'),
    ],
  },
  {
    name: 'complaints',
    label: '投诉举报',
    key: ['complaint_id'],
    columns: [
      c('complaint_id', 'VARCHAR', '投诉编号', { required: true }),
      c('uscc', 'VARCHAR', '统一社会信用代码', { required: true }),
      c('received_date', 'DATE', '受理日期', { required: true }),
      c('category', 'VARCHAR', '投诉类别'),
      c('substantiated', 'BOOLEAN', '是否属实'),
      c('dept', 'VARCHAR', '处理部门'),
    ],
  },
  {
    name: 'financing',
    label: '信易贷融资',
    key: ['loan_id'],
    columns: [
      c('loan_id', 'VARCHAR', '融资编号', { required: true }),
      c('uscc', 'VARCHAR', '统一社会信用代码', { required: true }),
      c('lender', 'VARCHAR', '金融机构'),
      c('product', 'VARCHAR', '产品'),
      c('amount_wan', 'DECIMAL(18,4)', '放款金额（万元）'),
      c('loan_date', 'DATE', '放款日期', { required: true }),
      c('credit_based', 'BOOLEAN', '信用贷款'),
    ],
  },
];

export const TABLE_BY_NAME: Record<string, TableDef> = Object.fromEntries(CANONICAL_TABLES.map((t) => [t.name, t]));

export function isCanonicalTable(name: string): boolean {
  return name in TABLE_BY_NAME;
}

/** Chinese label for a column of a canonical table (falls back to the column name). */
export function columnLabel(table: string, column: string): string {
  const def = TABLE_BY_NAME[table];
  const col = def?.columns.find((x) => x.name === column) ?? BOOKKEEPING_COLUMNS.find((x) => x.name === column);
  return col?.label ?? column;
}

/** Columns across all tables that hold a natural person's identifiers. */
export const PERSONAL_COLUMNS: { table: string; column: string; kind: 'id' | 'name' | 'phone' }[] = CANONICAL_TABLES.flatMap(
  (t) => t.columns.filter((col) => col.personal).map((col) => ({ table: t.name, column: col.name, kind: col.personal! })),
);

/** Labels for tables outside the canonical set (bookkeeping and results), for the SQL reference. */
export const RESULT_TABLE_LABELS: Record<string, string> = {
  import_batches: '导入批次',
  import_rejects: '导入拒绝记录',
  audit_log: '审计日志',
  schema_migrations: '数据库版本',
  workspace_meta: '工作区参数',
  eval_runs: '信用评价记录',
  eval_scores: '信用评价结果',
  eval_contributions: '评价得分构成',
  eval_model_files: '评价模型留存',
  tier_runs: '分级分类批次',
  tier_results: '分级分类结果',
  tier_run_cells: '分级矩阵单元统计',
  tier_risk_points: '风险评分明细',
  tier_matrices: '分级矩阵版本',
  warning_hits: '预警记录',
  warning_states: '预警处置状态',
  penalty_disclosure: '公示期与修复测算',
  repair_runs: '信用修复测算记录',
  workday_calendar: '工作日历',
  commitment_status: '信用承诺履约状态',
  graph_nodes: '关系图谱节点',
  graph_adj: '关系图谱邻接',
  graph_edges: '关系图谱边',
  graph_keys: '关系图谱地址电话键',
  graph_subject_ties: '主体地址电话关联',
  graph_state: '关系图谱构建状态',
  graph_components: '关系图谱连通分量',
  graph_component_sizes: '连通分量规模',
  graph_exposure_runs: '失信关联风险测算记录',
  graph_exposure: '失信关联风险',
  graph_exposure_hits: '失信关联风险明细',
};
