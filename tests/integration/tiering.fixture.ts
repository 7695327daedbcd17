// Hand-built tiering fixtures: a few subjects, an evaluation run inserted by hand, and helpers to add events.
import type { Workspace } from '../../electron/core/workspace';
import { makeUscc } from '../../shared/domain/uscc';

/** A valid code for test subject n (stable, so expectations can name it). */
export const code = (n: number): string => makeUscc('91', '310120', String(n).padStart(8, '0'));

export interface SubjectSeed {
  n: number;
  name?: string;
  industry_code?: string | null;
  industry_name?: string | null;
  town?: string;
  status?: string;
  legal_rep_person_id?: string | null;
  featured_industry?: string | null;
}

export async function addSubjects(ws: Workspace, rows: SubjectSeed[]): Promise<void> {
  for (const r of rows) {
    await ws.run(
      `INSERT INTO subjects (uscc, name, subject_kind, industry_code, industry_name, town, status, legal_rep_person_id, featured_industry)
       VALUES (?, ?, '法人及非法人组织', ?, ?, ?, ?, ?, ?)`,
      [code(r.n), r.name ?? `测试企业${r.n}`, r.industry_code ?? null, r.industry_name ?? null, r.town ?? '南桥镇', r.status ?? '存续', r.legal_rep_person_id ?? null, r.featured_industry ?? null],
    );
  }
}

/** An evaluation run with the given grades; created_at orders runs (latest is the default for tiering). */
export async function addEvalRun(ws: Workspace, runId: string, asOf: string, createdAt: string, grades: [number, string][]): Promise<void> {
  await ws.run(
    `INSERT INTO eval_runs (run_id, created_at, as_of, models, subjects) VALUES (?, ?::TIMESTAMP, ?::DATE, '[]'::JSON, ?)`,
    [runId, createdAt, asOf, grades.length],
  );
  for (const [n, grade] of grades) {
    await ws.run(`INSERT INTO eval_scores (run_id, uscc, comprehensive, final_score, grade) VALUES (?, ?, 80, 80, ?)`, [runId, code(n), grade]);
  }
}

export async function addRiskClass(ws: Workspace, n: number, period: string, riskClass: string): Promise<void> {
  await ws.run(`INSERT INTO risk_classes (uscc, period, risk_class, dept) VALUES (?, ?::DATE, ?, '市场监管局')`, [code(n), period, riskClass]);
}

export async function addPenalty(
  ws: Workspace,
  n: number,
  decisionNo: string,
  date: string,
  penaltyTypes: string,
  fineWan: number | null,
  subjectKind = '法人及非法人组织',
): Promise<void> {
  await ws.run(
    `INSERT INTO penalties (decision_no, uscc, subject_name, subject_kind, penalty_types, fine_wan, decision_date, authority)
     VALUES (?, ?, ?, ?, ?, ?, ?::DATE, '区市场监管局')`,
    [decisionNo, code(n), `测试企业${n}`, subjectKind, penaltyTypes, fineWan, date],
  );
}

export async function addListing(
  ws: Workspace,
  listType: string,
  who: { n?: number; personId?: string },
  inDate: string,
  outDate: string | null = null,
): Promise<void> {
  await ws.run(
    `INSERT INTO credit_lists (list_type, uscc, person_id, reason, authority, in_date, out_date) VALUES (?, ?, ?, '测试事由', '测试机关', ?::DATE, ?::DATE)`,
    [listType, who.n !== undefined ? code(who.n) : null, who.personId ?? null, inDate, outDate],
  );
}

export async function addArrears(ws: Workspace, n: number, kind: string, months: string[], arrearsWan = 1): Promise<void> {
  for (const m of months) {
    await ws.run(`INSERT INTO obligations (uscc, kind, period, due_wan, paid_wan, arrears_wan) VALUES (?, ?, ?::DATE, ?, 0, ?)`, [
      code(n), kind, `${m}-01`, arrearsWan, arrearsWan,
    ]);
  }
}

export async function addCommitment(ws: Workspace, id: string, n: number, status: string, brokenDate: string | null): Promise<void> {
  await ws.run(
    `INSERT INTO commitments (commitment_id, uscc, commitment_type, matter, dept, made_date, status, broken_date)
     VALUES (?, ?, '审批替代型', '测试事项', '区市场监管局', DATE '2025-01-01', ?, ?::DATE)`,
    [id, code(n), status, brokenDate],
  );
}

export async function addRelation(
  ws: Workspace,
  n: number,
  role: string,
  party: { personId?: string; relatedN?: number },
  startDate: string | null = null,
  endDate: string | null = null,
): Promise<void> {
  await ws.run(`INSERT INTO relations (uscc, role, person_id, related_uscc, start_date, end_date) VALUES (?, ?, ?, ?, ?::DATE, ?::DATE)`, [
    code(n), role, party.personId ?? null, party.relatedN !== undefined ? code(party.relatedN) : null, startDate, endDate,
  ]);
}
