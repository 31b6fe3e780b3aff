"""Execute notebooks in place from a clean kernel, so they can be committed with outputs.

    python tools/execute_notebooks.py notebooks/03_a_single_neuron.ipynb [more.ipynb ...]

Each notebook runs in a fresh kernel of this environment, in its own folder (so relative
links and files work as they do for a learner), and is written back with execution
counts 1..N. A cell that raises stops the run and nothing is written.
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path, timeout=600):
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    nbformat.write(notebook, path)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        execute(name)
        print(f"executed {name}")
