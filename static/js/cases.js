// The case pages: add and remove repeated form rows, confirm deletions. Works without it too.
(function () {
  "use strict";

  function renumber(row, index) {
    row.querySelectorAll("[name], [id], label[for]").forEach(function (el) {
      ["name", "id", "for"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value && value.indexOf("__index__") !== -1) {
          el.setAttribute(attr, value.split("__index__").join(String(index)));
        }
      });
    });
  }

  function enableRemove(row) {
    var button = row.querySelector("[data-remove-row]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      row.remove();
    });
  }

  document.querySelectorAll("[data-rows]").forEach(function (container) {
    var name = container.getAttribute("data-rows");
    var template = document.querySelector('template[data-row-template="' + name + '"]');
    var add = document.querySelector('[data-add-row="' + name + '"]');
    container.querySelectorAll("[data-row]").forEach(enableRemove);
    if (!template || !add) return;
    add.hidden = false;
    add.addEventListener("click", function () {
      var index = parseInt(container.getAttribute("data-next"), 10) || 0;
      container.setAttribute("data-next", String(index + 1));
      var fragment = template.content.cloneNode(true);
      var row = fragment.querySelector("[data-row]");
      renumber(row, index);
      enableRemove(row);
      container.appendChild(fragment);
      var first = row.querySelector("select, input, textarea");
      if (first) first.focus();
    });
  });

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
})();
