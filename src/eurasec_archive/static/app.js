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
  // copy buttons of the Cite panels
  function copyText(text, what) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { toast(what + " copied"); }, function () { toast(text); });
    } else {
      var area = document.createElement("textarea");
      area.value = text; document.body.appendChild(area); area.select();
      try { document.execCommand("copy"); toast(what + " copied"); } catch (err) { toast(text); }
      area.remove();
    }
  }
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button.copy[data-copy]");
    if (!b) return;
    copyText(b.getAttribute("data-copy"), b.getAttribute("aria-label").replace(/^Copy (the )?/, ""));
    b.setAttribute("data-copied", "true");
  });
  // "Cite" beside a paragraph or quote: the citation page's panel, in a dialog
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a.cite-para");
    if (!a || !window.fetch || !window.HTMLDialogElement || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    fetch(a.href).then(function (r) { return r.text(); }).then(function (html) {
      var panel = new DOMParser().parseFromString(html, "text/html").querySelector("section.cite");
      if (!panel) { location.href = a.href; return; }
      var d = document.getElementById("cite-dialog");
      if (!d) {
        d = document.createElement("dialog"); d.id = "cite-dialog"; d.setAttribute("aria-labelledby", "cite-dialog-title");
        document.body.appendChild(d);
        // the backdrop closes it: a press and a release both outside the dialog's box (a click in its
        // padding, or a selection dragged out of a citation, also reaches the dialog itself)
        var outside = function (ev) {
          var r = d.getBoundingClientRect();
          return ev.target === d && (ev.clientX < r.left || ev.clientX > r.right || ev.clientY < r.top || ev.clientY > r.bottom);
        };
        var pressedOutside = false;
        d.addEventListener("mousedown", function (ev) { pressedOutside = outside(ev); });
        d.addEventListener("click", function (ev) {
          if (ev.target.classList.contains("close") || (pressedOutside && outside(ev))) d.close();
        });
      }
      d.innerHTML = "";
      var close = document.createElement("button"); close.type = "button"; close.className = "close"; close.textContent = "Close";
      d.appendChild(close);
      panel.id = "cite-dialog-panel";
      var h = panel.querySelector("h2"); if (h) h.id = "cite-dialog-title";
      d.appendChild(document.importNode(panel, true));
      d.showModal();
    }, function () { location.href = a.href; });
  });
  // a followed passage link lands with its context: the section heading above it stays in view
  function landWithContext() {
    var id = decodeURIComponent(location.hash.slice(1));
    var t = id && document.getElementById(id);
    if (!t || !t.classList.contains("para") || t.classList.contains("heading")) return;
    var el = t.previousElementSibling, heading = null;
    while (el) { if (el.classList.contains("heading")) { heading = el; break; } el = el.previousElementSibling; }
    var room = window.innerHeight * 0.6;
    if (heading && t.getBoundingClientRect().top - heading.getBoundingClientRect().top < room) {
      heading.scrollIntoView({block: "start"});
    }
  }
  window.addEventListener("load", function () { setTimeout(landWithContext, 0); });
  window.addEventListener("hashchange", landWithContext);
  // long metadata folds on narrow screens (open by default, so it shows without JavaScript)
  if (window.matchMedia && window.matchMedia("(max-width: 760px)").matches) {
    document.querySelectorAll("details.meta-more[open]").forEach(function (d) { d.open = false; });
  }
  function toast(text) {
    var el = document.createElement("div");
    el.className = "copied"; el.setAttribute("role", "status"); el.textContent = text;
    document.body.appendChild(el);
    setTimeout(function () { el.remove(); }, 2500);
  }
})();
