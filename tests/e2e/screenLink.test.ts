/**
 * Issue 25 in Chromium: the room screens' QR code after the delegates' link is replaced. A meeting with two
 * rooms; the admin page shows each room's screen link (`[data-link=screen][data-room=ID]`, copy, QR, open);
 * both rooms' screens are open at 1920×1080; the admin replaces the delegates' link, is asked first with
 * what changes and what happens to the pages open now, and is told after; both screens' QR codes hold the
 * new link without a reload (the QR image decoded against the link), and so does a screen reopened from its
 * old link. axe over the admin page with the confirmation and over a screen.
 * Writes docs/screenshots/admin-replace-links.png and screen-new-link.png with PLENARY_SCREENSHOTS=1.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serverAndBrowser } from './serverAndBrowser.js';
import { openPage } from './pageHelpers.js';
import { seriousViolations } from './axeCheck.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { ROOT_DIR } from '../../server/main.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';
import { addSession } from '../../shared/document/listOps.js';
import { roomsFromSessions } from '../../shared/document/rooms.js';

const env = serverAndBrowser();
const SHOTS = process.env.PLENARY_SCREENSHOTS === '1' ? join(ROOT_DIR, 'docs', 'screenshots') : null;

function twoRooms() {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'SA2#162 (links e2e)', body: '3GPP', startDate: '2026-03-02', endDate: '2026-03-06', venue: 'Seoul', timezone: 'Asia/Seoul' });
  const a = addAgendaItem(doc, { label: '6.1', title: 'Architecture enhancements for 5G' });
  const b = addAgendaItem(doc, { label: '6.5.3', title: 'Network slicing, phase 3' });
  addContribution(doc, { number: 'S2-2403101', title: 'Plenary contribution', source: 'Nokia', agendaItemId: a });
  addContribution(doc, { number: 'S2-2403111', title: 'Slicing contribution', source: 'Ericsson', agendaItemId: b });
  addSession(doc, { date: '2026-03-02', start: '09:00', end: '10:30', room: 'Kumkang 3', code: 'S1', title: 'Plenary', agendaItemIds: [a] });
  addSession(doc, { date: '2026-03-02', start: '11:00', end: '12:30', room: 'Kumkang 3', code: 'S2', title: 'Plenary', agendaItemIds: [a] });
  addSession(doc, { date: '2026-03-02', start: '09:00', end: '10:30', room: 'Breakout A', code: 'D1', title: 'Drafting', agendaItemIds: [b] });
  const json = readMeeting(doc);
  doc.destroy();
  json.rooms = roomsFromSessions(json.sessions, json.live);
  return json;
}

/**
 * True when the screen's QR image encodes `text`: the image is read back in the page (a canvas at its natural
 * size) and every module's centre compared with the modules the qrcode package computes for `text` with the
 * page's settings (margin 1, error correction M).
 */
async function qrHolds(page: Page, text: string): Promise<boolean> {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const expected = Array.from({ length: n * n }, (_, i) => (qr.modules.data[i] ? 1 : 0));
  return page.evaluate(
    ({ n, expected }) => {
      const img = document.querySelector('[data-follow-link] img.qr') as HTMLImageElement | null;
      if (!img || !img.complete || !img.naturalWidth) return false;
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const scale = img.naturalWidth / (n + 2);
      const px = g.getImageData(0, 0, c.width, c.height).data;
      for (let r = 0; r < n; r++) {
        for (let col = 0; col < n; col++) {
          const x = Math.floor((col + 1.5) * scale);
          const y = Math.floor((r + 1.5) * scale);
          const dark = px[(y * c.width + x) * 4] < 128 ? 1 : 0;
          if (dark !== expected[r * n + col]) return false;
        }
      }
      return true;
    },
    { n, expected },
  );
}

async function waitForQr(page: Page, text: string): Promise<void> {
  await page.waitForFunction((t) => document.querySelector('[data-follow-link]')?.getAttribute('data-follow-link') === t, text, { timeout: 30_000 });
  const deadline = Date.now() + 30_000;
  while (!(await qrHolds(page, text))) {
    if (Date.now() > deadline) throw new Error(`the screen's QR code does not hold ${text}`);
    await page.waitForFunction(() => (document.querySelector('[data-follow-link] img.qr') as HTMLImageElement | null)?.complete, null, { timeout: 30_000 });
  }
}

describe('the room screens after the delegates\' link is replaced', () => {
  it('G-LINK-4: the admin page lists every room\'s screen link, asks before replacing the delegates\' link and says what changed; both screens\' QR codes change without a reload', async () => {
    const m = (await createMeeting(env.ts, twoRooms())) as Awaited<ReturnType<typeof createMeeting>> & { roomScreens: Record<string, string> };
    const adminCtx = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const screenCtx = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const admin = await adminCtx.newPage();
      admin.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
      await admin.goto(`${env.ts.url}/`);
      await admin.getByLabel('Admin token').fill(env.ts.adminToken);
      await admin.getByRole('button', { name: 'Open' }).click();
      const row = admin.locator(`[data-meeting="${m.id}"]`);
      await row.getByRole('button', { name: 'Links' }).click();
      // Each room's screen link, with copy, QR and open.
      const mainCard = row.locator('[data-link=screen][data-room=main]');
      const breakoutCard = row.locator('[data-link=screen][data-room=breakout-a]');
      expect(await mainCard.locator('input').inputValue()).toBe(m.roomScreens.main);
      expect(await breakoutCard.locator('input').inputValue()).toBe(m.roomScreens['breakout-a']);
      expect(await breakoutCard.textContent()).toContain('Breakout A');
      await breakoutCard.getByRole('button', { name: 'QR code' }).click();
      await breakoutCard.locator('img.qr').waitFor();
      expect(await breakoutCard.getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(m.roomScreens['breakout-a']);

      // Both rooms' screens, from the links the admin page shows.
      const screens = [await openPage(screenCtx, m.roomScreens.main, '[data-room="Kumkang 3"]'), await openPage(screenCtx, m.roomScreens['breakout-a'], '[data-room="Breakout A"]')];
      for (const s of screens) await waitForQr(s, m.links.delegate);
      await admin.waitForFunction((mid) => /2 screen/.test(document.querySelector(`[data-meeting="${mid}"] [data-field=connected]`)?.textContent ?? ''), m.id, { timeout: 30_000 });

      // Replace the delegates' link: asked first, with what changes and what happens to the open pages.
      await row.getByLabel('New links for').selectOption('delegate');
      await row.locator('[data-action=rotate]').click();
      const confirm = row.locator('[data-rotate-confirm]');
      await confirm.waitFor();
      expect(await confirm.locator('[data-rotate-changes]').textContent()).toMatch(/delegates' link, and with it the QR code on every room screen/);
      expect(await confirm.locator('[data-rotate-pages]').textContent()).toMatch(/2 room screens open now stay connected and show the new QR code/);
      expect(await confirm.locator('[data-rotate-unchanged]').textContent()).toMatch(/chair's link; the secretary's link; every room's screen link/);
      expect(await seriousViolations(admin)).toEqual([]);
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        await admin.screenshot({ path: join(SHOTS, 'admin-replace-links.png') });
      }
      // Nothing changed yet: the old link still works until the admin confirms.
      expect(await row.getByLabel('Delegates link').inputValue()).toBe(m.links.delegate);
      await confirm.locator('[data-action=confirm-rotate]').click();
      const result = row.locator('[data-rotate-result]');
      await result.waitFor();
      expect(await result.textContent()).toMatch(/Replaced: the delegates' link.*The open room screens show the new QR code by themselves\. Unchanged: the chair's link; the secretary's link; and every room's screen link/);
      await admin.waitForFunction(
        ([mid, old]) => (document.querySelector(`[data-meeting="${mid}"] [data-role=delegate] input`) as HTMLInputElement | null)?.value !== old,
        [m.id, m.links.delegate] as const,
      );
      const fresh = await row.getByLabel('Delegates link').inputValue();
      expect(fresh).toContain(`/m/${m.id}/delegate-follow?token=`);

      // Both screens hold the new link in their QR code, without a reload, still connected.
      for (const s of screens) {
        await waitForQr(s, fresh);
        // The check reads the image: the old link no longer matches it.
        expect(await qrHolds(s, m.links.delegate)).toBe(false);
        expect(await s.locator('.closed-notice').count()).toBe(0);
        expect(await s.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
      }
      expect(await seriousViolations(screens[0])).toEqual([]);
      if (SHOTS) await screens[1].screenshot({ path: join(SHOTS, 'screen-new-link.png') });
      // A screen opened again from its old link (the one on the projector's laptop) shows the new QR code too.
      const again = await openPage(screenCtx, m.roomScreens['breakout-a'], '[data-room="Breakout A"]');
      await waitForQr(again, fresh);
    } finally {
      await adminCtx.close();
      await screenCtx.close();
    }
  });
});
