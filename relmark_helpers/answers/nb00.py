"""The practice exercises of notebook 00, start here."""

from __future__ import annotations

from relmark_helpers.core.exercises import ChoiceExercise, KnownMistake, NumericExercise
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
    ChoiceExercise(
        exercise_id="0.2",
        options={
            "a": N_("The manager is right: retention rises by an eighth, so the average stay rises by "
            "about an eighth."),
            "b": N_("The manager is wrong: the share who leave each period halves, so the average "
            "stay doubles."),
            "c": N_("The manager is right: each point of retention adds the same length of stay, "
            "wherever you start."),
            "d": N_("It cannot be said without knowing the discount rate."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("The average stay is 1 / (1 − r): it depends on the share who leave, 1 − r, "
                   "which falls from 20 % to 10 %, not on r itself."),
            "b": N_("1 / (1 − r) goes from 1 / 0.2 to 1 / 0.1: halving the share who leave doubles "
                   "the average stay. Near the top of the scale every point of retention is worth "
                   "more than the last."),
            "c": N_("Move the slider in equal steps and watch: each step adds more periods than the "
                   "one before, because 1 / (1 − r) curves upwards."),
            "d": N_("The discount rate matters for what the stay is worth in money (notebook 03), "
                   "not for how long a customer stays on average."),
        },
    ),
)
