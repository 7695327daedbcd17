// One import, start to end: prepare the source (transcode / stream XLSX into temp files), then in ONE transaction
// stage + validate + classify every row, move rejects to import_rejects, drop duplicates, write the rejects CSV and
// the import_batches row. A failure or cancel rolls everything back and removes the temp files and the rejects CSV.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { TABLE_BY_NAME } from '../../../shared/domain/tables';
import { localToday } from '../../../shared/domain/dates';
import { REJECT_REASON_LABELS, reasonLabel, type ImportPreview, type ImportSummary } from '../../../shared/contract/import';
import { inTransaction, type Workspace, type Conn } from '../workspace/workspace';
import { quoteLiteral as ql, quoteIdent as qi } from '../workspace/query';
import { CoreError } from '../errors';
import { IMPORT_MACROS_SQL, personKeyMacroSql } from './sql';
import { prepareSource, completeDuckSource, sourceErrorLine, type PreparedSource, type SourceOptions } from './source';
import { sha256File } from './encoding';
import { bestProfile, findProfile, loadProfiles, loadValidation, matchProfile, targetColumns, type Profile } from './profiles';
import { buildPlan, withRowBase, MAX_BAD_USCC_LIST, type Plan, type PlanInput } from './plan';
import type { EncodingChoice } from './encoding';

export interface ImportRequest {
  file: string;
  table: string;
  encoding?: EncodingChoice;
  sheet?: string;
  profile?: string;
  mapping?: Record<string, string | null>;
  delimiter?: string;
  quote?: string;
  header?: boolean;
}

export interface ImportHooks {
  signal?: AbortSignal;
  progress?: (phase: string, done: number, total: number | null, message?: string) => void;
  operator?: string;
  /** Import day for the DATE_INVALID rule (default: today on this machine). */
  today?: string;
}

export function newBatchId(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `B${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}

function normaliseDelimiter(d: string | undefined): string | undefined {
  if (d === undefined) return undefined;
  if (d === 'tab' || d === '\\t') return '\t';
  if (d.length !== 1) throw new CoreError('BAD_INPUT', `分隔符须为单个字符（或 tab），收到：${d}`);
  return d;
}

/** Scratch directory for temp files: beside the workspace (same disk as the data), else the system temp dir. */
function makeWorkDir(ws: Workspace | null): string {
  const base = ws && ws.path !== ':memory:' ? path.dirname(ws.path) : os.tmpdir();
  removeStaleWorkDirs(base);
  return fs.mkdtempSync(path.join(base, '.cws-import-'));
}

/** Scratch directories of imports whose process was killed (a crash cannot clean up after itself). */
function removeStaleWorkDirs(base: string): void {
  const cutoff = Date.now() - 12 * 3600_000;
  try {
    for (const name of fs.readdirSync(base)) {
      if (!name.startsWith('.cws-import-')) continue;
      const dir = path.join(base, name);
      if (fs.statSync(dir).mtimeMs < cutoff) fs.rmSync(dir, { recursive: true, force: true });
    }
  } catch {
    // best effort
  }
}

/** At most ~4 events a second per phase (a 2 GB file would otherwise report every megabyte); first and last pass. */
function throttled(progress: ImportHooks['progress']): ImportHooks['progress'] {
  if (!progress) return undefined;
  let lastPhase = '';
  let lastAt = 0;
  return (phase, done, total, message) => {
    const now = Date.now();
    if (phase !== lastPhase || done === total || done === 0 || now - lastAt >= 250) {
      lastPhase = phase;
      lastAt = now;
      progress(phase, done, total, message);
    }
  };
}

function sourceOptions(req: Omit<ImportRequest, 'table'> & { table?: string }, hooks: ImportHooks, preview: boolean): SourceOptions {
  return {
    encoding: req.encoding,
    sheet: req.sheet,
    table: req.table,
    delimiter: normaliseDelimiter(req.delimiter),
    quote: req.quote,
    header: req.header,
    signal: hooks.signal,
    progress: throttled(hooks.progress),
    preview,
  };
}

function resolveMapping(table: string, headers: string[], profile: Profile | null, overrides?: Record<string, string | null>) {
  const mapping: Record<string, string | null> = profile ? matchProfile(profile, headers).mapping : Object.fromEntries(headers.map((h) => [h, null]));
  if (overrides) {
    const targets = new Set(targetColumns(table).map((c) => c.name));
    for (const [header, target] of Object.entries(overrides)) {
      if (!(header in mapping)) throw new CoreError('BAD_INPUT', `映射中的列“${header}”不在文件表头中。文件表头：${headers.join('、')}`);
      if (target !== null && !targets.has(target)) throw new CoreError('BAD_INPUT', `表 ${table} 没有列 ${target}。`);
      // The chosen target leaves any other column that the profile had put there.
      if (target !== null) for (const h of Object.keys(mapping)) if (mapping[h] === target && h !== header) mapping[h] = null;
      mapping[header] = target;
    }
  }
  return mapping;
}

function chooseProfile(table: string, headers: string[], profileId?: string): Profile | null {
  if (profileId) {
    const p = findProfile(profileId);
    if (p.table !== table) throw new CoreError('BAD_INPUT', `映射配置 ${p.id} 用于表 ${p.table}，不能导入到 ${table}。`);
    return p;
  }
  return bestProfile(headers, table)?.profile ?? null;
}

// ---------------------------------------------------------------- preview

export async function previewImport(
  ws: Workspace,
  req: Omit<ImportRequest, 'table' | 'mapping'> & { table?: string },
  hooks: ImportHooks = {},
): Promise<ImportPreview> {
  if (req.table && !TABLE_BY_NAME[req.table]) throw new CoreError('BAD_INPUT', `未知的数据表：${req.table}`);
  const workDir = makeWorkDir(ws);
  try {
    const src0 = await prepareSource(req.file, workDir, sourceOptions(req, hooks, true));
    return await ws.withConnection(async (conn) => {
      const src = await completeDuckSource(conn, src0);
      const rows = src.sample ?? (await sampleRows(conn, src));
      const candidates = loadProfiles()
        .filter((p) => !req.table || p.table === req.table)
        .map((p) => ({ id: p.id, name: p.name, table: p.table, score: matchProfile(p, src.headers).score }))
        .filter((c) => c.score > 0)
        .sort((a, b) => b.score - a.score);
      let profile: Profile | null = null;
      if (req.profile) profile = findProfile(req.profile);
      else profile = bestProfile(src.headers, req.table)?.profile ?? null;
      const table = req.table ?? profile?.table ?? null;
      const mapping = table ? resolveMapping(table, src.headers, profile && profile.table === table ? profile : null) : Object.fromEntries(src.headers.map((h) => [h, null]));
      const targets = table ? targetColumns(table) : [];
      const mappedTargets = new Set(Object.values(mapping).filter(Boolean));
      return {
        file: req.file,
        format: src.format,
        encoding: src.encoding,
        delimiter: src.delimiter,
        sheets: src.sheets,
        sheet: src.sheet,
        headerRowIndex: src.headerRowIndex,
        headers: src.headers,
        rows,
        table,
        profile: profile ? { id: profile.id, name: profile.name, table: profile.table, score: matchProfile(profile, src.headers).score } : null,
        candidates,
        mapping,
        unmatched: src.headers.filter((h) => mapping[h] === null),
        missingRequired: targets.filter((c) => c.required && !mappedTargets.has(c.name)).map((c) => c.name),
        targets: targets.map((c) => ({ name: c.name, label: c.label, required: c.required, virtual: !!c.virtual })),
      };
    }, hooks.signal);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function sampleRows(conn: Conn, src: PreparedSource): Promise<string[][]> {
  const cols = src.headers.map((_, i) => `c${i}`);
  if (!cols.length) return [];
  let rows: Record<string, unknown>[];
  try {
    rows = await conn.all(`SELECT ${cols.join(', ')} FROM (${src.relation}) LIMIT 100`);
  } catch (err) {
    throw readError(err);
  }
  return rows.map((r) => cols.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))));
}

function readError(err: unknown, src: Pick<PreparedSource, 'csvParts'> = {}): CoreError {
  if (err instanceof CoreError && err.code === 'CANCELLED') return err;
  const msg = err instanceof CoreError ? (err.detail ?? err.message) : err instanceof Error ? err.message : String(err);
  const line = sourceErrorLine(src, msg);
  const cols = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (/Invalid unicode|byte sequence/i.test(msg)) {
    const at = line !== null ? `第 ${line} 行` : '文件中';
    return new CoreError('IMPORT_FAILED', `${at}有无法按所选编码解析的字符：请改选编码（如 GB18030）后重试。工作区未作任何改动。`, msg);
  }
  if (line !== null) {
    const extra = cols ? `：应有 ${cols[1]} 列，实际 ${cols[2]} 列` : '';
    return new CoreError('IMPORT_FAILED', `文件第 ${line} 行格式不正确${extra}。请检查该行的分隔符和引号，或在导入时指定分隔符/引号。工作区未作任何改动。`, msg);
  }
  if (err instanceof CoreError) return err;
  return new CoreError('IMPORT_FAILED', `导入失败：${msg.split('\n')[0]}。工作区未作任何改动。`, msg);
}

// ---------------------------------------------------------------- run

export async function runImport(ws: Workspace, req: ImportRequest, hooks: ImportHooks = {}): Promise<ImportSummary> {
  const started = Date.now();
  const def = TABLE_BY_NAME[req.table];
  if (!def) throw new CoreError('BAD_INPUT', `未知的数据表：${req.table}。可选：${Object.keys(TABLE_BY_NAME).join('、')}`);
  if (ws.readOnly) throw new CoreError('READ_ONLY', '工作区以只读方式打开，不能导入。');
  const batchId = newBatchId();
  const job: ImportJob = {
    ws, req, hooks, batchId,
    today: hooks.today ?? localToday(),
    validation: loadValidation(),
    workDir: makeWorkDir(ws),
    rejectsFile: rejectsPath(ws, batchId),
    startedAt: new Date(),
    step: traceStep(),
  };
  // The file's SHA-256 is computed while DuckDB works (its own threads), not in a pass of its own before.
  const hashing = new AbortController();
  const abortHashing = () => hashing.abort();
  hooks.signal?.addEventListener('abort', abortHashing);
  let sha256: Promise<string> | undefined;
  try {
    let src = await prepareSource(req.file, job.workDir, sourceOptions(req, hooks, false));
    sha256 = src.sha256 ? Promise.resolve(src.sha256) : sha256File(req.file, hashing.signal);
    sha256.catch(() => undefined);
    const summary = await withImportMemoryLimit(ws, () =>
      ws.withConnection(async (conn) => {
        try {
          return await stageAndLoad(job, conn, src, sha256!);
        } catch (err) {
          if (!isInvalidUnicode(err)) throw err;
          // Read as UTF-8 because its head is plain ASCII, but DuckDB met bytes further on that are not: GB18030 it is.
          if (src.utf8FromHead) {
            src = await prepareSource(req.file, job.workDir, sourceOptions({ ...req, encoding: 'gb18030' }, hooks, false));
            return await stageAndLoad(job, conn, src, sha256!);
          }
          if (src.encoding === 'utf-8' && (req.encoding ?? 'auto') === 'auto') throw brokenUtf8(err);
          throw err;
        }
      }, hooks.signal),
    );
    return { ...summary, elapsedMs: Date.now() - started };
  } catch (err) {
    fs.rmSync(job.rejectsFile, { force: true });
    throw err;
  } finally {
    hashing.abort();
    hooks.signal?.removeEventListener('abort', abortHashing);
    await sha256?.catch(() => undefined);
    fs.rmSync(job.workDir, { recursive: true, force: true });
  }
}

interface ImportJob {
  ws: Workspace;
  req: ImportRequest;
  hooks: ImportHooks;
  batchId: string;
  today: string;
  validation: ReturnType<typeof loadValidation>;
  workDir: string;
  rejectsFile: string;
  startedAt: Date;
  step: ReturnType<typeof traceStep>;
}

/** A file whose head is UTF-8 Chinese but which has a byte further on that is not UTF-8. */
function brokenUtf8(err: unknown): CoreError {
  const detail = err instanceof CoreError ? err.detail ?? err.message : String(err);
  const line = /CSV Error on Line: (\d+)/.exec(detail)?.[1];
  return new CoreError(
    'IMPORT_FAILED',
    `文件前面的内容是 UTF-8 编码的中文，但${line ? `第 ${line} 行` : '后面'}有不是 UTF-8 的字节：文件可能已损坏，或由两种编码的内容拼接而成。` +
      '请检查该行；若整份文件确为 GBK/GB18030，请在导入时指定编码。工作区未作任何改动。',
    detail,
  );
}

function isInvalidUnicode(err: unknown): boolean {
  const text = err instanceof CoreError ? `${err.message} ${err.detail ?? ''}` : String((err as Error)?.message ?? err);
  return /Invalid unicode|byte sequence/i.test(text);
}

/**
 * Pass 1 fills the staging table before the transaction begins: DuckDB scans a table created inside a transaction
 * (transaction-local) with one thread only, which would halve the speed of the insert from it. Staging changes
 * nothing of the workspace (a temp table of this connection, dropped at the end); everything the import changes is
 * written in one transaction by load().
 */
async function stageAndLoad(job: ImportJob, conn: Conn, src0: PreparedSource, sha256: Promise<string>): Promise<ImportSummary> {
  const { req, hooks } = job;
  await conn.run(IMPORT_MACROS_SQL);
  const salt = await conn.scalar<string>(`SELECT value FROM workspace_meta WHERE key = 'person_salt'`);
  await conn.run(personKeyMacroSql(salt));
  const src = await completeDuckSource(conn, src0);
  const profile = chooseProfile(req.table, src.headers, req.profile);
  const mapping = resolveMapping(req.table, src.headers, profile, req.mapping);
  const input = {
    table: req.table, relation: src.relation, headers: src.headers, mapping,
    validation: job.validation, today: job.today, batchId: job.batchId,
  };
  let plan = buildPlan(input);
  try {
    hooks.progress?.('解析与校验', 0, 100, rowsMessage(0, src.rowsHint));
    try {
      plan = await validatingPlan(conn, input, job.step);
      await job.step('stage', () =>
        conn.runWithProgress(plan.stageSql, (p) => hooks.progress?.('解析与校验', p, 100, rowsMessage(p, src.rowsHint))),
      );
    } catch (err) {
      throw readError(err, src);
    }
    return await inTransaction(conn, () => load(job, conn, src, profile, plan, sha256));
  } finally {
    await conn.rawRun(plan.dropSql).catch(() => undefined);
  }
}

/**
 * The import's plan with USCC check digits computed once per distinct code of the file (a quick pass over it), for
 * every column whose bad codes are few enough to be looked up; the staging pass computes the others per row.
 */
export async function validatingPlan(
  conn: Conn,
  input: PlanInput,
  step: <T>(name: string, fn: () => Promise<T>) => Promise<T> = (_name, fn) => fn(),
): Promise<Plan> {
  const plan = buildPlan(input);
  const badUscc: Record<string, string[]> = {};
  for (const [column, sql] of Object.entries(plan.badUsccSql)) {
    const bad = (await step(`bad-uscc ${column}`, () => conn.scalar<string[] | null>(sql))) ?? [];
    if (bad.length <= MAX_BAD_USCC_LIST) badUscc[column] = bad;
  }
  return Object.keys(badUscc).length ? buildPlan({ ...input, badUscc }) : plan;
}

/** Passes 2 and 3 and the batch record, inside the transaction. */
async function load(job: ImportJob, conn: Conn, src: PreparedSource, profile: Profile | null, plan: Plan, sha256: Promise<string>): Promise<ImportSummary> {
  const { req, hooks, batchId, step } = job;
  const staged = { rows: Number((await conn.scalar<number>(plan.stagedRowsSql)) ?? 0), exact: true };
  hooks.progress?.('写入数据表', 0, 100, rowsMessage(0, staged));
  const base = await conn.scalar<string>(plan.rowBaseSql);
  await step('dups', () => conn.run(withRowBase(plan.dupsSql, base)));
  const repeats = !!(await conn.scalar<boolean>(plan.anyRepeatsSql));
  const existing = !!(await conn.scalar<boolean>(plan.anyExistingSql));
  // The counts are the rows each INSERT wrote (no scan of the staging or the canonical table to count them).
  const loaded = await step('insert', () =>
    conn.runWithProgress(withRowBase(plan.insertSqlFor({ repeats, existing }), base), (p) =>
      hooks.progress?.('写入数据表', p, 100, rowsMessage(p, staged)),
    ),
  );
  hooks.progress?.('拒绝记录', 0, 2);
  const rejected = await step('rejects', () => conn.run(withRowBase(plan.rejectsSql, base)));
  const read = staged.rows;
  const duplicates = read - loaded - rejected;
  const reasons = await conn.all<{ reason: string; count: number }>(
    `SELECT reason, count(*) AS count FROM (SELECT unnest(reasons) AS reason FROM import_rejects WHERE batch_id = ?)
     GROUP BY reason ORDER BY count DESC, reason`,
    [batchId],
  );
  hooks.progress?.('拒绝记录', 1, 2);
  let written: string | null = null;
  // An encrypted workspace never gets a plaintext rejects CSV beside it: its rejects stay in import_rejects.
  if (rejected > 0 && !job.ws.encrypted) {
    await step('rejects-csv', () => writeRejectsCsv(conn, batchId, src.headers, job.rejectsFile, job.workDir));
    written = job.rejectsFile;
  }
  const fileSha256 = await step('sha256-wait', () => sha256);
  await conn.run(
    `INSERT INTO import_batches (batch_id, table_name, file_name, file_sha256, encoding, profile_id, read_rows, loaded_rows,
       rejected_rows, duplicate_rows, rejects_file, started_at, finished_at, operator)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMP, ?::TIMESTAMP, ?)`,
    [
      batchId, req.table, path.resolve(req.file), fileSha256, src.encoding ?? src.format, profile?.id ?? null, read, loaded,
      rejected, duplicates, written, sqlTime(job.startedAt), sqlTime(new Date()), hooks.operator ?? null,
    ],
  );
  if (duplicates < 0) {
    throw new CoreError('INTERNAL', '导入计数不平衡（读取 ≠ 写入 + 拒绝 + 重复），已回滚。', JSON.stringify({ read, loaded, rejected }));
  }
  hooks.progress?.('完成', 1, 1);
  return {
    table: req.table,
    read,
    loaded,
    rejected,
    duplicates,
    batchId,
    rejectsFile: written,
    reasons: reasons.map((r) => ({ reason: r.reason, label: reasonLabel(r.reason), count: r.count })),
    profile: profile?.id ?? null,
    encoding: src.encoding,
    elapsedMs: 0,
  } satisfies ImportSummary;
}

/**
 * '约 1,850,000 / 5,000,000 行' for a statement at percent of its rows: the rows of a long statement as the progress
 * bar's detail (DuckDB reports percent only). An estimated total is marked as such.
 */
export function rowsMessage(percent: number, hint: { rows: number; exact: boolean } | undefined): string | undefined {
  if (!hint || hint.rows <= 0) return undefined;
  const fmt = (n: number) => n.toLocaleString('zh-CN');
  const done = Math.round((Math.min(100, Math.max(0, percent)) / 100) * hint.rows);
  return `约 ${fmt(done)} / ${hint.exact ? '' : '约 '}${fmt(hint.rows)} 行`;
}

/** Local wall-clock time 'YYYY-MM-DD HH:MM:SS' (as now()::TIMESTAMP gives for undone_at). */
const sqlTime = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

/** CWS_IMPORT_TRACE=1 prints each pass's time to stderr (for the benchmark and tuning). */
function traceStep() {
  return async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    const c0 = process.cpuUsage();
    const r = await fn();
    const c = process.cpuUsage(c0);
    if (process.env.CWS_IMPORT_TRACE) process.stderr.write(`[import] ${name} ${Date.now() - t0} ms (cpu ${Math.round((c.user + c.system) / 1000)} ms)\n`);
    return r;
  };
}

// 800 MB: measured on 5 M rows as fast as 1 GB with ~200 MB less peak RSS (1.3–1.4 GB); 400 MB is a third slower.
const IMPORT_MEMORY_LIMIT = process.env.CWS_IMPORT_MEMORY_LIMIT ?? '800MB';
// One cap per workspace while any import runs. The state is registered before the first await, so imports that
// start together share it; a new cap waits for the previous one's restore, so the two cannot interleave.
const activeImports = new WeakMap<Workspace, { count: number; ready: Promise<void> }>();
const restoring = new WeakMap<Workspace, Promise<void>>();

/**
 * The staging table of a big file must not hold the whole file in RAM: while an import runs, DuckDB's memory_limit
 * is capped (default 800 MB, CWS_IMPORT_MEMORY_LIMIT) so that staging spills to the temp directory; the workspace's
 * own limit is restored after the last import. Concurrent imports share one cap.
 */
export async function withImportMemoryLimit<T>(ws: Workspace, fn: () => Promise<T>): Promise<T> {
  let state = activeImports.get(ws);
  if (!state) {
    const after = restoring.get(ws) ?? Promise.resolve();
    const ready = after.then(async () => {
      if (parseBytes(IMPORT_MEMORY_LIMIT) < parseBytes(ws.memoryLimit)) await ws.run(`SET memory_limit = ${ql(IMPORT_MEMORY_LIMIT)}`);
    });
    state = { count: 0, ready };
    activeImports.set(ws, state);
  }
  const current = state;
  current.count++;
  try {
    await current.ready;
    return await fn();
  } finally {
    current.count--;
    if (current.count === 0) {
      activeImports.delete(ws);
      // The limit the workspace was opened with, exactly as given (DuckDB prints it back rounded).
      const restore = current.ready
        .then(() => (ws.isClosed ? undefined : ws.run(`SET memory_limit = ${ql(ws.memoryLimit)}`)))
        .catch(() => undefined);
      restoring.set(ws, restore);
      await restore;
    }
  }
}

/** '11.4 GiB', '1536MB' → bytes (Infinity when unreadable, so the cap applies). */
export function parseBytes(size: string): number {
  const m = /^\s*([\d.]+)\s*([KMGT]?i?B)?\s*$/i.exec(size);
  if (!m) return Infinity;
  const unit = (m[2] ?? 'B').toUpperCase();
  const pow = { B: 0, KB: 1, KIB: 1, MB: 2, MIB: 2, GB: 3, GIB: 3, TB: 4, TIB: 4 }[unit] ?? 0;
  const base = unit.includes('I') ? 1024 : 1000;
  return Math.round(Number(m[1]) * base ** pow);
}

/** The rejects CSV sits beside the workspace file: <workspace>.rejects-<batch>.csv */
export function rejectsPath(ws: Workspace, batchId: string): string {
  if (ws.path === ':memory:') return path.join(os.tmpdir(), `cws-rejects-${batchId}.csv`);
  const base = path.basename(ws.path).replace(/\.duckdb$/i, '');
  return path.join(path.dirname(ws.path), `${base}.rejects-${batchId}.csv`);
}


/** 行号, 原因代码, 原因说明, then the original columns; UTF-8 with BOM so that Excel opens it correctly. */
async function writeRejectsCsv(conn: Conn, batchId: string, headers: string[], out: string, workDir: string): Promise<void> {
  const labels = `array_to_string(list_transform(reasons, x -> CASE x ${Object.keys(REJECT_REASON_LABELS)
    .map((k) => `WHEN ${ql(k)} THEN ${ql(reasonLabel(k))}`)
    .join(' ')} ELSE x END), '；')`;
  const reserved = new Set(['行号', '原因代码', '原因说明']);
  // The original JSON is parsed once per row into a struct (json_extract_string per column would parse it N times).
  const structure = JSON.stringify(Object.fromEntries(headers.map((h) => [h, 'VARCHAR'])));
  const cols = headers.map((h) => `o[${ql(h)}] AS ${qi(reserved.has(h) ? `${h}（原）` : h)}`);
  const tmp = path.join(workDir, 'rejects.csv');
  await conn.run(
    `COPY (SELECT row_number AS "行号", array_to_string(reasons, '|') AS "原因代码", ${labels} AS "原因说明"${cols.length ? ', ' + cols.join(', ') : ''}
      FROM (SELECT row_number, reasons, from_json(original, ${ql(structure)}) AS o FROM import_rejects WHERE batch_id = ${ql(batchId)})
      ORDER BY row_number) TO ${ql(tmp)} (HEADER, DELIMITER ',')`,
  );
  const fd = fs.openSync(out, 'w');
  try {
    fs.writeSync(fd, Buffer.from([0xef, 0xbb, 0xbf]));
  } finally {
    fs.closeSync(fd);
  }
  await new Promise<void>((resolve, reject) => {
    const w = fs.createWriteStream(out, { flags: 'a' });
    fs.createReadStream(tmp).on('error', reject).pipe(w).on('finish', resolve).on('error', reject);
  });
}
