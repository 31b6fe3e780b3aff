// The playground's view: it draws what the kernel sends and sends back what the learner
// does. The kernel trains; this file never computes a weight. Frames arrive as custom
// messages with binary buffers; each one is drawn in the next animation frame and then
// acknowledged, which is what lets the kernel send the next (flow control, see
// backprop/playground/trainer.py).

import { h } from "./dom.js";
import { applyPalette, colorTable } from "./colors.js";
import { drawMap } from "./heatmap.js";
import { drawPoints } from "./points.js";
import { networkView } from "./network.js";
import { lossCurve } from "./curve.js";
import { dataControls, outputControls, topControls } from "./controls.js";
import { decodeFrame, decodePoints } from "./frames.js";
import { bindKeys } from "./keyboard.js";
import { ICONS } from "./icons.js";
import { frameQueue } from "./flow.js";
import { gradientChart, gradientPanel } from "./gradchart.js";
import { edgeSwitch, gradientLegend } from "./backview.js";

function formatEpoch(n) {
  const padded = String(n).padStart(6, "0");
  return padded.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function formatLoss(v) {
  return v === null || v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(3);
}

function render({ model, el }) {
  const view = Math.random().toString(36).slice(2);
  const palette = model.get("palette");
  const options = model.get("options");
  const table = colorTable(palette);
  const send = (msg) => model.send({ ...msg, view });
  const change = (changes) => send({ type: "set", changes });

  const root = h("div", { class: "backprop-playground", tabindex: "0", "data-lm-suppress-shortcuts": "true",
                          "data-frames": "0" });
  applyPalette(root, palette);

  // top bar: Reset, Play/Pause, Step, the epoch, then the training controls
  const reset = h("button", { class: "bp-round", "data-role": "reset", title: "Reset the network (epoch 0)",
                              onclick: () => send({ type: "reset" }) }, ICONS.reset());
  const play = h("button", { class: "bp-round bp-play", "data-role": "play", title: "Play / pause (Space)",
                             onclick: () => send({ type: model.get("status") === "playing" ? "pause" : "play" }) }, ICONS.play());
  const step = h("button", { class: "bp-round", "data-role": "step", title: "One epoch (→)",
                             onclick: () => send({ type: "step" }) }, ICONS.step());
  const epoch = h("span", { class: "bp-epoch", "data-role": "epoch" });
  const top = topControls(options, change);
  root.append(h("div", { class: "bp-top" }, [
    h("div", { class: "bp-timeline" }, [reset, play, step,
      h("div", { class: "bp-epoch-box" }, [h("span", { class: "bp-label" }, "Epoch"), epoch])]),
    ...top.els,
  ]));

  // three columns: data, network, output
  const data = dataControls(options, change, () => send({ type: "regenerate" }));
  const networkBox = h("div", { class: "bp-network" });
  const net = networkView(networkBox, {
    layers: (layers) => change({ layers }),
    toggleFeature: (name) => {
      const now = model.get("_settings").features;
      change({ features: now.includes(name) ? now.filter((f) => f !== name) : [...now, name] });
    },
    focus: (node) => send({ type: "focus", node }),
  }, palette);
  const edges = edgeSwitch(options, (value) => change({ edges: value }));
  const legendGrad = gradientLegend(palette);
  const gradPanel = gradientPanel();
  const chart = gradientChart(gradPanel.canvas, palette);
  const output = h("canvas", { class: "bp-output", "data-role": "output", width: 100, height: 100 });
  const dots = h("canvas", { class: "bp-points" });
  const legend = h("canvas", { class: "bp-legend", width: 256, height: 1 });
  const lossTest = h("span", { class: "bp-loss-value", "data-role": "loss-test" });
  const lossTrain = h("span", { class: "bp-loss-value", "data-role": "loss-train" });
  const curveCanvas = h("canvas", { class: "bp-curve" });
  const curve = lossCurve(curveCanvas, palette);
  const shownNode = h("div", { class: "bp-map-title" }, "Output");
  const outs = outputControls(change);
  const message = h("div", { class: "bp-message", role: "status" });
  root.append(h("div", { class: "bp-main" }, [
    h("div", { class: "bp-data" }, data.els),
    h("div", { class: "bp-middle" }, [
      h("div", { class: "bp-middle-head" }, [h("div", { class: "bp-heading" }, "Features → hidden layers"), edges.el]),
      networkBox, legendGrad.el, gradPanel.el,
    ]),
    h("div", { class: "bp-out" }, [
      h("div", { class: "bp-heading" }, "Output"),
      h("div", { class: "bp-losses" }, [
        h("div", {}, [h("span", { class: "bp-label" }, "Test loss "), lossTest]),
        h("div", {}, [h("span", { class: "bp-label" }, "Training loss "), lossTrain]),
      ]),
      curveCanvas,
      h("div", { class: "bp-map" }, [output, dots]),
      h("div", { class: "bp-legend-row" }, [h("span", {}, "−1"), legend, h("span", {}, "1")]),
      shownNode,
      ...outs.els,
    ]),
  ]));
  root.append(message);
  el.append(root);

  // the legend: the colour table itself, 256 pixels wide
  const lctx = legend.getContext("2d");
  const strip = lctx.createImageData(256, 1);
  for (let q = 0; q < 256; q++) strip.data.set([table[3 * q], table[3 * q + 1], table[3 * q + 2], 255], 4 * q);
  lctx.putImageData(strip, 0, 0);

  let points = null, frame = null, frames = 0;
  const incoming = frameQueue((next) => {
    frame = next;
    drawFrame(frame);
    curve.draw();
    chart.draw();
    frames += 1;
    root.dataset.frames = String(frames);
  }, (seq) => send({ type: "ack", seq }));
  let problem = null;

  function syncSettings() {
    const settings = model.get("_settings");
    problem = Object.keys(options.datasets).find((p) => options.datasets[p].includes(settings.dataset));
    top.sync(settings);
    data.sync(settings, problem);
    outs.sync(settings);
    root.dataset.layers = settings.layers.join(",");
    net.build(settings, options);
    net.drawInputs(points, table);
    if (frame) drawFrame(frame);
    drawPoints(dots, points, table, palette, settings.show_test);
  }

  function syncStatus() {
    const status = model.get("status");
    root.dataset.status = status;
    play.replaceChildren(status === "playing" ? ICONS.pause() : ICONS.play());
    play.classList.toggle("bp-playing", status === "playing");
  }

  function syncEpoch() {
    if (!frame) {
      root.dataset.epoch = String(model.get("epoch"));
      epoch.textContent = formatEpoch(model.get("epoch"));
    }
  }

  function syncEdges() {   // "weight" or "gradient": what the edges are drawn by
    const mode = model.get("edges");
    root.dataset.edges = mode;
    edges.sync(mode);
    legendGrad.sync(mode);
    if (frame) drawFrame(frame);
  }

  function drawFrame(f) {
    const settings = model.get("_settings");
    drawMap(output, f.bigMap, f.big, table, settings.discretize && !f.focus);
    net.update(f, table, model.get("edges"));
    lossTest.textContent = formatLoss(f.loss_test);
    lossTrain.textContent = formatLoss(f.loss_train);
    epoch.textContent = formatEpoch(f.epoch);
    root.dataset.epoch = String(f.epoch);
    shownNode.textContent = f.focus ? (f.focus[0] === 0 ? `Input ${options.feature_labels[options.features[f.focus[1]]]}`
      : f.focus[0] === f.sizes.length - 1 ? "Output" : `Layer ${f.focus[0]}, neuron ${f.focus[1] + 1}`) : "Output";
    message.textContent = f.message || "";
  }

  function onMessage(msg, buffers) {
    if (msg.type === "points") {
      points = decodePoints(msg, buffers);
      curve.clear();
      chart.clear();
      net.drawInputs(points, table);
      drawPoints(dots, points, table, palette, model.get("_settings").show_test);
    } else if (msg.type === "frame") {
      curve.extend(msg.curve_from, msg.curve_train, msg.curve_test);
      const decoded = decodeFrame(msg, buffers);
      const names = msg.sizes.slice(1).map((_, k) => (k === msg.grad_layers - 1 ? "out" : `W${k + 1}`));
      chart.extend(msg.curve_from, decoded.gradNorms, msg.grad_layers, names);
      incoming.push(msg.seq, decoded);
    } else if (msg.type === "error") {
      message.textContent = msg.text;
      syncSettings();   // show the settings the kernel kept
    }
  }

  bindKeys(root, {
    toggle: () => play.click(),
    step: () => send({ type: "step" }),
  });

  let width = 0;
  const resize = new ResizeObserver(() => {   // rebuild the network when its width changes
    if (networkBox.clientWidth === width) return;
    width = networkBox.clientWidth;
    net.build(model.get("_settings"), options);
    net.drawInputs(points, table);
    if (frame) drawFrame(frame);
  });
  resize.observe(networkBox);

  model.on("msg:custom", onMessage);
  model.on("change:_settings", syncSettings);
  model.on("change:status", syncStatus);
  model.on("change:epoch", syncEpoch);
  model.on("change:edges", syncEdges);
  syncEdges();
  syncSettings();
  syncStatus();
  syncEpoch();
  send({ type: "ready" });

  return () => {
    resize.disconnect();
    model.off("msg:custom", onMessage);
    model.off("change:_settings", syncSettings);
    model.off("change:status", syncStatus);
    model.off("change:epoch", syncEpoch);
    model.off("change:edges", syncEdges);
    send({ type: "gone" });
  };
}

export default { render };
