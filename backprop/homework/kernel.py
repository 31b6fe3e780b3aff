"""A Jupyter kernel in a separate process that runs code with a time limit (via nbclient).

`KernelSession.run(code, timeout)` returns an `Outcome`:
- "ok" or "error" (the code raised; the error is in the outputs);
- "timeout": the cell ran longer than `timeout`, the kernel was interrupted and answers
  again;
- "hung": it ran over `timeout` and the kernel did not answer the interrupt (stopped);
- "dead": the kernel died; start a new session.
The grader's own process never runs the learner's code.

With a `Workspace` (backprop.homework.isolation), the kernel gets that run's folders, its
minimal environment, the package copy first on its path, and (as root) another user; its
connection file is written into its own folder and handed to that user.
"""

import logging
import math
import os
import subprocess
import tempfile
from dataclasses import dataclass, field

from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.v4 import new_code_cell, new_notebook

# nbclient logs every timeout and dead kernel as an ERROR; the grader reports them itself.
QUIET = logging.getLogger("backprop.homework.kernel")
QUIET.addHandler(logging.NullHandler())
QUIET.propagate = False
TIMEOUT_ERROR = {"ename": "GraderTimeout", "evalue": "the cell ran out of time", "traceback": []}


@dataclass
class Outcome:
    status: str
    outputs: list = field(default_factory=list)

    def text(self):
        """Everything the cell printed to stdout."""
        return "".join(o.get("text", "") for o in self.outputs
                       if o.get("output_type") == "stream" and o.get("name") == "stdout")

    def error(self):
        """'NameError: name ...' for the cell's error output, or ''."""
        for o in self.outputs:
            if o.get("output_type") == "error":
                return f"{o.get('ename', 'Error')}: {o.get('evalue', '')}".strip()
        return ""


class IsolatedKernelManager(AsyncKernelManager):
    """A kernel manager that starts the kernel with the workspace's command line."""

    workspace = None

    ids = None  # (uid, gid) of the kernel's user, or None

    def format_kernel_cmd(self, extra_arguments=None):
        return self.workspace.command(self.connection_file, self.ids) + list(extra_arguments or [])

    def write_connection_file(self, **kwargs):
        super().write_connection_file(**kwargs)
        self.workspace.give(self.connection_file, self.ids)


class KernelSession:
    """`KernelSession(cwd)`: a plain kernel in folder `cwd`; `KernelSession(workspace=ws)`:
    an isolated kernel in a new folder of the grading run's workspace."""

    def __init__(self, cwd=None, kernel_name="python3", workspace=None):
        self.notebook = new_notebook()
        self.workspace, self.env, self.ids = workspace, None, None
        km = None
        if workspace is not None:
            folder, self.ids = workspace.kernel_dir()
            cwd, self.env = folder / "work", workspace.env(folder)
            km = IsolatedKernelManager(kernel_name=kernel_name)
            km.workspace, km.ids = workspace, self.ids
            km.connection_file = str(folder / "connection.json")
        elif cwd is None:
            cwd = tempfile.gettempdir()
        self.client = NotebookClient(self.notebook, km=km, kernel_name=kernel_name,
                                     allow_errors=True, interrupt_on_timeout=True,
                                     error_on_timeout=TIMEOUT_ERROR,
                                     resources={"metadata": {"path": str(cwd)}}, log=QUIET)
        self.client.on_cell_executed = self._remember_reply
        self._reply = None
        self._context = None
        self.alive = False

    def _remember_reply(self, cell, cell_index, execute_reply):
        self._reply = execute_reply

    def start(self):
        # Matplotlib draws nothing to show here; the kernel's own log lines go nowhere.
        env = self.env or dict(os.environ, MPLBACKEND="Agg")
        self._context = self.client.setup_kernel(env=env, stderr=subprocess.DEVNULL,
                                                 cleanup_kc=True)
        self._context.__enter__()
        self.alive = True
        return self

    def stop(self, immediately=False):
        if immediately:  # a dead or stuck kernel cannot answer a polite shutdown request
            self.client.shutdown_kernel = "immediate"
        if self._context is not None:
            try:
                self._context.__exit__(None, None, None)
            except Exception:  # a dead kernel may fail to shut down cleanly; it is gone anyway
                pass
            self._context = None
        if self.workspace is not None:
            self.workspace.reap(self.ids)  # what the kernel left running
        self.alive = False

    def _execute(self, code, timeout):
        """Run one cell (nbclient writes it back into our notebook, so it is appended)."""
        cell = new_code_cell(code)
        self.notebook.cells.append(cell)
        self.client.timeout = max(1, math.ceil(timeout))  # nbclient takes whole seconds
        self._reply = None
        self.client.execute_cell(cell, len(self.notebook.cells) - 1)
        return cell

    def run(self, code, timeout):
        cell = new_code_cell(code)
        try:
            cell = self._execute(code, timeout)
        except (DeadKernelError, CellTimeoutError, RuntimeError, OSError):
            self.stop(immediately=True)
            return Outcome("dead", cell.outputs)
        content = (self._reply or {}).get("content", {})
        if content.get("ename") == TIMEOUT_ERROR["ename"]:
            # interrupted: does the kernel answer again? If not, it is of no further use.
            iopub_timeout, self.client.iopub_timeout = self.client.iopub_timeout, 1
            try:
                self._execute("pass", 3)
                responsive = (self._reply or {}).get("content", {}).get("status") == "ok"
            except (DeadKernelError, CellTimeoutError, RuntimeError, OSError):
                responsive = False
            finally:
                self.client.iopub_timeout = iopub_timeout
            if not responsive:
                self.stop(immediately=True)
                return Outcome("hung", cell.outputs)
            return Outcome("timeout", cell.outputs)
        return Outcome("error" if content.get("status") == "error" else "ok", cell.outputs)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
