"""Tables in the workbook's language: a table's labels are translated when it is shown.

The package's tables keep English labels: code selects their columns by name
(``table["present_value"]``), in both editions of a notebook.  What a student
*sees* follows the language instead: when a notebook speaks Chinese
(``set_language("zh_CN")``), a :class:`pandas.DataFrame` or :class:`pandas.Series`
a cell shows (as its result or with ``display()``) is drawn from a relabelled
copy, in which every label that is a catalogue message comes out translated:

- column labels and index labels (every level of a :class:`pandas.MultiIndex`),
- the names of the index and of the columns (``frame.index.name``,
  ``frame.columns.name``) and a Series' ``name``,
- string values of an index (row labels such as a strategy's assumptions).

A table whose labels mean something else than the same words elsewhere carries
a context in ``frame.attrs[LABEL_CONTEXT]`` (pandas keeps ``attrs`` through
``head()``, ``describe()``, ``round()``, selections and sorting): the BTYD summary's
``frequency`` is 重复购买天数, classic RFM's is 消费频率 (see
:func:`~relmark_helpers.core.messages.pgettext`).

Cell values are not touched, nor is the shown object itself, and a label that is
not a catalogue message (a customer id, a case name, a number) stays as it is.
In English the table is drawn by pandas exactly as without this module; in
Chinese its plain-text form counts a hanzi as two columns
(``display.unicode.east_asian_width``), so that the columns line up.

The translation happens in IPython's display formatters, registered by
:func:`register_table_formatters` (``use_workbook_style()`` calls it in a
Jupyter kernel), so ``pd.option_context(...)`` blocks around a ``display()``
apply as usual.  A :class:`pandas.io.formats.style.Styler` is drawn by its own
``_repr_html_`` and keeps its labels (no notebook shows one).

The labels of tables built by the package, and the column names of the bundled
data, are marked :func:`~relmark_helpers.core.messages.N_` where they are defined
or listed in :data:`TABLE_LABELS`, so that ``tools/messages.py extract`` puts
them in the catalogue.
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pandas as pd
from pandas.api.types import is_string_dtype

from relmark_helpers.core.messages import N_, NC_, _, language, pgettext

__all__ = [
    "BTYD_SUMMARY",
    "LABEL_CONTEXT",
    "TABLE_LABELS",
    "register_table_formatters",
    "shown_labels",
    "translate_label",
    "translated_index",
]

UNTRANSLATED_LANGUAGES: tuple[str, ...] = ("en", "pseudo")
"""Languages in which a table is drawn as pandas draws it: English, and the pseudo-locale
(which wraps messages, not data labels)."""

TABLE_LABELS: tuple[str, ...] = (
    # column and index names of the package's tables and bundled data
    N_("period"), N_("start"), N_("lost"), N_("acquired"), N_("end"), N_("strategy"),
    N_("statement"), N_("source"), N_("measured"), N_("tested_by"), N_("claim_id"),
    N_("term_en"), N_("term_zh"), N_("definition"), N_("notebook"),
    N_("survival"), N_("margin"), N_("expected_margin"), N_("discount_factor"),
    N_("present_value"), N_("cumulative_present_value"), N_("driver"), N_("change"),
    N_("clv"), N_("change_in_clv"),
    N_("customer_id"), N_("date"), N_("amount"), N_("quantity"), N_("store"), N_("channel"),
    N_("member_level"), N_("first_purchase"), N_("master_id"),
    N_("frequency"), N_("recency"), N_("monetary"), N_("monetary_value"), N_("revenue"),
    N_("recency_days"), N_("mean_recency_days"), N_("mean_frequency"),
    N_("share_of_customers"), N_("share_of_revenue"), N_("action"),
    N_("count"), N_("mean"), N_("std"), N_("min"), N_("max"), N_("total"),
    N_("purchases_per_customer"), N_("spend_per_purchase"),
    N_("frequency_holdout"), N_("monetary_holdout"), N_("duration_holdout"),
    N_("p_alive"), N_("p_alive_pareto"), N_("predicted_total"), N_("actual_total"),
    N_("total_error_pct"), N_("tracking_mape_pct"), N_("mae"), N_("published"),
    N_("clv_model"), N_("clv_floor"), N_("model_to_floor"),
    N_("state"), N_("from"), N_("to"),
    N_("name"), N_("name_en"), N_("name_zh"), N_("level"), N_("level_en"), N_("level_zh"),
    N_("bond"), N_("label"), N_("cost"), N_("retention"), N_("referrals"), N_("payback"),
    N_("roi"), N_("uplift"), N_("setup_cost"), N_("programme_cost"), N_("switching_cost"),
    N_("margin_with"), N_("retention_with"), N_("referrals_with"), N_("clv_with"),
    N_("clv_without"), N_("relative_uplift"), N_("clv_member"), N_("clv_non_member"),
    N_("clv_gap"), N_("member_margin"), N_("member_multiple"), N_("value_credited_to_club"),
    N_("max_cost_per_member_per_year"), N_("magazine_cost_per_member_per_year"),
    N_("magazine_mailing_per_year"), N_("magazine_share_of_budget"), N_("source_zh"),
    N_("case"), N_("number"), N_("fact"), N_("examples"), N_("instruments"), N_("offers"),
    N_("levels"), N_("copying"),
    N_("programme"), N_("total_uplift"), N_("clv_after_welcome"), N_("clv_with_referrals"),
    N_("expected_next_year"), N_("actual_next_year"),
    # labels the package builds with a number in them, at the defaults the notebooks use
    # (uplift_firm_versus_customer with periods=10; stress_test with copy_after=1, retention_drop=0.05)
    N_("firm, 10 years"), N_("existing customers only, 10 years"),
    N_("a rival copies from year 2"), N_("retention 5 points lower"),
    # (simulate_mixture and mixture_retention with two groups, as in notebook 05)
    N_("group 1"), N_("group 2"), N_("retention of group 1"), N_("retention of group 2"),
    N_("expected aggregate retention"),
)
"""Table labels that are not marked where they are defined: the column names of the
package's tables and of the bundled data sets (marked here once, since code uses
them as keys in many places), and the labels the package builds from a number, as
they read at the notebooks' values."""


LABEL_CONTEXT = "label_context"
"""The key of ``frame.attrs`` that names the context in which a table's labels are translated."""

BTYD_SUMMARY = "BTYD summary"
"""The context of the BTYD summary's columns (``rfm_summary``, ``calibration_holdout``)."""

BTYD_LABELS: tuple[str, ...] = (
    NC_("BTYD summary", "frequency"), NC_("BTYD summary", "recency"),
)
"""Labels the BTYD summary shares with classic RFM but means differently (repeat purchase days;
days from the first to the last purchase)."""


def _translates() -> bool:
    return language() not in UNTRANSLATED_LANGUAGES


def translate_label(label: Hashable, context: str | None = None) -> Hashable:
    """A table label as shown in the current language.

    Parameters
    ----------
    label : hashable
        A column or index label, or an axis name.
    context : str, optional
        The table's context (e.g. :data:`BTYD_SUMMARY`): its own translation of
        ``label`` if the catalogue has one, else the plain translation.

    Returns
    -------
    hashable
        The catalogue's translation if ``label`` is a string that is a catalogue
        message and the language is one with a catalogue (``zh_CN``); otherwise
        ``label`` itself (numbers, ids, ``None``, English).

    Examples
    --------
    >>> from relmark_helpers.core.messages import use_language
    >>> with use_language("zh_CN"):
    ...     translate_label("retention"), translate_label("C0001"), translate_label(3)
    ('保留率', 'C0001', 3)
    """
    if not isinstance(label, str) or not label or not _translates():
        return label
    if isinstance(context, str) and context:
        return pgettext(context, label)
    return _(label)


KEPT_LEVELS: frozenset[str] = frozenset({"term_en", "case", "claim_id", "fact_id", "customer_id"})
"""Index levels whose values are data, never translated (the glossary's English terms, ids)."""


def _translated_names(names: list[Hashable], context: str | None = None) -> list[Hashable]:
    return [translate_label(name, context) for name in names]


def translated_index(index: pd.Index, context: str | None = None) -> pd.Index:
    """``index`` with its string labels and its name(s) translated; ``index`` itself if none is.

    Parameters
    ----------
    index : pandas.Index
        Row or column labels; a :class:`pandas.MultiIndex` is translated level by level.
    context : str, optional
        The table's context (see :func:`translate_label`).

    Returns
    -------
    pandas.Index
        A new index of the same length and kind, or ``index`` unchanged (the same
        object) when no label and no name is a catalogue message.
    """
    if not isinstance(index, pd.Index):
        raise TypeError(f"index must be a pandas Index; got {type(index).__name__}.")
    if isinstance(index, pd.MultiIndex):
        levels = [index.get_level_values(i).rename(None) for i in range(index.nlevels)]
        shown = [level if name in KEPT_LEVELS else translated_index(level, context)
                 for level, name in zip(levels, index.names, strict=True)]
        names = _translated_names(list(index.names), context)
        if all(a is b for a, b in zip(shown, levels, strict=True)) and names == list(index.names):
            return index
        return pd.MultiIndex.from_arrays(shown, names=names)
    names = _translated_names(list(index.names), context)
    shown = index
    if index.name in KEPT_LEVELS:
        pass
    elif isinstance(index.dtype, pd.CategoricalDtype) or is_string_dtype(index.dtype):
        # translate each distinct label once (a long index repeats a few labels)
        codes, distinct = pd.factorize(index)
        translated = [translate_label(value, context) for value in distinct]
        if any(text != value for text, value in zip(translated, distinct, strict=True)):
            lookup = np.empty(len(translated) + 1, dtype=object)
            lookup[:-1], lookup[-1] = translated, np.nan  # code -1 marks a missing label
            shown = pd.Index(lookup[codes], dtype=object)
    if shown is index and names == list(index.names):
        return index
    return shown.set_names(names)


def shown_labels(obj: pd.DataFrame | pd.Series) -> pd.DataFrame | pd.Series:
    """What is drawn for a table: a copy with translated labels, or ``obj`` itself.

    Parameters
    ----------
    obj : pandas.DataFrame or pandas.Series
        The table a cell shows.  It is not changed.

    Returns
    -------
    pandas.DataFrame or pandas.Series
        In English (or when no label is a catalogue message) ``obj`` itself; else a
        shallow copy (the values are shared, not copied) whose index, columns, axis
        names and Series name are translated by :func:`translate_label`.
    """
    if not isinstance(obj, pd.DataFrame | pd.Series):
        raise TypeError(f"obj must be a pandas DataFrame or Series; got {type(obj).__name__}.")
    if not _translates():
        return obj
    context = obj.attrs.get(LABEL_CONTEXT)
    context = context if isinstance(context, str) else None
    index = translated_index(obj.index, context)
    if isinstance(obj, pd.DataFrame):
        columns = translated_index(obj.columns, context)
        if index is obj.index and columns is obj.columns:
            return obj
        shown = obj.copy(deep=False)
        shown.index, shown.columns = index, columns
        return shown
    name = translate_label(obj.name, context)
    if index is obj.index and name == obj.name:
        return obj
    shown = obj.copy(deep=False)
    shown.index, shown.name = index, name
    return shown


def _html(frame: pd.DataFrame) -> str | None:
    return shown_labels(frame)._repr_html_()


def _plain(obj: pd.DataFrame | pd.Series, printer: object, cycle: bool) -> None:
    from IPython.lib.pretty import _repr_pprint  # what IPython does for any object with a __repr__

    if not _translates():
        _repr_pprint(obj, printer, cycle)
        return
    with pd.option_context("display.unicode.east_asian_width", True):  # columns line up in CJK
        _repr_pprint(shown_labels(obj), printer, cycle)


def register_table_formatters(display_formatter: object | None = None) -> bool:
    """Draw DataFrames and Series with translated labels (see the module's text).

    Parameters
    ----------
    display_formatter : IPython.core.formatters.DisplayFormatter, optional
        Where to register; by default the running IPython shell's.  Registers an
        ``text/html`` formatter for DataFrames and a ``text/plain`` formatter for
        DataFrames and Series.  Calling it again changes nothing.

    Returns
    -------
    bool
        ``True`` if the formatters were registered, ``False`` outside IPython.
    """
    if display_formatter is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - the workbook always has IPython
            return False
        shell = get_ipython()
        if shell is None:
            return False
        display_formatter = shell.display_formatter
    formatters = getattr(display_formatter, "formatters", None)
    if not isinstance(formatters, dict) or not {"text/html", "text/plain"} <= formatters.keys():
        raise TypeError("display_formatter must be an IPython DisplayFormatter; got "
                        f"{type(display_formatter).__name__}.")
    formatters["text/html"].for_type(pd.DataFrame, _html)
    formatters["text/plain"].for_type(pd.DataFrame, _plain)
    formatters["text/plain"].for_type(pd.Series, _plain)
    return True
