/**
 * The maildir folders the server watches (issue 26), one per meeting at most (set by the admin API,
 * `PUT /api/meetings/:id/maildir`, kept in the MailStore so it is watched again after a restart). Every
 * `scanMs` (and at once when the folder reports a change) the files of `new/` and `cur/` not taken in
 * before are read in the mail worker, attached like an upload and then marked as taken in (by their
 * unique name, the part before `:`, so a mail client moving a file from new/ to cur/ with flags does not
 * bring it back). A file read twice (a crash between storing and marking, or two processes on one
 * folder) is stored once: messages are kept once per Message-ID. Files are only read, never moved.
 */
import { readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { MailService } from './MailService.js';

export interface MaildirOptions {
  /** How often each folder is looked at (ms). */
  scanMs: number;
  /** Files read per look at most (the rest the next time). */
  maxFilesPerScan: number;
  /** Larger files are skipped (and marked, with a warning). */
  maxFileBytes: number;
}

export const DEFAULT_MAILDIR_OPTIONS: MaildirOptions = { scanMs: 2000, maxFilesPerScan: 500, maxFileBytes: 10 * 1024 * 1024 };

interface Watched {
  path: string;
  seen: Set<string>;
  timer: NodeJS.Timeout;
  watchers: FSWatcher[];
  scanning: Promise<void> | undefined;
  again: boolean;
}

export class MaildirWatcher {
  private readonly watched = new Map<string, Watched>();
  private stopped = false;

  constructor(
    private readonly mail: MailService,
    private readonly log: Logger,
    private readonly opts: MaildirOptions = DEFAULT_MAILDIR_OPTIONS,
  ) {
    mail.onMaildirChange = (meetingId, path) => void this.set(meetingId, path);
  }

  /** Watches every folder the store names. */
  async start(): Promise<void> {
    for (const d of await this.mail.store.maildirs()) await this.set(d.meetingId, d.path);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.watched.values()];
    for (const meetingId of [...this.watched.keys()]) this.unwatch(meetingId);
    await Promise.allSettled(all.map((w) => w.scanning));
  }

  /** Starts (or stops, with null) watching a meeting's folder. */
  async set(meetingId: string, path: string | null): Promise<void> {
    this.unwatch(meetingId);
    if (!path || this.stopped) return;
    const seen = await this.mail.store.seen(meetingId);
    const w: Watched = { path, seen, timer: setInterval(() => this.scan(meetingId), this.opts.scanMs), watchers: [], scanning: undefined, again: false };
    w.timer.unref();
    for (const sub of ['new', 'cur']) {
      try {
        const fw = watch(join(path, sub), () => this.scan(meetingId));
        fw.on('error', () => undefined);
        fw.unref();
        w.watchers.push(fw);
      } catch {
        // No such sub-folder (or not watchable here): the periodic look still finds its files.
      }
    }
    this.watched.set(meetingId, w);
    this.scan(meetingId);
  }

  /** Resolves once the folder was looked at (tests). */
  async scanNow(meetingId: string): Promise<void> {
    this.scan(meetingId);
    while (this.watched.get(meetingId)?.scanning) await this.watched.get(meetingId)!.scanning;
  }

  private unwatch(meetingId: string): void {
    const w = this.watched.get(meetingId);
    if (!w) return;
    clearInterval(w.timer);
    for (const fw of w.watchers) fw.close();
    this.watched.delete(meetingId);
  }

  private scan(meetingId: string): void {
    const w = this.watched.get(meetingId);
    if (!w || this.stopped) return;
    if (w.scanning) {
      w.again = true;
      return;
    }
    w.scanning = this.readNew(meetingId, w)
      .catch((err) => this.log.warn({ meeting: meetingId, err }, 'reading the maildir failed'))
      .finally(() => {
        w.scanning = undefined;
        if (w.again && this.watched.get(meetingId) === w) {
          w.again = false;
          this.scan(meetingId);
        }
      });
  }

  private async readNew(meetingId: string, w: Watched): Promise<void> {
    const fresh: { name: string; key: string; file: string }[] = [];
    for (const sub of ['new', 'cur']) {
      let names: string[] = [];
      try {
        names = readdirSync(join(w.path, sub));
      } catch {
        continue;
      }
      for (const name of names.sort()) {
        const key = name.split(':')[0];
        if (name.startsWith('.') || w.seen.has(key) || fresh.some((f) => f.key === key)) continue;
        fresh.push({ name, key, file: join(w.path, sub, name) });
        if (fresh.length >= this.opts.maxFilesPerScan) break;
      }
    }
    if (!fresh.length) return;
    const files: { name: string; data: Uint8Array }[] = [];
    const skipped: string[] = [];
    for (const f of fresh) {
      try {
        if (statSync(f.file).size > this.opts.maxFileBytes) skipped.push(f.key);
        else files.push({ name: f.key, data: new Uint8Array(readFileSync(f.file)) });
      } catch {
        // Moved away (new/ to cur/) between the listing and the read: the next look finds it.
      }
    }
    const read = files.length ? await this.mail.read({ kind: 'files', files }) : { messages: [], unreadable: 0, unreadableFiles: [] };
    const stored = await this.mail.attach(meetingId, read.messages, 'maildir');
    const done = [...files.map((f) => f.name), ...skipped];
    await this.mail.store.markSeen(meetingId, done);
    for (const k of done) w.seen.add(k);
    if (skipped.length || read.unreadableFiles?.length) this.log.warn({ meeting: meetingId, tooLarge: skipped, unreadable: read.unreadableFiles }, 'maildir files left out');
    this.log.info({ meeting: meetingId, files: files.length, ...stored }, 'maildir messages taken in');
  }
}
