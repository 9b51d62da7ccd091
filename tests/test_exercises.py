"""The exercise checker: verdicts, feedback that never gives the answer away, every exercise."""

import re

import pytest

from relmark_helpers import (
    ChoiceExercise,
    KnownMistake,
    MatchingExercise,
    NumericExercise,
    check,
    get_exercise,
    list_exercises,
)

EXERCISES = {eid: get_exercise(eid) for eid in list_exercises()}

NUMERIC = [e for e in EXERCISES.values() if isinstance(e, NumericExercise)]
CHOICE = [e for e in EXERCISES.values() if isinstance(e, ChoiceExercise)]

toy = NumericExercise("9.1", answer=lambda: 250.0, hint="Think.", unit="money",
                      mistakes=(KnownMistake(lambda: 350.0, "You counted one margin too many."),))


def test_numeric_right_within_tolerance():
    assert check_toy(250.0).correct
    assert check_toy(251.0).correct  # within 1 %
    assert not check_toy(260.0).correct


def check_toy(answer):
    return toy.evaluate(answer)


def test_numeric_says_how_far_off_and_hints_without_the_answer():
    feedback = toy.evaluate(300.0)
    assert feedback.status == "incorrect"
    assert "between 5 % and 25 % too high" in feedback.message
    assert "Hint: Think." in feedback.message
    assert "250" not in str(feedback)
    assert "too low" in toy.evaluate(200.0).message
    assert "less than 5 % too high" in toy.evaluate(260.0).message
    assert "more than 25 % too low" in toy.evaluate(100.0).message
    # The same band for different wrong answers: the answer cannot be worked back.
    assert toy.evaluate(270.0).message == toy.evaluate(300.0).message
    assert "factor of ten" in toy.evaluate(25_000).message
    assert "sign" in toy.evaluate(-250).message


def test_numeric_known_mistake_gets_its_own_feedback():
    feedback = toy.evaluate(350.0)
    assert feedback.status == "incorrect"
    assert "one margin too many" in feedback.message


def test_unanswered_placeholder_and_wrong_types():
    assert toy.evaluate(...).status == "unanswered"
    assert toy.evaluate(None).status == "unanswered"
    assert "Replace ..." in toy.evaluate(...).message
    for bad in ("250", [250], True, float("nan")):
        assert toy.evaluate(bad).status == "invalid", bad


def test_whole_number_answers_do_not_leak_through_percentages():
    steps = NumericExercise("9.2", answer=lambda: 4.0, hint="Count.", show_distance=False,
                            rel_tol=0.0, abs_tol=0.01)
    message = steps.evaluate(3).message
    assert "not it" in message and "Hint: Count." in message
    assert "%" not in message and "too" not in message


def test_choice_explains_each_wrong_option():
    exercise = ChoiceExercise(
        "9.3", options={"a": "A", "b": "B", "c": "C"}, correct=frozenset({"b"}),
        explanations={"a": "Not a, because x.", "b": "Yes, because y.", "c": "Not c, because z."},
    )
    assert exercise.evaluate("b").correct
    assert exercise.evaluate(" B ").correct
    assert "because x" in exercise.evaluate("a").message
    assert "because z" in exercise.evaluate("c").message
    assert "because y" not in exercise.evaluate("a").message
    assert exercise.evaluate("e").status == "invalid"
    assert exercise.evaluate("a b").status == "invalid"  # one answer only


def test_choice_select_all():
    exercise = ChoiceExercise(
        "9.4", options={"a": "A", "b": "B", "c": "C"}, correct=frozenset({"a", "c"}),
        explanations={"a": "a is in.", "b": "b is out.", "c": "c is in."}, select_all=True,
    )
    assert exercise.evaluate(["a", "c"]).correct
    assert exercise.evaluate("a, c").correct
    partial = exercise.evaluate("a")
    assert partial.status == "incorrect" and "1 correct option(s) still missing" in partial.message


def test_choice_needs_an_explanation_per_option():
    with pytest.raises(ValueError, match="every option needs an explanation"):
        ChoiceExercise("9.5", options={"a": "A", "b": "B"}, correct=frozenset({"a"}),
                       explanations={"a": "only a"})


def test_matching_names_each_misplaced_item():
    exercise = MatchingExercise(
        "9.6", categories=("financial", "social", "structural"),
        solution={"points card": "financial", "members' night": "social", "shared IT": "structural"},
        explanations={"points card": "a price incentive", "members' night": "a social bond",
                      "shared IT": "ties the systems together"},
    )
    right = {"points card": "financial", "members' night": "Social", "shared IT": "structural"}
    assert exercise.evaluate(right).correct
    wrong = exercise.evaluate(right | {"shared IT": "social"})
    assert wrong.status == "incorrect"
    assert "2 of 3 right" in wrong.message and "ties the systems together" in wrong.message
    assert "a price incentive" not in wrong.message
    assert exercise.evaluate({"points card": "financial"}).status == "invalid"
    assert exercise.evaluate(right | {"shared IT": "legal"}).status == "invalid"
    assert exercise.evaluate("financial").status == "invalid"
    assert exercise.evaluate(dict.fromkeys(right, ...)).status == "unanswered"
    half = right | {"shared IT": ...}
    assert "1 item(s) still have ..." in exercise.evaluate(half).message


def test_feedback_renders_as_escaped_html_and_text():
    feedback = ChoiceExercise("9.7", options={"a": "A"}, correct=frozenset({"a"}),
                              explanations={"a": "<b>bold</b> claim"}).evaluate("a")
    assert "&lt;b&gt;" in feedback._repr_html_()
    assert str(feedback).startswith("✅ Exercise 9.7:")
    assert bool(feedback) is True


def test_unknown_exercise_lists_the_known_ones():
    with pytest.raises(KeyError, match=r"no exercise '99.9'; the workbook has .*3\.1"):
        get_exercise("99.9")
    numbers = list_exercises()
    assert numbers[0] == "0.1"
    assert numbers == sorted(numbers, key=lambda k: tuple(map(int, k.split("."))))


# --- every exercise in the workbook -------------------------------------------------------

@pytest.mark.parametrize("exercise", NUMERIC, ids=lambda e: e.exercise_id)
def test_every_numeric_exercise_accepts_its_answer_and_hides_it(exercise):
    answer = float(exercise.answer())
    assert check(exercise.exercise_id, answer).correct
    assert check(exercise.exercise_id, ...).status == "unanswered"
    wrong = check(exercise.exercise_id, answer * 1.3 + 1)
    assert wrong.status == "incorrect"
    for shown in (f"{answer:.2f}", f"{answer:,.2f}", f"{answer:.1f}"):
        assert shown not in wrong.message


@pytest.mark.parametrize("exercise", NUMERIC, ids=lambda e: e.exercise_id)
def test_every_known_mistake_is_distinct_from_the_answer(exercise):
    answer = float(exercise.answer())
    for mistake in exercise.mistakes:
        value = float(mistake.value())
        assert not exercise._close(value, answer), (exercise.exercise_id, value)
        feedback = check(exercise.exercise_id, value)
        assert feedback.status == "incorrect"
        assert mistake.feedback in feedback.message


@pytest.mark.parametrize("exercise", CHOICE, ids=lambda e: e.exercise_id)
def test_every_choice_exercise_has_one_right_path(exercise):
    for key in exercise.options:
        feedback = check(exercise.exercise_id, key)
        assert feedback.correct == ({key} == set(exercise.correct))
        if key not in exercise.correct or not exercise.select_all:
            assert exercise.explanations[key] in feedback.message
    if exercise.select_all:  # the right path is every correct option together
        whole = check(exercise.exercise_id, sorted(exercise.correct))
        assert whole.correct
        assert all(exercise.explanations[k] in whole.message for k in exercise.correct)


def test_exercise_3_4_option_matches_the_formula():
    from relmark_helpers import retention_uplift

    exercise = get_exercise("3.4")
    (right,) = exercise.correct
    stated = float(re.search(r"\+(\d+(?:\.\d+)?) %", exercise.options[right]).group(1)) / 100
    assert abs(retention_uplift(0.80, 0.10) - stated) <= 0.006


def test_numeric_answers_match_hand_worked_values():
    # 3.1: 240 * 0.75 / (1.08 - 0.75)
    assert get_exercise("3.1").answer() == pytest.approx(545.4545, abs=1e-4)
    # 3.2: 240 * (0.75/1.08 + 0.75**2/1.08**2 + 0.75**3/1.08**3) = 166.667 + 115.741 + 80.376
    assert get_exercise("3.2").answer() == pytest.approx(362.783, abs=1e-3)
    # 3.3: cumulative 166.7, 282.4, 362.8, 418.6 -> first reaches 400 in year 4
    assert get_exercise("3.3").answer() == 4
    # 0.1: 1 / (1 - 0.8)
    assert get_exercise("0.1").answer() == pytest.approx(5.0)
