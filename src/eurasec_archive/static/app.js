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
  function toast(text) {
    var el = document.createElement("div");
    el.className = "copied"; el.setAttribute("role", "status"); el.textContent = text;
    document.body.appendChild(el);
    setTimeout(function () { el.remove(); }, 2500);
  }
})();
