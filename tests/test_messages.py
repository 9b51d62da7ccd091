"""The message catalogue: English source text, the pseudo-locale, PO catalogues and fallback."""

from __future__ import annotations

import subprocess
import sys

import pytest

from relmark_helpers import LANGUAGES, _, catalogue, language, pgettext, set_language, use_language
from relmark_helpers.core import messages


def test_english_is_the_source_text_with_fields_filled_in():
    assert _("Retention") == "Retention"
    assert _("{n:,} customers", n=12345) == "12,345 customers"


def test_pseudo_locale_wraps_every_message_and_keeps_fields():
    with use_language("pseudo"):
        assert _("Retention") == "⟦Retention⟧"
        assert _("{share:.0%} still active", share=0.25) == "⟦25% still active⟧"
    assert language() == "en"


def test_use_language_restores_the_language_after_an_error():
    with pytest.raises(RuntimeError), use_language("zh"):
        assert language() == "zh_CN"
        raise RuntimeError
    assert language() == "en"


@pytest.fixture
def zh_catalogue(tmp_path, monkeypatch):
    """Write a test's own zh_CN catalogue (its entries, after the PO header) and read it instead."""
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)

    def write(entries: str) -> None:
        (tmp_path / "zh_CN.po").write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries,
            encoding="utf-8")
        messages._read_catalogue.cache_clear()
        messages._read_contexts.cache_clear()

    yield write
    messages._read_catalogue.cache_clear()
    messages._read_contexts.cache_clear()


def test_a_translated_entry_is_used_and_a_missing_one_falls_back_to_english(zh_catalogue):
    zh_catalogue('msgid "Retention"\nmsgstr "保留率"\n\n'
                 'msgid "{n} customers"\nmsgstr "{n} 位顾客"\n\n'
                 '#, fuzzy\nmsgid "Margin"\nmsgstr "毛利"\n')
    with use_language("zh_CN"):
        assert _("Retention") == "保留率"
        assert _("{n} customers", n=3) == "3 位顾客"
        assert _("Margin") == "Margin"  # fuzzy entries are not used
        assert _("Discount rate") == "Discount rate"
        assert catalogue("zh")["Retention"] == "保留率"


@pytest.mark.parametrize("bad", ["fr", "", None, 3])
def test_unknown_languages_are_refused_naming_the_argument(bad):
    with pytest.raises((ValueError, TypeError), match="lang"):
        set_language(bad)
    assert language() == "en"


def test_every_language_listed_is_accepted():
    for lang in LANGUAGES:
        with use_language(lang):
            assert language() == lang


def test_the_environment_variable_sets_the_starting_language():
    code = "from relmark_helpers import _, language; print(language(), _('Retention'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"RELMARK_LANG": "pseudo", "PATH": ""}).stdout
    assert out.split() == ["pseudo", "⟦Retention⟧"]


def test_a_message_in_a_context_has_its_own_translation_and_falls_back(zh_catalogue):
    zh_catalogue('msgid "frequency"\nmsgstr "消费频率"\n\n'
                 'msgctxt "BTYD summary"\nmsgid "frequency"\nmsgstr "重复购买天数"\n\n'
                 'msgid "recency"\nmsgstr "最近一次消费"\n')
    with use_language("zh_CN"):
        assert _("frequency") == "消费频率"  # the context's entry does not replace the plain one
        assert pgettext("BTYD summary", "frequency") == "重复购买天数"
        assert pgettext("BTYD summary", "recency") == "最近一次消费"  # no entry in the context
        assert pgettext("BTYD summary", "T") == "T"
    assert pgettext("BTYD summary", "frequency") == "frequency"
    with use_language("pseudo"):
        assert pgettext("BTYD summary", "{n} days", n=2) == "⟦2 days⟧"
