"""The organization's checks leave no hole (issue 14): panel, time, revision chain, roster, report.

Every forged or faulty input is made with the project's own code, signing with a key an
attacker could hold (an enrolled expert's), then checked by `reviewer-org verify`/`aggregate`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pyrage
import pytest
from asn1crypto import core as asn1_core
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer_app import identity, keys
from reviewer_app.bundle.model import PanelMember
from reviewer_app.export import score_json
from reviewer_app.org import roster
from reviewer_app.org import sealed as ledger
from reviewer_app.org import verify_packages
from reviewer_app.org.cli import main
from reviewer_app.org.verify_packages import Organization, PackageReport, check_chains, verify_all, verify_one
from package_fixtures import Signer, build, demo_review, org_passphrase_args, package_of, plain, plain_of, world_dir  # noqa: F401 - fixture

SELF_BUILT = "GZ-2025-ZZ-07"
TECH_EXPERT = "chen-zhiyuan"  # whose answers the forged packages reuse (field 技术)
CHINA = dt.timezone(dt.timedelta(hours=8))


def now() -> dt.datetime:
    return dt.datetime.now(CHINA).replace(microsecond=0)


def make_signer(name: str, *, valid_from: dt.datetime, valid_until: dt.datetime, field: str = "技术", affiliation: str = "岭南理工大学") -> Signer:
    """An expert identity as the app makes it, but with a chosen certificate validity."""
    private_key = keys.new_private_key()
    age = pyrage.x25519.Identity.generate()
    recipient = str(age.to_public())
    subject = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, name), x509.NameAttribute(x509.NameOID.ORGANIZATION_NAME, affiliation)])
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(private_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(valid_from).not_valid_after(valid_until)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.UnrecognizedExtension(identity.AGE_RECIPIENT_OID, asn1_core.UTF8String(recipient).dump()), critical=False)
        .sign(private_key, hashes.SHA256())
    )  # fmt: skip
    profile = identity.ExpertProfile(name, field, affiliation, "教授")
    public = identity.PublicIdentity(profile, cert, keys.fingerprint(cert), recipient)
    return Signer(identity.UnlockedIdentity(public, private_key, age))


def enrol(org_dir: Path, signer: Signer, *, on_panel_of: str | None = None) -> None:
    """Put the signer's card in the roster as the organization once did (even if it has expired
    since), and optionally on the panel of a sealed bundle."""
    folder = roster.roster_dir(org_dir)
    (folder / f"{keys.fingerprint_hex(signer.fingerprint)}.json").write_bytes(identity.card_bytes(signer.public))
    if on_panel_of is not None:
        record = ledger.load_record(org_dir, on_panel_of)
        assert record is not None
        member = PanelMember(signer.fingerprint, signer.public.profile.name, signer.public.profile.field)
        ledger.record_sealed(org_dir, dataclasses.replace(record, panel=(*record.panel, member)))


@pytest.fixture
def org_dir(world_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "org"
    shutil.copytree(world_dir / "org", copy)
    return copy


@pytest.fixture(scope="module")
def bundle_id(world_dir: Path) -> str:
    return score_json.parse(_json_of(plain_of(world_dir, SELF_BUILT, TECH_EXPERT))).bundle.bundle_id


def _json_of(data: bytes) -> bytes:
    from package_fixtures import members_of

    return dict(members_of(data))["score.json"]


def forge(world: Path, signer: Signer, *, signed_at: dt.datetime | None = None, revision: score_json.Revision | None = None, edit=None) -> bytes:  # noqa: ANN001
    review = demo_review(world, SELF_BUILT, TECH_EXPERT)
    revision = revision or score_json.Revision(1, signed_at or now())
    return build(world, SELF_BUILT, signer, review.state, revision=revision, edit=edit).data


def verdict(data: bytes, org: Organization, tmp_path: Path, name: str = "p.rvs") -> PackageReport:
    path = tmp_path / name
    path.write_bytes(data)
    return verify_one(path, org)


def long_valid(name: str = "赵明") -> Signer:
    return make_signer(name, valid_from=dt.datetime(2000, 1, 1, tzinfo=CHINA), valid_until=dt.datetime(2040, 1, 1, tzinfo=CHINA))


# --- the panel ---------------------------------------------------------------------------------


def test_an_enrolled_expert_off_the_panel_is_refused_naming_the_signer(world_dir: Path, org_dir: Path, tmp_path: Path, bundle_id: str) -> None:
    outsider = long_valid("赵明")
    enrol(org_dir, outsider)  # in the roster, but the bundle (which also opens with the session passphrase) was not sealed for them
    record = ledger.load_record(org_dir, bundle_id)
    assert record is not None and record.session_passphrase
    report = verdict(forge(world_dir, outsider), Organization(org_dir), tmp_path)
    assert not report.ok
    assert report.message.startswith("赵明 (certificate ") and "is not on the panel the organization sealed bundle" in report.message
    enrol(org_dir, outsider, on_panel_of=bundle_id)
    assert verdict(forge(world_dir, outsider), Organization(org_dir), tmp_path).ok


def test_a_record_without_a_panel_accepts_nobody(world_dir: Path, org_dir: Path, tmp_path: Path, bundle_id: str) -> None:
    record = ledger.load_record(org_dir, bundle_id)
    assert record is not None
    ledger.record_sealed(org_dir, dataclasses.replace(record, panel=()))
    report = verdict(plain_of(world_dir, SELF_BUILT, TECH_EXPERT), Organization(org_dir), tmp_path)
    assert not report.ok and "陈志远" in report.message and "not on the panel" in report.message


def test_sealing_for_a_session_passphrase_needs_a_panel(org_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from bundle_fixtures import write_source

    source = write_source(tmp_path / "source")
    (tmp_path / "session").write_text("Session-pass-word-2024", encoding="utf-8")
    passphrase = (org_dir / "PASSPHRASE").read_text(encoding="utf-8").strip()
    (tmp_path / "org-pass").write_text(passphrase, encoding="utf-8")
    args = ["seal", str(source), "--org", str(org_dir), "--passphrase-file", str(tmp_path / "org-pass"), "--session-passphrase-file", str(tmp_path / "session"), "-o", str(tmp_path / "x.rvb")]
    assert main(args) == 1
    assert "Name the panel with --recipients" in capsys.readouterr().err
    assert not (tmp_path / "x.rvb").exists()
    member = roster.all_cards(org_dir)[0]
    assert main([*args, "--recipients", member.fingerprint]) == 0
    records = [r for r in ledger.all_records(org_dir) if r.file_name == "x.rvb"]
    assert len(records) == 1 and [p.fingerprint for p in records[0].panel] == [member.fingerprint]
    assert records[0].session_passphrase and records[0].window is not None  # the window is kept
    assert records[0].window.valid_until > records[0].window.valid_from


# --- the signing time ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (dt.datetime(2031, 5, 1, 10, 0, tzinfo=CHINA), "outside the review window"),
        (dt.datetime(2001, 1, 1, 10, 0, tzinfo=CHINA), "before bundle"),
    ],
)
def test_a_signature_outside_the_window_is_refused_or_counted_and_flagged(world_dir: Path, org_dir: Path, tmp_path: Path, bundle_id: str, when: dt.datetime, expected: str, capsys) -> None:  # noqa: ANN001
    forger = long_valid("赵明")
    enrol(org_dir, forger, on_panel_of=bundle_id)
    data = forge(world_dir, forger, signed_at=when)
    report = verdict(data, Organization(org_dir), tmp_path)
    assert not report.ok and expected in report.message and report.message.startswith("赵明 signed on ")
    flagged = verdict(data, Organization(org_dir, accept_out_of_window=True), tmp_path)
    assert flagged.ok and len(flagged.flags) == 1 and expected in flagged.flag_texts()[0]
    path = tmp_path / "p.rvs"
    assert main(["verify", str(path), "--org", str(org_dir)]) == 1
    assert main(["verify", str(path), "--org", str(org_dir), "--accept-out-of-window"]) == 0
    out = capsys.readouterr().out
    assert "FLAGGED: 赵明 signed on" in out and "1 flagged." in out


def test_a_record_without_a_window_cannot_check_the_time(world_dir: Path, org_dir: Path, tmp_path: Path, bundle_id: str) -> None:
    record = ledger.load_record(org_dir, bundle_id)
    assert record is not None
    ledger.record_sealed(org_dir, dataclasses.replace(record, window=None))  # as made before format version 2
    assert ledger.load_record(org_dir, bundle_id).window is None  # type: ignore[union-attr]
    report = verdict(plain_of(world_dir, SELF_BUILT, TECH_EXPERT), Organization(org_dir), tmp_path)
    assert not report.ok and "keeps no review window" in report.message
    assert verdict(plain_of(world_dir, SELF_BUILT, TECH_EXPERT), Organization(org_dir, accept_out_of_window=True), tmp_path).ok


# --- the roster: damaged and expired cards, revocations ----------------------------------------


def test_a_damaged_card_is_named_and_skipped(world_dir: Path, org_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    damaged = roster.roster_dir(org_dir) / ("AB" * 32 + ".json")
    damaged.write_text('{"format": "nonsense"}', encoding="utf-8")
    packages = sorted((world_dir / "packages").glob("*.rvs"))
    assert main(["verify", *map(str, packages), "--org", str(org_dir), "--jobs", "1", *org_passphrase_args(org_dir)]) == 0
    captured = capsys.readouterr()
    assert f"Roster card {damaged.name} skipped:" in captured.err
    assert f"{len(packages)} package(s) sound, 0 refused." in captured.out


def test_a_package_signed_while_the_certificate_was_valid_verifies_after_it_expired(world_dir: Path, org_dir: Path, tmp_path: Path, bundle_id: str, capsys) -> None:  # noqa: ANN001
    expired = make_signer("赵明", valid_from=now() - dt.timedelta(days=300), valid_until=now() - dt.timedelta(minutes=30))
    enrol(org_dir, expired, on_panel_of=bundle_id)
    with pytest.raises(identity.InvalidCard, match="expired"):
        identity.read_card(identity.card_bytes(expired.public))  # the card has really expired
    in_time = verdict(forge(world_dir, expired, signed_at=now() - dt.timedelta(hours=1)), Organization(org_dir), tmp_path, "in-time.rvs")
    assert in_time.ok, in_time.message
    too_late = verdict(forge(world_dir, expired, signed_at=now() - dt.timedelta(minutes=10)), Organization(org_dir), tmp_path, "late.rvs")
    assert not too_late.ok and "when the certificate was not valid" in too_late.message and "赵明" in too_late.message
    assert main(["verify", str(tmp_path / "in-time.rvs"), str(package_of(world_dir, SELF_BUILT, TECH_EXPERT)), "--org", str(org_dir), *org_passphrase_args(org_dir)]) == 0
    assert "2 package(s) sound" in capsys.readouterr().out


def test_revoke_refuses_what_is_signed_from_that_date_on_and_the_report_lists_it(world_dir: Path, org_dir: Path, tmp_path: Path, bundle_id: str, capsys) -> None:  # noqa: ANN001
    forger = long_valid("赵明")
    enrol(org_dir, forger, on_panel_of=bundle_id)
    before = tmp_path / "before.rvs"
    before.write_bytes(forge(world_dir, forger, signed_at=now() - dt.timedelta(hours=2)))
    after = tmp_path / "after.rvs"
    after.write_bytes(forge(world_dir, forger, signed_at=now() - dt.timedelta(minutes=5)))
    moment = (now() - dt.timedelta(hours=1)).isoformat()
    assert main(["revoke", forger.fingerprint, "--org", str(org_dir), "--from", moment, "--reason", "笔记本电脑遗失"]) == 0
    assert "Revoked 赵明" in capsys.readouterr().out
    reports = verify_all([before, after], org_dir, jobs=1)
    assert reports[0].ok, reports[0].message
    assert not reports[1].ok and reports[1].message.startswith("赵明 signed on ") and "revoked this expert" in reports[1].message and "笔记本电脑遗失" in reports[1].message
    others = [p for p in sorted((world_dir / "packages").glob("*.rvs")) if SELF_BUILT in p.name]
    out_dir = tmp_path / "results"
    assert main(["aggregate", str(before), str(after), *map(str, others), "--org", str(org_dir), "--out", str(out_dir), "--exclude-invalid", *org_passphrase_args(org_dir)]) == 0
    text = pdf_text(out_dir / "report.pdf")
    assert "已撤销的专家" in text and "笔记本电脑遗失" in text
    assert main(["revoke", forger.fingerprint, "--org", str(org_dir), "--from", "yesterday", "--reason", "x"]) == 1
    assert "is not a date" in capsys.readouterr().err
    assert main(["revoke", "AB" * 32, "--org", str(org_dir), "--from", "2026-01-01", "--reason", "x"]) == 1
    assert "No expert with fingerprint" in capsys.readouterr().err


def test_a_damaged_revocation_stops_verification_rather_than_being_ignored(world_dir: Path, org_dir: Path) -> None:
    expert = roster.all_cards(org_dir)[0]
    roster.revoke(org_dir, expert.fingerprint, dt.datetime(2030, 1, 1, tzinfo=CHINA), "test")
    path = org_dir / roster.REVOKED_DIR / f"{keys.fingerprint_hex(expert.fingerprint)}.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"from"', '"since"'), encoding="utf-8")
    with pytest.raises(roster.RosterError, match="revocation record .* is damaged"):
        Organization(org_dir)


# --- the revision chain ----------------------------------------------------------------------


def _amendment(world: Path, signer: Signer, number: int, amends: int, amends_sha256: str, signed_at: dt.datetime) -> bytes:
    return forge(world, signer, revision=score_json.Revision(number, signed_at, amends, amends_sha256, "复核后修改"))


def test_bogus_links_and_gaps_in_the_revision_chain_are_refused(world_dir: Path, org_dir: Path, tmp_path: Path, bundle_id: str) -> None:
    forger = long_valid("赵明")
    enrol(org_dir, forger, on_panel_of=bundle_id)
    first = forge(world_dir, forger, signed_at=now() - dt.timedelta(hours=3))
    first_sha = score_json.fingerprint_of(_json_of(first))
    cases = {
        "r1.rvs": first,
        "zero.rvs": _amendment(world_dir, forger, 2, 1, "0" * 64, now() - dt.timedelta(hours=2)),
        "r99.rvs": _amendment(world_dir, forger, 99, 1, first_sha, now() - dt.timedelta(hours=2)),
        "r3.rvs": _amendment(world_dir, forger, 3, 2, first_sha, now() - dt.timedelta(hours=1)),  # r2 absent
    }
    paths = []
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    reports = {Path(r.path).name: r for r in verify_all(paths, org_dir, jobs=1)}
    assert reports["r1.rvs"].ok
    assert "names a revision 1 that is not the one given" in reports["zero.rvs"].message
    assert "names revision 1 as the one it amends instead of revision 98" in reports["r99.rvs"].message
    assert "amends revision 2, which is not among the packages given" in reports["r3.rvs"].message
    good = tmp_path / "r2.rvs"
    first_doc = score_json.parse(_json_of(first))
    good.write_bytes(forge(world_dir, forger, revision=score_json.Revision(2, now() - dt.timedelta(hours=2), 1, first_sha, "复核后修改"),
                           edit=lambda doc: score_json.with_changes_since(first_doc, doc)))  # lists what differs
    assert all(r.ok for r in verify_all([paths[0], good], org_dir, jobs=1))
    # An amendment whose list of changes (old → new) is not what differs from revision 1.
    claimed = (score_json.Change("B1", "score", "5", "6"),)
    lying = tmp_path / "lying.rvs"
    lying.write_bytes(forge(world_dir, forger, revision=score_json.Revision(2, now() - dt.timedelta(hours=2), 1, first_sha, "复核后修改", claimed)))
    report = {Path(r.path).name: r for r in verify_all([paths[0], lying], org_dir, jobs=1)}["lying.rvs"]
    assert not report.ok and "does not list correctly what it changed against revision 1" in report.message
    # The commands keep lean documents (no comments, notes, opinion...): an amendment's changes are
    # still checked against both documents whole, read again from the files.
    lean = verify_all([paths[0], good], org_dir, jobs=1, lean_documents=True)
    assert all(r.ok for r in lean) and all(c.comment == "" for r in lean for c in r.document.criteria)
    assert any(c.comment for c in first_doc.criteria)
    report = {Path(r.path).name: r for r in verify_all([paths[0], lying], org_dir, jobs=1, lean_documents=True)}["lying.rvs"]
    assert not report.ok and "does not list correctly what it changed against revision 1" in report.message
    good.write_bytes(lying.read_bytes())  # changed between its check and the chain's
    again = check_chains(lean, lambda r: verify_packages._full_document(r, Organization(org_dir)))
    assert again[0].ok and not again[1].ok and again[1].message == "The package file changed while it was being checked."


def test_two_different_packages_of_one_revision_are_a_conflict_everywhere(world_dir: Path, org_dir: Path, tmp_path: Path, bundle_id: str, capsys) -> None:  # noqa: ANN001
    forger = long_valid("赵明")
    enrol(org_dir, forger, on_panel_of=bundle_id)
    one = tmp_path / "one.rvs"
    one.write_bytes(forge(world_dir, forger, signed_at=now() - dt.timedelta(hours=2)))
    two = tmp_path / "two.rvs"
    two.write_bytes(forge(world_dir, forger, signed_at=now() - dt.timedelta(hours=1)))
    assert main(["verify", str(one), str(two), "--org", str(org_dir)]) == 1
    out = capsys.readouterr().out
    assert out.count("CONFLICT: 赵明 signed two different packages as revision 1") == 2 and "2 in conflict" in out
    others = [p for p in sorted((world_dir / "packages").glob("*.rvs")) if SELF_BUILT in p.name]
    out_dir = tmp_path / "results"
    assert main(["aggregate", str(one), str(two), *map(str, others), "--org", str(org_dir), "--out", str(out_dir), *org_passphrase_args(org_dir)]) == 1
    out = capsys.readouterr().out
    assert "CONFLICT: 赵明, revision 1, one.rvs" in out and "CONFLICT: 赵明, revision 1, two.rvs" in out
    csv_text = (out_dir / "results.csv").read_text(encoding="utf-8-sig")
    assert csv_text.count(",conflict,") == 2 and "one.rvs" in csv_text and "two.rvs" in csv_text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(0, 5), st.booleans()), min_size=1, max_size=6))
def test_a_chain_is_accepted_exactly_when_every_link_holds(links: list[tuple[int, int, bool]]) -> None:
    """Model check of check_chains on synthetic reports: (revision, amends, names the right hash)."""
    from test_aggregate import doc

    reports = []
    for index, (number, amends, right_hash) in enumerate(links):
        document = doc("B1", "赵明", 5, 5, revision=number)
        sha = f"{number:02d}{index:062d}"
        amends_sha = f"{amends:02d}" + "0" * 62 if right_hash else "f" * 64
        document = dataclasses.replace(document, revision=score_json.Revision(number, document.revision.signed_at, amends if number > 1 else None, amends_sha if number > 1 else None, "r" if number > 1 else ""))
        reports.append(PackageReport(f"{index}.rvs", True, "", document, sha))
    # Hashes: a package of revision n is "nn" + its index, so a link names revision n−1 only when
    # exactly one package of n−1 exists at index 0 … make the expected verdict from the model.
    checked = check_chains(reports)
    accepted_sha: dict[int, set[str]] = {}
    for report in sorted(reports, key=lambda r: r.document.revision.number):  # type: ignore[union-attr]
        rev = report.document.revision  # type: ignore[union-attr]
        holds = rev.number == 1 or (rev.amends_number == rev.number - 1 and rev.amends_sha256 in accepted_sha.get(rev.number - 1, set()))
        if holds:
            accepted_sha.setdefault(rev.number, set()).add(report.score_sha256)
        result = next(c for c in checked if c.path == report.path)
        assert result.ok == holds


# --- the report: no local path, no English -------------------------------------------------------


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


ALLOWED_LATIN = {"reviewer-org", "GZ-2025-ZZ-03", "GZ-2025-ZZ-07", "TOTAL",
                 "Shrout", "Fleiss", "pdfsig", "report.pdf", "docs", "verify.md"}  # a citation, a tool, file names


def test_the_chinese_report_names_no_local_path_and_has_no_english(world_dir: Path, org_dir: Path, tmp_path: Path) -> None:
    packages = sorted((world_dir / "packages").glob("*.rvs"))
    bad = tmp_path / "incoming" / "damaged.rvs"
    bad.parent.mkdir()
    bad.write_bytes(plain(world_dir, packages[0])[:-10])  # refused, listed with its reason
    out_dir = tmp_path / "results"
    assert main(["aggregate", *map(str, packages), str(bad), "--org", str(org_dir), "--out", str(out_dir), "--exclude-invalid", *org_passphrase_args(org_dir)]) == 0
    text = pdf_text(out_dir / "report.pdf")
    assert "已被第 2 版替代" in text  # the demo has an amendment
    assert "damaged.rvs" in text and "未通过校验" in text
    for path in (str(tmp_path), str(world_dir), "/tmp", "incoming"):
        assert path not in text
    uuid = re.compile(r"^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
    words = {w for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9]", text) if not w.endswith(".rvs") and not uuid.match(w)}
    digest = re.compile(r"^[0-9a-f]{64}$")  # the package index lists SHA-256 digests
    english = {w for w in words - ALLOWED_LATIN if re.search(r"[a-z]{3,}", w) and not digest.match(w)}
    assert not english, sorted(english)
    xlsx_csv = (out_dir / "results.csv").read_text(encoding="utf-8-sig")
    assert str(tmp_path) not in xlsx_csv


# --- the signed PDF says what the signed JSON says ------------------------------------------------


def forge_sheet(world: Path, signer: Signer, shown, *, attach: bytes | None | str = "real") -> bytes:  # noqa: ANN001
    """A package whose score.json is the honest one but whose PDF (signed by the same key) was
    rendered from `shown(doc)`, carrying `attach` as its attached score.json ("real": the honest one)."""
    from package_fixtures import opened_bundle, repack

    from reviewer_app.export import pdf_sign, sheet_pdf
    from reviewer_app.services import signing as revisions
    from reviewer_app.org import demo_scores

    honest = build(world, SELF_BUILT, signer, demo_review(world, SELF_BUILT, TECH_EXPERT).state)
    doc = honest.document
    sheet = sheet_pdf.render(shown(doc), honest.score_sha256, handwritten_png=demo_scores.signature_png(signer.public.profile.name), recommendations=revisions.recommendations_of(opened_bundle(world, SELF_BUILT).spec))
    embedded = None if attach is None else ("score.json", honest.score_json if attach == "real" else attach, "application/json")
    pdf = pdf_sign.sign_pdf(
        sheet.pdf, page=sheet.signature_page, box=sheet.signature_box, certificate=signer.certificate, private_key=signer.private_key,
        signer_name=doc.expert.name, signer_field=doc.expert.field, fingerprint=doc.expert.fingerprint, signed_at=doc.revision.signed_at,
        reason="专家评分表 第 1 版", embedded=embedded,  # type: ignore[arg-type]
    )  # fmt: skip
    from package_fixtures import members_of

    members = [(name, pdf if name == "score.pdf" else data) for name, data in members_of(honest.data)]
    return repack(members, signer)


def _zeroed(doc: score_json.ScoreDocument) -> score_json.ScoreDocument:
    sections = tuple(dataclasses.replace(s, criteria=tuple(dataclasses.replace(c, score=0) for c in s.criteria), subtotal=0) for s in doc.sections)
    return dataclasses.replace(doc, sections=sections, total=0, opinion="不推荐。", recommendation_id="not-recommended", recommendation_title="不推荐")


def _one_criterion_changed(doc: score_json.ScoreDocument) -> score_json.ScoreDocument:
    section = doc.sections[0]
    first = section.criteria[0]
    changed = dataclasses.replace(first, score=first.score - 1 if first.score >= 1 else first.score + 1)
    return dataclasses.replace(doc, sections=(dataclasses.replace(section, criteria=(changed, *section.criteria[1:])), *doc.sections[1:]))


def _other_recommendation(doc: score_json.ScoreDocument) -> score_json.ScoreDocument:
    other = "recommend-after-revision" if doc.recommendation_id != "recommend-after-revision" else "recommend"
    return dataclasses.replace(doc, recommendation_id=other, recommendation_title="修改完善后推荐" if other != "recommend" else "推荐列入筹建名单")


@pytest.mark.parametrize(
    ("shown", "attach", "expected"),
    [
        (_zeroed, "real", "score.pdf does not show what score.json says"),
        (_one_criterion_changed, "real", "score.pdf does not show what score.json says"),
        (_other_recommendation, "real", "score.pdf does not show what score.json says: 推荐意见"),
        (lambda d: d, None, "does not carry its score.json"),
        (lambda d: d, b'{"scores": []}', "The score.json attached to score.pdf is not the package's score.json"),
    ],
    ids=["all-zero", "one-criterion", "recommendation", "nothing-attached", "other-json-attached"],
)
def test_a_sheet_that_says_something_else_than_its_json_is_refused(world_dir: Path, org_dir: Path, tmp_path: Path, shown, attach, expected: str) -> None:  # noqa: ANN001
    from package_fixtures import demo_signer

    expert = demo_signer(world_dir, TECH_EXPERT)  # an attacker holding the expert's own key
    data = forge_sheet(world_dir, expert, shown, attach=attach)
    report = verdict(data, Organization(org_dir), tmp_path)
    assert not report.ok and expected in report.message, report.message
    honest = verdict(forge_sheet(world_dir, expert, lambda d: d), Organization(org_dir), tmp_path)
    assert honest.ok, honest.message  # the same path without the forgery passes


def test_a_third_party_finds_the_signed_json_inside_the_signed_pdf(world_dir: Path, tmp_path: Path) -> None:
    """docs/verify.md: pdfdetach takes score.json out of score.pdf; it equals the package's member."""
    from package_fixtures import members_of

    members = dict(members_of(plain_of(world_dir, SELF_BUILT, TECH_EXPERT)))
    (tmp_path / "score.pdf").write_bytes(members["score.pdf"])
    listing = subprocess.run(["pdfdetach", "-list", "score.pdf"], cwd=tmp_path, check=True, capture_output=True, text=True).stdout
    assert "1 embedded files" in listing and "1: score.json" in listing
    subprocess.run(["pdfdetach", "-save", "1", "-o", "attached.json", "score.pdf"], cwd=tmp_path, check=True)
    assert (tmp_path / "attached.json").read_bytes() == members["score.json"]
    pdfsig = subprocess.run(["pdfsig", "score.pdf"], cwd=tmp_path, capture_output=True, text=True).stdout
    assert "Signature is Valid" in pdfsig and "Total document signed" in pdfsig


def test_the_roster_listing_names_a_damaged_card_and_marks_an_expired_one(org_dir: Path, capsys) -> None:  # noqa: ANN001
    damaged = roster.roster_dir(org_dir) / ("CD" * 32 + ".json")
    damaged.write_text("{}", encoding="utf-8")
    expired = make_signer("赵明", valid_from=now() - dt.timedelta(days=300), valid_until=now() - dt.timedelta(days=1))
    enrol(org_dir, expired)
    assert main(["roster", "--org", str(org_dir)]) == 0
    captured = capsys.readouterr()
    assert f"Roster card {damaged.name} skipped:" in captured.err
    line = next(line for line in captured.out.splitlines() if "赵明" in line)
    assert "[certificate expired" in line


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_one_score_shown_differently_is_caught(world_dir: Path, org_dir: Path, tmp_path: Path, data) -> None:  # noqa: ANN001
    """Whichever criterion the forged sheet shows with another score (a value its step allows),
    the text check finds it; the attacker holds the expert's key and signs both."""
    from package_fixtures import demo_signer

    expert = demo_signer(world_dir, TECH_EXPERT)
    criteria = [c for s in build(world_dir, SELF_BUILT, expert, demo_review(world_dir, SELF_BUILT, TECH_EXPERT).state).document.sections for c in s.criteria]
    target = data.draw(st.sampled_from([c.id for c in criteria]))
    original = next(c for c in criteria if c.id == target)
    allowed = [v / 2 for v in range(0, int(original.maximum * 2) + 1) if v / 2 != original.score]
    shown_value = data.draw(st.sampled_from(allowed))

    def shown(doc: score_json.ScoreDocument) -> score_json.ScoreDocument:
        sections = tuple(dataclasses.replace(s, criteria=tuple(dataclasses.replace(c, score=shown_value) if c.id == target else c for c in s.criteria)) for s in doc.sections)
        return dataclasses.replace(doc, sections=sections)

    report = verdict(forge_sheet(world_dir, expert, shown), Organization(org_dir), tmp_path)
    assert not report.ok and "score.pdf does not show what score.json says" in report.message, (target, shown_value, report.message)


def test_a_package_counted_out_of_window_is_flagged_in_the_results(world_dir: Path, org_dir: Path, tmp_path: Path, bundle_id: str, capsys) -> None:  # noqa: ANN001
    forger = long_valid("赵明")
    enrol(org_dir, forger, on_panel_of=bundle_id)
    late = tmp_path / "late.rvs"
    late.write_bytes(forge(world_dir, forger, signed_at=dt.datetime(2031, 5, 1, 10, 0, tzinfo=CHINA)))
    others = [p for p in sorted((world_dir / "packages").glob("*.rvs")) if SELF_BUILT in p.name]
    out_dir = tmp_path / "results"
    args = ["aggregate", str(late), *map(str, others), "--org", str(org_dir), "--out", str(out_dir), *org_passphrase_args(org_dir)]
    assert main(args) == 1 and not out_dir.exists()  # refused without the option
    assert main([*args, "--accept-out-of-window"]) == 0
    assert "FLAGGED:" in capsys.readouterr().out
    csv_text = (out_dir / "results.csv").read_text(encoding="utf-8-sig")
    assert ",flagged,late.rvs," in csv_text and "不在评审包" in csv_text  # Chinese, like the report
    text = pdf_text(out_dir / "report.pdf")
    assert "已计入但须核查的评分包" in text and "late.rvs" in text
