/**
 * The page takes its role from the server, never from the address: a delegate's token opened on the
 * chair's address shows the read-only follow view (no edit control, no "chair"), so its local copy only
 * ever holds what the server sent, and an edit attempted there reaches nobody.
 */
import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from './serverAndBrowser.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { boardMeeting, openView, personContext } from './pageHelpers.js';

const env = serverAndBrowser();

describe('the role comes from the token', () => {
  it('G-ROLE-3: a delegate token on the chair address shows the follow view, with no editable control and no "chair"', async () => {
    const m = await createMeeting(env.ts, boardMeeting());
    const ctx = await personContext(env.browser, 'A Delegate');
    try {
      const chairUrl = m.links.chair.replace(m.tokens.chair, m.tokens.delegate);
      const page = await openView(ctx, chairUrl);
      await page.waitForSelector('.follow-page [data-tdoc]');
      expect(await page.locator('[data-role-note]').textContent()).toMatch(/for following/);
      // Nothing to edit: no status select, no text field but the search, nothing contenteditable.
      expect(await page.locator('select, textarea, [contenteditable="true"]').count()).toBe(0);
      const inputs = await page.locator('input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).type));
      expect(inputs).toEqual(['search']);
      expect(await page.locator('.board-page, .agenda-board').count()).toBe(0);
      const text = (await page.locator('body').innerText()).toLowerCase();
      expect(text).not.toContain('chair');
      expect((await page.title()).toLowerCase()).not.toContain('chair');
      // The key that would revise or set a status on the board does nothing here.
      await page.keyboard.press('a');
      await page.keyboard.press('r');
      expect(await page.locator('[data-tdoc]').count()).toBe(8);
    } finally {
      await ctx.close();
    }
  });

  it('the chair token on the chair address still gets the editable board', async () => {
    const m = await createMeeting(env.ts, boardMeeting());
    const ctx = await personContext(env.browser, 'Francois Chair');
    try {
      const page = await openView(ctx, m.links.chair);
      await page.waitForSelector('.board-page [data-tdoc] select[data-field=status]');
      expect(await page.locator('[data-role-note]').count()).toBe(0);
    } finally {
      await ctx.close();
    }
  });

  it('a rotated (unknown) token on an editor address says the link is revoked', async () => {
    const m = await createMeeting(env.ts, boardMeeting());
    const ctx = await personContext(env.browser, 'Someone');
    try {
      const page = await openView(ctx, m.links.secretary.replace(m.tokens.secretary, 'not-a-token'));
      await page.waitForSelector('.closed-notice');
      expect(await page.locator('.closed-notice').textContent()).toMatch(/revoked/);
      expect(await page.locator('[data-tdoc]').count()).toBe(0);
    } finally {
      await ctx.close();
    }
  });
});
