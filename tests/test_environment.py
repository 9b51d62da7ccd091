"""The set-up files agree: pyproject.toml, environment.yml, constraints.txt, README, CI."""

import re
import tomllib

import yaml
from packaging.requirements import Requirement

from .conftest import ROOT


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pip_requirements():
    project = pyproject()["project"]
    reqs = project["dependencies"] + project["optional-dependencies"]["test"]
    return {Requirement(r).name.lower(): str(Requirement(r).specifier) for r in reqs}


def conda_requirements():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    specs = {}
    for item in env["dependencies"]:
        if isinstance(item, str):
            name, _, version = re.match(r"([A-Za-z0-9_.-]+)(([=<>!]=?)?(.*))", item).group(1, 2, 2)
            specs[name.lower()] = version
    return env, specs


def test_environment_yml_lists_the_same_packages_and_bounds_as_pyproject():
    env, conda = conda_requirements()
    assert env["channels"] == ["conda-forge"]
    assert conda.pop("python") in {"=3.11", "=3.12"}
    conda.pop("pip")
    assert conda == pip_requirements()


def test_required_packages_are_declared():
    names = set(pip_requirements())
    assert {"jupyterlab", "pandas", "seaborn", "ipywidgets", "nbval"} <= names


def test_every_dependency_has_a_lower_bound_and_is_pinned_in_constraints():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version
    for name, specifier in pip_requirements().items():
        assert specifier.startswith(">="), f"{name} needs a lower bound"
        assert name in pins, f"{name} is not pinned in constraints.txt"
        assert Requirement(f"{name}{specifier}").specifier.contains(pins[name])


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "make test" in readme
    assert "conda env create -f environment.yml" in readme
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert re.search(r"^\s*make test\b", ci, re.M)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "jupyter lab $(ROOT_FLAG) $(firstword $(NOTEBOOKS))" in makefile
    assert re.search(r"^test: \$\(STAMP\)", makefile, re.M)


def test_lint_is_clean():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "relmark_helpers", "tests", "benchmarks", "tools"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
