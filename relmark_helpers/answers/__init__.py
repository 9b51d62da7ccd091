"""Answers to the workbook's exercises, one module per notebook (``nbNN.py``).

Kept out of the notebooks so that a student working through a lesson does not
read them by accident.  Numeric answers are computed by the helper functions,
never typed in.  :func:`relmark_helpers.exercises.check` looks exercises up here.
Every module named ``nbNN`` in this package is registered automatically; each
defines ``EXERCISES``, a tuple of exercises.
"""

from __future__ import annotations

import importlib
import pkgutil

from relmark_helpers.exercises import ChoiceExercise, MatchingExercise, NumericExercise

Exercise = NumericExercise | ChoiceExercise | MatchingExercise


def _register() -> dict[str, Exercise]:
    registry: dict[str, Exercise] = {}
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("nb"))
    for name in names:
        module = importlib.import_module(f"{__name__}.{name}")
        for exercise in module.EXERCISES:
            if exercise.exercise_id in registry:
                raise ValueError(f"exercise {exercise.exercise_id} is defined twice.")
            registry[exercise.exercise_id] = exercise
    return registry


EXERCISES: dict[str, Exercise] = _register()
