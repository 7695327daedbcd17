// What every export does: stamp the file with a watermark (operator, time, purpose) and record it in the audit
// log (file, rows, purpose). Capability handlers that export call these two.
import path from 'node:path';
import type { CallContext } from '../context';
import { createWatermark, type Watermark } from '../security/watermark';

/** The watermark for an export made in this call: the purpose given, else the active unmask grant's 查询事由. */
export function exportWatermark(ctx: Pick<CallContext, 'session'>, purpose?: string | null): Watermark {
  return createWatermark({
    operator: ctx.session.operator,
    purpose: purpose?.trim() || ctx.session.unmaskGrant()?.purpose,
    workspace: ctx.session.workspacePath ? path.basename(ctx.session.workspacePath) : undefined,
  });
}

export interface ExportRecord {
  /** File name or path written (or offered for download). */
  file: string;
  rows: number;
  format: 'xlsx' | 'csv' | 'html' | 'pdf' | 'parquet' | 'json' | string;
  purpose?: string | null;
  /** Whether natural persons' identifiers were exported unmasked (needs an active unmask grant). */
  unmasked?: boolean;
  /** Anything else worth keeping: run ids, filters, sheet names. */
  detail?: Record<string, unknown>;
}

/** Appends 'export.file' to the audit log. */
export async function recordExport(ctx: Pick<CallContext, 'session' | 'call'>, e: ExportRecord): Promise<void> {
  const grant = ctx.session.unmaskGrant();
  await ctx.session.audit({
    action: 'export.file',
    target: e.file,
    purpose: e.purpose ?? grant?.purpose ?? null,
    detail: { call: ctx.call, rows: e.rows, format: e.format, unmasked: !!e.unmasked, ...(e.detail ?? {}) },
  });
}
