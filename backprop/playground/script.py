"""`code(run)`: the run since its last reset as plain Python that uses `backprop` and `fit`.

One `fit` call per learning-rate segment, all sharing one generator (`seed=rng`) and one
`History`, exactly as the playground calls them, so running the script in a fresh
Python gives the same weights.
"""

from .run import LOSSES, penalties


def code(run):
    s = run.settings
    l1, l2 = penalties(s)
    features = list(s["features"])
    lines = [
        "import numpy as np",
        "",
        "from backprop import MLP, History, fit",
        "from backprop.playground import features, playground_data",
        "",
        f"rng = np.random.default_rng({s['seed']})  # data, then weights, then shuffling",
        f"X_train, X_test, y_train, y_test = playground_data({s['dataset']!r}, "
        f"noise={s['noise']}, train_percent={s['train_percent']}, rng=rng)",
        f"X_train, X_test = features(X_train, {features!r}), features(X_test, {features!r})",
        f"model = MLP({run.sizes}, activation={s['activation']!r}, rng=rng)",
        "history = History()",
    ]
    for lr, epochs in run.segments:
        lines.append(f"fit(model, X_train, y_train, loss={LOSSES[run.problem]!r}, optimizer='sgd', "
                     f"lr={lr!r}, epochs={epochs}, batch_size={s['batch_size']}, l1={l1!r}, "
                     f"l2={l2!r}, validation=(X_test, y_test), seed=rng, history=history, "
                     "verbose=False)")
    if not run.segments:
        lines.append("# not trained yet: press Play or Step, or call pg.step(n)")
    return "\n".join(lines) + "\n"
