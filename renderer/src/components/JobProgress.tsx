// A progress bar with a cancel button for long work (exports, long queries).
import { Button, Progress, Space, Typography } from 'antd';
import type { JobState } from '../hooks/useLongCall';

export function JobProgress({ state, onCancel, label }: { state: JobState; onCancel: () => void; label?: string }) {
  if (!state.running) return null;
  return (
    <Space data-testid="job-progress" style={{ minWidth: 320 }}>
      <Typography.Text type="secondary">{label ?? state.phase}</Typography.Text>
      <Progress
        percent={state.percent ?? 100}
        status="active"
        showInfo={state.percent !== null}
        size="small"
        style={{ width: 160, margin: 0 }}
        format={() => progressText(state)}
      />
      {state.message && (
        <Typography.Text type="secondary" data-testid="job-message">
          {state.message}
        </Typography.Text>
      )}
      <Button size="small" onClick={onCancel} data-testid="job-cancel">
        取消
      </Button>
    </Space>
  );
}

/** Counts as "done/total"; a total of 100 is a percentage (DuckDB's estimate for a single long statement). */
export function progressText(state: Pick<JobState, 'done' | 'total'>): string {
  if (!state.total) return '';
  if (state.total === 100) return `${state.done}%`;
  return `${state.done.toLocaleString('zh-CN')}/${state.total.toLocaleString('zh-CN')}`;
}
