// The stepper's view: it plays the Script that Python computed once (the `_script`
// trait: every value, gradient and text from the engine's own forward and backward)
// and computes nothing itself. The cursor lives here, so stepping never waits for the
// kernel; Python's `step` trait follows it (saved when a play stops or a burst of
// steps ends) and moves it when set from Python.
//
// Test hooks on the root: class backprop-stepper, data-steps, data-step (steps shown,
// 0 to data-steps), data-forward-steps, data-highlight (the current step's node id),
// data-source ("value" or "mlp"), data-playing, data-large.

import { h } from "./dom.js";
import { applyPalette } from "./colors.js";
import { stateAt } from "./stepper_state.js";
import { graphView } from "./stepper_graph.js";
import { networkView } from "./stepper_network.js";
import { textPanel } from "./stepper_panel.js";
import { matrixPanel } from "./stepper_matrices.js";
import { player } from "./stepper_player.js";
import { controls } from "./stepper_controls.js";
import { bindStepperKeys } from "./stepper_keys.js";

const SAVE_AFTER_MS = 250;   // a burst of key presses saves the cursor once, at its end

function render({ model, el }) {
  const script = JSON.parse(model.get("_script"));
  const { steps, layout, decimals } = script;
  const n = steps.length, forward = script.forward_steps;
  const timings = model.get("timings");
  const ms = () => timings[model.get("speed")];

  const root = h("div", { class: `backprop-stepper bp-source-${script.source}`, tabindex: "0",
                          "data-lm-suppress-shortcuts": "true", "data-source": script.source,
                          "data-steps": n, "data-forward-steps": forward, "data-step": 0, "data-highlight": "" });
  applyPalette(root, model.get("palette"));
  root.style.setProperty("--bp-forward-share", String(forward));   // the timeline's lanes
  root.style.setProperty("--bp-backward-share", String(n - forward));

  const hint = script.source === "value"
    ? "Press → (or the step button) to compute the first value; Space plays the whole pass."
    : "Press → (or the step button) to take the batch; Space plays the whole pass.";
  const picture = script.source === "value" ? graphView(layout, decimals) : networkView(layout, decimals);
  const panel = script.source === "value" ? textPanel(hint) : matrixPanel(hint, decimals);

  let saveTimer = null;
  function save(k) {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (model.get("step") !== k) { model.set("step", k); model.save_changes(); }
    }, SAVE_AFTER_MS);
  }

  function draw(k) {
    const state = stateAt(steps, k);
    const step = state.current;
    root.dataset.step = String(k);
    root.dataset.highlight = step ? step.node : "";
    root.dataset.phase = step ? step.kind : "ready";
    root.style.setProperty("--bp-step-ms", `${ms()}ms`);
    picture.show(state, ms());
    panel.show(state);
    bar.show(k, cursor.playing, model.get("speed"), model.get("large"));
  }

  const cursor = player(n, ms, (k) => {
    draw(k);
    if (!cursor.playing) save(k);
  }, (playing) => {
    root.dataset.playing = String(playing);
    bar.show(cursor.k, playing, model.get("speed"), model.get("large"));
    if (!playing) save(cursor.k);
  });

  const refocus = (f) => (...args) => { f(...args); root.focus({ preventScroll: true }); };
  const actions = {
    step: () => cursor.step(), back: () => cursor.back(), toggle: () => cursor.toggle(),
    start: () => cursor.goto(0), end: () => cursor.goto(n), goto: (j) => cursor.goto(j),
  };
  const bar = controls(n, forward, timings, {
    step: refocus(actions.step), back: refocus(actions.back), toggle: refocus(actions.toggle),
    start: refocus(actions.start), end: refocus(actions.end), goto: refocus(actions.goto),
    speed: (name) => { model.set("speed", name); model.save_changes(); root.focus({ preventScroll: true }); },
    large: refocus(() => { model.set("large", !model.get("large")); model.save_changes(); }),
  });
  bindStepperKeys(root, actions);

  const stage = h("div", { class: "bp-stage-area" }, [h("div", { class: "bp-picture" }, picture.el), panel.el]);
  root.append(...bar.els, stage);
  el.append(root);

  function syncLarge() {
    root.classList.toggle("bp-large", model.get("large"));
    root.dataset.large = String(model.get("large"));
    draw(cursor.k);
  }
  function syncStep() {   // moved from Python
    const k = model.get("step");
    if (k !== cursor.k && !cursor.playing) cursor.goto(k);
  }
  function syncSpeed() { draw(cursor.k); }

  model.on("change:large", syncLarge);
  model.on("change:step", syncStep);
  model.on("change:speed", syncSpeed);
  syncLarge();
  cursor.goto(model.get("step"));

  return () => {
    cursor.stop();
    clearTimeout(saveTimer);
    model.off("change:large", syncLarge);
    model.off("change:step", syncStep);
    model.off("change:speed", syncSpeed);
  };
}

export default { render };
