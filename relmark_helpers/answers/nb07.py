"""Exercises of notebook 07, CRM and classic RFM segmentation."""

from __future__ import annotations

import pandas as pd

from relmark_helpers.core.exercises import ChoiceExercise, KnownMistake, MatchingExercise, NumericExercise
from relmark_helpers.core.messages import N_
from relmark_helpers.crm.rfm_scoring import rfm_scores, rfm_table
from relmark_helpers.customer_data.transactions import rfm_summary

# Exercises 7.1 and 7.2: one member's purchases (date, amount), the database read on OBSERVATION_END.
PURCHASES = (("2025-06-02", 9.50), ("2025-08-20", 7.00), ("2025-08-20", 4.00), ("2025-10-11", 12.00))
OBSERVATION_END = "2025-12-31"

# Exercise 7.3: days since the last purchase of ten members, scored in quintiles.
RECENCY_7_3 = {"A": 2, "B": 5, "C": 9, "D": 14, "E": 21, "F": 30, "G": 45, "H": 70, "I": 120,
               "J": 250}
MEMBER_7_3 = "H"

# Exercise 7.7: a customer's BTYD summary, in days.
BTYD_RECENCY_7_7 = 300.0
BTYD_T_7_7 = 420.0


def _log() -> pd.DataFrame:
    return pd.DataFrame({"customer_id": "x", "date": [d for d, _ in PURCHASES],
                         "amount": [a for _, a in PURCHASES]})


def _classic(**options: str) -> pd.Series:
    return rfm_table(_log(), OBSERVATION_END, **options).iloc[0]


def _btyd() -> pd.Series:
    return rfm_summary(_log(), "customer_id", "date", "amount",
                       observation_end=OBSERVATION_END).iloc[0]


def _score_7_3() -> float:
    table = pd.DataFrame({"recency_days": list(RECENCY_7_3.values()),
                          "frequency": 1, "monetary": 1.0}, index=list(RECENCY_7_3))
    return float(rfm_scores(table).loc[MEMBER_7_3, "R"])


EXERCISES = (
    NumericExercise(
        exercise_id="7.1",
        answer=lambda: float(_classic()["recency_days"]),
        rel_tol=0.0,
        abs_tol=0.01,
        unit=N_("days"),
        hint=N_("Count the days from the last purchase to the day the database is read."),
        mistakes=(
            KnownMistake(lambda: float(_btyd()["recency"]),
                         N_("That is the BTYD recency of notebook 05: first to last purchase, where "
                         "larger is better. Classic RFM counts back from the observation end.")),
            KnownMistake(lambda: float(_btyd()["T"]),
                         N_("That is the customer's age T, counted from the first purchase. Recency "
                         "counts from the last one.")),
            KnownMistake(lambda: float(_classic()["recency_days"]) + 1,
                         N_("One day too many: a purchase on the observation day itself has recency 0, "
                         "so do not count both ends.")),
        ),
    ),
    NumericExercise(
        exercise_id="7.2",
        answer=lambda: float(_classic()["monetary"]),
        unit=N_("money"),
        hint=N_("Classic monetary value here is the total spend up to the observation end."),
        mistakes=(
            KnownMistake(lambda: float(_classic(monetary="mean")["monetary"]),
                         N_("That is the mean spend per purchase. The question asks for the total.")),
            KnownMistake(lambda: float(_classic(frequency="days", monetary="mean")["monetary"]),
                         N_("That is the mean spend per purchase day. The question asks for the total.")),
            KnownMistake(lambda: float(_btyd()["monetary_value"]),
                         N_("That is the BTYD monetary value (mean of the repeat days, first day left "
                         "out). Classic RFM here uses the total spend.")),
        ),
    ),
    NumericExercise(
        exercise_id="7.3",
        answer=_score_7_3,
        rel_tol=0.0,
        abs_tol=0.01,
        unit=N_("score (1-5)"),
        show_distance=False,
        hint=N_("Sort the ten members from the longest to the shortest time since the last purchase; "
             "each fifth of them gets the next score, starting at 1."),
        mistakes=(
            KnownMistake(lambda: 6.0 - _score_7_3(),
                         N_("You scored the scale the wrong way round: a long time since the last "
                         "purchase gets a *low* R score. (In the BTYD summary a larger recency is "
                         "better; in classic RFM a smaller one is.)")),
        ),
    ),
    ChoiceExercise(
        exercise_id="7.4",
        options={
            "a": N_("Hibernating: the largest group, so the most customers to win back."),
            "b": N_("At risk: they used to buy often but have not bought for a while."),
            "c": N_("Champions: they are worth the most, so they deserve the best offer."),
            "d": N_("New: one or two purchases so far, and most new customers never come back."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("A large group, but they bought rarely even when active and left long ago: a "
                 "win-back offer reaches few who respond, and its cost is spread over many who "
                 "will not. Cheap reminders at most."),
            "b": N_("Their high F score says they valued the café; their low R score says the "
                 "relationship is breaking now, while they are still reachable. That is what a "
                 "win-back is for, and the cost of the offer is small next to what they used to spend."),
            "c": N_("Champions bought recently and often: there is nothing to win back, and a "
                 "discount gives away margin they would have paid anyway."),
            "d": N_("New customers do need attention, but that is onboarding (earning the second "
                 "and third visit), not a win-back: they have not lapsed."),
        },
    ),
    MatchingExercise(
        exercise_id="7.5",
        categories=("lawful", "consent", "minimisation", "purpose"),
        solution={"a": "minimisation", "b": "lawful", "c": "purpose", "d": "consent",
                  "e": "consent", "f": "minimisation", "g": "lawful"},
        explanations={
            "a": N_("(a) a points card does not need an ID number or a home address: collecting "
                 "them goes beyond the minimum the purpose needs (PIPL art. 6)."),
            "b": N_("(b) explicit, informed consent given at sign-up, and an easy way to refuse: "
                 "this is how marketing messages can be lawful (PIPL art. 14; art. 24 asks for the easy "
                 "refusal when the offers are chosen automatically, e.g. by RFM segment)."),
            "c": N_("(c) data collected to run the points scheme are used for an unrelated purpose "
                 "(an insurer's pricing, PIPL art. 6); only a new notice and separate consent could "
                 "make it lawful (art. 14 and 23)."),
            "d": N_("(d) a pre-ticked box that bundles everything is not consent given voluntarily "
                 "and explicitly (PIPL art. 14)."),
            "e": N_("(e) refusing the club to someone who declines marketing it does not need is not "
                 "allowed (PIPL art. 16): consent tied to the service is not freely given."),
            "f": N_("(f) data may be kept only for the shortest time the purpose needs (PIPL art. "
                 "19); 'in case they come back' is not a purpose with an end."),
            "g": N_("(g) the use stays within the purpose the members were told about and agreed "
                 "to; it is lawful as long as they can refuse personalised offers easily (PIPL art. 24)."),
        },
    ),
    ChoiceExercise(
        exercise_id="7.6",
        options={
            "a": N_("Between behaviour and output: more visits did not turn into revenue."),
            "b": N_("Between input and motivation: more of the same message did not give members a "
                 "reason to come."),
            "c": N_("Between motivation and behaviour: members wanted to come, but something such as "
                 "prices or opening hours kept them away."),
            "d": N_("Nowhere yet: three months is too short for messages to show in visits."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("Visits (behaviour) did not change either, so the chain broke before behaviour."),
            "b": N_("The input doubled but motivation, and so behaviour and output, did not move. "
                 "Shaw's point is that the quality of an input matters, not only its quantity."),
            "c": N_("Possible in general, but nothing points to a new obstacle: prices and stores "
                   "stayed as they were, and the only thing that changed was the number of "
                   "messages, not what they said. Start at the link that changed: the input."),
            "d": N_("A message acts within days; twice as many messages with no response in three "
                   "months says the extra ones gave no reason to come. Waiting longer is how such "
                   "plans drift on unchecked."),
        },
    ),
    NumericExercise(
        exercise_id="7.7",
        answer=lambda: BTYD_T_7_7 - BTYD_RECENCY_7_7,
        rel_tol=0.0,
        abs_tol=0.01,
        unit=N_("days"),
        hint=N_("The BTYD recency runs from the first to the last purchase, T from the first "
             "purchase to the observation end. What is left between the last purchase and the end?"),
        mistakes=(
            KnownMistake(lambda: BTYD_RECENCY_7_7,
                         N_("That is the BTYD recency itself: first to last purchase. Classic recency "
                         "is the time *since* the last purchase.")),
            KnownMistake(lambda: BTYD_T_7_7,
                         N_("That is T, the time since the *first* purchase.")),
            KnownMistake(lambda: BTYD_T_7_7 + BTYD_RECENCY_7_7,
                         N_("Adding the two counts the first-to-last stretch twice; subtract instead.")),
        ),
    ),
)
