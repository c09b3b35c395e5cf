/**
 * The page: which meeting, role and view the address names, the link's token moved out of the address bar,
 * and the view inside its meeting connection.
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { canEdit, parseRoute, takeLinkParams, type Route } from './route.js';
import { MeetingProvider } from './sync/MeetingContext.js';
import { useConnectionStatus } from './sync/useMeeting.js';
import { BoardView } from './views/BoardView.js';
import { ScreenView } from './views/ScreenView.js';
import { FollowView } from './views/FollowView.js';
import { ClosedNotice } from './components/ClosedNotice.js';
import { ConnectionBadge } from './components/ConnectionBadge.js';

export function App() {
  const route = useMemo(() => parseRoute(location.pathname), []);
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
    return <Notice title="This link has no access token">Ask the secretary for your link; it ends with ?token=….</Notice>;
  }
  return (
    <MeetingProvider meetingId={route.meetingId} role={route.role} token={link.token} editable={canEdit(route.role) && route.view === 'board'}>
      <Gate>
        <ViewFor route={route} followUrl={followUrl(route, link.follow)} />
      </Gate>
    </MeetingProvider>
  );
}

function ViewFor({ route, followUrl }: { route: Route; followUrl: string | null }) {
  if (route.view === 'room') return <ScreenView followUrl={followUrl} />;
  if (route.view === 'follow') return <FollowView />;
  return <BoardView />;
}

/** Shows the view once the meeting is loaded (from the server or the local copy), or why it cannot be. */
function Gate({ children }: { children: ReactNode }) {
  const s = useConnectionStatus();
  if (s.state === 'closed') return <ClosedNotice message={s.closedMessage ?? 'The server closed the connection.'} />;
  if (!s.ready) {
    return (
      <div className="loading">
        <div className="loading-box">
          <div className="brand">Plenary</div>
          <p>Loading the meeting…</p>
          <ConnectionBadge />
        </div>
      </div>
    );
  }
  return <FirstPaintMark>{children}</FirstPaintMark>;
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
