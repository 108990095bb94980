"""A typed score is read exactly as meant, or refused whole with the precise reason: never cut or rounded."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app import rubric
from reviewer_app.review.score_entry import normalise, read_score

TEN = rubric.Criterion("c10", "技术路线", "", maximum=10, step=1, fields=("technical",))
SEVEN_HALF = rubric.Criterion("c7", "团队", "", maximum=7, step=0.5, fields=("technical",))
TWENTY = rubric.Criterion("c20", "成果", "", maximum=20, step=0.5, fields=("technical",))

MAXIMUM = "The maximum is {maximum} points."
STEP = "Scores go in steps of {step} points."
NUMBER = "Enter a number, e.g. {example}."
COMMA = "Use a point for decimals, e.g. 6.5 (a comma is not accepted)."


@pytest.mark.parametrize(("criterion", "text", "value"), [
    (TEN, "7", 7.0), (TEN, " 7 ", 7.0), (TEN, "\u30007\u3000", 7.0), (TEN, "7分", 7.0), (TEN, "7 分", 7.0),
    (TEN, "10", 10.0), (TEN, "0", 0.0), (TEN, "7.", 7.0), (TEN, "7.00", 7.0), (TEN, "", None), (TEN, "   ", None),
    (TWENTY, "１２", 12.0), (TWENTY, "１２．５", 12.5), (SEVEN_HALF, "6。5", 6.5), (SEVEN_HALF, ".5", 0.5),
    (SEVEN_HALF, "6.50", 6.5), (SEVEN_HALF, "７分", 7.0),
])
def test_what_a_person_means_is_read_exactly(criterion, text, value) -> None:
    reading = read_score(criterion, text)
    assert reading.accepted and reading.value == value


@pytest.mark.parametrize(("criterion", "text", "template", "shown"), [
    (TEN, "12", MAXIMUM, "10"),  # was: "2" refused keystroke, 1 saved
    (SEVEN_HALF, "65", MAXIMUM, "7"),  # was: 6 saved
    (SEVEN_HALF, "6.3", STEP, "0.5"),  # was: vanished on Alt+Down
    (TEN, "7.5", STEP, "1"),
    (SEVEN_HALF, "6,5", COMMA, ""), (SEVEN_HALF, "6，5", COMMA, ""), (TEN, "1,000", COMMA, ""),
    (TEN, "abc", NUMBER, "10"), (TEN, "-1", NUMBER, "10"), (TEN, "+7", NUMBER, "10"), (TEN, "1e1", NUMBER, "10"),
    (TEN, "inf", NUMBER, "10"), (TEN, "nan", NUMBER, "10"), (TEN, "7 8", NUMBER, "10"), (TEN, "1/2", NUMBER, "10"),
    (TEN, "七", NUMBER, "10"), (TEN, ".", NUMBER, "10"), (TEN, "分", NUMBER, "10"), (TEN, "0000000000007", NUMBER, "10"),
])
def test_refusals_name_the_precise_reason(criterion, text, template, shown) -> None:
    reading = read_score(criterion, text)
    assert not reading.accepted and reading.value is None
    assert reading.refusal is not None and reading.refusal.template == template
    assert shown in reading.refusal.message()


TYPED = st.text(alphabet=st.sampled_from(list("0123456789０１２３４５６７８９.。．,， \u3000分-+e七a")), max_size=8)


@settings(max_examples=600, deadline=None)
@given(text=st.one_of(TYPED, st.text(max_size=8)), criterion=st.sampled_from([TEN, SEVEN_HALF, TWENTY]))
def test_an_accepted_text_means_exactly_its_number_and_nothing_else_is_accepted(text, criterion) -> None:
    reading = read_score(criterion, text)
    folded = normalise(text)
    if not reading.accepted:
        assert reading.value is None
        return
    if not folded:
        assert reading.value is None
        return
    exact = Decimal(folded)  # the very digits typed, not a prefix of them
    assert Decimal(str(reading.value)) == exact
    assert rubric.score_is_valid(criterion, reading.value)
    assert folded.replace(".", "").isdigit() and folded.isascii()
