// 数据导入: pick a file (drag and drop too) → preview of the first 100 decoded rows and the column mapping (profile
// proposal, overrides) → import with progress and cancel → counts and rejects by reason → batch history with undo.
// In the browser the picked file is uploaded, and uploaded again after each import (the server deletes an upload once
// an import that read it ends): see useImportFile.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Space, Spin, Typography } from 'antd';
import { api, ApiError } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { JobProgress } from '../components/JobProgress';
import { useLongCall } from '../hooks/useLongCall';
import type { ImportPreview } from '../../../shared/contract/import';
import { SourceForm, TABLE_OPTIONS, type SourceOptions } from './import/SourceForm';
import { MappingStep } from './import/MappingStep';
import { ResultView, type BatchCounts } from './import/ResultView';
import { BatchHistory } from './import/BatchHistory';
import { shownFileName, useImportFile } from './import/useImportFile';

export function ImportPage() {
  const [source, setSource] = useState<SourceOptions | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<BatchCounts | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);
  const importer = useLongCall('import.run');
  const files = useImportFile();
  /** start() is sending the file before the import (browser only). */
  const [starting, setStarting] = useState(false);

  const pick = async (file?: File) => {
    try {
      const picked = await files.pick(file);
      if (picked) setSource((s) => ({ encoding: 'auto', header: true, ...(s ?? {}), file: picked, sheet: undefined }));
    } catch (e) {
      setError(e);
    }
  };

  // Re-read the preview whenever the file or a reading option changes.
  const key = source ? JSON.stringify(source) : '';
  useEffect(() => {
    if (!source) return;
    let alive = true;
    setPreviewing(true);
    setError(null);
    files
      .pathFor(source.file)
      .then((file) =>
        api.call('import.preview', {
          file,
          table: source.table,
          encoding: source.encoding,
          sheet: source.sheet,
          delimiter: source.delimiter,
          header: source.header ? undefined : false,
        }),
      )
      .then((p) => {
        if (!alive) return;
        setPreview(p);
        setMapping(p.mapping);
      })
      .catch((e) => alive && (setPreview(null), setError(e)))
      .finally(() => alive && setPreviewing(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const table = source?.table ?? preview?.table ?? null;
  const start = async () => {
    if (!source || !table) return;
    const picked = source.file;
    setError(null);
    setResult(null);
    let file: string;
    setStarting(true);
    try {
      file = await files.pathFor(picked);
    } catch (e) {
      setError(e);
      return;
    } finally {
      setStarting(false);
    }
    try {
      const r = await importer.run({
        file,
        table,
        encoding: source.encoding,
        sheet: source.sheet ?? preview?.sheet ?? undefined,
        delimiter: source.delimiter,
        header: source.header ? undefined : false,
        profile: preview?.profile && preview.profile.table === table ? preview.profile.id : undefined,
        mapping,
      });
      setResult({ ...r, fileName: picked.name });
      setHistoryVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    } finally {
      // Whatever the outcome, the server has deleted the upload this import read.
      files.consumed(picked);
    }
  };

  return (
    <div data-testid="page-import">
      <Card size="small" title="1. 选择文件">
        <SourceForm
          value={source}
          sheets={preview?.sheets ?? []}
          uploading={files.uploading}
          disabled={importer.state.running || starting}
          onPick={pick}
          onChange={setSource}
        />
      </Card>
      {error ? (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} title={error instanceof ApiError && error.code === 'CANCELLED' ? '已取消' : '导入未完成'} />
        </div>
      ) : null}
      {previewing && (
        <Flex justify="center" align="center" gap={8} style={{ margin: 24 }}>
          <Spin />
          {files.uploading && <Typography.Text type="secondary">正在上传…</Typography.Text>}
        </Flex>
      )}
      {preview && !previewing && (
        <Card
          size="small"
          style={{ marginTop: 12 }}
          title="2. 预览与字段映射"
          extra={
            <Typography.Text type="secondary">
              {table ? `导入到：${TABLE_OPTIONS.find((t) => t.value === table)?.label}` : '请在上方选择目标表'}
            </Typography.Text>
          }
        >
          {!table && <Alert type="info" showIcon title="无法从表头判断目标表，请在上方选择。" style={{ marginBottom: 8 }} />}
          <MappingStep preview={preview} mapping={mapping} onMapping={setMapping} />
          <Flex justify="flex-end" style={{ marginTop: 12 }}>
            <Space>
              <JobProgress state={importer.state} onCancel={() => void importer.cancel()} />
              <Button
                type="primary"
                disabled={!table || importer.state.running}
                loading={starting}
                onClick={() => void start()}
                data-testid="import-start"
              >
                {starting ? '正在上传…' : '3. 开始导入'}
              </Button>
            </Space>
          </Flex>
        </Card>
      )}
      {result && (
        <div style={{ marginTop: 12 }}>
          <ResultView key={result.batchId} batch={result} />
        </div>
      )}
      <BatchHistory
        version={historyVersion}
        onOpen={(b) => setResult({ ...b, fileName: shownFileName(b.fileName) })}
        onChanged={() => setHistoryVersion((v) => v + 1)}
      />
    </div>
  );
}
