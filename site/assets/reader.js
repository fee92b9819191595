/* mesakb: small reading aids on every page (no dependencies, nothing from the network).
 *
 * - Term-link previews on touch screens: the first tap on a linked term shows its
 *   summary (Material's tooltip, which opens on focus), the second tap follows it.
 * - Boxes that scroll sideways (wide formulas, tables, the neighbourhood) become
 *   focusable while they overflow, so a keyboard user can scroll them.
 * - The search dialog gets an accessible name (its closed results box is hidden by CSS).
 * - "Skip to content" goes to the page's title, not to its first subheading (generated
 *   pages write their title as HTML, so it is not in Material's table of contents).
 */
(function () {
  "use strict";
  var armed = null;
  var touch = window.matchMedia && window.matchMedia("(hover: none)");

  document.addEventListener("click", function (ev) {
    var link = ev.target && ev.target.closest ? ev.target.closest("a.mesakb-term") : null;
    if (!link || !touch || !touch.matches) { armed = null; return; }
    if (link !== armed) {
      ev.preventDefault();
      armed = link;
      link.focus();
    }
  }, true);

  var SCROLLERS = ".mesakb-formal, .mesakb-example-math, .mesakb-formal-note, figure.mesakb-graph, " +
    ".md-typeset table[class^='mesakb-'], .md-typeset__scrollwrap";

  function scrollers() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      if (wide && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-mesakb-scroll", "");
      } else if (!wide && box.hasAttribute("data-mesakb-scroll")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-mesakb-scroll");
      }
    });
  }

  function start() {
    document.querySelectorAll(".md-search[role=dialog]").forEach(function (dialog) {
      if (!dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
    });
    // Material's palette toggle: the Tab stop is a hidden radio button whose label is
    // not the one shown. Make the shown label the stop, operable with Enter and Space.
    document.querySelectorAll("input.md-option[name=__palette]").forEach(function (radio) {
      radio.setAttribute("tabindex", "-1");
    });
    document.querySelectorAll("label.md-header__button[for^=__palette_]").forEach(function (label) {
      label.setAttribute("tabindex", "0");
      label.setAttribute("role", "button");
      if (!label.hasAttribute("aria-label")) label.setAttribute("aria-label", label.getAttribute("title") || "Switch colours");
      label.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          label.click();
          setTimeout(function () {
            var next = document.querySelector("label.md-header__button[for^=__palette_]:not([hidden])");
            var shown = [].filter.call(document.querySelectorAll("label.md-header__button[for^=__palette_]"),
              function (l) { return l.offsetParent !== null; });
            (shown[0] || next || label).focus();
          }, 0);
        }
      });
    });
    var title = document.querySelector("article h1[id]");
    var skip = document.querySelector("a.md-skip");
    if (title && skip) skip.setAttribute("href", "#" + title.id);
    scrollers();
    window.addEventListener("resize", scrollers);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
