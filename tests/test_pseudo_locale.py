"""Every word a student sees passes through the message catalogue (the pseudo-locale proves it).

Under ``use_language("pseudo")`` every message comes back wrapped as ``⟦…⟧``.  This test
renders, found generically (a new one is covered without editing this file):

(a) every public ``plot_*`` function of the package, called with its defaults and the bad-input
    sweep's plausible values (``tests/test_bad_input_sweep.py``), and collects every visible text
    of the figure: titles, axis labels, legends, annotations, text boxes, tick labels;
(b) every exercise of the registry, checked with its right answer, each known mistake, each other
    accepted reading, a wrong answer, ``...`` and an object of no use, and collects the feedback;
(c) every explorer (every ``Explorer`` subclass in the package) and every other public callable
    that returns a widget, with its widgets' descriptions, tooltips, options, HTML and label
    values, status line, captions and figure texts; and the static charts drawn by the
    explorers' ``LiveChart`` classes.

A text fails if, once every ``⟦…⟧`` is removed, a word of two or more Latin letters is left:
English that bypassed the catalogue.  Numbers, units and symbols pass; so do single letters
(an option's key, a variable such as r or i) and the few data values named in ``DATA_WORDS``.
"""

from __future__ import annotations

import html
import inspect
import re
import warnings
from collections.abc import Callable, Iterable, Iterator

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import ipywidgets as widgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from relmark_helpers.answers import get_exercise, list_exercises  # noqa: E402
from relmark_helpers.core.exercises import ChoiceExercise, MatchingExercise, NumericExercise  # noqa: E402
from relmark_helpers.core.messages import use_language  # noqa: E402

from .conftest import explorer_classes  # noqa: E402
from .test_bad_input_sweep import PLAUSIBLE, _parameters, public_callables  # noqa: E402

DATA_WORDS: frozenset[str] = frozenset({"basic", "plus"})  # the plan column of data/loyalty_renewals.csv
"""Words read from a data file that may be shown untranslated (none are needed today: the
bonding levels' names of ``data/bonding_levels.csv`` pass through the catalogue too)."""

def _tracked() -> pd.DataFrame:
    weeks = pd.Index(range(1, 79), name="week")
    return pd.DataFrame({"actual": np.linspace(10, 4000, 78), "BG/NBD": np.linspace(12, 3900, 78)},
                        index=weeks)


def _expectations() -> pd.DataFrame:
    groups = pd.Index(["0", "1", "2", "3+"], name="frequency")
    return pd.DataFrame({"customers": [1400, 300, 200, 460], "actual": [0.2, 0.7, 1.2, 3.0],
                         "BG/NBD": [0.25, 0.6, 1.1, 3.2]}, index=groups)


def _errors() -> pd.DataFrame:
    return pd.DataFrame({"predicted_total": [1800.0], "actual_total": [1700.0], "total_error_pct": [5.9],
                         "mae": [0.6], "rmse": [1.1], "tracking_mape_pct": [4.0]},
                        index=pd.Index(["BG/NBD"], name="model"))


def _segment_summary() -> pd.DataFrame:
    from relmark_helpers import rfm_segments, segment_summary

    from .test_bad_input_sweep import _classic_rfm, _classic_scores
    return segment_summary(_classic_rfm(), rfm_segments(_classic_scores()))


def _cohorts() -> pd.DataFrame:
    from .test_bad_input_sweep import _cohorts as cohorts
    return cohorts()


EXTRA_PLAUSIBLE: dict[str, list[Callable[[], object]]] = {
    "tracked": [_tracked], "table": [_expectations], "errors": [_errors], "summary": [_segment_summary],
}
"""Plausible values for arguments the sweep does not know, tried after the sweep's own."""

FIRST_CHOICE: dict[str, dict[str, Callable[[], object]]] = {
    "customer_data.plots.plot_cohort_heatmap": {"table": _cohorts},
}
"""The table a chart is drawn with, where the sweep's first plausible table is another chart's
(the cohort heatmap would draw a cash-flow table, whose column names are data)."""

_BRACKETED = re.compile(r"⟦[^⟦⟧]*⟧")
_WORD = re.compile(r"[A-Za-z]{2,}")


def english_left(text: str) -> list[str]:
    """The words of ``text`` outside every ``⟦…⟧`` (nested brackets removed from the inside out).

    >>> english_left("⟦Retention ⟦by bond⟧⟧ 80 %")
    []
    >>> english_left("⟦CLV⟧ per customer")
    ['per', 'customer']
    """
    previous = None
    while previous != text:
        previous, text = text, _BRACKETED.sub(" ", text)
    return [word for word in _WORD.findall(text) if word not in DATA_WORDS]


def _plain(markup: str) -> str:
    """The text a browser shows for ``markup`` (tags, styles and scripts removed)."""
    markup = re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _figure_texts(figure: Figure) -> list[str]:
    """Every visible, non-empty text of a drawn figure (tick labels as drawn)."""
    if not isinstance(figure.canvas, FigureCanvasAgg):
        FigureCanvasAgg(figure)  # a Figure() built without pyplot has a canvas that does not draw
    figure.canvas.draw()
    texts = []
    for artist in figure.findobj(Text):
        if artist.get_visible() and artist.get_text().strip():
            texts.append(artist.get_text())
    return texts


def _figure_of(result: object) -> Figure | None:
    if isinstance(result, Figure):
        return result
    if isinstance(result, Axes):
        return result.figure
    return None


def _untranslated(texts: Iterable[str]) -> list[str]:
    return [f"{text!r} (words {english_left(text)})" for text in texts if english_left(text)]


# --- (a) every plot function -------------------------------------------------------------------

def _draws_with_a_live_chart(function: Callable) -> bool:
    """True for a ``plot_*`` function that draws an explorer's ``LiveChart`` once (part (c))."""
    try:
        return ".draw_once(" in inspect.getsource(function)
    except (OSError, TypeError):
        return False


def _plot_functions() -> dict[str, Callable]:
    return {name: function for name, function in public_callables().items()
            if name.rsplit(".", 1)[-1].startswith("plot_")}


PLOTS = {name: f for name, f in _plot_functions().items() if not _draws_with_a_live_chart(f)}
LIVE_CHART_PLOTS = {name: f for name, f in _plot_functions().items() if _draws_with_a_live_chart(f)}


def _call_in_pseudo(function: Callable, name: str = "") -> object:
    """What ``function`` returns under the pseudo-locale, called with its defaults and the sweep's
    plausible values for the rest (the first candidate values with which the call succeeds)."""
    plausible = {key: make if isinstance(make, list) else [make] for key, make in PLAUSIBLE.items()}
    for key, makers in EXTRA_PLAUSIBLE.items():
        plausible[key] = plausible.get(key, []) + makers
    for key, make in FIRST_CHOICE.get(name, {}).items():
        plausible[key] = [make]
    required = [p.name for p in _parameters(function) if p.default is inspect.Parameter.empty]
    missing = [name for name in required if name not in plausible]
    assert not missing, (f"no plausible value for {missing}: add one to PLAUSIBLE in "
                         "tests/test_bad_input_sweep.py (or EXTRA_PLAUSIBLE here)")
    options = [plausible[name] for name in required]
    errors = []
    for index in range(max((len(o) for o in options), default=1)):
        arguments = {name: choices[min(index, len(choices) - 1)]()
                     for name, choices in zip(required, options, strict=True)}
        try:
            with use_language("pseudo"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return function(**arguments)
        except Exception as error:  # noqa: BLE001 - try the next plausible value
            errors.append(f"{type(error).__name__}: {error}")
            plt.close("all")
    raise AssertionError(f"no plausible call succeeds: {errors}")


def _drawn_texts(function: Callable, name: str = "") -> list[str]:
    try:
        figure = _figure_of(_call_in_pseudo(function, name))
        assert figure is not None, "a plot function returns its Axes or Figure"
        with use_language("pseudo"):
            return _figure_texts(figure)
    finally:
        plt.close("all")


def test_the_package_has_plot_functions():
    assert len(PLOTS) >= 20
    assert len(LIVE_CHART_PLOTS) >= 5


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_every_text_of_a_plot_passes_through_the_catalogue(name):
    texts = _drawn_texts(PLOTS[name], name)
    assert any("⟦" in text for text in texts), f"{name} shows no translated text at all"
    assert not _untranslated(texts), f"{name}: {_untranslated(texts)}"


def test_the_pseudo_locale_test_sees_a_plot_that_bypasses_the_catalogue():
    def plot_bypassing(*, ax=None):
        _, ax = plt.subplots()
        ax.set_title("Retention by bond")
        return ax

    assert _untranslated(_drawn_texts(plot_bypassing)) == ["'Retention by bond' (words ['Retention', "
                                                           "'by', 'bond'])"]


# --- (b) every exercise -------------------------------------------------------------------------

def _answers(exercise) -> Iterator[tuple[str, object]]:
    """(what, answer): right, known mistakes, other readings, wrong, unanswered, of no use."""
    if isinstance(exercise, NumericExercise):
        right = float(exercise.answer())
        yield "right", right
        for k, mistake in enumerate(exercise.mistakes):
            yield f"mistake {k}", float(mistake.value())
        for k, accepted in enumerate(exercise.also_accepted):
            yield f"accepted reading {k}", float(accepted.value())
        yield "wrong (far off)", right * 40 + 1000
        yield "wrong (close)", right * 1.03 if right else 0.5
        yield "wrong (sign)", -right if right else -1.0
        yield "text", "27%"
    elif isinstance(exercise, ChoiceExercise):
        yield "right", ",".join(sorted(exercise.correct))
        for key in sorted(set(exercise.options) - exercise.correct):
            yield f"option {key}", key
        yield "unknown option", "zz"
    elif isinstance(exercise, MatchingExercise):
        solution = dict(exercise.solution)
        yield "right", solution
        first = next(iter(solution))
        other = next(c for c in exercise.categories if c != solution[first])
        yield "one misplaced", {**solution, first: other}
        yield "unknown category", {**solution, first: "no such category"}
        yield "one missing", {k: v for k, v in solution.items() if k != first}
        yield "one unanswered", {**solution, first: ...}
    yield "unanswered", ...
    yield "of no use", object()


EXERCISE_IDS = list_exercises()


def _answer_keys(exercise) -> list[str]:
    """What a student types as the answer's keys: a matching exercise's items and categories.

    They are code (the dictionary's keys and values, copied from the question), not prose, so
    the feedback quotes them as typed; longest first, so that no key is cut inside another.
    """
    if not isinstance(exercise, MatchingExercise):
        return []
    keys = [repr(item) for item in exercise.solution] + list(exercise.categories)
    return sorted(keys, key=len, reverse=True)


def test_the_registry_has_exercises():
    assert len(EXERCISE_IDS) >= 30


@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_every_feedback_passes_through_the_catalogue(exercise_id):
    from relmark_helpers import check

    exercise = get_exercise(exercise_id)
    keys = _answer_keys(exercise)
    left = []
    with use_language("pseudo"):
        for what, answer in _answers(exercise):
            feedback = check(exercise_id, answer)
            for shown in (str(feedback), _plain(feedback._repr_html_())):
                for key in keys:
                    shown = shown.replace(key, " ")
                if english_left(shown):
                    left.append(f"{what}: {shown!r} (words {english_left(shown)})")
    assert not left, "\n".join(left)


def test_feedback_in_english_is_unchanged_by_the_catalogue():
    from relmark_helpers import check

    assert str(check("3.1", ...)) == ("✏️ Exercise 3.1: no answer yet. Replace ... with your answer "
                                       "and run the cell again.")
    assert str(check("3.1", "12,5")).startswith("⚠️ Exercise 3.1: the answer should be a single "
                                                 "number in money; got the text '12,5'.")


# --- (c) every explorer and widget --------------------------------------------------------------

EXPLORERS = explorer_classes()


def _widget_texts(widget: widgets.Widget) -> Iterator[str]:
    """Every text a widget tree shows: descriptions, tooltips, options, placeholders, values."""
    stack, seen = [widget], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        for attribute in ("description", "tooltip", "placeholder"):
            value = getattr(item, attribute, None)
            if isinstance(value, str) and value.strip():
                yield value
        if isinstance(item, widgets.HTML | widgets.HTMLMath):
            yield _plain(item.value)
        elif isinstance(item, widgets.Label | widgets.Text | widgets.Textarea):
            yield item.value
        if hasattr(item, "_options_labels"):
            yield from (str(label) for label in item._options_labels)
        stack.extend(getattr(item, "children", ()))


def _widget_makers() -> dict[str, Callable]:
    """Public callables that return a widget other than an explorer (covered by its class),
    such as the glossary search."""
    makers = {}
    for name, function in public_callables().items():
        if inspect.isclass(function):
            continue
        hints = str(inspect.signature(function).return_annotation)
        if "widgets." in hints or hints.endswith(("Box", "Interactive")):
            makers[name] = function
    return makers


WIDGET_MAKERS = _widget_makers()


def test_the_package_has_explorers_and_widgets():
    assert len(EXPLORERS) >= 7
    assert any("glossary" in name for name in WIDGET_MAKERS)


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_every_text_of_an_explorer_passes_through_the_catalogue(cls):
    with use_language("pseudo"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        explorer = cls()
        texts = [*_widget_texts(explorer), _plain(explorer.summary.value),
                 _plain(explorer.captions.value), *_figure_texts(explorer.chart.figure),
                 explorer._repr_mimebundle_()["text/plain"]]  # its stand-in where no kernel runs
    plt.close("all")
    assert not _untranslated(texts), f"{cls.__name__}: {_untranslated(texts)}"


@pytest.mark.parametrize("name", sorted(WIDGET_MAKERS))
def test_every_text_of_a_widget_passes_through_the_catalogue(name):
    widget = _call_in_pseudo(WIDGET_MAKERS[name], name)
    with use_language("pseudo"):
        texts = [*_widget_texts(widget), widget._repr_mimebundle_()["text/plain"]]
    plt.close("all")
    assert not _untranslated(texts), f"{name}: {_untranslated(texts)}"


@pytest.mark.parametrize("name", sorted(LIVE_CHART_PLOTS))
def test_every_text_of_an_explorers_static_chart_passes_through_the_catalogue(name):
    texts = _drawn_texts(LIVE_CHART_PLOTS[name], name)
    assert not _untranslated(texts), f"{name}: {_untranslated(texts)}"
