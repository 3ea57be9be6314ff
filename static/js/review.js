// Keyboard-first reviewing: rate with 1-4, recommend with Shift+1-4, move with j/k or arrows,
// submit with Ctrl/Cmd+Enter, "?" toggles the help panel. Plain radios and links underneath, so
// everything also works with a mouse, a screen reader, or without this script.
(() => {
  const form = document.getElementById("review-form");
  if (!form) return;
  const criteria = Array.from(form.querySelectorAll("fieldset[data-criterion]"));
  const recommendation = form.querySelector("fieldset[data-recommendation]");
  const help = document.getElementById("shortcut-help");
  const helpToggle = document.querySelector("[data-help-toggle]");
  const live = document.getElementById("review-live");
  const steps = recommendation ? [...criteria, recommendation] : criteria;
  let current = Math.max(0, steps.findIndex((step) => !step.querySelector("input:checked")));

  const announce = (text) => { if (live) live.textContent = text; };

  const setCurrent = (index, { focus = true } = {}) => {
    current = Math.min(Math.max(index, 0), steps.length - 1);
    steps.forEach((step, i) => step.classList.toggle("is-current", i === current));
    if (focus && steps[current]) {
      const target = steps[current].querySelector("input[type=radio]:checked") || steps[current].querySelector("input[type=radio]");
      if (target) target.focus({ preventScroll: false });
    }
  };

  const choose = (fieldset, index) => {
    const radios = fieldset.querySelectorAll("input[type=radio]");
    const radio = radios[index];
    if (!radio) return;
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    const legend = fieldset.querySelector("legend");
    const label = radio.closest("label");
    announce(`${legend ? legend.textContent : ""}: ${label ? label.textContent.trim() : radio.value}`);
  };

  const toggleHelp = (show) => {
    if (!help) return;
    const visible = show === undefined ? help.hidden : show;
    help.hidden = !visible;
    if (helpToggle) helpToggle.setAttribute("aria-expanded", String(visible));
  };

  const isTyping = (element) =>
    element && (element.tagName === "TEXTAREA" || element.tagName === "SELECT" || element.isContentEditable ||
      (element.tagName === "INPUT" && !["radio", "checkbox", "button", "submit"].includes(element.type)));

  const go = (direction) => {
    const link = document.querySelector(`[data-nav="${direction}"]`);
    if (link) window.location.assign(link.href);
  };

  // Clicking or tabbing into a fieldset makes it the current one.
  steps.forEach((step, index) => step.addEventListener("focusin", () => setCurrent(index, { focus: false })));
  if (helpToggle) helpToggle.addEventListener("click", () => toggleHelp());
  setCurrent(current, { focus: false });

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (event.key === "Escape" && help && !help.hidden) { toggleHelp(false); return; }
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(target)) return;

    const digit = /^Digit([1-4])$/.exec(event.code) || /^Numpad([1-4])$/.exec(event.code);
    if (digit && event.shiftKey) {
      if (!recommendation) return;
      event.preventDefault();
      choose(recommendation, Number(digit[1]) - 1);
      setCurrent(steps.indexOf(recommendation));
      return;
    }
    if (digit) {
      event.preventDefault();
      const step = steps[current];
      if (!step) return;
      choose(step, Number(digit[1]) - 1);
      if (step !== recommendation) setCurrent(current + 1);
      return;
    }
    if (event.key === "?") { event.preventDefault(); toggleHelp(); return; }
    const onRadio = target && target.tagName === "INPUT" && target.type === "radio";
    if (event.key === "j" || (event.key === "ArrowRight" && !onRadio)) { event.preventDefault(); go("next"); return; }
    if (event.key === "k" || (event.key === "ArrowLeft" && !onRadio)) { event.preventDefault(); go("previous"); }
  });
})();
