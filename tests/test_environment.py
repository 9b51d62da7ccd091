"""The set-up files agree: pyproject.toml, environment.yml, constraints.txt, README, CI."""

import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from .conftest import ROOT


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def as_specs(reqs: list[str]) -> dict[str, str]:
    return {Requirement(r).name.lower(): str(Requirement(r).specifier) for r in reqs}


def student_requirements():
    """What ``make lab`` and environment.yml install: the workbook's own dependencies."""
    return as_specs(pyproject()["project"]["dependencies"])


def pip_requirements():
    """What ``make test`` installs: the workbook and the test extra."""
    project = pyproject()["project"]
    return as_specs(project["dependencies"] + project["optional-dependencies"]["test"])


def conda_requirements(name: str = "environment.yml"):
    env = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
    specs = {}
    for item in env["dependencies"]:
        if isinstance(item, str):
            name, _, version = re.match(r"([A-Za-z0-9_.-]+)(([=<>!]=?)?(.*))", item).group(1, 2, 2)
            specs[name.lower()] = version
    return env, specs


@pytest.mark.parametrize(("name", "expected"), [("environment.yml", student_requirements),
                                              ("environment-dev.yml", pip_requirements)])
def test_conda_environments_list_the_same_packages_and_bounds_as_pyproject(name, expected):
    env, conda = conda_requirements(name)
    assert env["channels"] == ["conda-forge"]
    assert conda.pop("python") in {"=3.11", "=3.12"}
    conda.pop("pip")
    assert conda == expected()


def test_a_hanging_test_fails_instead_of_holding_the_run(request):
    """pytest-timeout ends any test after the limit pyproject.toml sets (a browser test once hung)."""
    assert "pytest-timeout" in pip_requirements()
    assert request.config.pluginmanager.hasplugin("timeout")
    assert float(request.config.getini("timeout")) == pyproject()["tool"]["pytest"]["ini_options"]["timeout"]
    assert 60 <= pyproject()["tool"]["pytest"]["ini_options"]["timeout"] <= 600


def test_required_packages_are_declared():
    names = set(pip_requirements())
    assert {"jupyterlab", "pandas", "seaborn", "ipywidgets", "nbval"} <= names


TEST_TOOLS = {"pytest", "nbval", "hypothesis", "ruff", "playwright", "jupyter-repo2docker", "voila",
              "lifetimes"}


def test_the_student_install_has_no_test_tools():
    """make lab and Binder install only what the notebooks need (issue: an 879 MB student venv)."""
    assert not TEST_TOOLS & set(student_requirements())
    assert {"jupyterlab", "ipykernel", "ipywidgets", "pandas", "babel"} <= set(student_requirements())
    assert TEST_TOOLS <= set(pip_requirements())


def test_both_installs_use_the_pins_of_constraints_txt():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    pip_install = re.search(r"^PIP_INSTALL\s*:?=(.*)$", makefile, re.M).group(1)
    assert pip_install.rstrip().endswith("-c constraints.txt")  # with uv and with pip alike
    lab_rule = re.search(r"^\$\(LAB_STAMP\):.*?\n\n", makefile, re.M | re.S).group(0)
    test_rule = re.search(r"^\$\(TEST_STAMP\):.*?\n\n", makefile, re.M | re.S).group(0)
    assert "$(PIP_INSTALL) -e .\n" in lab_rule and "[test]" not in lab_rule
    assert '$(PIP_INSTALL) -e ".[test]"' in test_rule
    assert re.search(r"^lab: \$\(LAB_STAMP\)", makefile, re.M)


def excluded_packages() -> list[str]:
    """The packages excludes.txt keeps out of .venv/ (one name a line, # comments)."""
    lines = (ROOT / "excludes.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_what_excludes_txt_names_stays_out_of_the_environment():
    """rfc3987-syntax made every process that imports nbformat start 3 s later (excludes.txt)."""
    from importlib.metadata import PackageNotFoundError, distribution

    excluded = excluded_packages()
    assert excluded, "excludes.txt names no package"
    if Path(sys.prefix).resolve() == (ROOT / ".venv").resolve():  # the environment make set up
        for name in excluded:  # (a conda environment, say, installs what its channel gives)
            with pytest.raises(PackageNotFoundError):
                distribution(name)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--excludes excludes.txt" in re.search(r"^PIP_INSTALL\s*:?=(.*)$", makefile, re.M).group(1)
    for stamp in ("LAB_STAMP", "TEST_STAMP"):  # removed after each install, with pip as with uv
        rule = re.search(rf"^\$\({stamp}\):.*?\n\n", makefile, re.M | re.S).group(0)
        assert re.search(r"\$\(PIP_INSTALL\).*\n\t\$\(DROP_EXCLUDED\)\n", rule), stamp
    assert re.search(r"^DROP_EXCLUDED\s*:?=.*-r excludes\.txt$", makefile, re.M)


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
    # `make test` sets up the test environment (and npm's page scripts) before it runs pytest.
    rule = re.search(r"^test:.*\n(?:\t.*\n)+", makefile, re.M).group(0)
    assert "$(TEST_STAMP)" in rule and "$(NPM_STAMP)" in rule
    assert rule.index("$(TEST_STAMP)") < rule.index("pytest")
    assert "environment-dev.yml" in readme


def test_lint_is_clean():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "relmark_helpers", "tests", "benchmarks", "tools"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_make_lab_lang_zh_opens_the_chinese_start_notebook_and_plain_make_lab_is_unchanged(tmp_path):
    import subprocess

    from .conftest import NOTEBOOKS

    def last_command(*args: str, env_lang: str = "en_US.UTF-8") -> str:
        """What ``make lab ...`` would run last (``make -n``: printed, not run)."""
        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": env_lang}
        out = subprocess.run(["make", "-n", "lab", *args], cwd=ROOT, env=env, capture_output=True,
                             text=True, timeout=60).stdout
        return out.replace("\\\n", " ").strip().splitlines()[-1]

    english = last_command()
    start = NOTEBOOKS[0].relative_to(ROOT).as_posix()
    assert re.fullmatch(rf"\S*/jupyter lab (--allow-root )?{re.escape(start)}", english), english
    assert last_command(env_lang="zh_CN.UTF-8") == english, "only LANG on make's command line counts"
    chinese = last_command("LANG=zh")
    assert chinese.endswith(f" notebooks/zh/{NOTEBOOKS[0].name}"), chinese
    assert f'JUPYTER_CONFIG_PATH="{ROOT / "tools" / "lab_zh"}' in chinese
    assert chinese.startswith("LANG=C.UTF-8 ")


def test_the_chinese_interface_is_installed_and_made_the_default_for_make_lab_lang_zh(tmp_path):
    """The language pack is a student dependency, and tools/lab_zh's labconfig selects it."""
    import json
    import subprocess
    import sys

    assert "jupyterlab-language-pack-zh-cn" in student_requirements()
    probe = ("import json; from jupyterlab_server.settings_utils import _get_overrides;"
             "from jupyterlab_server.translation_utils import get_language_pack, get_language_packs;"
             "print(json.dumps([_get_overrides('/nonexistent')[0], sorted(get_language_packs('en')[0]),"
             " len(get_language_pack('zh_CN')[0])]))")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
           "JUPYTER_CONFIG_PATH": str(ROOT / "tools" / "lab_zh")}
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    overrides, packs, domains = json.loads(result.stdout)
    assert overrides["@jupyterlab/translation-extension:plugin"] == {"locale": "zh_CN"}
    assert packs == ["en", "zh_CN"]
    assert domains > 1  # the pack's translation catalogues (jupyterlab and its extensions)
