// The app shell: sidebar of pages, the current workspace, first-run demo creation.
import { useEffect, useState } from 'react';
import { ConfigProvider, Layout, Menu, Spin, Typography, Alert } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { PAGES } from './pages/registry';
import { FirstRun } from './components/FirstRun';
import { api, ApiError } from './api';

type State = 'checking' | 'first-run' | 'ready' | 'error';

export function App() {
  const [page, setPage] = useState(() => localStorage.getItem('cws-page') ?? 'overview');
  const [state, setState] = useState<State>('checking');
  const [error, setError] = useState('');
  const [workspace, setWorkspace] = useState('');

  const check = () => {
    setState('checking');
    api
      .call('workspace.info', {})
      .then((info) => {
        setWorkspace(info.path);
        setState('ready');
      })
      .catch((e) => {
        if (e instanceof ApiError && e.code === 'NO_WORKSPACE') setState('first-run');
        else {
          setError(e instanceof Error ? e.message : String(e));
          setState('error');
        }
      });
  };

  useEffect(check, []);
  useEffect(() => localStorage.setItem('cws-page', page), [page]);

  const current = PAGES.find((p) => p.key === page) ?? PAGES[0]!;
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { borderRadius: 4, fontFamily: '"WenQuanYi Zen Hei","Noto Sans CJK SC","Microsoft YaHei",sans-serif' } }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider width={176} theme="light" style={{ borderRight: '1px solid #eee' }}>
          <div className="cws-brand">信用分析工作站</div>
          <Menu
            data-testid="nav"
            mode="inline"
            selectedKeys={[current.key]}
            items={PAGES.map((p) => ({ key: p.key, label: p.title }))}
            onClick={(e) => setPage(e.key)}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header className="cws-header">
            <Typography.Text strong>{current.title}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 16 }} data-testid="workspace-path">
              {workspace ? `工作区：${workspace}` : ''}
            </Typography.Text>
          </Layout.Header>
          <Layout.Content style={{ padding: 16 }}>
            {state === 'checking' && <Spin style={{ display: 'block', padding: 80 }} />}
            {state === 'first-run' && <FirstRun onDone={check} />}
            {state === 'error' && <Alert type="error" showIcon title="无法打开工作区" description={error} />}
            {state === 'ready' && <div key={current.key}>{current.render()}</div>}
          </Layout.Content>
        </Layout>
      </Layout>
    </ConfigProvider>
  );
}
