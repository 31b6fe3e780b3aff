// The equation panel of an MLP: the current step's equation, then its matrices as the
// engine computed them (the Script sends each at full precision; this rounds them).
// result = operands, joined as the rule joins them:
//   linear    Z = A W + b           activation  A = f(Z)
//   hadamard  dZ = dA ⊙ f'(Z)       matmul      dW = Aᵀ dZ,  dA = dZ Wᵀ
//   sum       db = Σ dZ (columns)   loss        L = loss(ŷ, y)
// The first row of every batch matrix is the first example: the one the neurons show.
// Each backward step is tagged with its backprop equation (BP1-BP4, from the Script).

import { h } from "./dom.js";
import { fixed, pretty } from "./stepper_format.js";

function matrix(m, decimals, cls, firstRow) {
  const value = m.value;
  if (!Array.isArray(value)) {
    return h("div", { class: `bp-matrix ${cls}` }, [h("div", { class: "bp-mname" }, pretty(m.name)),
      h("div", { class: "bp-scalar" }, pretty(fixed(value, decimals)))]);
  }
  const rows = Array.isArray(value[0]) ? value : [value];
  const grid = h("div", { class: "bp-cells", style: `grid-template-columns: repeat(${rows[0].length}, auto)` });
  rows.forEach((row, i) => row.forEach((v) => grid.append(
    h("span", { class: i === 0 && firstRow ? "bp-cell bp-first" : "bp-cell" }, pretty(fixed(v, decimals))))));
  return h("div", { class: `bp-matrix ${cls}`, "data-matrix": m.name }, [
    h("div", { class: "bp-mname" }, pretty(m.name)),
    h("div", { class: "bp-bracket" }, grid),
  ]);
}

const op = (text) => h("span", { class: "bp-op-sign" }, text);
// a line may break between groups only, so an operator stays with its operand
const group = (...items) => h("span", { class: "bp-group" }, items);
const fname = (step) => step.equation.split("= ")[1].split("(")[0];

// What stands between the operands, by rule (a matrix product: side by side).
function joined(step, ops) {
  if (step.rule === "linear") return [group(op("="), ops[0]), group(ops[1]), group(op("+"), ops[2])];
  if (step.rule === "hadamard") return [group(op("="), ops[0]), group(op("⊙"), ops[1])];
  if (step.rule === "matmul") return [group(op("="), ops[0]), group(ops[1])];
  if (step.rule === "sum") return [group(op("="), op("Σ"), ops[0])];
  if (step.rule === "activation") return [group(op("="), op(`${fname(step)}(`), ops[0], op(")"))];
  if (step.rule === "loss") return [group(op("="), op(`${fname(step)}(`), ops[0], op(","), ops[1], op(")"))];
  return [];   // the inputs, the loss's gradient: the result alone
}

// "BP2  dZ1 = dA1 ⊙ tanh'(Z1)": which backprop equation (the lesson's BP1-BP4), the
// result's name in its phase's colour, then the rest
function equation(step) {
  const [name, ...rest] = step.equation.split(" = ");
  const shapes = step.text.slice(step.equation.length).trim();
  const tag = step.tag ? [h("span", { class: "bp-tag", "data-role": "tag" }, step.tag)] : [];
  if (!rest.length) return [...tag, h("span", { class: "bp-eq-rest" }, pretty(name)), h("span", { class: "bp-shapes" }, pretty(shapes))];
  return [...tag, h("span", { class: `bp-result bp-${step.kind}` }, pretty(name)), h("span", { class: "bp-eq" }, "="),
          h("span", { class: "bp-eq-rest" }, pretty(rest.join(" = "))), h("span", { class: "bp-shapes" }, pretty(shapes))];
}

export function matrixPanel(hint, decimals) {
  const el = h("div", { class: "bp-panel bp-mlp-panel", "data-role": "panel" });
  function show(state) {
    const step = state.current;
    el.dataset.text = step ? step.text : "";
    if (!step) {
      el.replaceChildren(h("div", { class: "bp-hint" }, hint));
      return;
    }
    // the first example's row is marked where the neurons show it; BP3 and BP4 use every
    // row of the batch (a sum over the examples), so there no row is marked
    const wholeBatch = step.tag === "BP3" || step.tag === "BP4";
    const batch = (m) => !wholeBatch && Array.isArray(m.value) && Array.isArray(m.value[0])
      && !m.name.includes("ᵀ") && !/^d?[Wb]\d/.test(m.name);
    const result = matrix(step.result, decimals, `bp-result bp-${step.kind}`, batch(step.result));
    const ops = step.operands.map((m) => matrix(m, decimals, "bp-operand", batch(m)));
    el.replaceChildren(
      h("div", { class: "bp-equation" }, equation(step)),
      h("div", { class: "bp-matrices" }, [group(result), ...joined(step, ops)]),
    );
  }
  return { el, show };
}
