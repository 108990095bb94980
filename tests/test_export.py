"""score.json and the PDF score sheet: schema round trip, strict parsing, completeness rules,
A4 with embedded fonts only, long comments split across pages, PAdES signature by the expert
accepted by poppler's pdfsig and by pyHanko, and any later byte change reported."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest

from package_fixtures import build, demo_review, demo_signer, members_of, opened_bundle, world_dir  # noqa: F401 - fixture
from reviewer_app.export import package as packages
from reviewer_app.export import pdf_sign, score_json, sheet_pdf
from reviewer_app.export.errors import PackageRefused
from reviewer_app.review.state import ScoreEntry

ALLIANCE = "GZ-2025-ZZ-03"
SELF_BUILT = "GZ-2025-ZZ-07"


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in command], capture_output=True, text=True, timeout=120)


def pdffonts_rows(path: Path) -> list[list[str]]:
    lines = run("pdffonts", path).stdout.splitlines()[2:]
    return [line.split() for line in lines if line.strip()]


def pdfsig_text(path: Path) -> str:
    result = run("pdfsig", path)  # its exit code is not reliable on Debian 12: read the text
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def inspected(world_dir: Path) -> packages.BuiltPackage:
    review = demo_review(world_dir, ALLIANCE, "lin-xiaomei")
    return build(world_dir, ALLIANCE, demo_signer(world_dir, "lin-xiaomei"), review.state, inspection=review.inspection, attachments=review.attachments, self_check=True)


def test_score_json_round_trips_and_answers_the_rubric(world_dir: Path, inspected: packages.BuiltPackage) -> None:
    doc = score_json.parse(inspected.score_json)
    assert score_json.to_json(doc) == inspected.score_json
    assert doc == inspected.document
    score_json.check_answers(doc, opened_bundle(world_dir, ALLIANCE).spec)
    data = json.loads(inspected.score_json)
    assert list(data) == list(score_json.TOP_KEYS)
    assert data["format"] == "reviewer-app/score" and data["format_version"] == 3
    assert data["bundle"]["sums_sha256"] == opened_bundle(world_dir, ALLIANCE).sums_sha256
    assert [a["member"] for a in data["attachments"]] == ["attachments/001.jpg", "attachments/002.jpg"]
    assert data["inspection"]["items"][1]["attachments"] == ["attachments/001.jpg"]
    assert inspected.score_sha256 == score_json.fingerprint_of(inspected.score_json)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(extra=1), "unexpected field 'extra'"),
        (lambda d: d.pop("opinion"), "missing field 'opinion'"),
        (lambda d: d.update(format_version=4), "format version 4"),
        (lambda d: d["revision"].pop("changes"), "missing field 'changes'"),
        (lambda d: d["revision"]["changes"].append({"item": "A1", "field": "mood", "old": "", "new": ""}), "known kind of change"),
        (lambda d: d.update(format="something/else"), "not a score package"),
        (lambda d: d["scores"]["sections"][0]["criteria"][0].update(score="7"), "must be a number"),
        (lambda d: d["scores"]["sections"][0]["criteria"][0].update(score=-1), "must be a number"),
        (lambda d: d["revision"].update(signed_at="2025-01-01T10:00:00"), "time zone"),
        (lambda d: d["expert"].update(fingerprint="AB:CD"), "fingerprint"),
        (lambda d: d["bundle"].update(bundle_id="../../etc"), "bundle_id"),
        (lambda d: d.update(kind="opinion"), "kind"),
    ],
)
def test_score_json_is_parsed_strictly(inspected: packages.BuiltPackage, mutate, expected: str) -> None:  # noqa: ANN001
    data = json.loads(inspected.score_json)
    mutate(data)
    with pytest.raises(PackageRefused) as raised:
        score_json.parse(json.dumps(data, ensure_ascii=False).encode())
    assert expected in str(raised.value)


@pytest.mark.parametrize("text", [b"", b"[]", b"{", b'{"a": NaN}', b'{"a": 1, "a": 2}', b"\xff"])
def test_score_json_that_is_not_a_json_object_is_refused(text: bytes) -> None:
    with pytest.raises(PackageRefused):
        score_json.parse(text)


def test_check_answers_names_the_first_problem(world_dir: Path) -> None:
    spec = opened_bundle(world_dir, SELF_BUILT).spec
    review = demo_review(world_dir, SELF_BUILT, "chen-zhiyuan")
    doc = build(world_dir, SELF_BUILT, demo_signer(world_dir, "chen-zhiyuan"), review.state).document
    score_json.check_answers(doc, spec)
    section, rest = doc.sections[0], doc.sections[1:]
    first = section.criteria[0]
    assert first.band != "差"
    wrong_band = dataclasses.replace(section, criteria=(dataclasses.replace(first, band="差"), *section.criteria[1:]))
    with pytest.raises(PackageRefused, match=f"band given for criterion {first.id}"):
        score_json.check_answers(dataclasses.replace(doc, sections=(wrong_band, *rest)), spec)
    assert "E1" not in {c.id for s in doc.sections for c in s.criteria}  # a finance criterion, not the technical expert's
    with pytest.raises(PackageRefused, match="not this expert's to score"):
        extra = dataclasses.replace(section, criteria=(*section.criteria, dataclasses.replace(first, id="E1", title="经费筹措与资金匹配", maximum=5, step=0.5, score=4, band="良")))
        extra = dataclasses.replace(extra, maximum=section.maximum + 5, subtotal=section.subtotal + 4)
        score_json.check_answers(dataclasses.replace(doc, sections=(extra, *rest), total=doc.total + 4, maximum=doc.maximum + 5), spec)


def test_sheet_is_a4_with_only_embedded_fonts(inspected: packages.BuiltPackage, tmp_path: Path) -> None:
    pdf = tmp_path / "score.pdf"
    pdf.write_bytes(dict(members_of(inspected.data))["score.pdf"])
    rows = pdffonts_rows(pdf)
    assert rows, "no fonts listed"
    for row in rows:
        name, emb, sub = row[0], row[-5], row[-4]
        assert "WenQuanYi" in name and emb == "yes" and sub == "yes", row
    info = run("pdfinfo", pdf).stdout
    assert re.search(r"Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)", info), info
    text = run("pdftotext", "-layout", pdf, "-").stdout.replace(" ", "")  # pdftotext drops CJK spacing
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    for page in range(1, pages + 1):
        assert f"第{page}/{pages}页" in text
    assert "专家评分表" in text and "林晓梅" in text and "附录" in text and "图1" in text
    assert inspected.score_sha256 in text
    assert inspected.document.bundle.bundle_id in text


def test_signature_is_valid_for_pdfsig_and_pyhanko_and_breaks_on_any_change(inspected: packages.BuiltPackage, tmp_path: Path, world_dir: Path) -> None:
    data = dict(members_of(inspected.data))["score.pdf"]
    pdf = tmp_path / "score.pdf"
    pdf.write_bytes(data)
    report = pdfsig_text(pdf)
    assert "Signature is Valid." in report and "Total document signed" in report, report
    assert "ETSI.CAdES.detached" in report and "林晓梅" in report
    info = pdf_sign.validate(data, demo_signer(world_dir, "lin-xiaomei").certificate)
    assert inspected.score_sha256 in info.subject
    for offset in (200, len(data) // 3, len(data) - 300):
        changed = tmp_path / f"changed-{offset}.pdf"
        changed.write_bytes(data[:offset] + bytes([data[offset] ^ 0x20]) + data[offset + 1 :])
        report = pdfsig_text(changed)
        assert "Signature is Valid." not in report, offset
        with pytest.raises(PackageRefused):
            pdf_sign.validate(changed.read_bytes(), demo_signer(world_dir, "lin-xiaomei").certificate)


def test_the_signature_field_is_visible_on_the_last_page(inspected: packages.BuiltPackage) -> None:
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(dict(members_of(inspected.data))["score.pdf"]))
    last = reader.root["/Pages"]["/Count"] - 1
    field = reader.embedded_signatures[0].sig_field
    x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
    assert x2 - x1 > 150 and y2 - y1 > 60, "the field must be visible"
    page_ref = field.raw_get("/P")
    assert page_ref.idnum == reader.root["/Pages"]["/Kids"].raw_get(last).idnum


def test_long_comments_wrap_and_split_across_pages(world_dir: Path, tmp_path: Path) -> None:
    review = demo_review(world_dir, SELF_BUILT, "lin-xiaomei")
    first = next(iter(review.state.scores))
    long_comment = "".join(f"第{i}句：论证材料较为充分，但量化指标仍需补充完善。" for i in range(1, 181)) + "【评语结束】"
    scores = dict(review.state.scores)
    scores[first] = ScoreEntry(scores[first].value, long_comment)
    state = dataclasses.replace(review.state, scores=scores)
    built = build(world_dir, SELF_BUILT, demo_signer(world_dir, "lin-xiaomei"), state, self_check=True)
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(dict(members_of(built.data))["score.pdf"])
    text = run("pdftotext", pdf, "-").stdout.replace("\n", "")
    assert "第1句" in text and "第180句" in text and "【评语结束】" in text
    info = run("pdfinfo", pdf).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 3
    # The table header is repeated on the page the comment continues on.
    pages = run("pdftotext", "-layout", pdf, "-").stdout.split("\f")
    assert sum("评审指标" in page for page in pages) >= 2


def test_preview_is_watermarked_and_unsigned(world_dir: Path, tmp_path: Path) -> None:
    review = demo_review(world_dir, SELF_BUILT, "wu-peishan")
    doc = build(world_dir, SELF_BUILT, demo_signer(world_dir, "wu-peishan"), review.state).document
    rendered = sheet_pdf.render(doc, "0" * 64, preview=True)
    path = tmp_path / "preview.pdf"
    path.write_bytes(rendered.pdf)
    assert "draft, not signed" in run("pdfinfo", path).stdout
    text = run("pdftotext", path, "-").stdout
    assert "草稿" in text and "包指纹 SHA-256(score.json) 0000" not in text, "a draft has no fingerprint"
    assert "Signature is Valid" not in pdfsig_text(path)
    assert rendered.signature_page == rendered.pages - 1


def test_recusal_sheet(world_dir: Path, tmp_path: Path) -> None:
    review = demo_review(world_dir, ALLIANCE, "zhou-haifeng")
    built = build(world_dir, ALLIANCE, demo_signer(world_dir, "zhou-haifeng"), review.state, kind=score_json.KIND_RECUSAL, self_check=True)
    assert built.document.is_recusal and built.file_name.startswith("recusal-")
    path = tmp_path / "recusal.pdf"
    path.write_bytes(dict(members_of(built.data))["score.pdf"])
    text = run("pdftotext", path, "-").stdout
    assert "回避声明" in text.replace(" ", "") and "股东" in text
    assert "Signature is Valid." in pdfsig_text(path)


def test_package_layout_and_default_name(inspected: packages.BuiltPackage) -> None:
    names = [name for name, _ in members_of(inspected.data)]
    assert names == ["score.pdf", "score.json", "attachments/001.jpg", "attachments/002.jpg", "SHA256SUMS", "SHA256SUMS.p7s"]
    assert re.fullmatch(r"GZ-2025-ZZ-03-[0-9A-F]{8}-r1\.rvs", inspected.file_name)
    sums = dict(members_of(inspected.data))["SHA256SUMS"].decode()
    assert sums.splitlines()[0].endswith("  score.pdf") and len(sums.splitlines()) == 4


def test_signing_needs_the_documents_expert(world_dir: Path) -> None:
    review = demo_review(world_dir, SELF_BUILT, "wu-peishan")
    doc = build(world_dir, SELF_BUILT, demo_signer(world_dir, "wu-peishan"), review.state).document
    with pytest.raises(ValueError):
        packages.make_package(doc, certificate=demo_signer(world_dir, "lin-xiaomei").certificate, private_key=demo_signer(world_dir, "lin-xiaomei").private_key, handwritten_png=None)


def test_changed_evidence_is_refused(world_dir: Path) -> None:
    review = demo_review(world_dir, ALLIANCE, "lin-xiaomei")
    tampered = [dataclasses.replace(review.attachments[0], data=review.attachments[0].data + b"x"), *review.attachments[1:]]
    with pytest.raises(PackageRefused, match="changed after it was imported"):
        build(world_dir, ALLIANCE, demo_signer(world_dir, "lin-xiaomei"), review.state, inspection=review.inspection, attachments=tampered)


def test_signed_at_is_in_the_sheet(inspected: packages.BuiltPackage) -> None:
    assert isinstance(inspected.document.revision.signed_at, dt.datetime)
    assert inspected.document.revision.signed_at.utcoffset() is not None


def test_an_unreadable_handwritten_signature_is_refused(world_dir: Path) -> None:
    from reviewer_app.export.errors import SignRefused

    review = demo_review(world_dir, SELF_BUILT, "wu-peishan")
    doc = build(world_dir, SELF_BUILT, demo_signer(world_dir, "wu-peishan"), review.state).document
    with pytest.raises(SignRefused, match="handwritten signature image cannot be read"):
        sheet_pdf.render(doc, "0" * 64, handwritten_png=b"\x89PNG\r\n\x1a\n not really")


def test_an_unreadable_photo_becomes_a_note_not_a_failure(world_dir: Path, tmp_path: Path) -> None:
    review = demo_review(world_dir, ALLIANCE, "lin-xiaomei")
    broken = [dataclasses.replace(review.attachments[0], data=b"\xff\xd8\xff\xe0 broken jpeg", sha256=None), *review.attachments[1:]]
    built = build(world_dir, ALLIANCE, demo_signer(world_dir, "lin-xiaomei"), review.state, inspection=review.inspection, attachments=broken, self_check=True)
    path = tmp_path / "score.pdf"
    path.write_bytes(dict(members_of(built.data))["score.pdf"])
    assert "此照片无法显示" in run("pdftotext", path, "-").stdout


def test_even_the_unsigned_bytes_of_the_signature_container_are_checked(inspected: packages.BuiltPackage, world_dir: Path) -> None:
    """pdfsig and pyHanko ignore the zero padding after the CMS container (and its unsigned
    parts); the toolkit's check refuses any change there too."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    data = dict(members_of(inspected.data))["score.pdf"]
    signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    assert len(signature.signed_data["certificates"]) == 1
    start, end = (int(v) for v in list(signature.sig_object["/ByteRange"])[1:3])
    certificate = demo_signer(world_dir, "lin-xiaomei").certificate
    for offset in (start + 1, start + 700, start + 1500, end - 10):
        digit = data[offset : offset + 1]
        for replacement in (b"7", digit.lower()):
            if replacement == digit:
                continue
            with pytest.raises(PackageRefused):
                pdf_sign.validate(data[:offset] + replacement + data[offset + 1 :], certificate)


def test_version_1_score_documents_are_still_read(inspected: packages.BuiltPackage) -> None:
    """Packages signed before revision.changes existed (format version 1) stay readable, byte for byte."""
    signed = score_json.parse(inspected.score_json)
    doc = dataclasses.replace(signed, format_version=1, declarations=dataclasses.replace(signed.declarations, related_units=()))  # version 3 added them
    data = score_json.to_json(doc)
    assert json.loads(data)["format_version"] == 1 and "changes" not in json.loads(data)["revision"]
    again = score_json.parse(data)
    assert again == doc and score_json.to_json(again) == data
    with pytest.raises(PackageRefused, match="unexpected field 'changes'"):
        score_json.parse(data.replace(b'"reason": ""', b'"reason": "",\n    "changes": []'))


def test_the_sheet_states_a_signing_day_other_than_the_session_date(inspected: packages.BuiltPackage, tmp_path: Path) -> None:
    doc = inspected.document
    signed_on = f"{doc.revision.signed_at:%Y-%m-%d}"
    texts = {}
    for session_date in (signed_on, "2025-12-03"):
        changed = dataclasses.replace(doc, review=dataclasses.replace(doc.review, session_date=session_date))
        path = tmp_path / f"{session_date}.pdf"
        path.write_bytes(sheet_pdf.render(changed, "0" * 64).pdf)
        texts[session_date] = run("pdftotext", path, "-").stdout.replace(" ", "").replace("\n", "")
    assert "与评审日期不同" not in texts[signed_on]
    assert f"2025-12-03（本表签署于{signed_on}，与评审日期不同）" in texts["2025-12-03"]
