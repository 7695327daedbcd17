import { launchBrowser, screenshot } from './browser';
import { startServer } from '../../electron/serve';
import { openApp, overviewReady } from './ui';
const server = await startServer({ workspacePath: '/tmp/ui-bench/w1m.duckdb', operator: 'dbg', staticDir: '/tmp/cws-renderer' });
const browser = await launchBrowser();
const { page, errors } = await openApp(browser, server);
await overviewReady(page, {}, 600000);
const ws = await server.core.session.workspace();
const u = (await ws.one<{ uscc: string }>(`SELECT s.uscc FROM subjects s JOIN penalties p ON p.uscc = s.uscc ORDER BY s.uscc LIMIT 1 OFFSET 1000`))!.uscc;
for (let r = 0; r < 3; r++) {
  await page.locator('[data-testid="nav"] [data-page="overview"]').click();
  await page.locator('[data-testid="page-overview"][data-state="ready"]').waitFor();
  const t = Date.now();
  await page.keyboard.press('Control+K');
  await page.getByTestId('global-search').locator('input').fill(u);
  const opts = page.locator('.ant-select-item-option:visible', { hasText: u });
  await opts.first().waitFor();
  console.log('options visible', await opts.count(), Date.now() - t);
  await opts.first().click();
  await page.waitForTimeout(3000);
  console.log(r, await page.getByTestId('page-title').innerText(), await page.locator('[data-page-frame]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-page-frame')}:${e.getAttribute('data-active')}`)), await page.locator('.ant-modal:visible').count());
  await screenshot(page, `_k2-${r}`);
}
console.log(errors);
await browser.close(); await server.close();
