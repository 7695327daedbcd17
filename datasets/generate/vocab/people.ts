// Vocabulary for natural persons: names, ID areas, mobile prefixes. Pure data.

/** Family names, common ones repeated so a uniform pick follows a realistic frequency (Shanghai mix). */
export const SURNAMES = [
  '张', '张', '张', '王', '王', '王', '李', '李', '陈', '陈', '刘', '徐', '徐', '沈', '沈', '朱', '朱', '陆', '陆', '顾',
  '顾', '周', '周', '吴', '吴', '杨', '黄', '赵', '孙', '胡', '钱', '金', '姚', '蔡', '蒋', '唐', '许', '何', '高', '郭',
  '马', '林', '罗', '郑', '谢', '宋', '曹', '袁', '邓', '冯', '潘', '范', '汪', '倪', '卫', '戴', '夏', '施', '龚', '邵',
  '丁', '秦', '方', '程', '叶', '褚', '奚', '盛', '俞', '严', '孔', '季', '费', '瞿', '毛', '傅', '韩', '彭', '田', '董',
  '欧阳', '司马', '诸葛', '上官',
];

export const MALE_GIVEN = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宇', '浩',
  '凯', '健', '俊', '帆', '旭', '宁', '龙', '林', '峰', '建', '国', '文', '志', '海', '东', '晨', '阳', '亮', '骏', '锋',
];

export const FEMALE_GIVEN = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '玲', '燕', '萍', '婷', '雪', '慧', '红', '琳', '莉', '洁', '倩', '颖',
  '梅', '晶', '丹', '佳', '欣', '怡', '悦', '蕾', '瑶', '璐', '雯', '菲', '蓉', '晓', '月', '琴', '英', '兰', '凤', '珍',
];

/**
 * Address codes of ID numbers (GB/T 2260). 310120 奉贤区 dominates; 310226 is the code of the former 奉贤县, still
 * on the cards of people born there before 2001; the rest are other Shanghai districts. Repeats encode weights.
 */
export const ID_AREAS = [
  ...Array(11).fill('310120'), ...Array(3).fill('310226'),
  '310115', '310112', '310104', '310110', '310116', '310117',
] as string[];

/** Mainland mobile prefixes (13x/15x/18x). */
export const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158',
  '159', '180', '181', '182', '183', '185', '186', '187', '188', '189',
];

/** Landline prefixes of Fengxian (021-57xx / 67xx / 37xx exchanges). */
export const LANDLINE_PREFIXES = ['021-5716', '021-5717', '021-5742', '021-6710', '021-6715', '021-3736', '021-3365'];
