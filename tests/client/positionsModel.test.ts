import { describe, expect, it } from 'vitest';
import { deadlineText, spanText, wallTime } from '../../client/model/deadlines.js';
import { objectionsSince, sourceNames } from '../../client/model/objections.js';
import type { Position } from '../../shared/positions/positionLedger.js';

describe('deadlines as people read them', () => {
  it('shows the venue\'s zone, the reader\'s when it differs, and the time left or since', () => {
    const iso = '2026-03-06T11:00:00.000Z';
    const at = Date.parse(iso);
    expect(wallTime(iso, 'Asia/Seoul')).toBe('Fri 6 Mar 20:00');
    const t = deadlineText(iso, 'Asia/Seoul', at - 3 * 3600_000 - 20 * 60_000, 'Europe/Paris');
    expect(t).toEqual({ venue: 'Fri 6 Mar 20:00 (Asia/Seoul)', mine: 'Fri 6 Mar 12:00 your time', left: 'in 3 h 20 min', passed: false });
    expect(deadlineText(iso, 'UTC', at + 90_000, 'UTC')).toMatchObject({ mine: '', left: 'passed 2 min ago', passed: true });
    expect(spanText(50 * 3600_000)).toBe('2 days 2 h');
  });
});

describe('objections on an organisation\'s Tdocs', () => {
  it('lists objections by others since a time on Tdocs whose source names the organisation, newest first', () => {
    const p = (contributionId: string, organisation: string, stance: Position['stance'], at: string): Position => ({ contributionId, organisation, stance, comment: '', by: '', at, onBehalf: true });
    const sources: Record<string, string> = { a: 'Ericsson, Nokia', b: 'Huawei', c: 'Ericsson LM; Apple' };
    const list = [p('a', 'Apple', 'object', '2026-03-02T10:00:00Z'), p('a', 'Ericsson', 'object', '2026-03-02T11:00:00Z'), p('b', 'Apple', 'object', '2026-03-02T12:00:00Z'), p('c', 'Nokia', 'object', '2026-03-02T13:00:00Z'), p('c', 'Huawei', 'support', '2026-03-02T14:00:00Z'), p('a', 'Qualcomm', 'object', '2026-03-01T10:00:00Z')];
    const got = objectionsSince(list, 'ericsson', Date.parse('2026-03-02T00:00:00Z'), (id) => ({ source: sources[id] }));
    expect(got.map((x) => `${x.contributionId}:${x.organisation}`)).toEqual(['c:Nokia', 'a:Apple']);
    expect(sourceNames('Ericsson, Nokia', 'nokia')).toBe(true);
    expect(sourceNames('Ericssonia', 'Ericsson')).toBe(false);
  });
});
