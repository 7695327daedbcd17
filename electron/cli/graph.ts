// cws graph <ws> --subject <USCC> [--hops N] [--limit N] [--kinds k1,k2] [--as-of YYYY-MM-DD] [--to <USCC>] [--build]
//   ego network (default), or the shortest path with --to, or just (re)build the graph with --build.
//   --json → {"nodes":[{"id","kind","label",...}],"edges":[{"source","target","role",...}],"truncated":n}
import type { CliCommand } from './command';
import { invokeCancellable } from './command';
import { CoreError } from '../core/errors';
import { parseInteger } from './init';
import { EDGE_KINDS, type BuildResult, type EdgeKind, type GraphFilter, type GraphView, type PathResult } from '../../shared/contract/graph';
import { RELATION_ROLE_LABELS } from '../../shared/domain/enums';

export const graphCommand: CliCommand = {
  name: 'graph',
  usage:
    'cws graph <ws> --subject <代码> [--hops 1-3] [--limit N] [--kinds legal_rep,shareholder,…] [--as-of YYYY-MM-DD] [--to <代码>] [--build]   关系图谱：关联网络 / 最短路径 / 构建',
  options: {
    subject: { type: 'string' },
    hops: { type: 'string' },
    limit: { type: 'string' },
    kinds: { type: 'string' },
    'as-of': { type: 'string' },
    to: { type: 'string' },
    build: { type: 'boolean' },
    full: { type: 'boolean' },
  },
  needsWorkspace: true,
  async run(core, args, io) {
    const v = args.values;
    if (v.build) {
      return { build: await invokeCancellable(core!, 'graph.build', { full: !!v.full }, io) };
    }
    const subject = v.subject as string | undefined;
    if (!subject) throw new CoreError('BAD_INPUT', '请用 --subject 给出中心主体的统一社会信用代码，例如：cws graph w.duckdb --subject 91310120MA1G00012X');
    const filter: GraphFilter = {};
    const asOf = v['as-of'] as string | undefined;
    if (asOf !== undefined) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new CoreError('BAD_INPUT', `--as-of 应为 YYYY-MM-DD；收到：${asOf}`);
      filter.asOf = asOf;
    }
    if (v.kinds !== undefined) {
      const kinds = String(v.kinds).split(',').map((k) => k.trim()).filter(Boolean);
      const bad = kinds.filter((k) => !(EDGE_KINDS as readonly string[]).includes(k));
      if (bad.length || !kinds.length) {
        throw new CoreError('BAD_INPUT', `--kinds 只能取 ${EDGE_KINDS.join(', ')}，以逗号分隔；收到：${String(v.kinds)}`);
      }
      filter.kinds = kinds as EdgeKind[];
    }
    const hasFilter = Object.keys(filter).length > 0;
    if (v.to) {
      const path = await invokeCancellable(
        core!,
        'graph.path',
        { source: subject, target: String(v.to), ...(hasFilter ? { filter } : {}) },
        io,
      );
      return io.json
        ? { nodes: path.nodes, edges: path.edges, truncated: 0, found: path.found, length: path.length }
        : { ...path, truncated: 0 };
    }
    const hops = v.hops !== undefined ? parseInteger(String(v.hops), '--hops') : 2;
    if (hops < 1 || hops > 3) throw new CoreError('BAD_INPUT', `--hops 只能是 1、2 或 3；收到：${hops}`);
    const limit = v.limit !== undefined ? parseInteger(String(v.limit), '--limit') : undefined;
    const view = await invokeCancellable(core!, 'graph.ego', { center: subject, hops, ...(limit ? { limit } : {}), ...(hasFilter ? { filter } : {}) }, io);
    // --json prints exactly the documented object; people also get the per-hop counts.
    return io.json ? { nodes: view.nodes, edges: view.edges, truncated: view.truncated } : view;
  },
  format(r) {
    const x = r as Partial<GraphView & PathResult> & { build?: BuildResult };
    if (x.build) {
      const b = x.build;
      const mode = { unchanged: '无变化', incremental: '增量更新', full: '全量构建' }[b.mode];
      return `关系图谱${mode}（版本 ${b.version}，用时 ${(b.elapsedMs / 1000).toFixed(1)} 秒）：主体 ${b.subjects}，自然人 ${b.persons}，地址/电话聚合点 ${b.hubs}，关系 ${b.edges}（新增 ${b.addedEdges}，删除 ${b.removedEdges}）`;
    }
    const nodes = x.nodes ?? [];
    const label = new Map(nodes.map((n) => [n.id, n.label]));
    const lines: string[] = [];
    if ('found' in x && x.found !== undefined) {
      if (!x.found) return `在 ${x.maxHops} 度以内没有找到关联路径（共搜索 ${x.explored} 个节点）。`;
      lines.push(`最短路径 ${x.length} 度：${nodes.map((n) => n.label).join(' → ')}`);
    } else {
      lines.push(`节点 ${nodes.length}，关系 ${(x.edges ?? []).length}${x.truncated ? `，更多未显示 ${x.truncated}` : ''}`);
      for (const n of nodes) {
        const kind = { subject: '主体', person: '自然人', address: '同地址', phone: '同电话' }[n.kind];
        lines.push(`${'  '.repeat(n.hop)}${kind} ${n.label}${n.kind === 'subject' ? ` ${n.id}` : ''}${n.lists.length ? ` [${n.lists.join('、')}]` : ''}`);
      }
    }
    for (const e of x.edges ?? []) {
      lines.push(`  ${label.get(e.source)} —${e.roleLabel || RELATION_ROLE_LABELS[e.role]}→ ${label.get(e.target)}${e.endDate ? `（至 ${e.endDate}）` : ''}`);
    }
    return lines.join('\n');
  },
};
