// The diverging colour scale, built from the course palette that Python sends in the
// `palette` trait (backprop.plots): negative -> mid -> positive for values -1 -> 0 -> +1.
// No colour is written here: every colour comes from that trait.

function parseHex(hex) {
  const v = hex.replace("#", "");
  return [0, 2, 4].map((i) => parseInt(v.slice(i, i + 2), 16));
}

function mix(a, b, t) {
  return a.map((x, i) => Math.round(x + (b[i] - x) * t));
}

// A table of 256 RGB colours, one per byte code q (value v = q / 127.5 - 1).
export function colorTable(palette) {
  const neg = parseHex(palette.negative), mid = parseHex(palette.mid), pos = parseHex(palette.positive);
  const table = new Uint8ClampedArray(256 * 3);
  for (let q = 0; q < 256; q++) {
    const v = q / 127.5 - 1;
    const rgb = v < 0 ? mix(mid, neg, -v) : mix(mid, pos, v);
    table.set(rgb, q * 3);
  }
  return table;
}

// The CSS colour of a value in [-1, 1] (clipped), for lines and squares.
export function valueColor(table, v) {
  const q = Math.max(0, Math.min(255, Math.round((Math.max(-1, Math.min(1, v)) + 1) * 127.5)));
  return `rgb(${table[q * 3]}, ${table[q * 3 + 1]}, ${table[q * 3 + 2]})`;
}

// The CSS colour a fraction t in [0, 1] of the way from colour `from` to colour `to`
// (two of the palette's hex colours): the gradient view's scale runs from the diverging
// map's mid colour to the course's GRADIENT colour.
export function rampColor(from, to, t) {
  const rgb = mix(parseHex(from), parseHex(to), Math.max(0, Math.min(1, t)));
  return `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`;
}

// The palette as CSS custom properties on the root, for the stylesheet (lists of colours,
// such as the series, are used by the scripts only).
export function applyPalette(root, palette) {
  for (const [name, color] of Object.entries(palette)) {
    if (typeof color === "string") root.style.setProperty(`--bp-${name}`, color);
  }
}
