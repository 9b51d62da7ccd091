"""Exercises of notebook 03, customer lifetime value."""

from __future__ import annotations

from relmark_helpers.core.exercises import ChoiceExercise, KnownMistake, NumericExercise
from relmark_helpers.core.messages import N_
from relmark_helpers.lifetime_value.formulas import break_even_period, clv

# Exercise 3.1 and 3.2: a gym member.
GYM_MARGIN = 240.0  # money per year
GYM_RETENTION = 0.75  # per year
GYM_DISCOUNT = 0.08  # per year
GYM_CONTRACT_YEARS = 3
GYM_ACQUISITION_COST = 400.0

EXERCISES = (
    NumericExercise(
        exercise_id="3.1",
        answer=lambda: clv(GYM_MARGIN, GYM_RETENTION, GYM_DISCOUNT),
        unit=N_("money"),
        hint=N_("margin × r / (1 + i − r), with margins at the end of each year."),
        mistakes=(
            KnownMistake(
                lambda: clv(GYM_MARGIN, GYM_RETENTION, GYM_DISCOUNT, timing="start"),
                N_("That is the value if the first fee is paid on the day of joining. The question "
                "counts margins at the end of each year the member stays."),
            ),
            KnownMistake(
                lambda: clv(GYM_MARGIN, GYM_RETENTION, 0.0),
                N_("You left out discounting: money in later years is worth less today."),
            ),
            KnownMistake(
                lambda: GYM_MARGIN / (1 - GYM_RETENTION),
                N_("That is margin × expected lifetime, with no discounting and the first margin "
                "up front. Use the margin multiple r / (1 + i − r)."),
            ),
        ),
    ),
    NumericExercise(
        exercise_id="3.2",
        answer=lambda: clv(GYM_MARGIN, GYM_RETENTION, GYM_DISCOUNT, GYM_CONTRACT_YEARS),
        unit=N_("money"),
        hint=N_("Add up three years of survival × margin / (1 + i)^t, or use clv(..., periods=3)."),
        mistakes=(
            KnownMistake(
                lambda: clv(GYM_MARGIN, GYM_RETENTION, GYM_DISCOUNT),
                N_("That is the value with no end. The gym only counts three years."),
            ),
            KnownMistake(
                lambda: clv(GYM_MARGIN, GYM_RETENTION, GYM_DISCOUNT, GYM_CONTRACT_YEARS,
                            timing="start"),
                N_("You counted the first fee on the day of joining; this gym is paid at the end of "
                "each year."),
            ),
        ),
    ),
    NumericExercise(
        exercise_id="3.3",
        answer=lambda: break_even_period(
            GYM_MARGIN, GYM_RETENTION, GYM_DISCOUNT, GYM_ACQUISITION_COST
        ),
        rel_tol=0.0,
        abs_tol=0.01,
        unit=N_("years"),
        show_distance=False,
        hint=N_("Look at the cumulative present value in the cash-flow table: in which year does "
        "it first reach the acquisition cost?"),
        mistakes=(
            KnownMistake(
                lambda: 2.0,
                N_("Without discounting and survival, two fees of 240 cover 400. But each year's fee "
                "is expected, not certain, and is worth less today."),
            ),
            KnownMistake(
                lambda: break_even_period(GYM_MARGIN, GYM_RETENTION, 0.0, GYM_ACQUISITION_COST),
                N_("You weighted each fee by the chance the member is still there, but forgot to "
                "discount it: a fee in year 3 is worth less than 240 today."),
            ),
        ),
    ),
    ChoiceExercise(
        exercise_id="3.4",
        options={
            "a": N_("about +5 %"),
            "b": N_("about +27.5 %"),
            "c": N_("about +50 %"),
            "d": N_("about +85 %"),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("CLV is not proportional to retention: five more points also lengthen the "
            "whole expected relationship. Compute clv(100, 0.85, 0.10) / clv(100, 0.80, 0.10)."),
            "b": N_("The margin multiple goes from 0.80 / 0.30 = 2.67 to 0.85 / 0.25 = 3.40."),
            "c": N_("Too high for this starting point; the gain is about that large only from a "
            "much higher base retention (try 0.93 → 0.98)."),
            "d": N_("85 % is the top of the range quoted from Reichheld & Sasser, whose calculation "
            "lets profit per customer grow with tenure; with a constant margin the formula gives "
            "far less here."),
        },
    ),
    ChoiceExercise(
        exercise_id="3.5",
        options={
            "a": N_("Because the start-of-period customer stays longer on average."),
            "b": N_("Because the start-of-period customer pays one margin up front, at t = 0, "
            "before any chance to leave and before any discounting."),
            "c": N_("Because discounting is applied twice under the end-of-period convention."),
            "d": N_("It is a rounding difference."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("Retention is the same under both conventions, so is the expected lifetime."),
            "b": N_("Every later margin is the same stream, shifted: start = margin + end."),
            "c": N_("Each margin is discounted once, by (1 + i) to the power of its date."),
            "d": N_("With no fixed end the gap is exactly one margin for any r and i: see the "
            "printout in section 4."),
        },
    ),
    ChoiceExercise(
        exercise_id="3.6",
        options={
            "a": N_("\"Agreed: the CLV formula gives that rise at any discount rate.\""),
            "b": N_("\"Only if each year a customer stays adds about two-thirds of their first-year "
            "profit; with constant profit the rise is about 27.5 %. Show us that our long-standing "
            "customers really are that much more profitable.\""),
            "c": N_("\"Agreed: a firm's profit always rises by more than one customer's CLV, as "
            "notebook 02's firm showed.\""),
            "d": N_("\"No: Reinartz & Kumar proved that loyal customers are never profitable.\""),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("With a constant margin the formula gives 27.5 % here, and the rise changes with "
            "the discount rate (section 6's chart)."),
            "b": N_("growth_needed_for_uplift(0.50, 0.80, 0.10) is about 0.67: the claim stands or "
            "falls with how much more profitable customers become the longer they stay, which is "
            "an empirical question about this retailer."),
            "c": N_("Notebook 02's firm shows large percentages at low retention because it spends the "
            "same on acquisition whatever its retention; that is a property of its accounts, not a "
            "law, and at 80 % its uplift was about 27 %."),
            "d": N_("They found that not all loyal customers are profitable (and not all profitable "
            "ones loyal), not that none are."),
        },
    ),
    ChoiceExercise(
        exercise_id="3.7",
        options={
            "a": N_("\"Agreed: spending anything below the CLV creates value, so the whole CLV is "
            "the right budget.\""),
            "b": N_("\"The CLV is the ceiling, not the budget: spending all of it leaves nothing, "
            "and the CLV rests on forecasts that may be too high. Budget below it.\""),
            "c": N_("\"The budget should be above the CLV, because new customers also bring "
            "referrals.\""),
            "d": N_("\"The budget should be one year's margin, because the CLV is only a forecast.\""),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("Spending the whole CLV creates no value at all: the net CLV is zero, and any "
                   "error in the retention or margin forecast turns it negative."),
            "b": N_("The ceiling is where value creation stops; a budget needs a margin of safety "
                   "for forecast errors and a payback the firm can finance."),
            "c": N_("If referrals are worth counting, put them into the CLV (the fourth driver); "
                   "the ceiling then rises, but spending above what you count still destroys value."),
            "d": N_("One year's margin ignores every later year the customer stays; a budget "
                   "should follow from the CLV and its uncertainty, not replace it."),
        },
    ),
)
