// The network: a column of input features, the hidden layers, edges to the output.
// Every neuron shows its output over the square as a small heatmap, with its bias as a
// small square at its lower left; every weight is a curve whose width and colour follow
// its value (width 1 to 10 px for |w| from 0 to 5, as in Playground). Hovering a neuron
// asks for its map in the big panel; clicking an input switches it on or off; the
// +/- buttons add and remove layers and neurons.

import { h, s } from "./dom.js";
import { drawMap } from "./heatmap.js";
import { valueColor } from "./colors.js";

const NODE = 30, GAP = 10, TOP = 44;

function edgeWidth(w) {
  return 1 + 9 * Math.min(Math.abs(w), 5) / 5;
}

export function networkView(container, callbacks) {
  let layout = null;   // the structure drawn now: sizes, features, element handles

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
        const el = h("div", { class: "bp-node bp-hidden", "data-layer": column, "data-index": i,
                              style: `left:${x(column)}px; top:${y(i)}px`,
                              onmouseenter: () => callbacks.focus([column, i]),
                              onmouseleave: () => callbacks.focus(null) }, [canvas, bias]);
        container.append(el);
        layer.push({ canvas, bias, el, x: x(column), y: y(i) });
      }
      nodes.push(layer);
    });
    // the output: edges end at the big heatmap's side, level with the first row
    const outBias = h("div", { class: "bp-bias bp-output-bias", style: `left:${x(columns - 1) + NODE - 8}px; top:${y(0) + NODE - 5}px` });
    container.append(outBias);
    nodes.push([{ x: x(columns - 1) + NODE, y: y(0), bias: outBias, output: true }]);

    // edges, in the order of the weight buffer: layer after layer, W (in, out) row-major
    const edges = [];
    for (let k = 0; k + 1 < nodes.length; k++) {
      for (const from of nodes[k]) {
        for (const to of nodes[k + 1]) {
          const x0 = from.x + NODE, y0 = from.y + NODE / 2;
          const x1 = to.x, y1 = to.y + NODE / 2;
          const mx = (x0 + x1) / 2;
          const path = s("path", { d: `M${x0},${y0} C${mx},${y0} ${mx},${y1} ${x1},${y1}`, class: "bp-edge" });
          svg.append(path);
          edges.push(path);
        }
      }
    }
    layout = { nodes, inputs, edges, sizes: [active.length, ...hidden, 1] };
    return layout;
  }

  function drawInputs(points, table) {
    if (!layout || !points) return;
    const n = points.inputMaps.length / (25 * 25);
    layout.inputs.forEach((node, i) => {
      if (i < n) drawMap(node.canvas, points.inputMaps.subarray(i * 625, (i + 1) * 625), 25, table);
    });
  }

  function update(frame, table, edgeMode) {
    if (!layout || frame.sizes.join() !== layout.sizes.join()) return false;
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
    const values = edgeMode === "gradient" ? frame.weightGrads : frame.weights;
    layout.edges.forEach((path, i) => {
      const w = values[i];
      path.setAttribute("stroke", valueColor(table, w));
      path.setAttribute("stroke-width", edgeWidth(w).toFixed(2));
      path.dataset.value = w;
    });
    return true;
  }

  return { build, update, drawInputs };
}
