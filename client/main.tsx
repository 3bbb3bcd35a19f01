import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadRoute } from './App.tsx';
import { initI18n } from './i18n/i18n.ts';
import { registerOfflineShell } from './offline.ts';
import { matchRoute } from './router.ts';
import './styles/base.css';

// The page's own chunk and strings download while the common strings load.
preloadRoute(matchRoute(location.pathname));
await initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerOfflineShell();
