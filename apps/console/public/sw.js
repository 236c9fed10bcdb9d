// The console's service worker: an offline shell that lets the installed app open without a network, and
// nothing more. It never caches the APIs (/api, /v1, /v1beta) — data is always live, and a signed-out
// or another user's answer can never be served from here — only the page (index.html, the same for every
// console URL) and the content-hashed files under /assets/ (which never change under one name).
const CACHE = "gatehouse-shell-v1";
const SHELL = "/";
/** Old builds' assets are dropped once the cache holds more than this many files. */
const MAX_ENTRIES = 300;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add(new Request(SHELL, { cache: "reload", headers: { accept: "text/html" } })))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
    return;
  }
  if (url.pathname.startsWith("/assets/")) event.respondWith(asset(request));
});

/** Network first (a new build shows at once); offline, the last page seen — the app then says it is offline. */
async function page(request) {
  try {
    const response = await fetch(request);
    const type = response.headers.get("content-type") ?? "";
    if (response.ok && type.startsWith("text/html")) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(SHELL, copy));
    }
    return response;
  } catch (err) {
    const shell = await caches.match(SHELL);
    if (shell) return shell;
    throw err;
  }
}

/** Cache first: a hashed file's content never changes. */
async function asset(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(CACHE).then(async (cache) => {
      await cache.put(request, copy);
      const keys = await cache.keys();
      for (const key of keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES))) {
        if (new URL(key.url).pathname !== SHELL) await cache.delete(key);
      }
    });
  }
  return response;
}
