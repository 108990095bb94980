"""What the bureau acts on, beyond the statistics of `aggregate.py` (docs/verify.md "For the bureau").

- per application: pass or fail against the pass line (及格线) on the rubric's scale; the
  panel's conclusion and veto rulings (from a group opinion when one is given, else the
  members' recommendations and raised vetoes, marked as not yet ruled); inspection
  discrepancies; returned, recused and missing members of the sealed panel and whether the
  quorum was met;
- per expert: leniency, the mean deviation of the expert's scores from the rest of the panel on
  the same criterion, as a share of the criterion's maximum, standardised (z) across experts;
- agreement between raters: ICC(2,1) (two-way random effects, absolute agreement, single
  rater; Shrout & Fleiss 1979), per criterion over the applications and overall over the
  applications' scaled totals, on the experts who scored every application;
- raters short: criteria scored by fewer members than the rubric's `min_raters` (at least one),
  when members returned nothing or recused: the application's score rests on too few raters;
- the proposed list for the 公示: applications that pass, are not vetoed, met the quorum and
  have no criterion short of raters, by score as shown (two decimals); equal scores share a rank
  and are listed by application id;
- applications sealed for this review (same review title and session date in ORG/sealed/) from
  which no package at all came back: listed, so that a silence is never mistaken for an absence;
- the index: every package counted or listed, with the SHA-256 of its file;
- for a periodic evaluation (the bundle's `[evaluation]`): each center's grade by the bands, and
  the flag 连续两次不合格 against earlier results (reviewer_app/org/evaluation.py).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from reviewer_app.org.aggregate import BOLD, CSV_COLUMNS, ApplicationResult, SheetRows, shown
from reviewer_app.org.evaluation import Assessment, EarlierResult, assess

NOT_RULED = "未经专家组裁定（依据各专家意见）"
UNRETURNED = "未收到评分包"
NOT_SCORED = "无有效评分"
PASS_COLUMNS = ("pass_line", "pass_result")  # results.csv, when aggregated for the bureau
EVALUATION_COLUMNS = ("evaluation_kind", "evaluation_period", "grade", "evaluation_flag")  # periodic evaluation
DEFAULT_QUORUM = 2 / 3  # 到会（提交）专家不少于应到人数的三分之二


@dataclass(frozen=True)
class PanelSeat:
    name: str
    field: str
    fingerprint: str


@dataclass(frozen=True)
class Attendance:
    panel: int
    returned: tuple[str, ...]  # scored
    recused: tuple[str, ...]
    missing: tuple[str, ...]  # sealed for, nothing returned
    quorum_needed: int

    @property
    def quorum_met(self) -> bool:
        return len(self.returned) >= self.quorum_needed


@dataclass(frozen=True)
class Discrepancy:
    expert: str
    item: str
    result: str
    observed: str
    note: str


@dataclass(frozen=True)
class Ruling:
    """The panel's conclusion on one application: from its group opinion, or not yet ruled."""

    ruled: bool
    conclusion: str
    vetoes: tuple[str, ...]  # veto items upheld (ruled) or raised (not ruled)
    source: str  # the group opinion's file, or NOT_RULED


@dataclass(frozen=True)
class Shortfall:
    """A criterion scored by fewer members than the rubric asks (`min_raters`, at least one)."""

    criterion: str
    title: str
    scored: int
    needed: int

    def describe(self) -> str:
        return f"{self.criterion} {self.title}（{self.scored} 人评分，至少 {self.needed} 人）"


@dataclass(frozen=True)
class Unreturned:
    """An application sealed for this review from which no package came back."""

    application_id: str
    title: str
    applicant: str
    bundle_id: str
    panel: tuple[str, ...]  # every member: all missing


@dataclass
class BureauResult:
    application: ApplicationResult
    pass_line: float | None
    attendance: Attendance | None
    ruling: Ruling
    discrepancies: list[Discrepancy] = field(default_factory=list)
    assessment: Assessment | None = None  # periodic evaluation: grade and flag
    shortfalls: tuple[Shortfall, ...] = ()

    @property
    def passed(self) -> bool | None:
        if self.pass_line is None or not self.application.experts:
            return None
        return shown(self.application.scaled_score) + 1e-9 >= self.pass_line  # as the report shows it: 59.996 reads 60.00 and passes 60

    @property
    def verdict(self) -> str:
        if self.ruling.vetoes:
            return "否决"
        if not self.application.experts:
            return NOT_SCORED  # every member who answered recused: a 0 would read as a score
        if self.passed is None:
            return "—"
        return "达到及格线" if self.passed else "未达及格线"

    @property
    def proposed(self) -> bool:
        return bool(self.passed) and not self.ruling.vetoes and (self.attendance is None or self.attendance.quorum_met) and not self.shortfalls


@dataclass(frozen=True)
class Leniency:
    expert: str
    field: str
    scores: int
    mean_deviation: float  # share of the maximum, + = more lenient than the rest of the panel
    z: float | None


@dataclass(frozen=True)
class Agreement:
    what: str  # criterion id or "TOTAL"
    title: str
    targets: int
    raters: int
    icc: float | None


@dataclass(frozen=True)
class IndexEntry:
    application_id: str
    expert: str  # the member; 专家组 for a group opinion
    revision: int | None  # None for a group opinion
    kind: str  # 计入 / 回避 / 已被修订替代 / 重复 / 冲突 / 专家组意见
    file: str
    sha256: str


# --- attendance and rulings ----------------------------------------------------------------


def attendance(result: ApplicationResult, panel: Sequence[PanelSeat], quorum: float = DEFAULT_QUORUM) -> Attendance:
    returned = {e.fingerprint for e in result.experts}
    recused_names = {x.expert for x in result.recused}
    names = [seat.name for seat in panel]
    return Attendance(
        panel=len(panel),
        returned=tuple(e.name for e in result.experts),
        recused=tuple(x.expert for x in result.recused),
        missing=tuple(seat.name for seat in panel if seat.fingerprint not in returned and seat.name not in recused_names),
        quorum_needed=quorum_needed(len(names), quorum),
    )


def quorum_needed(panel: int, quorum: float) -> int:
    """How many members must have scored: the share `quorum` of the panel, rounded up."""
    return math.ceil(quorum * panel - 1e-9)


def unruled(result: ApplicationResult) -> Ruling:
    """The members' recommendations and raised vetoes, clearly not a ruling of the panel."""
    counts = "；".join(f"{title} {count} 人" for title, count in result.recommendations if count) or "—"
    raised = tuple(f"{v.id} {v.title}（{'、'.join(name for name, _ in v.raised_by)} 提出）" for v in result.vetoes if v.raised_by)
    return Ruling(False, counts, raised, NOT_RULED)


def confirmed_vetoes(opinion: Mapping[str, object]) -> tuple[str, ...]:
    """The ids of the veto items a verified group opinion confirmed (what ranks the application last)."""
    return tuple(str(v["id"]) for v in opinion.get("vetoes", ()) if v.get("ruling") == "confirmed")  # type: ignore[union-attr,index]


def ruling_from_opinion(opinion: Mapping[str, object], file: str) -> Ruling:
    """The panel's conclusion and the vetoes it upheld, from a verified group opinion's opinion.json."""
    upheld = tuple(f"{v['id']} {v['title']}（专家组确认）" for v in opinion.get("vetoes", ()) if v.get("ruling") == "confirmed")  # type: ignore[union-attr,index]
    dismissed = [f"{v['id']} 不予采纳：{v.get('reason', '')}" for v in opinion.get("vetoes", ()) if v.get("ruling") == "dismissed"]  # type: ignore[union-attr,index]
    conclusion = str(opinion["conclusion"]["title"])  # type: ignore[index]
    if dismissed:
        conclusion += "\n否决项裁定：" + "；".join(dismissed)
    return Ruling(True, conclusion, upheld, file)


def discrepancies(result: ApplicationResult, documents: Sequence[object]) -> list[Discrepancy]:
    """Checklist items an inspector marked as differing from the application's claims."""
    found = []
    for doc in documents:
        if doc.inspection is None:  # type: ignore[attr-defined]
            continue
        for item in doc.inspection.items:  # type: ignore[attr-defined]
            if item.discrepancy:
                found.append(Discrepancy(doc.expert.name, item.title, item.result or "", item.observed, item.note))  # type: ignore[attr-defined]
    return found


def shortfalls(result: ApplicationResult, min_raters: Mapping[str, int]) -> tuple[Shortfall, ...]:
    """The criteria of `result` scored by fewer than `min_raters[criterion id]` (at least one) members."""
    needed = {c.id: max(1, min_raters.get(c.id, 1)) for c in result.criteria}
    return tuple(Shortfall(c.id, c.title, c.stats.n, needed[c.id]) for c in result.criteria if c.stats.n < needed[c.id])


# --- leniency --------------------------------------------------------------------------------


def leniency(results: Sequence[ApplicationResult]) -> list[Leniency]:
    """Per expert: mean of (score − mean of the other raters of that criterion) / maximum."""
    deviations: dict[str, list[float]] = defaultdict(list)
    fields: dict[str, tuple[str, str]] = {}
    for result in results:
        for criterion in result.criteria:
            if len(criterion.scores) < 2 or not criterion.maximum:
                continue
            total = math.fsum(s.value for s in criterion.scores)
            for score in criterion.scores:
                others = (total - score.value) / (len(criterion.scores) - 1)
                deviations[score.fingerprint].append((score.value - others) / criterion.maximum)
                fields[score.fingerprint] = (score.expert, score.field)
    means = {fp: math.fsum(values) / len(values) for fp, values in deviations.items()}
    spread = statistics.stdev(means.values()) if len(means) >= 2 else 0.0
    centre = statistics.fmean(means.values()) if means else 0.0
    rows = [Leniency(fields[fp][0], fields[fp][1], len(deviations[fp]), mean, (mean - centre) / spread if spread > 1e-12 else None) for fp, mean in means.items()]
    return sorted(rows, key=lambda r: -r.mean_deviation)


# --- agreement -------------------------------------------------------------------------------


def icc_2_1(matrix: Sequence[Sequence[float]]) -> float | None:
    """ICC(2,1) of an n targets × k raters matrix without gaps (Shrout & Fleiss 1979, case 2):

        (BMS − EMS) / (BMS + (k − 1)·EMS + k·(JMS − EMS)/n)

    BMS: between-targets mean square, JMS: between-raters mean square, EMS: residual mean
    square of the two-way ANOVA. None when n < 2 or k < 2 or the denominator is 0."""
    n = len(matrix)
    k = len(matrix[0]) if n else 0
    if n < 2 or k < 2 or any(len(row) != k for row in matrix):
        return None
    grand = math.fsum(v for row in matrix for v in row) / (n * k)
    row_means = [math.fsum(row) / k for row in matrix]
    col_means = [math.fsum(row[j] for row in matrix) / n for j in range(k)]
    ss_rows = k * math.fsum((m - grand) ** 2 for m in row_means)
    ss_cols = n * math.fsum((m - grand) ** 2 for m in col_means)
    ss_total = math.fsum((v - grand) ** 2 for row in matrix for v in row)
    ss_error = ss_total - ss_rows - ss_cols
    bms, jms, ems = ss_rows / (n - 1), ss_cols / (k - 1), ss_error / ((n - 1) * (k - 1))
    denominator = bms + (k - 1) * ems + k * (jms - ems) / n
    return None if abs(denominator) < 1e-12 else (bms - ems) / denominator


def _complete(rows: Mapping[str, Mapping[str, float]]) -> list[list[float]]:
    """The targets × raters matrix over the raters who rated every target."""
    if not rows:
        return []
    raters = set.intersection(*(set(r) for r in rows.values()))
    order = sorted(raters)
    return [[rows[target][rater] for rater in order] for target in sorted(rows)]


def agreement(results: Sequence[ApplicationResult]) -> list[Agreement]:
    found = []
    titles: dict[str, str] = {}
    per_criterion: dict[str, dict[str, dict[str, float]]] = defaultdict(dict)
    for result in results:
        for criterion in result.criteria:
            titles.setdefault(criterion.id, criterion.title)
            per_criterion[criterion.id][result.bundle_id] = {s.fingerprint: s.value for s in criterion.scores}
    for cid, rows in per_criterion.items():
        matrix = _complete(rows)
        found.append(Agreement(cid, titles[cid], len(matrix), len(matrix[0]) if matrix else 0, icc_2_1(matrix)))
    totals = {r.bundle_id: {e.fingerprint: e.scaled_total for e in r.experts} for r in results}
    matrix = _complete(totals)
    found.append(Agreement("TOTAL", "折合总分", len(matrix), len(matrix[0]) if matrix else 0, icc_2_1(matrix)))
    return found


# --- putting it together ---------------------------------------------------------------------


def bureau_results(
    results: Sequence[ApplicationResult],
    *,
    pass_line: float | None,
    panels: Mapping[str, Sequence[PanelSeat]] | None = None,
    documents: Mapping[str, Sequence[object]] | None = None,
    rulings: Mapping[str, Ruling] | None = None,
    quorum: float = DEFAULT_QUORUM,
    evaluations: Mapping[str, object] | None = None,
    earlier: Sequence[EarlierResult] = (),
    min_raters: Mapping[str, Mapping[str, int]] | None = None,
) -> list[BureauResult]:
    """`panels`, `documents` (counted ScoreDocuments), `rulings` (from group opinions — the
    hook for reviewer_app.panel), `evaluations` (rubric.Evaluation of the bundle) and
    `min_raters` (criterion id -> the rubric's min_raters) are keyed by bundle id."""
    out = []
    for result in results:
        panel = (panels or {}).get(result.bundle_id)
        evaluation = (evaluations or {}).get(result.bundle_id)
        out.append(BureauResult(
            application=result,
            pass_line=pass_line,
            attendance=attendance(result, panel, quorum) if panel is not None else None,
            ruling=(rulings or {}).get(result.bundle_id) or unruled(result),
            discrepancies=discrepancies(result, (documents or {}).get(result.bundle_id, ())),
            assessment=assess(result.scaled_score, result.applicant, evaluation, earlier) if evaluation is not None else None,  # type: ignore[arg-type]
            shortfalls=shortfalls(result, (min_raters or {}).get(result.bundle_id, {})),
        ))
    return out


def proposed_list(rows: Sequence[BureauResult]) -> list[BureauResult]:
    """The 公示 list: passing, no veto upheld, quorum met, no criterion short of raters; by score
    (a veto the panel dismissed no longer puts the application last), equal scores by application id."""
    return sorted((r for r in rows if r.proposed), key=lambda r: (-shown(r.application.scaled_score), r.application.application_id))


@dataclass
class BureauReport:
    rows: list[BureauResult]
    leniency: list[Leniency]
    agreement: list[Agreement]
    index: list[IndexEntry]
    pass_line: float | None
    quorum: float = DEFAULT_QUORUM
    earlier_files: tuple[str, ...] = ()
    unreturned: list[Unreturned] = field(default_factory=list)
    _by_bundle: dict[str, BureauResult] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def evaluated(self) -> list[BureauResult]:
        return [r for r in self.rows if r.assessment is not None]

    def csv_columns(self) -> list[str]:
        """The columns results.csv gains for the bureau (and, for an evaluation, the grade)."""
        return [*PASS_COLUMNS, *(EVALUATION_COLUMNS if self.evaluated else ())]

    def row_for(self, bundle_id: str) -> BureauResult | None:
        if len(self._by_bundle) != len(self.rows):  # a dict, not a scan per application: results.csv asks once per application
            self._by_bundle = {r.application.bundle_id: r for r in reversed(self.rows)}
        return self._by_bundle.get(bundle_id)

    def proposed(self) -> list[BureauResult]:
        return proposed_list(self.rows)

    def csv_unreturned_rows(self, width: int) -> list[list[str]]:
        """results.csv: one `unreturned` row per application sealed for this review without any package."""
        rows = []
        for u in self.unreturned:
            row = ["", u.application_id, u.title, u.applicant, u.bundle_id, "unreturned", "", UNRETURNED]
            row += [""] * (width - len(row))
            if self.pass_line is not None:
                row[len(CSV_COLUMNS)] = f"{self.pass_line:g}"
                row[len(CSV_COLUMNS) + 1] = UNRETURNED
            rows.append(row)
        return rows

    def csv_cells(self, bundle_id: str) -> list[str]:
        """The pass-line columns of results.csv for one application."""
        row = self.row_for(bundle_id)
        cells = ["", ""] if row is None or self.pass_line is None else [f"{self.pass_line:g}", row.verdict]
        if self.evaluated:
            a = row.assessment if row is not None else None
            cells += [a.kind, a.period, a.grade, a.flag] if a is not None else ["", "", "", ""]
        return cells

    def sheets(self) -> Iterator[SheetRows]:
        """The bureau's sheets of results.xlsx, one at a time (aggregate.write_xlsx streams them)."""

        def sheet(title: str, header: list[str]) -> SheetRows:
            return SheetRows(title, header, BOLD, freeze=False)

        ws = sheet("评审结论", ["排名", "项目编号", "申报项目", "综合得分", "及格线", "结果", "专家组结论", "否决项", "是否裁定", "应到", "有效", "回避", "未提交", "法定人数",
                            "现场核查差异", "评分人数不足"])
        for r in self.rows:
            a = r.attendance
            ws.append([
                r.application.rank, r.application.application_id, r.application.title, round(r.application.scaled_score, 4),
                self.pass_line, r.verdict, r.ruling.conclusion, "；".join(r.ruling.vetoes), "是" if r.ruling.ruled else NOT_RULED,
                a.panel if a else None, len(a.returned) if a else None, len(a.recused) if a else None, "、".join(a.missing) if a else None,
                ("达到" if a.quorum_met else "未达到") + f"（需 {a.quorum_needed} 人）" if a else None, len(r.discrepancies),
                "；".join(x.describe() for x in r.shortfalls) or None,
            ])
        for u in self.unreturned:
            ws.append([None, u.application_id, u.title, None, self.pass_line, UNRETURNED, None, None, None, len(u.panel), 0, 0, "、".join(u.panel),
                       f"未达到（需 {quorum_needed(len(u.panel), self.quorum)} 人）", None, None])
        yield ws
        ws = sheet("公示名单", ["序号", "排名", "项目编号", "申报项目", "申报单位", "综合得分"])
        for number, r in enumerate(self.proposed(), 1):
            ws.append([number, r.application.rank, r.application.application_id, r.application.title, r.application.applicant, round(r.application.scaled_score, 4)])
        yield ws
        ws = sheet("专家宽严度", ["专家", "领域", "评分数", "平均偏差（占满分）", "标准化 z"])
        for x in self.leniency:
            ws.append([x.expert, x.field, x.scores, round(x.mean_deviation, 4), None if x.z is None else round(x.z, 3)])
        yield ws
        ws = sheet("评分一致性", ["指标", "名称", "项目数", "专家数", "ICC(2,1)"])
        for g in self.agreement:
            ws.append([g.what, g.title, g.targets, g.raters, None if g.icc is None else round(g.icc, 3)])
        yield ws
        if self.evaluated:
            ws = sheet("评估等级", ["项目编号", "申报单位", "评估类型", "评估期", "综合得分", "等级", "上次评估", "上次等级", "标记"])
            for r in self.evaluated:
                a = r.assessment
                ws.append([r.application.application_id, r.application.applicant, a.kind, a.period, round(r.application.scaled_score, 4), a.grade,  # type: ignore[union-attr]
                           a.previous.period if a.previous else None, a.previous.grade if a.previous else None, a.flag or None])  # type: ignore[union-attr]
            yield ws
        ws = sheet("证据索引", ["项目编号", "专家", "版本", "类别", "文件", "SHA-256"])
        for i in self.index:
            ws.append([i.application_id, i.expert, i.revision, i.kind, i.file, i.sha256])
        yield ws


def build_report(
    results: Sequence[ApplicationResult],
    *,
    pass_line: float | None,
    panels: Mapping[str, Sequence[PanelSeat]] | None = None,
    documents: Mapping[str, Sequence[object]] | None = None,
    file_hashes: Mapping[str, str] | None = None,
    rulings: Mapping[str, Ruling] | None = None,
    quorum: float = DEFAULT_QUORUM,
    evaluations: Mapping[str, object] | None = None,
    earlier: Sequence[EarlierResult] = (),
    min_raters: Mapping[str, Mapping[str, int]] | None = None,
    unreturned: Sequence[Unreturned] = (),
    opinion_files: Mapping[str, tuple[str, str]] | None = None,
) -> BureauReport:
    """`file_hashes`: package file name -> SHA-256 of the file; `earlier`: results of earlier evaluations;
    `unreturned`: applications sealed for this review without any package; `opinion_files`: bundle id ->
    (file name, SHA-256) of its verified group opinion."""
    rows = bureau_results(results, pass_line=pass_line, panels=panels, documents=documents, rulings=rulings, quorum=quorum, evaluations=evaluations, earlier=earlier,
                          min_raters=min_raters)
    files = tuple(dict.fromkeys(e.source for e in earlier))
    return BureauReport(rows, leniency(results), agreement(results), package_index(results, file_hashes or {}, opinion_files or {}), pass_line, quorum, files, list(unreturned))


def package_index(results: Sequence[ApplicationResult], file_hashes: Mapping[str, str], opinion_files: Mapping[str, tuple[str, str]] | None = None) -> list[IndexEntry]:
    """Every package counted or listed, then the application's group opinion, each with the SHA-256 of its file."""
    index = []
    for r in results:
        for e in r.experts:
            index.append(IndexEntry(r.application_id, e.name, e.revision, "计入", e.source, file_hashes.get(e.source, "")))
        for kind, items in (("回避", r.recused), ("已被修订替代", r.superseded), ("重复", r.duplicates), ("冲突", r.conflicts)):
            for x in items:
                index.append(IndexEntry(r.application_id, x.expert, x.revision, kind, x.source, file_hashes.get(x.source, "")))
        if r.bundle_id in (opinion_files or {}):
            file, digest = opinion_files[r.bundle_id]  # type: ignore[index]
            index.append(IndexEntry(r.application_id, "专家组", None, "专家组意见", file, digest))
    return index
