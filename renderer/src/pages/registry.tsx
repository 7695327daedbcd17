// The sidebar pages, in order. A page whose capability is not built yet shows 建设中.
import type { ReactNode } from 'react';
import { OverviewPage } from './OverviewPage';
import { BrowsePage } from './BrowsePage';
import { PlaceholderPage } from './PlaceholderPage';

export interface PageDef {
  key: string;
  title: string;
  render: () => ReactNode;
}

export const PAGES: PageDef[] = [
  { key: 'overview', title: '总览', render: () => <OverviewPage /> },
  { key: 'import', title: '数据导入', render: () => <PlaceholderPage title="数据导入" /> },
  { key: 'browse', title: '数据浏览', render: () => <BrowsePage /> },
  { key: 'profile', title: '主体画像', render: () => <PlaceholderPage title="主体画像" /> },
  { key: 'evaluate', title: '信用评价', render: () => <PlaceholderPage title="信用评价" /> },
  { key: 'tiering', title: '风险分级', render: () => <PlaceholderPage title="风险分级" /> },
  { key: 'repair', title: '信用修复', render: () => <PlaceholderPage title="信用修复" /> },
  { key: 'graph', title: '关系图谱', render: () => <PlaceholderPage title="关系图谱" /> },
  { key: 'report', title: '报告', render: () => <PlaceholderPage title="报告" /> },
  { key: 'audit', title: '审计', render: () => <PlaceholderPage title="审计" /> },
  { key: 'sql', title: 'SQL', render: () => <PlaceholderPage title="SQL" /> },
];
