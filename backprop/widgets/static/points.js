// The data points on top of the big heatmap: filled by their label's colour, outlined
// in the training or test colour. Coordinates are in [-6, 6]^2 (x2 up).

import { valueColor } from "./colors.js";

export function drawPoints(canvas, points, table, palette, showTest) {
  const dpr = window.devicePixelRatio || 1;
  const cssSize = canvas.clientWidth || 260;
  const size = Math.round(cssSize * dpr);
  if (canvas.width !== size) { canvas.width = size; canvas.height = size; }
  const ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, size, size);
  if (!points) return;
  const scale = size / 12;
  const radius = 3 * dpr;
  for (let i = 0; i < points.n; i++) {
    const test = points.isTest[i] === 1;
    if (test && !showTest) continue;
    const x = (points.xy[2 * i] + 6) * scale;
    const y = (6 - points.xy[2 * i + 1]) * scale;
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fillStyle = valueColor(table, points.target[i]);
    ctx.fill();
    ctx.lineWidth = dpr;
    ctx.strokeStyle = test ? palette.test : palette.mid;
    ctx.stroke();
  }
}
