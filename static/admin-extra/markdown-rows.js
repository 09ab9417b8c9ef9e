/* The live Markdown preview for rows added with "Add another" (FAQ answers).
 *
 * markdownx starts its previews when the page loads. A row added later is a copy of the
 * hidden template row, already marked as started, so it would get no preview; this gives it
 * one, from the same staff-only endpoint markdownx uses.
 */
(() => {
  "use strict";

  const LATENCY = 500;  // milliseconds after the last key, as markdownx waits

  function token(form) {
    const input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function attach(widget) {
    const editor = widget.querySelector(".markdownx-editor");
    const preview = widget.querySelector(".markdownx-preview");
    if (!editor || !preview || editor.dataset.rowPreview !== undefined) return;
    editor.dataset.rowPreview = "";
    let timer = null;
    const update = () => {
      const body = new FormData();
      body.append("content", editor.value);
      body.append("csrfmiddlewaretoken", token(editor.form));
      fetch(editor.dataset.markdownxUrlsPath, { method: "POST", body, credentials: "same-origin" })
        .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
        .then((html) => { preview.innerHTML = html; })
        .catch(() => { preview.textContent = "The preview is not available right now."; });
    };
    editor.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(update, LATENCY);
    });
    if (editor.value) update();
  }

  document.addEventListener("formset:added", (event) => {
    event.target.querySelectorAll(".markdownx").forEach(attach);
  });
})();
