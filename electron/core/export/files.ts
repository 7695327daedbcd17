// Writing exported files: bytes back to the caller, or into a chosen path; names that say what and when.
import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../errors';

export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** 行政处罚-20260601-093000.csv (local time); characters Windows forbids in names become _. */
export function exportFileName(base: string | undefined, ext: string, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const safe = (base ?? '导出').replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80) || '导出';
  return `${safe}-${stamp}.${ext}`;
}

/** Writes bytes to a chosen path (folder must exist); a clear Chinese error when it cannot. */
export function writeExport(target: string, bytes: Uint8Array | Buffer): string {
  const resolved = path.resolve(target);
  if (!fs.existsSync(path.dirname(resolved))) {
    throw new CoreError('BAD_INPUT', `保存位置不存在：${path.dirname(resolved)}。请选择一个已存在的文件夹。`);
  }
  try {
    fs.writeFileSync(resolved, bytes);
  } catch (err) {
    throw new CoreError('BAD_INPUT', `无法写入文件 ${resolved}：请确认文件未被 Excel 等程序打开，且有写入权限。`, String(err));
  }
  return resolved;
}
