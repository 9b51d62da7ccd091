"""Exercises of notebook 06, CLV without contracts (BG/NBD, Pareto/NBD, Gamma-Gamma on CDNOW)."""

from __future__ import annotations

from functools import lru_cache

from relmark_helpers.core.exercises import ChoiceExercise, KnownMistake, NumericExercise
from relmark_helpers.core.messages import N_

# Exercises 6.1 and 6.2: one CDNOW customer at the end of the 39-week calibration period (weeks).
CUSTOMER_FREQUENCY = 3
CUSTOMER_RECENCY = 20.0
CUSTOMER_AGE = 39.0
HOLDOUT_WEEKS = 39.0


@lru_cache(maxsize=1)
def _models():
    from relmark_helpers.btyd import calibration_holdout, fit_bgnbd, fit_pareto_nbd, load_cdnow

    summary = calibration_holdout(load_cdnow(sample=True))
    return fit_bgnbd(summary), fit_pareto_nbd(summary)


def _p_alive(model: int) -> float:
    return float(_models()[model].p_alive(CUSTOMER_FREQUENCY, CUSTOMER_RECENCY, CUSTOMER_AGE))


def _expected(model: int) -> float:
    return float(_models()[model].expected_purchases(HOLDOUT_WEEKS, CUSTOMER_FREQUENCY, CUSTOMER_RECENCY,
                                                     CUSTOMER_AGE))


EXERCISES = (
    NumericExercise(
        exercise_id="6.1",
        answer=lambda: _p_alive(0),
        rel_tol=0.01,
        abs_tol=0.005,
        unit=N_("probability (0 to 1)"),
        hint=N_("bgnbd.p_alive(frequency, recency, T), with recency and T in weeks."),
        mistakes=(
            KnownMistake(lambda: _p_alive(1),
                         N_("That is the Pareto/NBD's answer; the question asks BG/NBD.")),
            KnownMistake(lambda: 1.0, N_("BG/NBD says 1 only for a customer with no repeat purchase; this "
                                      "customer bought again three times and has been silent since "
                                      "week 20.")),
        ),
    ),
    NumericExercise(
        exercise_id="6.2",
        answer=lambda: _expected(1),
        rel_tol=0.01,
        unit=N_("purchases"),
        hint=N_("pareto.expected_purchases(39, frequency, recency, T)."),
        mistakes=(
            KnownMistake(lambda: _expected(0),
                         N_("That is BG/NBD's expectation; the question asks Pareto/NBD.")),
            KnownMistake(lambda: CUSTOMER_FREQUENCY * HOLDOUT_WEEKS / CUSTOMER_AGE,
                         N_("That carries the past rate forward as if the customer were surely still "
                         "alive; the model discounts it by the chance that they have left.")),
        ),
    ),
    ChoiceExercise(
        exercise_id="6.3",
        options={
            "a": N_("Customer A (10 repeat purchases, the last in week 15): the more a customer has bought, "
                 "the more they will buy."),
            "b": N_("Customer B (2 repeat purchases, the last in week 38): A's long silence after buying so "
                 "often says A has probably left, while B was buying last week."),
            "c": N_("They are worth the same: the models only look at the number of purchases."),
            "d": N_("It cannot be said without knowing their spend."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("Frequency counts only while the customer is alive. For a frequent buyer, "
                    "24 silent weeks "
                 "are very unlikely unless they have left, so P(alive) is close to 0."),
            "b": N_("Recency and frequency work together: silence is informative in proportion to how often "
                 "the customer used to buy. Check it in the explorer."),
            "c": N_("Both models use recency as well: the timing of the last purchase changes P(alive)."),
            "d": N_("With the same spend per purchase (the exercise assumes it) the expected purchases "
                    "decide, "
                 "and they differ by a factor of ten or more."),
        },
    ),
    ChoiceExercise(
        exercise_id="6.4",
        options={
            "a": N_("Customers with a high P(alive): they are the firm's best."),
            "b": N_("Former frequent buyers whose P(alive) has fallen low: they were valuable and are "
                 "probably gone, so there is something to win back."),
            "c": N_("Every customer without a repeat purchase, since BG/NBD says they are all alive."),
            "d": N_("Customers with the lowest expected spend."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("They are most likely still buying: a win-back offer would mostly pay them for purchases "
                 "they would have made anyway."),
            "b": N_("A win-back campaign aims at lapsed customers who were worth having. Weigh the cost of "
                 "the offer against their past value and the chance that they still respond."),
            "c": N_("BG/NBD's P(alive) = 1 for them is an assumption of the model (it lets customers leave "
                 "only after a purchase), not evidence that they are active. Pareto/NBD disagrees."),
            "d": N_("Low spenders are the least worth winning back, whatever their P(alive)."),
        },
    ),
)
