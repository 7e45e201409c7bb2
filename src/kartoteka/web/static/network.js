// The network page: one person's circle in a small force layout drawn in SVG,
// with drag, pan and zoom. Ties with an agent are red arrows, stated relations
// blue lines, persons named together grey lines; the centre is held in the middle.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";

  function element(name, attributes, parent) {
    const el = document.createElementNS(SVG, name);
    Object.entries(attributes || {}).forEach(function ([key, value]) {
      el.setAttribute(key, value);
    });
    if (parent) parent.appendChild(el);
    return el;
  }

  // A seeded random generator, so the same graph is laid out the same way each time.
  function random(seed) {
    let state = seed >>> 0;
    return function () {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 4294967296;
    };
  }

  // Fruchterman-Reingold inside the drawing area: neighbours attract, all repel,
  // and each step may move a node less far as the layout cools.
  function layout(nodes, links, width, height) {
    const rand = random(nodes.length * 7919 + links.length);
    const margin = 40;
    const area = (width - 2 * margin) * (height - 2 * margin);
    const k = Math.sqrt(area / Math.max(nodes.length, 1)) * 0.55;
    nodes.forEach(function (node, i) {
      const angle = (i / Math.max(nodes.length, 1)) * 2 * Math.PI * 7;
      const radius = Math.min(width, height) * (0.1 + 0.35 * rand());
      node.mass = 1 + Math.sqrt(node.degree) / 2;
      node.x = width / 2 + radius * Math.cos(angle);
      node.y = height / 2 + radius * Math.sin(angle);
      if (node.fixed) { node.x = width / 2; node.y = height / 2; }
    });
    const steps = 320;
    for (let step = 0; step < steps; step++) {
      const heat = (Math.min(width, height) / 8) * (1 - step / steps) + 0.5;
      nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
      for (let i = 0; i < nodes.length; i++) {
        const a = nodes[i];
        for (let j = i + 1; j < nodes.length; j++) {
          const b = nodes[j];
          let dx = a.x - b.x;
          let dy = a.y - b.y;
          let d = Math.sqrt(dx * dx + dy * dy);
          if (d < 0.01) { dx = rand() - 0.5; dy = rand() - 0.5; d = 0.5; }
          const mass = Math.sqrt(a.mass * b.mass);
          if (d > 3 * k * mass) continue;
          const push = (k * k * mass) / d / d;
          a.dx += dx * push; a.dy += dy * push;
          b.dx -= dx * push; b.dy -= dy * push;
        }
      }
      links.forEach(function (link) {
        const a = link.from;
        const b = link.to;
        const dx = a.x - b.x;
        const dy = a.y - b.y;
        const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
        const pull = (d / k) * Math.min(1 + Math.log(link.weight), 2.5);
        a.dx -= dx * pull; a.dy -= dy * pull;
        b.dx += dx * pull; b.dy += dy * pull;
      });
      nodes.forEach(function (n) {
        if (n.fixed) return;
        n.dx += (width / 2 - n.x) * 0.06;
        n.dy += (height / 2 - n.y) * 0.06;
        const d = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 1;
        const move = Math.min(d, heat);
        n.x += (n.dx / d) * move;
        n.y += (n.dy / d) * move;
      });
    }
    fit(nodes, width, height, margin);
  }

  // Stretch the finished layout to fill the drawing area.
  function fit(nodes, width, height, margin) {
    const centre = nodes.find(function (n) { return n.fixed; });
    if (centre) {
      // keep the centre in the middle: scale each side around it
      const reach = Math.max(0.01, ...nodes.map(function (n) {
        return Math.max(Math.abs(n.x - centre.x) / (width / 2 - margin - 60),
                        Math.abs(n.y - centre.y) / (height / 2 - margin));
      }));
      nodes.forEach(function (n) {
        n.x = width / 2 + (n.x - centre.x) / reach;
        n.y = height / 2 + (n.y - centre.y) / reach;
      });
      return;
    }
    const xs = nodes.map(function (n) { return n.x; });
    const ys = nodes.map(function (n) { return n.y; });
    const x0 = Math.min(...xs), x1 = Math.max(...xs);
    const y0 = Math.min(...ys), y1 = Math.max(...ys);
    nodes.forEach(function (n) {
      n.x = x1 > x0 ? margin + ((n.x - x0) / (x1 - x0)) * (width - 2 * margin - 120) : width / 2;
      n.y = y1 > y0 ? margin + ((n.y - y0) / (y1 - y0)) * (height - 2 * margin) : height / 2;
    });
  }

  function draw(svg, data) {
    const width = svg.clientWidth || 900;
    const height = svg.clientHeight || 560;
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    const byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
    data.nodes.forEach(function (n) { n.fixed = n.id === data.centre; });
    const links = data.links
      .map(function (l) { return Object.assign({ from: byId.get(l.source), to: byId.get(l.target) }, l); })
      .filter(function (l) { return l.from && l.to; });
    if (!data.nodes.length) {
      const note = element("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "tie-label" }, svg);
      note.textContent = "No ties around this person with these filters.";
      return;
    }
    const defs = element("defs", {}, svg);
    const marker = element("marker", {
      id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
      markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse",
    }, defs);
    element("path", { d: "M0,0 L10,5 L0,10 z", fill: "#7b2222" }, marker);
    const view = element("g", {}, svg);
    const tieLayer = element("g", {}, view);
    const nodeLayer = element("g", {}, view);
    const neighbours = new Map(data.nodes.map(function (n) { return [n.id, new Set([n.id])]; }));
    links.forEach(function (l) {
      neighbours.get(l.source).add(l.target);
      neighbours.get(l.target).add(l.source);
      l.line = element("line", { class: "tie " + l.kind }, tieLayer);
      if (l.kind === "agent") l.line.setAttribute("marker-end", "url(#arrow)");
      const title = element("title", {}, l.line);
      title.textContent = l.type + (l.date ? " (" + l.date + ")" : "") + (l.weight > 1 ? " ×" + l.weight : "") + " — click to open the source";
      l.line.setAttribute("data-href", l.href);
      if (l.kind !== "named") {
        l.label = element("text", { class: "tie-label " + l.kind, "text-anchor": "middle" }, tieLayer);
        l.label.textContent = l.type;
      }
    });
    const labelled = new Set(data.nodes.slice(0, data.nodes.length <= 100 ? 100 : 50).map(function (n) { return n.id; }));
    data.nodes.forEach(function (n) {
      const kind = n.fixed ? " centre" : n.distance === 2 ? " far" : "";
      n.group = element("g", { class: "node" + kind + (n.type === "org" ? " org" : "") }, nodeLayer);
      n.radius = n.fixed ? 14 : Math.min(4 + Math.sqrt(n.degree) * 1.6, 12);
      element("circle", { r: n.radius }, n.group);
      const title = element("title", {}, n.group);
      title.textContent = n.name + " — " + n.degree + " tie" + (n.degree === 1 ? "" : "s");
      if (labelled.has(n.id)) {
        const text = element("text", { x: n.radius + 3, y: 4 }, n.group);
        text.textContent = n.name;
      }
      n.group.addEventListener("mouseenter", function () { focus(n.id); });
      n.group.addEventListener("mouseleave", function () { focus(null); });
    });

    function focus(id) {
      svg.classList.toggle("focus", id !== null);
      const near = id === null ? new Set() : neighbours.get(id);
      data.nodes.forEach(function (n) { n.group.classList.toggle("near", near.has(n.id)); });
      links.forEach(function (l) {
        const on = id !== null && (l.source === id || l.target === id);
        l.line.classList.toggle("near", on);
        if (l.label) l.label.classList.toggle("near", on);
      });
    }

    function render() {
      links.forEach(function (l) {
        const dx = l.to.x - l.from.x;
        const dy = l.to.y - l.from.y;
        const d = Math.sqrt(dx * dx + dy * dy) || 1;
        const back = l.kind === "agent" ? l.to.radius + 2 : 0;
        l.line.setAttribute("x1", l.from.x);
        l.line.setAttribute("y1", l.from.y);
        l.line.setAttribute("x2", l.to.x - (dx / d) * back);
        l.line.setAttribute("y2", l.to.y - (dy / d) * back);
        if (l.label) {
          l.label.setAttribute("x", (l.from.x + l.to.x) / 2);
          l.label.setAttribute("y", (l.from.y + l.to.y) / 2 - 4);
        }
      });
      data.nodes.forEach(function (n) {
        n.group.setAttribute("transform", "translate(" + n.x + "," + n.y + ")");
      });
    }

    layout(data.nodes, links, width, height);
    render();
    svg.setAttribute("data-ready", "1");
    interact(svg, view, data.nodes, render);
  }

  // The same page centred on another person, keeping the filters.
  function recentred(id) {
    const params = new URLSearchParams(window.location.search);
    params.set("person", id);
    return "/network?" + params.toString();
  }

  function interact(svg, view, nodes, render) {
    let scale = 1, panX = 0, panY = 0, drag = null;
    function apply() { view.setAttribute("transform", "translate(" + panX + "," + panY + ") scale(" + scale + ")"); }
    function point(event) {
      const box = svg.getBoundingClientRect();
      const vb = svg.viewBox.baseVal;
      const x = ((event.clientX - box.left) / box.width) * vb.width;
      const y = ((event.clientY - box.top) / box.height) * vb.height;
      return { x: (x - panX) / scale, y: (y - panY) / scale, sx: x, sy: y };
    }
    svg.addEventListener("pointerdown", function (event) {
      const p = point(event);
      const node = nodes.find(function (n) { return n.group.contains(event.target); });
      drag = { node: node, target: event.target, start: p, panX: panX, panY: panY, moved: false };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) return;
      const p = point(event);
      if (Math.abs(p.sx - drag.start.sx) + Math.abs(p.sy - drag.start.sy) > 4) drag.moved = true;
      if (drag.node) {
        drag.node.x = p.x; drag.node.y = p.y;
        render();
      } else {
        panX = drag.panX + (p.sx - drag.start.sx);
        panY = drag.panY + (p.sy - drag.start.sy);
        apply();
      }
    });
    svg.addEventListener("pointerup", function (event) {
      if (drag && drag.node && !drag.moved) {
        window.location.href = drag.node.fixed ? "/card/" + encodeURIComponent(drag.node.id) : recentred(drag.node.id);
      } else if (drag && !drag.moved) {
        const href = drag.target.getAttribute && drag.target.getAttribute("data-href");
        if (href) window.location.href = href;
      }
      drag = null;
    });
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      const p = point(event);
      const factor = event.deltaY < 0 ? 1.15 : 1 / 1.15;
      const next = Math.min(Math.max(scale * factor, 0.2), 6);
      panX = p.sx - (p.sx - panX) * (next / scale);
      panY = p.sy - (p.sy - panY) * (next / scale);
      scale = next;
      apply();
    }, { passive: false });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const svg = document.getElementById("graph");
    const source = document.getElementById("graph-data");
    if (svg && source) draw(svg, JSON.parse(source.textContent));
  });
})();
