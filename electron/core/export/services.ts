// Contract handlers of grid export and column statistics. Every export is audited (export.file); statistics over
// tables with natural persons' data are audited like queries (query.personal).
import type { HandlerMap } from '../context';
import { columnStats, exportGrid } from './grid';

export const exportHandlers: HandlerMap<'grid.export' | 'grid.columnStats'> = {
  'grid.export': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const grant = ctx.session.unmaskGrant();
    const out = await exportGrid(ws, { ...input, unmasked: !!grant }, ctx.signal, ctx.progress);
    await ctx.session.audit({
      action: 'export.file',
      target: out.path ?? out.fileName,
      purpose: grant?.purpose ?? null,
      detail: {
        kind: 'grid',
        format: out.format,
        rows: out.rows,
        sql: input.sql.slice(0, 4000),
        filters: input.filters ?? [],
        sort: input.sort ?? [],
        tables: out.tables,
        personal: out.personal,
        unmasked: !!grant,
      },
    });
    const { tables: _t, personal: _p, ...result } = out;
    return result;
  },

  'grid.columnStats': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const grant = ctx.session.unmaskGrant();
    const stats = await columnStats(ws, { ...input, unmasked: !!grant }, ctx.signal);
    if (stats.personal) {
      await ctx.session.audit({
        action: 'query.personal',
        target: stats.tables.join(','),
        purpose: grant?.purpose ?? null,
        detail: { sql: input.sql.slice(0, 4000), column: input.column, stats: true, unmasked: !!grant },
      });
    }
    const { tables: _t, personal: _p, ...result } = stats;
    return result;
  },
};
