"""Sessions that fit one class: at most about 2,200 words of prose, and the time stated.

A class reads about 2,200 words of prose in a 90-minute session beside the code, the explorers
and the exercises; that is the budget. Each notebook states its time in a line
``*Time: ... about N minutes ...*`` that agrees with the registry's ``minutes``.
"""

import re

import nbformat
import pytest

from .conftest import REGISTRY, notebook_labelled

WORD = re.compile(r"[A-Za-z0-9][\w'’.-]*")
WORD_BUDGET = 2200
SESSIONS = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10")
TIME_LINE = re.compile(r"\*Time: [^*]*?about (?:\d+–)?(\d+) minutes")


def prose(path):
    cells = nbformat.read(path, as_version=4).cells
    # What a class reads: the instructor's notes and worked solutions are not part of it.
    skip = {"navigation", "instructor", "solution"}
    return "\n".join(c.source for c in cells if c.cell_type == "markdown"
                     and not skip & set(c.metadata.get("tags", [])))


def words(text):
    return len(WORD.findall(text))


def test_the_word_count_counts_english_words_and_numbers_not_markup():
    assert words("Customer lifetime value (顾客终身价值, CLV) is *m* · r / (1 + i − r).") == 10


@pytest.mark.parametrize("label", SESSIONS)
def test_session_fits_its_time(label):
    text = prose(notebook_labelled(label))
    assert words(text) <= WORD_BUDGET, f"{words(text)} words of prose"
    stated = TIME_LINE.search(text)
    assert stated, "state the session's time: *Time: ... about N minutes ...*"
    (entry,) = [e for e in REGISTRY if f"{e.number}{e.part}" == label]
    assert int(stated.group(1)) == entry.minutes, "the stated time differs from the registry's"


def test_the_two_sessions_split_from_one_keep_all_their_exercises():
    found = []
    for label in ("1", "2"):
        cells = nbformat.read(notebook_labelled(label), as_version=4).cells
        found += re.findall(r'check\("(\d\.\d)"', "\n".join(c.source for c in cells))
    assert sorted(found) == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4"]
