/* Ask before leaving an exercise form with unsaved changes.
 *
 * Closing the tab, reloading or typing an address gets the browser's own question
 * (beforeunload); following a link inside the admin (breadcrumbs, History, View on site,
 * the side bar) gets one that says what is at stake. A form drawn again after a refused save
 * (a conflict, a mistake to correct) holds unsaved typing from the start.
 */
(() => {
  "use strict";

  const QUESTION = "This exercise has changes that are not saved. Leave the page and lose them?";

  function state(form) {
    const entries = [];
    for (const [name, value] of new FormData(form)) {
      if (name !== "csrfmiddlewaretoken") {
        entries.push(`${name}=${typeof value === "string" ? value : value.name}`);
      }
    }
    return entries.join("&");
  }

  function opensElsewhere(link, event) {
    return (link.target && link.target !== "_self") || link.hasAttribute("download")
      || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0;
  }

  function guard(form) {
    let saved = null;
    let leaving = false;
    const refused = document.querySelector(".errornote") !== null;
    const unsaved = () => !leaving && saved !== null && (refused || state(form) !== saved);

    window.addEventListener("load", () => { saved = state(form); });
    form.addEventListener("submit", () => { leaving = true; });
    window.addEventListener("beforeunload", (event) => {
      if (unsaved()) {
        event.preventDefault();
        event.returnValue = "";  // older browsers need a value to ask
      }
    });
    document.addEventListener("click", (event) => {
      const link = event.target.closest("a[href]");
      if (!link || event.defaultPrevented || opensElsewhere(link, event)) return;
      const href = link.getAttribute("href");
      if (href.startsWith("#") || href.startsWith("javascript:")) return;
      if (!unsaved()) return;
      if (window.confirm(QUESTION)) {
        leaving = true;  // asked once is enough: no second question from beforeunload
      } else {
        event.preventDefault();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector("form#exercise_form");
    if (form) guard(form);
  });
})();
