// A small MLP drawn where draw_network draws it (the Script's layout, from
// diagrams.network_positions): neuron i of layer k at (k, (n_k - 1)/2 - i), an edge per
// weight, coloured by its sign and as wide as |w| (draw_network's rule). Each neuron
// shows the first example's value (forward colour) and, once backward reached its
// layer, its gradient (gradient colour). The current step's layer, neurons and edges
// are highlighted; a dW step lights its edges and the key under the network says where
// their gradients are (the panel's matrix: row i, column j is the edge from i to j).

import { s } from "./dom.js";
import { label, svgFor, viewport, weightWidth } from "./draw.js";
import { fixed, pretty } from "./stepper_format.js";

const SCALE = 120, RADIUS = 0.36;

export function networkView(layout, decimals) {
  // draw_network's extent, with room under the neurons for the layers' names
  const top = (Math.max(...layout.sizes) - 1) / 2;
  const view = viewport(layout.xlim, [-top - 1.6, top + 1.05], SCALE);
  const { X, Y } = view;
  const svg = svgFor(view, { class: "bp-network", "data-role": "network" });
  const bands = s("g"), edgeLayer = s("g"), nodeLayer = s("g"), textLayer = s("g");
  svg.append(bands, edgeLayer, nodeLayer, textLayer);
  svg.style.setProperty("--bp-natural-width", `${view.width.toFixed(0)}px`);
  const byId = Object.fromEntries(layout.nodes.map((n) => [n.id, n]));
  const wmax = Math.max(0, ...layout.edges.map((e) => Math.abs(e.weight)));

  const layerBands = layout.layers.map((layer, k) => {
    const band = s("rect", { x: X(k - 0.42), y: Y(top + 0.55), width: 0.84 * SCALE, height: (2 * top + 1.1) * SCALE,
                             rx: 14, class: "bp-band", "data-layer": layer.id });
    bands.append(band);
    textLayer.append(label(X(k), Y(-top - 0.78), layer.name, { class: "bp-layer-name", "font-size": 24 }));
    if (k > 0) {
      textLayer.append(label(X(k - 0.5), Y(top + 0.85), `W${k}  (${layout.sizes[k - 1]}×${layout.sizes[k]})`,
                             { class: "bp-shape", "font-size": 20 }));
    }
    return band;
  });

  const edges = {};
  for (const e of layout.edges) {
    const a = byId[e.from], b = byId[e.to];
    const x0 = X(a.x) + RADIUS * SCALE, x1 = X(b.x) - RADIUS * SCALE;
    const line = s("line", { x1: x0, y1: Y(a.y), x2: x1, y2: Y(b.y), "stroke-width": weightWidth(e.weight, wmax, 1.2, 7),
                             class: `bp-weight ${e.weight > 0 ? "bp-pos" : e.weight < 0 ? "bp-neg" : "bp-zero"}`,
                             "data-edge": e.id });
    edgeLayer.append(line);
    edges[e.id] = { line };
  }

  // the edges' colours are signs of w, not the forward/gradient colours: say so
  const KEY = "edges: w < 0 slate, w > 0 sky blue, width |w|";
  const key = label(X((layout.sizes.length - 1) / 2), Y(-top - 1.15), KEY,
                    { class: "bp-edge-key", "font-size": 18, "data-role": "edge-key" });
  textLayer.append(key);
  // a dW step's second line: where its numbers are (one long line would be cut at 1280x720)
  const where = label(X((layout.sizes.length - 1) / 2), Y(-top - 1.45), "",
                      { class: "bp-edge-key", "font-size": 18, "data-role": "edge-key-dw" });
  textLayer.append(where);

  const neurons = {};
  for (const n of layout.nodes) {
    const g = s("g", { class: "bp-neuron", "data-node": n.id });
    g.append(s("circle", { cx: X(n.x), cy: Y(n.y), r: RADIUS * SCALE }));
    const value = label(X(n.x), Y(n.y) - 12, "", { class: "bp-data", "font-size": 22, "data-role": "data" });
    const grad = label(X(n.x), Y(n.y) + 15, "", { class: "bp-grad", "font-size": 19, "data-role": "grad" });
    g.append(value, grad);
    nodeLayer.append(g);
    neurons[n.id] = { g, value, grad };
  }

  function show(state) {
    const step = state.current;
    for (const [id, p] of Object.entries(neurons)) {
      p.value.textContent = id in state.value ? pretty(fixed(state.value[id], decimals)) : "";
      p.grad.textContent = id in state.neuronGrad ? pretty(fixed(state.neuronGrad[id], decimals)) : "";
      const on = Boolean(step) && step.nodes.includes(id);
      p.g.classList.toggle("bp-active", on);
      p.g.classList.toggle("bp-fresh-data", on && step.kind === "forward");
      p.g.classList.toggle("bp-fresh-grad", on && step.kind === "backward");
    }
    for (const [id, e] of Object.entries(edges)) {
      e.line.classList.toggle("bp-active", Boolean(step) && step.edges.includes(id));
    }
    // a dW step lights the edges whose gradients it computes; the numbers are in the
    // panel's matrix (between two columns of neurons six numbers cannot be read)
    const dW = step && step.edge_values ? step.result.name : null;
    where.textContent = dW ? `lit edges: ${dW}, numbers in the panel` : "";
    layerBands.forEach((band, k) => band.classList.toggle("bp-active", Boolean(step) && step.layer === k
                                                          && step.rule !== "loss"));
  }

  return { el: svg, show };
}
