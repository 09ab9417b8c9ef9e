/* Search insights: tells the site which searches readers read and which answer they
   opened, with nothing about the reader (exercises/search/insights.py). The results part
   carries the search's words and number of answers; search as you type replaces that part,
   and a search shown for less than READ_MS is a word still being typed, not recorded. One
   beacon per search: when an answer is opened, when the next search replaces it, or when
   the page is left. */
(function () {
  "use strict";

  var container = document.querySelector("[data-search-results]");
  var form = document.querySelector("[data-search-form]");
  if (!container || !form || !navigator.sendBeacon || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-record-url");
  var READ_MS = 2000;
  var pending = null;

  function shown() {
    var marker = container.querySelector("[data-search-record]");
    if (!marker) { return null; }
    return {
      query: marker.getAttribute("data-query"),
      results: marker.getAttribute("data-results"),
      since: Date.now()
    };
  }

  function send(search, opened) {
    var data = new FormData();
    data.append("q", search.query);
    data.append("results", search.results);
    if (opened) { data.append("opened", opened); }
    navigator.sendBeacon(url, data);
  }

  pending = shown();

  new MutationObserver(function () {
    var next = shown();
    if (pending && next && next.query === pending.query) { return; }
    if (pending && Date.now() - pending.since >= READ_MS) { send(pending); }
    pending = next;
  }).observe(container, { childList: true });

  function leave() {
    if (pending) {
      send(pending);
      pending = null;
    }
  }

  // Sent on the click, before the browser starts to leave: a beacon sent while the page is
  // already going away is sometimes dropped.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || !pending) { return; }
    if (link.hasAttribute("data-faq") && container.contains(link)) {
      send(pending, link.getAttribute("data-faq"));
      pending = null;
    } else {
      leave();
    }
  });

  // Closing the tab or typing an address: both, as browsers differ in which they fire.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { leave(); }
  });
  window.addEventListener("pagehide", leave);
})();
