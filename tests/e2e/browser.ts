// Headless Chromium for UI tests: Debian's /usr/bin/chromium (or CHROMIUM_PATH / an installed Chrome or Edge),
// with the flags that keep it off the network.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

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

export function chromiumPath(): string {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ].filter((x): x is string => !!x);
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('找不到 Chromium：请运行 npm test（会自动安装）或设置 CHROMIUM_PATH。');
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
}

export const OUTPUT_DIR = path.resolve('tests/e2e/output');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Collects page errors so a test can assert the page ran cleanly. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // The browser's own favicon request is not the page's doing.
    if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location().url ?? '')) errors.push(`${m.text()} ${m.location().url ?? ''}`.trim());
  });
  return errors;
}
