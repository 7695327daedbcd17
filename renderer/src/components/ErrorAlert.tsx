// Errors in Chinese that say what happened and what to do. The core's messages already explain; codes that
// need a next step get one added.
import { Alert, Button } from 'antd';
import { ApiError } from '../api';

const NEXT_STEP: Partial<Record<string, string>> = {
  NO_WORKSPACE: '请在右上角“工作区”中打开或新建一个工作区。',
  WORKSPACE_LOCKED: '请关闭正在使用该工作区的其他窗口或 cws 命令后点“重试”。',
  OUT_OF_MEMORY: '可加筛选条件缩小范围后重试。',
  INTERNAL: '如果反复出现，请把“详细信息”发给维护人员。',
  UNKNOWN_CALL: '该功能在当前版本中尚未提供。',
};

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const next = NEXT_STEP[e.code];
    return next && !e.message.includes(next) ? `${e.message} ${next}` : e.message;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}

export function ErrorAlert({ error, title = '操作失败', onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  if (!error) return null;
  const detail = error instanceof ApiError ? error.error.detail : undefined;
  if (error instanceof ApiError && error.code === 'CANCELLED') {
    return <Alert type="info" showIcon title="已取消" description={error.message} data-testid="error-alert" />;
  }
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      data-testid="error-alert"
      description={
        <>
          <div>{errorText(error)}</div>
          {detail ? (
            <details style={{ marginTop: 4 }}>
              <summary>详细信息</summary>
              <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12, margin: 0 }}>{detail}</pre>
            </details>
          ) : null}
        </>
      }
      action={onRetry ? <Button size="small" onClick={onRetry}>重试</Button> : undefined}
    />
  );
}
