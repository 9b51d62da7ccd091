"""Every list and value typed once: notebook file names live only in notebooks/registry.csv."""

import json
import re
import subprocess

from .conftest import BOTH_EDITIONS, NOTEBOOKS, REGISTRY, ROOT

STEMS = [entry.path.stem for entry in REGISTRY]
GENERATED_TAGS = {"navigation", "contents"}
LINK = re.compile(r"\]\((\d\d[a-z]?_[\w-]+\.ipynb)\)")


def _tracked_text_files():
    names = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    for name in names:
        path = ROOT / name
        if path.suffix in {".py", ".md", ".toml", ".yml", ".yaml", ".cfg", ".txt", ".csv", ".json"} \
                or path.name in {"Makefile", "postBuild", "run"}:
            yield path


def _mentions(text):
    return [stem for stem in STEMS if stem in text]


def test_no_file_outside_the_registry_spells_a_notebook_file_name():
    offenders = []
    for path in _tracked_text_files():
        if path == ROOT / "notebooks" / "registry.csv" or path.name == "package-lock.json":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.name == "README.md":  # its generated tables (English, Chinese) list the files
            for begin, end in (("<!-- notebooks:", "<!-- end of notebooks -->"),
                               ("<!-- notebooks zh:", "<!-- end of notebooks zh -->")):
                if begin in text:
                    head, rest = text.split(begin, 1)
                    text = head + rest.split(end, 1)[1]
            # a link a reader clicks (Binder, a hub) must spell the start notebook's path
            text = "\n".join(line for line in text.splitlines() if "http" not in line)
        for stem in _mentions(text):
            offenders.append(f"{path.relative_to(ROOT)}: {stem}")
    assert not offenders, ("take these from notebooks/registry.csv (tools/registry.py):\n"
                           + "\n".join(offenders))


def test_notebooks_name_other_notebooks_only_in_generated_cells_and_checked_links():
    registered = {entry.file for entry in REGISTRY}
    for path in BOTH_EDITIONS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if GENERATED_TAGS & set(cell["metadata"].get("tags", [])):
                continue
            source = "".join(cell["source"])
            for link in LINK.findall(source):
                assert link in registered, f"{path.name} links {link}, which is not registered"
            bare = LINK.sub("", source)
            others = [s for s in _mentions(bare) if s != path.stem]
            assert not others, f"{path.name} spells {others} outside a link"


def _input_defaults():
    """Every explorer input and the defaults it has (fields of the package's ``*Inputs`` classes)."""
    import dataclasses

    import relmark_helpers

    defaults: dict[str, list] = {}
    for name in relmark_helpers.__all__:
        if name.endswith("Inputs"):
            for field in dataclasses.fields(getattr(relmark_helpers, name)):
                defaults.setdefault(field.name, []).append(field.default)
    return defaults


def test_static_charts_beside_a_widget_take_the_explorers_defaults():
    """A chart drawn beside a widget restates no default: the defaults live in one place.

    (It may show another case on purpose, with values that are not the defaults.)
    """
    import ast

    defaults = _input_defaults()
    assert {"margin", "retention", "discount"} <= set(defaults)
    checked = 0
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        for widget, static in zip(code, code[1:], strict=False):
            source = "".join(widget["source"])
            if "nbval-ignore-output" not in widget["metadata"].get("tags", []) or \
                    not re.search(r"_(explorer|designer)\(", source):
                continue
            for node in ast.walk(ast.parse("".join(static["source"]))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "").startswith("plot_"):
                    checked += 1
                    inputs = [k for k in node.keywords if k.arg in defaults]
                    restated = sorted(
                        k.arg for k in inputs
                        if isinstance(k.value, ast.Constant) and k.value.value in defaults[k.arg])
                    # Showing another case on purpose is fine; spelling out the defaults is not.
                    assert not restated or len(restated) < len(inputs), (
                        f"{path.name}: {node.func.id} restates {restated}; "
                        "call it without them to draw the explorer's defaults")
    assert checked >= 4


# Notebooks whose prose has been swept for typed defaults; the others join as they are swept.
SWEPT = ("0", "1", "2", "3", "4")
SENTENCE = re.compile(r"(?<=[.!?:])\s+(?=[A-Z*(\[])")


def _defaults_stated_in_prose(text):
    """Sentences that name a default and type a number: the number belongs to a code cell."""
    return [s for s in SENTENCE.split(" ".join(text.split()))
            if re.search(r"\bdefaults?\b", s, re.I) and re.search(r"\d", s)]


def test_the_default_sentence_finder_itself():
    assert _defaults_stated_in_prose(
        "Move it. At the default settings: margin 100, retention 80 %.") == [
        "At the default settings: margin 100, retention 80 %."]
    assert _defaults_stated_in_prose("Here is its chart at the explorer's defaults:") == []
    assert _defaults_stated_in_prose("Retention of 80 % is high. No default here.") == []


def test_swept_notebooks_print_explorer_defaults_instead_of_typing_them():
    from .conftest import notebook_labelled

    offenders = []
    for label in SWEPT:
        cells = json.loads(notebook_labelled(label).read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] == "markdown" and "instructor" not in cell["metadata"].get("tags", []):
                offenders += [f"{label}: {s}" for s in _defaults_stated_in_prose("".join(cell["source"]))]
    assert not offenders, "print these from the inputs class instead:\n" + "\n".join(offenders)


def test_the_static_twin_of_each_swept_explorer_prints_the_defaults_it_draws():
    """The sentence beside the static chart is printed from the explorer's inputs class."""
    from .conftest import notebook_labelled

    found = 0
    for label in SWEPT:
        cells = json.loads(notebook_labelled(label).read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and re.search(r"= (Clv|Programme|Bucket)Inputs\(\)", source):
                found += 1
                assert "print(" in source and "plot_" in source, source
    assert found == 3
