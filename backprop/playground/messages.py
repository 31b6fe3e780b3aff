"""What the browser asks the kernel, one custom message at a time.

    {type: "ready"}                a view has rendered: it leads the credits from now on
    {type: "ack", seq}             frame `seq` is drawn (flow control, see `trainer`)
    {type: "gone"}                 a view was removed
    {type: "play"} / {type: "pause"} / {type: "step"} / {type: "reset"} / {type: "regenerate"}
    {type: "set", changes: {...}}  a control changed: validated exactly like `pg.set`
    {type: "focus", node}          the hovered neuron [layer, index] (layer 0 = inputs), or null

Every message carries `view`, the sending view's id. A bad value is answered with
{type: "error", text} and changes nothing.
"""


def _ready(pg, content):
    pg._trainer.lead = content.get("view")   # so the points go out before the first frame
    pg._send_points()
    pg._trainer.ready(content.get("view"))


def _gone(pg, content):
    was_lead = pg._trainer.lead == content.get("view")
    pg._trainer.gone(content.get("view"))
    if was_lead and pg._trainer.playing:
        pg.pause()   # nobody can see it or stop it any more


def _focus(pg, content):
    node = content.get("node")
    pg._focus = tuple(int(i) for i in node) if node else None
    pg._trainer.changed()


HANDLERS = {
    "ack": lambda pg, c: pg._trainer.ack(c.get("view"), c.get("seq")),
    "ready": _ready,
    "gone": _gone,
    "play": lambda pg, c: pg.play(),
    "pause": lambda pg, c: pg.pause(),
    "step": lambda pg, c: pg.step(1),
    "reset": lambda pg, c: pg.reset(),
    "regenerate": lambda pg, c: pg.regenerate(),
    "set": lambda pg, c: pg.set(**c.get("changes", {})),
    "focus": _focus,
}


def handle(pg, content):
    """Run one message from the browser; errors in its values go back as a message."""
    try:
        kind = content.get("type")
        if kind not in HANDLERS:
            raise ValueError(f"unknown message type {kind!r} from the browser.")
        HANDLERS[kind](pg, content)
    except (TypeError, ValueError) as error:
        pg._post({"type": "error", "text": str(error)}, [])
