"""The package's shape: every public name at the top level, the docstring's map true, lazy imports."""

import ast
import importlib
import pkgutil
import subprocess
import sys

import relmark_helpers

PACKAGE_DIR = relmark_helpers.__path__[0]


def _declared_all(module_name):
    module = importlib.import_module(module_name)
    return set(getattr(module, "__all__", ()))


def _submodules():
    for info in pkgutil.walk_packages(relmark_helpers.__path__, "relmark_helpers."):
        name = info.name
        if info.ispkg and not name.endswith(".answers"):
            continue
        if ".answers.nb" in name or name.rsplit(".", 1)[-1].startswith("_"):
            continue  # answer keys, and private modules such as btyd._common
        yield name


def test_every_submodule_public_name_is_exported_from_the_top_level():
    missing = {}
    for name in _submodules():
        names = _declared_all(name) - set(relmark_helpers.__all__)
        if names:
            missing[name] = sorted(names)
    assert not missing, f"add these to _PUBLIC in relmark_helpers/__init__.py: {missing}"


def test_every_top_level_name_resolves_to_its_declaring_module():
    for module, names in relmark_helpers._PUBLIC.items():
        declared = _declared_all(f"relmark_helpers.{module}")
        for name in names:
            assert name in declared, f"{name} is listed under {module} but not in its __all__"
            assert getattr(relmark_helpers, name) is getattr(
                importlib.import_module(f"relmark_helpers.{module}"), name)


def test_no_public_name_is_defined_twice():
    seen = {}
    for module, names in relmark_helpers._PUBLIC.items():
        for name in names:
            assert name not in seen, f"{name} is in both {seen[name]} and {module}"
            seen[name] = module


def test_docstring_lists_every_subpackage_and_only_those():
    subpackages = {m.name for m in pkgutil.iter_modules(relmark_helpers.__path__) if m.ispkg}
    doc = relmark_helpers.__doc__
    section = doc.split("Subpackages\n-----------\n", 1)[1]
    listed = {line.strip() for line in section.splitlines()
              if line and not line.startswith(" ") and line.strip().isidentifier()}
    assert listed == subpackages


def test_every_subpackage_has_a_docstring_naming_its_modules():
    for info in pkgutil.iter_modules(relmark_helpers.__path__):
        if not info.ispkg or info.name == "answers":
            continue
        package = importlib.import_module(f"relmark_helpers.{info.name}")
        modules = {m.name for m in pkgutil.iter_modules(package.__path__)}
        for module in sorted(m for m in modules if not m.startswith("_")):
            assert f"``{module}``" in package.__doc__, f"{info.name}'s docstring omits {module}"


def test_import_is_lazy_and_side_effect_free():
    code = ("import sys, relmark_helpers; "
            "heavy = [m for m in ('matplotlib', 'pandas', 'scipy', 'ipywidgets') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_check_imports_only_its_own_notebooks_answers():
    code = ("import sys; from relmark_helpers import check; check('3.1', ...); "
            "print(','.join(sorted(m for m in sys.modules if m.startswith('relmark_helpers.answers.nb'))));"
            "print('scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    answers, scipy_loaded = out.stdout.split()
    assert answers == "relmark_helpers.answers.nb03"
    assert scipy_loaded == "False"


def test_package_internals_import_modules_not_the_lazy_top_level():
    """Inside the package, import from the defining module, so the top level never cycles."""
    offenders = []
    for info in pkgutil.walk_packages(relmark_helpers.__path__, "relmark_helpers."):
        spec = importlib.util.find_spec(info.name)
        tree = ast.parse(open(spec.origin, encoding="utf-8").read())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "relmark_helpers":
                offenders.append(info.name)
    assert not offenders
