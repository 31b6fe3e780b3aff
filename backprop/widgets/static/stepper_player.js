// The cursor through the steps, in the browser: no kernel round trip per step, so
// stepping stays instant while the kernel is busy. Play advances one step every `ms`
// milliseconds, a fixed time per speed (from Python's `timings` trait), so two
// recordings of the same cell are identical. Play at the end starts again from 0.

export function player(n, ms, onMove, onPlaying) {
  let k = 0, timer = null;

  function move(j) {
    k = Math.max(0, Math.min(n, j));
    onMove(k);
  }

  function stop() {
    if (timer === null) return;
    clearTimeout(timer);
    timer = null;
    onPlaying(false);
  }

  function tick() {
    move(k + 1);
    timer = k < n ? setTimeout(tick, ms()) : null;
    if (timer === null) onPlaying(false);
  }

  function play() {
    if (timer !== null) return;
    if (k >= n) move(0);
    timer = setTimeout(tick, ms());
    onPlaying(true);
  }

  return {
    get k() { return k; },
    get playing() { return timer !== null; },
    goto(j) { stop(); move(j); },     // any move by hand pauses a play
    step() { stop(); move(k + 1); },
    back() { stop(); move(k - 1); },
    toggle() { if (timer !== null) stop(); else play(); },
    stop,
  };
}
