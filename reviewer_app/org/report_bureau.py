"""The bureau's pages of report.pdf: conclusions against the pass line, the 公示 list,
attendance and quorum, inspection discrepancies, leniency, agreement, the package index;
and the organization's PAdES signature over the whole report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak

from reviewer_app.org.bureau import NOT_RULED, UNRETURNED, BureauReport, quorum_needed
from reviewer_app.org.report_pdf import RED, WIDTH, _drawn_as, _lines, _p, _table, scale_text

NO_PROPOSAL = "无项目符合列入条件。"
NO_PASS_LINE = "未设及格线，不提出拟公示名单。"
SIGNATURE_FIELD = "OrganizationSignature"
SIGNATURE_BOX = (45.0, 560.0, 300.0, 640.0)  # on the last page, which holds only the signature note


def signature_page(organization: str, s: dict) -> list[object]:
    """The last page: what the signature covers; the signature field goes into its empty middle."""
    return [
        PageBreak(),
        _p("组织单位电子签章", s["h1"]),
        _p(f"本报告由 {organization} 以其组织证书作 PDF 电子签名（PAdES），签名覆盖整份文件；任何改动都会使签名失效。"
           "核验方法见随附的 docs/verify.md（pdfsig report.pdf）。", s["base"]),
    ]


def bureau_parts(report: BureauReport, s: dict) -> Iterator[list[object]]:
    """The bureau's pages, part by part: each table is made only when the pages before it are laid out."""
    line = f"及格线 {report.pass_line:g} 分（{scale_text([r.application for r in report.rows])}的综合得分不低于及格线为达到）" if report.pass_line is not None else "未设及格线"
    yield [_p("评审结论（供主管部门决定）", s["h1"]), _p(f"{line}；法定人数：有效评分专家不少于应到专家的 {report.quorum:.0%}（向上取整）。", s["small"])]
    red = ParagraphStyle("red", s["cell"], textColor=RED)
    rows: list[list[object]] = [["排名", "项目编号", "综合得分", "结果", "专家组结论 / 否决项", _p("应到 / 有效 / 回避", s["cell"]), "未提交", "法定人数"]]
    marks = []
    for i, r in enumerate(report.rows, 1):
        a = r.attendance
        ruling = r.ruling.conclusion + ("\n否决项：" + "；".join(r.ruling.vetoes) if r.ruling.vetoes else "")
        ruling += f"\n[专家组意见 {r.ruling.source}]" if r.ruling.ruled else f"\n[{NOT_RULED}]"
        ruling += "".join(f"\n评分人数不足：{x.describe()}" for x in r.shortfalls)
        quorum = "—" if a is None else f"达到（需{a.quorum_needed}）" if a.quorum_met else _p(f"未达到（需{a.quorum_needed}）", red)
        rows.append([
            str(r.application.rank), r.application.application_id, f"{r.application.scaled_score:.2f}", r.verdict, _p(ruling, s["cell"]),
            f"{a.panel} / {len(a.returned)} / {len(a.recused)}" if a else "—", _p("、".join(a.missing) or "无", s["cell"]) if a else "—", quorum,
        ])
        if r.verdict != "达到及格线":
            marks.append(("TEXTCOLOR", (3, i), (3, i), RED))
    for u in report.unreturned:  # sealed for this review, nothing came back: every member missing
        rows.append(["—", u.application_id, "—", _p(UNRETURNED, red), _p(f"{u.title}\n{u.applicant}", s["cell"]), f"{len(u.panel)} / 0 / 0",
                     _p("、".join(u.panel), s["cell"]), _p(f"未达到（需{quorum_needed(len(u.panel), report.quorum)}）", red)])
    yield [_table(rows, [10 * mm, 21 * mm, 15 * mm, 18 * mm, 53 * mm, 20 * mm, 20 * mm, WIDTH - 157 * mm], *marks)]
    if report.unreturned:
        yield [_p(f"{len(report.unreturned)} 个项目已为本次评审封装评审包，但未收到任何评分包（见上表“{UNRETURNED}”），未予评分。", s["small"])]
    proposed = report.proposed()
    rows = [["序号", "项目编号", "申报项目", "申报单位", "综合得分"]]
    rows += [[str(n), r.application.application_id, _p(r.application.title, s["cell"]), _p(r.application.applicant, s["cell"]), f"{r.application.scaled_score:.2f}"] for n, r in enumerate(proposed, 1)]
    yield [KeepTogether([
        _p("拟公示名单（建议）", s["h2"]),
        _p("按综合得分排序：各指标采用值（评分专家达到去极值人数时去掉最高分和最低分后平均，否则取平均）之和；"
           "得分（保留两位小数）相同的项目名次并列，按项目编号先后列出。"
           "列入条件：达到及格线、无否决项、达到法定人数、各指标评分专家人数不少于评分细则的要求。最终名单由主管部门根据综合评审、现场答辩及现场考察结果确定。", s["small"]),
        _table(rows, [12 * mm, 26 * mm, 62 * mm, 56 * mm, WIDTH - 156 * mm]) if proposed else _p(NO_PROPOSAL if report.pass_line is not None else NO_PASS_LINE, s["base"]),
    ])]
    yield evaluation_parts(report, s)
    stages = [["项目编号", "阶段", "结果"]]
    for r in report.rows:
        stages.append([r.application.application_id, "综合评审与现场答辩（评分）", f"{r.application.scaled_score:.2f} 分，{r.verdict}"])
        inspected = [d for d in r.discrepancies]
        stages.append([r.application.application_id, "现场考察（核查清单）", _p(f"与申报材料不一致 {len(inspected)} 项" + "".join(f"\n· {d.item}：{d.observed or d.result}（{d.expert}）" for d in inspected), s["cell"])])
    yield [_p("分阶段结果", s["h2"]), _table(stages, [26 * mm, 50 * mm, WIDTH - 76 * mm])]
    rows = [["专家", "领域", "评分数", "平均偏差（占满分）", "标准化 z"]]
    rows += [[x.expert, x.field, str(x.scores), f"{x.mean_deviation:+.1%}", "—" if x.z is None else f"{x.z:+.2f}"] for x in report.leniency]
    lenient = [("TEXTCOLOR", (4, i), (4, i), RED) for i, x in enumerate(report.leniency, 1) if x.z is not None and abs(x.z) >= 1.5]
    yield [KeepTogether([
        _p("专家宽严度", s["h2"]),
        _p("每个评分与同一指标其他专家平均分之差占该指标满分的比例，按专家平均；z 为各专家平均偏差的标准化值（|z| ≥ 1.5 标红）。", s["small"]),
        _table(rows, [24 * mm, 20 * mm, 16 * mm, 34 * mm, 20 * mm], *lenient),
    ])]
    rows = [["指标", "名称", "项目数", "专家数", "ICC(2,1)"]]
    rows += [[g.what, _p(g.title, s["cell"]), str(g.targets), str(g.raters), "—" if g.icc is None else f"{g.icc:.2f}"] for g in report.agreement]
    yield [KeepTogether([  # the heading stays with its table (the agreement has a row per criterion: a page at most)
        _p("评分一致性", s["h2"]),
        _p("ICC(2,1)：双向随机效应、绝对一致、单个评分者（Shrout & Fleiss 1979）；以项目为对象，仅计对全部项目都评分的专家；"
           "项目或专家少于 2 个时不计算（—）。越接近 1 一致性越好。", s["small"]),
        _table(rows, [16 * mm, 80 * mm, 16 * mm, 16 * mm, 20 * mm]),
    ])]
    rows = [["项目编号", "专家", "版本", "类别", "文件 / SHA-256"]]
    rows += [[i.application_id, i.expert, "—" if i.revision is None else str(i.revision), i.kind, _lines(f"{i.file}\n{i.sha256}", s["small"], WIDTH - 72 * mm)] for i in report.index]
    yield [_p("评分包索引（含专家组意见，供复核异议）", s["h2"]), _table(rows, [24 * mm, 18 * mm, 10 * mm, 20 * mm, WIDTH - 72 * mm], *_drawn_as(4, s["small"]))]


def evaluation_parts(report: BureauReport, s: dict) -> list[object]:
    """A periodic evaluation: each center's grade by the bundle's bands, and 连续两次不合格."""
    evaluated = report.evaluated
    if not evaluated:
        return []
    first = evaluated[0].assessment
    rows: list[list[object]] = [["项目编号", "申报单位", "评估期", "综合得分", "等级", "上次评估", "标记"]]
    marks = []
    for i, r in enumerate(evaluated, 1):
        a = r.assessment
        previous = f"{a.previous.period}：{a.previous.grade}" if a.previous else "—"  # type: ignore[union-attr]
        rows.append([r.application.application_id, _p(r.application.applicant, s["cell"]), a.period, f"{r.application.scaled_score:.2f}", a.grade, previous, _p(a.flag or "—", s["cell"])])  # type: ignore[union-attr]
        if a.failed:  # type: ignore[union-attr]
            marks.append(("TEXTCOLOR", (4, i), (4, i), RED))
        if a.flag:  # type: ignore[union-attr]
            marks.append(("TEXTCOLOR", (6, i), (6, i), RED))
    source = "、".join(report.earlier_files) if report.earlier_files else "未提供往期结果，不判断连续不合格"
    kinds = "、".join(dict.fromkeys(f"{r.assessment.kind}（{r.assessment.period}）" for r in evaluated))  # type: ignore[union-attr]
    return [KeepTogether([
        _p(f"评估等级：{kinds}", s["h2"]),
        _p(f"等级按材料包规定的分数段，以综合得分（保留两位小数）确定：{_bands_text(report)}。"
           f"连续两次评估为“{first.failing}”的（本期与该单位最近一次往期评估）标记“连续两次{first.failing}”。往期结果：{source}。", s["small"]),  # type: ignore[union-attr]
        _table(rows, [24 * mm, 40 * mm, 14 * mm, 16 * mm, 14 * mm, 24 * mm, WIDTH - 132 * mm], *marks),
    ])]


def _bands_text(report: BureauReport) -> str:
    return "；".join(dict.fromkeys(r.assessment.bands for r in report.evaluated if r.assessment is not None))


def sign_report(pdf: bytes, org, *, signed_at: dt.datetime | None = None) -> bytes:  # noqa: ANN001 - keys.OrgCredentials
    """The report with the organization's visible PAdES signature on its last page."""
    from reviewer_app.export import pdf_sign

    pages = _page_count(pdf)
    return pdf_sign.sign_pdf(
        pdf, page=pages - 1, box=SIGNATURE_BOX, certificate=org.certificate, private_key=org.private_key,
        signer_name=org.name, signer_field="", fingerprint=org.fingerprint,
        signed_at=signed_at or dt.datetime.now().astimezone(), reason="评审结果汇总报告", field_name=SIGNATURE_FIELD,
    )  # fmt: skip


def _page_count(pdf: bytes) -> int:
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Count"])

