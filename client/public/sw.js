/* Tablehop's offline shell: the app opens without a network; the data still comes from the server. */
const SHELL_CACHE = 'tablehop-shell-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('tablehop-') && n !== SHELL_CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Network first, so a new release is picked up at once; the cached shell only when offline.
    event.respondWith(
      fetch(request).catch(() =>
        caches
          .open(SHELL_CACHE)
          .then((c) => c.match('/'))
          .then((r) => r || Response.error()),
      ),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Fingerprinted files never change: the cache is as good as the network.
    event.respondWith(caches.open(SHELL_CACHE).then((c) => c.match(request).then((hit) => hit || fetch(request))));
  }
});
