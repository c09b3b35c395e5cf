/** A delegate's browser as the server sees it: its secret participant id and the HTTP requests it makes. */
import { randomBytes } from 'node:crypto';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export interface Participant {
  id: string;
  queue(body: Record<string, unknown>): Promise<Answer>;
  answer(pollId: string, option: unknown): Promise<Answer>;
}

/** A new browser identity using `token`; `address` is sent as X-Forwarded-For (servers that trust 127.0.0.1). */
export function participant(baseUrl: string, meetingId: string, token: string, opts: { id?: string; address?: string } = {}): Participant {
  const id = opts.id ?? randomBytes(16).toString('base64url');
  const post = async (path: string, body: unknown): Promise<Answer> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    if (opts.address) headers['x-forwarded-for'] = opts.address;
    const res = await fetch(`${baseUrl}/api/meetings/${encodeURIComponent(meetingId)}${path}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new Error(`not JSON (${res.status}): ${text.slice(0, 200)}`);
    }
    return { status: res.status, body: parsed };
  };
  return {
    id,
    queue: (body) => post('/queue', { participant: id, ...body }),
    answer: (pollId, option) => post(`/polls/${encodeURIComponent(pollId)}/answer`, { participant: id, option }),
  };
}

/** Runs `count` tasks with at most `width` in flight. */
export async function pool(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++);
    }),
  );
}
