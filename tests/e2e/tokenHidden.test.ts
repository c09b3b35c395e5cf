/**
 * G-TOK-2: the token leaves the address bar as soon as a view opens, in every role's view (so it is not
 * in the history, a screenshot of the address bar, or a link copied from it), and the page still works
 * under the server's Content-Security-Policy (no violation reported).
 */
import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from './serverAndBrowser.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { boardMeeting, openView, personContext } from './pageHelpers.js';

const env = serverAndBrowser();

describe('tokens in the browser', () => {
  it('G-TOK-2: every role\'s view moves the token out of the address bar into sessionStorage, with no CSP violation', async () => {
    const m = await createMeeting(env.ts, boardMeeting());
    const ctx = await personContext(env.browser, 'A Person');
    try {
      for (const role of ['chair', 'secretary', 'delegate', 'screen'] as const) {
        const violations: string[] = [];
        const view = await openView(ctx, m.links[role]);
        view.on('console', (msg) => /Content Security Policy/i.test(msg.text()) && violations.push(msg.text()));
        await view.waitForFunction(() => !location.href.includes('token='), undefined, { timeout: 30_000 });
        expect(view.url(), role).not.toContain(m.tokens[role]);
        const stored = await view.evaluate(() => JSON.stringify(Object.values(sessionStorage)));
        expect(stored, role).toContain(m.tokens[role]);
        expect(violations, role).toEqual([]);
        await view.close();
      }
    } finally {
      await ctx.close();
    }
  });
});
