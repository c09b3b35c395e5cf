/** What the admin page says before and after replacing links (client/model/linkRotation.ts). */
import { describe, expect, it } from 'vitest';
import { rotationDone, rotationPlan } from '../../client/model/linkRotation.js';

describe('replacing links, in words', () => {
  it("the delegates' link: its QR code on every room screen changes, delegates are disconnected, screens stay and update, the rest is unchanged", () => {
    const p = rotationPlan('delegate', { delegate: 12, screen: 2, chair: 1 }, 2);
    expect(p.roles).toEqual(['delegate']);
    expect(p.changes).toEqual(["the delegates' link, and with it the QR code on every room screen"]);
    expect(p.pages).toEqual([
      '12 delegate pages following now are disconnected at once ("this link has been revoked"); delegates rejoin by scanning the screen\'s new QR code.',
      '2 room screens open now stay connected and show the new QR code by themselves.',
    ]);
    expect(p.unchanged).toEqual(["the chair's link", "the secretary's link", "every room's screen link (2 rooms; the old ones keep working and show the new QR code)"]);
    expect(rotationDone(p)).toBe(
      "Replaced: the delegates' link, and with it the QR code on every room screen. The old link no longer works; pages open with it were disconnected. The open room screens show the new QR code by themselves. Unchanged: the chair's link; the secretary's link; and every room's screen link (2 rooms; the old ones keep working and show the new QR code).",
    );
  });

  it('one editor\'s link: only that one changes; the screens and their QR code are unchanged', () => {
    const p = rotationPlan('chair', { chair: 1 }, 1);
    expect(p.changes).toEqual(["the chair's link"]);
    expect(p.pages).toEqual(['1 chair board open now is disconnected at once; open the new chair link there.']);
    expect(p.unchanged).toEqual(["the secretary's link", "the delegates' link", "the room screen's link"]);
    expect(rotationDone(p)).not.toMatch(/QR/);
  });

  it("the screens' link: every room's, the open screens are disconnected; nobody else is", () => {
    const p = rotationPlan('screen', { screen: 3 }, 3);
    expect(p.changes).toEqual(["every room's screen link (3 rooms)"]);
    expect(p.pages).toEqual(["3 room screens open now are disconnected; open each room's new screen link on its projector."]);
    expect(rotationDone(p)).toMatch(/^Replaced: every room's screen link \(3 rooms\)\. The old links no longer work/);
  });

  it('every role: everything changes, nothing is unchanged, and the screens are disconnected rather than updated', () => {
    const p = rotationPlan('all', {}, 1);
    expect(p.roles).toEqual(['chair', 'secretary', 'delegate', 'screen']);
    expect(p.unchanged).toEqual([]);
    expect(p.pages).toContain('No room screen is open now.');
    expect(rotationDone(p)).not.toMatch(/show the new QR code by themselves/);
    expect(rotationDone(p)).toMatch(/The old links no longer work; pages open with them were disconnected\.$/);
  });
});
