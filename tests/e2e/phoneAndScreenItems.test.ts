/**
 * The smaller items of issue 25 that a secretary and delegates tripped on, in Chromium:
 * - a delegate's phone (390×844) under the venue Wi-Fi emulation of phone.test.ts: following a long live
 *   item scrolls the current Tdoc into view and never takes "Ask for the floor" out of view; "Past" covers
 *   no status badge; a poll's question shows once; a poll whose counts are shown at close shows no count
 *   until the chair closes it, then the counts;
 * - the room's screen at 1920×1080: queue names whole (no "Li Wei (…"), poll breakdowns large and bright;
 * - the board at 1440×900: the Export menu closes after a download.
 * axe over each. Writes docs/screenshots/phone-floor.png and screen-floor.png with PLENARY_SCREENSHOTS=1.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { serverAndBrowser } from './serverAndBrowser.js';
import { openPage } from './pageHelpers.js';
import { seriousViolations } from './axeCheck.js';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { ROOT_DIR } from '../../server/main.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setLive, setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';
import { addToQueue, callNext } from '../../shared/participation/speakerQueue.js';
import { closePoll, openPoll, setRoomCounts } from '../../shared/participation/showOfHands.js';
import { contrastRatio } from '../../client/model/contrast.js';

const env = serverAndBrowser();
const SHOTS = process.env.PLENARY_SCREENSHOTS === '1' ? join(ROOT_DIR, 'docs', 'screenshots') : null;
const PHONE_NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };

/** A plenary item with 30 Tdocs, the room on the 26th: a long live item, as at a 3GPP plenary. */
function longItem() {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'RAN#110 (e2e)', body: '3GPP', startDate: '2026-03-02', endDate: '2026-03-06', venue: 'Seoul', timezone: 'Asia/Seoul' });
  const item = addAgendaItem(doc, { label: '9.1.2', title: 'Rel-19 NR network-controlled repeaters' });
  for (let i = 1; i <= 30; i++) addContribution(doc, { number: `RP-2529${String(i).padStart(2, '0')}`, title: `Discussion on repeaters, part ${i}`, source: 'Nokia', agendaItemId: item });
  const json = readMeeting(doc);
  doc.destroy();
  json.live = { ...json.live, agendaItemId: item, contributionId: json.contributions[25].id };
  return json;
}

async function phonePage(ctx: BrowserContext): Promise<Page> {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', PHONE_NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return page;
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The Past button's box, and every visible status badge's box, at the page's current scroll. */
async function pastAndBadges(page: Page): Promise<{ past: Box; badges: Box[]; header: Box }> {
  return page.evaluate(() => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return {
      past: box(document.querySelector('[data-action=time-travel]')!),
      header: box(document.querySelector('.follow-top')!),
      badges: [...document.querySelectorAll('[data-field=status]')].map(box).filter((b) => b.height > 0 && b.y < innerHeight && b.y + b.height > 0),
    };
  });
}

/** True when the element's centre is the element itself (nothing covers it) and it is inside the viewport. */
async function inViewUncovered(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.top < 0 || r.bottom > innerHeight || r.height === 0) return false;
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return !!hit && (hit === el || el.contains(hit));
  }, selector);
}

describe('issue 25 on the phone, the screen and the board', () => {
  it('G-PHONE-1: following a long item keeps the current Tdoc and "Ask for the floor" in view, "Past" covers no badge, the question shows once, counts shown at close wait for the close', async () => {
    const m = await createMeeting(env.ts, longItem());
    const chair = connectClient(env.ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    try {
      const page = await phonePage(ctx);
      await page.goto(m.links.delegate);
      await page.waitForSelector('.live-card [data-current="true"][data-tdoc="RP-252926"]', { timeout: 60_000 });
      // Following: the current Tdoc is scrolled into view above the dock, and the dock's button stays in view.
      await page.waitForFunction(
        () => {
          const cur = document.querySelector('.live-card [data-current="true"]')?.getBoundingClientRect();
          const dock = document.querySelector('.floor-card .floor-actions')?.getBoundingClientRect();
          return !!cur && !!dock && cur.top >= 0 && cur.bottom <= dock.top;
        },
        null,
        { timeout: 30_000 },
      );
      expect(await page.evaluate(() => scrollY)).toBeGreaterThan(400);
      expect(await inViewUncovered(page, '[data-action=request-floor]')).toBe(true);
      // The room moves on to the last Tdoc: followed again, the button still in view.
      const rows = readMeeting(chair.doc).contributions;
      setLive(chair.doc, { contributionId: rows[29].id });
      await page.waitForSelector('.live-card [data-current="true"][data-tdoc="RP-252930"]', { timeout: 30_000 });
      await page.waitForFunction(() => {
        const cur = document.querySelector('.live-card [data-current="true"]')!.getBoundingClientRect();
        return cur.bottom <= document.querySelector('.floor-card .floor-actions')!.getBoundingClientRect().top && cur.top >= 0;
      });
      expect(await inViewUncovered(page, '[data-action=request-floor]')).toBe(true);

      // "Past" sits in the sticky header, clear of its title, over no status badge, wherever the page is.
      for (const y of [0, 500, 1500, 100_000]) {
        await page.evaluate((top) => window.scrollTo(0, top), y);
        const { past, badges, header } = await pastAndBadges(page);
        expect(past.y >= header.y && past.y + past.height <= header.y + header.height).toBe(true);
        // A badge scrolled under the sticky header is hidden by the header, not by "Past": only what shows counts.
        const below = header.y + header.height;
        const shown = badges.filter((b) => b.y + b.height > below).map((b) => ({ ...b, y: Math.max(b.y, below), height: b.y + b.height - Math.max(b.y, below) }));
        for (const b of shown) expect(overlaps(past, b)).toBe(false);
      }
      // At the end of the page the last row's badge is above the dock, not under it.
      const lastBadge = await page.evaluate(() => {
        const all = [...document.querySelectorAll('[data-field=status]')];
        return all[all.length - 1].getBoundingClientRect().bottom <= document.querySelector('.floor-card .floor-actions')!.getBoundingClientRect().top;
      });
      expect(lastBadge).toBe(true);
      await page.evaluate(() => window.scrollTo(0, 0));

      // A poll: its question once; counts shown at close: no count on the phone until the chair closes it.
      const T = new Date().toISOString();
      addToQueue(chair.doc, { kind: 'new-topic', name: 'Wanshi Chen', company: 'Huawei', at: T, by: 'chair' });
      callNext(chair.doc, { at: T });
      addToQueue(chair.doc, { kind: 'reply', name: 'Li Wei', company: 'China Mobile Communications Group', at: T, by: 'chair' });
      const question = 'Do we agree to send the reply LS to SA3 with the changes discussed?';
      const poll = openPoll(chair.doc, { question, options: ['Yes', 'No', 'Abstain'], at: T, showCounts: 'at-close' });
      await page.waitForSelector(`[data-poll-card="${poll}"] [data-answer=Yes]`, { timeout: 30_000 });
      expect(await page.locator(`[data-poll-card="${poll}"]`).textContent()).toSatisfy((t: string | null) => (t ?? '').split(question).length === 2);
      await page.click('[data-answer=Yes]');
      await page.waitForSelector('[data-answer=Yes][aria-pressed=true]');
      await page.waitForFunction(() => document.querySelector('[data-poll] [data-field=answered]')?.textContent === '1', null, { timeout: 30_000 });
      expect(await page.locator('[data-poll][data-counts=at-close] [data-option]').count()).toBe(0);
      expect(await page.locator('[data-poll]').textContent()).toMatch(/1 answered · the counts show when the poll closes/);
      expect(await seriousViolations(page)).toEqual([]);
      if (SHOTS) {
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: join(SHOTS, 'phone-floor.png') });
      }
      closePoll(chair.doc, poll, new Date().toISOString());
      await page.waitForSelector('[data-poll] [data-option=Yes][data-count="1"]', { timeout: 30_000 });
      expect(await page.locator(`[data-poll-card="${poll}"]`).textContent()).toSatisfy((t: string | null) => (t ?? '').split(question).length === 2);
    } finally {
      await ctx.close();
    }
  });

  it('G-SCREEN-1: the room screen at 1920×1080 shows queue names whole and poll breakdowns large and bright', async () => {
    // The links a venue hands out (a LAN address), so the screen shows no "phones cannot open this" warning.
    const ts = await startTestServer({ publicUrl: 'http://192.168.1.20:8080' });
    const m = await createMeeting(ts, longItem());
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const T = new Date().toISOString();
    addToQueue(chair.doc, { kind: 'new-topic', name: 'Wanshi Chen', company: 'Huawei Technologies Co., Ltd.', at: T, by: 'chair' });
    callNext(chair.doc, { at: T });
    addToQueue(chair.doc, { kind: 'reply', name: 'Li Wei', company: 'China Mobile Communications Group', at: T, by: 'chair' });
    addToQueue(chair.doc, { kind: 'point-of-order', name: 'Karen Hughes', company: 'ETSI', at: T, by: 'chair' });
    const poll = openPoll(chair.doc, { question: 'Adopt the reply LS?', options: ['Yes', 'No'], at: T });
    setRoomCounts(chair.doc, poll, { Yes: 23, No: 4 });
    const ctx = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      const screen = await openPage(ctx, m.links.screen.replace('http://192.168.1.20:8080', ts.url), '.screen-floor [data-poll] [data-option=Yes] .poll-split');
      await screen.waitForSelector('.screen-floor [data-speaker="Li Wei"]');
      // Every name shown is shown whole: nothing cut by an ellipsis or the edge of the side.
      const names = await screen.evaluate(() =>
        [...document.querySelectorAll('.screen-floor [data-queue-entry], .screen-floor [data-floor=current]')].map((e) => {
          const name = (e.querySelector('.queue-name') ?? e) as HTMLElement;
          const side = document.querySelector('.screen-side')!.getBoundingClientRect();
          const r = name.getBoundingClientRect();
          return { text: name.textContent, cut: name.scrollWidth > name.clientWidth + 1 || getComputedStyle(name).textOverflow === 'ellipsis', inside: r.right <= side.right + 1 && r.left >= side.left - 1 };
        }),
      );
      expect(names.map((n) => n.text)).toContain('Li Wei (China Mobile Communications Group)');
      for (const n of names) expect(n, n.text ?? '').toMatchObject({ cut: false, inside: true });
      // The breakdown: at least 24 px on the 1920 stage, contrast of at least 7:1 on the side's background.
      const split = await screen.evaluate(() => {
        const el = document.querySelector('.screen-floor [data-option=Yes] .poll-split') as HTMLElement;
        const hex = (c: string) => '#' + (c.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('');
        return { size: parseFloat(getComputedStyle(el).fontSize), color: hex(getComputedStyle(el).color), bg: hex(getComputedStyle(document.querySelector('.screen-side')!).backgroundColor), text: el.textContent };
      });
      expect(split.text).toBe('0 online + 23 in the room');
      expect(split.size).toBeGreaterThanOrEqual(24);
      expect(contrastRatio(split.color, split.bg)).toBeGreaterThanOrEqual(7);
      // Nothing runs off the bottom of the side: the QR code is whole.
      expect(await screen.evaluate(() => {
        const side = document.querySelector('.screen-side')!;
        const qr = document.querySelector('[data-follow-link] img.qr')!.getBoundingClientRect();
        return side.scrollHeight <= side.clientHeight + 1 && qr.bottom <= side.getBoundingClientRect().bottom;
      })).toBe(true);
      expect(await seriousViolations(screen)).toEqual([]);
      if (SHOTS) await screen.screenshot({ path: join(SHOTS, 'screen-floor.png') });
    } finally {
      await ctx.close();
    }
  });

  it('the board: the Export menu closes after a download', async () => {
    const m = await createMeeting(env.ts, longItem());
    const ctx = await env.browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    try {
      const board = await openPage(ctx, m.links.secretary, '[data-tdoc]');
      await board.locator('.export-menu summary').click();
      await board.waitForSelector('.export-menu[open] .menu button');
      const [download] = await Promise.all([board.waitForEvent('download'), board.locator('.export-menu .menu button', { hasText: 'Meeting JSON' }).click()]);
      expect(download.suggestedFilename()).toBe(`${m.id}.json`);
      await board.waitForSelector('.export-menu:not([open])');
      expect(await seriousViolations(board)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
