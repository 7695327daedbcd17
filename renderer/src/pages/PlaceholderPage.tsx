// Pages whose capability is not built yet say so plainly; nothing pretends.
import { Result } from 'antd';

export function PlaceholderPage({ title }: { title: string }) {
  return <Result status="info" title={`${title}：建设中`} subTitle="该功能正在开发，当前版本尚不可用。" data-testid="page-placeholder" />;
}
