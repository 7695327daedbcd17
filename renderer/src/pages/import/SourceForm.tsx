// Step 1 of 数据导入: pick a file (button or drag and drop) and the reading options; a preview follows.
import { useState } from 'react';
import { Button, Checkbox, Flex, Input, Select, Space, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { CANONICAL_TABLES } from '../../../../shared/domain/tables';
import { IMPORT_ENCODINGS } from '../../../../shared/contract/import';

export interface SourceOptions {
  file: string;
  table?: string;
  encoding: (typeof IMPORT_ENCODINGS)[number];
  sheet?: string;
  delimiter?: string;
  header: boolean;
}

const ENCODING_LABELS: Record<string, string> = {
  auto: '自动识别', 'utf-8': 'UTF-8', gbk: 'GBK', gb18030: 'GB18030', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE',
};

export const TABLE_OPTIONS = CANONICAL_TABLES.map((t) => ({ value: t.name, label: `${t.label}（${t.name}）` }));

export function SourceForm({
  value,
  sheets,
  onChange,
  onError,
}: {
  value: SourceOptions | null;
  sheets: string[];
  onChange: (v: SourceOptions) => void;
  onError: (e: unknown) => void;
}) {
  const [uploading, setUploading] = useState(false);
  const pick = async (file?: File) => {
    try {
      setUploading(true);
      const path = await api.fileForImport(file);
      if (path) onChange({ encoding: 'auto', header: true, ...(value ?? {}), file: path, sheet: undefined });
    } catch (e) {
      onError(e);
    } finally {
      setUploading(false);
    }
  };
  const set = (patch: Partial<SourceOptions>) => value && onChange({ ...value, ...patch });
  return (
    <Flex vertical gap={12}>
      <Upload.Dragger
        multiple={false}
        showUploadList={false}
        disabled={uploading}
        accept=".csv,.txt,.tsv,.xlsx,.parquet,.json,.jsonl,.ndjson"
        beforeUpload={(file) => {
          void pick(file as File);
          return false;
        }}
        openFileDialogOnClick={api.face() !== 'electron'}
        data-testid="import-drop"
      >
        <div onClick={() => api.face() === 'electron' && void pick()}>
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击选择或把文件拖到这里：CSV（UTF-8 / GBK / GB18030）、Excel（.xlsx）、Parquet、JSON 行文件</p>
          {value?.file && <Typography.Text code data-testid="import-file">{value.file}</Typography.Text>}
        </div>
      </Upload.Dragger>
      {value && (
        <Space wrap>
          <span>目标表</span>
          <Select
            style={{ width: 240 }}
            allowClear
            placeholder="按表头自动判断"
            value={value.table}
            options={TABLE_OPTIONS}
            onChange={(table) => set({ table })}
            data-testid="import-table"
          />
          <span>编码</span>
          <Select
            style={{ width: 130 }}
            value={value.encoding}
            options={IMPORT_ENCODINGS.map((e) => ({ value: e, label: ENCODING_LABELS[e] ?? e }))}
            onChange={(encoding) => set({ encoding })}
          />
          {sheets.length > 0 && (
            <>
              <span>工作表</span>
              <Select style={{ width: 160 }} value={value.sheet ?? sheets[0]} options={sheets.map((s) => ({ value: s, label: s }))} onChange={(sheet) => set({ sheet })} />
            </>
          )}
          <span>分隔符</span>
          <Input
            style={{ width: 90 }}
            placeholder="自动"
            value={value.delimiter ?? ''}
            maxLength={3}
            onChange={(e) => set({ delimiter: e.target.value || undefined })}
          />
          <Checkbox checked={value.header} onChange={(e) => set({ header: e.target.checked })}>
            首行（标题行之下）是表头
          </Checkbox>
          <Button size="small" onClick={() => void pick()} loading={uploading}>
            换一个文件
          </Button>
        </Space>
      )}
    </Flex>
  );
}
