// Step 2 of 数据导入: the decoded first rows and the column mapping (profile proposal, user overrides).
import { Alert, Descriptions, Select, Table, Tag, Typography } from 'antd';
import type { ImportPreview } from '../../../../shared/contract/import';

export function MappingStep({
  preview,
  mapping,
  onMapping,
}: {
  preview: ImportPreview;
  mapping: Record<string, string | null>;
  onMapping: (m: Record<string, string | null>) => void;
}) {
  const targetOptions = [
    { value: '', label: '（不映射，保留在“未映射字段”）' },
    ...preview.targets.map((t) => ({ value: t.name, label: `${t.label}（${t.name}）${t.required ? ' *' : ''}${t.virtual ? ' ·仅导入时使用' : ''}` })),
  ];
  const mapped = new Set(Object.values(mapping).filter(Boolean));
  const missing = preview.targets.filter((t) => t.required && !mapped.has(t.name));
  const rows = preview.rows.map((r, i) => ({ key: i, ...Object.fromEntries(preview.headers.map((h, j) => [h, r[j] ?? ''])) }));
  return (
    <>
      <Descriptions size="small" column={4} style={{ marginBottom: 8 }}>
        <Descriptions.Item label="格式">{preview.format.toUpperCase()}</Descriptions.Item>
        <Descriptions.Item label="编码">{preview.encoding ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="表头行">{preview.headerRowIndex >= 0 ? `第 ${preview.headerRowIndex + 1} 行` : '无表头'}</Descriptions.Item>
        <Descriptions.Item label="映射配置">
          {preview.profile ? `${preview.profile.name}（匹配 ${preview.profile.score} 列）` : '未找到匹配的配置'}
        </Descriptions.Item>
      </Descriptions>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={`必填列尚未映射：${missing.map((t) => t.label).join('、')}`}
          description="这些列为空的行会被拒绝。可在下表中为它们选择源列。"
        />
      )}
      <Table
        size="small"
        pagination={false}
        rowKey="header"
        data-testid="import-mapping"
        dataSource={preview.headers.map((h, i) => ({ header: h, sample: preview.rows[0]?.[i] ?? '' }))}
        columns={[
          { title: '源列', dataIndex: 'header', width: 260 },
          { title: '示例值', dataIndex: 'sample', ellipsis: true },
          {
            title: '映射到',
            width: 380,
            render: (_: unknown, r: { header: string }) => (
              <Select
                style={{ width: '100%' }}
                showSearch
                optionFilterProp="label"
                value={mapping[r.header] ?? ''}
                options={targetOptions}
                onChange={(v: string) => onMapping({ ...mapping, [r.header]: v || null })}
              />
            ),
          },
          {
            title: '',
            width: 90,
            render: (_: unknown, r: { header: string }) => (mapping[r.header] ? <Tag color="green">已映射</Tag> : <Tag>未映射</Tag>),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        前 {preview.rows.length} 行（已解码）
      </Typography.Title>
      <Table
        size="small"
        virtual
        scroll={{ x: Math.max(800, preview.headers.length * 140), y: 300 }}
        pagination={false}
        dataSource={rows}
        data-testid="import-preview-rows"
        columns={preview.headers.map((h) => ({ title: h, dataIndex: h, width: 140, ellipsis: true }))}
      />
    </>
  );
}
