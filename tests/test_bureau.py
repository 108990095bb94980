"""`reviewer-org aggregate --pass-line`: what the bureau acts on, and the organization's signed report."""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reviewer_app.org.bureau import icc_2_1
from reviewer_app.org.cli import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "verify.md"
# Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater reliability", Table 2:
# 6 targets rated by 4 judges. Published: BMS 11.24, JMS 32.49, EMS 1.02; ICC(2,1) = .29.
SHROUT_FLEISS = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]


def test_icc_matches_shrout_and_fleiss_table_2() -> None:
    assert round(icc_2_1(SHROUT_FLEISS), 2) == 0.29
    assert icc_2_1([[1, 2]]) is None and icc_2_1([[3, 3], [3, 3]]) is None  # one target; no variance at all
    assert icc_2_1([[1, 1], [2, 2], [3, 3]]) == pytest.approx(1.0)  # raters agree exactly


def _aggregate(world: Path, out: Path, *args: str, packages: Path | None = None) -> int:
    passphrase = world / "org" / "PASSPHRASE"
    return main(["aggregate", str(packages or world / "packages"), "--org", str(world / "org"), "--out", str(out), "--passphrase-file", str(passphrase), *args])


def test_the_demo_report_for_the_bureau(demo_world_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results"
    assert _aggregate(demo_world_dir, out, "--pass-line", "80") == 0
    printed = capsys.readouterr().out
    assert "GZ-2025-ZZ-03 广州市智能网联汽车电子制造业创新中心: 86.75 [达到及格线]" in printed
    assert "[否决]" in printed and "panel 7: 6 returned, 1 recused, missing: none; quorum (5) met" in printed
    rows = list(csv.DictReader((out / "results.csv").read_text(encoding="utf-8-sig").splitlines()))
    totals = {r["application_id"]: r for r in rows if r["kind"] == "total"}
    assert totals["GZ-2025-ZZ-03"]["pass_line"] == "80" and totals["GZ-2025-ZZ-03"]["pass_result"] == "达到及格线"
    assert totals["GZ-2025-ZZ-07"]["pass_result"] == "否决"
    a1 = next(r for r in rows if r["application_id"] == "GZ-2025-ZZ-03" and r["id"] == "A1")
    assert a1["n"] == "6" and a1["trimmed_mean"] and a1["used"] == a1["trimmed_mean"]  # trimming applied: 6 raters
    book = load_workbook(out / "results.xlsx")
    assert {"评审结论", "公示名单", "专家宽严度", "评分一致性", "证据索引"} <= set(book.sheetnames)
    lenient = [row for row in book["专家宽严度"].iter_rows(min_row=2, values_only=True)]
    assert lenient[0][0] == "郑立新" and lenient[0][4] > 1.5  # the demo's lenient expert stands out
    assert [row[2] for row in book["公示名单"].iter_rows(min_row=2, values_only=True)] == ["GZ-2025-ZZ-03"]
    index = list(book["证据索引"].iter_rows(min_row=2, values_only=True))
    assert len(index) == len(list((demo_world_dir / "packages").glob("*.rvs")))
    for row in index:
        assert re.fullmatch(r"[0-9a-f]{64}", row[5])
    text = subprocess.run(["pdftotext", "-layout", str(out / "report.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    for heading in ("评审结论", "拟公示名单", "分阶段结果", "专家宽严度", "评分一致性", "评分包索引", "组织单位电子签章"):
        assert heading in text, heading
    assert "未经专家组裁定" in text and "及格线 80 分" in text and "ICC(2,1)" in text
    conclusions = {row[1]: row for row in book["评审结论"].iter_rows(min_row=2, values_only=True)}
    assert conclusions["GZ-2025-ZZ-03"][14] == 1 and conclusions["GZ-2025-ZZ-07"][14] == 0  # 林晓梅 found K03 differing on site
    flat = "".join(text.split())
    assert "与申报材料不一致1项" in flat and "·主要研发仪器设备：抽查6台（套），原值约3.7亿元（林晓梅）" in flat
    signature = subprocess.run(["pdfsig", str(out / "report.pdf")], capture_output=True, text=True).stdout
    assert "Signature is Valid." in signature and "Total document signed" in signature and "ETSI.CAdES.detached" in signature


def test_missing_members_and_a_quorum_not_met(demo_world_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "packages"
    folder.mkdir()
    kept = sorted((demo_world_dir / "packages").glob("GZ-2025-ZZ-07-*-r1.rvs"))[:4]
    for package in kept:
        shutil.copy(package, folder)
    assert _aggregate(demo_world_dir, tmp_path / "out", "--pass-line", "60", packages=folder) == 0
    printed = capsys.readouterr().out
    line = next(line for line in printed.splitlines() if line.strip().startswith("panel 7:"))
    assert "4 returned, 0 recused" in line and "quorum (5) NOT met" in line
    assert len(line.split("missing: ")[1].split(";")[0].split(", ")) == 3
    book = load_workbook(tmp_path / "out" / "results.xlsx")
    assert list(book["公示名单"].iter_rows(min_row=2, values_only=True)) == []
    assert _aggregate(demo_world_dir, tmp_path / "bad", "--quorum", "1.5", packages=folder) == 1
    assert "share of the panel" in capsys.readouterr().err


def _report_blocks() -> str:
    return "\n".join(re.findall(r"<!-- report-check -->\n```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL))


def test_docs_verify_commands_check_the_signed_report(demo_world_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "results"
    assert _aggregate(demo_world_dir, out) == 0
    text = subprocess.run(["pdftotext", str(out / "report.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "未设及格线，不提出拟公示名单。" in "".join(text.split("\n"))  # not "no application qualifies"
    script = "set -euo pipefail\n" + _report_blocks()
    env = {**os.environ, "ORG_CERT": str(demo_world_dir / "org" / "org-cert.pem")}
    done = subprocess.run(["bash", "-c", script], cwd=out, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Signed by the organization: sha256 Fingerprint=" in done.stdout and "Total document signed" in done.stdout
    pdf = bytearray((out / "report.pdf").read_bytes())
    spot = pdf.index(b"/Title")
    pdf[spot + 8] ^= 1  # one changed byte inside the signed range
    (out / "report.pdf").write_bytes(bytes(pdf))
    shutil.rmtree(out / "sig")
    changed = subprocess.run(["bash", "-c", script], cwd=out, env=env, capture_output=True, text=True, timeout=120)
    assert changed.returncode != 0 and "Signature is Valid" not in changed.stdout


def test_group_opinions_give_the_rulings(demo_world_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "results"
    passphrase = demo_world_dir / "org" / "PASSPHRASE"
    assert main(["aggregate", str(demo_world_dir / "packages"), str(demo_world_dir / "opinions"), "--org", str(demo_world_dir / "org"),
                 "--out", str(out), "--passphrase-file", str(passphrase), "--pass-line", "70"]) == 0
    capsys.readouterr()
    book = load_workbook(out / "results.xlsx")
    rows = {row[1]: row for row in book["评审结论"].iter_rows(min_row=2, values_only=True)}
    zz07 = rows["GZ-2025-ZZ-07"]
    assert zz07[8] == "是" and zz07[5] == "达到及格线" and not zz07[7]  # the panel dismissed 黄建国's veto V5
    assert zz07[6].startswith("修改完善后推荐") and "V5 不予采纳" in zz07[6]
    assert [row[2] for row in book["公示名单"].iter_rows(min_row=2, values_only=True)] == ["GZ-2025-ZZ-03", "GZ-2025-ZZ-07"]
    opinions = {row[0]: row for row in book["证据索引"].iter_rows(min_row=2, values_only=True) if row[3] == "专家组意见"}
    assert set(opinions) == {"GZ-2025-ZZ-03", "GZ-2025-ZZ-07"}  # the index lists the group opinions with their files' digests
    for application_id, row in opinions.items():
        given = demo_world_dir / "opinions" / row[4]
        assert row[1:3] == ("专家组", None) and given.name.startswith(application_id) and row[5] == hashlib.sha256(given.read_bytes()).hexdigest()
    text = subprocess.run(["pdftotext", "-layout", str(out / "report.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "专家组意见 GZ-2025-ZZ-07" in text and "未经专家组裁定" not in text


def test_an_application_nobody_scored_and_one_nothing_came_back_from(demo_world_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only 周海峰's recusal for GZ-2025-ZZ-03 is given: that application has no score (not a 0 that
    fails the pass line), and GZ-2025-ZZ-07, sealed for the same review, is listed as nothing returned."""
    folder = tmp_path / "packages"
    folder.mkdir()
    shutil.copy(next((demo_world_dir / "packages").glob("recusal-GZ-2025-ZZ-03-*.rvs")), folder)
    assert _aggregate(demo_world_dir, tmp_path / "out", "--pass-line", "60", packages=folder) == 0
    printed = capsys.readouterr().out
    assert "GZ-2025-ZZ-03 广州市智能网联汽车电子制造业创新中心: 0.00 [无有效评分] — 0 expert(s), 1 recused" in printed
    assert "quorum (5) NOT met" in printed and "TOO FEW RATERS: A1 scored by 0, needs 3" in printed
    assert "—. GZ-2025-ZZ-07 广州市高端医学影像装备制造业创新中心: no score package came back — panel 7: missing: 陈志远, 周海峰" in printed
    rows = list(csv.DictReader((tmp_path / "out" / "results.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["application_id"], r["kind"], r["pass_result"]) for r in rows if r["kind"] in ("total", "unreturned")] == [
        ("GZ-2025-ZZ-03", "total", "无有效评分"), ("GZ-2025-ZZ-07", "unreturned", "未收到评分包")]
    book = load_workbook(tmp_path / "out" / "results.xlsx")
    assert list(book["公示名单"].iter_rows(min_row=2, values_only=True)) == []
    signature = subprocess.run(["pdfsig", str(tmp_path / "out" / "report.pdf")], capture_output=True, text=True).stdout
    assert "Signature is Valid." in signature and "Total document signed" in signature
