// Export a profile as XLSX or printable HTML, or print it directly (the printed copy is the same audited HTML).
import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { FileExcelOutlined, FileTextOutlined, PrinterOutlined } from '@ant-design/icons';
import { api, downloadBytes } from '../../api';
import { errorText } from '../ErrorAlert';

export function ProfileExport({ uscc }: { uscc: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (format: 'xlsx' | 'html', print = false) => {
    setBusy(print ? 'print' : format);
    try {
      const out = await api.call('profile.export', { uscc, format });
      if (!out.bytes) return;
      if (print) printHtml(new TextDecoder().decode(out.bytes));
      else {
        downloadBytes(out.bytes, out.fileName, format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/html;charset=utf-8');
        message.success(`已导出：${out.fileName}`);
      }
    } catch (e) {
      message.error({ content: errorText(e), duration: 8 });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space>
      <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => void run('xlsx')} data-testid="profile-export-xlsx">
        导出 XLSX
      </Button>
      <Button icon={<FileTextOutlined />} loading={busy === 'html'} onClick={() => void run('html')} data-testid="profile-export-html">
        导出 HTML
      </Button>
      <Button icon={<PrinterOutlined />} loading={busy === 'print'} onClick={() => void run('html', true)}>
        打印
      </Button>
    </Space>
  );
}

/** Prints an HTML document through a hidden frame (no new window: new windows are denied in the app). */
function printHtml(html: string): void {
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.srcdoc = html;
  frame.onload = () => {
    frame.contentWindow?.print();
    setTimeout(() => frame.remove(), 60_000);
  };
  document.body.appendChild(frame);
}
