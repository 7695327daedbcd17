// A grid over any SELECT: rows arrive as Arrow pages from query.run, only the visible rows are in the DOM
// (virtual scrolling), and sorting is pushed into SQL, so a million rows scroll as smoothly as a hundred.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Empty, Spin, Typography } from 'antd';
import { api, ApiError } from '../api';
import { arrowRows } from '../../../shared/arrow';
import type { SortSpec } from '../../../shared/contract';

const ROW_HEIGHT = 30;
const PAGE_SIZE = 500;
const OVERSCAN = 10;

export interface DataGridProps {
  sql: string;
  height?: number;
  labels?: Record<string, string>;
  filters?: { column: string; op: 'eq' | 'contains' | 'starts'; value: string }[];
  onTotal?: (total: number) => void;
  onRowClick?: (row: Record<string, unknown>) => void;
}

export function DataGrid({ sql, height = 520, labels = {}, filters = [], onTotal, onRowClick }: DataGridProps) {
  const [columns, setColumns] = useState<string[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sort, setSort] = useState<SortSpec[]>([]);
  const [scrollTop, setScrollTop] = useState(0);
  const [, setTick] = useState(0);
  const pages = useRef(new Map<number, Record<string, unknown>[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const filterKey = JSON.stringify(filters);

  const loadPage = useCallback(
    async (index: number, gen: number) => {
      if (pages.current.has(index) || loading.current.has(index)) return;
      loading.current.add(index);
      try {
        const page = await api.call('query.run', {
          sql,
          offset: index * PAGE_SIZE,
          limit: PAGE_SIZE,
          sort,
          filters,
          withTotal: index === 0,
        });
        if (gen !== generation.current) return;
        const decoded = arrowRows(page.arrow);
        pages.current.set(index, decoded.rows);
        if (index === 0) {
          setColumns(page.columns.map((c) => c.name));
          setTotal(page.total ?? decoded.rows.length);
          onTotal?.(page.total ?? decoded.rows.length);
        }
        setError(null);
        setTick((t) => t + 1);
      } catch (e) {
        if (gen === generation.current) setError(e instanceof ApiError ? e.message : String(e));
      } finally {
        loading.current.delete(index);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sql, JSON.stringify(sort), filterKey],
  );

  useEffect(() => {
    generation.current++;
    pages.current.clear();
    loading.current.clear();
    setTotal(null);
    void loadPage(0, generation.current);
  }, [loadPage]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const visibleCount = Math.ceil(height / ROW_HEIGHT) + OVERSCAN * 2;
  const last = Math.min((total ?? 0) - 1, first + visibleCount);

  useEffect(() => {
    if (total === null) return;
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(Math.max(first, last) / PAGE_SIZE); p++) void loadPage(p, generation.current);
  }, [first, last, total, loadPage]);

  const toggleSort = (column: string) => {
    setSort((s) => {
      const cur = s[0]?.column === column ? s[0] : undefined;
      if (!cur) return [{ column, desc: false }];
      if (!cur.desc) return [{ column, desc: true }];
      return [];
    });
  };

  const widths = useMemo(() => columns.map((c) => Math.min(260, Math.max(90, (labels[c] ?? c).length * 16 + 28))), [columns, labels]);
  const totalWidth = widths.reduce((a, b) => a + b, 0);

  if (error) return <Alert type="error" showIcon title="查询失败" description={error} />;
  if (total === null) return <Spin description="正在读取……" style={{ display: 'block', padding: 40 }} />;
  if (total === 0) return <Empty description="没有数据" />;

  const rows: { index: number; row?: Record<string, unknown> }[] = [];
  for (let i = first; i <= last; i++) rows.push({ index: i, row: pages.current.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE] });

  return (
    <div className="cws-grid" data-testid="data-grid">
      <Typography.Text type="secondary" data-testid="grid-total">
        共 {total.toLocaleString('zh-CN')} 行
      </Typography.Text>
      <div className="cws-grid-scroll" style={{ height, overflow: 'auto', position: 'relative' }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div className="cws-grid-head" style={{ width: totalWidth, position: 'sticky', top: 0, zIndex: 1 }}>
          {columns.map((c, i) => (
            <div key={c} className="cws-grid-th" style={{ width: widths[i] }} onClick={() => toggleSort(c)} title={`${c}（点击排序）`}>
              {labels[c] ?? c}
              {sort[0]?.column === c ? (sort[0].desc ? ' ▼' : ' ▲') : ''}
            </div>
          ))}
        </div>
        <div style={{ height: total * ROW_HEIGHT, width: totalWidth, position: 'relative' }}>
          {rows.map(({ index, row }) => (
            <div
              key={index}
              className="cws-grid-row"
              style={{ position: 'absolute', top: index * ROW_HEIGHT, height: ROW_HEIGHT, width: totalWidth }}
              onClick={() => row && onRowClick?.(row)}
            >
              {columns.map((c, i) => (
                <div key={c} className="cws-grid-td" style={{ width: widths[i] }}>
                  {row ? formatCell(row[c]) : '…'}
                </div>
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}

function formatCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toLocaleString('zh-CN', { maximumFractionDigits: 4 });
  return String(v);
}
