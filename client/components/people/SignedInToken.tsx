/**
 * A meeting page opened without a token (issue 24): after signing in with the identity provider the
 * server holds the person's link for this page, handed over once by a same-origin request (the token is
 * never in an address). Without a sign-in: the notice, with the meeting's sign-in page offered.
 */
import { useEffect, useState, type ReactNode } from 'react';

export function SignedInToken({ meetingId, storageKey, children }: { meetingId: string; storageKey: string; children: (token: string) => ReactNode }) {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    fetch(`/api/meetings/${encodeURIComponent(meetingId)}/signin/token`, { method: 'POST', credentials: 'same-origin' })
      .then(async (res) => (res.ok ? ((await res.json()) as { token?: unknown }).token : null))
      .then(
        (t) => {
          if (!alive) return;
          if (typeof t === 'string' && t) {
            try {
              sessionStorage.setItem(storageKey, t);
            } catch {
              // Storage disabled: this page keeps it in memory.
            }
            setToken(t);
          } else setToken(null);
        },
        () => alive && setToken(null),
      );
    return () => {
      alive = false;
    };
  }, [meetingId, storageKey]);
  if (token === undefined) return null;
  if (token) return <>{children(token)}</>;
  return (
    <div className="closed-notice" role="alert">
      <h1>This link has no access token</h1>
      <p>Ask the secretary for your link; it ends with ?token=….</p>
      <p>
        Registered for this meeting? <a href={`/m/${encodeURIComponent(meetingId)}/sign-in`}>Sign in with your organisation's account</a>.
      </p>
    </div>
  );
}
