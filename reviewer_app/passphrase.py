"""Passphrase strength rules, without a zxcvbn dependency.

A passphrase is acceptable when it has at least 10 characters (a Chinese character counts as
one), mixes kinds of characters unless it is long (20+), is not a common password, does not
contain the expert's own name, phone number or email, and still has 10 characters' worth of
substance after repeats ("aaaa", "abcabc"), sequences ("1234", "cba"), keyboard walks
("qwerty", "1qaz2wsx"), years and common words are each counted as a single character.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError

MIN_LENGTH = 10
LONG_ENOUGH_FOR_ONE_KIND = 20

EMPTY = QT_TRANSLATE_NOOP("Errors", "Enter a passphrase.")
TOO_SHORT = QT_TRANSLATE_NOOP("Errors", "Use at least 10 characters.")
ONE_KIND = QT_TRANSLATE_NOOP(
    "Errors", "Mix different kinds of characters, such as letters, digits and symbols, or use at least 20 characters."
)
COMMON = QT_TRANSLATE_NOOP("Errors", "This passphrase is too common. Choose one that others would not guess.")
PERSONAL = QT_TRANSLATE_NOOP("Errors", "Do not use your name, phone number or email address in the passphrase.")
PATTERN = QT_TRANSLATE_NOOP(
    "Errors", "Avoid repeated characters, sequences such as 1234 or abcd, and keyboard patterns such as qwerty."
)

# The most common passwords in public leak statistics (including Chinese sites), plus words
# that appear in them. Matched as whole passphrase and, from 4 characters up, as parts.
COMMON_PASSWORDS = frozenset(
    """
    123456 123456789 12345678 password 1234567890 qwerty 12345 1234567 111111 123123 abc123
    000000 1234 iloveyou password1 123321 654321 qwertyuiop 123456a a123456 666666 888888
    987654321 qwerty123 1q2w3e4r 1qaz2wsx zxcvbnm asdfghjkl qazwsx 7777777 112233 121212
    123qwe qwe123 aa123456 abcd1234 abc12345 admin admin123 administrator root toor guest
    welcome welcome1 letmein monkey dragon master sunshine princess football baseball shadow
    superman batman trustno1 starwars whatever freedom passw0rd p@ssw0rd password123
    password12 pass1234 pass123 secret michael jennifer jordan hunter ranger buster soccer
    hockey killer george charlie andrew thomas harley daniel computer internet samsung
    google apple iphone lovely loveme love123 iloveu 520520 5201314 1314520 woaini woaini1314
    woaini520 aini1314 wo123456 qq123456 qq5201314 zhang123 wang123 li123456 liu123456
    chen123456 taobao baidu tencent weixin wechat alibaba huawei xiaomi beijing shanghai
    guangzhou shenzhen zhongguo china123 chinese 147258369 147258 159357 159753 741852963
    789456123 456789 147852369 258369 369258 321321 135792468 1357924680 246810 13579
    a1b2c3 a1b2c3d4 1a2b3c4d q1w2e3r4 q1w2e3r4t5 zaq12wsx 1qazxsw2 qazwsxedc 1q2w3e
    asdasd asd123 asdf1234 zxc123 zxcvbn 100200 110110 119119 520131 ww123456 11111111
    00000000 88888888 66666666 12341234 123654 123654789 1234qwer qwer1234 abcdef
    abcdefg abcdefgh 12qwaszx 1qaz2wsx3edc qwertyui asdfgh zxcvbnm123 mima mima123
    mima1234 password! changeme default access login test test123 testing user user123
    hello hello123 helloworld summer winter spring autumn flower angel baby mother father
    family friend friends forever happy lucky money number1 qwerty1 naruto pokemon
    """.split()
)

KEYBOARD_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p")
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
MIN_WORD = 4
MIN_RUN = 3


@dataclass(frozen=True)
class Assessment:
    """score 0 (useless) to 4 (strong); problems are translatable templates, worst first."""

    score: int
    problems: list[str] = field(default_factory=list)

    @property
    def acceptable(self) -> bool:
        return not self.problems


class WeakPassphrase(UserFacingError):
    """The chosen passphrase is refused; `problems` holds every reason."""

    def __init__(self, assessment: Assessment) -> None:
        self.assessment = assessment
        super().__init__(assessment.problems[0])


def _character_kind(char: str) -> str:
    if char.isdigit():
        return "digit"
    if char.isspace():
        return "space"
    if char.isalpha():
        if char.islower():
            return "lower"
        if char.isupper():
            return "upper"
        return "other-letter"  # Chinese characters and other scripts without case
    return "symbol"


def _folded(text: str) -> str:
    """Full-width letters and digits (common with Chinese input methods) as ASCII, one for one,
    so that positions in the result are positions in `text`."""
    return "".join(folded if len(folded := unicodedata.normalize("NFKC", c)) == 1 else c for c in text)


def _spans_of_words(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for word in words:
        start = text.find(word)
        while start != -1:
            spans.append((start, start + len(word)))
            start = text.find(word, start + 1)
    return spans


def _keyboard_spans(text: str) -> list[tuple[int, int]]:
    walks = [row[i : i + MIN_WORD] for row in KEYBOARD_ROWS for i in range(len(row) - MIN_WORD + 1)]
    return _spans_of_words(text, walks + [walk[::-1] for walk in walks])


def _sequence_spans(text: str) -> list[tuple[int, int]]:
    """Runs like abc, 1234, 987: each character one code point after (or before) the last."""
    spans: list[tuple[int, int]] = []
    start, step = 0, 0
    for i in range(1, len(text)):
        diff = ord(text[i]) - ord(text[i - 1])
        if diff in (1, -1) and step in (0, diff):
            step = diff
            continue
        if i - start >= MIN_RUN:
            spans.append((start, i))
        start, step = (i - 1, diff) if diff in (1, -1) else (i, 0)
    if len(text) - start >= MIN_RUN:
        spans.append((start, len(text)))
    return spans


def _repeat_spans(text: str) -> list[tuple[int, int]]:
    """Same character three times or more, and any block repeated ("abab", "2024" * 3)."""
    spans = [m.span() for m in re.finditer(r"(.)\1{2,}", text)]
    # The first copy of a repeated block keeps its weight; the copies after it do not.
    spans += [(m.start() + len(m.group(1)), m.end()) for m in re.finditer(r"(.{2,}?)\1+", text)]
    return spans


def _personal_tokens(personal_words: Iterable[str]) -> list[str]:
    tokens: set[str] = set()
    for word in personal_words:
        word = _folded(unicodedata.normalize("NFC", word or "")).lower().strip()
        if not word:
            continue
        digits = re.sub(r"\D", "", word)
        if len(digits) >= 7:  # a phone number: any 6 digits of it in a row give it away
            tokens.update(digits[i : i + 6] for i in range(len(digits) - 5))
        if "@" in word:
            word = word.split("@", 1)[0]
        for part in re.split(r"[\s.,_\-+()]+", word) + [re.sub(r"[\s.,_\-+()]+", "", word)]:
            # Two Chinese characters are a whole given name; two Latin letters are not.
            shortest = 2 if any(_character_kind(c) == "other-letter" for c in part) else 3
            if len(part) >= shortest and not part.isdigit():
                tokens.add(part)
    return sorted(tokens)


def _covered(length: int, spans: Iterable[tuple[int, int]]) -> list[bool]:
    mask = [False] * length
    for start, end in spans:
        for i in range(start, end):
            mask[i] = True
    return mask


def _effective_length(mask: list[bool]) -> int:
    """Characters outside weak spans, plus one for each weak run (a pattern is one guess)."""
    runs = sum(1 for i, weak in enumerate(mask) if weak and (i == 0 or not mask[i - 1]))
    return mask.count(False) + runs


def _is_common(lowered: str) -> bool:
    core = lowered.strip("0123456789!@#$%^&*()-_=+.,;:?~ ")
    candidates = (lowered, lowered.translate(LEET), core, core.translate(LEET))
    return any(candidate in COMMON_PASSWORDS for candidate in candidates)


def _score(effective: int) -> int:
    for score, below in enumerate((6, 8, MIN_LENGTH, 14)):
        if effective < below:
            return score
    return 4


def assess(passphrase: str, *, personal_words: Iterable[str] = ()) -> Assessment:
    """How strong `passphrase` is, and what to fix. personal_words: name, phone, email…"""
    text = unicodedata.normalize("NFC", passphrase)  # what keys.py and identity.py encrypt with
    if not text.strip():
        return Assessment(0, [EMPTY])
    lowered = _folded(text).lower()
    if len(lowered) != len(text):  # a few letters change length when lowered (İ): match on text
        lowered = _folded(text)
    leet = lowered.translate(LEET)
    words = [word for word in COMMON_PASSWORDS if len(word) >= MIN_WORD]
    pattern_spans = (
        _spans_of_words(lowered, words)
        + _spans_of_words(leet, [w for w in words if not w.isdigit()])
        + _keyboard_spans(lowered)
        + _sequence_spans(lowered)
        + _repeat_spans(lowered)
        + [m.span() for m in re.finditer(r"(?:19|20)\d\d", lowered)]  # years are guessed first
    )
    personal_spans = _spans_of_words(lowered, _personal_tokens(personal_words))
    effective = _effective_length(_covered(len(text), pattern_spans + personal_spans))

    problems = []
    if _is_common(lowered):
        problems.append(COMMON)
    if personal_spans:
        problems.append(PERSONAL)
    if len(text) < MIN_LENGTH:
        problems.append(TOO_SHORT)
    elif effective < MIN_LENGTH:
        problems.append(PATTERN)
    if len({_character_kind(c) for c in text}) == 1 and len(text) < LONG_ENOUGH_FOR_ONE_KIND:
        problems.append(ONE_KIND)

    score = 0 if COMMON in problems else _score(effective)
    if problems:
        score = min(score, 2)
    return Assessment(score, problems)


def require_acceptable(passphrase: str, *, personal_words: Iterable[str] = ()) -> None:
    """Raise WeakPassphrase (first problem as the message) unless the passphrase is acceptable."""
    assessment = assess(passphrase, personal_words=personal_words)
    if not assessment.acceptable:
        raise WeakPassphrase(assessment)
