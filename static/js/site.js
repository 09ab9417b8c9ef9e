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
})();
