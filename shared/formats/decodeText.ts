/**
 * Bytes of a text file to a string: UTF-16 with a BOM (or plainly UTF-16LE, Word's "Unicode text"),
 * UTF-8 (BOM or not) when the bytes are valid UTF-8, else windows-1252, which is what Word and Excel on
 * Windows write and which decodes any byte.
 *
 * Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x80-0x9F become C1 controls instead of
 * '€', '…', '–', curly quotes ...), so the 32 differing code points are mapped here.
 */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Decodes windows-1252 bytes exactly (WHATWG mapping). */
export function decodeWindows1252(data: Uint8Array): string {
  const latin = new TextDecoder('latin1').decode(data);
  return latin.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(CP1252_80_9F[c.charCodeAt(0) - 0x80]));
}

/** Decodes a text file of unknown encoding (see above). */
export function decodeText(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  if (looksUtf16le(data)) return new TextDecoder('utf-16le').decode(data);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return decodeWindows1252(data);
  }
}

/** UTF-16LE without a BOM: ASCII text with a zero high byte in every second position. */
function looksUtf16le(data: Uint8Array): boolean {
  if (data.length < 8 || data.length % 2 !== 0) return false;
  for (let i = 1; i < Math.min(data.length, 64); i += 2) if (data[i] !== 0 || data[i - 1] === 0) return false;
  return true;
}
