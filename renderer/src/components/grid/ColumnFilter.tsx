// The filter editor of one column (in a popover under the header's funnel icon).
import { useState } from 'react';
import { Button, Input, Select, Space, Typography } from 'antd';
import type { FilterSpec } from '../../../../shared/contract';
import { OP_LABELS, makeFilter, needsValue, opsFor, type ColumnKind, type FilterOp } from './filters';

export function ColumnFilter(props: {
  column: string;
  label: string;
  kind: ColumnKind;
  current?: FilterSpec;
  onApply: (f: FilterSpec | null) => void;
}) {
  const ops = opsFor(props.kind);
  const [op, setOp] = useState<FilterOp>(props.current?.op ?? ops[0]!);
  const [value, setValue] = useState(props.current?.value === undefined || props.current?.value === null ? '' : String(props.current.value));
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const f = makeFilter(props.column, props.kind, op, value);
    if ('error' in f) setError(f.error);
    else props.onApply(f);
  };
  return (
    <Space orientation="vertical" style={{ width: 240 }} data-testid={`filter-editor-${props.column}`}>
      <Typography.Text strong>{props.label}</Typography.Text>
      <Select size="small" value={op} onChange={setOp} options={ops.map((o) => ({ value: o, label: OP_LABELS[o] }))} style={{ width: '100%' }} />
      {needsValue(op) ? (
        <Input
          size="small"
          autoFocus
          value={value}
          placeholder={props.kind === 'date' ? '2026-03-31' : props.kind === 'bool' ? '是 / 否' : '筛选值'}
          onChange={(e) => {
            setValue(e.target.value);
            setError(null);
          }}
          onPressEnter={apply}
          status={error ? 'error' : undefined}
          data-testid="filter-value"
        />
      ) : null}
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
      <Space>
        <Button size="small" type="primary" onClick={apply} data-testid="filter-apply">
          筛选
        </Button>
        <Button size="small" onClick={() => props.onApply(null)}>
          清除
        </Button>
      </Space>
    </Space>
  );
}
