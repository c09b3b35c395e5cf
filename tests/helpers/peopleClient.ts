/** Registration lists and the people routes (issue 24), as the secretary's page or a script calls them. */
import type { TestServer } from './startTestServer.js';

export interface PersonAnswer {
  id: string;
  name: string;
  organisation: string;
  email: string;
  link: string;
  where: string;
  mail: { state: string; at: string; error: string };
  connected: boolean;
}

/** `count` people as CSV: Name;Company;E-mail (semicolons, as some portals write). */
export function registrationCsv(count: number, opts: { orgs?: number; offset?: number } = {}): string {
  const orgs = opts.orgs ?? 10;
  const lines = ['Name;Company;E-mail;Attendance'];
  for (let i = 0; i < count; i++) {
    const n = i + (opts.offset ?? 0);
    lines.push(`Delegate ${n};Org ${n % orgs};delegate${n}@org${n % orgs}.example;${n % 3 === 0 ? 'Remote' : 'On-site'}`);
  }
  return lines.join('\n') + '\n';
}

/** A person's token from their link. */
export function tokenOf(link: string): string {
  return new URL(link).searchParams.get('token')!;
}

/** Calls a meeting route with a bearer token; answers status and parsed JSON (or text). */
export async function call(ts: TestServer, meetingId: string, path: string, token: string, init: { method?: string; body?: string | Uint8Array; type?: string } = {}) {
  const res = await fetch(`${ts.url}/api/meetings/${encodeURIComponent(meetingId)}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${token}`, ...(init.type ? { 'content-type': init.type } : {}) },
    body: init.body as BodyInit | undefined,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json: json as Record<string, unknown> & unknown[], text, headers: res.headers };
}

/** Imports a list (CSV by default) and answers the route's JSON; throws unless 200. */
export async function importPeople(ts: TestServer, meetingId: string, token: string, body: string | Uint8Array, type = 'text/csv') {
  const r = await call(ts, meetingId, '/people', token, { body, type });
  if (r.status !== 200) throw new Error(`importing people failed: ${r.status} ${r.text}`);
  return r.json as unknown as { added: number; updated: number; unchanged: number; missing: number; duplicates: unknown[]; skipped: unknown[]; people: PersonAnswer[] };
}
