// The grade × risk matrix: the built-in file datasets/matrices/tiers-default.json and versions edited in the UI,
// stored in the workspace (tier_matrices) so a workspace carries the matrices its runs used. Every version is
// validated with the shared zod schema and hashed (sha256 of its canonical JSON) into each run.
import type { Workspace } from '../workspace/workspace';
import type { Conn } from '../workspace/workspace';
import { CoreError } from '../errors';
import { GRADES, RISK_CLASSES } from '../../../shared/domain/enums';
import { validateMatrix, type MatrixEntry, type MatrixVersionInfo, type TierMatrix } from '../../../shared/contract/tiering';
import { canonicalJson, paramLiteral, sha256, sqlString } from './template';
import tiersDefault from '../../../datasets/matrices/tiers-default.json';

const BUILTIN_MATRICES: Record<string, unknown> = { 'tiers-default': tiersDefault };
export const DEFAULT_MATRIX_ID = 'tiers-default';

export function matrixSha256(m: TierMatrix): string {
  return sha256(canonicalJson(m));
}

/** Parses a matrix or throws BAD_INPUT listing the first problems in Chinese. */
export function parseMatrix(raw: unknown, where = '分级矩阵'): TierMatrix {
  const v = validateMatrix(raw);
  if (v.ok) return v.matrix;
  const shown = v.errors.slice(0, 5).map((e) => `${e.path}：${e.message}`);
  throw new CoreError(
    'BAD_INPUT',
    `${where}未通过校验（${v.errors.length} 处问题）：${shown.join('；')}${v.errors.length > 5 ? '……' : ''}`,
    JSON.stringify(v.errors),
  );
}

export function builtinMatrix(id = DEFAULT_MATRIX_ID): MatrixEntry {
  const raw = BUILTIN_MATRICES[id];
  if (!raw) throw new CoreError('NOT_FOUND', `找不到分级矩阵 ${id}。`);
  const matrix = parseMatrix(raw, `内置矩阵 ${id} `);
  return { id, source: 'builtin', sha256: matrixSha256(matrix), matrix, createdAt: null, operator: null, note: null };
}

interface MatrixRow {
  matrix_id: string;
  name: string;
  version: string;
  sha256: string;
  body: string;
  created_at: string;
  operator: string | null;
  note: string | null;
}

type Db = Pick<Workspace, 'all' | 'one'> | Pick<Conn, 'all' | 'one'>;

function entryFromRow(r: MatrixRow): MatrixEntry {
  const matrix = parseMatrix(typeof r.body === 'string' ? JSON.parse(r.body) : r.body, `矩阵 ${r.matrix_id} `);
  return { id: r.matrix_id, source: 'workspace', sha256: r.sha256, matrix, createdAt: r.created_at, operator: r.operator, note: r.note };
}

/**
 * The matrix to use: the given id (built-in or saved), else the newest saved version, else the built-in default.
 */
export async function resolveMatrix(db: Db, id?: string): Promise<MatrixEntry> {
  if (id && BUILTIN_MATRICES[id]) return builtinMatrix(id);
  const row = id
    ? await db.one<MatrixRow>(`SELECT * FROM tier_matrices WHERE matrix_id = ?`, [id])
    : await db.one<MatrixRow>(`SELECT * FROM tier_matrices ORDER BY seq DESC LIMIT 1`);
  if (row) return entryFromRow(row);
  if (id) throw new CoreError('NOT_FOUND', `找不到分级矩阵 ${id}。请在“风险分级”页查看可用的矩阵版本。`);
  return builtinMatrix();
}

export async function listMatrixVersions(db: Db): Promise<MatrixVersionInfo[]> {
  const saved = await db.all<MatrixRow>(`SELECT matrix_id, name, version, sha256, created_at, operator, note FROM tier_matrices ORDER BY seq DESC`);
  const builtins = Object.keys(BUILTIN_MATRICES).map((id) => {
    const e = builtinMatrix(id);
    return { id, source: 'builtin' as const, name: e.matrix.name, version: e.matrix.version, sha256: e.sha256, createdAt: null, operator: null, note: null };
  });
  return [
    ...saved.map((r) => ({ id: r.matrix_id, source: 'workspace' as const, name: r.name, version: r.version, sha256: r.sha256, createdAt: r.created_at, operator: r.operator, note: r.note })),
    ...builtins,
  ];
}

/** Validates and stores an edited matrix as a new version (id ws-NNN); the newest version becomes the default. */
export async function saveMatrix(ws: Workspace, raw: unknown, operator: string | null, note?: string): Promise<MatrixVersionInfo> {
  const matrix = parseMatrix(raw);
  const hash = matrixSha256(matrix);
  return ws.transaction(async (conn) => {
    const seq = ((await conn.scalar<number>(`SELECT coalesce(max(seq), 0) FROM tier_matrices`)) ?? 0) + 1;
    const id = `ws-${String(seq).padStart(3, '0')}`;
    await conn.run(
      `INSERT INTO tier_matrices (matrix_id, seq, name, version, sha256, body, created_at, operator, note)
       VALUES (?, ?, ?, ?, ?, ?::JSON, now()::TIMESTAMP, ?, ?)`,
      [id, seq, matrix.name, matrix.version, hash, canonicalJson(matrix), operator, note ?? null],
    );
    const createdAt = await conn.scalar<string>(`SELECT created_at FROM tier_matrices WHERE matrix_id = ?`, [id]);
    return { id, source: 'workspace', name: matrix.name, version: matrix.version, sha256: hash, createdAt, operator, note: note ?? null };
  });
}

/** The 16 cells as a VALUES list: (grade, risk, tier, share, frequency, self_check). */
export function matrixCellsValues(m: TierMatrix): string {
  const rows: string[] = [];
  for (const g of GRADES) {
    for (const r of RISK_CLASSES) {
      const c = m.cells[g][r];
      rows.push(`(${sqlString(g)}, ${sqlString(r)}, ${sqlString(c.tier)}, ${paramLiteral(c.share)}::DOUBLE, ${sqlString(c.frequency)}, ${c.selfCheck ? 'TRUE' : 'FALSE'})`);
    }
  }
  return `(VALUES ${rows.join(', ')}) AS cells(grade, risk, tier, share, frequency, self_check)`;
}

/** Which tiers a list kind covers. */
export function tiersOfList(m: TierMatrix, kind: 'noDisturb' | 'key' | 'all'): string[] | null {
  if (kind === 'all') return null;
  return m.lists[kind];
}
