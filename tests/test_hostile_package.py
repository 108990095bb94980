"""Hostile score packages: every one is refused by `reviewer-org verify` with one plain sentence.

The base is a genuine demo package with two photo attachments (林晓梅, alliance bundle). The
cases cover a flipped byte in every member and in the ZIP structure, swapped and edited
members (with and without the expert re-signing), another signer, unlisted, missing,
duplicate, compressed and traversing members, replay against bundles the organization did
not seal (or sealed differently), and validly signed but incomplete or inconsistent sheets.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from reviewer_app.export import package as packages
from reviewer_app.export import score_json
from reviewer_app.org import sealed as ledger
from reviewer_app.org.verify_packages import INTERNAL, Organization, verify_one
from package_fixtures import (
    build,
    demo_review,
    demo_signer,
    flip,
    member_offset,
    members_of,
    org_age_identity,
    plain_of,
    raw_zip,
    repack,
    stranger,
    world_dir,  # noqa: F401 - fixture
)

ALLIANCE = "GZ-2025-ZZ-03"
SELF_BUILT = "GZ-2025-ZZ-07"
INSPECTOR = "lin-xiaomei"


@pytest.fixture(scope="module")
def base(world_dir: Path) -> bytes:
    return plain_of(world_dir, ALLIANCE, INSPECTOR)


@pytest.fixture(scope="module")
def org(world_dir: Path) -> Organization:
    return Organization(world_dir / "org", age_identity=org_age_identity(world_dir))


@pytest.fixture(scope="module")
def inspector(world_dir: Path):  # noqa: ANN201
    return demo_signer(world_dir, INSPECTOR)


def refused(data: bytes, org: Organization, tmp_path: Path, name: str = "hostile.rvs") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    report = verify_one(path, org)
    assert not report.ok, "a hostile package was accepted"
    message = report.message
    assert INTERNAL not in message, message
    assert message and "\n" not in message and "Traceback" not in message
    assert message.endswith((".", "。", ")")), message
    return message


def test_the_base_package_is_sound(base: bytes, org: Organization, tmp_path: Path) -> None:
    path = tmp_path / "good.rvs"
    path.write_bytes(base)
    report = verify_one(path, org)
    assert report.ok, report.message
    assert [m for m, _ in members_of(base)][2:4] == ["attachments/001.jpg", "attachments/002.jpg"]


@pytest.mark.parametrize("member", ["score.pdf", "score.json", "attachments/001.jpg", "attachments/002.jpg", "SHA256SUMS", "SHA256SUMS.p7s"])
@pytest.mark.parametrize("where", [0.0, 0.5, 1.0])
def test_a_flipped_byte_in_any_member_is_refused(base: bytes, org: Organization, tmp_path: Path, member: str, where: float) -> None:
    offset, size = member_offset(base, member)
    message = refused(flip(base, offset + min(size - 1, int(size * where))), org, tmp_path)
    expected = {
        "SHA256SUMS": "SHA256SUMS",
        "SHA256SUMS.p7s": "SHA256SUMS.p7s",
    }.get(member, member)
    assert expected in message or "ZIP checksum" in message or "signature" in message.lower(), message


@pytest.mark.parametrize(
    "region",
    ["first local header", "second local header", "central directory", "end record"],
)
def test_a_flipped_byte_in_the_zip_structure_is_refused(base: bytes, org: Organization, tmp_path: Path, region: str) -> None:
    pdf_offset, pdf_size = member_offset(base, "score.pdf")
    json_offset, _ = member_offset(base, "score.json")
    offsets = {
        "first local header": 14,  # CRC field of score.pdf
        "second local header": pdf_offset + pdf_size + 8,  # method of score.json
        "central directory": base.rfind(b"PK\x01\x02") + 20,
        "end record": len(base) - 12,
    }
    assert json_offset > offsets["second local header"]
    message = refused(flip(base, offsets[region]), org, tmp_path)
    assert "package" in message.lower()


def test_truncated_appended_prepended_and_not_a_zip(base: bytes, org: Organization, tmp_path: Path) -> None:
    assert "cut off" in refused(base[: len(base) // 2], org, tmp_path, "cut.rvs") or "not" in refused(base[: len(base) // 2], org, tmp_path, "cut.rvs")
    assert "unexpected bytes" in refused(base + b"trailing", org, tmp_path, "tail.rvs")
    refused(b"junk" + base, org, tmp_path, "head.rvs")
    assert "not a" in refused(b"%PDF-1.7 this is not a package", org, tmp_path, "pdf.rvs")
    refused(b"", org, tmp_path, "empty.rvs")


def test_a_folder_or_missing_file_is_refused(org: Organization, tmp_path: Path) -> None:
    assert "folder" in verify_one(tmp_path, org).message
    assert "cannot be read" in verify_one(tmp_path / "absent.rvs", org).message


def test_swapped_pdf_is_refused(world_dir: Path, base: bytes, org: Organization, tmp_path: Path, inspector) -> None:  # noqa: ANN001
    other_pdf = dict(members_of(plain_of(world_dir, SELF_BUILT, INSPECTOR)))["score.pdf"]
    members = [(n, other_pdf if n == "score.pdf" else d) for n, d in members_of(base)]
    sums = dict(members_of(base))
    assert "score.pdf was changed" in refused(repack(members, sums=sums["SHA256SUMS"], signature=sums["SHA256SUMS.p7s"]), org, tmp_path)
    # Even the expert cannot pair a sheet with another sheet's data: the PDF names its score.json.
    assert "do not belong together" in refused(repack(members, inspector), org, tmp_path, "resigned.rvs")


def _edited_json(base: bytes, change: Callable[[dict], None]) -> list[tuple[str, bytes]]:
    members = members_of(base)
    data = json.loads(dict(members)["score.json"])
    change(data)
    edited = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return [(n, edited if n == "score.json" else d) for n, d in members]


def _raise_first_score(data: dict) -> None:
    criterion = data["scores"]["sections"][0]["criteria"][0]
    criterion["score"] = criterion["maximum"]


def test_edited_json_is_refused(base: bytes, org: Organization, tmp_path: Path, inspector) -> None:  # noqa: ANN001
    members = _edited_json(base, _raise_first_score)
    original = dict(members_of(base))
    assert "score.json was changed" in refused(repack(members, sums=original["SHA256SUMS"], signature=original["SHA256SUMS.p7s"]), org, tmp_path, "a.rvs")
    sums_only = repack(members, inspector)
    resigned_sums = dict(members_of(sums_only))["SHA256SUMS"]
    assert "do not match" in refused(repack(members, sums=resigned_sums, signature=original["SHA256SUMS.p7s"]), org, tmp_path, "b.rvs")
    # The expert re-signing SHA256SUMS after editing the data still cannot change the signed PDF.
    message = refused(sums_only, org, tmp_path, "c.rvs")
    assert "add up" in message or "do not belong together" in message


def test_json_that_is_not_json_is_refused(base: bytes, org: Organization, tmp_path: Path, inspector) -> None:  # noqa: ANN001
    members = [(n, b'{"format": "reviewer-app/score", "format": 1}' if n == "score.json" else d) for n, d in members_of(base)]
    assert "malformed" in refused(repack(members, inspector), org, tmp_path, "dup.rvs")
    members = [(n, b"\xff\xfe not utf-8" if n == "score.json" else d) for n, d in members_of(base)]
    assert "malformed" in refused(repack(members, inspector), org, tmp_path, "bytes.rvs")
    members = _edited_json(base, lambda d: d.update(format_version=4))
    assert "version 4" in refused(repack(members, inspector), org, tmp_path, "v3.rvs")


def test_another_signer_is_refused(world_dir: Path, base: bytes, org: Organization, tmp_path: Path) -> None:
    impostor = stranger("林晓梅", "产业", "广州市产业发展研究中心")
    # Same name, same field, same bundle, proper package: but not the enrolled certificate.
    state = demo_review(world_dir, ALLIANCE, INSPECTOR).state
    assert "not in the roster" in refused(build(world_dir, ALLIANCE, impostor, state).data, org, tmp_path, "impostor.rvs")
    # Or re-signing the genuine package's SHA256SUMS with another key.
    assert "not in the roster" in refused(repack(members_of(base), impostor), org, tmp_path, "resigned.rvs")


def test_pdf_signed_by_someone_else_is_refused(world_dir: Path, org: Organization, tmp_path: Path, inspector) -> None:  # noqa: ANN001
    impostor = stranger("林晓梅", "产业", "广州市产业发展研究中心")
    state = demo_review(world_dir, SELF_BUILT, INSPECTOR).state
    genuine = build(world_dir, SELF_BUILT, inspector, state)
    fake = build(world_dir, SELF_BUILT, impostor, state)
    members = [(n, dict(members_of(fake.data))["score.pdf"] if n == "score.pdf" else d) for n, d in members_of(genuine.data)]
    assert "another certificate" in refused(repack(members, inspector), org, tmp_path)


def test_pdf_changed_after_signing_is_refused(base: bytes, org: Organization, tmp_path: Path, inspector) -> None:  # noqa: ANN001
    pdf = dict(members_of(base))["score.pdf"]
    appended = pdf + b"\n1 0 obj\n<< /Changed true >>\nendobj\n"
    members = [(n, appended if n == "score.pdf" else d) for n, d in members_of(base)]
    message = refused(repack(members, inspector), org, tmp_path)
    assert "score.pdf" in message


def test_unlisted_member_is_refused(base: bytes, org: Organization, tmp_path: Path, inspector) -> None:  # noqa: ANN001
    members = members_of(base)
    sums = dict(members)
    with_extra = members[:-2] + [("attachments/003.jpg", b"\xff\xd8 extra")]
    message = refused(repack(with_extra, sums=sums["SHA256SUMS"], signature=sums["SHA256SUMS.p7s"]), org, tmp_path, "extra.rvs")
    assert "not listed in SHA256SUMS" in message
    odd = members[:-2] + [("notes.txt", b"hello")]
    assert "does not have" in refused(repack(odd, inspector), org, tmp_path, "odd.rvs")


def test_missing_attachment_is_refused(base: bytes, org: Organization, tmp_path: Path, inspector) -> None:  # noqa: ANN001
    members = [(n, d) for n, d in members_of(base) if n != "attachments/002.jpg"]
    assert "attachments listed in score.json" in refused(repack(members, inspector), org, tmp_path)
    sums = dict(members_of(base))
    assert "missing from the package" in refused(repack(members, sums=sums["SHA256SUMS"], signature=sums["SHA256SUMS.p7s"]), org, tmp_path, "b.rvs")


def test_bad_zip_entries_are_refused(base: bytes, org: Organization, tmp_path: Path) -> None:
    members = members_of(base)
    assert "more than once" in refused(raw_zip(members[:1] + members), org, tmp_path, "dup.rvs")
    assert "compressed" in refused(raw_zip(members, method=8), org, tmp_path, "deflate.rvs")
    assert ".." in refused(raw_zip([("../score.pdf", b"x")] + members), org, tmp_path, "dots.rvs")
    assert "absolute" in refused(raw_zip([("/etc/passwd", b"x")] + members), org, tmp_path, "abs.rvs")
    assert "link" in refused(raw_zip(members, made_by=(3 << 8) | 10, extra_attributes=0o120777 << 16), org, tmp_path, "link.rvs")


def test_members_out_of_order_are_refused(base: bytes, org: Organization, tmp_path: Path, inspector) -> None:  # noqa: ANN001
    members = members_of(base)
    swapped = [members[1], members[0], *members[2:]]
    assert "order" in refused(repack(swapped, inspector), org, tmp_path)


def test_huge_member_claims_are_refused(base: bytes, org: Organization, tmp_path: Path) -> None:
    import struct

    central = base.rfind(b"PK\x01\x02")
    data = bytearray(base)
    # The first central entry (score.pdf, the first member) claims 3 GB.
    first_central = bytes(data).find(b"PK\x01\x02")
    struct.pack_into("<I", data, first_central + 24, 3_000_000_000)
    assert central > 0
    message = refused(bytes(data), org, tmp_path)
    assert "bytes long" in message or "changed" in message


def _org_copy(world_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "org"
    shutil.copytree(world_dir / "org", copy)
    return copy


def test_replay_for_a_bundle_never_sealed_is_refused(world_dir: Path, base: bytes, tmp_path: Path) -> None:
    org_dir = _org_copy(world_dir, tmp_path)
    doc = score_json.parse(dict(members_of(base))["score.json"])
    (org_dir / "sealed" / f"{doc.bundle.bundle_id}.json").unlink()
    assert "no record of sealing" in refused(base, Organization(org_dir), tmp_path)


def test_answer_to_another_version_of_the_bundle_is_refused(world_dir: Path, base: bytes, tmp_path: Path) -> None:
    org_dir = _org_copy(world_dir, tmp_path)
    doc = score_json.parse(dict(members_of(base))["score.json"])
    record = ledger.load_record(org_dir, doc.bundle.bundle_id)
    assert record is not None
    ledger.record_sealed(org_dir, dataclasses.replace(record, sums_sha256="0" * 64))
    assert "another version" in refused(base, Organization(org_dir), tmp_path)


def test_expert_not_on_the_panel_is_refused(world_dir: Path, base: bytes, tmp_path: Path, inspector) -> None:  # noqa: ANN001
    org_dir = _org_copy(world_dir, tmp_path)
    doc = score_json.parse(dict(members_of(base))["score.json"])
    record = ledger.load_record(org_dir, doc.bundle.bundle_id)
    assert record is not None
    panel = tuple(p for p in record.panel if p.fingerprint != inspector.fingerprint)
    ledger.record_sealed(org_dir, dataclasses.replace(record, panel=panel, session_passphrase=False))
    assert "not on the panel" in refused(base, Organization(org_dir), tmp_path)


def test_package_for_another_organizations_bundle_is_refused(world_dir: Path, base: bytes, tmp_path: Path) -> None:
    org_dir = _org_copy(world_dir, tmp_path)
    doc = score_json.parse(dict(members_of(base))["score.json"])
    record = ledger.load_record(org_dir, doc.bundle.bundle_id)
    assert record is not None
    ledger.record_sealed(org_dir, dataclasses.replace(record, organization_fingerprint="AB:" * 31 + "AB"))
    assert "another organization" in refused(base, Organization(org_dir), tmp_path)


def _drop_last_criterion(doc: score_json.ScoreDocument) -> score_json.ScoreDocument:
    section = doc.sections[-1]
    shorter = dataclasses.replace(section, criteria=section.criteria[:-1], maximum=section.maximum - section.criteria[-1].maximum, subtotal=section.subtotal - section.criteria[-1].score)
    sections = doc.sections[:-1] + (shorter,)
    return dataclasses.replace(doc, sections=sections, total=sum(s.subtotal for s in sections), maximum=sum(s.maximum for s in sections))


def _set_score(value: float, comment: str | None = None) -> Callable[[score_json.ScoreDocument], score_json.ScoreDocument]:
    def edit(doc: score_json.ScoreDocument) -> score_json.ScoreDocument:
        section = doc.sections[0]
        first = dataclasses.replace(section.criteria[0], score=value, band=section.criteria[0].band, comment=section.criteria[0].comment if comment is None else comment)
        criteria = (first, *section.criteria[1:])
        new_section = dataclasses.replace(section, criteria=criteria, subtotal=sum(c.score for c in criteria))
        sections = (new_section, *doc.sections[1:])
        return dataclasses.replace(doc, sections=sections, total=sum(s.subtotal for s in sections))

    return edit


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_drop_last_criterion, "does not score the criterion"),
        (_set_score(4.3), "is not allowed"),
        (lambda d: dataclasses.replace(d, opinion="太短"), "overall opinion"),
        (lambda d: dataclasses.replace(d, recommendation_id="promote", recommendation_title="破格推荐"), "破格推荐"),  # the sheet cannot show it: refused by the PDF/JSON check
        (lambda d: dataclasses.replace(d, expert=dataclasses.replace(d.expert, field="技术", field_id="technical")), "roster enrolled"),
        (lambda d: dataclasses.replace(d, expert=dataclasses.replace(d.expert, name="林晓明")), "roster enrolled"),
        (lambda d: dataclasses.replace(d, declarations=dataclasses.replace(d.declarations, confidentiality_at=None)), "declarations"),
        (lambda d: dataclasses.replace(d, vetoes=(dataclasses.replace(d.vetoes[0], raised=True, reason=""),) + d.vetoes[1:]), "without a reason"),
        (lambda d: dataclasses.replace(d, total=d.total + 1), "does not add up"),
        (lambda d: dataclasses.replace(d, revision=score_json.Revision(2, d.revision.signed_at, 1, "0" * 64, "")), "no reason"),
    ],
    ids=["missing-criterion", "off-step", "short-opinion", "unknown-recommendation", "field-lie", "name-lie", "no-pledge", "veto-without-reason", "bad-total", "amendment-without-reason"],
)
def test_validly_signed_but_unacceptable_sheets_are_refused(world_dir: Path, org: Organization, tmp_path: Path, edit, expected: str) -> None:  # noqa: ANN001
    signer = demo_signer(world_dir, "wu-peishan")
    state = demo_review(world_dir, SELF_BUILT, "wu-peishan").state
    message = refused(build(world_dir, SELF_BUILT, signer, state, edit=edit).data, org, tmp_path)
    assert expected in message, message


def test_missing_required_comment_is_refused(world_dir: Path, org: Organization, tmp_path: Path) -> None:
    signer = demo_signer(world_dir, "chen-zhiyuan")
    state = demo_review(world_dir, SELF_BUILT, "chen-zhiyuan").state
    # B1 always needs a comment.
    def edit(doc: score_json.ScoreDocument) -> score_json.ScoreDocument:
        sections = tuple(
            dataclasses.replace(s, criteria=tuple(dataclasses.replace(c, comment="") if c.id == "B1" else c for c in s.criteria))
            for s in doc.sections
        )
        assert sections != doc.sections, "the technical expert scores B1"
        return dataclasses.replace(doc, sections=sections)

    assert "needs a comment" in refused(build(world_dir, SELF_BUILT, signer, state, edit=edit).data, org, tmp_path)


def test_a_recusal_must_be_a_recusal(world_dir: Path, org: Organization, tmp_path: Path) -> None:
    signer = demo_signer(world_dir, "zhou-haifeng")
    state = demo_review(world_dir, ALLIANCE, "zhou-haifeng").state
    good = build(world_dir, ALLIANCE, signer, state, kind=score_json.KIND_RECUSAL)
    path = tmp_path / "recusal.rvs"
    path.write_bytes(good.data)
    assert verify_one(path, org).ok
    no_reason = build(world_dir, ALLIANCE, signer, state, kind=score_json.KIND_RECUSAL, edit=lambda d: dataclasses.replace(d, declarations=dataclasses.replace(d.declarations, conflict_reason="")))
    assert "malformed" in refused(no_reason.data, org, tmp_path, "no-reason.rvs")


def test_verify_never_raises_on_random_bytes(org: Organization, tmp_path: Path, base: bytes) -> None:
    import random

    rng = random.Random(7)
    for index in range(40):
        data = bytearray(base)
        for _ in range(rng.randint(1, 6)):
            position = rng.randrange(len(data))
            data[position] = rng.randrange(256)
        path = tmp_path / f"fuzz-{index}.rvs"
        path.write_bytes(bytes(data))
        report = verify_one(path, org)
        assert not report.ok or bytes(data) == base
        assert "\n" not in report.message and INTERNAL not in report.message, report.message


def test_the_cli_names_each_bad_package_and_exits_1(world_dir: Path, base: bytes, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from reviewer_app.org.cli import main

    good = tmp_path / "good.rvs"
    good.write_bytes(base)
    bad = tmp_path / "bad.rvs"
    bad.write_bytes(flip(base, member_offset(base, "score.json")[0] + 40))
    assert main(["verify", str(good), str(bad), "--org", str(world_dir / "org")]) == 1
    out, err = capsys.readouterr()
    assert f"OK   {good}" in out
    assert err.strip() == f"{bad}: The member score.json was changed after the expert signed the package."
    assert "1 package(s) sound, 1 refused." in out
    assert packages.SUFFIX == ".rvs"
