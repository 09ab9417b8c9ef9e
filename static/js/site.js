// Progressive enhancement only: every page reads fine without this file.
(function () {
  "use strict";

  // Offline reading: the service worker keeps the guides a reader opens (exercises/offline.py).
  var script = document.currentScript;
  var worker = script && script.getAttribute("data-service-worker");
  if (worker && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(worker).catch(function () { /* reading goes on */ });
    if (!navigator.serviceWorker.controller) {
      // This page came before the worker: ask it to keep this page too.
      navigator.serviceWorker.ready.then(function (registration) {
        registration.active.postMessage({ keep: window.location.pathname + window.location.search });
      });
    }
  }

  // The offline page lists the guides saved on this device.
  var saved = document.querySelector("[data-saved-guides]");
  if (saved && window.caches) {
    listSavedGuides(saved);
  }

  function listSavedGuides(box) {
    var list = box.querySelector("[data-saved-guides-list]");
    caches.open("pages").then(function (cache) {
      return cache.keys().then(function (requests) {
        var guides = requests.filter(function (request) {
          return /\/exercises\/[^/]+\/$/.test(new URL(request.url).pathname);
        });
        return Promise.all(guides.map(function (request) {
          return cache.match(request).then(function (response) { return response.text(); })
            .then(function (html) {
              var heading = new DOMParser().parseFromString(html, "text/html").querySelector("h1");
              return { url: request.url, name: heading ? heading.textContent : request.url };
            });
        }));
      });
    }).then(function (guides) {
      guides.sort(function (a, b) { return a.name.localeCompare(b.name); });
      guides.forEach(function (guide) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = guide.url;
        link.textContent = guide.name;
        item.appendChild(link);
        list.appendChild(item);
      });
      box.hidden = guides.length === 0;
    }).catch(function () { /* nothing saved to show */ });
  }

  // A link to one FAQ answer (#faq-...) opens that answer.
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") {
      target.open = true;
    }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);

  // Printed pages show every FAQ answer, then the page goes back to how it was.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });

  // A video's still becomes its player only when pressed: nothing loads from the video
  // host before. Without this script the still is a link to the video's own page.
  document.querySelectorAll(".video__still[data-embed]").forEach(function (still) {
    still.addEventListener("click", function (event) {
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.src = still.getAttribute("data-embed");
      frame.title = still.getAttribute("data-title");
      frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      still.replaceWith(frame);
      frame.focus();
    });
  });
})();
