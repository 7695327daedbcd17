// Helpers for the UI tests and the UI benchmark: open the served app, click a chart's bar where ECharts drew
// it, wait for a page to settle, read numbers off the page.
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../electron/serve';
import { STEP_TIMEOUT, watchErrors } from './browser';

/** After confirming an unmask request: the grant shows as active, or the error the dialog shows fails the test. */
export async function waitForGrant(page: Page): Promise<void> {
  const active = page.getByTestId('unmask-active');
  const error = page.getByTestId('unmask-error');
  await active.or(error).first().waitFor();
  if (await error.isVisible()) throw new Error(`查看未脱敏信息失败：${await error.innerText()}`);
}

/** The texts of antd's toast messages on screen (to say why a step did not happen). */
export async function pageMessages(page: Page): Promise<string[]> {
  return page.locator('.ant-message-notice').allInnerTexts().catch(() => []);
}

export async function openApp(browser: Browser, server: RunningServer, width = 1440, height = 1000): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
  page.setDefaultTimeout(STEP_TIMEOUT);
  const errors = watchErrors(page);
  await page.goto(server.url);
  return { page, errors };
}

/** Clicks bar `index` of series `series` of the chart with the given test id, at the bar's drawn position. */
export async function clickBar(page: Page, testId: string, index: number, series = 0): Promise<string> {
  const hit = await page.evaluate(
    ({ testId, index, series }) => {
      const el = document.querySelector(`[data-testid="${testId}"]`) as HTMLElement & { __cwsChart?: any };
      const chart = el?.__cwsChart;
      if (!chart) throw new Error(`no chart ${testId}`);
      const opt = chart.getOption();
      const horizontal = opt.xAxis[0].type === 'value';
      const categories: string[] = horizontal ? opt.yAxis[0].data : opt.xAxis[0].data;
      // The drawn rectangle of that bar (several series share a category slot side by side).
      const rect = chart.getModel().getSeriesByIndex(series).getData().getItemLayout(index) as { x: number; y: number; width: number; height: number };
      const x = rect.x + rect.width / 2;
      const y = rect.y + rect.height / 2;
      const box = el.getBoundingClientRect();
      return { x: box.left + x, y: box.top + y, name: categories[index] };
    },
    { testId, index, series },
  );
  await page.mouse.click(hit.x, hit.y);
  return hit.name;
}

/** The overview has data for exactly this filter. */
export async function overviewReady(page: Page, filter: Record<string, string> = {}, timeout = 60_000): Promise<void> {
  await page.locator(`[data-testid="page-overview"][data-state="ready"][data-filter='${JSON.stringify(filter)}']`).waitFor({ timeout });
}

/** Digits of an element's text as a number (e.g. 共 1,234 行 → 1234). */
export async function numberIn(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).first().innerText()).replace(/[^\d]/g, ''));
}

/** Waits until the grid shows the given total. */
export async function gridTotal(page: Page, expected: number, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const t = document.querySelector('[data-testid="grid-total"]')?.textContent ?? '';
      return t.includes('共') && Number(t.replace(/[^\d]/g, '')) === n;
    },
    expected,
    { timeout },
  );
}

/** Picks the search hit for a code once the search box (by test id) has shown its results. */
export async function pickHit(page: Page, searchTestId: string, uscc: string): Promise<void> {
  // The option list re-renders when the results arrive: wait for the status line that follows them.
  await page.getByTestId(searchTestId).getByTestId('search-status').filter({ hasText: '找到' }).waitFor({ timeout: 60_000 });
  await page.locator('.ant-select-item-option:visible', { hasText: uscc }).first().click();
}
