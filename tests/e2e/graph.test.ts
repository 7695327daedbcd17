// 关系图谱 in headless Chromium against the served page: a subject whose legal representative represents several
// firms, found by search, drawn as its ego network with exactly the nodes and relations graph.ego gives (persons
// masked); a click on a node expands it; the edge-type and time filters; the shortest path to a firm with the same
// legal representative; PNG export; the 排行与聚集 and 失信关联风险 tabs against the calls behind them; and the
// "更多未显示" control, absent under the cap and showing the cut once a shareholder of many firms is added.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, STEP_TIMEOUT, inkedPixels } from './browser';
import { servedDemo } from './fixture';
import { callCore } from './fixture-runs';
import { openApp, pickHit } from './ui';
import type { RunningServer } from '../../electron/serve';
import type { Workspace } from '../../electron/core/workspace';
import type { GraphFilter, GraphView } from '../../shared/contract/graph';

let browser: Browser;
let server: RunningServer;
let ws: Workspace;
let page: Page;
let errors: string[];

/** The page's first load: 2 hops, at most 300 nodes (model.ts FIRST_LIMIT). */
const HOPS = 2;
const FIRST_LIMIT = 300;
/** A click on a node loads its 1-hop network, at most 200 nodes (model.ts EXPAND_LIMIT). */
const EXPAND_LIMIT = 200;

interface Firm {
  uscc: string;
  name: string;
  person_id: string;
}
/** The centre: its legal representative represents ≥ 3 firms; its network has relations of several kinds, one
 *  ended, and nodes with further relations to expand. */
let subject: Firm;
/** Another firm with the same legal representative and no direct relation to the centre. */
let other: Firm;
let egoAll: GraphView;

const ego = (center: string, filter?: GraphFilter, limit = FIRST_LIMIT, hops = HOPS) =>
  callCore(server, 'graph.ego', { center, hops, limit, ...(filter ? { filter } : {}) });

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

beforeAll(async () => {
  server = (await servedDemo(2000)).server;
  ws = await server.core.session.workspace();
  const firms = await ws.all<Firm>(
    `WITH reps AS (SELECT person_id FROM relations WHERE role = 'legal_rep' AND end_date IS NULL
                   GROUP BY 1 HAVING count(DISTINCT uscc) >= 3)
     SELECT r.uscc, s.name, r.person_id FROM relations r JOIN reps USING (person_id) JOIN subjects s ON s.uscc = r.uscc
     WHERE r.role = 'legal_rep' AND r.end_date IS NULL ORDER BY r.uscc`,
  );
  const today = localToday();
  for (const f of firms) {
    const v = await ego(f.uscc);
    const roles = new Set(v.edges.map((e) => e.role));
    const ended = v.edges.some((e) => e.endDate && e.endDate <= today);
    if (v.truncated || v.nodes.length > 60 || !ended || !roles.has('shareholder') || !roles.has('legal_rep')) continue;
    // Something beyond the second ring, so expanding a node adds to the picture.
    if ((await ego(f.uscc, undefined, FIRST_LIMIT, 3)).reachedByHop.length <= 3) continue;
    const partner = await ws.one<Firm>(
      `SELECT r.uscc, s.name, r.person_id FROM relations r JOIN subjects s ON s.uscc = r.uscc
       WHERE r.role = 'legal_rep' AND r.end_date IS NULL AND r.person_id = ? AND r.uscc <> ?
         AND NOT EXISTS (SELECT 1 FROM relations x WHERE (x.uscc = ? AND x.related_uscc = r.uscc) OR (x.uscc = r.uscc AND x.related_uscc = ?))
       ORDER BY r.uscc LIMIT 1`,
      [f.person_id, f.uscc, f.uscc, f.uscc],
    );
    if (!partner) continue;
    subject = f;
    other = partner;
    egoAll = v;
    break;
  }
  expect(subject, 'the demo has a firm whose legal representative represents ≥ 3 firms').toBeDefined();
  browser = await launchBrowser();
  ({ page, errors } = await openApp(browser, server));
  await page.getByTestId('nav').getByText('关系图谱').click();
  await page.getByTestId('page-graph').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Node and relation counts from the view card's title (节点 N，关系 M). */
async function shownCounts(): Promise<{ nodes: number; edges: number } | null> {
  const title = await page.getByTestId('graph-view').locator('.ant-card-head-title').innerText().catch(() => '');
  const m = /节点\s*([\d,]+)，关系\s*([\d,]+)/.exec(title);
  return m ? { nodes: Number(m[1]!.replace(/,/g, '')), edges: Number(m[2]!.replace(/,/g, '')) } : null;
}

/** Node and edge ids the chart draws, sorted. */
async function drawnIds(): Promise<{ nodes: string[]; edges: string[]; names: Record<string, string> }> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="graph-chart"]') as HTMLElement & { __cwsChart?: any };
    const s = el.__cwsChart.getOption().series[0];
    const nodes = (s.data as { id: string; name: string }[]).map((d) => d.id).sort();
    const names: Record<string, string> = {};
    for (const d of s.data as { id: string; name: string }[]) names[d.id] = d.name;
    return { nodes, edges: (s.links as { id: string }[]).map((l) => l.id).sort(), names };
  });
}

const idsOf = (v: Pick<GraphView, 'nodes' | 'edges'>) => ({
  nodes: v.nodes.map((n) => n.id).sort(),
  edges: v.edges.map((e) => e.id).sort(),
});

/** Waits until the page shows exactly this network: the counts in the title and the ids on the chart. */
async function expectShown(v: Pick<GraphView, 'nodes' | 'edges'>): Promise<void> {
  await expect.poll(shownCounts, { timeout: 60_000, interval: 200 }).toEqual({ nodes: v.nodes.length, edges: v.edges.length });
  const drawn = await drawnIds();
  expect({ nodes: drawn.nodes, edges: drawn.edges }).toEqual(idsOf(v));
}


/** Page coordinates of the drawn nodes (through the chart's view transform). */
async function nodePoints(): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="graph-chart"]') as HTMLElement & { __cwsChart?: any };
    const chart = el.__cwsChart;
    const ids = (chart.getOption().series[0].data as { id: string }[]).map((d) => d.id);
    const data = chart.getModel().getSeriesByIndex(0).getData();
    const box = el.getBoundingClientRect();
    const out: Record<string, { x: number; y: number }> = {};
    ids.forEach((id, i) => {
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, data.getItemLayout(i)) as [number, number];
      out[id] = { x: box.left + x, y: box.top + y };
    });
    return out;
  });
}

async function openCenter(firm: { uscc: string; name: string }): Promise<void> {
  await page.getByTestId('graph-center-search').locator('input').fill(firm.name);
  await pickHit(page, 'graph-center-search', firm.uscc);
}

describe('关系图谱 page', () => {
  it('draws the ego network of a searched subject with the nodes and relations graph.ego gives, persons masked', async () => {
    await openCenter(subject);
    await expectShown(egoAll);
    expect(await inkedPixels(page, 'graph-chart')).toBeGreaterThan(2_000);
    // Legal representative and the other firms they represent are in the picture.
    const ids = new Set(egoAll.nodes.map((n) => n.id));
    expect(ids.has(subject.person_id)).toBe(true);
    expect(ids.has(other.uscc)).toBe(true);
    // Persons are masked on the chart and nowhere on the page in full.
    const { names } = await drawnIds();
    const persons = egoAll.nodes.filter((n) => n.kind === 'person');
    expect(persons.length).toBeGreaterThan(0);
    for (const p of persons) expect(names[p.id]).toContain('*');
    const rep = await ws.scalar<string | null>('SELECT name FROM persons WHERE person_id = ?', [subject.person_id]);
    if (rep && rep.length > 1) {
      expect(Object.values(names)).not.toContain(rep);
      expect(await page.getByTestId('page-graph').innerText()).not.toContain(rep);
    }
    // Under the cap: no "更多未显示".
    expect(egoAll.truncated).toBe(0);
    expect(await page.getByTestId('graph-more').count()).toBe(0);
    await page.waitForTimeout(200);
    await screenshot(page, 'graph-ego');
  });

  it('expands a clicked node with its 1-hop network', async () => {
    const known = new Set(egoAll.nodes.map((n) => n.id));
    const points = await nodePoints();
    // A node (not the centre, not a capped hub) whose own network reaches beyond what is shown, drawn apart from
    // the others so the click lands on it.
    let best: { id: string; view: GraphView; gap: number } | null = null;
    for (const n of egoAll.nodes) {
      if (n.id === egoAll.center || n.capped || n.hop < 1) continue;
      const view = await ego(n.id, undefined, Math.min(EXPAND_LIMIT, 1500 - egoAll.nodes.length + 1), 1);
      if (!view.nodes.some((x) => !known.has(x.id))) continue;
      const p = points[n.id]!;
      const gap = Math.min(...Object.entries(points).filter(([id]) => id !== n.id).map(([, q]) => Math.hypot(q.x - p.x, q.y - p.y)));
      if (!best || gap > best.gap) best = { id: n.id, view, gap };
    }
    expect(best, 'a node of the network has relations beyond it').not.toBeNull();
    const { id, view } = best!;
    const p = points[id]!;
    await page.mouse.click(p.x, p.y);
    const label = egoAll.nodes.find((n) => n.id === id)!.label;
    await expect.poll(() => page.getByTestId('graph-node-details').innerText(), { timeout: STEP_TIMEOUT }).toContain(label);
    // What the page should show: everything before plus the node's network (edges between shown nodes only).
    const nodes = [...egoAll.nodes, ...view.nodes.filter((n) => !known.has(n.id))];
    const nodeIds = new Set(nodes.map((n) => n.id));
    const edgeIds = new Set(egoAll.edges.map((e) => e.id));
    const edges = [...egoAll.edges, ...view.edges.filter((e) => !edgeIds.has(e.id) && nodeIds.has(e.source) && nodeIds.has(e.target))];
    expect(nodes.length).toBeGreaterThan(egoAll.nodes.length);
    await expectShown({ nodes, edges });
    await screenshot(page, 'graph-expanded');
  });

  it('drops the unchecked edge type and then relations not in force on the day', async () => {
    // Unchecking 股东 reloads the centre's network without shareholdings.
    await page.getByTestId('graph-kinds').getByText('股东', { exact: true }).click();
    const noShares = await ego(subject.uscc, { kinds: ['legal_rep', 'officer', 'same_address', 'same_phone'] });
    await expectShown(noShares);
    expect(noShares.edges.every((e) => e.role !== 'shareholder')).toBe(true);
    const shareIds = new Set(egoAll.edges.filter((e) => e.role === 'shareholder').map((e) => e.id));
    expect(shareIds.size).toBeGreaterThan(0);
    expect((await drawnIds()).edges.filter((e) => shareIds.has(e))).toEqual([]);
    await page.getByTestId('graph-kinds').getByText('股东', { exact: true }).click();
    await expectShown(egoAll);

    // 某日在任 (the day defaults to today): relations ended by then are gone.
    await page.getByTestId('graph-time').getByText('某日在任').click();
    const asOf = await page.getByTestId('graph-asof').inputValue();
    expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const inForce = await ego(subject.uscc, { asOf });
    await expectShown(inForce);
    const ended = egoAll.edges.filter((e) => e.endDate && e.endDate <= asOf).map((e) => e.id);
    expect(ended.length).toBeGreaterThan(0);
    expect((await drawnIds()).edges.filter((e) => ended.includes(e))).toEqual([]);
    expect(inForce.edges.length).toBeLessThan(egoAll.edges.length);
    await screenshot(page, 'graph-filtered');
    await page.getByTestId('graph-time').getByText('全部时间').click();
    await expectShown(egoAll);
  });

  it('finds the shortest path to a firm with the same legal representative', async () => {
    // The centre is selected after a load: make it the start, the other firm the end.
    await page.getByTestId('graph-set-source').click();
    await page.getByTestId('graph-target-search').locator('input').fill(other.name);
    await pickHit(page, 'graph-target-search', other.uscc);
    await page.getByTestId('graph-find-path').click();
    const result = page.getByTestId('graph-path-result');
    await result.waitFor({ timeout: 60_000 });
    const path = await callCore(server, 'graph.path', { source: subject.uscc, target: other.uscc, maxHops: 6 });
    // Firm → shared legal representative → firm: 2 hops (no direct relation between the two, by the choice).
    expect(path.found).toBe(true);
    expect(path.length).toBe(2);
    const text = await result.innerText();
    expect(text).toContain(`最短路径 ${path.length} 度`);
    expect(text).toContain(`${subject.name} → `);
    expect(text).toContain(` → ${other.name}`);
    // The middle node is a person (masked) or a shared address / phone hub.
    if (path.nodes[1]!.kind === 'person') expect(path.nodes[1]!.label).toContain('*');
    expect(text).toContain(path.nodes[1]!.label);
    const drawn = await drawnIds();
    expect(drawn.nodes).toEqual(path.nodes.map((n) => n.id).sort());
    await screenshot(page, 'graph-path');
    await page.getByTestId('graph-back-network').click();
    await expectShown(egoAll);
  });

  it('exports the chart as a PNG file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('graph-export-png').click()]);
    expect(download.suggestedFilename()).toMatch(/^关系图谱-.+\.png$/);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(bytes.length).toBeGreaterThan(10_000);
  });

  it('lists the most-connected persons and subjects and the address clusters of graph.top / graph.addressClusters; a row opens its network', async () => {
    await page.locator('.ant-tabs-tab', { hasText: '排行与聚集' }).click();
    const rows = (testId: string) => page.getByTestId(testId).locator('.ant-table-tbody tr.ant-table-row');
    const cells = async (testId: string, cols: number[]) =>
      (await rows(testId).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())))).map((r) =>
        cols.map((c) => r[c]),
      );
    const persons = await callCore(server, 'graph.top', { kind: 'person', limit: 20 });
    const subjects = await callCore(server, 'graph.top', { kind: 'subject', limit: 20 });
    const clusters = await callCore(server, 'graph.addressClusters', { kind: 'address', minFirms: 5, limit: 50 });
    await expect.poll(() => rows('graph-top-persons').count(), { timeout: 60_000 }).toBe(persons.length);
    await expect.poll(() => rows('graph-top-subjects').count(), { timeout: 60_000 }).toBe(subjects.length);
    await expect.poll(() => rows('graph-clusters').count(), { timeout: 60_000 }).toBe(Math.min(10, clusters.length));
    expect(await cells('graph-top-persons', [0, 1])).toEqual(persons.map((r) => [r.label, String(r.subjects)]));
    expect(await cells('graph-top-subjects', [0, 1])).toEqual(subjects.map((r) => [r.label, String(r.degree)]));
    expect(await cells('graph-clusters', [0, 1])).toEqual(clusters.slice(0, 10).map((r) => [r.label, String(r.firms)]));
    // By hand: the first person is linked to as many firms as anyone in relations; names are masked.
    const most = Number(await ws.scalar(`SELECT max(n) FROM (SELECT count(DISTINCT uscc) AS n FROM relations WHERE person_id IS NOT NULL GROUP BY person_id)`));
    expect(persons[0]!.subjects).toBe(most);
    for (const p of persons) expect(p.label).toContain('*');
    // Every listed cluster has at least 5 firms, the largest first.
    expect(clusters.length).toBeGreaterThan(0);
    expect(clusters.every((c, i) => c.firms >= 5 && (i === 0 || clusters[i - 1]!.firms >= c.firms))).toBe(true);
    await screenshot(page, 'graph-rank');
    // A click on a subject opens its network.
    await rows('graph-top-subjects').first().click();
    await page.locator('.ant-tabs-tab-active', { hasText: '关联网络' }).waitFor();
    await expectShown(await ego(subjects[0]!.id));
  });

  it('shows the exposure rows of graph.exposureList after a run', async () => {
    await page.locator('.ant-tabs-tab', { hasText: '失信关联风险' }).click();
    const asOf = await page.getByTestId('graph-exposure-asof').inputValue();
    await page.getByTestId('graph-exposure-run').click();
    const table = page.getByTestId('graph-exposure-table');
    await table.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 90_000 });
    // The same date and graph: the run the page made is reused.
    const summary = await callCore(server, 'graph.exposure', { asOf });
    expect(summary.reused).toBe(true);
    const list = await callCore(server, 'graph.exposureList', { runId: summary.runId, offset: 0, limit: 20 });
    expect(list.total).toBeGreaterThan(0);
    const shown = await table.locator('.ant-table-tbody tr.ant-table-row').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
    );
    // Columns: expand icon, 主体, 自身在列, 严重失信, 经营异常, 失信被执行人, 最近距离.
    expect(shown.map((r) => r.slice(1))).toEqual(
      list.rows.map((r) => [
        r.name ?? r.uscc,
        r.selfListed.join(''),
        String(r.blackWithin2),
        String(r.abnormalWithin2),
        String(r.dishonestWithin2),
        r.nearestDistance === null ? '—' : `${r.nearestDistance} 度`,
      ]),
    );
    expect(await page.getByTestId('graph-exposure').innerText()).toContain(`有关联风险的主体（${list.total.toLocaleString('zh-CN')}）`);
    await screenshot(page, 'graph-exposure');
  });

  it('shows "更多未显示" with the cut when a network exceeds the cap, and more on request', async () => {
    // A shareholder of 350 firms (none in the demo reaches the 300-node first load within 2 hops): any of those
    // firms reaches the other 349 through that person.
    await ws.run(
      `INSERT INTO relations (uscc, role, person_id, share_pct, start_date)
       SELECT uscc, 'shareholder', 'P_E2E_HUB', 1, DATE '2020-01-01' FROM subjects ORDER BY uscc LIMIT 350`,
    );
    const hub = (await ws.one<{ uscc: string; name: string }>(`SELECT uscc, name FROM subjects ORDER BY uscc LIMIT 1`))!;
    await page.locator('.ant-tabs-tab', { hasText: '关联网络' }).click();
    await openCenter(hub);
    const first = await ego(hub.uscc);
    expect(first.nodes.length).toBe(FIRST_LIMIT);
    // By hand: at least the other 349 firms are within 2 hops, so at least 350 + 1 (the person) - 300 are cut.
    expect(first.truncated).toBeGreaterThanOrEqual(51);
    await expectShown(first);
    const more = page.getByTestId('graph-more');
    await expect.poll(() => more.innerText().catch(() => ''), { timeout: STEP_TIMEOUT }).toContain(`更多未显示 ${first.truncated.toLocaleString('zh-CN')}`);
    await screenshot(page, 'graph-more');
    await page.getByTestId('graph-show-more').click();
    const second = await ego(hub.uscc, undefined, FIRST_LIMIT + 300);
    await expectShown(second);
    if (second.truncated) expect(await more.innerText()).toContain(`更多未显示 ${second.truncated.toLocaleString('zh-CN')}`);
    else expect(await more.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
