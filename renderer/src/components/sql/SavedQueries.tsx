// Saved queries and recent history, kept in this computer's browser storage (localStorage).
import { useState } from 'react';
import { App, Button, Dropdown, Input, Modal, Space } from 'antd';
import { SaveOutlined, HistoryOutlined, StarOutlined } from '@ant-design/icons';
import { useLocalStorage } from '../../hooks/useLocalStorage';

export interface SavedQuery {
  name: string;
  sql: string;
  savedAt: string;
}

export function SavedQueries({ sql, history, onLoad }: { sql: string; history: string[]; onLoad: (sql: string) => void }) {
  const { message, modal } = App.useApp();
  const [saved, setSaved] = useLocalStorage<SavedQuery[]>('cws-saved-queries', []);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const save = () => {
    const n = name.trim();
    if (!n) return;
    setSaved((s) => [{ name: n, sql, savedAt: new Date().toISOString() }, ...s.filter((q) => q.name !== n)]);
    setNaming(false);
    message.success(`已保存查询：${n}`);
  };
  return (
    <Space>
      <Button size="small" icon={<SaveOutlined />} disabled={!sql.trim()} onClick={() => (setName(''), setNaming(true))} data-testid="sql-save">
        保存
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: saved.length
            ? saved.map((q) => ({
                key: q.name,
                label: (
                  <Space style={{ justifyContent: 'space-between', width: 320 }}>
                    <span data-testid="saved-query">{q.name}</span>
                    <a
                      onClick={(e) => {
                        e.stopPropagation();
                        void modal.confirm({ title: `删除已保存的查询“${q.name}”？`, okText: '删除', cancelText: '取消', onOk: () => setSaved((s) => s.filter((x) => x.name !== q.name)) });
                      }}
                    >
                      删除
                    </a>
                  </Space>
                ),
                onClick: () => onLoad(q.sql),
              }))
            : [{ key: 'none', label: '还没有保存的查询', disabled: true }],
        }}
      >
        <Button size="small" icon={<StarOutlined />} data-testid="sql-saved">
          已保存（{saved.length}）
        </Button>
      </Dropdown>
      <Dropdown
        trigger={['click']}
        menu={{
          items: history.length
            ? history.map((h, i) => ({ key: String(i), label: <span style={{ fontFamily: 'monospace' }}>{h.length > 80 ? `${h.slice(0, 80)}…` : h}</span>, onClick: () => onLoad(h) }))
            : [{ key: 'none', label: '暂无历史', disabled: true }],
        }}
      >
        <Button size="small" icon={<HistoryOutlined />}>
          历史
        </Button>
      </Dropdown>
      <Modal open={naming} title="保存查询" okText="保存" cancelText="取消" onOk={save} onCancel={() => setNaming(false)} destroyOnHidden>
        <Input autoFocus placeholder="查询名称，如：各街镇处罚数" value={name} onChange={(e) => setName(e.target.value)} onPressEnter={save} data-testid="sql-save-name" />
      </Modal>
    </Space>
  );
}
