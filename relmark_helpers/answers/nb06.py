"""Exercises of notebook 06: the capstone's scaffold checks (6.1-6.4) and the end-of-course quiz.

The capstone's numbers come from the loyalty-club data through
:func:`relmark_helpers.capstone.plan.segment_table`; the quiz (6.11-6.20) covers
notebooks 01-06.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from relmark_helpers.bonding.programme import Programme
from relmark_helpers.capstone.plan import segment_table, stress_test
from relmark_helpers.core.exercises import ChoiceExercise, KnownMistake, NumericExercise
from relmark_helpers.customer_data.loyalty_club import load_loyalty_transactions
from relmark_helpers.lifetime_value.formulas import clv, clv_with_referrals

DISCOUNT = 0.10  # per year, the chain's cost of capital (a teaching value)
WELCOME_COST = 15.0  # money per new customer won with a welcome offer (a teaching value)
REFERRALS = 0.10  # referred new customers per regular customer per year (a teaching value)

# The end-of-course quiz counts for marks: the student edition holds only the form of its answers.
GRADED = ("6.11", "6.12", "6.13", "6.14", "6.15", "6.16", "6.17", "6.18", "6.19", "6.20")


@lru_cache(maxsize=1)
def _segments() -> pd.DataFrame:
    return segment_table(load_loyalty_transactions())


def _row(segment: str) -> tuple[float, float]:
    row = _segments().loc[segment]
    return float(row["margin"]), float(row["retention"])


# Exercise 6.21: two plans for the regulars, compared under the stress test of step 4.
PLAN_CHOICES: dict[str, tuple[str, ...]] = {
    "a": ("magazine", "personal_contact"),
    "b": ("events", "magazine"),
}


@lru_cache(maxsize=1)
def plan_stress() -> pd.DataFrame:
    """Total uplift of the two plans of exercise 6.21 (rows "a", "b") in each stress scenario."""
    return pd.DataFrame({key: stress_test(_segments(), {"regulars": Programme.of(*names)})
                         ["total_uplift"] for key, names in PLAN_CHOICES.items()}).T


def robust_plan() -> str:
    """"a" or "b": the plan of exercise 6.21 that loses least when both shocks hit (computed)."""
    both = plan_stress().iloc[:, -1]
    return str(both.idxmax())


def larger_shock() -> str:
    """Exercise 6.23: "a" if copying hurts plan "b" more than lower retention, else "b"."""
    row = plan_stress().loc["b"]
    return "a" if row.iloc[1] < row.iloc[2] else "b"


def _choice(eid: str, options: dict[str, str], correct: str, explanations: dict[str, str]
            ) -> ChoiceExercise:
    return ChoiceExercise(exercise_id=eid, options=options, correct=frozenset({correct}),
                          explanations=explanations)


EXERCISES = (
    NumericExercise(
        exercise_id="6.1",
        answer=lambda: float(_segments().loc["regulars", "retention"]),
        abs_tol=0.005, rel_tol=0.0, unit="share (0.9 = 90 %)",
        hint="segment_table(log) has one row per segment; read the retention column.",
        mistakes=(KnownMistake(lambda: 100 * float(_segments().loc["regulars", "retention"]),
                               "Give retention as a fraction (0.9), not a percentage."),),
    ),
    NumericExercise(
        exercise_id="6.2",
        answer=lambda: clv(*_row("regulars"), DISCOUNT),
        unit="money",
        hint="clv(margin, retention, 0.10) with the regulars' margin and retention; margins at "
        "the end of each year.",
        mistakes=(
            KnownMistake(lambda: clv(*_row("regulars"), DISCOUNT, timing="start"),
                         "That counts the first margin at t = 0 (timing=\"start\"): one margin "
                         "too many for this plan, which counts margins at the end of each year."),
            KnownMistake(lambda: _row("regulars")[0] / (1 - _row("regulars")[1]),
                         "That is margin × expected lifetime with no discounting."),
        ),
    ),
    NumericExercise(
        exercise_id="6.3",
        answer=lambda: clv(*_row("new"), DISCOUNT, acquisition_cost=WELCOME_COST),
        unit="money",
        hint="clv(margin, retention, 0.10, acquisition_cost=15) for the 'new' segment.",
        mistakes=(
            KnownMistake(lambda: clv(*_row("new"), DISCOUNT),
                         "That is the CLV before acquisition cost (the ceiling): subtract the "
                         "welcome offer."),
            KnownMistake(lambda: clv(*_row("new"), DISCOUNT) + WELCOME_COST,
                         "You added the acquisition cost. A CLV after acquisition cost can never "
                         "be above the acquisition ceiling."),
        ),
    ),
    NumericExercise(
        exercise_id="6.4",
        answer=lambda: clv_with_referrals(*_row("regulars"), DISCOUNT, REFERRALS),
        unit="money",
        hint="clv_with_referrals(margin, retention, 0.10, referrals=0.1): each referred customer "
        "is worth the plain CLV, counted once.",
        mistakes=(
            KnownMistake(lambda: 2 * clv_with_referrals(*_row("regulars"), DISCOUNT, REFERRALS)
                         - clv(*_row("regulars"), DISCOUNT),
                         "The referral value is counted twice."),
            KnownMistake(lambda: clv(*_row("regulars"), DISCOUNT),
                         "That leaves the referrals out."),
        ),
    ),
    _choice("6.11", {
        "a": "Winning as many new customers as possible each period.",
        "b": "Keeping and developing profitable customers over a long relationship.",
        "c": "Lowering prices below the competitors'.",
        "d": "Advertising on as many channels as possible.",
    }, "b", {
        "a": "That is the transaction marketer's focus (notebook 01): refilling a leaking bucket.",
        "b": "Relationship marketing (notebook 01) aims at retention and the customer's whole "
        "lifetime, not the single sale.",
        "c": "Price cuts are the easiest bond to copy; they are not what defines relationship "
        "marketing.",
        "d": "Reach is a transaction-marketing measure; relationship marketing measures retention "
        "and value.",
    }),
    _choice("6.12", {
        "a": "700", "b": "1,000", "c": "1,400", "d": "2,000",
    }, "d", {
        "a": "That is 1,000 × 0.7, one year's survivors. The base settles where newcomers equal "
        "leavers: a / (1 − r).",
        "b": "That is one year's intake; the base grows beyond it while fewer leave than arrive.",
        "c": "Check the formula a / (1 − r) from the leaky bucket in notebook 01.",
        "d": "a / (1 − r) = 600 / 0.3 with 600 new customers a year and r = 0.7.",
    }),
    _choice("6.13", {
        "a": "Financial bonds (points, discounts).",
        "b": "Social bonds (personal contact, events).",
        "c": "Structural bonds (shared systems, services built into the client's operations).",
        "d": "All are copied equally fast.",
    }, "c", {
        "a": "Price and points are the fastest to copy (notebook 02): a rival matches them within "
        "a year.",
        "b": "Social bonds last longer than financial ones but can be copied with similar staff "
        "and events.",
        "c": "Structural bonds tie the customer's processes to the firm and take years to copy "
        "(notebook 02).",
        "d": "Notebook 02's imitation model gives each bond its own copying time.",
    }),
    _choice("6.14", {
        "a": "Margin × r / (1 + i − r)", "b": "Margin × (1 + i) / (1 + i − r)",
        "c": "Margin / (1 − r)", "d": "Margin × r / (1 − r)",
    }, "a", {
        "a": "The margin multiple of notebook 03, margins at the end of each year survived.",
        "b": "That is the start-of-period convention: one extra margin paid at t = 0.",
        "c": "That is margin × expected lifetime, with no discounting and the first margin up "
        "front.",
        "d": "This leaves out discounting altogether.",
    }),
    _choice("6.15", {
        "a": "Because customers grow more loyal each year.",
        "b": "Because customers differ: the likely leavers leave first.",
        "c": "Because firms improve every year.",
        "d": "It does not; retention is constant.",
    }, "b", {
        "a": "Possible, but not needed to explain it: notebook 04's sBG model shows it with no "
        "customer changing.",
        "b": "Heterogeneity (notebook 04): the survivors are increasingly the loyal kind.",
        "c": "Not needed to explain the pattern; heterogeneity alone produces it.",
        "d": "Cohort data in notebook 04 show retention rising with tenure.",
    }),
    _choice("6.16", {
        "a": "Frequency counts every purchase row.",
        "b": "Frequency counts the distinct purchase days minus the first one.",
        "c": "Frequency counts the days since the last purchase.",
        "d": "Frequency is the average spend.",
    }, "b", {
        "a": "Several purchases on one day count once, and the first day is not a repeat.",
        "b": "Repeat purchase days, as in notebook 04's RFM summary.",
        "c": "That is what recency measures, in the other direction.",
        "d": "That is the monetary value.",
    }),
    _choice("6.17", {
        "a": "Initial stage → purchase process → consumption process, and round again.",
        "b": "Advertising → sale → invoice.",
        "c": "Suspect → prospect → lapsed.",
        "d": "Establish → end → renew.",
    }, "a", {
        "a": "Grönroos's relationship life cycle (notebook 05).",
        "b": "That is a single transaction, not a relationship cycle.",
        "c": "Those are rungs of the customer ladder, and lapsing is where it ends, not a cycle.",
        "d": "The promise sequence is establish → maintain → enhance.",
    }),
    _choice("6.18", {
        "a": "The cohort ends up all lapsed; a base that also wins new first-time customers every "
        "year keeps an active part that settles where newcomers balance leavers (notebook 01's "
        "a / (1 − r) idea), while the lapsed pile keeps growing.",
        "b": "The cohort spreads evenly over all rungs, and so does a base with new customers.",
        "c": "The cohort ends up all partners, because partners rarely lapse.",
        "d": "Nothing can be said without the margins.",
    }, "a", {
        "a": "An absorbing lapsed rung with no win-back collects every member of a closed cohort "
        "(notebook 05); new customers refill the active rungs, so the active base settles instead "
        "of vanishing.",
        "b": "Where customers settle depends on the transition probabilities, not on the number of "
        "rungs.",
        "c": "Partners lapse too, only more slowly; with no way back, even they end up lapsed.",
        "d": "Where customers settle depends only on the transition probabilities (and on "
        "acquisition); margins decide what the base is worth, not where it settles.",
    }),
    _choice("6.19", {
        "a": "Build a personal bond with the client's head and deal fairly and transparently.",
        "b": "Wine and dine the client and exchange favours.",
        "c": "Promise whatever the client wants to hear.",
        "d": "Let clients in one region compete on price with each other.",
    }, "a", {
        "a": "Two of the course material's practices for client rapport (notebook 05).",
        "b": "The course material says rapport is not wining and dining or exchanging favours.",
        "c": "'No pie in the sky': plans must be realistic.",
        "d": "Fair dealing keeps clients in one region out of price wars with each other.",
    }),
    _choice("6.20", {
        "a": "Add the referred customers' value to the programme's uplift, which already "
        "includes the referral effect.",
        "b": "Count each referred customer once, at the plain CLV of a new customer, first "
        "generation only.",
        "c": "Count the referred customers' own referrals too, for ever.",
        "d": "Leave referrals out: they are too uncertain to count.",
    }, "b", {
        "a": "That counts the referrals twice: the uplift from plan_economics already contains "
        "them, and the capstone check flags the double count.",
        "b": "The workbook's cautious convention (clv_with_referrals in notebooks 03 and 06), used "
        "once, either inside the uplift or in the CLV with referrals, never both.",
        "c": "Every further generation multiplies an uncertain number; the workbook stops at the "
        "first.",
        "d": "Referrals are one of the four drivers of CLV; leaving them out undervalues the "
        "customers who recommend the firm. Say how uncertain they are instead.",
    }),
    ChoiceExercise(
        exercise_id="6.21",
        options={
            "a": "Magazine and personal contact for the regulars: the larger uplift as planned.",
            "b": "Events and magazine for the regulars, run as a one-year pilot: the smaller "
            "uplift as planned, but it loses least when a rival copies and retention is lower.",
            "c": "Points for every segment: it reaches the most customers.",
            "d": "No programme: both plans lose money when both shocks hit.",
        },
        correct=frozenset({robust_plan()}),
        explanations={
            "a": "A larger planned uplift is the stronger case only if the plan's assumptions hold; "
            "the stress test shows this plan loses more when a rival copies and retention is "
            "lower, and personal contact is the costliest instrument per member.",
            "b": "Right: it is the more robust plan, and a pilot with a control group tests the "
            "instruments' teaching values before the chain commits to them.",
            "c": "Points are copied within a year and keep costing money; in the worked solution "
            "they lose most under every shock.",
            "d": "'Both shocks' is a stress case, not the expected outcome; the answer to risk is a "
            "pilot that measures the effect, not giving up a plan that pays as planned.",
        },
    ),
    ChoiceExercise(
        exercise_id="6.22",
        options={
            "a": "Compare the offer's cost of 15 with the fading customers' CLV without the offer "
            "(about 1): the cost is higher, so never make the offer.",
            "b": "Compare the cost of 15 per customer offered with the value the offer adds: the "
            "share of fading customers it brings back times what a customer brought back is "
            "worth. Test it on a sample to measure that share.",
            "c": "Compare the cost with the regulars' CLV, since a won-back customer becomes a "
            "regular.",
            "d": "Never spend on fading customers: they have already left.",
        },
        correct=frozenset({"b"}),
        explanations={
            "a": "The CLV without the offer is what the firm has now, not what the offer adds. If "
            "the offer brought back even a small share of the segment, each at a good CLV, it "
            "could pay; the comparison must use the offer's expected effect.",
            "b": "Right: the decision rests on the offer's effect, which the data do not show; a "
            "test on a random part of the segment measures it.",
            "c": "Not every customer brought back becomes a regular, and most are not brought back "
            "at all; the value must be weighted by the share the offer wins.",
            "d": "Fading customers have not all gone, and win-back is one of the ladder's routes "
            "(notebook 05); whether it pays is an empirical question.",
        },
    ),
    ChoiceExercise(
        exercise_id="6.23",
        options={
            "a": "The rival copying hurts more: the programme's retention effect is matched while "
            "its cost stays, so the uplift it adds disappears.",
            "b": "Retention 5 points lower hurts more: every regular is worth less, so the uplift "
            "falls most.",
            "c": "Both shocks hurt the uplift equally.",
            "d": "Neither shock changes the uplift; they change only the base's value.",
        },
        correct=frozenset({larger_shock()}),
        explanations={
            "a": "A lower base retention lowers what every regular is worth, but the programme "
            "still adds its retention points (each worth even more to a customer who would "
            "otherwise leave); copying removes the effect itself while the costs run on.",
            "b": "Run step 4 for the events-and-magazine plan and compare the two rows: the "
            "uplift falls much more when a rival copies than when retention is lower.",
            "c": "The two shocks work differently: one lowers the base, the other removes the "
            "programme's effect.",
            "d": "Both change the uplift; look at the total_uplift column.",
        },
    ),
)
