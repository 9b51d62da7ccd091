"""A damaged bundled data file gives a message naming the file and how to restore it, never a raw error.

Each bundled file is copied into a temporary data folder, damaged in one of
the ways files get damaged (emptied, cut short, re-encoded, a column renamed,
a value mistyped) and loaded.  The loader must either load it or raise a
ValueError that names the file; anything else (pandas' EmptyDataError, a
KeyError, a UnicodeDecodeError) fails the test.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from relmark_helpers import (
    load_bonding_levels,
    load_cases,
    load_claims,
    load_glossary,
    load_loyalty_renewals,
    load_loyalty_transactions,
)
from relmark_helpers.core import bundled_data as data

LOADERS = {
    "glossary.csv": load_glossary,
    "claims.csv": load_claims,
    "cases.csv": load_cases,
    "bonding_levels.csv": load_bonding_levels,
    "loyalty_renewals.csv": load_loyalty_renewals,
    "loyalty_transactions.csv": load_loyalty_transactions,
}


def first_line_end(original: bytes) -> int:
    return original.index(b"\n") + 1


DAMAGES = {
    "emptied": lambda b: b"",
    "only spaces": lambda b: b"  \n\n",
    "header only": lambda b: b[:first_line_end(b)],
    "header lost": lambda b: b[first_line_end(b):],
    "cut mid-row": lambda b: b[: len(b) // 2],
    "first column renamed": lambda b: b"renamed" + b[b.index(b","):],
    "extra value on line 3": lambda b: _before_line_end(b, 3, b",surplus"),
    "a byte that is not UTF-8": lambda b: b[:first_line_end(b) + 3] + b"\xff" + b[first_line_end(b) + 3:],
    "saved as GBK": lambda b: b.decode("utf-8").encode("gb18030"),
    "saved as UTF-16": lambda b: b.decode("utf-8").encode("utf-16"),
    "binary junk": lambda b: np.random.default_rng(7).integers(0, 256, 600, dtype=np.uint8).tobytes(),
    "zeros": lambda b: bytes(300),
    "numbers mistyped": lambda b: b.replace(b"1", b"l"),
}


def _before_line_end(original: bytes, n: int, inserted: bytes) -> bytes:
    """``inserted`` at the end of line ``n`` (before its CR LF or LF)."""
    position = -1
    for _ in range(n):
        position = original.index(b"\n", position + 1)
    if original[position - 1:position] == b"\r":
        position -= 1
    return original[:position] + inserted + original[position:]


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    for name in LOADERS:
        shutil.copy(data.data_path(name), tmp_path / name)
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    return tmp_path


@pytest.mark.parametrize("damage", list(DAMAGES))
@pytest.mark.parametrize("name", list(LOADERS))
def test_a_damaged_file_loads_or_names_itself(data_folder, name, damage):
    path = data_folder / name
    path.write_bytes(DAMAGES[damage](path.read_bytes()))
    try:
        LOADERS[name]()
    except ValueError as error:
        assert name in str(error), str(error)
        assert "Traceback" not in str(error)


@pytest.mark.parametrize("name", [n for n in LOADERS if n != "loyalty_transactions.csv"])
def test_specific_damage_gets_specific_messages(data_folder, name):
    path = data_folder / name
    original = path.read_bytes()
    path.write_bytes(b"")
    with pytest.raises(ValueError, match=rf"data file '{name}' is empty. Restore the original with "
                                         rf"`git checkout -- data/{name}`"):
        LOADERS[name]()
    path.write_bytes(original[:first_line_end(original)])
    with pytest.raises(ValueError, match=rf"data file '{name}' is damaged: it has 0 data row\(s\)"):
        LOADERS[name]()
    path.write_bytes(DAMAGES["extra value on line 3"](original))
    with pytest.raises(ValueError, match=rf"data file '{name}' is damaged: line 3 has \d+ values where "
                                         r"the header has \d+ columns"):
        LOADERS[name]()
    path.write_bytes(DAMAGES["a byte that is not UTF-8"](original))
    with pytest.raises(ValueError, match=rf"data file '{name}' is damaged: line 2 is not UTF-8 text"):
        LOADERS[name]()


def test_the_glossary_names_a_lost_column(data_folder):
    path = data_folder / "glossary.csv"
    path.write_bytes(path.read_bytes().replace(b"notebook", b"nb", 1))
    with pytest.raises(ValueError, match=r"data file 'glossary.csv' is damaged: it lacks the column\(s\) "
                                         r"notebook \(its first line is 'term_en, term_zh, definition, "
                                         r"definition_zh, topic, nb'\)"):
        load_glossary()


def test_a_mistyped_renewal_names_its_line_and_column(data_folder):
    path = data_folder / "loyalty_renewals.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[6] = lines[6].rsplit(",", 1)[0] + ",yes"  # line 7 in an editor
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ValueError, match=r"data file 'loyalty_renewals.csv' is damaged: line 7, column "
                                         r"'subscribed': 'yes' is not a whole number in \[0, 1\]"):
        load_loyalty_renewals()


def test_a_mistyped_claim_value_names_its_line(data_folder):
    path = data_folder / "claims.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    first = lines[1].split(",")
    first[3] = "eighty"  # claim_id, statement, statement_zh, value
    lines[1] = ",".join(first)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ValueError, match=r"data file 'claims.csv' is damaged: line 2, column 'value': "
                                         r"'eighty' is not a number"):
        load_claims()


def test_a_bad_case_date_names_the_fact(data_folder):
    path = data_folder / "cases.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(",2000-01-30,") == 1  # the Haier Club's launch day
    path.write_text(text.replace(",2000-01-30,", ",2000-02-30,"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"cases.csv, row \d+ \(fact or bond '.*'\), column 'date': must be "
                                         r"empty or a date such as 2024-03-31; got '2000-02-30'"):
        load_cases()
