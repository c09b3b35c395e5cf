/**
 * Signing in with the body's identity provider (issue 24): OpenID Connect's authorization code flow with
 * PKCE (openid-client 6). A delegate opens the meeting's sign-in page, the provider says who they are, and
 * one whose verified e-mail address is registered for the meeting gets their person: their own link's view,
 * its token handed to the page by a same-origin request, never in an address they could share.
 *
 * Nothing is kept per sign-in on the server: the flow's state (PKCE verifier, state, nonce, meeting) rides
 * in a sealed, HttpOnly cookie (AES-256-GCM under the data folder's key, tokens.ts), and so does the
 * result (meeting, person, two minutes to live), so any process behind the balancer can finish it.
 *
 * Settings: PLENARY_OIDC_ISSUER, PLENARY_OIDC_CLIENT_ID, PLENARY_OIDC_CLIENT_SECRET (and PLENARY_OIDC_NAME,
 * the provider's name on the button). The provider registers `PUBLIC_URL/auth/oidc/callback`.
 */
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { sealToken, unsealToken } from '../access/tokens.js';
import type { PeopleRegistry } from './PeopleRegistry.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button ("Sign in with ..."); the issuer's host by default. */
  name?: string;
}

/** The callback's path under PUBLIC_URL. */
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';
export const OIDC_LOGIN_PATH = '/auth/oidc/login';
const FLOW_COOKIE = 'plenary_oidc';
const RESULT_COOKIE = 'plenary_signin';
const FLOW_TTL_MS = 10 * 60_000;
const RESULT_TTL_MS = 2 * 60_000;

export type CallbackResult =
  | { kind: 'ok'; meetingId: string; personId: string; cookie: string }
  | { kind: 'not-registered'; meetingId: string; email: string }
  | { kind: 'unverified'; meetingId: string; email: string }
  | { kind: 'failed'; meetingId?: string; why: string };

export class OidcSignIn {
  private config: Promise<client.Configuration> | undefined;
  /** Results already exchanged on this process (a replayed cookie gets nothing), with their expiry. */
  private readonly used = new Map<string, number>();

  constructor(
    readonly settings: OidcSettings,
    private readonly key: Uint8Array,
    private readonly publicUrl: () => string,
    private readonly registry: PeopleRegistry,
  ) {}

  /** The provider's name for the button. */
  get name(): string {
    try {
      return this.settings.name || new URL(this.settings.issuer).host;
    } catch {
      return 'your organisation';
    }
  }

  /** Where to send the browser to sign in for a meeting, and the cookie holding the flow's secrets. */
  async start(meetingId: string): Promise<{ location: string; cookie: string }> {
    const config = await this.discover();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const location = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(),
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const flow = this.seal({ m: meetingId, v: verifier, s: state, n: nonce, exp: Date.now() + FLOW_TTL_MS });
    return { location: location.href, cookie: this.cookie(FLOW_COOKIE, flow, '/auth/oidc', FLOW_TTL_MS, 'Lax') };
  }

  /** Finishes the flow from the provider's redirect (`url` as requested, `cookies` the request's). */
  async finish(url: URL, cookies: string | undefined): Promise<CallbackResult> {
    const flow = this.unseal(readCookie(cookies, FLOW_COOKIE)) as { m?: string; v?: string; s?: string; n?: string; exp?: number } | undefined;
    if (!flow || typeof flow.m !== 'string' || typeof flow.v !== 'string' || !flow.exp || flow.exp < Date.now()) {
      return { kind: 'failed', why: 'the sign-in took too long or did not start here; start again from the meeting\'s sign-in page' };
    }
    const config = await this.discover();
    let claims: Record<string, unknown>;
    try {
      const current = new URL(url.pathname + url.search, this.publicUrl());
      const tokens = await client.authorizationCodeGrant(config, current, { pkceCodeVerifier: flow.v, expectedState: flow.s, expectedNonce: flow.n, idTokenExpected: true });
      claims = { ...(tokens.claims() ?? {}) };
      if (typeof claims.email !== 'string' && tokens.access_token) {
        claims = { ...claims, ...(await client.fetchUserInfo(config, tokens.access_token, String(claims.sub))) };
      }
    } catch (e) {
      return { kind: 'failed', meetingId: flow.m, why: `the identity provider's answer was not accepted (${(e as Error).message})` };
    }
    const email = typeof claims.email === 'string' ? claims.email : '';
    if (!email || claims.email_verified !== true) return { kind: 'unverified', meetingId: flow.m, email };
    const person = this.registry.byEmail(flow.m, email);
    if (!person) return { kind: 'not-registered', meetingId: flow.m, email };
    const result = this.seal({ m: flow.m, p: person.id, j: randomBytes(12).toString('base64url'), exp: Date.now() + RESULT_TTL_MS });
    return { kind: 'ok', meetingId: flow.m, personId: person.id, cookie: this.cookie(RESULT_COOKIE, result, `/api/meetings/${encodeURIComponent(flow.m)}/signin`, RESULT_TTL_MS, 'Strict') };
  }

  /** The signed-in person's token for a meeting (once per sign-in), or undefined; and the cookie that clears it. */
  exchange(meetingId: string, cookies: string | undefined): { token?: string; clear: string } {
    const clear = this.cookie(RESULT_COOKIE, '', `/api/meetings/${encodeURIComponent(meetingId)}/signin`, 0, 'Strict');
    const r = this.unseal(readCookie(cookies, RESULT_COOKIE)) as { m?: string; p?: string; j?: string; exp?: number } | undefined;
    const now = Date.now();
    for (const [j, exp] of this.used) if (exp < now) this.used.delete(j);
    if (!r || r.m !== meetingId || typeof r.p !== 'string' || typeof r.j !== 'string' || !r.exp || r.exp < now || this.used.has(r.j)) return { clear };
    this.used.set(r.j, r.exp);
    return { token: this.registry.token(meetingId, r.p), clear };
  }

  /** The flow's cookie cleared (after the callback). */
  clearFlow(): string {
    return this.cookie(FLOW_COOKIE, '', '/auth/oidc', 0, 'Lax');
  }

  private redirectUri(): string {
    return this.publicUrl().replace(/\/+$/, '') + OIDC_CALLBACK_PATH;
  }

  private discover(): Promise<client.Configuration> {
    this.config ??= (async () => {
      const issuer = new URL(this.settings.issuer);
      // Plain http only for a provider on this machine (a test's, or a development setup).
      const local = issuer.protocol === 'http:' && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(issuer.hostname);
      return client.discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, local ? { execute: [client.allowInsecureRequests] } : undefined);
    })().catch((e: unknown) => {
      this.config = undefined;
      throw new Error(`the identity provider ${this.settings.issuer} could not be reached (${(e as Error).message})`);
    });
    return this.config;
  }

  private seal(v: object): string {
    return sealToken(this.key, JSON.stringify(v)).toString('base64url');
  }

  private unseal(v: string | undefined): unknown {
    if (!v) return undefined;
    try {
      return JSON.parse(unsealToken(this.key, Buffer.from(v, 'base64url')));
    } catch {
      return undefined;
    }
  }

  private cookie(name: string, value: string, path: string, maxAgeMs: number, sameSite: 'Lax' | 'Strict'): string {
    const secure = this.publicUrl().startsWith('https:') ? '; Secure' : '';
    return `${name}=${value}; Path=${path}; Max-Age=${Math.floor(maxAgeMs / 1000)}; HttpOnly; SameSite=${sameSite}${secure}`;
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
