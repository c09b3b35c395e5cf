/**
 * The admin's home page in a real browser: the admin token entered once (never in the address), a
 * meeting created from a file and an empty one, their links, one role's links replaced while the other
 * roles' pages stay connected, and a meeting deleted (its links then say the meeting is unknown).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serverAndBrowser } from './serverAndBrowser.js';
import { openPage, personContext } from './pageHelpers.js';

const env = serverAndBrowser();

async function openAdmin(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Open' }).click();
  await page.waitForSelector('.admin-create');
}

async function linkOf(page: Page, meetingId: string, label: string): Promise<string> {
  return page.locator(`[data-meeting="${meetingId}"]`).getByLabel(`${label} link`).inputValue();
}

describe('the admin page', () => {
  it('refuses a wrong admin token and keeps the right one for the tab, never in the address', async () => {
    const ctx = await env.browser.newContext();
    try {
      const page = await ctx.newPage();
      await page.goto(`${env.ts.url}/`);
      await page.getByLabel('Admin token').fill('wrong-token');
      await page.getByRole('button', { name: 'Open' }).click();
      await page.waitForSelector('.admin-login .admin-error');
      await openAdmin(page, env.ts.url, env.ts.adminToken);
      expect(page.url()).not.toContain(env.ts.adminToken);
      await page.reload();
      await page.waitForSelector('.admin-create');
      expect(await page.evaluate(() => Object.values(sessionStorage))).toContain(env.ts.adminToken);
    } finally {
      await ctx.close();
    }
  });

  it('creates from a file and empty, replaces one role\'s link while the others stay connected, and deletes', async () => {
    const adminCtx = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const chairCtx = await personContext(env.browser, 'Francois Chair');
    const delCtx = await personContext(env.browser, 'A Delegate', { width: 390, height: 844 });
    const screenCtx = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const admin = await adminCtx.newPage();
      admin.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
      await openAdmin(admin, env.ts.url, env.ts.adminToken);

      // From a file: the oneM2M agenda as text.
      await admin.locator('input[type=file]').setInputFiles(join(process.cwd(), 'tests/fixtures/agenda-sec23.txt'));
      await admin.waitForSelector('[data-meeting] .admin-title:text("SEC 23")');
      const fromFile = await admin.locator('[data-meeting]').filter({ hasText: 'SEC 23' }).getAttribute('data-meeting');
      expect(Number(await admin.locator(`[data-meeting="${fromFile}"] [data-field=tdocs]`).textContent())).toBeGreaterThan(0);
      // What came in, per agenda item: the seed's 54 Tdocs under its 29 items, each item with its count.
      const summary = admin.locator(`[data-meeting="${fromFile}"] [data-import-summary]`);
      expect(await summary.locator('summary').textContent()).toMatch(/54 Tdocs under 29 agenda items/);
      expect(await summary.locator('[data-summary-item="5.2"] td').nth(2).textContent({ timeout: 5000 })).toMatch(/^\d+$/);

      // Empty: a title and dates typed by the admin.
      await admin.getByLabel('Title').fill('SEC 100 (admin e2e)');
      await admin.getByLabel('First day').fill('2026-06-01');
      await admin.getByLabel('Last day').fill('2026-06-05');
      await admin.getByRole('button', { name: 'Create' }).click();
      await admin.waitForSelector('[data-meeting] .admin-title:text("SEC 100 (admin e2e)")');
      const id = (await admin.locator('[data-meeting]').filter({ hasText: 'SEC 100 (admin e2e)' }).getAttribute('data-meeting'))!;
      expect(await admin.locator(`[data-meeting="${id}"]`).textContent()).toContain('2026-06-01 – 2026-06-05');
      // The new meeting's links are open at once, each with a QR code on demand.
      const chairLink = await linkOf(admin, id, 'Chair');
      const delegateLink = await linkOf(admin, id, 'Delegates');
      const screenLink = await linkOf(admin, id, 'Room screen');
      expect(chairLink).toContain(`/m/${id}/chair-board?token=`);
      // The test server hands out 127.0.0.1 links: the admin is told phones cannot open them.
      expect(await admin.locator(`[data-meeting="${id}"] [data-links-warning]`).textContent()).toMatch(/loopback/);
      await admin.locator(`[data-meeting="${id}"] [data-role=delegate]`).getByRole('button', { name: 'QR code' }).click();
      await admin.waitForSelector(`[data-meeting="${id}"] [data-role=delegate] img.qr`);

      // Everyone joins; the admin page shows who is connected.
      const chair = await openPage(chairCtx, chairLink, '.board-page');
      const delegate = await openPage(delCtx, delegateLink, '.follow-page');
      const screen = await openPage(screenCtx, screenLink, '.screen-page');
      await admin.waitForFunction((mid) => /chair/.test(document.querySelector(`[data-meeting="${mid}"] [data-field=connected]`)?.textContent ?? ''), id, { timeout: 30_000 });

      // Replace the delegates' link only.
      await admin.locator(`[data-meeting="${id}"]`).getByLabel('New links for').selectOption('delegate');
      await admin.locator(`[data-meeting="${id}"] [data-action=rotate]`).click();
      // Asked first: nothing changes until the admin confirms.
      await admin.locator(`[data-meeting="${id}"] [data-action=confirm-rotate]`).click();
      await admin.waitForFunction(
        ([mid, old]) => (document.querySelector(`[data-meeting="${mid}"] [data-role=delegate] input`) as HTMLInputElement | null)?.value !== old,
        [id, delegateLink] as const,
      );
      await delegate.waitForSelector('.closed-notice');
      expect(await delegate.locator('.closed-notice').textContent()).toMatch(/revoked/);
      // The chair and the screen are still connected: an item the chair adds reaches the screen.
      expect(await linkOf(admin, id, 'Chair')).toBe(chairLink);
      expect(await chair.locator('.closed-notice').count()).toBe(0);
      await chair.waitForSelector('.topbar [data-connection=connected]');
      await chair.getByRole('button', { name: '+ Item' }).click();
      await chair.locator('.search-bar').getByRole('button', { name: '+ Contribution' }).click();
      await chair.waitForSelector('[data-tdoc]');
      const number = (await chair.locator('[data-tdoc]').first().getAttribute('data-tdoc'))!;
      // The new row is selected: set it live from the keyboard.
      await chair.waitForSelector(`[data-tdoc="${number}"].selected`);
      await chair.keyboard.press('Escape');
      await chair.keyboard.press('l');
      await screen.waitForSelector(`[data-live="true"] [data-tdoc="${number}"]`);
      expect(await screen.locator('.closed-notice').count()).toBe(0);
      // The new delegates' link works.
      const delegate2 = await openPage(delCtx, await linkOf(admin, id, 'Delegates'), '.follow-page');
      await delegate2.waitForSelector(`[data-tdoc="${number}"]`);

      // Delete: asks first and offers the JSON export.
      await admin.locator(`[data-meeting="${id}"]`).getByRole('button', { name: 'Delete…' }).click();
      const download = admin.locator(`[data-meeting="${id}"] [data-action=download-json]`);
      await download.waitFor();
      // The download carries no token in any URL: fetched with the header, saved from a blob (G-TOK-3).
      const [file] = await Promise.all([admin.waitForEvent('download'), download.click()]);
      expect(file.url()).toMatch(/^blob:/);
      expect(file.suggestedFilename()).toBe(`${id}.json`);
      const exported = JSON.parse(readFileSync((await file.path())!, 'utf8'));
      expect(exported.meta.title).toBe('SEC 100 (admin e2e)');
      await admin.locator(`[data-meeting="${id}"] [data-action=confirm-delete]`).click();
      await admin.waitForSelector(`[data-meeting="${id}"]`, { state: 'detached' });
      expect(await admin.locator(`[data-meeting="${fromFile}"]`).count()).toBe(1);
      // Open pages are told, and the links now answer as for an unknown meeting.
      await chair.waitForSelector('.closed-notice');
      const again = await openPage(chairCtx, chairLink, '.closed-notice');
      await again.waitForSelector('.closed-notice');
      expect(await again.locator('.closed-notice').textContent()).toMatch(/no meeting/);
    } finally {
      await Promise.all([adminCtx.close(), chairCtx.close(), delCtx.close(), screenCtx.close()]);
    }
  });
});
