/**
 * Signing in with the body's identity provider (issue 24; server/people/oidcSignIn.ts), hooked into
 * httpServer.ts by one line:
 *
 *   GET  /m/:id/sign-in                  the meeting's sign-in page (a button to the provider)
 *   GET  /auth/oidc/login?meeting=ID     to the provider (authorization code flow with PKCE)
 *   GET  /auth/oidc/callback             back from it: a registered, verified address goes to its
 *                                        person's follow view; anyone else gets a page saying why
 *   POST /api/meetings/:id/signin/token  the signed-in person's token, once, to the page (same origin)
 *
 * The pages are plain server-rendered HTML (no script), with the pages' security headers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidMeetingId } from '../../shared/document/meetingId.js';
import type { OidcSignIn } from '../people/oidcSignIn.js';
import { OIDC_CALLBACK_PATH, OIDC_LOGIN_PATH } from '../people/oidcSignIn.js';
import { HttpError, sendJson } from './httpUtil.js';
import { PAGE_HEADERS } from './staticFiles.js';

export interface SignInDeps {
  oidc?: OidcSignIn;
  /** The meeting's title, undefined for an unknown meeting. */
  title: (meetingId: string) => string | undefined;
}

const PAGE = /^\/m\/([^/]+)\/sign-in\/?$/;
const TOKEN = /^\/api\/meetings\/([^/]+)\/signin\/token$/;

/** Answers the sign-in routes; false for any other request. */
export async function handleSignIn(req: IncomingMessage, res: ServerResponse, url: URL, deps: SignInDeps): Promise<boolean> {
  const path = url.pathname;
  const page = PAGE.exec(path);
  if (page) return signInPage(res, decode(page[1]), deps);
  const token = TOKEN.exec(path);
  if (token) {
    if (req.method !== 'POST') throw new HttpError(405, 'method not allowed (allowed: POST)', { allow: 'POST' });
    const id = decode(token[1]);
    const out = deps.oidc?.exchange(id, req.headers.cookie);
    if (!out?.token) throw new HttpError(401, 'not signed in for this meeting (or the sign-in was used already): sign in again', out ? { 'set-cookie': out.clear } : {});
    sendJson(res, 200, { token: out.token }, { 'set-cookie': out.clear });
    return true;
  }
  if (path === OIDC_LOGIN_PATH) {
    const id = url.searchParams.get('meeting') ?? '';
    if (!deps.oidc) return html(res, 404, 'Sign-in is not set up', '<p>This server has no identity provider. Open the link the secretary sent you.</p>');
    if (!isValidMeetingId(id) || deps.title(id) === undefined) return html(res, 404, 'No such meeting', '<p>There is no meeting with this id.</p>');
    try {
      const { location, cookie } = await deps.oidc.start(id);
      res.writeHead(302, { location, 'set-cookie': cookie, 'cache-control': 'no-store' });
      res.end();
    } catch (e) {
      return html(res, 503, 'The identity provider cannot be reached', `<p>${esc((e as Error).message)}. Try again in a minute, or use the link the secretary sent you.</p>`);
    }
    return true;
  }
  if (path === OIDC_CALLBACK_PATH) return callback(res, url, req.headers.cookie, deps);
  return false;
}

async function callback(res: ServerResponse, url: URL, cookies: string | undefined, deps: SignInDeps): Promise<true> {
  if (!deps.oidc) return html(res, 404, 'Sign-in is not set up', '<p>This server has no identity provider.</p>');
  const r = await deps.oidc.finish(url, cookies);
  const clear = deps.oidc.clearFlow();
  const title = r.meetingId ? (deps.title(r.meetingId) ?? 'the meeting') : 'the meeting';
  const again = r.meetingId ? `<p><a href="/m/${encodeURIComponent(r.meetingId)}/sign-in">Sign in again</a></p>` : '';
  if (r.kind === 'ok') {
    res.writeHead(302, { location: `/m/${encodeURIComponent(r.meetingId)}/delegate-follow`, 'set-cookie': [clear, r.cookie], 'cache-control': 'no-store' });
    res.end();
    return true;
  }
  if (r.kind === 'not-registered') {
    return html(
      res,
      403,
      'You are not on the list of this meeting',
      `<p>You signed in as <strong>${esc(r.email)}</strong>, but this address is not among the registered delegates of <strong>${esc(title)}</strong>.</p>
       <p>Ask the secretary to add it to the registration list, or use the personal link they sent you.</p>${again}`,
      clear,
    );
  }
  if (r.kind === 'unverified') {
    return html(res, 403, 'Your e-mail address is not confirmed', `<p>The identity provider did not confirm ${r.email ? `<strong>${esc(r.email)}</strong>` : 'an e-mail address'} for your account, so it cannot tell which registered delegate you are. Use the link the secretary sent you.</p>${again}`, clear);
  }
  return html(res, 400, 'The sign-in did not finish', `<p>${esc(r.why)}.</p>${again}`, clear);
}

function signInPage(res: ServerResponse, id: string, deps: SignInDeps): true {
  const title = isValidMeetingId(id) ? deps.title(id) : undefined;
  if (title === undefined) return html(res, 404, 'No such meeting', '<p>There is no meeting with this id. Open the link the secretary gave you.</p>');
  if (!deps.oidc) return html(res, 404, 'Sign-in is not set up', `<p>${esc(title)} has no sign-in: open the personal link the secretary sent you.</p>`);
  return html(
    res,
    200,
    `Sign in to ${title}`,
    `<p>Registered for this meeting? Sign in with your organisation's account: you get your own view, and the queue and shows of hands know it is you.</p>
     <p><a class="button" data-action="oidc-sign-in" href="${OIDC_LOGIN_PATH}?meeting=${encodeURIComponent(id)}">Sign in with ${esc(deps.oidc.name)}</a></p>
     <p class="muted">Your address must be the one you registered with. You can also open the personal link the secretary sent you.</p>`,
  );
}

function html(res: ServerResponse, status: number, title: string, body: string, cookie?: string): true {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} · Plenary</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1f}
a.button{display:inline-block;background:#1f4fa3;color:#fff;padding:.6rem 1.1rem;border-radius:6px;text-decoration:none}.muted{color:#555}</style></head>
<body><main><h1>${esc(title)}</h1>${body}</main></body></html>\n`;
  const data = Buffer.from(page, 'utf8');
  res.writeHead(status, { ...PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-length': data.length, 'cache-control': 'no-store', ...(cookie ? { 'set-cookie': cookie } : {}) });
  res.end(data);
  return true;
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return '';
  }
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
