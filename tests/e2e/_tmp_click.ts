import { launchBrowser, screenshot } from './browser';
import { servedDemo } from './fixture';
import { clickBar, openApp, overviewReady } from './ui';
const { server } = await servedDemo(2000);
const browser = await launchBrowser();
const { page, errors } = await openApp(browser, server);
await overviewReady(page);
const info = await page.evaluate(() => {
  const el = document.querySelector('[data-testid="chart-town"]') as any;
  const c = el.__cwsChart; const opt = c.getOption();
  return { x: opt.xAxis[0].type, d: opt.series[0].data.slice(0, 2), px: c.convertToPixel({ seriesIndex: 0 }, [1, 50]), box: el.getBoundingClientRect() };
});
console.log(JSON.stringify(info));
const name = await clickBar(page, 'chart-town', 1);
await page.waitForTimeout(1500);
console.log(name, await page.getByTestId('page-overview').getAttribute('data-filter'), await page.getByTestId('page-overview').getAttribute('data-state'));
await screenshot(page, '_click');
console.log(errors);
await browser.close(); await server.close();
