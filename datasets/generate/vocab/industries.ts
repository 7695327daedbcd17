// GB/T 4754-2017 industry classes used by the generator, grouped into "sectors" that decide which violations,
// licences and inspections a subject typically gets. Weights are per registration kind (USCC category).
import type { FEATURED_INDUSTRIES } from '../../../shared/domain/enums';

export type Featured = (typeof FEATURED_INDUSTRIES)[number];

export type Sector =
  | 'mfg_food' | 'mfg_health' | 'mfg' | 'energy' | 'medical' | 'dental' | 'food_retail' | 'retail' | 'pharmacy'
  | 'catering' | 'hospitality' | 'construction' | 'transport' | 'realestate' | 'it' | 'business' | 'personal'
  | 'auto' | 'agri' | 'elderly' | 'education';

/** USCC positions 1–2 of the kinds generated, with the 主体类别 they map to. */
export type KindCode = '91' | '92' | '93' | '52' | '12';

export interface Industry {
  code: string;
  name: string;
  sector: Sector;
  featured?: Featured;
  /** Word used in the subject's name: 上海{字号}{word}有限公司, or the shop word of a 个体工商户. */
  word: string;
  kind: KindCode;
  weight: number;
}

/**
 * Dental clinics: GB/T 4754-2017 class 8425 门诊部（所） (口腔门诊部 and 口腔诊所 are registered there; a
 * 口腔医院 would be 8415 专科医院). The generator labels them industry_name '口腔医疗', the district's name for the
 * sector, and uses 8425 for nothing else, so either column scopes the dental model.
 */
export const DENTAL = { code: '8425', name: '口腔医疗', sector: 'dental' as const, featured: '美丽大健康' as Featured };

const i = (kind: KindCode, code: string, name: string, sector: Sector, word: string, weight: number, featured?: Featured): Industry => ({
  kind, code, name, sector, word, weight, ...(featured ? { featured } : {}),
});

export const INDUSTRIES: Industry[] = [
  // 91 企业
  i('91', '2682', '化妆品制造', 'mfg_health', '化妆品', 25, '美丽大健康'),
  i('91', '2720', '化学药品制剂制造', 'mfg_health', '制药', 6, '美丽大健康'),
  i('91', '2740', '中成药生产', 'mfg_health', '药业', 3, '美丽大健康'),
  i('91', '2761', '生物药品制造', 'mfg_health', '生物医药科技', 5, '美丽大健康'),
  i('91', '3581', '医疗诊断、监护及治疗设备制造', 'mfg_health', '医疗器械', 6, '美丽大健康'),
  i('91', '1411', '糕点、面包制造', 'mfg_food', '食品', 6),
  i('91', '1431', '米、面制品制造', 'mfg_food', '食品', 4),
  i('91', '2651', '初级形态塑料及合成树脂制造', 'mfg', '新材料科技', 6, '通用新材料'),
  i('91', '2669', '其他专用化学产品制造', 'mfg', '化工科技', 6, '通用新材料'),
  i('91', '2929', '塑料零件及其他塑料制品制造', 'mfg', '塑料制品', 8, '通用新材料'),
  i('91', '3985', '电子专用材料制造', 'mfg', '电子材料', 4, '通用新材料'),
  i('91', '3311', '金属结构制造', 'mfg', '钢结构', 6),
  i('91', '3360', '金属表面处理及热处理加工', 'mfg', '金属表面处理', 4),
  i('91', '3670', '汽车零部件及配件制造', 'mfg', '汽车零部件', 8),
  i('91', '3825', '光伏设备及元器件制造', 'mfg', '光伏科技', 4, '绿色新能源'),
  i('91', '3841', '锂离子电池制造', 'mfg', '新能源科技', 4, '绿色新能源'),
  i('91', '3612', '新能源车整车制造', 'mfg', '新能源汽车', 1, '绿色新能源'),
  i('91', '4416', '太阳能发电', 'energy', '新能源发电', 3, '绿色新能源'),
  i('91', '3491', '工业机器人制造', 'mfg', '机器人', 4, '数智新装备'),
  i('91', '3421', '金属切削机床制造', 'mfg', '数控机床', 3, '数智新装备'),
  i('91', '3829', '其他输配电及控制设备制造', 'mfg', '电气', 5, '数智新装备'),
  i('91', '3990', '其他电子设备制造', 'mfg', '智能装备', 5, '数智新装备'),
  i('91', '6513', '应用软件开发', 'it', '软件科技', 10, '数智新装备'),
  i('91', '6560', '信息技术咨询服务', 'it', '信息科技', 12),
  i('91', '7519', '其他技术推广服务', 'it', '科技', 30),
  i('91', '7520', '科技中介服务', 'business', '科技服务', 4),
  i('91', '5181', '贸易代理', 'retail', '贸易', 30),
  i('91', '5199', '其他未列明批发业', 'retail', '商贸', 40),
  i('91', '5193', '互联网批发', 'retail', '电子商务', 10),
  i('91', '5212', '超级市场零售', 'food_retail', '超市', 8),
  i('91', '5251', '西药零售', 'pharmacy', '大药房', 6),
  i('91', '6210', '正餐服务', 'catering', '餐饮管理', 12),
  i('91', '6220', '快餐服务', 'catering', '快餐', 6),
  i('91', '6110', '旅游饭店', 'hospitality', '酒店管理', 3),
  i('91', '6121', '经济型连锁酒店', 'hospitality', '宾馆', 3),
  i('91', '4790', '其他房屋建筑业', 'construction', '建设工程', 10),
  i('91', '4910', '电气安装', 'construction', '机电安装工程', 6),
  i('91', '5011', '公共建筑装饰和装修', 'construction', '建筑装饰工程', 10),
  i('91', '5431', '普通货物道路运输', 'transport', '物流', 12),
  i('91', '7010', '房地产开发经营', 'realestate', '房地产开发', 3),
  i('91', '7020', '物业管理', 'realestate', '物业管理', 6),
  i('91', '7212', '投资与资产管理', 'business', '投资管理', 8),
  i('91', '7241', '会计、审计及税务服务', 'business', '财务咨询', 6),
  i('91', '7243', '社会经济咨询', 'business', '企业管理咨询', 20),
  i('91', '7259', '其他广告服务', 'business', '广告', 8),
  i('91', '8040', '理发及美容服务', 'personal', '美容', 6, '美丽大健康'),
  i('91', '8111', '汽车修理与维护', 'auto', '汽车服务', 5),
  i('91', '8411', '综合医院', 'medical', '医院', 1, '美丽大健康'),
  i('91', '8415', '专科医院', 'medical', '专科医院', 1, '美丽大健康'),
  i('91', '8514', '老年人、残疾人养护服务', 'elderly', '养老服务', 2, '美丽大健康'),
  i('91', '8391', '职业技能培训', 'education', '职业技能培训', 2),
  i('91', '0151', '仁果类和核果类水果种植', 'agri', '农业发展', 2),
  // 92 个体工商户 (word = shop word)
  i('92', '6210', '正餐服务', 'catering', '饭店', 12),
  i('92', '6220', '快餐服务', 'catering', '快餐店', 10),
  i('92', '6291', '小吃服务', 'catering', '小吃店', 14),
  i('92', '6239', '其他饮料及冷饮服务', 'catering', '奶茶店', 5),
  i('92', '5291', '便利店零售', 'food_retail', '便利店', 12),
  i('92', '5223', '果品、蔬菜零售', 'food_retail', '水果店', 8),
  i('92', '5224', '肉、禽、蛋、奶及水产品零售', 'food_retail', '水产店', 6),
  i('92', '5226', '酒、饮料及茶叶零售', 'food_retail', '烟酒店', 6),
  i('92', '5274', '通信设备零售', 'retail', '手机店', 3),
  i('92', '8040', '理发及美容服务', 'personal', '理发店', 10),
  i('92', '8030', '洗染服务', 'personal', '干洗店', 2),
  i('92', '8090', '其他居民服务业', 'personal', '便民服务部', 3),
  i('92', '8010', '家庭服务', 'personal', '家政服务部', 2),
  i('92', '8111', '汽车修理与维护', 'auto', '汽车修理部', 5),
  i('92', '5012', '住宅装饰和装修', 'construction', '装潢部', 4),
  i('92', '5431', '普通货物道路运输', 'transport', '货运部', 4),
  // 93 农民专业合作社
  i('93', '0141', '蔬菜种植', 'agri', '蔬果专业合作社', 40),
  i('93', '0151', '仁果类和核果类水果种植', 'agri', '黄桃专业合作社', 30),
  i('93', '0111', '稻谷种植', 'agri', '粮食专业合作社', 30),
  // 52 社会服务机构（民办非企业单位）
  i('52', '8514', '老年人、残疾人养护服务', 'elderly', '养老院', 40),
  i('52', '8391', '职业技能培训', 'education', '职业技能培训学校', 30),
  i('52', '8393', '文化艺术培训', 'education', '艺术培训中心', 30),
  // 12 事业单位
  i('12', '8421', '社区卫生服务中心（站）', 'medical', '社区卫生服务中心', 50),
  i('12', '8310', '学前教育', 'education', '幼儿园', 50),
];

/** Share of each registration kind among subjects (before clusters and dental clinics, which are all 91). */
export const KIND_SHARES: { kind: KindCode; subjectKind: string; share: number }[] = [
  { kind: '91', subjectKind: '法人及非法人组织', share: 0.62 },
  { kind: '92', subjectKind: '个体工商户', share: 0.32 },
  { kind: '93', subjectKind: '法人及非法人组织', share: 0.02 },
  { kind: '52', subjectKind: '法人及非法人组织', share: 0.025 },
  { kind: '12', subjectKind: '法人及非法人组织', share: 0.015 },
];

/** Occupation of an employee, by the employer's sector (key occupations: 医疗, 养老, 家政, 教育, 运输, 餐饮). */
export const KEY_OCCUPATIONS: Partial<Record<Sector, [string, string]>> = {
  dental: ['口腔医师', '护士'],
  medical: ['医师', '护士'],
  elderly: ['养老护理员', '养老护理员'],
  personal: ['家政服务员', '美容美发师'],
  education: ['教师', '培训师'],
  transport: ['货车驾驶员', '道路运输从业人员'],
  catering: ['厨师', '餐饮服务员'],
};
