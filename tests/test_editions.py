"""One course, two editions: the Chinese notebooks (``notebooks/zh/``) match the English ones.

The English notebook is the source of the code; the Chinese edition has the same code cells in the
same order, the same exercises, widgets, sections and navigation, and differs only in

- its prose (markdown cells, which it may split or join as Chinese needs),
- code comments and the text of string literals that contain a space (sentences a cell prints,
  date formats, column labels), and
- one statement, ``set_language("zh_CN")``, in its set-up cell (with its import).

A change to one edition's code, exercises, headings or links without the other fails here, naming
the notebook and the cell.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from .conftest import NOTEBOOK_DIR, REGISTRY

ZH_DIR = NOTEBOOK_DIR / "zh"
LANGUAGE_CALL = 'set_language("zh_CN")'


def zh_path(entry) -> Path:
    return ZH_DIR / entry.file


def read(path: Path):
    return nbformat.read(path, as_version=4)


class _Normalise(ast.NodeTransformer):
    """Blank out what an edition may translate: strings with a space, and the language switch."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str) and re.search(r"\s", node.value):
            return ast.copy_location(ast.Constant("<text>"), node)
        return node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        """An f-string sentence may reorder its values (Chinese word order); they must be the same."""
        texts = [part.value for part in node.values if isinstance(part, ast.Constant)]
        if not any(re.search(r"\s", text) for text in texts):
            return node
        values = sorted(ast.dump(part) for part in node.values if isinstance(part, ast.FormattedValue))
        return ast.copy_location(ast.Constant("<text " + " | ".join(values) + ">"), node)

    def visit_Expr(self, node: ast.Expr) -> ast.AST | None:
        call = node.value
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                and call.func.id == "set_language"):
            return None
        return self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST | None:
        node.names = [alias for alias in node.names if alias.name != "set_language"]
        return node if node.names else None


def code_signature(source: str) -> str:
    """The code cell as the parity check compares it (comments and translatable text removed)."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    tree = _Normalise().visit(ast.parse("\n".join(lines)))
    return ast.dump(ast.fix_missing_locations(tree), include_attributes=False)


def code_cells(notebook) -> list:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def markdown(notebook) -> str:
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def headings(notebook) -> list[tuple[int, str]]:
    """Each heading's level and its leading number (``## 3 · …`` gives ``(2, "3")``)."""
    found = []
    for level, text in re.findall(r"^(#{1,4})\s+(.*)$", markdown(notebook), flags=re.M):
        bare = text.replace("练习", "").replace("Exercise", "").strip()
        number = re.match(r"[\d.]+[a-z]?(?=\s|$|·)", bare)
        found.append((len(level), number.group(0) if number else ""))
    return found


def exercise_ids(notebook) -> list[str]:
    return re.findall(r'check\(\s*"(\d+\.\d+)"', "\n".join(c.source for c in code_cells(notebook)))


def navigation_links(notebook) -> list[list[str]]:
    return [re.findall(r"\]\(([^)#\s]+)", cell.source) for cell in notebook.cells
            if "navigation" in cell.metadata.get("tags", [])]


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda e: e.file)
def test_chinese_edition_exists_with_the_registry_heading(entry):
    path = zh_path(entry)
    assert path.is_file(), f"notebooks/zh/{entry.file} is missing: every notebook has a Chinese edition"
    first = read(path).cells[0]
    assert first.source.splitlines()[0] == f"# {entry.number}{entry.part} · {entry.title_zh}", (
        "the Chinese heading must be the registry's title_zh (notebooks/registry.csv)")


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda e: e.file)
def test_same_code_cells_in_both_editions(entry):
    english, chinese = read(entry.path), read(zh_path(entry))
    en_cells, zh_cells = code_cells(english), code_cells(chinese)
    assert len(en_cells) == len(zh_cells), (
        f"{entry.file}: {len(en_cells)} code cells in English, {len(zh_cells)} in Chinese")
    for number, (en, zh) in enumerate(zip(en_cells, zh_cells, strict=True), start=1):
        assert code_signature(en.source) == code_signature(zh.source), (
            f"{entry.file}, code cell {number} differs between the editions:\n"
            f"--- en\n{en.source}\n--- zh\n{zh.source}")
        assert sorted(en.metadata.get("tags", [])) == sorted(zh.metadata.get("tags", [])), (
            f"{entry.file}, code cell {number}: the cell tags differ")


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda e: e.file)
def test_chinese_edition_switches_the_language_once(entry):
    sources = [cell.source for cell in code_cells(read(zh_path(entry)))]
    calls = sum(source.count(LANGUAGE_CALL) for source in sources)
    assert calls == 1, f"{entry.file}: the Chinese edition calls {LANGUAGE_CALL} once, in its set-up cell"
    assert not any(LANGUAGE_CALL in cell.source for cell in code_cells(read(entry.path)))


@pytest.mark.parametrize("entry", REGISTRY, ids=lambda e: e.file)
def test_same_sections_exercises_and_navigation(entry):
    english, chinese = read(entry.path), read(zh_path(entry))
    assert headings(english) == headings(chinese), f"{entry.file}: headings (levels, numbers) differ"
    assert exercise_ids(english) == exercise_ids(chinese)
    assert navigation_links(english) == navigation_links(chinese), f"{entry.file}: navigation differs"


def test_code_signature_ignores_only_what_an_edition_may_translate():
    english = 'from relmark_helpers import check\nprint("Worth " + str(3))  # note\nx = df["clv"]'
    chinese = ('from relmark_helpers import check, set_language\nset_language("zh_CN")\n'
               'print("价值 " + str(3))  # 注释\nx = df["clv"]')
    assert code_signature(english) == code_signature(chinese)
    assert code_signature(english) != code_signature(english.replace("str(3)", "str(4)"))
    assert code_signature(english) != code_signature(english.replace('"clv"', '"CLV"'))
    reordered = code_signature('f"价值 {v:,.0f}, 共 {n} 位顾客"')
    assert code_signature('f"{n} customers, worth {v:,.0f}"') == reordered
    assert code_signature('f"{n} customers"') != code_signature('f"{n:.1f} 位顾客"')
