/**
 * The board in a real browser against the real server: two editors at once, the room's screen and a
 * delegate following, an editor offline and back, and a rotated link. Needs a built client (npm run
 * test:e2e builds it) and Debian's Chromium.
 */
import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from './serverAndBrowser.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { boardMeeting, openView, personContext, selectRow, statusOf, waitForStatus, waitForText } from './pageHelpers.js';

const env = serverAndBrowser();

describe('the board in the browser', () => {
  it('chair and secretary edit the same row at once and both changes show everywhere', async () => {
    const m = await createMeeting(env.ts, boardMeeting());
    const chairCtx = await personContext(env.browser, 'Francois Chair');
    const secCtx = await personContext(env.browser, 'Karen Secretary');
    const delCtx = await personContext(env.browser, 'A Delegate', { width: 390, height: 844 });
    try {
      const chair = await openView(chairCtx, m.links.chair);
      const sec = await openView(secCtx, m.links.secretary);
      const delegate = await openView(delCtx, m.links.delegate);
      // The token left the address bar.
      expect(chair.url()).not.toContain('token=');
      expect(sec.url()).not.toContain('token=');

      const row = 'SEC-2026-0102';
      await selectRow(chair, row);
      await selectRow(sec, row);
      // Each sees the other on that row.
      await chair.waitForSelector(`[data-tdoc="${row}"] .peer-dot[title^="Karen Secretary"]`);
      await sec.waitForSelector(`[data-tdoc="${row}"] .peer-dot[title^="Francois Chair"]`);

      // At once: the chair decides and adds to the end of the notes, the secretary writes at their start.
      await Promise.all([
        (async () => {
          await chair.locator(`[data-tdoc="${row}"] [data-field=status]`).selectOption({ label: 'Agreed' });
          await chair.locator('#notes-editor').click();
          await chair.keyboard.press('Control+End');
          await chair.keyboard.type(' Chair: agreed with editorials.');
        })(),
        (async () => {
          await sec.locator('#notes-editor').click();
          await sec.keyboard.press('Control+Home');
          await sec.keyboard.type('Secretary: check R01. ');
        })(),
      ]);

      // Both still have the cursor in the notes: each sees that the other is writing there.
      await waitForText(chair, '.also-here', 'Karen Secretary is writing in the notes');
      await waitForText(sec, '.also-here', 'Francois Chair is writing in the notes');
      for (const page of [chair, sec]) {
        await waitForStatus(page, row, 'Agreed');
        await waitForText(page, '#notes-editor', 'Chair: agreed with editorials.');
        await waitForText(page, '#notes-editor', 'Secretary: check R01.');
      }
      await waitForStatus(delegate, row, 'Agreed');
      const notes = await chair.locator('#notes-editor').inputValue();
      expect(notes).toContain('Chair: agreed with editorials.');
      expect(notes).toContain('Secretary: check R01.');
      expect(notes).toContain('Presented by the source.');
      // The row's notes column on the other board shows the merged text too.
      await waitForText(sec, `[data-tdoc="${row}"] .notes`, 'Chair: agreed');
    } finally {
      await Promise.all([chairCtx.close(), secCtx.close(), delCtx.close()]);
    }
  });

  it('the delegate view and the room screen follow a status change and the live pointer', async () => {
    const m = await createMeeting(env.ts, boardMeeting());
    const secCtx = await personContext(env.browser, 'Karen Secretary');
    const delCtx = await personContext(env.browser, 'A Delegate', { width: 390, height: 844 });
    const screenCtx = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const sec = await openView(secCtx, m.links.secretary);
      const delegate = await openView(delCtx, m.links.delegate);
      // The server's screen link carries the delegates' link (&follow=) for the QR code.
      expect(m.links.screen).toContain('&follow=');
      const screen = await openView(screenCtx, m.links.screen);
      expect(screen.url()).not.toContain('token');
      expect(screen.url()).not.toContain('follow');

      // Keyboard: select a row of item 2, make it live (l), then decide it (n = noted).
      await selectRow(sec, 'SEC-2026-0203');
      await sec.keyboard.press('l');
      for (const page of [delegate, screen]) {
        await page.waitForSelector('[data-live="true"][data-item="2"]');
        await page.waitForSelector('[data-live="true"] [data-tdoc="SEC-2026-0203"][data-current="true"]');
        expect(await page.locator('[data-live="true"]').count()).toBe(1);
      }
      await sec.keyboard.press('n');
      await waitForStatus(delegate, 'SEC-2026-0203', 'Noted');
      await waitForStatus(screen, 'SEC-2026-0203', 'Noted');

      // Moving on: the next row (j) becomes live, and the screen's highlight moves with it.
      await sec.keyboard.press('j');
      await sec.keyboard.press('l');
      await screen.waitForSelector('[data-tdoc="SEC-2026-0204"][data-current="true"]');
      await delegate.waitForSelector('[data-tdoc="SEC-2026-0204"][data-current="true"]');
      expect(await screen.locator('[data-current="true"]').count()).toBe(1);

      // Back to item 1 as a whole, with a banner.
      await sec.locator('[data-item-id][data-item="1"] .title').click();
      await sec.keyboard.press('l');
      await sec.locator('.banner-input').fill('Coffee until 10:30');
      await sec.locator('.banner-input').press('Enter');
      for (const page of [delegate, screen]) {
        await page.waitForSelector('[data-live="true"][data-item="1"]');
        await waitForText(page, '[role=status]', 'Coffee until 10:30');
      }
      // The decision is in the delegates' feed.
      await delegate.getByRole('tab', { name: 'Decisions' }).click();
      await waitForText(delegate, '.feed', 'SEC-2026-0203');
      // The screen shows the QR code of the delegates' link and has no scrollbars.
      await screen.waitForSelector('img.qr');
      expect(await screen.locator('.screen-url').textContent()).toBe(new URL(env.ts.url).host);
      const overflow = await screen.evaluate(() => ({
        x: document.documentElement.scrollWidth > window.innerWidth,
        y: document.documentElement.scrollHeight > window.innerHeight,
      }));
      expect(overflow).toEqual({ x: false, y: false });
      // A smaller projector gets the same layout, scaled: still no scrollbars, the live item still in view.
      const wide = await screen.evaluate(() => document.querySelector('[data-live="true"]')!.getBoundingClientRect().width);
      await screen.setViewportSize({ width: 1280, height: 720 });
      // Scaled by 1280/1920: the live item's box shrinks by the same factor.
      await screen.waitForFunction((w) => {
        const box = document.querySelector('[data-live="true"]')?.getBoundingClientRect();
        return !!box && box.right <= window.innerWidth && box.bottom <= window.innerHeight && Math.abs(box.width - (w * 1280) / 1920) < 2;
      }, wide);
      expect(await screen.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    } finally {
      await Promise.all([secCtx.close(), delCtx.close(), screenCtx.close()]);
    }
  });

  it('an editor goes offline, edits, comes back, and the edit arrives', async () => {
    const m = await createMeeting(env.ts, boardMeeting());
    const chairCtx = await personContext(env.browser, 'Francois Chair');
    const secCtx = await personContext(env.browser, 'Karen Secretary');
    try {
      const chair = await openView(chairCtx, m.links.chair);
      const sec = await openView(secCtx, m.links.secretary);
      await sec.waitForSelector('[data-connection="connected"]');

      await secCtx.setOffline(true);
      await sec.waitForSelector('[data-connection="offline"]');
      await selectRow(sec, 'SEC-2026-0101');
      await sec.keyboard.press('w');
      await sec.locator('#notes-editor').click();
      await sec.keyboard.type('Withdrawn by the source while offline.');
      await waitForStatus(sec, 'SEC-2026-0101', 'Withdrawn');
      // The page says that changes wait to be sent.
      const unsent = Number(await sec.locator('[data-connection]').first().getAttribute('data-unsent'));
      expect(unsent).toBeGreaterThan(0);
      expect(await statusOf(chair, 'SEC-2026-0101')).toBe('Available');

      await secCtx.setOffline(false);
      await sec.waitForSelector('[data-connection="connected"][data-unsent="0"]');
      await waitForStatus(chair, 'SEC-2026-0101', 'Withdrawn');
      await selectRow(chair, 'SEC-2026-0101');
      await waitForText(chair, '#notes-editor', 'Withdrawn by the source while offline.');
    } finally {
      await Promise.all([chairCtx.close(), secCtx.close()]);
    }
  });

  it('a corrupt local copy does not hang the page: it is dropped and the meeting comes from the server', async () => {
    const m = await createMeeting(env.ts, boardMeeting());
    const secCtx = await personContext(env.browser, 'Karen Secretary');
    try {
      const first = await openView(secCtx, m.links.secretary);
      await first.waitForSelector('[data-connection="connected"]');
      // Replace the local copy with bytes that are no Yjs update.
      // The copy's IndexedDB name holds meeting, role and link (client/sync/forgetMeeting.ts localCopyName).
      await first.waitForFunction(async (id) => (await indexedDB.databases()).some((d) => d.name?.startsWith(`plenary-meeting-${id}-secretary-`)), m.id);
      await first.evaluate(
        (id) =>
          new Promise<void>(async (resolve, reject) => {
            const dbName = (await indexedDB.databases()).find((d) => d.name?.startsWith(`plenary-meeting-${id}-secretary-`))!.name!;
            const open = indexedDB.open(dbName);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('updates', 'readwrite');
              const store = tx.objectStore('updates');
              store.clear();
              store.add(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x07, 0x00, 0x13]));
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
        m.id,
      );
      await first.close();
      const again = await openView(secCtx, m.links.secretary);
      await again.waitForSelector('[data-tdoc="SEC-2026-0101"]');
      await again.waitForSelector('[data-local-copy="dropped"]', { timeout: 30_000 });
      // Still a working board.
      await selectRow(again, 'SEC-2026-0101');
      await again.keyboard.press('a');
      await waitForStatus(again, 'SEC-2026-0101', 'Agreed');
    } finally {
      await secCtx.close();
    }
  });

  it('asks an editor\'s name once, without blocking the board, and shows it to the others', async () => {
    const m = await createMeeting(env.ts, boardMeeting());
    const freshCtx = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const chairCtx = await personContext(env.browser, 'Francois Chair');
    try {
      const sec = await openView(freshCtx, m.links.secretary);
      await sec.waitForSelector('form.name-bar');
      // The board works before answering: a key decides the selected row.
      await selectRow(sec, 'SEC-2026-0101');
      await sec.keyboard.press('n');
      await waitForStatus(sec, 'SEC-2026-0101', 'Noted');
      await sec.locator('form.name-bar input').fill('Karen Hughes');
      await sec.locator('form.name-bar input').press('Enter');
      await sec.waitForSelector('form.name-bar', { state: 'detached' });
      const chair = await openView(chairCtx, m.links.chair);
      await chair.waitForSelector('[data-person="Karen Hughes"]');
      // Remembered: a new tab of the same browser does not ask again.
      const again = await openView(freshCtx, m.links.secretary);
      await again.waitForSelector('[data-person="Karen Hughes"]');
      expect(await again.locator('form.name-bar').count()).toBe(0);
    } finally {
      await Promise.all([freshCtx.close(), chairCtx.close()]);
    }
  });

  it('a rotated link says so and stops retrying', async () => {
    const m = await createMeeting(env.ts, boardMeeting());
    const delCtx = await personContext(env.browser, 'A Delegate', { width: 390, height: 844 });
    const secCtx = await personContext(env.browser, 'Karen Secretary');
    try {
      const delegate = await openView(delCtx, m.links.delegate);
      const sec = await openView(secCtx, m.links.secretary);
      const res = await fetch(`${env.ts.url}/api/meetings/${m.id}/tokens/rotate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.ts.adminToken}` },
      });
      expect(res.status).toBe(200);
      const rotated = (await res.json()) as { links: Record<string, string> };
      for (const page of [delegate, sec]) {
        await page.waitForSelector('.closed-notice');
        expect(await page.locator('.closed-message').textContent()).toMatch(/revoked|not valid/i);
      }
      // Reloading the old link (token kept in the tab) still says so, and opens no board.
      await delegate.reload();
      await delegate.waitForSelector('.closed-notice');
      expect(await delegate.locator('[data-tdoc]').count()).toBe(0);
      // The new link works.
      const fresh = await openView(delCtx, rotated.links.delegate);
      await fresh.waitForSelector('[data-tdoc="SEC-2026-0101"]');
    } finally {
      await Promise.all([delCtx.close(), secCtx.close()]);
    }
  });
});
