/**
 * Issue 16 in Chromium: planned against spent on the board after the live pointer moved across items (the
 * server's clock is simulated: it runs with real time plus a skew the test moves forward), the chair's
 * conclusion on the screen and under the item in the follow view, and a break countdown on the screen and
 * the follow view that clears itself. With PLENARY_SCREENSHOTS=1 it also writes docs/screenshots/board-time.png, screen-conclusion.png
 * and screen-break.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import * as Y from 'yjs';
import { launchBrowser } from './browser.js';
import { seriousViolations } from './axeCheck.js';
import { openView, personContext, waitForText } from './pageHelpers.js';
import { createMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { ROOT_DIR } from '../../server/main.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setLive, setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';
import { addSession } from '../../shared/document/listOps.js';
import { readBreak, readRunning, startBreak, storedSpent } from '../../shared/time/meetingClock.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

const SHOTS = process.env.PLENARY_SCREENSHOTS === '1' ? join(ROOT_DIR, 'docs', 'screenshots') : null;
/** 09:05 UTC on the meeting's first day: inside session S1 (09:00-10:30). */
const T0 = Date.UTC(2026, 2, 2, 9, 5);
let skew = 0;
let ts: TestServer;
let browser: Browser;

beforeAll(async () => {
  skew = T0 - Date.now();
  ts = await startTestServer({ clock: () => Date.now() + skew }, (f) => afterAll(f));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function timedMeeting(): MeetingJson {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'SEC 99 (clock)', startDate: '2026-03-02', endDate: '2026-03-06', venue: 'Kumkang 3', timezone: 'UTC' });
  const items = [
    addAgendaItem(doc, { label: '5.1', title: 'Work programme', duration: '10 min' }),
    addAgendaItem(doc, { label: '5.2', title: 'Enhancements to TS-0003', duration: '5 min' }),
    addAgendaItem(doc, { label: '5.3', title: 'Liaisons' }),
  ];
  items.forEach((item, i) => addContribution(doc, { number: `SEC-2026-00${i + 1}1`, title: `Contribution ${i + 1}`, source: 'ETSI', agendaItemId: item }));
  addSession(doc, { date: '2026-03-02', start: '09:00', end: '10:30', room: 'Kumkang 3', code: 'S1', title: 'Morning', agendaItemIds: items });
  const json = readMeeting(doc);
  doc.destroy();
  return json;
}

const idOf = (doc: Y.Doc, label: string) => readMeeting(doc).agenda.find((a) => a.label === label)!.id;
const rowText = (page: Page, label: string) => page.locator(`[data-testid=time-items] tr[data-item="${label}"]`).innerText();

describe('the clock in the browser', () => {
  it('shows planned against spent after the live pointer moved across items, and the conclusion on the screen', async () => {
    const m = await createMeeting(ts, timedMeeting());
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    setLive(chair.doc, { agendaItemId: idOf(chair.doc, '5.1') });
    await waitFor(() => readRunning(chair.doc).has(idOf(chair.doc, '5.1')));
    skew += 14 * 60_000;
    setLive(chair.doc, { agendaItemId: idOf(chair.doc, '5.2') });
    await waitFor(() => storedSpent(chair.doc, idOf(chair.doc, '5.1')) >= 14 * 60);

    const ctx = await personContext(browser, 'The Chair');
    const board = await openView(ctx, m.links.chair);
    await waitForText(board, '[data-testid=time-glance]', 'left on 5.2');
    expect(await board.locator('[data-testid=time-glance]').innerText()).toContain('1 item left in this session');
    await board.getByRole('tab', { name: 'Time' }).click();
    await board.waitForSelector('[data-testid=time-items] tr[data-item="5.1"]');
    const r51 = await rowText(board, '5.1');
    expect(r51).toContain('10 min');
    expect(r51).toContain('14 min');
    expect(r51).toContain('4 min over');
    expect(await board.locator('[data-testid=time-current]').innerText()).toMatch(/ends at 10:30/);
    // 5.3 has no duration: its share of the session (90 min less the 15 written) is planned.
    expect(await rowText(board, '5.3')).toContain('1 h 15');

    // The chair moves the live pointer on the board itself: 5.2's time goes to the server's count.
    await board.getByRole('tab', { name: 'Agenda' }).click();
    await board.locator('[data-item="5.3"] .title').dispatchEvent('mousedown');
    await board.getByRole('button', { name: /Set live/ }).click();
    await waitFor(() => readRunning(chair.doc).has(idOf(chair.doc, '5.3')));
    expect(readRunning(chair.doc).has(idOf(chair.doc, '5.2'))).toBe(false);

    // The conclusion typed on the board: on the screen while live, under the item in the follow view.
    await board.locator('#conclusion-editor').click();
    await board.keyboard.type('LS out to SA2 agreed');
    const screenCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const screen = await openView(screenCtx, m.links.screen);
    await waitForText(screen, '[data-conclusion]', 'LS out to SA2 agreed');
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const follow = await openView(phone, m.links.delegate);
    await waitForText(follow, '.live-card [data-conclusion]', 'LS out to SA2 agreed');
    expect(await screen.locator('[data-testid=session-end]').innerText()).toBe('Session ends 10:30');
    if (SHOTS) await screen.screenshot({ path: join(SHOTS, 'screen-conclusion.png') });

    await board.getByRole('tab', { name: 'Time' }).click();
    await waitForText(board, '[data-testid=time-items] tr.running', '5.3');
    // The time view, the glance line, the conclusion on the screen and the follow view pass axe too.
    for (const page of [board, screen, follow]) expect(await seriousViolations(page)).toEqual([]);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await board.screenshot({ path: join(SHOTS, 'board-time.png') });
    }
    await Promise.all([ctx.close(), screenCtx.close(), phone.close()]);
    chair.destroy();
  });

  it('counts a break down on the screen and the follow view, and clears it once over', async () => {
    const m = await createMeeting(ts, timedMeeting());
    const ctx = await personContext(browser, 'The Chair');
    const board = await openView(ctx, m.links.chair);
    const screenCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const screen = await openView(screenCtx, m.links.screen);
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const follow = await openView(phone, m.links.delegate);

    // From the board: "Coffee" for 15 minutes, then ended by hand.
    await board.getByRole('tab', { name: 'Time' }).click();
    await board.getByLabel('Break until').fill('15 min');
    await board.getByRole('button', { name: 'Start countdown' }).click();
    await waitForText(screen, '[data-testid=break-countdown]', 'Coffee until');
    await waitForText(follow, '[data-testid=break-countdown]', 'Coffee until');
    expect(await screen.locator('[data-testid=break-countdown] .break-left').innerText()).toMatch(/^1[45]:\d\d$/);
    if (SHOTS) await screen.screenshot({ path: join(SHOTS, 'screen-break.png') });
    await board.getByRole('button', { name: 'End break' }).click();
    await screen.waitForSelector('[data-testid=break-countdown]', { state: 'detached' });

    // A short one runs out by itself: gone from both views, and the server removes the stored countdown.
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    startBreak(chair.doc, 'Tea', Date.now() + skew + 3_000);
    await waitForText(screen, '[data-testid=break-countdown]', 'Tea until');
    await waitForText(follow, '[data-testid=break-countdown]', 'Tea until');
    await screen.waitForSelector('[data-testid=break-countdown]', { state: 'detached', timeout: 15_000 });
    await follow.waitForSelector('[data-testid=break-countdown]', { state: 'detached', timeout: 15_000 });
    await waitFor(() => readBreak(chair.doc) === null, { timeoutMs: 15_000 });
    chair.destroy();
    await Promise.all([ctx.close(), screenCtx.close(), phone.close()]);
  });
});
