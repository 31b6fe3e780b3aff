// SVG drawing helpers shared by the widgets: a layout given in data units (y up, as
// matplotlib draws it) mapped to SVG user units (y down), arrows with their own heads
// (no <marker>, so a head always takes its arrow's colour from the stylesheet), text,
// and a dot that travels along a path in a fixed time. No colour is written here: the
// stylesheet colours every class from the palette trait.

import { s } from "./dom.js";

// `scale` user units per data unit; X and Y map a point of the layout into the SVG.
export function viewport(xlim, ylim, scale) {
  return {
    scale,
    width: (xlim[1] - xlim[0]) * scale,
    height: (ylim[1] - ylim[0]) * scale,
    X: (x) => (x - xlim[0]) * scale,
    Y: (y) => (ylim[1] - y) * scale,
  };
}

// An <svg> that scales to its box and keeps its aspect ratio.
export function svgFor(view, attrs = {}) {
  return s("svg", { viewBox: `0 0 ${view.width.toFixed(1)} ${view.height.toFixed(1)}`,
                    preserveAspectRatio: "xMidYMid meet", ...attrs });
}

// The path of a straight (bend 0) or curved segment, and the direction at its end.
function segment(x0, y0, x1, y1, bend) {
  if (!bend) return { d: `M${x0},${y0} L${x1},${y1}`, tx: x1 - x0, ty: y1 - y0 };
  // control point off the middle, perpendicular to the segment (matplotlib's arc3)
  const mx = (x0 + x1) / 2, my = (y0 + y1) / 2;
  const cx = mx - bend * (y1 - y0), cy = my + bend * (x1 - x0);
  return { d: `M${x0},${y0} Q${cx},${cy} ${x1},${y1}`, tx: x1 - cx, ty: y1 - cy };
}

// An arrow from (x0, y0) to (x1, y1): a <g> holding the line and a filled head of
// length `head`; the group takes `attrs` (class, data-*), the line the class "line".
export function arrow(x0, y0, x1, y1, { bend = 0, head = 10, attrs = {} } = {}) {
  const { d, tx, ty } = segment(x0, y0, x1, y1, bend);
  const n = Math.hypot(tx, ty) || 1, ux = tx / n, uy = ty / n;
  const bx = x1 - ux * head, by = y1 - uy * head, w = head * 0.45;
  const g = s("g", attrs);
  g.append(s("path", { d, class: "line" }));
  g.append(s("path", { d: `M${x1},${y1} L${bx - uy * w},${by + ux * w} L${bx + uy * w},${by - ux * w} Z`,
                       class: "head" }));
  return { g, d };
}

// Centred text; `attrs` may set class, font-size, data-*.
export function label(x, y, text, attrs = {}) {
  return s("text", { x, y, "text-anchor": "middle", "dominant-baseline": "central", text, ...attrs });
}

// A dot that runs along the path `d` once, in `ms` milliseconds, from its start
// (reverse false) or from its end (reverse true). Same duration every time, so a
// recording of it is identical from run to run.
export function travellingDot(d, ms, reverse, attrs = {}) {
  const dot = s("circle", { r: 7, ...attrs });
  const motion = s("animateMotion", { dur: `${ms}ms`, path: d, fill: "freeze", begin: "indefinite",
                                      keyPoints: reverse ? "1;0" : "0;1", keyTimes: "0;1",
                                      calcMode: "linear" });
  dot.append(motion);
  return { dot, start: () => { try { motion.beginElement(); } catch (e) { /* not yet in the page */ } } };
}

// The width of a line that shows a weight w among weights up to `wmax` (draw_network's).
export function weightWidth(w, wmax, thin = 0.8, thick = 5) {
  return thin + (thick - thin) * Math.abs(w) / (wmax || 1);
}
