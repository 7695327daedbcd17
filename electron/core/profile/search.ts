// Finding a subject by name or USCC without an index: one scan of subjects ranks exact codes, code prefixes,
// exact names, name prefixes, names containing the text, names holding its characters in order (奉贤美容 →
// 上海奉贤某某美容有限公司) and, last, names similar by Jaro-Winkler.
import type { Db } from './tables';
import type { SubjectHit } from '../../../shared/contract/profile';

/** LIKE pattern with the characters of q in order and anything between them (%, _ and \ escaped). */
export function subsequencePattern(q: string): string {
  return `%${[...q].map((ch) => (/[%_\\]/.test(ch) ? `\\${ch}` : ch)).join('%')}%`;
}

/** Text that could be (the start of) a USCC: letters and digits only, at least two characters. */
export function looksLikeCode(q: string): boolean {
  return /^[0-9A-Za-z]{2,18}$/.test(q);
}

export const SIMILARITY_THRESHOLD = 0.8;
/** Below this many exact / prefix / contains hits, the slower fuzzy tiers are searched too. */
export const FUZZY_WHEN_FEWER_THAN = 5;

type HitRow = { uscc: string; name: string; town: string | null; industry_name: string | null; status: string | null; match: number; similarity: number };

function toHit(r: HitRow): SubjectHit {
  return { uscc: r.uscc, name: r.name, town: r.town, industryName: r.industry_name, status: r.status, match: Number(r.match), similarity: Number(r.similarity) };
}

/**
 * Tiers in order of cost, each one scan: codes (when the text can be one), then names containing the text, then —
 * only when those found little — names with its characters in order or similar by Jaro-Winkler.
 */
export async function searchSubjects(ws: Db, rawQ: string, limit = 20): Promise<SubjectHit[]> {
  const q = rawQ.trim();
  const code = q.toUpperCase();
  const n = Math.max(1, Math.min(200, Math.floor(limit)));
  const cols = `uscc, name, town, industry_name, status`;
  const hits: SubjectHit[] = [];
  const seen = new Set<string>();
  const add = (rows: HitRow[]) => {
    for (const r of rows) {
      if (seen.has(r.uscc) || hits.length >= n) continue;
      seen.add(r.uscc);
      hits.push(toHit(r));
    }
  };
  if (looksLikeCode(q)) {
    add(
      await ws.all<HitRow>(
        `SELECT ${cols}, CASE WHEN uscc = $1 THEN 0 ELSE 1 END AS match, 0 AS similarity FROM main.subjects
         WHERE starts_with(uscc, $1) ORDER BY match, uscc LIMIT ${n}`,
        [code],
      ),
    );
    // A code of six characters or more that matched is not looked for among names.
    if (hits.length && code.length >= 6) return hits;
  }
  add(
    await ws.all<HitRow>(
      `SELECT ${cols}, CASE WHEN name = $1 THEN 2 WHEN starts_with(name, $1) THEN 3 ELSE 4 END AS match,
         round(jaro_winkler_similarity(name, $1), 4) AS similarity
       FROM main.subjects WHERE contains(name, $1) ORDER BY match, length(name), similarity DESC, uscc LIMIT ${n}`,
      [q],
    ),
  );
  // One character matches too much to be similar to anything: no fuzzy tiers for it.
  const fuzzy = [...q].length >= 2;
  if (fuzzy && hits.length < FUZZY_WHEN_FEWER_THAN) {
    add(
      await ws.all<HitRow>(
        `SELECT ${cols}, 5 AS match, round(jaro_winkler_similarity(name, $1), 4) AS similarity FROM main.subjects
         WHERE name LIKE $2 ESCAPE '\\' AND NOT contains(name, $1) ORDER BY similarity DESC, length(name), uscc LIMIT ${n}`,
        [q, subsequencePattern(q)],
      ),
    );
  }
  // Jaro-Winkler over every name is the costliest tier: only when nothing closer was found.
  if (fuzzy && hits.length < FUZZY_WHEN_FEWER_THAN) {
    add(
      await ws.all<HitRow>(
        `SELECT * FROM (SELECT ${cols}, 6 AS match, round(jaro_winkler_similarity(name, $1), 4) AS similarity FROM main.subjects)
         WHERE similarity >= ${SIMILARITY_THRESHOLD} ORDER BY similarity DESC, length(name), uscc LIMIT ${n}`,
        [q],
      ),
    );
  }
  return hits;
}
