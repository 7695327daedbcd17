import { launchBrowser, screenshot } from './browser';
import { servedDemo } from './fixture';
import { openApp, overviewReady } from './ui';
const { server } = await servedDemo(500);
const browser = await launchBrowser();
const { page, errors } = await openApp(browser, server);
await overviewReady(page);
const ws = await server.core.session.workspace();
const u = await ws.scalar<string>('select uscc from subjects limit 1');
for (let r = 0; r < 2; r++) {
  await page.locator('[data-testid="nav"] [data-page="overview"]').click();
  await page.locator('[data-testid="page-overview"][data-state="ready"]').waitFor();
  await page.keyboard.press('Control+K');
  await page.getByTestId('global-search').locator('input').fill(u);
  await page.locator('.ant-select-item-option:visible', { hasText: u }).first().click();
  await page.waitForTimeout(1500);
  console.log(r, await page.getByTestId('page-title').innerText(), await page.locator('[data-page-frame]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-page-frame')}:${e.getAttribute('data-active')}`)));
  await screenshot(page, `_k${r}`);
}
console.log(errors);
await browser.close(); await server.close();
