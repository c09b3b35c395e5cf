/**
 * The server's entry: reads the environment once (CONTRACT.md §2) and wires the database, the stores,
 * the rooms and the HTTP/WebSocket server. Every other module takes options with documented defaults.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import type { MeetingJson } from '../shared/document/meetingSchema.js';
import type { Server } from 'node:http';
import { CloseCode, CloseReason } from '../shared/closeReasons.js';
import { AuthThrottle, DEFAULT_AUTH_THROTTLE } from './access/AuthThrottle.js';
import { createHttpServer } from './http/httpServer.js';
import { loadAdminToken, loadSealingKey } from './access/dataDirSecrets.js';
import { MeetingCatalog } from './meetings/MeetingCatalog.js';
import { MeetingService, type CreatedMeeting } from './meetings/MeetingService.js';
import { MeetingRecord } from './meetings/MeetingRecord.js';
import { createMetrics } from './sync/metrics.js';
import { DATABASE_FILE, openDatabase } from './persistence/openDatabase.js';
import { openCluster } from './cluster/openCluster.js';
import { MemoryStore } from './persistence/MemoryStore.js';
import { SqliteStore } from './persistence/SqliteStore.js';
import type { DocStore } from './persistence/DocStore.js';
import { RoomRegistry } from './sync/RoomRegistry.js';
import { FormatJobs } from './jobs/FormatJobs.js';
import { DEFAULT_ROOM_OPTIONS, type RoomOptions } from './sync/Room.js';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './sync/SyncConnection.js';
import { parseTrustedProxies } from './access/clientAddress.js';
import { roleLink } from './access/roles.js';
import { linkBase, type InterfaceList } from './http/lanAddress.js';
import { DEFAULT_PARTICIPATION_LIMITS, ParticipationService, participationKey, type ParticipationLimits } from './meetings/ParticipationService.js';
import { PeopleRegistry } from './people/PeopleRegistry.js';
import { PeopleService } from './people/PeopleService.js';
import { AttendanceTracker, DEFAULT_ATTENDANCE_OPTIONS, type AttendanceOptions } from './people/AttendanceTracker.js';
import { SqliteAttendanceStore } from './persistence/AttendanceStore.js';
import { PersonMail, type MailSettings } from './people/PersonMail.js';
import { OidcSignIn, type OidcSettings } from './people/oidcSignIn.js';
import { randomUUID } from 'node:crypto';
import { TokenDirectory, type PeopleDirectory } from './access/PeopleDirectory.js';
import { PeopleApi } from './people/peopleApi.js';
import { PgDeadlines, SqliteDeadlines } from './persistence/DeadlineStore.js';
import { PgMailStore, SqliteMailStore } from './persistence/MailStore.js';
import { ApprovalClock } from './positions/ApprovalClock.js';
import { DEFAULT_POSITION_ROUTE_OPTIONS, PositionRoutes } from './positions/PositionRoutes.js';
import { MailService } from './mail/MailService.js';
import { DEFAULT_MAILDIR_OPTIONS, MaildirWatcher, type MaildirOptions } from './mail/MaildirWatcher.js';
import { mailWorkerPool } from './jobs/mailPool.js';
import { participationLimits } from './access/participationLimits.js';
import { DEFAULT_NEXT_MEETING_LIMITS, NextMeetingGate, type NextMeetingLimits } from './access/nextMeetingLimits.js';
import { SqliteBudgets } from './persistence/SqliteBudgets.js';
import { PgBudgets } from './persistence/PgBudgets.js';
import { ballotSeal } from './access/ballotSeal.js';

/** The repository root (for dist/client and the demo agenda). */
export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The sample agenda the demo meeting is made from. */
export const DEMO_AGENDA = join(ROOT_DIR, 'server', 'demo', 'agenda-sec23.txt');

export interface ServerConfig {
  /** PORT: 8080; 0 picks a free port. */
  port: number;
  /** HOST: 127.0.0.1. */
  host: string;
  /** DATA_DIR: ./data; ':memory:' keeps nothing. */
  dataDir: string;
  /** PLENARY_ADMIN_TOKEN: generated on first start and stored in DATA_DIR when unset. */
  adminToken?: string;
  /** PUBLIC_URL: http://HOST:PORT. */
  publicUrl?: string;
  /** PLENARY_MAX_PAYLOAD: largest sync frame in bytes, 32 MiB (a 10,000-Tdoc import is ~3 MB). */
  maxPayload: number;
  /** PLENARY_SYNCHRONOUS: FULL (survives power loss) or NORMAL (survives a killed process); with DATABASE_URL, NORMAL sets synchronous_commit=off for its sessions. */
  synchronous: 'FULL' | 'NORMAL';
  /** PLENARY_LOG_LEVEL: info. Logs go to stderr as JSON lines. */
  logLevel: string;
  /** Where the built client is: dist/client. */
  clientDir: string;
  /** Create the demo meeting when the data folder is new (serve does, tests do not). */
  demo: boolean;
  /** Ping interval for dead-connection detection (ms). */
  heartbeatMs: number;
  room?: Partial<RoomOptions>;
  connection?: Partial<ConnectionLimits>;
  /** DATABASE_URL (postgres://...): meetings, tokens and update logs in PostgreSQL, shared by several processes; unset = SQLite in DATA_DIR. */
  databaseUrl?: string;
  /** PLENARY_CLUSTER_POLL_MS: with DATABASE_URL, read other processes' stored updates this often even without a notification (2000). */
  clusterPollMs?: number;
  /** Use an in-memory document store instead of SQLite (meetings still go to the database). */
  memoryStore?: boolean;
  /** ALLOWED_ORIGINS (comma-separated): page origins that may open a sync socket; unset = any. PUBLIC_URL's origin is added. */
  allowedOrigins?: string[];
  /** PLENARY_AUTH_FAILURES_PER_MINUTE: failed token checks per address per minute before it is refused (30). */
  authFailuresPerMinute: number;
  /** PLENARY_TRUSTED_PROXIES (comma-separated IPs): reverse proxies whose X-Forwarded-For names the client. */
  trustedProxies?: string[];
  /** Limits of the delegates' queue and poll requests (access/participationLimits.ts); PLENARY_PEOPLE_PER_ADDRESS sizes them. */
  participation?: ParticipationLimits;
  /** Limits of `POST /next` (access/nextMeetingLimits.ts); PLENARY_MAX_MEETINGS sets maxMeetings. */
  nextMeeting?: Partial<NextMeetingLimits>;
  /** The server's clock for the record (ms since the epoch): Date.now; tests inject a simulated week. */
  clock?: () => number;
  /** Add Node's process metrics (memory, event loop lag) to /metrics; off for servers started in tests. */
  processMetrics?: boolean;
  /** The network interfaces to take the LAN address from (tests); os.networkInterfaces() by default. */
  interfaces?: InterfaceList;
  /** PLENARY_OIDC_ISSUER, PLENARY_OIDC_CLIENT_ID, PLENARY_OIDC_CLIENT_SECRET (PLENARY_OIDC_NAME): delegates sign in with the body's identity provider (server/people/oidcSignIn.ts); unset = no sign-in. */
  oidc?: OidcSettings;
  /** PLENARY_SMTP_URL, PLENARY_MAIL_FROM, PLENARY_MAIL_PER_SECOND: sending people their links by mail (server/people/PersonMail.ts); unset = no mail. */
  mail?: MailSettings;
  /** How often attendance is written and how long a person may be gone and still be in the same span (server/people/AttendanceTracker.ts). */
  attendance?: Partial<AttendanceOptions>;
  /** How often the e-mail approval clock looks for deadlines other processes stored (ms): 2000. */
  approvalPollMs?: number;
  /** The watched maildir folders: how often each is looked at, and bounds (MaildirWatcher.ts). */
  maildir?: Partial<MaildirOptions>;
}

/** Reads the settings from the environment: the only place that does. */
export function configFromEnv(env: NodeJS.ProcessEnv): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const maxPayload = env.PLENARY_MAX_PAYLOAD ? Number(env.PLENARY_MAX_PAYLOAD) : 32 * 1024 * 1024;
  if (!Number.isInteger(maxPayload) || maxPayload < 1024) throw new Error('PLENARY_MAX_PAYLOAD must be a number of bytes (at least 1024)');
  const sync = (env.PLENARY_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (sync !== 'FULL' && sync !== 'NORMAL') throw new Error('PLENARY_SYNCHRONOUS must be FULL or NORMAL');
  const origins = (env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const o of origins) {
    if (!/^https?:\/\/[^/\s]+$/i.test(o.replace(/\/$/, ''))) throw new Error(`ALLOWED_ORIGINS must list origins like https://board.example.org, not "${o}"`);
  }
  const authFailures = env.PLENARY_AUTH_FAILURES_PER_MINUTE ? Number(env.PLENARY_AUTH_FAILURES_PER_MINUTE) : DEFAULT_AUTH_THROTTLE.maxFailures;
  if (!Number.isInteger(authFailures) || authFailures < 1) throw new Error('PLENARY_AUTH_FAILURES_PER_MINUTE must be a whole number of at least 1');
  const trustedProxies = parseTrustedProxies(env.PLENARY_TRUSTED_PROXIES);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//i.test(databaseUrl)) throw new Error('DATABASE_URL must be a PostgreSQL URL (postgres://user@host/database)');
  const people = env.PLENARY_PEOPLE_PER_ADDRESS ? Number(env.PLENARY_PEOPLE_PER_ADDRESS) : undefined;
  if (people !== undefined && (!Number.isInteger(people) || people < 1 || people > 100_000)) {
    throw new Error('PLENARY_PEOPLE_PER_ADDRESS must be a whole number of people from 1 to 100000');
  }
  const maxMeetings = env.PLENARY_MAX_MEETINGS ? Number(env.PLENARY_MAX_MEETINGS) : undefined;
  if (maxMeetings !== undefined && (!Number.isInteger(maxMeetings) || maxMeetings < 1)) throw new Error('PLENARY_MAX_MEETINGS must be a whole number of at least 1');
  const clusterPollMs = env.PLENARY_CLUSTER_POLL_MS ? Number(env.PLENARY_CLUSTER_POLL_MS) : 2000;
  if (!Number.isInteger(clusterPollMs) || clusterPollMs < 50) throw new Error('PLENARY_CLUSTER_POLL_MS must be a whole number of milliseconds (at least 50)');
  return {
    mail: mailFromEnv(env),
    oidc: oidcFromEnv(env),
    databaseUrl,
    clusterPollMs,
    allowedOrigins: origins.length ? origins : undefined,
    trustedProxies: trustedProxies.length ? trustedProxies : undefined,
    authFailuresPerMinute: authFailures,
    ...(people !== undefined ? { participation: participationLimits(people) } : {}),
    ...(maxMeetings !== undefined ? { nextMeeting: { maxMeetings } } : {}),
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: env.DATA_DIR || './data',
    adminToken: env.PLENARY_ADMIN_TOKEN || undefined,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    maxPayload,
    synchronous: sync,
    logLevel: env.PLENARY_LOG_LEVEL || 'info',
    clientDir: join(ROOT_DIR, 'dist', 'client'),
    demo: true,
    heartbeatMs: 30_000,
  };
}

/** The SMTP settings (issue 24), or undefined when PLENARY_SMTP_URL is unset. */
function mailFromEnv(env: NodeJS.ProcessEnv): MailSettings | undefined {
  const url = env.PLENARY_SMTP_URL?.trim();
  if (!url) return undefined;
  if (!/^smtps?:\/\/[^\s]+$/i.test(url)) throw new Error('PLENARY_SMTP_URL must be an smtp:// or smtps:// URL (smtp://user:password@host:587)');
  const from = env.PLENARY_MAIL_FROM?.trim();
  if (!from || !/@/.test(from)) throw new Error('PLENARY_MAIL_FROM must name the sender, e.g. "Plenary <plenary@example.org>", when PLENARY_SMTP_URL is set');
  const perSecond = env.PLENARY_MAIL_PER_SECOND ? Number(env.PLENARY_MAIL_PER_SECOND) : 2;
  if (!Number.isFinite(perSecond) || perSecond <= 0 || perSecond > 100) throw new Error('PLENARY_MAIL_PER_SECOND must be a number of messages a second (more than 0, at most 100)');
  return { url, from, perSecond };
}

/** The identity provider's settings (issue 24), or undefined when PLENARY_OIDC_ISSUER is unset. */
function oidcFromEnv(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const issuer = env.PLENARY_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  if (!/^https?:\/\/\S+$/i.test(issuer)) throw new Error('PLENARY_OIDC_ISSUER must be the provider\'s issuer URL (https://login.example.org/realms/body)');
  const clientId = env.PLENARY_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.PLENARY_OIDC_CLIENT_SECRET ?? '';
  if (!clientId || !clientSecret) throw new Error('PLENARY_OIDC_CLIENT_ID and PLENARY_OIDC_CLIENT_SECRET must be set with PLENARY_OIDC_ISSUER');
  return { issuer, clientId, clientSecret, ...(env.PLENARY_OIDC_NAME?.trim() ? { name: env.PLENARY_OIDC_NAME.trim() } : {}) };
}

export interface RunningServer {
  /** http://HOST:PORT as bound (the real port when PORT was 0). */
  url: string;
  port: number;
  publicUrl: string;
  adminToken: string;
  /** True when the admin token was generated by this start (print it once). */
  adminTokenCreated: boolean;
  /** The demo meeting, when this start created it. */
  demo?: CreatedMeeting;
  /** Why the demo meeting could not be created, if it could not. */
  demoError?: string;
  meetings: MeetingService;
  rooms: RoomRegistry;
  log: Logger;
  /** Graceful shutdown: flush, close sockets with 1001, compact, close the database. */
  close(): Promise<void>;
}

/** Listens on `port` (0: any free one) and `host`; answers the port and the server's address. */
async function listen(server: Server, wantPort: number, host: string): Promise<{ port: number; url: string }> {
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(wantPort, host, () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : wantPort;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return { port, url: `http://${hostInUrl}:${port}` };
}

/** The demo meeting of a fresh data folder (`--demo`); a failure is logged and kept on the running server. */
async function createDemo(meetings: MeetingService, running: RunningServer, log: Logger): Promise<void> {
  try {
    running.demo = await meetings.createFromFile(readFileSync(DEMO_AGENDA), { format: 'text', fileName: 'agenda-sec23.txt' });
  } catch (e) {
    running.demoError = (e as Error).message;
    log.warn({ err: running.demoError }, 'the demo meeting could not be created');
  }
}

/** Starts a server with these settings. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  // process.stderr, not pino.destination: no exit hook per server (tests start many); pipes are synchronous on Linux.
  const log = pino({ level: config.logLevel, redact: ['token', 'adminToken', 'headers.authorization'] }, process.stderr);
  // With DATABASE_URL, PostgreSQL holds everything (cluster/openCluster.ts); DATA_DIR keeps only the secrets.
  const sealingKey = loadSealingKey(config.dataDir);
  const cluster = config.databaseUrl ? await openCluster(config.databaseUrl, sealingKey, log, config.synchronous) : undefined;
  const fresh = cluster ? cluster.created : config.dataDir === ':memory:' || !existsSync(join(config.dataDir, DATABASE_FILE));
  const db = cluster ? undefined : openDatabase(config.dataDir, { synchronous: config.synchronous });
  const catalog = cluster?.catalog ?? new MeetingCatalog(db!, sealingKey);
  const admin = loadAdminToken(config.dataDir, config.adminToken);
  const store: DocStore = cluster?.store ?? (config.memoryStore ? new MemoryStore() : new SqliteStore(db!, { log }));
  const metrics = createMetrics(config.processMetrics ?? true);
  let publicUrl = config.publicUrl ?? '';
  let meetings: MeetingService | undefined;
  // Sealed ballots (counts shown at close) open with a key of the data folder, the same on every process.
  const ballots = ballotSeal(participationKey(sealingKey));
  const rooms = new RoomRegistry(store, log, metrics, { ...DEFAULT_ROOM_OPTIONS, ballots, ...config.room, clock: config.clock ?? config.room?.clock }, (id, doc, storedAt) => meetings?.syncMeta(id, doc, storedAt));
  const jobs = new FormatJobs(rooms);
  meetings = new MeetingService(catalog, store, rooms, log, () => publicUrl, config.clock, jobs);
  // Registered people (issue 24): in the catalog's database (PostgreSQL's mirror with DATABASE_URL).
  const { registry, tracker, mail, people } = peopleServices(config, { db, cluster, catalog, sealingKey, rooms, jobs, log, meetings, publicUrl: () => publicUrl });
  // Budgets live beside the meetings: every process on one PostgreSQL spends the same (issue 23).
  const budgets = cluster ? new PgBudgets(cluster.pool) : new SqliteBudgets(db!);
  const participation = new ParticipationService(catalog, rooms, log, participationKey(sealingKey), config.participation ?? DEFAULT_PARTICIPATION_LIMITS, config.clock, budgets, people);
  const nextGate = new NextMeetingGate(budgets, participationKey(sealingKey), { ...DEFAULT_NEXT_MEETING_LIMITS, ...config.nextMeeting }, config.clock);
  const record = new MeetingRecord(store, rooms, meetings, log, config.clock, jobs);
  // Who a token names for positions, rounds and mail (issue 26): role tokens and registered people's own links (issue 24).
  const directory: PeopleDirectory = new TokenDirectory(catalog, new PeopleApi(registry));
  const issue26 = positionsAndMail(config, { rooms, catalog, directory, db, cluster, adminToken: admin.token, log });
  // Another process's rotation of links: this one's screens learn the new delegates' link (issue 25).
  await cluster?.start(rooms, config.clusterPollMs ?? 2000, (id, roles) => meetings!.tellScreens(id, roles));
  await issue26.start();
  const http = createHttpServer({
    meetings,
    record,
    nextGate,
    catalog,
    rooms,
    participation,
    people,
    attendance: tracker,
    signIn: { oidc: config.oidc ? new OidcSignIn(config.oidc, sealingKey, () => publicUrl, registry) : undefined, title: (id) => (catalog.get(id) ? (meetings?.title(id) ?? '') : undefined) },
    positions: issue26.positions,
    mail: issue26.reflector,
    meetingHooks: issue26.hooks,
    metrics,
    log,
    adminToken: admin.token,
    maxBodyBytes: config.maxPayload,
    maxPayload: config.maxPayload,
    clientDir: config.clientDir,
    heartbeatMs: config.heartbeatMs,
    connectionLimits: { ...DEFAULT_CONNECTION_LIMITS, ...config.connection },
    throttle: new AuthThrottle({ ...DEFAULT_AUTH_THROTTLE, maxFailures: config.authFailuresPerMinute }),
    trustedProxies: config.trustedProxies,
    allowedOrigins: config.allowedOrigins && config.publicUrl ? [...config.allowedOrigins, config.publicUrl] : config.allowedOrigins,
  });

  const { port, url } = await listen(http.server, config.port, config.host);
  // Without PUBLIC_URL, a server on every interface hands out links to its LAN address (lanAddress.ts).
  publicUrl ||= linkBase({ host: config.host, port, interfaces: config.interfaces });
  log.info({ url, publicUrl, dataDir: config.dataDir }, 'listening');

  const running: RunningServer = { url, port, publicUrl, adminToken: admin.token, adminTokenCreated: admin.created, meetings, rooms, log, close };
  if (config.demo && fresh && catalog.count() === 0) await createDemo(meetings, running, log);

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= (async () => {
      http.stop();
      await issue26.stop();
      const stopped = new Promise<void>((ok) => http.server.close(() => ok()));
      await rooms.closeAll(CloseCode.GoingAway, CloseReason.GoingAway);
      for (const ws of http.wss.clients) ws.terminate();
      http.server.closeAllConnections();
      await stopped;
      await tracker.close();
      await mail?.close();
      await cluster?.stop();
      await jobs.close();
      await issue26.close();
      await store.close();
      if (budgets instanceof SqliteBudgets) budgets.close(db!);
      db?.close();
      await cluster?.close();
      log.info('stopped');
      log.flush();
    })();
    return closing;
  }
  return running;
}

/** Positions, the e-mail approval deadlines' clock and the reflector's mail (issue 26), on the server's stores. */
function positionsAndMail(
  config: ServerConfig,
  d: {
    rooms: RoomRegistry;
    catalog: MeetingCatalog;
    directory: PeopleDirectory;
    db: ReturnType<typeof openDatabase> | undefined;
    cluster: Awaited<ReturnType<typeof openCluster>> | undefined;
    adminToken: string;
    log: Logger;
  },
) {
  const { rooms, catalog, directory, db, cluster, log } = d;
  const now = config.clock ?? Date.now;
  const approvals = new ApprovalClock(rooms, cluster ? new PgDeadlines(cluster.pool) : new SqliteDeadlines(db!), log, {
    now,
    pollMs: config.approvalPollMs ?? 2000,
    leaseMs: 60_000,
    owner: randomUUID(),
    exists: (id) => !!catalog.get(id),
  });
  const positions = new PositionRoutes(rooms, directory, log, { ...DEFAULT_POSITION_ROUTE_OPTIONS, now });
  const mailPool = mailWorkerPool();
  const reflector = new MailService(rooms, cluster ? new PgMailStore(cluster.pool) : new SqliteMailStore(db!), directory, { catalog, adminToken: d.adminToken }, mailPool, log, {
    timeoutMs: 60_000,
    maxBytes: config.maxPayload,
  });
  const maildirs = new MaildirWatcher(reflector, log, { ...DEFAULT_MAILDIR_OPTIONS, ...config.maildir });
  return {
    positions,
    reflector,
    hooks: {
      created: async (id: string, meeting: MeetingJson) => {
        if (meeting.approvals?.length) await approvals.reindex(id);
      },
      deleted: async (id: string) => {
        await approvals.removeMeeting(id);
        await reflector.store.removeMeeting(id);
        await maildirs.set(id, null);
      },
    },
    async start() {
      approvals.start();
      await maildirs.start();
    },
    async stop() {
      await approvals.stop();
      await maildirs.stop();
    },
    close: () => mailPool.close(),
  };
}

/** Registered people, their attendance and the mail of their links (issue 24), on the server's stores. */
function peopleServices(
  config: ServerConfig,
  d: {
    db: ReturnType<typeof openDatabase> | undefined;
    cluster: Awaited<ReturnType<typeof openCluster>> | undefined;
    catalog: MeetingCatalog;
    sealingKey: Uint8Array;
    rooms: RoomRegistry;
    jobs: FormatJobs;
    log: Logger;
    meetings: MeetingService;
    publicUrl: () => string;
  },
) {
  const { db, cluster, catalog, rooms, jobs, log, meetings, publicUrl } = d;
  const registry = cluster?.people ?? new PeopleRegistry(db!, d.sealingKey);
  catalog.setPersonLookup((meetingId, hash) => registry.lookupHash(meetingId, hash));
  const attendanceStore = cluster?.attendance ?? new SqliteAttendanceStore(db!);
  const tracker = new AttendanceTracker(attendanceStore, (m, p) => registry.get(m, p)?.place ?? '', log, { ...DEFAULT_ATTENDANCE_OPTIONS, ...config.attendance });
  const mail = config.mail ? new PersonMail(registry, config.mail, (m, t) => roleLink(publicUrl(), m, 'delegate', t), (m) => meetings.title(m) ?? '', log) : undefined;
  const people = new PeopleService({ registry, rooms, attendance: attendanceStore, tracker, log, publicUrl, readList: (data, o) => jobs.readPeople(data, o), mail });
  // The reports carry the attendance (names, organisations, sessions; never an e-mail address).
  meetings.exportContext = async (id, format) => (format === 'md' || format === 'docx' ? { attendance: await people.report(id) } : undefined);
  return { registry, tracker, mail, people };
}
