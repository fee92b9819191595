/* mesakb: the graph explorer (explore/ page). Vanilla JS, data from graph.json.
 *
 * One concept in the middle and its neighbours, a few steps out (default: one), laid
 * out in columns so no two labels overprint: concepts the centre points at on the
 * right, concepts pointing at it on the left, each further step one column out. Every
 * edge has an arrow (subject → object) and its relation's label; symmetric relations
 * are dashed. The state lives in the URL hash (#focus=ID&depth=N&rel=a,b), and
 * ?focus=ID (the concept pages' link) picks the first concept. Nodes are drawn with
 * DOM methods and textContent only (no innerHTML).
 *
 * Keyboard: the graph is one Tab stop (roving tabindex); arrow keys move between
 * concepts, Space centres on one, Enter opens its page.
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var COL = 250, ROWH = 40, PAD = 40, LABEL = 26;

  function start() {
    var root = document.getElementById("mesakb-explorer");
    if (!root) return;
    var form = root.querySelector("form");
    var svg = root.querySelector("svg.mesakb-explorer-graph");
    var status = root.querySelector(".mesakb-explorer-status");
    var config = {};
    try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) { /* none */ }
    var base = (config.base || "..").replace(/\/$/, "") + "/";
    var current = null;  // id of the node holding the graph's Tab stop
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    fetch(root.getAttribute("data-src")).then(function (r) { return r.json(); }).then(function (data) {
      var nodes = {};
      data.nodes.forEach(function (n) { nodes[n.id] = n; });
      var labels = {}, symmetric = {};
      data.relations.forEach(function (r) {
        labels[r.name] = r;
        if (r.label === r.inverse_label) symmetric[r.name] = true;
      });
      var fallback = root.getAttribute("data-focus") || "";
      var query = new URLSearchParams(location.search).get("focus");
      if (query && nodes[query]) fallback = query;

      function readHash() {
        var state = { focus: fallback, depth: 1, rel: null };
        location.hash.replace(/^#/, "").split("&").forEach(function (part) {
          var kv = part.split("="), k = kv[0], v = decodeURIComponent(kv[1] || "");
          if (k === "focus" && (nodes[v] || v === "")) state.focus = v;
          if (k === "depth" && /^[1-6]$/.test(v)) state.depth = Number(v);
          if (k === "rel") state.rel = v ? v.split(",").filter(function (x) { return labels[x]; }) : [];
        });
        return state;
      }

      function applyState(state) {
        form.querySelectorAll("input[name=relation]").forEach(function (box) {
          box.checked = !state.rel || state.rel.indexOf(box.value) >= 0;
        });
        form.elements.focus.value = state.focus;
        form.elements.depth.value = String(state.depth);
      }

      function currentState() {
        var rel = [];
        form.querySelectorAll("input[name=relation]").forEach(function (box) { if (box.checked) rel.push(box.value); });
        var depth = Math.min(6, Math.max(1, Number(form.elements.depth.value) || 1));
        return { focus: form.elements.focus.value, depth: depth, rel: rel };
      }

      function writeHash(state) {
        var parts = ["focus=" + encodeURIComponent(state.focus), "depth=" + state.depth];
        if (state.rel.length !== data.relations.length) parts.push("rel=" + state.rel.join(","));
        history.replaceState(null, "", location.pathname + "#" + parts.join("&"));
      }

      function el(name, attrs, text) {
        var e = document.createElementNS(SVG, name);
        Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
        if (text) e.textContent = text;
        return e;
      }

      // A phone: the picture is laid out for a narrow box, neighbours in one column.
      function narrow() { return svg.parentNode.clientWidth < 600; }

      function short(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

      // Breadth-first from the focus: each concept's step, side (-1 left, 1 right) and
      // the edge it was reached by (its "parent" edge, the one whose label is shown).
      function reach(state, edges) {
        var info = {};
        info[state.focus] = { level: 0, side: 0, parent: null };
        var frontier = [state.focus], counts = { "-1": 0, "1": 0 };
        for (var d = 1; d <= state.depth && frontier.length; d++) {
          var next = [];
          frontier.forEach(function (id) {
            edges.forEach(function (e) {
              var other = e.source === id ? e.target : e.target === id ? e.source : null;
              if (other === null || other in info) return;
              var side = info[id].side;
              if (d === 1 && narrow()) {
                side = 1;  // a phone: every neighbour in one column right of the centre
              } else if (d === 1) {
                if (symmetric[e.relation]) side = counts["1"] <= counts["-1"] ? 1 : -1;
                else side = e.source === id ? 1 : -1;
                counts[String(side)]++;
              }
              info[other] = { level: d, side: side, parent: e, from: id };
              next.push(other);
            });
          });
          frontier = next;
        }
        return info;
      }

      function layout(info, depth) {
        var columns = {}, pos = {}, tallest = 1;
        Object.keys(info).forEach(function (id) {
          var key = info[id].side * info[id].level;
          (columns[key] = columns[key] || []).push(id);
        });
        var keys = Object.keys(columns).map(Number).sort(function (a, b) { return Math.abs(a) - Math.abs(b); });
        keys.forEach(function (key) { tallest = Math.max(tallest, columns[key].length); });
        var left = Math.min.apply(null, keys.concat([0])), right = Math.max.apply(null, keys.concat([0]));
        var margin = narrow() ? 10 : 200, col = narrow() ? 150 : COL;
        var W = (right - left) * col + 2 * PAD + margin + 200, H = tallest * ROWH + 2 * PAD;
        var x0 = PAD + margin - left * col;
        keys.forEach(function (key) {
          var ids = columns[key];
          // Keep children near their parent: order by the parent's row, then by term.
          ids.sort(function (a, b) {
            var pa = info[a].from ? pos[info[a].from][1] : 0, pb = info[b].from ? pos[info[b].from][1] : 0;
            return pa - pb || nodes[a].term.localeCompare(nodes[b].term);
          });
          var top = (H - ids.length * ROWH) / 2 + ROWH / 2;
          ids.forEach(function (id, i) {
            // Past the first step on a phone, columns are as wide as a label.
            var x = x0 + (narrow() ? (Math.abs(key) <= 1 ? key * col : key / Math.abs(key) * (col + (Math.abs(key) - 1) * COL)) : key * col);
            pos[id] = [x, key === 0 ? H / 2 : top + i * ROWH];
          });
        });
        return { pos: pos, W: Math.max(W, 480), H: Math.max(H, 200), order: keys.reduce(function (all, k) {
          return all.concat(columns[k]);
        }, []) };
      }

      function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }

      function draw(state, keepFocus) {
        var rels = {};
        (state.rel || []).forEach(function (r) { rels[r] = true; });
        var edges = data.edges.filter(function (e) { return rels[e.relation]; });
        var info;
        if (state.focus) {
          info = reach(state, edges);
        } else {
          info = {};  // every concept, in columns of twenty, with no edges labelled
          data.nodes.forEach(function (n, i) { info[n.id] = { level: Math.floor(i / 20), side: 1, parent: null }; });
        }
        var shownEdges = edges.filter(function (e) { return e.source in info && e.target in info; });
        var L = state.focus ? layout(info, state.depth) : (function () {
          var pos = {}, ids = data.nodes.map(function (n) { return n.id; });
          ids.forEach(function (id, i) { pos[id] = [PAD + 10 + Math.floor(i / 20) * COL, PAD + (i % 20) * ROWH]; });
          return { pos: pos, W: Math.ceil(ids.length / 20) * COL + PAD, H: 20 * ROWH + PAD, order: ids };
        })();
        var pos = L.pos;
        while (svg.firstChild) svg.removeChild(svg.firstChild);
        svg.setAttribute("viewBox", "0 0 " + L.W + " " + L.H);
        svg.setAttribute("width", L.W);
        svg.setAttribute("height", L.H);
        var defs = el("defs", {});
        var marker = el("marker", { id: "mesakb-explorer-arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
          markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" });
        marker.appendChild(el("path", { d: "M0,0L10,5L0,10z", "class": "mesakb-arrowhead" }));
        defs.appendChild(marker);
        svg.appendChild(defs);
        var boxes = [];  // label boxes drawn so far: [x1, y1, x2, y2]
        var edgeLayer = el("g", {}), labelLayer = el("g", {}), nodeLayer = el("g", {});
        svg.appendChild(edgeLayer); svg.appendChild(nodeLayer); svg.appendChild(labelLayer);
        // Node labels first: columns are wider than any label, rows taller than a line.
        var order = L.order.slice();
        var items = {};
        order.forEach(function (id) {
          var p = pos[id], n = nodes[id], centre = id === state.focus;
          var side = info[id].side, anchor = centre ? (narrow() ? "start" : "middle") : side < 0 ? "end" : "start";
          var tx = centre ? (narrow() ? p[0] - 10 : p[0]) : p[0] + (side < 0 ? -10 : 10), ty = centre ? p[1] - 16 : p[1] + 4;
          var g = el("g", { "class": "node", tabindex: -1, role: "link", "data-id": id,
            "aria-label": n.term + (centre ? " (centre)" : "") });
          g.appendChild(el("title", {}, n.term + ": " + n.summary));
          g.appendChild(el("circle", { cx: p[0], cy: p[1], r: centre ? 10 : 6, "class": "mesakb-node" + (centre ? " mesakb-centre" : "") }));
          var label = short(n.term, LABEL);
          g.appendChild(el("text", { x: tx, y: ty, "text-anchor": anchor,
            "class": "mesakb-node-label mesakb-halo" + (centre ? " mesakb-centre-label" : "") }, label));
          var w = label.length * 7.4, x1 = anchor === "start" ? tx : anchor === "end" ? tx - w : tx - w / 2;
          boxes.push([x1, ty - 12, x1 + w, ty + 4]);
          g.addEventListener("click", function () { refocus(id); });
          g.addEventListener("dblclick", function () { location.href = base + n.url; });
          nodeLayer.appendChild(g);
          items[id] = g;
        });
        // Each concept hangs from the one it was reached from, by one line carrying every
        // relation between the two; the other links between shown concepts are in the
        // table below (drawing them all is what made the old picture a hairball).
        var drawn = 0;
        order.forEach(function (id) {
          var from = info[id].from;
          if (!from) return;
          var between = shownEdges.filter(function (e) {
            return (e.source === id && e.target === from) || (e.source === from && e.target === id);
          });
          var directed = between.filter(function (e) { return !symmetric[e.relation]; });
          var e = directed[0] || between[0];
          var a = pos[e.source], b = pos[e.target];
          var dx = b[0] - a[0], dy = b[1] - a[1], d = Math.sqrt(dx * dx + dy * dy) || 1;
          var rs = e.source === state.focus ? 11 : 7, rt = e.target === state.focus ? 11 : 7;
          var line = el("line", {
            x1: a[0] + dx / d * rs, y1: a[1] + dy / d * rs, x2: b[0] - dx / d * rt, y2: b[1] - dy / d * rt,
            "class": "mesakb-edge" + (directed.length ? "" : " undirected") });
          if (directed.length) line.setAttribute("marker-end", "url(#mesakb-explorer-arrow)");
          var words = between.map(function (x) { return labels[x.relation].label; })
            .filter(function (w, i, all) { return all.indexOf(w) === i; });
          line.appendChild(el("title", {}, between.map(function (x) {
            return nodes[x.source].term + " " + labels[x.relation].label + " " + nodes[x.target].term;
          }).join("; ")));
          edgeLayer.appendChild(line);
          drawn += between.length;
          // The label sits on the line near the outer concept, where lines fan apart;
          // it is left out (the line's title and the table keep it) if it would overprint.
          var text = short(words.join(" · "), 26), w = text.length * 6.3;
          var t = info[id].level === info[from].level + 1 ? 0.68 : 0.5;
          var mx = pos[from][0] + (pos[id][0] - pos[from][0]) * t, my = pos[from][1] + (pos[id][1] - pos[from][1]) * t - 5;
          var box = [mx - w / 2, my - 10, mx + w / 2, my + 3];
          if (boxes.some(function (other) { return overlaps(box, other); })) return;
          boxes.push(box);
          labelLayer.appendChild(el("text", { x: mx, y: my, "text-anchor": "middle", "class": "mesakb-edge-label mesakb-halo" }, text));
        });
        // One Tab stop: the centre (or the concept that had it, if still shown).
        current = keepFocus && items[current] ? current : (state.focus && items[state.focus] ? state.focus : order[0]);
        if (items[current]) items[current].setAttribute("tabindex", 0);
        if (keepFocus && items[current]) items[current].focus();
        status.textContent = nodes[state.focus] ?
          nodes[state.focus].term + ": " + (order.length - 1) + " related concepts shown, " + drawn + " of the " +
          shownEdges.length + " links between them drawn (all are in the table below)" :
          order.length + " concepts";
        svg.__items = items;
        svg.__order = order;
        // On a narrow screen the picture scrolls sideways: start with the centre in view.
        var scroller = svg.parentNode;
        if (pos[state.focus]) scroller.scrollLeft = Math.max(0, pos[state.focus][0] - scroller.clientWidth / 2);
      }

      function move(id) {
        var items = svg.__items;
        if (!items[id]) return;
        if (items[current]) items[current].setAttribute("tabindex", -1);
        current = id;
        items[id].setAttribute("tabindex", 0);
        items[id].focus();
      }

      function refocus(id) {
        form.elements.focus.value = id;
        current = id;
        var s = currentState();
        writeHash(s);
        draw(s, true);
      }

      svg.addEventListener("keydown", function (ev) {
        var order = svg.__order || [], i = order.indexOf(current);
        if (ev.key === "ArrowDown" || ev.key === "ArrowRight") { move(order[Math.min(order.length - 1, i + 1)]); ev.preventDefault(); }
        else if (ev.key === "ArrowUp" || ev.key === "ArrowLeft") { move(order[Math.max(0, i - 1)]); ev.preventDefault(); }
        else if (ev.key === "Home") { move(order[0]); ev.preventDefault(); }
        else if (ev.key === "End") { move(order[order.length - 1]); ev.preventDefault(); }
        else if (ev.key === " ") { refocus(current); ev.preventDefault(); }
        else if (ev.key === "Enter" && nodes[current]) { location.href = base + nodes[current].url; }
      });

      function update() { var s = currentState(); writeHash(s); draw(s, false); }

      form.addEventListener("change", update);
      form.addEventListener("input", update);
      window.addEventListener("hashchange", function () { applyState(readHash()); draw(currentState(), false); });
      applyState(readHash());
      draw(currentState(), false);
    }).catch(function (err) {
      status.textContent = "The graph could not be loaded: " + err;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
