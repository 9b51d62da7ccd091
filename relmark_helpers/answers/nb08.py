"""Exercises of notebook 08, the relationship life cycle."""

from __future__ import annotations

from relmark_helpers.core.exercises import (
    AcceptedReading,
    ChoiceExercise,
    KnownMistake,
    MatchingExercise,
    NumericExercise,
)
from relmark_helpers.core.messages import N_
from relmark_helpers.ladder.model import Ladder, teaching_ladder
from relmark_helpers.lifetime_value.formulas import clv

# Exercise 8.1: a three-rung ladder (teaching values, per year).
SMALL_STATES = ("new", "loyal", "lapsed")
SMALL_TRANSITIONS = ((0.5, 0.2, 0.3), (0.0, 0.9, 0.1), (0.0, 0.0, 1.0))
SMALL_MARGIN = (50.0, 120.0, 0.0)
SMALL_DISCOUNT = 0.10

# Exercise 8.2: the workbook's ladder with these settings.
LADDER_PROMOTION = 0.20
LADDER_LAPSE = 0.30


# Exercise 8.5: predict, then move the ladder explorer's promotion slider.
EXPLORER_LAPSE = 0.25
EXPLORER_PROMOTION = (0.30, 0.40)
EXPLORER_DISCOUNT = 0.10


def first_time_value_rise() -> float:
    """Relative rise in a first-time customer's value when promotion goes from 0.30 to 0.40."""
    low, high = (float(teaching_ladder(p, EXPLORER_LAPSE).expected_value(EXPLORER_DISCOUNT)
                       ["first-time customer"]) for p in EXPLORER_PROMOTION)
    return high / low - 1.0


def value_rise_option() -> str:
    """The option of exercise 8.5 that matches the model (computed, not typed)."""
    rise = first_time_value_rise()
    if rise <= 0:
        return "d"
    return "b" if rise > 1 / 3 else "a"


def _small() -> Ladder:
    return Ladder(SMALL_STATES, SMALL_TRANSITIONS, margin=SMALL_MARGIN)


def _active_share() -> float:
    shares = teaching_ladder(LADDER_PROMOTION, LADDER_LAPSE).steady_state()
    return 1.0 - float(shares["lapsed"])


EXERCISES = (
    NumericExercise(
        exercise_id="8.1",
        answer=lambda: float(_small().expected_value(SMALL_DISCOUNT)["new"]),
        unit=N_("money"),
        hint=N_("Build Ladder(states, transitions, margin=...) and read expected_value(0.10) "
        "for 'new'. Each year's margin is paid at the end of the year, at the rung the customer "
        "has reached by then."),
        reading=N_("You paid each year's margin at the end of the year, at the rung reached "
        "(the question's reading, Ladder.expected_value with timing=\"end\")."),
        also_accepted=(
            AcceptedReading(
                lambda: float(_small().expected_value(SMALL_DISCOUNT, timing="start")["new"])
                / (1 + SMALL_DISCOUNT),
                N_("You paid the margin of the rung the customer is on during the year, at the end "
                "of that year (so the first year earns the 'new' margin even for those who lapse "
                "by its end). That reading is defensible; the question pays the margin of the "
                "rung reached, which gives a lower value."),
            ),
            AcceptedReading(
                lambda: float(_small().expected_value(SMALL_DISCOUNT, timing="start")["new"]),
                N_("You used Pfeifer & Carraway's (2000) own convention: the reward of the current "
                "rung at the start of each period, the first one at t = 0 "
                "(Ladder.expected_value with timing=\"start\"). Defensible, and it is the "
                "paper's; the question pays at the end of each year, at the rung reached."),
            ),
        ),
        mistakes=(
            KnownMistake(lambda: clv(SMALL_MARGIN[0], SMALL_TRANSITIONS[0][0], SMALL_DISCOUNT),
                         N_("That treats a new customer as someone who either stays new or is lost: "
                         "it forgets that 20 % a year become loyal and bring more.")),
            KnownMistake(lambda: float(_small().expected_value(SMALL_DISCOUNT)["loyal"]),
                         N_("That is the value of a loyal customer; the question asks about a new one.")),
        ),
    ),
    NumericExercise(
        exercise_id="8.2",
        answer=_active_share,
        abs_tol=0.005,
        rel_tol=0.0,
        unit=N_("share (0.5 = 50 %)"),
        hint=N_("teaching_ladder(promotion=..., lapse=...).steady_state() gives the long-run share on "
        "each rung; the active customers are everyone who is not lapsed."),
        mistakes=(
            KnownMistake(lambda: 1.0 - LADDER_LAPSE,
                         N_("1 − lapse is the share of first-time customers who stay one year. In the "
                         "long run, lapsed customers pile up and only a few are won back.")),
            KnownMistake(lambda: 100 * _active_share(),
                         N_("Give the share as a fraction (0.25 for 25 %), not a percentage.")),
        ),
    ),
    MatchingExercise(
        exercise_id="8.3",
        categories=("not yet developed", "developed", "interested", "already cooperating"),
        solution={
            "a café chain the salesperson has never contacted": "not yet developed",
            "an office manager who asked for a price list for corporate accounts": "interested",
            "a dealer who has stocked our products for three years": "already cooperating",
            "a shop we visited and presented to, which has not ordered yet": "developed",
        },
        explanations={
            "a café chain the salesperson has never contacted": N_("Nobody has worked on this "
            "customer yet: not yet developed."),
            "an office manager who asked for a price list for corporate accounts": N_("Asking for "
            "prices shows intent to buy: interested."),
            "a dealer who has stocked our products for three years": N_("A running business "
            "relationship: already cooperating."),
            "a shop we visited and presented to, which has not ordered yet": N_("We have worked on "
            "it (developed), but it has shown no intent to buy yet."),
        },
    ),
    ChoiceExercise(
        exercise_id="8.4",
        options={
            "a": N_("The survey must have reached the wrong customers: satisfied customers stay, so "
            "those who leave must have been dissatisfied."),
            "b": N_("The ladder model shows it: lapse is highest on the low rungs, so satisfied "
            "repeat customers leave."),
            "c": N_("Being satisfied is not enough where customers have a choice: Jones & Sasser "
            "(1995) found that merely satisfied customers defect far more often than completely "
            "satisfied ones, so the firm should look at the share of completely satisfied "
            "customers and at what rivals offer."),
            "d": N_("They leave for lower prices elsewhere, so a discount for repeat customers is "
            "the remedy."),
        },
        correct=frozenset({"c"}),
        explanations={
            "a": N_("A biased sample is worth checking, but it is not needed to explain the "
                   "pattern: surveys and defection data can both be right, because satisfied "
                   "customers with a choice do leave (Jones & Sasser 1995)."),
            "b": N_("The ladder cannot explain this: its lapse probabilities were put in as "
            "assumptions, so reading them back out proves nothing about why real customers leave."),
            "c": N_("Right: this is evidence from outside the model. In Jones & Sasser's Xerox "
            "example, merely satisfied customers were six times less likely to buy again than "
            "totally satisfied ones."),
            "d": N_("Price may be one reason, but the remedy skips the diagnosis: a discount is a "
                   "financial bond any rival can match, and Jones & Sasser locate the gap between "
                   "merely and completely satisfied customers. Find out first why they leave."),
        },
    ),
    ChoiceExercise(
        exercise_id="8.5",
        options={
            "a": N_("It rises, but by less than a third."),
            "b": N_("It rises by more than a third: the promotion probability rose by a third, and "
            "each rung climbed is worth more."),
            "c": N_("It rises by exactly a third, in proportion to the promotion probability."),
            "d": N_("It falls, because development costs are paid for longer."),
        },
        correct=frozenset({value_rise_option()}),
        explanations={
            "a": N_("The value rises by less than the promotion probability does: a first-time "
            "customer still lapses at 25 % a year whatever the promotion, and rungs further up "
            "are reached only later, so they are discounted more."),
            "b": N_("Read the value of a first-time customer in the explorer at 0.30 and at 0.40: "
            "the rise is smaller than a third, because lapse on the bottom rung is unchanged."),
            "c": N_("Nothing in the model makes value proportional to the promotion probability: "
            "the margin of the rung a customer is on now does not change at all."),
            "d": N_("Development costs do rise, but the higher margins of the upper rungs more than "
            "pay for them in the workbook's ladder."),
        },
    ),
)
