// Step 3 of 数据导入: the counts of one batch and its rejected rows grouped by reason (click a reason → its rows).
import { useState } from 'react';
import { Alert, Card, Col, List, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useCall } from '../../hooks/useCall';
import { reasonLabel } from '../../../../shared/contract/import';

export interface BatchCounts {
  batchId: string;
  table: string;
  read: number;
  loaded: number;
  rejected: number;
  duplicates: number;
  rejectsFile: string | null;
  /** The imported file as the user knows it (a browser pick's own name, not the server's upload path). */
  fileName?: string | null;
}

export function ResultView({ batch }: { batch: BatchCounts }) {
  const [reason, setReason] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const rejects = useCall('import.rejects', batch.rejected > 0 ? { batchId: batch.batchId, reason, offset: (page - 1) * 50, limit: 50 } : null);
  const headers = rejects.data?.rows[0] ? Object.keys(rejects.data.rows[0].original) : [];
  return (
    <Card size="small" title={`导入结果 · ${batch.batchId}`} data-testid="import-result">
      <Row gutter={16}>
        <Col span={6}><Statistic title="读取" value={batch.read} /></Col>
        <Col span={6}><Statistic title="写入" value={batch.loaded} valueStyle={{ color: '#389e0d' }} /></Col>
        <Col span={6}><Statistic title="拒绝" value={batch.rejected} valueStyle={{ color: batch.rejected ? '#cf1322' : undefined }} /></Col>
        <Col span={6}><Statistic title="重复（未写入）" value={batch.duplicates} /></Col>
      </Row>
      {batch.fileName && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          文件：<Typography.Text data-testid="import-result-file">{batch.fileName}</Typography.Text>
        </Typography.Paragraph>
      )}
      {batch.rejectsFile && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          拒绝记录已保存为 <Typography.Text code copyable>{batch.rejectsFile}</Typography.Text>（UTF-8，可直接用 Excel 打开）。
        </Typography.Paragraph>
      )}
      {rejects.error && <Alert type="error" showIcon title="无法读取拒绝记录" description={rejects.error.message} />}
      {rejects.data && (
        <Row gutter={16} style={{ marginTop: 8 }}>
          <Col span={6}>
            <List
              size="small"
              header="拒绝原因（点击查看对应行）"
              dataSource={[{ reason: undefined as string | undefined, label: '全部', count: batch.rejected }, ...rejects.data.byReason]}
              renderItem={(r) => (
                <List.Item
                  style={{ cursor: 'pointer', background: r.reason === reason ? '#e6f4ff' : undefined }}
                  onClick={() => {
                    setReason(r.reason);
                    setPage(1);
                  }}
                >
                  <span>{r.reason ? `${r.label}（${r.reason}）` : r.label}</span>
                  <Tag>{r.count}</Tag>
                </List.Item>
              )}
            />
          </Col>
          <Col span={18}>
            <Table
              size="small"
              rowKey="rowNumber"
              scroll={{ x: Math.max(800, headers.length * 140) }}
              dataSource={rejects.data.rows}
              pagination={{ current: page, pageSize: 50, total: rejects.data.total, onChange: setPage, showSizeChanger: false }}
              columns={[
                { title: '行号', dataIndex: 'rowNumber', width: 80, fixed: 'left' },
                {
                  title: '原因',
                  dataIndex: 'reasons',
                  width: 220,
                  render: (rs: string[]) => rs.map((r) => <Tag key={r} color="red" title={r}>{reasonLabel(r)}</Tag>),
                },
                ...headers.map((h) => ({ title: h, width: 140, ellipsis: true, render: (_: unknown, row: { original: Record<string, string | null> }) => row.original[h] ?? '' })),
              ]}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
