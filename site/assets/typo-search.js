/* mesakb: typo-tolerant concept suggestions in the search box.
 *
 * Material's built-in search (lunr) matches whole words and prefixes, so a typo such
 * as "decepitve alignment" finds nothing useful. This script adds a "Concepts"
 * block above the results: every concept whose term or alias matches the query with
 * at most one edit per word (insert, delete, substitute, or swap two neighbours).
 * Data: explore/graph.json, generated at build time. No network beyond this site.
 */
(function () {
  "use strict";
  var config = {};
  try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) { /* no config */ }
  var base = (config.base || ".").replace(/\/$/, "") + "/";
  var labels = null;

  function words(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .split(/[^a-z0-9]+/).filter(function (w) { return w.length > 0; });
  }

  // True when a and b differ by at most one edit (optimal string alignment distance <= 1).
  function oneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;                        // substitution
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // delete/insert
  }

  function wordMatches(q, w, last) {
    if (q === w) return 2;
    if (last && q.length >= 2 && w.indexOf(q) === 0) return 1.5;  // still typing
    if (q.length >= 4 && oneEdit(q, w)) return 1;
    return 0;
  }

  function score(query, label) {
    var lw = words(label);
    var total = 0;
    for (var i = 0; i < query.length; i++) {
      var best = 0;
      for (var j = 0; j < lw.length; j++) {
        best = Math.max(best, wordMatches(query[i], lw[j], i === query.length - 1));
      }
      if (!best) return 0;
      total += best;
    }
    return total + (lw.length === query.length ? 0.5 : 0);
  }

  function suggest(text) {
    var query = words(text);
    if (!labels || !query.length) return [];
    var found = {};
    labels.forEach(function (entry) {
      var s = score(query, entry.label);
      if (s && (!found[entry.node.id] || found[entry.node.id].score < s)) {
        found[entry.node.id] = { score: s, node: entry.node, label: entry.label };
      }
    });
    return Object.keys(found).map(function (k) { return found[k]; })
      .sort(function (a, b) { return b.score - a.score || a.node.term.localeCompare(b.node.term); })
      .slice(0, 5);
  }

  function render(input) {
    var result = document.querySelector(".md-search-result");
    if (!result) return;
    var box = result.querySelector(".mesakb-typo");
    if (!box) {
      box = document.createElement("div");
      box.className = "mesakb-typo";
      box.setAttribute("aria-live", "polite");
      var meta = result.querySelector(".md-search-result__meta");
      result.insertBefore(box, meta ? meta.nextSibling : result.firstChild);
    }
    while (box.firstChild) box.removeChild(box.firstChild);
    var hits = suggest(input.value);
    if (!hits.length) { box.hidden = true; return; }
    box.hidden = false;
    var title = document.createElement("strong");
    title.textContent = "Concepts: ";
    box.appendChild(title);
    hits.forEach(function (hit, n) {
      if (n) box.appendChild(document.createTextNode(" · "));
      var a = document.createElement("a");
      a.href = base + hit.node.url;
      a.className = "mesakb-typo-hit";
      a.textContent = hit.node.term;
      box.appendChild(a);
      if (hit.label !== hit.node.term) {
        var small = document.createElement("small");
        small.textContent = " (" + hit.label + ")";
        box.appendChild(small);
      }
    });
  }

  function start() {
    var input = document.querySelector("input.md-search__input");
    if (!input) return;
    var load = function () {
      if (labels) return;
      labels = [];
      fetch(base + "explore/graph.json").then(function (r) { return r.json(); }).then(function (data) {
        data.nodes.forEach(function (node) {
          if (node.status === "deprecated") return;
          [node.term].concat(node.aliases || []).forEach(function (label) {
            labels.push({ label: label, node: node });
          });
        });
        render(input);
      }).catch(function () { labels = null; });
    };
    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load(); render(input); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
