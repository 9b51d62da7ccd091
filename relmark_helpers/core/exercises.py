"""Exercises with instant feedback.

A notebook states the question in markdown, and the student answers in a
code cell::

    answer_3_1 = ...          # replace ... with your answer
    check("3.1", answer_3_1)

:func:`check` says whether the answer is right; if not, how far off it is
and a hint — or, for a choice question, why that choice is wrong — without
ever printing the answer.  An unanswered ``...`` gets a friendly reminder,
so the stored notebook shows the same output on every run (nbval stays
green).

This module defines the kinds of exercise; the exercises themselves and
:func:`~relmark_helpers.answers.check` live in :mod:`relmark_helpers.answers`,
one module per notebook, not in the notebook a student reads.  Numeric answers are computed by the
same helper functions the lesson uses, so they can never drift from the text.

Three kinds of exercise:

* :class:`NumericExercise` — a number, right within a tolerance; known wrong
  answers (a typical mistake) get their own feedback.
* :class:`ChoiceExercise` — one option (or a set of options for "select all
  that apply"), with an explanation for every option.
* :class:`MatchingExercise` — sort items into categories (a dict), with an
  explanation for every item placed wrongly.

A *graded* exercise (listed in its answers module's ``GRADED``) counts for
marks: the student edition replaces it by a :class:`GradedForm`, which knows
the form of the answer (a number, one letter a–d, ...) but not the answer,
and says that the answer is recorded for the instructor.
"""

from __future__ import annotations

import html
import itertools
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from relmark_helpers.core.messages import _

__all__ = [
    "ChoiceExercise",
    "Feedback",
    "GradedForm",
    "AcceptedReading",
    "KnownMistake",
    "MatchingExercise",
    "NumericExercise",
    "Exercise",
    "UnknownExercise",
    "answer_form",
    "expected_kind",
]

_ICONS = {"correct": "✅", "incorrect": "❌", "unanswered": "✏️", "invalid": "⚠️", "recorded": "📝"}


@dataclass(frozen=True)
class Feedback:
    """What :func:`check` returns: a verdict and a message for the student.

    Attributes
    ----------
    exercise_id : str
        The exercise, e.g. ``"3.1"``.
    status : {"correct", "incorrect", "unanswered", "invalid", "recorded"}
        ``invalid`` means the answer has the wrong type (text for a number, ...);
        ``recorded`` means a graded exercise took an answer of the right form.
    message : str
        The feedback, plain text.
    """

    exercise_id: str
    status: str
    message: str

    @property
    def correct(self) -> bool:
        """True when the answer is right."""
        return self.status == "correct"

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        heading = _("Exercise {exercise_id}:", exercise_id=self.exercise_id)
        return f"{_ICONS[self.status]} {heading}{_gap(heading)}{self.message}"

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        lines = html.escape(self.message).replace("\n", "<br>")
        heading = html.escape(_("Exercise {exercise_id}:", exercise_id=self.exercise_id))
        return f"<p>{_ICONS[self.status]} <strong>{heading}</strong>{_gap(heading)}{lines}</p>"


@dataclass(frozen=True)
class KnownMistake:
    """A typical wrong numeric answer and what to tell a student who gives it.

    Attributes
    ----------
    value : callable returning float
        Computes the wrong answer with the helpers (e.g. the start-of-period
        CLV when the question asks for end-of-period).
    feedback : str
        What the student probably did, and how to fix it.
    """

    value: Callable[[], float]
    feedback: str


@dataclass(frozen=True)
class AcceptedReading:
    """Another defensible reading of a numeric question, accepted as right.

    Attributes
    ----------
    value : callable returning float
        Computes the answer under this reading (e.g. the CLV when the first
        margin is certain).
    feedback : str
        Names the reading the answer used, shown with "correct".
    """

    value: Callable[[], float]
    feedback: str


def _is_unanswered(answer: object) -> bool:
    return answer is Ellipsis or answer is None


@dataclass(frozen=True)
class NumericExercise:
    """A question whose answer is a number.

    Attributes
    ----------
    exercise_id : str
        Number as shown in the notebook, e.g. ``"3.1"``.
    answer : callable returning float
        Computes the right answer (with the helper functions).
    hint : str
        Shown with a wrong answer.
    rel_tol : float
        Accepted relative error (0.01 = within 1 %).
    abs_tol : float
        Accepted absolute error, for answers near zero.
    unit : str
        Unit the answer is expected in, named in the feedback ("money", "periods").
    mistakes : tuple of KnownMistake
        Wrong answers that deserve their own explanation.
    show_distance : bool
        Say how far off (in coarse bands) a wrong answer is.  Turn off for
        small whole numbers, where even "too low" lets a student count up to it.
    reading : str
        Names the reading (convention) of the main answer, shown with "correct".
    also_accepted : tuple of AcceptedReading
        Other defensible readings of the question, each accepted as right with
        feedback that names the reading it used.
    """

    exercise_id: str
    answer: Callable[[], float]
    hint: str
    rel_tol: float = 0.01
    abs_tol: float = 1e-9
    unit: str = ""
    mistakes: tuple[KnownMistake, ...] = ()
    show_distance: bool = True
    reading: str = ""
    also_accepted: tuple[AcceptedReading, ...] = ()

    def _close(self, given: float, target: float) -> bool:
        return math.isclose(given, target, rel_tol=self.rel_tol, abs_tol=self.abs_tol)

    def evaluate(self, answer: object) -> Feedback:
        """Judge ``answer`` and return the feedback."""
        eid = self.exercise_id
        if _is_unanswered(answer):
            return Feedback(eid, "unanswered", _("no answer yet. Replace ... with your answer "
                                                 "and run the cell again."))
        given = read_number(answer)
        if isinstance(given, str):
            if self.unit:
                return Feedback(eid, "invalid", _("the answer should be a single number in {unit}; "
                                                  "{reason}", unit=_(self.unit), reason=given))
            return Feedback(eid, "invalid", _("the answer should be a single number; {reason}",
                                              reason=given))
        target = float(self.answer())
        if self._close(given, target):
            reading = _(self.reading) if self.reading else _("Well done.")
            return Feedback(eid, "correct", _("correct. {reading}", reading=reading))
        for accepted in self.also_accepted:
            if self._close(given, float(accepted.value())):
                return Feedback(eid, "correct", _("correct. {reading}", reading=_(accepted.feedback)))
        for mistake in self.mistakes:
            if self._close(given, float(mistake.value())):
                return Feedback(eid, "incorrect", _("not quite. {feedback}", feedback=_(mistake.feedback)))
        if self.show_distance:
            distance = _how_far(given, target)
        else:
            distance = _("that is not it.")
        return Feedback(eid, "incorrect", _("not yet: {distance} Hint: {hint}",
                                            distance=distance, hint=_(self.hint)))


def read_number(answer: object) -> float | str:
    """A student's answer as one finite float, or a sentence saying why it is not one.

    Accepts ints, floats, numpy scalars and one-element arrays; never raises.
    Text such as ``"12,5"`` or ``"27%"`` is not parsed (a number is expected, not
    text), but the sentence says what to write instead.
    """
    if isinstance(answer, (bool, np.bool_)):
        return _("got {answer!r}, a yes/no value. Type the number itself.", answer=answer)
    if isinstance(answer, str):
        text = answer.strip()
        if text.endswith("%"):
            return _("got the text {answer!r:.40}. Write a share as a number without quotes: "
                     "0.27 for 27 %.", answer=answer)
        return _("got the text {answer!r:.40}. Write the number without quotes, with a dot for "
                 "decimals (12.5, not \"12,5\").", answer=answer)
    if isinstance(answer, np.ndarray):
        if answer.size != 1:
            return _("got an array of {size} values. Give one number.", size=answer.size)
        answer = answer.reshape(()).item()
    if not isinstance(answer, (int, float, np.number)):
        return _("got {kind} {value}.", kind=type(answer).__name__, value=_safe_repr(answer))
    try:
        given = float(answer)
    except OverflowError:
        return _("got a whole number too large to compute with.")
    except (TypeError, ValueError):
        return _("got {value}.", value=_safe_repr(answer))
    if not math.isfinite(given):
        return _("got {value}, which is not a finite number.", value=given)
    return given


def _safe_repr(value: object) -> str:
    """``repr`` cut to 60 characters, and never an exception."""
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a student's object may have a broken repr
        return _("a {kind}", kind=type(value).__name__)
    return text if len(text) <= 60 else text[:57] + "..."


def _how_far(given: float, target: float) -> str:
    """Describe the distance to the answer in coarse bands, so it cannot be worked back."""
    if target == 0:
        return _("your answer should be much closer to zero.")
    if given == 0:
        return _("the answer is not zero.")
    if (given > 0) != (target > 0):
        return _("check the sign of your answer.")
    ratio = given / target
    if ratio > 10 or ratio < 0.1:
        return _("your answer is off by more than a factor of ten "
                 "(check the units: rates as 0.8, not 80).")
    off = abs(ratio - 1)
    if abs(given) > abs(target):
        if off <= 0.05:
            return _("close, but less than 5 % too high.")
        if off <= 0.25:
            return _("on the right track, but between 5 % and 25 % too high.")
        return _("more than 25 % too high.")
    if off <= 0.05:
        return _("close, but less than 5 % too low.")
    if off <= 0.25:
        return _("on the right track, but between 5 % and 25 % too low.")
    return _("more than 25 % too low.")


def _normalise_choice(answer: object) -> str:
    if not isinstance(answer, str):
        return _safe_repr(answer)  # a number or object is never an option's letter
    return answer.strip().lower()


@dataclass(frozen=True)
class ChoiceExercise:
    """A multiple-choice question (one answer, or several for "select all that apply").

    Attributes
    ----------
    exercise_id : str
        Number as shown in the notebook.
    options : mapping of str to str
        Option key (``"a"``, ``"b"``, ...) to a short label, for messages.
    correct : frozenset of str
        Keys of the right option(s).
    explanations : mapping of str to str
        For every option, why it is right or wrong.  A wrong choice shows its
        own explanation; a right one confirms with its explanation.
    """

    exercise_id: str
    options: Mapping[str, str]
    correct: frozenset[str]
    explanations: Mapping[str, str]
    select_all: bool = field(default=False)

    def __post_init__(self) -> None:
        for name in ("options", "explanations"):
            value = getattr(self, name)
            if not isinstance(value, Mapping) or not value or not all(
                    isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
                raise TypeError(f"exercise {self.exercise_id}: {name} must be a non-empty dict of "
                                f"option key (text) to text; got {value!r:.60}.")
        if not isinstance(self.correct, (set, frozenset)) or not self.correct:
            raise TypeError(f"exercise {self.exercise_id}: correct must be a non-empty frozenset of "
                            f"option keys; got {self.correct!r:.60}.")
        keys = set(self.options)
        if not self.correct <= keys:
            raise ValueError(f"exercise {self.exercise_id}: the correct keys "
                             f"{sorted(map(str, self.correct))} must be among the options {sorted(keys)}.")
        if set(self.explanations) != keys:
            raise ValueError(f"exercise {self.exercise_id}: explanations must have one entry per option "
                             f"(every option needs an explanation): {sorted(keys)}; "
                             f"got {sorted(self.explanations)}.")

    def evaluate(self, answer: object) -> Feedback:
        """Judge ``answer`` (a key such as ``"b"``, or several for select-all)."""
        eid = self.exercise_id
        if _is_unanswered(answer):
            return Feedback(eid, "unanswered", _("no answer yet. Replace ... with the letter of "
                                                 "your choice, e.g. \"a\", and run the cell again."))
        valid = ", ".join(f'"{k}"' for k in self.options)
        if isinstance(answer, str):
            chosen = {_normalise_choice(a) for a in answer.replace(",", " ").split()}
        elif isinstance(answer, (list, tuple, set, frozenset)):
            chosen = {_normalise_choice(a) for a in answer}
        elif isinstance(answer, Iterable) and not isinstance(answer, (Mapping, np.ndarray)):
            # A generator may never end: read no more items than there are options, plus one.
            chosen = {_normalise_choice(a) for a in itertools.islice(answer, len(self.options) + 1)}
        elif isinstance(answer, (Mapping, np.ndarray)):
            return Feedback(eid, "invalid", _("choose among {valid}: give the letter as text, e.g. "
                                              "\"{first}\"; got {kind}.", valid=valid,
                                              first=next(iter(self.options)), kind=type(answer).__name__))
        else:
            chosen = {_normalise_choice(answer)}
        unknown = sorted(chosen - set(self.options))
        if unknown or not chosen:
            return Feedback(eid, "invalid", _("choose among {valid} (the letter as text); got "
                                              "{value}.", valid=valid, value=_safe_repr(answer)))
        if not self.select_all and len(chosen) > 1:
            return Feedback(eid, "invalid", _("choose one option among {valid}.", valid=valid))
        if chosen == set(self.correct):
            reasons = " ".join(_(self.explanations[k]) for k in sorted(chosen))
            return Feedback(eid, "correct", _("correct. {reading}", reading=reasons))
        wrong = sorted(chosen - self.correct)
        lines = [f"({k}) {_(self.explanations[k])}" for k in wrong]
        missing = len(self.correct - chosen)
        if self.select_all and missing:
            lines.append(_("{missing} correct option(s) still missing.", missing=missing))
        return Feedback(eid, "incorrect", _("not quite.") + "\n" + "\n".join(lines))


@dataclass(frozen=True)
class MatchingExercise:
    """Sort items into categories; the answer is a dict ``{item: category}``.

    Attributes
    ----------
    exercise_id : str
        Number as shown in the notebook.
    categories : tuple of str
        Allowed category names.
    solution : mapping of str to str
        Item to its right category.
    explanations : mapping of str to str
        Item to why it belongs where it does, shown when placed wrongly.
    """

    exercise_id: str
    categories: tuple[str, ...]
    solution: Mapping[str, str]
    explanations: Mapping[str, str]

    def evaluate(self, answer: object) -> Feedback:
        """Judge a dict of item -> category."""
        eid = self.exercise_id
        if _is_unanswered(answer):
            return Feedback(eid, "unanswered", _("no answer yet. Fill in the dictionary and run "
                                                 "the cell again."))
        if not isinstance(answer, Mapping):
            return Feedback(eid, "invalid", _("the answer should be a dictionary {item: category}."))
        if not all(isinstance(item, str) for item in answer):
            return Feedback(eid, "invalid", _("the dictionary's keys should be the items, as text."))
        placed = {item: cat for item, cat in answer.items() if not _is_unanswered(cat)}
        if not placed:
            return Feedback(eid, "unanswered", _("no answer yet. Replace each ... in the dictionary "
                                                 "with a category and run the cell again."))
        if len(placed) < len(answer):
            return Feedback(eid, "invalid", _("{count} item(s) still have ... instead of a category.",
                                              count=len(answer) - len(placed)))
        allowed = {c.lower(): c for c in self.categories}
        missing = [item for item in self.solution if item not in answer]
        if missing:
            return Feedback(eid, "invalid", _("{count} item(s) not placed yet, e.g. {item!r}.",
                                              count=len(missing), item=missing[0]))
        bad = [_safe_repr(v) for v in placed.values()
               if not isinstance(v, str) or v.strip().lower() not in allowed]
        if bad:
            return Feedback(eid, "invalid", _("{value} is not a category; use one of {categories}.",
                                              value=bad[0], categories=", ".join(self.categories)))
        wrong = [item for item, cat in self.solution.items()
                 if allowed[str(answer[item]).strip().lower()] != cat]
        if not wrong:
            return Feedback(eid, "correct", _("correct: all {count} placed well.",
                                              count=len(self.solution)))
        lines = [f"{item!r}: {_(self.explanations[item])}" for item in wrong]
        return Feedback(eid, "incorrect", _("{right} of {total} right. Look again at:",
                                            right=len(self.solution) - len(wrong),
                                            total=len(self.solution)) + "\n" + "\n".join(lines))


Exercise = NumericExercise | ChoiceExercise | MatchingExercise  # GradedForm in the student edition


class UnknownExercise(KeyError, ValueError):
    """An exercise number the workbook does not have (a KeyError, and a ValueError)."""

    def __str__(self) -> str:
        return str(self.args[0])


def _gap(heading: str) -> str:
    """A space after a heading, except after a full-width colon (Chinese puts none there)."""
    return "" if heading.endswith("：") else " "


@dataclass(frozen=True)
class GradedForm:
    """A graded exercise as the student edition holds it: the form of its answer, never the answer.

    Attributes
    ----------
    exercise_id : str
        Number as shown in the notebook.
    kind : {"number", "choice", "matching"}
        The form of the answer.
    unit : str
        For a number, the unit it is expected in.
    options : tuple of str
        For a choice, the option keys (``("a", "b", "c", "d")``).
    select_all : bool
        For a choice, whether several options may be given.
    categories, items : tuple of str
        For a matching, the allowed categories and the items to place.
    """

    exercise_id: str
    kind: str
    unit: str = ""
    options: tuple[str, ...] = ()
    select_all: bool = False
    categories: tuple[str, ...] = ()
    items: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.kind, str) or self.kind not in ("number", "choice", "matching"):
            raise ValueError(f"kind: expected 'number', 'choice' or 'matching'; got {self.kind!r}.")

    def _form_problem(self, answer: object) -> str:
        """Why ``answer`` does not have the expected form ("" when it does)."""
        if self.kind == "number":
            given = read_number(answer)
            return given if isinstance(given, str) else ""
        if self.kind == "choice":
            if isinstance(answer, str):
                chosen = {_normalise_choice(a) for a in answer.replace(",", " ").split()}
            elif isinstance(answer, (list, tuple, set, frozenset)):
                chosen = {_normalise_choice(a) for a in answer}
            else:
                chosen = set()
            if not chosen or not chosen <= set(self.options) or (len(chosen) > 1
                                                                  and not self.select_all):
                return _safe_repr(answer)
            return ""
        if not isinstance(answer, Mapping) or set(answer) != set(self.items):
            return _safe_repr(answer)
        allowed = {c.lower() for c in self.categories}
        bad = [v for v in answer.values() if not isinstance(v, str) or v.strip().lower() not in allowed]
        return _safe_repr(bad[0]) if bad else ""

    def describe(self) -> str:
        """The expected form in words, e.g. "one letter among a, b, c, d"."""
        if self.kind == "number":
            return _("a single number in {unit}", unit=_(self.unit)) if self.unit else _("a single number")
        if self.kind == "choice":
            keys = ", ".join(self.options)
            return (_("one or more letters among {keys}", keys=keys) if self.select_all
                    else _("one letter among {keys}", keys=keys))
        return _("a dictionary placing every item in one of: {categories}",
                 categories=", ".join(self.categories))

    def evaluate(self, answer: object) -> Feedback:
        """Confirm the answer's form (never whether it is right)."""
        eid = self.exercise_id
        if _is_unanswered(answer):
            return Feedback(eid, "unanswered", _("no answer yet. Replace ... with your answer "
                                                 "({form}) and run the cell again.",
                                                 form=self.describe()))
        try:
            problem = self._form_problem(answer)
        except Exception:  # noqa: BLE001 - whatever a student passes, the cell must not crash
            problem = _("an answer that could not be read")
        if problem:
            return Feedback(eid, "invalid", _("this is a graded exercise; the answer should be "
                                              "{form}; got {problem}", form=self.describe(),
                                              problem=problem))
        return Feedback(eid, "recorded", _("answer recorded for your instructor ({form}). This "
                                           "exercise is graded, so it shows no right or wrong here.",
                                           form=self.describe()))


def answer_form(exercise: Exercise) -> GradedForm:
    """The :class:`GradedForm` of an exercise: what its answer looks like, without the answer."""
    if not isinstance(exercise, (NumericExercise, ChoiceExercise, MatchingExercise)):
        raise TypeError(f"exercise: expected a NumericExercise, ChoiceExercise or MatchingExercise; "
                        f"got {_safe_repr(exercise)}.")
    eid = exercise.exercise_id
    if isinstance(exercise, NumericExercise):
        return GradedForm(eid, "number", unit=exercise.unit)
    if isinstance(exercise, ChoiceExercise):
        return GradedForm(eid, "choice", options=tuple(exercise.options),
                          select_all=exercise.select_all)
    return GradedForm(eid, "matching", categories=tuple(exercise.categories),
                      items=tuple(exercise.solution))


def expected_kind(exercise: Exercise) -> str:
    """One sentence: what kind of answer the exercise takes."""
    if isinstance(exercise, NumericExercise):
        return _("the answer should be a single number.")
    if isinstance(exercise, ChoiceExercise):
        return _("the answer should be the letter of your choice as text, e.g. \"a\".")
    return _("the answer should be a dictionary {item: category}.")


def safe_repr(value: object) -> str:
    """A short, never-failing description of a student's value (for messages)."""
    return _safe_repr(value)
