/**
 * Accessibility as the bodies' rules ask (ETSI EN 301 549, WCAG 2.1 AA): axe-core over every view finds
 * no serious or critical violation: the board (with a row selected, the bring-in dialog and the revise
 * dialog), the room screen, the delegates' follow view (a row opened), and the admin page (links open).
 */
import { describe, expect, it } from 'vitest';
import { serverAndBrowser } from './serverAndBrowser.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { boardMeeting, openPage, openView, personContext, selectRow } from './pageHelpers.js';
import { seriousViolations } from './axeCheck.js';

const env = serverAndBrowser();

describe('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  it('the board, the screen, the follow view and the admin page have no serious or critical violation', async () => {
    const meeting = boardMeeting();
    meeting.meta.body = '3GPP';
    meeting.meta.numberBlock = 'SEC-2026-0300-SEC-2026-0399';
    const m = await createMeeting(env.ts, meeting);
    const secCtx = await personContext(env.browser, 'Karen Secretary');
    const delCtx = await personContext(env.browser, 'A Delegate', { width: 390, height: 844 });
    const screenCtx = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const adminCtx = await env.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const found: Record<string, unknown> = {};
    try {
      const sec = await openView(secCtx, m.links.secretary);
      found['board'] = await seriousViolations(sec);
      await selectRow(sec, 'SEC-2026-0102');
      await sec.keyboard.press('l');
      found['board, row selected'] = await seriousViolations(sec);
      await sec.keyboard.press('r');
      await sec.waitForFunction(() => (document.querySelector('[data-field=revision-number]') as HTMLInputElement | null)?.value);
      found['board, revise dialog'] = await seriousViolations(sec);
      await sec.keyboard.press('Escape');
      await sec.getByRole('tab', { name: 'Meeting' }).click();
      found['board, meeting tab'] = await seriousViolations(sec);

      const follow = await openView(delCtx, m.links.delegate);
      await follow.waitForSelector('[data-live="true"] [data-tdoc]');
      found['follow'] = await seriousViolations(follow);
      await follow.locator('[data-tdoc="SEC-2026-0102"]').first().click();
      found['follow, row open'] = await seriousViolations(follow);

      const screen = await openPage(screenCtx, m.links.screen, '.screen-page img.qr');
      await screen.waitForSelector('[data-current-tdoc]');
      found['screen'] = await seriousViolations(screen);

      const admin = await adminCtx.newPage();
      await admin.goto(`${env.ts.url}/`);
      found['admin, token'] = await seriousViolations(admin);
      await admin.getByLabel('Admin token').fill(env.ts.adminToken);
      await admin.getByRole('button', { name: 'Open' }).click();
      await admin.waitForSelector(`[data-meeting="${m.id}"]`);
      await admin.locator(`[data-meeting="${m.id}"]`).getByRole('button', { name: 'Links' }).click();
      await admin.locator(`[data-meeting="${m.id}"] [data-role=delegate]`).getByRole('button', { name: 'QR code' }).click();
      await admin.waitForSelector('img.qr');
      await admin.locator(`[data-meeting="${m.id}"]`).getByRole('button', { name: 'Delete…' }).click();
      await admin.waitForSelector('button:text("Download the meeting JSON")');
      found['admin'] = await seriousViolations(admin);
    } finally {
      await Promise.all([secCtx.close(), delCtx.close(), screenCtx.close(), adminCtx.close()]);
    }
    const failing = Object.fromEntries(Object.entries(found).filter(([, v]) => (v as unknown[]).length));
    expect(failing).toEqual({});
  });

  it('the bring-in summary dialog has no serious or critical violation', async () => {
    const m = await createMeeting(env.ts, boardMeeting());
    const ctx = await personContext(env.browser, 'Karen Secretary');
    try {
      const sec = await openView(ctx, m.links.secretary);
      const newer = boardMeeting(5);
      newer.contributions[0].title = 'A newer title from the portal';
      await sec.locator('input[type=file]').setInputFiles({ name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(newer)) });
      await sec.waitForSelector('.import-panel[data-import-stage=preview]');
      expect(await seriousViolations(sec)).toEqual([]);
      await sec.locator('[data-action=apply-import]').click();
      await sec.waitForSelector('.import-panel[data-import-stage=applied]');
      expect(await seriousViolations(sec)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
