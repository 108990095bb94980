"""Reading a score exactly as the expert typed or pasted it, or refusing it with the precise reason.

Nothing is ever cut, rounded or guessed: the text either means one allowed score, or it is
refused whole and the saved score stays as it was.

Accepted, because a person means one number by them:
  * spaces around the number (also the full-width space of a Chinese input method);
  * full-width digits and point (１２．５), as a Chinese input method types them;
  * the Chinese full stop as the decimal point (6。5), which the same input method types for ".";
  * a trailing 分 ("7分", "7 分");
  * trailing zeros and a bare leading or trailing point (6.50, .5, 7.).
Refused, because the meaning is not certain or not a score:
  * a comma (6,5 is 6.5 in Europe and 65 to an accountant), also the full-width one;
  * signs, exponents, fractions, words, several numbers, inf/nan;
  * anything above the maximum, below zero or off the criterion's step.
An empty field means "no score yet" (the saved score is cleared).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from reviewer_app import rubric
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError

NUMBER = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)")
UNIT = "分"
MAX_DIGITS = 12  # a score never needs more; longer input is refused, not parsed


@dataclass(frozen=True)
class ScoreReading:
    """What a typed text means: a score (None: cleared), or a refusal with its reason."""

    text: str
    value: float | None = None
    refusal: UserFacingError | None = field(default=None, compare=False)

    @property
    def accepted(self) -> bool:
        return self.refusal is None


def normalise(text: str) -> str:
    """Full-width forms to ASCII, the Chinese full stop to a point, spaces and 分 removed."""
    folded = unicodedata.normalize("NFKC", text).replace("。", ".").strip()
    if folded.endswith(UNIT):
        folded = folded[: -len(UNIT)].strip()
    return folded


def read_score(criterion: rubric.Criterion, text: str) -> ScoreReading:
    """The score `text` stands for on `criterion`, or why it is refused."""
    folded = normalise(text)
    if not unicodedata.normalize("NFKC", text).strip():
        return ScoreReading(text, None)
    if "," in folded or "、" in folded:
        return _refuse(text, QT_TRANSLATE_NOOP("Errors", "Use a point for decimals, e.g. 6.5 (a comma is not accepted)."))
    if not folded or len(folded) > MAX_DIGITS or not NUMBER.fullmatch(folded):
        return _refuse(text, QT_TRANSLATE_NOOP("Errors", "Enter a number, e.g. {example}."),
                       example=rubric.format_score(criterion.maximum))
    try:
        exact = Decimal(folded)
    except InvalidOperation:  # the pattern above admits only plain decimals; kept as a guard
        return _refuse(text, QT_TRANSLATE_NOOP("Errors", "Enter a number, e.g. {example}."),
                       example=rubric.format_score(criterion.maximum))
    maximum = Decimal(str(criterion.maximum))
    if exact > maximum:
        return _refuse(text, QT_TRANSLATE_NOOP("Errors", "The maximum is {maximum} points."),
                       maximum=rubric.format_score(criterion.maximum))
    step = Decimal(str(criterion.step))
    if exact % step != 0:
        return _refuse(text, QT_TRANSLATE_NOOP("Errors", "Scores go in steps of {step} points."),
                       step=rubric.format_score(criterion.step))
    return ScoreReading(text, float(exact))


def _refuse(text: str, template: str, **params: object) -> ScoreReading:
    return ScoreReading(text, None, UserFacingError(template, **params))
