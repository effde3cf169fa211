// The channel page, live: new messages without reloading, typing, experts online, questions
// marked answered, editing and deleting one's own messages, older history by cursor. Every
// form on the page also works without JavaScript (plain POST), and falls back to it while the
// socket is not connected.
(function () {
  "use strict";

  var root = document.getElementById("channel");
  if (!root || typeof window.io !== "function") return;

  var T = JSON.parse(document.getElementById("channel-strings").textContent);
  var channelId = Number(root.dataset.channelId);
  var userId = Number(root.dataset.userId);
  var canPost = root.dataset.canPost === "1";
  var isExpert = root.dataset.expert === "1";
  var editWindowMs = Number(root.dataset.editWindow) * 1000;
  var list = document.getElementById("messages");
  var typingLine = document.getElementById("typing");
  var connectionLine = document.getElementById("connection");
  var presenceLine = document.getElementById("presence");
  var compose = document.getElementById("compose");
  var olderLink = document.getElementById("older");
  var oldestId = Number(root.dataset.oldestId) || 0;
  var showingLatest = !new URLSearchParams(window.location.search).get("before");
  var typingTimers = {};
  var lastTypingSent = 0;
  var heartbeat = null;

  var socket = window.io("/channels", { transports: ["websocket", "polling"] });

  function newClientId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function formatTime(iso) {
    var date = new Date(iso);
    return date.toLocaleString(document.documentElement.lang || "ja", {
      month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit"
    });
  }

  function mayChange(m) {
    return m.author && m.author.id === userId && !m.deleted &&
      Date.now() - new Date(m.created_at).getTime() <= editWindowMs;
  }

  function render(m) {
    var item = el("li", "message");
    item.id = "m" + m.id;
    item.dataset.id = m.id;
    item.dataset.authorId = m.author ? m.author.id : "";
    item._message = m;
    if (m.is_question) item.classList.add("is-question");
    if (m.deleted) item.classList.add("is-deleted");

    var head = el("div", "message-head");
    head.appendChild(el("strong", "message-author", m.author ? m.author.display_name : T.formerUser));
    if (m.author && m.author.role === "expert") head.appendChild(el("span", "tag expert-tag", T.expert));
    var time = el("a", "message-time muted");
    time.href = "#m" + m.id;
    var t = el("time", "", formatTime(m.created_at));
    t.setAttribute("datetime", m.created_at);
    time.appendChild(t);
    head.appendChild(time);
    head.appendChild(el("span", "muted", "#" + m.id));
    if (m.edited_at && !m.deleted) head.appendChild(el("span", "muted message-edited", T.edited));
    if (m.is_question) {
      head.appendChild(el("span", "tag question-tag", T.question));
      if (m.answered_at) {
        var done = el("span", "tag answered-tag", T.answered);
        if (m.answer_id) {
          var link = el("a", "", " #" + m.answer_id);
          link.href = "#m" + m.answer_id;
          done.appendChild(link);
        }
        head.appendChild(done);
      } else {
        head.appendChild(el("span", "tag warn open-tag", T.open));
      }
    }
    item.appendChild(head);

    var body = el("div", "message-body prose");
    if (m.deleted) body.appendChild(el("p", "muted", T.deleted));
    else body.innerHTML = m.body_html; // sanitised by the server when it was written
    item.appendChild(body);

    if (canPost && !m.deleted) {
      var actions = el("div", "message-actions");
      var asker = m.author && m.author.id === userId;
      if (m.is_question && !m.answered_at && (isExpert || asker)) {
        var mark = el("button", "secondary mark-answered", T.markAnswered);
        mark.type = "button";
        actions.appendChild(mark);
      } else if (!m.is_question && !m.answered_at && openQuestionBefore(m.id)) {
        var solves = el("button", "link solves", T.isAnswer);
        solves.type = "button";
        actions.appendChild(solves);
      }
      if (mayChange(m)) {
        var edit = el("button", "link edit-button", T.edit);
        edit.type = "button";
        var del = el("button", "link delete-button", T["delete"]);
        del.type = "button";
        actions.appendChild(edit);
        actions.appendChild(del);
      }
      item.appendChild(actions);
    }
    return item;
  }

  function openQuestionBefore(id) {
    var found = null;
    list.querySelectorAll(".message.is-question").forEach(function (node) {
      var m = node._message;
      var open = node.querySelector(".open-tag");
      if (open && Number(node.dataset.id) < id && (!m || !m.deleted)) found = Number(node.dataset.id);
    });
    return found;
  }

  function upsert(m, where) {
    if (m.channel_id !== channelId) return;
    var empty = list.querySelector(".empty");
    if (empty) empty.remove();
    var fresh = render(m);
    var existing = document.getElementById("m" + m.id);
    if (existing) { existing.replaceWith(fresh); return; }
    if (where === "top") { list.insertBefore(fresh, list.firstChild); return; }
    var nearBottom = window.innerHeight + window.scrollY >= document.body.offsetHeight - 200;
    list.appendChild(fresh);
    if (nearBottom) fresh.scrollIntoView({ block: "end" });
  }

  function newestId() {
    var items = list.querySelectorAll(".message");
    return items.length ? Number(items[items.length - 1].dataset.id) : 0;
  }

  function markRead() {
    var id = newestId();
    if (id && showingLatest && document.visibilityState === "visible" && socket.connected) {
      socket.emit("read", { channel_id: channelId, message_id: id });
    }
  }

  function failed(result) {
    var note = el("p", "flash flash-error", T.failed + " " + ((result && result.message) || ""));
    note.setAttribute("role", "alert");
    root.insertBefore(note, root.firstChild);
    window.setTimeout(function () { note.remove(); }, 6000);
  }

  // Send with a client id; retry a lost acknowledgement with the same id: stored once.
  function sendWithRetry(payload, attempt, done) {
    socket.timeout(5000).emit("send", payload, function (err, result) {
      if (err) {
        if (attempt < 3) return sendWithRetry(payload, attempt + 1, done);
        return done({ error: "timeout", message: T.offline });
      }
      done(result);
    });
  }

  function showPresence(data) {
    var names = (data && data.experts || []).map(function (p) { return p.display_name; });
    presenceLine.hidden = false;
    presenceLine.querySelector(".presence-list").textContent = names.length ? names.join("、") : "—";
  }

  socket.on("connect", function () {
    connectionLine.hidden = true;
    socket.emit("join", { channel_id: channelId }, function (result) {
      if (!result || result.error) return failed(result);
      if (showingLatest) result.messages.forEach(function (m) { upsert(m); });
      showPresence(result.presence);
      markRead();
    });
    if (heartbeat) window.clearInterval(heartbeat);
    heartbeat = window.setInterval(function () { socket.emit("heartbeat", {}); }, 30000);
  });
  socket.on("disconnect", function (reason) {
    connectionLine.textContent = T.offline;
    connectionLine.hidden = false;
    // the server closes a person's sockets when they leave a lab: connect again, and the
    // room is joined again only if they may still read it
    if (reason === "io server disconnect") window.setTimeout(function () { socket.connect(); }, 1000);
  });
  socket.on("message", function (m) {
    if (!showingLatest) return;
    upsert(m);
    markRead();
  });
  socket.on("message_edited", function (m) { if (document.getElementById("m" + m.id)) upsert(m); });
  socket.on("message_deleted", function (data) {
    var node = document.getElementById("m" + data.id);
    if (node && node._message) {
      node._message.deleted = true;
      node._message.body_html = "";
      upsert(node._message);
    } else if (node) {
      node.classList.add("is-deleted");
      node.querySelector(".message-body").innerHTML = "";
      node.querySelector(".message-body").appendChild(el("p", "muted", T.deleted));
      var actions = node.querySelector(".message-actions");
      if (actions) actions.remove();
    }
  });
  socket.on("question_answered", function (data) {
    if (data.channel_id !== channelId) return;
    var node = document.getElementById("m" + data.question_id);
    if (!node) return;
    var open = node.querySelector(".open-tag");
    if (open) {
      var done = el("span", "tag answered-tag", T.answered);
      if (data.answer_id) {
        var link = el("a", "", " #" + data.answer_id);
        link.href = "#m" + data.answer_id;
        done.appendChild(link);
      }
      open.replaceWith(done);
    }
    if (node._message) { node._message.answered_at = data.answered_at; node._message.answer_id = data.answer_id; }
    var form = node.querySelector(".answer-form, .mark-answered");
    if (form) form.remove();
  });
  socket.on("typing", function (data) {
    if (data.channel_id !== channelId || !data.user) return;
    var name = data.user.display_name;
    typingLine.textContent = T.typing.replace("{name}", name);
    window.clearTimeout(typingTimers.current);
    typingTimers.current = window.setTimeout(function () { typingLine.textContent = ""; }, 3000);
  });
  socket.on("presence", showPresence);
  document.addEventListener("visibilitychange", markRead);

  if (compose) {
    var body = compose.querySelector("textarea[name=body]");
    var question = compose.querySelector("input[name=is_question]");
    compose.addEventListener("submit", function (event) {
      if (!socket.connected) return; // the plain form POST
      event.preventDefault();
      if (!body.value.trim()) return;
      var payload = {
        channel_id: channelId, body: body.value, client_id: newClientId(),
        is_question: !!(question && question.checked)
      };
      var button = compose.querySelector("button[type=submit]");
      button.disabled = true;
      sendWithRetry(payload, 1, function (result) {
        button.disabled = false;
        if (!result || result.error) return failed(result);
        body.value = "";
        if (question) question.checked = false;
        upsert(result);
        markRead();
      });
    });
    body.addEventListener("input", function () {
      if (socket.connected && Date.now() - lastTypingSent > 2000) {
        lastTypingSent = Date.now();
        socket.emit("typing", { channel_id: channelId });
      }
    });
  }

  function ack(result) { if (!result || result.error) failed(result); else if (result.id) upsert(result); }

  function startEdit(node) {
    var m = node._message;
    var bodyNode = node.querySelector(".message-body");
    if (!m || node.querySelector(".edit-box")) return;
    var box = el("div", "edit-box");
    var area = el("textarea");
    area.rows = 3;
    area.maxLength = 4000;
    area.value = m.body;
    var save = el("button", "", T.save);
    save.type = "button";
    var cancel = el("button", "link", T.cancel);
    cancel.type = "button";
    box.appendChild(area); box.appendChild(save); box.appendChild(cancel);
    bodyNode.hidden = true;
    bodyNode.after(box);
    area.focus();
    cancel.addEventListener("click", function () { box.remove(); bodyNode.hidden = false; });
    save.addEventListener("click", function () {
      socket.emit("edit", { message_id: m.id, body: area.value }, ack);
    });
  }

  list.addEventListener("click", function (event) {
    var node = event.target.closest(".message");
    if (!node) return;
    var id = Number(node.dataset.id);
    if (event.target.classList.contains("edit-button")) {
      if (node._message) startEdit(node);
    } else if (event.target.classList.contains("delete-button")) {
      if (window.confirm(T.confirmDelete)) socket.emit("delete", { message_id: id }, ack);
    } else if (event.target.classList.contains("mark-answered")) {
      socket.emit("answer", { question_id: id, answer_id: null }, ack);
    } else if (event.target.classList.contains("solves")) {
      var questionId = openQuestionBefore(id);
      if (questionId) socket.emit("answer", { question_id: questionId, answer_id: id }, ack);
    }
  });

  list.addEventListener("submit", function (event) {
    var form = event.target;
    var node = form.closest(".message");
    if (!node || !socket.connected) return; // the plain form POST
    var id = Number(node.dataset.id);
    if (form.classList.contains("delete-form")) {
      event.preventDefault();
      if (window.confirm(form.dataset.confirm)) socket.emit("delete", { message_id: id }, ack);
    } else if (form.classList.contains("answer-form")) {
      event.preventDefault();
      var answer = Number(form.querySelector("input[name=answer_id]").value) || null;
      socket.emit("answer", { question_id: id, answer_id: answer }, ack);
    }
  });

  if (olderLink) {
    olderLink.addEventListener("click", function (event) {
      if (!oldestId) return;
      event.preventDefault();
      fetch("/api/channels/" + channelId + "/messages?limit=50&before=" + oldestId, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (page) {
          if (!page) return;
          page.items.slice().reverse().forEach(function (m) { upsert(m, "top"); });
          if (page.meta.oldest_id) oldestId = page.meta.oldest_id;
          if (!page.meta.has_more) olderLink.parentNode.remove();
        });
    });
  }
})();
