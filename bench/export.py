"""Export benchmark: a 30-criterion review with 20 photos of 12 MP -> signed score package.

Timed: building score.json, rendering the PDF (photo thumbnails in the appendix), the PAdES
signature, packing (SHA-256 of every member, CMS), the self-check read-back (the package is
verified like the organization would: CMS, every digest, PDF signature) and the atomic write to
a folder (fsync). Goal: <= 3 s, PDF <= 10 MB.

Baselines in the same run (the machines are noisy): hashing the 20 photos once with SHA-256,
and rendering + saving a bare one-page reportlab PDF with the same embedded CJK font.

    .venv/bin/python bench/export.py [--runs 3] [--photos 20] [--criteria 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer_app import keys, rubric  # noqa: E402
from reviewer_app.export import package as packages  # noqa: E402
from reviewer_app.export import score_json  # noqa: E402
from reviewer_app.export.score_json import AttachmentInput  # noqa: E402
from reviewer_app.org.demo_scores import signature_png  # noqa: E402
from reviewer_app.review.inspection import Evidence, InspectionState, ItemResult  # noqa: E402
from reviewer_app.review.state import ConflictAnswer, Declarations, DefenseNote, ReviewState, ScoreEntry, VetoEntry  # noqa: E402

CHINA = dt.timezone(dt.timedelta(hours=8))


def spec_with(criteria: int, items: int) -> rubric.ReviewSpec:
    per_section = 6
    sections = []
    for s in range(0, criteria, per_section):
        ids = range(s, min(criteria, s + per_section))
        sections.append(
            {
                "id": f"S{s // per_section + 1}",
                "title": f"第{s // per_section + 1}部分 评审内容",
                "maximum": 10 * len(ids),
                "fields": ["general"],
                "criteria": [
                    {"id": f"C{i + 1:02d}", "title": f"评审指标{i + 1}：技术方向与实施方案的可行性", "maximum": 10, "step": 0.5, "comment": {"rule": "below", "threshold": 6}}
                    for i in ids
                ],
            }
        )
    return rubric.load(
        {
            "fields": [{"id": "general", "title": "综合"}],
            "rubric": {"total": 10 * criteria, "recommendations": [{"id": "yes", "title": "推荐"}, {"id": "no", "title": "不推荐"}], "sections": sections,
                       "vetoes": [{"id": "V1", "title": "严重失信"}]},
            "checklist": {"items": [{"section": "现场", "id": f"K{i + 1:02d}", "title": f"检查项{i + 1}", "evidence": ["photo"]} for i in range(items)]},
        }
    )  # fmt: skip


def photo(seed: int, width: int = 4000, height: int = 3000) -> bytes:
    """A 12 MP JPEG that compresses like a photo (gradients, shapes, sensor noise)."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    small = Image.new("RGB", (width // 8, height // 8))
    draw = ImageDraw.Draw(small)
    for y in range(small.height):
        draw.line([(0, y), (small.width, y)], fill=(90 + y % 120, 110 + (y * 3) % 90, 140 + seed % 60))
    for _ in range(60):
        x, y = rng.randrange(small.width), rng.randrange(small.height)
        draw.ellipse([x, y, x + rng.randint(10, 120), y + rng.randint(10, 90)], fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    image = small.resize((width, height), Image.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    noise = Image.merge("RGB", [Image.effect_noise((width, height), 40 + 3 * k) for k in range(3)])
    image = Image.blend(image, noise, 0.22)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)  # ≈ 4 MB, like a phone camera's 12 MP photo
    return out.getvalue()


def review(spec: rubric.ReviewSpec, photos: list[bytes], now: dt.datetime) -> tuple[ReviewState, InspectionState, list[AttachmentInput]]:
    rng = random.Random(1)
    scores = {}
    for c in spec.rubric.criteria():
        value = rng.choice([5.0, 6.5, 7.0, 8.5, 9.0])
        scores[c.id] = ScoreEntry(value, "论证较为充分，实施路径清晰，建议进一步细化考核指标与阶段目标。" * rng.randint(1, 3))
    state = ReviewState(
        "bench-bundle",
        Declarations(ConflictAnswer.NONE, "", now, now),
        scores,
        {"V1": VetoEntry(False, "")},
        tuple(DefenseNote(i, now, f"问题{i}：请说明建设期资金的落实情况？", "已落实股东出资与银行授信。", ("C01",)) for i in range(1, 6)),
        "总体评价：建设基础较好，方向明确，方案可行，建议推荐。" * 4,
        "yes",
    )
    evidence, attachments = [], []
    items = [i.id for i in spec.checklist.items]
    for n, data in enumerate(photos, 1):
        digest = hashlib.sha256(data).hexdigest()
        item = items[(n - 1) % len(items)]
        evidence.append(Evidence(n, item, f"IMG_{n:04d}.jpg", "image/jpeg", len(data), digest, now, None, f"{digest}.age", None, 4000, 3000, now))
        attachments.append(AttachmentInput(f"IMG_{n:04d}.jpg", "image/jpeg", data, item, now, digest))
    inspection = InspectionState("bench-bundle", now, now, ("专家甲",), "现场查看了研发场地和主要设备。", {i: ItemResult("符合", "核实无误。") for i in items}, tuple(evidence))
    return state, inspection, attachments


def bare_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from reviewer_app.export.sheet_pdf import FONT, register_fonts

    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=FONT)
    canvas.setFont(FONT, 12)
    canvas.drawString(72, 760, "专家评分表 baseline page")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--criteria", type=int, default=30)
    args = parser.parse_args()
    print(f"making {args.photos} photos of 12 MP …", file=sys.stderr)
    photos = [photo(seed) for seed in range(args.photos)]
    spec = spec_with(args.criteria, 12)
    key = keys.new_private_key()
    cert = keys.make_self_signed(key, "陈志远", "岭南理工大学", days=30)
    now = dt.datetime.now(CHINA).replace(microsecond=0)
    state, inspection, attachments = review(spec, photos, now)
    handwriting = signature_png("陈志远")
    expert = score_json.ExpertRef("陈志远", "综合", "general", "岭南理工大学", "教授", keys.fingerprint(cert))
    bundle = score_json.BundleRef("bench-bundle-0001", "0" * 64, "广州穗评工程技术咨询有限公司", "AB:" * 31 + "AB")
    export_times, hash_times, bare_times = [], [], []
    sizes = (0, 0)
    bare_pdf()
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            started = time.perf_counter()
            for data in photos:
                hashlib.sha256(data).digest()
            hash_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            bare_pdf()
            bare_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            doc = score_json.from_review(
                bundle=bundle, review=score_json.ReviewRef("基准评审", "", "", "2025-12-10"),
                application=score_json.ApplicationRef("BENCH-01", "基准申报项目", "基准单位"), spec=spec, expert=expert, state=state,
                revision=score_json.Revision(run + 1, now, run or None, "0" * 64 if run else None, "基准修订" if run else ""),
                inspection=inspection, attachments=attachments,
            )  # fmt: skip
            built = packages.make_package(doc, certificate=cert, private_key=key, handwritten_png=handwriting, attachments=attachments, recommendations=[("yes", "推荐"), ("no", "不推荐")])
            path = packages.export(built, Path(folder))
            export_times.append(time.perf_counter() - started)
            pdf_size = len(next(d for n, d in _members(built.data) if n == "score.pdf"))
            sizes = (pdf_size, path.stat().st_size)
    export_median = statistics.median(export_times)
    hash_median = statistics.median(hash_times)
    bare_median = statistics.median(bare_times)
    print(f"runs={args.runs} criteria={args.criteria} photos={args.photos} photo_bytes={sum(map(len, photos)):,}")
    print(f"signed_package_median_s={export_median:.2f} (goal <= 3.00)  all={[round(t, 2) for t in export_times]}")
    print(f"pdf_bytes={sizes[0]:,} (goal <= 10,000,000)  package_bytes={sizes[1]:,}")
    print(f"baseline_sha256_photos_s={hash_median:.3f}  ratio={export_median / hash_median:.1f}")
    print(f"baseline_bare_reportlab_page_s={bare_median:.3f}  ratio={export_median / bare_median:.1f}")


def _members(data: bytes) -> list[tuple[str, bytes]]:
    from reviewer_app.bundle.zipformat import read_layout

    return [(m.name, data[m.data_offset : m.end_offset]) for m in read_layout(io.BytesIO(data), len(data))]


if __name__ == "__main__":
    main()
