// 排行与聚集: most-connected persons and subjects, firms at one registered address or phone, and the largest
// connected groups; a click opens the subject's network.
import { useState } from 'react';
import { Card, Col, InputNumber, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useCall } from '../../hooks/useCall';
import { ErrorAlert } from '../../components/ErrorAlert';

const LIST_COLOR: Record<string, string> = { 严重失信主体名单: 'red', 失信被执行人: 'magenta', 经营异常名录: 'orange' };
const lists = (xs: string[]) => xs.map((l) => <Tag key={l} color={LIST_COLOR[l] ?? 'green'}>{l}</Tag>);

export function RankView({ onOpen }: { onOpen: (id: string) => void }) {
  const [minFirms, setMinFirms] = useState(5);
  const [clusterKind, setClusterKind] = useState<'address' | 'phone'>('address');
  const persons = useCall('graph.top', { kind: 'person', limit: 20 });
  const subjects = useCall('graph.top', { kind: 'subject', limit: 20 });
  const clusters = useCall('graph.addressClusters', { kind: clusterKind, minFirms, limit: 50 });
  const comps = useCall('graph.components', { limit: 20 });
  const click = (id: string) => ({ onClick: () => onOpen(id), style: { cursor: 'pointer' } });

  return (
    <div data-testid="graph-rank">
      <Row gutter={12}>
        <Col span={12}>
          <Card size="small" title="关联企业最多的自然人（一人多企）">
            <ErrorAlert error={persons.error} />
            <Table
              size="small" rowKey="id" loading={persons.loading} pagination={false} dataSource={persons.data ?? []} data-testid="graph-top-persons"
              columns={[
                { title: '姓名（脱敏）', dataIndex: 'label' },
                { title: '关联企业', dataIndex: 'subjects', align: 'right' },
                { title: '名单', dataIndex: 'lists', render: lists },
              ]}
              onRow={(r) => ({ onClick: () => r.subjects > 0 && onOpen(r.id), style: { cursor: 'pointer' } })}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title="关联最多的主体">
            <ErrorAlert error={subjects.error} />
            <Table
              size="small" rowKey="id" loading={subjects.loading} pagination={false} dataSource={subjects.data ?? []} data-testid="graph-top-subjects"
              columns={[
                { title: '主体', dataIndex: 'label' },
                { title: '关联数', dataIndex: 'degree', align: 'right' },
                { title: '名单', dataIndex: 'lists', render: lists },
              ]}
              onRow={(r) => click(r.id)}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col span={12}>
          <Card
            size="small"
            title="同址 / 同电话企业聚集"
            extra={
              <Space>
                <Segmented value={clusterKind} onChange={(v) => setClusterKind(v as 'address' | 'phone')} options={[{ value: 'address', label: '注册地址' }, { value: 'phone', label: '联系电话' }]} />
                至少 <InputNumber min={2} max={100000} value={minFirms} onChange={(v) => setMinFirms(Number(v) || 2)} style={{ width: 80 }} /> 家
              </Space>
            }
          >
            <ErrorAlert error={clusters.error} />
            <Table
              size="small" rowKey="id" loading={clusters.loading} pagination={{ pageSize: 10 }} dataSource={clusters.data ?? []} data-testid="graph-clusters"
              columns={[
                { title: clusterKind === 'address' ? '注册地址' : '联系电话（脱敏）', dataIndex: 'label' },
                { title: '企业数', dataIndex: 'firms', align: 'right' },
                { title: '在列黑名单', dataIndex: 'listedFirms', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
                {
                  title: '部分企业',
                  dataIndex: 'sample',
                  render: (s: { uscc: string; name: string }[]) => s.map((x) => <Tag key={x.uscc} style={{ cursor: 'pointer' }} onClick={() => onOpen(x.uscc)}>{x.name}</Tag>),
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card size="small" title={comps.data ? `关联集团（连通分量 ${comps.data.components.toLocaleString('zh-CN')} 个，最大 ${comps.data.largest.toLocaleString('zh-CN')}）` : '关联集团'}>
            <ErrorAlert error={comps.error} />
            <Table
              size="small" rowKey="id" loading={comps.loading} pagination={false} dataSource={comps.data?.top ?? []} data-testid="graph-components"
              columns={[
                { title: '代表主体', dataIndex: 'label' },
                { title: '规模', dataIndex: 'size', align: 'right' },
                { title: '主体', dataIndex: 'subjects', align: 'right' },
                { title: '自然人', dataIndex: 'persons', align: 'right' },
              ]}
              onRow={(r) => click(r.id)}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
