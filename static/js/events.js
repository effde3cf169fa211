// The event page: confirm before cancelling, and bring the seat state and the register
// button up to date when the reader comes back to the tab. The page works without it.
(function () {
  "use strict";

  function confirmBeforeSubmit(root) {
    root.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  }

  confirmBeforeSubmit(document);

  var section = document.getElementById("registration");
  if (!section || !window.fetch || !window.DOMParser) return;
  var hiddenAt = 0;

  function refresh() {
    fetch(window.location.pathname, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("registration");
        var current = document.getElementById("registration");
        if (!fresh || !current || current.contains(document.activeElement)) return;
        current.replaceWith(fresh);
        confirmBeforeSubmit(fresh);
      })
      .catch(function () {});
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      hiddenAt = Date.now();
    } else if (hiddenAt && Date.now() - hiddenAt > 15000) {
      refresh();
    }
  });
})();
