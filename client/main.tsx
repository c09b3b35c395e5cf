/** Entry: mounts the page. No StrictMode: it would open every meeting connection twice in development. */
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { registerServiceWorker } from './serviceWorker.js';
import './styles.css';

performance.mark('plenary:start');
createRoot(document.getElementById('root')!).render(
  <ErrorBoundary>
    <App />
  </ErrorBoundary>,
);
registerServiceWorker();
