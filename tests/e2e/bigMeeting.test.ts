/**
 * A 2,000-Tdoc meeting in the browser: the board opens with only the visible rows rendered, find-as-you-type
 * reaches a row far down, a decision there reaches a delegate. The time to the first rows is printed, not
 * asserted (timed assertions do not belong in tests on a shared machine).
 */
import { expect, it } from 'vitest';
import { serverAndBrowser } from './serverAndBrowser.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { bigMeeting, openView, personContext, waitForStatus } from './pageHelpers.js';

const env = serverAndBrowser();

it('opens a 2,000-Tdoc meeting with only the visible rows in the page, and finds and decides a row far down', async () => {
  const m = await createMeeting(env.ts, bigMeeting(2000));
  const secCtx = await personContext(env.browser, 'Karen Secretary');
  const delCtx = await personContext(env.browser, 'A Delegate', { width: 390, height: 844 });
  try {
    const t0 = Date.now();
    const sec = await openView(secCtx, m.links.secretary);
    const firstRows = Date.now() - t0;
    const rendered = await sec.locator('[data-tdoc]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(200);
    expect(await sec.locator('.match-count').textContent()).toContain('2000 contributions');

    const typed = Date.now();
    await sec.keyboard.press('/');
    await sec.keyboard.type('S3-261999');
    await sec.waitForSelector('[data-tdoc="S3-261999"]');
    const found = Date.now() - typed;
    expect(await sec.locator('[data-tdoc]').count()).toBe(1);
    await sec.locator('[data-tdoc="S3-261999"] [data-field=status]').selectOption({ label: 'Postponed' });

    const delegate = await openView(delCtx, m.links.delegate);
    await delegate.locator('input[type=search]').fill('261999');
    await waitForStatus(delegate, 'S3-261999', 'Postponed');

    // Filtering by status: the one postponed row.
    await sec.locator('input.search').fill('status:postponed');
    await sec.waitForFunction(() => document.querySelectorAll('[data-tdoc]').length === 1);
    const marks = await sec.evaluate(() => {
      const at = (n: string) => Math.round(performance.getEntriesByName(n)[0]?.startTime ?? -1);
      return { synced: at('plenary:synced'), firstView: at('plenary:first-view') };
    });
    console.log(
      `2,000 Tdocs: synced at ${marks.synced} ms and first view at ${marks.firstView} ms after navigation start; ` +
        `first rows seen by the test after ${firstRows} ms; search typed and shown in ${found} ms`,
    );
  } finally {
    await Promise.all([secCtx.close(), delCtx.close()]);
  }
});
