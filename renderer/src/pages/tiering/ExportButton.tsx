// Exports a tiering list as XLSX through tier.export (the core writes the workbook, stamps it with the watermark and
// audits the export). The optional 导出用途 goes into the watermark and the audit log.
import { useState } from 'react';
import { Button, Input, Space, message } from 'antd';
import { api, ApiError, downloadBytes } from '../../api';
import type { CallInput } from '../../../../shared/contract';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ExportButton({ input, label = '导出 XLSX', testId }: { input: CallInput<'tier.export'>; label?: string; testId?: string }) {
  const [busy, setBusy] = useState(false);
  const [purpose, setPurpose] = useState('');
  const run = async () => {
    setBusy(true);
    try {
      const out = await api.call('tier.export', { ...input, ...(purpose.trim() ? { purpose: purpose.trim() } : {}) });
      if (out.bytes) downloadBytes(out.bytes, out.fileName, XLSX_MIME);
      message.success(`已导出 ${out.rows.toLocaleString('zh-CN')} 行：${out.path ?? out.fileName}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact>
      <Input
        placeholder="导出用途（可选）"
        maxLength={200}
        style={{ width: 160 }}
        value={purpose}
        onChange={(e) => setPurpose(e.target.value)}
        data-testid={testId ? `${testId}-purpose` : undefined}
      />
      <Button onClick={() => void run()} loading={busy} data-testid={testId}>
        {label}
      </Button>
    </Space.Compact>
  );
}
