"""Expensive shared test material for the bundle, org and hostile-input tests, built once per session.

A plain module (not conftest): test modules import the fixtures they use. The builders are
cached at module level so every test module shares one organization, one pair of experts and
one set of sealed bundles, kept in a temporary folder removed at exit.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reviewer_app import cms, identity, keys
from reviewer_app.bundle import layout
from reviewer_app.bundle.seal import SealedBundle, seal_bundle
from reviewer_app.bundle.source import load_source
from reviewer_app.bundle.zipformat import CanonicalZipWriter
from reviewer_app.org import tomlwrite

PASSPHRASE = "Test-bundle-passphrase-7"
SESSION_PASSPHRASE = "Session-pass-word-2025"
CHINA = dt.timezone(dt.timedelta(hours=8))
VALID_FROM = dt.datetime(2025, 1, 1, 0, 0, tzinfo=CHINA)
VALID_UNTIL = dt.datetime(2099, 12, 31, 23, 59, 59, tzinfo=CHINA)
INSIDE_WINDOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=CHINA)
LARGE_MATERIAL_BYTES = 2_500_000  # more than two read chunks: exercises the threaded CRC path


@functools.cache
def _root() -> Path:
    root = Path(tempfile.mkdtemp(prefix="reviewer-bundle-tests-"))
    atexit.register(shutil.rmtree, root, True)
    return root


def small_spec() -> dict[str, Any]:
    """A small, valid review definition (two fields, bands, a veto, a checklist with claims)."""
    return {
        "fields": [{"id": "technical", "title": "技术"}, {"id": "finance", "title": "财务"}],
        "stages": [{"id": "comprehensive", "title": "综合评审"}, {"id": "inspection", "title": "现场考察"}],
        "facts": [
            {"key": "applicant", "label": "牵头单位", "value": "广州测试科技有限公司"},
            {"key": "sales_3y", "label": "近三年销售收入", "value": "1.2亿元；1.5亿元；1.9亿元"},
        ],
        "rubric": {
            "total": 20,
            "opinion_min_length": 10,
            "recommendations": [{"id": "yes", "title": "推荐"}, {"id": "no", "title": "不推荐"}],
            "sections": [
                {
                    "id": "T",
                    "title": "技术",
                    "maximum": 12,
                    "fields": ["technical"],
                    "min_raters": 0,  # the tests' panels are one or two experts, often of one field
                    "criteria": [
                        {
                            "id": "T1",
                            "title": "先进性",
                            "maximum": 8,
                            "step": 0.5,
                            "bands": [
                                {"label": "优", "min": 7, "max": 8},
                                {"label": "良", "min": 5.5, "max": 6.5},
                                {"label": "中", "min": 4, "max": 5},
                                {"label": "差", "min": 0, "max": 3.5},
                            ],
                            "comment": {"rule": "below", "threshold": 4},
                        },
                        {"id": "T2", "title": "团队", "maximum": 4, "comment": "always"},
                    ],
                },
                {"id": "F", "title": "财务", "maximum": 8, "fields": ["finance"], "min_raters": 0, "criteria": [{"id": "F1", "title": "经费", "maximum": 8}]},
            ],
            "vetoes": [{"id": "V1", "title": "牵头单位被列入严重失信名单"}],
        },
        "checklist": {
            "items": [
                {"section": "财务", "id": "K1", "title": "销售收入", "evidence": ["document"], "claims": ["sales_3y"]},
                {"section": "场地", "id": "K2", "title": "研发场地", "evidence": ["photo"]},
            ]
        },
    }


def write_pdf(path: Path, text: str = "application form", *, pages: int = 1, padding: int = 0) -> Path:
    """A real PDF (pdfium renders the text on each page), written by hand with an exact xref;
    `padding` bytes of an unused stream make it as large as wanted (sparse on disk)."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    kids = " ".join(f"{6 + n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        None,  # the padding stream
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"] * pages,
    ]
    offsets = []
    with path.open("wb") as out:
        out.write(b"%PDF-1.4\n")
        for number, body in enumerate(objects, 1):
            offsets.append(out.tell())
            if body is None:
                out.write(b"%d 0 obj\n<< /Length %d >>\nstream\n" % (number, padding))
                out.seek(padding, os.SEEK_CUR)
                out.write(b"\nendstream\nendobj\n")
            else:
                out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return path


def small_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def write_source(folder: Path, *, large: bool = False, spec: dict[str, Any] | None = None) -> Path:
    """A source folder with review.toml and two or three small materials."""
    (folder / "materials").mkdir(parents=True, exist_ok=True)
    write_pdf(folder / "materials" / "申报书.pdf")
    (folder / "materials" / "photo.png").write_bytes(small_png())
    materials = [
        {"id": "M01", "title": "申报书", "file": "materials/申报书.pdf"},
        {"id": "M02", "title": "场地照片", "file": "materials/photo.png"},
    ]
    if large:
        (folder / "materials" / "big.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(LARGE_MATERIAL_BYTES))
        materials.append({"id": "M03", "title": "附件", "file": "materials/big.pdf"})
    data = {
        "format_version": 1,
        "review": {"title": "测试评审", "authority": "广州市工业和信息化局", "session_date": dt.date(2025, 6, 1), "valid_from": VALID_FROM, "valid_until": VALID_UNTIL},
        "application": {"id": "T-001", "title": "测试创新中心", "applicant": "广州测试科技有限公司"},
        **(spec or small_spec()),
        "materials": materials,
    }
    (folder / "review.toml").write_text(tomlwrite.dumps(data), encoding="utf-8")
    return folder


@dataclass(frozen=True)
class Expert:
    folder: Path
    public: identity.PublicIdentity
    unlocked: identity.UnlockedIdentity
    card: identity.EnrolmentCard


@dataclass(frozen=True)
class World:
    root: Path
    org: keys.OrgCredentials
    other_org: keys.OrgCredentials
    recipient: Expert
    stranger: Expert
    source: Path

    @property
    def trusted(self) -> list[Any]:
        return [self.org.certificate]

    def seal(self, out: str, *, recipients: tuple[Expert, ...] | None = None, session: str | None = SESSION_PASSPHRASE, org: keys.OrgCredentials | None = None, source: Path | None = None) -> SealedBundle:
        chosen = (self.recipient,) if recipients is None else recipients
        return seal_bundle(
            load_source(source or self.source),
            self.root / "bundles" / out,
            org or self.org,
            [e.card for e in chosen],
            session,
            issued_at=dt.datetime(2025, 5, 1, tzinfo=dt.timezone.utc),
            scrypt_work_factor=10,
        )


def _expert(root: Path, name: str, field: str) -> Expert:
    folder = root / "experts" / name
    public = identity.create_identity(folder, identity.ExpertProfile(name=name, field=field, affiliation="测试大学"), PASSPHRASE)
    return Expert(folder, public, identity.unlock(folder, PASSPHRASE), identity.read_card(identity.card_bytes(public)))


@functools.cache
def world() -> World:
    root = _root()
    with ThreadPoolExecutor(2) as pool:
        recipient = pool.submit(_expert, root, "陈志远", "技术")
        stranger = pool.submit(_expert, root, "林晓梅", "财务")
        org = keys.create_org_credentials(root / "org", "测试评审机构", PASSPHRASE)
        other = keys.create_org_credentials(root / "other-org", "另一家评审机构", PASSPHRASE)
        experts = recipient.result(), stranger.result()
    return World(root, org, other, experts[0], experts[1], write_source(root / "source", large=False))


@functools.cache
def base_bundle() -> Path:
    """A small bundle for the recipient expert and the session passphrase."""
    return world().seal("base.rvb").path


@functools.cache
def large_bundle() -> Path:
    w = world()
    return w.seal("large.rvb", source=write_source(w.root / "source-large", large=True)).path


@pytest.fixture
def shared_world() -> World:
    return world()


# --- crafting bundles for hostile tests -------------------------------------------------------


def members_of(path: Path) -> list[tuple[str, bytes]]:
    """(name, data) of every member in order (zipfile is fine for reading our own output)."""
    with zipfile.ZipFile(path) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def write_canonical(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    writer = CanonicalZipWriter(buffer)
    for name, data in members:
        writer.add(name, data)
    writer.finish()
    return buffer.getvalue()


def resign(members: list[tuple[str, bytes]], org: keys.OrgCredentials) -> bytes:
    """The members with a fresh SHA256SUMS and organization signature: a validly signed bundle."""
    body = [(name, data) for name, data in members if name not in (layout.SUMS, layout.SUMS_SIGNATURE)]
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in body).encode()
    return write_canonical([*body, (layout.SUMS, sums), (layout.SUMS_SIGNATURE, cms.sign_detached(sums, org.certificate, org.private_key))])


def replace_member(members: list[tuple[str, bytes]], name: str, data: bytes) -> list[tuple[str, bytes]]:
    return [(n, data if n == name else d) for n, d in members]


def fix_member_table(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The members with bundle.json's member table (sizes, CRCs) made to match them again."""
    info = json.loads(dict(members)[layout.BUNDLE_JSON])
    data = dict(members)
    for entry in info["members"]:
        entry["size"], entry["crc32"] = len(data[entry["name"]]), zlib.crc32(data[entry["name"]])
    return replace_member(members, layout.BUNDLE_JSON, json.dumps(info, ensure_ascii=False).encode())


def rewrite_manifest(bundle: Path, change: Callable[[dict], object], *, signer: str = "org", bundle_json: Callable[[dict], object] | None = None) -> bytes:
    """`bundle` (sealed by world().org for the session passphrase) with its inner manifest
    changed, signed by `signer` ("org" or "other_org") and re-encrypted with the bundle key, and
    bundle.json changed too if asked: a bundle the organization could have signed, wrong only
    in what `change` did."""
    import pyrage

    from reviewer_app.bundle import open_bundle

    w = world()
    opened = open_bundle(bundle, w.trusted, session_passphrase=SESSION_PASSPHRASE, now=INSIDE_WINDOW)
    recipient = pyrage.x25519.Identity.from_str(opened.bundle_key.splitlines()[1]).to_public()
    data = json.loads(opened.manifest.to_json())
    change(data)
    text = json.dumps(data, ensure_ascii=False).encode()
    credentials = getattr(w, signer)
    signature = cms.sign_detached(text, credentials.certificate, credentials.private_key)
    members = replace_member(members_of(bundle), layout.MANIFEST, pyrage.encrypt(text, [recipient]))
    members = replace_member(members, layout.MANIFEST_SIGNATURE, pyrage.encrypt(signature, [recipient]))
    if bundle_json is not None:
        info = json.loads(dict(members)[layout.BUNDLE_JSON])
        bundle_json(info)
        members = replace_member(members, layout.BUNDLE_JSON, json.dumps(info, ensure_ascii=False).encode())
    return resign(fix_member_table(members), w.org)
