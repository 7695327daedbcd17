// The keyboard shortcuts, listed (Ctrl+/ or F1).
import { Modal, Table } from 'antd';
import type { PageDef } from '../pages/registry';

export function ShortcutHelp({ open, onClose, pages }: { open: boolean; onClose: () => void; pages: PageDef[] }) {
  const rows = [
    { keys: 'Ctrl+K', what: '查找主体，打开主体画像' },
    ...pages.slice(0, 9).map((p, i) => ({ keys: `Alt+${i + 1}`, what: `打开“${p.title}”` })),
    { keys: 'Ctrl+Enter', what: 'SQL 页面：执行查询' },
    { keys: 'Esc', what: 'SQL 页面：取消正在执行的查询' },
    { keys: 'Ctrl+/ 或 F1', what: '显示本帮助' },
  ];
  return (
    <Modal open={open} onCancel={onClose} footer={null} title="键盘快捷键">
      <Table size="small" pagination={false} rowKey="keys" dataSource={rows} columns={[{ title: '按键', dataIndex: 'keys', width: 140 }, { title: '作用', dataIndex: 'what' }]} />
    </Modal>
  );
}
