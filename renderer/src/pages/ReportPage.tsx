// 报告: the demonstration-zone report (示范区创建 / 城市信用状况监测). Choose the period and sections, preview the
// self-contained HTML (in a sandboxed iframe: srcdoc inherits the page's CSP, which allows its inline styles and
// SVG), and export XLSX, HTML or PDF with progress and cancel. Exports are watermarked and audited by the core.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Space, Spin, Tag, Tooltip, Typography, message } from 'antd';
import { api, ApiError, downloadBytes } from '../api';
import { useCall } from '../hooks/useCall';
import { useLongCall } from '../hooks/useLongCall';
import { JobProgress } from '../components/JobProgress';
import type { ReportFormat, ReportPreview } from '../../../shared/contract/report';
import { OptionsCard } from './report/OptionsCard';
import { formProblem, toRequest, type ReportForm } from './report/options';

const MIME: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html;charset=utf-8',
  pdf: 'application/pdf',
};

export function ReportPage() {
  const info = useCall('report.definition', {});
  const [form, setForm] = useState<ReportForm | null>(null);
  const [preview, setPreview] = useState<ReportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const previewJob = useLongCall('report.preview');
  const exportJob = useLongCall('report.export');
  const [exporting, setExporting] = useState<ReportFormat | null>(null);

  useEffect(() => {
    if (info.data && !form) {
      setForm({
        mode: 'year',
        year: info.data.defaultYear,
        start: `${info.data.defaultYear}-01-01`,
        end: `${info.data.defaultYear}-12-31`,
        compare: true,
        sections: info.data.sections.map((s) => s.id),
        purpose: '',
      });
    }
  }, [info.data, form]);

  const allSections = useMemo(() => info.data?.sections.map((s) => s.id) ?? [], [info.data]);
  const problem = form ? formProblem(form) : null;
  const busy = previewJob.state.running || exportJob.state.running;

  const runPreview = () => {
    if (!form) return;
    setError(null);
    previewJob
      .run(toRequest(form, allSections))
      .then(setPreview)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  };

  const runExport = (format: ReportFormat) => {
    if (!form) return;
    setError(null);
    setExporting(format);
    // In the desktop app PDF comes from Electron's printToPDF of the exported HTML (no separate Chromium needed).
    const printLocally = format === 'pdf' && api.face() === 'electron';
    exportJob
      .run({ ...toRequest(form, allSections), format: printLocally ? 'html' : format })
      .then(async (exported) => {
        const r = printLocally
          ? { ...exported, bytes: await api.printPdf(exported.bytes), fileName: exported.fileName.replace(/\.html?$/i, '.pdf') }
          : exported;
        downloadBytes(r.bytes, r.fileName, MIME[format]);
        message.success(`已导出 ${r.fileName}${r.pages ? `（${r.pages} 页）` : ''}，报告编号 ${r.reportId}`);
      })
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)))
      .finally(() => setExporting(null));
  };

  if (info.error) return <Alert type="error" showIcon title="无法读取报告定义" description={info.error.message} />;
  if (!info.data || !form) return <Spin data-testid="report-loading" />;
  const pdfTip = info.data.pdfAvailable ? '通过本机 Chromium 生成 PDF' : '本机没有找到 Chromium：请安装 Chromium 或设置 CHROMIUM_PATH，或导出 HTML 后用浏览器打印为 PDF';

  return (
    <div data-testid="page-report">
      <OptionsCard info={info.data} form={form} onChange={setForm} />
      <Card size="small" style={{ marginTop: 12 }}>
        <Flex gap={12} wrap align="center">
          <Button type="primary" onClick={runPreview} disabled={!!problem || busy} data-testid="report-preview">
            生成预览
          </Button>
          <Button onClick={() => runExport('xlsx')} disabled={!!problem || busy} loading={exporting === 'xlsx'} data-testid="report-export-xlsx">
            导出 XLSX
          </Button>
          <Button onClick={() => runExport('html')} disabled={!!problem || busy} loading={exporting === 'html'} data-testid="report-export-html">
            导出 HTML
          </Button>
          <Tooltip title={pdfTip}>
            <Button
              onClick={() => runExport('pdf')}
              disabled={!!problem || busy || !(info.data.pdfAvailable || api.face() === 'electron')}
              loading={exporting === 'pdf'}
              data-testid="report-export-pdf"
            >
              导出 PDF
            </Button>
          </Tooltip>
          {problem && <Typography.Text type="warning">{problem}</Typography.Text>}
          {previewJob.state.running && <JobProgress state={previewJob.state} onCancel={() => void previewJob.cancel()} />}
          {exportJob.state.running && <JobProgress state={exportJob.state} onCancel={() => void exportJob.cancel()} />}
        </Flex>
        {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title="报告未生成" description={error} data-testid="report-error" />}
      </Card>
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={
          preview ? (
            <Space wrap>
              预览：{preview.period.label}
              {preview.comparison ? <Typography.Text type="secondary">比较期 {preview.comparison.label}</Typography.Text> : null}
              {preview.sections
                .filter((s) => !s.available)
                .map((s) => (
                  <Tooltip key={s.id} title={s.note}>
                    <Tag color="warning">{s.title}：无数据</Tag>
                  </Tooltip>
                ))}
            </Space>
          ) : (
            '预览'
          )
        }
        extra={preview && <Typography.Text type="secondary" copyable={{ text: preview.reportId }}>报告编号 {preview.reportId}</Typography.Text>}
      >
        {preview ? (
          <iframe
            title="报告预览"
            // A srcdoc document resolves "#sec-…" against this page's URL, so a 目录 link would load the app into the frame.
            srcDoc={preview.html.replace(/href="#/g, 'href="about:srcdoc#')}
            sandbox=""
            style={{ width: '100%', height: 'calc(100vh - 320px)', minHeight: 480, border: '1px solid #d0d7de', background: '#eaeef2' }}
            data-testid="report-preview-frame"
          />
        ) : (
          <Empty description="选择报告期和章节后点击“生成预览”；导出的 XLSX、HTML、PDF 与预览内容一致。" />
        )}
      </Card>
    </div>
  );
}
