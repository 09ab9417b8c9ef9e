// Progressive enhancement only: every page reads fine without this file.
(function () {
  "use strict";

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
