// Fengxian geography for addresses: towns (from shared/domain/enums.ts) with weights and a few roads each.
import { TOWNS } from '../../../shared/domain/enums';

type Town = (typeof TOWNS)[number];

export interface TownInfo {
  town: Town;
  /** Relative share of registered subjects. */
  weight: number;
  /** Share of the "registration address" clusters (园区注册地址) sited in the town. */
  clusterWeight: number;
  /** Exactly four roads each, so SQL can index roads[town * 4 + k]. */
  roads: [string, string, string, string];
}

export const TOWN_INFO: TownInfo[] = [
  { town: '南桥镇', weight: 22, clusterWeight: 15, roads: ['解放东路', '南桥路', '环城东路', '江海路'] },
  { town: '奉城镇', weight: 10, clusterWeight: 15, roads: ['南奉公路', '新奉公路', '城中路', '洪庙路'] },
  { town: '庄行镇', weight: 5, clusterWeight: 0, roads: ['北石路', '浦秀路', '庄良路', '长堤路'] },
  { town: '金汇镇', weight: 8, clusterWeight: 5, roads: ['大叶公路', '金斗路', '齐贤路', '光明路'] },
  { town: '四团镇', weight: 6, clusterWeight: 0, roads: ['川南奉公路', '平海路', '团新路', '四团路'] },
  { town: '青村镇', weight: 7, clusterWeight: 5, roads: ['钱桥路', '青港路', '奉柘公路', '青村路'] },
  { town: '柘林镇', weight: 6, clusterWeight: 0, roads: ['奉柘公路', '胡桥路', '新寺路', '柘林路'] },
  { town: '海湾镇', weight: 5, clusterWeight: 15, roads: ['海兴路', '随塘河路', '五四公路', '海湾路'] },
  { town: '西渡街道', weight: 6, clusterWeight: 0, roads: ['西闸公路', '浦星公路', '沪闵公路', '西渡路'] },
  { town: '奉浦街道', weight: 6, clusterWeight: 0, roads: ['奉浦大道', '肖塘路', '八字桥路', '航南公路'] },
  { town: '金海街道', weight: 7, clusterWeight: 15, roads: ['金海公路', '望园南路', '育秀路', '金钱公路'] },
  { town: '海湾旅游区', weight: 3, clusterWeight: 0, roads: ['海思路', '海韵路', '碧海路', '海湾大道'] },
  { town: '奉贤经济开发区', weight: 9, clusterWeight: 30, roads: ['汇丰北路', '汇丰西路', '金钱公路', '新杨公路'] },
];

/** Characters for firm trade names (字号): two are drawn per firm. */
export const TRADE_CHARS = [
  '华', '鑫', '丰', '盛', '泰', '隆', '宏', '达', '信', '诚', '恒', '远', '祥', '瑞', '嘉', '和', '兴', '旺', '永', '安',
  '德', '聚', '通', '汇', '创', '锦', '鼎', '昌', '佳', '鸿', '海', '金', '宝', '利', '合', '贤', '美', '谷', '润', '禾',
  '源', '晟', '启', '博', '睿', '腾', '凯', '沛',
];
