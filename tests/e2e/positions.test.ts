/**
 * Issue 26 in Chromium, against a real server: organisations' positions recorded on the board with the
 * secretary's quick entry, the row's tally on the chair's board, the live Tdoc's positions on the room's
 * screen and a phone; a revision carries them; an e-mail approval round opened from the board's tab and
 * one with a deadline a few seconds ahead, moved by an objection, continued on a revision, across a
 * server restart, found ready at the deadline by the server, approved by the chair with one action.
 * (Positions from phones on personal links come with registered people, issue 24.)
 * With PLENARY_SCREENSHOTS=1 it writes docs/screenshots/positions-board.png, approvals-board.png,
 * positions-screen.png and approvals-follow.png.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { seriousViolations } from './axeCheck.js';
import { boardMeeting, openView, personContext, selectRow, waitForStatus } from './pageHelpers.js';
import { createMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { ROOT_DIR } from '../../server/main.js';

const SHOTS = process.env.PLENARY_SCREENSHOTS === '1' ? join(ROOT_DIR, 'docs', 'screenshots') : null;
let ts: TestServer;
let browser: Browser;

/** A free loopback port, so that the restarted server answers where the pages reconnect. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  ts = await startTestServer({ port: await freePort(), approvalPollMs: 500 }, (f) => afterAll(f));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function record(page: Page, line: string): Promise<void> {
  await page.fill('[data-field=position-entry]', line);
  await page.press('[data-field=position-entry]', 'Enter');
}

const position = (org: string, stance: string) => `[data-position][data-organisation="${org}"][data-stance="${stance}"]`;

describe('positions and e-mail approval in the browser', () => {
  it('G-POS-8: positions from the board reach the chair, the screen and a phone; a revision carries them; a round runs to the chair\'s approval across a restart', async () => {
    const m = await createMeeting(ts, boardMeeting(3));
    const secretary = await openView(await personContext(browser, 'Sam Secretary', { width: 1440, height: 900 }), m.links.secretary);
    const chair = await openView(await personContext(browser, 'Cleo Chair', { width: 1440, height: 900 }), m.links.chair);
    const screen = await openView(await browser.newContext({ viewport: { width: 1920, height: 1080 } }), m.links.screen);
    const phone = await openView(await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }), m.links.delegate);

    // Four organisations' positions, recorded by the secretary as the room states them.
    await selectRow(secretary, 'SEC-2026-0101');
    for (const line of ['Ericsson objects: needs study', 'Nokia supports', 'Huawei has concerns - wording of 5.2', 'Apple supports']) await record(secretary, line);
    await secretary.waitForSelector(position('Ericsson', 'object'));
    expect(await secretary.locator('.positions-panel [data-position]').count()).toBe(4);
    await chair.waitForSelector('[data-tdoc="SEC-2026-0101"] [data-tally="2 support · 1 object · 1 concern"]');
    // The live Tdoc's positions on the screen and the phone.
    await secretary.click('button:has-text("Set live")');
    await screen.waitForSelector(`.screen-positions ${position('Huawei', 'concern')}`);
    await phone.locator('[data-tdoc="SEC-2026-0101"]').first().click();
    await phone.waitForSelector(`.follow-positions ${position('Nokia', 'support')}`);
    if (SHOTS) {
      await secretary.screenshot({ path: join(SHOTS, 'positions-board.png') });
      await screen.screenshot({ path: join(SHOTS, 'positions-screen.png') });
    }

    // A revision shows them, marked as stated on the earlier Tdoc, until restated.
    await secretary.click('button:has-text("Revise")');
    await secretary.waitForSelector('[data-tdoc="SEC-2026-0101R01"].selected');
    await secretary.waitForSelector(`.positions-panel ${position('Ericsson', 'object')}[data-carried=true]`);
    await record(secretary, 'Ericsson supports: fine with the revision');
    await secretary.waitForSelector(`.positions-panel ${position('Ericsson', 'support')}:not([data-carried])`);
    expect(await secretary.locator('.positions-panel [data-carried=true]').count()).toBe(3);

    // A round opened from the board's tab (deadline tomorrow), and one a few seconds ahead through the API.
    await chair.click('role=tab[name="E-mail approval"]');
    await chair.fill('[data-field=round-tdocs]', 'SEC-2026-0103');
    await chair.click('[data-action=open-round]');
    await chair.waitForSelector('.round-card[data-state=open]');
    const deadline = new Date(Date.now() + 12_000).toISOString();
    const opened = await fetch(`${ts.url}/api/meetings/${m.id}/approvals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${m.tokens.chair}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tdocs: ['SEC-2026-0102'], deadline }),
    });
    expect(opened.status).toBe(201);
    const { id } = (await opened.json()) as { id: string };
    const round = `[data-approval="${id}"]`;
    await chair.waitForSelector(`.round-card${round}[data-state=open][data-deadline="${new Date(deadline).toISOString()}"]`);

    // An objection moves it; a revision continues it.
    await selectRow(secretary, 'SEC-2026-0102');
    await record(secretary, 'Qualcomm objects: typo in the figure');
    await chair.waitForSelector(`.round-card${round}[data-state=objection]`);
    await secretary.waitForSelector(`[data-tdoc="SEC-2026-0102"] ${round}[data-state=objection]`);
    await secretary.click('button:has-text("Revise")');
    await chair.waitForSelector(`.round-card${round}[data-state=revised]`);

    // The server restarts before the deadline; nothing changes, and its clock still finds the round ready.
    await ts.stop();
    ts = await ts.restart();
    await chair.waitForSelector(`.round-card${round}[data-state=revised][data-ready=true]`, { timeout: 60_000 });
    await phone.waitForSelector(`.follow-approvals ${round}`);
    if (SHOTS) {
      await chair.screenshot({ path: join(SHOTS, 'approvals-board.png') });
      await phone.screenshot({ path: join(SHOTS, 'approvals-follow.png') });
    }
    expect(await seriousViolations(chair)).toEqual([]);
    expect(await seriousViolations(phone)).toEqual([]);

    // The chair approves with one action: the round and the revision are approved everywhere.
    await chair.click(`.round-card${round} [data-action=approve-round]`);
    await chair.waitForSelector(`.round-card${round}[data-state=approved]`);
    await waitForStatus(secretary, 'SEC-2026-0102R01', 'Approved');
    const rounds = (await (await fetch(`${ts.url}/api/meetings/${m.id}/approvals`, { headers: { authorization: `Bearer ${m.tokens.delegate}` } })).json()) as { id: string; state: string; tdocs: string[] }[];
    expect(rounds.find((r) => r.id === id)).toMatchObject({ state: 'approved', tdocs: ['SEC-2026-0102R01'] });
  }, 240_000);
});
