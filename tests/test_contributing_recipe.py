"""CONTRIBUTING's recipe, executed: a notebook with one widget and three exercises.

The code blocks of the recipe section of ``CONTRIBUTING.md`` are applied, in order, to a copy of
the repository's tracked files (a fresh git repository, so that git counts what changed).  A
block's fence says what it does: ``append=PATH``, ``create=PATH``, ``edit=PATH`` (a diff: lines
with ``-`` or a space are replaced by lines with ``+`` or a space) or ``run`` (a Python script run
at the copy's root); ``later`` marks the change of a default, applied last.  Then:

- at most five files were touched;
- the new explorer passes the generic contract checks (``tests/test_explorer_contracts.py``, run
  in the copy: it finds the explorer by walking the package);
- the three exercises accept the right answers and give known mistakes their own feedback
  (answers worked by hand: 80 / 0.3 = 266.67; referrals add 0.1 x 266.67 x 0.8 / 0.3 = 71.11);
- changing the default retention is a one-line change in one file, and both the explorer and the
  static chart beside it follow (at r = 0.70: CLV 70 / 0.4 = 175, referrals add
  0.1 x 175 x 0.7 / 0.4 = 30.6).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# Above pyproject.toml's 300 s per test: its own pytest run may take up to 600 s, each script
# up to 300 s.
pytestmark = pytest.mark.timeout(1200)

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.S | re.M)
GIT_ENV = {"GIT_AUTHOR_NAME": "recipe", "GIT_AUTHOR_EMAIL": "recipe@example.org",
           "GIT_COMMITTER_NAME": "recipe", "GIT_COMMITTER_EMAIL": "recipe@example.org"}


def recipe_blocks() -> list[tuple[dict[str, str], str]]:
    """(attributes, code) of every code block in the recipe section, in order."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start = text.index("## Recipe: a notebook with one widget and three exercises")
    end = text.find("\n## ", start + 10)
    section = text[start:end if end > 0 else None]
    blocks = []
    for _language, info, code in FENCE.findall(section):
        attributes = dict(word.split("=", 1) if "=" in word else (word, "")
                          for word in info.split())
        blocks.append((attributes, code))
    return blocks


def apply_diff(path: Path, diff: str) -> None:
    """Replace the diff's old lines (``-`` and context) by its new lines (``+`` and context)."""
    old, new = [], []
    for line in diff.splitlines():
        marker, rest = (line[:1], line[1:]) if line else (" ", "")
        if marker in " -":
            old.append(rest)
        if marker in " +":
            new.append(rest)
    text = path.read_text(encoding="utf-8")
    before, after = "\n".join(old) + "\n", "\n".join(new) + "\n"
    assert text.count(before) == 1, f"the recipe's diff does not fit {path.name}:\n{before}"
    path.write_text(text.replace(before, after), encoding="utf-8")


def apply(root: Path, attributes: dict[str, str], code: str) -> None:
    if "run" in attributes:
        subprocess.run([sys.executable, "-c", code], cwd=root, check=True, env=_env(root),
                       timeout=120)
        return
    for action in ("append", "create", "edit"):
        if action in attributes:
            path = root / attributes[action]
            break
    else:
        raise AssertionError(f"a recipe block says neither append, create, edit nor run: {attributes}")
    if action == "create":
        assert not path.exists(), f"{path.name} exists already"
        path.write_text(code, encoding="utf-8")
    elif action == "append":
        with path.open("a", encoding="utf-8") as handle:
            handle.write(code)
    else:
        apply_diff(path, code)


def _env(root: Path) -> dict[str, str]:
    return {**os.environ, **GIT_ENV, "PYTHONPATH": str(root), "MPLBACKEND": "Agg"}


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True,
                          env=_env(root), timeout=120).stdout


def _python(root: Path, script: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=root,
                          capture_output=True, text=True, env=_env(root), timeout=300)


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The tracked files of the repository (as they are now) in a fresh git repository."""
    root = tmp_path_factory.mktemp("recipe") / "relmark"
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True,
                             timeout=60).stdout.decode().split("\0")
    for name in filter(None, tracked):
        source = ROOT / name
        if source.is_file():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "before the recipe")
    return root


def test_the_recipe_has_its_steps():
    kinds = [next(iter(a)) for a, _code in recipe_blocks()]
    assert {"append", "create", "edit", "run"} <= set(kinds)
    assert sum("later" in a for a, _code in recipe_blocks()) == 1


def test_the_recipe_touches_at_most_five_files_and_makes_a_working_notebook(copy):
    for attributes, code in recipe_blocks():
        if "later" not in attributes:
            apply(copy, attributes, code)
    _git(copy, "add", "-A")
    touched = _git(copy, "diff", "--cached", "--name-only").split()
    assert 0 < len(touched) <= 5, f"the recipe touched {len(touched)} files: {touched}"
    assert any(name.endswith(".ipynb") for name in touched)
    _git(copy, "commit", "-q", "-m", "the recipe")

    # The generic contract checks find the new explorer by walking the package, and pass.
    contracts = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/test_explorer_contracts.py", "-k", "ReferralExplorer"],
        cwd=copy, capture_output=True, text=True, env=_env(copy), timeout=600)
    assert contracts.returncode == 0, contracts.stdout[-3000:] + contracts.stderr[-2000:]
    assert re.search(r"\b[5-9] passed|\b\d\d passed", contracts.stdout), contracts.stdout[-500:]

    # The exercises: right answers accepted, known mistakes given their own feedback.
    exercises = _python(copy, """
        from pathlib import Path

        import relmark_helpers
        from relmark_helpers import check
        assert Path(relmark_helpers.__file__).is_relative_to(Path.cwd()), "not the copy's package"
        assert check("11.1", 266.67).status == "correct"
        wrong = check("11.1", 500.0)
        assert wrong.status == "incorrect" and "discounting" in wrong.message, wrong
        assert check("11.2", 71.11).status == "correct"
        wrong = check("11.2", 337.78)
        assert wrong.status == "incorrect" and "asks what they add" in wrong.message, wrong
        assert check("11.3", "b").status == "correct"
        assert check("11.3", "a").status == "incorrect"
        assert check("11.1", ...).status == "unanswered"
        print("exercises ok")
    """)
    assert "exercises ok" in exercises.stdout, exercises.stderr[-3000:]


def test_changing_a_default_the_notebook_shows_is_one_line(copy):
    if not (copy / "relmark_helpers" / "answers" / "nb11.py").exists():
        pytest.skip("needs the recipe applied (the test before)")
    later = [(a, code) for a, code in recipe_blocks() if "later" in a]
    for attributes, code in later:
        apply(copy, attributes, code)
    changes = [line.split("\t") for line in _git(copy, "diff", "--numstat").splitlines()]
    assert [(added, removed) for added, removed, _name in changes] == [("1", "1")], changes
    follows = _python(copy, """
        from relmark_helpers import plot_referral_chart, referral_explorer
        explorer = referral_explorer()
        assert explorer.controls["retention"].value == 0.70
        assert round(explorer.last_result["clv"], 2) == 175.0, explorer.last_result
        figure = plot_referral_chart()
        assert figure.axes[0].get_title() == "Referrals add 31 to a customer's CLV", \\
            figure.axes[0].get_title()
        print("defaults follow")
    """)
    assert "defaults follow" in follows.stdout, follows.stderr[-3000:]
