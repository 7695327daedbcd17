// 关联网络: the ego network of a subject (1–3 hops, edge types, time filter), click a node to expand it, a path
// finder between two subjects, colour by list status or grade, PNG export; at most 1,500 nodes on screen with a
// "更多未显示 N" control.
import { useEffect, useMemo, useRef, useState } from 'react';
import type * as echarts from 'echarts';
import { Alert, Button, Card, Checkbox, Col, Descriptions, Empty, Flex, Input, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { Chart } from '../../components/Chart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import { SubjectSearch } from '../../components/SubjectSearch';
import { useLongCall } from '../../hooks/useLongCall';
import { useNav } from '../../hooks/useNav';
import { graphOption, type GraphColorBy } from '../../../../shared/charts/graph';
import { EDGE_KINDS, type EdgeKind, type GraphNode, type PathResult } from '../../../../shared/contract/graph';
import {
  EDGE_KIND_LABELS,
  EXPAND_LIMIT,
  FIRST_LIMIT,
  MAX_VISIBLE,
  STEP_LIMIT,
  fromView,
  hiddenTotal,
  mergeExpansion,
  toFilter,
  type FilterForm,
  type NetworkState,
} from './model';

const KIND_TEXT: Record<GraphNode['kind'], string> = { subject: '主体', person: '自然人', address: '同注册地址', phone: '同联系电话' };
const LIST_COLOR: Record<string, string> = { 严重失信主体名单: 'red', 失信被执行人: 'magenta', 经营异常名录: 'orange' };

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function NetworkView({ initialCenter }: { initialCenter?: string }) {
  const nav = useNav();
  const [center, setCenter] = useState<string | null>(initialCenter ?? null);
  const [hops, setHops] = useState(2);
  const [limit, setLimit] = useState(FIRST_LIMIT);
  const [form, setForm] = useState<FilterForm>({ kinds: [...EDGE_KINDS], time: 'all', asOf: today(), dateFrom: '', dateTo: today() });
  const [colorBy, setColorBy] = useState<GraphColorBy>('list');
  const [net, setNet] = useState<NetworkState | null>(null);
  const [selected, setSelected] = useState<GraphNode | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [path, setPath] = useState<PathResult | null>(null);
  const [pathEnds, setPathEnds] = useState<{ source?: { id: string; label: string }; target?: { id: string; label: string } }>({});
  const [maxHops, setMaxHops] = useState(6);
  const chart = useRef<echarts.ECharts | null>(null);
  const ego = useLongCall('graph.ego');
  const expand = useLongCall('graph.ego');
  const pathCall = useLongCall('graph.path');
  const filter = toFilter(form);
  const filterKey = JSON.stringify(filter ?? {});

  // Opening a subject from the ranking or exposure tabs starts a fresh network, as picking one here does.
  useEffect(() => {
    if (!initialCenter) return;
    setPath(null);
    setLimit(FIRST_LIMIT);
    setCenter(initialCenter);
  }, [initialCenter]);

  // The centre's network: reloaded when the centre, hops, filters or the cap change (expansions start over).
  useEffect(() => {
    if (!center) return;
    let alive = true;
    setError(null);
    ego
      .run({ center, hops, limit, ...(filter ? { filter } : {}) })
      .then((v) => {
        if (!alive) return;
        setNet(fromView(v));
        setSelected(v.nodes.find((n) => n.id === v.center) ?? null);
      })
      .catch((e) => alive && setError(e));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [center, hops, limit, filterKey]);

  const onNodeClick = (id: string) => {
    if (!net) return;
    const node = net.nodes.find((n) => n.id === id) ?? path?.nodes.find((n) => n.id === id) ?? null;
    setSelected(node);
    if (!node || path?.found || net.expanded.includes(id) || id === net.center || node.capped) return;
    const room = MAX_VISIBLE - net.nodes.length;
    if (room <= 0) return;
    expand
      .run({ center: id, hops: 1, limit: Math.min(EXPAND_LIMIT, room + 1), ...(filter ? { filter } : {}) })
      .then((v) => setNet((cur) => (cur ? mergeExpansion(cur, id, v) : cur)))
      .catch(setError);
  };

  const findPath = () => {
    if (!pathEnds.source || !pathEnds.target) return;
    setError(null);
    pathCall
      .run({ source: pathEnds.source.id, target: pathEnds.target.id, maxHops, ...(filter ? { filter } : {}) })
      .then((r) => {
        setPath(r);
        setSelected(null);
      })
      .catch(setError);
  };

  const option = useMemo(() => {
    if (path?.found) return graphOption({ nodes: path.nodes, edges: path.edges, layout: 'path', colorBy, roots: [path.nodes[0]!.id], asOf: form.time === 'asOf' ? form.asOf : undefined });
    if (!net) return null;
    return graphOption({ nodes: net.nodes, edges: net.edges, roots: [net.center], colorBy, asOf: form.time === 'asOf' ? form.asOf : today() });
  }, [net, path, colorBy, form.time, form.asOf]);

  const exportPng = () => {
    if (!chart.current) return;
    const url = chart.current.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    const a = document.createElement('a');
    a.href = url;
    a.download = `关系图谱-${path?.found ? '路径' : (net?.center ?? '')}-${today()}.png`;
    a.click();
  };

  const hidden = net ? hiddenTotal(net) : 0;
  const visible = path?.found ? path.nodes.length : (net?.nodes.length ?? 0);
  const atCap = (net?.nodes.length ?? 0) >= MAX_VISIBLE || limit >= MAX_VISIBLE;

  return (
    <div data-testid="graph-network">
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <SubjectSearch width={420} size="middle" testId="graph-center-search" onPick={(h) => { setPath(null); setLimit(FIRST_LIMIT); setCenter(h.uscc); }} />
          <span>
            度数{' '}
            <Select value={hops} onChange={setHops} style={{ width: 90 }} data-testid="graph-hops" options={[1, 2, 3].map((h) => ({ value: h, label: `${h} 度` }))} />
          </span>
          <Segmented
            value={colorBy}
            onChange={(v) => setColorBy(v as GraphColorBy)}
            options={[{ value: 'list', label: '按名单着色' }, { value: 'grade', label: '按信用等级着色' }]}
          />
          <Button icon={<DownloadOutlined />} onClick={exportPng} disabled={!option} data-testid="graph-export-png">
            导出图片
          </Button>
        </Flex>
        <Flex gap={12} wrap align="center" style={{ marginTop: 8 }}>
          <Checkbox.Group
            data-testid="graph-kinds"
            value={form.kinds}
            onChange={(v) => setForm({ ...form, kinds: (v as EdgeKind[]).length ? (v as EdgeKind[]) : form.kinds })}
            options={EDGE_KINDS.map((k) => ({ value: k, label: EDGE_KIND_LABELS[k] }))}
          />
          <Segmented
            data-testid="graph-time"
            value={form.time}
            onChange={(v) => setForm({ ...form, time: v as FilterForm['time'] })}
            options={[{ value: 'all', label: '全部时间' }, { value: 'asOf', label: '某日在任' }, { value: 'period', label: '期间内在任' }]}
          />
          {form.time === 'asOf' && (
            <Input type="date" value={form.asOf} onChange={(e) => setForm({ ...form, asOf: e.target.value })} style={{ width: 160 }} data-testid="graph-asof" />
          )}
          {form.time === 'period' && (
            <Space>
              <Input type="date" value={form.dateFrom} onChange={(e) => setForm({ ...form, dateFrom: e.target.value })} style={{ width: 160 }} />
              至
              <Input type="date" value={form.dateTo} onChange={(e) => setForm({ ...form, dateTo: e.target.value })} style={{ width: 160 }} />
            </Space>
          )}
        </Flex>
        <Flex gap={12} wrap align="center" style={{ marginTop: 8 }} data-testid="graph-path-finder">
          <Typography.Text strong>路径查找</Typography.Text>
          <Tag>{pathEnds.source ? `起点：${pathEnds.source.label}` : '起点：点选节点后“设为起点”'}</Tag>
          <Tag>{pathEnds.target ? `终点：${pathEnds.target.label}` : '终点：点选节点或在下方查找'}</Tag>
          <SubjectSearch width={300} size="middle" testId="graph-target-search" onPick={(h) => setPathEnds((p) => ({ ...p, target: { id: h.uscc, label: h.name } }))} />
          <Select value={maxHops} onChange={setMaxHops} style={{ width: 120 }} options={[2, 3, 4, 5, 6, 8, 10].map((h) => ({ value: h, label: `最多 ${h} 度` }))} />
          <Button type="primary" onClick={findPath} disabled={!pathEnds.source || !pathEnds.target} data-testid="graph-find-path">
            查找最短路径
          </Button>
          {path && (
            <Button onClick={() => setPath(null)} data-testid="graph-back-network">
              返回关联网络
            </Button>
          )}
        </Flex>
      </Card>
      <JobProgress state={ego.state.running ? ego.state : expand.state.running ? expand.state : pathCall.state} onCancel={() => void (ego.cancel(), expand.cancel(), pathCall.cancel())} />
      <ErrorAlert error={error} />
      {path && !path.found && (
        <Alert type="info" showIcon style={{ marginTop: 8 }} title={`在 ${path.maxHops} 度以内没有找到关联路径`} description={`共搜索 ${path.explored} 个节点；可放宽关系类型或时间筛选，或增加最多度数。`} data-testid="graph-no-path" />
      )}
      {path?.found && (
        <Alert type="success" showIcon style={{ marginTop: 8 }} title={`最短路径 ${path.length} 度：${path.nodes.map((n) => n.label).join(' → ')}`} data-testid="graph-path-result" />
      )}
      <Row gutter={12} style={{ marginTop: 8 }}>
        <Col span={18}>
          <Card
            size="small"
            data-testid="graph-view"
            title={`节点 ${visible}${!path?.found && net ? `，关系 ${net.edges.length}` : ''}`}
            extra={
              !path?.found && hidden > 0 ? (
                <Space data-testid="graph-more">
                  <Typography.Text type="warning">更多未显示 {hidden.toLocaleString('zh-CN')}</Typography.Text>
                  {atCap ? (
                    <Typography.Text type="secondary">已达显示上限 {MAX_VISIBLE.toLocaleString('zh-CN')}，请减少度数或筛选关系类型</Typography.Text>
                  ) : (
                    <Button size="small" onClick={() => setLimit(Math.min(MAX_VISIBLE, limit + STEP_LIMIT))} data-testid="graph-show-more">
                      再显示 {Math.min(STEP_LIMIT, MAX_VISIBLE - limit)} 个
                    </Button>
                  )}
                </Space>
              ) : null
            }
          >
            {option ? (
              <Chart option={option} height={620} testId="graph-chart" onReady={(c) => (chart.current = c)} onClick={(p) => p.dataType === 'node' && onNodeClick(String((p.data as { id: string }).id))} />
            ) : (
              <Empty description="请输入主体名称或代码，查看其关联网络" style={{ padding: 80 }} />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              方形为主体，圆形为自然人（姓名脱敏），菱形 / 三角为同注册地址 / 同联系电话（经此一跳计为 1 度；超过 100 家的集中登记地址只显示不展开）。点击节点展开其一度关系；滚轮缩放，拖动平移。
            </Typography.Text>
          </Card>
        </Col>
        <Col span={6}>
          <NodeDetails
            node={selected}
            onCenter={(id) => { setPath(null); setLimit(FIRST_LIMIT); setCenter(id); }}
            onSource={(n) => setPathEnds((p) => ({ ...p, source: { id: n.id, label: n.label } }))}
            onTarget={(n) => setPathEnds((p) => ({ ...p, target: { id: n.id, label: n.label } }))}
            onProfile={(id) => nav.go('profile', { uscc: id })}
          />
        </Col>
      </Row>
    </div>
  );
}

function NodeDetails(props: {
  node: GraphNode | null;
  onCenter: (id: string) => void;
  onSource: (n: GraphNode) => void;
  onTarget: (n: GraphNode) => void;
  onProfile: (id: string) => void;
}) {
  const n = props.node;
  if (!n) return <Card size="small" title="节点信息"><Empty description="点击图中的节点查看" /></Card>;
  const hub = n.kind === 'address' || n.kind === 'phone';
  return (
    <Card size="small" title="节点信息" data-testid="graph-node-details">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={KIND_TEXT[n.kind]}>{n.label}</Descriptions.Item>
        {n.kind === 'subject' && <Descriptions.Item label="代码">{n.id}</Descriptions.Item>}
        {n.status && <Descriptions.Item label="登记状态">{n.status}</Descriptions.Item>}
        {n.grade && <Descriptions.Item label="信用等级">{n.grade}</Descriptions.Item>}
        <Descriptions.Item label={hub ? '企业数' : '关联数'}>{n.degree}</Descriptions.Item>
        <Descriptions.Item label="名单">
          {n.lists.length ? n.lists.map((l) => <Tag key={l} color={LIST_COLOR[l] ?? 'green'}>{l}</Tag>) : '无'}
        </Descriptions.Item>
      </Descriptions>
      <Space wrap>
        {!hub && <Button size="small" onClick={() => props.onCenter(n.id)}>以此为中心</Button>}
        {!hub && <Button size="small" onClick={() => props.onSource(n)} data-testid="graph-set-source">设为起点</Button>}
        {!hub && <Button size="small" onClick={() => props.onTarget(n)}>设为终点</Button>}
        {n.kind === 'subject' && <Button size="small" onClick={() => props.onProfile(n.id)}>主体画像</Button>}
      </Space>
    </Card>
  );
}
