/**
 * Revisions as each body numbers them, in the browser: in a 3GPP meeting `r` asks the new Tdoc number
 * with the focus in the field, offering the next free number of the reserved block (two editors at once
 * get two numbers), and the new row is selected after; a oneM2M meeting keeps R01; the Meeting tab sets
 * the numbering and the block.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { serverAndBrowser } from './serverAndBrowser.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { openView, personContext, selectRow } from './pageHelpers.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { readMeta, setMeta } from '../../shared/document/meetingParts.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';
import type { Meta } from '../../shared/document/meetingSchema.js';
import { allocatedNumbers } from '../../shared/document/numberBlock.js';

const env = serverAndBrowser();

function meeting(meta: Partial<Meta>, numbers: string[]) {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'SA2#160', startDate: '2024-02-26', endDate: '2024-03-01', ...meta });
  const item = addAgendaItem(doc, { label: '5.1', title: 'Study on X' });
  for (const n of numbers) addContribution(doc, { number: n, title: `Contribution ${n}`, source: 'Nokia', agendaItemId: item });
  const json = readMeeting(doc);
  doc.destroy();
  return json;
}

/** Presses r on a row and waits until the dialog offers a number; returns it. */
async function askRevision(page: Page): Promise<string> {
  await page.keyboard.press('r');
  const field = page.locator('[data-field=revision-number]');
  await field.waitFor();
  await page.waitForFunction(() => (document.querySelector('[data-field=revision-number]') as HTMLInputElement | null)?.value !== '');
  expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
  return field.inputValue();
}

describe('revising with a new Tdoc number', () => {
  it('two editors revising at once are offered two numbers of the block, and each new row is selected after', async () => {
    const m = await createMeeting(env.ts, meeting({ body: '3GPP', numberBlock: 'S2-2403100-S2-2403199' }, ['S2-2400010', 'S2-2400011']));
    const chairCtx = await personContext(env.browser, 'Francois Chair');
    const secCtx = await personContext(env.browser, 'Karen Secretary');
    try {
      const chair = await openView(chairCtx, m.links.chair);
      const sec = await openView(secCtx, m.links.secretary);
      await selectRow(chair, 'S2-2400010');
      await selectRow(sec, 'S2-2400011');
      const [a, b] = await Promise.all([askRevision(chair), askRevision(sec)]);
      expect(a).not.toBe(b);
      expect([a, b].sort()).toEqual(['S2-2403100', 'S2-2403101']);
      await Promise.all([chair.keyboard.press('Enter'), sec.keyboard.press('Enter')]);
      for (const page of [chair, sec]) {
        await page.waitForSelector(`[data-tdoc="${a}"]`);
        await page.waitForSelector(`[data-tdoc="${b}"]`);
        expect(await page.locator('[data-field=revision-number]').count()).toBe(0);
      }
      // Each editor is on their new row, the focus back on the list (so j/k and the status keys work).
      await chair.waitForSelector(`[data-tdoc="${a}"].selected`);
      await sec.waitForSelector(`[data-tdoc="${b}"].selected`);
      expect(await chair.evaluate(() => document.activeElement?.classList.contains('list-scroll'))).toBe(true);
      expect(await chair.locator('[data-tdoc="S2-2400010"] [data-field=status] option:checked').textContent()).toBe('Revised');
      // The next revision gets the next number of the block.
      await selectRow(chair, 'S2-2400011');
      expect(await askRevision(chair)).toBe('S2-2403102');
      await chair.keyboard.press('Escape');
      await chair.locator('[data-field=revision-number]').waitFor({ state: 'detached' });
      // Cancelled: the number goes back to the block, and is offered again.
      const reader = connectClient(env.ts.syncUrl, m.id, m.tokens.delegate);
      await reader.synced();
      await waitFor(() => !allocatedNumbers(reader.doc).has('S2-2403102'), { what: 'the cancelled number to be given back' });
      reader.destroy();
      expect(await askRevision(chair)).toBe('S2-2403102');
    } finally {
      await Promise.all([chairCtx.close(), secCtx.close()]);
    }
  });

  it('a oneM2M meeting keeps R01; the Meeting tab switches it to new numbers from a block', async () => {
    const m = await createMeeting(env.ts, meeting({ body: 'oneM2M' }, ['SEC-2016-0094', 'SEC-2016-0095']));
    const ctx = await personContext(env.browser, 'Karen Secretary');
    try {
      const sec = await openView(ctx, m.links.secretary);
      await selectRow(sec, 'SEC-2016-0094');
      await sec.keyboard.press('r');
      await sec.waitForSelector('[data-tdoc="SEC-2016-0094R01"]');
      expect(await sec.locator('[data-field=revision-number]').count()).toBe(0);

      await sec.getByRole('tab', { name: 'Meeting' }).click();
      await sec.locator('[data-field=revision-numbering]').selectOption('new-number');
      await sec.locator('[data-field=number-block]').fill('SEC-2016-0200 - SEC-2016-0209');
      await sec.locator('[data-field=number-block]').press('Enter');
      // The server (which hands the numbers out) has the block, written the one way the document keeps it.
      const reader = connectClient(env.ts.syncUrl, m.id, m.tokens.delegate);
      await reader.synced();
      await waitFor(() => readMeta(reader.doc).numberBlock === 'SEC-2016-0200-SEC-2016-0209' && readMeta(reader.doc).revisionNumbering === 'new-number');
      reader.destroy();
      await sec.getByRole('tab', { name: 'Agenda' }).click();
      await selectRow(sec, 'SEC-2016-0095');
      expect(await askRevision(sec)).toBe('SEC-2016-0200');
      // The number can be changed before revising.
      await sec.locator('[data-field=revision-number]').fill('SEC-2016-0207');
      await sec.keyboard.press('Enter');
      await sec.waitForSelector('[data-tdoc="SEC-2016-0207"].selected');
      // The offered number nobody took is back in the block.
      const after = connectClient(env.ts.syncUrl, m.id, m.tokens.delegate);
      await after.synced();
      await waitFor(() => !allocatedNumbers(after.doc).has('SEC-2016-0200'), { what: 'the unused number to be given back' });
      after.destroy();
    } finally {
      await ctx.close();
    }
  });

  it('G-WEEK-4 the chair starts the next meeting with its own number block, never this meeting\'s', async () => {
    const m = await createMeeting(env.ts, meeting({ body: '3GPP', numberBlock: 'S2-2403100-S2-2403199' }, ['S2-2400010']));
    const ctx = await personContext(env.browser, 'Francois Chair');
    try {
      const chair = await openView(ctx, m.links.chair);
      await chair.getByRole('tab', { name: 'Meeting' }).click();
      const form = chair.getByRole('region', { name: 'Start the next meeting' });
      await form.locator('[data-field=next-title]').fill('SA2#161');
      await form.locator('[data-field=next-start]').fill('2024-04-15');
      await form.locator('[data-field=next-end]').fill('2024-04-19');
      // 3GPP: revisions get new numbers, and the block field starts empty (the old block is this meeting's).
      expect(await form.locator('[data-field=next-revision-numbering]').inputValue()).toBe('new-number');
      expect(await form.locator('[data-field=next-number-block]').inputValue()).toBe('');
      await form.locator('[data-field=next-number-block]').fill('S2-2405100-S3-2405199');
      await form.locator('[data-action=start-next-meeting]').click();
      await form.getByRole('alert').filter({ hasText: 'Numbers reserved for revisions' }).waitFor();
      await form.locator('[data-field=next-number-block]').fill('S2-2405100 - S2-2405199');
      await form.locator('[data-action=start-next-meeting]').click();
      const id = await form.locator('[data-next-meeting]').getAttribute('data-next-meeting');
      const link = new URL((await form.locator('[data-next-meeting] a').first().getAttribute('href'))!, env.ts.url);
      const res = await fetch(`${env.ts.url}/api/meetings/${id}/export.json?token=${link.searchParams.get('token')}`);
      const next = (await res.json()) as { meta: Meta; contributions: { number: string }[] };
      expect(next.meta).toMatchObject({ title: 'SA2#161', numberBlock: 'S2-2405100-S2-2405199', revisionNumbering: 'new-number' });
      expect(next.contributions.map((c) => c.number)).toEqual(['S2-2400010']);
    } finally {
      await ctx.close();
    }
  });
});
