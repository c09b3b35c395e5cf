/**
 * Browser: Chromium (playwright-core, /usr/bin/chromium or CHROMIUM_PATH) on the chair's board of a
 * 2,000-Tdoc meeting served by Plenary (its startServer with a client build of this run): first paint of the rows; time from a remote status change's
 * WebSocket message arriving to the changed row painted; a filter keystroke to the filtered rows painted.
 * The times come from the page's own clock through bench/browserProbe.ts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { benchMeeting } from '../benchMeeting.js';
import { clientBuild } from '../clientBuild.js';
import { BROWSER_PROBE } from '../browserProbe.js';
import { connectFullClient } from '../fullFollower.js';
import { makeMarker } from '../marker.js';
import { httpBase, startPlenary } from '../serverProcess.js';
import { median, quantile } from '../stats.js';
import { readAll } from '../../shared/document/entityStore.js';
import { readStatuses } from '../../shared/document/meetingParts.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';
import { fmt, notMeasured, type BenchOptions, type Section } from '../section.js';

const TDOCS = 2000;
const TARGETS = { firstPaintMs: 1000, remotePaintMs: 50, keystrokeMs: 50 };
const TARGET_TEXT = [
  `first paint ≤ ${TARGETS.firstPaintMs} ms at ${TDOCS} Tdocs`,
  `remote change painted ≤ ${TARGETS.remotePaintMs} ms after arrival`,
  `filter keystroke ≤ ${TARGETS.keystrokeMs} ms`,
];
const FILTER_INPUT = 'input[aria-label="Find"], input[type="search"], input[placeholder*="ilter"], input[placeholder*="Find"]';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

declare global {
  interface Window {
    __bench: {
      firstRows: number | null;
      arrivals: Record<number, number>;
      statusResult?: Promise<number | null>;
      rowsResult?: Promise<{ t: number; rows: number } | null>;
      keyAt: number | null;
      watchStatus(number: string, label: string, timeoutMs: number): Promise<number | null>;
      watchRows(timeoutMs: number): void;
    };
  }
}

const ENTRY = ['--import', 'tsx', fileURLToPath(new URL('../plenaryBenchServer.ts', import.meta.url))];

/** Opens the board in a fresh context and waits for the first rows; returns the page and first-paint time. */
async function openBoard(browser: Browser, url: string): Promise<{ page: Page; firstPaint: number }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(BROWSER_PROBE);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
  await page.waitForFunction(() => (window.__bench?.firstRows ?? -1) > 0, null, { timeout: 30_000 });
  const firstPaint = await page.evaluate(() => window.__bench.firstRows!);
  const nameInput = page.locator('input[aria-label="Your name"]');
  if (await nameInput.isVisible()) {
    await nameInput.fill('Benchmark');
    await nameInput.press('Enter');
  }
  return { page, firstPaint };
}

export async function browserScenario(opts: BenchOptions): Promise<Section> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return notMeasured('Browser', `no Chromium at ${executablePath}`, TARGET_TEXT);
  const clientDir = await clientBuild(opts);
  const server = await startPlenary({ entry: ENTRY, env: { BENCH_CLIENT_DIR: clientDir } });
  let browser: Browser | null = null;
  const editorCleanup: (() => void)[] = [];
  try {
    const target = await server.openMeeting(benchMeeting(TDOCS));
    const url = `${httpBase(server)}/m/${encodeURIComponent(target.room)}/chair-board?token=${encodeURIComponent(target.editorParams.token!)}`;
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
    opts.log('browser: first paint');
    const loads = opts.quick ? 2 : 4;
    const paints: number[] = [];
    let page: Page | null = null;
    for (let i = 0; i < loads; i++) {
      if (page) await page.context().close();
      const opened = await openBoard(browser, url);
      paints.push(opened.firstPaint);
      page = opened.page;
    }
    const firstRowsShown = await page!.locator('[data-tdoc]').count();

    opts.log('browser: remote status changes');
    const editor = connectFullClient(target, target.editorParams);
    editorCleanup.push(() => editor.destroy());
    await editor.synced;
    const statuses = readStatuses(editor.doc);
    const byNumber = new Map(readAll(editor.doc, 'contributions').map((c) => [c.number, c.id]));
    const number = await page!.locator('[data-tdoc]').first().getAttribute('data-tdoc');
    const id = number ? byNumber.get(number) : undefined;
    if (!number || !id) throw new Error(`the first row (${number}) is not a contribution of the meeting`);
    const remote: number[] = [];
    const picks = ['agreed', 'noted', 'postponed', 'approved'];
    for (let seq = 0; seq < (opts.quick ? 4 : 12); seq++) {
      const status = picks[seq % picks.length]!;
      const label = statuses.find((s) => s.id === status)?.label ?? status;
      await page!.evaluate(([n, l]) => void (window.__bench.statusResult = window.__bench.watchStatus(n!, l!, 5000)), [number, label]);
      setContributionStatus(editor.doc, id, status, { by: makeMarker(seq, process.hrtime.bigint()) });
      const painted = await page!.evaluate(() => window.__bench.statusResult!);
      const arrived = await page!.evaluate((s) => window.__bench.arrivals[s] ?? null, seq);
      remote.push(painted !== null && arrived !== null ? painted - arrived : NaN);
      await page!.waitForTimeout(150);
    }

    opts.log('browser: filter keystrokes');
    const keys: number[] = [];
    const input = page!.locator(FILTER_INPUT).first();
    let filterNote = '';
    if ((await input.count()) === 0) {
      filterNote = 'no filter input found';
    } else {
      await input.click();
      for (let k = 0; k < (opts.quick ? 2 : 6); k++) {
        for (const key of ['q', 'Backspace']) {
          await page!.evaluate(() => window.__bench.watchRows(5000));
          await page!.keyboard.press(key);
          const r = await page!.evaluate(() => window.__bench.rowsResult!);
          const at = await page!.evaluate(() => window.__bench.keyAt);
          keys.push(r && at !== null ? r.t - at : NaN);
          await page!.waitForTimeout(100);
        }
      }
    }

    const fp = median(paints.slice(1));
    const rp = median(remote);
    const kp = median(keys);
    const missingRemote = remote.filter((x) => !Number.isFinite(x)).length;
    const missingKeys = keys.filter((x) => !Number.isFinite(x)).length;
    return {
      title: 'Browser',
      method:
        `Headless Chromium (${CHROMIUM_ARGS.join(' ')}) on the chair's board of a ${TDOCS}-Tdoc meeting served by Plenary, viewport 1400×900. ` +
        `First paint: navigation start to the frame after the first [data-tdoc] row is in the DOM, in a fresh browser context each time (${loads} loads; the first, cold, is shown apart: it also loads the meeting from SQLite, while the later ones find it still loaded, as the server keeps a meeting 30 s after its last connection leaves). ` +
        'Remote change: a WebsocketProvider in the driver sets the status of the top row; from the WebSocket message carrying it arriving in the page (before the app handles it) ' +
        'to the frame after the row shows the new label. Filter: keydown of "q" (then Backspace) in the Find box to the frame after the rendered rows change.',
      header: ['measure', 'median ms', 'p90 ms', 'max ms', 'samples', 'notes'],
      rows: [
        ['first paint (warm loads)', fmt(fp, 0), fmt(quantile(paints.slice(1), 0.9), 0), fmt(Math.max(...paints.slice(1)), 0), String(paints.length - 1), `cold first load ${fmt(paints[0]!, 0)} ms; ${firstRowsShown} rows rendered`],
        ['remote change painted', fmt(rp, 1), fmt(quantile(remote, 0.9), 1), fmt(Math.max(...remote.filter(Number.isFinite)), 1), String(remote.length), missingRemote ? `${missingRemote} not seen` : ''],
        ['filter keystroke', fmt(kp, 1), fmt(quantile(keys, 0.9), 1), keys.some(Number.isFinite) ? fmt(Math.max(...keys.filter(Number.isFinite)), 1) : '–', String(keys.length), filterNote || (missingKeys ? `${missingKeys} without a row change` : '"q" and Backspace alternately')],
      ],
      checks: [
        { target: TARGET_TEXT[0]!, figure: `${fmt(fp, 0)} ms (cold ${fmt(paints[0]!, 0)} ms)`, met: fp <= TARGETS.firstPaintMs },
        { target: TARGET_TEXT[1]!, figure: `${fmt(rp, 1)} ms`, met: missingRemote === 0 ? rp <= TARGETS.remotePaintMs : false },
        keys.length
          ? { target: TARGET_TEXT[2]!, figure: `${fmt(kp, 1)} ms`, met: missingKeys === 0 ? kp <= TARGETS.keystrokeMs : false }
          : { target: TARGET_TEXT[2]!, figure: `not measured: ${filterNote}`, met: null },
      ],
      notes: [],
    };
  } catch (e) {
    return notMeasured('Browser', (e as Error).message.split('\n')[0]!, TARGET_TEXT);
  } finally {
    for (const c of editorCleanup) c();
    await browser?.close();
    await server.stop();
  }
}
