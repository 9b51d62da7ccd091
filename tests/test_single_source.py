"""Every list and value typed once: notebook file names live only in notebooks/registry.csv."""

import json
import re
import subprocess

from .conftest import NOTEBOOKS, REGISTRY, ROOT

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
        if path.name == "README.md":
            begin, end = "<!-- notebooks:", "<!-- end of notebooks -->"
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
    for path in NOTEBOOKS:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if GENERATED_TAGS & set(cell["metadata"].get("tags", [])):
                continue
            source = "".join(cell["source"])
            for link in LINK.findall(source):
                assert link in registered, f"{path.name} links {link}, which is not registered"
            bare = LINK.sub("", source)
            others = [s for s in _mentions(bare) if s != path.stem]
            assert not others, f"{path.name} spells {others} outside a link"
