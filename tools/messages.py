"""The message catalogue's template and languages: ``relmark_helpers/locale/``.

Every message a student sees is written in the package as ``_("English text")``
or ``N_("English text")`` (see :mod:`relmark_helpers.core.messages`).  This tool
collects them with babel's Python extractor::

    python tools/messages.py extract    # write locale/relmark.pot, merge it into every <lang>.po
    python tools/messages.py check      # exit 1 if relmark.pot is not what extract would write
    python tools/messages.py mark       # wrap the exercises' unmarked texts in N_() (answers/nb*.py)

``extract`` writes ``relmark_helpers/locale/relmark.pot`` (the template: every
message, no translations) and merges it into each ``<lang>.po`` there: a
translation already made is kept, a new message gets an empty entry, a message
the code no longer has is kept at the end as obsolete (``#~``).  The files
carry no dates and no line numbers, so they change only when the messages do;
``tests/test_message_extraction.py`` fails when the committed template is out of date.

``mark`` helps with a new exercise written with plain strings: in every
``answers/nb*.py`` it wraps each literal hint, unit, reading, feedback, option
and explanation in ``N_()`` (the checker translates them where it shows them).
"""

from __future__ import annotations

import ast
import io
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "relmark_helpers"
LOCALE_DIR = PACKAGE / "locale"
TEMPLATE = LOCALE_DIR / "relmark.pot"
KEYWORDS = {"_": None, "N_": None, "pgettext": ((1, "c"), 2), "NC_": ((1, "c"), 2)}
"""The marking functions: the message is the first argument of ``_`` and ``N_``, the second
of ``pgettext`` and ``NC_`` (whose first is the message's context, the PO file's msgctxt)."""

_FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
"""Written as the catalogues' dates, so that the files change only with their messages."""


def source_files() -> list[Path]:
    """Every Python module of the package, in a fixed order."""
    return sorted(PACKAGE.rglob("*.py"))


def extracted() -> Iterator[tuple[str, str]]:
    """(message, module path relative to the repository) for every literal ``_()``/``N_()`` message."""
    for message, relative, _context in extracted_with_context():
        yield message, relative


def extracted_with_context() -> Iterator[tuple[str, str, str | None]]:
    """(message, module path, context or None) for every literal message, ``pgettext``/``NC_`` included."""
    for path in source_files():
        relative = path.relative_to(ROOT).as_posix()
        for _lineno, message, _comments, context in extract_from_file(
                "python", str(path), keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True):
            if isinstance(message, tuple):  # pgettext/NC_: (context, message) without babel's spec
                context, message = message
            if isinstance(message, str) and message:
                yield message, relative, context


def template() -> Catalog:
    """The template catalogue: every message once, with the modules that use it."""
    catalog = Catalog(project="relmark", version="0.1.0", copyright_holder="relmark",
                      msgid_bugs_address="", creation_date=_FIXED_DATE, revision_date=_FIXED_DATE,
                      fuzzy=False)
    catalog.header_comment = ("# Every message of the relmark workbook, English as the source text.\n"
                              "# Written by `python tools/messages.py extract`; do not edit by hand.")
    for message, relative, context in extracted_with_context():
        catalog.add(message, locations=[(relative, None)], context=context)
    return catalog


def render(catalog: Catalog) -> bytes:
    """A catalogue as PO text, without line numbers (locations name the module only)."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False, sort_by_file=False)
    return out.getvalue()


def merge(po_path: Path, pot: Catalog) -> bytes:
    """``po_path``'s translations carried over to the messages of ``pot`` (babel's update)."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=po_path.stem)
    catalog.update(pot, no_fuzzy_matching=True)
    catalog.revision_date = _FIXED_DATE
    return render(catalog)


def extract() -> list[Path]:
    """Write ``relmark.pot`` and merge it into every ``<lang>.po``; the files written."""
    pot = template()
    TEMPLATE.write_bytes(render(pot))
    written = [TEMPLATE]
    for po_path in sorted(LOCALE_DIR.glob("*.po")):
        po_path.write_bytes(merge(po_path, pot))
        written.append(po_path)
    return written


_TEXT_KEYWORDS = ("hint", "unit", "reading", "feedback")
_TABLE_KEYWORDS = ("options", "explanations")


def _exercise_texts(tree: ast.AST) -> list[ast.Constant]:
    """The unmarked string literals of an answers module that the checker shows a student."""
    found: list[ast.expr] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if called in ("KnownMistake", "AcceptedReading") and len(node.args) >= 2:
            found.append(node.args[1])
        for keyword in node.keywords:
            if keyword.arg in _TEXT_KEYWORDS:
                found.append(keyword.value)
            elif keyword.arg in _TABLE_KEYWORDS and isinstance(keyword.value, ast.Dict):
                found.extend(keyword.value.values)
        if called == "_choice":  # answers/nb10.py's shorthand: (id, options, correct, explanations)
            found.extend(v for a in node.args[1::2] if isinstance(a, ast.Dict) for v in a.values)
    return [n for n in found if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value]


def mark(path: Path) -> int:
    """Wrap the unmarked exercise texts of one answers module in ``N_()``; how many were wrapped."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    texts = _exercise_texts(tree)
    if not texts:
        return 0
    lines = [line.encode("utf-8") for line in source.splitlines(keepends=True)]
    edits = [(n.end_lineno - 1, n.end_col_offset, b")") for n in texts]
    edits += [(n.lineno - 1, n.col_offset, b"N_(") for n in texts]
    for line, column, text in sorted(edits, reverse=True):  # offsets are in bytes, from the end
        lines[line] = lines[line][:column] + text + lines[line][column:]
    marked = b"".join(lines).decode("utf-8")
    if "import N_" not in marked:
        marked = marked.replace("from relmark_helpers.core.exercises import",
                                "from relmark_helpers.core.messages import N_\n"
                                "from relmark_helpers.core.exercises import", 1)
    path.write_text(marked, encoding="utf-8")
    return len(texts)


def main(argv: list[str]) -> int:
    """Command line: ``extract`` or ``check``."""
    if argv == ["extract"]:
        for path in extract():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    if argv == ["mark"]:
        for path in sorted((PACKAGE / "answers").glob("nb*.py")):
            count = mark(path)
            if count:
                print(f"{path.relative_to(ROOT)}: {count} texts marked N_(); run ruff check --fix")
        return 0
    if argv == ["check"]:
        if TEMPLATE.exists() and TEMPLATE.read_bytes() == render(template()):
            print(f"{TEMPLATE.relative_to(ROOT)} is up to date")
            return 0
        print(f"{TEMPLATE.relative_to(ROOT)} is out of date: run python tools/messages.py extract")
        return 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
