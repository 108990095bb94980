"""Does the signed score sheet (score.pdf) say what the signed data (score.json) says?

Two independent links, both checked by `reviewer-org verify` (docs/formats.md "Score package"):

1. The PDF carries score.json as an attached file (/EmbeddedFiles "score.json"), added in the
   same revision as the PAdES signature, so the signature covers it; it must be byte for byte
   the package's score.json. A PDF signed over other data cannot pass.
2. The PDF's text (extracted with PDFium, the engine of Chrome's viewer) shows every number the
   organization counts: for each criterion the row "id title maximum score", each section's
   "maximum subtotal", the total row, each veto's verdict, and the recommendation marked ■
   with every other option □. A forger who signs a sheet showing other scores over the real
   score.json is caught here; every row for a criterion must show the same score.
Free text (comments, opinion) is not compared with the text layer: a glyph missing from the
font would refuse an honest sheet; it is bound through the attached score.json instead.
"""

from __future__ import annotations

import functools
import re

from reviewer_app import rubric
from reviewer_app.errors import QT_TRANSLATE_NOOP
from reviewer_app.export import pdf_sign
from reviewer_app.export.errors import refuse
from reviewer_app.export.score_json import ScoreDocument

EMBEDDED_NAME = "score.json"
EMBEDDED_TYPE = "application/json"
CHECKED, UNCHECKED = "■", "□"
_NUMBER = r"(\d+(?:\.\d+)?)"
DIFFERS = QT_TRANSLATE_NOOP("Errors", "score.pdf does not show what score.json says: {what}.")


def _n(value: float) -> str:
    return rubric.format_score(round(value, 2))


@functools.lru_cache(maxsize=4096)  # the same titles in every package of a review
def _spaced(text: str) -> str:
    """A pattern for `text` as extracted: line breaks and spaces may fall between any characters."""
    return r"\s*".join(re.escape(ch) for ch in text if not ch.isspace())


def page_text(pdf: bytes | pdf_sign.SignedSheet) -> str:
    if isinstance(pdf, pdf_sign.SignedSheet):
        return pdf.text()
    with pdf_sign.SignedSheet(pdf) as sheet:
        return sheet.text()


def _shown(text: str, pattern: str, expected: str, what: str) -> None:
    values = re.findall(pattern, text)
    if not values or any(v != expected for v in values):
        raise refuse(DIFFERS, what=what)


def check_agreement(pdf: bytes | pdf_sign.SignedSheet, json_bytes: bytes, doc: ScoreDocument) -> None:
    """PackageRefused unless the signed PDF carries exactly this score.json and shows its numbers
    (`pdf`: the bytes, or the sheet already opened for its signature check)."""
    attached = pdf_sign.embedded_files(pdf)
    if not attached:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "score.pdf does not carry its score.json, so nobody can prove that the sheet shows the signed data."))
    if attached != [(EMBEDDED_NAME, json_bytes)]:
        raise refuse(QT_TRANSLATE_NOOP("Errors", "The score.json attached to score.pdf is not the package's score.json."))
    if doc.is_recusal:
        return  # a recusal shows no score; its declaration is bound through the attached score.json
    text = page_text(pdf)
    for section in doc.sections:
        for c in section.criteria:
            pattern = rf"(?<![A-Za-z0-9]){_spaced(c.id)}\s*{_spaced(c.title)}\s+{re.escape(_n(c.maximum))}\s+{_NUMBER}(?![\d.])"
            _shown(text, pattern, _n(c.score), f"{c.id} {_n(c.score)}")
        _shown(text, rf"{_spaced(section.title)}\s+{re.escape(_n(section.maximum))}\s+{_NUMBER}\s*本部分小计", _n(section.subtotal), f"{section.title} {_n(section.subtotal)}")
    _shown(text, rf"合\s*计\s+{re.escape(_n(doc.maximum))}\s+{_NUMBER}(?![\d.])", _n(doc.total), f"合计 {_n(doc.total)}")
    for veto in doc.vetoes:
        verdict = f"{CHECKED}提出否决" if veto.raised else f"{UNCHECKED}未提出"
        if not re.search(rf"{_spaced(veto.id)}\s*{_spaced(veto.title)}\s*{_spaced(verdict)}", text):
            raise refuse(DIFFERS, what=f"{veto.id} {verdict}")
    if doc.recommendation_id is not None:
        line = re.search(r"推荐意见：(.*?)(?:[一二三四五六七八九十]、|$)", text, re.S)  # the line of options, up to the next heading
        options = line.group(1) if line else ""
        if not re.search(rf"{CHECKED}\s*{_spaced(doc.recommendation_title)}", options) or options.count(CHECKED) != 1:
            raise refuse(DIFFERS, what=f"推荐意见 {doc.recommendation_title}")
