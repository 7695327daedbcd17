// One face's session with the core: which workspace is open, who operates, and whether an unmask grant is
// active. Faces create one Session each (the Electron core host one per app, serve one per run, cws one per
// command).
import os from 'node:os';
import { openWorkspace, type Workspace } from './workspace';
import { appendAudit, type AuditEntryInput } from './audit';
import { CoreError } from './errors';

export interface SessionOptions {
  workspacePath?: string;
  operator?: string;
  readOnly?: boolean;
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
  readonly readOnly: boolean;

  constructor(options: SessionOptions = {}) {
    this.operator = options.operator ?? process.env.CWS_OPERATOR ?? safeUserName();
    this.workspacePath = options.workspacePath;
    this.readOnly = !!options.readOnly;
  }

  /** The open workspace, opened on first use. */
  async workspace(): Promise<Workspace> {
    if (this.current && !this.current.isClosed) return this.current;
    if (!this.workspacePath) throw new CoreError('NO_WORKSPACE', '尚未打开工作区：请先新建或打开一个工作区。');
    if (!this.opening) {
      this.opening = openWorkspace(this.workspacePath, { readOnly: this.readOnly }).finally(() => {
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
  async open(path: string, create = false): Promise<Workspace> {
    this.close();
    const ws = await openWorkspace(path, { create, readOnly: this.readOnly });
    this.workspacePath = ws.path;
    this.current = ws;
    return ws;
  }

  async audit(entry: Omit<AuditEntryInput, 'operator'>): Promise<void> {
    const ws = await this.workspace();
    if (ws.readOnly) return;
    await appendAudit(ws, { operator: this.operator, ...entry });
  }

  grantUnmask(purpose: string, minutes: number): UnmaskGrant {
    this.grant = { purpose, until: Date.now() + minutes * 60_000 };
    return this.grant;
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
  }
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'analyst';
  }
}
