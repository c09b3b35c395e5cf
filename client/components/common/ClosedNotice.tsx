/** Shown instead of the meeting when the server refused this link for good (revoked, unknown meeting). */
export function ClosedNotice({ message }: { message: string }) {
  return (
    <div className="closed-notice" role="alert" data-closed="true">
      <h1>Cannot open this meeting</h1>
      <p className="closed-message">{message}</p>
      <p className="muted">The page has stopped trying to connect. Open the new link you were given.</p>
    </div>
  );
}
