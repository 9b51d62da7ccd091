"""Exercises of notebook 01, relationship versus transaction marketing."""

from __future__ import annotations

from relmark_helpers.core.exercises import (
    ChoiceExercise,
    MatchingExercise,
)
from relmark_helpers.core.messages import N_

EXERCISES = (
    MatchingExercise(
        exercise_id="1.1",
        categories=("transaction", "database", "interaction", "network"),
        solution={
            "a souvenir stall at a tourist site": "transaction",
            "a motorway petrol station": "transaction",
            "a supermarket that sends offers based on loyalty-card data": "database",
            "an online shop that e-mails recommendations from your purchase history": "database",
            "a hairdresser who knows each regular client personally": "interaction",
            "a bank's relationship manager for small-business owners": "interaction",
            "a parts supplier that designs components jointly with a carmaker and its other "
            "suppliers": "network",
        },
        explanations={
            "a souvenir stall at a tourist site": N_("almost every buyer is a one-off visitor; "
            "nothing is known or expected after the sale, so it is pure transaction marketing."),
            "a motorway petrol station": N_("drivers pass once and choose on price and convenience; "
            "there is no relationship to manage."),
            "a supermarket that sends offers based on loyalty-card data": N_("the firm knows its "
            "customers through data and targets them, but there is little personal contact: "
            "database marketing."),
            "an online shop that e-mails recommendations from your purchase history": N_("the "
            "relationship runs through a database and automated messages, not through people."),
            "a hairdresser who knows each regular client personally": N_("a one-to-one, personal "
            "relationship built in repeated face-to-face encounters: interaction marketing."),
            "a bank's relationship manager for small-business owners": N_("a named person who "
            "knows the client and adapts the service to them: interaction marketing."),
            "a parts supplier that designs components jointly with a carmaker and its other "
            "suppliers": N_("several firms coordinate and adapt to each other over years: network "
            "marketing between organisations."),
        },
    ),
    ChoiceExercise(
        exercise_id="1.2",
        options={
            "a": N_("outcome quality; transaction marketing puts it at the centre"),
            "b": N_("process quality; relationship marketing puts it at the centre"),
            "c": N_("outcome quality; relationship marketing puts it at the centre"),
            "d": N_("price; transaction marketing puts it at the centre"),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("The room (the outcome) was fine. What failed was how the guest was treated."),
            "b": N_("How the service was delivered, here the check-in, is process (functional) "
            "quality; interactive marketing at such moments of truth is what relationship "
            "marketing manages."),
            "c": N_("The outcome, a good room, was delivered. The complaint is about the process."),
            "d": N_("The complaint says nothing about price."),
        },
    ),
    ChoiceExercise(
        exercise_id="1.3",
        options={
            "a": N_("Relationship building: it shows care for the client's family."),
            "b": N_("Acceptable if the son is hired on merit and the representative tells both "
            "employers about the help."),
            "c": N_("Not relationship marketing: it trades a private favour for business and creates "
            "a conflict of interest for the client's buyer."),
            "d": N_("Acceptable as guanxi: the favour creates an obligation (renqing) that builds "
            "long-term trust."),
        },
        correct=frozenset({"c"}),
        explanations={
            "a": N_("Care for a client is remembering what matters to them and solving their "
            "business problems; arranging a job for their child is a personal benefit offered "
            "to win an order."),
            "b": N_("Disclosure and merit make it less hidden, but the help is still offered to "
                   "win next year's order: a private favour to the buyer traded for business, and "
                   "the buyer's conflict of interest remains."),
            "c": N_("A relationship is built on value to the client's organisation and on "
            "keeping promises; a private favour to the buyer puts their interest against their "
            "employer's."),
            "d": N_("Renqing obligations are how guanxi works, but a favour given to win an order "
                   "binds the buyer personally against the employer's interest (section 6's guanxi "
                   "unit); the course material itself insists that rapport is not an exchange of "
                   "favours."),
        },
    ),
    ChoiceExercise(
        exercise_id="1.4",
        options={
            "a": N_("\"Right: guanxi is the Chinese form of relationship marketing; only the size of "
            "the favours needs a limit.\""),
            "b": N_("\"Personal ties can open the door, but they belong to persons: build the firm's "
            "relationship with the buyer's organisation, through service, reliability and shared "
            "plans, so that it survives if either of you leaves, and keep favours out.\""),
            "c": N_("\"Avoid personal ties with buyers altogether: in China any personal relationship "
            "with a client is corruption.\""),
            "d": N_("\"Guanxi matters only with government officials; with customers, relationship "
            "marketing is just a loyalty programme.\""),
        },
        correct=frozenset({"b"}),
        explanations={
            "a": N_("Guanxi and relationship marketing share trust and reciprocity, but guanxi is "
                   "personal and particularistic (Wang 2007): a tie built on favours to a buyer "
                   "belongs to two persons and puts the buyer's interest against the employer's."),
            "b": N_("It keeps what guanxi does well, trust and the long view, and moves the "
                   "relationship from the person to the organisation, where it outlasts staff "
                   "changes and needs no favours."),
            "c": N_("Personal contact is a legitimate instrument of the social level, and trust in a "
                   "person often comes first in China. The line runs between value for the "
                   "client's organisation and private favours, not between personal and "
                   "impersonal."),
            "d": N_("Guanxi shapes business ties with customers and dealers too, and relationship "
                   "marketing is far more than a loyalty programme: commitment, trust and "
                   "value for both sides."),
        },
    ),
)
