// HTML → PDF through a locally installed Chromium (Debian's /usr/bin/chromium, CHROMIUM_PATH, or an installed
// Chrome/Edge) driven by playwright-core — for `cws` and the served page. The Electron app prints with its own
// webContents.printToPDF instead. The page is offline (every request aborted) and runs no script; the header,
// footer and page numbers come from the HTML's own @page margin boxes.
import fs from 'node:fs';
import { CoreError } from '../errors';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The Chromium to use, or null when none is installed. CHROMIUM_PATH wins when it exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export const NO_CHROMIUM_MESSAGE =
  '无法生成 PDF：本机没有找到 Chromium 浏览器。请安装 Chromium（Debian/Ubuntu：apt-get install --no-install-recommends chromium）或 Chrome/Edge，' +
  '或用环境变量 CHROMIUM_PATH 指明浏览器程序的位置；也可以先导出 HTML，用浏览器打开后“打印 → 另存为 PDF”。';

type PlaywrightCore = typeof import('playwright-core');

// A computed specifier keeps bundlers (electron-vite) from pulling playwright-core into the app build: the desktop
// face prints with Electron instead, and cws/serve resolve it from node_modules at run time.
const PLAYWRIGHT = 'playwright-core';

async function loadPlaywright(): Promise<PlaywrightCore> {
  try {
    return (await import(/* @vite-ignore */ PLAYWRIGHT)) as PlaywrightCore;
  } catch (err) {
    throw new CoreError('UNSUPPORTED', '无法生成 PDF：缺少 playwright-core 组件。请导出 HTML 后用浏览器打印为 PDF，或在桌面版中导出 PDF。', String(err));
  }
}

/** Pages in a PDF: page objects (/Type /Page, not /Pages). Chromium writes them uncompressed. */
export function pdfPageCount(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

export async function htmlToPdf(html: string, o: { signal?: AbortSignal; chromium?: string | null } = {}): Promise<{ bytes: Uint8Array; pages: number }> {
  const executablePath = o.chromium === undefined ? findChromium() : o.chromium;
  if (!executablePath) throw new CoreError('UNSUPPORTED', NO_CHROMIUM_MESSAGE);
  const { chromium } = await loadPlaywright();
  if (o.signal?.aborted) throw CoreError.cancelled();
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true });
  } catch (err) {
    throw new CoreError('UNSUPPORTED', `无法启动 Chromium（${executablePath}）生成 PDF：${String(err).split('\n')[0]}。${NO_CHROMIUM_MESSAGE}`, String(err));
  }
  const onAbort = () => void browser?.close().catch(() => undefined);
  o.signal?.addEventListener('abort', onAbort);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const buf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    return { bytes, pages: pdfPageCount(bytes) };
  } catch (err) {
    if (o.signal?.aborted) throw CoreError.cancelled();
    throw new CoreError('INTERNAL', `生成 PDF 失败：${String(err).split('\n')[0]}`, String(err));
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    await browser.close().catch(() => undefined);
  }
}
