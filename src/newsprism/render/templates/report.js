"use strict";
// Marks a statement's counterparts in the other columns. Reads only the JSON data block (never
// article text as markup); changes only classes and ARIA state.
(function () {
  var data = JSON.parse(document.getElementById("np-data").textContent);
  var links = data.links || {};
  var status = document.getElementById("np-status");
  var marked = [];
  var KIND = { aligned: "reports the same fact", possible: "possible counterpart", conflict: "in conflict" };

  function clear() {
    marked.forEach(function (el) {
      el.classList.remove("active", "counterpart", "cp-aligned", "cp-possible", "cp-conflict");
      el.setAttribute("aria-pressed", "false");
    });
    marked = [];
    if (status) { status.textContent = ""; }
  }

  function select(sid, focus) {
    var el = document.getElementById("s-" + sid);
    if (!el) { return; }
    clear();
    el.classList.add("active");
    el.setAttribute("aria-pressed", "true");
    marked.push(el);
    var cps = links[sid] || [];
    var firstInColumn = {};
    cps.forEach(function (pair) {
      var other = document.getElementById("s-" + pair[0]);
      if (!other) { return; }
      other.classList.add("counterpart", "cp-" + pair[1]);
      marked.push(other);
      var col = other.closest(".column");
      if (col && !firstInColumn[col.id]) { firstInColumn[col.id] = other; }
    });
    Object.keys(firstInColumn).forEach(function (k) {
      var other = firstInColumn[k];
      var box = other.closest(".text");
      if (box) { box.scrollTop += other.getBoundingClientRect().top - box.getBoundingClientRect().top - 40; }
    });
    if (status) {
      status.textContent = cps.length ? cps.length + " counterpart" + (cps.length === 1 ? "" : "s") + " marked (" +
        cps.map(function (p) { return KIND[p[1]] || p[1]; }).filter(function (v, i, a) { return a.indexOf(v) === i; }).join(", ") +
        "). Escape clears." : "No counterpart in the other outlets.";
    }
    if (focus) { el.focus({ preventScroll: true }); }
    el.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest(".st[data-sid], a.cite[data-sid]") : null;
    if (!t) { return; }
    if (t.tagName === "A") {
      ev.preventDefault();
      select(t.getAttribute("data-sid"), true);
      history.replaceState(null, "", "#s-" + t.getAttribute("data-sid"));
    } else if (t.classList.contains("active")) {
      clear();
    } else {
      select(t.getAttribute("data-sid"), false);
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { clear(); return; }
    var t = ev.target;
    if ((ev.key === "Enter" || ev.key === " ") && t.classList && t.classList.contains("st") && t.hasAttribute("data-sid")) {
      ev.preventDefault();
      select(t.getAttribute("data-sid"), false);
    }
  });
  if (location.hash.indexOf("#s-") === 0) { select(decodeURIComponent(location.hash.slice(3)), true); }
}());
