// The backward view's chart: every layer's gradient norm ||dL/dW_k|| per epoch, on a log
// scale, growing while training runs (like the loss curve). The kernel sends the rows of
// the epochs the chart does not have yet (float32, K per epoch); the y axis spans whole
// decades around what is shown, with a grid line and a label per decade. One colour per
// layer (the palette's series) and the layer's name at the end of its line.

import { h } from "./dom.js";
import { power } from "./inspect.js";

const LEFT = 34, RIGHT = 34, TOP = 6, BOTTOM = 14;

export function gradientChart(canvas, palette) {
  let rows = [], layers = 0, names = [];
  let low = Infinity, high = -Infinity;   // the smallest and largest norm > 0 held (log axis)

  function measure() {   // only when rows are dropped: extending keeps low/high up to date
    low = Infinity; high = -Infinity;
    for (const row of rows) for (const v of row) include(v);
  }

  function include(v) {
    if (v > 0 && Number.isFinite(v)) { if (v < low) low = v; if (v > high) high = v; }
  }

  function extend(from, flat, k, layerNames) {
    if (k !== layers) { rows = []; layers = k; }
    names = layerNames;
    if (rows.length > from) { rows.length = from; measure(); }
    for (let i = 0; i + k <= flat.length; i += k) {
      const row = Array.from(flat.subarray(i, i + k));
      row.forEach(include);
      rows.push(row);
    }
  }

  function clear() { rows = []; measure(); draw(); }

  function draw() {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round((canvas.clientWidth || 300) * dpr), hgt = Math.round((canvas.clientHeight || 90) * dpr);
    if (canvas.width !== w || canvas.height !== hgt) { canvas.width = w; canvas.height = hgt; }
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, w, hgt);
    canvas.dataset.epochs = String(rows.length);
    ctx.font = `${10 * dpr}px sans-serif`;
    ctx.fillStyle = palette.train;
    if (!(high > 0)) {
      ctx.fillText("‖∂L/∂W‖ of every layer appears here while training", LEFT * dpr, hgt / 2);
      return;
    }
    let lo = Math.floor(Math.log10(low));
    let hi = Math.ceil(Math.log10(high));
    if (hi - lo < 2) { lo -= 1; hi += 1; }
    const x0 = LEFT * dpr, x1 = w - RIGHT * dpr, y0 = TOP * dpr, y1 = hgt - BOTTOM * dpr;
    const n = Math.max(rows.length, 2);
    const xOf = (i) => x0 + (i / (n - 1)) * (x1 - x0);
    const yOf = (v) => y1 - ((Math.log10(v) - lo) / (hi - lo)) * (y1 - y0);
    // the decades: a grid line and 10^e
    const step = Math.ceil((hi - lo) / 4);
    ctx.lineWidth = dpr;
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (let e = lo; e <= hi; e += step) {
      const y = yOf(10 ** e);
      ctx.strokeStyle = palette.neutral;
      ctx.globalAlpha = 0.5;
      ctx.beginPath(); ctx.moveTo(x0, y); ctx.lineTo(x1, y); ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.fillText(power(e), x0 - 4 * dpr, y);
    }
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.fillText(`epoch ${rows.length}`, x0, y1 + 2 * dpr);
    // one line per layer, at most one point per pixel column
    const stride = Math.max(1, Math.floor(rows.length / (x1 - x0)));
    ctx.textBaseline = "middle";
    const labels = [];
    for (let k = 0; k < layers; k++) {
      const color = palette.series[k % palette.series.length];
      ctx.beginPath();
      ctx.setLineDash(k >= palette.series.length ? [4 * dpr, 2 * dpr] : []);
      let started = false, last = null;
      for (let i = 0; i < rows.length; i += stride) {
        const v = rows[i][k];
        if (!(v > 0 && Number.isFinite(v))) { started = false; continue; }
        const x = xOf(i), y = yOf(v);
        if (started) ctx.lineTo(x, y); else ctx.moveTo(x, y);
        started = true;
        last = [x, y];
      }
      const end = rows[rows.length - 1][k];
      if (end > 0 && Number.isFinite(end)) last = [xOf(rows.length - 1), yOf(end)];
      if (last && rows.length === 1) { ctx.moveTo(last[0] - 2 * dpr, last[1]); ctx.lineTo(last[0] + 2 * dpr, last[1]); }
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5 * dpr;
      ctx.stroke();
      ctx.setLineDash([]);
      if (last) labels.push({ text: names[k] || `${k + 1}`, color, x: last[0] + 3 * dpr, y: last[1] });
    }
    // the layers' names at their lines' ends, pushed apart so they never overlap
    labels.sort((a, b) => a.y - b.y);
    const gap = 10 * dpr;
    for (let i = 1; i < labels.length; i++) labels[i].y = Math.max(labels[i].y, labels[i - 1].y + gap);
    const overflow = labels.length ? labels[labels.length - 1].y - (hgt - 4 * dpr) : 0;
    for (const label of labels) {
      ctx.fillStyle = label.color;
      ctx.fillText(label.text, label.x, label.y - Math.max(0, overflow));
    }
  }

  return { extend, clear, draw, rows: () => rows.length };
}

// The chart's heading and its canvas.
export function gradientPanel() {
  const canvas = h("canvas", { class: "bp-grad-chart", "data-role": "grad-chart" });
  const el = h("div", { class: "bp-grad-panel" }, [
    h("div", { class: "bp-heading" }, ["Gradient norm per layer ", h("span", { class: "bp-note" }, "‖∂L/∂W‖, log scale")]),
    canvas,
  ]);
  return { el, canvas };
}
