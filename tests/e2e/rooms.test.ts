/**
 * Issue 16 in Chromium: two rooms live at once. The main room's screen and a breakout's screen (its link
 * from `roomScreens`) side by side; the chair runs the main room, the secretary the breakout, each moving
 * their own room's pointer from the board with the keyboard; the people list says who is in which room;
 * a delegate follows the main room, sees what is live in every room and switches with one tap.
 * Writes docs/screenshots/rooms-two-screens.png, rooms-follow.png and rooms-board.png with PLENARY_SCREENSHOTS=1.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serverAndBrowser } from './serverAndBrowser.js';
import { openPage, openView, personContext, selectRow, waitForText } from './pageHelpers.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { ROOT_DIR } from '../../server/main.js';
import { seriousViolations } from './axeCheck.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';
import { addSession } from '../../shared/document/listOps.js';
import { roomsFromSessions } from '../../shared/document/rooms.js';

const env = serverAndBrowser();
const SHOTS = process.env.PLENARY_SCREENSHOTS === '1' ? join(ROOT_DIR, 'docs', 'screenshots') : null;

/** Plenary in "Kumkang 3" (two sessions, item 6.1), a drafting breakout in "Breakout A" (item 6.5.3). */
function twoRoomMeeting() {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'SA2#162 (e2e)', body: '3GPP', startDate: '2026-03-02', endDate: '2026-03-06', venue: 'Seoul', timezone: 'Asia/Seoul' });
  const plenary = addAgendaItem(doc, { label: '6.1', title: 'Architecture enhancements for 5G' });
  const drafting = addAgendaItem(doc, { label: '6.5.3', title: 'Network slicing, phase 3' });
  for (let i = 1; i <= 3; i++) {
    addContribution(doc, { number: `S2-240310${i}`, title: `Plenary contribution ${i}`, source: 'Nokia', agendaItemId: plenary });
    addContribution(doc, { number: `S2-240311${i}`, title: `Slicing contribution ${i}`, source: 'Ericsson', agendaItemId: drafting });
  }
  addSession(doc, { date: '2026-03-02', start: '09:00', end: '10:30', room: 'Kumkang 3', code: 'S1', title: 'Plenary', agendaItemIds: [plenary] });
  addSession(doc, { date: '2026-03-02', start: '11:00', end: '12:30', room: 'Kumkang 3', code: 'S2', title: 'Plenary', agendaItemIds: [plenary] });
  addSession(doc, { date: '2026-03-02', start: '09:00', end: '10:30', room: 'Breakout A', code: 'D1', title: 'Drafting on slicing', agendaItemIds: [drafting] });
  const json = readMeeting(doc);
  doc.destroy();
  json.rooms = roomsFromSessions(json.sessions, json.live);
  return json;
}

const liveItem = (page: Page, label: string) => page.waitForSelector(`[data-live="true"][data-item="${label}"]`, { timeout: 30_000 });

describe('parallel rooms', () => {
  it('two rooms live at once: two screens, two editors each moving their own room, a delegate switching rooms', async () => {
    const m = (await createMeeting(env.ts, twoRoomMeeting())) as Awaited<ReturnType<typeof createMeeting>> & { roomScreens: Record<string, string> };
    expect(Object.keys(m.roomScreens)).toEqual(['main', 'breakout-a']);
    const chairCtx = await personContext(env.browser, 'Anna Chair');
    const secCtx = await personContext(env.browser, 'Bob Secretary');
    const delCtx = await personContext(env.browser, 'A Delegate', { width: 390, height: 844 });
    const screenCtx = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
    try {
      const mainScreen = await openPage(screenCtx, m.roomScreens.main, '.screen-page');
      const breakoutScreen = await openPage(screenCtx, m.roomScreens['breakout-a'], '.screen-page');
      await mainScreen.waitForSelector('[data-room="Kumkang 3"]');
      await breakoutScreen.waitForSelector('[data-room="Breakout A"]');

      const chair = await openView(chairCtx, m.links.chair);
      const sec = await openView(secCtx, m.links.secretary);
      // The secretary runs the breakout; the chair stays in the main room (the default).
      await sec.locator('select[aria-label="Room you run"]').selectOption('breakout-a');
      expect(await chair.locator('select[aria-label="Room you run"]').inputValue()).toBe('main');
      // The breakout's item picker offers the items of the breakout's sessions first.
      const firstGroup = sec.locator('select[aria-label="Live item in this room"] optgroup').first();
      expect(await firstGroup.getAttribute('label')).toBe('Sessions in Breakout A');
      expect((await firstGroup.locator('option').first().textContent())?.trim()).toMatch(/^6\.5\.3 /);
      // Each editor makes a row of their own room's item live with the keyboard (l).
      await selectRow(chair, 'S2-2403102');
      await chair.keyboard.press('l');
      await selectRow(sec, 'S2-2403113');
      await sec.keyboard.press('l');
      await sec.locator('.banner-input').fill('Drafting until 12:30');
      await sec.locator('.banner-input').press('Enter');

      await liveItem(mainScreen, '6.1');
      await mainScreen.waitForSelector('[data-tdoc="S2-2403102"][data-current="true"]');
      await liveItem(breakoutScreen, '6.5.3');
      await breakoutScreen.waitForSelector('[data-tdoc="S2-2403113"][data-current="true"]');
      await waitForText(breakoutScreen, '[role=status]', 'Drafting until 12:30');
      expect(await mainScreen.locator('.screen-banner').count()).toBe(0);
      // Each board shows its own room's pointer: the chair's live bar is on 6.1, the secretary's on 6.5.3.
      await waitForText(chair, '.livebar .live-tdoc', 'S2-2403102');
      await waitForText(sec, '.livebar .live-tdoc', 'S2-2403113');
      // The chair moves on in the main room; the breakout does not move.
      await chair.keyboard.press('j');
      await chair.keyboard.press('l');
      await mainScreen.waitForSelector('[data-tdoc="S2-2403103"][data-current="true"]');
      expect(await breakoutScreen.locator('[data-tdoc="S2-2403113"][data-current="true"]').count()).toBe(1);
      // The people list says which room each editor runs.
      await chair.waitForSelector('[data-person="Bob Secretary"][data-person-room="Breakout A"]', { timeout: 30_000 });
      await sec.waitForSelector('[data-person="Anna Chair"][data-person-room="Kumkang 3"]', { timeout: 30_000 });

      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        const [left, right] = [await mainScreen.screenshot(), await breakoutScreen.screenshot()];
        const page = await screenCtx.newPage();
        await page.setViewportSize({ width: 2580, height: 740 });
        const img = (b: Buffer) => `<img src="data:image/png;base64,${b.toString('base64')}" style="width:1280px;height:720px;border:1px solid #888">`;
        await page.setContent(`<body style="margin:0;padding:9px;background:#333;display:flex;gap:18px">${img(left)}${img(right)}</body>`);
        await page.screenshot({ path: join(SHOTS, 'rooms-two-screens.png') });
      }

      // A delegate follows the main room by default and sees what is live in every room.
      const delegate = await openView(delCtx, m.links.delegate);
      await liveItem(delegate, '6.1');
      await waitForText(delegate, '[data-room-choice="breakout-a"]', 'Breakout A: 6.5.3, S2-2403113');
      await waitForText(delegate, '[data-room-choice="main"]', 'Kumkang 3: 6.1, S2-2403103');
      // One tap switches; the choice is remembered.
      await delegate.locator('[data-room-choice="breakout-a"]').click();
      await liveItem(delegate, '6.5.3');
      await delegate.waitForSelector('[data-live="true"] [data-tdoc="S2-2403113"][data-current="true"]');
      await waitForText(delegate, '[role=status]', 'Drafting until 12:30');
      // The speaker queue runs in the main room: a breakout's follower is told so, not put in its queue.
      await waitForText(delegate, '[data-floor-elsewhere]', 'Asking for the floor and the show of hands are in Kumkang 3');
      expect(await delegate.locator('[data-action=request-floor]').count()).toBe(0);
      if (SHOTS) {
        await delegate.screenshot({ path: join(SHOTS, 'rooms-follow.png') });
        await sec.screenshot({ path: join(SHOTS, 'rooms-board.png') });
      }
      await delegate.reload();
      await liveItem(delegate, '6.5.3');
      expect(await delegate.locator('[data-live="true"]').count()).toBe(1);
      // The rooms' controls pass axe like the rest of the views.
      expect(await seriousViolations(delegate)).toEqual([]);
      expect(await seriousViolations(sec)).toEqual([]);
      // The secretary's room is remembered in that browser too.
      await sec.reload();
      await sec.waitForSelector('[data-tdoc]');
      expect(await sec.locator('select[aria-label="Room you run"]').inputValue()).toBe('breakout-a');
      // The chair adds a room in the Meeting tab: every board can run it, the delegate can follow it.
      await chair.getByRole('tab', { name: 'Meeting' }).click();
      await chair.locator('input[aria-label="New room"]').fill('Breakout B');
      await chair.locator('[data-action=add-room]').click();
      await sec.waitForSelector('select[aria-label="Room you run"] option[value="breakout-b"]', { state: 'attached' });
      await delegate.waitForSelector('[data-room-choice="breakout-b"]');
      // Removing the secretary's room puts their board back on the main room.
      await chair.locator('[data-room-entry="breakout-a"] button', { hasText: 'Remove' }).click();
      await sec.waitForFunction(() => (document.querySelector('select[aria-label="Room you run"]') as HTMLSelectElement | null)?.value === 'main');
      await liveItem(delegate, '6.1');
      await delegate.waitForSelector('[data-action=request-floor]');
      expect(await delegate.locator('[data-floor-elsewhere]').count()).toBe(0);
    } finally {
      for (const c of [chairCtx, secCtx, delCtx, screenCtx]) await c.close();
    }
  });
});
