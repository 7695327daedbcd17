// cws info <ws>
import type { CliCommand } from './command';
import { invoke } from './command';
import type { WorkspaceInfo } from '../../shared/contract';

export const infoCommand: CliCommand = {
  name: 'info',
  usage: 'cws info <ws>   工作区信息：各表行数、版本、数据指纹',
  needsWorkspace: true,
  run: (core) => invoke(core!, 'workspace.info', { fingerprint: true }),
  format: (r) => formatInfo(r),
};

export function formatInfo(r: unknown): string {
  const info = r as WorkspaceInfo;
  const lines = [`工作区：${info.path}`, `版本：${info.schemaVersion}`];
  if (info.fingerprint) lines.push(`数据指纹：${info.fingerprint}`);
  for (const t of info.tables) lines.push(`  ${t.name.padEnd(20)} ${String(t.rows).padStart(10)}  ${t.label}`);
  return lines.join('\n');
}
