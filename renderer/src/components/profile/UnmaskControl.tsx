// Natural persons' data is masked; with a stated purpose (audited) it may be shown unmasked for a limited time.
import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { EyeOutlined, EyeInvisibleOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { errorText } from '../ErrorAlert';

export function UnmaskControl({ masked, onChange }: { masked: boolean; onChange: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [minutes, setMinutes] = useState(15);
  const [busy, setBusy] = useState(false);
  const [until, setUntil] = useState<string | null>(null);

  useEffect(() => {
    if (masked) return setUntil(null);
    api.call('audit.unmaskStatus', {}).then((s) => setUntil(s.until)).catch(() => setUntil(null));
  }, [masked]);

  const grant = async () => {
    setBusy(true);
    try {
      await api.call('audit.unmask', { purpose, minutes });
      setOpen(false);
      message.success(`已记录查询事由，${minutes} 分钟内显示未脱敏信息`);
      onChange();
    } catch (e) {
      message.error({ content: errorText(e), duration: 8 });
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    try {
      await api.call('audit.revoke', {});
      onChange();
    } catch (e) {
      message.error(errorText(e));
    }
  };

  if (!masked) {
    return (
      <Space>
        <Tag color="orange">未脱敏显示中{until ? `（至 ${new Date(until).toLocaleTimeString('zh-CN')}）` : ''}</Tag>
        <Button size="small" icon={<EyeInvisibleOutlined />} onClick={() => void revoke()}>
          结束查看
        </Button>
      </Space>
    );
  }
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="unmask-open">
        查看未脱敏信息
      </Button>
      <Modal
        open={open}
        title="查看未脱敏的个人信息"
        okText="确认并记录"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: purpose.trim().length < 4 }}
        onOk={() => void grant()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label="查询事由（记入审计日志）" required help="如：核查投诉举报线索（编号 2026-031）">
            <Input.TextArea autoFocus rows={3} maxLength={500} value={purpose} onChange={(e) => setPurpose(e.target.value)} data-testid="unmask-purpose" />
          </Form.Item>
          <Form.Item label="查看时长">
            <Select value={minutes} onChange={setMinutes} options={[5, 15, 30, 60].map((m) => ({ value: m, label: `${m} 分钟` }))} style={{ width: 160 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
