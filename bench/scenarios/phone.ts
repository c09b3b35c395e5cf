/**
 * Phone: a delegate's phone on venue Wi-Fi (issue 14). Headless Chromium (playwright-core) with the page's
 * DevTools session set to CPU 4× slower (Emulation.setCPUThrottlingRate) and 1.6 Mbit/s down, 750 kbit/s up,
 * 150 ms latency (Network.emulateNetworkConditions), on the follow link of a meeting whose room is on an
 * agenda item in the middle of the agenda.
 *
 * - First visit: a fresh browser context (empty caches, no service worker, no IndexedDB): navigation start
 *   to the frame after the live item's first Tdoc (`[data-live="true"] [data-tdoc]`) is in the DOM.
 * - Second visit: the same context (its HTTP cache, service worker and IndexedDB kept) after the meeting
 *   changed by 50 status edits: a new page on the same link, measured the same way.
 * - 10,000 Tdocs: the first visit on a bigger meeting.
 * - The chair's board: desktop CPU (no CPU throttling), the same network, time to the first `[data-tdoc]` row.
 *
 * Bytes: what the page's DevTools session saw arrive (Network.loadingFinished encodedDataLength for HTTP,
 * webSocketFrameReceived payloads plus frame headers for the socket), and, as a check, what a counting TCP
 * relay between browser and server saw the server send (bench/countingProxy.ts: it also sees a service
 * worker's fetches, which the page's session does not). Counting runs from navigation until the page is
 * synced with the server and 1 s has passed.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { benchMeeting } from '../benchMeeting.js';
import { clientBuild } from '../clientBuild.js';
import { startCountingProxy, type CountingProxy } from '../countingProxy.js';
import { connectFullClient, type FullClient } from '../fullFollower.js';
import { startPlenary, type ServerUnderTest } from '../serverProcess.js';
import { median } from '../stats.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import type { SyncTarget } from '../syncTarget.js';
import { fmt, notMeasured, type BenchOptions, type Section, type TargetCheck } from '../section.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];
/** The venue network of issue 14. */
export const PHONE_NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };
export const PHONE_CPU_SLOWDOWN = 4;
const EDITS_BETWEEN_VISITS = 50;
const TARGETS = { firstMs: 2000, firstKb: 250, secondMs: 800, secondKb: 30, bigFirstMs: 5000, boardMs: 2500 };
const TARGET_TEXT = [
  `phone, 2000 Tdocs, first visit: live item's first Tdoc ≤ ${TARGETS.firstMs} ms`,
  `phone, 2000 Tdocs, first visit: ≤ ${TARGETS.firstKb} KB received`,
  `phone, second visit after ${EDITS_BETWEEN_VISITS} edits: ≤ ${TARGETS.secondMs} ms`,
  `phone, second visit after ${EDITS_BETWEEN_VISITS} edits: ≤ ${TARGETS.secondKb} KB received`,
  `phone, 10000 Tdocs, first visit ≤ ${TARGETS.bigFirstMs} ms`,
  `chair's board (desktop CPU, venue network), 2000 Tdocs: rows ≤ ${TARGETS.boardMs} ms`,
];

declare global {
  interface Window {
    __phone: { live: number | null; liveNumber: string | null; rows: number | null };
  }
}

/** Records, on the page's clock, the frame after the live item's first Tdoc and after the first Tdoc row. */
const PROBE = `(() => {
  const afterPaint = (cb) => requestAnimationFrame(() => setTimeout(() => cb(performance.now()), 0));
  const b = { live: null, liveNumber: null, rows: null };
  window.__phone = b;
  const obs = new MutationObserver(() => {
    if (b.rows === null && document.querySelector('[data-tdoc]')) { b.rows = -1; afterPaint((t) => (b.rows = t)); }
    const live = b.live === null && document.querySelector('[data-live="true"] [data-tdoc]');
    if (live) { b.live = -1; b.liveNumber = live.getAttribute('data-tdoc'); afterPaint((t) => (b.live = t)); }
    if (b.rows !== null && b.live !== null) obs.disconnect();
  });
  obs.observe(document, { childList: true, subtree: true });
})();`;

interface Visit {
  ms: number;
  /** Bytes seen by the page's DevTools session (HTTP + WebSocket). */
  cdpBytes: number;
  httpBytes: number;
  wsBytes: number;
  /** Bytes the relay saw the server send. */
  wireBytes: number;
  liveNumber: string | null;
  /** Navigation start to the page's HTML fully received (PerformanceNavigationTiming.responseEnd). */
  htmlMs: number;
  /** True when a service worker answered the navigation. */
  viaServiceWorker: boolean;
  /** Navigation start to the live item shown as the server has it now (not a kept copy). */
  currentMs: number;
  /** True when the first paint was the glance this phone kept from its last visit. */
  keptShown: boolean;
}

/** Counts bytes from the page's Network events. */
function countBytes(session: CDPSession): { http: () => number; ws: () => number } {
  let http = 0;
  let ws = 0;
  session.on('Network.loadingFinished', (e) => {
    http += e.encodedDataLength;
  });
  session.on('Network.webSocketHandshakeResponseReceived', (e) => {
    ws += e.response.headersText?.length ?? 0;
  });
  session.on('Network.webSocketFrameReceived', (e) => {
    const p = e.response.payloadData;
    // Binary frames come base64-encoded, text frames as text.
    const n = e.response.opcode === 2 ? Math.floor((p.length * 3) / 4) - (p.endsWith('==') ? 2 : p.endsWith('=') ? 1 : 0) : Buffer.byteLength(p);
    ws += n + (n < 126 ? 2 : n < 65536 ? 4 : 10);
  });
  return { http: () => http, ws: () => ws };
}

/** Opens `url` in a new page of `context` under the emulation and measures one visit. */
async function visit(context: BrowserContext, url: string, proxy: CountingProxy, opts: { cpu: number; waitFor: 'live' | 'rows'; timeoutMs: number }): Promise<Visit> {
  const page = await context.newPage();
  try {
    const session = await context.newCDPSession(page);
    await session.send('Network.enable');
    await session.send('Network.emulateNetworkConditions', PHONE_NETWORK);
    if (opts.cpu !== 1) await session.send('Emulation.setCPUThrottlingRate', { rate: opts.cpu });
    const bytes = countBytes(session);
    proxy.reset();
    await page.goto(url, { waitUntil: 'commit', timeout: opts.timeoutMs });
    // Waited for through the page's DevTools session with a small expression: Playwright's waitForFunction
    // would first compile its ~330 KB utility script in the page, on the phone's throttled main thread, in
    // the middle of the load being measured.
    await session.send('Runtime.evaluate', {
      expression: `new Promise((resolve, reject) => {
        const until = Date.now() + ${opts.timeoutMs};
        const check = () => ((window.__phone?.[${JSON.stringify(opts.waitFor)}] ?? -1) > 0 ? resolve(true) : Date.now() > until ? reject(new Error('not shown in time')) : setTimeout(check, 50));
        check();
      })`,
      awaitPromise: true,
      returnByValue: true,
    }).then((r) => {
      if (r.exceptionDetails) throw new Error(`${opts.waitFor}: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    });
    const probe = await page.evaluate(() => window.__phone);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return { htmlMs: n?.responseEnd ?? NaN, viaServiceWorker: (n?.workerStart ?? 0) > 0 };
    });
    // Count until the page holds the server's state (synced) and a second has passed.
    await page.waitForFunction(() => performance.getEntriesByName('plenary:synced').length > 0, null, { timeout: opts.timeoutMs, polling: 100 });
    // When the live item shown was the server's current one: the preview's paint of the server's glance, else
    // the view once synced (a second visit first paints the glance this phone kept from its last visit).
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as const));
    const at = (name: string) => marks.find(([n]) => n === name)?.[1];
    const currentMs = at('plenary:preview') ?? Math.max(at('plenary:synced') ?? NaN, at('plenary:first-view') ?? NaN);
    const keptShown = at('plenary:preview-kept') !== undefined;
    await page.waitForTimeout(1000);
    return {
      ms: opts.waitFor === 'live' ? probe.live! : probe.rows!,
      cdpBytes: bytes.http() + bytes.ws(),
      httpBytes: bytes.http(),
      wsBytes: bytes.ws(),
      wireBytes: proxy.downstream(),
      liveNumber: probe.liveNumber,
      currentMs,
      keptShown,
      ...nav,
    };
  } finally {
    await settleServiceWorker(page);
    await page.close();
  }
}

/** Gives a service worker the page registered time to install (bounded), so the next visit finds it. */
async function settleServiceWorker(page: Page): Promise<void> {
  await page
    .evaluate(
      () =>
        new Promise<void>((resolve) => {
          const sw = navigator.serviceWorker;
          if (!sw) return resolve();
          const t = setTimeout(resolve, 5000);
          void sw.getRegistration().then((r) => {
            if (!r) return (clearTimeout(t), resolve());
            void sw.ready.then(() => (clearTimeout(t), resolve()));
          });
        }),
    )
    .catch(() => undefined);
}

/** The meeting with the room on the middle agenda item; returns it and that item's Tdoc numbers. */
function meetingLiveInTheMiddle(tdocs: number): { meeting: MeetingJson; liveNumbers: Set<string> } {
  const meeting = benchMeeting(tdocs);
  const item = meeting.agenda[Math.floor(meeting.agenda.length / 2)]!;
  meeting.live = { ...meeting.live, agendaItemId: item.id };
  return { meeting, liveNumbers: new Set(meeting.contributions.filter((c) => c.agendaItemId === item.id).map((c) => c.number)) };
}

function linkOf(proxy: CountingProxy, target: SyncTarget, role: 'delegate-follow' | 'chair-board', token: string): string {
  return `http://127.0.0.1:${proxy.port}/m/${encodeURIComponent(target.room)}/${role}?token=${encodeURIComponent(token)}`;
}

const kb = (b: number) => b / 1024;

export async function phoneScenario(opts: BenchOptions): Promise<Section> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) return notMeasured('Phone', `no Chromium at ${executablePath}`, TARGET_TEXT);
  const clientDir = await clientBuild(opts);
  const server: ServerUnderTest = await startPlenary({
    entry: ['--import', 'tsx', fileURLToPath(new URL('../plenaryBenchServer.ts', import.meta.url))],
    env: { BENCH_CLIENT_DIR: clientDir },
  });
  let browser: Browser | null = null;
  let proxy: CountingProxy | null = null;
  const clients: FullClient[] = [];
  try {
    proxy = await startCountingProxy(server.port);
    browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
    // At least 3 loads per visit (issue 14); --reps N takes more on a noisy machine.
    const loads = opts.quick ? 1 : Math.max(3, opts.reps);
    const phoneAt = (tdocs: number) => ({ cpu: PHONE_CPU_SLOWDOWN, waitFor: 'live' as const, timeoutMs: tdocs > 5000 ? 180_000 : 90_000 });

    // 2,000 Tdocs: first and second visits.
    const small = meetingLiveInTheMiddle(2000);
    const target = await server.openMeeting(small.meeting);
    // The editor keeps the meeting loaded on the server (no visit pays for reading it from SQLite) and makes the edits.
    const editor = connectFullClient(target, target.editorParams);
    clients.push(editor);
    await editor.synced;
    const ids = [...editor.doc.getMap('contributions').keys()];
    const follow = linkOf(proxy, target, 'delegate-follow', target.followerParams.token!);
    const first: Visit[] = [];
    const second: Visit[] = [];
    let edit = 0;
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
      try {
        await context.addInitScript(PROBE);
        opts.log(`phone: first visit ${i + 1}/${loads}`);
        first.push(await visit(context, follow, proxy, phoneAt(2000)));
        for (let k = 0; k < EDITS_BETWEEN_VISITS; k++, edit++) {
          setContributionStatus(editor.doc, ids[(edit * 37) % ids.length]!, edit % 2 ? 'noted' : 'agreed', { by: 'bench' });
        }
        await new Promise((r) => setTimeout(r, 1000));
        opts.log(`phone: second visit ${i + 1}/${loads}`);
        second.push(await visit(context, follow, proxy, phoneAt(2000)));
      } finally {
        await context.close();
      }
    }

    // 10,000 Tdocs: first visits.
    const big = meetingLiveInTheMiddle(10_000);
    const bigTarget = await server.openMeeting(big.meeting);
    const bigKeeper = connectFullClient(bigTarget, bigTarget.followerParams);
    clients.push(bigKeeper);
    await bigKeeper.synced;
    const bigFirst: Visit[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      try {
        await context.addInitScript(PROBE);
        opts.log(`phone: 10000 Tdocs, first visit ${i + 1}/${loads}`);
        bigFirst.push(await visit(context, linkOf(proxy, bigTarget, 'delegate-follow', bigTarget.followerParams.token!), proxy, phoneAt(10_000)));
      } finally {
        await context.close();
      }
    }
    bigKeeper.destroy();

    // The chair's board: desktop CPU, the same network.
    const board: Visit[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      try {
        await context.addInitScript(PROBE);
        opts.log(`phone: chair's board ${i + 1}/${loads}`);
        board.push(await visit(context, linkOf(proxy, target, 'chair-board', target.editorParams.token!), proxy, { cpu: 1, waitFor: 'rows', timeoutMs: 90_000 }));
      } finally {
        await context.close();
      }
    }

    const notLive = (vs: Visit[], numbers: Set<string>) => vs.filter((v) => !v.liveNumber || !numbers.has(v.liveNumber)).length;
    const wrong = notLive(first, small.liveNumbers) + notLive(second, small.liveNumbers) + notLive(bigFirst, big.liveNumbers);
    const row = (label: string, vs: Visit[]) => {
      const ms = vs.map((v) => v.ms);
      return [
        label,
        fmt(median(ms), 0),
        `${fmt(Math.min(...ms), 0)}–${fmt(Math.max(...ms), 0)}`,
        fmt(median(vs.map((v) => v.currentMs)), 0),
        fmt(kb(median(vs.map((v) => v.cdpBytes))), 0),
        fmt(kb(median(vs.map((v) => v.httpBytes))), 0),
        fmt(kb(median(vs.map((v) => v.wsBytes))), 0),
        fmt(kb(median(vs.map((v) => v.wireBytes))), 0),
        `${fmt(median(vs.map((v) => v.htmlMs)), 0)}${vs.some((v) => v.viaServiceWorker) ? ' (service worker)' : ''}`,
        String(vs.length),
      ];
    };
    // The byte targets are checked on the larger of the page's own count and the relay's.
    const bytesOf = (vs: Visit[]) => kb(median(vs.map((v) => Math.max(v.cdpBytes, v.wireBytes))));
    const t = {
      first: median(first.map((v) => v.ms)),
      second: median(second.map((v) => v.ms)),
      big: median(bigFirst.map((v) => v.ms)),
      board: median(board.map((v) => v.ms)),
    };
    const checks: TargetCheck[] = [
      { target: TARGET_TEXT[0]!, figure: `${fmt(t.first, 0)} ms`, met: t.first <= TARGETS.firstMs },
      { target: TARGET_TEXT[1]!, figure: `${fmt(bytesOf(first), 0)} KB`, met: bytesOf(first) <= TARGETS.firstKb },
      { target: TARGET_TEXT[2]!, figure: `${fmt(t.second, 0)} ms`, met: t.second <= TARGETS.secondMs },
      { target: TARGET_TEXT[3]!, figure: `${fmt(bytesOf(second), 0)} KB`, met: bytesOf(second) <= TARGETS.secondKb },
      { target: TARGET_TEXT[4]!, figure: `${fmt(t.big, 0)} ms`, met: t.big <= TARGETS.bigFirstMs },
      { target: TARGET_TEXT[5]!, figure: `${fmt(t.board, 0)} ms`, met: t.board <= TARGETS.boardMs },
    ];
    return {
      title: 'Phone',
      method:
        `Headless Chromium (${CHROMIUM_ARGS.join(' ')}) driven through its DevTools protocol: Emulation.setCPUThrottlingRate ${PHONE_CPU_SLOWDOWN} and ` +
        `Network.emulateNetworkConditions (1.6 Mbit/s down, 750 kbit/s up, ${PHONE_NETWORK.latency} ms latency) on each page, viewport 390×844, ` +
        `on the delegate's follow link of a meeting whose room is on the middle agenda item, served by Plenary with a client build of this run. ` +
        `Time: navigation start to the frame after the live item's first Tdoc ([data-live="true"] [data-tdoc]) is in the DOM (the chair's board: the first [data-tdoc] row), on the page's clock, ` +
        `waited for through the page's DevTools session (Runtime.evaluate; not Playwright's waitForFunction, which compiles its ~330 KB utility script in the throttled page during the load). ` +
        `"Current live item shown": when the live item shown was the server's current one (the preview's paint of GET /live, else the view once synced). ` +
        `First visit: a fresh browser context. Second visit: the same context (HTTP cache, service worker, IndexedDB) after ${EDITS_BETWEEN_VISITS} status edits by the chair, a new page. ` +
        `${loads} loads each, medians. Bytes counted from navigation until the page is synced plus 1 s: the page's DevTools events (HTTP: loadingFinished encodedDataLength, headers included; ` +
        `socket: the handshake and every received frame) and, on the wire, a counting TCP relay between browser and server that also sees a service worker's own fetches. ` +
        `The chair's board runs without CPU slowdown on the same network. A meeting of the same size stays loaded on the server during its visits (a connected client keeps it in memory).`,
      header: ['visit', 'median ms', 'range ms', 'current live item shown ms', 'KB received (page)', 'of which HTTP KB', 'of which socket KB', 'KB on the wire (relay)', 'page HTML received ms', 'loads'],
      rows: [
        row('phone, 2000 Tdocs, first visit', first),
        row(`phone, 2000 Tdocs, second visit (${EDITS_BETWEEN_VISITS} edits later)`, second),
        row('phone, 10000 Tdocs, first visit', bigFirst),
        row("chair's board, desktop CPU, 2000 Tdocs", board),
      ],
      checks,
      notes: [
        ...(wrong ? [`${wrong} visits showed a first live Tdoc that is not one of the live item's.`] : []),
        ...(second.some((v) => v.keptShown)
          ? [
              `Second visits: ${second.filter((v) => v.keptShown).length} of ${second.length} first painted the live item as this phone kept it from its last visit (localStorage, no network), ` +
                `then the server's current one (the "current live item shown" column, median ${fmt(median(second.map((v) => v.currentMs)), 0)} ms: the preview's paint of GET /live, one round trip).`,
            ]
          : []),
        ...(second.some((v) => v.viaServiceWorker)
          ? [
              'Second visits: the service worker answered the page, from its cache when every hashed asset the page loads is kept there (client/public/sw.js; it then refreshes the page behind, ' +
                'for the next visit), else from the network. Its own fetches are not under the page\'s DevTools network emulation ' +
                '(Chromium applies Network.emulateNetworkConditions per target, and a service worker is a target of its own that playwright-core gives no DevTools session to): ' +
                `the page's HTML arrived in ${fmt(median(second.map((v) => v.htmlMs)), 0)} ms; when it came from the network, a real phone would add about one round trip. Its bytes are in the relay's count.`,
            ]
          : []),
      ],
    };
  } catch (e) {
    return notMeasured('Phone', (e as Error).message.split('\n')[0]!, TARGET_TEXT);
  } finally {
    for (const c of clients) c.destroy();
    await browser?.close();
    await proxy?.close();
    await server.stop();
  }
}
