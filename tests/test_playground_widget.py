"""The playground widget without a kernel: its message handler is driven directly and
what it sends is captured. Frame contents (dtypes, shapes, values), flow control,
Play/Pause in the background thread, the thread stopping on close, control messages
validated like `pg.set`, and the saved-notebook fallback."""

import base64
import time

import numpy as np
import pytest
from playground_helpers import Browser

from backprop.losses import BCEWithLogitsLoss
from backprop.playground import Playground
from backprop.playground import trainer as trainer_module
from backprop.playground.frame import BIG, SMALL, big_map, grid
from backprop.training import compute_gradients


def wait_for(condition, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.005)
    return False


@pytest.fixture
def pg():
    widget = Playground(seed=1)
    yield widget
    widget.close()


def test_nothing_is_sent_or_trained_until_a_view_is_ready(pg):
    browser = Browser(pg)
    pg.step(2)
    assert browser.sent == [] and pg.epoch == 2 and pg.status == "paused"


def test_ready_sends_the_points_then_a_frame(pg):
    browser = Browser(pg)
    browser.say("ready")
    (points, pbuf), (frame, fbuf) = browser.sent
    assert points["type"] == "points" and frame["type"] == "frame"
    n = points["n"]
    assert n == 500
    xy = np.frombuffer(pbuf[0], np.float32).reshape(n, 2)
    target = np.frombuffer(pbuf[1], np.float32)
    is_test = np.frombuffer(pbuf[2], np.uint8)
    X_train, X_test = pg._run.points
    np.testing.assert_array_equal(xy, np.vstack([X_train, X_test]).astype(np.float32))
    assert set(np.unique(target)) == {-1.0, 1.0}           # labels drawn as Playground's +-1
    assert is_test.sum() == len(X_test) == 250
    assert len(pbuf[3]) == 7 * SMALL * SMALL               # the seven input maps


def test_frame_contents_dtypes_shapes_and_values(pg):
    pg.step(3)
    browser = Browser(pg)
    browser.say("ready")
    frame, buffers = browser.frames()[-1]
    assert frame["epoch"] == 3 and frame["sizes"] == [2, 4, 2, 1]
    assert frame["curve_from"] == 0 and frame["curve_train"] == pg.history.loss
    assert frame["curve_test"] == pg.history.val_loss and frame["loss_train"] == pg.history.loss[-1]
    big, maps, W, b, dW, db = buffers[:6]   # the backward view's buffers: test_playground_backward
    assert len(big) == BIG * BIG and len(maps) == (4 + 2 + 1) * SMALL * SMALL  # uint8
    model = pg._run.model
    linears = [layer for layer in model.layers if hasattr(layer, "W")]
    weights = np.frombuffer(W, np.float32)
    np.testing.assert_array_equal(weights, np.concatenate(
        [lin.W.data.ravel() for lin in linears]).astype(np.float32))
    np.testing.assert_array_equal(np.frombuffer(b, np.float32), np.concatenate(
        [lin.b.data for lin in linears]).astype(np.float32))
    # gradients: the whole training set at the frame's weights
    compute_gradients(model, BCEWithLogitsLoss(), pg._run.X_train, pg._run.y_train)
    np.testing.assert_allclose(np.frombuffer(dW, np.float32), np.concatenate(
        [lin.W.grad.ravel() for lin in linears]), rtol=1e-6, atol=1e-9)
    assert len(db) == 4 * 7
    # the big map is the output tanh(z/2) over [-6, 6]^2, row 0 at the top
    z = model.forward(grid(BIG))[:, 0]
    expected = np.round((np.tanh(z / 2) + 1) * 127.5).astype(np.uint8)
    np.testing.assert_array_equal(np.frombuffer(big, np.uint8), expected)


def test_a_frame_is_sent_only_while_fewer_than_two_are_unacknowledged(pg):
    browser = Browser(pg)
    browser.say("ready")                 # frame 1 in flight
    browser.say("step")                  # frame 2 in flight
    browser.say("step")                  # no credit: nothing sent
    assert [c["seq"] for c, _ in browser.frames()] == [1, 2]
    other = Browser(pg, view="view-2")
    other.sent = browser.sent
    pg.send = lambda content, buffers=None: browser.sent.append((content, buffers or []))
    pg._on_message(pg, {"type": "ack", "view": "view-2", "seq": 1}, [])  # not the lead view
    assert len(browser.frames()) == 2
    browser.say("ack", seq=1)            # a credit comes back: the newest state goes out
    frames = browser.frames()
    assert [c["seq"] for c, _ in frames] == [1, 2, 3] and frames[-1][0]["epoch"] == 2
    browser.say("ack", seq=2)
    browser.say("ack", seq=3)
    assert len(browser.frames()) == 3    # nothing changed, nothing more to send


class _Clock:
    """The trainer's clock, moved by hand: a loaded machine cannot make a frame stale early."""

    sleep = staticmethod(time.sleep)   # the training thread yields with sleep(0)

    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


def test_a_lost_acknowledgement_is_given_up_after_a_while(pg, monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(trainer_module, "time", clock)
    browser = Browser(pg)
    browser.say("ready")
    browser.say("step")
    clock.now += trainer_module.STALE / 2      # frame 1 unanswered, not yet stale
    browser.say("step")
    assert len(browser.frames()) == 2
    clock.now += trainer_module.STALE          # now frame 1 is stale: its credit comes back
    browser.say("step")
    assert len(browser.frames()) == 3


def test_play_trains_one_epoch_per_acknowledged_frame_in_a_thread(pg):
    browser = Browser(pg)
    browser.say("ready")
    browser.say("play")
    assert pg.status == "playing" and pg._trainer.alive
    # without acknowledgements it stops after filling the two credits
    assert wait_for(lambda: len(browser.frames()) == 2)
    time.sleep(0.2)
    assert len(browser.frames()) == 2 and pg._run.epoch == 1
    acked = set()
    assert wait_for(lambda: browser.ack_all(acked) or len(browser.frames()) >= 30)
    browser.say("pause")
    assert pg.status == "paused" and not pg._trainer.alive
    frames = browser.frames()
    epochs = [c["epoch"] for c, _ in frames]
    assert epochs == list(range(len(epochs)))          # exactly one epoch per frame
    stopped = pg._run.epoch
    time.sleep(0.1)
    assert pg._run.epoch == stopped == pg.epoch


def test_step_from_python_pauses_a_running_play(pg):
    browser = Browser(pg)
    browser.say("ready")
    browser.say("play")
    acked = set()
    wait_for(lambda: browser.ack_all(acked) or pg._run.epoch >= 5)
    pg.step(4)
    assert pg.status == "paused" and not pg._trainer.alive
    before = pg._run.epoch
    time.sleep(0.1)
    assert pg._run.epoch == before and pg.epoch == before


def test_reading_the_model_pauses(pg):
    browser = Browser(pg)
    browser.say("ready")
    browser.say("play")
    assert pg.model is pg._run.model
    assert pg.status == "paused" and not pg._trainer.alive


def test_the_thread_stops_when_the_widget_is_closed():
    pg = Playground(seed=2)
    browser = Browser(pg)
    browser.say("ready")
    browser.say("play")
    thread = pg._trainer._thread
    assert thread.is_alive()
    pg.close()
    thread.join(timeout=5)
    assert not thread.is_alive()


def test_a_diverging_run_stops_playing_by_itself():
    pg = Playground(dataset="reg_plane", lr=10, activation="relu", layers=[8, 8], seed=1,
                    speed=5)
    try:
        browser = Browser(pg)
        browser.say("ready")
        browser.say("play")
        acked = set()
        assert wait_for(lambda: browser.ack_all(acked) or pg.status == "paused")
        assert pg.history.diverged and not wait_for(lambda: pg._trainer.alive, 0.2)
        browser.ack_all(acked)
        assert wait_for(lambda: "too large" in browser.frames()[-1][0]["message"])
    finally:
        pg.close()


@pytest.mark.parametrize("changes, message", [
    ({"lr": 0.05}, "lr (the learning rate) 0.05 is not one of Playground's values"),
    ({"layers": [9]}, "from 1 to 8, got 9"),
    ({"colour": "red"}, "unknown setting 'colour'"),
])
def test_a_bad_control_message_answers_with_the_error_and_changes_nothing(pg, changes, message):
    pg.step(2)
    browser = Browser(pg)
    browser.say("ready")
    before, sent = pg.settings, len(browser.sent)
    browser.say("set", changes=changes)
    assert browser.sent[sent][0] == {"type": "error", "text": browser.sent[sent][0]["text"]}
    assert message in browser.sent[sent][0]["text"]
    assert pg.settings == before and pg.epoch == 2


def test_changing_the_activation_from_the_browser_resets_and_pauses(pg):
    browser = Browser(pg)
    browser.say("ready")
    browser.say("play")
    acked = set()
    wait_for(lambda: browser.ack_all(acked) or pg._run.epoch >= 3)
    browser.say("set", changes={"activation": "relu"})
    assert pg.status == "paused" and not pg._trainer.alive
    assert pg.epoch == 0 and pg.settings["activation"] == "relu"
    assert pg._settings["activation"] == "relu"   # the synced copy the browser reads
    kinds = [c["type"] for c, _ in browser.sent[-2:]]
    assert "points" in kinds or "points" in [c["type"] for c, _ in browser.sent[-3:]]
    browser.ack_all(acked)
    assert wait_for(lambda: browser.frames()[-1][0]["epoch"] == 0)
    assert browser.frames()[-1][0]["curve_from"] == 0   # the curve starts again


def test_the_learning_rate_from_the_browser_keeps_playing(pg):
    browser = Browser(pg)
    browser.say("ready")
    browser.say("play")
    acked = set()
    wait_for(lambda: browser.ack_all(acked) or pg._run.epoch >= 3)
    browser.say("set", changes={"lr": 0.1})
    assert pg.status == "playing" and pg._trainer.alive and pg.settings["lr"] == 0.1
    wait_for(lambda: browser.ack_all(acked) or pg._run.epoch >= 8)
    browser.say("pause")
    assert [lr for lr, _ in pg._run.segments] == [0.03, 0.1]


def test_step_reset_and_regenerate_messages(pg):
    browser = Browser(pg)
    browser.say("ready")
    acked = set()
    browser.say("step")
    browser.ack_all(acked)
    assert pg.epoch == 1 and browser.frames()[-1][0]["epoch"] == 1
    browser.say("reset")
    browser.ack_all(acked)
    assert pg.epoch == 0 and browser.frames()[-1][0]["epoch"] == 0
    seed = pg.settings["seed"]
    browser.say("regenerate")
    assert pg.settings["seed"] != seed and pg._settings["seed"] == pg.settings["seed"]


def test_hovering_a_neuron_sends_its_map_as_the_big_picture(pg):
    browser = Browser(pg)
    browser.say("ready")
    acked = set()
    browser.ack_all(acked)
    browser.say("focus", node=[1, 2])    # the third neuron of the first hidden layer
    frame, buffers = browser.frames()[-1]
    assert frame["focus"] == [1, 2]
    np.testing.assert_array_equal(np.frombuffer(buffers[0], np.uint8).reshape(BIG, BIG),
                                  big_map(pg._run, (1, 2)))
    assert not np.array_equal(big_map(pg._run, (1, 2)), big_map(pg._run, None))
    browser.ack_all(acked)
    browser.say("focus", node=None)
    assert browser.frames()[-1][0]["focus"] is None


def test_an_unknown_message_is_answered_with_an_error(pg):
    browser = Browser(pg)
    browser.say("explode")
    assert browser.sent == [({"type": "error", "text": "unknown message type 'explode' from the "
                                                        "browser."}, [])]


def test_saved_notebooks_get_a_png_and_a_stable_text(pg):
    data, _ = pg._repr_mimebundle_()
    assert data["text/plain"] == ("Playground(dataset='circle', layers=[4, 2], "
                                  "activation='tanh', lr=0.03, epoch=0)")
    assert " at 0x" not in repr(pg) and repr(pg) == data["text/plain"]
    png = base64.b64decode(data["image/png"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    assert "application/vnd.jupyter.widget-view+json" in data
    assert "text/html" not in data   # it would win over the PNG in nbconvert


def test_the_palette_comes_from_backprop_plots(pg, monkeypatch):
    from matplotlib.colors import to_hex

    from backprop import plots
    from backprop.playground.palette import palette

    assert pg.palette["negative"] == to_hex(plots.NEGATIVE)
    assert pg.palette["positive"] == to_hex(plots.POSITIVE)
    assert pg.palette["test"] == to_hex(plots.TEST) and pg.palette["train"] == to_hex(plots.TRAIN)
    monkeypatch.setattr(plots, "NEGATIVE", "#123456")
    assert palette()["negative"] == "#123456"   # read at run time, not copied


def test_play_pauses_when_its_view_goes_away(pg):
    browser = Browser(pg)
    browser.say("ready")
    browser.say("play")
    assert pg._trainer.alive
    browser.say("gone")
    assert pg.status == "paused" and not pg._trainer.alive


def test_snapshot_is_the_picture_of_the_current_state(pg):
    pg.step(2)
    image = pg.snapshot()
    assert image.format == "png" and image.data.startswith(b"\x89PNG")
    assert image.data == base64.b64decode(pg._repr_mimebundle_()[0]["image/png"])
