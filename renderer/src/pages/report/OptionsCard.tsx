// The report's options: period (a year or a date range), comparison with the prior period, sections (with the runs
// they need) and the purpose stamped in the watermark.
import { Alert, Card, Checkbox, Flex, Input, Radio, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { CAPABILITY_LABELS, type ReportDefinitionInfo } from '../../../../shared/contract/report';
import type { ReportForm } from './options';

export function OptionsCard({ info, form, onChange }: { info: ReportDefinitionInfo; form: ReportForm; onChange: (f: ReportForm) => void }) {
  const set = (patch: Partial<ReportForm>) => onChange({ ...form, ...patch });
  const years = [...new Set([info.defaultYear, ...info.years])].sort((a, b) => b - a);
  const missing = info.sections.flatMap((s) => s.requires).filter((c, i, a) => a.indexOf(c) === i && !info.runs[c]);
  return (
    <Card size="small" title={`${info.definition.title}（${info.definition.id} ${info.definition.version}）`} data-testid="report-options">
      <Flex vertical gap={12}>
        <Flex gap={16} wrap align="center">
          <Radio.Group value={form.mode} onChange={(e) => set({ mode: e.target.value })} data-testid="report-mode">
            <Radio.Button value="year">按年度</Radio.Button>
            <Radio.Button value="range">按日期范围</Radio.Button>
          </Radio.Group>
          {form.mode === 'year' ? (
            <Select
              style={{ width: 120 }}
              value={form.year}
              onChange={(year) => set({ year })}
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
              data-testid="report-year"
            />
          ) : (
            <Space>
              <Input type="date" value={form.start} onChange={(e) => set({ start: e.target.value })} style={{ width: 160 }} data-testid="report-start" />
              至
              <Input type="date" value={form.end} onChange={(e) => set({ end: e.target.value })} style={{ width: 160 }} data-testid="report-end" />
            </Space>
          )}
          <Space>
            <Switch checked={form.compare} onChange={(compare) => set({ compare })} data-testid="report-compare" />
            与上期（等长的前一期间）比较
          </Space>
          <Input
            style={{ width: 280 }}
            placeholder="用途（写入水印和审计日志）"
            value={form.purpose}
            maxLength={200}
            onChange={(e) => set({ purpose: e.target.value })}
            data-testid="report-purpose"
          />
        </Flex>
        <div>
          <Typography.Text type="secondary">章节：</Typography.Text>
          <Checkbox.Group value={form.sections} onChange={(v) => set({ sections: v as string[] })} data-testid="report-sections">
            <Flex gap={12} wrap>
              {info.sections.map((s, i) => {
                const lacking = s.requires.filter((c) => !info.runs[c]);
                return (
                  <Checkbox key={s.id} value={s.id} data-testid={`report-section-${s.id}`}>
                    <Tooltip title={s.intro}>
                      {i + 1}. {s.title}
                    </Tooltip>
                    {lacking.map((c) => (
                      <Tag key={c} color="warning" style={{ marginLeft: 4 }}>
                        尚未运行{CAPABILITY_LABELS[c]}
                      </Tag>
                    ))}
                  </Checkbox>
                );
              })}
            </Flex>
          </Checkbox.Group>
        </div>
        {missing.length > 0 && (
          <Alert
            type="info"
            showIcon
            title={`尚未运行${missing.map((c) => CAPABILITY_LABELS[c]).join('、')}`}
            description="依赖这些运行的章节会在报告中注明“尚未运行”，不会给出数字。先在对应页面运行后再生成报告即可。"
          />
        )}
      </Flex>
    </Card>
  );
}
