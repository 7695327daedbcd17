// First run: no workspace yet, so the demo workspace is created (scale 20,000) with a progress bar.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Progress, Typography } from 'antd';
import { api, ApiError, newJobId } from '../api';

export function FirstRun({ onDone }: { onDone: () => void }) {
  const [percent, setPercent] = useState(0);
  const [phase, setPhase] = useState('准备中');
  const [error, setError] = useState<string | null>(null);
  const [jobId] = useState(newJobId);
  const started = useRef(false);

  const run = () => {
    setError(null);
    setPercent(0);
    api
      .call('demo.create', {}, {
        jobId,
        onProgress: (e) => {
          setPhase(e.phase);
          if (e.total) setPercent(Math.round((e.done / e.total) * 100));
        },
      })
      .then(onDone)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  };

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    run();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Card style={{ maxWidth: 560, margin: '80px auto' }} data-testid="first-run">
      <Typography.Title level={4}>首次运行：正在生成演示数据</Typography.Title>
      <Typography.Paragraph type="secondary">
        尚未找到工作区，正在生成奉贤区演示数据（2 万个主体），完成后自动打开总览。
      </Typography.Paragraph>
      <Progress percent={percent} status={error ? 'exception' : 'active'} />
      <Typography.Text>{phase}</Typography.Text>
      {error ? (
        <Alert style={{ marginTop: 16 }} type="error" showIcon title="生成失败" description={error} action={<Button onClick={run}>重试</Button>} />
      ) : (
        <div style={{ marginTop: 16 }}>
          <Button onClick={() => void api.cancel(jobId)}>取消</Button>
        </div>
      )}
    </Card>
  );
}
