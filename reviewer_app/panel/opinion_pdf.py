"""The group opinion (专家组意见) as an A4 PDF, rendered from opinion.json and the statements.

Same look as the score sheet (its styles, the shipped CJK font embedded as a subset). Every
page's footer prints the SHA-256 of opinion.json; `check_agreement` reads the text back
(PDFium) and refuses a PDF that does not show that SHA-256, the conclusion and every
member's decision, so the JSON and the PDF of one file cannot tell different stories.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reviewer_app import __version__, keys, rubric
from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.export.sheet_check import page_text
from reviewer_app.export.sheet_pdf import CONTENT_WIDTH, GRID, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, SHADE, _styles
from reviewer_app.panel.opinion import AGREE, OpinionRefused, Statement
from reviewer_app.pdf_fonts import FONT, MONO_FONT, register_fonts

DECISION = {AGREE: "同意", "dissent": "不同意（持保留意见）"}
RULING = {"confirmed": "确认否决", "dismissed": "不予认定"}
ANSWER = {"amendment": "修订评分（新版本）", "justification": "书面说明，维持原分"}


def _n(value: object) -> str:
    return "—" if value is None else rubric.format_score(round(float(value), 2))  # type: ignore[arg-type]


def _p(text: str, style) -> Paragraph:  # noqa: ANN001
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _table(rows: list[list[object]], widths: list[float], header_rows: int = 1) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, header_rows - 1), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("FONTNAME", (0, 0), (-1, -1), FONT),
    ]))  # fmt: skip
    return table


MEMBERS_HEAD = ("姓名", "领域", "证书指纹")
SIGNATURES_HEAD = ("成员", "意见", "理由", "签署时间")


def _score_head(opinion: Mapping) -> list[str]:
    names = _names(opinion)
    return ["指标", "满分", *[names.get(m["fingerprint"], "?") for m in opinion["scores"]["members"]], "均值", "截尾均值", "极差", "采用"]


def _names(opinion: Mapping) -> dict[str, str]:
    return {m["fingerprint"]: m["name"] for m in opinion["panel"]}


def _score_table(opinion: Mapping, s: dict) -> Table:
    members = [m["fingerprint"] for m in opinion["scores"]["members"]]
    head = _score_head(opinion)
    rows: list[list[object]] = [[_p(h, s["label"]) for h in head]]
    for c in opinion["scores"]["criteria"]:
        by_member = {x["fingerprint"]: x for x in c["scores"]}
        cells = [_p(f"{c['id']} {c['title']}", s["cell"]), _p(_n(c["maximum"]), s["cell_center"])]
        for fp in members:
            x = by_member.get(fp)
            cells.append(_p("—" if x is None else _n(x["value"]) + ("▲" if x["outlier"] else ""), s["cell_center"]))
        cells += [_p(_n(c[k]), s["cell_center"]) for k in ("mean", "trimmed_mean", "spread", "used")]
        rows.append(cells)
    fixed = 2 * 12 * mm + 3 * 14 * mm
    first = 44 * mm
    each = (CONTENT_WIDTH - first - fixed) / max(1, len(members))
    return _table(rows, [first, 12 * mm, *[each] * len(members), 12 * mm, 14 * mm, 12 * mm, 14 * mm])


def render(opinion: Mapping, opinion_sha256: str, statements: Sequence[Statement]) -> bytes:
    """The PDF; deterministic for the same inputs (reportlab's invariant mode)."""
    register_fonts()
    s = _styles()
    names = _names(opinion)
    app = opinion["application"]
    story: list = [
        _p("专家组意见", s["title"]),
        _p(f"{opinion['review_title']}　{opinion['session_date']}", s["caption"]),
        Spacer(1, 4 * mm),
        _table([
            [_p("申报单位", s["label"]), _p(app["applicant"], s["cell"])],
            [_p("项目名称", s["label"]), _p(f"{app['title']}（{app['id']}）", s["cell"])],
            [_p("组织单位", s["label"]), _p(opinion["organization"], s["cell"])],
            [_p("专家组组长", s["label"]), _p(names.get(opinion["leader"]["fingerprint"], "") + ("（封装时指定）" if opinion["leader"]["named_at"] == "seal" else "（评审当日由专家组推选，经全体成员签署确认）"), s["cell"])],
        ], [30 * mm, CONTENT_WIDTH - 30 * mm], header_rows=0),
        _p("一、专家组成员", s["heading"]),
        _table([[_p(h, s["label"]) for h in MEMBERS_HEAD]]
               + [[_p(m["name"], s["cell"]), _p(m["field"], s["cell"]), _p(keys.format_fingerprint(m["fingerprint"]), s["mono"])] for m in opinion["panel"]],
               [28 * mm, 40 * mm, CONTENT_WIDTH - 68 * mm]),
    ]  # fmt: skip
    if opinion["recused"]:
        story.append(_p("回避：" + "、".join(names.get(fp, "?") for fp in opinion["recused"]), s["small"]))
    if opinion["not_returned"]:
        story.append(_p("未提交评分：" + "、".join(names.get(fp, "?") for fp in opinion["not_returned"]), s["small"]))
    method = opinion["method"]
    rule = f"去掉最高、最低各 {method['trim']} 个分数后取平均（评分专家不少于 {method['trim_min']} 人时），否则取平均" if method["statistic"] == "trimmed_mean" else "取平均"
    story += [
        _p("二、专家组评分", s["heading"]),
        _p(f"计分方法：各指标{rule}；▲ 表示与该指标中位数之差超过满分的 {round(method['outlier_share'] * 100)}%。", s["small"]),
        Spacer(1, 2 * mm),
        _score_table(opinion, s),
        Spacer(1, 2 * mm),
        _p(f"专家组评分：{_n(opinion['scores']['score'])} 分（满分 {_n(opinion['scores']['rubric_total'])} 分）", s["body"]),
        _p("三、否决项认定", s["heading"]),
    ]
    if opinion["vetoes"]:
        for v in opinion["vetoes"]:
            raised = "；".join(f"{names.get(r['fingerprint'], '?')}：{r['reason'].rstrip('。')}" for r in v["raised_by"])
            story.append(_p(f"{v['id']} {v['title']} — 专家组{RULING[v['ruling']]}。提出：{raised}。理由：{v['reason']}", s["body"]))
    else:
        story.append(_p("无专家提出否决项。", s["body"]))
    story.append(_p("四、复核记录", s["heading"]))
    if opinion["rechecks"]:
        for r in opinion["rechecks"]:
            revision = f"（第 {r['revision']} 版）" if r.get("revision") else ""
            story.append(_p(f"{names.get(r['member'], '?')} — 指标 {'、'.join(r['criteria'])}：{r['question']} 答复：{ANSWER[r['answer']]}{revision}。{r['detail']}", s["body"]))
    else:
        story.append(_p("无复核。", s["body"]))
    story += [
        _p("五、主要优点", s["heading"]), _p(opinion["strengths"] or "—", s["body"]),
        _p("六、主要问题与不足", s["heading"]), _p(opinion["weaknesses"] or "—", s["body"]),
    ]
    if opinion["conditions"]:
        story += [_p("七、修改完善要求", s["heading"]), _p(opinion["conditions"], s["body"])]
    story += [
        _p("专家组结论", s["heading"]),
        _p(f"专家组结论：■ {opinion['conclusion']['title']}", s["body"]),
        _p("专家组成员签署", s["heading"]),  # each member named as the sealed panel names them, not as a statement names itself
        _table([[_p(h, s["label"]) for h in SIGNATURES_HEAD]]
               + [[_p(names.get(x.signer, "?"), s["cell"]), _p(DECISION[x.decision], s["cell"]), _p(x.reason or "—", s["cell"]), _p(x.signed_at, s["small"])] for x in statements],
               [26 * mm, 34 * mm, CONTENT_WIDTH - 100 * mm, 40 * mm]),
        Spacer(1, 2 * mm),
        _p("每位成员以本人证书对 opinion.json 的 SHA-256 及其意见作出独立签名（signatures/*.json.p7s），核验方法见 docs/verify.md。", s["small"]),
    ]  # fmt: skip

    def footer(canvas, document) -> None:  # noqa: ANN001
        canvas.saveState()
        canvas.setFont(MONO_FONT, 7)
        canvas.drawString(MARGIN_X, 10 * mm, f"opinion.json SHA-256 {opinion_sha256}")
        canvas.setFont(FONT, 7)
        canvas.drawString(MARGIN_X, 14 * mm, f"专家组意见 · {opinion['application']['id']} · 评审包 {opinion['bundle_id']}")
        canvas.drawRightString(A4[0] - MARGIN_X, 14 * mm, f"第 {document.page} 页")
        canvas.restoreState()

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=f"专家组意见 — {app['title']}", subject=f"opinion.json SHA-256 {opinion_sha256}", creator=f"reviewer-app {__version__}",
        initialFontName=FONT, invariant=1,
    )  # fmt: skip
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _spaced(text: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in text if not ch.isspace())


def check_agreement(pdf: bytes, opinion: Mapping, opinion_sha256: str, statements: Sequence[Statement], file: str) -> None:
    """Refuse a PDF that does not show this opinion.json's SHA-256, conclusion and decisions."""
    from reviewer_app.export.errors import PackageRefused

    try:
        text = page_text(pdf)
    except PackageRefused:
        raise OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The PDF in {file} is damaged."), file=file) from None
    differs = OpinionRefused(QT_TRANSLATE_NOOP("Errors", "The PDF in {file} does not show what its opinion.json says."), file=file)
    if re.search(_spaced(opinion_sha256), text) is None:
        raise differs
    if re.search(_spaced(f"专家组结论：■ {opinion['conclusion']['title']}"), text) is None:
        raise differs
    for x in statements:
        if re.search(_spaced(_names(opinion).get(x.signer, "?")) + r"\s*" + _spaced(DECISION[x.decision]), text) is None:
            raise differs
    # Everything else too (scores, rulings, texts, re-checks): the text this app renders from the
    # same opinion.json and statements, in the same order; whitespace, page footers and repeated
    # header rows aside (where a page breaks is the layout's business, not the opinion's).
    order = {fp: i for i, fp in enumerate(m["fingerprint"] for m in opinion["panel"])}
    expected = page_text(render(opinion, opinion_sha256, sorted(statements, key=lambda x: order.get(x.signer, len(order)))))
    if _body(text, opinion) != _body(expected, opinion):
        raise differs


def _body(text: str, opinion: Mapping) -> str:
    """The PDF's text without whitespace, without the footer each page repeats and without the
    tables' header rows (repeated where a table continues on the next page)."""
    text = re.sub(r"\s+", "", text)
    repeated = [f"专家组意见 · {opinion['application']['id']} · 评审包 {opinion['bundle_id']}", "".join(_score_head(opinion)), "".join(MEMBERS_HEAD), "".join(SIGNATURES_HEAD)]
    pattern = "|".join(re.escape(re.sub(r"\s+", "", r)) for r in repeated)
    return re.sub(rf"opinion\.jsonSHA-256[0-9a-f]{{64}}|{pattern}|第\d+页", "", text)
