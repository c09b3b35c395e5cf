/**
 * The board at any moment, in a real browser (issue 17): the chair's board and a delegate's follow view
 * show the meeting as it stood at a chosen moment, read-only and marked as the past, and come back to
 * now; the chair brings a deleted Tdoc back from the past, and the history says so. The server's clock is
 * injected (three hours ago, then one hour apart) so the moments are far apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { launchBrowser } from './browser.js';
import { boardMeeting, openView, selectRow, statusOf, waitForStatus } from './pageHelpers.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { deleteContribution, setContributionStatus } from '../../shared/document/contributionOps.js';
import { venueDateTime, venueParts } from '../../client/model/venueTime.js';

const HOUR = 3_600_000;
let now = Date.now() - 3 * HOUR;
let ts: TestServer;
let browser: Browser;

beforeAll(async () => {
  ts = await startTestServer({ clock: () => now }, (f) => afterAll(f));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Types a moment into the past fields (the venue's date and 24-hour time, Europe/Paris) and shows it. */
async function showPast(page: Page, at: number): Promise<void> {
  if (!(await page.locator('[data-field=past-date]').count())) await page.click('[data-action=time-travel]');
  const { date, time } = venueParts(at, VENUE_ZONE);
  await page.fill('[data-field=past-date]', date);
  await page.fill('[data-field=past-time]', time);
  await page.click('[data-action=show-past]');
  await page.waitForSelector(`[data-past="true"] [data-tdoc]`);
}

/** The venue of boardMeeting(); the browsers below are in other zones and a 12-hour locale. */
const VENUE_ZONE = 'Europe/Paris';

describe('the board at any moment, in the browser', () => {
  it('shows the past read-only and marked, comes back to now, restores a deleted Tdoc, and shows a Tdoc\'s history', async () => {
    const m = await createMeeting(ts, boardMeeting());
    const editor = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await editor.synced();
    const rows = readMeeting(editor.doc).contributions;
    const [a, b] = [rows[0], rows[1]];
    now += HOUR;
    setContributionStatus(editor.doc, a.id, 'agreed', { by: 'Karen' });
    // The chair's laptop is still on Los Angeles time and US English (12-hour): the pages tell the venue's.
    const chairCtx = await browser.newContext({ viewport: { width: 1400, height: 900 }, timezoneId: 'America/Los_Angeles', locale: 'en-US' });
    await chairCtx.addInitScript(() => localStorage.setItem('plenary:name', 'Francois Chair'));
    const delCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'Asia/Tokyo', locale: 'en-US' });
    await delCtx.addInitScript(() => localStorage.setItem('plenary:name', 'A Delegate'));
    try {
      const chair = await openView(chairCtx, m.links.chair);
      const delegate = await openView(delCtx, m.links.delegate);
      await waitForStatus(chair, a.number, 'Agreed');
      now += HOUR;
      setContributionStatus(editor.doc, a.id, 'noted', { by: 'Karen' });
      deleteContribution(editor.doc, b.id);
      await waitForStatus(chair, a.number, 'Noted');
      await chair.waitForSelector(`[data-tdoc="${b.number}"]`, { state: 'detached' });
      await waitForStatus(delegate, a.number, 'Noted');

      // The chair's board half an hour after the decision: agreed, and the deleted Tdoc still there.
      const then = now - HOUR / 2;
      await showPast(chair, then);
      await chair.waitForSelector('.past-banner');
      expect(await chair.locator('.past-banner').textContent()).toContain(`The past: the meeting as it stood on ${venueDateTime(then, VENUE_ZONE, true)}`);
      expect(await chair.locator('[data-past-zone]').textContent()).toMatch(/^Europe\/Paris, UTC\+[12]$/);
      await waitForStatus(chair, a.number, 'Agreed');
      expect(await chair.locator(`[data-past="true"] [data-tdoc="${b.number}"]`).count()).toBeGreaterThan(0);
      // Read-only: no status picker in the past.
      expect(await chair.locator(`[data-past="true"] [data-tdoc="${a.number}"] select`).count()).toBe(0);

      // The delegate's follow view, the same moment.
      await showPast(delegate, then);
      await waitForStatus(delegate, a.number, 'Agreed');
      await delegate.click('[data-action=back-to-now]');
      await delegate.waitForSelector('[data-past="true"]', { state: 'detached' });
      await waitForStatus(delegate, a.number, 'Noted');

      // The chair brings the deleted Tdoc back: a new change that everyone gets.
      await chair.fill('[data-field=restore-tdoc]', b.number);
      await chair.click('[data-action=restore-tdoc]');
      await chair.click('[data-action=back-to-now]');
      await chair.waitForSelector('[data-past="true"]', { state: 'detached' });
      await chair.waitForSelector(`[data-tdoc="${b.number}"]`);
      expect(await statusOf(chair, a.number)).toBe('Noted');
      await delegate.waitForSelector(`[data-tdoc="${b.number}"]`);

      // The history names the restore, by the chair's link.
      await chair.click('[data-action=time-travel]');
      await chair.click('[data-action=history]');
      await chair.waitForSelector('.history-list li');
      const first = await chair.locator('.history-list li').first().textContent();
      expect(first).toContain(`Tdoc ${b.number} added`);
      // In the venue's time, 24-hour, and the page says which zone.
      const shown = await chair.locator('.history-list li .history-time').first();
      const iso = (await shown.getAttribute('datetime'))!;
      expect(await shown.textContent()).toBe(venueDateTime(iso, VENUE_ZONE));
      expect(await shown.textContent()).not.toMatch(/AM|PM/);
      expect(await chair.locator('[data-history-zone]').textContent()).toMatch(/Europe\/Paris/);
      expect(first).toContain('chair (says Francois Chair)');

      // A Tdoc's panel opens its own history: the decisions on it, nothing else.
      await chair.locator('.history-panel button', { hasText: 'Close' }).click();
      await selectRow(chair, a.number);
      await chair.click('[data-action=open-history]');
      await chair.waitForFunction((n) => (document.querySelector('[data-field=history-tdoc]') as HTMLInputElement | null)?.value === n, a.number);
      await chair.waitForFunction(() => document.querySelectorAll('.history-list li').length === 2);
      const lines = await chair.locator('.history-list li .history-what').allTextContents();
      expect(lines).toEqual([`${a.number} status agreed → noted`, `${a.number} status available → agreed`]);
    } finally {
      await chairCtx.close();
      await delCtx.close();
    }
  });
});
