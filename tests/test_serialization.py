"""Saving and loading weights: an exact round trip through a plain .npz (no pickle),
and a clear refusal to load into a different architecture."""

import numpy as np
import pytest

import backprop as bp


def test_round_trip_is_exact(tmp_path):
    trained = bp.MLP([2, 5, 3], "tanh", seed=1)
    for p in trained.parameters():  # biases away from their zero start
        p.data = p.data + np.random.default_rng(0).normal(size=p.data.shape)
    path = tmp_path / "weights.npz"
    bp.save_weights(trained, path)
    fresh = bp.MLP([2, 5, 3], "tanh", seed=2)
    bp.load_weights(fresh, path)
    for (name, p), (name2, q) in zip(trained.named_parameters(), fresh.named_parameters()):
        assert name == name2
        np.testing.assert_array_equal(p.data, q.data)
        assert q.data.dtype == np.float64 and q.data is not p.data
    X = np.random.default_rng(1).normal(size=(4, 2))
    np.testing.assert_array_equal(trained.forward(X), fresh.forward(X))


def test_file_is_plain_arrays_without_pickle(tmp_path):
    model = bp.MLP([3, 4, 1], seed=0)
    path = tmp_path / "weights.npz"
    bp.save_weights(model, path)
    with np.load(path, allow_pickle=False) as saved:  # would raise if an object array were stored
        names = set(saved.files)
        assert {"layers[0].W", "layers[0].b", "layers[2].W", "layers[2].b"} <= names
        np.testing.assert_array_equal(saved["layers[2].W"], model.layers[2].W.data)
        for key in saved.files:
            assert saved[key].dtype != object


@pytest.mark.parametrize("other_sizes, mismatched", [([3, 5, 1], "layers[0].W"),
                                                     ([3, 4, 4, 1], "layers[4].W")])
def test_different_architecture_is_refused(tmp_path, other_sizes, mismatched):
    path = tmp_path / "weights.npz"
    bp.save_weights(bp.MLP([3, 4, 1], seed=0), path)
    other = bp.MLP(other_sizes, seed=5)
    before = [p.data.copy() for p in other.parameters()]
    with pytest.raises(ValueError) as info:
        bp.load_weights(other, path)
    message = str(info.value)
    assert "different architecture" in message and mismatched in message
    assert "MLP([3, 4, 1]" in message and f"MLP({other_sizes}" in message
    assert "Build the model with the same sizes" in message
    for p, data in zip(other.parameters(), before):  # the model is left untouched
        np.testing.assert_array_equal(p.data, data)
