// Precomputed positions for the relationship graph (ECharts draws them with layout:'none', so nothing moves and
// 1,500 nodes render at once). Pure functions: nodes + edges → {x, y} per id.
//
// Radial tree: a breadth-first tree from the root(s) (a node's `parent` when it is known and present, else the
// first neighbour found one ring closer); each ring is a circle; every subtree gets an angular sector in
// proportion to its number of leaves, so branches never cross. Rings grow with the number of nodes on them so
// neighbours stay at least `spacing` apart. Nodes not connected to a root go on one outer ring.

export interface LayoutNode {
  id: string;
  parent?: string | null;
  kind?: string;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

export interface Point {
  x: number;
  y: number;
}

export interface RadialOptions {
  /** Distance between rings (default 120). */
  ringGap?: number;
  /** Minimum arc length between neighbours on a ring (default 28). */
  spacing?: number;
}

export function radialLayout(nodes: LayoutNode[], edges: LayoutEdge[], roots: string[], options: RadialOptions = {}): Map<string, Point> {
  const ringGap = options.ringGap ?? 120;
  const spacing = options.spacing ?? 28;
  const ids = new Set(nodes.map((n) => n.id));
  const adj = new Map<string, string[]>();
  for (const n of nodes) adj.set(n.id, []);
  for (const e of edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || e.source === e.target) continue;
    adj.get(e.source)!.push(e.target);
    adj.get(e.target)!.push(e.source);
  }
  for (const list of adj.values()) list.sort();

  // Breadth-first tree from the roots.
  const depth = new Map<string, number>();
  const parent = new Map<string, string | null>();
  const queue: string[] = [];
  for (const r of roots) {
    if (ids.has(r) && !depth.has(r)) {
      depth.set(r, 0);
      parent.set(r, null);
      queue.push(r);
    }
  }
  if (!queue.length && nodes.length) {
    depth.set(nodes[0]!.id, 0);
    parent.set(nodes[0]!.id, null);
    queue.push(nodes[0]!.id);
  }
  const declared = new Map(nodes.map((n) => [n.id, n.parent ?? null]));
  for (let i = 0; i < queue.length; i++) {
    const u = queue[i]!;
    for (const v of adj.get(u)!) {
      if (depth.has(v)) continue;
      depth.set(v, depth.get(u)! + 1);
      // Prefer the parent the server recorded (most relevant tie) when it sits one ring closer.
      const p = declared.get(v);
      parent.set(v, p && depth.get(p) === depth.get(u) ? p : u);
      queue.push(v);
    }
  }

  const children = new Map<string, string[]>();
  for (const id of queue) children.set(id, []);
  for (const id of queue) {
    const p = parent.get(id);
    if (p) children.get(p)!.push(id);
  }
  const leaves = new Map<string, number>();
  for (let i = queue.length - 1; i >= 0; i--) {
    const id = queue[i]!;
    const kids = children.get(id)!;
    leaves.set(id, kids.length ? kids.reduce((s, k) => s + leaves.get(k)!, 0) : 1);
  }

  // Ring radii: at least ringGap apart, and large enough for the ring's node count.
  const perRing = new Map<number, number>();
  for (const id of queue) perRing.set(depth.get(id)!, (perRing.get(depth.get(id)!) ?? 0) + 1);
  const maxDepth = Math.max(0, ...perRing.keys());
  const radius: number[] = [0];
  for (let d = 1; d <= maxDepth + 1; d++) {
    const needed = ((perRing.get(d) ?? 0) * spacing) / (2 * Math.PI);
    radius[d] = Math.max(radius[d - 1]! + ringGap, needed);
  }

  const pos = new Map<string, Point>();
  const rootIds = queue.filter((id) => parent.get(id) === null);
  // Several roots share the full circle like children of a virtual centre.
  const total = rootIds.reduce((s, r) => s + leaves.get(r)!, 0);
  let start = -Math.PI / 2;
  for (const r of rootIds) {
    const span = (2 * Math.PI * leaves.get(r)!) / total;
    place(r, start, span);
    start += span;
  }

  function place(id: string, from: number, span: number): void {
    const d = depth.get(id)!;
    const mid = from + span / 2;
    const r = d === 0 && rootIds.length === 1 ? 0 : d === 0 ? radius[1]! / 2 : radius[d]!;
    pos.set(id, { x: round(r * Math.cos(mid)), y: round(r * Math.sin(mid)) });
    let at = from;
    for (const k of children.get(id)!) {
      const s = (span * leaves.get(k)!) / leaves.get(id)!;
      place(k, at, s);
      at += s;
    }
  }

  // Nodes with no path to a root (e.g. left over after a filter): one outer ring.
  const rest = nodes.filter((n) => !pos.has(n.id));
  if (rest.length) {
    const r = Math.max(radius[maxDepth + 1]!, (rest.length * spacing) / (2 * Math.PI));
    rest.forEach((n, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / rest.length;
      pos.set(n.id, { x: round(r * Math.cos(a)), y: round(r * Math.sin(a)) });
    });
  }
  return pos;
}

/**
 * A path from left to right as a gentle zigzag (every other node a little lower), so the picture has height and
 * ECharts' fit-to-box does not blow the symbols up; hubs sit lower still, between the two firms they join.
 */
export function pathLayout(nodes: LayoutNode[], gap = 160): Map<string, Point> {
  const pos = new Map<string, Point>();
  nodes.forEach((n, i) => pos.set(n.id, { x: i * gap, y: n.kind === 'address' || n.kind === 'phone' ? 90 : i % 2 ? 50 : 0 }));
  return pos;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
