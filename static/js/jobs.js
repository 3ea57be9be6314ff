// Job pages: the review-criteria editor of the job form, and confirmations on [data-confirm] forms.
(() => {
  "use strict";

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });

  const editor = document.querySelector("[data-criteria-editor]");
  if (!editor) return;
  const list = editor.querySelector("[data-criteria-list]");
  const template = editor.querySelector("[data-criterion-template]");
  const addButton = editor.querySelector("[data-criterion-add]");
  let added = 0;

  function enhance(row) {
    row.querySelector("[data-row-tools]").hidden = false;
  }
  list.querySelectorAll("[data-criterion-row]").forEach(enhance);
  addButton.hidden = false;

  addButton.addEventListener("click", () => {
    const row = template.content.firstElementChild.cloneNode(true);
    added += 1;
    const input = row.querySelector(".criterion-name");
    input.id = `criterion-added-${added}`;
    row.querySelector("label").htmlFor = input.id;
    enhance(row);
    list.append(row);
    input.focus();
  });

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const row = button.closest("[data-criterion-row]");
    if (button.hasAttribute("data-criterion-up") && row.previousElementSibling) {
      row.previousElementSibling.before(row);
      button.focus();
    } else if (button.hasAttribute("data-criterion-down") && row.nextElementSibling) {
      row.nextElementSibling.after(row);
      button.focus();
    } else if (button.hasAttribute("data-criterion-remove")) {
      const next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      if (next) next.querySelector(".criterion-name").focus(); else addButton.focus();
    }
  });
})();
