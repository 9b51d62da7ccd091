"""Write README's Binder badge and JupyterHub links from the repository's own git remote.

Usage::

    python tools/links.py                      # reads `git remote get-url origin`
    python tools/links.py --repo account/relmark

The links live in one generated block of README.md, between
``<!-- links: ... -->`` and ``<!-- end of links -->``.  With a GitHub remote
the block holds the Binder badge, the ``pip install git+...`` line for a hub
and the nbgitpuller link to the student edition's repository (the remote's
name with ``-student``); with none, it says how to set one.  ``make links``
calls it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from registry import notebook_paths  # noqa: E402

README = ROOT / "README.md"
BEGIN = "<!-- links: generated from the git remote by tools/links.py (make links) -->"
END = "<!-- end of links -->"
START_NOTEBOOK = notebook_paths()[0].relative_to(ROOT).as_posix()  # the registry's first notebook
GITHUB = re.compile(r"github\.com[:/](?P<repo>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$")


def github_repo(url: str) -> str | None:
    """``account/name`` of a GitHub remote URL (https or ssh), or None for any other URL.

    Examples
    --------
    >>> github_repo("git@github.com:acme/relmark.git")
    'acme/relmark'
    >>> github_repo("https://github.com/acme/relmark") is None
    False
    >>> github_repo("/srv/git/relmark") is None
    True
    """
    match = GITHUB.search(url.strip())
    return match.group("repo") if match else None


def origin_url(root: Path = ROOT) -> str:
    """The URL of the ``origin`` remote, or "" when there is none."""
    result = subprocess.run(["git", "-C", str(root), "remote", "get-url", "origin"],
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else ""


def links_block(repo: str | None, branch: str = "main") -> str:
    """The README block for GitHub repository ``repo`` (``account/name``), or the set-up note."""
    if repo is None:
        return "\n".join([
            BEGIN,
            "This copy has no GitHub remote yet, so there is no Binder badge or hub link to show. "
            "Set the remote once (`git remote add origin https://github.com/ACCOUNT/NAME`) and run "
            "`make links`: it writes the badge, the hub install line and the nbgitpuller link here.",
            END,
        ])
    student = f"{repo}-student"
    student_name = student.split("/", 1)[1]
    binder = (f"https://mybinder.org/v2/gh/{repo}/{branch}?urlpath=lab/tree/{START_NOTEBOOK}")
    pull = (f"https://HUB.example.edu/hub/user-redirect/git-pull?repo="
            f"{quote(f'https://github.com/{student}', safe='')}&branch={branch}&urlpath="
            f"{quote(f'lab/tree/{student_name}/{START_NOTEBOOK}', safe='')}")
    return "\n".join([
        BEGIN,
        f"[![Binder](https://mybinder.org/badge_logo.svg)]({binder})",
        "",
        f"- Install on a hub: `pip install git+https://github.com/{repo}`",
        f"- nbgitpuller link to the student edition (pushed to `{student}`; replace "
        "`HUB.example.edu` with your hub's address):",
        "",
        "  ```",
        f"  {pull}",
        "  ```",
        END,
    ])


def rewrite(text: str, block: str) -> str:
    """``text`` with its links block replaced by ``block``."""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise ValueError(f"README.md has no links block starting {BEGIN!r}.")
    return pattern.sub(lambda _: block, text, count=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", help="account/name on GitHub (default: from the origin remote)")
    parser.add_argument("--branch", default="main")
    args = parser.parse_args(argv)
    repo = args.repo or github_repo(origin_url())
    README.write_text(rewrite(README.read_text(encoding="utf-8"), links_block(repo, args.branch)),
                      encoding="utf-8")
    print(f"README links: {repo or 'no GitHub remote (set-up note written)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
