/**
 * Checks shared by the .docx and .xlsx importers: the bytes must be a whole zip container before a library
 * sees them, and a library's failure becomes one ImportError line instead of a stack trace.
 */
import { ImportError } from './types.js';

/** Word 97-2003 and Excel 97-2003 files (.doc, .xls) are OLE compound files, not zips. */
export function isOleFile(data: Uint8Array): boolean {
  return data.length >= 8 && data[0] === 0xd0 && data[1] === 0xcf && data[2] === 0x11 && data[3] === 0xe0 && data[4] === 0xa1 && data[5] === 0xb1;
}
export const OLE_MESSAGE = 'an old binary Word or Excel file (.doc, .xls): save it as .docx or .xlsx and import that';

/** Throws ImportError unless `data` starts like a zip and still has its end-of-directory record (not cut short). */
export function assertZip(data: Uint8Array, kind: string): void {
  if (isOleFile(data)) throw new ImportError(OLE_MESSAGE);
  if (data.length < 22 || data[0] !== 0x50 || data[1] !== 0x4b || data[2] !== 0x03 || data[3] !== 0x04) {
    throw new ImportError(`not ${article(kind)} ${kind} file (it is not a zip container)`);
  }
  // End of central directory: PK\x05\x06 within the last 64 KiB + 22 bytes.
  const from = Math.max(0, data.length - 65557);
  for (let i = data.length - 22; i >= from; i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && data[i + 2] === 0x05 && data[i + 3] === 0x06) {
      checkUnpackedSize(data, i, kind);
      return;
    }
  }
  throw new ImportError(`${article(kind)} ${kind} file cut short (its zip directory is missing)`);
}

/** What an agenda or Tdoc list may unpack to: real ones unpack to a few MB; a zip bomb to gigabytes. */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

/** Sums the unpacked sizes the central directory declares; refuses a file that would unpack too large. */
function checkUnpackedSize(data: Uint8Array, eocd: number, kind: string): void {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries && p + 46 <= data.length; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) break;
    total += view.getUint32(p + 24, true);
    if (total > MAX_UNPACKED_BYTES) {
      throw new ImportError(`${article(kind)} ${kind} file that would unpack to more than ${MAX_UNPACKED_BYTES >> 20} MB; refused`);
    }
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
}

/** An exception thrown by a parsing library, as one line a person can act on. */
export function libraryError(kind: string, e: unknown): ImportError {
  if (e instanceof ImportError) return e;
  const msg = cleanMessage(e);
  return new ImportError(`not a readable ${kind} file${msg ? ` (${msg})` : ''}`);
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function cleanMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return raw.split('\n')[0].replace(/\s+/g, ' ').trim().slice(0, 160);
}
