// The loss curves: training and test loss per epoch, growing while training runs.
// The y axis spans the curves' running minimum and maximum, as in Playground.

export function lossCurve(canvas, palette) {
  let train = [], test = [];

  function extend(from, moreTrain, moreTest) {
    train.length = Math.min(train.length, from);
    test.length = Math.min(test.length, from);
    train.push(...moreTrain);
    test.push(...moreTest);
  }

  function clear() { train = []; test = []; draw(); }

  function draw() {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round((canvas.clientWidth || 260) * dpr), hgt = Math.round((canvas.clientHeight || 60) * dpr);
    if (canvas.width !== w || canvas.height !== hgt) { canvas.width = w; canvas.height = hgt; }
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, w, hgt);
    const all = train.concat(test).filter(Number.isFinite);
    if (all.length < 2) return;
    const lo = Math.min(...all), hi = Math.max(...all);
    const span = hi - lo || 1;
    const n = Math.max(train.length, 2);
    const pad = 3 * dpr;
    for (const [series, color, dash] of [[train, palette.train, []], [test, palette.test, [4 * dpr, 3 * dpr]]]) {
      if (series.length < 1) continue;
      ctx.beginPath();
      ctx.setLineDash(dash);
      // one point per pixel column at most: long runs stay cheap to draw
      const stride = Math.max(1, Math.floor(series.length / w));
      for (let i = 0; i < series.length; i += stride) {
        const x = pad + (i / (n - 1)) * (w - 2 * pad);
        const y = pad + (1 - (series[i] - lo) / span) * (hgt - 2 * pad);
        if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      }
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5 * dpr;
      ctx.stroke();
    }
    ctx.setLineDash([]);
  }

  return { extend, clear, draw };
}
