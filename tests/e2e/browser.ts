// Headless Chromium for UI tests: Debian's /usr/bin/chromium (or CHROMIUM_PATH / an installed Chrome or Edge),
// with the flags that keep it off the network.
import fs from 'node:fs';
import { CHROMIUM_FLAGS, findChromium } from '../../electron/core/report';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export { CHROMIUM_FLAGS };

/** The product's own Chromium lookup (CHROMIUM_PATH, Debian's chromium, an installed Chrome/Edge). */
export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error('找不到 Chromium：请运行 npm test（会自动安装）或设置 CHROMIUM_PATH。');
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true });
}

export const OUTPUT_DIR = path.resolve('tests/e2e/output');

/** Playwright's wait for one step: two test files (each with Chromium and DuckDB) share the two cores, and a busy CI
 *  machine has been seen to need more than Playwright's default 30 s for a step that takes a second when idle. */
export const STEP_TIMEOUT = 60_000;

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

/** Non-blank pixels on a chart's canvases (ECharts may use several layers): it really drew something there. */
export async function inkedPixels(page: Page, testId: string): Promise<number> {
  await page.locator(`[data-testid="${testId}"] canvas`).first().waitFor();
  return page.evaluate((id) => {
    let n = 0;
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>(`[data-testid="${id}"] canvas`)) {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240)) n++;
    }
    return n;
  }, testId);
}
