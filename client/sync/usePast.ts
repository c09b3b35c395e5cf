/**
 * The meeting as it stood at a past moment (issue 17), fetched from `export.json?at=` with this link's
 * token: the server rebuilds it from its record. Read-only by construction: it is a copy, not the live doc.
 */
import { useCallback, useRef, useState } from 'react';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

export interface PastState {
  /** The moment asked for (ms). */
  at: number;
  meeting: MeetingJson;
  /** Time of the last change included (ms), from the server. */
  changedAt: number | null;
}

export interface UsePast {
  past: PastState | null;
  loading: boolean;
  error: string | null;
  show: (at: number) => void;
  back: () => void;
}

/** The past export's path (no token: downloads send it in the Authorization header, download.ts). */
export function pastExportPath(meetingId: string, fmt: string, at: number): string {
  return `/api/meetings/${encodeURIComponent(meetingId)}/export.${fmt}?at=${encodeURIComponent(new Date(at).toISOString())}`;
}

/** `refused`: the server answered 401 or 404 (the link no longer opens the meeting). */
export function usePast(meetingId: string, token: string, refused?: (status: 401 | 404) => void): UsePast {
  const [past, setPast] = useState<PastState | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  const show = useCallback(
    (at: number) => {
      const n = ++asked.current;
      setLoading(true);
      setError(null);
      fetch(pastExportPath(meetingId, 'json', at), { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' })
        .then(async (res) => {
          if (res.status === 401 || res.status === 404) refused?.(res.status);
          if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `the server answered ${res.status}`);
          const changed = res.headers.get('x-plenary-changed-at');
          const meeting = (await res.json()) as MeetingJson;
          if (n === asked.current) setPast({ at, meeting, changedAt: changed ? Date.parse(changed) : null });
        })
        .catch((e: unknown) => n === asked.current && setError(e instanceof Error ? e.message : String(e)))
        .finally(() => n === asked.current && setLoading(false));
    },
    [meetingId, token, refused],
  );
  const back = useCallback(() => {
    asked.current++;
    setPast(null);
    setLoading(false);
    setError(null);
  }, []);
  return { past, loading, error, show, back };
}
