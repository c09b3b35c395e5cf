/**
 * Last line of defence: a rendering error shows a readable message with a reload button instead of a
 * blank page. The document is safe (it lives in the server and the local copy), so reloading loses nothing.
 */
import { Component, type ReactNode } from 'react';

/** Catches rendering errors below it. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="closed-notice" role="alert">
        <h1>Something went wrong on this page</h1>
        <p className="muted">{this.state.error.message}</p>
        <p>Your changes are kept. Reload to continue.</p>
        <button className="small-btn" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
