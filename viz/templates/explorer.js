/* kg explorer: draws the precomputed layout, searches, filters, and explains a node.
 * Every piece of document text reaches the page through textContent, new Option() or
 * vis-network's canvas and innerText tooltips -- never innerHTML. */
// The data block is JSON, gzipped and base64-encoded (viz/render.py): the browser inflates it
// with its own DecompressionStream (no request of any kind), then the page starts.
(function () {
  "use strict";
  var b64 = document.getElementById("kg-data").textContent.trim(), bytes;
  if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(b64);
  else {
    var bin = atob(b64);
    bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  }
  var times = window.kgTimes = { decoded: performance.now() };
  var inflate = new DecompressionStream("gzip"), writer = inflate.writable.getWriter();
  writer.write(bytes);
  writer.close();
  new Response(inflate.readable).text()
    .then(function (text) {
      times.inflated = performance.now();
      var data = JSON.parse(text);
      times.parsed = performance.now();
      kgStart(data);
      times.started = performance.now();
    })
    .catch(function (err) {
      document.getElementById("kg-count").textContent = "cannot read the page's data: " + err;
      throw err;
    });
})();

function kgStart(data) {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };

  function fold(s) {
    return String(s || "").normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // the data comes packed (viz/explorer.py): strings as indices into data.texts, evidence
  // and tasks as arrays; evidence is unpacked here, a document's tasks when it is shown
  function unpackEv(a) {
    return { s: a[0], f: a[1], a: a[2], b: a[3], m: txt(a[4]), c: a[5], w: a[6], also: a[7] };
  }
  function taskOf(t) {
    return { label: txt(t[0]), text: txt(t[1]), lead: txt(t[2]), support: t[3].map(txt),
             deadline: txt(t[4]), themes: t[5], aligns: (t[6] || []).map(alignOf) };
  }
  // a task link: the central task (its document's position and its own, or -1 and its uid),
  // score, the words both tasks share, the analyst's verdict (0 proposed, 1 accepted,
  // 2 rejected), who, when, why
  function alignOf(a) {
    var doc = a[0] >= 0 ? data.nodes[a[0]] : null;
    var task = doc ? doc.tasks[a[1]] : null;
    return { doc: doc, label: task ? txt(task[0]) : txt(a[1]), text: task ? txt(task[1]) : null,
             score: a[2], words: txt(a[3]), verdict: a[4] || 0, by: txt(a[5]), at: txt(a[6]),
             note: txt(a[7]) };
  }
  var VERDICT = ["proposed", "✓ accepted", "✗ rejected"];
  function reviewMarks(e) {
    if (!e.rv) return "";
    return [e.rv[1] ? "✓" + e.rv[1] : "", e.rv[2] ? "✗" + e.rv[2] : ""].filter(Boolean).join(" ");
  }
  function reviewLine(e) {
    if (!e.rv) return null;
    return "task links: " + e.rv[0] + " proposed" + (e.rv[1] ? ", ✓ " + e.rv[1] + " accepted" : "") +
      (e.rv[2] ? ", ✗ " + e.rv[2] + " rejected" : "") + " by an analyst";
  }
  function propsOf(n) {
    return [["symbol", n.symbol], ["type", n.type], ["issuer", n.issuer], ["level", n.level],
            ["locality", n.locality], ["date", n.date], ["title", n.title], ["depth", n.depth],
            ["lag_days", n.lag_days], ["id", n.id]].filter(function (p) {
      return p[1] !== null && p[1] !== undefined && p[1] !== "";
    });
  }
  var typeStyle = new Map(data.legend.types.map(function (t) { return [t.name, t]; }));
  var levelColor = new Map(data.legend.levels.map(function (l) { return [l.name, l.color]; }));
  var OPTIONAL = ["symbol", "type", "issuer", "level", "locality", "date", "title", "depth",
                  "lag_days"];
  data.nodes.forEach(function (n) {
    OPTIONAL.forEach(function (k) { if (n[k] === undefined) n[k] = null; });
    n.parent = n.parent === undefined ? null : data.nodes[n.parent].id;
    var t = typeStyle.get(n.type);
    n.color = t ? t.color : data.unknownColor;
    n.font = t ? t.font : "#ffffff";
    n.border = levelColor.get(n.level) || data.unknownColor;
    n.shape = data.shape;
    n.root = !!n.root;
    n.plan = !!n.plan;
  });
  // a document's or a link's evidence, unpacked when first shown (most never are)
  function evs(x) {
    if (!x.ev) x.ev = x.evidence.map(unpackEv);
    return x.ev;
  }
  // a document's themes (those of its tasks), gathered when first asked for
  function themesOf(n) {
    if (!n.themes) {
      var th = new Set();
      n.tasks.forEach(function (t) { t[5].forEach(function (x) { th.add(x); }); });
      n.themes = Array.from(th).sort();
    }
    return n.themes;
  }
  data.edges.forEach(function (e) {
    e.from = data.nodes[e.f].id;
    e.to = data.nodes[e.t].id;
    e.kind = e.kind || "IMPLEMENTS";
    e.id = e.id || e.from + "->" + e.to;
  });
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  // a document's links, listed only for documents that have some (4 lists x 50,000 documents
  // made the first render slower)
  var up = new Map();   // child id -> edges to the documents it implements
  var down = new Map(); // parent id -> edges from the documents implementing it
  var out = new Map();  // id -> its other relations (based on, replaces …) to documents
  var into = new Map(); // id -> other relations from documents to it
  function push(map, id, e) {
    var list = map.get(id);
    if (list) list.push(e); else map.set(id, [e]);
  }
  data.edges.forEach(function (e) {
    var implementsLink = e.kind === "IMPLEMENTS";
    push(implementsLink ? up : out, e.from, e);
    push(implementsLink ? down : into, e.to, e);
  });
  var NONE = Object.freeze([]);
  function ups(id) { return up.get(id) || NONE; }
  function downs(id) { return down.get(id) || NONE; }
  function outs(id) { return out.get(id) || NONE; }
  function intos(id) { return into.get(id) || NONE; }

  var big = data.nodes.length > 1000;
  var TIP_EVIDENCE = 3, SHOWN_EVIDENCE = 3;
  function txt(i) { return i === null || i === undefined ? null : data.texts[i]; }
  function short(s, n) { return s && s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function docName(id) { var n = byId.get(id); return n ? n.label.replace("\n", " · ") : id; }
  function nodeTip(n) {
    var head = [n.type, n.issuer, n.locality, n.date].filter(Boolean).join(" · ");
    return [n.symbol, head, short(n.title, 200)].filter(Boolean).join("\n");
  }
  function edgeTip(e) {
    var lines = [docName(e.from) + " → " + docName(e.to),
                 e.kind === "IMPLEMENTS" ? "implements (" + (e.basis || "basis unknown") + ")"
                   : e.name];
    if (e.rv) lines.push(reviewLine(e));
    evs(e).slice(0, TIP_EVIDENCE).forEach(function (ev) {
      var f = txt(ev.f);
      lines.push("“" + short(txt(ev.s), 240) + "”" + (f ? " — " + f : ""));
    });
    if (e.evidence.length > TIP_EVIDENCE) {
      lines.push("+" + (e.evidence.length - TIP_EVIDENCE) + " more (click the document)");
    }
    return lines.join("\n");
  }
  // the link to a document's lineage parent is drawn full; its other implements links faint
  function edgeColor(e) {
    if (e.color) return { color: e.color, highlight: "#c0392b", hover: e.color };
    var lineage = byId.get(e.from).parent === e.to;
    var c = e.basis === "implied" ? "229,152,102" : "127,140,141";
    return { color: "rgba(" + c + "," + (lineage ? 1 : 0.22) + ")", highlight: "#c0392b",
             hover: "#34495e" };
  }
  // a large graph opens on an overview (per level, per province); what is drawn is then a
  // scope: a province, a level or a document's surroundings, with the chain above them
  var OVERVIEW_MIN = 400;
  var overviewFirst = data.nodes.length > OVERVIEW_MIN;
  var scope = overviewFirst ? new Set() : null, scopeName = overviewFirst ? "" : "all";
  function inScope(id) { return scope === null || scope.has(id); }
  // x axis: "lineage" (viz/layout.py's positions) or "date" (of issue, see dateLayout)
  var xMode = "lineage", datePos = new Map(), dateBands = [], dateAxis = null;
  function where(n) { return xMode === "date" && datePos.get(n.id) || [n.x, n.y]; }
  function visNode(n) {
    var at = where(n);
    return {
      id: n.id, label: n.label, x: at[0], y: at[1], title: nodeTip(n), shape: n.shape,
      borderWidth: n.root ? 5 : 2, font: { size: n.root ? 18 : 14, color: n.font },
      color: { background: n.color, border: n.border,
               highlight: { background: n.color, border: "#111111" },
               hover: { background: n.color, border: "#111111" } }
    };
  }
  function visEdge(e) {
    return {
      id: e.id, from: e.from, to: e.to, title: edgeTip(e), dashes: !!e.dashes,
      label: reviewMarks(e) || undefined,
      color: edgeColor(e), hidden: !!hiddenKinds[e.kind],
      // the faint links (to a document above the lineage parent) go without an arrowhead:
      // the layout already says which way they point, and their heads were most of a frame
      arrows: e.color || byId.get(e.from).parent === e.to ? undefined : { to: { enabled: false } }
    };
  }
  var hiddenKinds = {};
  var nodes = new vis.DataSet(data.nodes.filter(function (n) { return inScope(n.id); }).map(visNode));
  // the links handed to vis-network: those between two documents of the scope
  var drawnEdges = data.edges.filter(function (e) { return inScope(e.from) && inScope(e.to); });
  var edges = new vis.DataSet(drawnEdges.map(visEdge));
  var network = new vis.Network($("kg-graph"), { nodes: nodes, edges: edges }, {
    autoResize: true,
    physics: { enabled: false, solver: "barnesHut", stabilization: false },
    layout: { improvedLayout: false, hierarchical: false },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnZoom: big,
                   keyboard: false, navigationButtons: false },
    nodes: { shape: "box", margin: 6, widthConstraint: { maximum: data.nodeWidth } },
    edges: { smooth: false, width: 1, selectionWidth: 2,
             arrows: { to: { enabled: true, scaleFactor: 0.5 } },
             color: { color: "#95a5a6", highlight: "#c0392b", hover: "#34495e" } }
  });
  // level (or depth) bands: alternate stripes, their names at the left edge of the view
  network.on("beforeDrawing", function (ctx) {
    if (drag && drag.img) return;  // in the kept picture
    var box = $("kg-graph"), s = network.getScale();
    var a = network.DOMtoCanvas({ x: 0, y: 0 });
    var z = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
    ctx.save();
    ctx.font = "600 " + (12 / s) + "px system-ui, sans-serif";
    ctx.textBaseline = "top";
    (xMode === "date" ? dateBands : data.bands || []).forEach(function (b, i) {
      if (b.bottom < a.y || b.top > z.y || b.right < a.x || b.left > z.x) return;
      var left = Math.max(a.x, b.left - 140 / s), right = Math.min(z.x, b.right + 20 / s);
      ctx.fillStyle = i % 2 ? "#f8f9f9" : "#eef2f5";
      ctx.fillRect(left, b.top, right - left, b.bottom - b.top);
      ctx.fillStyle = "#5d6d7e";
      ctx.fillText(b.label, left + 4 / s, Math.max(b.top, a.y) + 3 / s);
    });
    ctx.restore();
  });
  // zoomed out over many documents, vis-network would draw each box (0.05 ms a box, every
  // frame) with a label too small to draw; the boxes are painted here as plain rectangles, a
  // fill per colour, and the links as one path per colour, while vis-network draws nothing
  // (its lists of what to draw are emptied for the frame and put back after it)
  var LOD_SCALE = 0.3, LOD_MIN = 300, lodSaved = null; // lists put back after the frame
  // the faint links (to a document above the lineage parent) are left out of the painted
  // picture: two thirds of the links, long ones, and rasterising them was most of a frame
  var faint = new Set(data.edges.filter(function (e) {
    return !e.color && byId.get(e.from).parent !== e.to;
  }).map(function (e) { return e.id; }));
  // the painted picture's paths (Path2D, one per colour) are kept until what is drawn changes
  // (vis-network makes new lists of what it draws) or a document moves (lodDirty)
  var lodCache = null, lodDirty = true;
  function lodPaths(nodeIds, edgeIds, keep, withBorders) {
    if (keep && lodCache && !lodDirty && lodCache.n === nodeIds && lodCache.e === edgeIds &&
        (lodCache.borders || !withBorders)) {
      return lodCache;
    }
    var bn = network.body.nodes, be = network.body.edges;
    var lines = new Map(), fills = new Map(), borders = new Map();
    function path(map, key) {
      var p = map.get(key);
      if (!p) map.set(key, p = new Path2D());
      return p;
    }
    edgeIds.forEach(function (id) {
      var e = be[id];
      if (!e || !e.from || !e.to || faint.has(id)) return;
      var p = path(lines, e.options.color.color);
      p.moveTo(e.from.x, e.from.y);
      p.lineTo(e.to.x, e.to.y);
    });
    nodeIds.forEach(function (id) {
      var n = bn[id], o = n.options, w = n.shape.width || data.nodeWidth, h = n.shape.height || 30;
      var x = n.x - w / 2, y = n.y - h / 2;
      path(fills, o.color.background + "|" + (o.opacity === undefined ? 1 : o.opacity)).rect(x, y, w, h);
      if (withBorders) path(borders, o.color.border).rect(x, y, w, h);
    });
    var c = { n: nodeIds, e: edgeIds, lines: lines, fills: fills,
              borders: withBorders ? borders : null };
    if (keep) { lodCache = c; lodDirty = false; }
    return c;
  }
  function lodPaint(ctx, nodeIds, edgeIds, keep) {
    // below scale 0.12 a box is a few pixels wide: its fill says enough, no border
    var s = network.getScale(), c = lodPaths(nodeIds, edgeIds, keep, s >= 0.12);
    var bn = network.body.nodes;
    ctx.save();
    ctx.lineWidth = 1 / s;
    c.lines.forEach(function (p, colour) { ctx.strokeStyle = colour; ctx.stroke(p); });
    c.fills.forEach(function (p, key) {
      var k = key.split("|");
      ctx.fillStyle = k[0];
      ctx.globalAlpha = parseFloat(k[1]);
      ctx.fill(p);
    });
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1.5 / s;
    if (c.borders && s >= 0.12) {
      c.borders.forEach(function (p, colour) { ctx.strokeStyle = colour; ctx.stroke(p); });
    }
    ctx.strokeStyle = "#c0392b";
    ctx.lineWidth = 4 / s;
    network.getSelectedNodes().forEach(function (id) {
      var n = bn[id];
      if (!n || n.options.hidden || (drag && drag.skip.has(id))) return;
      var w = n.shape.width || data.nodeWidth, h = n.shape.height || 30;
      ctx.strokeRect(n.x - w / 2, n.y - h / 2, w, h);
    });
    ctx.restore();
  }
  // what lies in the view (vis-network draws every link and measures every box, seen or not)
  function inView(nodeIds, edgeIds) {
    var box = $("kg-graph"), m = data.nodeWidth, b = network.body;
    var a = network.DOMtoCanvas({ x: 0, y: 0 });
    var z = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
    var x0 = a.x - m, y0 = a.y - m, x1 = z.x + m, y1 = z.y + m, bn = b.nodes, be = b.edges;
    var ns = nodeIds.filter(function (id) {
      var n = bn[id];
      return n.x >= x0 && n.x <= x1 && n.y >= y0 && n.y <= y1;
    });
    var es = edgeIds.filter(function (id) {
      var e = be[id];
      if (!e || !e.from || !e.to) return false;
      var f = e.from, t = e.to;
      return Math.max(f.x, t.x) >= x0 && Math.min(f.x, t.x) <= x1 &&
        Math.max(f.y, t.y) >= y0 && Math.min(f.y, t.y) <= y1;
    });
    return [ns, es];
  }
  // ---- dragging: the picture drawn before the drag is kept as a bitmap and moved with the
  // view, so that a frame is one copy of pixels whatever the number of documents; when
  // documents are dragged, the first frame draws everything but them and their links, that
  // picture is kept, and then vis-network draws only them (and their links) over it. The full
  // drawing comes back when the button is released.
  var drag = null; // {img: kept picture or null, tx, ty: the view's translation then, ...}
  function snapshot() {
    var c = network.canvas.frame.canvas, img = document.createElement("canvas");
    img.width = c.width;
    img.height = c.height;
    img.getContext("2d").drawImage(c, 0, 0);
    return img;
  }
  network.on("dragStart", function (p) {
    // a document under the pointer: vis-network drags it with every selected one (p.nodes)
    var b = network.body, t = b.view.translation;
    var moved = network.interactionHandler.drag.nodeId === undefined ? [] : p.nodes.slice();
    var links = new Set();
    moved.forEach(function (id) {
      (b.nodes[id] && b.nodes[id].edges || []).forEach(function (e) { links.add(e.id); });
    });
    drag = { img: moved.length ? null : snapshot(), tx: t.x, ty: t.y, skip: new Set(moved),
             links: links, nodes: moved,
             edges: b.edgeIndices.filter(function (id) { return links.has(id); }) };
  });
  // vis-network looks for a document or link under the mouse at every move, the button down
  // too (every box and link tested: 100 ms a move at 5,000 documents); not while dragging
  var hoverObject = network.selectionHandler.hoverObject;
  network.selectionHandler.hoverObject = function (ev) {
    if (drag || (ev && ev.buttons)) return;
    return hoverObject.apply(this, arguments);
  };
  network.on("dragEnd", function () {
    if (!drag) return;
    if (drag.nodes.length) lodDirty = true;  // documents moved: the painted picture is redone
    drag = null;
    network.redraw();
  });
  network.on("beforeDrawing", function (ctx) {
    var b = network.body, ns = b.nodeIndices, es = b.edgeIndices;
    if (drag && drag.img) {  // a drag frame: the kept picture, moved with the view
      var t = b.view.translation, r = network.canvas.pixelRatio || 1;
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(drag.img, Math.round((t.x - drag.tx) * r), Math.round((t.y - drag.ty) * r));
      ctx.restore();
      lodSaved = [ns, es];
      b.nodeIndices = drag.nodes;
      b.edgeIndices = drag.edges;
      return;
    }
    if (drag) {  // the first frame of dragging documents: everything else, to be kept
      ns = ns.filter(function (id) { return !drag.skip.has(id); });
      es = es.filter(function (id) { return !drag.links.has(id); });
    } else if (ns.length < LOD_MIN) return;
    lodSaved = [b.nodeIndices, b.edgeIndices];
    if (network.getScale() < LOD_SCALE && b.nodeIndices.length >= LOD_MIN) {
      lodPaint(ctx, ns, es, !drag);
      ns = es = [];
    } else if (ns.length >= LOD_MIN) {
      var shown = inView(ns, es);
      ns = shown[0];
      es = shown[1];
    }
    b.nodeIndices = ns;
    b.edgeIndices = es;
  });
  network.on("afterDrawing", function () {
    if (!lodSaved) return;
    network.body.nodeIndices = lodSaved[0];
    network.body.edgeIndices = lodSaved[1];
    lodSaved = null;
  });
  // ---- the date axis: x = date of issue, each level a band whose documents are packed into
  // rows so that no two boxes overlap; undated documents in a column at the left; a line and
  // the year at every 1 January (and the month at every first, over a short span). A day is
  // wide enough for the busiest band to come out about as wide as it is tall.
  var DAY_PX = 1.5, ROW = 56, GAP = 12;
  function dayOf(s) { return Math.floor(Date.parse(s) / 86400000); }
  function dateLayout(ids) {
    var list = ids.map(function (id) { return byId.get(id); }), W = data.nodeWidth;
    var d0 = Infinity, d1 = -Infinity;
    list.forEach(function (n) {
      if (n.date) { d0 = Math.min(d0, dayOf(n.date)); d1 = Math.max(d1, dayOf(n.date)); }
    });
    if (d0 === Infinity) { d0 = d1 = 0; }
    var most = {}, busiest = 1, undated = false;
    list.forEach(function (n) {
      most[n.level] = (most[n.level] || 0) + 1;
      busiest = Math.max(busiest, most[n.level]);
      undated = undated || !n.date;
    });
    DAY_PX = Math.max(1.5, Math.min(60, (W + GAP) * Math.sqrt(busiest * 2.5) / Math.max(1, d1 - d0)));
    var undatedX = -1.5 * W, right = (d1 - d0) * DAY_PX + W / 2, y = 0;
    var levels = data.legend.levels.map(function (l) { return l.name; });
    list.forEach(function (n) { if (levels.indexOf(n.level) < 0) levels.push(n.level); });
    datePos = new Map();
    dateBands = [];
    levels.forEach(function (level) {
      var mine = list.filter(function (n) { return n.level === level; }).map(function (n) {
        return [n.date ? (dayOf(n.date) - d0) * DAY_PX : undatedX, n];
      }).sort(function (a, b) { return a[0] - b[0]; });
      if (!mine.length) return;
      var rows = [];
      mine.forEach(function (m) {
        var r = 0;
        while (r < rows.length && rows[r] + GAP > m[0] - W / 2) r++;
        rows[r] = m[0] + W / 2;
        datePos.set(m[1].id, [m[0], y + r * ROW + ROW / 2]);
      });
      dateBands.push({ label: level, top: y - 10, bottom: y + rows.length * ROW + 10,
                       left: undatedX - W / 2, right: right });
      y += rows.length * ROW + 60;
    });
    dateAxis = { d0: d0, d1: d1, undatedX: undated ? undatedX : null, top: -10, bottom: y - 50 };
  }
  network.on("beforeDrawing", function (ctx) {
    if (xMode !== "date" || !dateAxis || (drag && drag.img)) return;
    var s = network.getScale(), a = network.DOMtoCanvas({ x: 0, y: 0 });
    var first = new Date(dateAxis.d0 * 86400000).getUTCFullYear();
    var last = new Date(dateAxis.d1 * 86400000).getUTCFullYear() + 1;
    ctx.save();
    ctx.strokeStyle = "#aab7b8";
    ctx.fillStyle = "#1c2833";
    ctx.lineWidth = 1 / s;
    ctx.font = "600 " + (13 / s) + "px system-ui, sans-serif";
    ctx.textBaseline = "top";
    // a line at every 1 January, and at every month's first day when the span is short
    var months = dateAxis.d1 - dateAxis.d0 < 3 * 366;
    for (var year = first; year <= last; year++) {
      for (var m = 0; m < (months ? 12 : 1); m++) {
        var day = year + "-" + (m < 9 ? "0" : "") + (m + 1) + "-01";
        var x = (dayOf(day) - dateAxis.d0) * DAY_PX;
        if (x < 0 || dayOf(day) > dateAxis.d1 + 31) continue;
        ctx.lineWidth = (m ? 0.5 : 1.5) / s;
        ctx.beginPath();
        ctx.moveTo(x, dateAxis.top);
        ctx.lineTo(x, dateAxis.bottom);
        ctx.stroke();
        ctx.fillText(m ? day.slice(0, 7) : String(year), x + 3 / s,
                     Math.max(a.y, dateAxis.top - 20 / s) + 3 / s);
      }
    }
    if (dateAxis.undatedX !== null) {
      ctx.fillText("no date", dateAxis.undatedX - data.nodeWidth / 2,
                   Math.max(a.y, dateAxis.top - 20 / s) + 3 / s);
    }
    ctx.restore();
  });
  // move the drawn documents to the positions of the current axis (on vis-network's node
  // objects, one redraw: a DataSet update costs 0.1-0.2 ms a node)
  function placeDrawn() {
    var ids = nodes.getIds(), bodyNodes = network.body.nodes;
    if (xMode === "date") dateLayout(ids);
    ids.forEach(function (id) {
      var at = where(byId.get(id)), n = bodyNodes[id];
      if (n) { n.x = at[0]; n.y = at[1]; }
    });
    fitTo(state.keys());
    network.redraw();
  }
  function setXMode(mode) {
    xMode = mode === "date" ? "date" : "lineage";
    $("kg-xaxis").value = xMode;
    placeDrawn();
    saveView();
  }
  $("kg-xaxis").addEventListener("change", function () { setXMode($("kg-xaxis").value); });
  // first view: the whole graph if its labels can be read there (9 px), else the top of
  // it (the roots and the first levels) at 10 px; "Fit" always shows everything
  var LEGIBLE = 9 / 14, CLOSE = 10 / 14;
  // fit from the precomputed positions (network.fit measures every box: 0.5 s at 5,000)
  function fitTo(ids) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, dates = xMode === "date";
    for (var id of ids) {
      var n = byId.get(id), at = dates ? where(n) : null, x = at ? at[0] : n.x, y = at ? at[1] : n.y;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    if (x0 === Infinity) return;
    var w = x1 - x0 + data.nodeWidth + 20, h = y1 - y0 + 100, box = $("kg-graph");
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, animation: false,
                     scale: Math.min(1, box.clientWidth / w, box.clientHeight / h) });
  }
  function firstView() {
    fitTo(state.keys());
    if (network.getScale() >= LEGIBLE || !state.size) return;
    var top = Infinity, xs = [];
    state.forEach(function (_, id) { top = Math.min(top, where(byId.get(id))[1]); });
    state.forEach(function (_, id) {
      var at = where(byId.get(id));
      if (at[1] === top) xs.push(at[0]);
    });
    var h = $("kg-graph").clientHeight / CLOSE;
    network.moveTo({ position: { x: (Math.min.apply(null, xs) + Math.max.apply(null, xs)) / 2,
                                 y: top - 60 + h / 2 }, scale: CLOSE, animation: false });
  }
  network.once("afterDrawing", function () {
    firstView();
    window.kgReady = performance.now();
    document.body.setAttribute("data-ready", "1");
  });

  // ------------------------------------------------------------------ filters and legend
  var checked = { type: {}, level: {} };
  function checkList(listId, items, kind, swatch) {
    var ul = $(listId);
    items.forEach(function (it) {
      var li = el("li"), label = el("label"), box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = it.name;
      checked[kind][it.name] = true;
      box.addEventListener("change", function () { checked[kind][it.name] = box.checked; applyFilters(); });
      var sw = el("span", null, swatch ? "kg-swatch kg-border" : "kg-swatch");
      if (swatch) sw.style.borderColor = it.color; else sw.style.background = it.color;
      label.append(box, sw, el("span", it.english ? it.name + " · " + it.english : it.name));
      li.append(label);
      ul.append(li);
    });
  }
  checkList("kg-types", data.legend.types, "type", false);
  checkList("kg-levels", data.legend.levels, "level", true);
  // relations: one line per kind in its colour (dashed but implements), a box hides its edges
  (data.legend.links || []).forEach(function (k) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = k.kind;
    box.addEventListener("change", function () {
      hiddenKinds[k.kind] = !box.checked;
      // on vis-network's edge objects, one refresh (as setVisibility does for documents)
      var bodyEdges = network.body.edges;
      data.edges.forEach(function (e) {
        if (e.kind === k.kind && bodyEdges[e.id]) bodyEdges[e.id].options.hidden = !box.checked;
      });
      refreshShown();
      showCount();
    });
    var sw = el("span", null, "kg-line");
    sw.style.borderTopColor = k.color;
    sw.style.borderTopStyle = k.dashes ? "dashed" : "solid";
    label.append(box, sw, el("span", k.name + " · " + k.english));
    li.append(label);
    $("kg-links").append(li);
  });
  data.facets.localities.forEach(function (l) { $("kg-localities").add(new Option(l, l)); });
  data.facets.themes.forEach(function (t) { $("kg-themes").add(new Option(t.label, t.id)); });
  if (data.facets.dates) {
    ["kg-from", "kg-to"].forEach(function (id) {
      $(id).min = data.facets.dates[0];
      $(id).max = data.facets.dates[1];
    });
  }

  function selected(id) {
    return Array.prototype.filter.call($(id).options, function (o) { return o.selected; })
      .map(function (o) { return o.value; });
  }

  // state of each document: "match" (drawn), "context" (an ancestor of a match on its
  // lineage, drawn faded so that the chain stays readable) or absent (hidden)
  var state = new Map(data.nodes.filter(function (n) { return inScope(n.id); })
    .map(function (n) { return [n.id, "match"]; }));
  var hidden = new Set();
  // vis-network's DataSet.update re-reads every option of each node it is given (0.1-0.2 ms
  // a node: a second for 5,000); a filter changes two of them, set here on vis-network's own
  // node objects, then one refresh of what is drawn
  function setVisibility(changes) {
    var bodyNodes = network.body && network.body.nodes;
    if (!bodyNodes) { nodes.update(changes); return; }
    changes.forEach(function (c) {
      var n = bodyNodes[c.id];
      if (!n) return;
      n.options.hidden = c.hidden;
      n.options.opacity = c.opacity;
    });
    refreshShown();
  }
  // what vis-network draws follows the hidden flags: its lists of visible nodes and edges
  // rebuilt, nothing else (its full refresh also rebuilds clusters, physics and every edge's
  // ends: most of the time, for a change that touches none of them; and its own rebuild of
  // the lists walks its objects' keys, 40 ms at 5,000 documents on a busy machine): the
  // shown documents are those with a state, the shown links those of a shown kind between
  // two of them; the physics box asks for the full refresh
  function refreshShown() {
    var b = network.body;
    if (!b || !b.nodes) { network.body.emitter.emit("_dataChanged"); return; }
    var ns = [], es = [];
    state.forEach(function (_, id) { if (b.nodes[id]) ns.push(id); });
    drawnEdges.forEach(function (e) {
      if (!hiddenKinds[e.kind] && state.has(e.from) && state.has(e.to) && b.edges[e.id]) es.push(e.id);
    });
    b.nodeIndices = ns;
    b.edgeIndices = es;
    network.redraw();
  }
  function visible(n, f) {
    if (n.type && checked.type[n.type] === false) return false;
    if (checked.level[n.level] === false) return false;
    if (f.localities.size && !f.localities.has(n.locality)) return false;
    if (f.themes.size && !themesOf(n).some(function (t) { return f.themes.has(t); })) return false;
    if ((f.from || f.to) && !n.date) return false;
    if (f.from && n.date < f.from) return false;
    if (f.to && n.date > f.to) return false;
    if (f.hood && !f.hood.has(n.id)) return false;
    return true;
  }
  // documents within `hops` links (any kind, either direction) of `id`
  function neighbourhood(id, hops) {
    var seen = new Set([id]), frontier = [id];
    for (var i = 0; i < hops; i++) {
      var next = [];
      frontier.forEach(function (x) {
        [ups(x), downs(x), outs(x), intos(x)].forEach(function (list) {
          list.forEach(function (e) {
            var y = e.from === x ? e.to : e.from;
            if (!seen.has(y)) { seen.add(y); next.push(y); }
          });
        });
      });
      frontier = next;
    }
    return seen;
  }
  function currentFilters() {
    var hood = $("kg-hood").checked && current !== null
      ? neighbourhood(current, Math.max(1, parseInt($("kg-hops").value, 10) || 1)) : null;
    return { localities: new Set(selected("kg-localities")), themes: new Set(selected("kg-themes")),
             from: $("kg-from").value, to: $("kg-to").value, hood: hood };
  }
  function applyFilters(refit) {
    var f = currentFilters(), next = new Map(), drawn = data.nodes.filter(function (n) {
      return inScope(n.id);
    });
    drawn.forEach(function (n) { if (visible(n, f)) next.set(n.id, "match"); });
    next.forEach(function (_, id) {
      for (var p = byId.get(id).parent; p && !next.has(p) && inScope(p); p = byId.get(p).parent) {
        next.set(p, "context");
      }
    });
    var changes = [];
    drawn.forEach(function (n) {
      var was = state.get(n.id), now = next.get(n.id);
      if (was === now) return;
      changes.push({ id: n.id, hidden: !now, opacity: now === "context" ? 0.3 : 1 });
      if (now) hidden.delete(n.id); else hidden.add(n.id);
    });
    state = next;
    if (changes.length) setVisibility(changes);
    showCount();
    saveView();
    if (refit !== false && changes.length) {
      fitTo(state.keys());
    }
  }
  ["kg-localities", "kg-themes", "kg-from", "kg-to", "kg-hood", "kg-hops"].forEach(function (id) {
    $(id).addEventListener("change", function () { applyFilters(); });
  });
  $("kg-reset").addEventListener("click", function () {
    document.querySelectorAll("#kg-types input, #kg-levels input").forEach(function (b) {
      b.checked = true;
      checked[b.closest("ul").id === "kg-types" ? "type" : "level"][b.value] = true;
    });
    document.querySelectorAll("#kg-links input").forEach(function (b) {
      if (!b.checked) { b.checked = true; b.dispatchEvent(new Event("change")); }
    });
    ["kg-localities", "kg-themes"].forEach(function (id) {
      Array.prototype.forEach.call($(id).options, function (o) { o.selected = false; });
    });
    $("kg-from").value = "";
    $("kg-to").value = "";
    $("kg-hood").checked = false;
    applyFilters();
  });
  function linksShown() {
    var k = 0;
    drawnEdges.forEach(function (e) {
      if (state.has(e.from) && state.has(e.to) && !hiddenKinds[e.kind]) k++;
    });
    return k;
  }
  function showCount() {
    var shown = 0, context = 0;
    state.forEach(function (v) { if (v === "match") shown++; else context++; });
    var links = linksShown();
    $("kg-count").textContent = overviewFirst && scope !== null && !scope.size
      ? "overview of " + data.nodes.length + " documents · " + data.edges.length + " links"
      : shown + " / " + data.nodes.length + " documents" +
      (context ? " (+" + context + " for context)" : "") + " · " + links + " / " +
      data.edges.length + " links";
    $("kg-count").setAttribute("data-shown", String(shown));
    $("kg-count").setAttribute("data-context", String(context));
    $("kg-count").setAttribute("data-links", String(links));
  }
  showCount();

  // ------------------------------------------------------------------ search
  // every word must occur (accents and case ignored); ranked: the exact symbol, symbols that
  // start with the query, plans, the rest; then by date
  var SHOWN_RESULTS = 30;
  // the folded text each document is searched in, made at the first search (0.3 s at 50,000)
  var keyed = false;
  function ensureKeys() {
    if (keyed) return;
    data.nodes.forEach(function (n) {
      n.key = fold([n.symbol, n.title, n.issuer, n.locality, n.type, n.id].join(" "));
      n.symbolKey = fold(n.symbol);
    });
    keyed = true;
  }
  function search(q) {
    var words = fold(q).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    ensureKeys();
    var whole = words.join(" ");
    var hits = data.nodes.filter(function (n) {
      return words.every(function (w) { return n.key.indexOf(w) >= 0; });
    });
    function rank(n) {
      return n.symbolKey === whole ? 0 : n.symbolKey.indexOf(whole) === 0 ? 1 : n.plan ? 2 : 3;
    }
    hits.sort(function (a, b) { return rank(a) - rank(b) || (a.date || "9").localeCompare(b.date || "9"); });
    return hits;
  }
  var results = [], active = 0, matches = new Set();
  function showResults() {
    var ol = $("kg-results"), q = $("kg-search").value.trim();
    ol.replaceChildren();
    var all = search(q);
    matches = new Set(all.map(function (n) { return n.id; }));
    results = all.slice(0, SHOWN_RESULTS);
    active = 0;
    results.forEach(function (n, i) {
      var li = el("li", null, i === 0 ? "kg-active" : "");
      li.append(el("span", n.label.replace("\n", " · ")),
                el("span", [n.type, n.issuer, n.date].filter(Boolean).join(" · "), "kg-sub"));
      if (n.title) li.append(el("span", n.title.length > 120 ? n.title.slice(0, 119) + "…" : n.title, "kg-sub"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(n.id); });
      ol.append(li);
    });
    if (!results.length && q) ol.append(el("li", "No document matches"));
    ol.hidden = !q;
    $("kg-hits").textContent = !q ? "" : all.length === 1 ? "1 match"
      : all.length + " matches" + (all.length > SHOWN_RESULTS ? " (first " + SHOWN_RESULTS + " listed)" : "");
    $("kg-hits").setAttribute("data-count", String(all.length));
    network.redraw();
  }
  function setActive(i) {
    var items = $("kg-results").children;
    if (!results.length) return;
    active = (i + results.length) % results.length;
    Array.prototype.forEach.call(items, function (li, k) { li.classList.toggle("kg-active", k === active); });
    items[active].scrollIntoView({ block: "nearest" });
  }
  function choose(id) {
    $("kg-results").hidden = true;
    select(id, true);
  }
  $("kg-search").addEventListener("input", showResults);
  $("kg-search").addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if ($("kg-results").hidden) showResults();
      else setActive(active + (ev.key === "ArrowDown" ? 1 : -1));
    }
    if (ev.key === "Enter" && results.length) choose(results[active].id);
    if (ev.key === "Escape") $("kg-results").hidden = true;
  });
  $("kg-search").addEventListener("blur", function () { $("kg-results").hidden = true; });
  $("kg-search").addEventListener("focus", function () { if ($("kg-search").value) showResults(); });
  // every match ringed on the canvas while the query stands
  network.on("afterDrawing", function (ctx) {
    if (!matches.size || (drag && drag.img)) return;  // drag frames: in the kept picture
    var s = network.getScale();
    ctx.save();
    ctx.strokeStyle = "#f1c40f";
    ctx.lineWidth = 5 / s;
    matches.forEach(function (id) {
      if (hidden.has(id) || (drag && drag.skip.has(id))) return;
      var b = network.getBoundingBox(id), m = 5 / s;
      if (b) ctx.strokeRect(b.left - m, b.top - m, b.right - b.left + 2 * m, b.bottom - b.top + 2 * m);
    });
    ctx.restore();
  });

  // ------------------------------------------------------------------ side panel
  var current = null;
  var themeLabel = new Map(data.facets.themes.map(function (t) { return [t.id, t.label]; }));
  function themeNames(ids) {
    return ids.map(function (t) { return themeLabel.get(t) || t; }).join(", ");
  }
  var WORTH = ["states this link", "its own text", "another text", "implied"];
  function evidenceItem(ev) {
    var li = el("li");
    li.setAttribute("data-w", String(ev.w));
    li.append(el("span", "“" + (txt(ev.s) || "") + "”", "kg-quote"));
    var meta = [txt(ev.f), ev.a != null ? "chars " + ev.a + "–" + ev.b : null,
                ev.m, ev.c != null ? "confidence " + ev.c : null,
                ev.w != null && ev.w !== 1 ? WORTH[ev.w] : null,
                ev.also.length ? "also in " + ev.also.map(txt).join(", ") : null];
    li.append(el("div", meta.filter(function (x) { return x != null && x !== ""; }).join(" · "), "kg-meta"));
    return li;
  }
  // the first few entries; the rest behind "+N more", built only when asked for
  function evidenceList(list, cls) {
    var ul = el("ul", null, cls);
    list.slice(0, SHOWN_EVIDENCE).forEach(function (ev) { ul.append(evidenceItem(ev)); });
    if (list.length > SHOWN_EVIDENCE) {
      var li = el("li"), more = el("button", "+" + (list.length - SHOWN_EVIDENCE) + " more", "kg-link kg-more");
      more.type = "button";
      more.addEventListener("click", function () {
        li.remove();
        list.slice(SHOWN_EVIDENCE).forEach(function (ev) { ul.append(evidenceItem(ev)); });
      });
      li.append(more);
      ul.append(li);
    }
    return ul;
  }
  function linkItem(e, other, verb) {
    var li = el("li"), b = el("button", docName(other), "kg-link");
    b.type = "button";
    b.addEventListener("click", function () { select(other, true); });
    li.append(el("span", verb + " "), b,
              el("span", " (" + (e.kind === "IMPLEMENTS" ? e.basis || "?" : e.name) + ")", "kg-meta"));
    if (e.rv) li.append(el("div", reviewLine(e), "kg-meta kg-review-line"));
    if (e.evidence.length) li.append(evidenceList(evs(e), "kg-link-evidence"));
    return li;
  }
  // a document's links: the first SHOWN_LINKS, then "+N more" builds the next MORE_LINKS (a
  // central resolution has thousands: building them all took seconds at 5,000 documents)
  var SHOWN_LINKS = 20, MORE_LINKS = 200;
  function linkList(items, cls) {
    var ul = el("ul", null, cls);
    function add(from, to) {
      items.slice(from, to).forEach(function (x) { ul.append(linkItem(x[0], x[1], x[2])); });
      if (items.length <= to) return;
      var li = el("li"), more = el("button", "+" + (items.length - to) + " more", "kg-link kg-more");
      more.type = "button";
      more.addEventListener("click", function () { li.remove(); add(to, to + MORE_LINKS); });
      li.append(more);
      ul.append(li);
    }
    add(0, SHOWN_LINKS);
    return ul;
  }
  // the central tasks a local task takes up; the analyst's verdict first
  function alignList(aligns) {
    var ul = el("ul", null, "kg-aligns");
    aligns.slice().sort(function (a, b) {
      return (b.verdict ? 1 : 0) - (a.verdict ? 1 : 0) || (b.score || 0) - (a.score || 0);
    }).forEach(function (a) {
      var li = el("li", null, "kg-align kg-v" + a.verdict);
      li.setAttribute("data-verdict", ["proposed", "accept", "reject"][a.verdict]);
      li.append(el("span", "takes up "));
      if (a.doc) {
        var b = el("button", docName(a.doc.id), "kg-link");
        b.type = "button";
        b.addEventListener("click", function () { select(a.doc.id, true); });
        li.append(b, el("span", " task " + (a.label || "?")));
      } else li.append(el("span", a.label || "?"));
      var meta = [a.score !== null && a.score !== undefined ? "score " + a.score : null,
                  a.verdict ? VERDICT[a.verdict] + (a.by ? " by " + a.by : "") +
                    (a.at ? " on " + a.at.slice(0, 10) : "") : "proposed, not reviewed",
                  a.note ? "“" + a.note + "”" : null];
      li.append(el("div", meta.filter(Boolean).join(" · "), "kg-meta"));
      if (a.words) li.append(el("div", "shared words: " + a.words, "kg-meta kg-words"));
      if (a.text) li.title = a.text;
      ul.append(li);
    });
    return ul;
  }
  // the local tasks taking up the tasks of `n` (built when its panel opens)
  function takenUp(n) {
    var i = data.nodes.indexOf(n), out = new Map();
    data.nodes.forEach(function (m) {
      m.tasks.forEach(function (t) {
        (t[6] || []).forEach(function (a) {
          if (a[0] !== i) return;
          var c = out.get(a[1]) || [0, 0, 0];
          c[a[4] || 0]++;
          out.set(a[1], c);
        });
      });
    });
    return out;
  }
  function showPanel(id) {
    var n = byId.get(id), body = $("kg-panel-body");
    body.replaceChildren();
    $("kg-panel").hidden = false;
    body.append(el("h2", n.label));
    if (n.root) body.append(el("div", "root of this view", "kg-meta"));
    var dl = el("dl");
    propsOf(n).forEach(function (p) { dl.append(el("dt", p[0]), el("dd", p[1])); });
    if (themesOf(n).length) dl.append(el("dt", "themes"), el("dd", themeNames(n.themes)));
    body.append(dl);
    var upList = ups(id), downList = downs(id);
    if (upList.length) {
      body.append(el("h3", "Implements (" + upList.length + ")"));
      body.append(linkList(upList.map(function (e) { return [e, e.to, "→"]; }), "kg-ups"));
    }
    if (downList.length) {
      body.append(el("h3", "Implemented by (" + downList.length + ")"));
      body.append(linkList(downList.map(function (e) { return [e, e.from, "←"]; }), "kg-downs"));
    }
    var outList = outs(id), ins = intos(id);
    if (outList.length || ins.length) {
      body.append(el("h3", "Other relations (" + (outList.length + ins.length) + ")"));
      body.append(linkList(outList.map(function (e) { return [e, e.to, "→"]; }).concat(
        ins.map(function (e) { return [e, e.from, "←"]; })), "kg-others"));
    }
    body.append(el("h3", "Tasks (" + n.tasks.length + ")"));
    var taken = takenUp(n);
    n.tasks.map(taskOf).forEach(function (t, k) {
      var d = el("div", null, "kg-task"), head = el("div");
      head.append(el("b", t.label), el("span", t.text));
      d.append(head);
      var who = [t.lead ? "chủ trì: " + t.lead : null,
                 t.support && t.support.length ? "phối hợp: " + t.support.join(", ") : null,
                 t.deadline ? "thời hạn: " + t.deadline : null,
                 t.themes && t.themes.length ? "themes: " + themeNames(t.themes) : null];
      d.append(el("div", who.filter(Boolean).join(" · "), "kg-meta"));
      if (t.aligns.length) d.append(alignList(t.aligns));
      var c = taken.get(k);
      if (c) {
        d.append(el("div", "taken up by " + (c[0] + c[1]) + " local task" +
          (c[0] + c[1] === 1 ? "" : "s") + (c[1] ? " (✓ " + c[1] + " accepted)" : "") +
          (c[2] ? " · ✗ " + c[2] + " rejected" : ""), "kg-meta kg-taken"));
      }
      body.append(d);
    });
    body.append(el("h3", "Evidence (" + n.evidence.length + ")"));
    body.append(evidenceList(evs(n), "kg-evidence"));
  }
  function select(id, focus) {
    if (!byId.has(id)) return;
    if (!inScope(id)) setScope(around(id), "doc:" + id);
    current = id;
    $("kg-path").disabled = false;
    if ($("kg-hood").checked) applyFilters();
    network.selectNodes([id]);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
    showPanel(id);
    saveView();
  }
  network.on("click", function (p) {
    if (p.nodes.length) select(p.nodes[0], false);
  });
  $("kg-close").addEventListener("click", function () {
    $("kg-panel").hidden = true;
    current = null;
    $("kg-path").disabled = true;
    network.unselectAll();
    saveView();
  });

  // ------------------------------------------------------------------ path to root
  function pathToRoot(id) {
    var seen = new Set([id]), queue = [id], via = [];
    while (queue.length) {
      var here = queue.shift();
      if (here === data.root) continue;
      ups(here).forEach(function (e) {
        via.push(e.id);
        if (!seen.has(e.to)) { seen.add(e.to); queue.push(e.to); }
      });
    }
    return { nodes: Array.from(seen), edges: via };
  }
  $("kg-path").addEventListener("click", function () {
    if (current === null) return;
    var p = pathToRoot(current);
    network.setSelection(p, { unselectAll: true, highlightEdges: false });
    $("kg-count").textContent = p.nodes.length + " documents on the path to the root";
  });

  // ------------------------------------------------------------------ view
  $("kg-fit").addEventListener("click", function () { fitTo(state.keys()); });
  $("kg-physics").addEventListener("change", function () {
    network.body.emitter.emit("_dataChanged");  // the simulation takes only what is shown
    network.setOptions({ physics: { enabled: $("kg-physics").checked } });
  });


  // ------------------------------------------------------------------ overview and scope
  function withAncestors(ids) {
    var out = new Set(ids);
    ids.forEach(function (id) {
      for (var p = byId.get(id).parent; p && !out.has(p); p = byId.get(p).parent) out.add(p);
    });
    return out;
  }
  // a document, what it links to and what links to it, and the chains above them all
  function around(id) {
    var ids = new Set([id]);
    [ups(id), downs(id), outs(id), intos(id)].forEach(function (list) {
      list.forEach(function (e) { ids.add(e.from); ids.add(e.to); });
    });
    return withAncestors(ids);
  }
  function scopeOf(name) {
    if (name === "all") return null;
    var i = name.indexOf(":"), kind = name.slice(0, i), value = name.slice(i + 1);
    if (kind === "doc" && byId.has(value)) return around(value);
    var era = value.slice(0, value.indexOf(":")), unit = value.slice(value.indexOf(":") + 1);
    var ids = data.nodes.filter(function (n) {
      return kind === "loc" ? n.locality === value : kind === "level" ? n.level === value
        : kind === "unit" ? unitOf(n, era) === unit : false;
    }).map(function (n) { return n.id; });
    return withAncestors(ids);
  }
  function setScope(ids, name) {
    scope = ids;
    scopeName = name;
    nodes.clear();
    edges.clear();
    var drawn = data.nodes.filter(function (n) { return inScope(n.id); });
    if (xMode === "date") dateLayout(drawn.map(function (n) { return n.id; }));
    nodes.add(drawn.map(visNode));
    drawnEdges = data.edges.filter(function (e) { return inScope(e.from) && inScope(e.to); });
    edges.add(drawnEdges.map(visEdge));
    state = new Map(drawn.map(function (n) { return [n.id, "match"]; }));
    hidden = new Set();
    $("kg-overview").hidden = true;
    $("kg-scope").textContent = name === "all" ? "" : name.replace(/^(loc|level|doc|unit:[a-z_0-9]+):/, "") + " · ";
    applyFilters(false);
    network.once("afterDrawing", firstView);
    network.redraw();
    saveView();
  }
  function showOverview() {
    $("kg-overview").hidden = false;
    scopeName = "";
    saveView();
  }
  function days(a, b) { return Math.round((Date.parse(b) - Date.parse(a)) / 86400000); }
  function buildOverview() {
    var box = $("kg-overview");
    box.replaceChildren();
    box.append(el("h2", data.nodes.length + " documents, " + data.edges.length + " links"));
    box.append(el("p", "Too many to read in one drawing. Open a level or a province (with the " +
      "documents above them), search for a document, or draw everything.", "kg-meta"));
    var all = el("button", "Draw all " + data.nodes.length + " documents");
    all.id = "kg-all";
    all.type = "button";
    all.addEventListener("click", function () { setScope(null, "all"); });
    box.append(all);
    var left = el("div", null, "kg-ov-left");
    box.append(left);
    left.append(el("h3", "By level"));
    var table = el("table", null, "kg-levels-table");
    var count = {};
    data.nodes.forEach(function (n) { count[n.level] = (count[n.level] || 0) + 1; });
    data.legend.levels.forEach(function (l) {
      var tr = el("tr"), b = el("button", l.name, "kg-link");
      b.type = "button";
      b.setAttribute("data-level", l.name);
      b.addEventListener("click", function () { setScope(scopeOf("level:" + l.name), "level:" + l.name); });
      var td = el("td");
      td.append(b);
      tr.append(td, el("td", String(count[l.name] || 0)));
      table.append(tr);
    });
    left.append(table);
    buildTileMap(box);
  }
  // ---- the tile map: one tile per province-level unit, placed like the country (viz/tilemap.py),
  // before or after the 1 July 2025 merger, coloured for the chosen root by: has a plan
  // implementing it / days from the root to the unit's first document implementing it / share
  // of the root's tasks that the unit's tasks take up (task links not rejected by an analyst)
  var ERAS = { from_2025: "34 units from 1 July 2025", before_2025: "63 units before 1 July 2025" };
  function unitOf(n, era) {
    var u = n.locality && data.tiles.units && data.tiles.units[n.locality];
    return u ? u[era === "before_2025" ? 0 : 1] : null;
  }
  // what implements `root`, at any depth (every document when there is no root)
  function descendants(root) {
    if (!root) return null;
    var seen = new Set([root]), todo = [root];
    while (todo.length) {
      downs(todo.pop()).forEach(function (e) {
        if (!seen.has(e.from)) { seen.add(e.from); todo.push(e.from); }
      });
    }
    return seen;
  }
  function unitStats(rootId, era) {
    var root = rootId ? byId.get(rootId) : null, under = descendants(rootId);
    var ri = root ? data.nodes.indexOf(root) : -1, units = new Map();
    data.nodes.forEach(function (n) {
      if (n === root || (under && !under.has(n.id))) return;
      var name = unitOf(n, era) || (n.locality ? "\u0000" + n.locality : null);
      if (!name) return;
      var u = units.get(name) || { docs: 0, plan: false, first: null, covered: new Set() };
      u.docs++;
      if (n.plan) u.plan = true;
      if (n.date && (u.first === null || n.date < u.first)) u.first = n.date;
      n.tasks.forEach(function (t) {
        (t[6] || []).forEach(function (a) { if (a[0] === ri && a[4] !== 2) u.covered.add(a[1]); });
      });
      units.set(name, u);
    });
    units.forEach(function (u) {
      u.lag = root && root.date && u.first ? days(root.date, u.first) : null;
      u.share = root && root.tasks.length ? u.covered.size / root.tasks.length : null;
    });
    return units;
  }
  var COLOURS = {
    plan: [["#abebc6", "a plan implements it"], ["#f5b7b1", "documents, no plan"]],
    lag: [["#abebc6", "≤ 60 days"], ["#f9e79f", "≤ 120"], ["#f5cba3", "≤ 240"], ["#f5b7b1", "more"]],
    share: [["#abebc6", "≥ 80 % of its tasks"], ["#f9e79f", "≥ 50 %"], ["#f5cba3", "some"],
            ["#f5b7b1", "none"]]
  };
  var EMPTY = "#f2f3f4";
  function tileColour(u, by) {
    if (!u) return EMPTY;
    if (by === "plan") return COLOURS.plan[u.plan ? 0 : 1][0];
    var c = COLOURS[by];
    if (by === "lag") {
      if (u.lag === null) return EMPTY;
      return c[u.lag <= 60 ? 0 : u.lag <= 120 ? 1 : u.lag <= 240 ? 2 : 3][0];
    }
    if (u.share === null) return EMPTY;
    return c[u.share >= 0.8 ? 0 : u.share >= 0.5 ? 1 : u.share > 0 ? 2 : 3][0];
  }
  function tileValue(u, by) {
    if (!u) return "";
    if (by === "plan") return u.plan ? "plan" : "no plan";
    if (by === "lag") return u.lag === null ? "" : u.lag + " d";
    return u.share === null ? "" : Math.round(100 * u.share) + " %";
  }
  // roots worth choosing: documents something implements, the top levels and the busiest first
  function rootChoices() {
    var rank = new Map(data.legend.levels.map(function (l, i) { return [l.name, i]; }));
    return data.nodes.filter(function (n) { return down.has(n.id); })
      .sort(function (a, b) {
        return (b.id === data.root) - (a.id === data.root) ||
          (rank.get(a.level) || 0) - (rank.get(b.level) || 0) ||
          downs(b.id).length - downs(a.id).length;
      }).slice(0, 40);
  }
  function buildTileMap(box) {
    var bar = el("div", null, "kg-map-bar"), choices = rootChoices();
    var pickRoot = el("select"), pickEra = el("select"), pickBy = el("select");
    pickRoot.id = "kg-map-root"; pickEra.id = "kg-map-era"; pickBy.id = "kg-colour-by";
    pickRoot.add(new Option("any document (no root)", ""));
    choices.forEach(function (n) { pickRoot.add(new Option(docName(n.id), n.id)); });
    if (choices.length) pickRoot.value = choices[0].id;
    Object.keys(ERAS).forEach(function (k) { pickEra.add(new Option(ERAS[k], k)); });
    pickBy.add(new Option("has a plan implementing the root", "plan"));
    pickBy.add(new Option("days from the root to the first document", "lag"));
    pickBy.add(new Option("share of the root's tasks taken up", "share"));
    bar.append(el("span", "implementing "), pickRoot, el("span", " · map of "), pickEra,
               el("span", " · colour: "), pickBy);
    var map = el("div", null, "kg-tiles"), legend = el("div", null, "kg-map-legend");
    var others = el("div", null, "kg-tiles kg-other-tiles"), head = el("h3");
    map.id = "kg-map";
    box.append(head, bar, legend, map, others);
    function tile(name, label, u, by, scope) {
      var t = el("button", null, "kg-tile");
      t.type = "button";
      t.setAttribute("data-loc", name);
      t.setAttribute("data-value", tileValue(u, by));
      t.style.background = tileColour(u, by);
      t.append(el("b", label), el("span", (u ? u.docs + " docs" : "–") +
               (tileValue(u, by) ? " · " + tileValue(u, by) : ""), "kg-meta"));
      t.title = label + ": " + (u ? u.docs + " documents" + (u.plan ? ", a plan" : ", no plan") +
        (u.lag !== null ? ", first " + u.lag + " days after the root" : "") +
        (u.share !== null ? ", " + u.covered.size + " of the root's tasks taken up" : "")
        : "no document");
      if (u) t.addEventListener("click", function () { setScope(scopeOf(scope), scope); });
      else t.disabled = true;
      return t;
    }
    function draw() {
      var era = pickEra.value, by = pickBy.value, stats = unitStats(pickRoot.value, era);
      map.replaceChildren();
      others.replaceChildren();
      legend.replaceChildren();
      COLOURS[by].concat([[EMPTY, "no document / no value"]]).forEach(function (c) {
        var sw = el("span", null, "kg-swatch");
        sw.style.background = c[0];
        legend.append(sw, el("span", c[1] + " "));
      });
      var inMap = 0;
      data.tiles.grid[era].forEach(function (g) {
        var u = stats.get(g[0]), t = tile(g[0], g[0], u, by, "unit:" + era + ":" + g[0]);
        if (u) inMap++;
        t.style.gridRow = String(g[1] + 1);
        t.style.gridColumn = String(g[2] + 1);
        map.append(t);
      });
      var rest = Array.from(stats.keys()).filter(function (k) { return k[0] === "\u0000"; })
        .sort(function (a, b) { return a.localeCompare(b, "vi"); });
      rest.forEach(function (k) {
        others.append(tile(k.slice(1), k.slice(1), stats.get(k), by, "loc:" + k.slice(1)));
      });
      head.textContent = "By province (" + inMap + " of " + data.tiles.grid[era].length +
        " units with documents" + (rest.length ? "; " + rest.length + " other localities below" : "") + ")";
      kgMap.stats = stats;
    }
    [pickRoot, pickEra, pickBy].forEach(function (x) { x.addEventListener("change", draw); });
    draw();
  }
  var kgMap = {};
  if (overviewFirst) {
    buildOverview();
    $("kg-overview").hidden = false;
    $("kg-overview-btn").hidden = false;
  }
  $("kg-overview-btn").addEventListener("click", showOverview);

  // ------------------------------------------------------------------ share: the URL hash
  // #sel=ID&xtype=T&xlevel=L&xlink=K&loc=L&theme=T&from=D&to=D&hood=N — a link opens this view
  var restoring = false;
  function saveView() {
    if (restoring) return;
    var p = new URLSearchParams();
    if (overviewFirst && scopeName) p.set("scope", scopeName);
    if (current !== null) p.set("sel", current);
    if (xMode === "date") p.set("x", "date");
    Object.keys(checked.type).forEach(function (t) { if (!checked.type[t]) p.append("xtype", t); });
    Object.keys(checked.level).forEach(function (l) { if (!checked.level[l]) p.append("xlevel", l); });
    Object.keys(hiddenKinds).forEach(function (k) { if (hiddenKinds[k]) p.append("xlink", k); });
    selected("kg-localities").forEach(function (l) { p.append("loc", l); });
    selected("kg-themes").forEach(function (t) { p.append("theme", t); });
    if ($("kg-from").value) p.set("from", $("kg-from").value);
    if ($("kg-to").value) p.set("to", $("kg-to").value);
    if ($("kg-hood").checked) p.set("hood", $("kg-hops").value);
    var hash = p.toString();
    try { history.replaceState(null, "", hash ? "#" + hash : location.pathname); }
    catch (err) { location.hash = hash; }
  }
  function restoreView() {
    var p = new URLSearchParams(location.hash.slice(1));
    if (!location.hash) return;
    restoring = true;
    var off = { xtype: new Set(p.getAll("xtype")), xlevel: new Set(p.getAll("xlevel")),
                xlink: new Set(p.getAll("xlink")) };
    document.querySelectorAll("#kg-types input").forEach(function (b) {
      b.checked = !off.xtype.has(b.value);
      checked.type[b.value] = b.checked;
    });
    document.querySelectorAll("#kg-levels input").forEach(function (b) {
      b.checked = !off.xlevel.has(b.value);
      checked.level[b.value] = b.checked;
    });
    document.querySelectorAll("#kg-links input").forEach(function (b) {
      if (b.checked === off.xlink.has(b.value)) {
        b.checked = !off.xlink.has(b.value);
        b.dispatchEvent(new Event("change"));
      }
    });
    [["kg-localities", "loc"], ["kg-themes", "theme"]].forEach(function (x) {
      var want = new Set(p.getAll(x[1]));
      Array.prototype.forEach.call($(x[0]).options, function (o) { o.selected = want.has(o.value); });
    });
    $("kg-from").value = p.get("from") || "";
    $("kg-to").value = p.get("to") || "";
    $("kg-hood").checked = p.has("hood");
    if (p.has("hood")) $("kg-hops").value = p.get("hood");
    if (overviewFirst && p.get("scope")) setScope(scopeOf(p.get("scope")), p.get("scope"));
    if (p.get("x") === "date") setXMode("date");
    var sel = p.get("sel");
    if (sel && byId.has(sel)) {
      current = sel;
      $("kg-path").disabled = false;
    }
    applyFilters(false);
    if (sel && byId.has(sel)) select(sel, true);
    restoring = false;
    saveView();
  }

  // ------------------------------------------------------------------ share: exports
  function download(name, blob) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 5000);
  }
  function shownNodes() { return data.nodes.filter(function (n) { return state.has(n.id); }); }
  function shownEdges() {
    return data.edges.filter(function (e) {
      return state.has(e.from) && state.has(e.to) && !hiddenKinds[e.kind];
    });
  }
  // a spreadsheet must not run a cell: text starting with = + - @ gets a leading apostrophe
  function csvCell(v) {
    var t = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(t)) t = "'" + t;
    return /[",\n\r;]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }
  function csv(rows) {
    return "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }
  function documentsCsv() {
    return csv([["id", "symbol", "type", "level", "locality", "date", "issuer", "title",
                 "lineage_parent", "shown_as"]].concat(shownNodes().map(function (n) {
      return [n.id, n.symbol, n.type, n.level, n.locality, n.date, n.issuer, n.title, n.parent,
              state.get(n.id)];
    })));
  }
  function linksCsv() {
    return csv([["from", "to", "kind", "basis", "evidence", "first_sentence", "file"]].concat(
      shownEdges().map(function (e) {
        var ev = evs(e)[0] || {};
        return [e.from, e.to, e.kind, e.basis, e.evidence.length, txt(ev.s), txt(ev.f)];
      })));
  }
  // the shown documents and links as an SVG drawing (text as text nodes, escaped by the DOM)
  function svgDrawing() {
    var NS = "http://www.w3.org/2000/svg", pos = network.getPositions(), list = shownNodes();
    var svg = document.createElementNS(NS, "svg"), boxes = {};
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    list.forEach(function (n) {
      var b = network.getBoundingBox(n.id);
      boxes[n.id] = b;
      minX = Math.min(minX, b.left); minY = Math.min(minY, b.top);
      maxX = Math.max(maxX, b.right); maxY = Math.max(maxY, b.bottom);
    });
    if (!list.length) { minX = minY = 0; maxX = maxY = 10; }
    var pad = 20;
    svg.setAttribute("xmlns", NS);
    svg.setAttribute("viewBox", [minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad].join(" "));
    svg.setAttribute("width", String(Math.round(maxX - minX + 2 * pad)));
    svg.setAttribute("height", String(Math.round(maxY - minY + 2 * pad)));
    svg.setAttribute("font-family", "sans-serif");
    shownEdges().forEach(function (e) {
      var line = document.createElementNS(NS, "line"), a = pos[e.from], z = pos[e.to];
      line.setAttribute("x1", a.x); line.setAttribute("y1", a.y);
      line.setAttribute("x2", z.x); line.setAttribute("y2", z.y);
      var c = edgeColor(e);
      line.setAttribute("stroke", c.color);
      if (e.dashes) line.setAttribute("stroke-dasharray", "6 4");
      line.setAttribute("data-id", e.id);
      svg.append(line);
    });
    list.forEach(function (n) {
      var b = boxes[n.id], g = document.createElementNS(NS, "g");
      var r = document.createElementNS(NS, "rect");
      r.setAttribute("x", b.left); r.setAttribute("y", b.top);
      r.setAttribute("width", b.right - b.left); r.setAttribute("height", b.bottom - b.top);
      r.setAttribute("rx", 3);
      r.setAttribute("fill", n.color); r.setAttribute("stroke", n.border);
      r.setAttribute("stroke-width", n.root ? 5 : 2);
      if (state.get(n.id) === "context") g.setAttribute("opacity", "0.3");
      g.setAttribute("data-id", n.id);
      g.append(r);
      var lines = n.label.split("\n");
      lines.forEach(function (line, i) {
        var t = document.createElementNS(NS, "text");
        t.setAttribute("x", (b.left + b.right) / 2);
        t.setAttribute("y", (b.top + b.bottom) / 2 + (i - (lines.length - 1) / 2) * 16 + 5);
        t.setAttribute("text-anchor", "middle");
        t.setAttribute("font-size", "14");
        t.setAttribute("fill", n.font);
        t.textContent = line;
        g.append(t);
      });
      var title = document.createElementNS(NS, "title");
      title.textContent = nodeTip(n);
      g.append(title);
      svg.append(g);
    });
    return new XMLSerializer().serializeToString(svg);
  }
  $("kg-png").addEventListener("click", function () {
    document.querySelector("#kg-graph canvas").toBlob(function (b) { download("kg-view.png", b); }, "image/png");
  });
  $("kg-svg").addEventListener("click", function () {
    download("kg-graph.svg", new Blob([svgDrawing()], { type: "image/svg+xml" }));
  });
  $("kg-csv-docs").addEventListener("click", function () {
    download("kg-documents.csv", new Blob([documentsCsv()], { type: "text/csv" }));
  });
  $("kg-csv-links").addEventListener("click", function () {
    download("kg-links.csv", new Blob([linksCsv()], { type: "text/csv" }));
  });
  // the first frame of dragging documents is kept, after everything else has drawn on it
  network.on("afterDrawing", function () {
    if (drag && !drag.img) drag.img = snapshot();
  });
  restoreView();

  window.kgExplorer = { network: network, nodes: nodes, edges: edges, data: data, fold: fold,
                        search: search, select: select, pathToRoot: pathToRoot,
                        matches: function () { return Array.from(matches); },
                        documentsCsv: documentsCsv, linksCsv: linksCsv, svg: svgDrawing,
                        map: kgMap, lod: function () { return network.getScale() < LOD_SCALE &&
                          network.body.nodeIndices.length >= LOD_MIN; },
                        states: function () { return Object.fromEntries(state); },
                        dragging: function () {
                          return drag && { kept: !!drag.img, nodes: drag.nodes.slice(),
                                           edges: drag.edges.slice() }; },
                        setXMode: setXMode };
}
