/**
 * The page: which meeting, role and view the address names, the link's token moved out of the address bar,
 * and the view inside its meeting connection.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { canEdit, parseRoute, takeLinkParams, type Route } from './route.js';
import { cachedRole, fetchRole, viewFor, type RoleResult } from './sync/serverRole.js';
import { MeetingProvider } from './sync/MeetingContext.js';
import { MeetingConnection } from './sync/MeetingConnection.js';
import { useConnectionStatus } from './sync/useMeeting.js';
import { ClosedNotice } from './components/common/ClosedNotice.js';
import { ConnectionBadge } from './components/common/ConnectionBadge.js';
import { TimeTravel } from './components/record/TimeTravel.js';
import { SignedInToken } from './components/people/SignedInToken.js';

/** The whole page: route, token, connection, view. */
export function App() {
  if (isAdminPath(location.pathname)) return <AdminPage />;
  return <MeetingPage />;
}

/** The admin's home page: `/` and `/admin`. */
export function isAdminPath(pathname: string): boolean {
  return pathname === '/' || pathname === '/index.html' || /^\/admin\/?$/.test(pathname);
}

function AdminPage() {
  const [mod, setMod] = useState<typeof import('./views/AdminView.js') | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    import('./views/AdminView.js').then(setMod, (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
  }, []);
  if (failed) return <Notice title="This page could not load">{failed}. Check the connection and reload.</Notice>;
  return mod ? <mod.AdminView /> : null;
}

function MeetingPage() {
  const route = useMemo(() => parseRoute(location.pathname), []);
  // Fetch the view's code while the meeting syncs, not after.
  if (route) void loadView(route.view).catch(() => undefined);
  const link = useMemo(() => {
    if (!route) return null;
    const { params, cleanUrl } = takeLinkParams(route, location, sessionStorage);
    if (cleanUrl !== null) history.replaceState(history.state, '', cleanUrl);
    return params;
  }, [route]);
  if (!route || !link) {
    return <Notice title="Not a meeting link">Open the link the secretary gave you: it looks like …/m/MEETING/delegate-follow?token=….</Notice>;
  }
  if (!link.token) {
    // Signed in with the identity provider (issue 24): the server hands this page the person's token.
    const r = route;
    return (
      <SignedInToken meetingId={r.meetingId} storageKey={`plenary:${r.meetingId}:${r.role}:token`}>
        {(token) => <RoleGate route={r} token={token} follow={link.follow} />}
      </SignedInToken>
    );
  }
  return <RoleGate route={route} token={link.token} follow={link.follow} />;
}

/**
 * Asks the server what the token may do before opening the meeting: the role (and so the view, whether
 * anything is editable, whether a local copy is kept) comes from that answer, never from the address.
 */
function RoleGate({ route, token, follow }: { route: Route; token: string; follow: string | undefined }) {
  const [result, setResult] = useState<RoleResult | null>(null);
  // The socket opens while the role is asked (no round trip lost). Every role keeps its own local copy of
  // the meeting, keyed by meeting, the server's role for the link and the link (a phone's second visit
  // starts from it, issue 14; client/sync/forgetMeeting.ts says who keeps what): opened at once under the
  // role the server gave before, else once it answers. Only a role that may edit gets a view that can
  // write into its copy, so a read-only copy holds only what the server sent. A refused link forgets it
  // all. What the page shows and allows waits for the answer.
  const [connection] = useState(() => new MeetingConnection({ meetingId: route.meetingId, token, role: cachedRole(route.meetingId, token)?.role }));
  useEffect(() => () => connection.destroy(), [connection]);
  useEffect(() => {
    let alive = true;
    void fetchRole(route.meetingId, token).then((r) => {
      if (!alive) return;
      if (r.state === 'ok') connection.keepLocalCopy(r.answer.role);
      // Revoked or deleted: nothing of the meeting stays in this browser for this link.
      if (r.state === 'refused') void connection.forget();
      setResult(r);
    });
    return () => {
      alive = false;
    };
  }, [route.meetingId, token, connection]);
  if (!result) return <Loading badge={false} />;
  if (result.state === 'refused') return <ClosedNotice message={result.message} />;
  if (result.state === 'unreachable') return <Notice title="Cannot open this meeting yet">{result.message}</Notice>;
  const role = result.answer.role;
  const view = viewFor(route.view, role);
  const shown: Route = { meetingId: route.meetingId, role, view };
  const editable = canEdit(role) && view === 'board';
  if (view !== route.view) void loadView(view).catch(() => undefined);
  return (
    <MeetingProvider meetingId={route.meetingId} role={role} token={token} editable={editable} connection={connection}>
      {view !== route.view ? (
        <div className="role-note" role="note" data-role-note="true">
          This link is for following the meeting: it shows the meeting as it goes and cannot change it.
        </div>
      ) : null}
      <Gate>
        <ViewFor route={shown} followUrl={followUrl(route, follow)} />
      </Gate>
    </MeetingProvider>
  );
}

// Each view is its own chunk: a delegate's phone does not download the board. The chunk loads while the
// meeting syncs. No React.lazy: Suspense would hold back the first view by its reveal throttle (~300 ms).
type ViewModule = { default: (props: { followUrl: string | null }) => ReactNode };
const loaders: Record<Route['view'], () => Promise<ViewModule>> = {
  board: () => import('./views/BoardView.js').then((m) => ({ default: () => <m.BoardView /> })),
  room: () => import('./views/ScreenView.js').then((m) => ({ default: (p) => <m.ScreenView followUrl={p.followUrl} /> })),
  follow: () => import('./views/FollowView.js').then((m) => ({ default: () => <m.FollowView /> })),
};
const loading = new Map<Route['view'], Promise<ViewModule>>();
function loadView(view: Route['view']): Promise<ViewModule> {
  let p = loading.get(view);
  if (!p) loading.set(view, (p = loaders[view]()));
  return p;
}

function ViewFor({ route, followUrl }: { route: Route; followUrl: string | null }) {
  const [mod, setMod] = useState<ViewModule | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    loadView(route.view).then(
      (m) => alive && setMod(m),
      (e: unknown) => alive && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      alive = false;
    };
  }, [route.view]);
  if (failed) return <Notice title="This page could not load">{failed}. Check the connection and reload.</Notice>;
  if (!mod) return <Loading />;
  const View = mod.default;
  const view = <View followUrl={followUrl} />;
  return <FirstPaintMark>{route.view === 'room' ? view : <TimeTravel>{view}</TimeTravel>}</FirstPaintMark>;
}

/** `badge`: inside the meeting's connection only (the badge reads it). */
function Loading({ badge = true }: { badge?: boolean }) {
  return (
    <div className="loading">
      <div className="loading-box">
        <div className="brand">Plenary</div>
        <p>Loading the meeting…</p>
        {badge ? <ConnectionBadge /> : null}
      </div>
    </div>
  );
}

/** Shows the view once the meeting is loaded (from the server or the local copy), or why it cannot be. */
function Gate({ children }: { children: ReactNode }) {
  const s = useConnectionStatus();
  if (s.state === 'closed') return <ClosedNotice message={s.closedMessage ?? 'The server closed the connection.'} />;
  if (!s.ready) return <Loading />;
  return <>{children}</>;
}

/** Marks when the view first painted the meeting (performance.mark 'plenary:first-view'), for measurements. */
function FirstPaintMark({ children }: { children: ReactNode }) {
  useEffect(() => {
    if (performance.getEntriesByName('plenary:first-view').length === 0) performance.mark('plenary:first-view');
  }, []);
  return <>{children}</>;
}

function Notice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="closed-notice" role="alert">
      <h1>{title}</h1>
      <p>{children}</p>
    </div>
  );
}

/**
 * The delegates' link for the screen's QR code. The screen's token cannot open the delegates' view, so the
 * screen link carries it: `&follow=` with either the full delegate link or just the delegate token.
 */
export function followUrl(route: Route, follow: string | undefined): string | null {
  if (!follow) return null;
  if (/^https?:\/\//i.test(follow)) return follow;
  return `${location.origin}/m/${encodeURIComponent(route.meetingId)}/delegate-follow?token=${encodeURIComponent(follow)}`;
}
