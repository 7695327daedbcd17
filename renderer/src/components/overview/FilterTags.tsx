// The cross-filter state of 总览 as removable tags, plus selects to set it from the keyboard.
import { Select, Space, Tag, Typography, Button } from 'antd';
import type { OverviewFilter } from '../../../../shared/contract/profile';

export function FilterTags(props: {
  filter: OverviewFilter;
  towns: string[];
  industries: string[];
  onChange: (f: OverviewFilter) => void;
}) {
  const { filter, onChange } = props;
  const active = !!(filter.town || filter.industry);
  return (
    <Space wrap data-testid="overview-filters">
      <Typography.Text type="secondary">筛选：</Typography.Text>
      {filter.town ? (
        <Tag color="blue" closable onClose={() => onChange({ ...filter, town: undefined })} data-testid="filter-tag-town">
          街镇：{filter.town}
        </Tag>
      ) : null}
      {filter.industry ? (
        <Tag color="orange" closable onClose={() => onChange({ ...filter, industry: undefined })} data-testid="filter-tag-industry">
          行业：{filter.industry}
        </Tag>
      ) : null}
      {!active ? <Typography.Text type="secondary">全部（点击街镇或行业柱条即可筛选所有图表）</Typography.Text> : null}
      <Select
        size="small"
        allowClear
        placeholder="选择街镇"
        style={{ width: 150 }}
        value={filter.town}
        onChange={(v) => onChange({ ...filter, town: v ?? undefined })}
        options={props.towns.map((t) => ({ value: t, label: t }))}
        data-testid="filter-town-select"
      />
      <Select
        size="small"
        allowClear
        showSearch
        placeholder="选择行业"
        style={{ width: 200 }}
        value={filter.industry}
        onChange={(v) => onChange({ ...filter, industry: v ?? undefined })}
        options={props.industries.map((t) => ({ value: t, label: t }))}
      />
      {active ? (
        <Button size="small" type="link" onClick={() => onChange({})} data-testid="filter-clear">
          清除全部
        </Button>
      ) : null}
    </Space>
  );
}
