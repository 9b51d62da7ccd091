"""Notebooks 08, 09 and 07 as class sessions: length, order, judgement items, and numbers typed once.

The course is to be taught in the order of ``COURSE_ORDER`` (CLV before bonding, the CDNOW
notebook after 04, then CRM, the life cycle, the Chinese firms and the capstone last).  A
notebook may build only on notebooks before it in that order; any other notebook it names is
called "later".
"""

import importlib
import re

import nbformat
import pytest

from relmark_helpers import get_exercise

from .conftest import notebook_labelled

COURSE_ORDER = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10")
SESSIONS = ("8", "9", "7")
WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")
SKIP = {"navigation", "instructor", "solution"}


def _markdown(label, *, instructor=False):
    cells = nbformat.read(notebook_labelled(label), as_version=4).cells
    keep = [c for c in cells if c.cell_type == "markdown"]
    if instructor:
        return [c.source for c in keep if "instructor" in c.metadata.get("tags", [])]
    return [c.source for c in keep if not SKIP & set(c.metadata.get("tags", []))]


def _label(token):
    """'03' -> '3', '05b' -> '5b', '1b' -> '1b'."""
    return token.lstrip("0") or "0"


@pytest.mark.parametrize("label", SESSIONS)
def test_session_fits_ninety_minutes_and_states_its_time(label):
    text = "\n".join(_markdown(label))
    assert len(WORD.findall(text)) <= 2200
    assert re.search(r"\*Time: one class session \(about (60–)?90 minutes", text)


REFERENCE = re.compile(r"\bnotebooks?\b(.*)", re.I | re.S)
NUMBER = re.compile(r"(?<![\w.])(0?\d[b]?|0\d)(?![\w.%]|\s*%)")


def _named_notebooks(sentence):
    match = REFERENCE.search(sentence)
    if not match:
        return set()
    tail = re.sub(r"\]\([^)]*\)", "]", match.group(1))  # link targets are checked elsewhere
    tail = re.sub(r"\bsections?\s+[\d–, and]+", "", tail)
    tail = re.sub(r"\bart\.\s*\d+", "", tail)
    return {_label(t) for t in NUMBER.findall(tail) if _label(t) in COURSE_ORDER}


def test_the_reference_parser_finds_lists_and_leaves_other_numbers():
    found = _named_notebooks("Builds on notebooks 02 (the leaky bucket), 03 (CLV) and 07 (classic "
                             "recency), section 5, 20 %.")
    assert found == {"2", "3", "7"}


@pytest.mark.parametrize("label", SESSIONS)
def test_each_session_builds_only_on_earlier_notebooks(label):
    here = COURSE_ORDER.index(label)
    wrong = []
    for text in _markdown(label):
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z*(])", text):
            if "later" in sentence or sentence.lstrip().startswith("**Next:**"):
                continue
            later = [n for n in _named_notebooks(sentence)
                     if COURSE_ORDER.index(n) > here and n != label]
            if later:
                wrong.append((later, sentence.strip()[:120]))
    assert not wrong, f"notebook {label} names later notebooks without saying so: {wrong}"


# --- judgement items -----------------------------------------------------------------------
JUDGEMENT = {"8.4", "9.1", "9.2", "9.3", "8.5", "7.4", "7.5", "7.6"}


@pytest.mark.parametrize("label", SESSIONS)
def test_at_least_a_third_of_each_sessions_items_ask_for_judgement(label):
    cells = nbformat.read(notebook_labelled(label), as_version=4).cells
    items = re.findall(r'check\("(\d\.\d)"', "\n".join(c.source for c in cells))
    assert items
    assert sum(i in JUDGEMENT for i in items) >= len(items) / 3, (label, items)


def test_5_6_accepts_both_defensible_levels_and_only_together():
    exercise = get_exercise("9.2")
    assert exercise.select_all and exercise.correct == frozenset({"a", "b"})
    assert exercise.evaluate("a b").correct
    assert not exercise.evaluate("b").correct and not exercise.evaluate("a b c").correct


def test_free_text_items_have_a_rubric_in_the_instructor_edition():
    assert any("Rubric" in t for t in _markdown("9", instructor=True))
    assert any("rubric for 7.8" in t for t in _markdown("7", instructor=True))


# --- numbers typed once: question texts carry the exercise modules' constants ---------------
def _question(label, exercise_id):
    for text in _markdown(label):
        heading = f"### Exercise {exercise_id}"
        if heading in text:
            return " ".join(text.split(heading, 1)[1].split("### ", 1)[0].split())
    raise AssertionError(f"no question {exercise_id} in notebook {label}")


def test_ladder_questions_state_the_modules_constants():
    nb08 = importlib.import_module("relmark_helpers.answers.nb08")
    text = _question("8", "8.1")
    for row in nb08.SMALL_TRANSITIONS:
        for p in row:
            if 0 < p < 1:
                assert f"**{p}**" in text, p
    for m in nb08.SMALL_MARGIN:
        if m:
            assert f"**{m:g}**" in text, m
    assert f"**{nb08.SMALL_DISCOUNT:.0%}**".replace("%", " %") in text
    text = _question("8", "8.2")
    assert f"**{nb08.LADDER_PROMOTION:.0%}**".replace("%", " %") in text
    assert f"**{nb08.LADDER_LAPSE:.0%}**".replace("%", " %") in text
    text = _question("8", "8.5")
    assert f"**{nb08.EXPLORER_LAPSE:.0%}**".replace("%", " %") in text
    low, high = nb08.EXPLORER_PROMOTION
    assert f"**{low:.2f}** to **{high:.2f}**" in text


def test_rfm_questions_state_the_modules_constants():
    import pandas as pd

    nb07 = importlib.import_module("relmark_helpers.answers.nb07")
    text = _question("7", "7.1")
    for day, amount in nb07.PURCHASES:
        assert f"{amount:.2f}" in text and f"{pd.Timestamp(day):%-d %B %Y}" in text
    assert f"**{pd.Timestamp(nb07.OBSERVATION_END):%-d %B %Y}**" in text
    text = _question("7", "7.3")
    assert ", ".join(f"{k} {v}" for k, v in nb07.RECENCY_7_3.items()) in text
    assert f"**{nb07.MEMBER_7_3}**" in text
    text = _question("7", "7.7")
    assert f"**recency {nb07.BTYD_RECENCY_7_7:g}**" in text and f"**T = {nb07.BTYD_T_7_7:g}**" in text


def test_segment_explorer_answers_in_the_instructor_notes_are_computed():
    from relmark_helpers import (
        SegmentInputs,
        load_loyalty_transactions,
        rfm_scores,
        rfm_segments,
        rfm_table,
        threshold_rules,
    )

    log = load_loyalty_transactions()

    def shares(end, at_risk_max_r):
        segments = rfm_segments(rfm_scores(rfm_table(log, end)), threshold_rules(at_risk_max_r))
        return segments.value_counts(normalize=True)

    default = SegmentInputs()
    now = shares(default.observation_end, default.at_risk_max_r)
    before = shares("2023-09-30", default.at_risk_max_r)
    moved = shares(default.observation_end, default.at_risk_max_r + 1)
    notes = " ".join(" ".join(_markdown("7", instructor=True)).split())

    def pct(x):
        return f"{x:.0%}".replace("%", " %")

    assert f"({pct(before['champions'])} against {pct(now['champions'])})" in notes
    assert f"({pct(now['at risk'])} to {pct(moved['at risk'])} of customers)" in notes
    assert f"({pct(now['loyal'])} to {pct(moved['loyal'])})" in notes
    assert "need attention" not in moved.index
    assert moved["hibernating"] > now["hibernating"]
