// Step 1 of 数据导入: pick a file (button or drag and drop) and the reading options; a preview follows.
import { useState } from 'react';
import { Button, Checkbox, Flex, Input, Select, Space, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { CANONICAL_TABLES } from '../../../../shared/domain/tables';
import { IMPORT_ENCODINGS } from '../../../../shared/contract/import';
import type { PickedFile } from './useImportFile';

export interface SourceOptions {
  file: PickedFile;
  table?: string;
  encoding: (typeof IMPORT_ENCODINGS)[number];
  sheet?: string;
  delimiter?: string;
  header: boolean;
}

const ENCODING_LABELS: Record<string, string> = {
  auto: '自动识别', 'utf-8': 'UTF-8', gbk: 'GBK', gb18030: 'GB18030', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE',
};

const ACCEPT = '.csv,.txt,.tsv,.xlsx,.parquet,.json,.jsonl,.ndjson';

export const TABLE_OPTIONS = CANONICAL_TABLES.map((t) => ({ value: t.name, label: `${t.label}（${t.name}）` }));

export function SourceForm({
  value,
  sheets,
  uploading,
  disabled,
  onPick,
  onChange,
}: {
  value: SourceOptions | null;
  sheets: string[];
  /** The picked file is being uploaded (browser only). */
  uploading: boolean;
  /** An import is running: the file and its reading options stay as they are. */
  disabled: boolean;
  /** A browser File (dropped or chosen), or nothing: the desktop file dialog. */
  onPick: (file?: File) => Promise<void>;
  onChange: (v: SourceOptions) => void;
}) {
  const [picking, setPicking] = useState(false);
  const pick = async (file?: File) => {
    setPicking(true);
    try {
      await onPick(file);
    } finally {
      setPicking(false);
    }
  };
  const busy = disabled || picking || uploading;
  const desktop = api.face() === 'electron';
  const set = (patch: Partial<SourceOptions>) => value && onChange({ ...value, ...patch });
  return (
    <Flex vertical gap={12}>
      <Upload.Dragger
        multiple={false}
        showUploadList={false}
        disabled={busy}
        accept={ACCEPT}
        beforeUpload={(file) => {
          void pick(file as File);
          return false;
        }}
        openFileDialogOnClick={!desktop}
        data-testid="import-drop"
      >
        <div onClick={() => desktop && !busy && void pick()}>
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击选择或把文件拖到这里：CSV（UTF-8 / GBK / GB18030）、Excel（.xlsx）、Parquet、JSON 行文件</p>
          {value?.file && (
            <Space>
              <Typography.Text code data-testid="import-file">{value.file.name}</Typography.Text>
              {uploading && <Typography.Text type="secondary" data-testid="import-uploading">正在上传…</Typography.Text>}
            </Space>
          )}
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
            disabled={disabled}
            options={TABLE_OPTIONS}
            onChange={(table) => set({ table })}
            data-testid="import-table"
          />
          <span>编码</span>
          <Select
            style={{ width: 130 }}
            value={value.encoding}
            disabled={disabled}
            options={IMPORT_ENCODINGS.map((e) => ({ value: e, label: ENCODING_LABELS[e] ?? e }))}
            onChange={(encoding) => set({ encoding })}
            data-testid="import-encoding"
          />
          {sheets.length > 0 && (
            <>
              <span>工作表</span>
              <Select style={{ width: 160 }} disabled={disabled} value={value.sheet ?? sheets[0]} options={sheets.map((s) => ({ value: s, label: s }))} onChange={(sheet) => set({ sheet })} />
            </>
          )}
          <span>分隔符</span>
          <Input
            style={{ width: 90 }}
            placeholder="自动"
            value={value.delimiter ?? ''}
            disabled={disabled}
            maxLength={3}
            onChange={(e) => set({ delimiter: e.target.value || undefined })}
          />
          <Checkbox checked={value.header} disabled={disabled} onChange={(e) => set({ header: e.target.checked })}>
            首行（标题行之下）是表头
          </Checkbox>
          {desktop ? (
            <Button size="small" onClick={() => void pick()} loading={picking} disabled={busy}>
              换一个文件
            </Button>
          ) : (
            // In the browser only a file input can open the file chooser.
            <Upload
              showUploadList={false}
              multiple={false}
              accept={ACCEPT}
              disabled={busy}
              beforeUpload={(file) => {
                void pick(file as File);
                return false;
              }}
            >
              <Button size="small" disabled={busy}>
                换一个文件
              </Button>
            </Upload>
          )}
        </Space>
      )}
    </Flex>
  );
}
