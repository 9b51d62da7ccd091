"""Exercises of notebook 04, the three levels of relationship bonding."""

from __future__ import annotations

from relmark_helpers.bonding.programme import Baseline, Programme, programme_economics, stamp_card_discount
from relmark_helpers.core.exercises import (
    AcceptedReading,
    ChoiceExercise,
    KnownMistake,
    MatchingExercise,
    NumericExercise,
)
from relmark_helpers.core.messages import N_
from relmark_helpers.lifetime_value.formulas import clv

# Exercise 4.1: ten programme descriptions, sorted into levels.
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

# Exercise 4.2: a cinema chain's club, Ottobar-style.
CINEMA_SPEND_RATIO = 1.5  # members spend 1.5 x per visit
CINEMA_VISIT_RATIO = 4.0  # and visit 4 x as often
CINEMA_NON_MEMBER_MARGIN = 12.0  # money per year
CINEMA_MEMBER_RETENTION = 0.80  # per year
CINEMA_DISCOUNT = 0.10  # per year

# Exercise 4.3: a café's stamp card.
CAFE_STAMPS = 8  # paid coffees for a free one
CAFE_REDEMPTION = 0.60  # share of cards completed and redeemed

# Exercise 4.8: predict, then move the programme designer (points only, margin 100, retention 70 %).
DESIGNER_BASELINE = Baseline(margin=100.0, retention=0.70)
DESIGNER_RESPONSES = (0.0, 2.0, 5.0)  # years before rivals start copying


def points_gain_by_response() -> dict[float, float]:
    """CLV gain per member of a points-only programme for each rival response of exercise 4.8."""
    return {years: programme_economics(Programme.of("points"), DESIGNER_BASELINE,
                                       rival_response=years).uplift
            for years in DESIGNER_RESPONSES}


def points_pattern() -> str:
    """The option of exercise 4.8 that describes what the designer shows (computed, not typed).

    "a": the gain rises with a later rival response and is below zero when
    rivals copy at once; "b": it rises but stays above zero; "c": it does not
    change; "d": it falls.
    """
    gains = [points_gain_by_response()[y] for y in DESIGNER_RESPONSES]
    if abs(gains[-1] - gains[0]) < 1e-9:
        return "c"
    if gains[-1] < gains[0]:
        return "d"
    return "a" if gains[0] < 0 else "b"


def _member_margin() -> float:
    return CINEMA_SPEND_RATIO * CINEMA_VISIT_RATIO * CINEMA_NON_MEMBER_MARGIN


EXERCISES = (
    MatchingExercise(
        exercise_id="4.1",
        categories=("financial", "social", "structural"),
        solution={"a": "financial", "b": "financial", "c": "financial", "d": "social",
                  "e": "social", "f": "social", "g": "social", "h": "structural",
                  "i": "structural", "j": "structural"},
        explanations={
            "a": N_("(a) a free wash is a price incentive, a frequency programme: financial, and "
            "any rival can print the same card tomorrow."),
            "b": N_("(b) a lower price for loyal customers is a financial bond, however long the "
            "relationship behind it."),
            "c": N_("(c) lotteries and prize draws are financial incentives; the course material "
            "notes their effect ends when the excitement does."),
            "d": N_("(d) being known and recognised personally is a social bond: it rests on "
            "people, not on price or systems."),
            "e": N_("(e) members' events are a customer organisation (a club): customers meet the "
            "firm and each other, a social bond."),
            "f": N_("(f) a club magazine and visits, as in the Haier Club, build belonging: social, "
            "even if the club also gives discounts."),
            "g": N_("(g) a personal contact person is the classic social bond (it is social, not "
            "structural, because it rests on one person's relationship)."),
            "h": N_("(h) linked systems tie the two firms' processes together: structural, and "
            "costly for the dealer to undo."),
            "i": N_("(i) a service the client cannot get elsewhere, built into its operations, is "
            "a structural bond (an extended service)."),
            "j": N_("(j) joint planning with shared data makes the dealer a partner: a structural "
            "bond between firms."),
        },
    ),
    NumericExercise(
        exercise_id="4.2",
        answer=lambda: clv(_member_margin(), CINEMA_MEMBER_RETENTION, CINEMA_DISCOUNT),
        unit=N_("money"),
        hint=N_("A member's margin per year is spend ratio × visit ratio × a non-member's margin. "
        "Then use the closed form that matches the question: margins at the end of each year "
        "(notebook 03)."),
        reading=N_("You used m·r / (1 + i − r): each year's margin at the end of that year, and only "
        "if the member renews, the first margin included (the question's reading)."),
        also_accepted=(
            AcceptedReading(
                lambda: _member_margin() / (1 + CINEMA_DISCOUNT - CINEMA_MEMBER_RETENTION),
                N_("You used m / (1 + i − r): the first year's margin is certain and paid at the end "
                "of the first year, and later margins depend on renewing. That reading is "
                "defensible too; the question means the first margin to depend on renewing as "
                "well, which gives m·r / (1 + i − r)."),
            ),
        ),
        mistakes=(
            KnownMistake(
                lambda: clv((CINEMA_SPEND_RATIO + CINEMA_VISIT_RATIO) * CINEMA_NON_MEMBER_MARGIN,
                            CINEMA_MEMBER_RETENTION, CINEMA_DISCOUNT),
                N_("You added the two ratios. Spend per year = spend per visit × visits, so the "
                "ratios multiply."),
            ),
            KnownMistake(
                _member_margin,
                N_("That is a member's margin for one year. The question asks for the CLV over the "
                "whole relationship."),
            ),
            KnownMistake(
                lambda: clv(_member_margin(), CINEMA_MEMBER_RETENTION, 0.0),
                N_("You left out discounting: next year's margin is worth less today."),
            ),
            KnownMistake(
                lambda: clv(_member_margin(), CINEMA_MEMBER_RETENTION, CINEMA_DISCOUNT,
                            timing="start"),
                N_("You used m(1 + i) / (1 + i − r), which pays the first margin on the day of "
                "joining. The question has margins at the end of each year."),
            ),
        ),
    ),
    NumericExercise(
        exercise_id="4.3",
        answer=lambda: stamp_card_discount(CAFE_STAMPS, redemption=CAFE_REDEMPTION),
        unit=N_("a fraction of the price (0.05 = 5 %)"),
        rel_tol=0.005,
        hint=N_("Per card the café sells 8 coffees and, on average, gives away 0.6 free ones. "
        "Decide what the discount is a share of: every coffee handed over, or the paid ones."),
        reading=N_("You took the free coffees' share of every coffee handed over: 0.6 / (8 + 0.6) "
        "= 0.0698 (the discount a customer gets on all the coffees they receive). The other "
        "defensible reading, the reward cost per paid coffee, 0.6 / 8 = 0.075, is accepted too."),
        also_accepted=(
            AcceptedReading(
                lambda: stamp_card_discount(CAFE_STAMPS, redemption=CAFE_REDEMPTION,
                                            basis="paid"),
                N_("You took the reward cost per paid coffee: 0.6 / 8 = 0.075 (the cost of the free "
                "coffees as a share of the café's revenue). The other defensible "
                "reading, the free coffees' share of every coffee handed over, 0.6 / 8.6 = 0.0698, "
                "is accepted too."),
            ),
        ),
        mistakes=(
            KnownMistake(
                lambda: stamp_card_discount(CAFE_STAMPS),
                N_("That is 1 / 9, which assumes every card is completed and redeemed. Only 60 % are."),
            ),
            KnownMistake(
                lambda: stamp_card_discount(CAFE_STAMPS, basis="paid"),
                N_("That is 1 / 8, which assumes every card is completed and redeemed. Only 60 % are."),
            ),
            KnownMistake(
                lambda: CAFE_REDEMPTION / (CAFE_STAMPS + 1),
                N_("You divided 0.6 by 9 coffees per card, but only 60 % of the cards bring a free "
                "coffee: a card hands out 8 + 0.6 coffees on average, not 9."),
            ),
        ),
    ),
    ChoiceExercise(
        exercise_id="4.4",
        options={
            "a": N_("Fund the club: the model in section 2 gives it a higher ROI than points."),
            "b": N_("Fund the club, but as a pilot that measures its effect: its social bonds take "
            "a rival longer to copy than points, while the firm must keep paying for points just "
            "to stay level once the rival matches them."),
            "c": N_("Drop points altogether: they create no switching cost, so they are worthless."),
            "d": N_("Fund nothing: whatever the firm does, rivals copy it, so no programme can pay."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("The model's effects are teaching values, not measurements, so its ROI cannot "
            "decide between real programmes. What the model does show holds whatever the "
            "numbers: copied bonds lose their effect while their costs stay."),
            "b": N_("Right: the argument rests on how fast each kind of bond is copied and on the "
            "cost that stays after copying, which hold whatever the effect sizes; the effect "
            "itself is unknown, so the firm should measure it (a pilot against a comparable "
            "control group) before rolling the club out."),
            "c": N_("Points are a small, contractual switching cost (Klemperer 1987 counts such "
            "repeat-purchase discounts as 'artificial' switching costs), easy to match but not "
            "zero. And once a rival has points, dropping yours means falling below the rival, "
            "not returning to a world without points."),
            "d": N_("Copying erodes the advantage over time, but slowly for social and structural "
            "bonds, and the relevant comparison after copying is with falling below the rival, "
            "not with a market where nobody has a programme."),
        },
    ),
    ChoiceExercise(
        exercise_id="4.5",
        options={
            "a": N_("paying for the dealer's purchasing head's family holiday before the annual "
            "contract"),
            "b": N_("sending the purchasing head a box of mooncakes worth 2,000 yuan at the "
            "Mid-Autumn Festival, as the other suppliers do"),
            "c": N_("training the dealer's sales staff and sharing the regional market plan with "
            "the dealer"),
            "d": N_("paying the dealer's promoters above the agreed rate so that the dealer orders "
            "more"),
        },
        correct=frozenset({"c"}),
        explanations={
            "a": N_("A private benefit to the person who decides on the contract is an exchange of "
            "favours, in law commercial bribery: it buys one person, not the dealer's loyalty."),
            "b": N_("A custom does not change what the gift is: something of value for the person who "
            "signs the orders, not for the dealer as a firm. That others do it only means the gifts "
            "compete for the same person's favour."),
            "c": N_("Right: it creates value for the dealer as a firm (better sales, a shared plan), "
            "openly and for both sides: rapport built on help with real problems."),
            "d": N_("Padding payments to win orders is the course material's warning case of "
            "embedded management: the money leaks and trust is lost when it comes out."),
        },
    ),
    ChoiceExercise(
        exercise_id="4.6",
        options={
            "a": N_("Level 3: personalised production is a customisation bond, and customisation is "
            "structural."),
            "b": N_("Level 2: its bonds are belonging, events, personal service and personalisation; "
            "none is built into the customer's own systems or ways of working; the repurchase "
            "discount adds a level-1 element."),
            "c": N_("Level 1: members get a repurchase discount, so the club is a price incentive."),
            "d": N_("Level 3: with 8 million members in ten months it is too big for a rival to copy."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("In Berry & Parasuraman's three levels, personalising and customising the "
            "relationship is part of level 2; structural bonds are value-adding services built "
            "into the delivery system that the customer cannot easily get elsewhere. The separate "
            "customisation rung is Zeithaml & Bitner's, and they place it below structural bonds."),
            "b": N_("Right, and it agrees with the course material (海爾公司,二級關係營銷). An argument "
            "for level 3 would have to show a tie built into the member's own processes, which "
            "the material does not describe."),
            "c": N_("The levels are cumulative: a level-2 programme keeps financial incentives. The "
            "discount is one element; the club's main bonds are social."),
            "d": N_("Size is not a kind of bond, and a rival can found a club of its own; the level "
            "comes from what ties the member to the firm."),
        },
    ),
    ChoiceExercise(
        exercise_id="4.7",
        options={
            "a": N_("Level 1, because Subway keeps its customer data store by store instead of "
            "pooling them centrally."),
            "b": N_("Level 1, because its bond is a club card that earns points towards a free "
            "product: a price incentive."),
            "c": N_("Level 2, because customers become members of the 'Subway Club'."),
            "d": N_("Level 3, because franchisees decide locally how the marketing money is spent."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("The level comes from the kind of bond, not from where the database sits: a "
            "store-level database can support social bonds (a shop owner who knows the regulars). "
            "Whether Subway should pool its data, as another course text advises, is a separate "
            "question."),
            "b": N_("Right: points and a free product are a financial bond, a small switching cost "
            "that any rival can match."),
            "c": N_("A club in name only: the card gives points, not contact, recognition or "
            "belonging. The name of a programme does not decide its level."),
            "d": N_("How the franchise is organised is not a bond with the customer at all."),
        },
    ),
    ChoiceExercise(
        exercise_id="4.8",
        options={
            "a": N_("The later rivals start copying, the larger the gain; when they copy at once, the "
            "gain is below zero, because the points' effect is matched while their cost stays."),
            "b": N_("The later rivals start copying, the larger the gain, but it stays above zero "
            "even when they copy at once."),
            "c": N_("The gain does not change: copying only affects structural bonds."),
            "d": N_("The gain falls the later rivals copy, because the firm pays for the points for "
            "longer."),
        },
        correct=frozenset({points_pattern()}),
        explanations={
            "a": N_("Points' retention effect is matched within about a year of rivals starting, "
            "while the rebate goes on costing money: with no head start there is nothing left to "
            "pay for it."),
            "b": N_("Look again at the hatched bar with rivals copying after 0 years: the copied "
            "points gain falls below the no-programme value."),
            "c": N_("In the model every bond is copied, each at its own speed; financial bonds are "
            "copied fastest."),
            "d": N_("The firm pays for the points either way; a later rival response gives it more "
            "years in which the points also keep customers."),
        },
    ),
)
