// The equation panel of a Value graph: the current step's text, exactly as the Script
// wrote it (its numbers are the engine's, rounded in one format), laid out to be read
// from across a room. A chain-rule text "∂L/∂a = ∂L/∂e · ∂e/∂a = -2.00 × 3.00 = -6.00"
// is shown as its stages, the last one (the contribution) in the gradient colour; a
// second path's "∂L/∂a += ...; ∂L/∂a = -6.00 + 4.00 = -2.00" becomes two lines, the sum
// of the contributions on the second; "(path 2 of 2)" becomes a tag.

import { h } from "./dom.js";
import { pretty } from "./stepper_format.js";

function stages(text, kind) {
  const parts = text.split(" = ");
  return parts.map((part, i) => h("span", { class: i === parts.length - 1 ? `bp-result bp-${kind}` : "bp-stage" },
                                  [i ? h("span", { class: "bp-eq" }, "=") : "", pretty(part)]));
}

export function stepText(text, kind) {
  const tag = text.match(/\s+\((path \d+ of \d+)\)$/);
  const body = tag ? text.slice(0, tag.index) : text;
  const lines = body.split("; ").map((line) => h("div", { class: "bp-line" }, stages(line, kind)));
  if (tag) lines[0].append(h("span", { class: "bp-tag" }, tag[1]));
  return lines;
}

// `hint` is shown before the first step.
export function textPanel(hint) {
  const el = h("div", { class: "bp-panel", "data-role": "panel" });
  function show(state) {
    const step = state.current;
    el.dataset.text = step ? step.text : "";
    el.replaceChildren(...(step ? stepText(step.text, step.kind) : [h("div", { class: "bp-hint" }, hint)]));
  }
  return { el, show };
}
