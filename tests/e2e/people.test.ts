/**
 * Issue 24 in Chromium: the secretary brings in 30 registered people on the board; three phones on their
 * own links queue and vote under their registered names; a stuffing script with 50 browser ids counts
 * once; the shared link only follows and is refused a vote; one person's link is replaced alone; the
 * attendance exported equals who was connected in the session; the badges print on A4 and Letter.
 * Screenshots go to PLENARY_SHOTS_DIR (or docs/screenshots with PLENARY_SCREENSHOTS=1).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { serverAndBrowser } from './serverAndBrowser.js';
import { boardMeeting, openPage, openView, personContext } from './pageHelpers.js';
import { seriousViolations } from './axeCheck.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { participant } from '../helpers/participationClient.js';
import { call, registrationCsv, tokenOf, type PersonAnswer } from '../helpers/peopleClient.js';
import { ROOT_DIR } from '../../server/main.js';

const env = serverAndBrowser();
const SHOTS = process.env.PLENARY_SCREENSHOTS === '1' ? join(ROOT_DIR, 'docs', 'screenshots') : (process.env.PLENARY_SHOTS_DIR ?? null);
const PHONE = { width: 390, height: 844 };

async function phone(browser: Browser, url: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  return openView(ctx, url);
}

/** The e2e meeting with one session today (UTC) around now, so attendance counts in it. */
function meetingToday() {
  const m = boardMeeting(3);
  const today = new Date().toISOString().slice(0, 10);
  m.meta.timezone = 'UTC';
  m.meta.startDate = today;
  m.meta.endDate = today;
  m.sessions = [{ ...m.sessions[0], date: today, start: '00:00', end: '23:59', code: 'S1' }];
  return m;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name) });
}

const t0 = Date.now();
function step(what: string): void {
  if (process.env.PLENARY_E2E_STEPS) console.log(`[people e2e] ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

describe('registered people in the browser (issue 24)', () => {
  it('G-PEOPLE-11 30 people in from the board; 3 phones queue and vote by name; 50 browser ids count once; the shared link follows only; one link replaced alone; attendance equals who was connected; badges print on A4 and Letter', async () => {
    const m = await createMeeting(env.ts, meetingToday());
    const secCtx = await personContext(env.browser, 'Sec Retary', { width: 1440, height: 900 });
    const sec = await openView(secCtx, m.links.secretary);
    await sec.click('button[role=tab]:has-text("People")');
    await sec.waitForSelector('[data-people-panel]');
    // A portal's list without an attendance column: the phones are asked where they are.
    const list = ['Organisation,Full name,Email', ...Array.from({ length: 30 }, (_, i) => `Org ${i % 7},Delegate ${String(i).padStart(2, '0')},d${i}@org${i % 7}.example`)].join('\n');
    await sec.setInputFiles('[data-field=people-file]', { name: 'registrations.csv', mimeType: 'text/csv', buffer: Buffer.from(list) });
    await sec.waitForSelector('[data-import-summary][data-added="30"]');
    step('imported');
    await sec.waitForFunction(() => document.querySelectorAll('[data-person-row]').length === 30);
    const people = (await call(env.ts, m.id, '/people', m.tokens.secretary)).json as unknown as PersonAnswer[];
    expect(people).toHaveLength(30);
    const [p0, p1, p2] = people;

    const chairCtx = await personContext(env.browser, 'Chair Person', { width: 1440, height: 900 });
    const chair = await openView(chairCtx, m.links.chair);
    const phones = await Promise.all([p0, p1, p2].map((p) => phone(env.browser, p.link)));
    for (const [i, ph] of phones.entries()) await ph.waitForSelector(`[data-person-self="${[p0, p1, p2][i].name}"]`);
    step('phones open');
    await phones[0].click('[data-where=room]');
    await phones[1].click('[data-where=remote]');
    await shot(phones[2], 'people-follow-where.png');
    // The shared link (the screen's QR code) follows but offers no queue or vote.
    const shared = await phone(env.browser, m.links.delegate);
    await shared.waitForSelector('[data-follow-only]');
    expect(await shared.$('[data-action=request-floor]')).toBeNull();

    step('shared follows');
    // Each phone asks for the floor: no name form, the registered name is used.
    for (const [i, ph] of phones.entries()) {
      // Wait until the earlier phones' entries are on this one: an entry arriving moves the buttons.
      await ph.waitForFunction((n) => document.querySelectorAll('[data-queue-entry]').length === n, i);
      await ph.click('[data-action=request-floor]');
      // (the queue's entries carry data-kind too: the button, not an entry)
      await ph.click('button[data-kind=new-topic]');
      await ph.waitForSelector('[data-field=my-place], .floor-error');
      expect(await ph.$eval('.floor-card', (e) => e.querySelector('.floor-error')?.textContent ?? '')).toBe('');
    }
    await chair.waitForFunction((want) => JSON.stringify([...document.querySelectorAll('[data-queue-entry]')].map((e) => e.getAttribute('data-speaker')).sort()) === want, JSON.stringify([p0.name, p1.name, p2.name].sort()));

    step('queued');
    // A show of hands, one per company off: each phone answers once.
    await chair.fill('[data-field=poll-question]', 'Agree to the CR?');
    await chair.click('[data-action=open-poll]');
    for (const [i, ph] of phones.entries()) {
      await ph.waitForSelector('[data-answer=Yes]');
      await ph.click(i === 2 ? '[data-answer=No]' : '[data-answer=Yes]');
      await ph.waitForSelector(`[data-answer=${i === 2 ? 'No' : 'Yes'}][aria-pressed=true]`);
    }
    expect(await shared.$('[data-answer=Yes]')).toBeNull();
    step('voted');
    await shot(phones[0], 'people-follow.png');
    // A stuffing script: 50 browser ids on p0's link; and the shared link's vote is refused.
    const pollId = (await chair.getAttribute('[data-poll]', 'data-poll'))!;
    const stuff = await Promise.all(Array.from({ length: 50 }, () => participant(env.ts.url, m.id, tokenOf(p0.link)).answer(pollId, 'No')));
    expect(stuff.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    expect((await participant(env.ts.url, m.id, m.tokens.delegate).answer(pollId, 'Yes')).status).toBe(403);
    await chair.waitForFunction(() => {
      const yes = Number(document.querySelector('[data-poll] [data-option=Yes]')?.getAttribute('data-count'));
      const no = Number(document.querySelector('[data-poll] [data-option=No]')?.getAttribute('data-count'));
      return yes + no === 3;
    });
    await shot(chair, 'people-board-hands.png');

    step('stuffed');
    // The secretary replaces p1's link: only p1's phone is told, the others stay.
    sec.once('dialog', (d) => void d.accept());
    await sec.click(`[data-person-row="${p1.id}"] [data-action=rotate-link]`);
    await sec.waitForSelector(`[data-new-link="${p1.id}"]`);
    await phones[1].waitForSelector('[data-closed]');
    expect(await phones[1].textContent('.closed-message')).toBe('This link was replaced; ask the secretary.');
    await shot(phones[1], 'people-follow-replaced.png');
    await phones[0].click('[data-action=withdraw-floor]');
    await chair.waitForFunction(() => document.querySelectorAll('[data-queue-entry]').length === 2);
    expect(await phones[2].$('[data-closed]')).toBeNull();
    expect(await shared.$('[data-closed]')).toBeNull();

    step('rotated');
    // Attendance: exactly the three who were connected with their own links, in S1, where they said.
    const csv = (await call(env.ts, m.id, '/attendance.csv', m.tokens.secretary)).text.trim().split('\r\n').map((l) => l.split(','));
    expect(csv[0]).toEqual(['name', 'organisation', 'email', 'session', 'date', 'first_seen', 'last_seen', 'where']);
    expect(csv.slice(1).map((r) => [r[0], r[3], r[7]]).sort()).toEqual(
      [
        [p0.name, 'S1', 'room'],
        [p1.name, 'S1', 'remote'],
        [p2.name, 'S1', p2.where === 'room' ? 'room' : 'remote'],
      ].sort(),
    );
    await sec.reload();
    await sec.click('button[role=tab]:has-text("People")');
    await sec.waitForSelector('[data-attendance-session][data-room="1"]');
    expect(await sec.getAttribute('[data-attendance-session]', 'data-remote')).toBe('2');
    await shot(sec, 'people-board.png');
    const axe = await seriousViolations(sec);
    expect(axe).toEqual([]);
    expect(await seriousViolations(phones[0])).toEqual([]);

    step('attendance');
    // Badges: 30, twelve to a page, on A4 and on Letter alike (3 pages each), none split.
    await sec.click('[data-action=print-badges]');
    await sec.waitForFunction(() => document.querySelectorAll('[data-badge] img.qr').length === 30);
    await shot(sec, 'people-badges.png');
    await sec.emulateMedia({ media: 'print' });
    for (const format of ['A4', 'Letter'] as const) expect(pdfPages(await sec.pdf({ format, preferCSSPageSize: false }))).toBe(3);
    await sec.emulateMedia({ media: 'screen' });
  }, 300_000);

  it('G-PEOPLE-12 the admin page shows a meeting\'s people with the admin token', async () => {
    const m = await createMeeting(env.ts, meetingToday());
    await call(env.ts, m.id, '/people', m.tokens.secretary, { body: registrationCsv(4), type: 'text/csv' });
    const ctx = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await ctx.addInitScript((t: string) => sessionStorage.setItem('plenary:admin:token', t), env.ts.adminToken);
    const admin = await openPage(ctx, `${env.ts.url}/`, `[data-meeting="${m.id}"]`);
    await admin.click(`[data-meeting="${m.id}"] [data-action=people]`);
    await admin.waitForFunction(() => document.querySelectorAll('[data-person-row]').length === 4);
    expect(await seriousViolations(admin)).toEqual([]);
  });
});
