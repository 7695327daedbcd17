// Passphrases for cws: from the environment variable CWS_PASSPHRASE, or typed at a terminal prompt without echo —
// never as a command-line argument (it would land in the shell history and the process list).
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { CoreError } from '../core/errors';

/** Reads one line from the terminal without echoing it. */
export function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) {
    return Promise.reject(
      new CoreError('ENCRYPTED', '该工作区已加密：请设置环境变量 CWS_PASSPHRASE，或在终端中运行以便输入口令。'),
    );
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

/** Passphrase of an existing encrypted workspace (Session's passphraseProvider for cws). */
export async function cliPassphrase(workspacePath: string): Promise<string | undefined> {
  if (process.env.CWS_PASSPHRASE) return process.env.CWS_PASSPHRASE;
  return promptHidden(`请输入工作区 ${workspacePath} 的口令：`);
}

/** Passphrase for a new encrypted workspace: the environment variable, or typed twice. */
export async function newPassphrase(): Promise<string> {
  if (process.env.CWS_PASSPHRASE) return process.env.CWS_PASSPHRASE;
  const first = await promptHidden('设置口令（至少 8 个字符）：');
  const second = await promptHidden('再次输入口令：');
  if (first !== second) throw new CoreError('BAD_INPUT', '两次输入的口令不一致，未创建工作区。');
  return first;
}
