// Enumerations of the domain with their Chinese labels (shared by core, UI and reports).

export const DISTRICT = { name: '奉贤区', divisionCode: '310120' } as const;

export const TOWNS = [
  '南桥镇', '奉城镇', '庄行镇', '金汇镇', '四团镇', '青村镇', '柘林镇', '海湾镇',
  '西渡街道', '奉浦街道', '金海街道', '海湾旅游区', '奉贤经济开发区',
] as const;

export const FEATURED_INDUSTRIES = ['美丽大健康', '绿色新能源', '通用新材料', '数智新装备'] as const;

export const SUBJECT_KINDS = ['法人及非法人组织', '个体工商户', '自然人'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { A: '优秀', B: '良好', C: '一般', D: '较差' };

export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];
export const RISK_CLASS_LABELS: Record<RiskClass, string> = { A: '低风险', B: '一般风险', C: '较高风险', D: '高风险' };

export const LIST_TYPES = [
  '严重失信主体名单', '经营异常名录', '失信被执行人', '红名单', 'A级纳税人', 'AEO高级认证', '专精特新', '表彰',
] as const;
/** List types that count as 黑名单 / 失信 exposure. */
export const BLACK_LIST_TYPES = ['严重失信主体名单', '经营异常名录', '失信被执行人'] as const;
/** List types that are honours (守信激励). */
export const RED_LIST_TYPES = ['红名单', 'A级纳税人', 'AEO高级认证', '专精特新', '表彰'] as const;

export const RELATION_ROLES = ['legal_rep', 'shareholder', 'officer'] as const;
export const RELATION_ROLE_LABELS: Record<string, string> = {
  legal_rep: '法定代表人', shareholder: '股东', officer: '高管', same_address: '同注册地址', same_phone: '同联系电话',
};

export const COMMITMENT_TYPES = ['审批替代型', '主动公示型', '行业自律型', '信用修复型'] as const;
export const COMMITMENT_STATUS_LABELS: Record<string, string> = { kept: '已履约', broken: '违诺', pending: '履约中' };

export const OBLIGATION_KINDS = ['tax', 'social_insurance', 'housing_fund', 'water', 'electricity', 'gas'] as const;
export const OBLIGATION_KIND_LABELS: Record<string, string> = {
  tax: '纳税', social_insurance: '社保', housing_fund: '公积金', water: '水费', electricity: '电费', gas: '燃气费',
};

export const SUBJECT_STATUSES = ['存续', '注销', '吊销'] as const;
