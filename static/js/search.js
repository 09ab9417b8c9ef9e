/* Search as you type on /search/: a progressive enhancement. Without this script the form
   submits and the server renders the results. With it, typing fetches that same results
   page and shows its results part, so every message, count, suggestion and answer is the
   one the server writes; the address follows, so the results can be shared. */
(function () {
  "use strict";

  var form = document.querySelector("[data-search-form]");
  var container = document.querySelector("[data-search-results]");
  if (!form || !container || !window.fetch || !window.URLSearchParams || !window.DOMParser ||
      !form.elements) {
    return;
  }
  // The filter sits in the page, outside the header's form, and belongs to it: elements
  // finds it, querySelector would not.
  var input = form.elements.namedItem("q");
  var part = form.elements.namedItem("part");
  var timer = null;
  var controller = null;
  var lastQuery = null;

  function pageUrl(params) {
    return form.getAttribute("action") + "?" + params.toString();
  }

  function show(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html")
      .querySelector("[data-search-results]");
    var status = container.querySelector("[data-search-status]");
    var freshStatus = fresh && fresh.querySelector("[data-search-status]");
    if (!status || !freshStatus) {
      return false;
    }
    // The live region stays in the page and only its text changes, so screen readers
    // announce the new text.
    status.textContent = freshStatus.textContent.replace(/\s+/g, " ").trim();
    freshStatus.remove();
    Array.prototype.slice.call(container.childNodes).forEach(function (node) {
      if (node !== status) { container.removeChild(node); }
    });
    Array.prototype.slice.call(fresh.childNodes).forEach(function (node) {
      container.appendChild(document.adoptNode(node));
    });
    return true;
  }

  function currentParams() {
    var params = new URLSearchParams();
    params.set("q", input.value);
    if (part && part.value) { params.set("part", part.value); }
    return params;
  }

  function run() {
    var params = currentParams();
    var key = params.toString();
    if (key === lastQuery) { return; }
    lastQuery = key;
    if (controller) { controller.abort(); }
    controller = window.AbortController ? new AbortController() : null;
    fetch(pageUrl(params), {
      headers: { Accept: "text/html" },
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (html) {
        if (show(html) && window.history && history.replaceState) {
          history.replaceState(null, "", pageUrl(params));
        }
      })
      .catch(function () {
        /* Offline or aborted: the form still submits normally. */
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 250);
  }

  input.addEventListener("input", schedule);
  if (part) { part.addEventListener("change", run); }
  lastQuery = currentParams().toString();  // the server has rendered these results already
})();
