"""Exercises of notebook 05, the relationship life cycle."""

from __future__ import annotations

from relmark_helpers.core.exercises import ChoiceExercise, KnownMistake, MatchingExercise, NumericExercise
from relmark_helpers.ladder.model import Ladder, teaching_ladder
from relmark_helpers.lifetime_value.formulas import clv

# Exercise 5.1: a three-rung ladder (teaching values, per year).
SMALL_STATES = ("new", "loyal", "lapsed")
SMALL_TRANSITIONS = ((0.5, 0.2, 0.3), (0.0, 0.9, 0.1), (0.0, 0.0, 1.0))
SMALL_MARGIN = (50.0, 120.0, 0.0)
SMALL_DISCOUNT = 0.10

# Exercise 5.2: the workbook's ladder with these settings.
LADDER_PROMOTION = 0.20
LADDER_LAPSE = 0.30


def _small() -> Ladder:
    return Ladder(SMALL_STATES, SMALL_TRANSITIONS, margin=SMALL_MARGIN)


def _active_share() -> float:
    shares = teaching_ladder(LADDER_PROMOTION, LADDER_LAPSE).steady_state()
    return 1.0 - float(shares["lapsed"])


EXERCISES = (
    NumericExercise(
        exercise_id="5.1",
        answer=lambda: float(_small().expected_value(SMALL_DISCOUNT)["new"]),
        unit="money",
        hint="Build Ladder(states, transitions, margin=...) and read expected_value(0.10) "
        "for 'new'. Margins arrive at the end of each year, from the rung reached.",
        mistakes=(
            KnownMistake(lambda: float(_small().expected_value(SMALL_DISCOUNT,
                                                               timing="start")["new"]),
                         "That counts the first margin at t = 0 (timing \"start\"). The question "
                         "counts margins at the end of each year."),
            KnownMistake(lambda: clv(SMALL_MARGIN[0], SMALL_TRANSITIONS[0][0], SMALL_DISCOUNT),
                         "That treats a new customer as someone who either stays new or is lost: "
                         "it forgets that 20 % a year become loyal and bring more."),
            KnownMistake(lambda: float(_small().expected_value(SMALL_DISCOUNT)["loyal"]),
                         "That is the value of a loyal customer; the question asks about a new one."),
        ),
    ),
    NumericExercise(
        exercise_id="5.2",
        answer=_active_share,
        abs_tol=0.005,
        rel_tol=0.0,
        unit="share (0.5 = 50 %)",
        hint="teaching_ladder(promotion=..., lapse=...).steady_state() gives the long-run share on "
        "each rung; the active customers are everyone who is not lapsed.",
        mistakes=(
            KnownMistake(lambda: 1.0 - LADDER_LAPSE,
                         "1 − lapse is the share of first-time customers who stay one year. In the "
                         "long run, lapsed customers pile up and only a few are won back."),
            KnownMistake(lambda: 100 * _active_share(),
                         "Give the share as a fraction (0.25 for 25 %), not a percentage."),
        ),
    ),
    MatchingExercise(
        exercise_id="5.3",
        categories=("not yet developed", "developed", "interested", "already cooperating"),
        solution={
            "a café chain the salesperson has never contacted": "not yet developed",
            "an office manager who asked for a price list for corporate accounts": "interested",
            "a dealer who has stocked our products for three years": "already cooperating",
            "a shop we visited and presented to, which has not ordered yet": "developed",
        },
        explanations={
            "a café chain the salesperson has never contacted": "Nobody has worked on this "
            "customer yet: not yet developed.",
            "an office manager who asked for a price list for corporate accounts": "Asking for "
            "prices shows intent to buy: interested.",
            "a dealer who has stocked our products for three years": "A running business "
            "relationship: already cooperating.",
            "a shop we visited and presented to, which has not ordered yet": "We have worked on "
            "it (developed), but it has shown no intent to buy yet.",
        },
    ),
    ChoiceExercise(
        exercise_id="5.4",
        options={
            "a": "Satisfied customers never leave; the surveys must be wrong.",
            "b": "Satisfaction keeps a customer on their rung this year, but without promotion to "
            "a more bonded rung they stay where lapse is high, and a rival's offer can take them.",
            "c": "Customers leave only because of price.",
            "d": "Because the discount rate is too high.",
        },
        correct=frozenset({"b"}),
        explanations={
            "a": "Notebook 01's survey numbers show satisfied customers who still switch; "
            "satisfaction is not loyalty.",
            "b": "In the ladder, lapse is highest on the low rungs. A satisfied first-time or "
            "repeat customer has no bond that makes leaving costly yet.",
            "c": "Price matters, but broken promises, a better offer and no bond all let customers "
            "out of the bucket at every stage.",
            "d": "The discount rate changes what a customer is worth today, not whether they stay.",
        },
    ),
    ChoiceExercise(
        exercise_id="5.5",
        options={
            "a": "It had no marketing department at all.",
            "b": "It had no crisis public relations: after an incident it had no plan to keep the "
            "public's trust, and it went bankrupt.",
            "c": "Its prices were too high.",
            "d": "It grew too fast.",
        },
        correct=frozenset({"b"}),
        explanations={
            "a": "Missing marketing departments are a problem of many firms in the course material, "
            "but the Nanjing case is its example of something else.",
            "b": "The course material uses it to show the cost of having no crisis PR (危机公关).",
            "c": "Price plays no part in the case.",
            "d": "Growth plays no part in the case; the incident and its handling do.",
        },
    ),
)
