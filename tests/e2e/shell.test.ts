// The app shell in headless Chromium: every sidebar page opens without page errors (pages not built say 建设中,
// in the sidebar and on the page alike), Alt+1…9 switch pages, the last page is remembered across reloads,
// Ctrl+/ lists the shortcuts, the workspace dialog shows the open workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';
import { servedDemo } from './fixture';
import { openApp } from './ui';
import type { RunningServer } from '../../electron/serve';

let browser: Browser;
let server: RunningServer;
let workspacePath: string;
let page: Page;
let errors: string[];

beforeAll(async () => {
  ({ server, workspacePath } = await servedDemo(1000));
  browser = await launchBrowser();
  ({ page, errors } = await openApp(browser, server));
  await page.getByTestId('page-overview').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const navItems = () => page.locator('[data-testid="nav"] .cws-nav-item');

describe('app shell', () => {
  it('opens every page; a page not built says 建设中 on the page and in the sidebar', async () => {
    const count = await navItems().count();
    expect(count).toBe(11);
    for (let i = 0; i < count; i++) {
      const item = navItems().nth(i);
      const key = await item.getAttribute('data-page');
      const underConstruction = (await item.innerText()).includes('建设中');
      await item.click();
      await page.waitForFunction((k) => document.querySelector(`[data-page="${k}"]`)?.closest('.ant-menu-item-selected') !== null, key);
      await page.waitForTimeout(300);
      const placeholder = await page.getByTestId('page-placeholder').count();
      expect(placeholder, `page ${key}`).toBe(underConstruction ? 1 : 0);
      if (underConstruction) await expect(page.getByTestId('page-placeholder').innerText()).resolves.toContain('建设中');
    }
    expect(errors).toEqual([]);
  });

  it('switches pages with Alt+digit and remembers the last page across a reload', async () => {
    await page.keyboard.press('Alt+3');
    await page.getByTestId('page-browse').waitFor();
    expect(await page.getByTestId('page-title').innerText()).toBe('数据浏览');
    await page.keyboard.press('Alt+1');
    await page.getByTestId('page-overview').waitFor();
    await page.keyboard.press('Alt+4');
    await page.getByTestId('page-profile').waitFor();
    await page.reload();
    await page.getByTestId('page-profile').waitFor();
    expect(await page.getByTestId('page-title').innerText()).toBe('主体画像');
  });

  it('lists the shortcuts and shows the open workspace', async () => {
    await page.keyboard.press('Control+/');
    const help = page.locator('.ant-modal', { hasText: '键盘快捷键' });
    await help.waitFor();
    await expect(help.innerText()).resolves.toContain('Ctrl+K');
    await screenshot(page, 'shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await page.getByTestId('workspace-path').click();
    const dialog = page.locator('.ant-modal', { hasText: '最近使用' });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toContain(workspacePath);
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  });
});
