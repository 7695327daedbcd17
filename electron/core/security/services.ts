// Contract handlers for encrypted workspaces: status (can this machine write encrypted files?) and open/create
// with a passphrase. The passphrase is passed through to key derivation only; it is never logged or audited.
import { DuckDBInstance } from '@duckdb/node-api';
import type { HandlerMap } from '../context';
import type { Session } from '../session';
import { workspaceInfo } from '../workspace';
import { enableWritableEncryption, type CryptoAvailability } from './extensions';
import { assertStrongEnough } from './keyfile';
import { CoreError } from '../errors';
import type { UnmaskStatus } from '../../../shared/contract/audit';

let probed: Promise<CryptoAvailability> | null = null;

/** Whether encrypted workspaces can be written here (probed once per process on a throwaway instance). */
export function encryptionAvailability(): Promise<CryptoAvailability> {
  probed ??= (async () => {
    const instance = await DuckDBInstance.create(':memory:', {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const conn = await instance.connect();
    try {
      return await enableWritableEncryption(conn);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  })().catch((err) => ({ writable: false as const, reason: String(err instanceof Error ? err.message : err) }));
  return probed;
}

export function unmaskStatus(session: Session): UnmaskStatus {
  const grant = session.unmaskGrant();
  if (!grant) return { active: false, purpose: null, until: null, remainingSeconds: 0 };
  return {
    active: true,
    purpose: grant.purpose,
    until: new Date(grant.until).toISOString(),
    remainingSeconds: Math.max(0, Math.ceil((grant.until - Date.now()) / 1000)),
  };
}

export const securityHandlers: HandlerMap<'security.status' | 'security.openEncrypted'> = {
  'security.status': async (_input, ctx) => {
    const availability = await encryptionAvailability();
    let workspace = null;
    if (ctx.session.hasWorkspace()) {
      try {
        const ws = await ctx.session.workspace();
        workspace = { path: ws.path, encrypted: ws.encrypted, readOnly: ws.readOnly, readOnlyReason: ws.readOnlyReason };
      } catch (err) {
        // An encrypted workspace waiting for (the right) passphrase: say so instead of failing the status call.
        if (!(err instanceof CoreError) || (err.code !== 'ENCRYPTED' && err.code !== 'WRONG_PASSPHRASE')) throw err;
        workspace = { path: ctx.session.workspacePath!, encrypted: true, readOnly: false, readOnlyReason: null };
      }
    }
    return {
      encryptionAvailable: availability.writable,
      encryptionUnavailableReason: availability.writable ? null : `本机缺少加密组件：${availability.reason}`,
      workspace,
      unmask: unmaskStatus(ctx.session),
    };
  },

  'security.openEncrypted': async (input, ctx) => {
    const target = input.path ?? ctx.session.workspacePath;
    if (!target) throw new CoreError('BAD_INPUT', '请给出工作区文件路径。');
    if (input.create) assertStrongEnough(input.passphrase);
    const ws = await ctx.session.open(target, !!input.create, { passphrase: input.passphrase, encrypt: !!input.create });
    await ctx.session.audit({ action: input.create ? 'workspace.create' : 'workspace.open', target: ws.path, detail: { encrypted: ws.encrypted } });
    return { ...(await workspaceInfo(ws)), encrypted: ws.encrypted, readOnlyReason: ws.readOnlyReason };
  },
};
