// Export of the grid's current view (filters and sort applied) to CSV or XLSX, with progress and cancel.
import { App, Button, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadBytes } from '../../api';
import { useLongCall } from '../../hooks/useLongCall';
import { JobProgress } from '../JobProgress';
import { errorText } from '../ErrorAlert';
import type { FilterSpec, SortSpec } from '../../../../shared/contract';

const MIME = { csv: 'text/csv;charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export function GridExport(props: { sql: string; sort: SortSpec[]; filters: FilterSpec[]; labels: Record<string, string>; name?: string }) {
  const { message } = App.useApp();
  const job = useLongCall('grid.export');
  const run = async (format: 'csv' | 'xlsx') => {
    try {
      const labels = Object.fromEntries(Object.entries(props.labels).filter(([k, v]) => k !== v));
      const out = await job.run({ sql: props.sql, sort: props.sort, filters: props.filters, format, labels, ...(props.name ? { name: props.name } : {}) });
      if (out.bytes) downloadBytes(out.bytes, out.fileName, MIME[format]);
      message.success(`已导出 ${out.rows.toLocaleString('zh-CN')} 行：${out.path ?? out.fileName}`);
    } catch (e) {
      message.error({ content: errorText(e), duration: 8 });
    }
  };
  return (
    <Space>
      <JobProgress state={job.state} onCancel={() => void job.cancel()} />
      <Button size="small" icon={<DownloadOutlined />} disabled={job.state.running} onClick={() => void run('csv')} data-testid="export-csv">
        导出 CSV
      </Button>
      <Button size="small" icon={<DownloadOutlined />} disabled={job.state.running} onClick={() => void run('xlsx')} data-testid="export-xlsx">
        导出 XLSX
      </Button>
    </Space>
  );
}
