"""The workbook's exercises, one module per notebook (``nbNN.py``), and the checker.

Kept out of the notebooks so that a student working through a lesson does not
read them by accident.  Numeric answers are computed by the helper functions,
never typed in.  Each ``nbNN`` module defines ``EXERCISES``, a tuple of
exercises whose numbers start with that notebook's number (``"3.1"`` lives in
``nb03``).  A module is imported only when one of its exercises is checked, so
the first :func:`check` in a notebook loads that notebook's answers and no
other topic.

A module may also define ``GRADED``, the numbers of its exercises that count
for marks.  The student edition (``tools/student_edition.py``) ships these as
:class:`~relmark_helpers.core.exercises.GradedForm` objects, which confirm an
answer's form and hold no answer; ``tools/grade.py`` grades them.

Dependencies run one way: this package uses the exercise kinds of
:mod:`relmark_helpers.core.exercises`, which knows nothing of it.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from relmark_helpers.core.exercises import (
    Exercise,
    Feedback,
    UnknownExercise,
    expected_kind,
    safe_repr,
)
from relmark_helpers.core.messages import _

__all__ = ["check", "exercises_of", "get_exercise", "graded_exercises", "list_exercises"]


def _module_name(exercise_id: str) -> str:
    notebook = exercise_id.split(".", 1)[0]
    return f"nb{int(notebook):02d}" if notebook.isdigit() else ""


@cache
def exercises_of(module_name: str) -> dict[str, Exercise]:
    """The exercises of one answers module, e.g. ``exercises_of("nb03")``, by number.

    Raises
    ------
    ValueError
        If the module defines an exercise twice or one whose number does not
        belong to it.
    """
    module = importlib.import_module(f"{__name__}.{module_name}")
    found: dict[str, Exercise] = {}
    for exercise in module.EXERCISES:
        eid = exercise.exercise_id
        if eid in found:
            raise ValueError(f"exercise {eid} is defined twice in {module_name}.")
        if _module_name(eid) != module_name:
            raise ValueError(f"exercise {eid} is defined in {module_name}; move it to "
                             f"{_module_name(eid) or 'a module named after its notebook'}.")
        found[eid] = exercise
    unknown = sorted(set(getattr(module, "GRADED", ())) - set(found))
    if unknown:
        raise ValueError(f"{module_name}.GRADED lists {unknown}, which it does not define.")
    return found


def _modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("nb"))


def list_exercises() -> list[str]:
    """Numbers of all exercises in the workbook, sorted (imports every answers module)."""
    ids = [eid for name in _modules() for eid in exercises_of(name)]
    return sorted(ids, key=lambda k: tuple(int(p) for p in k.split(".")))


def graded_exercises() -> list[str]:
    """Numbers of the exercises that count for marks (each module's ``GRADED``), sorted."""
    ids = [eid for name in _modules() if exercises_of(name)
           for eid in getattr(importlib.import_module(f"{__name__}.{name}"), "GRADED", ())]
    return sorted(ids, key=lambda k: tuple(int(p) for p in k.split(".")))


def get_exercise(exercise_id: str) -> Exercise:
    """Look up an exercise by its number, e.g. ``"3.1"``.

    Raises
    ------
    UnknownExercise
        A KeyError (and a ValueError) if the workbook has no such exercise; the
        message lists the ones it has.
    """
    key = exercise_id.strip() if isinstance(exercise_id, str) else safe_repr(exercise_id)
    name = _module_name(key)
    if name in _modules():
        exercise = exercises_of(name).get(key)
        if exercise is not None:
            return exercise
    raise UnknownExercise(f"exercise_id: no exercise {key!r}; the workbook has "
                          f"{', '.join(list_exercises())}.")


def check(exercise_id: str, answer: object) -> Feedback:
    """Check a student's answer and return feedback (shown when it is a cell's last line).

    Parameters
    ----------
    exercise_id : str
        The exercise number, e.g. ``"3.1"``.
    answer : object
        The student's answer; ``...`` means not answered yet.

    Returns
    -------
    Feedback
        Displays as one line with ✅, ❌, ✏️ (not answered) or ⚠️ (wrong type).
    """
    exercise = get_exercise(exercise_id)
    try:
        return exercise.evaluate(answer)
    except Exception:  # noqa: BLE001 - whatever a student passes, the cell must not crash
        return Feedback(exercise.exercise_id, "invalid",
                        _("could not read this answer ({kind}); {expected}",
                          kind=type(answer).__name__, expected=expected_kind(exercise)))
