"""Where a learner's kernel runs during grading, and the files it must not change.

`Workspace()` is made once per grading run, in a new temporary folder:
- lib/backprop: a copy of the `backprop` package (default: the one the grader runs), with
  `backprop.checks` replaced by an inert stub and without `backprop.homework`, so a kernel
  neither imports nor can read the grader's comparison code there. The kernel gets lib/
  first on its PYTHONPATH, so `import backprop` finds this copy.
- kernels/N: each kernel's own HOME, IPYTHONDIR, working folder and connection file.
- When the grader runs as root, each kernel runs as a user of its own: a fresh numeric
  uid and gid that no account or process has (or a named user, `kernel_user="alice"`),
  via `setpriv --reuid --regid --clear-groups --no-new-privs`. lib/ and the grader's own
  files stay root's, so the kernel cannot write them; no two kernels share a uid, so one
  cannot signal, trace or write the files of another; and when a kernel stops, every
  process left with its fresh uid (a background process it started) is killed.

`Watch` hashes (SHA-256 of every file's path and bytes) the copy and site-packages'
startup hooks (*.pth, the modules they import, sitecustomize, usercustomize) when grading
starts, and `changes()` compares them again: the copy and the hooks are restored from the
snapshot, the grader's own package (which the grader imported at start) is only reported.
In a parallel run each worker process gets the workspace with `watch.restoring = False`:
it only reports a change (its notebook is then regraded alone, see `batch`), and the
main process restores.

Kernels run with OPENBLAS_NUM_THREADS (and OMP_, MKL_) = 1, so that parallel kernels do
not start more BLAS threads than there are cores.
"""

import grp
import hashlib
import os
import pwd
import re
import secrets
import shutil
import signal
import site
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import backprop

STUB_CHECKS = '''"""During grading the checks do not run in this kernel: the grader runs them itself."""


def __getattr__(name):
    if name.startswith("check_"):
        return _silent
    raise AttributeError(f"module 'backprop.checks' has no attribute {name!r} during grading")


def _silent(*args, **kwargs):
    return None
'''
HOOKS = re.compile(r"^(.*\.pth|sitecustomize\.py|usercustomize\.py)$")
ENV_KEPT = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TERM")
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _copy_package(source, target):
    def ignore(folder, names):
        skip = {"__pycache__"}
        if Path(folder) == source:
            skip |= {"checks", "homework"}
        return [n for n in names if n in skip or n.endswith(".pyc")]

    shutil.copytree(source, target, ignore=ignore)
    (target / "checks").mkdir()
    (target / "checks" / "__init__.py").write_text(STUB_CHECKS, encoding="utf-8")


def snapshot(root):
    """{relative path: bytes} of every file under `root` (symlinks as their target text)."""
    files = {}
    for path in sorted(Path(root).rglob("*")):
        if path.is_symlink():
            files[str(path.relative_to(root))] = b"symlink:" + os.readlink(path).encode()
        elif path.is_file():
            files[str(path.relative_to(root))] = path.read_bytes()
    return files


def digest(files):
    h = hashlib.sha256()
    for name, data in sorted(files.items()):
        h.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


def startup_hooks(site_dirs):
    """{path: bytes} of the files Python runs at start-up from these site folders."""
    files = {}
    for folder in map(Path, site_dirs):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if HOOKS.match(path.name) and path.is_file():
                files[str(path)] = path.read_bytes()
                if path.suffix == ".pth":
                    for module in _pth_imports(files[str(path)]):
                        for candidate in (folder / f"{module}.py", folder / module / "__init__.py"):
                            if candidate.is_file():
                                files[str(candidate)] = candidate.read_bytes()
    return files


def _pth_imports(data):
    """The modules a .pth file's `import` lines load (Python runs those lines at start-up)."""
    names = []
    for line in data.decode("utf-8", "replace").splitlines():
        if line.startswith(("import ", "import\t")):
            names += re.findall(r"(?:^|;)\s*import\s+([A-Za-z_][\w]*)", line)
    return names


class Watch:
    """Files that must not change while a notebook runs; see the module docstring."""

    def __init__(self, copy_root, site_dirs, original):
        self.copy_root, self.site_dirs, self.original = Path(copy_root), list(site_dirs), original
        self.restoring = True
        self.copy = snapshot(self.copy_root)
        self.hooks = startup_hooks(self.site_dirs)
        self.own = self._own_files()

    def _own_files(self):
        if self.original is None:
            return {}
        return {k: v for k, v in snapshot(self.original).items()
                if "__pycache__" not in k and not k.endswith(".pyc")}

    def changes(self, restore=None):
        """(found, reported): what changed in the copy and the hooks (restored, unless
        `restore` is False, or None and `self.restoring` is False), and in the grader's own
        package (reported only); two lists of lines, empty when nothing did."""
        restore = self.restoring if restore is None else restore
        found, reported = [], []
        now = snapshot(self.copy_root)
        if digest(now) != digest(self.copy):
            found.append("the grader's copy of backprop: " + _diff(self.copy, now))
            if restore:
                shutil.rmtree(self.copy_root, ignore_errors=True)
                _write(self.copy_root, self.copy)
        hooks = startup_hooks(self.site_dirs)
        if digest(hooks) != digest(self.hooks):
            found.append("Python's start-up hooks in site-packages: " + _diff(self.hooks, hooks))
            if restore:
                for path in set(hooks) - set(self.hooks):
                    Path(path).unlink(missing_ok=True)
                for path, data in self.hooks.items():
                    if hooks.get(path) != data:
                        Path(path).write_bytes(data)
        own = self._own_files()
        if digest(own) != digest(self.own):
            reported.append(f"the grader's own package at {self.original} (not restored: check "
                         "it, e.g. with git diff, before grading again): " + _diff(self.own, own))
            self.own = own  # report each change once
        return found, reported


def _diff(before, after):
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    parts = [f"{label} {', '.join(names[:5])}" + (" ..." if len(names) > 5 else "")
             for label, names in (("changed", changed), ("added", added), ("removed", removed))
             if names]
    return "; ".join(parts)


def _write(root, files):
    for name, data in files.items():
        path = Path(root) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        os.chmod(path, 0o644)
    for folder in [Path(root)] + [p for p in Path(root).rglob("*") if p.is_dir()]:
        os.chmod(folder, 0o755)


PRIVATE = "private"  # a fresh uid per kernel


def kernel_user(requested="auto"):
    """What to run kernels as: PRIVATE (a fresh uid per kernel), (uid, gid, name) of a named
    user, or None (the grader's own user).

    "auto": PRIVATE when the grader is root and `setpriv` exists, else None; "none": None;
    a user name: that user (the grader must be root)."""
    if requested in (None, "none"):
        return None
    if requested == "auto":
        if os.geteuid() != 0 or shutil.which("setpriv") is None:
            return None
        if _can_switch(*_fresh_ids()):
            return PRIVATE
        nobody = _try(pwd.getpwnam, "nobody") and pwd.getpwnam("nobody")
        if nobody and _can_switch(nobody.pw_uid, nobody.pw_gid):  # e.g. a narrow uid map
            return nobody.pw_uid, nobody.pw_gid, "nobody"
        return None
    if os.geteuid() != 0:
        raise ValueError(f"--kernel-user {requested}: only root can start kernels as another "
                         "user; run the grader as root, or pass --kernel-user none.")
    if shutil.which("setpriv") is None:
        raise ValueError("--kernel-user needs the `setpriv` command (package util-linux).")
    try:
        entry = pwd.getpwnam(requested)
    except KeyError:
        raise ValueError(f"--kernel-user {requested}: no such user.") from None
    if entry.pw_uid == 0:
        raise ValueError(f"--kernel-user {requested}: that is root; name an unprivileged user.")
    return entry.pw_uid, entry.pw_gid, requested


FRESH_IDS = (3_000_000_000, 4_000_000_000)  # far above any account's uid


def _can_switch(uid, gid):
    """Whether setpriv can run a program as uid:gid here (a container may map few uids)."""
    try:
        done = subprocess.run([shutil.which("setpriv"), f"--reuid={uid}", f"--regid={gid}",
                               "--clear-groups", "--no-new-privs", "--", sys.executable, "-c",
                               "pass"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def describe(user):
    """One line for the grader's output: whom the kernels run as."""
    if user == PRIVATE:
        return "kernels run as a fresh unprivileged uid each (setpriv)"
    if user:
        return f"kernels run as user {user[2]} (setpriv)"
    return ("kernels run as your own user: a submission can write, signal or trace what you can "
            "(run the grader as root for a fresh unprivileged uid per kernel)")


def _fresh_ids():
    """A uid (= gid) that no account and no running process has."""
    while True:
        uid = FRESH_IDS[0] + secrets.randbelow(FRESH_IDS[1] - FRESH_IDS[0])
        if not _try(pwd.getpwuid, uid) and not _try(grp.getgrgid, uid) and \
                not _processes_of(uid):
            return uid, uid


def _try(function, *args):
    try:
        function(*args)
        return True
    except (KeyError, OSError):
        return False


def _processes_of(uid):
    """The ids of the live processes whose real or effective uid is `uid` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = dict(line.split(":", 1) for line in
                          (entry / "status").read_text().splitlines() if ":" in line)
        except OSError:  # the process ended meanwhile
            continue
        zombie = fields.get("State", "").strip().startswith("Z")  # dead, only not yet waited for
        if not zombie and uid in [int(x) for x in fields.get("Uid", "").split()[:2]]:
            found.append(int(entry.name))
    return found


class Workspace:
    """One grading run's folder: the package copy, the kernels' folders, the watch."""

    def __init__(self, package_dir=None, site_dirs=None, user="auto"):
        self.package_dir = Path(package_dir or Path(backprop.__file__).parent).resolve()
        if not (self.package_dir / "__init__.py").is_file():
            raise ValueError(f"{self.package_dir} is not the backprop package (no __init__.py).")
        self.user = kernel_user(user)
        self.root = Path(tempfile.mkdtemp(prefix="backprop-grade-"))
        os.chmod(self.root, 0o711)  # the kernel's user may pass through, not list or write
        self.lib = self.root / "lib"
        _copy_package(self.package_dir, self.lib / "backprop")
        _write(self.lib, snapshot(self.lib))  # normalise modes: 0755 folders, 0644 files
        if site_dirs is None:
            site_dirs = site.getsitepackages() + [site.getusersitepackages()]
        self.watch = Watch(self.lib, site_dirs, self.package_dir)
        self._kernels = 0

    def kernel_dir(self):
        """A new folder for one kernel, owned by the kernel's user: home/, ipython/, work/;
        returns (folder, (uid, gid) or None)."""
        self._kernels += 1  # with the process id: parallel workers share the workspace
        folder = self.root / "kernels" / f"{os.getpid()}-{self._kernels}"
        for sub in ("home", "ipython", "work"):
            (folder / sub).mkdir(parents=True)
        (self.root / "kernels").chmod(0o711)
        ids = _fresh_ids() if self.user == PRIVATE else self.user[:2] if self.user else None
        for path in [folder] + [folder / s for s in ("home", "ipython", "work")]:
            os.chmod(path, 0o700)
            if ids:
                os.chown(path, *ids)
        return folder, ids

    def reap(self, ids):
        """Kill every process left with a kernel's fresh uid (only fresh uids: a named user
        may run other things)."""
        if self.user != PRIVATE or not ids:
            return 0
        killed = 0
        for _ in range(20):  # again, in case one forked while we looked
            left = _processes_of(ids[0])
            if not left:
                break
            killed += sum(_try(os.kill, pid, signal.SIGKILL) for pid in left)
            time.sleep(0.05)
        return killed

    def env(self, folder):
        """The kernel's whole environment: a few of ours, its own folders, the copy first."""
        env = {k: os.environ[k] for k in ENV_KEPT if k in os.environ}
        env.update(USER="backprop-kernel", LOGNAME="backprop-kernel",
                   HOME=str(folder / "home"), IPYTHONDIR=str(folder / "ipython"),
                   MPLCONFIGDIR=str(folder / "home" / ".matplotlib"), MPLBACKEND="Agg",
                   PYTHONPATH=str(self.lib), PYTHONNOUSERSITE="1", PYTHONDONTWRITEBYTECODE="1",
                   JUPYTER_RUNTIME_DIR=str(folder / "home" / "runtime"), TMPDIR=str(folder / "work"))
        env.update(ONE_THREAD)
        return env

    def command(self, connection_file, ids):
        """The kernel's command line (through setpriv when it runs as another user)."""
        cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", str(connection_file)]
        if ids:
            cmd = [shutil.which("setpriv"), f"--reuid={ids[0]}", f"--regid={ids[1]}",
                   "--clear-groups", "--no-new-privs", "--"] + cmd
        return cmd

    def give(self, path, ids):
        """Hand a file the grader wrote (the connection file) to the kernel's user."""
        if ids:
            os.chown(path, *ids)
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)

    def close(self):
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
