"""Exercises of notebook 02, the numbers behind loyalty."""

from __future__ import annotations

from scipy.optimize import brentq

from relmark_helpers.core.exercises import (
    ChoiceExercise,
    KnownMistake,
    NumericExercise,
)
from relmark_helpers.core.messages import N_
from relmark_helpers.customer_base.plots import TwoFirmsInputs, two_firms
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


# Exercise 2.4: the two-firms explorer at its defaults; the options name these bands of the
# relationship firm's retention (per year), and the key is the band holding the model's threshold.
CATCH_UP_BANDS = {"a": (0.60, 0.65), "b": (0.65, 0.75), "c": (0.75, 0.85)}
NO_THRESHOLD = "d"


def ten_year_gap(relationship_retention: float) -> float:
    """Relationship minus transaction firm's ten-year cumulative discounted profit (money).

    Both firms as in the two-firms explorer at its defaults, except the relationship firm's
    retention (per year, in [0, 0.95]).
    """
    transaction, relationship = two_firms(
        TwoFirmsInputs(relationship_retention=relationship_retention))
    column = "cumulative_discounted_profit"
    return float(relationship[column].iloc[-1] - transaction[column].iloc[-1])


def catch_up_retention(low: float = 0.60, high: float = 0.95) -> float | None:
    """Relationship firm's retention (per year) below which it is still behind after ten years.

    ``None`` if it is ahead (or behind) across the whole range ``low`` to ``high``.
    """
    if (ten_year_gap(low) < 0) == (ten_year_gap(high) < 0):
        return None
    return float(brentq(ten_year_gap, low, high, xtol=1e-6))


def _catch_up_key() -> frozenset[str]:
    threshold = catch_up_retention()
    if threshold is None:
        return frozenset({NO_THRESHOLD})
    (letter,) = [k for k, (lo, hi) in CATCH_UP_BANDS.items() if lo < threshold <= hi]
    return frozenset({letter})


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
            "a": N_("the average satisfaction score from the annual survey: satisfied customers "
            "come back"),
            "b": N_("repurchase, share of spending and recommendation rates: loyalty shows in what "
            "customers do"),
            "c": N_("the number of members of its loyalty programme: members are the loyal ones"),
            "d": N_("the number of complaints: a firm that few customers complain about keeps them"),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("Satisfied customers still switch: the survey quoted in this notebook found 44 % "
            "of 'satisfied' customers switching brands regularly. Satisfaction is a driver, "
            "not the goal."),
            "b": N_("Loyalty shows in behaviour: buying again, buying more of the range and "
            "recommending the firm."),
            "c": N_("Joining a programme costs a customer little, and a customer can hold the cards "
            "of several rival firms: a member count measures the programme's reach, not whether "
            "members come back or buy more."),
            "d": N_("Many unhappy customers leave without complaining, so few complaints can also "
            "mean customers who have given up. Complaints are a warning to act on, not a measure "
            "of loyalty."),
        },
    ),
    ChoiceExercise(
        exercise_id="2.4",
        options={
            "a": N_("about 61 %: any retention above the transaction firm's 60 % pays, because "
            "keeping a customer costs less than winning one"),
            "b": N_("about 72 %: the 40,000 spent on keeping would have won 200 new customers a "
            "year, and it takes about twelve more points of retention, helped by growing margins and "
            "referrals, to make up for them within ten years"),
            "c": N_("about 80 %: the relationship firm needs all the retention its spending was "
            "assumed to buy; at any lower rate it falls behind"),
            "d": N_("there is no such retention: with margins growing 5 % a year and referrals, "
            "the relationship firm always catches up within ten years"),
        },
        correct=_catch_up_key(),
        explanations={
            "a": N_("Keeping is cheaper per customer, but the relationship firm also wins 200 fewer "
            "paid new customers a year. Just above 60 % the explorer says it never catches up: a few "
            "points of retention do not replace those customers within ten years."),
            "b": N_("Right. Move the slider: at 71 % the explorer says 'never', at 72 % the firm "
            "draws level only in year 10. The retention spending pays only if it buys about twelve "
            "points; a weaker effect makes the same budget a loss."),
            "c": N_("80 % is the teaching value, not the break-even. At 75 % the relationship firm "
            "still overtakes, later than at 80 %; the explorer says 'never' only below about 72 %."),
            "d": N_("Margin growth and referrals help only the customers who stay. At 70 % the "
            "explorer shows the relationship firm still behind after ten years, so a threshold "
            "exists."),
        },
    ),
)
