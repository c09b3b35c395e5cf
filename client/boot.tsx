/** Mounts the page (loaded by main.tsx once the follow link's preview has painted). No StrictMode: it would open every meeting connection twice in development. */
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { ErrorBoundary } from './components/common/ErrorBoundary.js';
import { registerServiceWorker } from './serviceWorker.js';

export function boot(): void {
  performance.mark('plenary:start');
  createRoot(document.getElementById('root')!).render(
    <ErrorBoundary>
      <App />
    </ErrorBoundary>,
  );
  registerServiceWorker();
}
