// The bell: its number follows the live `notification` events of the default namespace,
// so a reply or a promotion shows on whatever page the reader has open.
(function () {
  "use strict";
  var bell = document.getElementById("notification-bell");
  if (!bell || !window.io) return;
  var count = bell.querySelector(".count");

  function show(unread) {
    count.textContent = unread > 0 ? String(unread) : "";
    count.hidden = unread <= 0;
    bell.classList.toggle("has-unread", unread > 0);
  }

  // Only the answer to the newest question sets the number: a count fetched while a live
  // notification arrived may or may not include it.
  var asked = 0;
  function refresh() {
    var mine = ++asked;
    fetch("/api/notifications/unread-count", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) { if (body && mine === asked) show(body.unread); })
      .catch(function () {});
  }

  var socket = window.io({ transports: ["websocket", "polling"] });
  window.dxlSocket = socket;
  socket.on("disconnect", function (reason) {
    // closed by the server when the person leaves a lab: connect again, as what they may read
    // now; after logging out the server refuses, and that is the end of it
    if (reason === "io server disconnect") window.setTimeout(function () { socket.connect(); }, 1000);
  });
  socket.on("notification", function (data) {
    show((parseInt(count.textContent, 10) || 0) + 1);  // at once, then the exact number:
    refresh();  // asked after the commit; any answer still on its way is older and ignored
    bell.setAttribute("data-last", data.subject || "");
    document.dispatchEvent(new CustomEvent("dxl:notification", { detail: data }));
  });
  socket.on("notifications_read", refresh);
  socket.on("connect", refresh);
})();
