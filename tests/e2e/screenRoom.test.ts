/**
 * The room's screen: a QR code that points at a loopback address or a bare machine name is flagged on the
 * screen itself; long 3GPP titles wrap onto a second line; the live Tdoc's decision and notes are shown;
 * the QR column narrows once the meeting has started. And the follow view marks Tdocs that have notes.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { serverAndBrowser } from './serverAndBrowser.js';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { bigMeeting, openPage, openView, personContext } from './pageHelpers.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setLive, setMeta } from '../../shared/document/meetingParts.js';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';

const env = serverAndBrowser();

const LONG =
  'Discussion on the remaining open issues for the support of network-controlled repeaters and the corresponding RAN4 core requirements, including the handling of UE-specific beam indication';

function longTitleMeeting() {
  const doc = new Y.Doc();
  setMeta(doc, { title: 'RAN#110', body: '3GPP', startDate: '2025-12-08', endDate: '2025-12-11' });
  const item = addAgendaItem(doc, { label: '9.1.2', title: 'Rel-19 NR network-controlled repeaters' });
  addContribution(doc, { number: 'RP-252972', title: LONG, source: 'Ericsson, Nokia', agendaItemId: item, notes: 'Revised in RP-253795. Chair: fine with the revision.' });
  addContribution(doc, { number: 'RP-252973', title: 'Short title', source: 'Huawei', agendaItemId: item });
  const json = readMeeting(doc);
  doc.destroy();
  return json;
}

describe('the room screen', () => {
  it('warns when its QR code points at a loopback address, and not for a LAN address', async () => {
    const m = await createMeeting(env.ts, longTitleMeeting());
    const ctx = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    try {
      // The test server's links are http://127.0.0.1:PORT/...: no phone can open them.
      expect(m.links.screen).toContain('127.0.0.1');
      const screen = await openPage(ctx, m.links.screen, '.screen-page img.qr');
      const warning = screen.locator('[data-qr-warning]');
      await warning.waitFor();
      expect(await warning.textContent()).toMatch(/127\.0\.0\.1.*loopback/);
      expect(await warning.isVisible()).toBe(true);

      // A server whose links carry a LAN address (PUBLIC_URL): the screen asks it for the delegates' link
      // (GET /follow-link, issue 25), whatever its own address's `follow` says.
      const lanServer = await startTestServer({ publicUrl: 'http://192.168.1.20:8080' });
      const lanMeeting = await createMeeting(lanServer, longTitleMeeting());
      const lan = lanMeeting.links.screen.replace('http://192.168.1.20:8080', lanServer.url);
      const ctx2 = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
      try {
        const screen2 = await openPage(ctx2, lan, '.screen-page img.qr');
        expect(await screen2.locator('.screen-url').textContent()).toBe('192.168.1.20:8080');
        expect(await screen2.locator('[data-qr-warning]').count()).toBe(0);
      } finally {
        await ctx2.close();
      }
    } finally {
      await ctx.close();
    }
  });

  it('wraps a long title, shows the live Tdoc\'s decision and notes, and narrows the QR column once started', async () => {
    const m = await createMeeting(env.ts, longTitleMeeting());
    const ctx = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const phone = await personContext(env.browser, 'A Delegate', { width: 390, height: 844 });
    try {
      const screen = await openPage(ctx, m.links.screen, '.screen-page img.qr');
      const before = await screen.locator('.screen-side').boundingBox();
      const chair = connectClient(env.ts.syncUrl, m.id, m.tokens.chair);
      await chair.synced();
      const c = readMeeting(chair.doc).contributions.find((x) => x.number === 'RP-252972')!;
      setLive(chair.doc, { agendaItemId: c.agendaItemId, contributionId: c.id });
      await screen.waitForSelector('[data-current-tdoc="RP-252972"]');
      const title = screen.locator('[data-tdoc="RP-252972"] .screen-tdoc-title');
      // Two lines, not one cut with an ellipsis.
      const box = await title.evaluate((el) => ({ h: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight), clipped: el.scrollWidth > el.clientWidth }));
      expect(box.clipped).toBe(false);
      expect(box.h).toBeGreaterThan(1.5 * box.line);
      expect(await screen.locator('.screen-current-notes').textContent()).toContain('Chair: fine with the revision.');
      expect(await screen.locator('[data-current-tdoc] [data-field=status]').textContent()).toBe('Available');
      const after = await screen.locator('.screen-side').boundingBox();
      expect(after!.width).toBeLessThan(before!.width);
      chair.destroy();

      // The delegate's phone marks the Tdoc with notes, and not the other.
      const follow = await openView(phone, m.links.delegate);
      await follow.waitForSelector('[data-tdoc="RP-252972"] [data-has-notes]');
      expect(await follow.locator('[data-tdoc="RP-252973"] [data-has-notes]').count()).toBe(0);

    } finally {
      await Promise.all([ctx.close(), phone.close()]);
    }
  });

  it('the follow view keeps its tabs right under the header when no session is set, scrolled down too', async () => {
    const m = await createMeeting(env.ts, bigMeeting(150, 10));
    const phone = await personContext(env.browser, 'A Delegate', { width: 390, height: 844 });
    try {
      const follow = await openView(phone, m.links.delegate);
      const gap = () => follow.evaluate(() => document.querySelector('.follow-tabs')!.getBoundingClientRect().top - document.querySelector('.follow-top')!.getBoundingClientRect().bottom);
      expect(Math.abs(await gap())).toBeLessThan(1);
      await follow.evaluate(() => window.scrollTo(0, 3000));
      await follow.waitForFunction(() => window.scrollY > 1000);
      expect(Math.abs(await gap())).toBeLessThan(1);
      expect(await follow.evaluate(() => document.querySelector('.follow-top')!.getBoundingClientRect().top)).toBe(0);
    } finally {
      await phone.close();
    }
  });
});
