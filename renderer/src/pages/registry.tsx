// The sidebar pages, in order. A page whose file exists (pages/<Name>Page.tsx exporting <Name>Page) is wired in
// automatically; until then its entry shows 建设中 — nothing pretends to work.
import type { ComponentType, ReactNode } from 'react';
import { PlaceholderPage } from './PlaceholderPage';

export interface PageDef {
  key: string;
  title: string;
  /** The page's component exists in this build. */
  built: boolean;
  /** Kept mounted (hidden) after the first visit, so its state survives page switches. */
  keepAlive: boolean;
  render: () => ReactNode;
}

const modules = import.meta.glob('./*Page.tsx', { eager: true }) as Record<string, Record<string, unknown>>;

function pageComponent(name: string): ComponentType | null {
  const exported = modules[`./${name}.tsx`]?.[name];
  return typeof exported === 'function' ? (exported as ComponentType) : null;
}

function page(key: string, title: string, component: string, keepAlive = false): PageDef {
  const Component = pageComponent(component);
  return {
    key,
    title,
    built: !!Component,
    keepAlive: keepAlive && !!Component,
    render: () => (Component ? <Component /> : <PlaceholderPage title={title} />),
  };
}

export const PAGES: PageDef[] = [
  // The workstation's own pages keep their state across switches (they refresh when shown again).
  page('overview', '总览', 'OverviewPage', true),
  page('import', '数据导入', 'ImportPage'),
  page('browse', '数据浏览', 'BrowsePage', true),
  page('profile', '主体画像', 'ProfilePage', true),
  page('evaluate', '信用评价', 'EvaluatePage'),
  page('tiering', '风险分级', 'TieringPage'),
  page('repair', '信用修复', 'RepairPage'),
  page('graph', '关系图谱', 'GraphPage'),
  page('report', '报告', 'ReportPage'),
  page('audit', '审计', 'AuditPage'),
  page('sql', 'SQL', 'SqlPage', true),
];

export function isBuilt(key: string): boolean {
  return PAGES.find((p) => p.key === key)?.built ?? false;
}
