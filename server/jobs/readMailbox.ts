/**
 * Reading the reflector's mail (issue 26), in a mail worker (mailWorker.ts): an mbox split into its
 * messages by mbox-reader (postalsys, the authors of mailparser; `From ` separator lines, `>From `
 * lines unescaped as mboxrd writes them), each message read by mailparser. What comes out is what a
 * thread shows: Message-ID, date, sender, subject and the first lines of the text. Nothing of the prose
 * is interpreted: positions are stated by people, never inferred from mail.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { MailParser, type AddressObject, type Headers } from 'mailparser';
import { mboxReader } from 'mbox-reader';

/** One message as read. */
export interface ParsedMail {
  /** `<...>` as written, or `sha256:...` of the message when it has no Message-ID. */
  messageId: string;
  /** ISO time of the Date header, or ''. */
  sentAt: string;
  fromAddress: string;
  fromName: string;
  subject: string;
  firstLines: string;
}

/** A file that is not a mailbox: answered 422 with this message. */
export class MailboxError extends Error {
  override name = 'MailboxError';
}

/** Bounds of what is kept of one message. */
export const MAIL_LIMITS = { maxSubject: 500, maxName: 200, maxAddress: 320, maxLines: 3, maxLine: 200, maxMessageId: 500 } as const;

const CHUNK = 64 * 1024;
const BATCH = 50;

/** Reads an mbox: its messages, and how many could not be read (kept out, counted). */
export async function readMbox(data: Uint8Array): Promise<{ messages: ParsedMail[]; unreadable: number }> {
  const head = Buffer.from(data.subarray(0, 4096)).toString('latin1').replace(/^(?:\s*\r?\n)+/, '');
  if (!head.startsWith('From ')) {
    throw new MailboxError(data.length ? 'this is not an mbox file: it must start with a "From " line (one per message)' : 'the mbox file is empty');
  }
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // In pieces: mbox-reader keeps a chunk's lines in an array it shifts from, which is quadratic in a chunk's lines.
  function* pieces() {
    for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
  }
  const raw: Buffer[] = [];
  for await (const m of mboxReader(Readable.from(pieces()))) raw.push(m.content);
  const messages: ParsedMail[] = [];
  let unreadable = 0;
  // Some at a time: mailparser's stream turns overlap instead of queueing one behind the other.
  for (let i = 0; i < raw.length; i += BATCH) {
    const read = await Promise.allSettled(raw.slice(i, i + BATCH).map((c) => readMessage(c)));
    for (const r of read) {
      if (r.status === 'fulfilled') messages.push(r.value);
      else unreadable++;
    }
  }
  if (!messages.length) throw new MailboxError('the mbox file holds no message that could be read');
  return { messages, unreadable };
}

/** Reads one message (an RFC 5322 file, e.g. from a maildir). */
export async function readMessage(raw: Uint8Array): Promise<ParsedMail> {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const { headers, text } = await parse(bytes);
  const from = firstAddress(headers.get('from') as AddressObject | undefined);
  const messageId = headers.get('message-id');
  const id = typeof messageId === 'string' && messageId.trim() ? messageId.trim().slice(0, MAIL_LIMITS.maxMessageId) : `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const date = headers.get('date');
  const subject = headers.get('subject');
  return {
    messageId: id,
    sentAt: date instanceof Date && Number.isFinite(date.getTime()) ? date.toISOString() : '',
    fromAddress: from.address.slice(0, MAIL_LIMITS.maxAddress),
    fromName: from.name.slice(0, MAIL_LIMITS.maxName),
    subject: (typeof subject === 'string' ? subject : '').replace(/\s+/g, ' ').trim().slice(0, MAIL_LIMITS.maxSubject),
    firstLines: firstLines(text),
  };
}

/**
 * mailparser's MailParser on one message: its decoded headers and its text (from the HTML part when it has
 * no plain text). Attachments are released unread. (simpleParser does the same and collects everything,
 * about five times slower per small message here.)
 */
function parse(bytes: Buffer): Promise<{ headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const parser = new MailParser({ skipImageLinks: true, skipTextLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 200_000 });
    let headers: Headers = new Map();
    let text = '';
    parser.on('headers', (h: Headers) => (headers = h));
    parser.on('data', (d: { type: string; text?: string; release?: () => void }) => {
      if (d.type === 'text') text = d.text ?? '';
      else d.release?.();
    });
    parser.on('error', reject);
    parser.on('end', () => resolve({ headers, text }));
    parser.end(bytes);
  });
}

function firstAddress(v: AddressObject | AddressObject[] | undefined): { address: string; name: string } {
  const list = Array.isArray(v) ? v : v ? [v] : [];
  for (const o of list) for (const a of o.value) if (a.address) return { address: a.address.toLowerCase(), name: (a.name ?? '').trim() };
  return { address: '', name: '' };
}

/** The first lines of a message's own text: quoted lines, a quote's header and the signature left out. */
export function firstLines(text: string): string {
  const out: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (/^-- ?$/.test(raw) || /^-{2,}\s*original message\s*-{2,}$/i.test(line) || /^on .+ wrote:$/i.test(line) || /^from: /i.test(line)) break;
    if (!line || line.startsWith('>')) continue;
    out.push(line.slice(0, MAIL_LIMITS.maxLine));
    if (out.length >= MAIL_LIMITS.maxLines) break;
  }
  return out.join('\n');
}
