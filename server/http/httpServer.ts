/**
 * One port for everything: the board's pages, the HTTP API, /healthz, /metrics and the sync endpoint.
 * The `upgrade` handler is the one place that decides access; a socket reaches a room only after that.
 * This and main.ts are the only modules that know `ws`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import type { Logger } from 'pino';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { AuthThrottle } from '../access/AuthThrottle.js';
import { clientAddress } from '../access/clientAddress.js';
import { authorizeUpgrade, redactUrl, type UpgradeDecision } from '../access/authorizeUpgrade.js';
import { handleApi, type ApiDeps } from './apiRoutes.js';
import { HttpError, isLoopback, sendJson } from './httpUtil.js';
import { answerClientError, rawJsonResponse, storageFailure, upgradeProblem } from './errorAnswers.js';
import type { MeetingCatalog } from '../meetings/MeetingCatalog.js';
import type { Metrics } from '../sync/metrics.js';
import type { RoomRegistry } from '../sync/RoomRegistry.js';
import { RESPONSE_HEADERS, serveStatic } from './staticFiles.js';
import { DEFAULT_CONNECTION_LIMITS, SyncConnection, type ConnectionLimits } from '../sync/SyncConnection.js';
import type { SocketLike } from '../sync/SocketLike.js';
import { writeWireFrame } from '../sync/wireFrame.js';
import type { ParticipationService } from '../meetings/ParticipationService.js';
import { handleSignIn, type SignInDeps } from './signInRoutes.js';
import type { PositionRoutes } from '../positions/PositionRoutes.js';
import type { MailService } from '../mail/MailService.js';

export interface HttpServerDeps extends ApiDeps {
  catalog: MeetingCatalog;
  rooms: RoomRegistry;
  metrics: Metrics;
  log: Logger;
  /** The built client (dist/client). */
  clientDir: string;
  /** Largest WebSocket frame (bytes); bigger ones close the socket with 4413. */
  maxPayload: number;
  /** Failed token checks per address (sync and API); refused without checking once over the limit. */
  throttle?: AuthThrottle;
  /** Reverse proxies whose X-Forwarded-For names the client (clientAddress.ts); none by default. */
  trustedProxies?: readonly string[];
  /** Origins (scheme://host[:port]) whose pages may open a sync socket; undefined = any. */
  allowedOrigins?: readonly string[];
  /** Ping every this many ms; a socket that did not answer the previous ping is dropped. */
  heartbeatMs: number;
  connectionLimits?: ConnectionLimits;
  /** The delegates' queue and poll requests (issue 15). */
  participation?: ParticipationService;
  /** Signing in with the body's identity provider (issue 24; signInRoutes.ts). */
  signIn?: SignInDeps;
  /** Attendance of people's own links (issue 24): told of each of their sockets opening and closing. */
  attendance?: { connected(meetingId: string, personId: string): void; disconnected(meetingId: string, personId: string): void };
  /** Positions and e-mail approval rounds (issue 26). */
  positions?: PositionRoutes;
  /** The reflector's mail (issue 26). */
  mail?: MailService;
}

export interface PlenaryHttpServer {
  server: Server;
  wss: WebSocketServer;
  /** Stops the heartbeat (sockets are closed by the rooms). */
  stop(): void;
}

/** What the request routes and the upgrade handler share: the deps and the access checks' settings. */
interface Endpoint {
  deps: HttpServerDeps;
  wss: WebSocketServer;
  /** Whether each socket answered the last ping. */
  alive: WeakMap<WebSocket, boolean>;
  throttle: AuthThrottle;
  allowedOrigins: Set<string> | undefined;
  trustedProxies: Set<string>;
}

/** Creates the HTTP server with its routes and the sync endpoint (not yet listening). */
export function createHttpServer(deps: HttpServerDeps): PlenaryHttpServer {
  const { log } = deps;
  const ep: Endpoint = {
    deps,
    wss: new WebSocketServer({ noServer: true, maxPayload: deps.maxPayload, perMessageDeflate: false }),
    alive: new WeakMap<WebSocket, boolean>(),
    throttle: deps.throttle ?? new AuthThrottle(),
    allowedOrigins: deps.allowedOrigins ? new Set(deps.allowedOrigins.map(normaliseOrigin)) : undefined,
    trustedProxies: new Set(deps.trustedProxies ?? []),
  };

  const server = createServer((req, res) => {
    void onRequest(ep, req, res).catch((err) => {
      log.error({ err, url: redactUrl(req.url) }, 'request failed');
      const storage = storageFailure(err);
      if (!res.headersSent) sendJson(res, storage?.status ?? 500, { error: storage?.error ?? 'internal error' });
      else res.destroy();
    });
  });
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    log.debug({ code: err.code, err: err.message }, 'request refused by the HTTP parser');
    answerClientError(err, socket);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => onUpgrade(ep, req, socket, head));

  const heartbeat = startHeartbeat(ep.wss, ep.alive, deps.heartbeatMs);
  return { server, wss: ep.wss, stop: () => clearInterval(heartbeat) };
}

function failedCheck(ep: Endpoint, address: string): void {
  if (ep.throttle.fail(address)) ep.deps.log.warn({ address }, 'too many failed token checks: refusing this address for a while');
}

/** The routes: /healthz, /metrics (loopback), the API (throttled), /sync/ (WebSocket only), the board's files. */
async function onRequest(ep: Endpoint, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { deps, throttle } = ep;
  const { log, metrics } = deps;
  for (const [name, value] of Object.entries(RESPONSE_HEADERS)) res.setHeader(name, value);
  const address = clientAddress(req, ep.trustedProxies);
  let isApi = false;
  try {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      throw new HttpError(400, 'malformed URL');
    }
    const path = url.pathname;
    if (path === '/healthz') return sendJson(res, 200, { ok: true });
    if (path === '/metrics') {
      if (!isLoopback(req)) throw new HttpError(403, 'metrics are served on loopback only');
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
      res.end(text);
      return;
    }
    if (deps.signIn && (await handleSignIn(req, res, url, deps.signIn))) return;
    if (path === '/api' || path.startsWith('/api/')) {
      isApi = true;
      if (throttle.isBlocked(address)) {
        log.debug({ address, url: redactUrl(req.url) }, 'throttled API request refused');
        throw new HttpError(429, 'too many failed attempts from this address; try again later', {
          'retry-after': String(throttle.retryAfterSeconds(address)),
        });
      }
      if (deps.participation?.handles(path)) return await deps.participation.handle(req, res, path.replace(/\/+$/, ''), address);
      if (deps.positions?.handles(path)) return await deps.positions.handle(req, res, path.replace(/\/+$/, ''), address);
      if (deps.mail?.handles(path)) return await deps.mail.handle(req, res, path.replace(/\/+$/, ''));
      return await handleApi(req, res, url, deps);
    }
    if (path.startsWith('/sync/')) throw new HttpError(426, 'the sync endpoint speaks WebSocket');
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (serveStatic(req, res, path, deps.clientDir)) return;
      throw new HttpError(404, 'not found');
    }
    throw new HttpError(404, 'not found');
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    if (isApi && (e.status === 401 || e.status === 403)) failedCheck(ep, address);
    log.debug({ status: e.status, method: req.method, url: redactUrl(req.url), error: e.message }, 'request refused');
    const headers = e.status === 413 ? { ...e.headers, connection: 'close' } : e.headers;
    sendJson(res, e.status, { error: e.message }, headers);
  }
}

/**
 * The one place that decides access to a room: the upgrade is decided (origin, throttle, token), refused
 * over HTTP when it is not the sync endpoint or not a proper WebSocket request, else accepted and then
 * closed with the refusal's code, or joined to its room.
 */
function onUpgrade(ep: Endpoint, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const { log, metrics } = ep.deps;
  socket.on('error', (err) => log.debug({ err: err.message }, 'upgrade socket error'));
  const address = clientAddress(req, ep.trustedProxies);
  let decision: UpgradeDecision;
  try {
    decision = decideUpgrade(ep, req, address);
  } catch (err) {
    log.error({ err, url: redactUrl(req.url) }, 'authorisation failed');
    socket.end(rawJsonResponse(500, 'internal error'));
    return;
  }
  if (!decision.ok && 'notFound' in decision) {
    socket.end(rawJsonResponse(404, 'no such endpoint'));
    return;
  }
  const problem = upgradeProblem(req);
  if (problem) {
    socket.end(rawJsonResponse(400, problem, { 'sec-websocket-version': '13' }));
    return;
  }
  ep.wss.handleUpgrade(req, socket, head, (ws) => {
    closeOversizedWithNamedCode(ws);
    if (!decision.ok) {
      if ('code' in decision) {
        metrics.refused.inc({ code: String(decision.code) });
        log.info({ meeting: decision.meetingId, code: decision.code, reason: decision.reason }, 'sync connection refused');
        ws.close(decision.code, decision.reason);
      }
      return;
    }
    openSyncConnection(ep, ws, socket, decision);
  });
}

/** A sync socket from a foreign origin or a throttled address is refused; anything else goes to authorizeUpgrade. */
function decideUpgrade(ep: Endpoint, req: IncomingMessage, address: string): UpgradeDecision {
  const { log } = ep.deps;
  const origin = req.headers.origin;
  const isSync = (req.url ?? '').startsWith('/sync/');
  if (isSync && ep.allowedOrigins && origin !== undefined && !ep.allowedOrigins.has(normaliseOrigin(origin))) {
    log.info({ address, origin: String(origin).slice(0, 200) }, 'sync connection from a foreign origin refused');
    return { ok: false, code: CloseCode.Forbidden, reason: CloseReason.Forbidden };
  }
  if (isSync && ep.throttle.isBlocked(address)) {
    log.debug({ address }, 'throttled sync connection refused');
    return { ok: false, code: CloseCode.RateLimited, reason: CloseReason.Throttled };
  }
  const decision = authorizeUpgrade(req, ep.deps.catalog);
  if (!decision.ok && 'code' in decision && decision.code !== CloseCode.TryAgain) failedCheck(ep, address);
  return decision;
}

/** An accepted sync socket: its connection, heartbeat and messages, joined to its meeting's room. */
function openSyncConnection(ep: Endpoint, ws: WebSocket, socket: Duplex, decision: Extract<UpgradeDecision, { ok: true }>): void {
  const { deps, alive } = ep;
  const { log, metrics } = deps;
  const conn = new SyncConnection(wsSocketLike(ws, socket), decision.meetingId, decision.role, log, metrics, deps.connectionLimits ?? DEFAULT_CONNECTION_LIMITS);
  conn.tokenId = decision.tokenId;
  conn.person = decision.person;
  alive.set(ws, true);
  ws.on('pong', () => alive.set(ws, true));
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (!isBinary) return conn.close(CloseCode.MalformedMessage, CloseReason.MalformedMessage);
    conn.receive(toBytes(data));
  });
  // A person's own link counts towards attendance while its socket is open (server/people/AttendanceTracker.ts).
  const person = decision.person;
  if (person) deps.attendance?.connected(decision.meetingId, person.id);
  ws.on('close', () => {
    conn.onSocketClosed();
    if (person) deps.attendance?.disconnected(decision.meetingId, person.id);
  });
  ws.on('error', (err) => log.info({ conn: conn.id, meeting: conn.meetingId, err: err.message }, 'socket error'));
  log.debug({ conn: conn.id, meeting: conn.meetingId, role: conn.role }, 'sync connection opened');
  deps.rooms.join(decision.meetingId, conn).catch((err) => {
    log.error({ meeting: decision.meetingId, err }, 'loading the meeting failed');
    conn.close(CloseCode.ServerError, CloseReason.LoadFailed);
  });
}

/** Pings every socket each `ms`; one that did not answer the previous ping is dropped. */
function startHeartbeat(wss: WebSocketServer, alive: WeakMap<WebSocket, boolean>, ms: number): NodeJS.Timeout {
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }, ms);
  heartbeat.unref();
  return heartbeat;
}

/**
 * `ws` closes a frame over maxPayload with 1009 on its own (before a byte of it is buffered), and
 * WebsocketProvider retries 1009 for ever, resending the same frame. Its receiver ends that by calling
 * the socket's close(1009): this turns that one call into 4413, which the provider takes as final.
 */
function closeOversizedWithNamedCode(ws: WebSocket): void {
  const close = ws.close.bind(ws);
  ws.close = (code?: number, reason?: string | Buffer) =>
    code === CloseCode.MessageTooBig ? close(CloseCode.TooLarge, CloseReason.TooLarge) : close(code, reason);
}

/** `https://Example.org:443/` → `https://example.org`; junk stays as it is (and matches nothing). */
function normaliseOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}

/**
 * Frames go straight to the upgraded socket, framed once per message (wireFrame.ts): a broadcast's bytes
 * are the same for every follower. Safe because this server never turns on permessage-deflate nor sends
 * a Blob, so `ws` never holds frames of its own back in a queue these writes could overtake.
 */
function wsSocketLike(ws: WebSocket, socket: Duplex): SocketLike {
  return {
    send: (data) => {
      if (ws.readyState !== ws.OPEN) throw new Error('the WebSocket is not open');
      writeWireFrame(socket, data);
    },
    close: (code, reason) => ws.close(code, reason),
    isOpen: () => ws.readyState === ws.OPEN,
    bufferedAmount: () => ws.bufferedAmount,
  };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
