"""The notebooks as documents: structure, stored outputs, exercises wired to the checker.

Both editions: the English notebooks (``notebooks/``) and the Chinese ones written so far
(``notebooks/zh/``, same file names, headings from the registry's ``title_zh``).  What the two
editions share (code, exercises, sections) is compared by ``tests/test_editions.py``.
(nbval, run by ``make test``, re-executes every notebook of both editions and compares its outputs.)
"""

import json
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from relmark_helpers import get_exercise, list_exercises
from relmark_helpers.answers import nb03 as answers03

from .conftest import (
    BOTH_EDITIONS,
    NOTEBOOK_DIR,
    NOTEBOOKS,
    REGISTRY,
    ROOT,
    ZH_DIR,
    ZH_NOTEBOOKS,
    edition_of,
    notebook_id,
    notebook_path,
)

EXERCISES = {eid: get_exercise(eid) for eid in list_exercises()}

LESSONS = NOTEBOOKS[1:]
CHECK_CALL = re.compile(r"""check\(\s*["'](\d+\.\d+)["']""")
WIDGET_CALL = re.compile(r"^\s*\w+_(explorer|search|slider|designer)\(", re.M)


def load(path):
    return nbformat.read(path, as_version=4)


def markdown(notebook):
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def code_cells(notebook):
    return [c for c in notebook.cells if c.cell_type == "code"]


def notebook_tool():
    import notebooks  # tools/notebooks.py

    return notebooks


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=notebook_id)
def test_valid_and_stored_executed_in_order(path):
    notebook = load(path)
    nbformat.validate(notebook)
    counts = [c.execution_count for c in code_cells(notebook) if c.source.strip()]
    assert counts == list(range(1, len(counts) + 1)), "re-run with `make notebooks`"
    errors = [o for c in code_cells(notebook) for o in c.outputs if o.output_type == "error"]
    assert not errors


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=notebook_id)
def test_title_matches_file_number_and_navigation_present(path):
    notebook = load(path)  # the heading itself is checked against the registry below
    nav = notebook.cells[1]
    assert "navigation" in nav.metadata.get("tags", [])
    links = re.findall(r"\]\(([^)]+\.ipynb)\)", nav.source)
    assert links
    registered = {entry.file for entry in REGISTRY}
    for link in links:
        assert link in registered, link
        # A Chinese notebook links its neighbours' Chinese editions (same file names), which may
        # still be on their way: test_every_notebook_has_its_chinese_edition wants them all.
        if edition_of(path) == "en":
            assert (path.parent / link).is_file(), link
    tool = notebook_tool()
    expected = tool.navigation_source(path, tool.workbook_notebooks(edition_of(path)))
    assert nav.source == expected, "run `python tools/notebooks.py navigation`"


def test_chinese_navigation_is_in_chinese_with_the_english_targets():
    tool = notebook_tool()
    english, chinese = tool.workbook_notebooks("en"), tool.workbook_notebooks("zh")
    third = chinese[3]
    source = tool.navigation_source(third, chinese)
    before, after = REGISTRY[2], REGISTRY[4]
    assert source == (f"[← {before.number} · {before.title_zh}]({before.file}) | "
                      f"[目录]({REGISTRY[0].file}) | [{after.number} · {after.title_zh} →]({after.file})")
    links = re.findall(r"\]\(([^)]+)\)", source)
    assert links == re.findall(r"\]\(([^)]+)\)", tool.navigation_source(english[3], english))
    assert tool.navigation_source(chinese[0], chinese) == (
        f"[{REGISTRY[1].number} · {REGISTRY[1].title_zh} →]({REGISTRY[1].file})")


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=notebook_id)
def test_cell_ids_are_the_stable_ones(path):
    """``tools/notebooks.py execute`` numbers the cells ``NN-000``, ``NN-001``, ... (no random ids)."""
    prefix = path.stem.split("_", 1)[0]
    ids = [cell.get("id") for cell in load(path).cells]
    assert ids == [f"{prefix}-{n:03d}" for n in range(len(ids))], \
        f"run `python tools/notebooks.py execute {path.relative_to(ROOT)}`"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=notebook_id)
def test_outputs_hold_nothing_volatile(path):
    text = json.dumps([c.get("outputs", []) for c in load(path).cells])
    assert not re.search(r"/(root|home|work|tmp)/", text), "absolute path in a stored output"
    assert not re.search(r"at 0x[0-9a-f]{6,}", text), "memory address in a stored output"
    assert "Traceback" not in text
    # The widgets' stored state: no timing either (an explorer's update time is for benchmarks).
    widgets = json.dumps(load(path).metadata.get("widgets", {}))
    assert "data-kernel-ms" not in widgets, "an update's time in the stored widget state"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=notebook_id)
def test_widget_cells_are_tagged_for_nbval_and_have_a_static_twin(path):
    for cell in code_cells(load(path)):
        if WIDGET_CALL.search(cell.source):
            assert "nbval-ignore-output" in cell.metadata.get("tags", []), cell.source
    source = "\n".join(c.source for c in code_cells(load(path)))
    if "_explorer(" in source:
        assert "plot_" in source.split("_explorer(")[1], "a static chart belongs after the widget"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_structure(path):
    notebook = load(path)
    text = markdown(notebook)
    assert "**By the end you can:**" in text
    assert "## Setup" in text
    assert "## Key terms" in text
    assert "## Exercises" in text
    checks = CHECK_CALL.findall("\n".join(c.source for c in code_cells(notebook)))
    assert len(checks) >= 3


def test_every_check_in_a_notebook_exists_and_every_exercise_is_used():
    used = []
    for path in NOTEBOOKS:
        for cell in code_cells(load(path)):
            used += CHECK_CALL.findall(cell.source)
            if CHECK_CALL.search(cell.source):
                # Stored with the placeholder, so nbval's expected output is "no answer yet".
                placeholder = re.search(r"answer_\w+ = (\.\.\.|\{[^}]*\.\.\.)", cell.source)
                assert placeholder, cell.source
    assert sorted(used) == sorted(EXERCISES)
    assert len(used) == len(set(used)), "an exercise is checked twice"


def test_exercise_questions_state_the_numbers_the_checker_uses():
    text = markdown(load(notebook_path(3)))
    assert f"margin of {answers03.GYM_MARGIN:.0f} a year" in text
    assert f"{answers03.GYM_RETENTION:.0%}".replace("%", " %") + " of members renew" in text
    assert f"discounts at {answers03.GYM_DISCOUNT:.0%}".replace("%", " %") in text
    assert f"**{answers03.GYM_CONTRACT_YEARS} years**" in text
    assert f"**{answers03.GYM_ACQUISITION_COST:.0f}**" in text


def test_start_notebook_lists_every_notebook():
    text = markdown(load(NOTEBOOKS[0]))
    for entry in REGISTRY[1:]:
        assert f"[{entry.label}]({entry.file})" in text, f"{NOTEBOOKS[0].name} should link {entry.file}"


@pytest.mark.parametrize("path", [p for p in ZH_NOTEBOOKS if p.name == REGISTRY[0].file],
                         ids=notebook_id)
def test_chinese_start_notebook_lists_every_notebook_in_chinese(path):
    text = markdown(load(path))
    assert "## 各讲内容" in text and "| 讲次 | 时间 | 内容 |" in text
    for entry in REGISTRY[1:]:
        row = (f"| [{entry.prefix} · {entry.title_zh}]({entry.file}) | {entry.minutes} 分钟 "
               f"| {entry.summary_zh} |")
        assert row in text, f"zh/{path.name} should list {entry.file} in Chinese"


def test_registry_lists_exactly_the_notebooks_on_disk():
    on_disk = sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb"))
    assert on_disk == sorted(entry.file for entry in REGISTRY)


def test_notebook_folders_hold_no_stray_files():
    """notebooks/ holds the registry, the English notebooks and zh/; zh/ only registered notebooks."""
    tracked = subprocess.run(["git", "ls-files", "notebooks"], cwd=ROOT, capture_output=True,
                             text=True, check=True).stdout.split()
    registered = {entry.file for entry in REGISTRY}
    allowed = {"notebooks/registry.csv"} | {f"notebooks/{name}" for name in registered} \
        | {f"notebooks/zh/{name}" for name in registered}
    assert sorted(set(tracked) - allowed) == []
    on_disk = sorted(p.name for p in ZH_DIR.glob("*")) if ZH_DIR.is_dir() else []
    stray = [name for name in on_disk if name not in registered and name != ".ipynb_checkpoints"]
    assert stray == [], f"notebooks/zh/ holds files the registry does not list: {stray}"


def test_every_notebook_has_its_chinese_edition():
    """One Chinese notebook per registry row (fails while translations are still on their way)."""
    missing = [entry.file for entry in REGISTRY if not entry.zh_path.is_file()]
    assert missing == [], f"notebooks/zh/ lacks {len(missing)} of {len(REGISTRY)}: {missing}"


@pytest.mark.parametrize("path", BOTH_EDITIONS, ids=notebook_id)
def test_heading_matches_the_registry(path):
    (entry,) = [e for e in REGISTRY if e.file == path.name]
    first = load(path).cells[0]
    assert first.cell_type == "markdown"
    assert first.source.splitlines()[0] == f"# {entry.heading_in(edition_of(path))}", \
        "edit notebooks/registry.csv (title or title_zh) or the heading"


def test_edition_of_a_path():
    assert edition_of(NOTEBOOKS[3]) == "en"
    assert edition_of(REGISTRY[3].zh_path) == "zh"
    assert edition_of(f"student/notebooks/zh/{REGISTRY[3].file}") == "zh"
    assert REGISTRY[3].zh_path == ZH_DIR / NOTEBOOKS[3].name


def test_generated_contents_and_readme_table_are_current():
    tool = notebook_tool()
    for path in [NOTEBOOKS[0]] + [p for p in ZH_NOTEBOOKS if p.name == NOTEBOOKS[0].name]:
        contents = [c for c in load(path).cells if "contents" in c.metadata.get("tags", [])]
        assert contents and contents[0].source == tool.contents_source(edition_of(path)), \
            f"{path.relative_to(ROOT)}: run `python tools/notebooks.py navigation`"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert tool.readme_with_table(readme) == readme, "run `python tools/notebooks.py navigation`"


def test_readme_lists_both_editions():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for entry in REGISTRY:
        assert f"`{Path(entry.file).stem}` — {entry.summary} |" in readme
        assert f"| {entry.number}{entry.part} · {entry.title_zh}（`zh/{Path(entry.file).stem}`） " \
               f"| {entry.minutes} 分钟 | {entry.summary_zh} |" in readme
    assert readme.index("## 中文版") < readme.index(f"`zh/{Path(REGISTRY[0].file).stem}`")


def test_sanitize_file_is_well_formed():
    lines = [ln for ln in (ROOT / "tests/nbval_sanitize.cfg").read_text().splitlines()
             if ln.startswith(("regex:", "replace:"))]
    assert len(lines) % 2 == 0 and lines
    for regex, replace in zip(lines[::2], lines[1::2], strict=True):
        assert regex.startswith("regex: ") and replace.startswith("replace: ")
        re.compile(regex[len("regex: "):])
