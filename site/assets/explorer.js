/* mesakb: the graph explorer (explore/ page). Vanilla JS, data from graph.json.
 *
 * Filter by relation type, focus on one concept with a depth; the state lives in the
 * URL hash (#focus=ID&depth=N&rel=a,b) so a view can be shared. Nodes are drawn with
 * DOM methods and textContent only (no innerHTML). Click a node to focus on it,
 * double-click (or Enter) to open its page.
 */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function start() {
    var root = document.getElementById("mesakb-explorer");
    if (!root) return;
    var form = root.querySelector("form");
    var svg = root.querySelector("svg");
    var status = root.querySelector(".mesakb-explorer-status");
    var config = {};
    try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) { /* none */ }
    var base = (config.base || "..").replace(/\/$/, "") + "/";
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    fetch(root.getAttribute("data-src")).then(function (r) { return r.json(); }).then(function (data) {
      var nodes = {};
      data.nodes.forEach(function (n) { nodes[n.id] = n; });
      var labels = {};
      data.relations.forEach(function (r) { labels[r.name] = r; });

      function readHash() {
        var state = { focus: "", depth: 2, rel: null };
        location.hash.replace(/^#/, "").split("&").forEach(function (part) {
          var kv = part.split("="), k = kv[0], v = decodeURIComponent(kv[1] || "");
          if (k === "focus" && nodes[v]) state.focus = v;
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
        var depth = Math.min(6, Math.max(1, Number(form.elements.depth.value) || 2));
        return { focus: form.elements.focus.value, depth: depth, rel: rel };
      }

      function writeHash(state) {
        var parts = [];
        if (state.focus) parts.push("focus=" + encodeURIComponent(state.focus));
        parts.push("depth=" + state.depth);
        if (state.rel.length !== data.relations.length) parts.push("rel=" + state.rel.join(","));
        history.replaceState(null, "", "#" + parts.join("&"));
      }

      function el(name, attrs, text) {
        var e = document.createElementNS(SVG, name);
        Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
        if (text) e.textContent = text;
        return e;
      }

      // Where each concept goes. Focused: the focus in the middle, each depth on a ring
      // filling the picture. Whole graph: a deterministic force layout (up to 400
      // concepts; beyond that one ring, where focusing is the useful view anyway).
      function layout(state, shown, shownEdges, level, W, H) {
        var pos = {}, RX = W / 2 - 200, RY = H / 2 - 40;
        if (state.focus || shown.length > 400) {
          var rings = {}, deepest = 1;
          shown.forEach(function (id) {
            (rings[level[id]] = rings[level[id]] || []).push(id);
            deepest = Math.max(deepest, level[id]);
          });
          Object.keys(rings).forEach(function (lv) {
            var ids = rings[lv], k = state.focus ? Number(lv) / deepest : 1;
            ids.forEach(function (id, i) {
              if (Number(lv) === 0) { pos[id] = [W / 2, H / 2]; return; }
              var a = 2 * Math.PI * i / ids.length - Math.PI / 2 + Number(lv) * 0.3;
              pos[id] = [W / 2 + k * RX * Math.cos(a), H / 2 + k * RY * Math.sin(a)];
            });
          });
          return pos;
        }
        var n = shown.length, index = {}, x = [], y = [];
        shown.forEach(function (id, i) {
          index[id] = i;
          var a = 2 * Math.PI * i / n;
          x.push(Math.cos(a)); y.push(Math.sin(a));
        });
        var k = Math.sqrt(4 / Math.max(n, 1)), t = 0.1;
        for (var step = 0; step < 300; step++) {
          var fx = new Array(n).fill(0), fy = new Array(n).fill(0);
          for (var i = 0; i < n; i++) {
            for (var j = i + 1; j < n; j++) {
              var dx = x[i] - x[j], dy = y[i] - y[j], d2 = dx * dx + dy * dy + 1e-9, f = k * k / d2;
              fx[i] += dx * f; fy[i] += dy * f; fx[j] -= dx * f; fy[j] -= dy * f;
            }
          }
          shownEdges.forEach(function (e) {
            var a = index[e.source], b = index[e.target];
            var dx = x[a] - x[b], dy = y[a] - y[b], d = Math.sqrt(dx * dx + dy * dy) + 1e-9, f = d / k;
            fx[a] -= dx * f; fy[a] -= dy * f; fx[b] += dx * f; fy[b] += dy * f;
          });
          for (var m = 0; m < n; m++) {
            fx[m] -= x[m] * 0.05 * n; fy[m] -= y[m] * 0.05 * n;  // gravity keeps parts together
            var len = Math.sqrt(fx[m] * fx[m] + fy[m] * fy[m]) + 1e-9, move = Math.min(len, t);
            x[m] += fx[m] / len * move; y[m] += fy[m] / len * move;
          }
          t *= 0.985;
        }
        var mx = Math.max.apply(null, x.map(Math.abs).concat([1e-9]));
        var my = Math.max.apply(null, y.map(Math.abs).concat([1e-9]));
        shown.forEach(function (id, i) { pos[id] = [W / 2 + RX * x[i] / mx, H / 2 + RY * y[i] / my]; });
        return pos;
      }

      function draw(state) {
        var rels = {};
        (state.rel || []).forEach(function (r) { rels[r] = true; });
        var edges = data.edges.filter(function (e) { return rels[e.relation]; });
        var level = {};
        if (state.focus) {
          level[state.focus] = 0;
          var frontier = [state.focus];
          for (var d = 1; d <= state.depth; d++) {
            var next = [];
            edges.forEach(function (e) {
              [[e.source, e.target], [e.target, e.source]].forEach(function (pair) {
                if (frontier.indexOf(pair[0]) >= 0 && !(pair[1] in level)) { level[pair[1]] = d; next.push(pair[1]); }
              });
            });
            frontier = next;
          }
        } else {
          data.nodes.forEach(function (n) { level[n.id] = 1; });
        }
        var shown = Object.keys(level).sort();
        var shownEdges = edges.filter(function (e) { return e.source in level && e.target in level; });
        while (svg.firstChild) svg.removeChild(svg.firstChild);
        var W = 800, H = 600, pos = layout(state, shown, shownEdges, level, W, H);
        shownEdges.forEach(function (e) {
          var a = pos[e.source], b = pos[e.target];
          var line = el("line", { x1: a[0], y1: a[1], x2: b[0], y2: b[1], "class": "mesakb-edge" });
          line.appendChild(el("title", {}, nodes[e.source].term + " " + labels[e.relation].label + " " + nodes[e.target].term));
          svg.appendChild(line);
        });
        shown.forEach(function (id) {
          var p = pos[id], n = nodes[id];
          var g = el("g", { "class": "node", tabindex: 0, role: "link", "data-id": id });
          g.appendChild(el("title", {}, n.term + ": " + n.summary));
          g.appendChild(el("circle", { cx: p[0], cy: p[1], r: id === state.focus ? 9 : 6, "class": "mesakb-node" + (id === state.focus ? " mesakb-centre" : "") }));
          // Labels point away from the centre, so neighbours on a ring do not overprint.
          var dx = p[0] - W / 2, dy = p[1] - H / 2, side = Math.abs(dx) < 40 ? "middle" : dx > 0 ? "start" : "end";
          var label = n.term.length > 28 ? n.term.slice(0, 26) + "…" : n.term;
          g.appendChild(el("text", {
            x: p[0] + (side === "start" ? 10 : side === "end" ? -10 : 0),
            y: p[1] + (side === "middle" ? (dy < 0 ? -12 : 20) : 4),
            "text-anchor": side, "class": "mesakb-node-label" + (id === state.focus ? " mesakb-centre-label" : "")
          }, label));
          g.addEventListener("click", function () { form.elements.focus.value = id; update(); });
          g.addEventListener("dblclick", function () { location.href = base + n.url; });
          g.addEventListener("keydown", function (ev) { if (ev.key === "Enter") location.href = base + n.url; });
          svg.appendChild(g);
        });
        status.textContent = shown.length + " concepts, " + shownEdges.length + " links shown";
        // On a narrow screen the picture scrolls sideways: start with its centre in view.
        var scroller = svg.parentNode;
        scroller.scrollLeft = (scroller.scrollWidth - scroller.clientWidth) / 2;
      }

      function update() { var s = currentState(); writeHash(s); draw(s); }

      form.addEventListener("change", update);
      form.addEventListener("input", update);
      window.addEventListener("hashchange", function () { var s = readHash(); applyState(s); draw(currentState()); });
      var initial = readHash();
      applyState(initial);
      draw(currentState());
    }).catch(function (err) {
      status.textContent = "The graph could not be loaded: " + err;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
