"""The score sheet (专家评分表) as an A4 PDF, rendered from the signed score.json document.

Rendering from `ScoreDocument` (not from the workspace) means the PDF and the JSON of a
package show the same content by construction. Only the shipped CJK font is used (embedded
as a subset, for Latin text too: no standard-14 font appears in the file, see `pdffonts`).

The last page ends with the declarations and the signatures: the handwritten signature image
and, beside it, the spot where the PDF signature's visible field goes (`RenderedSheet.
signature_page`/`signature_box`, in PDF points). Every page carries a footer with the bundle
id, the revision, "page x / y" and the package fingerprint, which is the SHA-256 of score.json
(the PDF cannot contain a digest of the package it is part of).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reviewer_app import __version__, keys, rubric
from reviewer_app.export import score_json
from reviewer_app.export.score_json import ScoreDocument
from reviewer_app.pdf_fonts import FONT, MONO_FONT, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 22 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
INK = colors.black
GRID = colors.HexColor("#555555")
SHADE = colors.HexColor("#EDEDED")
SECTION_SHADE = colors.HexColor("#F6F6F6")
MUTED = colors.HexColor("#555555")
SIGNATURE_BOX = (78 * mm, 30 * mm)  # the PDF signature's visible field
# Long side of a photo in the appendix: ≈ 250 dpi at 80 mm. Exactly half the evidence store's
# 1600 px display copy, which libjpeg then decodes at 1/2 scale with nothing left to resample
# (6 ms a photo instead of 39 ms at 900 px; 20 photos are drawn on every signing).
THUMBNAIL_PIXELS = 800
CHECKED, UNCHECKED = "■", "□"
DRAFT_MARK = "草稿"
DRAFT_INK = colors.HexColor("#9B1C1C")
SECTION_NUMBERS = "一二三四五六七八九十"



@dataclass
class RenderedSheet:
    pdf: bytes
    pages: int
    signature_page: int  # 0-based
    signature_box: tuple[float, float, float, float]  # x1, y1, x2, y2 in points


@dataclass
class _Spot:
    page: int = -1
    box: tuple[float, float, float, float] = (0, 0, 0, 0)


# --- styles and small helpers -----------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9.5, leading=13.5, wordWrap="CJK", textColor=INK)
    return {
        "base": base,
        "caption": ParagraphStyle("caption", base, fontSize=11, leading=15, alignment=TA_CENTER, textColor=MUTED),
        "title": ParagraphStyle("title", base, fontSize=21, leading=28, alignment=TA_CENTER, spaceAfter=2),
        "revision": ParagraphStyle("revision", base, fontSize=10.5, leading=14, alignment=TA_CENTER, textColor=colors.HexColor("#9B1C1C")),
        "heading": ParagraphStyle("heading", base, fontSize=12, leading=17, spaceBefore=9, spaceAfter=4),
        "cell": ParagraphStyle("cell", base, fontSize=9, leading=12.5),
        "cell_center": ParagraphStyle("cell_center", base, fontSize=9, leading=12.5, alignment=TA_CENTER),
        "cell_right": ParagraphStyle("cell_right", base, fontSize=9, leading=12.5, alignment=TA_RIGHT),
        "label": ParagraphStyle("label", base, fontSize=9, leading=12.5, alignment=TA_CENTER),
        "section": ParagraphStyle("section", base, fontSize=9.5, leading=13),
        "small": ParagraphStyle("small", base, fontSize=8, leading=11, textColor=MUTED),
        "mono": ParagraphStyle("mono", base, fontName=MONO_FONT, fontSize=8, leading=11),
        "body": ParagraphStyle("body", base, fontSize=10, leading=15.5, firstLineIndent=0),
    }


def _text(value: str) -> str:
    """User text as Paragraph markup: escaped, line breaks kept."""
    return escape(value.strip()).replace("\r\n", "\n").replace("\n", "<br/>")


def _p(value: str, style: ParagraphStyle, *, markup: bool = False) -> Paragraph:
    return Paragraph(value if markup else _text(value), style)


def _n(value: float) -> str:
    return rubric.format_score(round(value, 2))


_ZONE: contextvars.ContextVar[dt.tzinfo | None] = contextvars.ContextVar("sheet_zone", default=None)


def _local(value: dt.datetime) -> dt.datetime:
    """Times in the signer's time zone (that of signed_at; the store keeps UTC)."""
    return value.astimezone(_ZONE.get()) if value.tzinfo is not None else value


def _when(value: dt.datetime | None) -> str:
    return f"{_local(value):%Y-%m-%d %H:%M}" if value is not None else "—"


def _grid_style(*extra: tuple) -> TableStyle:
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), FONT, 9),  # else reportlab declares an unembedded Helvetica
            ("GRID", (0, 0), (-1, -1), 0.5, GRID),
            ("BOX", (0, 0), (-1, -1), 1.0, INK),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            *extra,
        ]
    )


class _SignatureSpot(Flowable):
    """Reserves the area of the visible PDF signature and records where it landed."""

    def __init__(self, spot: _Spot, preview: bool, style: ParagraphStyle) -> None:
        super().__init__()
        self.spot = spot
        self.preview = preview
        self.style = style
        self.width, self.height = SIGNATURE_BOX

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        x, y = canvas.absolutePosition(0, 0)
        self.spot.page = canvas.getPageNumber() - 1
        self.spot.box = (x, y, x + self.width, y + self.height)
        if self.preview:
            canvas.saveState()
            canvas.setStrokeColor(MUTED)
            canvas.setDash(2, 2)
            canvas.rect(0, 0, self.width, self.height)
            canvas.setFont(FONT, 8.5)
            canvas.setFillColor(MUTED)
            canvas.drawCentredString(self.width / 2, self.height / 2 - 3, "电子签名位置（签署时加盖）")
            canvas.restoreState()


def _numbered_canvas(doc: ScoreDocument, score_sha256: str, preview: bool) -> type[Canvas]:
    """A canvas that draws header and footer once the page count is known ("page x / y")."""
    revision = doc.revision.number
    header = f"{doc.application.title} · {'回避声明' if doc.is_recusal else '专家评分表'} · {doc.expert.name}"

    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab API
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            page = self.getPageNumber()
            self.saveState()
            self.setFillColor(MUTED)
            self.setStrokeColor(MUTED)
            self.setLineWidth(0.4)
            self.setFont(FONT, 7.5)
            if page > 1:
                self.drawString(MARGIN_X, PAGE_HEIGHT - 12 * mm, header)
                self.line(MARGIN_X, PAGE_HEIGHT - 13.5 * mm, PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 13.5 * mm)
            self.line(MARGIN_X, 16 * mm, PAGE_WIDTH - MARGIN_X, 16 * mm)
            self.drawString(MARGIN_X, 12.5 * mm, f"评审包 {doc.bundle.bundle_id}")
            self.drawCentredString(PAGE_WIDTH / 2, 12.5 * mm, f"第 {revision} 版")
            self.drawRightString(PAGE_WIDTH - MARGIN_X, 12.5 * mm, f"第 {page} / {total} 页")
            if preview:
                self.setFont(FONT, 7)
                self.drawString(MARGIN_X, 8.5 * mm, "草稿：未签名，不可提交；包指纹 SHA-256(score.json) 在签署时生成")
                self.setFillColor(colors.Color(0.75, 0.1, 0.1, alpha=0.13))
                self.setFont(FONT, 150)
                self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
                self.rotate(40)
                self.drawCentredString(0, 10, DRAFT_MARK)
                self.setFont(FONT, 30)
                self.drawCentredString(0, -45, "未签名 · 不可提交")
            else:
                self.setFont(MONO_FONT, 6.8)
                self.drawString(MARGIN_X, 8.5 * mm, f"包指纹 SHA-256(score.json) {score_sha256}")
            self.restoreState()

    return NumberedCanvas


# --- the parts of the sheet -------------------------------------------------------------------


def _heading(number: int, title: str, s: dict[str, ParagraphStyle]) -> Paragraph:
    return _p(f"{SECTION_NUMBERS[number - 1]}、{title}", s["heading"])


def _title_block(doc: ScoreDocument, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    parts: list[Flowable] = [
        _p(doc.review.title or doc.review.organization, s["caption"]),
        _p("回 避 声 明" if doc.is_recusal else "专 家 评 分 表", s["title"]),
    ]
    if doc.revision.number > 1:
        parts.append(_p(f"第 {doc.revision.number} 版（修订，替代第 {doc.revision.amends_number} 版）", s["revision"]))
    parts.append(Spacer(1, 3 * mm))
    return parts


def _draft_box(missing: list[str], s: dict[str, ParagraphStyle]) -> Table:
    """On the first page of a draft: that it is not signed, and what is still missing."""
    lines = [f"<b>草稿</b>：本表未签名，仅供核对，不可提交。"]
    if missing:
        lines.append(f"尚待完成 {len(missing)} 项（完成后方可签署）：")
        lines += [f"{number}. {_text(item)}" for number, item in enumerate(missing, 1)]
    else:
        lines.append("评审内容已完整，签署后生效；签署日期与包指纹以签署时为准。")
    return Table([[_p("<br/>".join(lines), s["cell"], markup=True)]], colWidths=[CONTENT_WIDTH], splitInRow=1,
                 style=_grid_style(("BOX", (0, 0), (-1, -1), 1.2, DRAFT_INK), ("TEXTCOLOR", (0, 0), (-1, -1), DRAFT_INK), ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FDF2F2"))))


def _info_table(doc: ScoreDocument, s: dict[str, ParagraphStyle], preview: bool = False) -> Table:
    L = lambda text: _p(text, s["label"])  # noqa: E731
    V = lambda text: _p(text or "—", s["cell"])  # noqa: E731
    e = doc.expert
    revision = f"第 {doc.revision.number} 版（草稿，尚未签署）" if preview else f"第 {doc.revision.number} 版　签署于 {_when(doc.revision.signed_at)}"
    rows = [
        [L("评审活动"), V(doc.review.title), "", ""],
        [L("申报项目"), V(doc.application.title), L("项目编号"), V(doc.application.id)],
        [L("申报单位"), V(doc.application.applicant), L("组织单位"), V(doc.review.organization or doc.bundle.organization_name)],
        [L("评审专家"), V(e.name), L("专业领域"), V(e.field)],
        [L("工作单位"), V(e.affiliation), L("职　　称"), V(e.title)],
        [L("评审日期"), V(_session_date(doc, preview)), L("版　　本"), V(revision)],
    ]
    extra = [("SPAN", (1, 0), (3, 0))]
    if doc.revision.number > 1:
        rows.append([L("修订原因"), V(doc.revision.reason), "", ""])
        extra.append(("SPAN", (1, len(rows) - 1), (3, len(rows) - 1)))
    widths = [22 * mm, 70 * mm, 22 * mm, CONTENT_WIDTH - 114 * mm]
    return Table(rows, colWidths=widths, style=_grid_style(("BACKGROUND", (0, 0), (0, -1), SHADE), ("BACKGROUND", (2, 1), (2, 5), SHADE), *extra))


CHANGE_LABELS = {
    "score": "得分", "comment": "评语", "veto_raised": "否决项", "veto_reason": "否决理由",
    "note_question": "答辩提问", "note_answer": "答辩答复", "inspection_result": "考察结论",
    "inspection_note": "考察说明", "inspection_observed": "实际情况", "inspection_discrepancy": "与申报不符",
    "site_notes": "现场记录", "opinion": "综合评价意见", "recommendation": "推荐意见", "attachment": "附件",
}  # fmt: skip
FLAG_TEXT = {"true": "是", "false": "否"}


def _change_subject(doc: ScoreDocument, change: score_json.Change) -> str:
    """What a change is about, as the sheet names it: "A1 技术路线" or "现场答辩 12-10 14:05"."""
    titles = {c.id: c.title for c in doc.criteria} | {v.id: v.title for v in doc.vetoes}
    if doc.inspection is not None:
        titles |= {i.id: i.title for i in doc.inspection.items}
    if change.field.startswith("note_"):
        return f"现场答辩 {_when(dt.datetime.fromisoformat(change.item))}"
    if change.field == "attachment":
        return "附件"
    if change.item in titles:
        return f"{change.item} {titles[change.item]}"
    return change.item or "—"


def _change_value(change: score_json.Change, value: str) -> str:
    if change.field in ("veto_raised", "inspection_discrepancy"):
        value = {"true": "提出否决", "false": "未提出"}.get(value, value) if change.field == "veto_raised" else FLAG_TEXT.get(value, value)
    return value if value.strip() else "（空）"


def _changes_parts(doc: ScoreDocument, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """An amended sheet lists every value it changed, old → new, under the reason."""
    rev = doc.revision
    title = _p(f"修订内容（与第 {rev.amends_number} 版相比）", s["heading"])
    if not rev.changes:
        return [title, _p("本版未改动任何评分、评语或意见。", s["cell"])]
    C = lambda text: _p(text, s["cell_center"])  # noqa: E731
    rows: list[list[object]] = [[C("项目"), C("内容"), C(f"原值（第 {rev.amends_number} 版）"), C(f"新值（第 {rev.number} 版）")]]
    for change in rev.changes:
        rows.append([_p(_change_subject(doc, change), s["cell"]), C(CHANGE_LABELS.get(change.field, change.field)),
                     _p(_change_value(change, change.old), s["cell"]), _p(_change_value(change, change.new), s["cell"])])
    widths = [40 * mm, 20 * mm, (CONTENT_WIDTH - 60 * mm) / 2, (CONTENT_WIDTH - 60 * mm) / 2]
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1,
                  style=_grid_style(("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 1), (-1, -1), "TOP"), ("TEXTCOLOR", (3, 1), (3, -1), DRAFT_INK)))
    return [title, table]


def _session_date(doc: ScoreDocument, preview: bool = False) -> str:
    """The session date, and, when the sheet is signed on another day, that day stated plainly."""
    session = doc.review.session_date
    signed = f"{doc.revision.signed_at:%Y-%m-%d}"
    if session and session != signed:
        if preview:
            return f"{session}（如于今日 {signed} 签署，签署日期与评审日期不同）"
        return f"{session}（本表签署于 {signed}，与评审日期不同）"
    return session


def _scores_table(doc: ScoreDocument, s: dict[str, ParagraphStyle]) -> Table:
    C = lambda text: _p(text, s["cell_center"])  # noqa: E731
    header = [C("序号"), C("评审指标"), C("满分"), C("得分"), C("等级"), C("评语")]
    rows: list[list[object]] = [header]
    styles: list[tuple] = [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 1), (-1, -1), "TOP")]
    for number, section in enumerate(doc.sections, 1):
        row = len(rows)
        rows.append([_p(f"（{SECTION_NUMBERS[number - 1] if number <= 10 else number}）{section.title}", s["section"]), "", C(_n(section.maximum)), C(_n(section.subtotal)), "", _p("本部分小计", s["cell"])])
        styles += [("SPAN", (0, row), (1, row)), ("BACKGROUND", (0, row), (-1, row), SECTION_SHADE)]
        for criterion in section.criteria:
            rows.append(
                [
                    C(criterion.id),
                    _p(criterion.title, s["cell"]),
                    C(_n(criterion.maximum)),
                    C(_n(criterion.score) if criterion.score is not None else "未评分"),
                    C(criterion.band or "—"),
                    _p(criterion.comment or "—", s["cell"]),
                ]
            )
    row = len(rows)
    normalized = ""
    if doc.maximum and abs(doc.maximum - doc.rubric_total) > 1e-9:
        normalized = f"本人评分指标满分 {_n(doc.maximum)} 分，折合 {_n(doc.rubric_total)} 分制为 {doc.normalized_total:.2f} 分"
    rows.append([_p("合　　计", s["cell_center"]), "", C(_n(doc.maximum)), C(_n(doc.total)), "", _p(normalized or "—", s["cell"])])
    styles += [("SPAN", (0, row), (1, row)), ("BACKGROUND", (0, row), (-1, row), SHADE), ("LINEABOVE", (0, row), (-1, row), 1.0, INK)]
    widths = [12 * mm, 44 * mm, 12 * mm, 13 * mm, 11 * mm, CONTENT_WIDTH - 92 * mm]
    return Table(rows, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1, style=_grid_style(*styles))


def _vetoes_table(doc: ScoreDocument, s: dict[str, ParagraphStyle]) -> Table:
    C = lambda text: _p(text, s["cell_center"])  # noqa: E731
    rows: list[list[object]] = [[C("编号"), C("否决项"), C("结论"), C("理由")]]
    for veto in doc.vetoes:
        verdict = f"{CHECKED} 提出否决" if veto.raised else f"{UNCHECKED} 未提出"
        rows.append([C(veto.id), _p(veto.title, s["cell"]), C(verdict), _p(veto.reason or "—", s["cell"])])
    widths = [12 * mm, 74 * mm, 22 * mm, CONTENT_WIDTH - 108 * mm]
    raised = [("TEXTCOLOR", (2, i), (2, i), colors.HexColor("#9B1C1C")) for i, v in enumerate(doc.vetoes, 1) if v.raised]
    return Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, style=_grid_style(("BACKGROUND", (0, 0), (-1, 0), SHADE), *raised))


def _notes_table(doc: ScoreDocument, s: dict[str, ParagraphStyle]) -> Table:
    C = lambda text: _p(text, s["cell_center"])  # noqa: E731
    rows: list[list[object]] = [[C("时间"), C("专家提问"), C("申报单位答复"), C("关联指标")]]
    for note in doc.notes:
        rows.append([_p(f"{_local(note.asked_at):%m-%d}<br/>{_local(note.asked_at):%H:%M}", s["cell_center"], markup=True), _p(note.question or "—", s["cell"]), _p(note.answer or "—", s["cell"]), C("、".join(note.criteria) or "—")])
    widths = [18 * mm, 66 * mm, CONTENT_WIDTH - 104 * mm, 20 * mm]
    return Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, style=_grid_style(("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 1), (-1, -1), "TOP")))


def _inspection_parts(doc: ScoreDocument, s: dict[str, ParagraphStyle], figure_numbers: Mapping[str, int]) -> list[Flowable]:
    inspection = doc.inspection
    assert inspection is not None
    C = lambda text: _p(text, s["cell_center"])  # noqa: E731
    when = f"考察时间：{_when(inspection.started_at)} 至 {_when(inspection.finished_at)}"
    who = f"考察人员：{'、'.join(inspection.inspectors) or '—'}"
    rows: list[list[object]] = [[C("编号"), C("检查项"), C("结论"), C("核实情况与说明"), C("照片")]]
    for item in inspection.items:
        details = "；".join(part for part in (item.observed and f"实际情况：{item.observed}", item.note) if part)
        if item.discrepancy:
            details = f"【与申报不符】{details}"
        figures = "、".join(f"图{figure_numbers[m]}" for m in item.attachments if m in figure_numbers)
        rows.append([C(item.id), _p(f"{item.section}／{item.title}", s["cell"]), C(item.result or "未检查"), _p(details or "—", s["cell"]), C(figures or "—")])
    widths = [12 * mm, 48 * mm, 18 * mm, CONTENT_WIDTH - 96 * mm, 18 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1, style=_grid_style(("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 1), (-1, -1), "TOP")))
    parts: list[Flowable] = [_p(f"{when}　　{who}", s["cell"]), Spacer(1, 2 * mm), table]
    if inspection.site_notes:
        parts += [Spacer(1, 2 * mm), _p(f"现场记录：{inspection.site_notes}", s["cell"])]
    if figure_numbers:
        parts.append(_p("现场照片见附录。", s["small"]))
    return parts


def _opinion_parts(doc: ScoreDocument, s: dict[str, ParagraphStyle], recommendations: list[tuple[str, str]]) -> list[Flowable]:
    opinion = Table([[_p(doc.opinion or "—", s["body"])]], colWidths=[CONTENT_WIDTH], style=_grid_style(("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)), splitInRow=1)
    choices = recommendations or ([(doc.recommendation_id, doc.recommendation_title)] if doc.recommendation_id else [])
    marks = "　　".join(f"{CHECKED if rid == doc.recommendation_id else UNCHECKED} {escape(title)}" for rid, title in choices)
    return [opinion, Spacer(1, 2.5 * mm), _p(f"推荐意见：　{marks or '—'}", s["base"], markup=True)]


def _declarations_parts(doc: ScoreDocument, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    d = doc.declarations
    if not d.conflict_answer:  # only in a draft
        conflict = f"回避声明：{escape(d.conflict_text)}<br/>（尚未声明）"
    elif d.conflict_answer == "declared":
        conflict = f"回避声明：{escape(d.conflict_text)}<br/>本人存在利益冲突，申请回避。理由：{_text(d.conflict_reason)}（声明时间 {_when(d.conflict_at)}）"
    else:
        conflict = f"回避声明：{escape(d.conflict_text)}<br/>本人确认不存在利益冲突（声明时间 {_when(d.conflict_at)}）。"
    if d.related_units:  # one answer per unit the application lists
        declared = [f"{escape(a.unit)}（{escape(a.relation)}）：{_text(a.description)}" for a in d.related_units if a.has_relation]
        conflict += f"<br/>对申报材料所列 {len(d.related_units)} 个关联单位逐一声明：" + ("；".join(declared) if declared else "均无关系") + "。"
    rows = [[_p(conflict, s["cell"], markup=True)]]
    if not doc.is_recusal:
        rows.append([_p(f"保密承诺：{escape(d.confidentiality_text)}<br/>本人已作出上述承诺（承诺时间 {_when(d.confidentiality_at)}）。", s["cell"], markup=True)])
    return [Table(rows, colWidths=[CONTENT_WIDTH], style=_grid_style(("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)))]


def _signature_block(doc: ScoreDocument, s: dict[str, ParagraphStyle], handwritten: Image | None, spot: _Spot, preview: bool) -> Table:
    L = lambda text: _p(text, s["label"])  # noqa: E731
    confirm = "本人对上述评分、意见和声明负责。" if not doc.is_recusal else "本人对上述声明负责。"
    hand: Flowable = handwritten if handwritten is not None else _p("（未附手写签名）", s["small"])
    date = f"{doc.revision.signed_at:%Y年%m月%d日}"  # the signer's own date, as signed
    fp_text = keys.format_fingerprint(doc.expert.fingerprint)
    rows = [
        [_p(confirm, s["cell"]), "", "", ""],
        [L("专家签名"), hand, L("电子签名"), _SignatureSpot(spot, preview, s["small"])],
        [L("签署日期"), _p(date, s["cell"]), L("证书指纹"), _p(fp_text, s["mono"])],
    ]
    widths = [20 * mm, 62 * mm, 20 * mm, CONTENT_WIDTH - 102 * mm]
    return Table(
        rows,
        colWidths=widths,
        rowHeights=[None, SIGNATURE_BOX[1] + 6, None],
        style=_grid_style(("SPAN", (0, 0), (3, 0)), ("BACKGROUND", (0, 1), (0, 2), SHADE), ("BACKGROUND", (2, 1), (2, 2), SHADE), ("ALIGN", (1, 1), (1, 1), "CENTER"), ("ALIGN", (3, 1), (3, 1), "CENTER")),
    )


# --- images -----------------------------------------------------------------------------------


class ImageUnreadable(ValueError):
    """An image that cannot (or should not) be decoded."""


def _load_image(data: bytes, max_pixels: int):  # noqa: ANN202 - PIL.Image.Image
    """A completely decoded, upright RGB image fitted in max_pixels, by the same decoder as
    evidence import (so every format accepted there is drawn here, within the same memory
    bounds); anything it refuses raises ImageUnreadable."""
    from reviewer_app import pictures

    try:
        return pictures.decode(data, max_pixels).image
    except pictures.PictureRefused as exc:
        raise ImageUnreadable(str(exc)) from None


def _jpeg(image) -> bytes:  # noqa: ANN001
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, optimize=False)
    return out.getvalue()


def _fit(image, width: float, height: float) -> Image:  # noqa: ANN001
    scale = min(width / image.width, height / image.height)
    return Image(io.BytesIO(_jpeg(image)), width=image.width * scale, height=image.height * scale)


def _handwritten(png: bytes | None) -> Image | None:
    if not png:
        return None
    try:
        image = _load_image(png, 1200)
    except ImageUnreadable:
        from reviewer_app.errors import QT_TRANSLATE_NOOP
        from reviewer_app.export.errors import SignRefused

        raise SignRefused(QT_TRANSLATE_NOOP("Errors", "The handwritten signature image cannot be read; draw or load it again.")) from None
    return _fit(image, 58 * mm, SIGNATURE_BOX[1])


def _decoded_or_none(data: bytes):  # noqa: ANN202
    try:
        return _load_image(data, THUMBNAIL_PIXELS)
    except ImageUnreadable:
        return None


def _appendix(doc: ScoreDocument, s: dict[str, ParagraphStyle], images: Mapping[str, bytes], figure_numbers: Mapping[str, int]) -> list[Flowable]:
    items = {i.id: i for i in doc.inspection.items} if doc.inspection else {}
    cells: list[Flowable] = []
    cell_width = (CONTENT_WIDTH - 6 * mm) / 2
    shown = [a for a in doc.attachments if a.member in figure_numbers]
    # One at a time: pictures.decode holds at most one full-size decode in the process.
    decoded = {a.member: _decoded_or_none(images[a.member]) for a in shown}
    for attachment in shown:
        number = figure_numbers[attachment.member]
        image = decoded[attachment.member]
        picture: Flowable = _fit(image, cell_width - 4 * mm, 62 * mm) if image is not None else _p("（此照片无法显示，原件见附件）", s["small"])
        item = items.get(attachment.checklist_item or "")
        where = f"{item.id} {item.title}" if item else "未归入检查项"
        caption = (
            f"图{number}　{escape(where)}<br/>"
            f"<font size=7.5>{escape(attachment.file_name)}　拍摄 {_when(attachment.captured_at)}<br/>"
            f"<font name={MONO_FONT}>SHA-256 {attachment.sha256[:32]}…</font></font>"
        )
        cells.append(Table([[picture], [_p(caption, s["cell"], markup=True)]], colWidths=[cell_width], style=TableStyle([("FONT", (0, 0), (-1, -1), FONT), ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP")])))
    rows = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
    grid = Table(rows, colWidths=[cell_width + 3 * mm] * 2, style=TableStyle([("FONT", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    others = [a for a in doc.attachments if a.member not in figure_numbers]
    parts: list[Flowable] = [_p("附录　现场考察照片", s["heading"]), grid]
    if others:
        listed = "；".join(f"{escape(a.file_name)}（{a.member}）" for a in others)
        parts.append(_p(f"其他附件：{listed}", s["small"], markup=True))
    return parts


# --- the sheet ---------------------------------------------------------------------------------


def render(
    doc: ScoreDocument,
    score_sha256: str,
    *,
    handwritten_png: bytes | None = None,
    images: Mapping[str, bytes] | None = None,
    recommendations: list[tuple[str, str]] | None = None,
    preview: bool = False,
    missing: list[str] | None = None,
) -> RenderedSheet:
    """The score sheet of `doc` as PDF bytes and where its signature field belongs.

    `images` maps attachment member names (as in `doc.attachments`) to their bytes; images
    among them appear as thumbnails in the appendix. `recommendations` lists the review's
    (id, title) choices so the sheet shows them all, the chosen one ticked. `preview` makes
    it a draft (草稿 on every page, no fingerprint), listing `missing` on the first page.
    """
    from reportlab import rl_config

    register_fonts()
    token = _ZONE.set(doc.revision.signed_at.tzinfo)
    # Images as binary streams, not ASCII85: 25 % smaller, and reportlab's pure-Python encoder
    # (without the optional rl_accel) would cost half a second for 20 photos.
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        return _render(doc, score_sha256, handwritten_png, images or {}, recommendations, preview, missing or [])
    finally:
        rl_config.useA85 = a85
        _ZONE.reset(token)


def _render(doc: ScoreDocument, score_sha256: str, handwritten_png: bytes | None, images: Mapping[str, bytes], recommendations: list[tuple[str, str]] | None, preview: bool, missing: list[str]) -> RenderedSheet:
    s = _styles()
    spot = _Spot()
    figure_numbers: dict[str, int] = {}
    for attachment in doc.attachments:
        if attachment.media_type.startswith("image/") and attachment.member in images:
            figure_numbers[attachment.member] = len(figure_numbers) + 1
    story: list[Flowable] = [*_title_block(doc, s)]
    if preview:
        story += [_draft_box(missing, s), Spacer(1, 3 * mm)]
    story.append(_info_table(doc, s, preview))
    if doc.revision.number > 1 and not doc.is_recusal:
        story += _changes_parts(doc, s)
    number = 0

    def heading(title: str) -> Paragraph:
        nonlocal number
        number += 1
        return _heading(number, title, s)

    if doc.is_recusal:
        story += [heading("回避声明与签名")]
    else:
        story += [heading("评分"), _scores_table(doc, s)]
        if doc.vetoes:
            story += [CondPageBreak(30 * mm), heading("否决项"), _vetoes_table(doc, s)]
        if doc.notes:
            story += [CondPageBreak(30 * mm), heading("现场答辩记录"), _notes_table(doc, s)]
        if doc.inspection is not None:
            story += [CondPageBreak(40 * mm), heading("现场考察"), *_inspection_parts(doc, s, figure_numbers)]
        story += [CondPageBreak(40 * mm), heading("综合评价意见与推荐意见"), *_opinion_parts(doc, s, recommendations or [])]
        if figure_numbers:
            story += [PageBreak(), *_appendix(doc, s, images, figure_numbers)]
        story += [Spacer(1, 2 * mm)]
    closing: list[Flowable] = []
    if not doc.is_recusal:
        closing.append(heading("声明与签名"))
    closing += [*_declarations_parts(doc, s), Spacer(1, 3 * mm), _signature_block(doc, s, _handwritten(handwritten_png), spot, preview)]
    story.append(KeepTogether(closing))
    buffer = io.BytesIO()
    kind = "回避声明" if doc.is_recusal else "专家评分表"
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{kind} — {doc.application.title} — {doc.expert.name}",
        author=doc.expert.name,
        subject=f"score.json SHA-256 {score_sha256}",
        keywords=f"bundle {doc.bundle.bundle_id}; revision {doc.revision.number}; {doc.kind}" + ("; draft, not signed" if preview else ""),
        creator=f"reviewer-app {__version__}",
        initialFontName=FONT,
    )
    document.build(story, canvasmaker=_numbered_canvas(doc, score_sha256, preview))
    pdf = buffer.getvalue()
    if spot.page < 0:
        raise RuntimeError("the signature block was not laid out")
    return RenderedSheet(pdf, document.page, spot.page, spot.box)


__all__ = ["RenderedSheet", "register_fonts", "render"]
