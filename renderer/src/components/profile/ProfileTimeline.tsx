// Every dated record of the subject on one time axis by category (red: 失信, green: 守信), and the latest
// events as a list.
import { useMemo } from 'react';
import { Card, Empty, Timeline, Typography } from 'antd';
import type { TimelineEvent } from '../../../../shared/contract/profile';
import { timelineOption } from '../../../../shared/charts/profile';
import { Chart } from '../Chart';

const COLORS = { good: 'green', bad: 'red', neutral: 'blue' } as const;

export function ProfileTimeline({ events }: { events: TimelineEvent[] }) {
  const option = useMemo(() => timelineOption({ events }), [events]);
  return (
    <Card size="small" title={`信用记录时间轴（${events.length} 项）`} data-testid="profile-timeline">
      {events.length ? (
        <>
          <Chart option={option} height={Math.max(180, new Set(events.map((e) => e.category)).size * 34 + 70)} testId="chart-timeline" />
          <div style={{ maxHeight: 220, overflow: 'auto', marginTop: 8, paddingTop: 6 }}>
            <Timeline
              items={events.slice(0, 40).map((e, i) => ({
                key: i,
                color: COLORS[e.tone],
                content: (
                  <span>
                    <Typography.Text type="secondary">{e.date}</Typography.Text> [{e.category}] {e.title}
                  </span>
                ),
              }))}
            />
          </div>
        </>
      ) : (
        <Empty description="没有带日期的记录" />
      )}
    </Card>
  );
}
