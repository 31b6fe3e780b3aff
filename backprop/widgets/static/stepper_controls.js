// The stepper's controls: the buttons (start, back, play/pause, step, end of forward,
// end of backward), the speed, the large-text switch, a counter, and a timeline of
// every step (forward steps, then backward ones; click one to go there). A control
// only asks the player to move; `show(k, playing)` then draws where it is.

import { h } from "./dom.js";
import { STEPPER_ICONS } from "./stepper_icons.js";

function button(role, title, content, onclick, cls = "bp-round") {
  return h("button", { class: cls, "data-role": role, title, "aria-label": title, onclick }, content);
}

export function controls(n, forward, speeds, actions) {
  const start = button("start", "Go to the start (Home)", STEPPER_ICONS.start(), actions.start);
  const back = button("back", "Step back (←)", STEPPER_ICONS.back(), actions.back);
  const play = button("play", "Play / pause (Space)", STEPPER_ICONS.play(), actions.toggle, "bp-round bp-play");
  const step = button("step", "Step forward (→)", STEPPER_ICONS.step(), actions.step);
  const endForward = button("end-forward", "Go to the end of the forward pass", "forward ⇥",
                            () => actions.goto(forward), "bp-pill bp-forward-pill");
  const end = button("end", "Go to the end of the backward pass (End)", STEPPER_ICONS.end(), actions.end);
  const speed = h("select", { "data-role": "speed", title: "Speed (fixed time per step)",
                              onchange: () => actions.speed(speed.value) },
                  Object.keys(speeds).map((name) => h("option", { value: name }, name)));
  const large = button("large", "Large text, for presenting", "Aa", actions.large, "bp-pill bp-large-toggle");
  const counter = h("span", { class: "bp-counter", "data-role": "counter" });
  const phase = h("span", { class: "bp-phase", "data-role": "phase" });

  const ticks = [];
  const lane = (from, to, cls, name) => h("div", { class: `bp-lane ${cls}` }, [
    h("div", { class: "bp-lane-name" }, name),
    h("div", { class: "bp-ticks" }, Array.from({ length: to - from }, (_, i) => {
      const j = from + i + 1;   // clicking tick j shows the first j steps
      const tick = h("button", { class: "bp-tick", "data-tick": j, tabindex: "-1", title: `step ${j}`,
                                 onclick: () => actions.goto(j) });
      ticks.push(tick);
      return tick;
    })),
  ]);
  const timeline = h("div", { class: "bp-timeline", "data-role": "timeline" }, [
    lane(0, forward, "bp-lane-forward", "forward"), lane(forward, n, "bp-lane-backward", "backward"),
  ]);

  const bar = h("div", { class: "bp-bar" }, [
    h("div", { class: "bp-buttons" }, [start, back, play, step, endForward, end]),
    h("div", { class: "bp-status" }, [phase, counter]),
    h("div", { class: "bp-options" }, [h("label", { class: "bp-speed" }, ["speed ", speed]), large]),
  ]);

  return {
    els: [bar, timeline],
    show(k, playing, speedName, isLarge) {
      counter.textContent = `step ${k} / ${n}`;
      phase.textContent = k === 0 ? "ready" : k <= forward ? "forward pass" : "backward pass";
      phase.dataset.phase = k === 0 ? "ready" : k <= forward ? "forward" : "backward";
      play.replaceChildren(playing ? STEPPER_ICONS.pause() : STEPPER_ICONS.play());
      play.classList.toggle("bp-playing", playing);
      back.disabled = start.disabled = k === 0;
      step.disabled = end.disabled = k === n;
      endForward.classList.toggle("bp-at", k === forward);
      ticks.forEach((tick, i) => {
        tick.classList.toggle("bp-done", i < k);
        tick.classList.toggle("bp-now", i === k - 1);
      });
      speed.value = speedName;
      large.setAttribute("aria-pressed", String(isLarge));
    },
  };
}
