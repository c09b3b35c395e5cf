/**
 * The zip guard inflates for real: a part whose headers declare 4 KiB but that inflates to hundreds of
 * MB is refused before any library unpacks it, in both zip formats; real-sized files pass.
 */
import { describe, expect, it } from 'vitest';
import { exportMeeting, importMeeting, ImportError } from '../../shared/formats/index.js';
import { assertZip, MAX_UNPACKED_BYTES } from '../../shared/formats/zipInput.js';
import { bytesOf, sampleMeeting } from './sampleMeeting.js';
import { lyingZipBomb } from './zipBytes.js';

describe('the zip guard', () => {
  it('refuses a part that inflates past the cap whatever its headers declare, in .docx and .xlsx', async () => {
    for (const [format, part] of [
      ['docx', 'word/document.xml'],
      ['xlsx', 'xl/workbook.xml'],
    ] as const) {
      const bomb = await lyingZipBomb(part, (MAX_UNPACKED_BYTES >> 20) + 20);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const err = await importMeeting(bomb, { format }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect((err as ImportError).message).toMatch(/unpacks to more than \d+ MB/);
    }
  });

  it('lets a part under the cap through to the library, and real exports import', async () => {
    await expect(assertZip(await lyingZipBomb('word/document.xml', 8), 'Word (.docx)')).resolves.toBeUndefined();
    for (const format of ['docx', 'xlsx'] as const) {
      const file = bytesOf((await exportMeeting(sampleMeeting(), format)).data);
      await expect(assertZip(file, format)).resolves.toBeUndefined();
      expect((await importMeeting(file, { format })).meeting.agenda.length).toBeGreaterThan(0);
    }
  });

  it('refuses archives the libraries would read differently from the guard (data before the archive)', async () => {
    const file = bytesOf((await exportMeeting(sampleMeeting(), 'docx')).data);
    const shifted = new Uint8Array(file.length + 30);
    shifted.set(file.subarray(0, 30), 0);
    shifted.set(file, 30);
    await expect(assertZip(shifted, 'Word (.docx)')).rejects.toThrow(/data before or inside its zip directory/);
  });
});
