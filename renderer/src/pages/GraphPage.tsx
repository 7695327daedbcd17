// 关系图谱: relationship mining — an explorable network (ego network, expand, path finder, filters, PNG export),
// rankings and clusters, and blacklist exposure through relations. Opens on nav param `uscc` when given.
import { useState } from 'react';
import { Tabs } from 'antd';
import { useNav } from '../hooks/useNav';
import { NetworkView } from './graph/NetworkView';
import { RankView } from './graph/RankView';
import { ExposureView } from './graph/ExposureView';

export function GraphPage() {
  const nav = useNav();
  const [tab, setTab] = useState('network');
  const [center, setCenter] = useState<string | undefined>(nav.params.uscc);
  const open = (id: string) => {
    setCenter(id);
    setTab('network');
  };
  return (
    <div data-testid="page-graph">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden={false}
        items={[
          { key: 'network', label: '关联网络', children: <NetworkView initialCenter={center} /> },
          { key: 'rank', label: '排行与聚集', children: tab === 'rank' ? <RankView onOpen={open} /> : null },
          { key: 'exposure', label: '失信关联风险', children: <ExposureView onOpen={open} /> },
        ]}
      />
    </div>
  );
}
