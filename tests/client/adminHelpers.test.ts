import { describe, expect, it } from 'vitest';
import { emptyMeetingJson, storeAdminToken, storedAdminToken } from '../../client/admin/adminApi.js';
import { fileContentType, fileHeaders } from '../../client/model/fileUpload.js';
import { ago } from '../../client/components/admin/AdminMeetingRows.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe('the admin page helpers', () => {
  it('an empty meeting is valid meeting JSON with the typed title and dates', () => {
    const json = emptyMeetingJson('SA2#170', '2025-08-25', '2025-08-29');
    const parsed = parseMeeting(json);
    expect(parsed.ok).toBe(true);
    expect(json).toMatchObject({ meta: { title: 'SA2#170', startDate: '2025-08-25', endDate: '2025-08-29' }, agenda: [], contributions: [] });
  });

  it('sends a file with the type the server reads, by extension first', () => {
    expect(fileContentType({ name: 'TDoc_List_Meeting_RAN-110.xlsx', type: '' })).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(fileContentType({ name: 'agenda.DOCX', type: 'application/octet-stream' })).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(fileContentType({ name: 'TdocsByAgenda.htm', type: '' })).toBe('text/html');
    expect(fileContentType({ name: 'list', type: 'text/csv' })).toBe('text/csv');
    expect(fileHeaders({ name: 'Liste réunion.csv', type: '' })).toEqual({ 'content-type': 'text/csv', 'x-file-name': 'Liste%20r%C3%A9union.csv' });
  });

  it('keeps the admin token in the tab storage and forgets it', () => {
    const s = memoryStorage();
    storeAdminToken('secret', s);
    expect(storedAdminToken(s)).toBe('secret');
    storeAdminToken('', s);
    expect(storedAdminToken(s)).toBe('');
  });

  it('says when a meeting last changed in words', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(ago('2026-12-01T11:59:30Z', now)).toBe('just now');
    expect(ago('2026-12-01T11:55:00Z', now)).toBe('5 min ago');
    expect(ago('2026-12-01T09:00:00Z', now)).toBe('3 h ago');
    expect(ago('2026-11-20T09:00:00Z', now)).toBe('2026-11-20');
    expect(ago('never', now)).toBe('—');
  });
});
