(function () {
  "use strict";
  var body = document.body;

  // Layer switches: each checkbox toggles a class on <body>.
  Array.prototype.forEach.call(document.querySelectorAll("input[data-toggle]"), function (box) {
    function apply() {
      var on = box.dataset.invert ? !box.checked : box.checked;
      body.classList.toggle(box.dataset.toggle, on);
    }
    box.addEventListener("change", apply);
    apply();
  });

  // Selecting a question: its marks in both documents, its card, and scroll them into view.
  function scrollWithin(container, element) {
    var box = container.getBoundingClientRect();
    var rect = element.getBoundingClientRect();
    if (rect.top < box.top + 8 || rect.bottom > box.bottom - 8) {
      container.scrollTop += rect.top - box.top - container.clientHeight / 4;
    }
  }

  function select(exchange, n, scrollOwn) {
    var previous = exchange.querySelectorAll(".on");
    Array.prototype.forEach.call(previous, function (el) {
      el.classList.remove("on");
      if (el.classList.contains("qcard")) el.setAttribute("aria-pressed", "false");
    });
    exchange.dataset.sel = n;
    var marks = exchange.querySelectorAll('[data-q="' + n + '"]');
    Array.prototype.forEach.call(marks, function (el) {
      el.classList.add("on");
      if (el.classList.contains("qcard")) el.setAttribute("aria-pressed", "true");
    });
    Array.prototype.forEach.call(exchange.querySelectorAll(".doctext"), function (column) {
      if (column === scrollOwn) return;
      var target = column.querySelector(".ans.on") || column.querySelector(".q.on") || column.querySelector(".rs.on");
      if (target) scrollWithin(column, target);
    });
    var card = exchange.querySelector('.qcard[data-q="' + n + '"]');
    var panel = exchange.querySelector(".qpanel");
    if (card && panel) scrollWithin(panel, card);
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest(".qcard, .q, .rs");
    if (!target) return;
    var exchange = target.closest(".exchange");
    if (!exchange) return;
    select(exchange, target.dataset.q, target.closest(".doctext"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    var card = event.target.closest && event.target.closest(".qcard");
    if (!card) return;
    event.preventDefault();
    select(card.closest(".exchange"), card.dataset.q, null);
  });

  // Links from the overview (#x0-q2) select the question.
  function fromHash() {
    var match = /^#(x\d+)-q(\d+)$/.exec(window.location.hash);
    if (!match) return;
    var exchange = document.getElementById(match[1]);
    if (exchange) select(exchange, match[2], null);
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();

  // Sortable tables: click a header; numbers by data-v, empty cells last.
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var headers = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(headers, function (th, column) {
      th.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.dataset.type === "num";
        var tbody = table.tBodies[0];
        var rows = Array.prototype.slice.call(tbody.rows);
        function value(row) {
          var cell = row.cells[column];
          var raw = cell.dataset.v !== undefined ? cell.dataset.v : cell.textContent.trim();
          if (!numeric) return raw.toLowerCase();
          return raw === "" ? NaN : parseFloat(raw);
        }
        rows.forEach(function (row, i) { row._i = i; });
        rows.sort(function (a, b) {
          var x = value(a), y = value(b);
          if (numeric) {
            if (isNaN(x) || isNaN(y)) return isNaN(x) - isNaN(y) || a._i - b._i;
            return (ascending ? x - y : y - x) || a._i - b._i;
          }
          var c = x.localeCompare(y, "sv");
          return (ascending ? c : -c) || a._i - b._i;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
      });
    });
  });

  // Hover: the label, normalized value and canonical name of every mark under the pointer.
  var tip = document.getElementById("tip");
  document.addEventListener("mouseover", function (event) {
    var node = event.target.closest ? event.target.closest("[data-tip]") : null;
    if (!node || !node.closest(".doctext")) { tip.hidden = true; return; }
    var lines = [];
    while (node && !node.classList.contains("doctext")) {
      if (node.dataset.tip && lines.indexOf(node.dataset.tip) < 0) lines.push(node.dataset.tip);
      node = node.parentElement;
    }
    tip.textContent = lines.join("\n");
    tip.hidden = false;
  });
  document.addEventListener("mousemove", function (event) {
    if (tip.hidden) return;
    var x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    var y = event.clientY + 18;
    if (y + tip.offsetHeight > window.innerHeight - 8) y = event.clientY - tip.offsetHeight - 12;
    tip.style.left = Math.max(4, x) + "px";
    tip.style.top = Math.max(4, y) + "px";
  });
  document.addEventListener("scroll", function () { tip.hidden = true; }, true);
})();
