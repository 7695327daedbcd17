// Passphrase dialog for encrypted workspaces: open one (e.g. after an ENCRYPTED error), or create a new one. The
// passphrase goes straight into the security.openEncrypted call and is never stored in the page.
import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { api } from '../api';
import type { EncryptedOpenResult, SecurityStatus } from '../../../shared/contract/audit';
import { errorText } from './ErrorAlert';

export interface PassphrasePromptProps {
  open: boolean;
  /** Workspace file; default: the one the core was started with. */
  path?: string;
  mode: 'open' | 'create';
  onDone: (info: EncryptedOpenResult) => void;
  onCancel: () => void;
}

export function PassphrasePrompt({ open, path, mode, onDone, onCancel }: PassphrasePromptProps) {
  const [form] = Form.useForm<{ passphrase: string; confirm?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [status, setStatus] = useState<SecurityStatus | null>(null);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError('');
    api.call('security.status', {}).then(setStatus, () => setStatus(null));
  }, [open, form]);

  const creatingUnavailable = mode === 'create' && status !== null && !status.encryptionAvailable;

  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError('');
    try {
      const info = await api.call('security.openEncrypted', { ...(path ? { path } : {}), passphrase: values.passphrase, create: mode === 'create' });
      form.resetFields();
      onDone(info);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={mode === 'create' ? '新建加密工作区' : '打开加密工作区'}
      okText={mode === 'create' ? '新建' : '打开'}
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: creatingUnavailable, 'data-testid': 'passphrase-ok' } as never}
      onOk={() => void submit()}
      onCancel={() => {
        form.resetFields();
        onCancel();
      }}
      destroyOnHidden
      data-testid="passphrase-prompt"
    >
      {path ? <Typography.Paragraph type="secondary">工作区：{path}</Typography.Paragraph> : null}
      {creatingUnavailable ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="本机无法新建加密工作区" description={status?.encryptionUnavailableReason ?? ''} />
      ) : null}
      {mode === 'open' && status?.encryptionAvailable === false ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="本机缺少加密组件：加密工作区将以只读方式打开（可查询，不能修改）。" />
      ) : null}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          name="passphrase"
          label="口令"
          rules={[
            { required: true, message: '请输入口令' },
            ...(mode === 'create' ? [{ min: 8, message: '口令至少 8 个字符' }] : []),
          ]}
        >
          <Input.Password prefix={<LockOutlined />} autoFocus autoComplete={mode === 'create' ? 'new-password' : 'current-password'} data-testid="passphrase-input" />
        </Form.Item>
        {mode === 'create' ? (
          <Form.Item
            name="confirm"
            label="再次输入口令"
            dependencies={['passphrase']}
            rules={[
              { required: true, message: '请再次输入口令' },
              ({ getFieldValue }) => ({
                validator: (_r, v) => (v === getFieldValue('passphrase') ? Promise.resolve() : Promise.reject(new Error('两次输入的口令不一致'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        ) : null}
      </Form>
      {mode === 'create' ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          口令无法找回：请妥善保管，并把工作区文件与旁边的 .cws-key.json 文件一起备份。
        </Typography.Paragraph>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} data-testid="passphrase-error" /> : null}
    </Modal>
  );
}
