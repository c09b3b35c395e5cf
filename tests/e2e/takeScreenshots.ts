/**
 * Writes the README screenshots (docs/screenshots/*.png) from the demo meeting: starts a server on a temp
 * folder, plays a few minutes of a session through the secretary's keyboard, and photographs the three
 * views. Run: npx vite build && npx tsx tests/e2e/takeScreenshots.ts
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromEnv, startServer } from '../../server/main.js';
import { launchBrowser } from './browser.js';

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
  await screen.goto(demo.links.screen);
  await screen.waitForSelector('img.qr');
  await screen.screenshot({ path: join(out, 'screen.png') });

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const follow = await phone.newPage();
  await follow.goto(demo.links.delegate);
  await follow.waitForSelector('[data-live="true"] [data-tdoc]');
  await follow.screenshot({ path: join(out, 'follow.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
