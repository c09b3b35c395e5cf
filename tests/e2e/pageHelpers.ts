/**
 * Small helpers for the browser tests: a meeting made for them, pages opened as a role, and waits on what a
 * person would see (never sleeps).
 */
import * as Y from 'yjs';
import type { BrowserContext, Page } from 'playwright-core';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setLive, setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';
import { addSession } from '../../shared/document/listOps.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

/** Two agenda items ("1 Opening", "2 Security") with `rows` contributions each, and one session. */
export function boardMeeting(rows = 4): MeetingJson {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'SEC 99 (e2e)', startDate: '2026-03-02', endDate: '2026-03-06', venue: 'Sophia Antipolis', timezone: 'Europe/Paris' });
  const a = addAgendaItem(doc, { label: '1', title: 'Opening' });
  const b = addAgendaItem(doc, { label: '2', title: 'Security' });
  for (const [item, prefix] of [
    [a, 'SEC-2026-01'],
    [b, 'SEC-2026-02'],
  ] as const) {
    for (let i = 1; i <= rows; i++) {
      addContribution(doc, {
        number: `${prefix}${String(i).padStart(2, '0')}`,
        title: `Contribution ${prefix}${i}`,
        source: 'ETSI',
        agendaItemId: item,
        notes: i === 2 ? 'Presented by the source.' : '',
      });
    }
  }
  const s = addSession(doc, { date: '2026-03-02', start: '09:00', end: '10:30', room: 'Room A', code: 'S1', title: 'Opening session', agendaItemIds: [a] });
  setLive(doc, { sessionId: s });
  const json = readMeeting(doc);
  doc.destroy();
  return json;
}

/** A meeting with `count` contributions spread over `items` agenda items (the 2,000-Tdoc case). */
export function bigMeeting(count: number, items = 40): MeetingJson {
  const doc = new Y.Doc();
  setMeta(doc, { title: `Big meeting (${count} Tdocs)`, startDate: '2026-05-18', endDate: '2026-05-22' });
  const ids: string[] = [];
  for (let i = 1; i <= items; i++) ids.push(addAgendaItem(doc, { label: `${Math.ceil(i / 5)}.${((i - 1) % 5) + 1}`, title: `Work item ${i}` }));
  doc.transact(() => {
    for (let n = 1; n <= count; n++) {
      addContribution(doc, {
        number: `S3-26${String(n).padStart(4, '0')}`,
        title: `Contribution number ${n} on topic ${n % 17}`,
        source: ['Ericsson', 'Nokia', 'Huawei', 'Qualcomm', 'Apple'][n % 5],
        agendaItemId: ids[Math.floor(((n - 1) * items) / count)],
      });
    }
  });
  const json = readMeeting(doc);
  doc.destroy();
  return json;
}

/** A new browser context for one person: their name is already remembered, so no dialog. */
export async function personContext(browser: import('playwright-core').Browser, name: string, viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport });
  await ctx.addInitScript((n: string) => localStorage.setItem('plenary:name', n), name);
  return ctx;
}

/** Opens a link and waits until the meeting is on the page. */
export async function openView(ctx: BrowserContext, url: string): Promise<Page> {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(url);
  await page.waitForSelector('[data-tdoc], .screen-page, .closed-notice', { timeout: 30_000 });
  return page;
}

/** Opens a link and waits for `selector` (for pages with no contribution yet). */
export async function openPage(ctx: BrowserContext, url: string, selector: string): Promise<Page> {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(url);
  await page.waitForSelector(selector, { timeout: 30_000 });
  return page;
}

/** Waits until the status of a contribution row reads `label` on this page. */
export async function waitForStatus(page: Page, number: string, label: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    ([n, l]) => {
      const el = document.querySelector(`[data-tdoc="${n}"] [data-field=status]`);
      return !!el && el.textContent?.trim() === l;
    },
    [number, label] as const,
    { timeout },
  );
}

/** The status label of a row as shown. */
export async function statusOf(page: Page, number: string): Promise<string> {
  return (await page.locator(`[data-tdoc="${number}"] [data-field=status]`).first().textContent())?.trim() ?? '';
}

/** Waits until some element matching `selector` contains `text`. */
export async function waitForText(page: Page, selector: string, text: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    ([s, t]) => [...document.querySelectorAll(s)].some((e) => (e instanceof HTMLTextAreaElement || e instanceof HTMLInputElement ? e.value : e.textContent ?? '').includes(t)),
    [selector, text] as const,
    { timeout },
  );
}

/** Clicks a contribution row on the board (selects it; its panel opens). */
export async function selectRow(page: Page, number: string): Promise<void> {
  await page.locator(`[data-tdoc="${number}"] .title`).click();
  await page.waitForSelector(`[data-tdoc="${number}"].selected`);
}
