/* Search as you type on /search/: a progressive enhancement. Without this script the form
   submits and the server renders the same results. Pressing Enter still loads the full page
   (with matching exercises and pagination); typing shows the top answers from the JSON API. */
(function () {
  "use strict";

  var form = document.querySelector("[data-search-form]");
  var container = document.querySelector("[data-search-results]");
  if (!form || !container || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var input = form.querySelector("input[name=q]");
  var part = form.querySelector("select[name=part]");
  var apiUrl = form.getAttribute("data-api-url");
  var LIMIT = 10;
  var timer = null;
  var controller = null;
  var lastQuery = null;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* The snippet is escaped by the server with <mark> added; copy only text and marks. */
  function appendSnippet(target, html) {
    var doc = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
        target.appendChild(element("mark", "", node.textContent));
      } else {
        target.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function pageUrl(params) {
    return form.getAttribute("action") + "?" + params.toString();
  }

  function statusElement() {
    var status = container.querySelector("[data-search-status]");
    if (!status) {
      status = element("p", "search-status");
      status.setAttribute("role", "status");
      status.setAttribute("data-search-status", "");
    }
    return status;
  }

  function render(data, params) {
    // The live region stays in the page, so screen readers announce its new text.
    var status = statusElement();
    Array.prototype.slice.call(container.childNodes).forEach(function (node) {
      if (node !== status) { container.removeChild(node); }
    });
    if (!status.parentNode) { container.appendChild(status); }

    if (!data.query) {
      status.textContent = "Type a word or a question to search the answers in our exercise guides.";
      return;
    }
    status.textContent = data.count
      ? data.count + (data.count === 1 ? " answer found." : " answers found.")
      : "No answers matched “" + data.query + "”.";

    if (data.suggestion) {
      var suggestion = element("p", "search-suggestion", "Did you mean ");
      var suggestionParams = new URLSearchParams(params);
      suggestionParams.set("q", data.suggestion);
      var link = element("a", "", data.suggestion);
      link.href = pageUrl(suggestionParams);
      suggestion.appendChild(link);
      suggestion.appendChild(document.createTextNode("?"));
      container.appendChild(suggestion);
    }

    if (data.results.length) {
      var list = element("ol", "search-hits");
      data.results.forEach(function (hit) {
        var item = element("li", "search-hit");
        var heading = element("h3", "search-hit__question");
        var link = element("a", "", hit.question);
        link.href = hit.url;
        heading.appendChild(link);
        item.appendChild(heading);
        var from = element("p", "search-hit__exercise", "From ");
        var exercise = element("a", "", hit.exercise_name);
        exercise.href = hit.url.split("#")[0];
        from.appendChild(exercise);
        item.appendChild(from);
        if (hit.snippet) {
          var snippet = element("p", "search-hit__snippet");
          appendSnippet(snippet, hit.snippet);
          item.appendChild(snippet);
        }
        list.appendChild(item);
      });
      container.appendChild(list);
    }
    var more = element("p", "search-more");
    var all = element("a", "", data.count > data.results.length
      ? "See all " + data.count + " answers and matching exercises"
      : "See matching exercises too");
    all.href = pageUrl(params);
    more.appendChild(all);
    container.appendChild(more);
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
    var apiParams = new URLSearchParams(params);
    apiParams.set("limit", String(LIMIT));
    fetch(apiUrl + "?" + apiParams.toString(), {
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        render(data, params);
        if (window.history && history.replaceState) {
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
