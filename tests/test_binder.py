"""Binder / JupyterHub: repo2docker accepts the repository's environment (without building it).

``repo2docker --no-build`` reads environment.yml and postBuild and prints the
Dockerfile it would build; a broken environment file makes it fail.  No
Docker engine is needed.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import NOTEBOOKS, ROOT

# Above pyproject.toml's 300 s per test: each repo2docker dry run may take up to 300 s.
pytestmark = pytest.mark.timeout(600)

REPO2DOCKER = Path(sys.executable).with_name("repo2docker")


def dry_run(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(REPO2DOCKER), "--no-build", "--debug", str(folder)],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def workbook_copy(tmp_path_factory) -> Path:
    """The files repo2docker reads, copied (it must not see .venv or caches)."""
    folder = tmp_path_factory.mktemp("binder") / "relmark"
    folder.mkdir()
    for name in ("environment.yml", "postBuild", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, folder / name)
    return folder


def test_repo2docker_accepts_the_environment(workbook_copy):
    result = dry_run(workbook_copy)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-2000:]
    assert "python=3.11" in output
    assert "environment.yml" in output
    assert "postBuild" in output


def test_repo2docker_accepts_the_student_edition(tmp_path):
    """The student edition (make student) is what a hub or Binder builds for a class."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("student_edition", ROOT / "tools" / "student_edition.py")
    student_edition = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(student_edition)
    out = tmp_path / "relmark-student"
    student_edition.write_student_package(out)
    result = dry_run(out)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-2000:]
    assert "environment.yml" in output and "postBuild" in output


def test_repo2docker_rejects_a_broken_environment(workbook_copy, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(workbook_copy, broken)
    (broken / "environment.yml").write_text("dependencies:\n  - python=3.11\n   - pandas: [\n")
    result = dry_run(broken)
    assert result.returncode != 0


# ------------------------------------------------------------------ the Binder badge and hub links

def _links_tool():
    import importlib.util

    spec = importlib.util.spec_from_file_location("links", ROOT / "tools" / "links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("url", ["https://github.com/acme-uni/relmark.git",
                                 "git@github.com:acme-uni/relmark.git",
                                 "https://github.com/acme-uni/relmark"])
def test_links_come_from_the_github_remote(url):
    links = _links_tool()
    block = links.links_block(links.github_repo(url))
    start = NOTEBOOKS[0].name
    assert f"(https://mybinder.org/v2/gh/acme-uni/relmark/main?urlpath=lab/tree/notebooks/{start})" in block
    assert "pip install git+https://github.com/acme-uni/relmark`" in block
    assert "repo=https%3A%2F%2Fgithub.com%2Facme-uni%2Frelmark-student&branch=main" in block
    assert f"urlpath=lab%2Ftree%2Frelmark-student%2Fnotebooks%2F{start}" in block


def test_without_a_github_remote_the_block_says_where_to_set_it():
    links = _links_tool()
    assert links.github_repo("/srv/git/relmark") is None
    block = links.links_block(None)
    assert "git remote add origin" in block and "make links" in block
    assert "mybinder.org/v2" not in block


def test_readme_has_no_placeholder_and_one_links_block():
    links = _links_tool()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "OWNER" not in readme
    assert readme.count(links.BEGIN) == 1 and readme.count(links.END) == 1
    assert links.rewrite(readme, links.links_block(None)).count(links.BEGIN) == 1
