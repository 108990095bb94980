"""Periodic evaluation (年度评估 / 考核评估): each center's grade, and "two failed evaluations in a row".

The bundle's `[evaluation]` (review.toml, carried in the signed manifest) names the kind, the
period and the grade bands. `aggregate` grades each application's panel score (the score of the
stated method, rounded to two decimals as the report shows it) by those bands.

Earlier results (`aggregate … --earlier FILE`, repeatable) are CSV files: the results.csv an
earlier `aggregate` wrote (its `total` rows carry `applicant`, `evaluation_period` and `grade`),
or a simple file with the header `applicant,period,grade` (or 申报单位,评估期,等级), in UTF-8 or
in the GBK that Excel on a Chinese Windows writes. A center is
matched by its name (申报单位, spaces and brackets ignored), since its application id changes
from one period to the next. Only periods before this evaluation's count (compared as text, in one
width and without 年度/年: an earlier "2025年度" is this year's "2025", not an earlier one). When a center's grade
is the failing one and so was its latest earlier evaluation, it is flagged 连续两次不合格 with
both periods (the Guangxi rule: 考核评估连续两次不合格的，撤销认定).
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reviewer_app import rubric
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError
from reviewer_app.org.conflicts import normalised

MAX_EARLIER_BYTES = 16 << 20
APPLICANT_HEADERS = ("applicant", "申报单位")
PERIOD_HEADERS = ("evaluation_period", "period", "评估期")
GRADE_HEADERS = ("grade", "等级")
ID_HEADERS = ("application_id", "项目编号")
TWICE_FAILED = "连续两次{failing}"


@dataclass(frozen=True)
class EarlierResult:
    applicant: str
    period: str
    grade: str
    source: str  # file name


@dataclass(frozen=True)
class Assessment:
    kind: str
    period: str
    grade: str  # "" when the score falls outside every band (cannot happen for a valid bundle)
    failing: str
    previous: EarlierResult | None  # the center's latest earlier evaluation, if given
    flag: str  # e.g. 连续两次不合格（2024、2025）, else ""
    bands: str = ""  # 优秀 ≥ 90，良好 80–90 …

    @property
    def failed(self) -> bool:
        return self.grade == self.failing


def _column(header: Sequence[str], names: Sequence[str]) -> int | None:
    cleaned = [h.strip().lower() for h in header]
    return next((cleaned.index(name) for name in names if name in cleaned), None)


def read_earlier(path: Path) -> list[EarlierResult]:
    """Every earlier result in a CSV file (see the module's docstring); a refusal names the file and what is wrong."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_EARLIER_BYTES:
            raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "{file} is too large for a file of earlier results."), file=path.name)
        text = _decoded(path.read_bytes())
    except OSError as error:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The earlier results {file} cannot be read: {reason}."), file=str(path), reason=error.strerror or str(error)) from None
    except UnicodeDecodeError:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The earlier results {file} are neither UTF-8 nor GBK text; save the CSV as UTF-8."), file=path.name) from None
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "The earlier results {file} are empty."), file=path.name)
    header = rows[0]
    applicant, period, grade, kind = _column(header, APPLICANT_HEADERS), _column(header, PERIOD_HEADERS), _column(header, GRADE_HEADERS), _column(header, ("kind",))
    if applicant is None or period is None or grade is None:
        raise UserFacingError(
            QT_TRANSLATE_NOOP("Errors", "The earlier results {file} need the columns applicant, period and grade (申报单位, 评估期, 等级), or must be a results.csv written by aggregate for an evaluation."),
            file=path.name,
        )
    found = []
    for row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if kind is not None and (len(row) <= kind or row[kind] != "total"):
            continue  # results.csv: one total row per application
        if len(row) <= max(applicant, period, grade) or not row[applicant].strip() or not row[period].strip() or not row[grade].strip():
            continue  # an application of a review that was not an evaluation: nothing to compare
        found.append(EarlierResult(row[applicant].strip(), row[period].strip(), row[grade].strip(), path.name))
    return found


def _decoded(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else GBK: Excel on a Chinese Windows saves
    "CSV (逗号分隔)" in GBK (read as its superset GB18030)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def period_key(period: str) -> str:
    """A period as compared: one width, no spaces, without 年度/年 (2025, ２０２５年度 and "2025 年" are one period)."""
    key = "".join(unicodedata.normalize("NFKC", period).split())
    return key.removesuffix("年度").removesuffix("年")


def previous_result(applicant: str, period: str, earlier: Sequence[EarlierResult]) -> EarlierResult | None:
    """The center's latest evaluation before `period`."""
    mine = [e for e in earlier if normalised(e.applicant) == normalised(applicant) and period_key(e.period) < period_key(period)]
    return max(mine, key=lambda e: period_key(e.period)) if mine else None


def assess(score: float, applicant: str, evaluation: rubric.Evaluation, earlier: Sequence[EarlierResult] = ()) -> Assessment:
    grade = evaluation.grade_for(score)
    label = grade.label if grade is not None else ""
    previous = previous_result(applicant, evaluation.period, earlier)
    flag = ""
    if label == evaluation.failing and previous is not None and previous.grade == evaluation.failing:
        flag = f"{TWICE_FAILED.format(failing=evaluation.failing)}（{previous.period}、{evaluation.period}）"
    return Assessment(evaluation.kind, evaluation.period, label, evaluation.failing, previous, flag, evaluation.describe("，"))
