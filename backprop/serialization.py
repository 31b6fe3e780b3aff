"""Save and load a model's weights as `.npz` (plain arrays, never pickle).

A file written by `save_weights` holds one array per parameter, named as in
`model.named_parameters()`, plus the model's description. `load_weights` refuses a file
whose parameter names or shapes differ from the model's and says which.
"""

import numpy as np

_DESCRIPTION_KEY = "__model__"


def save_weights(model, path):
    arrays = {name: p.data for name, p in model.named_parameters()}
    arrays[_DESCRIPTION_KEY] = np.array(repr(model))
    np.savez(path, **arrays)


def load_weights(model, path):
    with np.load(path, allow_pickle=False) as saved:
        stored = {k: saved[k] for k in saved.files if k != _DESCRIPTION_KEY}
        described = str(saved[_DESCRIPTION_KEY]) if _DESCRIPTION_KEY in saved.files else "?"
    params = dict(model.named_parameters())
    mismatched = sorted(set(stored) ^ set(params)) + \
        [n for n in params if n in stored and stored[n].shape != params[n].data.shape]
    if mismatched:
        raise ValueError(f"{path} was saved from a different architecture ({described}) than "
                         f"this model ({model!r}); mismatched parameters: "
                         f"{', '.join(mismatched)}. Build the model with the same sizes first.")
    for name, p in params.items():
        p.data = stored[name].astype(np.float64)
