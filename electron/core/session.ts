// One face's session with the core: which workspace is open, who operates, and whether an unmask grant is
// active. Faces create one Session each (the Electron core host one per app, serve one per run, cws one per
// command).
import os from 'node:os';
import path from 'node:path';
import { openWorkspace, type Workspace } from './workspace';
import { isEncryptedWorkspace } from './security/keyfile';
import { appendAudit, appendPendingAudit, mergePendingAudit, type AuditEntryInput } from './audit';
import { CoreError } from './errors';

export interface SessionOptions {
  workspacePath?: string;
  /** Where the first-run demo goes when no workspace exists yet (serve: the path it was asked to open). */
  firstRunPath?: string;
  operator?: string;
  readOnly?: boolean;
  /** Passphrase for an encrypted workspace; defaults to the environment variable CWS_PASSPHRASE. Never logged. */
  passphrase?: string;
  /** Asked when the workspace is encrypted and no passphrase is known (cws prompts on the terminal). */
  passphraseProvider?: (workspacePath: string) => Promise<string | undefined>;
}

export interface OpenSecret {
  passphrase?: string;
  /** With create: a new encrypted workspace. */
  encrypt?: boolean;
}

export interface UnmaskGrant {
  purpose: string;
  until: number;
}

export class Session {
  readonly operator: string;
  private current?: Workspace;
  private opening?: Promise<Workspace>;
  private grant?: UnmaskGrant;
  workspacePath?: string;
  readonly firstRunPath?: string;
  readonly readOnly: boolean;
  // Kept in memory only, to reopen the same encrypted workspace; bound to the path it was given for.
  private passphrase?: { path?: string; value: string };
  private readonly passphraseProvider?: (workspacePath: string) => Promise<string | undefined>;

  constructor(options: SessionOptions = {}) {
    this.operator = options.operator ?? process.env.CWS_OPERATOR ?? safeUserName();
    this.workspacePath = options.workspacePath;
    this.firstRunPath = options.firstRunPath;
    this.readOnly = !!options.readOnly;
    const given = options.passphrase ?? process.env.CWS_PASSPHRASE;
    if (given) this.passphrase = { value: given };
    this.passphraseProvider = options.passphraseProvider;
  }

  private async passphraseFor(file: string): Promise<string | undefined> {
    const resolved = path.resolve(file);
    if (this.passphrase && (!this.passphrase.path || this.passphrase.path === resolved)) return this.passphrase.value;
    if (this.passphraseProvider && isEncryptedWorkspace(resolved)) {
      const value = await this.passphraseProvider(resolved);
      if (value) this.passphrase = { path: resolved, value };
      return value;
    }
    return undefined;
  }

  /** The open workspace, opened on first use. */
  async workspace(): Promise<Workspace> {
    if (this.current && !this.current.isClosed) return this.current;
    if (!this.workspacePath) throw new CoreError('NO_WORKSPACE', '尚未打开工作区：请先新建或打开一个工作区。');
    if (!this.opening) {
      const file = this.workspacePath;
      this.opening = this.passphraseFor(file)
        .then((passphrase) => openWorkspace(file, { readOnly: this.readOnly, passphrase }))
        .finally(() => {
          this.opening = undefined;
        });
    }
    this.current = await this.opening;
    return this.current;
  }

  hasWorkspace(): boolean {
    return !!this.workspacePath;
  }

  /** Switch to another workspace file (closing the current one). */
  async open(file: string, create = false, secret: OpenSecret = {}): Promise<Workspace> {
    this.close();
    const passphrase = secret.passphrase ?? (await this.passphraseFor(file));
    const ws = await openWorkspace(file, { create, readOnly: this.readOnly, passphrase, encrypt: create && !!secret.encrypt });
    if (secret.passphrase) this.passphrase = { path: ws.path, value: secret.passphrase };
    this.workspacePath = ws.path;
    this.current = ws;
    return ws;
  }

  async audit(entry: Omit<AuditEntryInput, 'operator'>): Promise<void> {
    const ws = await this.workspace();
    const input = { operator: this.operator, ...entry };
    // A read-only workspace cannot take the entry, yet it must not go unaudited: it waits in a sidecar file beside
    // the workspace and is merged into audit_log (before anything newer) once the workspace is writable again.
    if (ws.readOnly) {
      await appendPendingAudit(ws, input);
      return;
    }
    await mergePendingAudit(ws, this.operator);
    await appendAudit(ws, input);
  }

  grantUnmask(purpose: string, minutes: number): UnmaskGrant {
    this.grant = { purpose, until: Date.now() + minutes * 60_000 };
    return this.grant;
  }

  /** Unmasking is only allowed when it can be audited. */
  async assertAuditable(): Promise<void> {
    const ws = await this.workspace();
    if (ws.readOnly) {
      throw new CoreError('READ_ONLY', '工作区以只读方式打开，无法记录审计日志，因此不能临时查看未脱敏信息。脱敏数据仍可正常查询。');
    }
  }

  revokeUnmask(): void {
    this.grant = undefined;
  }

  /** The active unmask grant, if any (grants expire by themselves). */
  unmaskGrant(): UnmaskGrant | undefined {
    if (this.grant && this.grant.until > Date.now()) return this.grant;
    this.grant = undefined;
    return undefined;
  }

  close(): void {
    this.current?.close();
    this.current = undefined;
    // A grant belongs to the workspace it was given for.
    this.grant = undefined;
  }
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'analyst';
  }
}
