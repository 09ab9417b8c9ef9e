// StretchSite's service worker (exercises/offline.py serves it from the site's root).
// Pages: from the network whenever it answers, so new content replaces old copies; a copy
// of each public page the reader opens is kept for reading offline, and the offline page
// stands in for the rest. Never stored: the admin, the API, drafts and anything the server
// marks private or no-store (staff previews are). Static files: hashed names never change,
// so a stored copy is used; others (in development) are asked for first. Stored static
// files outlive a new version of this worker, so a page saved before still has its styles.
"use strict";

const VERSION = "{{ version }}";
const PRECACHE = {{ precache|safe }};
const OFFLINE_URL = {{ offline_url|safe }};
const STATIC_PREFIX = {{ static_prefix|safe }};
const NEVER_STORED = {{ never_stored|safe }};
const PAGES = "pages";
const STATIC = "static";
const KEEP = { [PAGES]: 60, [STATIC]: 80 };
const HASHED = /\.[0-9a-f]{12}\.[a-z0-9]+$/;

self.addEventListener("install", (event) => {
  // A new version (VERSION changed) stores fresh copies of what every page needs.
  event.waitUntil(
    caches.open(STATIC)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

function storable(response) {
  const control = response.headers.get("Cache-Control") || "";
  return response.ok && response.type === "basic" && !/private|no-store/.test(control);
}

// Keep a copy (put replaces an older one at once: no moment without it), and only the
// newest few.
async function remember(name, request, response) {
  const cache = await caches.open(name);
  await cache.put(request, response);
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - KEEP[name])).map((key) => cache.delete(key)));
}

async function page(request) {
  try {
    const response = await fetch(request);
    if (storable(response)) {
      await remember(PAGES, request, response.clone());
    } else {
      await (await caches.open(PAGES)).delete(request);  // e.g. a guide since unpublished
    }
    return response;
  } catch (offline) {
    // The stored copy may have come from keep(), whose request headers differ: the page is
    // the same for every reader (storable() said so), whatever its Vary header lists.
    const saved = await (await caches.open(PAGES)).match(request, { ignoreVary: true });
    return saved || (await caches.match(OFFLINE_URL)) || Response.error();
  }
}

async function staticFile(request) {
  const stored = await caches.match(request);
  if (stored && HASHED.test(new URL(request.url).pathname)) {
    return stored;
  }
  try {
    const response = await fetch(request);
    if (storable(response)) {
      await remember(STATIC, request, response.clone());
    }
    return response;
  } catch (offline) {
    return stored || Response.error();
  }
}

// The page a reader opened before this worker was running came straight from the network:
// site.js asks for it to be kept too.
async function keep(address) {
  const url = new URL(address, self.location.origin);
  if (url.origin !== self.location.origin || NEVER_STORED.some((p) => url.pathname.startsWith(p))) {
    return;
  }
  const response = await fetch(url, { credentials: "same-origin" });
  if (storable(response)) {
    await remember(PAGES, new Request(url), response);
    return true;
  }
  return false;
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.keep) {
    const kept = keep(event.data.keep).catch(() => false);
    event.waitUntil(kept.then((done) => event.source.postMessage({ kept: event.data.keep, done })));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (NEVER_STORED.some((prefix) => url.pathname.startsWith(prefix))) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(staticFile(request));
  }
});
