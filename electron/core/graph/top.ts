// Most-connected persons and subjects, and firms grouped at one registered address or phone.
import type { ClusterRow, GraphFilter, TopRow } from '../../../shared/contract/graph';
import type { Workspace } from '../workspace';
import { ensureGraph, type ProgressFn } from './build';
import { presentNodes } from './present';
import { EDGE_CODE, edgeFilterSql, listInForceSql, statusDate } from './sql';

const RELATION_KINDS = ['legal_rep', 'shareholder', 'officer'] as const;

/**
 * Degree = distinct nodes linked by relations (法定代表人/股东/高管) passing the filter: for a person, the firms it
 * represents, holds or serves; for a subject, its persons and related companies. Ties (same address/phone) are not
 * counted here: address clusters list them.
 */
export async function topConnected(
  ws: Workspace,
  input: { kind: 'subject' | 'person'; filter?: GraphFilter; limit?: number },
  options: { unmask?: boolean; signal?: AbortSignal; progress?: ProgressFn } = {},
): Promise<TopRow[]> {
  await ensureGraph(ws, options.signal, options.progress);
  const limit = input.limit ?? 50;
  const kinds = (input.filter?.kinds ?? [...RELATION_KINDS]).filter((k) => (RELATION_KINDS as readonly string[]).includes(k));
  if (!kinds.length) return [];
  const filter: GraphFilter = { ...input.filter, kinds };
  return ws.withConnection(async (conn) => {
    await conn.run(`CREATE OR REPLACE TEMP TABLE _t_deg AS
      SELECT x.src AS nid, x.deg, x.subjects FROM (
        SELECT a.src, count(DISTINCT a.dst)::INTEGER AS deg, count(DISTINCT a.dst) FILTER (WHERE a.dst_kind = 0)::INTEGER AS subjects
        FROM graph_adj a WHERE ${edgeFilterSql(filter, 'a')} GROUP BY a.src) x
      JOIN graph_nodes g ON g.nid = x.src WHERE g.kind = '${input.kind}'
      ORDER BY x.deg DESC, x.subjects DESC, g.node_key LIMIT ${limit}`);
    await conn.run(`CREATE OR REPLACE TEMP TABLE _t_keep AS
      SELECT g.nid, g.node_key, g.kind, g.label, g.degree, g.status, 0 AS hop, NULL::VARCHAR AS parent_key, false AS capped,
        row_number() OVER (ORDER BY d.deg DESC, d.subjects DESC, g.node_key) AS ord
      FROM _t_deg d JOIN graph_nodes g ON g.nid = d.nid`);
    const nodes = await presentNodes(conn, '_t_keep', { statusDate: statusDate(input.filter), unmask: !!options.unmask });
    const deg = new Map(
      (await conn.all<{ node_key: string; deg: number; subjects: number }>(
        `SELECT g.node_key, d.deg, d.subjects FROM _t_deg d JOIN _t_keep g ON g.nid = d.nid`,
      )).map((r) => [r.node_key, r]),
    );
    return nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      label: n.label,
      degree: Number(deg.get(n.id)?.deg ?? 0),
      subjects: Number(deg.get(n.id)?.subjects ?? 0),
      lists: n.lists,
    }));
  }, options.signal);
}

/** Hubs (shared registered address or phone) with at least minFirms firms, largest first. */
export async function clusters(
  ws: Workspace,
  input: { kind?: 'address' | 'phone'; minFirms?: number; limit?: number; asOf?: string },
  options: { signal?: AbortSignal; progress?: ProgressFn } = {},
): Promise<ClusterRow[]> {
  await ensureGraph(ws, options.signal, options.progress);
  const kind = input.kind ?? 'address';
  const minFirms = input.minFirms ?? 5;
  const limit = input.limit ?? 100;
  const asOf = input.asOf ?? statusDate();
  return ws.withConnection(async (conn) => {
    await conn.run(`CREATE OR REPLACE TEMP TABLE _k_hubs AS
      SELECT nid, node_key, label, degree FROM graph_nodes WHERE kind = '${kind}' AND degree >= ${minFirms}
      ORDER BY degree DESC, node_key LIMIT ${limit}`);
    await conn.run(`CREATE OR REPLACE TEMP TABLE _k_members AS
      SELECT a.src AS hub, g.node_key AS uscc, g.label AS name FROM graph_adj a JOIN _k_hubs h ON a.src = h.nid
      JOIN graph_nodes g ON g.nid = a.dst WHERE a.kind = ${kind === 'address' ? EDGE_CODE.same_address : EDGE_CODE.same_phone}`);
    const rows = await conn.all<{ nid: number; node_key: string; label: string; degree: number; listed: number; sample: { uscc: string; name: string }[] }>(`
      SELECT h.nid, h.node_key, h.label, h.degree,
        (SELECT count(DISTINCT m.uscc) FROM _k_members m JOIN credit_lists l ON l.uscc = m.uscc
          WHERE m.hub = h.nid AND l.list_type IN ('严重失信主体名单', '经营异常名录', '失信被执行人') AND ${listInForceSql(asOf)}) AS listed,
        (SELECT list({'uscc': uscc, 'name': name} ORDER BY name, uscc)[1:5] FROM _k_members m WHERE m.hub = h.nid) AS sample
      FROM _k_hubs h ORDER BY h.degree DESC, h.node_key`);
    return rows.map((r) => ({
      id: r.node_key,
      kind,
      label: r.label,
      firms: Number(r.degree),
      listedFirms: Number(r.listed),
      sample: (r.sample ?? []).map((s) => ({ uscc: String(s.uscc), name: String(s.name ?? '') })),
    }));
  }, options.signal);
}
