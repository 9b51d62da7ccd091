"""Exercises of notebook 05, CLV from customer data."""

from __future__ import annotations

import pandas as pd

from relmark_helpers.core.exercises import ChoiceExercise, KnownMistake, NumericExercise
from relmark_helpers.core.messages import N_
from relmark_helpers.customer_data.retention import sbg_del, sbg_retention
from relmark_helpers.customer_data.transactions import rfm_summary
from relmark_helpers.lifetime_value.formulas import clv

# Exercises 5.1 and 5.2: one customer's purchases (date, amount), observed until OBSERVATION_END.
PURCHASES = (("2025-03-01", 12.0), ("2025-03-01", 8.0), ("2025-03-15", 10.0), ("2025-04-10", 14.0))
OBSERVATION_END = "2025-04-30"

# Exercise 5.3: a subscription plan.
PLAN_ALPHA = 1.0
PLAN_BETA = 2.0
PLAN_MARGIN = 100.0  # money per year, paid at the start of each year subscribed
PLAN_DISCOUNT = 0.10  # per year


def _rfm() -> pd.Series:
    log = pd.DataFrame({"customer_id": "x", "date": [d for d, _ in PURCHASES],
                        "amount": [a for _, a in PURCHASES]})
    return rfm_summary(log, "customer_id", "date", "amount", observation_end=OBSERVATION_END).iloc[0]


def _naive_retention() -> float:
    return float(sbg_retention(PLAN_ALPHA, PLAN_BETA, 1))


EXERCISES = (
    NumericExercise(
        exercise_id="5.1",
        answer=lambda: _rfm()["frequency"],
        rel_tol=0.0,
        abs_tol=0.01,
        unit=N_("repeat purchase days"),
        show_distance=False,
        hint=N_("Count the distinct days with a purchase, then leave out the first one."),
        mistakes=(
            KnownMistake(lambda: float(len(PURCHASES)),
                         N_("That counts every row. Two purchases on the same day count as one day, "
                         "and the first day is not a repeat.")),
            KnownMistake(lambda: float(len({d for d, _ in PURCHASES})),
                         N_("You counted the distinct days, but frequency counts *repeat* days: "
                         "leave out the first.")),
        ),
    ),
    NumericExercise(
        exercise_id="5.2",
        answer=lambda: _rfm()["monetary_value"],
        unit=N_("money"),
        hint=N_("Add up the amounts of each day, drop the first day, and average the rest."),
        mistakes=(
            KnownMistake(lambda: sum(a for _, a in PURCHASES) / len(PURCHASES),
                         N_("That is the mean of all purchases. monetary_value averages the daily "
                         "totals of the repeat days only.")),
            KnownMistake(lambda: sum(a for _, a in PURCHASES) / len({d for d, _ in PURCHASES}),
                         N_("You averaged the daily totals, but the first day must be left out.")),
            KnownMistake(lambda: sum(a for _, a in PURCHASES[1:]) / (len(PURCHASES) - 1),
                         N_("You left out the first purchase, not the whole first day: both "
                         "purchases on 1 March belong to the first day.")),
        ),
    ),
    NumericExercise(
        exercise_id="5.3",
        answer=lambda: PLAN_MARGIN * sbg_del(PLAN_ALPHA, PLAN_BETA, PLAN_DISCOUNT),
        unit=N_("money"),
        hint=N_("CLV = margin × DEL, and sbg_del(alpha, beta, discount) gives DEL."),
        mistakes=(
            KnownMistake(lambda: clv(PLAN_MARGIN, _naive_retention(), PLAN_DISCOUNT, timing="start"),
                         N_("That is the constant-retention CLV with the first year's retention. "
                         "Use the sBG model, whose retention rises year by year.")),
            KnownMistake(lambda: clv(PLAN_MARGIN, _naive_retention(), PLAN_DISCOUNT),
                         N_("That is notebook 03's formula with the first year's retention and "
                         "margins at the end of each year. Use the sBG model's DEL.")),
            KnownMistake(lambda: sbg_del(PLAN_ALPHA, PLAN_BETA, PLAN_DISCOUNT),
                         N_("That is the DEL, in years. Multiply by the margin per year.")),
        ),
    ),
    ChoiceExercise(
        exercise_id="5.4",
        options={
            "a": N_("Each subscriber grows more loyal the longer they stay."),
            "b": N_("Subscribers differ: those likely to leave leave early, so the survivors are "
                 "increasingly the loyal ones."),
            "c": N_("The firm improves its service every year."),
            "d": N_("Small cohorts give noisy retention rates."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("That could happen, but the simulation in section 5 shows retention rising with no "
                 "one's own retention changing at all."),
            "b": N_("Heterogeneity alone makes a cohort's retention rise: the leavers leave first."),
            "c": N_("Nothing in the simulation or the sBG model changes over time, yet retention rises."),
            "d": N_("Noise moves retention up and down; it does not make it rise steadily."),
        },
    ),
    ChoiceExercise(
        exercise_id="5.5",
        options={
            "a": N_("New subscribers, who have not renewed yet."),
            "b": N_("Subscribers who have renewed many times."),
            "c": N_("All subscribers by the same amount."),
            "d": N_("Nobody: it is right on average."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("For a new subscriber the constant retention of the first year is about right "
                 "for the next renewal; the error grows with tenure."),
            "b": N_("Long-standing subscribers are mostly the loyal type, so their retention is far "
                 "above the first-year rate that the constant-retention formula assumes for everyone."),
            "c": N_("The constant-retention value is the same for every tenure, the sBG value rises "
                 "with tenure, so the gap depends on tenure."),
            "d": N_("It undervalues the whole base: it misses that survivors are the loyal ones."),
        },
    ),
)
