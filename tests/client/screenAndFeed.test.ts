import { describe, expect, it } from 'vitest';
import { screenWindow } from '../../client/model/screenWindow.js';
import { decisionsOf } from '../../client/model/decisions.js';
import { closeMessage, isTerminalClose } from '../../client/sync/closeMessage.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { formatTime } from '../../client/components/board/ContributionDetail.js';
import { readAll } from '../../shared/document/entityStore.js';
import { readStatuses } from '../../shared/document/meetingParts.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';
import { meetingFixture } from './meetingFixture.js';

describe('screenWindow', () => {
  it('shows everything when it fits', () => {
    expect(screenWindow(5, 2, 8)).toEqual({ start: 0, end: 5 });
  });
  it('keeps the current row in view, a third of the way down', () => {
    expect(screenWindow(40, -1, 9)).toEqual({ start: 0, end: 9 });
    expect(screenWindow(40, 20, 9)).toEqual({ start: 17, end: 26 });
    expect(screenWindow(40, 39, 9)).toEqual({ start: 31, end: 40 });
    expect(screenWindow(40, 1, 9)).toEqual({ start: 0, end: 9 });
  });
});

describe('decisionsOf', () => {
  it('lists final decisions newest first, from every row\'s history', () => {
    const f = meetingFixture();
    setContributionStatus(f.doc, f.tdocs['SEC-2016-0090'], 'agreed', { by: 'K', at: '2016-05-16T09:00:00Z' });
    setContributionStatus(f.doc, f.tdocs['SEC-2016-0098'], 'noted', { by: 'K', at: '2016-05-16T11:00:00Z' });
    setContributionStatus(f.doc, f.tdocs['SEC-2016-0091'], 'available', { by: 'K', at: '2016-05-16T12:00:00Z' });
    setContributionStatus(f.doc, f.tdocs['SEC-2016-0090'], 'postponed', { by: 'F', at: '2016-05-16T10:00:00Z' });
    const feed = decisionsOf(readAll(f.doc, 'contributions'), readStatuses(f.doc));
    expect(feed.map((d) => `${d.number} ${d.status} ${d.by}`)).toEqual([
      'SEC-2016-0098 noted K',
      'SEC-2016-0090 postponed F',
      'SEC-2016-0090 agreed K',
    ]);
    expect(decisionsOf(readAll(f.doc, 'contributions'), readStatuses(f.doc), 1)).toHaveLength(1);
  });
});

describe('closeMessage', () => {
  it('turns the server\'s reason into a sentence', () => {
    expect(closeMessage(CloseCode.Unauthorized, CloseReason.Revoked)).toBe('This link has been revoked; ask the secretary for a new one.');
  });
  it('has a fallback for a close without a reason', () => {
    expect(closeMessage(CloseCode.UnknownMeeting, '')).toBe('There is no meeting with this id.');
    expect(closeMessage(4499, '')).toBe('The server closed the connection (code 4499).');
  });
  it('treats 4400–4499 as final and the rest as retried', () => {
    expect(isTerminalClose(4401)).toBe(true);
    expect(isTerminalClose(4404)).toBe(true);
    expect(isTerminalClose(4508)).toBe(false);
    expect(isTerminalClose(1006)).toBe(false);
  });
});

describe('formatTime', () => {
  it('shows a decision time on the meeting\'s clock', () => {
    expect(formatTime('2016-05-16T01:32:00Z', 'Asia/Seoul')).toBe('Mon 10:32');
    expect(formatTime('2016-05-16T01:32:00Z', 'UTC')).toBe('Mon 01:32');
  });
  it('keeps text that is not a time, and survives an unknown time zone', () => {
    expect(formatTime('yesterday', 'UTC')).toBe('yesterday');
    expect(formatTime('2016-05-16T01:32:00Z', 'Not/AZone')).toMatch(/^Mon \d\d:32$/);
  });
});
