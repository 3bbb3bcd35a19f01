/**
 * A phone that reloads on dead venue Wi-Fi should still open the app and its waiting notes.
 * The service worker serves the cached shell when the network fails; the page fills that cache
 * with exactly the files it has loaded, so nothing needs a precache list at build time.
 */

export const SHELL_CACHE = 'tablehop-shell-v1';

export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}

/** Caches the page and every script, style and catalog loaded so far; resolves when done. */
export async function cacheLoadedShell(): Promise<boolean> {
  if (!('caches' in window) || !('serviceWorker' in navigator) || !import.meta.env.PROD) return false;
  try {
    await navigator.serviceWorker.ready;
    const assets = performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && u.pathname.startsWith('/assets/'))
      .map((u) => u.pathname);
    const cache = await caches.open(SHELL_CACHE);
    await cache.addAll(['/', ...new Set(assets)]);
    document.documentElement.dataset.offlineReady = 'true';
    return true;
  } catch {
    return false;
  }
}
