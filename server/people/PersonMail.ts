/**
 * Sending each registered person their own link by mail (issue 24), when the operator set SMTP
 * (`PLENARY_SMTP_URL`, `PLENARY_MAIL_FROM`): a background job per meeting, started by the secretary, that
 * goes through the people not yet sent (so starting it again, after a restart or a failure, sends only to
 * those), one message at a time at `perSecond` at most, with nodemailer (network I/O only: the event loop
 * is never blocked). Each person's result is kept with them (`sent`, or `refused` with the server's
 * answer); a mail server that cannot be reached stops the job and leaves the rest unsent.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { PeopleRegistry, Person } from './PeopleRegistry.js';

export interface MailSettings {
  /** PLENARY_SMTP_URL: smtp://user:pass@host:587 or smtps://...:465 (nodemailer's URL form; `?pool=true` keeps one connection). */
  url: string;
  /** PLENARY_MAIL_FROM: the sender, e.g. "Plenary <plenary@example.org>". */
  from: string;
  /** PLENARY_MAIL_PER_SECOND: messages a second at most (2). */
  perSecond: number;
}

export interface MailStatus {
  configured: boolean;
  running: boolean;
  /** People with an address. */
  total: number;
  sent: number;
  refused: number;
  /** With an address and not sent yet. */
  pending: number;
  /** Why the last job stopped early, if it did. */
  error?: string;
}

interface Job {
  done: Promise<void>;
  stopped: boolean;
  error?: string;
}

export class PersonMail {
  private readonly transport: Transporter | undefined;
  private readonly jobs = new Map<string, Job>();
  private readonly lastError = new Map<string, string>();

  constructor(
    private readonly registry: PeopleRegistry,
    private readonly settings: MailSettings | undefined,
    /** A person's link from their token. */
    private readonly linkOf: (meetingId: string, token: string) => string,
    /** The meeting's title now. */
    private readonly titleOf: (meetingId: string) => string,
    private readonly log: Logger,
  ) {
    this.transport = settings ? nodemailer.createTransport(settings.url) : undefined;
  }

  get configured(): boolean {
    return this.transport !== undefined;
  }

  status(meetingId: string): MailStatus {
    const people = this.registry.list(meetingId).filter((p) => p.email);
    const sent = people.filter((p) => p.mailState === 'sent').length;
    const refused = people.filter((p) => p.mailState === 'refused').length;
    const error = this.lastError.get(meetingId);
    return { configured: this.configured, running: this.jobs.has(meetingId), total: people.length, sent, refused, pending: people.length - sent, ...(error ? { error } : {}) };
  }

  /** Starts sending to everyone with an address not yet sent (a running job is left as it is). */
  start(meetingId: string): MailStatus {
    if (!this.transport || this.jobs.has(meetingId)) return this.status(meetingId);
    this.lastError.delete(meetingId);
    const job: Job = { done: Promise.resolve(), stopped: false };
    job.done = this.run(meetingId, job).finally(() => {
      this.jobs.delete(meetingId);
      if (job.error) this.lastError.set(meetingId, job.error);
    });
    this.jobs.set(meetingId, job);
    return this.status(meetingId);
  }

  /** Resolves once the meeting's job (if any) is over. */
  async idle(meetingId: string): Promise<void> {
    await this.jobs.get(meetingId)?.done;
  }

  /** Stops every job after its current message (on shutdown). */
  async close(): Promise<void> {
    for (const j of this.jobs.values()) j.stopped = true;
    await Promise.allSettled([...this.jobs.values()].map((j) => j.done));
    this.transport?.close();
  }

  private async run(meetingId: string, job: Job): Promise<void> {
    const gap = 1000 / Math.max(0.01, this.settings!.perSecond);
    const todo = this.registry.list(meetingId).filter((p) => p.email && p.mailState !== 'sent');
    let sent = 0;
    for (const p of todo) {
      if (job.stopped) break;
      const started = Date.now();
      // Read again: replaced meanwhile, or sent by a job of another process.
      const now = this.registry.get(meetingId, p.id);
      const token = now && now.email && now.mailState !== 'sent' ? this.registry.token(meetingId, p.id) : undefined;
      if (!now || !token) continue;
      try {
        await this.transport!.sendMail(this.message(meetingId, now, token));
        this.registry.setMail(meetingId, p.id, 'sent');
        sent++;
      } catch (e) {
        const err = e as Error & { responseCode?: number; response?: string };
        if (typeof err.responseCode === 'number' && err.responseCode >= 500) {
          this.registry.setMail(meetingId, p.id, 'refused', err.response ?? err.message);
        } else {
          job.error = `the mail server could not be used (${err.message}); the others were not sent`;
          this.log.warn({ meeting: meetingId, err: err.message }, 'mail: sending links stopped');
          break;
        }
      }
      const wait = gap - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    this.log.info({ meeting: meetingId, sent, of: todo.length }, 'mail: links sent');
  }

  private message(meetingId: string, p: Person, token: string) {
    const title = this.titleOf(meetingId) || 'the meeting';
    const link = this.linkOf(meetingId, token);
    return {
      from: this.settings!.from,
      to: { name: p.name, address: p.email },
      subject: `Your link to ${title}`,
      text: [
        `Dear ${p.name},`,
        '',
        `This is your own link to ${title} in Plenary: follow the meeting, ask for the floor and answer shows of hands as ${p.name}${p.organisation ? ` (${p.organisation})` : ''}.`,
        '',
        link,
        '',
        'It is yours alone: do not forward it. If it stops working, ask the secretary for a new one.',
      ].join('\n'),
    };
  }
}
