/**
 * Bytes of a text file to a string: UTF-8 (BOM or not) when the bytes are valid UTF-8, else windows-1252,
 * which is what Word and Excel on Windows write and which decodes any byte.
 */
export function decodeText(data: Uint8Array, fallback = 'windows-1252'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder(fallback).decode(data);
  }
}
