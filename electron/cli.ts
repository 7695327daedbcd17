// The command-line face (`cws`). Every command accepts --json and then prints exactly one JSON object on stdout;
// errors go to stderr with exit code 1 (user error) or 2 (internal).
import { parseArgs } from 'node:util';
import { createCore } from './core/services';
import { CoreError, toContractError } from './core/errors';
import { USER_ERROR_CODES, type ContractError } from '../shared/contract';
import { progressLine, type CliCommand, type CliIo } from './cli/command';
import { cliPassphrase } from './cli/passphrase';
import { initCommand } from './cli/init';
import { infoCommand } from './cli/info';
import { queryCommand } from './cli/query';
import { usccCommand } from './cli/uscc';
import { importCommand } from './cli/import';
import { evaluateCommand } from './cli/evaluate';
import { tierCommand } from './cli/tier';
import { repairCommand } from './cli/repair';
import { graphCommand } from './cli/graph';
import { reportCommand } from './cli/report';
import { auditCommand } from './cli/audit';

export const COMMANDS: CliCommand[] = [
  initCommand, infoCommand, queryCommand, usccCommand, importCommand, evaluateCommand, tierCommand, repairCommand,
  graphCommand, reportCommand, auditCommand,
];

function usage(): string {
  return ['信用分析工作站命令行 cws', '', ...COMMANDS.map((c) => '  ' + c.usage), '', '所有命令都接受 --json：只在标准输出打印一个 JSON 对象。'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const io: CliIo = {
    json,
    info: (m) => process.stderr.write(m + '\n'),
    out: (t) => process.stdout.write(t),
  };
  const name = argv[0];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 1;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`未知命令：${name}\n\n${usage()}\n`);
    return 1;
  }
  let core = null;
  try {
    const { positionals, values } = parseArgs({
      args: argv.slice(1),
      options: { json: { type: 'boolean' }, ...(command.options ?? {}) },
      allowPositionals: true,
      strict: true,
    });
    if (command.needsWorkspace) {
      if (!positionals[0]) throw new CoreError('BAD_INPUT', `请给出工作区文件路径。用法：${command.usage}`);
      core = createCore({
        workspacePath: positionals[0],
        passphraseProvider: cliPassphrase,
        onProgress: (p) => {
          if (!json) io.info(progressLine(p));
        },
      });
      await core.session.workspace();
    }
    const result = await command.run(core, { positionals, values }, io);
    if (result !== undefined) {
      if (json) io.out(JSON.stringify(result) + '\n');
      else io.out((command.format?.(result) ?? JSON.stringify(result, null, 2)) + '\n');
    }
    return 0;
  } catch (err) {
    const e = cliError(err);
    process.stderr.write(`错误：${e.message}\n`);
    if (e.detail && process.env.CWS_DEBUG) process.stderr.write(e.detail + '\n');
    return USER_ERROR_CODES.has(e.code) ? 1 : 2;
  } finally {
    core?.close();
  }
}

function cliError(err: unknown): ContractError {
  // parseArgs errors are the user's: unknown option, missing value.
  if ((err as NodeJS.ErrnoException | undefined)?.code?.startsWith?.('ERR_PARSE_ARGS')) {
    return { code: 'BAD_INPUT', message: (err as Error).message };
  }
  return toContractError(err);
}
