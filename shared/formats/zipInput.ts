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

/**
 * Throws ImportError unless `data` starts like a zip, still has its end-of-directory record (not cut
 * short), and really unpacks to at most MAX_UNPACKED_BYTES: every part is inflated as a stream, counted
 * and thrown away, stopping at the cap whatever sizes the archive declares (a part declared as 4 KiB may
 * inflate to gigabytes). The parts counted are the ones JSZip (under mammoth and exceljs) reads: every
 * central-directory entry, at its local header's data. Archives JSZip would read differently (data
 * before the archive, ZIP64) are refused; agendas and Tdoc lists never need them.
 */
export async function assertZip(data: Uint8Array, kind: string): Promise<void> {
  if (isOleFile(data)) throw new ImportError(OLE_MESSAGE);
  if (data.length < 22 || data[0] !== 0x50 || data[1] !== 0x4b || data[2] !== 0x03 || data[3] !== 0x04) {
    throw new ImportError(`not ${article(kind)} ${kind} file (it is not a zip container)`);
  }
  // End of central directory: PK\x05\x06 within the last 64 KiB + 22 bytes (the last one, as JSZip reads).
  const from = Math.max(0, data.length - 65557);
  for (let i = data.length - 22; i >= from; i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && data[i + 2] === 0x05 && data[i + 3] === 0x06) {
      await checkUnpackedSize(data, i, kind);
      return;
    }
  }
  throw new ImportError(`${article(kind)} ${kind} file cut short (its zip directory is missing)`);
}

/** What an agenda or Tdoc list may unpack to: real ones unpack to a few MB; a zip bomb to gigabytes. */
export const MAX_UNPACKED_BYTES = 96 * 1024 * 1024;

const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** Inflates every part as a stream and counts its real bytes; refuses the file beyond the cap. */
async function checkUnpackedSize(data: Uint8Array, eocd: number, kind: string): Promise<void> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const tooLarge = () => new ImportError(`${article(kind)} ${kind} file that unpacks to more than ${MAX_UNPACKED_BYTES >> 20} MB; refused`);
  const odd = (what: string) => new ImportError(`${article(kind)} ${kind} file with ${what}, which agendas and Tdoc lists never have; refused`);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (view.getUint16(eocd + 4, true) === U16_MAX || view.getUint16(eocd + 10, true) === U16_MAX || cdSize === U32_MAX || cdOffset === U32_MAX) {
    throw odd('a ZIP64 directory');
  }
  if (cdOffset + cdSize !== eocd) throw odd('data before or inside its zip directory');
  let total = 0;
  let declaredTotal = 0;
  for (let p = cdOffset; p + 46 <= eocd && view.getUint32(p, true) === 0x02014b50; ) {
    const method = view.getUint16(p + 10, true);
    const packed = view.getUint32(p + 20, true);
    const declared = view.getUint32(p + 24, true);
    const local = view.getUint32(p + 42, true);
    if (packed === U32_MAX || declared === U32_MAX || local === U32_MAX) throw odd('ZIP64 parts');
    // What the archive admits to is refused at once; what it hides is found by inflating below.
    declaredTotal += declared;
    if (declaredTotal > MAX_UNPACKED_BYTES) {
      throw new ImportError(`${article(kind)} ${kind} file that would unpack to more than ${MAX_UNPACKED_BYTES >> 20} MB; refused`);
    }
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (local + 30 > data.length || view.getUint32(local, true) !== 0x04034b50) continue; // the library reports it
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const part = data.subarray(start, Math.min(data.length, start + packed));
    if (method === 0) total += part.length;
    else if (method === 8) total += await inflatedSize(part, MAX_UNPACKED_BYTES - total);
    if (total > MAX_UNPACKED_BYTES) throw tooLarge();
  }
}

/**
 * Bytes a raw-deflate stream inflates to, counted chunk by chunk and not kept; stops once past `cap`
 * (returning more than `cap`). A damaged stream counts what it gave: the library reports the damage.
 */
async function inflatedSize(part: Uint8Array, cap: number): Promise<number> {
  const { createInflateRaw } = await import('node:zlib');
  return new Promise((resolve) => {
    const z = createInflateRaw();
    let n = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(n);
    };
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > cap) {
        finish();
        z.destroy();
      }
    });
    z.on('end', finish);
    z.on('error', finish);
    z.on('close', finish);
    z.end(part);
  });
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
