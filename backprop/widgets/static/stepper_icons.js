// The stepper's icons, small SVGs in the text colour (currentColor), so they do not
// depend on which symbol fonts the machine has.

import { s } from "./dom.js";

function icon(children) {
  const el = s("svg", { viewBox: "0 0 24 24", width: 20, height: 20, "aria-hidden": "true" });
  for (const child of children) el.append(child);
  return el;
}

const fill = { fill: "currentColor" };
const bar = (x) => s("rect", { x, y: 6, width: 2.5, height: 12, ...fill });
const tri = (d) => s("path", { d, ...fill });

export const STEPPER_ICONS = {
  play: () => icon([tri("M8 5 L19 12 L8 19 Z")]),
  pause: () => icon([s("rect", { x: 6, y: 5, width: 4, height: 14, ...fill }),
                     s("rect", { x: 14, y: 5, width: 4, height: 14, ...fill })]),
  step: () => icon([tri("M6 6 L14 12 L6 18 Z"), bar(15)]),
  back: () => icon([tri("M18 6 L10 12 L18 18 Z"), bar(6.5)]),
  start: () => icon([bar(4), tri("M13 6 L6.5 12 L13 18 Z"), tri("M20 6 L13.5 12 L20 18 Z")]),
  end: () => icon([tri("M4 6 L10.5 12 L4 18 Z"), tri("M11 6 L17.5 12 L11 18 Z"), bar(17.5)]),
};
