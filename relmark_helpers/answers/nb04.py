"""Exercises of notebook 04, CLV from customer data."""

from __future__ import annotations

import pandas as pd

from relmark_helpers.core.exercises import ChoiceExercise, KnownMistake, NumericExercise
from relmark_helpers.customer_data.retention import sbg_del, sbg_retention
from relmark_helpers.customer_data.transactions import rfm_summary
from relmark_helpers.lifetime_value.formulas import clv

# Exercises 4.1 and 4.2: one customer's purchases (date, amount), observed until OBSERVATION_END.
PURCHASES = (("2025-03-01", 12.0), ("2025-03-01", 8.0), ("2025-03-15", 10.0), ("2025-04-10", 14.0))
OBSERVATION_END = "2025-04-30"

# Exercise 4.3: a subscription plan.
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
        exercise_id="4.1",
        answer=lambda: _rfm()["frequency"],
        rel_tol=0.0,
        abs_tol=0.01,
        unit="repeat purchase days",
        show_distance=False,
        hint="Count the distinct days with a purchase, then leave out the first one.",
        mistakes=(
            KnownMistake(lambda: float(len(PURCHASES)),
                         "That counts every row. Two purchases on the same day count as one day, "
                         "and the first day is not a repeat."),
            KnownMistake(lambda: float(len({d for d, _ in PURCHASES})),
                         "You counted the distinct days, but frequency counts *repeat* days: "
                         "leave out the first."),
        ),
    ),
    NumericExercise(
        exercise_id="4.2",
        answer=lambda: _rfm()["monetary_value"],
        unit="money",
        hint="Add up the amounts of each day, drop the first day, and average the rest.",
        mistakes=(
            KnownMistake(lambda: sum(a for _, a in PURCHASES) / len(PURCHASES),
                         "That is the mean of all purchases. monetary_value averages the daily "
                         "totals of the repeat days only."),
            KnownMistake(lambda: sum(a for _, a in PURCHASES) / len({d for d, _ in PURCHASES}),
                         "You averaged the daily totals, but the first day must be left out."),
            KnownMistake(lambda: sum(a for _, a in PURCHASES[1:]) / (len(PURCHASES) - 1),
                         "You left out the first purchase, not the whole first day: both "
                         "purchases on 1 March belong to the first day."),
        ),
    ),
    NumericExercise(
        exercise_id="4.3",
        answer=lambda: PLAN_MARGIN * sbg_del(PLAN_ALPHA, PLAN_BETA, PLAN_DISCOUNT),
        unit="money",
        hint="CLV = margin × DEL, and sbg_del(alpha, beta, discount) gives DEL.",
        mistakes=(
            KnownMistake(lambda: clv(PLAN_MARGIN, _naive_retention(), PLAN_DISCOUNT, timing="start"),
                         "That is the constant-retention CLV with the first year's retention. "
                         "Use the sBG model, whose retention rises year by year."),
            KnownMistake(lambda: clv(PLAN_MARGIN, _naive_retention(), PLAN_DISCOUNT),
                         "That is notebook 03's formula with the first year's retention and "
                         "margins at the end of each year. Use the sBG model's DEL."),
            KnownMistake(lambda: sbg_del(PLAN_ALPHA, PLAN_BETA, PLAN_DISCOUNT),
                         "That is the DEL, in years. Multiply by the margin per year."),
        ),
    ),
    ChoiceExercise(
        exercise_id="4.4",
        options={
            "a": "Each subscriber grows more loyal the longer they stay.",
            "b": "Subscribers differ: those likely to leave leave early, so the survivors are "
                 "increasingly the loyal ones.",
            "c": "The firm improves its service every year.",
            "d": "Small cohorts give noisy retention rates.",
        },
        correct=frozenset({"b"}),
        explanations={
            "a": "That could happen, but the simulation in section 5 shows retention rising with no "
                 "one's own retention changing at all.",
            "b": "Heterogeneity alone makes a cohort's retention rise: the leavers leave first.",
            "c": "Nothing in the simulation or the sBG model changes over time, yet retention rises.",
            "d": "Noise moves retention up and down; it does not make it rise steadily.",
        },
    ),
    ChoiceExercise(
        exercise_id="4.5",
        options={
            "a": "New subscribers, who have not renewed yet.",
            "b": "Subscribers who have renewed many times.",
            "c": "All subscribers by the same amount.",
            "d": "Nobody: it is right on average.",
        },
        correct=frozenset({"b"}),
        explanations={
            "a": "For a new subscriber the constant retention of the first year is about right "
                 "for the next renewal; the error grows with tenure.",
            "b": "Long-standing subscribers are mostly the loyal type, so their retention is far "
                 "above the first-year rate that the constant-retention formula assumes for everyone.",
            "c": "The constant-retention value is the same for every tenure, the sBG value rises "
                 "with tenure, so the gap depends on tenure.",
            "d": "It undervalues the whole base: it misses that survivors are the loyal ones.",
        },
    ),
)
