"""Loaders for the workbook's bundled data sets (the ``data/`` folder of the checkout).

Every loader reads through :func:`data_path`, so a missing file gives one
clear message naming the path that was tried.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from relmark_helpers.core.validate import UnknownName, _describe

__all__ = ["DATA_DIR", "claim", "data_path", "load_claims", "load_glossary"]

DATA_DIR: Path = Path(os.environ.get("RELMARK_DATA_DIR", Path(__file__).resolve().parents[2] / "data"))
"""Folder of the bundled data; set the environment variable RELMARK_DATA_DIR to move it."""

GLOSSARY_FILE_COLUMNS: tuple[str, ...] = (
    "term_en", "term_zh", "definition", "definition_zh", "topic", "notebook",
)
"""Columns of ``data/glossary.csv`` (documented in ``data/README.md``)."""

GLOSSARY_COLUMNS: tuple[str, ...] = ("term_en", "term_zh", "definition", "topic", "notebook")
"""Columns :func:`load_glossary` returns; ``definition`` is in the language asked for."""


def data_path(name: str) -> Path:
    """Path of a bundled data file, checked to exist.

    Raises
    ------
    FileNotFoundError
        Naming the path tried and the files that are there.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a file name such as 'glossary.csv'; got {_describe(name)}.")
    path = DATA_DIR / name
    if not path.is_file():
        present = sorted(p.name for p in DATA_DIR.glob("*")) if DATA_DIR.is_dir() else []
        raise FileNotFoundError(
            f"data file {name!r} not found at {path}; the data folder holds: "
            f"{', '.join(present) or 'nothing (is RELMARK_DATA_DIR right?)'}."
        )
    return path


def load_glossary(notebook: str | None = None, language: str | None = None) -> pd.DataFrame:
    """The bilingual glossary (English – 中文), one row per Chinese term.

    Parameters
    ----------
    notebook : str, optional
        Two-digit notebook number ("03") to keep only the terms it teaches.
    language : str, optional
        Language of the ``definition`` column: ``"en"`` or ``"zh_CN"``
        (``"zh"``).  By default the workbook's current language
        (:func:`relmark_helpers.set_language`), so the Chinese edition shows
        Chinese definitions; the pseudo-locale shows the English ones.

    Returns
    -------
    pandas.DataFrame
        Columns ``term_en``, ``term_zh``, ``definition``, ``topic``, ``notebook``
        (documented in ``data/README.md``), sorted by notebook and English term.
        The file holds both definitions (``definition`` and ``definition_zh``);
        the one returned is named ``definition`` in either language.
    """
    from relmark_helpers.core.file_reading import bundled_text, read_bundled_csv
    from relmark_helpers.core.messages import _normalise
    from relmark_helpers.core.messages import language as current_language

    lang = current_language() if language is None else _normalise(language, "language")
    frame = read_bundled_csv(data_path("glossary.csv"), GLOSSARY_FILE_COLUMNS, dtype=str,
                             keep_default_na=False)
    for column in GLOSSARY_FILE_COLUMNS:
        if column == "definition_zh":
            continue
        pattern = r"\d\d" if column == "notebook" else None
        bundled_text(frame, "glossary.csv", column, pattern=pattern, wanted="two digits such as '03'")
    if notebook is not None:
        if not isinstance(notebook, str) or notebook not in set(frame["notebook"]):
            raise ValueError(
                f"notebook must be one of {sorted(set(frame['notebook']))}; got {notebook!r}."
            )
        frame = frame[frame["notebook"] == notebook]
    if lang == "zh_CN":
        chinese = frame["definition_zh"].str.strip()
        frame = frame.assign(definition=chinese.where(chinese != "", frame["definition"]))
    frame = frame.loc[:, list(GLOSSARY_COLUMNS)]
    return frame.sort_values(["notebook", "term_en"], kind="stable").reset_index(drop=True)


def load_claims() -> pd.DataFrame:
    """Quoted claims with their sources (``data/claims.csv``), indexed by ``claim_id``.

    Returns
    -------
    pandas.DataFrame
        Columns ``statement``, ``value``, ``value_high`` (NaN when the claim
        is a single figure), ``unit``, ``source`` (the full reference),
        ``measured`` (what the source actually measured, or that it measured
        nothing; ``statement``, ``source`` and ``measured`` are in the
        workbook's current language: the file's ``statement_zh``/``source_zh``/
        ``measured_zh`` in the Chinese edition, English where those are empty;
        ``source_zh`` is empty for a plain citation, which reads the same in
        both editions), ``tested_by`` (where and how the workbook tests it) and
        ``notebook``.
    """
    from relmark_helpers.core.file_reading import bundled_numbers, read_bundled_csv
    from relmark_helpers.core.messages import language

    name = "claims.csv"
    translatable = ("statement", "source", "measured")
    chinese_columns = [f"{column}_zh" for column in translatable]
    columns = ("claim_id", "statement", "statement_zh", "value", "value_high", "unit", "source",
               "source_zh", "measured", "measured_zh", "notebook")
    frame = read_bundled_csv(data_path(name), columns,
                             dtype={"notebook": str, **dict.fromkeys(chinese_columns, str)})
    translated = frame.loc[:, chinese_columns].fillna("")
    if language() == "zh_CN":
        for column in translatable:
            chinese = translated[f"{column}_zh"].str.strip()
            frame[column] = chinese.where(chinese != "", frame[column])
    frame = frame.drop(columns=chinese_columns)
    frame["value"] = bundled_numbers(frame, name, "value", low=-1e12, high=1e12)
    frame["value_high"] = bundled_numbers(frame, name, "value_high", low=-1e12, high=1e12, missing_ok=True)
    return frame.set_index("claim_id")


def claim(claim_id: str) -> pd.Series:
    """One quoted claim by its id, e.g. ``claim("satisfied_still_switch")``.

    Raises
    ------
    KeyError
        Naming the known ids.
    """
    if not isinstance(claim_id, str):
        raise TypeError(f"claim_id must be text such as 'pareto_80_20'; got {type(claim_id).__name__}.")
    claims = load_claims()
    if claim_id not in claims.index:
        raise UnknownName(f"claim_id: no claim {claim_id!r}; known claims: {', '.join(claims.index)}.")
    return claims.loc[claim_id]
