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

from .conftest import ROOT

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


def test_repo2docker_rejects_a_broken_environment(workbook_copy, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(workbook_copy, broken)
    (broken / "environment.yml").write_text("dependencies:\n  - python=3.11\n   - pandas: [\n")
    result = dry_run(broken)
    assert result.returncode != 0
