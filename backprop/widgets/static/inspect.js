// Exact inspection: the text shown when hovering an edge, a bias or a neuron. Every number
// is read from the kernel's frame (weights, dL/dw, the step -lr * dL/dw of the next SGD
// update, the size of delta); nothing here computes a number, it only formats them.

import { h } from "./dom.js";

const SUPERSCRIPT = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷",
                     "8": "⁸", "9": "⁹", "-": "⁻" };

// A number for the eye: 3 significant digits, a power of ten when tiny or huge, a true
// minus sign (0.0123, −4.56×10⁻⁵).
export function shown(v) {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v), sign = v < 0 ? "−" : "";
  if (a >= 1e-3 && a < 1e4) return sign + a.toPrecision(3);
  const [mantissa, exponent] = a.toExponential(2).split("e");
  return `${sign}${mantissa}×10${[...exponent.replace("+", "")].map((c) => SUPERSCRIPT[c]).join("")}`;
}

// 10^e as text: 10⁻⁵
export function power(e) {
  if (e === 0) return "1";
  if (e === 1) return "10";
  return `10${[...String(e)].map((c) => SUPERSCRIPT[c]).join("")}`;
}

function row(label, value, note, role) {
  return h("div", { class: "bp-tip-row" }, [
    h("span", { class: "bp-tip-label" }, label),
    h("span", { class: "bp-tip-value", "data-role": role }, value),
    h("span", { class: "bp-tip-note" }, note),
  ]);
}

// The three numbers of one parameter p (a weight or a bias) in frame f.
export function parameterTip(title, name, value, grad, step, f) {
  return [
    h("div", { class: "bp-tip-title" }, title),
    row(name, shown(value), "now", "tip-value"),
    row(`∂L/∂${name}`, shown(grad), `all ${f.n_train} training points`, "tip-grad"),
    row(`−η·∂L/∂${name}`, shown(step), `next update: η = ${f.lr}, batch of ${f.step_batch}`, "tip-step"),
    h("div", { class: "bp-tip-foot" }, f.diverged ? "the run diverged: no update comes until a reset"
      : "plain SGD, as in Playground: the next update adds exactly this step"),
  ];
}

export function deltaTip(title, delta, f) {
  return [
    h("div", { class: "bp-tip-title" }, title),
    row("‖δ‖", shown(delta), `RMS of ∂ℓ/∂z over ${f.n_train} points`, "tip-delta"),
    h("div", { class: "bp-tip-foot" }, delta === 0 ? "δ = 0 on every point: nothing flows back (a dead unit)"
      : "δ: how much this neuron's input z moves a point's loss"),
  ];
}
