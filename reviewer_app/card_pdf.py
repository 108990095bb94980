"""The printable enrolment card: one A4 page the expert hands over and the organization signs.

The certificate fingerprint is the point of the page: the organization compares it, group by
group, with the one computed from the card file (`reviewer-org enrol`), so it is printed
large in a monospaced face. The CJK font ships with the app and is embedded as a subset.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reviewer_app import __version__, durable, keys
from reviewer_app.identity import PublicIdentity
from reviewer_app.pdf_fonts import FONT, MONO_FONT, register_fonts

GRID = colors.HexColor("#888888")



def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=10.5, leading=15, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", base, fontSize=22, leading=28, alignment=TA_CENTER),
        "subtitle": ParagraphStyle(
            "subtitle", base, fontSize=12, leading=16, alignment=TA_CENTER, textColor=colors.dimgrey
        ),
        "heading": ParagraphStyle("heading", base, fontSize=12.5, leading=18, spaceBefore=8, spaceAfter=4),
        "label": ParagraphStyle("label", base, textColor=colors.dimgrey),
        "value": ParagraphStyle("value", base, fontSize=12, leading=16),
        "mono": ParagraphStyle("mono", base, fontName=MONO_FONT, fontSize=10.5, leading=15),
        "note": ParagraphStyle("note", base, fontSize=9.5, leading=14),
        "small": ParagraphStyle("small", base, fontSize=9, leading=12, textColor=colors.dimgrey),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _profile_table(public: PublicIdentity, s: dict[str, ParagraphStyle]) -> Table:
    profile, cert = public.profile, public.certificate
    validity = f"{cert.not_valid_before_utc:%Y-%m-%d} — {cert.not_valid_after_utc:%Y-%m-%d}"
    rows = [
        ("姓名 Name", profile.name),
        ("专业领域 Field", profile.field),
        ("工作单位 Affiliation", profile.affiliation),
        ("职称 Title", profile.title),
        ("电话 Phone", profile.phone),
        ("邮箱 Email", profile.email),
        ("证书有效期 Valid", validity),
    ]
    cells = [[_p(label, s["label"]), _p(value or "—", s["value"])] for label, value in rows]
    table = Table(cells, colWidths=[48 * mm, None])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),  # reportlab would otherwise declare an unembedded Helvetica
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def _fingerprint_table(fingerprint: str) -> Table:
    groups = keys.format_fingerprint(fingerprint).split()
    rows = [[f"{row + 1}"] + groups[row * 4 : row * 4 + 4] for row in range(4)]
    table = Table(rows, colWidths=[10 * mm] + [34 * mm] * 4, rowHeights=[13 * mm] * 4)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, -1), FONT, 10),
                ("TEXTCOLOR", (0, 0), (0, -1), colors.grey),
                ("FONT", (1, 0), (-1, -1), MONO_FONT, 24),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                ("INNERGRID", (1, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (1, 0), (-1, -1), colors.HexColor("#F4F4F4")),
            ]
        )
    )
    return table


def _signature_table(s: dict[str, ParagraphStyle]) -> Table:
    cell = "签字 Signature:<br/><br/><br/><br/>日期 Date:"
    rows = [
        [_p("专家签字 / Expert", s["heading"]), _p("组织核对签字 / Checked by", s["heading"])],
        [Paragraph(cell, s["note"]), Paragraph(cell, s["note"])],
    ]
    table = Table(rows, colWidths=[85 * mm, 85 * mm], rowHeights=[10 * mm, 34 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT),
                ("BOX", (0, 0), (0, -1), 1, colors.black),
                ("BOX", (1, 0), (1, -1), 1, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def card_pdf_bytes(public: PublicIdentity, printed_at: dt.datetime | None = None) -> bytes:
    """The enrolment card as PDF bytes."""
    register_fonts()
    printed_at = printed_at or dt.datetime.now().astimezone()
    s = _styles()
    recipient = public.age_recipient
    story = [
        _p("评审专家注册卡", s["title"]),
        _p("Expert enrolment card", s["subtitle"]),
        Spacer(1, 5 * mm),
        _profile_table(public, s),
        _p("证书指纹 (SHA-256) / Certificate fingerprint", s["heading"]),
        _fingerprint_table(public.fingerprint),
        Spacer(1, 2 * mm),
        _p("请当面逐组朗读并核对以上 16 组指纹，全部一致方可登记。"
           " Read the 16 groups aloud together and compare each one; enrol only if all match.", s["note"]),
        _p("加密公钥 (age) / Encryption key", s["heading"]),
        Paragraph(f"{escape(recipient[:31])}<br/>{escape(recipient[31:])}", s["mono"]),
        _p("此公钥写在证书内，指纹一致即证明公钥无误。"
           " The key is part of the certificate: matching fingerprints confirm it too.", s["small"]),
        Spacer(1, 6 * mm),
        _signature_table(s),
        Spacer(1, 4 * mm),
        _p(f"打印时间 Printed: {printed_at:%Y-%m-%d %H:%M %Z}    reviewer-app {__version__}", s["small"]),
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=16 * mm,
        bottomMargin=14 * mm,
        title="评审专家注册卡 / Expert enrolment card",
        author=public.profile.name,
        subject=public.fingerprint,
        creator=f"reviewer-app {__version__}",
        initialFontName=FONT,  # else reportlab declares an unembedded Helvetica
    )
    document.build(story)
    return buffer.getvalue()


def write_card_pdf(public_identity: PublicIdentity, path: Path) -> None:
    """Write the one-page A4 enrolment card to `path` (atomically)."""
    durable.write_bytes(Path(path), card_pdf_bytes(public_identity))
