"""passphrase.py: what is refused, what is accepted, and why."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reviewer_app import passphrase as pp
from reviewer_app.errors import UserFacingError


@pytest.mark.parametrize(
    ("candidate", "problem"),
    [
        ("", pp.EMPTY),
        ("    ", pp.EMPTY),
        ("Ab1!xyz", pp.TOO_SHORT),
        ("红色狐狸跳了7次", pp.TOO_SHORT),  # 8 characters, Chinese characters count one each
        ("password", pp.COMMON),
        ("Password123!", pp.COMMON),
        ("P@ssw0rd2024", pp.COMMON),
        ("woaini1314", pp.COMMON),
        ("1qaz2wsx", pp.COMMON),
        ("qwertyuiop", pp.COMMON),
        ("ｐａｓｓｗｏｒｄ１２３", pp.COMMON),  # full-width, as a Chinese input method types it
        ("abcdefghijklmno", pp.PATTERN),
        ("aaaaaaaaaaaaaaaa", pp.PATTERN),
        ("Aa1!Aa1!Aa1!", pp.PATTERN),
        ("Zxcvbnm,./1234", pp.PATTERN),
        ("9876543210Ab", pp.PATTERN),
        ("2024-2024-2024", pp.PATTERN),
        ("horsebatteryst", pp.ONE_KIND),
        ("83920174659182", pp.ONE_KIND),
        ("我的密码很安全也很长啊", pp.ONE_KIND),
    ],
)
def test_refused(candidate: str, problem: str) -> None:
    assessment = pp.assess(candidate)
    assert problem in assessment.problems
    assert not assessment.acceptable
    assert assessment.score <= 2


@pytest.mark.parametrize(
    "candidate",
    [
        "Tr0ub4dor&3x",
        "correct horse battery staple",
        "red-fox jumps 7 times",
        "j7#Kq9$mWx",
        "我的密码很安全也很长啊7",
        "红色狐狸跳了7次!abc",
        "horsebatterystapleglue",  # one kind of character, but 22 of them
        "Seal-the-bundles 2025!",
    ],
)
def test_accepted(candidate: str) -> None:
    assessment = pp.assess(candidate)
    assert assessment.problems == []
    assert assessment.acceptable and assessment.score >= 3
    pp.require_acceptable(candidate)


@pytest.mark.parametrize(
    ("candidate", "words"),
    [
        ("Zhangwei#2024x", ("Zhang Wei",)),
        ("张伟的安全密码9号!", ("张伟",)),
        ("x13927415863!Q", ("+86 139-2741-5863",)),
        ("My2741586#zkq", ("13927415863",)),
        ("Wei.Zhang#7781k", ("张伟", "", "wei.zhang@example.cn")),
    ],
)
def test_personal_information_is_refused(candidate: str, words: tuple[str, ...]) -> None:
    assert pp.PERSONAL in pp.assess(candidate, personal_words=words).problems
    assert pp.assess(candidate).acceptable  # the same text is fine for someone else


def test_short_latin_names_do_not_refuse_everything() -> None:
    assert pp.assess("Li went 7 km north!", personal_words=("Li",)).acceptable


def test_strength_grows_with_length() -> None:
    scores = [pp.assess(text).score for text in ("k7#Q", "k7#Qm2", "k7#Qm2$v", "k7#Qm2$vX9", "k7#Qm2$vX9!rT4Lp")]
    assert scores == sorted(scores) and scores[0] == 0 and scores[-1] == 4


def test_weak_passphrase_error_carries_every_problem() -> None:
    with pytest.raises(pp.WeakPassphrase) as info:
        pp.require_acceptable("张伟1", personal_words=("张伟",))
    assert isinstance(info.value, UserFacingError)
    assert str(info.value) == info.value.assessment.problems[0]
    assert {pp.PERSONAL, pp.TOO_SHORT} <= set(info.value.assessment.problems)


def test_problems_are_plain_sentences() -> None:
    for template in (pp.EMPTY, pp.TOO_SHORT, pp.ONE_KIND, pp.COMMON, pp.PERSONAL, pp.PATTERN):
        assert template[0].isupper() and template.endswith(".") and "{" not in template


def test_common_list_size() -> None:
    assert 200 <= len(pp.COMMON_PASSWORDS) <= 300


@settings(max_examples=500)
@given(candidate=st.text(max_size=60), words=st.lists(st.text(max_size=20), max_size=3))
@example(candidate="001002¼0", words=[])
@example(candidate="İİİİİİİİİİx1", words=["İ"])
def test_never_crashes(candidate: str, words: list[str]) -> None:
    assessment = pp.assess(candidate, personal_words=words)
    assert 0 <= assessment.score <= 4
    assert assessment.acceptable == (assessment.problems == [])
    if assessment.acceptable:
        assert len(candidate) >= pp.MIN_LENGTH and assessment.score >= 3
