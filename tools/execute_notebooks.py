"""Execute notebooks in place from a clean kernel, so they can be committed with outputs.

    python tools/execute_notebooks.py notebooks/03_a_single_neuron.ipynb [more.ipynb ...]

Each notebook runs in a fresh kernel of this environment, in its own folder (so relative
links and files work as they do for a learner), and is written back with execution
counts 1..N. A cell that raises stops the run and nothing is written.

anywidget models (the playground, the stepper) are left out of the saved widget state:
their state holds the widget's whole JavaScript (`_esm`), and a saved notebook shows
their PNG snapshot instead (GitHub, nbviewer, an untrusted JupyterLab). The explorers'
ipywidgets state stays.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def drop_anywidget_state(notebook):
    """Remove every saved widget model that carries an `_esm` (an anywidget)."""
    widgets = notebook.metadata.get("widgets", {})
    state = widgets.get(WIDGET_STATE, {}).get("state", {})
    for model_id in [key for key, model in state.items() if "_esm" in model.get("state", {})]:
        del state[model_id]
    if widgets and not state:
        del notebook.metadata["widgets"]


def execute(path, timeout=600):
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    drop_anywidget_state(notebook)
    nbformat.write(notebook, path)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        execute(name)
        print(f"executed {name}")
