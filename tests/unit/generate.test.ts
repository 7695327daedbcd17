// The seeded demo generator: valid codes, proportions, the patterns later features rely on, determinism and
// referential integrity, on real (temporary) workspaces.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { CoreError } from '../../electron/core/errors';
import { generateDemo } from '../../datasets/generate';
import { CANONICAL_TABLES } from '../../shared/domain/tables';
import { validateUscc } from '../../shared/domain/uscc';
import { maskIdNumber, validateIdNumber } from '../../shared/domain/idcard';

const SCALE = 2000;
const SEED = 7;
const SLOW = 180_000;

let dir: string;
const opened: Workspace[] = [];

async function freshWorkspace(name: string): Promise<Workspace> {
  const ws = await openWorkspace(path.join(dir, `${name}.duckdb`), { create: true });
  opened.push(ws);
  return ws;
}

async function generated(name: string, scale: number, seed: number): Promise<Workspace> {
  const ws = await freshWorkspace(name);
  await generateDemo(ws, { scale, seed });
  return ws;
}

async function count(ws: Workspace, sql: string): Promise<number> {
  return Number(await ws.scalar(sql));
}

/** Columns holding a person_id: the salted key differs per workspace, so fingerprints use the ID number instead. */
const PERSON_KEY_COLUMNS = new Set(['person_id', 'legal_rep_person_id']);

/** Order-independent hash of every canonical table, with person keys replaced by the persons' ID numbers. */
async function fingerprint(ws: Workspace): Promise<Record<string, string>> {
  const parts = await ws.all<{ name: string; h: string }>(
    CANONICAL_TABLES.map((t) => {
      const cols = t.columns.map((c) =>
        PERSON_KEY_COLUMNS.has(c.name) ? `(SELECT k.id_number FROM persons k WHERE k.person_id = t."${c.name}")` : `t."${c.name}"`,
      );
      return `SELECT '${t.name}' AS name, count(*)::VARCHAR || ':' || coalesce(sum(hash(${cols.join(', ')})::HUGEINT), 0)::VARCHAR AS h FROM main."${t.name}" t`;
    }).join(' UNION ALL '),
  );
  return Object.fromEntries(parts.map((p) => [p.name, p.h]));
}

/** Repair tier of a penalty row by the Order 36 typology (types first, then the fine against the 较小/巨额 lines). */
const TIER_SQL = `CASE
  WHEN penalty_types SIMILAR TO '.*(吊销|责令关闭|限制从业|限制开展生产经营活动).*' OR fine_wan >= 100 THEN '严重'
  WHEN penalty_types SIMILAR TO '.*(没收|停产停业|暂扣|降低资质).*'
    OR fine_wan >= CASE WHEN subject_kind = '自然人' THEN 0.1 ELSE 1 END THEN '一般'
  ELSE '轻微' END`;

let ws: Workspace;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cws-generate-'));
  ws = await generated('main', SCALE, SEED);
}, SLOW);

afterAll(() => {
  for (const w of opened) w.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('codes', () => {
  it('gives every subject and department a valid, unique USCC of district 310120', async () => {
    expect(await count(ws, `SELECT count(*) FROM subjects WHERE uscc_reason(uscc) IS NOT NULL`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM departments WHERE uscc_reason(uscc) IS NOT NULL`)).toBe(0);
    expect(await count(ws, `SELECT count(*) - count(DISTINCT uscc) FROM subjects`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM subjects WHERE substr(uscc, 3, 6) <> '310120'`)).toBe(0);
    // the TypeScript check agrees with the SQL macro
    const codes = await ws.all<{ uscc: string }>(`SELECT uscc FROM subjects UNION ALL SELECT uscc FROM departments`);
    expect(codes.filter((c) => !validateUscc(c.uscc).valid)).toEqual([]);
    const prefixes = await ws.all<{ p: string }>(`SELECT DISTINCT substr(uscc, 1, 2) AS p FROM subjects ORDER BY p`);
    expect(prefixes.map((r) => r.p)).toEqual(['12', '52', '91', '92', '93']);
  });

  it('gives every person a valid, unique ID number and keys/masks it with the workspace macros', async () => {
    expect(await count(ws, `SELECT count(*) FROM persons WHERE id_reason(id_number) IS NOT NULL`)).toBe(0);
    expect(await count(ws, `SELECT count(*) - count(DISTINCT id_number) FROM persons`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM persons WHERE person_id <> person_key(id_number) OR id_masked <> mask_id(id_number)`)).toBe(0);
    const people = await ws.all<{ id_number: string; id_masked: string }>(`SELECT id_number, id_masked FROM persons`);
    expect(people.filter((p) => !validateIdNumber(p.id_number).valid)).toEqual([]);
    expect(people.filter((p) => maskIdNumber(p.id_number) !== p.id_masked)).toEqual([]);
    expect(await count(ws, `SELECT count(*) FROM persons WHERE substr(id_number, 7, 4)::INT NOT BETWEEN 1950 AND 2000`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM persons WHERE NOT starts_with(id_number, '31')`)).toBe(0);
  });

  it('keeps raw ID numbers inside persons only', async () => {
    expect(await count(ws, `SELECT count(*) FROM penalties p JOIN persons x ON p.id_masked = x.id_number`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM penalties WHERE person_id IS NOT NULL AND id_masked NOT LIKE '______********____'`)).toBe(0);
  });
});

describe('proportions', () => {
  it('fills every canonical table with batch_id demo, in realistic proportion to the scale', async () => {
    const rows: Record<string, number> = {};
    for (const t of CANONICAL_TABLES) {
      rows[t.name] = await count(ws, `SELECT count(*) FROM ${t.name}`);
      expect(rows[t.name], t.name).toBeGreaterThan(0);
      expect(await count(ws, `SELECT count(*) FROM ${t.name} WHERE batch_id IS DISTINCT FROM 'demo'`), t.name).toBe(0);
    }
    const ratio = (t: string) => rows[t]! / SCALE;
    expect(rows.subjects).toBe(SCALE);
    expect(ratio('persons')).toBeCloseTo(1.2, 1);
    expect(ratio('relations')).toBeGreaterThan(1.8);
    expect(ratio('relations')).toBeLessThan(2.6);
    expect(ratio('licenses')).toBeGreaterThan(0.8);
    expect(ratio('licenses')).toBeLessThan(1.3);
    expect(ratio('penalties')).toBeGreaterThan(0.25);
    expect(ratio('penalties')).toBeLessThan(0.35);
    expect(ratio('credit_lists')).toBeGreaterThan(0.03);
    expect(ratio('credit_lists')).toBeLessThan(0.12);
    expect(ratio('commitments')).toBeGreaterThan(0.2);
    expect(ratio('commitments')).toBeLessThan(0.4);
    expect(ratio('repairs')).toBeGreaterThan(0.015);
    expect(ratio('repairs')).toBeLessThan(0.05);
    expect(ratio('obligations')).toBeGreaterThan(2);
    expect(ratio('obligations')).toBeLessThanOrEqual(4);
    expect(ratio('inspections')).toBeGreaterThan(0.4);
    expect(ratio('inspections')).toBeLessThan(0.6);
    expect(ratio('financing')).toBeGreaterThan(0.03);
    expect(ratio('financing')).toBeLessThan(0.07);
    expect(ratio('complaints')).toBeLessThan(0.05);
  });

  it('uses the district towns, mostly active subjects and the four featured industries', async () => {
    const towns = await ws.all<{ town: string }>(`SELECT DISTINCT town FROM subjects`);
    expect(towns.length).toBe(13);
    expect(await count(ws, `SELECT count(*) FROM subjects WHERE NOT starts_with(address, '上海市奉贤区' || town)`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FILTER (WHERE status = '存续') * 1.0 / count(*) FROM subjects`)).toBeGreaterThan(0.85);
    expect(await count(ws, `SELECT count(DISTINCT status) FROM subjects`)).toBe(3);
    expect(await count(ws, `SELECT count(DISTINCT featured_industry) FROM subjects`)).toBe(4);
    expect(await count(ws, `SELECT count(*) FROM subjects WHERE established_date NOT BETWEEN DATE '1995-01-01' AND DATE '2026-11-20'`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM subjects WHERE NOT regexp_full_match(phone, '1[358][0-9]{9}|021-[0-9]{8}')`)).toBe(0);
  });
});

describe('dates', () => {
  it('records nothing after the data end date except validity and term ends', async () => {
    const future = new Set(['term_end_date', 'valid_to_date', 'validity_date', 'publish_end_date']);
    const late: string[] = [];
    for (const t of CANONICAL_TABLES) {
      for (const c of t.columns.filter((col) => col.type === 'DATE' && !future.has(col.name))) {
        if (await count(ws, `SELECT count(*) FROM ${t.name} WHERE "${c.name}" > DATE '2026-11-20'`)) late.push(`${t.name}.${c.name}`);
      }
    }
    expect(late).toEqual([]);
  });
});

describe('patterns', () => {
  it('has registration-address clusters of 10–40 firms and phones shared by several firms', async () => {
    const biggest = await count(ws, `SELECT max(c) FROM (SELECT count(*) AS c FROM subjects GROUP BY address)`);
    expect(biggest).toBeGreaterThanOrEqual(10);
    expect(biggest).toBeLessThanOrEqual(40);
    expect(await count(ws, `SELECT count(*) FROM (SELECT phone FROM subjects GROUP BY phone HAVING count(*) >= 3)`)).toBeGreaterThan(0);
  });

  it('has persons representing five or more firms, with the representative name on the subject', async () => {
    expect(await count(ws, `SELECT count(*) FROM (SELECT legal_rep_person_id FROM subjects GROUP BY 1 HAVING count(*) >= 5)`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) FROM subjects s JOIN persons p ON p.person_id = s.legal_rep_person_id WHERE p.name <> s.legal_rep_name`)).toBe(0);
  });

  it('keeps shareholdings at most 100 % per firm and has officers, ended relations and firm shareholders', async () => {
    expect(await count(ws, `SELECT count(*) FROM (SELECT uscc FROM relations WHERE role = 'shareholder' GROUP BY uscc HAVING sum(share_pct) > 100.0001)`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM relations WHERE role = 'officer'`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) FROM relations WHERE end_date IS NOT NULL`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) FROM relations WHERE end_date <= start_date`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM relations WHERE role = 'shareholder' AND related_uscc IS NOT NULL`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) FROM (SELECT uscc FROM relations WHERE role = 'legal_rep' AND end_date IS NULL GROUP BY uscc HAVING count(*) <> 1)`)).toBe(0);
  });

  it('has blacklisted persons who represent firms that are not listed themselves', async () => {
    const exposed = await count(ws, `
      SELECT count(DISTINCT l.person_id) FROM credit_lists l JOIN subjects s ON s.legal_rep_person_id = l.person_id
      WHERE l.list_type IN ('失信被执行人', '严重失信主体名单') AND NOT EXISTS (SELECT 1 FROM credit_lists x WHERE x.uscc = s.uscc)`);
    expect(exposed).toBeGreaterThan(0);
  });

  it('has every list type, some removed entries, and the court as authority of 失信被执行人', async () => {
    const types = await ws.all<{ list_type: string }>(`SELECT DISTINCT list_type FROM credit_lists ORDER BY 1`);
    expect(types.map((t) => t.list_type).sort()).toEqual(
      ['AEO高级认证', 'A级纳税人', '专精特新', '严重失信主体名单', '失信被执行人', '红名单', '经营异常名录', '表彰'].sort(),
    );
    expect(await count(ws, `SELECT count(*) FROM credit_lists WHERE out_date IS NOT NULL AND out_date > in_date`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) FROM credit_lists WHERE out_date <= in_date`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM credit_lists WHERE list_type = '失信被执行人' AND authority <> '区法院'`)).toBe(0);
  });

  it('has penalties of all three tiers before and after 2026-04-01, including natural persons', async () => {
    const cells = await ws.all<{ tier: string; after: boolean; n: number }>(`
      SELECT ${TIER_SQL} AS tier, decision_date >= DATE '2026-04-01' AS after, count(*) AS n FROM penalties GROUP BY ALL`);
    for (const tier of ['轻微', '一般', '严重']) {
      for (const after of [false, true]) {
        expect(cells.find((c) => c.tier === tier && c.after === after)?.n ?? 0, `${tier} ${after}`).toBeGreaterThan(0);
      }
    }
    expect(await count(ws, `SELECT count(*) FROM penalties WHERE decision_date NOT BETWEEN DATE '2023-01-01' AND DATE '2026-11-20'`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM penalties WHERE subject_kind = '自然人' AND person_id IS NOT NULL AND uscc IS NULL`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) FROM penalties WHERE subject_kind = '自然人' AND (person_id IS NULL OR uscc IS NOT NULL)`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM penalties WHERE penalty_types SIMILAR TO '.*[；、，].*'`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) - count(DISTINCT decision_no) FROM penalties`)).toBe(0);
    const types = await ws.all<{ v: string }>(`SELECT DISTINCT violation_type AS v FROM penalties`);
    for (const v of ['特种设备', '安全生产', '消防', '食品安全', '医疗卫生', '环境保护', '价格', '广告']) {
      expect(types.map((t) => t.v)).toContain(v);
    }
  });

  it('reports most penalties within 7 working days and delivers most documents with the decision', async () => {
    const share = (sql: string) => count(ws, `SELECT avg(CASE WHEN ${sql} THEN 1.0 ELSE 0 END) FROM penalties`);
    expect(await share(`reported_date - decision_date <= 9`)).toBeGreaterThan(0.7);
    expect(await share(`reported_date - decision_date > 11`)).toBeGreaterThan(0.03);
    expect(await share(`doc_decision_date = decision_date`)).toBeGreaterThan(0.8);
    expect(await share(`doc_decision_date = decision_date AND doc_compliance_date = decision_date AND doc_repair_notice_date = decision_date`)).toBeGreaterThan(0.25);
    expect(await share(`doc_compliance_date > decision_date`)).toBeGreaterThan(0);
    expect(await share(`doc_repair_notice_date IS NULL`)).toBeGreaterThan(0);
    expect(await share(`doc_checkup_date IS NOT NULL`)).toBeGreaterThan(0);
  });

  it('has commitments of all four types and statuses, with broken dates only on broken ones', async () => {
    expect(await count(ws, `SELECT count(DISTINCT commitment_type) FROM commitments`)).toBe(4);
    expect(await count(ws, `SELECT count(DISTINCT status) FROM commitments`)).toBe(3);
    expect(await count(ws, `SELECT count(*) FROM commitments WHERE (status = 'broken') <> (broken_date IS NOT NULL)`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM commitments WHERE broken_date NOT BETWEEN made_date AND term_end_date`)).toBe(0);
  });

  it('has unbroken commitments whose subject was penalised for the same matter within the term', async () => {
    const unrecorded = await count(ws, `
      SELECT count(DISTINCT c.commitment_id) FROM commitments c
      JOIN penalties p ON p.uscc = c.uscc AND p.violation_type = c.matter AND p.decision_date BETWEEN c.made_date AND c.term_end_date
      WHERE c.status IN ('pending', 'kept')`);
    expect(unrecorded).toBeGreaterThanOrEqual(10);
  });

  it('has repairs of real penalties with same-day, slow and unfinished cases', async () => {
    expect(await count(ws, `SELECT count(*) FROM repairs WHERE finished_date = accepted_date`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) FROM repairs WHERE finished_date - accepted_date > 9`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) FROM repairs WHERE finished_date IS NULL`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) FROM repairs r JOIN penalties p USING (decision_no, uscc) WHERE r.applied_date <= p.decision_date`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM repairs WHERE accepted_date < applied_date OR finished_date < accepted_date`)).toBe(0);
  });

  it('has consecutive months of arrears and all tax grades', async () => {
    const streaks = await count(ws, `
      SELECT count(*) FROM (
        SELECT uscc, kind, arrears_wan > 0 AS a, lag(arrears_wan > 0, 1) OVER w AS a1, lag(arrears_wan > 0, 2) OVER w AS a2
        FROM obligations WINDOW w AS (PARTITION BY uscc, kind ORDER BY period)) WHERE a AND a1 AND a2`);
    expect(streaks).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(DISTINCT tax_grade) FROM obligations WHERE kind = 'tax'`)).toBe(5);
    expect(await count(ws, `SELECT count(*) FROM obligations WHERE kind <> 'tax' AND tax_grade IS NOT NULL`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM obligations WHERE abs(due_wan - paid_wan - arrears_wan) > 0.0001`)).toBe(0);
    expect(await count(ws, `SELECT count(DISTINCT period) FROM obligations`)).toBe(12);
    expect(await count(ws, `SELECT count(DISTINCT kind) FROM obligations`)).toBe(4);
  });

  it('has dental clinics (口腔医疗, code 8425) with licences, ratings for 2024 and 2025, and complaints', async () => {
    const dental = `SELECT uscc FROM subjects WHERE industry_name = '口腔医疗' AND industry_code = '8425'`;
    expect(await count(ws, `SELECT count(*) FROM (${dental})`)).toBeGreaterThanOrEqual(10);
    expect(await count(ws, `SELECT count(*) FROM subjects WHERE (industry_name = '口腔医疗') <> (industry_code = '8425')`)).toBe(0);
    expect(await count(ws, `SELECT count(*) FROM industry_ratings WHERE industry = '口腔医疗' AND uscc NOT IN (${dental})`)).toBe(0);
    const periods = await ws.all<{ period: string }>(`SELECT DISTINCT period FROM industry_ratings WHERE industry = '口腔医疗' ORDER BY 1`);
    expect(periods.map((p) => p.period)).toEqual(['2024', '2025']);
    expect(await count(ws, `SELECT count(*) FROM industry_ratings WHERE score NOT BETWEEN 0 AND 100 OR rating NOT IN ('A', 'B', 'C', 'D')`)).toBe(0);
    expect(await count(ws, `SELECT count(DISTINCT rating) FROM industry_ratings WHERE industry = '口腔医疗'`)).toBeGreaterThanOrEqual(3);
    expect(await count(ws, `SELECT count(*) FROM licenses WHERE license_name = '医疗机构执业许可证' AND uscc IN (${dental})`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) FROM licenses WHERE license_name = '医疗机构执业许可证' AND valid_to_date < DATE '2026-11-20'`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) FROM complaints WHERE uscc IN (${dental})`)).toBeGreaterThan(0);
    expect(await count(ws, `SELECT count(*) FROM penalties WHERE uscc IN (${dental}) AND violation_type = '医疗卫生' AND authority <> '区卫健委'`)).toBe(0);
  });

  it('has inspections, risk classes (at most one per subject and month) and financing in all variants', async () => {
    expect(await count(ws, `SELECT count(DISTINCT result) FROM inspections`)).toBe(3);
    expect(await count(ws, `SELECT count(DISTINCT random_draw) FROM inspections`)).toBe(2);
    expect(await count(ws, `SELECT count(*) FROM (SELECT uscc, period FROM risk_classes GROUP BY ALL HAVING count(*) > 1)`)).toBe(0);
    expect(await count(ws, `SELECT count(DISTINCT risk_class) FROM risk_classes`)).toBe(4);
    expect(await count(ws, `SELECT count(DISTINCT credit_based) FROM financing`)).toBe(2);
  });
});

describe('referential integrity', () => {
  it('links every row to existing subjects, persons, penalties and departments', async () => {
    const orphans: Record<string, string> = {
      'penalties.uscc': `SELECT count(*) FROM penalties WHERE uscc IS NOT NULL AND uscc NOT IN (SELECT uscc FROM subjects)`,
      'penalties.person_id': `SELECT count(*) FROM penalties WHERE person_id IS NOT NULL AND person_id NOT IN (SELECT person_id FROM persons)`,
      'penalties.authority_uscc': `SELECT count(*) FROM penalties WHERE authority_uscc NOT IN (SELECT uscc FROM departments)`,
      'subjects.legal_rep_person_id': `SELECT count(*) FROM subjects WHERE legal_rep_person_id NOT IN (SELECT person_id FROM persons)`,
      'relations.uscc': `SELECT count(*) FROM relations WHERE uscc NOT IN (SELECT uscc FROM subjects)`,
      'relations.person_id': `SELECT count(*) FROM relations WHERE person_id IS NOT NULL AND person_id NOT IN (SELECT person_id FROM persons)`,
      'relations.related_uscc': `SELECT count(*) FROM relations WHERE related_uscc IS NOT NULL AND related_uscc NOT IN (SELECT uscc FROM subjects)`,
      'relations one end': `SELECT count(*) FROM relations WHERE (person_id IS NULL) = (related_uscc IS NULL)`,
      'repairs.decision_no': `SELECT count(*) FROM repairs r WHERE NOT EXISTS (SELECT 1 FROM penalties p WHERE p.decision_no = r.decision_no AND p.uscc = r.uscc)`,
      'licenses.uscc': `SELECT count(*) FROM licenses WHERE uscc NOT IN (SELECT uscc FROM subjects)`,
      'licenses.authority_uscc': `SELECT count(*) FROM licenses WHERE authority_uscc NOT IN (SELECT uscc FROM departments)`,
      'credit_lists subject': `SELECT count(*) FROM credit_lists WHERE (uscc IS NULL) = (person_id IS NULL)`,
      'credit_lists.uscc': `SELECT count(*) FROM credit_lists WHERE uscc IS NOT NULL AND uscc NOT IN (SELECT uscc FROM subjects)`,
      'credit_lists.person_id': `SELECT count(*) FROM credit_lists WHERE person_id IS NOT NULL AND person_id NOT IN (SELECT person_id FROM persons)`,
      'persons.employer_uscc': `SELECT count(*) FROM persons WHERE employer_uscc IS NOT NULL AND employer_uscc NOT IN (SELECT uscc FROM subjects)`,
      ...Object.fromEntries(
        ['commitments', 'obligations', 'inspections', 'industry_ratings', 'risk_classes', 'complaints', 'financing'].map((t) => [
          `${t}.uscc`,
          `SELECT count(*) FROM ${t} WHERE uscc NOT IN (SELECT uscc FROM subjects)`,
        ]),
      ),
    };
    const found: Record<string, number> = {};
    for (const [name, sql] of Object.entries(orphans)) found[name] = await count(ws, sql);
    expect(found).toEqual(Object.fromEntries(Object.keys(orphans).map((k) => [k, 0])));
  });

  it('keeps natural keys unique', async () => {
    for (const t of CANONICAL_TABLES) {
      const key = t.key.map((k) => `"${k}"`).join(', ');
      expect(await count(ws, `SELECT count(*) FROM (SELECT ${key} FROM ${t.name} GROUP BY ALL HAVING count(*) > 1)`), t.name).toBe(0);
    }
  });
});

describe('determinism and control', () => {
  it('gives identical tables for the same seed and different ones for another seed', async () => {
    const again = await generated('same-seed', SCALE, SEED);
    const other = await generated('other-seed', SCALE, SEED + 1);
    const [a, b, c] = await Promise.all([fingerprint(ws), fingerprint(again), fingerprint(other)]);
    expect(b).toEqual(a);
    for (const t of ['subjects', 'persons', 'penalties', 'relations', 'obligations']) expect(c[t], t).not.toEqual(a[t]);
  }, SLOW);

  it('works at the smallest contract scale', async () => {
    const small = await generated('small', 100, 1);
    expect(await count(small, `SELECT count(*) FROM subjects`)).toBe(100);
    expect(await count(small, `SELECT count(*) FROM subjects WHERE uscc_reason(uscc) IS NOT NULL`)).toBe(0);
    expect(await count(small, `SELECT count(*) FROM subjects WHERE industry_code = '8425'`)).toBeGreaterThan(0);
  }, SLOW);

  it('reports progress phases up to completion', async () => {
    const small = await freshWorkspace('progress');
    const seen: [string, number, number][] = [];
    await generateDemo(small, { scale: 200, seed: 3 }, { onProgress: (phase, done, total) => seen.push([phase, done, total]) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.map((s) => s[1])).toEqual([...seen.map((s) => s[1])].sort((x, y) => x - y));
    const last = seen[seen.length - 1]!;
    expect(last[1]).toBe(last[2]);
  }, SLOW);

  it('stops on cancel and leaves the workspace empty', async () => {
    const small = await freshWorkspace('cancel');
    const ctl = new AbortController();
    const run = generateDemo(small, { scale: 500, seed: 1 }, {
      signal: ctl.signal,
      onProgress: (_phase, done) => { if (done === 5) ctl.abort(); },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    for (const t of CANONICAL_TABLES) expect(await count(small, `SELECT count(*) FROM ${t.name}`), t.name).toBe(0);
  }, SLOW);

  it('refuses a workspace that already holds data, and bad options', async () => {
    await expect(generateDemo(ws, { scale: 100, seed: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const empty = await freshWorkspace('bad-options');
    await expect(generateDemo(empty, { scale: 0, seed: 1 })).rejects.toBeInstanceOf(CoreError);
    await expect(generateDemo(empty, { scale: 100, seed: 1.5 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
