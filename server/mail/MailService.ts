/**
 * The reflector's mail of a meeting (issue 26; docs/POSITIONS.md): an mbox uploaded, or the files of a
 * watched maildir (MaildirWatcher.ts), read in the mail worker (server/jobs/mailWorker.ts), each message
 * attached to the Tdocs its subject names (shared/formats/tdocMentions.ts), with its sender's organisation
 * from the PeopleDirectory (the registered person by e-mail, else the domain), and stored once per
 * Message-ID beside the meeting (MailStore), never in its document. Messages that name no Tdoc are kept
 * and listed apart.
 *
 *   POST   /api/meetings/:id/mail              chair, secretary or admin: an mbox → {attached, unmatched, duplicates, messages, unreadable}
 *   GET    /api/meetings/:id/mail?tdoc=NUMBER  chair, secretary (or a registered person): the Tdoc's thread
 *   GET    /api/meetings/:id/mail/unmatched    chair or secretary: the messages that name no Tdoc
 *   GET    /api/meetings/:id/mail/counts       chair, secretary (or a registered person): messages per Tdoc number
 *   GET|PUT|DELETE /api/meetings/:id/maildir   admin: the maildir folder watched for this meeting
 *
 * Editors see senders' addresses; a registered person sees name, organisation, date, subject and first
 * lines; the shared delegate link and the screen see no mail (403).
 */
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { readAllFields } from '../../shared/document/entityStore.js';
import { TdocMatcher } from '../../shared/formats/tdocMentions.js';
import type { RoomRegistry } from '../sync/RoomRegistry.js';
import type { MailMessage, MailStore } from '../persistence/MailStore.js';
import { HttpError, bearerToken, readBody, sendJson } from '../http/httpUtil.js';
import { isAdmin, meetingIdFrom, type AuthDeps } from '../access/apiAuth.js';
import { canWrite } from '../access/roles.js';
import { identifyRequest, senderOrganisation, type PeopleDirectory } from '../access/PeopleDirectory.js';
import { JobError, JobFailed, type WorkerPool } from '../jobs/WorkerPool.js';
import type { MailAnswer, MailJob } from '../jobs/mailWorker.js';

const PATH = /^\/api\/meetings\/([^/]+)\/(mail|maildir)(?:\/(unmatched|counts))?$/;
const MBOX_TYPES = /^(application\/mbox|application\/octet-stream|text\/plain|message\/rfc822)?$/i;

export interface MailServiceOptions {
  /** Longest an mbox may take to read (ms). */
  timeoutMs: number;
  /** Largest mbox accepted (bytes). */
  maxBytes: number;
}

/** What an import did. */
export interface MailImport {
  /** Messages stored now that name at least one Tdoc. */
  attached: number;
  /** Messages stored now that name no Tdoc (listed apart). */
  unmatched: number;
  /** Messages stored before (same Message-ID). */
  duplicates: number;
  /** Messages read from the file. */
  messages: number;
  /** Messages that could not be read. */
  unreadable: number;
}

export class MailService {
  constructor(
    private readonly rooms: RoomRegistry,
    readonly store: MailStore,
    private readonly people: PeopleDirectory,
    private readonly auth: AuthDeps,
    private readonly pool: WorkerPool,
    private readonly log: Logger,
    private readonly opts: MailServiceOptions,
  ) {}

  /** True for the paths this module answers. */
  handles(path: string): boolean {
    return PATH.test(path.replace(/\/+$/, ''));
  }

  /** Reads messages in the mail worker (JobError/JobFailed become 422/503). */
  async read(job: MailJob): Promise<MailAnswer> {
    try {
      return await this.pool.run<MailAnswer>(job, { timeoutMs: this.opts.timeoutMs });
    } catch (e) {
      if (e instanceof JobError) throw new HttpError(422, e.errorName === 'MailboxError' ? e.message : `the mail could not be read (${e.message})`);
      if (e instanceof JobFailed) {
        if (e.why === 'timeout' || e.why === 'out-of-memory') throw new HttpError(422, `the mbox could not be read within the limits (${e.message})`);
        throw new HttpError(503, 'the server is busy reading other mail; try again in a minute', { 'retry-after': '30' });
      }
      throw e;
    }
  }

  /** Attaches read messages to the meeting's Tdocs and stores those not stored yet. */
  async attach(meetingId: string, read: MailAnswer['messages'], source: MailMessage['source']): Promise<Omit<MailImport, 'messages' | 'unreadable'>> {
    const matcher = await this.rooms.withDoc(meetingId, (doc) => new TdocMatcher(readAllFields(doc, 'contributions', ['number', 'aliases'])));
    const messages: MailMessage[] = read.map((m) => ({
      messageId: m.messageId,
      sentAt: m.sentAt,
      fromAddress: m.fromAddress,
      fromName: m.fromName,
      organisation: m.fromAddress ? senderOrganisation(this.people, meetingId, m.fromAddress) : '',
      subject: m.subject,
      firstLines: m.firstLines,
      tdocs: matcher.match(m.subject),
      source,
    }));
    // One copy per Message-ID within the file too (the store keeps the first).
    const unique = [...new Map(messages.map((m) => [m.messageId, m])).values()];
    const added = new Set(await this.store.add(meetingId, unique));
    const attached = unique.filter((m) => added.has(m.messageId) && m.tdocs.length).length;
    return { attached, unmatched: added.size - attached, duplicates: messages.length - added.size };
  }

  /** Imports an mbox into a meeting. */
  async importMbox(meetingId: string, data: Uint8Array): Promise<MailImport> {
    const read = await this.read({ kind: 'mbox', data });
    const stored = await this.attach(meetingId, read.messages, 'upload');
    this.log.info({ meeting: meetingId, ...stored, messages: read.messages.length }, 'mbox imported');
    return { ...stored, messages: read.messages.length, unreadable: read.unreadable };
  }

  /** Answers one request (HttpError for anything the client got wrong). */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const m = PATH.exec(path)!;
    const id = meetingIdFrom(m[1]);
    const url = new URL(req.url ?? '/', 'http://x');
    if (m[2] === 'maildir') return this.maildirRoute(req, res, id);
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const admin = isAdmin(req, this.auth);
    if (admin && !this.auth.catalog.get(id)) throw new HttpError(404, `no meeting "${id}"`);
    const who = admin ? undefined : identifyRequest(this.people, req, id);
    const editor = admin || canWrite(who!.role);
    if (!editor && !who?.personId) throw new HttpError(403, 'mail carries people\'s addresses: the chair\'s and the secretary\'s links (and registered people\'s own links) read it, the shared link does not');
    if (!m[3] && method === 'POST') {
      if (!editor) throw new HttpError(403, 'only the chair and the secretary bring in mail');
      const type = String(req.headers['content-type'] ?? '').split(';')[0].trim();
      if (!MBOX_TYPES.test(type)) throw new HttpError(415, `send the mbox as application/mbox (not ${type})`);
      const data = await readBody(req, this.opts.maxBytes);
      if (!data.length) throw new HttpError(400, 'the body is empty: send the mbox file');
      return sendJson(res, 200, await this.importMbox(id, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    }
    if (method !== 'GET') throw new HttpError(405, `method not allowed (allowed: ${m[3] ? 'GET' : 'GET, POST'})`, { allow: m[3] ? 'GET' : 'GET, POST' });
    const shown = (list: MailMessage[]) => list.map((x) => (editor ? x : { ...x, fromAddress: '' }));
    if (m[3] === 'counts') return sendJson(res, 200, await this.store.counts(id));
    if (m[3] === 'unmatched') {
      if (!editor) throw new HttpError(403, 'only the chair and the secretary read the messages that name no Tdoc');
      const limit = Math.min(500, Math.max(1, Number(url.searchParams.get('limit') ?? 100) || 100));
      const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0) || 0);
      const r = await this.store.unmatched(id, limit, offset);
      return sendJson(res, 200, { total: r.total, messages: shown(r.messages) });
    }
    const tdoc = url.searchParams.get('tdoc')?.trim();
    if (!tdoc || tdoc.length > 200) throw new HttpError(400, 'tdoc: name the Tdoc whose thread you want (?tdoc=S2-2401234)');
    const numbers = await this.rooms.withDoc(id, (doc) => {
      const c = readAllFields(doc, 'contributions', ['number', 'aliases']).find((x) => [x.number, ...x.aliases].some((n) => n.trim().toUpperCase() === tdoc.toUpperCase()));
      return c ? [c.number, ...c.aliases] : [tdoc];
    });
    return sendJson(res, 200, { tdoc, messages: shown(await this.store.thread(id, numbers, 1000)) });
  }


  /** `GET|PUT|DELETE /api/meetings/:id/maildir` (admin): the folder watched for the meeting. */
  private async maildirRoute(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (!bearerToken(req)) throw new HttpError(401, 'this needs the admin token (Authorization: Bearer ...)', { 'www-authenticate': 'Bearer' });
    if (!isAdmin(req, this.auth)) throw new HttpError(403, 'the admin token is not valid');
    if (!this.auth.catalog.get(id)) throw new HttpError(404, `no meeting "${id}"`);
    const current = async () => (await this.store.maildirs()).find((d) => d.meetingId === id)?.path ?? null;
    if (req.method === 'GET') return sendJson(res, 200, { path: await current() });
    if (req.method === 'DELETE') {
      await this.store.setMaildir(id, null);
      this.onMaildirChange?.(id, null);
      return sendJson(res, 200, { path: null });
    }
    if (req.method !== 'PUT') throw new HttpError(405, 'method not allowed (allowed: GET, PUT, DELETE)', { allow: 'GET, PUT, DELETE' });
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, 8192)).toString('utf8'));
    } catch {
      throw new HttpError(400, 'send {"path": "/var/mail/reflector"}');
    }
    const path = (body as { path?: unknown } | null)?.path;
    if (typeof path !== 'string' || !isAbsolute(path) || path.length > 1000) throw new HttpError(400, 'path: an absolute path of a maildir folder on the server');
    if (!isMaildir(path)) throw new HttpError(400, `${path} is not a maildir folder (it needs a new/ or cur/ folder)`);
    await this.store.setMaildir(id, path);
    this.onMaildirChange?.(id, path);
    sendJson(res, 200, { path });
  }

  /** Set by the watcher: a meeting's folder changed. */
  onMaildirChange?: (meetingId: string, path: string | null) => void;
}

/** True for a folder with a new/ or cur/ folder in it. */
export function isMaildir(path: string): boolean {
  const dir = (p: string) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  return dir(path) && (dir(join(path, 'new')) || dir(join(path, 'cur')));
}
