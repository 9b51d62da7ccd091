"""Answers to the workbook's exercises, one module per notebook.

Kept out of the notebooks so that a student working through a lesson does not
read them by accident.  Numeric answers are computed by the helper functions,
never typed in.  :func:`relmark_helpers.exercises.check` looks exercises up here.
"""

from __future__ import annotations

from relmark_helpers.answers import nb00, nb03
from relmark_helpers.exercises import ChoiceExercise, MatchingExercise, NumericExercise

Exercise = NumericExercise | ChoiceExercise | MatchingExercise


def _register(*modules) -> dict[str, Exercise]:
    registry: dict[str, Exercise] = {}
    for module in modules:
        for exercise in module.EXERCISES:
            if exercise.exercise_id in registry:
                raise ValueError(f"exercise {exercise.exercise_id} is defined twice.")
            registry[exercise.exercise_id] = exercise
    return registry


EXERCISES: dict[str, Exercise] = _register(nb00, nb03)
