/** Registration lists (issue 24): .xlsx and odd headers read by what they say. */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { headerColumn, parseRegistrationList, placeOf } from '../../shared/formats/registrationList.js';
import { ImportError } from '../../shared/formats/types.js';

async function workbook(sheets: Record<string, unknown[][]>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('registration lists', () => {
  it('G-PEOPLE-15 reads the first sheet that names people, by header content in any order, with a column of addresses under another header', async () => {
    const data = await workbook({
      Summary: [['Meeting', 'SA2#170'], ['Registered', 3]],
      Delegates: [
        ['Registration list of SA2#170'],
        ['Contact', 'Affiliation', 'Family name', 'Given name', 'Type of attendance'],
        ['ann@ericsson.example', 'Ericsson', 'Lee', 'Ann', 'Physical'],
        ['bob@nokia.example', 'Nokia', 'Stone', 'Bob', 'Remote'],
        ['', '', '', '', ''],
        ['cy@huawei.example', 'Huawei', 'Park', 'Cy', ''],
      ],
    });
    const list = await parseRegistrationList(data);
    expect(list.format).toBe('xlsx');
    expect(list.columns).toMatchObject({ email: 'Contact', organisation: 'Affiliation', last: 'Family name', first: 'Given name', place: 'Type of attendance' });
    expect(list.rows.map((r) => [r.name, r.organisation, r.email, r.place])).toEqual([
      ['Ann Lee', 'Ericsson', 'ann@ericsson.example', 'room'],
      ['Bob Stone', 'Nokia', 'bob@nokia.example', 'remote'],
      ['Cy Park', 'Huawei', 'cy@huawei.example', ''],
    ]);
  });

  it('refuses a sheet without names, saying what it holds', async () => {
    const data = await workbook({ Sheet1: [['Login', 'Company'], ['x1', 'Nokia']] });
    await expect(parseRegistrationList(data)).rejects.toThrow(ImportError);
    await expect(parseRegistrationList(data)).rejects.toThrow(/"Login", "Company"/);
  });

  it('knows the usual header words and attendance values', () => {
    expect(['Name', 'Full name', 'Delegate', 'Participant name'].map(headerColumn)).toEqual(['name', 'name', 'name', 'name']);
    expect(['Organisation', 'Organization', 'Company', 'Member', 'Member company', 'Affiliation'].map(headerColumn)).toEqual(Array(6).fill('organisation'));
    expect(['E-mail', 'Email address', 'mail'].map(headerColumn)).toEqual(['email', 'email', 'email']);
    expect(['On-site', 'Remote', 'Attendance'].map(headerColumn)).toEqual(['place', 'place', 'place']);
    expect([placeOf('Yes', 'On-site'), placeOf('No', 'On-site'), placeOf('yes', 'Remote'), placeOf('In person'), placeOf('Online')]).toEqual(['room', 'remote', 'remote', 'room', 'remote']);
  });
});
