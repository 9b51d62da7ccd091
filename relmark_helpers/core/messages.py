"""The message catalogue: every string a student sees passes through :func:`_`.

English is the source text.  A widget label, a tooltip, a summary sentence,
a plot title, an axis label, a legend entry or an exercise's feedback is
written in the code as ``_("Customer lifetime value")`` (with ``{fields}``
filled in by keyword: ``_("worth {value:,.0f}", value=v)``).  In English the
text is returned as written; in another language it is looked up in that
language's catalogue, ``relmark_helpers/locale/<language>.po`` (the gettext
PO format that translators' tools read), and a missing entry falls back to
English.

A string defined before the language is known (a module-level constant, a
dataclass field's label) is marked with :func:`N_`, which returns it
unchanged, and translated where it is shown: ``_(LABEL)``.

One English word may need two translations: ``frequency`` is 消费频率 as a column
of classic RFM and 重复购买天数 as a column of the BTYD summary.  Such a message
is given a *context* (gettext's ``msgctxt``): :func:`pgettext` translates it in a
context, :func:`NC_` marks it with one, and a context without its own entry falls
back to the message's plain translation.

Two languages besides English are always there:

``"pseudo"``
    The pseudo-locale: every message comes back wrapped as ``⟦…⟧``.  A test
    renders every explorer, plot and exercise in it and fails on any visible
    English word outside the brackets, i.e. one that bypassed the catalogue.
``"zh_CN"``
    Simplified Chinese, from ``locale/zh_CN.po`` (entries not translated yet
    fall back to English).

The language is chosen by :func:`set_language`, or for a block by
:func:`use_language`; its starting value comes from the environment variable
``RELMARK_LANG`` (``en`` if unset).  Error messages meant for programmers
(``ValueError`` texts) stay in English and do not pass through here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

__all__ = ["LANGUAGES", "NC_", "N_", "_", "catalogue", "language", "pgettext", "set_language",
           "use_language"]

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""Where the PO catalogues live: ``relmark_helpers/locale/<language>.po``."""

LANGUAGES: tuple[str, ...] = ("en", "zh_CN", "pseudo")
"""The languages :func:`set_language` accepts; ``en`` is the source text."""

_ALIASES = {"en": "en", "en_us": "en", "en_gb": "en", "zh": "zh_CN", "zh_cn": "zh_CN",
            "zh-cn": "zh_CN", "zh_hans": "zh_CN", "pseudo": "pseudo"}

PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"

_state = {"language": "en"}


def _normalise(lang: object, name: str = "lang") -> str:
    """The language code ``lang`` stands for; errors name the caller's argument ``name``."""
    if not isinstance(lang, str):
        raise TypeError(f"{name} must be a string such as 'en' or 'zh_CN'; got {name}={lang!r}.")
    key = lang.strip().split(".")[0].lower()
    if key not in _ALIASES:
        raise ValueError(f"{name} must be one of {', '.join(LANGUAGES)} (or 'zh'); "
                         f"got {name}={lang!r}.")
    return _ALIASES[key]


def set_language(lang: str) -> None:
    """Show every message from now on in this language.

    Parameters
    ----------
    lang : str
        ``"en"`` (English, the source text), ``"zh_CN"`` or ``"zh"``
        (Simplified Chinese) or ``"pseudo"`` (every message wrapped in ⟦…⟧,
        for tests).

    Examples
    --------
    >>> set_language("pseudo"); _("Retention"); set_language("en")
    '⟦Retention⟧'
    """
    _state["language"] = _normalise(lang)


def language() -> str:
    """The language messages are shown in now (one of :data:`LANGUAGES`)."""
    return _state["language"]


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Show messages in ``lang`` inside a ``with`` block, then go back.

    Examples
    --------
    >>> with use_language("pseudo"):
    ...     _("{n} customers", n=3)
    '⟦3 customers⟧'
    """
    before = _state["language"]
    set_language(lang)
    try:
        yield
    finally:
        _state["language"] = before


def catalogue(lang: str) -> dict[str, str]:
    """The translations of one language: English message -> translated message.

    Read once from ``locale/<lang>.po`` with babel's PO reader; entries with an
    empty translation or marked fuzzy are left out (they fall back to English).

    Parameters
    ----------
    lang : str
        A language of :data:`LANGUAGES` other than ``"en"`` and ``"pseudo"``.
    """
    return dict(_read_catalogue(_normalise(lang)))


@cache
def _read_catalogue(lang: str) -> dict[str, str]:
    path = LOCALE_DIR / f"{lang}.po"
    if not path.exists():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        parsed = read_po(handle)
    return {str(m.id): str(m.string) for m in parsed
            if m.id and m.string and not m.fuzzy and isinstance(m.id, str) and not m.context}


@cache
def _read_contexts(lang: str) -> dict[tuple[str, str], str]:
    """(context, English message) -> translation, for the entries with a ``msgctxt``."""
    path = LOCALE_DIR / f"{lang}.po"
    if not path.exists():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        parsed = read_po(handle)
    return {(str(m.context), str(m.id)): str(m.string) for m in parsed
            if m.id and m.string and not m.fuzzy and isinstance(m.id, str) and m.context}


def N_(message: str) -> str:
    """Mark a message for the catalogue without translating it yet (see the module's text)."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark a message in a context for the catalogue; returns ``message`` unchanged (see :func:`pgettext`)."""
    return message


def pgettext(context: str, message: str, /, **fields: object) -> str:
    """The message as translated in ``context``, with ``{fields}`` filled in.

    Parameters
    ----------
    context : str
        What the message is used for, e.g. ``"BTYD summary"`` (the PO entry's ``msgctxt``).
    message : str
        The English source text, a ``str.format`` template when ``fields`` are given.
    **fields
        Values for the template's fields.

    Returns
    -------
    str
        The context's translation; else the message's translation without a
        context; else English.

    Examples
    --------
    >>> with use_language("zh_CN"):
    ...     pgettext("BTYD summary", "frequency"), _("frequency")
    ('重复购买天数', '消费频率')
    """
    lang = _state["language"]
    if lang in ("en", "pseudo"):
        return _(message, **fields)
    text = _read_contexts(lang).get((context, message))
    if text is None:
        return _(message, **fields)
    return text.format(**fields) if fields else text


def _(message: str, /, **fields: object) -> str:
    """The message in the current language, with ``{fields}`` filled in.

    Parameters
    ----------
    message : str
        The English source text, a ``str.format`` template when ``fields`` are given.
    **fields
        Values for the template's fields (numbers are formatted by the template,
        e.g. ``{value:,.0f}``).

    Returns
    -------
    str
        The translation (English when the language has no entry for it).

    Examples
    --------
    >>> _("{share:.0%} still active", share=0.25)
    '25% still active'
    """
    lang = _state["language"]
    if lang == "en":
        text = message
    elif lang == "pseudo":
        text = PSEUDO_OPEN + message + PSEUDO_CLOSE
    else:
        text = _read_catalogue(lang).get(message, message)
    return text.format(**fields) if fields else text


def _initial_language() -> None:
    env = os.environ.get("RELMARK_LANG", "").strip()
    if env:
        try:
            set_language(env)
        except (TypeError, ValueError):
            _state["language"] = "en"


_initial_language()
