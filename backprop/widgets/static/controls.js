// Playground's controls. Their lists of values come from Python (the `options` trait),
// so the browser offers exactly what `Playground.set` accepts. A control never changes
// the settings itself: it asks the kernel (`change`), which validates, resets where
// Playground resets, and sends the settings back; `sync` then shows them.

import { h } from "./dom.js";

function select(label, role, values, format, onchange) {
  const el = h("select", { "data-role": role, onchange: () => onchange(values[el.selectedIndex]) },
               values.map((v) => h("option", {}, format(v))));
  return { wrap: h("label", { class: "bp-control" }, [h("span", { class: "bp-label" }, label), el]),
           set: (v) => { el.selectedIndex = values.findIndex((x) => x === v); } };
}

function slider(label, role, values, suffix, onchange) {
  const shown = h("span", { class: "bp-value" });
  const el = h("input", { type: "range", min: 0, max: values.length - 1, step: 1, "data-role": role });
  el.addEventListener("input", () => { shown.textContent = `${values[el.value]}${suffix}`; });
  el.addEventListener("change", () => onchange(values[el.value]));
  return { wrap: h("label", { class: "bp-control bp-slider" }, [h("span", { class: "bp-label" }, [label, " ", shown]), el]),
           set: (v) => { el.value = values.indexOf(v); shown.textContent = `${v}${suffix}`; } };
}

function checkbox(label, role, onchange) {
  const el = h("input", { type: "checkbox", "data-role": role, onchange: () => onchange(el.checked) });
  return { wrap: h("label", { class: "bp-check" }, [el, label]), set: (v) => { el.checked = v; } };
}

const number = (v) => String(v);

export function topControls(options, change) {
  const lr = select("Learning rate", "lr", options.lr, number, (v) => change({ lr: v }));
  const activation = select("Activation", "activation", options.activation, (v) => options.activation_labels[v],
                            (v) => change({ activation: v }));
  const reg = select("Regularization", "regularization", options.regularization, number,
                     (v) => change({ regularization: v }));
  const rate = select("Regularization rate", "reg_rate", options.reg_rate, number, (v) => change({ reg_rate: v }));
  const speed = select("Epochs per frame", "speed", options.speed, number,
                       (v) => change({ speed: v }));
  const all = { lr, activation, regularization: reg, reg_rate: rate, speed };
  return {
    els: [lr.wrap, activation.wrap, reg.wrap, rate.wrap, speed.wrap],
    sync(settings) {
      for (const [key, control] of Object.entries(all)) control.set(settings[key]);
    },
  };
}

export function dataControls(options, change, regenerate) {
  const buttons = {};
  const problems = Object.keys(options.datasets);
  const problem = select("Problem type", "problem", problems, (v) => v[0].toUpperCase() + v.slice(1),
                         (v) => change({ problem: v }));
  const list = h("div", { class: "bp-datasets" });
  let current = null;
  function showDatasets(problemName) {
    list.replaceChildren();
    for (const name of options.datasets[problemName]) {
      buttons[name] = h("button", { class: "bp-dataset", "data-dataset": name,
                                    onclick: () => change({ dataset: name }) }, options.dataset_labels[name]);
      list.append(buttons[name]);
    }
  }
  const ratio = slider("Ratio of training to test data:", "train_percent", options.train_percent, "%",
                       (v) => change({ train_percent: v }));
  const noise = slider("Noise:", "noise", options.noise, "", (v) => change({ noise: v }));
  const batch = slider("Batch size:", "batch_size", options.batch_size, "", (v) => change({ batch_size: v }));
  const seed = h("span", { class: "bp-seed" });
  const regen = h("button", { class: "bp-button", "data-role": "regenerate", onclick: regenerate }, "Regenerate");
  return {
    els: [h("div", { class: "bp-heading" }, "Data"), problem.wrap, list, ratio.wrap, noise.wrap, batch.wrap,
          h("div", { class: "bp-regen" }, [regen, seed])],
    sync(settings, problemName) {
      if (problemName !== current) { showDatasets(problemName); current = problemName; }
      problem.set(problemName);
      for (const [name, el] of Object.entries(buttons)) el.classList.toggle("bp-selected", name === settings.dataset);
      ratio.set(settings.train_percent);
      noise.set(settings.noise);
      batch.set(settings.batch_size);
      seed.textContent = `seed ${settings.seed}`;
    },
  };
}

export function outputControls(change) {
  const test = checkbox("Show test data", "show_test", (v) => change({ show_test: v }));
  const discretize = checkbox("Discretize output", "discretize", (v) => change({ discretize: v }));
  return {
    els: [test.wrap, discretize.wrap],
    sync(settings) { test.set(settings.show_test); discretize.set(settings.discretize); },
  };
}
