// Contract handlers of the audit capability (names declared in shared/contract/audit.ts): the audit log, unmask
// grants, and (from ../security) encrypted workspaces.
import type { HandlerMap } from '../context';
import { listAudit } from './list';
import { mergePendingAudit, verifyAuditWithPending } from './pending';
import type { Workspace } from '../workspace/workspace';
import { securityHandlers, unmaskStatus } from '../security/services';

export const UNMASK_DEFAULT_MINUTES = 15;

const auditLogHandlers: HandlerMap<'audit.list' | 'audit.verify' | 'audit.unmask' | 'audit.unmaskStatus' | 'audit.revoke'> = {
  'audit.list': async (input, ctx) => listAudit(await mergedWorkspace(ctx.session), input),

  // Both chains: audit_log and, while the workspace is read-only, its pending sidecar.
  'audit.verify': async (_input, ctx) => verifyAuditWithPending(await mergedWorkspace(ctx.session)),

  'audit.unmask': async (input, ctx) => {
    // No grant without a record of it.
    await ctx.session.assertAuditable();
    const minutes = input.minutes ?? UNMASK_DEFAULT_MINUTES;
    const grant = ctx.session.grantUnmask(input.purpose, minutes);
    await ctx.session.audit({
      action: 'unmask.grant',
      target: ctx.session.workspacePath ?? null,
      purpose: input.purpose,
      detail: { minutes, until: new Date(grant.until).toISOString() },
    });
    return unmaskStatus(ctx.session);
  },

  'audit.unmaskStatus': async (_input, ctx) => unmaskStatus(ctx.session),

  'audit.revoke': async (_input, ctx) => {
    const grant = ctx.session.unmaskGrant();
    ctx.session.revokeUnmask();
    if (grant) await ctx.session.audit({ action: 'unmask.revoke', purpose: grant.purpose });
    return unmaskStatus(ctx.session);
  },
};

/** The session's workspace, with entries written while it was read-only merged in once it is writable. */
async function mergedWorkspace(session: { workspace(): Promise<Workspace>; operator: string }): Promise<Workspace> {
  const ws = await session.workspace();
  await mergePendingAudit(ws, session.operator);
  return ws;
}

export const auditHandlers = { ...auditLogHandlers, ...securityHandlers };
