"""Print the nbgitpuller link that puts this course into every student's JupyterHub home.

    python tools/nbgitpuller_link.py --hub https://hub.example.edu \\
        [--repo URL] [--branch main] [--notebook notebooks/00_index.ipynb] \\
        [--interface lab|notebook] [--folder NAME]

A student who follows the link logs in to the hub, which starts their server; nbgitpuller
then clones the repository into `~/FOLDER` the first time and, every later time, merges the
teacher's new commits into it while keeping the student's own edits (it commits them
first and merges with git's `-Xours`, so where both changed the same lines the student's
version wins). Finally it opens the notebook.

The link is the hub's `hub/user-redirect/git-pull` endpoint (which forwards to the
student's own server) with these query parameters, each percent-encoded:

    repo        the git URL the students' servers clone from
    branch      the branch to follow
    targetpath  the folder in the student's home, FOLDER
    urlpath     the page to open once the pull is done: lab/tree/FOLDER/NOTEBOOK
                (JupyterLab) or notebooks/FOLDER/NOTEBOOK (Notebook 7)

`targetpath` is always given, so the folder the pull writes and the page the link opens
agree: without it nbgitpuller names the folder after the URL's last part, `.git` included.
The repository URL defaults to `[project.urls] Repository` in pyproject.toml, the one
place the course keeps it.
"""

import argparse
import re
import sys
import tomllib
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
INTERFACES = {"lab": "lab/tree", "notebook": "notebooks"}
REPO_SCHEMES = ("https", "http", "file", "ssh", "git")
# what git allows in a branch name, minus the rarely used characters that would need
# quoting on a command line (see `git check-ref-format`)
BRANCH = re.compile(r"^(?!-)(?!.*\.\.)(?!.*//)[A-Za-z0-9._/-]+(?<![./])$")


def repository_url(pyproject=ROOT / "pyproject.toml"):
    """The repository URL kept in pyproject.toml's [project.urls], or None."""
    try:
        with open(pyproject, "rb") as f:
            urls = tomllib.load(f).get("project", {}).get("urls", {})
    except FileNotFoundError:
        return None
    return urls.get("Repository")


def default_folder(repo):
    """The folder nbgitpuller would name after the URL's last part, without `.git`."""
    last = repo.rstrip("/").rsplit("/", 1)[-1]
    return last.removesuffix(".git")


def _check_hub(hub):
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"--hub {hub!r} is not the hub's address: give its http(s) URL, "
                         "e.g. https://hub.example.edu (or https://example.edu/course/ when "
                         "the hub is served under a path)")
    return hub.rstrip("/")


def _check_repo(repo):
    scheme = urlsplit(repo).scheme
    if not repo or repo != repo.strip() or scheme not in REPO_SCHEMES:
        raise ValueError(f"--repo {repo!r} is not a git URL that the students' servers can "
                         f"clone: give one with a scheme ({', '.join(REPO_SCHEMES)}), e.g. "
                         "https://github.com/you/backprop-course")
    return repo


def _check_relative(name, value, what):
    path = Path(value)
    if not value or path.is_absolute() or ".." in path.parts or "\\" in value:
        raise ValueError(f"{name} {value!r}: give {what} as a relative path with forward "
                         "slashes and no '..'")
    return path.as_posix()


def make_link(hub, repo, branch="main", notebook="notebooks/00_index.ipynb",
              interface="lab", folder=None):
    """The nbgitpuller link; raises ValueError saying which argument is wrong and why."""
    hub, repo = _check_hub(hub), _check_repo(repo)
    if not BRANCH.match(branch):
        raise ValueError(f"--branch {branch!r} is not a git branch name (letters, digits, "
                         "'.', '_', '-' and '/', not starting with '-' or containing '..')")
    notebook = _check_relative("--notebook", notebook, "the notebook's place in the repository")
    if not notebook.endswith(".ipynb"):
        raise ValueError(f"--notebook {notebook!r} is not a notebook: give one ending in "
                         ".ipynb, e.g. notebooks/00_index.ipynb")
    if interface not in INTERFACES:
        raise ValueError(f"--interface {interface!r}: choose one of {', '.join(INTERFACES)}")
    folder = _check_relative("--folder", folder or default_folder(repo),
                             "the folder in the student's home")
    if folder in (".", ""):
        raise ValueError(f"cannot name a folder after {repo!r}: pass --folder NAME")
    query = {"repo": repo, "branch": branch, "targetpath": folder,
             "urlpath": f"{INTERFACES[interface]}/{folder}/{notebook}"}
    # quote, not quote_plus, and no safe characters: what nbgitpuller's own link
    # generator does (encodeURIComponent), so the links look the same
    return f"{hub}/hub/user-redirect/git-pull?{urlencode(query, quote_via=quote, safe='')}"


def main(argv=None, pyproject=ROOT / "pyproject.toml"):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hub", required=True, help="the hub's URL, e.g. https://hub.example.edu")
    parser.add_argument("--repo", default=repository_url(pyproject),
                        help="git URL to clone (default: [project.urls] Repository in pyproject.toml)")
    parser.add_argument("--branch", default="main", help="branch to follow (default: main)")
    parser.add_argument("--notebook", default="notebooks/00_index.ipynb",
                        help="notebook to open, relative to the repository root "
                             "(default: notebooks/00_index.ipynb)")
    parser.add_argument("--interface", default="lab", choices=list(INTERFACES),
                        help="JupyterLab or Notebook 7 (default: lab)")
    parser.add_argument("--folder", help="folder in each student's home "
                                         "(default: the repository's name)")
    args = parser.parse_args(argv)
    if not args.repo:
        parser.error("no --repo given, and pyproject.toml has no [project.urls] Repository: "
                     "pass --repo URL")
    try:
        print(make_link(args.hub, args.repo, args.branch, args.notebook, args.interface,
                        args.folder))
    except ValueError as e:
        parser.error(str(e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
