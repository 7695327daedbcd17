// Exports a tiering list as XLSX through tier.export (the core writes the workbook and audits the export).
import { useState } from 'react';
import { Button, message } from 'antd';
import { api, ApiError, downloadBytes } from '../../api';
import type { CallInput } from '../../../../shared/contract';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ExportButton({ input, label = '导出 XLSX', testId }: { input: CallInput<'tier.export'>; label?: string; testId?: string }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const out = await api.call('tier.export', input);
      if (out.bytes) downloadBytes(out.bytes, out.fileName, XLSX_MIME);
      message.success(`已导出 ${out.rows.toLocaleString('zh-CN')} 行：${out.path ?? out.fileName}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void run()} loading={busy} data-testid={testId}>
      {label}
    </Button>
  );
}
