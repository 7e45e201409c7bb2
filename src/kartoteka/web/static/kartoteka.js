// Kartoteka's small scripts: highlight a cited span, confirm decisions, go back.
"use strict";

(function () {
  const SPAN = /^#(\d+)-(\d+)$/;

  // Wrap the part of a text element [o, o + length) that falls inside [start, end).
  function markPiece(el, start, end) {
    const o = Number(el.dataset.o);
    const atomic = el.dataset.n !== undefined;
    const length = atomic ? Number(el.dataset.n) : el.textContent.length;
    if (o >= end || o + length <= start) return null;
    const mark = document.createElement("mark");
    mark.className = "hl";
    if (atomic || (o >= start && o + length <= end)) {
      el.replaceWith(mark);
      mark.appendChild(el);
      return mark;
    }
    const text = el.firstChild;
    const from = Math.max(start - o, 0);
    const to = Math.min(end - o, length);
    const middle = text.splitText(from);
    middle.splitText(to - from);
    middle.replaceWith(mark);
    mark.appendChild(middle);
    return mark;
  }

  function clearMarks(reader) {
    reader.querySelectorAll("mark.hl").forEach(function (mark) {
      mark.replaceWith(...mark.childNodes);
    });
    reader.normalize();
  }

  function highlight() {
    const reader = document.getElementById("reader");
    const match = SPAN.exec(window.location.hash);
    if (!reader || !match) return;
    const start = Number(match[1]);
    const end = Number(match[2]);
    clearMarks(reader);
    const marks = [];
    reader.querySelectorAll("[data-o]").forEach(function (el) {
      const mark = markPiece(el, start, end);
      if (mark) marks.push(mark);
    });
    const bar = document.getElementById("hl-bar");
    if (!marks.length) return;
    marks[0].id = "hl-first";
    marks[0].scrollIntoView({ block: "center" });
    if (bar) {
      document.getElementById("hl-span").textContent = start + "–" + end;
      bar.hidden = false;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    highlight();
    window.addEventListener("hashchange", highlight);
    const again = document.getElementById("hl-next");
    if (again) {
      again.addEventListener("click", function (event) {
        event.preventDefault();
        const first = document.getElementById("hl-first");
        if (first) first.scrollIntoView({ block: "center" });
      });
    }
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.dataset.confirm)) event.preventDefault();
      });
    });
    document.querySelectorAll("a[data-back]").forEach(function (link) {
      if (window.history.length > 1) {
        link.addEventListener("click", function (event) {
          event.preventDefault();
          window.history.back();
        });
      }
    });
  });
})();
