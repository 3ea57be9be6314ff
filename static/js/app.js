// Small progressive enhancements. No inline scripts anywhere, so the CSP can forbid them.
document.addEventListener("htmx:responseError", (event) => {
  const status = event.detail.xhr.status;
  const message = status === 409
    ? "Someone else changed this a moment ago. The view has been refreshed."
    : "Something went wrong (" + status + "). Please try again.";
  window.alert(message);
});
