/**
 * An uploaded agenda, Tdoc list or meeting JSON in a request body, read into meeting JSON: for creating a
 * meeting and for importing into one. Size, format and content errors are HttpErrors (413, 415, 422).
 */
import type { IncomingMessage } from 'node:http';
import { ImportError, detectFormat, formatFromContentType, importMeeting, type ImportFormat, type ImportWarning } from '../../shared/formats/index.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { HttpError, readBody } from './httpUtil.js';

type FileReader = (data: Uint8Array, opts: { format: ImportFormat | 'auto'; fileName?: string }) => Promise<{ meeting: MeetingJson; warnings: ImportWarning[]; base?: Uint8Array }>;

/**
 * Reads and imports the body (with `read`: the server's format workers, MeetingService.readFile); throws
 * HttpError for anything wrong with it.
 */
export async function readMeetingUpload(
  req: IncomingMessage,
  maxBytes: number,
  read: FileReader = importMeeting,
): Promise<{ meeting: MeetingJson; warnings: ImportWarning[]; base?: Uint8Array }> {
  const body = await readBody(req, maxBytes);
  if (body.length === 0) throw new HttpError(400, 'the body is empty: send the agenda or Tdoc list file, or meeting JSON');
  const contentType = req.headers['content-type'];
  if (/^multipart\//i.test(contentType ?? '')) {
    throw new HttpError(415, 'send the file itself as the body (with its Content-Type), not a multipart form');
  }
  const fileName = fileNameFrom(req);
  let format = formatFromContentType(contentType);
  if (!format) {
    try {
      format = detectFormat(body, fileName);
    } catch (e) {
      throw new HttpError(415, e instanceof ImportError ? e.describe() : 'unknown file type');
    }
  }
  try {
    return await read(body, { format, fileName });
  } catch (e) {
    if (e instanceof ImportError) {
      const unsupported = /not supported/.test(e.message);
      throw new HttpError(unsupported ? 415 : 422, e.describe());
    }
    // A stack overflow while reading is the file's doing (nesting), not the server's.
    if (e instanceof RangeError) throw new HttpError(422, 'the file is nested too deeply to read');
    throw e;
  }
}

/** A warning as one line: `line N: ...`, `row N: ...` or the message. */
export function describeWarning(w: { message: string; line?: number; row?: number }): string {
  return w.line !== undefined ? `line ${w.line}: ${w.message}` : w.row !== undefined ? `row ${w.row}: ${w.message}` : w.message;
}

/** Optional `X-File-Name` (or Content-Disposition filename) for format detection and messages. */
function fileNameFrom(req: IncomingMessage): string | undefined {
  const x = req.headers['x-file-name'];
  if (typeof x === 'string' && x) return x.slice(0, 255);
  const cd = req.headers['content-disposition'];
  const m = typeof cd === 'string' ? /filename="?([^";]+)"?/i.exec(cd) : null;
  return m?.[1]?.slice(0, 255);
}
