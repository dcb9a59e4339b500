// The example's service worker: keeps the page and the widget code on the phone so the page opens
// offline (a complaint typed then waits in the outbox). API calls (/v1/…) are never cached.
// Network first, so a deployed update shows on the next online visit.
declare const self: ServiceWorkerGlobalScope;
const CACHE = 'ck-mobile-h5-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const list = (await (await fetch('dist/precache.json', { cache: 'no-store' })).json()) as string[];
      await cache.addAll(list);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith(new URL(self.registration.scope).pathname)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const res = await fetch(req);
        if (res.ok) await cache.put(req, res.clone());
        return res;
      } catch (error) {
        const hit = (await cache.match(req, { ignoreSearch: true })) ?? (req.mode === 'navigate' ? await cache.match('./') : undefined);
        if (hit) return hit;
        throw error;
      }
    })(),
  );
});
