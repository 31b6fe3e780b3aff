"""The training thread and its flow control.

Play starts one background thread that trains `speed` epochs, then sends one frame,
and repeats until Pause. The cell that pressed Play has long returned, so the kernel
keeps answering: Pause is handled at once, other cells run.

Flow control (credits): a frame is sent only while fewer than two are unacknowledged.
The browser acknowledges each frame after drawing it, so the kernel never runs ahead
of the screen: at speed 1 every drawn frame is exactly one epoch more, and nothing piles
up when the browser is slow. Only the view that said `ready` last counts (a second
display of the same widget would otherwise double the credits). A credit that has not
come back after `STALE` seconds (a closed view, a lost message) is given up.

Every access to the run goes through `lock`, so the model is only ever touched by one
thread at a time. The thread never prints or displays: it only sends comm messages.
"""

import threading
import time

STALE = 2.0        # seconds before an unanswered frame no longer holds a credit
IN_FLIGHT = 2      # at most this many frames drawn-but-not-acknowledged


class Trainer:
    """`train(n)`, `frame(seq, curve_from)` and `send(content, buffers)` come from the widget;
    `stopped()` is called from the thread when training stops by itself (divergence)."""

    def __init__(self, train, frame, send, stopped, lock):
        self._train, self._frame, self._send, self._stopped = train, frame, send, stopped
        self.lock = lock
        self._cond = threading.Condition()
        self._thread = None
        self.playing = False
        self.speed = 1              # epochs per frame
        self.lead = None            # the view whose acknowledgements count
        self.in_flight = {}         # seq -> time sent
        self.seq = 0
        self.curve_from = 0         # epochs of the loss curve already sent
        self.dirty = False          # the state changed since the last frame sent
        self.frames_sent = 0

    # credits ----------------------------------------------------------------------

    def _has_credit(self):
        now = time.monotonic()
        for seq, sent in list(self.in_flight.items()):
            if now - sent > STALE:
                del self.in_flight[seq]
        return len(self.in_flight) < IN_FLIGHT

    def ready(self, view):
        """A view has rendered: it leads from now on and gets the whole picture."""
        with self._cond:
            self.lead, self.in_flight, self.curve_from = view, {}, 0
            self.dirty = True
            self._cond.notify_all()
        if not self.playing:
            self.send_if_allowed()

    def gone(self, view):
        with self._cond:
            if view == self.lead:
                self.lead, self.in_flight = None, {}
                self._cond.notify_all()

    def ack(self, view, seq):
        with self._cond:
            if view != self.lead:
                return
            self.in_flight.pop(seq, None)
            self._cond.notify_all()
        if not self.playing and self.dirty:
            self.send_if_allowed()

    def changed(self, restart_curve=False):
        """The state changed (a step, a reset, a hover): draw it when a credit allows."""
        with self._cond:
            self.dirty = True
            if restart_curve:
                self.curve_from = 0
        if not self.playing:
            self.send_if_allowed()

    def flush(self):
        """Send the state if it changed since the last frame and a credit allows."""
        if self.dirty and not self.playing:
            self.send_if_allowed()

    def send_if_allowed(self):
        """Send a frame of the current state if a view is there and a credit is free."""
        with self._cond:
            if self.lead is None or not self._has_credit():
                return False
            with self.lock:
                self.seq += 1
                content, buffers = self._frame(self.seq, self.curve_from)
                self.curve_from = content["epoch"]
            self.in_flight[self.seq] = time.monotonic()
            self.dirty = False
            self.frames_sent += 1
            self._send(content, buffers)
            return True

    # the thread ---------------------------------------------------------------------

    def play(self, speed):
        with self._cond:
            if self.playing:
                return
            self.playing = True
            self.speed = speed
            self._thread = threading.Thread(target=self._loop, name="playground-training",
                                            daemon=True)
            self._thread.start()

    def pause(self):
        """Stop the thread and wait for it (at most one chunk of training)."""
        with self._cond:
            self.playing = False
            self._cond.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        self._thread = None

    @property
    def alive(self):
        return self._thread is not None and self._thread.is_alive()

    def _loop(self):
        try:
            self._run_until_paused()
        except Exception as error:   # never die silently: say it in the widget
            self._send({"type": "error", "text": f"training stopped: {error!r}"}, [])
        finally:
            with self._cond:
                stopped_by_itself = self.playing
                self.playing = False
            if stopped_by_itself:
                self._stopped()

    def _run_until_paused(self):
        while True:
            with self._cond:
                # wait for a free credit (only when some view draws the frames)
                while self.playing and self.lead is not None and not self._has_credit():
                    self._cond.wait(timeout=STALE / 4)
                if not self.playing:
                    return
            with self.lock:
                still_going = self._train(self.speed)
            with self._cond:
                # one send of the new state only: not `changed()`, which also sends when a
                # Pause came in meanwhile, so the same epoch would go out twice
                self.dirty = True
                sent = self.lead is not None and self.send_if_allowed()
            if not sent and self.lead is None:
                time.sleep(0)   # no view: train on, but let other threads in
            if not still_going:
                return
