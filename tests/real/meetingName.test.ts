/** The real TdocsByAgenda pages uploaded without their file name get their meeting's name, not the page title. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importMeeting } from '../../shared/formats/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA = process.env.PLENARY_REAL_DATA ?? resolve(ROOT, '../shared/fixtures/real');

describe('real TdocsByAgenda pages without a file name', () => {
  it.each([
    ['3gpp-tdocs-by-agenda/2020.02.29_TdocsByAgenda_SA2-137E.htm', 'SA WG2 #137'],
    ['3gpp-tdocs-by-agenda/2023.02.14_TdocsByAgenda_SA2-155.htm', 'SA2#155'],
  ])('%s is titled %s', async (file, title) => {
    const { meeting } = await importMeeting(readFileSync(resolve(DATA, file)), { format: 'html' });
    expect(meeting.meta.title).toBe(title);
    expect(meeting.meta.title).not.toMatch(/Document List/);
  });
});
