"""Start JupyterLab on the course index, as root or as a normal user, with or without a screen.

    python tools/lab.py            (what `make lab` runs)
    OPEN_BROWSER=0 python tools/lab.py

- As root (Docker images, many cloud machines) Jupyter refuses to start unless it is
  given `--allow-root`; this adds it only then.
- A browser is opened only where there is a screen to show it: on Linux that means
  DISPLAY or WAYLAND_DISPLAY is set. `OPEN_BROWSER=0` switches it off everywhere,
  `OPEN_BROWSER=1` forces it on.
- Jupyter's own port retries stay on: if 8888 is busy it takes the next free port. Once
  it prints its URL, this prints that URL again and the `ssh -L` line that forwards its
  port from a remote machine.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URL = re.compile(r"(http://(?:localhost|127\.0\.0\.1):(\d+)/\S*)")


def is_root():
    return hasattr(os, "geteuid") and os.geteuid() == 0


def should_open_browser(environ=os.environ, platform=sys.platform):
    """OPEN_BROWSER=0/1 decides; otherwise open one unless this is a Linux without a screen."""
    choice = environ.get("OPEN_BROWSER", "").strip().lower()
    if choice in ("0", "no", "false", "off"):
        return False
    if choice in ("1", "yes", "true", "on"):
        return True
    if platform.startswith("linux"):
        return bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    return True


def lab_command(open_browser, root):
    # The server's root is the course folder (so lessons and homework are both in its file
    # browser); the page it opens first is the index.
    command = [sys.executable, "-m", "jupyter", "lab",
               "--ServerApp.default_url=/lab/tree/notebooks/00_index.ipynb"]
    if root:
        command.append("--allow-root")
    if not open_browser:
        command.append("--no-browser")
    return command


def main():
    open_browser = should_open_browser()
    command = lab_command(open_browser, is_root())
    print("$", " ".join(command[2:]), flush=True)
    lab = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True, bufsize=1)
    told = False
    try:
        for line in lab.stderr:
            sys.stderr.write(line)
            match = URL.search(line)
            if match and not told:
                told = True
                url, port = match.groups()
                url = url.replace("/lab?", "/lab/tree/notebooks/00_index.ipynb?", 1)
                where = "Opening it in your browser." if open_browser else "No browser opened."
                print(f"\nThe course is at {url}\n{where} On a remote machine, forward the "
                      f"port first:\n    ssh -L {port}:localhost:{port} you@the-remote-machine\n"
                      "then open the URL above on your own machine. Stop with Ctrl-C.\n",
                      file=sys.stderr, flush=True)
        return lab.wait()
    except KeyboardInterrupt:
        lab.terminate()
        return lab.wait()


if __name__ == "__main__":
    sys.exit(main())
