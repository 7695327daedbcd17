// financing: 信易贷 loans to active firms and 个体工商户 (≈ 0.05 × subjects), most of them credit-based.
import { BATCH_ID, DATA_END, q, sqlList, type GenContext } from './context';
import { BANKS, LOAN_PRODUCTS } from './vocab/agencies';

export async function generateFinancing(ctx: GenContext): Promise<void> {
  const n = ctx.sizes.subjects;
  await ctx.conn.run(`
INSERT INTO financing (loan_id, uscc, lender, product, amount_wan, loan_date, credit_based, batch_id)
WITH drawn AS (
  SELECT t.r, s.uscc, s.kind, next_workday(g_day(greatest(DATE '2024-01-01', s.established_date + 90), DATE '${DATA_END}', t.r, 'loan-date')) AS loan_date
  FROM range(${Math.ceil(n * 0.06)}) t(r) JOIN gen_subjects s ON s.idx = g_int(t.r, 'loan-subject', ${n})
  WHERE s.status = '存续' AND s.kind IN ('91', '92') AND s.established_date + 90 <= DATE '${DATA_END}'
)
SELECT 'XYD' || strftime(loan_date, '%Y') || lpad(r::VARCHAR, 7, '0'), uscc, g_pick(${sqlList(BANKS)}, r, 'lender'),
  g_pick(${sqlList(LOAN_PRODUCTS)}, r, 'product'),
  CASE WHEN kind = '92' THEN 5 + g_int(r, 'amount', 46) ELSE round(10 * pow(100, pow(g_u(r, 'amount'), 1.5)), 0) END,
  loan_date, g_u(r, 'credit-based') < 0.6, ${q(BATCH_ID)}
FROM drawn WHERE loan_date <= DATE '${DATA_END}'`);
}
