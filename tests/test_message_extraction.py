"""The catalogue can be extracted: every message is a literal, and the committed template is current.

A translator's tools (and ``tools/messages.py extract``) read the messages from the code, so a
message must be written out where it is marked: ``_("Retention by bond")`` or ``N_("client")``,
with changing parts as ``{fields}``.  ``_(f"...")``, ``_("a" + b)`` or ``_("...".format(...))``
would put a different text in the catalogue each time; ``_(name)`` is fine when ``name`` holds a
message marked ``N_()`` where it is defined.
"""

from __future__ import annotations

import ast
from pathlib import Path

import messages as message_tool  # tools/messages.py (tests/conftest.py puts tools/ on the path)
import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parent.parent / "relmark_helpers"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _marked_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_"):
            yield node


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(node.value)


def _built_text(node: ast.expr) -> bool:
    """An expression that builds a new text at run time (f-string, +, %, .format, .join)."""
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("format", "join", "replace"))


def problems_of(source: str, where: str) -> list[str]:
    """Every ``_()``/``N_()`` call of ``source`` whose message could not be extracted."""
    found = []
    for call in _marked_calls(ast.parse(source)):
        name = call.func.id
        line = f"{where}:{call.lineno}"
        if len(call.args) != 1:
            found.append(f"{line}: {name}() takes exactly one message, got {len(call.args)} positional")
        elif name == "N_" and not _literal(call.args[0]):
            found.append(f"{line}: N_() marks a literal message; got {ast.unparse(call.args[0])[:60]}")
        elif name == "N_" and call.keywords:
            found.append(f"{line}: N_() takes no fields; fill them in where the message is shown")
        elif name == "_" and _built_text(call.args[0]):
            found.append(f"{line}: _() needs the message itself, with {{fields}}; got "
                         f"{ast.unparse(call.args[0])[:60]}")
    return found


def test_the_check_finds_messages_that_cannot_be_extracted():
    source = ('_(f"{n} customers")\n_("a" + b)\n_("{n} x".format(n=1))\nN_(label)\n'
              '_("ok {n}", n=1)\n_(LABEL)\nN_("fine")\n')
    assert [p.split(": ", 1)[0] for p in problems_of(source, "m.py")] == ["m.py:1", "m.py:2", "m.py:3",
                                                                          "m.py:4"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_every_message_in_the_package_is_a_literal(path):
    assert not problems_of(path.read_text(encoding="utf-8"), path.name)


def test_the_committed_template_is_what_extract_writes():
    assert message_tool.TEMPLATE.exists(), "run: python tools/messages.py extract"
    assert message_tool.TEMPLATE.read_bytes() == message_tool.render(message_tool.template()), (
        "relmark_helpers/locale/relmark.pot is out of date: run python tools/messages.py extract")


def test_the_template_holds_the_messages_a_student_sees():
    with message_tool.TEMPLATE.open("rb") as handle:
        ids = {message.id for message in read_po(handle) if message.id}
    for message in ("no answer yet. Replace ... with your answer and run the cell again.",
                    "Exercise {exercise_id}:", "How fast rivals copy each bond (teaching values)",
                    "first-time customer", "champions"):
        assert message in ids


def test_every_language_has_every_message_of_the_template():
    with message_tool.TEMPLATE.open("rb") as handle:
        template_ids = {message.id for message in read_po(handle) if message.id}
    for po_path in sorted(message_tool.LOCALE_DIR.glob("*.po")):
        with po_path.open("rb") as handle:
            ids = {message.id for message in read_po(handle) if message.id}
        assert template_ids <= ids, f"{po_path.name} lacks messages: run python tools/messages.py extract"


def test_merging_keeps_a_translation_already_made(tmp_path):
    po_path = tmp_path / "zh_CN.po"
    po_path.write_text('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n\n'
                       'msgid "champions"\nmsgstr "冠军客户"\n\n'
                       'msgid "a message the code no longer has"\nmsgstr "旧"\n', encoding="utf-8")
    merged = message_tool.merge(po_path, message_tool.template()).decode("utf-8")
    assert 'msgid "champions"\nmsgstr "冠军客户"' in merged
    assert 'msgid "first-time customer"\nmsgstr ""' in merged
    assert '#~ msgid "a message the code no longer has"' in merged


def _shown_texts(exercise) -> list[str]:
    """The texts of an exercise that the checker shows a student (translated where shown)."""
    texts = [getattr(exercise, "hint", ""), getattr(exercise, "unit", ""), getattr(exercise, "reading", "")]
    texts += [m.feedback for m in getattr(exercise, "mistakes", ())]
    texts += [a.feedback for a in getattr(exercise, "also_accepted", ())]
    texts += list(getattr(exercise, "options", {}).values())
    texts += list(getattr(exercise, "explanations", {}).values())
    return [text for text in texts if text]


def test_every_text_an_exercise_shows_is_in_the_template():
    from relmark_helpers.answers import get_exercise, list_exercises

    with message_tool.TEMPLATE.open("rb") as handle:
        ids = {message.id for message in read_po(handle) if message.id}
    missing = [f"{eid}: {text[:60]!r}" for eid in list_exercises()
               for text in _shown_texts(get_exercise(eid)) if text not in ids]
    assert not missing, ("not in the catalogue (mark them with python tools/messages.py mark, then "
                         "extract):\n" + "\n".join(missing))


def test_mark_wraps_an_exercises_plain_texts_once(tmp_path):
    module = tmp_path / "nb09.py"
    module.write_text(
        'from relmark_helpers.core.exercises import KnownMistake, NumericExercise\n\n'
        'EXERCISES = (NumericExercise(exercise_id="9.1", answer=lambda: 1.0, unit="money",\n'
        '                             hint="Add the margins "\n'
        '                                  "up — café prices.",\n'
        '                             mistakes=(KnownMistake(lambda: 2.0, "Twice."),)),)\n',
        encoding="utf-8")
    assert message_tool.mark(module) == 3
    marked = module.read_text(encoding="utf-8")
    assert 'unit=N_("money")' in marked and 'N_("Twice.")' in marked
    assert 'hint=N_("Add the margins "\n                                  "up — café prices.")' in marked
    assert "from relmark_helpers.core.messages import N_\n" in marked
    assert message_tool.mark(module) == 0
    assert not problems_of(marked, "nb09.py")


def test_messages_in_a_context_are_extracted_with_it():
    with message_tool.TEMPLATE.open("rb") as handle:
        entries = {(message.context, message.id) for message in read_po(handle) if message.id}
    assert ("BTYD summary", "frequency") in entries and (None, "frequency") in entries
    assert ("BTYD summary", "recency") in entries


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_every_message_marked_in_a_context_is_a_literal(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "NC_":
            assert len(node.args) == 2 and all(_literal(arg) for arg in node.args), (
                f"{path.name}:{node.lineno}: NC_() takes a literal context and a literal message")
