// The one error type of the core. Every face turns it into the contract's typed error {code, message, detail}:
// message is Chinese and says what to do; detail carries the technical cause for the log.
import type { ContractError, ErrorCode } from '../../shared/contract/errors';

export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }

  static cancelled(): CoreError {
    return new CoreError('CANCELLED', '操作已取消，工作区保持原样。');
  }

  static fromDuckDB(err: unknown): CoreError {
    if (err instanceof CoreError) return err;
    const msg = err instanceof Error ? err.message : String(err);
    if (/INTERRUPT/i.test(msg)) return CoreError.cancelled();
    if (/Out of Memory/i.test(msg)) {
      return new CoreError('OUT_OF_MEMORY', '内存不足：请缩小查询范围或关闭其他程序后重试。', msg);
    }
    return new CoreError('SQL_ERROR', `数据库执行出错：${firstLine(msg)}`, msg);
  }

  toContract(): ContractError {
    return { code: this.code, message: this.message, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

/** Any thrown value → the contract's typed error (internal errors keep their message in detail only). */
export function toContractError(err: unknown): ContractError {
  if (err instanceof CoreError) return err.toContract();
  const msg = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: '内部错误：操作未完成，工作区保持原样。请重试，若反复出现请联系维护人员。', detail: msg };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.slice(0, 300);
}
