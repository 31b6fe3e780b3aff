"""The Binder badge, the "Open in Colab" links and Colab's install lines, from one URL.

    python tools/course_links.py [--repo URL]

The repository URL is kept in one place, `[project.urls] Repository` in pyproject.toml
(read by tools/nbgitpuller_link.py too); `--repo` overrides it, e.g. for a fork. Both
Binder's `v2/gh/OWNER/NAME/REF` route and Colab's `github/OWNER/NAME/blob/BRANCH/PATH`
route need a GitHub repository, so the URL must be one.

Colab opens a single notebook, not the repository, so a lesson there cannot import the
course's package until it is installed: `colab_setup_lines` are the first lines of a
lesson's setup cell. They install the package from the repository when the kernel is
Colab's (its kernel has imported `google.colab` before any cell runs) and do nothing,
printing nothing, anywhere else.
"""

import argparse
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nbgitpuller_link import repository_url  # noqa: E402

INDEX = "notebooks/00_index.ipynb"


def github_slug(repo):
    """'OWNER/NAME' of a https://github.com/OWNER/NAME[.git] URL; ValueError otherwise."""
    if not repo:
        raise ValueError("no repository URL: set [project.urls] Repository in pyproject.toml "
                         "or pass --repo https://github.com/OWNER/NAME (GitHub repository URL)")
    parts = urlsplit(repo)
    path = parts.path.strip("/").removesuffix(".git").split("/")
    if parts.scheme != "https" or parts.netloc != "github.com" or len(path) != 2 or not all(path):
        raise ValueError(f"{repo!r} is not a GitHub repository URL "
                         "(https://github.com/OWNER/NAME): Binder's and Colab's GitHub routes "
                         "need one; set [project.urls] Repository in pyproject.toml or pass --repo")
    return "/".join(path)


def binder_url(repo, notebook=INDEX, ref="HEAD"):
    urlpath = quote(f"lab/tree/{notebook}", safe="")
    return f"https://mybinder.org/v2/gh/{github_slug(repo)}/{ref}?urlpath={urlpath}"


def binder_badge(repo, notebook=INDEX):
    """The README's Binder badge line (Markdown)."""
    return f"[![Binder](https://mybinder.org/badge_logo.svg)]({binder_url(repo, notebook)})"


def colab_url(repo, notebook, branch="main"):
    return f"https://colab.research.google.com/github/{github_slug(repo)}/blob/{branch}/{notebook}"


def colab_setup_lines(repo):
    """First lines of a lesson's setup cell: install the course in Colab, else nothing."""
    return (
        "import sys\n"
        "if \"google.colab\" in sys.modules:  # in Colab only: install the course's package\n"
        "    import subprocess\n"
        f"    subprocess.run([sys.executable, \"-m\", \"pip\", \"install\", \"-q\",\n"
        f"                    \"backprop[widgets,data] @ git+https://github.com/{github_slug(repo)}\"],\n"
        "                   check=True)\n"
    )


def main(argv=None, pyproject=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", help="GitHub URL (default: [project.urls] Repository "
                                       "in pyproject.toml)")
    args = parser.parse_args(argv)
    repo = args.repo or (repository_url(pyproject) if pyproject else repository_url())
    try:
        github_slug(repo)
    except ValueError as e:
        parser.error(str(e))
    print("README badge:\n" + binder_badge(repo))
    print("\nOpen the index in Colab:\n" + colab_url(repo, INDEX))
    print("\nFirst lines of each lesson's setup cell:\n" + colab_setup_lines(repo))
    return 0


if __name__ == "__main__":
    sys.exit(main())
