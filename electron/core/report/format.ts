// How report values look: text for the HTML report and number formats for the XLSX cells (numbers stay numbers).
import type { ReportCell, ValueFormat } from '../../../shared/contract/report';

/** Excel number formats; deltas get an explicit sign. Shares are fractions shown as percent (变化 in 百分点). */
export function numberFormat(format: ValueFormat, delta = false): string | undefined {
  const signed = (f: string) => (delta ? `+${f};-${f};${f}` : f);
  switch (format) {
    case 'int':
      return signed('#,##0');
    case 'num1':
      return signed('#,##0.0');
    case 'num2':
      return signed('#,##0.00');
    case 'wan':
      return signed('#,##0.00');
    case 'pct':
      return signed('0.0%');
    case 'date':
      return 'yyyy-mm-dd';
    case 'text':
      return undefined;
  }
}

const group = (s: string) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function fixed(n: number, digits: number): string {
  const [i, f] = Math.abs(n).toFixed(digits).split('.');
  return `${n < 0 && Number(Math.abs(n).toFixed(digits)) !== 0 ? '-' : ''}${group(i!)}${f ? `.${f}` : ''}`;
}

/** Display text of a value ('—' for none). */
export function formatValue(v: ReportCell | undefined, format: ValueFormat, delta = false): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v;
  let text: string;
  switch (format) {
    case 'int':
      text = fixed(Math.round(v), 0);
      break;
    case 'num1':
      text = fixed(v, 1);
      break;
    case 'num2':
    case 'wan':
      text = fixed(v, 2);
      break;
    case 'pct':
      text = delta ? `${fixed(v * 100, 1)} 个百分点` : `${fixed(v * 100, 1)}%`;
      break;
    default:
      text = String(v);
  }
  return delta && v > 0 && !text.startsWith('-') ? `+${text}` : text;
}

/** Excel serial day number of an ISO date (1900 date system), independent of the time zone. */
export function excelDate(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return (Date.UTC(y!, m! - 1, d!) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** Excel serial of a moment in local time (date + fraction of the day). */
export function excelDateTime(d: Date): number {
  const local = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds());
  return (local - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** Display width of text in Excel character units (CJK counts double). */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}
