"""`reviewer-org`: init, enrol, roster, check, seal and the demo world, through the real entry point."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import threading
import tomllib
from pathlib import Path

import pytest
from bundle_fixtures import PASSPHRASE, SESSION_PASSPHRASE, world, write_source

from reviewer_app import identity, keys
from reviewer_app.bundle import BundleRefused, open_bundle
from reviewer_app.org import demo, demo_content, tomlwrite
from reviewer_app.org import sealed as ledger
from reviewer_app.org.cli import main

ORG_PASSPHRASE = "Org-toolkit-pass-2025"


@pytest.fixture
def org_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("REVIEWER_ORG_PASSPHRASE", ORG_PASSPHRASE)
    folder = tmp_path / "org"
    assert main(["init", "--org", str(folder), "--name", "广州测试评审中心"]) == 0
    return folder


def _card(tmp_path: Path, expert: str = "recipient") -> Path:
    path = tmp_path / f"{expert}.card.json"
    path.write_bytes(identity.card_bytes(getattr(world(), expert).public))
    return path


def test_init_makes_an_encrypted_p256_key_and_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], org_dir: Path) -> None:
    org = keys.load_org_credentials(org_dir, ORG_PASSPHRASE)
    assert keys.is_p256(org.certificate.public_key()) and org.name == "广州测试评审中心"
    out = capsys.readouterr().out
    assert keys.format_fingerprint(org.fingerprint) in out and org.fingerprint not in out
    assert str(org_dir / "org-cert.pem") in out and "Identity and trust" in out and "read aloud" in out
    info = subprocess.run(
        ["openssl", "pkcs12", "-info", "-noout", "-in", str(org_dir / "org.p12"), "-passin", f"pass:{ORG_PASSPHRASE}"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert "PBES2, PBKDF2, AES-256-CBC, Iteration 600000" in info
    with pytest.raises(keys.WrongPassphrase):
        keys.load_org_credentials(org_dir, "wrong passphrase")
    assert main(["init", "--org", str(org_dir), "--name", "again"]) == 1
    assert "already exists" in capsys.readouterr().err


def test_enrol_pins_by_fingerprint(org_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    card = _card(tmp_path)
    fingerprint = world().recipient.public.fingerprint
    assert main(["enrol", str(card), "--org", str(org_dir), "--fingerprint", "00:11:22"]) == 1
    assert "64 hexadecimal digits" in capsys.readouterr().err
    assert main(["enrol", str(card), "--org", str(org_dir), "--fingerprint", world().stranger.public.fingerprint]) == 1
    assert "not the one the expert announced" in capsys.readouterr().err
    assert not (org_dir / "roster").exists()
    assert main(["enrol", str(card), "--org", str(org_dir), "--fingerprint", fingerprint.replace(":", " ").lower()]) == 0
    assert (org_dir / "roster" / f"{keys.fingerprint_hex(fingerprint)}.json").read_bytes() == card.read_bytes()
    capsys.readouterr()
    assert main(["roster", "--org", str(org_dir)]) == 0
    assert f"{keys.format_fingerprint(fingerprint)}  陈志远  技术" in capsys.readouterr().out
    tampered = tmp_path / "tampered.json"
    tampered.write_text(card.read_text(encoding="utf-8").replace("陈志远", "陈志近"), encoding="utf-8")
    assert main(["enrol", str(tampered), "--org", str(org_dir), "--fingerprint", fingerprint]) == 1
    assert "does not match its certificate" in capsys.readouterr().err


class Terminal(io.StringIO):
    """stdin as a person at a terminal: isatty() and the answers they type."""

    def isatty(self) -> bool:
        return True


def test_enrol_shows_the_card_and_stores_it_only_after_confirmation(
    org_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    card = _card(tmp_path)
    fingerprint = world().recipient.public.fingerprint
    stored = org_dir / "roster" / f"{keys.fingerprint_hex(fingerprint)}.json"
    capsys.readouterr()
    # In a script (no terminal) without --fingerprint: refused before anything is stored.
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    assert main(["enrol", str(card), "--org", str(org_dir)]) == 1
    out, err = capsys.readouterr()
    assert "陈志远" in out and "技术" in out and keys.format_fingerprint(fingerprint) in out
    assert "--fingerprint" in err and "Nothing was enrolled" in err and not stored.exists()
    # At a terminal: the name, field and fingerprint come first, then the question.
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    assert main(["enrol", str(card), "--org", str(org_dir)]) == 1
    out = capsys.readouterr().out
    assert out.index("陈志远") < out.index(keys.format_fingerprint(fingerprint)) < out.index("Enrol? [y/N]")
    assert "Not enrolled." in out and not stored.exists()
    monkeypatch.setattr("sys.stdin", Terminal("是\n"))
    assert main(["enrol", str(card), "--org", str(org_dir)]) == 0
    assert "Enrolled 陈志远" in capsys.readouterr().out and stored.read_bytes() == card.read_bytes()
    # The same card again: said so, not "Enrolled" again.
    assert main(["enrol", str(card), "--org", str(org_dir), "--fingerprint", fingerprint]) == 0
    out = capsys.readouterr().out
    assert "already enrolled" in out and "Enrolled" not in out
    # The printable PDF points to the JSON beside it.
    pdf = card.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.4 printable card")
    assert main(["enrol", str(pdf), "--org", str(org_dir), "--fingerprint", fingerprint]) == 1
    err = capsys.readouterr().err
    assert "printable copy" in err and str(card.with_suffix(".json")) in err
    renamed = tmp_path / "card-without-suffix"
    renamed.write_bytes(pdf.read_bytes())
    assert main(["enrol", str(renamed), "--org", str(org_dir), "--fingerprint", fingerprint]) == 1
    assert "printable copy" in capsys.readouterr().err


def test_a_second_card_for_an_enrolled_name_is_flagged_and_the_old_key_retired(
    org_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from package_fixtures import stranger

    old = world().recipient.public
    new = stranger(old.profile.name, old.profile.field, old.profile.affiliation).unlocked.public
    old_card, new_card = _card(tmp_path), tmp_path / "new.json"
    new_card.write_bytes(identity.card_bytes(new))
    assert main(["enrol", str(old_card), "--org", str(org_dir), "--fingerprint", old.fingerprint]) == 0
    capsys.readouterr()
    shown_new = keys.format_fingerprint(new.fingerprint)
    assert main(["enrol", str(new_card), "--org", str(org_dir), "--fingerprint", shown_new]) == 0
    out, err = capsys.readouterr()
    shown_old = keys.format_fingerprint(old.fingerprint)
    assert "Enrolled 陈志远" in out
    assert "already enrolled with another key" in err and f'reviewer-org retire "{shown_old}"' in err

    source = write_source(tmp_path / "source")
    org_cert = keys.load_org_credentials(org_dir, ORG_PASSPHRASE).certificate
    both = tmp_path / "both.rvb"
    assert main(["seal", str(source), "--org", str(org_dir), "--all-enrolled", "-o", str(both)]) == 0
    assert set(open_bundle(both, [org_cert], identity=world().recipient.unlocked,
                           now=dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)).verified.info.recipients) == {old.fingerprint, new.fingerprint}

    assert main(["retire", old.fingerprint.lower(), "--org", str(org_dir)]) == 0
    assert shown_old in capsys.readouterr().out
    assert main(["retire", shown_old, "--org", str(org_dir)]) == 0, "retiring twice is harmless"
    capsys.readouterr()
    assert main(["roster", "--org", str(org_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith(shown_old) and "[retired " in line for line in lines)
    assert any(line.startswith(shown_new) and "retired" not in line for line in lines)
    assert "2 card(s) enrolled: 1 in use, 1 retired or revoked." in lines[-1]

    only_new = tmp_path / "only-new.rvb"
    assert main(["seal", str(source), "--org", str(org_dir), "--all-enrolled", "-o", str(only_new)]) == 0
    out = capsys.readouterr().out
    assert shown_new in out and shown_old not in out
    with pytest.raises(BundleRefused):
        open_bundle(only_new, [org_cert], identity=world().recipient.unlocked, now=dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc))
    assert main(["seal", str(source), "--org", str(org_dir), "--recipients", str(old_card), "-o", str(tmp_path / "x.rvb")]) == 1
    assert "is retired or revoked" in capsys.readouterr().err and not (tmp_path / "x.rvb").exists()
    assert main(["enrol", str(old_card), "--org", str(org_dir), "--fingerprint", old.fingerprint]) == 0
    assert "already enrolled (its key is retired" in capsys.readouterr().out
    assert main(["retire", "B1CA B6B0", "--org", str(org_dir)]) == 1
    assert "64 hexadecimal digits" in capsys.readouterr().err

    # A revoked key (lost or stolen) is shown as such and not sealed for either.
    assert main(["revoke", shown_new, "--org", str(org_dir), "--from", "2026-05-01", "--reason", "U盘丢失"]) == 0
    assert shown_new in capsys.readouterr().out
    assert main(["roster", "--org", str(org_dir)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith(shown_new) and "[revoked from 2026-05-01 00:00: U盘丢失]" in line for line in lines)
    assert "2 card(s) enrolled: 0 in use, 2 retired or revoked." in lines[-1]
    assert main(["seal", str(source), "--org", str(org_dir), "--recipients", str(new_card), "-o", str(tmp_path / "y.rvb")]) == 1
    assert "is retired or revoked" in capsys.readouterr().err


def test_seal_for_enrolled_experts_and_session(org_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    w = world()
    card = _card(tmp_path)
    assert main(["enrol", str(card), "--org", str(org_dir), "--fingerprint", w.recipient.public.fingerprint]) == 0
    source = write_source(tmp_path / "source")
    out = tmp_path / "out" / "review.rvb"
    session_file = tmp_path / "SESSION"
    args = ["seal", str(source), "--org", str(org_dir), "--recipients", str(card), "--new-session-passphrase", str(session_file), "-o", str(out)]
    assert main([*args, "--scrypt-work-factor", "10"]) == 0
    printed = capsys.readouterr().out
    session = session_file.read_text(encoding="utf-8").strip()
    assert session in printed and "for 陈志远 (技术)" in printed
    org_cert = keys.load_org_credentials(org_dir, ORG_PASSPHRASE).certificate
    now = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)
    assert open_bundle(out, [org_cert], identity=w.recipient.unlocked, now=now).application.id == "T-001"
    opened = open_bundle(out, [org_cert], session_passphrase=session, now=now)
    assert opened.rubric.total == 20
    record = ledger.load_record(org_dir, opened.bundle_id)  # what `reviewer-org verify` checks packages against
    assert record is not None and record.sums_sha256 == opened.sums_sha256
    assert main(args) == 1  # the session passphrase file exists: never overwritten
    assert "already exists" in capsys.readouterr().err


def test_seal_unlocks_the_key_while_it_checks_the_materials_and_a_wrong_passphrase_still_says_so(
    org_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A passphrase given by variable or file lets the key unlock on its own thread during the
    readability check (~0.08 s of every seal); a wrong one is refused as before, nothing sealed."""
    from reviewer_app.bundle import readable

    w = world()
    card = _card(tmp_path)
    assert main(["enrol", str(card), "--org", str(org_dir), "--fingerprint", w.recipient.public.fingerprint]) == 0
    source = write_source(tmp_path / "source")
    unlocking, checking = threading.Event(), threading.Event()
    unlock, check = keys.load_org_credentials, readable.unreadable

    def slow_unlock(*args):  # noqa: ANN002, ANN202 - same as keys.load_org_credentials
        unlocking.set()
        assert checking.wait(10), "the materials were not checked while the key unlocked"
        return unlock(*args)

    def check_after_unlock_began(*args):  # noqa: ANN002, ANN202 - same as readable.unreadable
        assert unlocking.wait(10), "the key did not start unlocking before the check"
        checking.set()
        return check(*args)

    monkeypatch.setattr(keys, "load_org_credentials", slow_unlock)
    monkeypatch.setattr(readable, "unreadable", check_after_unlock_began)
    out = tmp_path / "review.rvb"
    args = ["seal", str(source), "--org", str(org_dir), "--recipients", str(card), "--scrypt-work-factor", "10", "-o", str(out)]
    assert main(args) == 0 and out.is_file()
    monkeypatch.setattr(keys, "load_org_credentials", unlock)
    monkeypatch.setattr(readable, "unreadable", check)
    (tmp_path / "wrong").write_text("not the passphrase\n", encoding="utf-8")
    capsys.readouterr()
    assert main([*args[:-1], str(tmp_path / "other.rvb"), "--passphrase-file", str(tmp_path / "wrong")]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == "The passphrase is wrong." and "Traceback" not in err
    assert not (tmp_path / "other.rvb").exists()


def test_seal_refuses_experts_not_in_the_roster(org_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_source(tmp_path / "source")
    stranger = world().stranger.public.fingerprint
    for recipient in (str(_card(tmp_path, "stranger")), stranger):
        assert main(["seal", str(source), "--org", str(org_dir), "--recipients", recipient, "-o", str(tmp_path / "x.rvb")]) == 1
        assert f"No expert with fingerprint {keys.format_fingerprint(stranger)} is in the roster" in capsys.readouterr().err
    assert main(["seal", str(source), "--org", str(org_dir), "--all-enrolled", "-o", str(tmp_path / "x.rvb")]) == 1
    assert "Name at least one enrolled expert or a session passphrase" in capsys.readouterr().err
    assert not (tmp_path / "x.rvb").exists()


def test_seal_lists_every_problem_of_the_source(org_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_source(tmp_path / "source")
    text = (source / "review.toml").read_text(encoding="utf-8")
    text = text.replace("total = 20", "total = 25").replace('id = "T2"', 'id = "T1"').replace("materials/photo.png", "materials/missing.png")
    (source / "review.toml").write_text(text, encoding="utf-8")
    (tmp_path / "session").write_text(SESSION_PASSPHRASE, encoding="utf-8")
    args = ["seal", str(source), "--org", str(org_dir), "--session-passphrase-file", str(tmp_path / "session"), "-o", str(tmp_path / "x.rvb")]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "The source folder has 3 problem(s):" in err
    assert "The section maxima add up to 20, but the rubric total is 25." in err
    assert 'The rubric id "T1" is used 2 times.' in err
    assert "The material file materials/missing.png does not exist." in err
    assert main(["check", str(source)]) == 1
    assert "3 problem(s)" in capsys.readouterr().err


def test_check_a_sound_source_and_refuse_bad_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_source(tmp_path / "source")
    assert main(["check", str(source)]) == 0
    assert "sound — T-001 测试创新中心, 3 criteria, 2 materials" in capsys.readouterr().out
    (source / "review.toml").write_text("[review\n", encoding="utf-8")
    assert main(["check", str(source)]) == 1
    assert "is not valid TOML" in capsys.readouterr().err


def test_passphrase_is_required_without_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("REVIEWER_ORG_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())  # not a terminal: no prompt possible
    assert main(["init", "--org", str(tmp_path / "org"), "--name", "x机构"]) == 1
    assert "--passphrase-file" in capsys.readouterr().err
    passphrase_file = tmp_path / "pass"
    passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    assert main(["init", "--org", str(tmp_path / "org"), "--name", "x机构", "--passphrase-file", str(passphrase_file)]) == 0


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["seal"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_toml_writer_round_trips() -> None:
    data = {
        "format_version": 1,
        "review": {"title": "评审 \"引号\"\n换行", "valid_from": dt.datetime(2025, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8))), "day": dt.date(2025, 2, 3)},
        "list": [1, 2.5, "三"],
        "bands": [{"label": "优", "min": 9, "max": 10}],
        "sections": [{"id": "A", "criteria": [{"id": "A1", "bands": [{"label": "x", "min": 0, "max": 1}], "comment": {"rule": "always"}}]}],
        "中文键": True,
    }
    assert tomllib.loads(tomlwrite.dumps(data, "header\nline")) == data


# --- the demo world ---------------------------------------------------------------------------


@pytest.fixture
def demo_world(demo_world_dir: Path) -> Path:
    """The session's demo world (conftest builds it once with build_demo_world, what `reviewer-org demo` runs)."""
    return demo_world_dir


def test_demo_command_refuses_an_existing_folder_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    assert main(["demo", str(tmp_path)]) == 1
    assert "already exists and is not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
    assert not list(tmp_path.parent.glob(f".{tmp_path.name}-building-*"))


def test_demo_world_layout(demo_world: Path) -> None:
    assert (demo_world / "org" / "org.p12").is_file() and (demo_world / "org" / "org-cert.pem").is_file()
    experts = sorted(p for p in (demo_world / "experts").iterdir())
    assert len(experts) >= 4
    fields = {identity.load_public(folder).profile.field for folder in experts}
    assert {"技术", "产业", "管理", "财务"} <= fields
    assert all((folder / "PASSPHRASE").read_text(encoding="utf-8").strip() for folder in experts)
    assert len(list((demo_world / "org" / "roster").glob("*.json"))) == len(experts)
    bundles = sorted((demo_world / "bundles").glob("*.rvb"))
    assert len(bundles) >= 2 and (demo_world / "bundles" / "SESSION_PASSPHRASE").is_file()
    assert not list(demo_world.rglob("*.pdf")) and not list(demo_world.rglob("review.toml"))  # no plaintext left behind


def test_every_demo_expert_opens_every_demo_bundle(demo_world: Path) -> None:
    org_cert = keys.load_certificate_file(demo_world / "org" / "org-cert.pem")
    session = (demo_world / "bundles" / "SESSION_PASSPHRASE").read_text(encoding="utf-8").strip()
    recipients = {identity.load_public(folder).fingerprint for folder in (demo_world / "experts").iterdir()}
    # Unlocking an identity costs about a second (scrypt); two experts show the key path works.
    unlocked = [
        identity.unlock(folder, (folder / "PASSPHRASE").read_text(encoding="utf-8").strip())
        for folder in sorted((demo_world / "experts").iterdir())[:2]
    ]
    modes = set()
    today = dt.datetime.now(demo.CHINA)
    for bundle in sorted((demo_world / "bundles").glob("*.rvb")):
        opened = open_bundle(bundle, [org_cert], session_passphrase=session)
        assert set(opened.verified.info.recipients) == recipients
        modes.add(opened.spec.fact("mode").value.split("（")[0])
        window = opened.review.window
        assert 29 <= (today - window.valid_from).days <= 31 and 364 <= (window.valid_until - today).days <= 366
        for expert in unlocked:
            assert open_bundle(bundle, [org_cert], identity=expert).bundle_id == opened.bundle_id
    assert modes == {"企业法人+联盟", "自主建设模式"}


def test_demo_content_is_the_guangzhou_review(demo_world: Path, tmp_path: Path) -> None:
    org_cert = keys.load_certificate_file(demo_world / "org" / "org-cert.pem")
    session = (demo_world / "bundles" / "SESSION_PASSPHRASE").read_text(encoding="utf-8").strip()
    opened = open_bundle(demo_world / "bundles" / f"{demo_content.ALLIANCE.id}.rvb", [org_cert], session_passphrase=session)
    rubric = opened.rubric
    assert rubric.total == 100 and len(rubric.sections) == 5
    assert [(s.raters, s.fields) for s in rubric.sections] == [
        ("all", ()), ("fields", ("technical", "industry")), ("all", ()), ("all", ()), ("fields", ("finance", "management", "industry"))]
    assert any("1亿元" in v.title for v in rubric.vetoes) and any("失信" in v.title for v in rubric.vetoes)
    assert {c.comment.kind for c in rubric.criteria()} == {"always", "below", "above"}
    assert all(opened.spec.fact(key) for item in opened.checklist.items for key in item.claims)
    assert float(opened.spec.fact("avg_sales").value.rstrip("亿元")) >= 1
    pdfs = [m for m in opened.materials if m.media_type == "application/pdf"]
    assert len(pdfs) >= 4 and any(m.media_type == "image/png" for m in opened.materials)
    for material in pdfs:
        (tmp_path / material.file_name).write_bytes(opened.read_material(material.id))
        info = subprocess.run(["pdfinfo", str(tmp_path / material.file_name)], capture_output=True, text=True, check=True).stdout
        assert int(info.split("Pages:")[1].split()[0]) >= 2
    fonts = subprocess.run(["pdffonts", str(tmp_path / pdfs[0].file_name)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYiMicroHei" in fonts and " yes yes " in fonts
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(tmp_path / pdfs[0].file_name), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").stat().st_size > 5000


def test_demo_bundle_refuses_a_stranger(demo_world: Path) -> None:
    org_cert = keys.load_certificate_file(demo_world / "org" / "org-cert.pem")
    with pytest.raises(BundleRefused, match="not sealed for you"):
        open_bundle(next((demo_world / "bundles").glob("*.rvb")), [org_cert], identity=world().stranger.unlocked)
