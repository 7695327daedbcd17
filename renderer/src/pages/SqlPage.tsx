// SQL 控制台: read-only queries over the workspace (the core admits only a single SELECT), a reference of the
// tables with Chinese labels, results in the grid, a chart builder, saved queries; Ctrl+Enter runs, Esc cancels.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Col, Row, Space, Tabs, Typography } from 'antd';
import { CaretRightOutlined, StopOutlined } from '@ant-design/icons';
import { api, ApiError, newJobId } from '../api';
import type { QueryPage } from '../../../shared/contract';
import { arrowRows } from '../../../shared/arrow';
import { columnLabel, isCanonicalTable } from '../../../shared/domain/tables';
import { useLocalStorage } from '../hooks/useLocalStorage';
import { DataGrid } from '../components/DataGrid';
import { ErrorAlert } from '../components/ErrorAlert';
import { SqlEditor, type SqlEditorHandle } from '../components/sql/SqlEditor';
import { TableReference } from '../components/sql/TableReference';
import { ChartBuilder } from '../components/sql/ChartBuilder';
import { SavedQueries } from '../components/sql/SavedQueries';

/** Rows read up front: the grid's first pages and the chart builder's data. */
const FIRST_ROWS = 2000;

interface Result {
  /** Increases with every run, so re-running the same SQL always shows fresh rows (e.g. after unmasking). */
  run: number;
  sql: string;
  page: QueryPage;
  rows: Record<string, unknown>[];
  columns: string[];
}

export function SqlPage() {
  const [sql, setSql] = useLocalStorage('cws-sql-draft', 'SELECT town AS 街镇, count(*) AS 主体数\nFROM subjects\nGROUP BY town\nORDER BY 主体数 DESC');
  const [history, setHistory] = useLocalStorage<string[]>('cws-sql-history', []);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [job, setJob] = useState<string | null>(null);
  const [started, setStarted] = useState(0);
  const editor = useRef<SqlEditorHandle>(null);

  const run = async (text = sql) => {
    if (!text.trim() || job) return;
    const jobId = newJobId();
    setJob(jobId);
    setError(null);
    setStarted(Date.now());
    try {
      const page = await api.call('query.run', { sql: text, limit: FIRST_ROWS, withTotal: true }, { jobId });
      const decoded = arrowRows(page.arrow);
      setResult((prev) => ({ run: (prev?.run ?? 0) + 1, sql: text, page, rows: decoded.rows, columns: decoded.columns }));
      setHistory((h) => [text, ...h.filter((x) => x !== text)].slice(0, 20));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) }));
    } finally {
      setJob(null);
    }
  };
  const cancel = () => {
    if (job) void api.cancel(job);
  };

  // Chinese headers for columns named like canonical ones, when the query reads a single canonical table.
  const labels = useMemo(() => {
    if (!result) return {};
    const table = result.page.tables.length === 1 && isCanonicalTable(result.page.tables[0]!) ? result.page.tables[0]! : null;
    return table ? Object.fromEntries(result.columns.map((c) => [c, columnLabel(table, c)])) : {};
  }, [result]);

  return (
    <Row gutter={12} data-testid="page-sql">
      <Col xs={24} lg={7} xl={6}>
        <Card size="small" title="表参考（点击列名插入）" styles={{ body: { maxHeight: 'calc(100vh - 150px)', overflow: 'auto' } }}>
          <TableReference
            onInsert={(t) => editor.current?.insert(t)}
            onQueryTable={(t) => {
              const q = `SELECT * FROM ${t} LIMIT 1000`;
              setSql(q);
              void run(q);
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={17} xl={18}>
        <Card
          size="small"
          title="只读 SQL 查询"
          extra={<Typography.Text type="secondary">只允许一条 SELECT；个人信息默认脱敏，含个人信息的查询记入审计</Typography.Text>}
        >
          <SqlEditor ref={editor} value={sql} onChange={setSql} onRun={() => void run()} onCancel={cancel} />
          <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8, flexWrap: 'wrap', gap: 8 }}>
            <Space>
              <Button type="primary" icon={<CaretRightOutlined />} loading={!!job} onClick={() => void run()} data-testid="sql-run">
                执行（Ctrl+Enter）
              </Button>
              <Button icon={<StopOutlined />} disabled={!job} onClick={cancel} data-testid="sql-cancel">
                取消（Esc）
              </Button>
              {job ? <Elapsed since={started} /> : null}
              {result && !job ? (
                <Typography.Text type="secondary" data-testid="sql-status">
                  {`共 ${(result.page.total ?? result.page.rows).toLocaleString('zh-CN')} 行，用时 ${result.page.elapsedMs} 毫秒`}
                </Typography.Text>
              ) : null}
            </Space>
            <SavedQueries sql={sql} history={history} onLoad={(q) => setSql(q)} />
          </div>
        </Card>
        {error ? (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={error} title="查询未执行" />
          </div>
        ) : null}
        {result ? (
          <Card size="small" style={{ marginTop: 12 }}>
            <Tabs
              items={[
                {
                  key: 'grid',
                  label: '结果',
                  children: <DataGrid key={result.run} sql={result.sql} initial={result.page} labels={labels} height={460} name="查询结果" />,
                },
                { key: 'chart', label: '图表', children: <ChartBuilder columns={result.columns} rows={result.rows} total={result.page.total ?? result.rows.length} /> },
              ]}
            />
          </Card>
        ) : null}
      </Col>
    </Row>
  );
}

function Elapsed({ since }: { since: number }) {
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((t) => t + 1), 200);
    return () => clearInterval(timer);
  }, []);
  return <Typography.Text type="secondary">执行中… {((Date.now() - since) / 1000).toFixed(1)} 秒</Typography.Text>;
}
