/**
 * Writes the README screenshots (docs/screenshots/*.png) from the demo meeting: starts a server on a temp
 * folder, plays a few minutes of a session through the secretary's keyboard, and photographs the three
 * views; then the admin page, the summary of a newer Tdoc list brought into a 3GPP meeting, and the screen
 * on a 3GPP Tdoc with a long title. Run: npx vite build && npx tsx tests/e2e/takeScreenshots.ts
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, startServer } from '../../server/main.js';
import { launchBrowser } from './browser.js';
import * as Y from 'yjs';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

/**
 * The screen's link with its QR code pointing at a room's LAN address, as `npm start -- --lan` hands it
 * out (the server here listens on 127.0.0.1, which the screen would rightly flag).
 */
function lanScreenLink(link: string): string {
  const [base, follow] = link.split('&follow=');
  const delegate = new URL(decodeURIComponent(follow));
  return `${base}&follow=${encodeURIComponent(`http://192.168.1.20:8080${delegate.pathname}${delegate.search}`)}`;
}

/** A slice of a 3GPP RAN plenary's Tdoc list (titles as long as the portal's). */
function ranList(changed: boolean): MeetingJson {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'RAN#110', body: '3GPP', venue: 'Baltimore', startDate: '2025-12-08', endDate: '2025-12-11', timezone: 'America/New_York' });
  const item = addAgendaItem(doc, { label: '9.1.2', title: 'Rel-19 NR network-controlled repeaters and NR support for UAV (uncrewed aerial vehicles) enhancements' });
  const rows: [string, string, string][] = [
    ['RP-252972', 'Status report for WI: NR network-controlled repeaters enhancements; rapporteur: ZTE', 'ZTE'],
    ['RP-252973', changed ? 'Revised WID: NR support for UAV enhancements (endorsed in RAN1, with the updated objectives)' : 'Revised WID: NR support for UAV enhancements', 'Nokia'],
    ['RP-252974', 'Discussion on the remaining open issues for the support of network-controlled repeaters and the corresponding RAN4 core requirements, including UE-specific beam indication', 'Ericsson, Nokia'],
    ['RP-252975', 'Summary of email discussion on UAV height-dependent measurement reporting', 'Qualcomm'],
  ];
  if (!changed) rows.push(['RP-252976', 'Views on the Rel-20 scope of network-controlled repeaters', 'Huawei, HiSilicon']);
  if (changed) rows.push(['RP-253795', 'Revised WID: NR network-controlled repeaters enhancements (revision of RP-252972)', 'ZTE'], ['RP-253801', 'LS on UAV identification to SA2', 'RAN2']);
  for (const [number, title, source] of rows) addContribution(doc, { number, title, source, agendaItemId: item });
  const json = readMeeting(doc);
  doc.destroy();
  return json;
}

const out = join(process.cwd(), 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'plenary-shots-'));
const server = await startServer({ ...configFromEnv({}), port: 0, dataDir, logLevel: 'warn', demo: true });
const browser = await launchBrowser();
try {
  const demo = server.demo;
  if (!demo) throw new Error(`no demo meeting: ${server.demoError}`);
  const editor = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await editor.addInitScript(() => localStorage.setItem('plenary:name', 'Karen Hughes'));
  const chairCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await chairCtx.addInitScript(() => localStorage.setItem('plenary:name', 'Francois Ennesser'));
  const sec = await editor.newPage();
  await sec.goto(demo.links.secretary);
  await sec.waitForSelector('[data-tdoc]');
  const chair = await chairCtx.newPage();
  await chair.goto(demo.links.chair);
  await chair.waitForSelector('[data-tdoc]');

  // Session S2 is on, item 5.2: two decisions, a revision, notes, the room on the third contribution.
  await sec.getByLabel('Current session').selectOption({ label: 'S2 · 05-17 · 08:30–10:00 · SEC Session S2' });
  const rows = sec.locator('[data-item="5.2"] .title');
  await rows.first().click();
  await sec.keyboard.press('l');
  await sec.keyboard.press('j');
  await sec.keyboard.press('a');
  await sec.keyboard.press('j');
  await sec.keyboard.press('n');
  await sec.keyboard.press('j');
  await sec.keyboard.press('r');
  await sec.keyboard.press('j');
  await sec.keyboard.press('l');
  await sec.keyboard.press('Enter');
  await sec.keyboard.press('Control+End');
  await sec.keyboard.type(' Chair: fine with the revision if Qualcomm updates clause 8.4.');
  await sec.keyboard.press('Escape');
  await chair.locator('[data-tdoc="SEC-2016-0091"] .title').click();
  await sec.locator('.banner-input').fill('Coffee break until 10:30');
  await sec.locator('.banner-input').press('Enter');
  await sec.locator('[data-tdoc="SEC-2016-0092"] .title').click();
  await sec.waitForSelector('[data-tdoc="SEC-2016-0091"] .peer-dot');
  await sec.screenshot({ path: join(out, 'board.png') });

  const screenCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const screen = await screenCtx.newPage();
  await screen.goto(lanScreenLink(demo.links.screen));
  await screen.waitForSelector('img.qr');
  await screen.screenshot({ path: join(out, 'screen.png') });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const follow = await phone.newPage();
  await follow.goto(demo.links.delegate);
  await follow.waitForSelector('[data-live="true"] [data-tdoc]');
  await follow.screenshot({ path: join(out, 'follow.png') });

  // The admin page: the meetings and one meeting's links with the delegates' QR code.
  const ran = (await (
    await fetch(`${server.url}/api/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(ranList(false)),
    })
  ).json()) as { id: string; links: Record<string, string>; tokens: Record<string, string> };
  const adminCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const admin = await adminCtx.newPage();
  await admin.goto(`${server.url}/`);
  await admin.getByLabel('Admin token').fill(server.adminToken);
  await admin.getByRole('button', { name: 'Open' }).click();
  await admin.waitForSelector(`[data-meeting="${ran.id}"]`);
  await admin.locator(`[data-meeting="${ran.id}"]`).getByRole('button', { name: 'Links' }).click();
  await admin.locator(`[data-meeting="${ran.id}"] [data-role=delegate]`).getByRole('button', { name: 'QR code' }).click();
  await admin.waitForSelector('img.qr');
  await admin.waitForFunction(() => /chair|secretary/.test(document.querySelector('[data-field=connected]')?.textContent ?? ''));
  await admin.screenshot({ path: join(out, 'admin.png') });

  // A newer list of that meeting brought in from the secretary's board: the summary before anything changes.
  const ranSec = await editor.newPage();
  await ranSec.goto(ran.links.secretary);
  await ranSec.waitForSelector('[data-tdoc="RP-252973"]');
  await ranSec.locator('[data-tdoc="RP-252973"] .title').click();
  await ranSec.locator('.detail-pane input').first().waitFor();
  const retitled = ranSec.locator('.detail-pane').getByLabel('Title');
  await retitled.fill('Revised WID: NR support for UAV enhancements (as agreed in the room)');
  await retitled.press('Enter');
  await ranSec.keyboard.press('Escape');
  await ranSec.locator('input[type=file]').setInputFiles({ name: 'TDoc_List_Meeting_RAN-110.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(ranList(true))) });
  await ranSec.waitForSelector('.import-panel[data-import-stage=preview]');
  await ranSec.screenshot({ path: join(out, 'merge-summary.png') });
  await ranSec.getByRole('button', { name: 'Cancel' }).click();

  // The screen on the Tdoc with the long title, with its notes.
  await ranSec.locator('[data-tdoc="RP-252974"] .title').click();
  await ranSec.keyboard.press('l');
  await ranSec.keyboard.press('Enter');
  await ranSec.keyboard.type('Ericsson: the beam indication part needs RAN4 input first. Chair: continue offline, come back Thursday.');
  await ranSec.keyboard.press('Escape');
  const ranScreenCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const ranScreen = await ranScreenCtx.newPage();
  await ranScreen.goto(lanScreenLink(ran.links.screen));
  await ranScreen.waitForSelector('[data-current-tdoc="RP-252974"] .screen-current-notes');
  await ranScreen.waitForSelector('img.qr');
  await ranScreen.screenshot({ path: join(out, 'screen-long-title.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
