/** Sending a dropped or chosen file to the server as it is (CONTRACT.md §3: the body is the file). */

/** Content types the server reads, by file extension, for a file the browser gives no type. */
const TYPES: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  htm: 'text/html',
  html: 'text/html',
  json: 'application/json',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The Content-Type to send a dropped file with. */
export function fileContentType(file: { name: string; type: string }): string {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? (file.type || 'application/octet-stream');
}

/** Headers that send a file as it is: its type and (for format detection and messages) its name. */
export function fileHeaders(file: { name: string; type: string }): Record<string, string> {
  // Header values must be ISO-8859-1: a name with other characters goes percent-encoded.
  return { 'content-type': fileContentType(file), 'x-file-name': /^[\x20-\x7e]*$/.test(file.name) ? file.name : encodeURIComponent(file.name) };
}
