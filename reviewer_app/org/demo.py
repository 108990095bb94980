"""The demo world (DESIGN §9), built through the same code paths as the real flows.

    OUT/org/             organization key (org.p12), certificate (org-cert.pem), PASSPHRASE, roster/
    OUT/experts/<id>/    an expert identity as the app creates it, PASSPHRASE, enrolment-card.json
    OUT/bundles/*.rvb    one sealed bundle per application, for every demo expert and the session
    OUT/bundles/SESSION_PASSPHRASE
    OUT/packages/*.rvs   signed score packages from every demo expert for every demo bundle
                         (demo_scores.py), made by the app's own export code; OUT/org/sealed/
                         records the sealed bundles, so `reviewer-org verify` accepts them
    OUT/opinions/*.rvo   the panel's signed group opinion per application (demo_opinions.py):
                         GZ-2025-ZZ-07's with a written dissent and a re-check answered by an
                         amendment, GZ-2025-ZZ-03's with a member who recused (and signs nothing)

Each application's source folder (review.toml + generated materials) is written to a temporary
folder, loaded with `load_source` and sealed with `seal_bundle` exactly like `reviewer-org seal`.
The world is assembled in a staging folder and renamed into place, so OUT is complete or absent.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer_app import durable, identity, keys
from reviewer_app.bundle.seal import SealedBundle, generate_session_passphrase, seal_bundle
from reviewer_app.bundle.source import SOURCE_FILE, load_source
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError
from reviewer_app.org import age_key, demo_content, demo_documents, roster, tomlwrite
from reviewer_app.org.demo_content import Application, DemoExpert

Progress = Callable[[int, int], None]
PASSPHRASE_FILE = "PASSPHRASE"
SESSION_PASSPHRASE_FILE = "SESSION_PASSPHRASE"
CARD_FILE = "enrolment-card.json"
# The demo's passphrases are published in files, so a slow scrypt would only slow the demo down.
DEMO_SCRYPT_WORK_FACTOR = 14
CHINA = dt.timezone(dt.timedelta(hours=8))
# The organization names the panel leader of this application at sealing (`seal --leader`): the
# technical expert the built-in demo plays. The other application's panel chooses on the day.
LEADER_NAMED_AT_SEAL = ("GZ-2025-ZZ-07", "chen-zhiyuan")


@dataclass(frozen=True)
class DemoWorld:
    root: Path
    org_dir: Path
    experts: dict[str, Path]  # expert id -> identity folder
    bundles: dict[str, SealedBundle]  # application id -> sealed bundle
    session_passphrase: str


def build_demo_world(out_dir: Path, progress: Progress | None = None, *, today: dt.date | None = None) -> DemoWorld:
    """Build the demo world in `out_dir` (which must not exist or be empty)."""
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise UserFacingError(QT_TRANSLATE_NOOP("Errors", "{folder} already exists and is not empty; choose a new folder for the demo."), folder=str(out_dir))
    today = today or dt.datetime.now(CHINA).date()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-building-", dir=out_dir.parent))
    steps = 2 + len(demo_content.EXPERTS) + 2 * len(demo_content.APPLICATIONS)
    done = [0]

    def step() -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], steps)

    try:
        org = _make_org(staging / "org")
        step()
        cards = _make_experts(staging / "experts", step)
        for card_path in cards.values():
            roster.enrol(staging / "org", card_path)
        session_passphrase = generate_session_passphrase()
        bundles_dir = staging / "bundles"
        bundles_dir.mkdir()
        durable.write_bytes(bundles_dir / SESSION_PASSPHRASE_FILE, (session_passphrase + "\n").encode())
        recipients = [roster.lookup(staging / "org", identity.read_card(path).fingerprint) for path in cards.values()]
        named_leader = identity.read_card(cards[LEADER_NAMED_AT_SEAL[1]]).fingerprint
        sealed = {}
        for application in demo_content.APPLICATIONS:
            leader = named_leader if application.id == LEADER_NAMED_AT_SEAL[0] else ""
            sealed[application.id] = _seal_application(application, org, recipients, session_passphrase, bundles_dir, today, leader)
            step()
        _make_packages(staging, session_passphrase, today, step)
        _write_readme(staging)
        durable.rename_folder(staging, out_dir)
        step()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return DemoWorld(
        root=out_dir,
        org_dir=out_dir / "org",
        experts={expert.id: out_dir / "experts" / expert.id for expert in demo_content.EXPERTS},
        bundles={app_id: SealedBundle(out_dir / "bundles" / b.path.name, b.bundle_id, b.sums_sha256, b.size, b.recipients, b.session_passphrase) for app_id, b in sealed.items()},
        session_passphrase=session_passphrase,
    )


def _write_secret(path: Path, text: str) -> None:
    durable.write_bytes(path, (text + "\n").encode("utf-8"), mode=durable.PRIVATE)


def _make_org(org_dir: Path) -> keys.OrgCredentials:
    passphrase = generate_session_passphrase()
    org = keys.create_org_credentials(org_dir, demo_content.ORGANIZATION_NAME, passphrase)
    age_key.create(org_dir, passphrase)  # opens the confidential packages, like `reviewer-org init`
    _write_secret(org_dir / PASSPHRASE_FILE, passphrase)
    return org


def _make_expert(experts_dir: Path, expert: DemoExpert) -> Path:
    folder = experts_dir / expert.id
    passphrase = generate_session_passphrase()
    profile = identity.ExpertProfile(expert.name, expert.field, expert.affiliation, expert.title, expert.phone, expert.email)
    identity.create_identity(folder, profile, passphrase)
    _write_secret(folder / PASSPHRASE_FILE, passphrase)
    identity.export_card(folder, folder / CARD_FILE)
    return folder / CARD_FILE


def _make_experts(experts_dir: Path, step: Callable[[], None]) -> dict[str, Path]:
    """Every demo expert's identity; made in parallel (scrypt and PBKDF2 dominate and release the GIL)."""
    experts_dir.mkdir(parents=True)
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {expert.id: pool.submit(_make_expert, experts_dir, expert) for expert in demo_content.EXPERTS}
        cards = {}
        for expert_id, future in futures.items():
            cards[expert_id] = future.result()
            step()
    return cards


def review_window(today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From a month before `today` to a year after it, in China Standard Time."""
    start = dt.datetime.combine(today - dt.timedelta(days=30), dt.time(0, 0), CHINA)
    end = dt.datetime.combine(today + dt.timedelta(days=365), dt.time(23, 59, 59), CHINA)
    return start, end


def source_data(application: Application, today: dt.date, materials: list[tuple[str, str, bytes]]) -> dict[str, Any]:
    """The review.toml content for one demo application."""
    valid_from, valid_until = review_window(today)
    return {
        "format_version": 1,
        "review": {
            "title": demo_content.REVIEW_TITLE,
            "authority": demo_content.AUTHORITY,
            "organization": demo_content.ORGANIZATION_NAME,
            "session_date": today + dt.timedelta(days=7),
            "location": demo_content.LOCATION,
            "valid_from": valid_from,
            "valid_until": valid_until,
        },
        "application": {"id": application.id, "title": application.title, "applicant": application.applicant},
        "fields": demo_content.FIELDS,
        "stages": demo_content.STAGES,
        "facts": application.facts,
        "rubric": demo_content.rubric_data(application),
        "checklist": {"items": demo_content.CHECKLIST},
        "related_units": [{"unit": m.name, "relation": m.role} for m in application.members],  # screened at sealing
        "materials": [{"id": f"M{n:02d}", "title": title, "file": f"materials/{name}"} for n, (name, title, _) in enumerate(materials, 1)],
    }


def write_source(folder: Path, application: Application, today: dt.date) -> Path:
    """A complete source folder (review.toml + materials/) for one demo application."""
    materials = demo_documents.materials(application)
    (folder / "materials").mkdir(parents=True, exist_ok=True)
    for name, _, content in materials:
        (folder / "materials" / name).write_bytes(content)
    header = f"{application.title}: demo source folder written by `reviewer-org demo`.\nFormat: docs/formats.md (review.toml)."
    (folder / SOURCE_FILE).write_text(tomlwrite.dumps(source_data(application, today, materials), header), encoding="utf-8")
    return folder


def _seal_application(
    application: Application,
    org: keys.OrgCredentials,
    recipients: list[identity.EnrolmentCard],
    session_passphrase: str,
    bundles_dir: Path,
    today: dt.date,
    leader: str = "",
) -> SealedBundle:
    with tempfile.TemporaryDirectory(prefix="reviewer-demo-source-") as temp:
        source = load_source(write_source(Path(temp), application, today))
        issued_at = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(9, 0), CHINA)  # before the demo's signatures
        return seal_bundle(
            source, bundles_dir / f"{application.id}.rvb", org, recipients, session_passphrase, issued_at=issued_at, scrypt_work_factor=DEMO_SCRYPT_WORK_FACTOR,
            organization_recipient=age_key.recipient(bundles_dir.parent / "org"), leader=leader,
        )  # fmt: skip


def _write_readme(root: Path) -> None:
    experts = "\n".join(f"  experts/{e.id}/  {e.name}（{e.field}，{e.affiliation}）" for e in demo_content.EXPERTS)
    text = (
        "reviewer-app 演示数据 / demo world\n\n"
        f"  org/              {demo_content.ORGANIZATION_NAME}（组织单位密钥、证书、口令 PASSPHRASE、专家名册 roster/）\n"
        f"{experts}\n"
        "  bundles/*.rvb     已封装的评审包；现场口令见 bundles/SESSION_PASSPHRASE\n"
        "  packages/*.rvs    各专家已签名的评分包（含一份回避声明、一份修订版）；\n"
        "                    已加密，仅组织单位与专家组成员可读（age）：\n"
        "                    reviewer-org verify packages/*.rvs --org org --passphrase-file org/PASSPHRASE\n"
        "                    reviewer-org aggregate packages/*.rvs --org org --passphrase-file org/PASSPHRASE --out results\n"
        "  GZ-2025-ZZ-07     封装时由组织单位指定陈志远为专家组组长（reviewer-org check bundles/GZ-2025-ZZ-07.rvb --org org）\n"
        "  opinions/*.rvo    各项目经专家组全体成员签署的专家组意见（GZ-2025-ZZ-07 含一份书面不同意意见和一次以修订答复的复核，\n"
        "                    GZ-2025-ZZ-03 有一名成员回避，不签署）；\n"
        "                    opinions/work/ 为定稿、各成员签署文件及复核请求与答复：\n"
        "                    reviewer-org verify packages opinions --org org --passphrase-file org/PASSPHRASE\n\n"
        "All names are fictional. Every passphrase is in a PASSPHRASE file next to what it protects.\n"
    )
    (root / "README.txt").write_text(text, encoding="utf-8")


# --- packages/ (issue 7): every demo expert's signed answer to every demo bundle ------------------

PACKAGES_DIR = "packages"


def _make_packages(root: Path, session_passphrase: str, today: dt.date, step: Callable[[], None]) -> None:
    """OUT/packages/*.rvs through the app's export code (revisions.build_document, package.make_package)."""
    from reviewer_app.bundle import open_bundle
    from reviewer_app.export import confidential
    from reviewer_app.export import package as packages
    from reviewer_app.export import score_json
    from reviewer_app.services import signing as revisions
    from reviewer_app.org import demo_scores
    from reviewer_app.org import sealed as ledger

    org_cert = keys.load_certificate_file(root / "org" / keys.ORG_CERT_FILE)
    out = root / PACKAGES_DIR
    out.mkdir()

    def unlock(expert: DemoExpert) -> tuple[identity.PublicIdentity, Any]:
        # Only the signing key is needed; the age identity's scrypt would cost a second each.
        folder = root / "experts" / expert.id
        return identity.unlock_signing_key(folder, (folder / PASSPHRASE_FILE).read_text(encoding="utf-8").strip())

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        experts = dict(zip([e.id for e in demo_content.EXPERTS], pool.map(unlock, demo_content.EXPERTS), strict=True))
    now = dt.datetime.now(CHINA).replace(microsecond=0)
    if now.date() != today:  # a demo built for another day: sign inside its review window
        now = dt.datetime.combine(today, dt.time(16, 30), CHINA)
    entries: dict[str, list[tuple[Any, str]]] = {}
    for application in demo_content.APPLICATIONS:
        opened = open_bundle(root / "bundles" / f"{application.id}.rvb", [org_cert], session_passphrase=session_passphrase, now=now)
        ledger.record_from_opened(root / "org", opened)
        for demo_expert in demo_content.EXPERTS:
            expert, private_key = experts[demo_expert.id]
            review = demo_scores.demo_review(opened.spec, opened.bundle_id, application.id, application.title, demo_expert.id, expert.profile.field, now)
            kind = score_json.KIND_RECUSAL if review.recused else score_json.KIND_SCORE
            signature = demo_scores.signature_png(expert.profile.name)
            first = score_json.Revision(1, now - dt.timedelta(hours=3))
            doc = revisions.build_document(opened, expert, review.state, revision=first, inspection=review.inspection, attachments=review.attachments, kind=kind)
            built = packages.make_package(
                doc, certificate=expert.certificate, private_key=private_key, handwritten_png=signature, attachments=review.attachments,
                recommendations=revisions.recommendations_of(opened.spec), location=opened.review.location, self_check=False,
            )  # fmt: skip
            packages.write_atomically(out / built.file_name, confidential.encrypt(built.data, confidential.recipients_for(opened, expert)))
            entries.setdefault(opened.bundle_id, []).append((built.document, built.score_sha256))
            if review.amendment is not None:
                state, reason = review.amendment
                second = score_json.Revision(2, now, 1, built.score_sha256, reason)
                doc = revisions.build_document(opened, expert, state, revision=second, inspection=review.inspection, attachments=review.attachments)
                doc = score_json.with_changes_since(built.document, doc)
                amended = packages.make_package(
                    doc, certificate=expert.certificate, private_key=private_key, handwritten_png=signature, attachments=review.attachments,
                    recommendations=revisions.recommendations_of(opened.spec), location=opened.review.location, self_check=False,
                )  # fmt: skip
                packages.write_atomically(out / amended.file_name, confidential.encrypt(amended.data, confidential.recipients_for(opened, expert)))
                entries[opened.bundle_id].append((amended.document, amended.score_sha256))
        step()
    from reviewer_app.org import demo_opinions

    demo_opinions.make_opinions(root, entries, {e.id: experts[e.id] for e in demo_content.EXPERTS}, now + dt.timedelta(minutes=30))
