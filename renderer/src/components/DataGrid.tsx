// A grid over any SELECT: rows arrive as Arrow pages from query.run, only the visible rows are in the DOM
// (virtual scrolling), and sorting and per-column filters are pushed into SQL, so a million rows scroll as
// smoothly as a hundred. Column statistics on demand; the current filtered view exports to CSV or XLSX.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button, Empty, Popover, Space, Spin, Tag, Typography } from 'antd';
import { BarChartOutlined, FilterFilled, FilterOutlined } from '@ant-design/icons';
import { api, ApiError } from '../api';
import { arrowRows } from '../../../shared/arrow';
import type { FilterSpec, QueryPage, SortSpec } from '../../../shared/contract';
import { ErrorAlert } from './ErrorAlert';
import { ColumnFilter } from './grid/ColumnFilter';
import { ColumnStatsView } from './grid/ColumnStatsView';
import { GridExport } from './grid/GridExport';
import { columnKind, describeFilter } from './grid/filters';

const ROW_HEIGHT = 30;
const PAGE_SIZE = 500;
const OVERSCAN = 10;

export interface DataGridProps {
  sql: string;
  height?: number;
  labels?: Record<string, string>;
  /** Filters set by the page (not removable in the grid). */
  filters?: FilterSpec[];
  /** File name (without extension) for exports. */
  name?: string;
  onTotal?: (total: number) => void;
  onRowClick?: (row: Record<string, unknown>) => void;
  /** Hide the export buttons (e.g. for small embedded grids). */
  noExport?: boolean;
  /** Rows already read for this SQL (unsorted, unfiltered, from offset 0, with total): shown without a second run. */
  initial?: QueryPage;
}

interface Column {
  name: string;
  type: string;
}

export function DataGrid({ sql, height = 520, labels = {}, filters: fixed = [], name, onTotal, onRowClick, noExport, initial }: DataGridProps) {
  const [columns, setColumns] = useState<Column[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [elapsed, setElapsed] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [sort, setSort] = useState<SortSpec[]>([]);
  const [userFilters, setUserFilters] = useState<FilterSpec[]>([]);
  const [scrollTop, setScrollTop] = useState(0);
  const [openPop, setOpenPop] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const pages = useRef(new Map<number, Record<string, unknown>[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);
  const filters = useMemo(() => [...fixed, ...userFilters], [JSON.stringify(fixed), userFilters]);
  const filterKey = JSON.stringify(filters);
  const label = (c: string) => labels[c] ?? c;

  // Reset the view when the query itself changes.
  useEffect(() => {
    setSort([]);
    setUserFilters([]);
    setColumns([]);
  }, [sql]);

  const loadPage = useCallback(
    async (index: number, gen: number) => {
      if (pages.current.has(index) || loading.current.has(index)) return;
      loading.current.add(index);
      try {
        const page = await api.call('query.run', { sql, offset: index * PAGE_SIZE, limit: PAGE_SIZE, sort, filters, withTotal: index === 0 });
        if (gen !== generation.current) return;
        pages.current.set(index, arrowRows(page.arrow).rows);
        if (index === 0) {
          setColumns(page.columns);
          setTotal(page.total ?? page.rows);
          setElapsed(page.elapsedMs);
          onTotal?.(page.total ?? page.rows);
        }
        setError(null);
        setTick((t) => t + 1);
      } catch (e) {
        if (gen === generation.current) setError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) }));
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
    setScrollTop(0);
    if (scroller.current) scroller.current.scrollTop = 0;
    if (initial && initial.offset === 0 && initial.total !== null && !sort.length && !filters.length) {
      // Seed whole pages from the rows already read (the last partial page is read again only if needed).
      const rows = arrowRows(initial.arrow).rows;
      const complete = rows.length === initial.total ? Math.ceil(rows.length / PAGE_SIZE) : Math.floor(rows.length / PAGE_SIZE);
      for (let p = 0; p < complete; p++) pages.current.set(p, rows.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE));
      if (complete > 0 || initial.total === 0) {
        setColumns(initial.columns);
        setTotal(initial.total);
        setElapsed(initial.elapsedMs);
        onTotal?.(initial.total);
        return;
      }
    }
    void loadPage(0, generation.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
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

  const setColumnFilter = (column: string, f: FilterSpec | null) => {
    setUserFilters((fs) => [...fs.filter((x) => x.column !== column), ...(f ? [f] : [])]);
    setOpenPop(null);
  };

  // Column widths from the header and the first rows' text (Chinese characters count double).
  const first0 = pages.current.get(0);
  const widths = useMemo(
    () =>
      columns.map((c) => {
        const textWidth = (t: string) => [...t].reduce((w, ch) => w + (ch.charCodeAt(0) > 255 ? 14 : 8), 0);
        const sample = (first0 ?? []).slice(0, 50).map((r) => textWidth(formatCell(r[c.name])));
        const content = sample.length ? Math.max(...sample) : 0;
        return Math.min(320, Math.max(100, textWidth(label(c.name)) + 56, content + 20));
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [columns, labels, first0],
  );
  const totalWidth = widths.reduce((a, b) => a + b, 0);

  const toolbar = (
    <div className="cws-grid-toolbar">
      <Space wrap size={4}>
        <Typography.Text type="secondary" data-testid="grid-total">
          {total === null ? '正在读取……' : `共 ${total.toLocaleString('zh-CN')} 行`}
        </Typography.Text>
        {elapsed !== null && total !== null ? <Typography.Text type="secondary">（{elapsed} 毫秒）</Typography.Text> : null}
        {sort[0] ? (
          <Tag closable onClose={() => setSort([])}>
            排序：{label(sort[0].column)} {sort[0].desc ? '降序' : '升序'}
          </Tag>
        ) : null}
        {userFilters.map((f) => (
          <Tag key={f.column} color="blue" closable onClose={() => setColumnFilter(f.column, null)} data-testid="grid-filter-tag">
            {describeFilter(f, label(f.column))}
          </Tag>
        ))}
        {userFilters.length > 1 ? (
          <Button size="small" type="link" onClick={() => setUserFilters([])}>
            清除筛选
          </Button>
        ) : null}
      </Space>
      {noExport ? null : <GridExport sql={sql} sort={sort} filters={filters} labels={labels} name={name} />}
    </div>
  );

  if (error) {
    return (
      <div className="cws-grid" data-testid="data-grid">
        {toolbar}
        <ErrorAlert error={error} title="查询失败" onRetry={userFilters.length ? () => setUserFilters([]) : undefined} />
      </div>
    );
  }

  const rows: { index: number; row?: Record<string, unknown> }[] = [];
  for (let i = first; i <= last; i++) rows.push({ index: i, row: pages.current.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE] });

  return (
    <div className="cws-grid" data-testid="data-grid" data-state={total === null ? 'loading' : 'ready'}>
      {toolbar}
      {total === null && !columns.length ? <Spin description="正在读取……" style={{ display: 'block', padding: 40 }} /> : null}
      {columns.length ? (
        <div ref={scroller} className="cws-grid-scroll" style={{ height, overflow: 'auto', position: 'relative' }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <div className="cws-grid-head" style={{ width: totalWidth, position: 'sticky', top: 0, zIndex: 1 }}>
            {columns.map((c, i) => {
              const active = userFilters.find((f) => f.column === c.name);
              return (
                <div key={c.name} className="cws-grid-th" style={{ width: widths[i] }} data-column={c.name}>
                  <span className="cws-grid-th-label" onClick={() => toggleSort(c.name)} title={`${c.name}（${c.type}）点击排序`}>
                    {label(c.name)}
                    {sort[0]?.column === c.name ? (sort[0].desc ? ' ▼' : ' ▲') : ''}
                  </span>
                  <Popover
                    trigger="click"
                    open={openPop === `f:${c.name}`}
                    onOpenChange={(o) => setOpenPop(o ? `f:${c.name}` : null)}
                    content={<ColumnFilter column={c.name} label={label(c.name)} kind={columnKind(c.type)} current={active} onApply={(f) => setColumnFilter(c.name, f)} />}
                    destroyOnHidden
                  >
                    <span className="cws-grid-icon" title="筛选" data-testid={`filter-${c.name}`}>
                      {active ? <FilterFilled style={{ color: '#1f6feb' }} /> : <FilterOutlined />}
                    </span>
                  </Popover>
                  <Popover
                    trigger="click"
                    open={openPop === `s:${c.name}`}
                    onOpenChange={(o) => setOpenPop(o ? `s:${c.name}` : null)}
                    content={<ColumnStatsView sql={sql} filters={filters} column={c.name} label={label(c.name)} />}
                    destroyOnHidden
                  >
                    <span className="cws-grid-icon" title="列统计" data-testid={`stats-${c.name}`}>
                      <BarChartOutlined />
                    </span>
                  </Popover>
                </div>
              );
            })}
          </div>
          {total === 0 ? (
            <Empty description="没有符合条件的数据" style={{ padding: 24, width: Math.min(totalWidth, 600) }} />
          ) : (
            <div style={{ height: (total ?? 0) * ROW_HEIGHT, width: totalWidth, position: 'relative', opacity: total === null ? 0.5 : 1 }}>
              {rows.map(({ index, row }) => (
                <div
                  key={index}
                  className={`cws-grid-row${onRowClick ? ' clickable' : ''}`}
                  style={{ position: 'absolute', top: index * ROW_HEIGHT, height: ROW_HEIGHT, width: totalWidth }}
                  onClick={() => row && onRowClick?.(row)}
                >
                  {columns.map((c, i) => (
                    <div key={c.name} className="cws-grid-td" style={{ width: widths[i] }} title={row ? formatCell(row[c.name]) : ''}>
                      {row ? formatCell(row[c.name]) : '…'}
                    </div>
                  ))}
                </div>
              ))}
            </div>
          )}
        </div>
      ) : null}
    </div>
  );
}

export function formatCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toLocaleString('zh-CN', { maximumFractionDigits: 4, useGrouping: false });
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v);
}
