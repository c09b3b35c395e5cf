/**
 * What a browser keeps of a meeting after its link is revoked (issue 23): a delegate's and the secretary's
 * pages on one shared browser keep the meeting for an offline visit; the links are rotated; each page is
 * refused (4401) and removes its copy (IndexedDB), the role cache, the local-copy flag and the tab's token.
 * With the server gone and the browser offline, the old links open nothing of the meeting. The same when
 * the meeting is deleted (4404, HTTP 404): the chair's and the delegate's pages forget it, say so when
 * opened again online, and show nothing of it offline. Needs a built client (npm run build).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { boardMeeting, openView } from './pageHelpers.js';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every name this page's origin keeps that mentions the meeting: IndexedDB, localStorage, sessionStorage. */
function keptOf(page: Page, meetingId: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    const out: string[] = [];
    for (const d of await indexedDB.databases()) if (d.name?.includes(id)) out.push(`idb:${d.name}`);
    for (const [kind, store] of [['local', localStorage], ['session', sessionStorage]] as const) {
      for (let i = 0; i < store.length; i++) {
        const k = store.key(i)!;
        if (k.includes(id) || (k.startsWith('plenary:local-copy:') && k.includes(id))) out.push(`${kind}:${k}`);
      }
    }
    return out;
  }, meetingId);
}

/** Each link opened (offline, no server) shows nothing of the meeting: a notice or the browser's error page. */
async function opensNothing(ctx: BrowserContext, links: string[]): Promise<void> {
  for (const link of links) {
    const page = await ctx.newPage();
    await page.goto(link).catch(() => undefined);
    await page.waitForFunction(() => /Cannot open this meeting|revoked|not valid|no meeting|No internet|ERR_INTERNET_DISCONNECTED/i.test(document.body?.innerText ?? '') || document.querySelector('[data-tdoc]') !== null, undefined, { timeout: 30_000 });
    expect(await page.locator('[data-tdoc]').count()).toBe(0);
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/SEC-2026-0101/);
    await page.close();
  }
}

describe('a revoked link leaves nothing behind', () => {
  it('G-ROLE-4: after a rotation the old links, opened again offline, show nothing of the meeting; nothing of it stays in the browser', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, boardMeeting());
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await ctx.addInitScript(() => localStorage.setItem('plenary:name', 'Shared Browser'));
    try {
      const delegate = await openView(ctx, m.links.delegate);
      const secretary = await openView(ctx, m.links.secretary);
      // The chair's link, not rotated: what an offline visit shows when the link still holds.
      const chair = await openView(ctx, m.links.chair);
      await chair.waitForSelector('[data-tdoc="SEC-2026-0101"]');
      await chair.waitForFunction(async (id) => (await indexedDB.databases()).some((d) => d.name?.includes(`${id}-chair-`)), m.id, { timeout: 30_000 });
      await chair.close();
      await delegate.waitForSelector('[data-tdoc="SEC-2026-0101"]');
      await secretary.waitForSelector('[data-tdoc="SEC-2026-0101"]');
      // Both keep a copy of their own (per meeting, role and link).
      await delegate.waitForFunction(
        async (id) => (await indexedDB.databases()).filter((d) => d.name?.includes(id)).length >= 2,
        m.id,
        { timeout: 30_000 },
      );
      const before = await keptOf(delegate, m.id);
      expect(before.filter((k) => k.startsWith('idb:')).some((k) => k.includes('-delegate-'))).toBe(true);
      expect(before.filter((k) => k.startsWith('idb:')).some((k) => k.includes('-secretary-'))).toBe(true);

      const res = await fetch(`${ts.url}/api/meetings/${m.id}/tokens/rotate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ roles: ['delegate', 'secretary'] }),
      });
      expect(res.status).toBe(200);
      for (const page of [delegate, secretary]) await page.waitForSelector('.closed-notice');
      await delegate.waitForFunction(async (id) => {
        const dbs = (await indexedDB.databases()).filter((d) => d.name?.includes(id));
        const keys = Object.keys(localStorage).filter((k) => k.includes(id) && !k.includes('chair') && !k.endsWith(':glance'));
        return dbs.every((d) => d.name!.includes('-chair-')) && keys.length === 0;
      }, m.id, { timeout: 30_000 });
      const left = await keptOf(delegate, m.id);
      // Only the chair's link's own copy, its role and its flag remain (keyed by the chair's link's hash).
      const chairHash = /-chair-([0-9a-f]+)/.exec(left.join(' '))?.[1];
      expect(chairHash).toBeTruthy();
      expect(left.filter((k) => !k.includes(chairHash!)), JSON.stringify(left)).toEqual([]);
      await delegate.close();
      await secretary.close();

      // No server, no network: the old links open nothing of the meeting.
      await ts.stop();
      await ctx.setOffline(true);
      await opensNothing(ctx, [m.links.delegate, m.links.secretary]);
      const control = await ctx.newPage();
      await control.goto(m.links.chair);
      await control.waitForSelector('[data-tdoc="SEC-2026-0101"]', { timeout: 30_000 });
      await control.close();
    } finally {
      await ctx.close();
    }
  }, 180_000);

  it('G-ROLE-6: after the meeting is deleted, the chair\'s and the delegate\'s pages say it is gone, nothing of it stays in the browser, and offline the links show nothing', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, boardMeeting());
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await ctx.addInitScript(() => localStorage.setItem('plenary:name', 'Shared Browser'));
    try {
      const chair = await openView(ctx, m.links.chair);
      const delegate = await openView(ctx, m.links.delegate);
      for (const page of [chair, delegate]) await page.waitForSelector('[data-tdoc="SEC-2026-0101"]');
      // Both keep a copy of their own, and the role and flag with it.
      await delegate.waitForFunction(
        async (id) => {
          const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.includes(id));
          return names.some((n) => n.includes('-chair-')) && names.some((n) => n.includes('-delegate-'));
        },
        m.id,
        { timeout: 30_000 },
      );
      const before = await keptOf(delegate, m.id);
      expect(before.some((k) => k.startsWith('local:plenary:local-copy:'))).toBe(true);
      expect(before.some((k) => k.startsWith('session:'))).toBe(true);

      const res = await fetch(`${ts.url}/api/meetings/${m.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${ts.adminToken}` } });
      expect(res.status).toBe(204);
      // Both pages are closed with 4404 and say the meeting is gone.
      for (const page of [chair, delegate]) {
        await page.waitForSelector('.closed-notice', { timeout: 30_000 });
        expect(await page.locator('.closed-notice').innerText()).toMatch(/no meeting with this id/i);
      }
      const gone = async (page: Page) =>
        page.waitForFunction(
          async (id) => {
            const dbs = (await indexedDB.databases()).filter((d) => d.name?.includes(id));
            const keys = [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.includes(id));
            return dbs.length === 0 && keys.length === 0;
          },
          m.id,
          { timeout: 30_000 },
        );
      await gone(delegate);
      expect(await keptOf(delegate, m.id)).toEqual([]);
      await chair.close();
      await delegate.close();

      // Opened again online: the server answers 404, the page says so and keeps nothing.
      for (const link of [m.links.chair, m.links.delegate]) {
        const page = await ctx.newPage();
        await page.goto(link);
        await page.waitForSelector('.closed-notice', { timeout: 30_000 });
        expect(await page.locator('.closed-notice').innerText()).toMatch(/no meeting with this id/i);
        expect(await page.locator('[data-tdoc]').count()).toBe(0);
        await gone(page);
        await page.close();
      }

      // No server, no network: the links open nothing of the meeting.
      await ts.stop();
      await ctx.setOffline(true);
      await opensNothing(ctx, [m.links.chair, m.links.delegate]);
    } finally {
      await ctx.close();
    }
  }, 180_000);
});
