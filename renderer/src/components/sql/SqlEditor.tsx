// The SQL text box: monospace, Ctrl+Enter runs, Esc cancels a running query.
import { forwardRef, useImperativeHandle, useRef } from 'react';
import { Input } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';

export interface SqlEditorHandle {
  insert(text: string): void;
  focus(): void;
}

export const SqlEditor = forwardRef<SqlEditorHandle, { value: string; onChange: (v: string) => void; onRun: () => void; onCancel: () => void }>(
  function SqlEditor({ value, onChange, onRun, onCancel }, ref) {
    const area = useRef<TextAreaRef>(null);
    useImperativeHandle(ref, () => ({
      insert(text: string) {
        const el = area.current?.resizableTextArea?.textArea;
        if (!el) return onChange(value + text);
        const start = el.selectionStart ?? value.length;
        const end = el.selectionEnd ?? value.length;
        onChange(value.slice(0, start) + text + value.slice(end));
        requestAnimationFrame(() => {
          el.focus();
          el.selectionStart = el.selectionEnd = start + text.length;
        });
      },
      focus() {
        area.current?.focus();
      },
    }));
    return (
      <Input.TextArea
        ref={area}
        className="cws-sql-editor"
        data-testid="sql-editor"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoSize={{ minRows: 6, maxRows: 18 }}
        spellCheck={false}
        placeholder="SELECT town, count(*) AS 主体数 FROM subjects GROUP BY town ORDER BY 2 DESC"
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            onRun();
          } else if (e.key === 'Escape') {
            onCancel();
          }
        }}
      />
    );
  },
);
