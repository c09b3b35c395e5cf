import { describe, expect, it } from 'vitest';
import { importMeeting } from '../../shared/formats/index.js';
import { isGenericPageTitle, meetingNameFromTdocs, nameFromNumbers } from '../../shared/formats/meetingName.js';

const GENERIC = 'Document List for meeting All sessions - Ordered by Agenda Item';

function page(title: string, rows: string[][]): Uint8Array {
  const tr = (cells: string[]) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  return new TextEncoder().encode(
    `<html><head><title>${title}</title></head><body><table>${tr(['TD#', 'Type', 'Doc For', 'Subject', 'Source', 'Meeting', 'Comments', 'AI'])}${rows.map(tr).join('')}</table></body></html>`,
  );
}

describe('the meeting name of a TdocsByAgenda page', () => {
  it('recognises the Word export title that names no meeting', () => {
    expect(isGenericPageTitle(GENERIC)).toBe(true);
    expect(isGenericPageTitle('')).toBe(true);
    expect(isGenericPageTitle('SA WG2 #160')).toBe(false);
  });

  it('takes the name from the agenda Tdoc, as each group writes it', () => {
    expect(meetingNameFromTdocs([{ title: 'SA WG2 #137 Meeting Agenda', type: 'AGENDA' }])).toBe('SA WG2 #137');
    expect(meetingNameFromTdocs([{ title: 'SA2#155 Meeting Agenda', type: 'AGENDA' }])).toBe('SA2#155');
    expect(meetingNameFromTdocs([{ title: 'Agenda for meeting RAN #110 held 08.12.-11.12.2025 in Baltimore, USA', type: 'agenda' }])).toBe('RAN #110');
    expect(meetingNameFromTdocs([{ title: 'Draft agenda for 3GPP TSG RAN WG1 #110', type: 'agenda' }])).toBe('3GPP TSG RAN WG1 #110');
    expect(meetingNameFromTdocs([{ title: 'Some CR', type: 'CR' }])).toBeUndefined();
    expect(nameFromNumbers([{ number: 'S2-2400001' }, { number: 'S2-2400002' }, { number: 'SP-240001' }])).toBe('S2 Tdocs by agenda item');
  });

  it('titles an uploaded page (no file name) by its meeting, never by the generic page title', async () => {
    const withAgenda = page(GENERIC, [
      ['S2-2400001', 'AGENDA', 'Approval', 'SA WG2 #160 Meeting Agenda', 'SA WG2 Chair', '', '', '2'],
      ['S2-2400002', 'CR', 'Agreement', 'A change', 'Nokia', '', '', '5.1'],
    ]);
    expect((await importMeeting(withAgenda, { format: 'html' })).meeting.meta.title).toBe('SA WG2 #160');
    const without = page(GENERIC, [['S2-2400002', 'CR', 'Agreement', 'A change', 'Nokia', '', '', '5.1']]);
    expect((await importMeeting(without, { format: 'html' })).meeting.meta.title).toBe('S2 Tdocs by agenda item');
    // A file name that names the meeting still wins; a page with a real title keeps it.
    expect((await importMeeting(withAgenda, { format: 'html', fileName: '2024.02.26_TdocsByAgenda_SA2-160.htm' })).meeting.meta.title).toBe('SA2-160');
    expect((await importMeeting(page('SA WG2 Meeting #160 Tdocs', [['S2-2400002', 'CR', 'Agreement', 'A change', 'Nokia', '', '', '5.1']]), { format: 'html' })).meeting.meta.title).toBe('SA WG2 Meeting #160 Tdocs');
  });
});
