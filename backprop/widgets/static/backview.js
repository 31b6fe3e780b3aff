// The backward view's controls: the switch between the edges drawn by the weight w
// (Playground's view) and by the gradient dL/dw, and the legend of the gradient view's
// scales (edges by |dL/dw|, the neurons' bars by ||delta||). The switch asks the kernel
// (`change`), which validates it like `pg.set(edges=...)` and sends the setting back.

import { h } from "./dom.js";
import { rampColor } from "./colors.js";
import { DELTA_HI, DELTA_LO, GRAD_HI, GRAD_LO } from "./network.js";
import { power } from "./inspect.js";

const LABELS = { weight: "Weights w", gradient: "Gradients ∂L/∂w" };

export function edgeSwitch(options, change) {
  const buttons = options.edges.map((mode) => h("button", {
    class: "bp-switch-button", "data-role": `edges-${mode}`, "aria-pressed": "false",
    title: mode === "gradient" ? "draw each edge by ∂L/∂w, the gradient of the loss (the backward pass)"
      : "draw each edge by its weight w (as in TensorFlow Playground)",
    onclick: () => change(mode),
  }, LABELS[mode] || mode));
  return {
    el: h("div", { class: "bp-switch", role: "group", "aria-label": "edges show" },
          [h("span", { class: "bp-label" }, "Edges:"), ...buttons]),
    sync(mode) {
      options.edges.forEach((m, i) => {
        buttons[i].classList.toggle("bp-on", m === mode);
        buttons[i].setAttribute("aria-pressed", String(m === mode));
      });
    },
  };
}

function strip(palette) {   // the edges' colour scale, left (small) to right (large)
  const canvas = h("canvas", { class: "bp-grad-strip", width: 64, height: 1 });
  const ctx = canvas.getContext("2d");
  for (let i = 0; i < 64; i++) {
    ctx.fillStyle = rampColor(palette.mid, palette.gradient, 0.12 + 0.88 * (i / 63));
    ctx.fillRect(i, 0, 1, 1);
  }
  return canvas;
}

export function gradientLegend(palette) {
  const el = h("div", { class: "bp-grad-legend" }, [
    h("span", { class: "bp-edges-legend" }, [
      h("span", { class: "bp-label" }, "|∂L/∂w|"), power(GRAD_LO), strip(palette), power(GRAD_HI),
    ]),
    h("span", {}, [h("span", { class: "bp-delta-key" }), h("span", { class: "bp-label" }, "‖δ‖ of a neuron "),
                   `${power(DELTA_LO)} to ${power(DELTA_HI)}, log`]),
    h("span", { class: "bp-label" }, "hover an edge for w, ∂L/∂w and the next step"),
  ]);
  return {
    el,
    sync(mode) { el.classList.toggle("bp-gradient-mode", mode === "gradient"); },
  };
}
