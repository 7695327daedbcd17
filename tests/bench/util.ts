// Benchmark helpers: timing, peak memory and a printed table. Benchmarks print figures; they never assert times.
import fs from 'node:fs';

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Peak resident memory of this process so far (VmHWM), in MB. */
export function peakRssMb(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf-8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface BenchRow {
  bench: string;
  ours: string;
  raw?: string;
  ratio?: string;
  target?: string;
  note?: string;
}

export function printTable(title: string, rows: BenchRow[]): void {
  console.log(`\n## ${title}`);
  console.table(rows);
}

export const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
export const ratio = (ours: number, raw: number) => (raw > 0 ? `${(ours / raw).toFixed(2)}×` : 'n/a');
