// 规则说明: the rule sets and calendar in force (from datasets/rules), so analysts can see what the run applies.
import { Alert, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useCall } from '../../hooks/useCall';
import { PENALTY_TIERS } from '../../../../shared/contract/repair';

export function Rules() {
  const r = useCall('repair.rules', {});
  if (r.error) return <Alert type="error" showIcon title="无法读取规则" description={r.error.message} />;
  if (!r.data) return null;
  return (
    <div data-testid="repair-rules">
      {r.data.ruleSets.map((rs) => (
        <Card key={rs.id} size="small" style={{ marginBottom: 12 }} title={`${rs.title}（${rs.version}）`} extra={<Typography.Text type="secondary">哈希 {rs.hash}</Typography.Text>}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label="适用">
              {rs.effectiveFrom} 起{rs.effectiveTo ? `至 ${rs.effectiveTo}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="部门阈值覆盖">{rs.departmentOverrides ? `${rs.departmentOverrides} 条` : '无'}</Descriptions.Item>
            <Descriptions.Item label="特殊领域" span={2}>
              {rs.domains.length ? rs.domains.map((d) => <Tag key={d.name}>{`${d.name}：最短 ${d.minMonths} 个月`}</Tag>) : '无'}
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            pagination={false}
            rowKey="tier"
            dataSource={PENALTY_TIERS.map((t) => ({
              tier: t,
              ...rs.periods[t],
              keywords: rs.categories.filter((c) => c.tier === t).flatMap((c) => c.keywords),
            }))}
            columns={[
              { title: '等级', dataIndex: 'tier' },
              { title: '处罚类别关键词', dataIndex: 'keywords', render: (k: string[]) => (k.length ? k.join('、') : '（其他）') },
              { title: '公示', dataIndex: 'disclose', render: (d: boolean) => (d ? '公示' : '不予公示') },
              { title: '最短（月）', dataIndex: 'minMonths' },
              { title: '最长（月）', dataIndex: 'maxMonths' },
            ]}
          />
          <Table
            style={{ marginTop: 8 }}
            size="small"
            pagination={false}
            rowKey="kind"
            dataSource={Object.entries(rs.thresholds).map(([kind, t]) => ({ kind, ...t }))}
            columns={[
              { title: '主体类别', dataIndex: 'kind' },
              { title: '较小数额（万元，低于）', dataIndex: 'smallBelowWan' },
              { title: '巨额（万元，不低于）', dataIndex: 'hugeFromWan' },
            ]}
          />
          {rs.doc.length > 0 && (
            <ul style={{ fontSize: 12, color: '#57606a', marginTop: 8, marginBottom: 0 }}>
              {rs.doc.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </Card>
      ))}
      <Card size="small" title="工作日历">
        <Table
          size="small"
          pagination={false}
          rowKey="year"
          dataSource={r.data.calendar}
          columns={[
            { title: '年份', dataIndex: 'year' },
            { title: '状态', dataIndex: 'status', render: (s: string) => (s === 'official' ? <Tag color="green">官方</Tag> : <Tag color="orange">暂定</Tag>) },
            { title: '来源', dataIndex: 'source' },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          修复办理时限 {r.data.district.limitWorkdays} 个工作日；三书同达的重点领域：{r.data.district.keySectors.join('、')}。规则文件位于 datasets/rules，修改后重新测算即生效。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
