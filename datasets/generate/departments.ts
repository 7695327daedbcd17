// departments: the district's partner departments, with valid USCCs (used as authority_uscc everywhere).
import { BATCH_ID, q, type GenContext } from './context';

export async function generateDepartments(ctx: GenContext): Promise<void> {
  await ctx.conn.run(`
INSERT INTO departments (dept_code, name, uscc, kind, batch_id)
SELECT dept_code, name, uscc, kind, ${q(BATCH_ID)} FROM gen_dept`);
}
