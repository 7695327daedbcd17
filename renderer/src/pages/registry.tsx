// The sidebar pages, in order. A page whose file exists (pages/<Name>Page.tsx exporting <Name>Page) is wired in
// automatically; until then its entry shows 建设中 — nothing pretends to work.
import type { ComponentType, ReactNode } from 'react';
import { PlaceholderPage } from './PlaceholderPage';

export interface PageDef {
  key: string;
  title: string;
  /** The page's component exists in this build. */
  built: boolean;
  render: () => ReactNode;
}

const modules = import.meta.glob('./*Page.tsx', { eager: true }) as Record<string, Record<string, unknown>>;

function pageComponent(name: string): ComponentType | null {
  const exported = modules[`./${name}.tsx`]?.[name];
  return typeof exported === 'function' ? (exported as ComponentType) : null;
}

function page(key: string, title: string, component: string): PageDef {
  const Component = pageComponent(component);
  return {
    key,
    title,
    built: !!Component,
    render: () => (Component ? <Component /> : <PlaceholderPage title={title} />),
  };
}

export const PAGES: PageDef[] = [
  page('overview', '总览', 'OverviewPage'),
  page('import', '数据导入', 'ImportPage'),
  page('browse', '数据浏览', 'BrowsePage'),
  page('profile', '主体画像', 'ProfilePage'),
  page('evaluate', '信用评价', 'EvaluatePage'),
  page('tiering', '风险分级', 'TieringPage'),
  page('repair', '信用修复', 'RepairPage'),
  page('graph', '关系图谱', 'GraphPage'),
  page('report', '报告', 'ReportPage'),
  page('audit', '审计', 'AuditPage'),
  page('sql', 'SQL', 'SqlPage'),
];

export function isBuilt(key: string): boolean {
  return PAGES.find((p) => p.key === key)?.built ?? false;
}
