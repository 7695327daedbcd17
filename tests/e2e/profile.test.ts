// 主体画像 in headless Chromium: find a subject by part of its name and by code prefix (also with Ctrl+K), its
// profile sections with the record counts SQL gives, timeline and relations drawn, personal data masked, XLSX
// export downloaded, and the view and export in the audit log.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';
import { servedDemo } from './fixture';
import { openApp, pickHit, waitForGrant } from './ui';
import type { RunningServer } from '../../electron/serve';
import type { Workspace } from '../../electron/core/workspace';

let browser: Browser;
let server: RunningServer;
let ws: Workspace;
let page: Page;
let errors: string[];
/** A subject with penalties, licences and relations: the richest profile in the demo. */
let subject: { uscc: string; name: string };

const count = async (sql: string, params: (string | number)[] = []) => Number(await ws.scalar(sql, params));

beforeAll(async () => {
  server = (await servedDemo(2000)).server;
  ws = await server.core.session.workspace();
  subject = (await ws.one<{ uscc: string; name: string }>(
    `SELECT s.uscc, s.name FROM subjects s
     ORDER BY (SELECT count(*) FROM penalties p WHERE p.uscc = s.uscc) + (SELECT count(*) FROM licenses l WHERE l.uscc = s.uscc)
       + (SELECT count(*) FROM relations r WHERE r.uscc = s.uscc) DESC, s.uscc LIMIT 1`,
  ))!;
  browser = await launchBrowser();
  ({ page, errors } = await openApp(browser, server));
  await page.getByTestId('nav').getByText('主体画像').click();
  await page.getByTestId('page-profile').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openProfileFromSearch(text: string): Promise<void> {
  const input = page.getByTestId('subject-search').locator('input');
  await input.fill(text);
  await pickHit(page, 'subject-search', subject.uscc);
  await page.locator('[data-testid="page-profile"][data-state="ready"]').waitFor();
  await page.getByTestId('profile-name').waitFor();
}

describe('主体画像 page', () => {
  it('finds the subject by part of its name and shows every section with SQL counts', async () => {
    // Characters of the name in order but not contiguous: the fuzzy tier.
    const chars = [...subject.name.replace(/^上海/, '')];
    await openProfileFromSearch(chars.filter((_, i) => i % 2 === 0).slice(0, 4).join(''));
    expect(await page.getByTestId('profile-name').innerText()).toBe(subject.name);
    const part = async (key: string) => Number(await page.getByTestId(`profile-part-${key}`).getAttribute('data-total'));
    expect(await part('penalties')).toBe(await count('SELECT count(*) FROM penalties WHERE uscc = ?', [subject.uscc]));
    expect(await part('licenses')).toBe(await count('SELECT count(*) FROM licenses WHERE uscc = ?', [subject.uscc]));
    expect(await part('inspections')).toBe(await count('SELECT count(*) FROM inspections WHERE uscc = ?', [subject.uscc]));
    const tabs = await page.getByTestId('profile-sections').locator('.ant-tabs-tab').allInnerTexts();
    expect(tabs.map((t) => t.replace(/\s*\d+$/, '').trim())).toEqual([
      '2. 行政管理', '3. 荣誉', '4. 严重失信主体名单', '5. 经营（活动）异常名录', '6. 信用承诺', '7. 信用评价', '8. 司法判决', '9. 其他', '10. 地方补充',
    ]);
    await page.locator('[data-testid="chart-timeline"] canvas').waitFor();
    const relations = await count('SELECT count(*) FROM relations WHERE uscc = ? OR related_uscc = ?', [subject.uscc, subject.uscc]);
    if (relations > 0) await page.locator('[data-testid="chart-relations"] canvas').waitFor();
    // Natural persons are masked: the legal representative's name shows a star.
    const header = await page.getByTestId('profile-header').innerText();
    const rep = await ws.scalar<string | null>('SELECT legal_rep_name FROM subjects WHERE uscc = ?', [subject.uscc]);
    if (rep) {
      expect(header).toContain(`${rep.slice(0, 1)}*`);
      expect(header).not.toContain(rep);
    }
    await page.waitForTimeout(300);
    await screenshot(page, 'profile');
  });

  it('shows the evaluation section as not run yet, or with the latest grade', async () => {
    await page.getByTestId('section-tab-evaluation').click();
    if ((await count('SELECT count(*) FROM eval_runs')) === 0) {
      await expect(page.getByTestId('evaluation-empty').innerText()).resolves.toContain('尚无');
    } else {
      await page.getByTestId('evaluation-panel').waitFor();
    }
  });

  it('exports the profile as XLSX and audits the view and the export', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('profile-export-xlsx').click()]);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(download.suggestedFilename()).toContain(subject.name);
    expect(await count(`SELECT count(*) FROM audit_log WHERE action = 'profile.view' AND target = ?`, [subject.uscc])).toBeGreaterThanOrEqual(1);
    expect(await count(`SELECT count(*) FROM audit_log WHERE action = 'export.file' AND target = ?`, [download.suggestedFilename()])).toBe(1);
  });

  it('shows personal data unmasked only after a stated purpose, recorded in the audit log', async () => {
    const rep = await ws.scalar<string | null>('SELECT legal_rep_name FROM subjects WHERE uscc = ?', [subject.uscc]);
    await page.getByTestId('unmask-request').click();
    await page.getByTestId('unmask-purpose').fill('核查投诉举报线索');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await waitForGrant(page);
    if (rep) await page.getByTestId('profile-header').getByText(rep, { exact: true }).waitFor();
    expect(await count(`SELECT count(*) FROM audit_log WHERE action = 'unmask.grant' AND purpose = '核查投诉举报线索'`)).toBe(1);
    await expect
      .poll(() => count(`SELECT count(*) FROM audit_log WHERE action = 'profile.view' AND target = ? AND purpose = '核查投诉举报线索'`, [subject.uscc]))
      .toBe(1);
    await page.getByTestId('unmask-revoke').click();
    await page.getByTestId('unmask-inactive').waitFor();
    if (rep) {
      await page.getByTestId('profile-header').getByText(`${rep.slice(0, 1)}*`).first().waitFor();
      expect(await page.getByTestId('profile-header').innerText()).not.toContain(rep);
    }
  });

  it('opens a profile from anywhere with Ctrl+K and a code prefix', async () => {
    await page.getByTestId('nav').getByText('总览').click();
    await page.getByTestId('page-overview').waitFor();
    await page.keyboard.press('Control+K');
    const input = page.getByTestId('global-search').locator('input');
    await input.fill(subject.uscc.slice(0, 16));
    await pickHit(page, 'global-search', subject.uscc);
    await page.locator('[data-testid="page-profile"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('profile-uscc').innerText()).toContain(subject.uscc);
    expect(errors).toEqual([]);
  });
});
