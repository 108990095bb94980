"""Re-check (复核) request and answer files: signed by the leader / the member, pinned to the
bundle's signed panel list; checked by the app and by stock openssl; hostile copies refused."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from package_fixtures import demo_signer, stranger, world_dir  # noqa: F401 - fixture
from reviewer_app.org import sealed as ledger
from reviewer_app.org.opinion_draft import Recheck
from reviewer_app.panel import opinion as opinions
from reviewer_app.panel import recheck
from reviewer_app.panel.opinion import OpinionRefused

NOW = dt.datetime(2026, 1, 1, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
ZZ07, ZZ03 = "GZ-2025-ZZ-07", "GZ-2025-ZZ-03"


def panel_of(world: Path, application_id: str) -> tuple[str, list[str]]:
    record = next(r for r in ledger.all_records(world / "org") if r.application.id == application_id)
    return record.bundle_id, [m.fingerprint for m in record.panel]


def request_file(world: Path, application_id: str = ZZ07, leader: str = "chen-zhiyuan", member: str = "lin-xiaomei") -> bytes:
    bundle_id, panel = panel_of(world, application_id)
    signer = demo_signer(world, leader)
    return recheck.make_request(
        bundle_id=bundle_id, application_id=application_id, panel=panel, criteria=["D2"], member=demo_signer(world, member).fingerprint,
        question="请结合答辩补充材料复核 D2 的评分。", certificate=signer.certificate, private_key=signer.private_key, now=NOW,
    )  # fmt: skip


def read(world: Path, data: bytes, application_id: str = ZZ07) -> recheck.Request:
    bundle_id, panel = panel_of(world, application_id)
    return recheck.read_request(data, bundle_id=bundle_id, application_id=application_id, panel=panel, file="x.recheck")


def test_a_request_answered_by_justification_and_by_amendment(world_dir: Path) -> None:  # noqa: F811
    request = read(world_dir, request_file(world_dir))
    assert request.criteria == ("D2",) and request.member == demo_signer(world_dir, "lin-xiaomei").fingerprint
    lin = demo_signer(world_dir, "lin-xiaomei")
    kept = recheck.read_answer(recheck.make_answer(request, answer=recheck.JUSTIFICATION, justification="答辩材料未改变我的判断。", certificate=lin.certificate, private_key=lin.private_key, now=NOW), request, "a")
    assert kept.answer == "justification" and kept.revision is None
    amended = recheck.read_answer(recheck.make_answer(request, answer=recheck.AMENDMENT, revision=2, score_sha256="ab" * 32, certificate=lin.certificate, private_key=lin.private_key, now=NOW), request, "b")
    assert Recheck(**amended.record("上调 D2")).revision == 2


def test_the_request_signature_checks_with_openssl(world_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    members = dict(opinions.unpack(request_file(world_dir), "r"))
    (tmp_path / "request.json").write_bytes(members["request.json"])
    (tmp_path / "request.json.p7s").write_bytes(members["request.json.p7s"])
    (tmp_path / "cert.pem").write_bytes(demo_signer(world_dir, "chen-zhiyuan").certificate.public_bytes(serialization.Encoding.PEM))
    command = ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "request.json.p7s", "-content", "request.json", "-CAfile", "cert.pem", "-no-CApath", "-no-CAstore", "-out", "/dev/null"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0 and "CMS Verification successful" in result.stderr
    (tmp_path / "request.json").write_bytes(members["request.json"].replace(b"D2", b"D3"))
    assert subprocess.run(command, cwd=tmp_path, capture_output=True, text=True).returncode != 0


def test_hostile_requests_and_answers_are_refused(world_dir: Path) -> None:  # noqa: F811
    bundle_id, panel = panel_of(world_dir, ZZ07)
    outsider = stranger()
    with pytest.raises(OpinionRefused, match="panel member of a panel member"):
        recheck.make_request(bundle_id=bundle_id, application_id=ZZ07, panel=panel, criteria=["D2"], member=panel[0], question="?", certificate=outsider.certificate, private_key=outsider.private_key, now=NOW)
    with pytest.raises(OpinionRefused, match="another application"):
        read(world_dir, request_file(world_dir, ZZ07), ZZ03)
    data = request_file(world_dir)
    with pytest.raises(OpinionRefused, match="damaged"):
        read(world_dir, data[:100] + bytes([data[100] ^ 1]) + data[101:])
    request = read(world_dir, data)
    wu, lin = demo_signer(world_dir, "wu-peishan"), demo_signer(world_dir, "lin-xiaomei")
    with pytest.raises(OpinionRefused, match="addressed to another panel member"):
        recheck.make_answer(request, answer=recheck.JUSTIFICATION, justification="x", certificate=wu.certificate, private_key=wu.private_key, now=NOW)
    with pytest.raises(OpinionRefused, match="written justification"):
        recheck.make_answer(request, answer=recheck.JUSTIFICATION, justification=" ", certificate=lin.certificate, private_key=lin.private_key, now=NOW)
    other = read(world_dir, request_file(world_dir, member="wu-peishan"))
    answer_to_other = recheck.make_answer(other, answer=recheck.JUSTIFICATION, justification="维持。", certificate=wu.certificate, private_key=wu.private_key, now=NOW)
    with pytest.raises(OpinionRefused, match="answers another re-check request"):
        recheck.read_answer(answer_to_other, request, "replayed.recheck-answer")


def test_a_request_signed_by_someone_else_than_the_leader_it_names_is_refused(world_dir: Path) -> None:  # noqa: F811
    from reviewer_app import cms

    members = dict(opinions.unpack(request_file(world_dir), "r"))
    outsider = stranger()
    forged = opinions.pack([("request.json", members["request.json"]), ("request.json.p7s", cms.sign_detached(members["request.json"], outsider.certificate, outsider.private_key))])
    with pytest.raises(OpinionRefused, match="not signed by the panel member it names"):
        read(world_dir, forged)
