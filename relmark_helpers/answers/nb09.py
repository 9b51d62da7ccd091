"""Exercises of notebook 09, relationship marketing in Chinese firms."""

from __future__ import annotations

from relmark_helpers.core.exercises import (
    ChoiceExercise,
)
from relmark_helpers.core.messages import N_

EXERCISES = (
    ChoiceExercise(
        exercise_id="9.1",
        options={
            "a": N_("Saying the practice was common in the industry was honest, and honesty protects "
            "trust."),
            "b": N_("It treated a broken promise to its customers as a matter of industry practice: no "
            "apology and no way for customers to check, so the trust every bond rests on was "
            "lost, and other firms using the same name were hurt too."),
            "c": N_("It should have cut its prices to win the customers back."),
            "d": N_("The only failure was in public relations: inspectors later found the filling "
            "within the hygiene limits, so a better PR campaign would have saved the firm."),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("Pointing at the industry admits the practice without taking responsibility for "
            "it; it told customers that no mooncake could be trusted, and sales fell across the "
            "market."),
            "b": N_("Right: customers bought fresh mooncakes and were sold last year's filling. "
            "Relationship marketing rests on keeping promises; the firm broke one and then "
            "denied that it mattered. It went into bankruptcy in 2002."),
            "c": N_("A price cut is a financial bond; it cannot repair broken trust, and customers "
            "would not even buy the firm's other products."),
            "d": N_("Even with the hygiene tests passed, customers stayed away: what broke the "
            "relationship was the deception about the core product, not the bacteria. Crisis PR "
            "cannot make up for a broken core promise (notebook 04: no bond makes up for a poor "
            "core service)."),
        },
    ),
    ChoiceExercise(
        exercise_id="9.2",
        options={
            "a": N_("Level 2: members talk to one another in their store's group, and a company "
            "WeChat account keeps in touch with each of them: a customer organisation, as at the "
            "social level."),
            "b": N_("Level 1: what the reports describe holding customers is the daily coupon, a price "
            "incentive; the WeChat group is the channel that delivers it."),
            "c": N_("Level 3: the groups are run through the firm's app and WeChat systems."),
            "d": N_("It cannot be classified, because it is a digital programme."),
        },
        # Two defensible classifications: the student selects every one that can be defended.
        correct=frozenset({"a", "b"}),
        select_all=True,
        explanations={
            "a": N_("Defensible. Members who talk to one another are the workbook's reason for "
                   "putting IKEA's club at level 2 (notebook 04), and a company account that adds "
                   "each member and keeps in touch is the kind of intangible customer organisation "
                   "the course material puts at the social level. The counter-argument is level 1: "
                   "the reports say the groups push coupons every day, so ask what holds members "
                   "there, the talk or the coupon."),
            "b": N_("Defensible on the reported facts: a coupon is a financial bond that any rival "
                   "can match, and the group is the cheap, direct channel that delivers it. The "
                   "counter-argument is level 2: members talk to one another and a company account "
                   "keeps in touch with each, as at the social level; the level depends on what "
                   "actually holds members there."),
            "c": N_("A structural bond is built into the customer's own processes, so that leaving "
            "means rebuilding them; a customer can leave a WeChat group with one tap."),
            "d": N_("The levels classify the kind of bond, whatever the channel."),
        },
    ),
    ChoiceExercise(
        exercise_id="9.3",
        options={
            "a": N_("The groups make customers buy 30 % more often."),
            "b": N_("Nothing: the figure is made up."),
            "c": N_("Likely more than the groups' own effect: the keenest customers are the ones "
            "who join, and they join for a coupon. Only a comparison with similar customers who "
            "did not join (best, a random invitation) would show the groups' own effect."),
            "d": N_("That private-domain groups work better than the app."),
        },
        correct=frozenset({"c"}),
        explanations={
            "a": N_("Joiners are not a random sample: customers who already buy often are the most "
            "likely to join, so part or all of the 30 % would have happened anyway."),
            "b": N_("It is the company's own figure and nobody audited it, so treat it with care; but "
            "the problem with it is what it compares, not that it is false."),
            "c": N_("Right: the same reasoning as crediting Ottobar's club with only part of the gap "
            "between members and non-members (notebook 04)."),
            "d": N_("The figure compares customers before and after joining, not the group with the "
            "app; most group orders are placed in the app anyway."),
        },
    ),
)
