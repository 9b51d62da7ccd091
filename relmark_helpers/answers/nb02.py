"""Exercises of notebook 02, the three levels of relationship bonding."""

from __future__ import annotations

from relmark_helpers.bonding.programme import Baseline, Programme, programme_economics, stamp_card_discount
from relmark_helpers.core.exercises import ChoiceExercise, KnownMistake, MatchingExercise, NumericExercise
from relmark_helpers.lifetime_value.formulas import clv

# Exercise 2.1: ten programme descriptions, sorted into levels.
PROGRAMMES_2_1 = {
    "a": "every tenth car wash free",
    "b": "lower loan rate for long-standing customers",
    "c": "prize draw for shoppers who spend over 200",
    "d": "hotel staff greet regulars by name",
    "e": "wine shop's members' tasting evenings",
    "f": "appliance club magazine and factory visits",
    "g": "named account manager who calls monthly",
    "h": "ordering system linked to the dealer's stock",
    "i": "warehouse software run for a client",
    "j": "joint range planning with a key dealer",
}

# Exercise 2.2: a cinema chain's club, Ottobar-style.
CINEMA_SPEND_RATIO = 1.5  # members spend 1.5 x per visit
CINEMA_VISIT_RATIO = 4.0  # and visit 4 x as often
CINEMA_NON_MEMBER_MARGIN = 12.0  # money per year
CINEMA_MEMBER_RETENTION = 0.80  # per year
CINEMA_DISCOUNT = 0.10  # per year

# Exercise 2.3: a café's stamp card.
CAFE_STAMPS = 8  # paid coffees for a free one
CAFE_REDEMPTION = 0.60  # share of cards completed and redeemed

# Exercise 2.4: which programme to fund (a consumer service, rivals copy after two years).
FUND_BASELINE = Baseline(margin=100.0, retention=0.70)
FUND_RIVAL_RESPONSE = 2.0  # years
FUND_OPTIONS: dict[str, tuple[str, ...]] = {
    "a": ("points",),
    "b": ("points", "events", "magazine"),
    "c": ("points", "personal_contact", "it_link"),
    "d": (),
}


def fund_gains() -> dict[str, float]:
    """CLV gain per member after costs for each option of exercise 2.4, rivals copying."""
    return {key: programme_economics(Programme.of(*names), FUND_BASELINE,
                                     rival_response=FUND_RIVAL_RESPONSE).uplift
            for key, names in FUND_OPTIONS.items()}


def best_fund_option() -> str:
    """The option of exercise 2.4 with the largest gain per member (computed, not typed)."""
    gains = fund_gains()
    return max(gains, key=gains.get)


def _member_margin() -> float:
    return CINEMA_SPEND_RATIO * CINEMA_VISIT_RATIO * CINEMA_NON_MEMBER_MARGIN


_gains = fund_gains()

EXERCISES = (
    MatchingExercise(
        exercise_id="2.1",
        categories=("financial", "social", "structural"),
        solution={"a": "financial", "b": "financial", "c": "financial", "d": "social",
                  "e": "social", "f": "social", "g": "social", "h": "structural",
                  "i": "structural", "j": "structural"},
        explanations={
            "a": "(a) a free wash is a price incentive, a frequency programme: financial, and "
            "any rival can print the same card tomorrow.",
            "b": "(b) a lower price for loyal customers is a financial bond, however long the "
            "relationship behind it.",
            "c": "(c) lotteries and prize draws are financial incentives; the course material "
            "notes their effect ends when the excitement does.",
            "d": "(d) being known and recognised personally is a social bond: it rests on "
            "people, not on price or systems.",
            "e": "(e) members' events are a customer organisation (a club): customers meet the "
            "firm and each other, a social bond.",
            "f": "(f) a club magazine and visits, as in the Haier Club, build belonging: social, "
            "even if the club also gives discounts.",
            "g": "(g) a personal contact person is the classic social bond (it is social, not "
            "structural, because it rests on one person's relationship).",
            "h": "(h) linked systems tie the two firms' processes together: structural, and "
            "costly for the dealer to undo.",
            "i": "(i) a service the client cannot get elsewhere, built into its operations, is "
            "a structural bond (an extended service).",
            "j": "(j) joint planning with shared data makes the dealer a partner: a structural "
            "bond between firms.",
        },
    ),
    NumericExercise(
        exercise_id="2.2",
        answer=lambda: clv(_member_margin(), CINEMA_MEMBER_RETENTION, CINEMA_DISCOUNT),
        unit="money",
        hint="A member's margin per year is spend ratio × visit ratio × a non-member's margin; "
        "then CLV = margin × r / (1 + i − r).",
        mistakes=(
            KnownMistake(
                lambda: clv((CINEMA_SPEND_RATIO + CINEMA_VISIT_RATIO) * CINEMA_NON_MEMBER_MARGIN,
                            CINEMA_MEMBER_RETENTION, CINEMA_DISCOUNT),
                "You added the two ratios. Spend per year = spend per visit × visits, so the "
                "ratios multiply.",
            ),
            KnownMistake(
                _member_margin,
                "That is a member's margin for one year. The question asks for the CLV over the "
                "whole relationship.",
            ),
            KnownMistake(
                lambda: clv(_member_margin(), CINEMA_MEMBER_RETENTION, 0.0),
                "You left out discounting: next year's margin is worth less today.",
            ),
            KnownMistake(
                lambda: clv(_member_margin(), CINEMA_MEMBER_RETENTION, CINEMA_DISCOUNT,
                            timing="start"),
                "That counts the first margin on the day of joining; use margins at the end of "
                "each year.",
            ),
        ),
    ),
    NumericExercise(
        exercise_id="2.3",
        answer=lambda: stamp_card_discount(CAFE_STAMPS, redemption=CAFE_REDEMPTION),
        unit="a fraction of the price (0.05 = 5 %)",
        rel_tol=0.005,
        hint="A completed card gives stamps + 1 coffees for the price of stamps; only the "
        "redeemed share of cards costs the café anything.",
        mistakes=(
            KnownMistake(
                lambda: stamp_card_discount(CAFE_STAMPS),
                "That assumes every card is completed and redeemed. Only 60 % are.",
            ),
            KnownMistake(
                lambda: CAFE_REDEMPTION / CAFE_STAMPS,
                "The free coffee is spread over all the coffees the customer gets, the paid ones "
                "and the free one: divide by stamps + 1.",
            ),
            KnownMistake(
                lambda: 1.0 / CAFE_STAMPS,
                "Two slips: divide by stamps + 1 (the free coffee counts too) and multiply by "
                "the share of cards redeemed.",
            ),
        ),
    ),
    ChoiceExercise(
        exercise_id="2.4",
        options={
            "a": "points only (level 1)",
            "b": "points, members' events and a club magazine (level 2)",
            "c": "points, a personal contact and a shared IT link",
            "d": "no programme: keep the money",
        },
        correct=frozenset({best_fund_option()}),
        explanations={
            "a": f"Points gain {_gains['a']:,.1f} per member once rivals copy them: a financial "
            "bond is matched within a year, and then the rebate is pure cost.",
            "b": f"The club gains {_gains['b']:,.1f} per member: the social bonds outlast the "
            "points, and members' events and the magazine are cheap per member.",
            "c": f"This gains {_gains['c']:,.1f} per member: the IT link's set-up cost is "
            "too high for a customer with a margin of 100; structural bonds pay for key "
            "accounts, not for every customer.",
            "d": "Doing nothing gains 0 per member; one of the programmes does better even "
            "after rivals copy.",
        },
    ),
    ChoiceExercise(
        exercise_id="2.5",
        options={
            "a": "paying for the dealer's purchasing head's family holiday before the annual "
            "contract",
            "b": "using the firm's connections to get the purchasing head's child into a "
            "sought-after school",
            "c": "training the dealer's sales staff and sharing the regional market plan with "
            "the dealer",
            "d": "paying the dealer's promoters above the agreed rate so that the dealer orders "
            "more",
        },
        correct=frozenset({"c"}),
        explanations={
            "a": "A private benefit to the person who decides on the contract is an exchange of "
            "favours, in law commercial bribery: it buys one person, not the dealer's loyalty.",
            "b": "Help with a private matter, offered to the person who signs the orders, is a "
            "favour in exchange for business, whatever it is called.",
            "c": "Right: it creates value for the dealer as a firm (better sales, a shared plan), "
            "openly and for both sides: rapport built on help with real problems.",
            "d": "Padding payments to win orders is the course material's warning case of "
            "embedded management: the money leaks and trust is lost when it comes out.",
        },
    ),
)
