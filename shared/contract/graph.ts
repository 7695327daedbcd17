// Calls of the graph capability (关系挖掘): build the relationship graph, ego networks, paths, components,
// most-connected lists, address/phone clusters and blacklist exposure.
import { z } from 'zod';
import { defineCall } from './define';

export const EDGE_KINDS = ['legal_rep', 'shareholder', 'officer', 'same_address', 'same_phone'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];
export const NODE_KINDS = ['subject', 'person', 'address', 'phone'] as const;
/** subject 主体 (square), person 自然人 (circle), address / phone: hub nodes that stand for a shared registered
 *  address or phone (all firms sharing it link to the hub instead of to each other). */
export type NodeKind = (typeof NODE_KINDS)[number];

export interface GraphNode {
  /** USCC for subjects, person_id (salted hash) for persons, 'A:…' / 'T:…' for address / phone hubs. */
  id: string;
  kind: NodeKind;
  /** Subject name; person name masked (张*) unless an unmask grant is active; hub: the address / masked phone. */
  label: string;
  /** Hops from the centre (ego) or position on the path; a hub has the hop of the firms reached through it. */
  hop: number;
  /** The node this one was reached from (null for the centre). */
  parent: string | null;
  /** Distinct neighbours in the whole graph (all dates); for hubs the number of firms sharing it. */
  degree: number;
  /** 名单 in force on the as-of date (严重失信主体名单 / 经营异常名录 / 失信被执行人 …). */
  lists: string[];
  /** Latest credit grade (A–D) when an evaluation run exists. */
  grade: string | null;
  /** Registration status of a subject (存续/注销/吊销). */
  status: string | null;
  /** For hubs: traversal stops here because more firms share it than maxHubSize. */
  capped?: boolean;
}

export interface GraphEdge {
  id: string;
  /** Person, shareholder company or subject (for ties) … */
  source: string;
  /** … → the subject (for ties: the hub). */
  target: string;
  role: EdgeKind;
  /** Chinese label with share, e.g. 股东 35%. */
  roleLabel: string;
  sharePct: number | null;
  startDate: string | null;
  endDate: string | null;
}

export interface GraphView {
  center: string | null;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Nodes reached but not returned (the cap keeps the most relevant first). */
  truncated: number;
  /** Nodes reached per hop (index 0 = the centre), before the cap. */
  reachedByHop: number[];
  graphVersion: number;
  elapsedMs: number;
}

export interface PathResult {
  found: boolean;
  /** Hops from source to target (a pass through an address/phone hub is one hop); null when not found. */
  length: number | null;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Nodes visited by the search (both directions). */
  explored: number;
  maxHops: number;
  elapsedMs: number;
}

export interface BuildResult {
  mode: 'unchanged' | 'incremental' | 'full';
  version: number;
  nodes: number;
  subjects: number;
  persons: number;
  hubs: number;
  /** Logical edges (each stored in both directions). */
  edges: number;
  addedEdges: number;
  removedEdges: number;
  /** Relations rows skipped: unknown role, or no person / related subject. */
  skippedRelations: number;
  elapsedMs: number;
}

export interface ComponentRow {
  /** Id of the component's representative node (its smallest internal id). */
  id: string;
  label: string;
  size: number;
  subjects: number;
  persons: number;
}

export interface ComponentsResult {
  components: number;
  /** Components with at least two nodes. */
  nonTrivial: number;
  largest: number;
  /** Singletons: subjects with no relation at all. */
  singletons: number;
  iterations: number;
  top: ComponentRow[];
  /** Size histogram: size bucket (1, 2, 3–5, 6–10, 11–50, 51–100, 101+) → number of components. */
  histogram: { bucket: string; count: number }[];
  cached: boolean;
  elapsedMs: number;
}

export interface TopRow {
  id: string;
  kind: NodeKind;
  label: string;
  degree: number;
  /** Distinct subjects linked (for persons: firms they represent, hold or serve). */
  subjects: number;
  lists: string[];
}

export interface ClusterRow {
  id: string;
  kind: 'address' | 'phone';
  label: string;
  firms: number;
  /** Firms of the cluster in force on any blacklist (严重失信/经营异常/失信被执行人). */
  listedFirms: number;
  sample: { uscc: string; name: string }[];
}

export interface ExposureSummary {
  runId: string;
  asOf: string;
  subjects: number;
  /** Subjects with at least one listed node within 2 hops. */
  exposed: number;
  black: number;
  abnormal: number;
  dishonest: number;
  /** Subjects by nearest distance to a listed node (1, 2, 3). */
  byDistance: { distance: number; subjects: number }[];
  listedNodes: number;
  maxHubSize: number;
  graphVersion: number;
  reused: boolean;
  elapsedMs: number;
}

export interface ExposureRow {
  uscc: string;
  name: string | null;
  selfListed: string[];
  blackWithin2: number;
  abnormalWithin2: number;
  dishonestWithin2: number;
  nearestDistance: number | null;
}

export interface ExposureHit {
  uscc: string;
  nodeId: string;
  nodeKind: 'subject' | 'person';
  label: string;
  listType: string;
  inDate: string | null;
  distance: number;
}

export interface ExposureDetail {
  runId: string;
  asOf: string;
  row: ExposureRow | null;
  hits: ExposureHit[];
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const nodeId = z.string().trim().min(1).max(100);

/** Which edges a traversal may use. Dates: asOf = relations in force that day (start ≤ day < end);
 *  dateFrom/dateTo = relations in force at some time in the period. Ties (same address/phone) carry no dates. */
export const graphFilterSchema = z
  .object({
    kinds: z.array(z.enum(EDGE_KINDS)).min(1).max(5).optional(),
    asOf: isoDate.optional(),
    dateFrom: isoDate.optional(),
    dateTo: isoDate.optional(),
    /** Hubs shared by more firms than this are shown but not passed through (集中登记地). */
    maxHubSize: z.number().int().min(2).max(100_000).optional(),
  })
  .strict();
export type GraphFilter = z.infer<typeof graphFilterSchema>;

export const graphCalls = {
  'graph.build': defineCall<BuildResult>()(z.object({ full: z.boolean().optional() }).strict(), {
    description: '构建或增量更新关系图谱（主体、自然人、同地址、同电话）',
    long: true,
  }),
  'graph.ego': defineCall<GraphView>()(
    z
      .object({
        center: nodeId,
        hops: z.number().int().min(1).max(3).optional(),
        limit: z.number().int().min(1).max(5000).optional(),
        filter: graphFilterSchema.optional(),
      })
      .strict(),
    { description: '关联网络：以一个主体或自然人为中心的 1–3 度关系', long: true },
  ),
  'graph.path': defineCall<PathResult>()(
    z
      .object({
        source: nodeId,
        target: nodeId,
        maxHops: z.number().int().min(1).max(10).optional(),
        filter: graphFilterSchema.optional(),
      })
      .strict(),
    { description: '两个主体之间的最短关联路径', long: true },
  ),
  'graph.components': defineCall<ComponentsResult>()(
    z
      .object({ filter: graphFilterSchema.optional(), limit: z.number().int().min(1).max(1000).optional() })
      .strict(),
    { description: '连通分量（关联集团）及规模', long: true },
  ),
  'graph.top': defineCall<TopRow[]>()(
    z
      .object({
        kind: z.enum(['subject', 'person']),
        filter: graphFilterSchema.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    { description: '关联最多的主体或自然人（度数排行）', long: true },
  ),
  'graph.addressClusters': defineCall<ClusterRow[]>()(
    z
      .object({
        kind: z.enum(['address', 'phone']).optional(),
        minFirms: z.number().int().min(2).max(100_000).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    { description: '同一注册地址（或电话）下的企业聚集', long: true },
  ),
  'graph.exposure': defineCall<ExposureSummary>()(
    z
      .object({
        asOf: isoDate.optional(),
        maxHubSize: z.number().int().min(2).max(100_000).optional(),
        /** Reuse a stored run for the same date and graph version (default true). */
        reuse: z.boolean().optional(),
      })
      .strict(),
    { description: '失信关联风险：2 度内的黑名单、经营异常、失信被执行人及最近距离', long: true },
  ),
  'graph.exposureOf': defineCall<ExposureDetail>()(
    z.object({ uscc: nodeId, runId: z.string().min(1).max(100).optional() }).strict(),
    { description: '单个主体的关联风险及证据' },
  ),
  'graph.exposureList': defineCall<{ runId: string; asOf: string; total: number; rows: ExposureRow[] }>()(
    z
      .object({
        runId: z.string().min(1).max(100).optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    { description: '关联风险最高的主体列表' },
  ),
};
