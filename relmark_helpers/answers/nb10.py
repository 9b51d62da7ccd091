"""Exercises of notebook 10: the capstone's scaffold checks (10.1-10.4) and the end-of-course quiz.

The capstone's numbers come from the loyalty-club data through
:func:`relmark_helpers.capstone.plan.segment_table` and
:func:`relmark_helpers.capstone.segment_values.segment_values` (10.5, 10.6); the quiz (10.11-10.23) covers
notebooks 01 to 09 and the capstone.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from relmark_helpers.bonding.programme import Programme
from relmark_helpers.capstone.plan import segment_table, stress_test
from relmark_helpers.capstone.segment_values import segment_values
from relmark_helpers.core.exercises import ChoiceExercise, KnownMistake, NumericExercise
from relmark_helpers.core.messages import N_
from relmark_helpers.customer_data.loyalty_club import load_loyalty_transactions
from relmark_helpers.lifetime_value.formulas import clv, clv_with_referrals

DISCOUNT = 0.10  # per year, the chain's cost of capital (a teaching value)
WELCOME_COST = 15.0  # money per new customer won with a welcome offer (a teaching value)
REFERRALS = 0.10  # referred new customers per regular customer per year (a teaching value)

# The end-of-course quiz counts for marks: the student edition holds only the form of its answers.
GRADED = ("10.11", "10.12", "10.13", "10.14", "10.15", "10.16", "10.17", "10.18", "10.19", "10.20")


@lru_cache(maxsize=1)
def _segments() -> pd.DataFrame:
    return segment_table(load_loyalty_transactions())


@lru_cache(maxsize=1)
def _values() -> pd.DataFrame:
    return segment_values(load_loyalty_transactions(), discount=DISCOUNT)


def _row(segment: str) -> tuple[float, float]:
    row = _segments().loc[segment]
    return float(row["margin"]), float(row["retention"])


# Exercise 10.21: two plans for the regulars, compared under the stress test of step 4.
PLAN_CHOICES: dict[str, tuple[str, ...]] = {
    "a": ("magazine", "personal_contact"),
    "b": ("events", "magazine"),
}


@lru_cache(maxsize=1)
def plan_stress() -> pd.DataFrame:
    """Total uplift of the two plans of exercise 10.21 (rows "a", "b") in each stress scenario."""
    return pd.DataFrame({key: stress_test(_segments(), {"regulars": Programme.of(*names)})
                         ["total_uplift"] for key, names in PLAN_CHOICES.items()}).T


def robust_plan() -> str:
    """"a" or "b": the plan of exercise 10.21 that loses least when both shocks hit (computed)."""
    both = plan_stress().iloc[:, -1]
    return str(both.idxmax())


def larger_shock() -> str:
    """Exercise 10.23: "a" if copying hurts plan "b" more than lower retention, else "b"."""
    row = plan_stress().loc["b"]
    return "a" if row.iloc[1] < row.iloc[2] else "b"


def _choice(eid: str, options: dict[str, str], correct: str, explanations: dict[str, str]
            ) -> ChoiceExercise:
    return ChoiceExercise(exercise_id=eid, options=options, correct=frozenset({correct}),
                          explanations=explanations)


EXERCISES = (
    NumericExercise(
        exercise_id="10.1",
        answer=lambda: float(_segments().loc["regulars", "retention"]),
        abs_tol=0.005, rel_tol=0.0, unit=N_("share (0.9 = 90 %)"),
        hint=N_("segment_table(log) has one row per segment; read the retention column."),
        mistakes=(KnownMistake(lambda: 100 * float(_segments().loc["regulars", "retention"]),
                               N_("Give retention as a fraction (0.9), not a percentage.")),),
    ),
    NumericExercise(
        exercise_id="10.2",
        answer=lambda: clv(*_row("regulars"), DISCOUNT),
        unit=N_("money"),
        hint=N_("clv(margin, retention, 0.10) with the regulars' margin and retention; margins at "
        "the end of each year."),
        mistakes=(
            KnownMistake(lambda: clv(*_row("regulars"), DISCOUNT, timing="start"),
                         N_("That counts the first margin at t = 0 (timing=\"start\"): one margin "
                         "too many for this plan, which counts margins at the end of each year.")),
            KnownMistake(lambda: _row("regulars")[0] / (1 - _row("regulars")[1]),
                         N_("That is margin × expected lifetime with no discounting.")),
        ),
    ),
    NumericExercise(
        exercise_id="10.3",
        answer=lambda: clv(*_row("new"), DISCOUNT, acquisition_cost=WELCOME_COST),
        unit=N_("money"),
        hint=N_("clv(margin, retention, 0.10, acquisition_cost=15) for the 'new' segment."),
        mistakes=(
            KnownMistake(lambda: clv(*_row("new"), DISCOUNT),
                         N_("That is the CLV before acquisition cost (the ceiling): subtract the "
                         "welcome offer.")),
            KnownMistake(lambda: clv(*_row("new"), DISCOUNT) + WELCOME_COST,
                         N_("You added the acquisition cost. A CLV after acquisition cost can never "
                         "be above the acquisition ceiling.")),
        ),
    ),
    NumericExercise(
        exercise_id="10.4",
        answer=lambda: clv_with_referrals(*_row("regulars"), DISCOUNT, REFERRALS),
        unit=N_("money"),
        hint=N_("clv_with_referrals(margin, retention, 0.10, referrals=0.1): each referred customer "
        "is worth the referrer's plain CLV, counted once."),
        mistakes=(
            KnownMistake(lambda: 2 * clv_with_referrals(*_row("regulars"), DISCOUNT, REFERRALS)
                         - clv(*_row("regulars"), DISCOUNT),
                         N_("The referral value is counted twice.")),
            KnownMistake(lambda: clv(*_row("regulars"), DISCOUNT),
                         N_("That leaves the referrals out.")),
        ),
    ),
    NumericExercise(
        exercise_id="10.5",
        answer=lambda: float(_values().loc["regulars", "clv_model"]),
        rel_tol=0.01,
        unit=N_("money"),
        hint=N_("segment_values(log) has one row per segment; read the clv_model column of the "
                "regulars."),
        mistakes=(
            KnownMistake(lambda: float(_values().loc["regulars", "clv_floor"]),
                         N_("That is the constant-retention floor (clv_floor); the question asks what "
                            "the fitted BG/NBD and Gamma-Gamma models say (clv_model).")),
        ),
    ),
    _choice("10.6", {
        "a": N_("The floor keeps one retention rate for ever, though those who stay are more and more the "
             "loyal ones; the model reads each customer's own history."),
        "b": N_("The model sees the hold-out year; the floor does not."),
        "c": N_("The model does not discount."),
        "d": N_("The model adds referrals."),
    }, "a", {
        "a": N_("Right: heterogeneity (notebook 05). The survivors of each year are the loyal ones, so "
                "a retention rate measured once understates the later years; the model infers each "
                "customer's own buying and drop-out from their history."),
        "b": N_("The other way round: the model sees only the segmentation year, while the floor's "
                "retention and margin are read from the following year."),
        "c": N_("Both discount at 10 % a year with margins at the end of each year."),
        "d": N_("Neither value counts referrals; those come in with clv_with_referrals or a "
                "programme's effect."),
    }),
    _choice("10.11", {
        "a": N_("Winning as many new customers as possible each period."),
        "b": N_("Keeping and developing profitable customers over a long relationship."),
        "c": N_("Lowering prices below the competitors'."),
        "d": N_("Advertising on as many channels as possible."),
    }, "b", {
        "a": N_("That is the transaction marketer's focus (notebooks 01 and 02): refilling a leaking "
        "bucket."),
        "b": N_("Relationship marketing (notebook 01) aims at retention and the customer's whole "
        "lifetime, not the single sale."),
        "c": N_("Price cuts are the easiest bond to copy; they are not what defines relationship "
        "marketing."),
        "d": N_("Reach is a transaction-marketing measure; relationship marketing measures retention "
        "and value."),
    }),
    _choice("10.12", {
        "a": N_("700"), "b": N_("1,000"), "c": N_("1,400"), "d": N_("2,000"),
    }, "d", {
        "a": N_("That is 1,000 × 0.7, one year's survivors. The base settles where newcomers equal "
        "leavers: a / (1 − r)."),
        "b": N_("That is one year's intake; the base grows beyond it while fewer leave than arrive."),
        "c": N_("Check the formula a / (1 − r) from the leaky bucket in notebook 02."),
        "d": N_("a / (1 − r) = 600 / 0.3 with 600 new customers a year and r = 0.7."),
    }),
    _choice("10.13", {
        "a": N_("Financial bonds (points, discounts)."),
        "b": N_("Social bonds (personal contact, events)."),
        "c": N_("Structural bonds (shared systems, services built into the client's operations)."),
        "d": N_("All are copied equally fast."),
    }, "c", {
        "a": N_("Price and points are the fastest to copy (notebook 04): a rival matches them within "
        "a year."),
        "b": N_("Social bonds last longer than financial ones but can be copied with similar staff "
        "and events."),
        "c": N_("Structural bonds tie the customer's processes to the firm and take years to copy "
        "(notebook 04)."),
        "d": N_("Notebook 04's imitation model gives each bond its own copying time."),
    }),
    _choice("10.14", {
        "a": N_("Margin × r / (1 + i − r)"), "b": N_("Margin × (1 + i) / (1 + i − r)"),
        "c": N_("Margin / (1 − r)"), "d": N_("Margin × r / (1 − r)"),
    }, "a", {
        "a": N_("The margin multiple of notebook 03, margins at the end of each year survived."),
        "b": N_("That is the start-of-period convention: one extra margin paid at t = 0."),
        "c": N_("That is margin × expected lifetime, with no discounting and the first margin up "
        "front."),
        "d": N_("This leaves out discounting altogether."),
    }),
    _choice("10.15", {
        "a": N_("Because customers grow more loyal each year."),
        "b": N_("Because customers differ: the likely leavers leave first."),
        "c": N_("Because firms improve every year."),
        "d": N_("It does not; retention is constant."),
    }, "b", {
        "a": N_("Possible, but not needed to explain it: notebook 05's sBG model shows it with no "
        "customer changing."),
        "b": N_("Heterogeneity (notebook 05): the survivors are increasingly the loyal kind."),
        "c": N_("Not needed to explain the pattern; heterogeneity alone produces it."),
        "d": N_("Cohort data in notebook 05 show retention rising with tenure."),
    }),
    _choice("10.16", {
        "a": N_("Frequency counts every purchase row."),
        "b": N_("Frequency counts the distinct purchase days minus the first one."),
        "c": N_("Frequency counts the days since the last purchase."),
        "d": N_("Frequency is the average spend."),
    }, "b", {
        "a": N_("Several purchases on one day count once, and the first day is not a repeat."),
        "b": N_("Repeat purchase days, as in notebook 05's BTYD summary."),
        "c": N_("That is what recency measures, in the other direction."),
        "d": N_("That is the monetary value."),
    }),
    _choice("10.17", {
        "a": N_("Initial stage → purchase process → consumption process, and round again."),
        "b": N_("Advertising → sale → invoice."),
        "c": N_("Suspect → prospect → lapsed."),
        "d": N_("Establish → end → renew."),
    }, "a", {
        "a": N_("Grönroos's relationship life cycle (notebook 08)."),
        "b": N_("That is a single transaction, not a relationship cycle."),
        "c": N_("Those are rungs of the customer ladder, and lapsing is where it ends, not a cycle."),
        "d": N_("The promise sequence is establish → maintain → enhance."),
    }),
    _choice("10.18", {
        "a": N_("The cohort ends up all lapsed; a base that also wins new first-time customers every "
        "year keeps an active part that settles where newcomers balance leavers (notebook 02's "
        "a / (1 − r) idea), while the lapsed pile keeps growing."),
        "b": N_("The cohort spreads evenly over all rungs, and so does a base with new customers."),
        "c": N_("The cohort ends up all partners, because partners rarely lapse."),
        "d": N_("Nothing can be said without the margins."),
    }, "a", {
        "a": N_("An absorbing lapsed rung with no win-back collects every member of a closed cohort "
        "(notebook 08); new customers refill the active rungs, so the active base settles instead "
        "of vanishing."),
        "b": N_("Where customers settle depends on the transition probabilities, not on the number of "
        "rungs."),
        "c": N_("Partners lapse too, only more slowly; with no way back, even they end up lapsed."),
        "d": N_("Where customers settle depends only on the transition probabilities (and on "
        "acquisition); margins decide what the base is worth, not where it settles."),
    }),
    _choice("10.19", {
        "a": N_("Build a personal bond with the client's head and deal fairly and transparently."),
        "b": N_("Wine and dine the client and exchange favours."),
        "c": N_("Promise whatever the client wants to hear."),
        "d": N_("Let clients in one region compete on price with each other."),
    }, "a", {
        "a": N_("Two of the course material's practices for client rapport (notebook 09)."),
        "b": N_("The course material says rapport is not wining and dining or exchanging favours."),
        "c": N_("'No pie in the sky': plans must be realistic."),
        "d": N_("Fair dealing keeps clients in one region out of price wars with each other."),
    }),
    _choice("10.20", {
        "a": N_("Add the referred customers' value to the programme's uplift, which already "
        "includes the referral effect."),
        "b": N_("Count each referred customer once, at the referrer's plain CLV, first generation "
        "only, never on top of the uplift."),
        "c": N_("Count the referred customers' own referrals too, for ever."),
        "d": N_("Leave referrals out: they are too uncertain to count."),
    }, "b", {
        "a": N_("That counts the referrals twice: the uplift from plan_economics already contains "
        "them, and the capstone check flags the double count."),
        "b": N_("The workbook's cautious convention (clv_with_referrals in notebooks 03 and 10): each "
        "referred customer is worth the referrer's plain CLV, used once, either inside the "
        "uplift or in the CLV with referrals, never both."),
        "c": N_("Every further generation multiplies an uncertain number; the workbook stops at the "
        "first."),
        "d": N_("Referrals are one of the four drivers of CLV; leaving them out undervalues the "
        "customers who recommend the firm. Say how uncertain they are instead."),
    }),
    ChoiceExercise(
        exercise_id="10.21",
        options={
            "a": N_("Magazine and personal contact for the regulars: the larger uplift as planned."),
            "b": N_("Events and magazine for the regulars, run as a one-year pilot: the smaller "
            "uplift as planned, but it loses least when a rival copies and retention is lower."),
            "c": N_("Points for every segment: it reaches the most customers."),
            "d": N_("No programme: both plans lose money when both shocks hit."),
        },
        correct=frozenset({robust_plan()}),
        explanations={
            "a": N_("A larger planned uplift is the stronger case only if the plan's assumptions hold; "
            "the stress test shows this plan loses more when a rival copies and retention is "
            "lower, and personal contact is the costliest instrument per member."),
            "b": N_("Right: it is the more robust plan, and a pilot with a control group tests the "
            "instruments' teaching values before the chain commits to them."),
            "c": N_("Points are copied within a year and keep costing money; in the worked solution "
            "they lose most under every shock."),
            "d": N_("'Both shocks' is a stress case, not the expected outcome; the answer to risk is a "
            "pilot that measures the effect, not giving up a plan that pays as planned."),
        },
    ),
    ChoiceExercise(
        exercise_id="10.22",
        options={
            "a": N_("Compare the offer's cost of 15 with the fading customers' CLV without the offer "
            "(about 1): the cost is higher, so never make the offer."),
            "b": N_("Compare the cost of 15 per customer offered with the value the offer adds: the "
            "share of fading customers it brings back times what a customer brought back is "
            "worth. Test it on a sample to measure that share."),
            "c": N_("Compare the cost with the regulars' CLV, since a won-back customer becomes a "
            "regular."),
            "d": N_("Never spend on fading customers: they have already left."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("The CLV without the offer is what the firm has now, not what the offer adds. If "
            "the offer brought back even a small share of the segment, each at a good CLV, it "
            "could pay; the comparison must use the offer's expected effect."),
            "b": N_("Right: the decision rests on the offer's effect, which the data do not show; a "
            "test on a random part of the segment measures it."),
            "c": N_("Not every customer brought back becomes a regular, and most are not brought back "
            "at all; the value must be weighted by the share the offer wins."),
            "d": N_("Fading customers have not all gone, and win-back is one of the ladder's routes "
            "(notebook 08); whether it pays is an empirical question."),
        },
    ),
    ChoiceExercise(
        exercise_id="10.23",
        options={
            "a": N_("The rival copying hurts more: the programme's retention effect is matched while "
            "its cost stays, so the uplift it adds disappears."),
            "b": N_("Retention 5 points lower hurts more: every regular is worth less, so the uplift "
            "falls most."),
            "c": N_("Both shocks hurt the uplift equally."),
            "d": N_("Neither shock changes the uplift; they change only the base's value."),
        },
        correct=frozenset({larger_shock()}),
        explanations={
            "a": N_("A lower base retention lowers what every regular is worth, but the programme "
            "still adds its retention points (each worth even more to a customer who would "
            "otherwise leave); copying removes the effect itself while the costs run on."),
            "b": N_("Run step 4 for the events-and-magazine plan and compare the two rows: the "
            "uplift falls much more when a rival copies than when retention is lower."),
            "c": N_("The two shocks work differently: one lowers the base, the other removes the "
            "programme's effect."),
            "d": N_("Both change the uplift; look at the total_uplift column."),
        },
    ),
)
