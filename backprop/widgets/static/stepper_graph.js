// The graph of a Value, drawn where draw_graph draws it (the Script's layout, from
// backprop.graph.layout): a box per value (label, data, grad), a circle per operation,
// an arrow from each input's box to its operation and one from the operation to its
// result. `show(state)` fills in what the first k steps computed and highlights the
// current step: forward, the operation with its inputs; backward, the edge the
// gradient flows along (a dot runs along it, against the arrow) with the local
// derivative written on it. A value used twice gets a tally under its box once its
// second contribution has arrived: the contributions, added, and their sum.

import { s } from "./dom.js";
import { arrow, label, svgFor, travellingDot, viewport } from "./draw.js";
import { fixed, operand, pretty } from "./stepper_format.js";

const SCALE = 100;                              // SVG units per data unit
const FONT = { label: 22, value: 20, op: 21, tally: 17, local: 18 };   // graph.py's, in SVG units

export function graphView(layout, decimals) {
  // room above the top boxes for the tallies, and under the lowest circles for the
  // local derivatives
  const view = viewport(layout.xlim, [layout.ylim[0] - 0.2, layout.ylim[1] + 0.3], SCALE);
  const { X, Y } = view;
  const box = layout.box_width, half = box / 2, bh = layout.box_height, r = layout.op_radius;
  const svg = svgFor(view, { class: "bp-graph", "data-role": "graph" });
  const edgesLayer = s("g"), opsLayer = s("g"), nodesLayer = s("g"), overLayer = s("g");
  svg.append(edgesLayer, opsLayer, nodesLayer, overLayer);
  const byId = Object.fromEntries(layout.nodes.map((n) => [n.id, n]));
  const parts = {};       // node id -> {g, data, grad, tally, op, out}
  const edges = {};       // edge id -> {g, d, mid}

  for (const node of layout.nodes) {
    const cx = X(node.x), cy = Y(node.y);
    const g = s("g", { class: `bp-node${node.id === layout.root ? " bp-root" : ""}`, "data-node": node.id });
    g.append(s("rect", { x: cx - half * SCALE, y: cy - bh / 2 * SCALE, width: box * SCALE, height: bh * SCALE,
                         rx: 9, class: "bp-box" }));
    g.append(label(cx, cy - 0.25 * SCALE, node.name, { class: "bp-name", "font-size": FONT.label }));
    const data = label(cx, cy, "data", { class: "bp-data", "font-size": FONT.value, "data-role": "data" });
    const grad = label(cx, cy + 0.25 * SCALE, "grad", { class: "bp-grad", "font-size": FONT.value, "data-role": "grad" });
    g.append(data, grad);
    nodesLayer.append(g);
    // the tally sits above the box (the gap between rows is free there), kept inside
    // the picture for a box at its left edge
    const tally = label(cx, cy - (bh / 2 + 0.2) * SCALE, "", { class: "bp-tally", "font-size": FONT.tally,
                                                               "data-role": "tally", "data-node": node.id });
    tally.dataset.x = String(cx);
    overLayer.append(tally);
    parts[node.id] = { g, data, grad, tally };
    if (node.op_x === undefined) continue;
    const ox = X(node.op_x), oy = Y(node.op_y);
    const op = s("g", { class: "bp-op", "data-op": node.id });
    op.append(s("circle", { cx: ox, cy: oy, r: r * SCALE }));
    op.append(label(ox, oy, node.symbol, { "font-size": node.symbol.length > 2 ? FONT.op * 0.8 : FONT.op }));
    opsLayer.append(op);
    const out = arrow(ox + r * SCALE, oy, cx - half * SCALE - 2, cy, { attrs: { class: "bp-edge bp-out" } });
    edgesLayer.append(out.g);
    Object.assign(parts[node.id], { op, out: out.g });
  }

  // the local derivative of a backward step is written under its operation's circle
  const under = (id) => [X(byId[id].op_x), Y(byId[id].op_y) + r * SCALE + FONT.local * 0.8];

  // An input that skips columns (a value used again further on) would run straight
  // through the boxes between; such an edge bends, as little as clears them.
  const boxes = layout.nodes.map((n) => [X(n.x - half) - 6, Y(n.y + bh / 2) - 6, X(n.x + half) + 6,
                                         Y(n.y - bh / 2) + 6, n.id]);
  // the curve of bend `bend` from (x0, y0) to the circle centred (ox, oy): straight
  // lines meet the circle's left point; a bent one meets it facing its control point
  function curve(x0, y0, ox, oy, bend) {
    const x1 = ox - r * SCALE;
    if (!bend) return [x1, oy];
    const cx = (x0 + x1) / 2 - bend * (oy - y0), cy = (y0 + oy) / 2 + bend * (x1 - x0);
    const n = Math.hypot(cx - ox, cy - oy) || 1;
    return [ox + (cx - ox) / n * r * SCALE, oy + (cy - oy) / n * r * SCALE];
  }
  function points(x0, y0, x1, y1, bend) {
    const cx = (x0 + x1) / 2 - bend * (y1 - y0), cy = (y0 + y1) / 2 + bend * (x1 - x0);
    return Array.from({ length: 23 }, (_, i) => {
      const u = (i + 1) / 24;
      return [(1 - u) ** 2 * x0 + 2 * u * (1 - u) * cx + u * u * x1, (1 - u) ** 2 * y0 + 2 * u * (1 - u) * cy + u * u * y1];
    });
  }
  function clears(x0, y0, x1, y1, bend, ends) {
    return points(x0, y0, x1, y1, bend).every(([x, y]) =>
      !boxes.some(([l, tp, rt, bt, id]) => !ends.includes(id) && x > l && x < rt && y > tp && y < bt));
  }
  let low = 0, high = view.height;   // a bent edge may leave the layout's extent: the picture grows
  const BENDS = [0, -0.12, 0.12, -0.22, 0.22, -0.32, 0.32, -0.45, 0.45];

  for (const edge of layout.edges) {
    const child = byId[edge.from], node = byId[edge.to];
    const twice = layout.edges.filter((e) => e.to === edge.to && e.from === edge.from).length > 1;
    const first = edge.slot === "a";
    const offset = twice ? (first ? 0.25 : -0.25) : 0;
    const x0 = X(child.x + half) + 2, y0 = Y(child.y + offset);
    const ox = X(node.op_x), oy = Y(node.op_y);
    const fits = (b) => clears(x0, y0, ...curve(x0, y0, ox, oy, b), b, [edge.from, edge.to]);
    const bend = twice ? (first ? -0.2 : 0.2) : (BENDS.find(fits) ?? 0);
    const [x1, y1] = twice ? [ox - r * SCALE, oy] : curve(x0, y0, ox, oy, bend);
    for (const [, y] of points(x0, y0, x1, y1, bend)) { low = Math.min(low, y - 6); high = Math.max(high, y + 6); }
    const a = arrow(x0, y0, x1, y1, { bend, attrs: { class: "bp-edge", "data-edge": edge.id } });
    edgesLayer.append(a.g);
    edges[edge.id] = { g: a.g, d: a.d };
  }

  // A running total (one term per use) is wider than its box. Centred over the box it can
  // reach the circle of the operation beside it (x's "6.00 + 10.00 = 16.00" over p's * in
  // (x y)(x + z)), so it moves away from any circle in its row, and the picture grows to
  // hold it where it lands.
  let left = 0, right = view.width;
  for (const node of layout.nodes) {
    const uses = layout.edges.filter((e) => e.from === node.id).length;
    if (uses < 2) continue;
    const half = (uses * (decimals + 6) + decimals + 4) * FONT.tally * 0.3, cx = X(node.x);
    const ty = Y(node.y) - (bh / 2 + 0.2) * SCALE;
    const inRow = layout.nodes.filter((n) => n.op_x !== undefined
                                            && Math.abs(Y(n.op_y) - ty) < FONT.tally + r * SCALE);
    let x = cx;
    for (const n of inRow) {
      const ox = X(n.op_x);
      if (ox >= cx) x = Math.min(x, ox - r * SCALE - 6 - half);
      else x = Math.max(x, ox + r * SCALE + 6 + half);
    }
    parts[node.id].tally.dataset.x = String(x);
    left = Math.min(left, x - half - 8);
    right = Math.max(right, x + half + 8);
  }
  svg.setAttribute("viewBox", `${left.toFixed(1)} ${low.toFixed(1)} ${(right - left).toFixed(1)} ${(high - low).toFixed(1)}`);
  svg.style.setProperty("--bp-natural-width", `${(right - left).toFixed(0)}px`);   // a small graph stays small

  const localText = label(0, 0, "", { class: "bp-local", "font-size": FONT.local, "data-role": "local" });
  overLayer.append(localText);
  let dot = null;

  function show(state, stepMs) {
    const step = state.current;
    const fresh = step ? step.node : null;
    for (const [id, p] of Object.entries(parts)) {
      const known = id in state.data, hasGrad = id in state.grad;
      p.data.textContent = known ? `data ${pretty(fixed(state.data[id], decimals))}` : "data";
      p.data.classList.toggle("bp-empty", !known);
      p.grad.textContent = hasGrad ? `grad ${pretty(fixed(state.grad[id], decimals))}` : "grad";
      p.grad.classList.toggle("bp-empty", !hasGrad);
      const terms = state.terms[id] || [];
      p.tally.textContent = terms.length > 1
        ? pretty(`${terms.map((t, i) => (i ? operand(t, decimals) : fixed(t, decimals))).join(" + ")} = ${fixed(state.grad[id], decimals)}`)
        : "";
      // keep it inside the picture (half its width: about 0.3 em per character)
      const w = p.tally.textContent.length * FONT.tally * 0.3;
      p.tally.setAttribute("x", Math.max(left + w + 8, Math.min(right - w - 8, +p.tally.dataset.x)));
      const involved = step && step.nodes.includes(id);
      p.g.classList.toggle("bp-current", id === fresh);
      p.g.classList.toggle("bp-involved", Boolean(involved) && id !== fresh);
      p.g.classList.toggle("bp-fresh-data", Boolean(step) && id === fresh && step.kind === "forward");
      p.g.classList.toggle("bp-fresh-grad", Boolean(step) && id === fresh && step.kind === "backward");
      p.tally.classList.toggle("bp-fresh-grad", Boolean(step) && id === fresh && terms.length > 1);
      const opOn = step && ((step.kind === "forward" && step.rule === "operation" && id === step.node)
                            || (step.rule === "chain" && id === step.from));
      if (p.op) {
        p.op.classList.toggle("bp-active", Boolean(opOn));
        p.out.classList.toggle("bp-active", Boolean(opOn));
      }
    }
    for (const [id, e] of Object.entries(edges)) e.g.classList.toggle("bp-active", Boolean(step) && step.edges.includes(id));

    if (dot) { dot.dot.remove(); dot = null; }
    localText.textContent = "";
    if (step && step.rule === "chain") {
      const e = edges[step.edge], [lx, ly] = under(step.from);
      localText.setAttribute("x", lx);
      localText.setAttribute("y", ly);
      localText.textContent = pretty(`× ${operand(step.local, decimals)}`);
      dot = travellingDot(e.d, Math.round(stepMs * 0.45), true, { class: "bp-dot" });
      overLayer.append(dot.dot);
      dot.start();
    }
  }

  return { el: svg, show };
}
