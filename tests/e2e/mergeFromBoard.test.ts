/**
 * Bringing a newer Tdoc list into a live meeting from the secretary's board: a file dropped on the board
 * shows the server's dry run (nothing changed yet), Import applies it (a delegate sees it), a conflict is
 * settled in one click, a Tdoc no longer in the file is marked withdrawn, and Undo takes it all back.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Page } from 'playwright-core';
import { serverAndBrowser } from './serverAndBrowser.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { openView, personContext, waitForStatus, waitForText } from './pageHelpers.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution, reviseContribution, updateContribution } from '../../shared/document/contributionOps.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

const env = serverAndBrowser();

function tdocList(rows: [string, string][]): MeetingJson {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'SA2#160', body: '3GPP', startDate: '2024-02-26', endDate: '2024-03-01' });
  const item = addAgendaItem(doc, { label: '5.1', title: 'Study on X' });
  for (const [number, title] of rows) addContribution(doc, { number, title, agendaItemId: item });
  const json = readMeeting(doc);
  doc.destroy();
  return json;
}

/** Drops a file on the board as a person would (a real DataTransfer holding a File). */
async function dropFile(page: Page, name: string, content: string, type: string): Promise<void> {
  const dt = await page.evaluateHandle(
    ([n, c, t]) => {
      const d = new DataTransfer();
      d.items.add(new File([c], n, { type: t }));
      return d;
    },
    [name, content, type] as const,
  );
  await page.locator('.board-page').dispatchEvent('dragover', { dataTransfer: dt });
  await page.locator('.board-page').dispatchEvent('drop', { dataTransfer: dt });
}

async function count(page: Page, what: string): Promise<number> {
  return Number(await page.locator(`.import-panel [data-count=${what}] strong`).textContent());
}

describe('bringing a newer list in from the board', () => {
  it('dry run, import, a conflict settled, a revision made in the room titled by the portal without asking (G-WEEK-1), a missing Tdoc withdrawn, and undo', async () => {
    const m = await createMeeting(
      env.ts,
      tdocList([
        ['S2-2400010', 'First'],
        ['S2-2400011', 'Second'],
        ['S2-2400012', 'Third'],
      ]),
    );
    // The room changed a title in Plenary since the import.
    const editor = connectClient(env.ts.syncUrl, m.id, m.tokens.chair);
    await editor.synced();
    const first = readMeeting(editor.doc).contributions.find((c) => c.number === 'S2-2400010')!;
    updateContribution(editor.doc, first.id, { title: 'First, as the room fixed it' });
    // And revised 11 in the room: the revision S2-2400020 starts as Plenary's copy of it.
    const second = readMeeting(editor.doc).contributions.find((c) => c.number === 'S2-2400011')!;
    reviseContribution(editor.doc, second.id, { by: 'Chair', number: 'S2-2400020' });

    const secCtx = await personContext(env.browser, 'Karen Secretary');
    const delCtx = await personContext(env.browser, 'A Delegate', { width: 390, height: 844 });
    try {
      const sec = await openView(secCtx, m.links.secretary);
      const delegate = await openView(delCtx, m.links.delegate);
      await waitForText(sec, '[data-tdoc="S2-2400010"] .title', 'First, as the room fixed it');
      editor.destroy();

      await sec.waitForSelector('[data-tdoc="S2-2400020"]');
      // The portal's newer list: 10 retitled (conflict), 11 retitled, 12 gone, 13 new, and the room's
      // revision 20 with the title its author gave it (Plenary's copy replaced without asking: G-WEEK-1).
      const newer = JSON.stringify(
        tdocList([
          ['S2-2400010', 'First, as the portal has it'],
          ['S2-2400011', 'Second, revised title'],
          ['S2-2400013', 'Fourth, new'],
          ['S2-2400020', 'Second, as the revision is titled'],
        ]),
      );
      await dropFile(sec, 'SA2-160 Tdoc list.json', newer, 'application/json');
      await sec.waitForSelector('.import-panel[data-import-stage=preview]');
      expect(await count(sec, 'added')).toBe(1);
      expect(await count(sec, 'updated')).toBe(2);
      expect(await count(sec, 'conflicts')).toBe(1);
      expect(await sec.locator('[data-silent="S2-2400020"]').first().textContent()).toContain('Second, as the revision is titled');
      expect(await count(sec, 'missing')).toBe(1);
      expect(await sec.locator('.import-panel').textContent()).toContain('Second, revised title');
      // Nothing changed yet, here or for the delegate; the board's keys do nothing behind the dialog.
      await sec.keyboard.press('a');
      expect(await sec.locator('[data-tdoc="S2-2400013"]').count()).toBe(0);
      expect(await sec.locator('[data-tdoc="S2-2400011"] .title').textContent()).toBe('Second');

      await sec.locator('[data-action=apply-import]').click();
      await sec.waitForSelector('.import-panel[data-import-stage=applied]');
      await sec.waitForSelector('[data-tdoc="S2-2400013"]');
      await waitForText(sec, '[data-tdoc="S2-2400011"] .title', 'Second, revised title');
      await waitForText(sec, '[data-tdoc="S2-2400020"] .title', 'Second, as the revision is titled');
      await delegate.waitForSelector('[data-tdoc="S2-2400013"]');
      // The conflict kept Plenary's title until settled: take the file's.
      await waitForText(sec, '[data-tdoc="S2-2400010"] .title', 'First, as the room fixed it');
      await sec.locator('[data-conflict="S2-2400010"]').getByRole('button', { name: 'Take the file’s' }).click();
      await waitForText(sec, '[data-tdoc="S2-2400010"] .title', 'First, as the portal has it');
      await sec.waitForSelector('[data-conflict="S2-2400010"] .import-settled');
      // The Tdoc the file no longer has stays, and can be marked withdrawn.
      await sec.locator('[data-missing="S2-2400012"]').getByRole('button', { name: 'Mark withdrawn' }).click();
      await waitForStatus(sec, 'S2-2400012', 'Withdrawn');
      await waitForStatus(delegate, 'S2-2400012', 'Withdrawn');
      await sec.getByRole('button', { name: 'Close', exact: true }).click();

      // Undo: the withdrawal, the settled conflict, then the whole import.
      const undo = sec.getByRole('button', { name: '↶ Undo' });
      await undo.click();
      await waitForStatus(sec, 'S2-2400012', 'Available');
      await undo.click();
      await waitForText(sec, '[data-tdoc="S2-2400010"] .title', 'First, as the room fixed it');
      await undo.click();
      await sec.waitForSelector('[data-tdoc="S2-2400013"]', { state: 'detached' });
      await waitForText(sec, '[data-tdoc="S2-2400011"] .title', 'Second');
      expect(await sec.locator('[data-tdoc="S2-2400011"] .title').textContent()).toBe('Second');
      await delegate.waitForSelector('[data-tdoc="S2-2400013"]', { state: 'detached' });
      // And the server holds the undone meeting.
      const check = connectClient(env.ts.syncUrl, m.id, m.tokens.delegate);
      await check.synced();
      await waitFor(() => !readMeeting(check.doc).contributions.some((c) => c.number === 'S2-2400013'));
      check.destroy();
    } finally {
      await Promise.all([secCtx.close(), delCtx.close()]);
    }
  });
});
