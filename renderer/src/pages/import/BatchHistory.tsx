// Import history: every batch with its counts; a batch can be undone (its rows are deleted) or its rejects opened.
import { Alert, Button, Card, Popconfirm, Space, Table, Tag, message } from 'antd';
import { api } from '../../api';
import { errorText } from '../../components/ErrorAlert';
import { useCall } from '../../hooks/useCall';
import type { ImportBatch } from '../../../../shared/contract/import';
import { TABLE_BY_NAME } from '../../../../shared/domain/tables';
import { shownFileName } from './useImportFile';

export function BatchHistory({ version, onOpen, onChanged }: { version: number; onOpen: (b: ImportBatch) => void; onChanged: () => void }) {
  const batches = useCall('import.batches', { limit: 200 }, [version]);
  const undo = async (b: ImportBatch) => {
    try {
      const r = await api.call('import.undo', { batchId: b.batchId });
      message.success(`已撤销批次 ${r.batchId}，删除 ${r.deleted} 行。`);
      onChanged();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card size="small" title="导入历史" style={{ marginTop: 12 }} data-testid="import-history">
      {batches.error && <Alert type="error" showIcon title="无法读取导入历史" description={batches.error.message} />}
      <Table
        size="small"
        rowKey="batchId"
        loading={batches.loading}
        dataSource={batches.data ?? []}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: '批次', dataIndex: 'batchId', width: 220 },
          { title: '表', dataIndex: 'table', width: 120, render: (t: string) => TABLE_BY_NAME[t]?.label ?? t },
          {
            title: '文件',
            dataIndex: 'fileName',
            ellipsis: true,
            render: (f: string | null) => <span title={f ?? undefined}>{shownFileName(f)}</span>,
          },
          { title: '读取', dataIndex: 'read', width: 80 },
          { title: '写入', dataIndex: 'loaded', width: 80 },
          { title: '拒绝', dataIndex: 'rejected', width: 80 },
          { title: '重复', dataIndex: 'duplicates', width: 80 },
          { title: '时间', dataIndex: 'startedAt', width: 160 },
          { title: '操作人', dataIndex: 'operator', width: 90 },
          {
            title: '',
            width: 170,
            render: (_: unknown, b: ImportBatch) =>
              b.undoneAt ? (
                <Tag>已于 {b.undoneAt} 撤销</Tag>
              ) : (
                <Space>
                  <Button size="small" onClick={() => onOpen(b)}>查看</Button>
                  <Popconfirm title={`撤销后将删除该批次写入的 ${b.loaded} 行，确定？`} onConfirm={() => void undo(b)} okText="撤销" cancelText="取消">
                    <Button size="small" danger>撤销</Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
