"""`report.pdf` of `reviewer-org aggregate`: ranking, score spread chart, per-application detail.

A4, Simplified Chinese, only the shipped CJK font (embedded subsets; the chart's strings too).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reviewer_app import __version__, keys
from reviewer_app.pdf_fonts import FONT, register_fonts
from reviewer_app.org.aggregate import ApplicationResult, Settings, fmt, ruling_text

MARGIN = 16 * mm
WIDTH = A4[0] - 2 * MARGIN
GRID = colors.HexColor("#666666")
SHADE = colors.HexColor("#EDEDED")
RED = colors.HexColor("#B42318")
BLUE = colors.HexColor("#1F4E8C")
GREEN = colors.HexColor("#2E7D32")
CHART_APPLICATIONS = 12
CELL_PADDING = 6  # reportlab's default left and right padding of a table cell


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=12.5, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle("title", base, fontSize=18, leading=26, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=10.5, leading=15, alignment=TA_CENTER, textColor=colors.dimgrey),
        "h1": ParagraphStyle("h1", base, fontSize=13, leading=19, spaceBefore=10, spaceAfter=4),
        "h2": ParagraphStyle("h2", base, fontSize=10.5, leading=15, spaceBefore=6, spaceAfter=3),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10.5),
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=10, textColor=colors.dimgrey),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _fitted(text: str, style: ParagraphStyle, width: float) -> object:
    """The text itself when it fits its cell on one line, else a wrapping Paragraph: a
    Paragraph's CJK line breaking costs ~0.2 ms a cell, and the per-application tables of a
    large review have tens of thousands of cells."""
    if "\n" not in text and stringWidth(text, FONT, style.fontSize) <= width - 2 * CELL_PADDING:
        return text
    return _p(text, style)


def _lines(text: str, style: ParagraphStyle, width: float) -> object:
    """The text itself, line by line, when each line fits its cell (drawn as `style` by the
    table's commands from `_drawn_as`), else a wrapping Paragraph: the package index of 10,000
    packages spent ~15 s of CPU breaking file names and digests as CJK text."""
    if all(stringWidth(line, FONT, style.fontSize) <= width - 2 * CELL_PADDING for line in text.split("\n")):
        return text
    return _p(text, style)


def _drawn_as(column: int, style: ParagraphStyle) -> list[tuple]:
    """Table style commands that draw a column's plain cells (below the header) as `style` draws a Paragraph."""
    first, last = (column, 1), (column, -1)
    return [("FONT", first, last, style.fontName, style.fontSize, style.leading), ("TEXTCOLOR", first, last, style.textColor), ("ALIGN", first, last, "LEFT")]


def _table(rows: list[list[object]], widths: list[float], *extra: tuple) -> Table:
    return Table(
        rows,
        colWidths=widths,
        repeatRows=1,
        splitInRow=1,
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 8),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (2, 1), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                *extra,
            ]
        ),
    )


def scale_text(results: Sequence[ApplicationResult]) -> str:
    """The scale the scores are on: 折合百分制, or the rubric's total when it is not 100."""
    totals = sorted({r.rubric_total for r in results})
    return "折合百分制" if totals in ([], [100]) else f"折合为满分 {'、'.join(f'{t:g}' for t in totals)} 分"


def spread_chart(results: Sequence[ApplicationResult], width: float = WIDTH, height: float = 78 * mm) -> Drawing:
    """Per application: every expert's total on the rubric scale (dots; outliers red), the
    min–max range, the mean (blue bar), the trimmed mean (green bar) and the score (diamond)."""
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT  # else the renderer selects an unembedded Helvetica first
    drawing.initialFontSize = 7
    left, bottom, top = 14 * mm, 16 * mm, 8 * mm
    plot_w, plot_h = width - left - 4 * mm, height - bottom - top
    scale = max((r.rubric_total for r in results), default=100) or 100
    lowest = min([e.scaled_total for r in results for e in r.experts] + [r.scaled_score for r in results] + [scale])
    floor = max(0.0, (int(lowest / scale * 10) - 1) / 10 * scale)  # the axis starts a tenth below the lowest score

    def y(value: float) -> float:
        return bottom + max(0.0, min(1.0, (value - floor) / (scale - floor))) * plot_h

    drawing.add(Rect(left, bottom, plot_w, plot_h, strokeColor=GRID, fillColor=None, strokeWidth=0.6))
    for tick in range(0, 11):
        value = floor + (scale - floor) * tick / 10
        drawing.add(Line(left, y(value), left + plot_w, y(value), strokeColor=colors.HexColor("#E3E3E3"), strokeWidth=0.4))
        drawing.add(String(left - 2, y(value) - 2.5, fmt(value, 0), fontName=FONT, fontSize=6.5, textAnchor="end"))
    count = max(1, len(results))
    slot = plot_w / count
    for index, result in enumerate(results):
        cx = left + slot * (index + 0.5)
        values = [e.scaled_total for e in result.experts]
        if values:
            drawing.add(Line(cx, y(min(values)), cx, y(max(values)), strokeColor=GRID, strokeWidth=1))
            for k, expert in enumerate(result.experts):
                offset = (k - (len(result.experts) - 1) / 2) * min(3.2, slot / (len(result.experts) + 2))
                drawing.add(Circle(cx + offset, y(expert.scaled_total), 2.1, fillColor=RED if expert.outlier else colors.HexColor("#555555"), strokeColor=None))
            if result.totals.mean is not None:
                drawing.add(Line(cx - 9, y(result.totals.mean), cx + 9, y(result.totals.mean), strokeColor=BLUE, strokeWidth=1.6))
            if result.totals.trimmed_mean is not None:
                drawing.add(Line(cx - 9, y(result.totals.trimmed_mean), cx + 9, y(result.totals.trimmed_mean), strokeColor=GREEN, strokeWidth=1.6, strokeDashArray=[2, 1.5]))
        sy = y(result.scaled_score)
        drawing.add(Polygon([cx + 13, sy, cx + 16.5, sy + 3.5, cx + 20, sy, cx + 16.5, sy - 3.5], fillColor=colors.black, strokeColor=None))
        label = result.application_id + ("（否决）" if result.sunk else "")
        drawing.add(String(cx, bottom - 9, label, fontName=FONT, fontSize=7, textAnchor="middle"))
        drawing.add(String(cx, bottom - 17, f"第{result.rank}名 {fmt(result.scaled_score, 1)}", fontName=FONT, fontSize=6.5, textAnchor="middle", fillColor=colors.dimgrey))
    legend = "● 专家总分（折合）  红点 离群  — 蓝 平均  - - 绿 去极值平均  ◆ 综合得分"
    drawing.add(String(left, height - 5, legend, fontName=FONT, fontSize=6.8))
    return drawing


def _ranking(results: Sequence[ApplicationResult], s: dict[str, ParagraphStyle]) -> Table:
    rows: list[list[object]] = [["排名", "项目编号", "申报项目 / 申报单位", "综合得分", "专家", "回避", "否决项", "推荐意见"]]
    for r in results:
        vetoes = "、".join(f"{v.id}（{len(v.raised_by)}）{ruling_text(r, v.id)}" for v in r.vetoes if v.raised_by) or "—"
        score = fmt(r.scaled_score) + ("" if r.complete else "*")
        rows.append([str(r.rank), r.application_id, _p(f"{r.title}\n{r.applicant}", s["cell"]), score, str(len(r.experts)), str(len(r.recused)), _p(vetoes, s["cell"]), _p("；".join(f"{t}×{c}" for t, c in r.recommendations if c) or "—", s["cell"])])
    flagged = [("TEXTCOLOR", (6, i), (6, i), RED) for i, r in enumerate(results, 1) if r.sunk]
    return _table(rows, [10 * mm, 24 * mm, 52 * mm, 16 * mm, 10 * mm, 10 * mm, 22 * mm, WIDTH - 144 * mm], *flagged)


def _criteria(result: ApplicationResult, s: dict[str, ParagraphStyle], settings: Settings) -> Table:
    rows: list[list[object]] = [["指标", "名称", "满分", "n", "平均", "中位数", "去极值", "标准差", "最低", "最高", "采用值", "离群"]]
    for c in result.criteria:
        st = c.stats
        outliers = "；".join(f"{o.expert} {o.value:g}" for o in c.outliers) or ""
        rows.append([c.id, _fitted(c.title, s["cell"], 42 * mm), fmt(c.maximum, 1), str(st.n), fmt(st.mean), fmt(st.median), fmt(st.trimmed_mean) or "—", fmt(st.sd), fmt(st.min), fmt(st.max), fmt(st.used), _fitted(outliers, s["cell"], WIDTH - 151 * mm)])
    st = result.totals
    rows.append(["总分", _p("专家总分（折合）/ 综合得分", s["cell"]), fmt(result.rubric_total, 1), str(st.n), fmt(st.mean), fmt(st.median), fmt(st.trimmed_mean) or "—", fmt(st.sd), fmt(st.min), fmt(st.max), fmt(result.scaled_score), _p("；".join(e.name for e in result.experts if e.outlier), s["cell"])])
    last = len(rows) - 1
    return _table(rows, [11 * mm, 42 * mm, 10 * mm, 7 * mm, 12 * mm, 12 * mm, 12 * mm, 12 * mm, 10 * mm, 10 * mm, 13 * mm, WIDTH - 151 * mm], ("BACKGROUND", (0, last), (-1, last), SHADE))


def _experts(result: ApplicationResult, s: dict[str, ParagraphStyle]) -> Table:
    rows: list[list[object]] = [["专家", "领域", "版本", "小计 / 满分", "折合总分", "推荐意见", "否决项"]]
    for e in result.experts:
        rows.append([e.name, e.field, str(e.revision), f"{e.total:g} / {e.maximum:g}", fmt(e.scaled_total), _fitted(e.recommendation or "—", s["cell"], 60 * mm), ", ".join(e.vetoes) or "—"])
    flagged = [("TEXTCOLOR", (4, i), (4, i), RED) for i, e in enumerate(result.experts, 1) if e.outlier]
    return _table(rows, [20 * mm, 14 * mm, 10 * mm, 22 * mm, 18 * mm, 60 * mm, WIDTH - 144 * mm], *flagged)


def _fields(result: ApplicationResult) -> Table:
    rows: list[list[object]] = [["领域", "专家数", "评分指标数", "指标满分", "平均小计", "平均折合总分"]]
    for f in result.fields:
        rows.append([f.field, str(f.experts), str(f.criteria), fmt(f.maximum, 1), fmt(f.mean_subtotal), fmt(f.mean_scaled_total)])
    return _table(rows, [24 * mm, 18 * mm, 22 * mm, 20 * mm, 22 * mm, 26 * mm])


def _application_parts(result: ApplicationResult, s: dict[str, ParagraphStyle], settings: Settings) -> list[object]:
    parts: list[object] = [
        CondPageBreak(60 * mm),
        _p(f"第{result.rank}名　{result.application_id}　{result.title}", s["h1"]),
        _p(f"申报单位：{result.applicant}　　评审包：{result.bundle_id}　　有效评分 {len(result.experts)} 份，回避 {len(result.recused)} 人", s["small"]),
        _p("各指标统计", s["h2"]),
        _criteria(result, s, settings),
    ]
    if not result.complete:
        parts.append(_p("* 有指标无人评分：综合得分按已评指标折合。", s["small"]))
    parts += [KeepTogether([_p("分领域统计", s["h2"]), _fields(result)]), KeepTogether([_p("专家评分", s["h2"]), _experts(result, s)])]
    vetoes = [(v, expert, reason) for v in result.vetoes for expert, reason in v.raised_by]
    if vetoes:
        rows: list[list[object]] = [["否决项", "专家", "理由"]] + [[_p(f"{v.id} {v.title}", s["cell"]), expert, _p(reason, s["cell"])] for v, expert, reason in vetoes]
        parts += [_p("否决项", s["h2"]), _table(rows, [60 * mm, 18 * mm, WIDTH - 78 * mm])]
    flagged = [(e, flag) for e in result.experts for flag in e.flags]
    if flagged:
        rows = [["专家", "评分包", "标记"]] + [[e.name, _p(e.source, s["cell"]), _p(flag, s["cell"])] for e, flag in flagged]
        parts += [_p("已计入但须核查的评分包", s["h2"]), _table(rows, [18 * mm, 50 * mm, WIDTH - 68 * mm])]
    listed = [("回避", x) for x in result.recused] + [("已被修订替代", x) for x in result.superseded] + [("重复", x) for x in result.duplicates] + [("冲突（未计入）", x) for x in result.conflicts]
    if listed:
        rows = [["类别", "专家", "版本", "说明"]] + [[kind, x.expert, str(x.revision), _p(f"{x.note}\n{x.source}", s["cell"])] for kind, x in listed]
        parts += [_p("回避、修订与重复", s["h2"]), _table(rows, [24 * mm, 18 * mm, 10 * mm, WIDTH - 52 * mm])]
    return parts


def report_pdf(
    results: Sequence[ApplicationResult], settings: Settings, *, refused: Sequence[tuple[str, str]] = (), packages: int = 0, now: dt.datetime | None = None, revocations: Sequence[object] = (),
    bureau: object | None = None, signed_by: str | None = None,
) -> bytes:
    """`refused`: (file name, reason in Chinese); `revocations`: roster.Revocation; `bureau`: a
    bureau.BureauReport (its pages follow the ranking); `signed_by`: the organization whose
    signature goes onto a last page of its own (report_bureau.sign_report)."""
    register_fonts()
    s = _styles()
    now = now or dt.datetime.now().astimezone()
    buffer = io.BytesIO()

    def footer(canvas, document) -> None:  # noqa: ANN001
        canvas.saveState()
        canvas.setFont(FONT, 7)
        canvas.setFillColor(colors.dimgrey)
        canvas.drawRightString(A4[0] - MARGIN, 9 * mm, f"第 {document.page} 页")
        canvas.drawString(MARGIN, 9 * mm, "评审结果汇总报告")
        canvas.restoreState()

    parts = _story(results, settings, s, refused=refused, packages=packages, now=now, revocations=revocations, bureau=bureau, signed_by=signed_by)
    document = _StreamedDocument(
        parts, buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=16 * mm,
        title="评审结果汇总报告", creator=f"reviewer-org {__version__}", initialFontName=FONT,
    )  # fmt: skip
    document.build(onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


class _StreamedDocument(SimpleDocTemplate):
    """A document whose story is made while it is laid out: the flowables of a review of 1,000
    applications (tens of thousands of table cells) took ~200 MB when made all at once; here
    each part is made when the pages before it are done, and dropped once drawn."""

    AHEAD = 16  # flowables kept ahead of the one being laid out (reportlab looks a few ahead)

    def __init__(self, parts: Iterator[list[object]], *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._parts = parts
        self._story: list[object] = next(parts, [])

    def build(self, **kwargs: object) -> None:  # type: ignore[override]
        super().build(self._story, **kwargs)

    def filterFlowables(self, flowables: list[object]) -> None:  # noqa: N802 - reportlab's hook, called before each flowable
        while flowables is self._story and len(flowables) < self.AHEAD:  # not reportlab's own lists (what hangs from the last page)
            part = next(self._parts, None)
            if part is None:
                return
            flowables.extend(part)


def _story(
    results: Sequence[ApplicationResult], settings: Settings, s: dict[str, ParagraphStyle], *, refused: Sequence[tuple[str, str]], packages: int, now: dt.datetime,
    revocations: Sequence[object], bureau: object | None, signed_by: str | None,
) -> Iterator[list[object]]:
    """The report's flowables, part by part, in order."""
    review = results[0].review_title if results else ""
    yield [
        _p(review, s["subtitle"]),
        _p("评审结果汇总报告", s["title"]),
        _p(f"生成时间 {now:%Y-%m-%d %H:%M}　评分包 {packages} 个（未通过校验 {len(refused)} 个）　reviewer-org {__version__}", s["subtitle"]),
        Spacer(1, 4 * mm),
        _p("综合排名", s["h1"]),
    ]
    yield [
        _ranking(results, s),
        _p(
            f"综合得分为各指标采用值之和：评分专家不少于 {settings.trim_min} 人的指标去掉 {settings.trim} 个最高分和 {settings.trim} 个最低分后平均，"
            f"否则取平均。标准差为样本标准差。与中位数之差超过满分 {settings.outlier_share:.0%} 的评分标为离群。"
            "得分（保留两位小数）相同的项目名次并列（按项目编号先后列出）。有否决项的项目排在其余项目之后：有专家组意见的，依专家组的裁定（专家组不予采纳的否决项不影响排名）；"
            "没有专家组意见的，有专家提出否决项即排后。",
            s["small"],
        ),
    ]
    if bureau is not None:
        from reviewer_app.org.report_bureau import bureau_parts

        yield from bureau_parts(bureau, s)  # type: ignore[arg-type]
    yield [_p(f"专家评分分布（{scale_text(results)}）", s["h1"])]
    for start in range(0, len(results), CHART_APPLICATIONS):  # readable labels: a chart per dozen
        yield [spread_chart(results[start : start + CHART_APPLICATIONS]), Spacer(1, 3 * mm)]
    for result in results:
        yield _application_parts(result, s, settings)
    if refused:
        rows: list[list[object]] = [["评分包", "未通过原因"]] + [[_p(path, s["cell"]), _p(message, s["cell"])] for path, message in refused]
        yield [_p("未通过校验的评分包（未计入）", s["h1"]), _table(rows, [60 * mm, WIDTH - 60 * mm])]
    if revocations:
        rows = [["专家", "证书指纹", "自何时起不予接受", "原因"]]
        rows += [[r.name, _p(keys.format_fingerprint(r.fingerprint), s["cell"]), r.effective_from.strftime("%Y-%m-%d %H:%M %z"), _p(r.reason, s["cell"])] for r in revocations]  # type: ignore[attr-defined]
        yield [_p("已撤销的专家", s["h1"]), _table(rows, [20 * mm, 40 * mm, 36 * mm, WIDTH - 96 * mm])]
    if signed_by is not None:
        from reviewer_app.org.report_bureau import signature_page

        yield signature_page(signed_by, s)
