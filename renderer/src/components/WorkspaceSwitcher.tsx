// The current workspace and the recent ones (remembered in localStorage): switch to another by path.
import { useState } from 'react';
import { App, Button, Input, List, Modal, Typography } from 'antd';
import { FolderOpenOutlined } from '@ant-design/icons';
import { api } from '../api';
import { errorText } from './ErrorAlert';

export function WorkspaceSwitcher(props: { current: string; recent: string[]; onOpened: (path: string) => void; onForget: (path: string) => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const openPath = async (p: string, create = false) => {
    if (!p.trim()) return;
    setBusy(true);
    try {
      const info = await api.call('workspace.open', { path: p.trim(), create });
      props.onOpened(info.path);
      setOpen(false);
      message.success(`已打开工作区：${info.path}`);
    } catch (e) {
      message.error({ content: errorText(e), duration: 8 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" type="text" icon={<FolderOpenOutlined />} onClick={() => setOpen(true)} data-testid="workspace-path" title="切换工作区">
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
          {props.current ? `工作区：${props.current}` : '未打开工作区'}
        </Typography.Text>
      </Button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title="工作区" width={640}>
        <Typography.Paragraph type="secondary">当前：{props.current || '（无）'}</Typography.Paragraph>
        <List
          size="small"
          header="最近使用"
          dataSource={props.recent.filter((p) => p !== props.current)}
          locale={{ emptyText: '没有其他最近使用的工作区' }}
          renderItem={(p) => (
            <List.Item
              actions={[
                <Button key="open" size="small" loading={busy} onClick={() => void openPath(p)}>
                  打开
                </Button>,
                <Button key="forget" size="small" type="link" onClick={() => props.onForget(p)}>
                  移除
                </Button>,
              ]}
            >
              <Typography.Text ellipsis style={{ maxWidth: 420 }}>
                {p}
              </Typography.Text>
            </List.Item>
          )}
        />
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 4 }}>打开其他工作区（输入 .duckdb 文件的完整路径）：</Typography.Paragraph>
        <Input.Search value={path} onChange={(e) => setPath(e.target.value)} enterButton="打开" loading={busy} onSearch={(p) => void openPath(p)} placeholder="/home/user/信用数据/2026.duckdb" />
        <Button type="link" style={{ paddingLeft: 0 }} disabled={!path.trim()} onClick={() => void openPath(path, true)}>
          该文件不存在时新建空工作区
        </Button>
      </Modal>
    </>
  );
}
