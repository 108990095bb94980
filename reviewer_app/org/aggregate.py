"""`reviewer-org aggregate`: a panel's verified packages -> per-application results.

Which packages count (per bundle and expert): the highest revision; earlier revisions are
listed as superseded; byte-identical copies (same score.json SHA-256) are listed as duplicates;
two different packages with the same revision number are a conflict, and that expert's
latest revision is then left out and reported (on standard output, in results.csv and the
report, and in the exit status). Sources are file names: no local path enters a report. An expert whose counted revision is a recusal
is listed as recused and counted nowhere.

Statistics (docs/verify.md "Aggregation" gives the same rules for the organization):
- per criterion, over the experts who scored it: n, mean, median, sample standard deviation
  (n − 1; 0 when n = 1), min, max; the trimmed mean drops the `trim` highest and `trim`
  lowest scores when n ≥ `trim_min` (default: 1 each when n ≥ 5); the value used is the
  trimmed mean when there is one, else the mean;
- an application's score is the sum of the used values of its criteria; when a criterion
  has no score at all the application is incomplete, and its score is shown on the rubric's
  scale (score / maximum of the scored criteria × rubric total);
- per expert, the total on the rubric's scale (total / maximum of the expert's criteria ×
  rubric total, 百分制折算): the panel's spread, with the same statistics;
- outliers: a score further from the median of its criterion (or a scaled total further from
  the median of the scaled totals) than `outlier_share` (default 20 %) of the maximum;
- vetoes raised (by whom, why) and recommendations counted; ranking by score, applications
  with a veto after all others; equal scores (as shown, two decimals) share a rank and are listed
  by application id. Which veto counts: the panel's
  ruling in its group opinion when one is given (`apply_rulings`: a veto the panel confirmed
  sinks the application, one it dismissed does not); without one, every raised veto (a veto is
  decisive until the panel overrules it).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from reviewer_app.export.score_json import ScoreDocument

Number = float


@dataclass(frozen=True)
class Settings:
    trim_min: int = 5  # trim only when at least this many experts scored
    trim: int = 1  # how many highest and how many lowest to drop
    outlier_share: float = 0.2  # of the maximum

    def __post_init__(self) -> None:
        if self.trim < 0 or self.trim_min < 2 * self.trim + 1 or not 0 < self.outlier_share <= 1:
            raise ValueError("trim_min must leave at least one score after trimming; outlier_share in (0, 1]")


@dataclass(frozen=True)
class Entry:
    """One verified package: where it came from and what it says."""

    source: str
    document: ScoreDocument
    score_sha256: str
    spec: object | None = None  # rubric.ReviewSpec of the bundle (from the organization's record)
    flags: tuple[str, ...] = ()  # why the organization should look at it (signed outside the window)


@dataclass(frozen=True)
class Stats:
    n: int
    mean: Number | None
    median: Number | None
    trimmed_mean: Number | None  # None when n < trim_min
    sd: Number | None
    min: Number | None
    max: Number | None

    @property
    def used(self) -> Number | None:
        return self.trimmed_mean if self.trimmed_mean is not None else self.mean


def stats(values: Sequence[Number], settings: Settings) -> Stats:
    values = [float(v) for v in values]
    n = len(values)
    if n == 0:
        return Stats(0, None, None, None, None, None, None)
    ordered = sorted(values)
    trimmed = None
    if n >= settings.trim_min:
        kept = ordered[settings.trim : n - settings.trim] if settings.trim else ordered
        trimmed = math.fsum(kept) / len(kept)
    return Stats(
        n=n,
        mean=math.fsum(values) / n,
        median=statistics.median(values),
        trimmed_mean=trimmed,
        sd=statistics.stdev(values) if n >= 2 else 0.0,
        min=ordered[0],
        max=ordered[-1],
    )


@dataclass(frozen=True)
class Score:
    expert: str  # name
    fingerprint: str
    field: str
    value: Number
    outlier: bool = False


@dataclass(frozen=True)
class CriterionResult:
    id: str
    section_id: str
    section_title: str
    title: str
    maximum: Number
    stats: Stats
    scores: tuple[Score, ...]

    @property
    def outliers(self) -> list[Score]:
        return [s for s in self.scores if s.outlier]


@dataclass(frozen=True)
class ExpertResult:
    name: str
    fingerprint: str
    field: str
    revision: int
    total: Number
    maximum: Number
    scaled_total: Number
    recommendation: str
    vetoes: tuple[str, ...]
    source: str
    signed_at: str
    outlier: bool = False
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldResult:
    field: str
    experts: int
    criteria: int
    maximum: Number  # of the criteria this field scores
    mean_subtotal: Number
    mean_scaled_total: Number


@dataclass(frozen=True)
class VetoResult:
    id: str
    title: str
    raised_by: tuple[tuple[str, str], ...]  # (expert, reason)


@dataclass(frozen=True)
class Listed:
    """A package listed but not counted: superseded revision, duplicate copy, conflict."""

    expert: str
    revision: int
    source: str
    note: str


@dataclass
class ApplicationResult:
    bundle_id: str
    application_id: str
    title: str
    applicant: str
    review_title: str
    rubric_total: Number
    criteria: list[CriterionResult]
    experts: list[ExpertResult]
    totals: Stats  # of the experts' scaled totals
    fields: list[FieldResult]
    vetoes: list[VetoResult]
    recommendations: list[tuple[str, int]]  # (title, count), in rubric order where known
    recused: list[Listed] = field(default_factory=list)
    superseded: list[Listed] = field(default_factory=list)
    duplicates: list[Listed] = field(default_factory=list)
    conflicts: list[Listed] = field(default_factory=list)
    rank: int = 0
    confirmed_vetoes: tuple[str, ...] | None = None  # ids the panel's group opinion confirmed; None: no ruling given

    @property
    def score(self) -> Number:
        return math.fsum(c.stats.used for c in self.criteria if c.stats.used is not None)

    @property
    def scored_maximum(self) -> Number:
        return math.fsum(c.maximum for c in self.criteria if c.stats.n)

    @property
    def complete(self) -> bool:
        return bool(self.criteria) and all(c.stats.n for c in self.criteria)

    @property
    def scaled_score(self) -> Number:
        """The score on the rubric's scale (equals `score` when every criterion was scored)."""
        if self.complete:
            return self.score
        return self.score / self.scored_maximum * self.rubric_total if self.scored_maximum else 0.0

    @property
    def vetoed(self) -> bool:
        """A member raised a veto (whatever the panel ruled)."""
        return any(v.raised_by for v in self.vetoes)

    @property
    def ruled(self) -> bool:
        return self.confirmed_vetoes is not None

    @property
    def sunk(self) -> bool:
        """Ranked after every application without a veto: a veto the panel confirmed, or, before
        any ruling, a veto raised by a member."""
        return bool(self.confirmed_vetoes) if self.ruled else self.vetoed


# --- choosing the packages that count ----------------------------------------------------------

CONFLICT_NOTE = "同一专家对同一版本签署了两个不同的评分包（签名密钥可能被他人使用），均未计入"


def _name(source: str) -> str:
    """A package's file name, whatever path it was given with (on any system)."""
    return source.replace("\\", "/").rsplit("/", 1)[-1]



def _select(entries: Sequence[Entry]) -> tuple[list[Entry], list[Listed], list[Listed], list[Listed]]:
    """(counted, superseded, duplicates, conflicts) for the entries of one bundle."""
    by_expert: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_expert[entry.document.expert.fingerprint].append(entry)
    counted, superseded, duplicates, conflicts = [], [], [], []
    for fingerprint in sorted(by_expert, key=lambda fp: by_expert[fp][0].document.expert.name):
        unique: dict[str, Entry] = {}
        for entry in by_expert[fingerprint]:
            if entry.score_sha256 in unique:
                duplicates.append(Listed(entry.document.expert.name, entry.document.revision.number, _name(entry.source), f"与 {_name(unique[entry.score_sha256].source)} 内容相同"))
            else:
                unique[entry.score_sha256] = entry
        by_revision: dict[int, list[Entry]] = defaultdict(list)
        for entry in unique.values():
            by_revision[entry.document.revision.number].append(entry)
        latest_number = max(by_revision)
        for number in sorted(by_revision):
            group = by_revision[number]
            if len(group) > 1:
                conflicts.extend(Listed(e.document.expert.name, number, _name(e.source), CONFLICT_NOTE) for e in group)
            elif number != latest_number:
                superseded.append(Listed(group[0].document.expert.name, number, _name(group[0].source), f"已被第 {latest_number} 版替代"))
        if len(by_revision[latest_number]) == 1:  # else nobody can say which one the expert meant
            counted.append(by_revision[latest_number][0])
    return counted, superseded, duplicates, conflicts


# --- aggregating ----------------------------------------------------------------------------


def _criteria_layout(spec: object | None, docs: Sequence[ScoreDocument]) -> list[tuple[str, str, str, str, Number]]:
    """(criterion id, section id, section title, title, maximum) for the whole rubric."""
    if spec is not None:
        return [(c.id, s.id, s.title, c.title, c.maximum) for s in spec.rubric.sections for c in s.criteria]  # type: ignore[attr-defined]
    seen: dict[str, tuple[str, str, str, str, Number]] = {}
    for doc in docs:
        for section in doc.sections:
            for c in section.criteria:
                seen.setdefault(c.id, (c.id, section.id, section.title, c.title, c.maximum))
    return list(seen.values())


def _application(bundle_id: str, entries: Sequence[Entry], settings: Settings) -> ApplicationResult:
    counted, superseded, duplicates, conflicts = _select(entries)
    recused = [Listed(e.document.expert.name, e.document.revision.number, _name(e.source), e.document.declarations.conflict_reason) for e in counted if e.document.is_recusal]
    scoring = [e for e in counted if not e.document.is_recusal]
    first = entries[0].document
    spec = next((e.spec for e in entries if e.spec is not None), None)
    docs = [e.document for e in scoring]
    rubric_total = first.rubric_total
    criteria = []
    scored = [(entry, [(c.id, c.score) for c in entry.document.criteria]) for entry in scoring]  # once, not per criterion
    for cid, section_id, section_title, title, maximum in _criteria_layout(spec, docs):
        values = [(entry, score) for entry, pairs in scored for id_, score in pairs if id_ == cid]
        st = stats([v for _, v in values], settings)
        threshold = settings.outlier_share * maximum
        scores = tuple(
            Score(e.document.expert.name, e.document.expert.fingerprint, e.document.expert.field, v, st.median is not None and abs(v - st.median) > threshold + 1e-9)
            for e, v in values
        )
        criteria.append(CriterionResult(cid, section_id, section_title, title, maximum, st, scores))
    totals = stats([d.normalized_total for d in docs], settings)
    experts = []
    for entry in scoring:
        doc = entry.document
        outlier = totals.median is not None and abs(doc.normalized_total - totals.median) > settings.outlier_share * rubric_total + 1e-9
        experts.append(
            ExpertResult(
                doc.expert.name, doc.expert.fingerprint, doc.expert.field, doc.revision.number, doc.total, doc.maximum, doc.normalized_total,
                doc.recommendation_title or "", tuple(v.id for v in doc.vetoes_raised), _name(entry.source), doc.revision.signed_at.isoformat(), outlier, entry.flags,
            )  # fmt: skip
        )
    by_field: dict[str, list[ScoreDocument]] = defaultdict(list)
    for doc in docs:
        by_field[doc.expert.field].append(doc)
    fields = [
        FieldResult(
            name,
            len(group),
            len({c.id for d in group for c in d.criteria}),
            max(d.maximum for d in group),
            math.fsum(d.total for d in group) / len(group),
            math.fsum(d.normalized_total for d in group) / len(group),
        )
        for name, group in sorted(by_field.items())
    ]
    veto_titles: dict[str, str] = {}
    if spec is not None:
        veto_titles = {v.id: v.title for v in spec.rubric.vetoes}  # type: ignore[attr-defined]
    for doc in docs:
        for v in doc.vetoes:
            veto_titles.setdefault(v.id, v.title)
    vetoes = [VetoResult(vid, title, tuple((d.expert.name, v.reason) for d in docs for v in d.vetoes_raised if v.id == vid)) for vid, title in veto_titles.items()]
    counts = Counter(d.recommendation_title for d in docs if d.recommendation_id is not None)
    order = [r.title for r in spec.rubric.recommendations] if spec is not None else sorted(counts)  # type: ignore[attr-defined]
    recommendations = [(title, counts.get(title, 0)) for title in order] + [(t, c) for t, c in counts.items() if t not in order]
    return ApplicationResult(
        bundle_id=bundle_id,
        application_id=first.application.id,
        title=first.application.title,
        applicant=first.application.applicant,
        review_title=first.review.title,
        rubric_total=rubric_total,
        criteria=criteria,
        experts=experts,
        totals=totals,
        fields=fields,
        vetoes=vetoes,
        recommendations=recommendations,
        recused=recused,
        superseded=superseded,
        duplicates=duplicates,
        conflicts=conflicts,
    )


def aggregate(entries: Sequence[Entry], settings: Settings | None = None) -> list[ApplicationResult]:
    """Results per bundle (application), ranked."""
    settings = settings or Settings()
    by_bundle: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_bundle[entry.document.bundle.bundle_id].append(entry)
    return rank([_application(bundle_id, group, settings) for bundle_id, group in by_bundle.items()])


def apply_rulings(results: list[ApplicationResult], confirmed: Mapping[str, Sequence[str]]) -> list[ApplicationResult]:
    """Rank again by the panel's veto rulings: `confirmed` maps a bundle id to the veto ids its
    verified group opinion confirmed (the others it dismissed); applications not in it stay unruled."""
    for result in results:
        if result.bundle_id in confirmed:
            result.confirmed_vetoes = tuple(confirmed[result.bundle_id])
    return rank(results)


SHOWN_DECIMALS = 2  # scores are shown, graded and ranked with two decimals


def shown(score: Number) -> Number:
    """The score as every output shows it: two applications shown with the same score share a rank."""
    return round(score, SHOWN_DECIMALS)


def rank(results: list[ApplicationResult]) -> list[ApplicationResult]:
    """Sorted by the score as shown, sunk applications last, then by application id; equal (sunk,
    shown score) share a rank."""
    results.sort(key=lambda r: (r.sunk, -shown(r.scaled_score), r.application_id))
    previous: tuple[bool, float] | None = None
    for position, result in enumerate(results, 1):
        key = (result.sunk, shown(result.scaled_score))
        result.rank = results[position - 2].rank if previous == key else position
        previous = key
    return results


# --- tables: CSV and XLSX ----------------------------------------------------------------------

CSV_COLUMNS = (
    "rank", "application_id", "application", "applicant", "bundle_id", "kind", "id", "title", "maximum",
    "n", "mean", "median", "trimmed_mean", "sd", "min", "max", "used", "outliers", "vetoes", "recommendations",
)  # fmt: skip


def fmt(value: Number | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _stats_cells(st: Stats) -> list[str]:
    return [str(st.n), fmt(st.mean), fmt(st.median), fmt(st.trimmed_mean), fmt(st.sd), fmt(st.min), fmt(st.max), fmt(st.used)]


def vetoes_text(result: ApplicationResult) -> str:
    """`V5×1` per raised veto (how many raised it), then the panel's ruling when there is one."""
    return "; ".join(f"{v.id}×{len(v.raised_by)}{ruling_text(result, v.id)}" for v in result.vetoes if v.raised_by)


def ruling_text(result: ApplicationResult, veto_id: str) -> str:
    if not result.ruled:
        return ""
    return " 专家组确认" if veto_id in (result.confirmed_vetoes or ()) else " 专家组不予采纳"


def recommendations_text(result: ApplicationResult) -> str:
    return "; ".join(f"{title}×{count}" for title, count in result.recommendations)


def csv_rows(results: Sequence[ApplicationResult], bureau: object | None = None) -> list[list[str]]:
    rows = _csv_rows(results)
    if bureau is None:
        return rows
    rows[0] += bureau.csv_columns()  # type: ignore[attr-defined] # pass line; grade of an evaluation
    for row in rows[1:]:
        row += bureau.csv_cells(row[4]) if row[5] == "total" else [""] * (len(rows[0]) - len(row))  # type: ignore[attr-defined]
    return rows + bureau.csv_unreturned_rows(len(rows[0]))  # type: ignore[attr-defined] # sealed for the review, nothing came back


def _csv_rows(results: Sequence[ApplicationResult]) -> list[list[str]]:
    rows = [list(CSV_COLUMNS)]
    for r in results:
        head = [str(r.rank), r.application_id, r.title, r.applicant, r.bundle_id]
        for c in r.criteria:
            outliers = "; ".join(f"{s.expert} {fmt(s.value, 1)}" for s in c.outliers)
            rows.append([*head, "criterion", c.id, c.title, fmt(c.maximum, 1), *_stats_cells(c.stats), outliers, "", ""])
        total_outliers = "; ".join(f"{e.name} {fmt(e.scaled_total)}" for e in r.experts if e.outlier)
        total = _stats_cells(r.totals)
        total[-1] = fmt(r.scaled_score)
        rows.append([*head, "total", "TOTAL", "综合得分", fmt(r.rubric_total, 1), *total, total_outliers, vetoes_text(r), recommendations_text(r)])
        blank = [""] * (len(CSV_COLUMNS) - 8)
        for item in r.conflicts:
            rows.append([*head, "conflict", item.source, f"{item.expert} 第 {item.revision} 版：{item.note}", *blank])
        for e in r.experts:
            for flag in e.flags:
                rows.append([*head, "flagged", e.source, f"{e.name}：{flag}", *blank])
    return rows


def write_csv(results: Sequence[ApplicationResult], path, bureau: object | None = None) -> None:  # noqa: ANN001 - Path
    """results.csv: UTF-8 with a byte-order mark, so that Excel shows the Chinese correctly."""
    import csv
    import io

    from reviewer_app import durable

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(csv_rows(results, bureau))
    durable.write_bytes(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


PLAIN, BOLD, HEADER, FLAG = range(4)  # how a cell of results.xlsx looks (every cell is aligned to the top)


class SheetRows:
    """A worksheet's rows as plain values, with how each cell looks, until it is written:
    openpyxl's write-only mode streams the rows out (its cell objects for a whole workbook of
    10,000 packages took ~250 MB), but needs the column widths before the first row."""

    def __init__(self, title: str, header: list[str], look: int = HEADER, *, freeze: bool = True) -> None:
        self.title = title
        self.freeze = freeze
        self.rows: list[list] = []
        self.looks: list[list[int]] = []
        self.append(header, look)

    def append(self, values: list, look: int = PLAIN) -> list[int]:
        """Add a row; the returned list of looks (one per value) may be changed until written."""
        looks = [look] * len(values)
        self.rows.append(values)
        self.looks.append(looks)
        return looks

    def widths(self) -> list[float]:
        """Per column: 1.6 × its longest text, between 6 and 60 (as results.xlsx always had)."""
        longest: dict[int, int] = {}
        for row in self.rows:
            for column, value in enumerate(row):
                if value is not None:
                    longest[column] = max(longest.get(column, 0), len(str(value)))
        columns = max((len(row) for row in self.rows), default=0)
        return [min(60, max(6, longest.get(column, 4) * 1.6)) for column in range(columns)]


def _looks(ws) -> dict[int, object]:  # noqa: ANN001 - openpyxl WriteOnlyWorksheet
    """The openpyxl style of each look, made once: setting a style on a cell looks it up in the
    workbook's style table, so the hundreds of thousands of cells share these few."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    top = Alignment(vertical="top", wrap_text=False)
    bold = Font(bold=True)
    fills = {HEADER: PatternFill("solid", fgColor="DDEBF7"), FLAG: PatternFill("solid", fgColor="FCE4D6")}
    styles = {}
    for look in (PLAIN, BOLD, HEADER, FLAG):
        cell = WriteOnlyCell(ws)
        cell.alignment = top
        if look in (BOLD, HEADER):
            cell.font = bold
        if look in fills:
            cell.fill = fills[look]
        styles[look] = cell._style  # noqa: SLF001
    return styles


def write_sheets(book, sheets: Iterable[SheetRows]) -> None:  # noqa: ANN001 - openpyxl Workbook (write-only)
    """Each sheet streamed into the write-only `book` as soon as it is made, so that only one
    sheet's values are held at a time; every cell of the sheet's rectangle is aligned to the top."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    styles = None
    for sheet in sheets:
        ws = book.create_sheet(sheet.title)
        if styles is None:
            styles = _looks(ws)
        if sheet.freeze:
            ws.freeze_panes = "A2"
        widths = sheet.widths()
        for column, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(column)].width = width
        columns = len(widths)
        for values, looks in zip(sheet.rows, sheet.looks, strict=True):
            cells = []
            for column in range(columns):
                cell = WriteOnlyCell(ws, values[column] if column < len(values) else None)
                cell._style = styles[looks[column] if column < len(looks) else PLAIN]  # noqa: SLF001 - a shared, never changed style
                cells.append(cell)
            ws.append(cells)
        sheet.rows.clear()
        sheet.looks.clear()


def _num(value: Number | None) -> Number | None:
    return None if value is None else round(value, 4)


def _xlsx_sheets(results: Sequence[ApplicationResult], settings: Settings, refused: Sequence[tuple[str, str]]) -> Iterator[SheetRows]:
    """The sheets of results.xlsx before the bureau's, one at a time."""
    ws = SheetRows("排名", ["排名", "项目编号", "申报项目", "申报单位", "综合得分", "评分完整", "有效评分专家", "回避", "否决项", "推荐意见"])
    for r in results:
        ws.append([r.rank, r.application_id, r.title, r.applicant, _num(r.scaled_score), "是" if r.complete else "否", len(r.experts), len(r.recused), vetoes_text(r), recommendations_text(r)], FLAG if r.sunk else PLAIN)
    yield ws
    ws = SheetRows("指标统计", ["项目编号", "申报项目", "类别", "指标", "名称", "满分", "n", "平均", "中位数", "去极值平均", "标准差", "最低", "最高", "采用值", "离群"])
    for r in results:
        for c in r.criteria:
            st = c.stats
            ws.append([r.application_id, r.title, "指标", c.id, c.title, c.maximum, st.n, _num(st.mean), _num(st.median), _num(st.trimmed_mean), _num(st.sd), _num(st.min), _num(st.max), _num(st.used), "; ".join(f"{s.expert} {s.value:g}" for s in c.outliers)])
        st = r.totals
        ws.append([r.application_id, r.title, "总分（折合）", "TOTAL", "综合得分", r.rubric_total, st.n, _num(st.mean), _num(st.median), _num(st.trimmed_mean), _num(st.sd), _num(st.min), _num(st.max), _num(r.scaled_score), "; ".join(e.name for e in r.experts if e.outlier)], BOLD)
    yield ws
    ws = SheetRows("专家评分", ["项目编号", "专家", "领域", "版本"])
    for r in results:
        ws.append([])
        ws.append([r.application_id, r.title])[0] = BOLD
        ws.append(["", "专家", "领域", "版本", *[c.id for c in r.criteria], "小计", "满分", "折合总分", "推荐意见", "否决项"], HEADER)
        for e in r.experts:
            values = []
            outliers = []
            for c in r.criteria:
                score = next((s for s in c.scores if s.fingerprint == e.fingerprint), None)
                values.append(score.value if score else None)
                outliers.append(bool(score and score.outlier))
            looks = ws.append(["", e.name, e.field, e.revision, *values, e.total, e.maximum, _num(e.scaled_total), e.recommendation, ", ".join(e.vetoes)])
            for index, outlier in enumerate(outliers):
                if outlier:
                    looks[4 + index] = FLAG
            if e.outlier:
                looks[4 + len(values) + 2] = FLAG
    yield ws
    ws = SheetRows("否决项", ["项目编号", "申报项目", "否决项", "内容", "提出专家", "理由"])
    for r in results:
        for v in r.vetoes:
            for expert, reason in v.raised_by:
                ws.append([r.application_id, r.title, v.id, v.title, expert, reason])
    yield ws
    ws = SheetRows("修订与回避", ["项目编号", "类别", "专家", "版本", "文件", "说明"])
    for r in results:
        for kind, items in (("回避", r.recused), ("已被修订替代", r.superseded), ("重复", r.duplicates), ("冲突", r.conflicts)):
            for item in items:
                ws.append([r.application_id, kind, item.expert, item.revision, item.source, item.note])
    yield ws
    ws = SheetRows("说明", ["项目", "值"])
    ws.append(["去极值规则", f"评分专家不少于 {settings.trim_min} 人时，去掉 {settings.trim} 个最高分和 {settings.trim} 个最低分后平均"])
    ws.append(["离群标准", f"与中位数之差超过满分的 {settings.outlier_share:.0%}"])
    ws.append(["标准差", "样本标准差（n − 1）"])
    for path_, message in refused:
        ws.append(["未通过校验的评分包", f"{path_}: {message}"])
    yield ws


def write_xlsx(results: Sequence[ApplicationResult], path, settings: Settings, refused: Sequence[tuple[str, str]] = (), bureau: object | None = None) -> None:  # noqa: ANN001
    """results.xlsx, written sheet by sheet (openpyxl's write-only workbook)."""
    import io
    import itertools

    from openpyxl import Workbook

    from reviewer_app import durable

    book = Workbook(write_only=True)
    bureau_sheets = bureau.sheets() if bureau is not None else ()  # type: ignore[attr-defined]
    write_sheets(book, itertools.chain(_xlsx_sheets(results, settings, refused), bureau_sheets))
    buffer = io.BytesIO()
    book.save(buffer)
    durable.write_bytes(path, buffer.getvalue())


def write_outputs(
    results: Sequence[ApplicationResult], out_dir, settings: Settings, *, refused: Sequence[tuple[str, str]] = (), packages: int = 0, revocations: Sequence[object] = (),  # noqa: ANN001
    bureau: object | None = None, org: object | None = None,
) -> list:
    """results.csv, results.xlsx and report.pdf in `out_dir` (each written atomically).
    `refused`: (file name, reason in Chinese); `revocations`: roster.Revocation, listed in the report;
    `bureau`: a bureau.BureauReport (pass line, attendance, leniency, agreement, index);
    `org`: keys.OrgCredentials that sign report.pdf (PAdES)."""
    from pathlib import Path

    from reviewer_app import durable
    from reviewer_app.org.report_pdf import report_pdf

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "results.csv", out / "results.xlsx", out / "report.pdf"]
    write_csv(results, paths[0], bureau)
    write_xlsx(results, paths[1], settings, refused, bureau)
    pdf = report_pdf(results, settings, refused=refused, packages=packages, revocations=revocations, bureau=bureau, signed_by=org.name if org is not None else None)  # type: ignore[attr-defined]
    if org is not None:
        from reviewer_app.org.report_bureau import sign_report

        pdf = sign_report(pdf, org)
    durable.write_bytes(paths[2], pdf)
    return paths
