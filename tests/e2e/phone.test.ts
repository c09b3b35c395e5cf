/**
 * A delegate's phone on venue Wi-Fi (issue 14), in Debian's Chromium under the phone emulation of the bench
 * (CPU 4× slower, 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency): the follow view shows the live item and
 * follows an editor's status change; a second visit after the meeting changed paints the live item the phone
 * kept, then brings it up to date; then, with the server gone and the browser offline, a third visit opens
 * the last known board (service worker + IndexedDB) and says it is offline. No timing assertions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { boardMeeting, waitForStatus } from './pageHelpers.js';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';

const PHONE_NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A page of `ctx` under the phone emulation (or offline), before it navigates. */
async function phonePage(ctx: BrowserContext, offline = false): Promise<Page> {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', offline ? { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 } : PHONE_NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return page;
}

describe("a delegate's phone on venue Wi-Fi", () => {
  it('shows the live item, follows an edit, and opens the last known board offline', async () => {
    // A server of this test's own: it is stopped for the offline visit.
    const ts = await startTestServer();
    const meeting = boardMeeting(4);
    const security = meeting.agenda.find((a) => a.title === 'Security')!;
    meeting.live = { ...meeting.live, agendaItemId: security.id };
    const m = await createMeeting(ts, meeting);
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const page = await phonePage(ctx);
      await page.goto(m.links.delegate);
      // The live item's Tdocs, on top.
      await page.waitForSelector('[data-live="true"] [data-tdoc="SEC-2026-0201"]', { timeout: 60_000 });
      expect(await page.locator('[data-live="true"] [data-tdoc]').count()).toBeGreaterThanOrEqual(4);

      // An editor (a real WebsocketProvider with the chair's token) decides a live Tdoc: the phone follows.
      const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
      await chair.synced();
      const row = readMeeting(chair.doc).contributions.find((c) => c.number === 'SEC-2026-0202')!;
      setContributionStatus(chair.doc, row.id, 'agreed', { by: 'Chair' });
      await waitForStatus(page, 'SEC-2026-0202', 'Agreed', 60_000);
      await page.waitForSelector('.live-card [data-tdoc="SEC-2026-0202"]');

      // What the phone keeps for next time: the shell in the service worker, the meeting in IndexedDB.
      await page.waitForFunction(() => navigator.serviceWorker.ready.then((r) => !!r.active), null, { timeout: 60_000 });
      await page.waitForFunction(
        async () => {
          const keys = await (await caches.open('plenary-assets-v1')).keys();
          return keys.some((k) => /\/assets\/index-.*\.js$/.test(k.url)) && keys.some((k) => /FollowView-.*\.js$/.test(k.url));
        },
        null,
        { timeout: 60_000, polling: 500 },
      );
      // The copy's flag is keyed by its IndexedDB name: meeting, role and link (client/sync/forgetMeeting.ts).
      await page.waitForFunction((id) => Object.keys(localStorage).some((k) => k.startsWith(`plenary:local-copy:plenary-meeting-${id}-delegate-`) && localStorage.getItem(k) === '1'), m.id, { timeout: 60_000 });
      // And the live item as the phone last saw it, for the next visit's first paint.
      await page.waitForFunction(
        (id) => /"number":"SEC-2026-0202"[^}]*"statusLabel":"Agreed"/.test(localStorage.getItem(`plenary:${id}:glance`) ?? ''),
        m.id,
        { timeout: 60_000 },
      );
      await page.close();

      // The meeting changes while the phone is away; the next visit paints the live item it kept at once
      // (no network), then brings it up to date: the server's glance, then the whole meeting synced.
      const r3 = readMeeting(chair.doc).contributions.find((c) => c.number === 'SEC-2026-0203')!;
      setContributionStatus(chair.doc, r3.id, 'noted', { by: 'Chair' });
      const back = await phonePage(ctx);
      await back.goto(m.links.delegate);
      await waitForStatus(back, 'SEC-2026-0203', 'Noted', 60_000);
      await back.waitForSelector('[data-connection="connected"]', { timeout: 60_000 });
      await waitForStatus(back, 'SEC-2026-0203', 'Noted', 60_000);
      expect(await back.evaluate(() => performance.getEntriesByName('plenary:preview-kept').length)).toBe(1);
      expect(await back.locator('#preview').count()).toBe(0);
      // Still following: a decision taken now shows too.
      const r4 = readMeeting(chair.doc).contributions.find((c) => c.number === 'SEC-2026-0204')!;
      setContributionStatus(chair.doc, r4.id, 'agreed', { by: 'Chair' });
      await waitForStatus(back, 'SEC-2026-0204', 'Agreed', 60_000);
      await back.waitForFunction(
        (id) => /"number":"SEC-2026-0204"[^}]*"statusLabel":"Agreed"/.test(localStorage.getItem(`plenary:${id}:glance`) ?? ''),
        m.id,
        { timeout: 60_000 },
      );
      chair.destroy();
      await back.close();

      // No network at all: the server is gone and the browser is offline.
      await ts.stop();
      await ctx.setOffline(true);
      const again = await phonePage(ctx, true);
      await again.goto(m.links.delegate);
      await again.waitForSelector('[data-connection="offline"]', { timeout: 60_000 });
      await waitForStatus(again, 'SEC-2026-0202', 'Agreed', 60_000);
      await waitForStatus(again, 'SEC-2026-0204', 'Agreed', 60_000);
      expect(await again.locator('[data-live="true"] [data-tdoc="SEC-2026-0201"]').count()).toBe(1);
      // Offline, the kept live item was painted first, saying so.
      expect(await again.evaluate(() => performance.getEntriesByName('plenary:preview-kept').length)).toBe(1);
      expect(await again.locator('[data-connection="offline"]').first().textContent()).toMatch(/offline.*last known board/i);
      await again.close();
    } finally {
      await ctx.close();
    }
  });
});
