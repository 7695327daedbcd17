// 脱敏 status and the way to lift it: state a purpose (查询事由, at least 4 characters) and a duration (1–60
// minutes); the grant is audited and ends by itself. Pages that show personal data can place this in their toolbar.
import { useCallback, useEffect, useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Space, Tag, Tooltip } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { api } from '../api';
import type { UnmaskStatus } from '../../../shared/contract/audit';
import { errorText } from './ErrorAlert';

export function UnmaskControl({ onChange }: { onChange?: (status: UnmaskStatus) => void }) {
  const [status, setStatus] = useState<UnmaskStatus | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [form] = Form.useForm<{ purpose: string; minutes: number }>();

  // onChange fires for the user's own grant/revoke (each writes an audit entry), not for status polls.
  const update = useCallback(
    (s: UnmaskStatus) => {
      setStatus(s);
      onChange?.(s);
    },
    [onChange],
  );
  const refresh = useCallback(() => api.call('audit.unmaskStatus', {}).then(setStatus, () => undefined), []);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  // Count down while a grant is active; refresh from the core when it should have ended.
  useEffect(() => {
    if (!status?.active) return;
    const timer = setInterval(() => {
      setStatus((s) => (s && s.active ? { ...s, remainingSeconds: Math.max(0, s.remainingSeconds - 1) } : s));
    }, 1000);
    const end = setTimeout(() => void refresh(), status.remainingSeconds * 1000 + 500);
    return () => {
      clearInterval(timer);
      clearTimeout(end);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status?.active, status?.until]);

  const grant = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError('');
    try {
      update(await api.call('audit.unmask', { purpose: values.purpose, minutes: values.minutes }));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => update(await api.call('audit.revoke', {}));

  const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return (
    <Space data-testid="unmask-control">
      {status?.active ? (
        <>
          <Tooltip title={`事由：${status.purpose}`}>
            <Tag color="orange" icon={<EyeOutlined />} data-testid="unmask-active">
              未脱敏显示 · 剩余 {mmss(status.remainingSeconds)}
            </Tag>
          </Tooltip>
          <Button size="small" onClick={() => void revoke()} data-testid="unmask-revoke">
            恢复脱敏
          </Button>
        </>
      ) : (
        <>
          <Tag icon={<EyeInvisibleOutlined />} data-testid="unmask-inactive">
            个人信息已脱敏
          </Tag>
          <Button size="small" onClick={() => setOpen(true)} data-testid="unmask-request">
            临时查看未脱敏信息
          </Button>
        </>
      )}
      <Modal open={open} title="临时查看未脱敏信息" okText="确认" cancelText="取消" confirmLoading={busy} onOk={() => void grant()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ minutes: 15 }}>
          <Form.Item
            name="purpose"
            label="查询事由"
            extra="将记入审计日志，并显示在导出文件的水印中。"
            rules={[{ required: true, whitespace: true, min: 4, message: '请填写查询事由（至少 4 个字）' }]}
          >
            <Input.TextArea rows={2} maxLength={500} placeholder="例如：核查举报线索（编号 2026-031）" data-testid="unmask-purpose" />
          </Form.Item>
          <Form.Item name="minutes" label="时长（分钟）" rules={[{ required: true, type: 'integer', min: 1, max: 60, message: '1–60 分钟' }]}>
            <InputNumber min={1} max={60} precision={0} />
          </Form.Item>
        </Form>
        {error ? (
          <div style={{ color: '#cf1322' }} data-testid="unmask-error">
            {error}
          </div>
        ) : null}
      </Modal>
    </Space>
  );
}
