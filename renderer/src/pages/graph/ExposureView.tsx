// 失信关联风险: for every subject, listed nodes (严重失信 / 经营异常 / 失信被执行人) within 2 hops and the nearest
// distance, computed as of a date and stored per run; expand a row for the evidence.
import { useEffect, useState } from 'react';
import { Button, Card, Col, Flex, Input, Row, Statistic, Table, Tag, Typography } from 'antd';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { useLongCall } from '../../hooks/useLongCall';
import type { ExposureHit, ExposureRow, ExposureSummary } from '../../../../shared/contract/graph';

const PAGE = 20;

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function ExposureView({ onOpen }: { onOpen: (id: string) => void }) {
  const [asOf, setAsOf] = useState(today);
  const [summary, setSummary] = useState<ExposureSummary | null>(null);
  const [rows, setRows] = useState<{ total: number; rows: ExposureRow[] } | null>(null);
  const [page, setPage] = useState(1);
  const [hits, setHits] = useState<Record<string, ExposureHit[]>>({});
  const [error, setError] = useState<unknown>(null);
  const job = useLongCall('graph.exposure');

  useEffect(() => {
    if (!summary) return;
    api
      .call('graph.exposureList', { runId: summary.runId, offset: (page - 1) * PAGE, limit: PAGE })
      .then(setRows)
      .catch(setError);
  }, [summary, page]);

  const run = () => {
    setError(null);
    job
      .run({ asOf })
      .then((s) => {
        setSummary(s);
        setPage(1);
        setHits({});
      })
      .catch(setError);
  };

  const loadHits = (uscc: string) => {
    if (!summary || hits[uscc]) return;
    api
      .call('graph.exposureOf', { uscc, runId: summary.runId })
      .then((d) => setHits((h) => ({ ...h, [uscc]: d.hits })))
      .catch(setError);
  };

  return (
    <div data-testid="graph-exposure">
      <Card size="small">
        <Flex gap={12} align="center" wrap>
          基准日
          <Input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} style={{ width: 160 }} data-testid="graph-exposure-asof" />
          <Button type="primary" onClick={run} disabled={job.state.running || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)} data-testid="graph-exposure-run">
            计算关联风险
          </Button>
          <JobProgress state={job.state} onCancel={() => void job.cancel()} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            统计每个主体 2 度以内（经同地址 / 同电话计 1 度）在列的严重失信主体、经营异常、失信被执行人（主体或自然人，不含自身），以及最近的距离（3 度以内）；关系按基准日在任判断，结果按次保存。
          </Typography.Text>
        </Flex>
      </Card>
      <ErrorAlert error={error} />
      {summary && (
        <Row gutter={12} style={{ marginTop: 12 }}>
          <Col span={4}><Card size="small"><Statistic title="在列节点" value={summary.listedNodes} /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="2 度内有风险的主体" value={summary.exposed} /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="关联严重失信" value={summary.black} /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="关联经营异常" value={summary.abnormal} /></Card></Col>
          <Col span={4}><Card size="small"><Statistic title="关联失信被执行人" value={summary.dishonest} /></Card></Col>
          <Col span={4}>
            <Card size="small">
              <Statistic title="最近距离 1 / 2 / 3 度" value={[1, 2, 3].map((d) => summary.byDistance.find((x) => x.distance === d)?.subjects ?? 0).join(' / ')} />
            </Card>
          </Col>
        </Row>
      )}
      {rows && (
        <Card size="small" style={{ marginTop: 12 }} title={`有关联风险的主体（${rows.total.toLocaleString('zh-CN')}）`}>
          <Table
            size="small"
            rowKey="uscc"
            dataSource={rows.rows}
            data-testid="graph-exposure-table"
            pagination={{ current: page, pageSize: PAGE, total: rows.total, onChange: setPage, showSizeChanger: false }}
            expandable={{
              onExpand: (open, r) => open && loadHits(r.uscc),
              expandedRowRender: (r) => (
                <Table
                  size="small"
                  rowKey={(h) => `${h.nodeId}:${h.listType}`}
                  pagination={false}
                  loading={!hits[r.uscc]}
                  dataSource={hits[r.uscc] ?? []}
                  columns={[
                    { title: '在列节点', dataIndex: 'label' },
                    { title: '类型', dataIndex: 'nodeKind', render: (k: string) => (k === 'person' ? '自然人' : '主体') },
                    { title: '名单', dataIndex: 'listType' },
                    { title: '列入日期', dataIndex: 'inDate' },
                    { title: '距离（度）', dataIndex: 'distance', align: 'right' },
                  ]}
                />
              ),
            }}
            columns={[
              { title: '主体', dataIndex: 'name', render: (v: string | null, r) => <a onClick={() => onOpen(r.uscc)}>{v ?? r.uscc}</a> },
              { title: '自身在列', dataIndex: 'selfListed', render: (xs: string[]) => xs.map((x) => <Tag key={x} color="red">{x}</Tag>) },
              { title: '严重失信', dataIndex: 'blackWithin2', align: 'right' },
              { title: '经营异常', dataIndex: 'abnormalWithin2', align: 'right' },
              { title: '失信被执行人', dataIndex: 'dishonestWithin2', align: 'right' },
              { title: '最近距离', dataIndex: 'nearestDistance', align: 'right', render: (v: number | null) => (v === null ? '—' : `${v} 度`) },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
