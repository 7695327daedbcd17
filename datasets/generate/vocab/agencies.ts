// Departments of the district, the violation domains they enforce, the licences they grant and the other
// reference lists (banks, list reasons). Pure data: the generator loads each into a temporary SQL table.
import type { Sector } from './industries';

export interface Department {
  code: string;
  name: string;
  kind: string;
  /** Body of the organisation code (8 chars); the USCC is 11 + 310120 + body + checks. */
  orgBody: string;
  /** Prefix of penalty decision numbers: {penaltyPrefix}〔2025〕123号. */
  penaltyPrefix: string;
  licensePrefix: string;
}

export const DEPARTMENTS: Department[] = [
  { code: 'FGW', name: '区发展改革委', kind: '综合协调', orgBody: '00242601', penaltyPrefix: '奉发改罚', licensePrefix: '奉发改许' },
  { code: 'SCJG', name: '区市场监管局', kind: '行政执法', orgBody: 'MB2F3126', penaltyPrefix: '沪奉市监罚', licensePrefix: '沪奉市监许' },
  { code: 'SW', name: '区税务局', kind: '行政执法', orgBody: '42502785', penaltyPrefix: '沪奉税罚', licensePrefix: '沪奉税许' },
  { code: 'WJW', name: '区卫健委', kind: '行政执法', orgBody: 'MB2F0372', penaltyPrefix: '奉卫健罚', licensePrefix: '奉卫健许' },
  { code: 'MZ', name: '区民政局', kind: '行政执法', orgBody: '00242635', penaltyPrefix: '奉民罚', licensePrefix: '奉民许' },
  { code: 'RS', name: '区人社局', kind: '行政执法', orgBody: '00242643', penaltyPrefix: '奉人社监罚', licensePrefix: '奉人社许' },
  { code: 'STHJ', name: '区生态环境局', kind: '行政执法', orgBody: 'MB2F0419', penaltyPrefix: '奉环罚', licensePrefix: '奉环许' },
  { code: 'YJ', name: '区应急管理局', kind: '行政执法', orgBody: 'MB2F0451', penaltyPrefix: '（奉）应急罚', licensePrefix: '奉应急许' },
  { code: 'XF', name: '区消防救援支队', kind: '行政执法', orgBody: 'MB2F1287', penaltyPrefix: '沪奉消行罚决字', licensePrefix: '沪奉消许' },
  { code: 'ZJW', name: '区住房城乡建设管理委', kind: '行政执法', orgBody: '00242678', penaltyPrefix: '奉建罚', licensePrefix: '奉建许' },
  { code: 'CGZF', name: '区城管执法局', kind: '行政执法', orgBody: 'MB2F0806', penaltyPrefix: '奉城管罚', licensePrefix: '奉城管许' },
  { code: 'JTW', name: '区交通委', kind: '行政执法', orgBody: '00242694', penaltyPrefix: '奉交执罚', licensePrefix: '奉交许' },
  { code: 'JYJ', name: '区教育局', kind: '行政执法', orgBody: '00242707', penaltyPrefix: '奉教罚', licensePrefix: '奉教许' },
  { code: 'NYNC', name: '区农业农村委', kind: '行政执法', orgBody: '00242715', penaltyPrefix: '奉农罚', licensePrefix: '奉农许' },
  { code: 'JW', name: '区经委', kind: '综合协调', orgBody: '00242723', penaltyPrefix: '奉经罚', licensePrefix: '奉经许' },
  { code: 'HG', name: '奉贤海关', kind: '海关', orgBody: 'MB2F5820', penaltyPrefix: '沪奉关缉违字', licensePrefix: '沪奉关许' },
  { code: 'FY', name: '区法院', kind: '司法机关', orgBody: '42500926', penaltyPrefix: '沪0120执罚', licensePrefix: '沪0120许' },
];

export interface ViolationDomain {
  /** penalties.violation_type; also the commitments.matter vocabulary. */
  type: string;
  dept: string;
  basis: string[];
  facts: string[];
  /** Inspection item (检查事项) of the same domain. */
  item: string;
}

/**
 * Departments of the key sectors (重点领域) whose penalties also come with a 法治体检书 (四书同达): market supervision,
 * ecology and environment, emergency management, fire and rescue, health — as datasets/rules/repair-district.json.
 */
export const KEY_SECTOR_DEPTS = ['SCJG', 'STHJ', 'YJ', 'XF', 'WJW'];

export const VIOLATION_DOMAINS: ViolationDomain[] = [
  { type: '食品安全', dept: 'SCJG', item: '食品经营主体日常监督检查',
    basis: ['《中华人民共和国食品安全法》第一百二十四条', '《中华人民共和国食品安全法》第一百二十六条'],
    facts: ['经营超过保质期的食品', '未按规定查验供货者的许可证和食品出厂检验合格证', '从业人员未取得健康证明从事接触直接入口食品的工作'] },
  { type: '药品安全', dept: 'SCJG', item: '药品经营质量检查',
    basis: ['《中华人民共和国药品管理法》第一百二十六条', '《药品经营和使用质量监督管理办法》第六十八条'],
    facts: ['未按规定凭处方销售处方药', '药品储存条件不符合要求'] },
  { type: '产品质量', dept: 'SCJG', item: '产品质量监督抽查',
    basis: ['《中华人民共和国产品质量法》第四十九条', '《中华人民共和国产品质量法》第五十条'],
    facts: ['生产销售不符合保障人体健康和人身、财产安全的国家标准的产品', '在产品中掺杂、掺假'] },
  { type: '特种设备', dept: 'SCJG', item: '特种设备使用单位监督检查',
    basis: ['《中华人民共和国特种设备安全法》第八十四条', '《中华人民共和国特种设备安全法》第八十三条'],
    facts: ['使用未经定期检验的特种设备', '特种设备作业人员未取得相应资格上岗作业'] },
  { type: '价格', dept: 'SCJG', item: '明码标价检查',
    basis: ['《中华人民共和国价格法》第四十二条', '《明码标价和禁止价格欺诈规定》第二十一条'],
    facts: ['未按规定明码标价', '在标价之外加价出售商品'] },
  { type: '广告', dept: 'SCJG', item: '广告发布行为检查',
    basis: ['《中华人民共和国广告法》第五十五条', '《中华人民共和国广告法》第五十八条'],
    facts: ['发布虚假广告', '广告中使用绝对化用语'] },
  { type: '医疗卫生', dept: 'WJW', item: '医疗机构依法执业检查',
    basis: ['《医疗机构管理条例》第四十六条', '《医疗机构管理条例》第四十七条', '《消毒管理办法》第四十一条'],
    facts: ['使用非卫生技术人员从事医疗卫生技术工作', '口腔诊疗器械消毒灭菌不符合规范', '诊疗活动超出登记的诊疗科目范围'] },
  { type: '公共场所卫生', dept: 'WJW', item: '公共场所卫生监督检查',
    basis: ['《公共场所卫生管理条例实施细则》第三十六条'],
    facts: ['未按规定对公共用品用具进行清洗消毒', '从业人员未取得有效健康合格证明'] },
  { type: '安全生产', dept: 'YJ', item: '安全生产执法检查',
    basis: ['《中华人民共和国安全生产法》第九十七条', '《中华人民共和国安全生产法》第一百零二条'],
    facts: ['未按规定对从业人员进行安全生产教育和培训', '未采取措施消除事故隐患'] },
  { type: '消防', dept: 'XF', item: '消防安全检查',
    basis: ['《中华人民共和国消防法》第六十条', '《中华人民共和国消防法》第六十一条'],
    facts: ['消防设施、器材未保持完好有效', '占用、堵塞、封闭疏散通道、安全出口'] },
  { type: '环境保护', dept: 'STHJ', item: '排污单位执法检查',
    basis: ['《中华人民共和国大气污染防治法》第一百零八条', '《中华人民共和国水污染防治法》第八十三条', '《排污许可管理条例》第三十四条'],
    facts: ['超过排放标准排放大气污染物', '未按照排污许可证规定排放污染物', '未落实挥发性有机物废气收集处理措施'] },
  { type: '税收', dept: 'SW', item: '纳税情况检查',
    basis: ['《中华人民共和国税收征收管理法》第六十二条', '《中华人民共和国发票管理办法》第三十五条'],
    facts: ['未按照规定期限办理纳税申报和报送纳税资料', '未按规定开具发票'] },
  { type: '劳动保障', dept: 'RS', item: '劳动用工检查',
    basis: ['《劳动保障监察条例》第二十五条', '《保障农民工工资支付条例》第五十五条'],
    facts: ['未按规定支付劳动者工资', '未按规定报送书面材料'] },
  { type: '城市管理', dept: 'CGZF', item: '市容环境卫生检查',
    basis: ['《上海市市容环境卫生管理条例》第四十七条', '《上海市生活垃圾管理条例》第五十七条'],
    facts: ['跨门营业、占道经营', '未按规定分类投放生活垃圾'] },
  { type: '建设工程', dept: 'ZJW', item: '建设工程质量安全检查',
    basis: ['《建设工程质量管理条例》第六十四条', '《建设工程安全生产管理条例》第六十二条'],
    facts: ['未按照工程建设强制性标准施工', '施工现场安全防护措施不到位'] },
  { type: '道路运输', dept: 'JTW', item: '道路运输经营检查',
    basis: ['《中华人民共和国道路运输条例》第六十三条', '《道路货物运输及站场管理规定》第六十一条'],
    facts: ['未取得道路运输经营许可擅自从事道路运输经营', '车辆未按规定进行年度审验'] },
  { type: '养老服务', dept: 'MZ', item: '养老机构服务质量检查',
    basis: ['《养老机构管理办法》第四十六条'],
    facts: ['未按规定配备养老护理人员', '未按规定建立入住老年人健康档案'] },
  { type: '教育培训', dept: 'JYJ', item: '校外培训机构检查',
    basis: ['《中华人民共和国民办教育促进法》第六十二条'],
    facts: ['超出办学许可范围开展培训', '未按规定公示收费项目'] },
  { type: '农产品质量安全', dept: 'NYNC', item: '农产品质量安全检查',
    basis: ['《中华人民共和国农产品质量安全法》第七十一条'],
    facts: ['未按规定建立农产品生产记录', '使用禁用农药'] },
  { type: '海关', dept: 'HG', item: '海关稽查',
    basis: ['《中华人民共和国海关行政处罚实施条例》第十五条'],
    facts: ['进出口货物申报不实', '未按规定办理报关手续'] },
];

/** Violation mix per sector (weights sum to 100); 'person' is the mix for natural persons (自然人). */
export const SECTOR_VIOLATIONS: Record<Sector | 'person', Record<string, number>> = {
  mfg_food: { 食品安全: 45, 安全生产: 15, 环境保护: 12, 特种设备: 10, 消防: 10, 劳动保障: 4, 税收: 4 },
  mfg_health: { 产品质量: 30, 广告: 10, 环境保护: 15, 安全生产: 15, 特种设备: 10, 消防: 10, 药品安全: 5, 税收: 5 },
  mfg: { 安全生产: 25, 环境保护: 25, 特种设备: 15, 消防: 12, 产品质量: 10, 劳动保障: 8, 海关: 3, 税收: 2 },
  energy: { 安全生产: 40, 环境保护: 30, 消防: 20, 税收: 10 },
  medical: { 医疗卫生: 60, 消防: 15, 价格: 10, 广告: 10, 税收: 5 },
  dental: { 医疗卫生: 65, 广告: 12, 价格: 10, 消防: 8, 税收: 5 },
  food_retail: { 食品安全: 50, 价格: 15, 产品质量: 10, 城市管理: 12, 消防: 8, 税收: 5 },
  retail: { 产品质量: 30, 价格: 15, 广告: 15, 税收: 25, 海关: 10, 劳动保障: 5 },
  pharmacy: { 药品安全: 55, 价格: 15, 广告: 15, 消防: 10, 税收: 5 },
  catering: { 食品安全: 50, 城市管理: 15, 消防: 12, 环境保护: 10, 价格: 8, 税收: 5 },
  hospitality: { 消防: 30, 公共场所卫生: 25, 食品安全: 20, 价格: 15, 税收: 10 },
  construction: { 建设工程: 40, 安全生产: 25, 环境保护: 15, 劳动保障: 12, 消防: 8 },
  transport: { 道路运输: 50, 安全生产: 25, 环境保护: 10, 消防: 5, 劳动保障: 10 },
  realestate: { 建设工程: 30, 价格: 20, 广告: 20, 消防: 20, 税收: 10 },
  it: { 税收: 50, 劳动保障: 25, 广告: 25 },
  business: { 税收: 50, 广告: 25, 劳动保障: 25 },
  personal: { 公共场所卫生: 30, 价格: 25, 城市管理: 25, 消防: 20 },
  auto: { 环境保护: 40, 安全生产: 20, 消防: 20, 价格: 20 },
  agri: { 农产品质量安全: 60, 环境保护: 40 },
  elderly: { 养老服务: 50, 消防: 30, 食品安全: 20 },
  education: { 教育培训: 50, 消防: 30, 价格: 20 },
  person: { 城市管理: 35, 道路运输: 15, 医疗卫生: 15, 食品安全: 15, 消防: 10, 环境保护: 10 },
};

/** Sectors supervised month by month by market supervision (risk_classes). */
export const MARKET_SUPERVISED_SECTORS: Sector[] = [
  'mfg_food', 'mfg_health', 'mfg', 'food_retail', 'retail', 'pharmacy', 'catering', 'hospitality', 'personal', 'auto',
];

export interface LicenseKind {
  sector: Sector;
  /** Only for this industry code (else every code of the sector). */
  code?: string;
  name: string;
  /** 许可类别 of the 双公示 standard. */
  category: '普通' | '特许' | '认可' | '核准' | '登记' | '其他';
  dept: string;
  content: string;
  /** Share of the sector's subjects holding it. */
  share: number;
  years: number;
  /** Prefix of the licence number. */
  noPrefix: string;
}

export const LICENSE_KINDS: LicenseKind[] = [
  { sector: 'mfg_food', name: '食品生产许可证', category: '普通', dept: 'SCJG', content: '食品生产许可（糕点、粮食加工品）', share: 0.95, years: 5, noPrefix: 'SC1013101200' },
  { sector: 'mfg_food', name: '排污许可证', category: '普通', dept: 'STHJ', content: '排污许可（简化管理）', share: 0.4, years: 5, noPrefix: '91310120PW' },
  { sector: 'mfg_health', code: '2682', name: '化妆品生产许可证', category: '普通', dept: 'SCJG', content: '化妆品生产许可（一般液态单元、膏霜乳液单元）', share: 0.95, years: 5, noPrefix: '沪妆20' },
  { sector: 'mfg_health', code: '2720', name: '药品生产许可证', category: '普通', dept: 'SCJG', content: '药品生产许可（片剂、胶囊剂）', share: 0.95, years: 5, noPrefix: '沪2026' },
  { sector: 'mfg_health', code: '2740', name: '药品生产许可证', category: '普通', dept: 'SCJG', content: '药品生产许可（中成药）', share: 0.95, years: 5, noPrefix: '沪2026' },
  { sector: 'mfg_health', code: '3581', name: '医疗器械生产许可证', category: '普通', dept: 'SCJG', content: '第二类医疗器械生产许可', share: 0.9, years: 5, noPrefix: '沪药监械生产许' },
  { sector: 'mfg_health', name: '排污许可证', category: '普通', dept: 'STHJ', content: '排污许可（重点管理）', share: 0.5, years: 5, noPrefix: '91310120PW' },
  { sector: 'mfg', name: '排污许可证', category: '普通', dept: 'STHJ', content: '排污许可（简化管理）', share: 0.45, years: 5, noPrefix: '91310120PW' },
  { sector: 'mfg', name: '特种设备使用登记证', category: '登记', dept: 'SCJG', content: '特种设备使用登记（起重机械、场（厂）内专用机动车辆）', share: 0.55, years: 4, noPrefix: '起17沪F' },
  { sector: 'energy', name: '特种设备使用登记证', category: '登记', dept: 'SCJG', content: '特种设备使用登记（压力容器）', share: 0.5, years: 4, noPrefix: '容17沪F' },
  { sector: 'medical', name: '医疗机构执业许可证', category: '普通', dept: 'WJW', content: '医疗机构执业登记（内科、外科、预防保健科）', share: 1, years: 5, noPrefix: 'PDY' },
  { sector: 'medical', name: '放射诊疗许可证', category: '普通', dept: 'WJW', content: '放射诊疗许可（X射线影像诊断）', share: 0.6, years: 5, noPrefix: '沪卫放证字' },
  { sector: 'dental', name: '医疗机构执业许可证', category: '普通', dept: 'WJW', content: '医疗机构执业登记（口腔科）', share: 1, years: 5, noPrefix: 'PDY' },
  { sector: 'dental', name: '放射诊疗许可证', category: '普通', dept: 'WJW', content: '放射诊疗许可（口腔X射线影像诊断）', share: 0.6, years: 5, noPrefix: '沪卫放证字' },
  { sector: 'food_retail', name: '食品经营许可证', category: '普通', dept: 'SCJG', content: '食品经营许可（预包装食品销售、散装食品销售）', share: 0.95, years: 5, noPrefix: 'JY13101200' },
  { sector: 'catering', name: '食品经营许可证', category: '普通', dept: 'SCJG', content: '食品经营许可（热食类食品制售）', share: 1, years: 5, noPrefix: 'JY23101200' },
  { sector: 'pharmacy', name: '药品经营许可证', category: '普通', dept: 'SCJG', content: '药品零售（处方药、甲类非处方药、乙类非处方药）', share: 1, years: 5, noPrefix: '沪CB0120' },
  { sector: 'pharmacy', name: '食品经营许可证', category: '普通', dept: 'SCJG', content: '食品经营许可（保健食品销售）', share: 0.6, years: 5, noPrefix: 'JY13101200' },
  { sector: 'hospitality', name: '公共场所卫生许可证', category: '普通', dept: 'WJW', content: '公共场所卫生许可（住宿业）', share: 1, years: 4, noPrefix: '沪卫公证字' },
  { sector: 'hospitality', name: '食品经营许可证', category: '普通', dept: 'SCJG', content: '食品经营许可（热食类食品制售）', share: 0.6, years: 5, noPrefix: 'JY23101200' },
  { sector: 'personal', code: '8040', name: '公共场所卫生许可证', category: '普通', dept: 'WJW', content: '公共场所卫生许可（美容美发场所）', share: 0.8, years: 4, noPrefix: '沪卫公证字' },
  { sector: 'construction', name: '建筑业企业资质证书', category: '认可', dept: 'ZJW', content: '施工总承包三级', share: 0.6, years: 5, noPrefix: 'D331' },
  { sector: 'construction', name: '建筑工程施工许可证', category: '普通', dept: 'ZJW', content: '建筑工程施工许可', share: 0.35, years: 1, noPrefix: '310120' },
  { sector: 'transport', name: '道路运输经营许可证', category: '普通', dept: 'JTW', content: '道路普通货物运输', share: 1, years: 6, noPrefix: '沪交运管许可奉字' },
  { sector: 'realestate', code: '7010', name: '房地产开发企业资质证书', category: '认可', dept: 'ZJW', content: '房地产开发二级资质', share: 0.9, years: 5, noPrefix: '沪房管开第' },
  { sector: 'realestate', code: '7020', name: '物业服务项目备案', category: '其他', dept: 'ZJW', content: '物业服务项目备案', share: 0.7, years: 3, noPrefix: '奉物备' },
  { sector: 'elderly', name: '养老机构备案回执', category: '其他', dept: 'MZ', content: '养老机构备案（床位 50 张）', share: 0.9, years: 5, noPrefix: '奉民养备' },
  { sector: 'education', name: '民办学校办学许可证', category: '普通', dept: 'JYJ', content: '非学历职业技能培训', share: 0.8, years: 5, noPrefix: '教民131012070' },
  { sector: 'agri', name: '农作物种子生产经营许可证', category: '普通', dept: 'NYNC', content: '农作物种子生产经营', share: 0.3, years: 5, noPrefix: 'C(沪奉)农种许字' },
  { sector: 'auto', name: '排污许可证', category: '普通', dept: 'STHJ', content: '排污登记（汽车维修）', share: 0.4, years: 5, noPrefix: '91310120PW' },
  { sector: 'it', name: '增值电信业务经营许可证', category: '特许', dept: 'JW', content: '信息服务业务（仅限互联网信息服务）', share: 0.25, years: 5, noPrefix: '沪B2-2026' },
  { sector: 'business', name: '人力资源服务许可证', category: '普通', dept: 'RS', content: '职业中介活动', share: 0.1, years: 5, noPrefix: '奉人社许字' },
  { sector: 'retail', name: '食品经营许可证', category: '普通', dept: 'SCJG', content: '食品经营许可（预包装食品销售）', share: 0.35, years: 5, noPrefix: 'JY13101200' },
  { sector: 'retail', name: '对外贸易经营者备案', category: '其他', dept: 'HG', content: '进出口货物收发货人备案', share: 0.25, years: 10, noPrefix: '3120' },
];

export const BANKS = [
  '上海农商银行奉贤支行', '中国工商银行上海市奉贤支行', '中国农业银行上海奉贤支行', '中国银行上海市奉贤支行',
  '中国建设银行上海奉贤支行', '交通银行上海奉贤支行', '上海银行奉贤支行', '浦发银行奉贤支行', '中国邮政储蓄银行上海奉贤区支行',
];

export const LOAN_PRODUCTS = ['信易贷', '银税互动贷', '科技履约贷', '沪信保', '普惠小微信用贷', '东方美谷贷'];

export const COMPLAINT_CATEGORIES = {
  dental: ['医疗服务质量', '收费价格', '虚假宣传', '服务态度'],
  general: ['食品安全', '产品质量', '价格欺诈', '虚假宣传', '服务态度'],
};

export const ABNORMAL_REASONS = ['通过登记的住所或者经营场所无法联系', '未按照规定期限公示年度报告', '公示企业信息隐瞒真实情况、弄虚作假'];
export const RED_LIST_REASONS: Record<string, string[]> = {
  红名单: ['上海市诚信示范企业', '奉贤区守信激励对象'],
  表彰: ['奉贤区"东方美谷"优秀企业', '奉贤区安全生产先进单位', '奉贤区和谐劳动关系达标企业'],
  专精特新: ['上海市专精特新中小企业', '国家级专精特新"小巨人"企业'],
  AEO高级认证: ['海关高级认证企业'],
};
