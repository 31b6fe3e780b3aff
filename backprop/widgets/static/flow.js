// The browser's half of flow control: frames wait in a queue and are drawn one per
// animation frame, each acknowledged as it is drawn, so the kernel (which keeps at most
// two frames unacknowledged) never runs ahead of the screen. At speed 1 every drawn
// frame is then exactly one epoch more. Should the queue grow past two (a second view,
// a credit the kernel gave up), the older frames are skipped but still acknowledged.

export function frameQueue(draw, ack) {
  let queue = [], scheduled = false;

  function schedule() {
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      const next = queue.shift();
      if (!next) return;
      // acknowledged first: the next frame cannot be handled before this one is drawn
      // (one thread), and the kernel starts on it while the browser draws
      ack(next.seq);
      draw(next.frame);
      if (queue.length) schedule();
    });
  }

  return {
    push(seq, frame) {
      queue.push({ seq, frame });
      while (queue.length > 2) ack(queue.shift().seq);
      if (!scheduled) schedule();
    },
  };
}
