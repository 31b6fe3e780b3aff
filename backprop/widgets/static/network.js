// The network: a column of input features, the hidden layers, edges to the output.
// Every neuron shows its output over the square as a small heatmap, with its bias as a
// small square at its lower left; every weight is a curve whose width and colour follow
// its value (width 1 to 10 px for |w| from 0 to 5, as in Playground). Hovering a neuron
// asks for its map in the big panel; clicking an input switches it on or off; the
// +/- buttons add and remove layers and neurons.
//
// The backward view (edges = "gradient") draws every edge by dL/dw instead: width and
// colour (from the palette's mid colour to its GRADIENT colour) follow log10 |dL/dw|
// from 10^GRAD_LO to 10^GRAD_HI, because gradients span many decades. In both views each
// neuron has a bar at its right whose height follows its size of delta on a log scale
// (10^DELTA_LO to 10^DELTA_HI, empty for a dead unit). Hovering an edge or a bias shows
// its value, dL/dp and the next update's step; hovering a neuron shows its ||delta||.

import { h, s } from "./dom.js";
import { drawMap } from "./heatmap.js";
import { rampColor, valueColor } from "./colors.js";
import { deltaTip, parameterTip } from "./inspect.js";

const NODE = 30, GAP = 10, TOP = 44;
export const GRAD_LO = -5;   // the gradient view: |dL/dw| from 10^-5 (thinnest) ...
export const GRAD_HI = 0;    // ... to 1 (widest)
export const DELTA_LO = -5;  // the delta bars: from 10^-5 (empty) ...
export const DELTA_HI = 0;   // ... to 1 (full)

function edgeWidth(w) {
  return 1 + 9 * Math.min(Math.abs(w), 5) / 5;
}

// where |v| sits between 10^lo (0) and 10^hi (1); 0 for v = 0
export function logFraction(v, lo, hi) {
  const a = Math.abs(v);
  if (!(a > 0)) return 0;
  return Math.max(0, Math.min(1, (Math.log10(a) - lo) / (hi - lo)));
}

export function networkView(container, callbacks, palette) {
  let layout = null;   // the structure drawn now: sizes, features, element handles
  let frame = null;    // the frame drawn now: the tooltip reads its numbers
  let hovered = null;  // () => the tooltip's content for the hovered edge, bias or neuron
  const tip = h("div", { class: "bp-tip", "data-role": "tip", hidden: "" });

  function showTip(content, x, y) {
    hovered = content;
    tip.style.left = `${x}px`;
    tip.style.top = `${y}px`;
    renderTip();
  }

  function renderTip() {
    if (!hovered || !frame) { tip.hidden = true; return; }
    tip.replaceChildren(...hovered(frame));
    tip.hidden = false;
    // keep it inside the network's box
    const room = container.clientWidth - tip.offsetWidth - 4;
    if (tip.offsetLeft > room) tip.style.left = `${Math.max(0, room)}px`;
  }

  function hideTip() { hovered = null; tip.hidden = true; }

  function build(settings, options) {
    container.replaceChildren();
    const featureNames = options.features;
    const active = settings.features;
    const hidden = settings.layers;
    const width = container.clientWidth || 480;
    const columns = hidden.length + 2;                 // inputs, hidden layers, output
    const dx = (width - NODE) / (columns - 1);
    const x = (c) => c * dx;
    const y = (i) => TOP + i * (NODE + GAP);
    const rows = Math.max(featureNames.length, ...hidden, 1);
    container.style.height = `${y(rows) + 4}px`;

    const svg = s("svg", { class: "bp-edges", width, height: y(rows) + 4 });
    container.append(svg);
    hideTip();

    // the header: number of hidden layers with +/-, then each layer's +/- and count
    const header = h("div", { class: "bp-layers-header" }, [
      h("button", { class: "bp-small", "data-role": "add-layer", title: "add a hidden layer",
                    disabled: hidden.length >= options.max_layers ? "" : null,
                    onclick: () => callbacks.layers([...hidden, 2]) }, "+"),
      h("button", { class: "bp-small", "data-role": "remove-layer", title: "remove a hidden layer",
                    disabled: hidden.length === 0 ? "" : null,
                    onclick: () => callbacks.layers(hidden.slice(0, -1)) }, "−"),
      h("span", { class: "bp-label" }, `${hidden.length} hidden layer${hidden.length === 1 ? "" : "s"}`),
    ]);
    container.append(header);

    const nodes = [];   // [column][row] -> {canvas, bias, x, y}
    const inputs = featureNames.map((name, i) => {
      const on = active.includes(name);
      const canvas = h("canvas", { width: 25, height: 25 });
      const el = h("div", { class: `bp-node bp-input${on ? "" : " bp-off"}`, "data-feature": name,
                            title: `${options.feature_labels[name]}: click to switch ${on ? "off" : "on"}`,
                            style: `left:${x(0)}px; top:${y(i)}px`,
                            onclick: () => callbacks.toggleFeature(name),
                            onmouseenter: () => callbacks.focus([0, i]),
                            onmouseleave: () => callbacks.focus(null) },
                   [canvas, h("span", { class: "bp-feature-label" }, options.feature_labels[name])]);
      container.append(el);
      return { canvas, el, on, x: x(0), y: y(i) };
    });
    nodes.push(inputs.filter((n) => n.on));

    hidden.forEach((count, k) => {
      const column = k + 1;
      const controls = h("div", { class: "bp-layer-controls", style: `left:${x(column) - 10}px` }, [
        h("button", { class: "bp-small", title: "add a neuron", disabled: count >= options.max_neurons ? "" : null,
                      onclick: () => callbacks.layers(hidden.map((n, j) => (j === k ? n + 1 : n))) }, "+"),
        h("button", { class: "bp-small", title: "remove a neuron", disabled: count <= 1 ? "" : null,
                      onclick: () => callbacks.layers(hidden.map((n, j) => (j === k ? n - 1 : n))) }, "−"),
        h("span", { class: "bp-count" }, `${count}`),
      ]);
      container.append(controls);
      const layer = [];
      for (let i = 0; i < count; i++) {
        const canvas = h("canvas", { width: 25, height: 25 });
        const bias = h("div", { class: "bp-bias" });
        const bar = h("div", { class: "bp-delta-fill" });
        const el = h("div", { class: "bp-node bp-hidden", "data-layer": column, "data-index": i,
                              style: `left:${x(column)}px; top:${y(i)}px`,
                              onmouseenter: () => { callbacks.focus([column, i]); neuronTip(column, i); },
                              onmouseleave: () => { callbacks.focus(null); hideTip(); } },
                     [canvas, bias, h("div", { class: "bp-delta", "data-role": "delta" }, bar)]);
        container.append(el);
        layer.push({ canvas, bias, bar, el, x: x(column), y: y(i) });
      }
      nodes.push(layer);
    });
    // the output: edges end at the big heatmap's side, level with the first row
    const outBias = h("div", { class: "bp-bias bp-output-bias", style: `left:${x(columns - 1) + NODE - 8}px; top:${y(0) + NODE - 5}px` });
    const outBar = h("div", { class: "bp-delta-fill" });
    const outDelta = h("div", { class: "bp-delta bp-output-delta", "data-role": "delta",
                                style: `left:${x(columns - 1) + NODE + 2}px; top:${y(0)}px`,
                                onmouseenter: () => neuronTip(columns - 1, 0), onmouseleave: hideTip }, outBar);
    container.append(outBias, outDelta);
    nodes.push([{ x: x(columns - 1) + NODE, y: y(0), bias: outBias, bar: outBar, output: true }]);

    // the parameters' positions in the frame's buffers, for the tooltips
    const sizes = [active.length, ...hidden, 1];
    const labelOf = (k, i) => (k === 0 ? options.feature_labels[active[i]]
      : k === sizes.length - 1 ? "output" : `neuron ${k}.${i + 1}`);
    let biasIndex = 0;
    for (let k = 1; k < nodes.length; k++) {
      nodes[k].forEach((node, i) => {
        const index = biasIndex++;
        node.bias.dataset.role = "bias";
        node.bias.addEventListener("mouseenter", (event) => {
          event.stopPropagation();
          showTip((f) => parameterTip(`bias of ${labelOf(k, i)}`, "b", f.biases[index], f.biasGrads[index],
                                      f.biasSteps[index], f), node.x + NODE + 8, node.y + NODE);
        });
        node.bias.addEventListener("mouseleave", hideTip);
      });
    }
    let deltaIndex = 0;
    const deltaOf = nodes.map((layer, k) => (k === 0 ? [] : layer.map(() => deltaIndex++)));
    function neuronTip(k, i) {
      const node = nodes[k][i];
      showTip((f) => deltaTip(`${labelOf(k, i)}: size of its δ`, f.deltas[deltaOf[k][i]], f),
              node.x + NODE + 10, node.y + NODE + 4);
    }

    // edges, in the order of the weight buffer: layer after layer, W (in, out) row-major
    const edges = [], hits = [];
    for (let k = 0; k + 1 < nodes.length; k++) {
      for (const from of nodes[k]) {
        for (const to of nodes[k + 1]) {
          const x0 = from.x + NODE, y0 = from.y + NODE / 2;
          const x1 = to.x, y1 = to.y + NODE / 2;
          const mx = (x0 + x1) / 2;
          const d = `M${x0},${y0} C${mx},${y0} ${mx},${y1} ${x1},${y1}`;
          const path = s("path", { d, class: "bp-edge" });
          const index = edges.length, i = nodes[k].indexOf(from), j = nodes[k + 1].indexOf(to);
          // a wide invisible twin takes the hover, so thin edges are easy to point at
          const hit = s("path", { d, class: "bp-edge-hit", "data-index": index });
          hit.addEventListener("mouseenter", (event) => {
            path.classList.add("bp-edge-hover");
            const box = container.getBoundingClientRect();
            showTip((f) => parameterTip(`weight ${labelOf(k, i)} → ${labelOf(k + 1, j)}`, "w", f.weights[index],
                                        f.weightGrads[index], f.weightSteps[index], f),
                    event.clientX - box.left + 14, event.clientY - box.top + 14);
          });
          hit.addEventListener("mouseleave", () => { path.classList.remove("bp-edge-hover"); hideTip(); });
          svg.append(path);
          edges.push(path);
          hits.push(hit);
        }
      }
    }
    for (const hit of hits) svg.append(hit);   // above every edge
    container.append(tip);
    layout = { nodes, inputs, edges, sizes };
    return layout;
  }

  function drawInputs(points, table) {
    if (!layout || !points) return;
    const n = points.inputMaps.length / (25 * 25);
    layout.inputs.forEach((node, i) => {
      if (i < n) drawMap(node.canvas, points.inputMaps.subarray(i * 625, (i + 1) * 625), 25, table);
    });
  }

  function update(f, table, edgeMode) {
    frame = f;
    if (!layout || frame.sizes.join() !== layout.sizes.join()) { hideTip(); return false; }
    const cells = frame.small * frame.small;
    let m = 0;
    for (let k = 1; k < layout.nodes.length; k++) {
      for (const node of layout.nodes[k]) {
        if (node.canvas) drawMap(node.canvas, frame.neuronMaps.subarray(m * cells, (m + 1) * cells), frame.small, table);
        m += 1;
      }
    }
    let b = 0;
    for (let k = 1; k < layout.nodes.length; k++) {
      for (const node of layout.nodes[k]) node.bias.style.background = valueColor(table, frame.biases[b++]);
    }
    let n = 0;
    for (let k = 1; k < layout.nodes.length; k++) {
      for (const node of layout.nodes[k]) {
        const delta = frame.deltas[n++];
        node.bar.style.height = `${(100 * logFraction(delta, DELTA_LO, DELTA_HI)).toFixed(1)}%`;
        node.bar.parentElement.classList.toggle("bp-dead", delta === 0);
      }
    }
    const gradient = edgeMode === "gradient";
    const values = gradient ? frame.weightGrads : frame.weights;
    layout.edges.forEach((path, i) => {
      const v = values[i];
      if (gradient) {
        const t = logFraction(v, GRAD_LO, GRAD_HI);
        path.setAttribute("stroke", rampColor(palette.mid, palette.gradient, 0.12 + 0.88 * t));
        path.setAttribute("stroke-width", (0.5 + 6.5 * t).toFixed(2));
      } else {
        path.setAttribute("stroke", valueColor(table, v));
        path.setAttribute("stroke-width", edgeWidth(v).toFixed(2));
      }
      path.dataset.value = v;
    });
    renderTip();   // a hovered edge's numbers follow the frames while playing
    return true;
  }

  return { build, update, drawInputs };
}
