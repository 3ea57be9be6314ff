// Small progressive enhancements. No inline scripts anywhere, so the CSP can forbid them.
//
// One way for every htmx form and button to say what went wrong, where the user is looking:
// - a 4xx answer in HTML is the server's re-rendered piece with its errors beside the fields that
//   caused them: it is swapped in like a success (the stage editor, the profile sections);
// - any other refusal (a 4xx in text or JSON), a 5xx or no answer at all is said in a line right
//   after the form or button that sent the request, announced to screen readers, and cleared by
//   that element's next successful request.
(() => {
  "use strict";

  const isHtml = (xhr) => (xhr.getResponseHeader("Content-Type") || "").startsWith("text/html");

  document.addEventListener("htmx:beforeSwap", (event) => {
    const xhr = event.detail.xhr;
    if (xhr.status >= 400 && xhr.status < 500 && isHtml(xhr) && xhr.responseText.trim()) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  const anchorOf = (elt) => (elt && elt.closest ? elt.closest("form") || elt : document.body);

  const say = (elt, message) => {
    const anchor = anchorOf(elt);
    let line = anchor.nextElementSibling;
    if (!line || !line.matches("[data-request-error]")) {
      line = document.createElement("p");
      line.className = "form-error request-error";
      line.setAttribute("role", "alert");
      line.dataset.requestError = "";
      anchor.after(line);
    }
    line.textContent = message;
  };

  const clear = (elt) => {
    const anchor = anchorOf(elt);
    const line = anchor && anchor.nextElementSibling;
    if (line && line.matches("[data-request-error]")) line.remove();
  };

  const messageOf = (xhr) => {
    const text = (xhr.responseText || "").trim();
    if (xhr.status === 409) return "Someone else changed this a moment ago. Reload the page to see the latest.";
    if (xhr.status >= 500) return `The server had a problem (${xhr.status}), so this was not saved. Try again in a moment.`;
    if ((xhr.getResponseHeader("Content-Type") || "").includes("json")) {
      try { return JSON.parse(text).message || `The request was refused (${xhr.status}).`; } catch (e) { /* fall through */ }
    }
    return text && text.length < 400 && !isHtml(xhr) ? text : `The request was refused (${xhr.status}).`;
  };

  document.addEventListener("htmx:responseError", (event) => say(event.detail.elt, messageOf(event.detail.xhr)));
  document.addEventListener("htmx:sendError", (event) => {
    say(event.detail.elt, "The server could not be reached, so this was not saved. Check your connection and try again.");
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.successful) clear(event.detail.elt);
  });
})();
