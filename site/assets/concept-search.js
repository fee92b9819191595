/* mesakb: concepts first in the search box, ranked exactly as kb.search ranks them.
 *
 * This is the second implementation of the search specified in
 * src/mesakb/kb/search.py (read its module docstring for the rules). The index,
 * search/concepts.json, is written by the build from that module and carries the
 * normalisation tables (spelling rules, question wrappers, stop words), so they exist
 * once. tests/test_search_table.py runs one query table through both and requires the
 * same results.
 *
 * Above Material's full-text results this shows the concepts the query names: exact
 * labels, then close labels (typos, prefixes), then summary and body matches, each with
 * the alias that matched. A query that names no concept says so, offers the closest
 * concepts and a way to propose one. Nothing is fetched until the reader focuses or
 * types in the search box: then this script loads search/concepts.json and releases
 * Material's own index (held back by the script in theme/main.html).
 */
(function () {
  "use strict";
  var config = {};
  try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) { /* no config */ }
  var base = (config.base || ".").replace(/\/$/, "") + "/";
  var index = null;     // the prepared index, once loaded
  var loading = false;

  // -- the specification, second implementation (keep in step with kb/search.py) --

  function tokens(text) {
    var folded = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    return folded.replace(/['\u2019`]/g, "").split(/[^a-z0-9]+/)
      .filter(function (w) { return w.length > 0; });
  }

  function startsWith(words, part) {
    if (part.length > words.length) return false;
    for (var i = 0; i < part.length; i++) if (words[i] !== part[i]) return false;
    return true;
  }

  function endsWith(words, part) {
    if (part.length > words.length) return false;
    var off = words.length - part.length;
    for (var i = 0; i < part.length; i++) if (words[off + i] !== part[i]) return false;
    return true;
  }

  function unwrap(ix, words) {
    var i;
    for (i = 0; i < ix.prefixes.length; i++) {
      if (words.length > ix.prefixes[i].length && startsWith(words, ix.prefixes[i])) {
        words = words.slice(ix.prefixes[i].length);
        break;
      }
    }
    for (i = 0; i < ix.suffixes.length; i++) {
      if (words.length > ix.suffixes[i].length && endsWith(words, ix.suffixes[i])) {
        words = words.slice(0, words.length - ix.suffixes[i].length);
        break;
      }
    }
    var kept = words.filter(function (w) { return !ix.stop.has(w); });
    return kept.length ? kept : words;
  }

  function rewrite(ix, word) {
    for (var i = 0; i < ix.rules.length; i++) word = word.replace(ix.rules[i][0], ix.rules[i][1]);
    return word;
  }

  function both(ix, text) {
    var words = unwrap(ix, tokens(text));
    return [words, words.map(function (w) { return rewrite(ix, w); })];
  }

  // Optimal string alignment distance, or limit + 1 when it is larger.
  function editDistance(a, b, limit) {
    var la = a.length, lb = b.length, i, j;
    if (Math.abs(la - lb) > limit) return limit + 1;
    var previous2 = [], previous = [], row;
    for (j = 0; j <= lb; j++) previous.push(j);
    for (i = 1; i <= la; i++) {
      row = [i];
      var low = i;
      for (j = 1; j <= lb; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, previous2[j - 2] + 1);
        }
        row.push(d);
        low = Math.min(low, d);
      }
      if (low > limit) return limit + 1;
      previous2 = previous;
      previous = row;
    }
    return Math.min(previous[lb], limit + 1);
  }

  function labelEdits(word) { return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0; }
  function textEdits(word) { return word.length >= 5 ? 1 : 0; }

  // The vocabulary words a query word matches, each with its cost.
  function close(word, vocabulary, edits, prefix) {
    var found = new Map();
    for (var i = 0; i < vocabulary.length; i++) {
      var candidate = vocabulary[i];
      var cost = 99;
      if (prefix && candidate.lastIndexOf(word, 0) === 0) cost = 5;
      // Two edits only to words with the same first letter.
      var limit = candidate.charAt(0) === word.charAt(0) ? edits : Math.min(edits, 1);
      if (Math.abs(candidate.length - word.length) <= limit) {
        var d = editDistance(word, candidate, limit);
        if (d <= limit) cost = Math.min(cost, 10 * d);
      }
      if (cost < 99) found.set(candidate, cost);
    }
    return found;
  }

  // The cheapest match of one query word in a concept's summary, and in its whole text.
  function textCosts(ix, concept, matches) {
    var summary = null, text = null;
    matches.forEach(function (cost, word) {
      var where = ix.text.get(word).get(concept);
      if (where === undefined) return;
      if (where && (summary === null || cost < summary)) summary = cost;
      if (text === null || cost < text) text = cost;
    });
    return [summary, text];
  }

  function labelScore(ix, label, inLabels, inText) {
    var words = new Set(label.words), covered = new Set(), cost = 0, outside = 0;
    for (var n = 0; n < inLabels.length; n++) {
      var here = null;
      inLabels[n].forEach(function (c, w) {
        if (words.has(w)) {
          covered.add(w);
          if (here === null || c < here) here = c;
        }
      });
      if (here !== null) { cost += here; continue; }
      var elsewhere = textCosts(ix, label.concept, inText[n])[1];
      cost += elsewhere === null ? 60 : 30 + elsewhere;
      outside += 1;
    }
    if (2 * outside >= inLabels.length) return null;
    var share = Math.floor((100 * covered.size) / Math.max(label.words.length, 1));
    return 600 + share - cost;
  }

  function search(ix, text) {
    var parts = both(ix, text), letters = parts[0], query = parts[1];
    if (!query.length) return [];
    var whole = query.join(""), wholeLetters = letters.join(""), last = query.length - 1;
    var inLabels = query.map(function (q, n) {
      return close(q, ix.labelVocabulary, labelEdits(q), n === last && q.length >= 3);
    });
    var inText = query.map(function (q) { return close(q, ix.textVocabulary, textEdits(q), false); });
    var best = new Map();
    function offer(concept, score, field, matched) {
      var old = best.get(concept);
      if (old === undefined || score > old.score) {
        best.set(concept, { concept: concept, score: score, field: field, matched: matched });
      }
    }
    var candidates = new Set();
    inLabels.forEach(function (matches) {
      matches.forEach(function (_, word) {
        ix.labelPostings.get(word).forEach(function (n) { candidates.add(n); });
      });
    });
    // (a) only when some query word matches no label word at all.
    var wholeEdits = inLabels.every(function (m) { return m.size > 0; }) ? 0 : labelEdits(whole);
    // (c) Several query words written as one ("sub-optimality"): one word, as in (b).
    var asOne = query.length > 1 ? [close(whole, ix.labelVocabulary, labelEdits(whole), true)] : null;
    if (asOne) {
      asOne[0].forEach(function (_, word) {
        ix.labelPostings.get(word).forEach(function (n) { candidates.add(n); });
      });
    }
    ix.labels.forEach(function (label, n) {
      if (label.compact === whole) {
        var exact = label.letters === wholeLetters ? 50 : 0;
        offer(label.concept, 1000 + exact + label.bonus, label.field, label.text);
        return;
      }
      var scores = [];
      if (wholeEdits && label.compact.slice(0, 3) === whole.slice(0, 3) &&
          Math.abs(label.compact.length - whole.length) <= wholeEdits) {
        var d = editDistance(whole, label.compact, wholeEdits);
        if (d <= wholeEdits) scores.push(700 - 10 * d);
      }
      if (candidates.has(n)) {
        var s = labelScore(ix, label, inLabels, inText);
        if (s !== null) scores.push(s);
        if (asOne) {
          s = labelScore(ix, label, asOne, [new Map()]);
          if (s !== null) scores.push(s);
        }
      }
      if (scores.length) offer(label.concept, Math.max.apply(null, scores) + label.bonus, label.field, label.text);
    });
    var found = null;
    inText.forEach(function (matches) {
      var here = new Set();
      matches.forEach(function (_, word) {
        ix.text.get(word).forEach(function (_, concept) { here.add(concept); });
      });
      found = found === null ? here : new Set(Array.from(found).filter(function (c) { return here.has(c); }));
    });
    (found || new Set()).forEach(function (concept) {
      if (best.has(concept)) return;
      var costs = inText.map(function (matches) { return textCosts(ix, concept, matches); });
      var inSummary = costs.every(function (c) { return c[0] !== null; });
      var sum = 0;
      costs.forEach(function (c) { sum += inSummary ? c[0] : c[1]; });
      var term = ix.concepts[concept].term;
      offer(concept, (inSummary ? 300 : 100) - sum, inSummary ? "summary" : "body", term);
    });
    return Array.from(best.values()).sort(function (a, b) {
      var ca = ix.concepts[a.concept], cb = ix.concepts[b.concept];
      if (a.score !== b.score) return b.score - a.score;
      if (ca.degree !== cb.degree) return cb.degree - ca.degree;
      return ca.id < cb.id ? -1 : ca.id > cb.id ? 1 : 0;
    }).map(function (hit) {
      var c = ix.concepts[hit.concept];
      return { id: c.id, term: c.term, url: c.url, summary: c.summary, score: hit.score, field: hit.field, matched: hit.matched };
    });
  }

  function prepare(data) {
    var ix = {
      rules: data.rules.map(function (r) { return [new RegExp(r[0], "g"), r[1]]; }),
      prefixes: data.prefixes, suffixes: data.suffixes, stop: new Set(data.stop),
      concepts: data.concepts, labels: [], labelPostings: new Map(), text: null,
      propose: data.propose
    };
    data.concepts.forEach(function (c, n) {
      c.labels.forEach(function (l) {
        var label = { concept: n, text: l[0], field: l[1], bonus: l[2], letters: l[3], words: l[4], compact: l[4].join("") };
        l[4].forEach(function (w) {
          if (!ix.labelPostings.has(w)) ix.labelPostings.set(w, new Set());
          ix.labelPostings.get(w).add(ix.labels.length);
        });
        ix.labels.push(label);
      });
    });
    // Postings are decoded on first use: a query touches a handful of words.
    var cache = new Map();
    ix.text = {
      get: function (word) {
        var where = cache.get(word);
        if (where === undefined) {
          where = new Map();
          data.text[word].forEach(function (code) { where.set(code >> 1, (code & 1) === 1); });
          cache.set(word, where);
        }
        return where;
      }
    };
    ix.labelVocabulary = Array.from(ix.labelPostings.keys());
    ix.textVocabulary = Object.keys(data.text);
    return ix;
  }

  // -- the search box --------------------------------------------------------------

  function closest(ix, text) {
    // Nothing matched every word: offer the concepts that match some word.
    var seen = new Map();
    tokens(text).forEach(function (word) {
      search(ix, word).slice(0, 3).forEach(function (hit) {
        if (!seen.has(hit.id)) seen.set(hit.id, hit);
      });
    });
    return Array.from(seen.values()).slice(0, 3);
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  // Material's Enter key follows the result link whose first child has the highest
  // data-md-score: concept hits outrank its full-text results, in their order; the
  // links of the "not in the knowledge base" message never do.
  function link(hit, score, className) {
    var a = element("a", className || "mesakb-typo-hit");
    var label = element("span", "", hit.term);
    label.setAttribute("data-md-score", String(score));
    a.appendChild(label);
    a.href = base + hit.url;
    a.setAttribute("data-id", hit.id);
    return a;
  }

  function render(input) {
    var result = document.querySelector(".md-search-result");
    if (!result || !index) return;
    var box = result.querySelector(".mesakb-typo");
    if (!box) {
      box = element("section", "mesakb-typo mesakb-concept-results");
      box.setAttribute("aria-live", "polite");
      box.setAttribute("aria-label", "Concepts");
      result.insertBefore(box, result.firstChild);
    }
    while (box.firstChild) box.removeChild(box.firstChild);
    var text = input.value;
    box.setAttribute("data-query", text);
    if (!tokens(text).length) { box.hidden = true; return; }
    box.hidden = false;
    var hits = search(index, text).slice(0, 6);
    if (!hits.length) {
      var missing = element("p", "mesakb-concept-missing");
      missing.appendChild(element("strong", "", "\u201c" + text.trim() + "\u201d is not in the knowledge base."));
      var near = closest(index, text);
      if (near.length) {
        missing.appendChild(document.createTextNode(" Closest concepts: "));
        near.forEach(function (hit, n) {
          if (n) missing.appendChild(document.createTextNode(", "));
          missing.appendChild(link(hit, -1, "mesakb-concept-near"));
        });
        missing.appendChild(document.createTextNode("."));
      }
      missing.appendChild(document.createTextNode(" "));
      var propose = element("a", "mesakb-concept-propose");
      var proposeLabel = element("span", "", "Propose it as a new concept");
      proposeLabel.setAttribute("data-md-score", "-1");
      propose.appendChild(proposeLabel);
      propose.href = base + index.propose;
      missing.appendChild(propose);
      missing.appendChild(document.createTextNode("."));
      box.appendChild(missing);
      return;
    }
    if (!performance.getEntriesByName("mesakb-search-shown").length) performance.mark("mesakb-search-shown");
    box.appendChild(element("p", "mesakb-concept-results__title", "Concepts"));
    var list = element("ol", "mesakb-concept-results__list");
    hits.forEach(function (hit, n) {
      var item = element("li", "mesakb-concept-result");
      item.setAttribute("data-field", hit.field);
      item.appendChild(link(hit, 1e9 - n));
      if (hit.matched !== hit.term) item.appendChild(element("small", "", " (" + hit.matched + ")"));
      else if (hit.field === "summary" || hit.field === "body") {
        item.appendChild(element("small", "", hit.field === "summary" ? " (in its summary)" : " (in its text)"));
      }
      item.appendChild(element("span", "mesakb-concept-result__summary", hit.summary));
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function start() {
    var input = document.querySelector("input.md-search__input");
    if (!input) return;
    var fullText = function () {
      if (typeof window.mesakbWantSearch === "function") window.mesakbWantSearch();
    };
    var load = function () {
      if (index || loading) return;
      loading = true;
      performance.mark("mesakb-search-load");
      // Concepts first; Material's full-text index (held back until now) after them.
      fetch(base + "search/concepts.json").then(function (r) { return r.json(); }).then(function (data) {
        index = prepare(data);
        performance.mark("mesakb-search-ready");
        render(input);
        fullText();
      }).catch(function () { loading = false; fullText(); });
    };
    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load(); render(input); });
  }

  // For tests and the curious: the same ranking as kb.search, over the loaded index.
  window.mesakbSearch = function (text) { return index ? search(index, text) : null; };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
