// Progressive enhancement only: every feature works without this file.
(function () {
  "use strict";
  // "/" focuses the search box (unless typing in a field already)
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    var box = document.getElementById("q") || document.getElementById("site-q");
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  });
  // facet checkboxes and the sort menu apply at once
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t && t.classList && t.classList.contains("autosubmit") && t.form) t.form.submit();
  });
  // paragraph anchors also copy the citation-ready URL
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.anchor[data-permalink]");
    if (!a) return;
    var url = a.getAttribute("data-permalink");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { toast("Link copied: " + url); }, function () {});
    } else {
      toast("Link: " + url);
    }
  });
  // facet "more": filter the values by typing, order them by count or A–Z
  document.querySelectorAll(".facet-tools[hidden]").forEach(function (tools) { tools.hidden = false; });
  function fold(s) { return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  document.addEventListener("input", function (e) {
    var box = e.target;
    if (!box.classList || !box.classList.contains("facet-filter")) return;
    var want = fold(box.value.trim());
    box.closest("fieldset").querySelectorAll("li").forEach(function (li) {
      li.hidden = want !== "" && fold(li.querySelector(".v").textContent).indexOf(want) < 0;
    });
  });
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button.facet-order");
    if (!b) return;
    var fs = b.closest("fieldset"), ul = fs.querySelector("ul"), alpha = b.dataset.order === "alpha";
    var items = Array.prototype.slice.call(ul.children);
    items.sort(function (x, y) {
      var a = x.querySelector(".v").textContent, c = y.querySelector(".v").textContent;
      return alpha ? a.localeCompare(c) : (y.dataset.count - x.dataset.count) || a.localeCompare(c);
    });
    items.forEach(function (li) { ul.appendChild(li); });
    fs.querySelectorAll("button.facet-order").forEach(function (o) { o.setAttribute("aria-pressed", String(o === b)); });
  });
  function toast(text) {
    var el = document.createElement("div");
    el.className = "copied"; el.setAttribute("role", "status"); el.textContent = text;
    document.body.appendChild(el);
    setTimeout(function () { el.remove(); }, 2500);
  }
})();
