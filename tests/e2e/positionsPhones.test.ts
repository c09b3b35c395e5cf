/**
 * Issues 24 and 26 together in Chromium, against a real server: four organisations' registered people
 * state their positions from phones (390×844) on their own links with the follow view's stance buttons;
 * the chair's board shows the Tdoc's tally of the four, and the room's screen the live Tdoc's stances.
 * One Chromium, each page in its own context. Screenshots go to PLENARY_SHOTS_DIR (or docs/screenshots
 * with PLENARY_SCREENSHOTS=1).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { serverAndBrowser } from './serverAndBrowser.js';
import { boardMeeting, openView, personContext, selectRow } from './pageHelpers.js';
import { seriousViolations } from './axeCheck.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { importPeople } from '../helpers/peopleClient.js';
import { ROOT_DIR } from '../../server/main.js';

const env = serverAndBrowser();
const SHOTS = process.env.PLENARY_SCREENSHOTS === '1' ? join(ROOT_DIR, 'docs', 'screenshots') : (process.env.PLENARY_SHOTS_DIR ?? null);
const TDOC = 'SEC-2026-0101';

/** One delegate per organisation, and the stance each states. */
const DELEGATES = [
  { name: 'Anna Berg', organisation: 'Ericsson', email: 'anna.berg@ericsson.com', where: 'On-site', stance: 'object' },
  { name: 'Nina Korhonen', organisation: 'Nokia', email: 'nina.korhonen@nokia.com', where: 'Remote', stance: 'support' },
  { name: 'Li Wei', organisation: 'Huawei', email: 'li.wei@huawei.com', where: 'Remote', stance: 'concern' },
  { name: 'Quinn Adams', organisation: 'Qualcomm', email: 'quinn.adams@qualcomm.com', where: 'On-site', stance: 'support' },
] as const;

async function phone(browser: Browser, url: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  return openView(ctx, url);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name) });
}

const position = (org: string, stance: string) => `[data-position][data-organisation="${org}"][data-stance="${stance}"]`;

describe('positions from phones on registered people\'s own links', () => {
  it("G-POS-11: four organisations state positions from phones with the stance buttons; the chair's board shows the tally of the four, the screen the live Tdoc's stances", async () => {
    const m = await createMeeting(env.ts, boardMeeting(3));
    const csv = ['Name;Company;E-mail;Attendance', ...DELEGATES.map((d) => `${d.name};${d.organisation};${d.email};${d.where}`)].join('\n');
    const { people } = await importPeople(env.ts, m.id, m.tokens.secretary, csv);
    expect(people).toHaveLength(4);

    const chair = await openView(await personContext(env.browser, 'Cleo Chair', { width: 1440, height: 900 }), m.links.chair);
    const screen = await openView(await env.browser.newContext({ viewport: { width: 1920, height: 1080 } }), m.links.screen);
    // The chair puts the Tdoc live: the screen shows it (no positions yet).
    await selectRow(chair, TDOC);
    await chair.click('button:has-text("Set live")');
    await screen.waitForSelector(`.screen-row[data-tdoc="${TDOC}"][data-current=true]`);

    const phones = await Promise.all(DELEGATES.map((d) => phone(env.browser, people.find((p) => p.name === d.name)!.link)));
    for (const [i, d] of DELEGATES.entries()) {
      const ph = phones[i];
      await ph.waitForSelector(`[data-person-self="${d.name}"]`);
      await ph.locator(`[data-tdoc="${TDOC}"]`).first().click();
      // The buttons appear once the page knows (GET /identity) that its link names a person of an organisation.
      await ph.locator(`[data-tdoc="${TDOC}"] [data-stance-button=${d.stance}]`).first().click();
      await ph.waitForSelector(`.follow-positions ${position(d.organisation, d.stance)}`);
      await ph.waitForSelector(`.my-position [role=status]:has-text("${d.organisation}")`);
    }

    // The chair's row tally, the board's panel of the selected Tdoc and the screen: the four organisations.
    const tally = '2 support · 1 object · 1 concern';
    await chair.waitForSelector(`[data-tdoc="${TDOC}"] [data-tally="${tally}"]`);
    for (const d of DELEGATES) await chair.waitForSelector(`.positions-panel ${position(d.organisation, d.stance)}`);
    expect(await chair.locator('.positions-panel [data-position]').count()).toBe(4);
    await screen.waitForSelector(`.screen-positions[data-tally="${tally}"]`);
    for (const d of DELEGATES) await screen.waitForSelector(`.screen-positions ${position(d.organisation, d.stance)}`);
    // Every phone sees every organisation's stance, its own among them.
    for (const ph of phones) await ph.waitForFunction((n) => document.querySelectorAll('.follow-positions [data-position]').length === n, DELEGATES.length);
    await shot(phones[0], 'positions-phone.png');
    await shot(screen, 'positions-phones-screen.png');

    // Stated from a phone: recorded under the person's registered name, not on anyone's behalf.
    const listed = (await (await fetch(`${env.ts.url}/api/meetings/${m.id}/positions?tdoc=${TDOC}`, { headers: { authorization: `Bearer ${m.tokens.delegate}` } })).json()) as { organisation: string; by: string }[];
    expect(listed.map((p) => `${p.organisation}/${p.by}`).sort()).toEqual(DELEGATES.map((d) => `${d.organisation}/${d.name}`).sort());
    expect(await seriousViolations(phones[0])).toEqual([]);
  }, 180_000);
});
