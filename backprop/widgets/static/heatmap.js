// Heatmaps on a canvas: one pixel per grid cell (the CSS size scales it up smoothly).
// `codes` are bytes q = round((v + 1) * 127.5) for values v in [-1, 1], row 0 at the top.

export function drawMap(canvas, codes, size, table, discretize = false) {
  if (canvas.width !== size) { canvas.width = size; canvas.height = size; }
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(size, size);
  const px = image.data;
  for (let i = 0; i < size * size; i++) {
    let q = codes[i];
    if (discretize) q = q >= 128 ? 255 : 0;   // the sign of the value, as Playground's checkbox
    px[4 * i] = table[3 * q];
    px[4 * i + 1] = table[3 * q + 1];
    px[4 * i + 2] = table[3 * q + 2];
    px[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}
