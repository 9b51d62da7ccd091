"""Loaders for the three levels of bonding and the cases of the course material.

Two small tables in ``data/`` (documented in ``data/README.md``):

``bonding_levels.csv``
    One row per bond: Berry & Parasuraman's three levels (financial, social,
    structural), with Zeithaml & Bitner's customisation bond between social
    and structural.  What each offers, its instruments, how easily rivals
    copy it (in words, and as a teaching value in years) and the switching
    cost it creates.
``cases.csv``
    One row per fact about the cases in the course material (Subway,
    Ottobar, Civic Video, Haier Club, IKEA club) and about two cases added
    from outside it with their sources (Guanshengyuan, Luckin Coffee): the
    bond level(s) it illustrates, the fact in English, a number with its
    unit where the source gives one, and the Chinese source text it comes
    from.

Every loader reads through :func:`relmark_helpers.core.bundled_data.data_path` and checks
the table, so a damaged file gives a message naming the row and column.

Introduced in notebook 04.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from relmark_helpers.core.bundled_data import data_path
from relmark_helpers.core.messages import N_, _, language
from relmark_helpers.core.validate import UnknownName, choose

__all__ = [
    "BONDS",
    "CASE_COLUMNS",
    "LEVEL_COLUMNS",
    "LEVEL_TEXTS",
    "QUALIFIERS",
    "UNIT_RANGES",
    "bond_name",
    "bond_names",
    "case_fact",
    "case_table",
    "fact_value",
    "load_bonding_levels",
    "load_cases",
]

BONDS: tuple[str, ...] = ("financial", "social", "customisation", "structural")
"""The four bonds, from the easiest to copy to the hardest (Zeithaml & Bitner's order)."""

LEVEL_COLUMNS: tuple[str, ...] = (
    "bond", "rank", "level", "level_en", "level_zh", "name_en", "name_zh", "offers",
    "instruments", "copying", "years_to_copy", "switching_cost", "examples", "source",
)
LEVEL_TEXTS: tuple[str, ...] = ("offers", "instruments", "copying", "switching_cost", "examples")
"""Text columns of ``bonding_levels.csv`` the file also holds in Chinese (``offers_zh``, ...)."""
CASE_COLUMNS: tuple[str, ...] = (
    "fact_id", "case", "case_zh", "levels", "fact", "value", "qualifier", "unit", "date",
    "source_zh", "document",
)

QUALIFIERS: tuple[str, ...] = ("=", ">=", ">", "<=")
"""How a number in the material is meant: exactly, at least, more than, at most."""

UNIT_RANGES: dict[str, tuple[float, float]] = {
    "year": (1900.0, 2030.0),
    "aims": (1.0, 10.0),
    "issues per year": (1.0, 52.0),
    "members": (1.0, 1e9),
    "times a non-member": (1.0, 100.0),
    "% of members": (0.0, 100.0),
    "months": (1.0, 600.0),
    "stores": (1.0, 1e6),
    "million yuan": (0.0, 1e7),
    "million users": (0.0, 2000.0),
    "groups": (1.0, 1e7),
    "% more purchases a month": (-100.0, 1000.0),
}
"""Every unit a numeric case fact may have, with the range a sensible value lies in."""


def _table_error(name: str, row: int, column: str, value: object, wanted: str) -> ValueError:
    return ValueError(
        f"{name}, row {row + 2} (fact or bond {value!r}), column {column!r}: {wanted}."
    )


def bond_names() -> dict[str, str]:
    """Every bond's name in the workbook's current language, from ``data/bonding_levels.csv``.

    Returns
    -------
    dict of str to str
        Bond (one of :data:`BONDS`) to its name: the file's ``name_zh`` in the Chinese
        edition (e.g. 财务联系), its ``name_en`` otherwise.  One read of the file.
    """
    levels = load_bonding_levels()
    column = "name_zh" if language() == "zh_CN" else "name_en"
    return dict(zip(levels["bond"], levels[column].astype(str), strict=True))


def bond_name(bond: str) -> str:
    """A bond's name in the workbook's current language (see :func:`bond_names`).

    Parameters
    ----------
    bond : str
        One of :data:`BONDS`.

    Returns
    -------
    str
        The file's ``name_zh`` in the Chinese edition (e.g. 财务联系), its ``name_en`` otherwise.

    Examples
    --------
    >>> bond_name("structural")
    'structural bonds'
    """
    return bond_names()[choose("bond", bond, BONDS)]


def load_bonding_levels() -> pd.DataFrame:
    """The bonds and levels of relationship bonding, one row per bond.

    Returns
    -------
    pandas.DataFrame
        Columns as in :data:`LEVEL_COLUMNS` (documented in ``data/README.md``),
        in the order of :data:`BONDS`; the texts of :data:`LEVEL_TEXTS`
        (``offers``, ``instruments``, ``copying``, ``switching_cost``,
        ``examples``) are in the workbook's current language (the file's
        ``offers_zh``, ... in the Chinese edition, English where those are
        empty); ``rank`` (1-4) and ``level`` (1-3,
        Berry & Parasuraman's level the bond belongs to) are integers,
        ``years_to_copy`` (a teaching value: years a rival needs to match the
        bond completely) is a float.

    Raises
    ------
    ValueError
        A missing column, an unknown bond, or a level, rank or copying time
        out of range, naming the row.

    Examples
    --------
    >>> levels = load_bonding_levels()
    >>> levels["bond"].tolist()
    ['financial', 'social', 'customisation', 'structural']
    >>> levels["level"].tolist()
    [1, 2, 2, 3]
    """
    from relmark_helpers.core.file_reading import read_bundled_csv
    from relmark_helpers.core.messages import language

    name = "bonding_levels.csv"
    chinese_columns = tuple(f"{column}_zh" for column in LEVEL_TEXTS)
    frame = read_bundled_csv(data_path(name), (*LEVEL_COLUMNS, *chinese_columns), dtype=str,
                             keep_default_na=False).reset_index(drop=True)
    if language() == "zh_CN":
        for column in LEVEL_TEXTS:
            chinese = frame[f"{column}_zh"].str.strip()
            frame[column] = chinese.where(chinese != "", frame[column])
    if sorted(frame["bond"]) != sorted(BONDS):
        raise ValueError(f"{name} must have one row per bond {list(BONDS)}; "
                         f"got {frame['bond'].tolist()}.")
    for column, low, high in (("rank", 1, 4), ("level", 1, 3), ("years_to_copy", 0.5, 50)):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        for row, (number, bond) in enumerate(zip(numbers, frame["bond"], strict=True)):
            if not low <= number <= high:
                raise _table_error(name, row, column, bond, f"must be a number in [{low}, {high}]")
        frame[column] = numbers.astype(float if column == "years_to_copy" else int)
    frame = frame.set_index("bond").loc[list(BONDS)].reset_index()
    return frame[list(LEVEL_COLUMNS)]


def _parse_levels(text: str) -> tuple[int, ...]:
    if not text:
        return ()
    return tuple(int(part) for part in text.split(";"))


def load_cases(case: str | None = None) -> pd.DataFrame:
    """The case facts of the course material, one row per fact.

    Parameters
    ----------
    case : str, optional
        Keep only one case: ``"Subway"``, ``"Ottobar"``, ``"Civic Video"``,
        ``"Haier Club"``, ``"IKEA club"``, ``"Guanshengyuan"`` or
        ``"Luckin Coffee"``.

    Returns
    -------
    pandas.DataFrame
        Columns as in :data:`CASE_COLUMNS`; ``fact`` is in the workbook's
        current language (the file's ``fact_zh`` in the Chinese edition,
        English where that is empty).  ``levels`` is a tuple of the bond
        levels (1-3) the fact illustrates (empty for context such as how the
        firm is organised); ``value`` is a float (NaN where the material gives
        no number); ``date`` a ``Timestamp`` (NaT where none).

    Raises
    ------
    ValueError
        An unknown case, a duplicated ``fact_id``, a level outside 1-3, a
        number that does not parse or lies outside its unit's range
        (:data:`UNIT_RANGES`), or an unknown qualifier, naming the row.

    Examples
    --------
    >>> facts = load_cases("Ottobar")
    >>> float(facts.set_index("fact_id").loc["ottobar_members", "value"])
    130000.0
    """
    from relmark_helpers.core.file_reading import read_bundled_csv
    from relmark_helpers.core.messages import language

    name = "cases.csv"
    frame = read_bundled_csv(data_path(name), (*CASE_COLUMNS, "fact_zh"), dtype=str,
                             keep_default_na=False).reset_index(drop=True)
    if language() == "zh_CN":
        chinese = frame["fact_zh"].str.strip()
        frame["fact"] = chinese.where(chinese != "", frame["fact"])
    frame = frame.loc[:, list(CASE_COLUMNS)]
    duplicated = frame.loc[frame["fact_id"].duplicated(), "fact_id"].tolist()
    if duplicated:
        raise ValueError(f"{name}: fact_id must be unique; {duplicated} appear more than once.")
    levels, values = [], []
    for row, record in enumerate(frame.itertuples(index=False)):
        try:
            parsed = _parse_levels(record.levels)
        except ValueError:
            parsed = (0,)
        if any(not 1 <= level <= 3 for level in parsed):
            raise _table_error(name, row, "levels", record.fact_id,
                               "must be empty or levels 1-3 separated by ';' (e.g. '1;2')")
        levels.append(parsed)
        if record.value == "":
            if record.unit or record.qualifier:
                raise _table_error(name, row, "value", record.fact_id,
                                   "is empty, so unit and qualifier must be empty too")
            values.append(float("nan"))
            continue
        try:
            number = float(record.value)
        except ValueError:
            raise _table_error(name, row, "value", record.fact_id,
                               f"must be a number; got {record.value!r}") from None
        if record.unit not in UNIT_RANGES:
            raise _table_error(name, row, "unit", record.fact_id,
                               f"must be one of {sorted(UNIT_RANGES)}; got {record.unit!r}")
        low, high = UNIT_RANGES[record.unit]
        if not low <= number <= high:
            raise _table_error(name, row, "value", record.fact_id,
                               f"{number:g} {record.unit} is outside [{low:g}, {high:g}]")
        if record.qualifier not in QUALIFIERS:
            raise _table_error(name, row, "qualifier", record.fact_id,
                               f"must be one of {list(QUALIFIERS)}; got {record.qualifier!r}")
        values.append(number)
    frame["levels"] = levels
    frame["value"] = values
    dates = pd.to_datetime(frame["date"].replace("", None), format="%Y-%m-%d", errors="coerce")
    unreadable = np.flatnonzero((dates.isna() & (frame["date"] != "")).to_numpy())
    if len(unreadable):
        row = int(unreadable[0])
        raise _table_error(name, row, "date", frame["fact_id"].iloc[row],
                           f"must be empty or a date such as 2024-03-31; got {frame['date'].iloc[row]!r}")
    frame["date"] = dates
    if case is not None:
        choose("case", case, tuple(dict.fromkeys(frame["case"])))
        frame = frame[frame["case"] == case].reset_index(drop=True)
    return frame[list(CASE_COLUMNS)]


def case_fact(fact_id: str) -> pd.Series:
    """One fact of ``cases.csv`` by its ``fact_id`` (e.g. ``"ottobar_members"``).

    Raises
    ------
    KeyError
        An unknown ``fact_id``, listing the known ones of the same case.
    """
    if not isinstance(fact_id, str):
        raise TypeError(f"fact_id must be text such as 'ottobar_members'; got {type(fact_id).__name__}.")
    frame = load_cases().set_index("fact_id")
    if fact_id not in frame.index:
        prefix = str(fact_id).split("_")[0]
        near = [f for f in frame.index if f.startswith(prefix)] or list(frame.index)
        raise UnknownName(f"fact_id: no case fact {fact_id!r}; known facts include {', '.join(near)}.")
    return frame.loc[fact_id]


def fact_value(fact_id: str) -> float:
    """The number of a case fact, e.g. ``fact_value("ottobar_members")`` -> 130000.0.

    Raises
    ------
    KeyError
        An unknown ``fact_id``.
    ValueError
        The fact has no number.

    Examples
    --------
    >>> fact_value("ottobar_visit_ratio")
    3.0
    """
    fact = case_fact(fact_id)
    if pd.isna(fact["value"]):
        raise ValueError(f"case fact {fact_id!r} has no number; it says: {fact['fact']}")
    return float(fact["value"])


_YEAR_WORDS = {"=": N_("in {year}"), ">=": N_("in or after {year}"), ">": N_("after {year}"),
               "<=": N_("in or before {year}")}
_AMOUNT_WORDS = {"=": N_("{amount} {unit}"), ">=": N_("at least {amount} {unit}"),
                 ">": N_("more than {amount} {unit}"), "<=": N_("at most {amount} {unit}")}
_UNIT_WORDS = {
    "aims": N_("aims"), "issues per year": N_("issues per year"), "members": N_("members"),
    "times a non-member": N_("times a non-member"), "% of members": N_("% of members"),
    "months": N_("months"), "stores": N_("stores"), "million yuan": N_("million yuan"),
    "million users": N_("million users"), "groups": N_("groups"),
    "% more purchases a month": N_("% more purchases a month"),
}
"""How :func:`case_table` words each unit (through the message catalogue)."""


def case_table(case: str) -> pd.DataFrame:
    """One case's facts, ready to read: the fact, its level(s), its number in words, the source.

    Parameters
    ----------
    case : str
        As in :func:`load_cases` (``"Subway"``, ``"Ottobar"``, ...).

    Returns
    -------
    pandas.DataFrame
        Columns ``fact`` (in the current language), ``levels`` (e.g. ``"1, 2"``; empty for context),
        ``number`` (e.g. ``"more than 3 times a non-member"``, a year as
        ``"1965"`` with no thousands separator; empty where the source gives
        none, a date as ``YYYY-MM-DD``; worded in the current language) and
        ``source_zh``.

    Examples
    --------
    >>> case_table("Ottobar").set_index("fact").iloc[-1]["number"]
    'more than 3 times a non-member'
    >>> case_table("Subway")["number"].iloc[0]
    'in 1965'
    """
    facts = load_cases(case)
    numbers = []
    for row in facts.itertuples(index=False):
        if not pd.isna(row.value) and row.unit == "year":
            numbers.append(_(_YEAR_WORDS[row.qualifier], year=f"{row.value:.0f}"))
        elif not pd.isna(row.value):
            value = float(row.value)
            digits = 0 if value.is_integer() else 1 if round(value, 1) == value else 2
            numbers.append(_(_AMOUNT_WORDS[row.qualifier], amount=f"{row.value:,.{digits}f}",
                             unit=_(_UNIT_WORDS[row.unit])))
        elif not pd.isna(row.date):
            numbers.append(f"{row.date:%Y-%m-%d}")
        else:
            numbers.append("")
    return pd.DataFrame({
        "fact": facts["fact"],
        "levels": [", ".join(str(level) for level in levels) for levels in facts["levels"]],
        "number": numbers,
        "source_zh": facts["source_zh"],
    })
