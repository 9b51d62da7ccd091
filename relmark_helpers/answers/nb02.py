"""Exercises of notebook 02, the numbers behind loyalty."""

from __future__ import annotations

from relmark_helpers.core.exercises import (
    ChoiceExercise,
    KnownMistake,
    NumericExercise,
)
from relmark_helpers.core.messages import N_
from relmark_helpers.customer_base.simulation import (
    RELATIONSHIP_FIRM,
    TRANSACTION_FIRM,
    simulate_customer_base,
)

# Exercise 2.1: the leaky bucket.
BUCKET_ACQUISITIONS = 800  # new customers a year
BUCKET_RETENTION = 0.70  # per year

# Exercise 2.2: the relationship firm over ten years.
SIMULATION_YEARS = 10
SIMULATION_DISCOUNT = 0.10


def _ten_year_profit(strategy=RELATIONSHIP_FIRM, discount=SIMULATION_DISCOUNT) -> float:
    table = simulate_customer_base(strategy, SIMULATION_YEARS, discount=discount)
    return float(table["cumulative_discounted_profit"].iloc[-1])


EXERCISES = (
    NumericExercise(
        exercise_id="2.1",
        answer=lambda: BUCKET_ACQUISITIONS / (1 - BUCKET_RETENTION),
        unit=N_("customers"),
        hint=N_("The base stops growing when the customers who leave, (1 − r) × base, equal the "
        "customers won each year."),
        mistakes=(
            KnownMistake(lambda: BUCKET_ACQUISITIONS / BUCKET_RETENTION,
                         N_("You divided by the retention rate. Divide by the share who leave, 1 − r.")),
            KnownMistake(lambda: BUCKET_ACQUISITIONS * BUCKET_RETENTION,
                         N_("That is how many of one year's new customers are still there a year "
                         "later, not where the whole base settles.")),
        ),
    ),
    NumericExercise(
        exercise_id="2.2",
        answer=_ten_year_profit,
        rel_tol=0.005,
        unit=N_("money"),
        hint=N_("Run simulate_customer_base(RELATIONSHIP_FIRM, 10) and read the last "
        "cumulative_discounted_profit."),
        mistakes=(
            KnownMistake(lambda: _ten_year_profit(TRANSACTION_FIRM),
                         N_("That is the transaction firm. The question asks about RELATIONSHIP_FIRM.")),
            KnownMistake(lambda: _ten_year_profit(discount=0.0),
                         N_("You added up profit without discounting it (discount=0). Use the "
                         "default discount rate of 10 %.")),
        ),
    ),
    ChoiceExercise(
        exercise_id="2.3",
        options={
            "a": N_("the average satisfaction score from the annual survey"),
            "b": N_("repurchase, share of spending and recommendation rates"),
            "c": N_("the number of new customers won each month"),
            "d": N_("how many people remember its advertising"),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("Satisfied customers still switch: the survey quoted in notebook 02 found 44 % "
            "of 'satisfied' customers switching brands regularly. Satisfaction is a driver, "
            "not the goal."),
            "b": N_("Loyalty shows in behaviour: buying again, buying more of the range and "
            "recommending the firm."),
            "c": N_("New customers fill the bucket; they say nothing about how fast it leaks."),
            "d": N_("Awareness brings people in once; it does not keep them."),
        },
    ),
)
