"""The index's picture of the course: one digit through a 64-h-10 network, with the loop
forward -> loss -> backward -> update around it, each stage naming its lessons."""

import re

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle

from backprop import MLP, losses
from backprop.course_loop import STAGES, course_loop_values, draw_course_loop
from backprop.plots import FORWARD, GRADIENT


@pytest.fixture
def model():
    return MLP([64, 6, 10], activation="relu", rng=np.random.default_rng(4))


@pytest.fixture
def image():
    return np.random.default_rng(5).uniform(0, 16, 64)


def test_values_are_the_models_own_forward_pass(model, image):
    hidden, p = course_loop_values(model, image)
    assert np.allclose(p, losses.softmax(model.forward(image[None, :]))[0], rtol=1e-12)
    assert hidden.shape == (6,) and np.all(hidden >= 0) and abs(p.sum() - 1) < 1e-12


def test_every_lesson_is_named_by_a_stage_of_the_loop():
    text = " ".join(STAGES.values())
    named = sorted({int(n) for n in re.findall(r"\b(\d\d)\b", text)})
    assert named == list(range(1, 12))


def test_the_picture_draws_what_it_computes(model, image):
    ax = draw_course_loop(model, image, label=3, ax=Figure().add_subplot())
    hidden, p = course_loop_values(model, image)
    arrows = [a for a in ax.patches if isinstance(a, FancyArrowPatch)]
    colours = {matplotlib.colors.to_hex(a.get_facecolor()) for a in arrows}
    assert {FORWARD, GRADIENT} <= colours
    bars = sorted((r for r in ax.patches if isinstance(r, Rectangle)), key=lambda r: -r.get_y())
    assert np.allclose([b.get_width() for b in bars], 1.4 * p)
    texts = " ".join(t.get_text() for t in ax.texts)
    assert f"{-np.log(p[3]):.2f}" in texts and "2,410" not in texts   # this net is not 64-32-10
    assert f"{64 * 6 + 6 + 6 * 10 + 10:,} weights" in texts
    dots = ax.collections[1].get_array()   # the hidden layer, shaded by activation
    assert np.argmax(dots) == np.argmax(hidden)


def test_other_networks_and_images_are_refused_with_a_reason(model):
    with pytest.raises(ValueError, match="64 pixel values"):
        course_loop_values(model, np.zeros(63))
    with pytest.raises(ValueError, match=r"MLP\(\[64, h, 10\], activation='relu'\)"):
        course_loop_values(MLP([64, 4, 4, 10], rng=np.random.default_rng(0)), np.zeros(64))
    # a tanh network has negative hidden outputs the picture would shade as "inactive"
    with pytest.raises(ValueError, match="with ReLU"):
        course_loop_values(MLP([64, 4, 10], activation="tanh", seed=0), np.zeros(64))
