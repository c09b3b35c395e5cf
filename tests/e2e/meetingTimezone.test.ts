/**
 * The Meeting tab's time zone in a real browser: it offers the zones the browser knows (and UTC), a pick
 * reaches the other editor through the server, and a place name such as 'Baltimore' cannot be chosen.
 */
import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from './serverAndBrowser.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { boardMeeting, openView, personContext } from './pageHelpers.js';

const env = serverAndBrowser();

describe('the Meeting tab time zone', () => {
  it('offers only IANA zones and UTC; a chosen zone reaches the other editor; Baltimore is refused', async () => {
    const m = await createMeeting(env.ts, boardMeeting(1));
    const chairCtx = await personContext(env.browser, 'Francois Chair');
    const secCtx = await personContext(env.browser, 'Karen Secretary');
    try {
      const chair = await openView(chairCtx, m.links.chair);
      const sec = await openView(secCtx, m.links.secretary);
      for (const page of [chair, sec]) await page.getByRole('tab', { name: 'Meeting' }).click();
      const zone = chair.getByLabel('Time zone');
      expect(await zone.inputValue()).toBe('Europe/Paris');
      const options = await zone.locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
      const known = await chair.evaluate(() => Intl.supportedValuesOf('timeZone'));
      expect(options).toContain('UTC');
      expect(options.filter((o) => o !== 'UTC').sort()).toEqual([...known].sort());
      expect(options).not.toContain('Baltimore');
      await expect(zone.selectOption('Baltimore', { timeout: 2_000 })).rejects.toThrow();
      await zone.selectOption('America/New_York');
      await expect.poll(() => sec.getByLabel('Time zone').inputValue(), { timeout: 30_000 }).toBe('America/New_York');
    } finally {
      await chairCtx.close();
      await secCtx.close();
    }
  });
});
