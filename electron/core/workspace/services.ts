// Contract handlers of the workspace capability.
import type { HandlerMap } from '../context';
import { workspaceInfo } from './info';
import { runUserQuery } from './query';
import { CoreError } from '../errors';

export const workspaceHandlers: HandlerMap<'workspace.info' | 'workspace.open' | 'query.run'> = {
  'workspace.info': async (input, ctx) => workspaceInfo(await ctx.session.workspace(), !!input.fingerprint),

  'workspace.open': async (input, ctx) => {
    const ws = await ctx.session.open(input.path, !!input.create);
    await ctx.session.audit({ action: input.create ? 'workspace.create' : 'workspace.open', target: ws.path });
    return workspaceInfo(ws);
  },

  'query.run': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const grant = ctx.session.unmaskGrant();
    const page = await runUserQuery(ws, { ...input, unmasked: !!grant }, ctx.signal);
    if (page.personal) {
      await ctx.session.audit({
        action: 'query.personal',
        target: page.tables.join(','),
        purpose: grant?.purpose ?? null,
        detail: { sql: input.sql.slice(0, 4000), rows: page.rows, unmasked: !!grant },
      });
    }
    return page;
  },
};

export function assertWritable(readOnly: boolean): void {
  if (readOnly) throw new CoreError('READ_ONLY', '工作区以只读方式打开，无法修改。');
}
