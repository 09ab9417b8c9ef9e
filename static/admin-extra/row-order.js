/* Section rows in the editors' order, and movable without a mouse.
 *
 * - Every saved row of a sortable list gets "Move up" and "Move down" buttons, its drag
 *   handle gets a name, and adminsortable2's "move to first / last position" arrows can be
 *   reached with Tab. Moving a row numbers the rows again (their hidden order fields), as
 *   dragging does. Like dragging, it moves saved rows: a new row is saved last.
 * - A form drawn again after a refused save shows its saved rows in the order the editor
 *   left them (their order fields), not in the order they were first drawn; new rows follow.
 */
(() => {
  "use strict";

  const ROW = ":scope table > tbody > tr.form-row, :scope .inline-related";
  const ORDER = "input._reorder_";

  function rowsOf(fieldset, saved = true) {
    return [...fieldset.querySelectorAll(ROW)].filter((row) => (
      !row.classList.contains("empty-form") && row.querySelector(ORDER)
      && row.classList.contains("has_original") === saved
    ));
  }

  // A tabular row's errors are drawn in a row of their own, just before it.
  function withErrors(row) {
    const before = row.previousElementSibling;
    return before && before.classList.contains("row-form-errors") ? [before, row] : [row];
  }

  function putBefore(anchor, row) {
    for (const part of withErrors(row)) anchor.parentNode.insertBefore(part, anchor);
  }

  function renumber(fieldset) {
    const rows = rowsOf(fieldset);
    const reversed = fieldset.classList.contains("reversed");
    rows.forEach((row, i) => {
      row.querySelector(ORDER).value = String(reversed ? rows.length - i : i + 1);
    });
  }

  function restoreOrder(fieldset) {
    const rows = rowsOf(fieldset);
    const order = (row) => parseInt(row.querySelector(ORDER).value, 10) || 0;
    const sorted = rows.map((row, i) => [order(row), i, row])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(([, , row]) => row);
    if (sorted.every((row, i) => row === rows[i])) return;
    const parent = rows[0].parentNode;
    const next = rowsOf(fieldset, false)[0] || fieldset.querySelector(".empty-form");
    const anchor = next && next.parentNode === parent ? withErrors(next)[0] : null;
    for (const row of sorted) {
      for (const part of withErrors(row)) parent.insertBefore(part, anchor);  // null: at the end
    }
  }

  function describe(row) {
    const label = row.querySelector("td.original p, h3 .inline_label");
    const text = label && label.firstChild ? label.firstChild.textContent.trim() : "";
    return text || "this row";
  }

  function move(fieldset, row, step, button, status) {
    const rows = rowsOf(fieldset);
    const to = rows.indexOf(row) + step;
    if (to < 0 || to >= rows.length) {
      status.textContent = step < 0 ? "Already first." : "Already last.";
      return;
    }
    if (step < 0) putBefore(withErrors(rows[to])[0], row);
    else putBefore(withErrors(row)[0], rows[to]);
    renumber(fieldset);
    button.focus();
    status.textContent = `Moved to position ${to + 1} of ${rows.length}.`;
  }

  function button(text, label, handler) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "row-move";
    element.textContent = text;
    element.setAttribute("aria-label", label);
    element.title = label;
    element.addEventListener("click", handler);
    return element;
  }

  function addControls(fieldset, row, status) {
    const handle = row.querySelector(":scope > td.original > p, :scope > h3");
    if (!handle || row.querySelector(".row-moves")) return;
    const controls = document.createElement("span");
    controls.className = "row-moves";
    const up = button("▲", "Move up", () => move(fieldset, row, -1, up, status));
    const down = button("▼", "Move down", () => move(fieldset, row, 1, down, status));
    controls.append(up, down);
    handle.append(controls);
    const grip = document.createElement("span");
    grip.className = "drag-handle";
    grip.setAttribute("role", "img");
    grip.setAttribute(
      "aria-label", `Drag handle for ${describe(row)}: drag to reorder, or use Move up and Move down`,
    );
    grip.title = "Drag to reorder";
    handle.prepend(grip);
    // adminsortable2's "move to first / last position" arrows: reachable with Tab too.
    for (const arrow of row.querySelectorAll(".sort i[role=button]")) {
      arrow.tabIndex = 0;
      arrow.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          arrow.click();
        }
      });
    }
  }

  function enhance(fieldset) {
    // The column that holds each row's handle and buttons gets a heading.
    for (const heading of fieldset.querySelectorAll("th.original")) {
      if (!heading.textContent.trim()) {
        heading.innerHTML = '<span class="visually-hidden">Order</span>';
      }
    }
    const status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    fieldset.append(status);
    restoreOrder(fieldset);
    for (const row of rowsOf(fieldset)) addControls(fieldset, row, status);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("fieldset.sortable").forEach(enhance);
  });
})();
