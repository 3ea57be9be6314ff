// The apply form: one submission per click (a slow upload tempts a second tap on a phone).
document.addEventListener("submit", (event) => {
  const form = event.target.closest("[data-careers-form]");
  if (!form) return;
  const button = form.querySelector("[data-submit]");
  if (button) {
    if (button.dataset.sending) { event.preventDefault(); return; }
    button.dataset.sending = "1";
    button.setAttribute("aria-disabled", "true");
    button.textContent = "Sending…";
  }
});
