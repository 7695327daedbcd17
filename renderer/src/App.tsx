// The app shell: sidebar of pages, the current workspace (the last one is remembered and reopened), first-run
// demo creation, page navigation with parameters, and keyboard shortcuts (Ctrl+K, Alt+1…9, Ctrl+/).
import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Space, Spin, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined, SearchOutlined } from '@ant-design/icons';
import zhCN from 'antd/locale/zh_CN';
import { PAGES, type PageDef } from './pages/registry';
import { FirstRun } from './components/FirstRun';
import { ErrorAlert } from './components/ErrorAlert';
import { GlobalSearch } from './components/GlobalSearch';
import { ShortcutHelp } from './components/ShortcutHelp';
import { WorkspaceSwitcher } from './components/WorkspaceSwitcher';
import { api, ApiError } from './api';
import { NavContext, type Nav, type NavParams } from './hooks/useNav';
import { PageActiveContext } from './hooks/usePageActive';
import { readStored, useLocalStorage } from './hooks/useLocalStorage';
import { useShortcuts } from './hooks/useShortcuts';

type State = 'checking' | 'first-run' | 'ready' | 'error';

const NO_PARAMS: NavParams = {};

/**
 * One page in its frame: its own navigation parameters and whether it is on screen. Memoised, so switching pages
 * re-renders only the two frames whose visibility changed, not every page kept mounted.
 */
const PageFrame = memo(function PageFrame({ def, active, params, go }: { def: PageDef; active: boolean; params?: NavParams; go: Nav['go'] }) {
  const nav = useMemo(() => ({ page: def.key, params: params ?? NO_PARAMS, go }), [def.key, params, go]);
  const content = useMemo(() => def.render(), [def]);
  return (
    <div data-page-frame={def.key} data-active={active} style={active ? undefined : { display: 'none' }}>
      <NavContext.Provider value={nav}>
        <PageActiveContext.Provider value={active}>{content}</PageActiveContext.Provider>
      </NavContext.Provider>
    </div>
  );
});
const MAX_RECENT = 8;

export function App() {
  const [page, setPage] = useState(() => {
    const stored = localStorage.getItem('cws-page');
    return stored && PAGES.some((p) => p.key === stored) ? stored : 'overview';
  });
  const [params, setParams] = useState<Record<string, NavParams>>(() => readStored('cws-params', {}));
  const [state, setState] = useState<State>('checking');
  const [error, setError] = useState<unknown>(null);
  const [workspace, setWorkspace] = useState('');
  const [recent, setRecent] = useLocalStorage<string[]>('cws-workspaces', []);
  const [wsVersion, setWsVersion] = useState(0);
  const [searchOpen, setSearchOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  // Pages visited since the workspace opened: those that keep their state stay mounted while hidden.
  const [visited, setVisited] = useState<string[]>([]);

  const remember = useCallback(
    (path: string) => {
      setWorkspace(path);
      setRecent((r) => [path, ...r.filter((p) => p !== path)].slice(0, MAX_RECENT));
    },
    [setRecent],
  );

  const check = useCallback(async () => {
    setState('checking');
    try {
      remember((await api.call('workspace.info', {})).path);
      setState('ready');
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'NO_WORKSPACE')) {
        setError(e);
        setState('error');
        return;
      }
      // No workspace in this session: reopen the last one used, else create the demo.
      const last = readStored<string[]>('cws-workspaces', [])[0];
      if (last) {
        try {
          remember((await api.call('workspace.open', { path: last })).path);
          setState('ready');
          return;
        } catch {
          // gone or locked: fall through to the first run
        }
      }
      setState('first-run');
    }
  }, [remember]);

  useEffect(() => void check(), [check]);
  useEffect(() => localStorage.setItem('cws-page', page), [page]);
  useEffect(() => setVisited((v) => (v.includes(page) ? v : [...v, page])), [page]);

  const go = useCallback((to: string, p?: NavParams) => {
    if (p) {
      setParams((all) => {
        const next = { ...all, [to]: p };
        localStorage.setItem('cws-params', JSON.stringify(next));
        return next;
      });
    }
    setPage(to);
  }, []);
  const nav: Nav = useMemo(() => ({ page, params: params[page] ?? {}, go }), [page, params, go]);

  const shortcuts: Record<string, () => void> = {
    'Ctrl+K': () => setSearchOpen(true),
    'Ctrl+/': () => setHelpOpen(true),
    F1: () => setHelpOpen(true),
  };
  PAGES.slice(0, 9).forEach((p, i) => (shortcuts[`Alt+${i + 1}`] = () => nav.go(p.key)));
  useShortcuts(shortcuts, state === 'ready');

  const current = PAGES.find((p) => p.key === page) ?? PAGES[0]!;
  const menuItems = useMemo(
    () =>
      PAGES.map((p, i) => ({
        key: p.key,
        label: (
          <span className="cws-nav-item" data-page={p.key}>
            {p.title}
            {i < 9 ? <span className="cws-nav-key">Alt+{i + 1}</span> : null}
            {!p.built ? <span className="cws-nav-key">建设中</span> : null}
          </span>
        ),
      })),
    [],
  );
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { borderRadius: 4, fontFamily: '"WenQuanYi Zen Hei","Noto Sans CJK SC","Microsoft YaHei",sans-serif' } }}>
      <AntApp>
        <NavContext.Provider value={nav}>
          <Layout style={{ minHeight: '100vh' }}>
            <Layout.Sider width={176} theme="light" style={{ borderRight: '1px solid #eee' }}>
              <div className="cws-brand">信用分析工作站</div>
              <Menu
                data-testid="nav"
                mode="inline"
                selectedKeys={[current.key]}
                items={menuItems}
                onClick={(e) => nav.go(e.key)}
              />
            </Layout.Sider>
            <Layout>
              <Layout.Header className="cws-header">
                <Typography.Text strong data-testid="page-title">
                  {current.title}
                </Typography.Text>
                <Space size={4}>
                  <Button size="small" icon={<SearchOutlined />} onClick={() => setSearchOpen(true)} data-testid="open-search">
                    查找主体 <Typography.Text type="secondary">Ctrl+K</Typography.Text>
                  </Button>
                  <WorkspaceSwitcher
                    current={workspace}
                    recent={recent}
                    onOpened={(p) => {
                      remember(p);
                      setState('ready');
                      setVisited([]);
                      setWsVersion((v) => v + 1);
                    }}
                    onForget={(p) => setRecent((r) => r.filter((x) => x !== p))}
                  />
                  <Tooltip title="键盘快捷键（Ctrl+/）">
                    <Button size="small" type="text" icon={<QuestionCircleOutlined />} onClick={() => setHelpOpen(true)} />
                  </Tooltip>
                </Space>
              </Layout.Header>
              <Layout.Content style={{ padding: 16 }}>
                {state === 'checking' && <Spin style={{ display: 'block', padding: 80 }} />}
                {state === 'first-run' && <FirstRun onDone={() => void check()} />}
                {state === 'error' && <ErrorAlert error={error} title="无法打开工作区" onRetry={() => void check()} />}
                {state === 'ready' &&
                  PAGES.filter((p) => p.key === current.key || (p.keepAlive && visited.includes(p.key))).map((p) => (
                    <PageFrame key={`${p.key}-${wsVersion}`} def={p} active={p.key === current.key} params={params[p.key]} go={go} />
                  ))}
              </Layout.Content>
            </Layout>
          </Layout>
          <GlobalSearch open={searchOpen} onClose={() => setSearchOpen(false)} />
          <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} pages={PAGES} />
        </NavContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}
