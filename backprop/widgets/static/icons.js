// The timeline's icons, drawn as small SVGs in the text colour (currentColor), so they
// do not depend on which symbol fonts the machine has.

import { s } from "./dom.js";

function icon(children) {
  const el = s("svg", { viewBox: "0 0 24 24", width: 20, height: 20, "aria-hidden": "true" });
  for (const child of children) el.append(child);
  return el;
}

export const ICONS = {
  play: () => icon([s("path", { d: "M8 5 L19 12 L8 19 Z", fill: "currentColor" })]),
  pause: () => icon([s("rect", { x: 6, y: 5, width: 4, height: 14, fill: "currentColor" }),
                     s("rect", { x: 14, y: 5, width: 4, height: 14, fill: "currentColor" })]),
  step: () => icon([s("path", { d: "M6 6 L14 12 L6 18 Z", fill: "currentColor" }),
                    s("rect", { x: 15, y: 6, width: 2.5, height: 12, fill: "currentColor" })]),
  reset: () => icon([s("path", { d: "M18.5 12 A6.5 6.5 0 1 1 12 5.5", fill: "none", stroke: "currentColor",
                                 "stroke-width": 2.2, "stroke-linecap": "round" }),
                     s("path", { d: "M11 2 L15.5 5.5 L11 9 Z", fill: "currentColor" })]),
};
