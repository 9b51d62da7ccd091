"""The practice exercise of notebook 00, start here."""

from __future__ import annotations

from relmark_helpers.core.exercises import KnownMistake, NumericExercise
from relmark_helpers.core.messages import N_
from relmark_helpers.lifetime_value.formulas import expected_lifetime

EXERCISES = (
    NumericExercise(
        exercise_id="0.1",
        answer=lambda: expected_lifetime(0.80),
        unit=N_("periods"),
        hint=N_("Move the slider above to 80 % and read the sentence, or compute 1 / (1 − r)."),
        mistakes=(
            KnownMistake(
                lambda: 1 / 0.80,
                N_("That is 1 / r. The customer leaves with probability 1 − r each period, so the "
                "average stay is 1 / (1 − r)."),
            ),
        ),
    ),
)
