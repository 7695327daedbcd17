// Contract handlers of the import capability (names declared in shared/contract/import.ts).
import path from 'node:path';
import type { HandlerMap } from '../context';
import { ws } from '../context';
import { previewImport, runImport } from './run';
import { batchRejects, listBatches, undoBatch } from './batches';
import { loadProfiles } from './profiles';

type ImportCall = 'import.preview' | 'import.run' | 'import.batches' | 'import.rejects' | 'import.undo' | 'import.profiles';

export const importHandlers: HandlerMap<ImportCall> = {
  'import.preview': async (input, ctx) =>
    previewImport(await ws(ctx), input, { signal: ctx.signal, progress: ctx.progress }),

  'import.run': async (input, ctx) => {
    const workspace = await ws(ctx);
    const summary = await runImport(workspace, input, { signal: ctx.signal, progress: ctx.progress, operator: ctx.session.operator });
    await ctx.session.audit({
      action: 'import.run',
      target: summary.table,
      detail: {
        batchId: summary.batchId,
        file: path.resolve(input.file),
        profile: summary.profile,
        encoding: summary.encoding,
        read: summary.read,
        loaded: summary.loaded,
        rejected: summary.rejected,
        duplicates: summary.duplicates,
      },
    });
    return summary;
  },

  'import.batches': async (input, ctx) => listBatches(await ws(ctx), input),

  'import.rejects': async (input, ctx) => batchRejects(await ws(ctx), input),

  'import.undo': async (input, ctx) => {
    const result = await undoBatch(await ws(ctx), input.batchId, ctx.signal);
    await ctx.session.audit({ action: 'import.undo', target: result.table, detail: result });
    return result;
  },

  'import.profiles': async () =>
    loadProfiles().map((p) => ({
      id: p.id,
      name: p.name,
      table: p.table,
      version: p.version,
      columns: Object.keys(p.columns).length,
      synonyms: Object.values(p.columns).reduce((n, s) => n + s.length, 0),
      file: path.basename(p.file),
    })),
};
