// Find a subject by name or USCC as you type (prefix and fuzzy matching in the core); Enter or a click picks it.
import { useEffect, useRef, useState } from 'react';
import { AutoComplete, Input, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { api } from '../api';
import type { SubjectHit } from '../../../shared/contract/profile';
import { errorText } from './ErrorAlert';

const MATCH_LABELS = ['代码', '代码前缀', '名称', '名称开头', '名称包含', '模糊', '相似'];

export function SubjectSearch(props: { onPick: (hit: SubjectHit) => void; autoFocus?: boolean; size?: 'large' | 'middle'; width?: number | string; testId?: string }) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SubjectHit[]>([]);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  const input = useRef<InputRef>(null);

  useEffect(() => {
    if (props.autoFocus) setTimeout(() => input.current?.focus(), 50);
  }, [props.autoFocus]);

  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setHits([]);
      setStatus('');
      return;
    }
    const my = ++seq.current;
    const timer = setTimeout(() => {
      setBusy(true);
      api
        .call('profile.search', { q: text, limit: 20 })
        .then((r) => {
          if (my !== seq.current) return;
          setHits(r.rows);
          setStatus(r.rows.length ? `找到 ${r.rows.length} 个（${r.elapsedMs} 毫秒）` : '没有找到：可试试名称中的几个字，或代码的前几位');
        })
        .catch((e) => my === seq.current && setStatus(errorText(e)))
        .finally(() => my === seq.current && setBusy(false));
    }, 200);
    return () => clearTimeout(timer);
  }, [q]);

  return (
    <div style={{ width: props.width ?? '100%' }} data-testid={props.testId ?? 'subject-search'}>
      <AutoComplete
        style={{ width: '100%' }}
        value={q}
        onChange={setQ}
        onSelect={(uscc: string) => {
          const hit = hits.find((h) => h.uscc === uscc);
          if (hit) props.onPick(hit);
        }}
        defaultActiveFirstOption
        options={hits.map((h) => ({
          value: h.uscc,
          label: (
            <div className="cws-hit" data-testid="search-hit">
              <div>
                <Typography.Text strong>{h.name}</Typography.Text> <Tag>{MATCH_LABELS[h.match] ?? ''}</Tag>
                {h.status && h.status !== '存续' ? <Tag color="red">{h.status}</Tag> : null}
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {h.uscc} · {h.town ?? '—'} · {h.industryName ?? '—'}
              </Typography.Text>
            </div>
          ),
        }))}
      >
        <Input.Search ref={input} size={props.size ?? 'large'} placeholder="输入主体名称或统一社会信用代码（支持前缀与模糊查找）" loading={busy} allowClear enterButton="查找" />
      </AutoComplete>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="search-status">
        {status}
      </Typography.Text>
    </div>
  );
}
