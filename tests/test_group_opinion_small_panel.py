"""Issue 17 on another panel than the demo's seven: three members sealed with `reviewer-org seal
--recipients`, every section scored by all three, no leader named (the panel chooses one on the
day). The draft counts the plain mean (too few raters to trim) and records the day's choice; the
three sign; the PDF shows three columns and the mean rule; `reviewer-org verify` accepts it with
the three packages and refuses it without one of them."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tomllib
from pathlib import Path

from package_fixtures import PASSPHRASE_FILE, demo_signer, world_dir  # noqa: F401 - fixture
from reviewer_app import identity, keys
from reviewer_app.bundle import open_bundle
from reviewer_app.export import package as packages
from reviewer_app.export import score_json
from reviewer_app.org import aggregate, demo, demo_content, demo_scores, tomlwrite
from reviewer_app.org import opinion_draft as drafts
from reviewer_app.org import sealed as ledger
from reviewer_app.org.cli import main
from reviewer_app.org.verify_packages import verify_all
from reviewer_app.panel import opinion as opinions
from reviewer_app.services import signing as revisions

CHINA = dt.timezone(dt.timedelta(hours=8))
PANEL = ("chen-zhiyuan", "lin-xiaomei", "wu-peishan")


def test_a_three_member_panel_that_chose_its_leader_on_the_day(qtbot, app_context, world_dir: Path, tmp_path: Path, capsys) -> None:  # noqa: F811, ANN001
    org = Path(shutil.copytree(world_dir / "org", tmp_path / "org"))
    application = demo_content.APPLICATIONS[0]
    source = demo.write_source(tmp_path / "source", application, dt.datetime.now(CHINA).date())
    data = tomllib.loads((source / "review.toml").read_text(encoding="utf-8"))
    for section in data["rubric"]["sections"]:
        section.update({"raters": "all", "fields": []})
    (source / "review.toml").write_text(tomlwrite.dumps(data), encoding="utf-8")
    cards = [str(world_dir / "experts" / i / demo.CARD_FILE) for i in PANEL]
    bundle = tmp_path / "small.rvb"
    assert main(["seal", str(source), "--org", str(org), "--passphrase-file", str(org / PASSPHRASE_FILE), "--recipients", *cards, "-o", str(bundle)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    signers = {i: demo_signer(world_dir, i) for i in PANEL}
    home = world_dir / "experts" / "lin-xiaomei"
    lin = identity.unlock(home, (home / PASSPHRASE_FILE).read_text(encoding="utf-8").strip())  # her enrolled keys, as sealed for
    opened = open_bundle(bundle, [keys.load_certificate_file(org / keys.ORG_CERT_FILE)], identity=lin)
    assert len(opened.manifest.panel) == 3 and opened.manifest.leader == ""

    folder = tmp_path / "packages"
    folder.mkdir()
    now = dt.datetime.now(CHINA).replace(microsecond=0)
    for expert_id, signer in signers.items():
        review = demo_scores.demo_review(opened.spec, opened.bundle_id, application.id, application.title, expert_id, signer.public.profile.field, now)
        doc = revisions.build_document(opened, signer.public, review.state, revision=score_json.Revision(1, now), inspection=review.inspection, attachments=review.attachments)
        built = packages.make_package(doc, certificate=signer.certificate, private_key=signer.private_key, handwritten_png=demo_scores.signature_png(signer.public.profile.name),
                                      attachments=review.attachments, recommendations=revisions.recommendations_of(opened.spec), self_check=False)  # fmt: skip
        packages.write_atomically(folder / built.file_name, built.data)
    reports = verify_all(sorted(folder.glob("*.rvs")), org, jobs=1)
    assert all(r.ok for r in reports), [r.message for r in reports]

    # 林晓梅's panel tab: three columns, no trimmed mean (three raters), the day's choice not named.
    from ui.panel.panel_view import PanelView

    view = PanelView(opened, [lin.age_identity], lin.fingerprint, app_context.jobs)
    qtbot.addWidget(view)
    view.import_files([folder])
    qtbot.waitUntil(lambda: view.job is None, timeout=120_000)
    assert view.refused.count() == 0 and view.body.isVisibleTo(view) and "组长" not in view.title.text()
    assert [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())][3:] == ["均值", "截尾均值", "极差", "采用"]
    trimmed = [view.table.item(r, 4) for r in range(view.table.rowCount())]
    assert all(item is None or item.text() == "" for item in trimmed) and view.missing.text() == "全部成员的评分包均已导入。"  # the raw totals' row has no statistics

    record = ledger.load_record(org, opened.bundle_id)
    entries = [aggregate.Entry(Path(r.path).name, r.document, r.score_sha256, r.spec) for r in reports]
    wu = signers["wu-peishan"].fingerprint  # chosen on the day
    raised = {v.id for r in reports for v in r.document.vetoes_raised}
    opinion = drafts.build(record, entries, leader=wu, conclusion_id="recommend", strengths="基础扎实。", weaknesses="无。", drafted_at=now,
                           veto_rulings=[drafts.VetoRuling(v, drafts.DISMISSED, "专家组讨论后不予认定。") for v in raised])  # fmt: skip
    assert opinion["leader"] == {"fingerprint": wu, "named_at": "panel"} and opinion["method"]["statistic"] == "mean"
    assert all(c["trimmed_mean"] is None and c["used"] == c["mean"] and c["n"] == 3 for c in opinion["scores"]["criteria"])
    draft = opinions.freeze(opinion)
    signatures = [(f"{i}.opinion-sig", opinions.sign(draft, decision=opinions.AGREE, reason="", certificate=s.certificate, private_key=s.private_key, name=s.public.profile.name, now=now))
                  for i, s in signers.items()]  # fmt: skip
    certificates = {s.fingerprint: s.certificate for s in signers.values()}
    final = tmp_path / f"{application.id}-专家组意见{opinions.FINAL_SUFFIX}"
    final.write_bytes(opinions.assemble(draft, signatures, certificates))

    (tmp_path / "o.pdf").write_bytes(opinions.read_final(final.read_bytes(), certificates, final.name).pdf)
    text = "".join(subprocess.run(["pdftotext", str(tmp_path / "o.pdf"), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "计分方法：各指标取平均" in text and "评审当日由专家组推选，经全体成员签署确认" in text
    assert all(s.public.profile.name in text for s in signers.values())
    code = main(["verify", str(folder), str(final), "--org", str(org), "--jobs", "1"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert f"group opinion on {application.id}, 3 member(s) signed, 0 dissent(s)" in out.out
    next(folder.glob("*.rvs")).unlink()
    assert main(["verify", str(folder), str(final), "--org", str(org), "--jobs", "1"]) == 1
    assert "was not given (or was refused)" in capsys.readouterr().err
