// Masked views: schema `safe` mirrors every canonical table with natural persons' identifiers masked. User SQL
// runs with search_path safe,main, so masking holds for any query; unmasking (with a stated purpose) switches the
// search path back to main for a limited time and is audited.
import { BOOKKEEPING_COLUMNS, CANONICAL_TABLES, type ColumnDef } from '../../../shared/domain/tables';

const MASK_FN: Record<NonNullable<ColumnDef['personal']>, string> = { id: 'mask_id', name: 'mask_name', phone: 'mask_phone' };

function maskedExpr(col: ColumnDef): string {
  const ref = `"${col.name}"`;
  if (!col.personal) return ref;
  const masked = `${MASK_FN[col.personal]}(${ref})`;
  return `${col.personalWhen ? `CASE WHEN ${col.personalWhen} THEN ${masked} ELSE ${ref} END` : masked} AS ${ref}`;
}

export function safeViewsSql(): string {
  const views = CANONICAL_TABLES.map((t) => {
    const cols = [...t.columns, ...BOOKKEEPING_COLUMNS].map(maskedExpr).join(', ');
    return `CREATE OR REPLACE VIEW safe."${t.name}" AS SELECT ${cols} FROM main."${t.name}";`;
  });
  return ['CREATE SCHEMA IF NOT EXISTS safe;', ...views].join('\n');
}
