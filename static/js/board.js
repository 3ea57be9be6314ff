// The pipeline board: drag a card to another column, or use its "Move to…" link, which opens the
// board's one shared move dialog (without JavaScript the link leads to a small move page); tick
// cards for bulk actions. Moves are saved at once (compare-and-set on the stage the card was in) and can be
// undone from the toast. No inline scripts: everything hangs off data- attributes.
(() => {
  "use strict";
  const board = document.querySelector("[data-board]");
  if (!board) return;
  const canMove = board.hasAttribute("data-can-move");
  const csrf = board.dataset.csrf;
  const toast = document.getElementById("board-toast");
  const toastText = toast.querySelector("[data-toast-text]");
  const undoButton = toast.querySelector("[data-toast-undo]");
  let toastTimer = null;
  let pendingUndo = null;
  let dragged = null;

  // --- Feedback ----------------------------------------------------------------------------
  function showToast(message, { undo = null, error = false } = {}) {
    window.clearTimeout(toastTimer);
    pendingUndo = undo;
    toast.hidden = false;
    toast.classList.toggle("toast-error", error);
    toastText.textContent = message;
    undoButton.hidden = !undo;
    // Long enough to reach the Undo button; kept while the pointer or focus is on the toast.
    toastTimer = window.setTimeout(hideToast, undo ? 12000 : 8000);
  }
  function hideToast() {
    if (toast.matches(":hover, :focus-within")) {
      toastTimer = window.setTimeout(hideToast, 3000);
      return;
    }
    toast.hidden = true;
    pendingUndo = null;
  }
  toast.querySelector("[data-toast-close]").addEventListener("click", () => { toast.hidden = true; pendingUndo = null; });

  // --- Server calls ------------------------------------------------------------------------
  async function post(url, fields) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
      body: new URLSearchParams(fields),
    });
    let data = null;
    try { data = await response.json(); } catch (_) { data = null; }
    return { response, data };
  }

  function fromHTML(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function column(stageId) {
    return board.querySelector(`.column[data-stage-id="${stageId}"]`);
  }

  function updateCounts(counts) {
    if (!counts) return;
    for (const [stageId, count] of Object.entries(counts)) {
      const badge = board.querySelector(`[data-count-for="${stageId}"]`);
      if (badge) { badge.textContent = count; badge.setAttribute("aria-label", `${count} active`); }
    }
  }

  function syncEmptyState(col) {
    if (!col) return;
    const list = col.querySelector("[data-cards]");
    const hasCards = list.querySelector(".candidate-card") !== null;
    const empty = list.querySelector("[data-column-empty]");
    if (hasCards && empty) empty.remove();
    if (!hasCards && !empty) {
      const li = document.createElement("li");
      li.className = "empty small column-empty";
      li.dataset.columnEmpty = "";
      li.textContent = "No one here yet. Drag a card here or use “Move to…”.";
      list.prepend(li);
    }
  }

  // Columns are sorted longest-waiting first: (time entered the stage, id), as the server sorts.
  // A card whose place lies beyond the loaded cards waits at their end, marked data-placed, until
  // "Load more" brings its real neighbours (or the server's copy of it).
  function sortKey(card) {
    return [Number(card.dataset.entered || 0), Number(card.dataset.applicationId)];
  }
  function insertSorted(list, card) {
    const [entered, id] = sortKey(card);
    const next = Array.from(list.querySelectorAll(".candidate-card:not([data-placed])")).find((other) => {
      const [otherEntered, otherId] = sortKey(other);
      return other !== card && (otherEntered > entered || (otherEntered === entered && otherId > id));
    });
    const loadMore = list.querySelector(".load-more");
    if (next) {
      delete card.dataset.placed;
      list.insertBefore(card, next);
    } else if (loadMore) {
      card.dataset.placed = "";
      list.insertBefore(card, loadMore);
    } else {
      delete card.dataset.placed;
      list.append(card);
    }
  }

  function placeCard(oldCard, data, { focus = false } = {}) {
    const fresh = fromHTML(data.card);
    const source = oldCard ? oldCard.closest(".column") : null;
    if (oldCard) oldCard.remove();
    const target = column(data.stage);
    if (target) {
      insertSorted(target.querySelector("[data-cards]"), fresh);
      fresh.classList.add("just-moved");
      window.setTimeout(() => fresh.classList.remove("just-moved"), 1600);
      syncEmptyState(target);
    }
    syncEmptyState(source);
    updateCounts(data.counts);
    updateSelection();
    if (focus && target) fresh.focus();
  }

  function replaceColumns(columns) {
    for (const [stageId, html] of Object.entries(columns || {})) {
      const old = column(stageId);
      if (!old) continue;
      const fresh = fromHTML(html);
      old.replaceWith(fresh);
      if (window.htmx) window.htmx.process(fresh);
    }
    updateSelection();
  }

  async function moveCard(card, toStageId, { focus = false } = {}) {
    const fromStageId = card.dataset.stageId;
    if (!toStageId || String(toStageId) === String(fromStageId)) return;
    card.classList.add("is-moving");
    card.setAttribute("aria-busy", "true");
    try {
      const { response, data } = await post(card.querySelector("[data-move-open]").getAttribute("href"), { to_stage: toStageId, from_stage: fromStageId });
      if (response.ok && data) {
        placeCard(card, data, { focus });
        showToast(data.message, { undo: data.undo ? { ...data.undo, id: data.application } : null });
      } else if (response.status === 409 && data) {
        replaceColumns(data.columns);
        updateCounts(data.counts);
        showToast(data.message, { error: true });
      } else {
        showToast((data && data.message) || `The move could not be saved (${response.status}). Please try again.`, { error: true });
      }
    } catch (_) {
      showToast("The move could not be saved: the connection failed. Please try again.", { error: true });
    } finally {
      card.classList.remove("is-moving");
      card.removeAttribute("aria-busy");
    }
  }

  undoButton.addEventListener("click", async () => {
    if (!pendingUndo) return;
    const undo = pendingUndo;
    pendingUndo = null;
    undoButton.hidden = true;
    const card = document.getElementById(`application-${undo.id}`);
    const { response, data } = await post(undo.url, { change: undo.change });
    if (response.ok && data) {
      placeCard(card, data, { focus: true });
      showToast(data.message);
    } else if (data) {
      if (data.columns) replaceColumns(data.columns);
      showToast(data.message, { error: true });
    } else {
      showToast(`Undo failed (${response.status}).`, { error: true });
    }
  });

  if (!canMove) return;

  // --- Drag and drop (native HTML5) -----------------------------------------------------------
  board.addEventListener("dragstart", (event) => {
    const card = event.target.closest && event.target.closest(".candidate-card[draggable='true']");
    if (!card) return;
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
    card.classList.add("dragging");
  });
  board.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    board.querySelectorAll(".column.drop-target").forEach((col) => col.classList.remove("drop-target"));
  });
  board.addEventListener("dragover", (event) => {
    const col = event.target.closest && event.target.closest(".column[data-stage-id]");
    if (!col || !dragged) return;
    event.preventDefault(); // allows the drop
    event.dataTransfer.dropEffect = "move";
    if (!col.classList.contains("drop-target")) {
      board.querySelectorAll(".column.drop-target").forEach((other) => other.classList.remove("drop-target"));
      col.classList.add("drop-target");
    }
  });
  board.addEventListener("dragleave", (event) => {
    const col = event.target.closest && event.target.closest(".column");
    if (col && !col.contains(event.relatedTarget)) col.classList.remove("drop-target");
  });
  board.addEventListener("drop", (event) => {
    const col = event.target.closest && event.target.closest(".column[data-stage-id]");
    if (!col || !dragged) return;
    event.preventDefault();
    col.classList.remove("drop-target");
    const card = dragged;
    dragged = null;
    card.classList.remove("dragging");
    moveCard(card, col.dataset.stageId);
  });

  // --- Keyboard alternative: each card's "Move to…" link opens the one shared dialog ----------
  const moveDialog = document.querySelector("[data-move-dialog]");
  const moveSelect = moveDialog.querySelector("select");
  let moveTrigger = null;

  board.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("[data-move-open]");
    if (!link) return;
    event.preventDefault();
    const card = link.closest(".candidate-card");
    moveTrigger = link;
    moveDialog.querySelector("[data-move-title]").textContent = `Move ${card.dataset.name}`;
    moveDialog.querySelector("[data-move-label]").textContent = `Move ${card.dataset.name} to`;
    let first = null;
    for (const option of moveSelect.options) {
      option.disabled = option.value === card.dataset.stageId;
      option.textContent = option.textContent.replace(/ \(now\)$/, "") + (option.disabled ? " (now)" : "");
      if (!option.disabled && !first) first = option;
    }
    // Preselect the stage after the current one: the usual next step.
    const current = Array.from(moveSelect.options).findIndex((option) => option.disabled);
    const after = moveSelect.options[current + 1];
    moveSelect.value = (after && !after.disabled ? after : first || moveSelect.options[0]).value;
    moveDialog.returnValue = "";
    moveDialog.showModal();
    moveSelect.focus();
  });
  // Enter on the select moves at once (implicit submission does not cover <select>).
  moveSelect.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    moveDialog.close("move");
  });
  moveDialog.addEventListener("close", () => {
    const link = moveTrigger;
    moveTrigger = null;
    if (!link) return;
    const card = link.closest(".candidate-card");
    if (moveDialog.returnValue === "move" && card && card.isConnected) {
      moveCard(card, moveSelect.value, { focus: true });
    } else if (link.isConnected) {
      link.focus();
    }
  });

  // --- Multi-select and bulk actions --------------------------------------------------------
  const bulkForm = document.querySelector("[data-bulk-form]");
  const bulkCount = bulkForm.querySelector("[data-bulk-count]");
  const dialog = document.querySelector("[data-confirm-dialog]");
  let confirmedSubmit = false;

  function selected() {
    return Array.from(board.querySelectorAll(".card-select:checked"));
  }
  function updateSelection() {
    const count = selected().length;
    bulkForm.classList.toggle("has-selection", count > 0);
    bulkCount.textContent = count ? `${count} selected` : "Tick cards to move or reject several at once.";
    bulkForm.querySelectorAll("[data-bulk-button]").forEach((button) => { button.disabled = count === 0; });
  }
  board.addEventListener("change", (event) => {
    if (event.target.classList.contains("card-select")) {
      event.target.closest(".candidate-card").classList.toggle("is-selected", event.target.checked);
      updateSelection();
    }
  });
  bulkForm.querySelector("[data-bulk-clear]").addEventListener("click", () => {
    selected().forEach((box) => { box.checked = false; box.closest(".candidate-card").classList.remove("is-selected"); });
    updateSelection();
  });

  bulkForm.addEventListener("submit", (event) => {
    if (confirmedSubmit) return;
    const action = event.submitter ? event.submitter.value : "";
    // Bulk e-mail has its own confirmation page on the server (who gets it, the preview).
    if (action === "email") return;
    event.preventDefault();
    const count = selected().length;
    const people = `${count} application${count === 1 ? "" : "s"}`;
    let title;
    let text;
    if (action === "reject") {
      const structured = bulkForm.elements.rejection_reason;
      const chosen = structured && structured.value ? structured.options[structured.selectedIndex].text : "";
      const reason = bulkForm.elements.reason.value.trim() || chosen;
      if (!reason) {
        showToast("Give a reason for rejecting first.", { error: true });
        (structured || bulkForm.elements.reason).focus();
        return;
      }
      title = `Reject ${people}?`;
      text = `Reason: “${reason}”. They move to “Rejected and withdrawn”; you can restore them from there.`;
      if (chosen && bulkForm.elements.send_email && bulkForm.elements.send_email.checked) {
        text += " The reason's e-mail leaves after a delay; restoring them before then cancels it.";
      }
    } else {
      const select = bulkForm.elements.to_stage;
      if (!select.value) {
        showToast("Choose the stage to move them to first.", { error: true });
        select.focus();
        return;
      }
      title = `Move ${people} to ${select.options[select.selectedIndex].text}?`;
      text = "Each move is recorded in the candidate's stage history.";
    }
    dialog.querySelector("[data-confirm-title]").textContent = title;
    dialog.querySelector("[data-confirm-text]").textContent = text;
    dialog.querySelector("[data-confirm-ok]").classList.toggle("danger", action === "reject");
    dialog.returnValue = "";
    dialog.showModal();
    dialog.addEventListener("close", function onClose() {
      dialog.removeEventListener("close", onClose);
      if (dialog.returnValue !== "ok") return;
      bulkForm.querySelector("[data-bulk-confirmed]").value = "1";
      confirmedSubmit = true;
      bulkForm.requestSubmit(event.submitter);
    });
  });

  // Cards fetched by "Load more" may repeat ones that moved meanwhile: keep the first of each,
  // except that a card placed at the end by a move gives way to the server's copy (which sits
  // where it belongs); placed cards without a copy go back to their sorted place.
  document.body.addEventListener("htmx:afterSettle", () => {
    const cards = Array.from(board.querySelectorAll(".candidate-card"));
    const byId = new Map();
    for (const card of cards) {
      const earlier = byId.get(card.id);
      if (!earlier) { byId.set(card.id, card); continue; }
      if (earlier.hasAttribute("data-placed")) {
        if (earlier.contains(document.activeElement)) card.focus();
        earlier.remove();
        byId.set(card.id, card);
      } else {
        card.remove();
      }
    }
    board.querySelectorAll(".candidate-card[data-placed]").forEach((card) => insertSorted(card.parentElement, card));
    updateSelection();
  });

  updateSelection();
})();
