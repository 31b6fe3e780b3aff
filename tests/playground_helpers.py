"""Shared by the playground's kernel-side tests: a stand-in for a browser view."""


class Browser:
    """Stands in for a browser view: records what the kernel sends, answers like the JS."""

    def __init__(self, pg, view="view-1"):
        self.pg, self.view, self.sent = pg, view, []
        pg.send = lambda content, buffers=None: self.sent.append((content, buffers or []))

    def say(self, kind, **content):
        self.pg._on_message(self.pg, {"type": kind, "view": self.view, **content}, [])

    def frames(self):
        return [(c, b) for c, b in self.sent if c["type"] == "frame"]

    def last_frame(self):
        return self.frames()[-1]

    def ack_all(self, acked):
        for content, _ in self.frames():
            if content["seq"] not in acked:
                acked.add(content["seq"])
                self.say("ack", seq=content["seq"])
