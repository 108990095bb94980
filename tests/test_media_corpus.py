"""Real-world photos and PDFs (tests/corpus, from public test suites, plus generated ones) through
the real paths: evidence import (display copy, thumbnail), the signed sheet, the organization's
`reviewer-org check`/`seal`, and the experts' materials viewer (QtPdf).

Pixel values are checked, not just "no error": a picture that decodes into a white rectangle or
lies on its side is a failure.
"""

from __future__ import annotations

import dataclasses
import io
import os
import struct
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from bundle_fixtures import SESSION_PASSPHRASE, write_pdf, write_source
from bundle_fixtures import world as world_of_bundles
from package_fixtures import build, demo_review, demo_signer, members_of, world_dir  # noqa: F401 - fixture
from PIL import Image, ImageChops, ImageStat
from test_evidence import BUNDLE, files_under, world  # noqa: F401 - fixture

from reviewer_app import identity, pictures
from reviewer_app.export import sheet_pdf
from reviewer_app.org import tomlwrite
from reviewer_app.org.cli import main
from reviewer_app.services import evidence as ev
from reviewer_app.services.evidence import EvidenceRefused

CORPUS = Path(__file__).parent / "corpus"
IMAGES = CORPUS / "images"
PDFS = CORPUS / "pdfs"
ALLIANCE = "GZ-2025-ZZ-03"

# --- generated pictures: one of each mode a camera, phone or scanner writes -----------------------

QUADRANTS = ((230, 30, 30), (30, 200, 40), (40, 60, 220), (250, 250, 250))  # top-left, top-right, bottom-left, bottom-right


def quadrants(size: tuple[int, int] = (400, 300)) -> Image.Image:
    """Red | green over blue | white: any turn or mirror moves a colour to another corner."""
    image = Image.new("RGB", size)
    w, h = size
    for index, colour in enumerate(QUADRANTS):
        x, y = (index % 2) * (w // 2), (index // 2) * (h // 2)
        image.paste(colour, (x, y, x + w // 2, y + h // 2))
    return image


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


# What EXIF orientation N means, undone: stored = reference transposed by the inverse of N's fix.
STORED_FOR_ORIENTATION = {
    1: None, 2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_270,
}


def oriented_jpeg(orientation: int) -> bytes:
    method = STORED_FOR_ORIENTATION[orientation]
    stored = quadrants() if method is None else quadrants().transpose(method)
    exif = Image.Exif()
    exif[0x0112] = orientation
    return encoded(stored, "JPEG", quality=95, exif=exif)


def gray16_png(value: int) -> bytes:
    """16-bit greyscale PNG (a scanner's "48/16-bit" mode), every pixel `value` of 65535."""
    raw = b"".join(b"\x00" + struct.pack(">H", value) * 64 for _ in range(48))
    return _png(64, 48, 16, 0, raw)


def rgb16_png() -> bytes:
    """16-bit RGB PNG: left half (0x8000, 0x4000, 0xC000), right half white."""
    row = b"\x00" + struct.pack(">HHH", 0x8000, 0x4000, 0xC000) * 32 + struct.pack(">HHH", 0xFFFF, 0xFFFF, 0xFFFF) * 32
    return _png(64, 48, 16, 2, row * 48)


def _png(width: int, height: int, depth: int, colour_type: int, raw: bytes) -> bytes:
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def palette_with_transparency() -> bytes:
    image = quadrants().quantize(4)
    transparent = image.getpixel((350, 250))  # the white quadrant's index becomes transparent
    return encoded(image, "PNG", transparency=transparent)


def transparent_rgba() -> bytes:
    image = quadrants().convert("RGBA")
    image.paste((0, 0, 0, 0), (200, 150, 400, 300))  # transparent black: must come out white, not black
    return encoded(image, "PNG")


def gray_alpha() -> bytes:
    image = Image.new("LA", (400, 300), (60, 255))
    image.paste((0, 0), (200, 150, 400, 300))
    return encoded(image, "PNG")


def one_bit() -> bytes:
    image = Image.new("1", (400, 300), 1)
    image.paste(0, (0, 0, 200, 150))
    return encoded(image, "PNG")


def cmyk_jpeg() -> bytes:
    """Pillow writes CMYK JPEGs with an Adobe marker and inverted values, as Photoshop does."""
    return encoded(quadrants().convert("CMYK"), "JPEG", quality=95)


GENERATED: dict[str, tuple[str, object]] = {
    **{f"orientation {n}": (f"IMG_{n}.jpg", lambda n=n: oriented_jpeg(n)) for n in range(1, 9)},
    "16-bit grey": ("scan16.png", lambda: gray16_png(0x6000)),
    "16-bit RGB": ("scan48.png", rgb16_png),
    "CMYK JPEG (Adobe)": ("print.jpg", cmyk_jpeg),
    "palette + tRNS": ("icon.png", palette_with_transparency),
    "RGBA": ("cut-out.png", transparent_rgba),
    "grey + alpha": ("la.png", gray_alpha),
    "1-bit": ("fax.png", one_bit),
    "WebP": ("phone.webp", lambda: encoded(quadrants(), "WEBP", quality=95)),
    "AVIF named .jpg": ("IMG_7001.jpg", lambda: encoded(quadrants(), "AVIF", quality=95)),
    "TIFF": ("scan.tif", lambda: encoded(quadrants(), "TIFF", compression="tiff_lzw")),
    "BMP": ("old.bmp", lambda: encoded(quadrants(), "BMP")),
}


def corner_colours(image: Image.Image) -> list[tuple[int, ...]]:
    """Mean colour near the centre of each quadrant, in QUADRANTS order."""
    image = image.convert("RGB")
    w, h = image.size
    boxes = [(int(w * fx) - w // 10, int(h * fy) - h // 10, int(w * fx) + w // 10, int(h * fy) + h // 10) for fy in (0.25, 0.75) for fx in (0.25, 0.75)]
    return [tuple(round(v) for v in ImageStat.Stat(image.crop(box)).mean) for box in boxes]


def close(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 24) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def expected_corners(case: str) -> list[tuple[int, int, int]]:
    white, black, grey = (255, 255, 255), (0, 0, 0), (0x60,) * 3
    return {
        "16-bit grey": [grey] * 4,
        "16-bit RGB": [(0x80, 0x40, 0xC0), white, (0x80, 0x40, 0xC0), white],
        "RGBA": [*QUADRANTS[:3], white],
        "palette + tRNS": [*QUADRANTS[:3], white],
        "grey + alpha": [(60, 60, 60)] * 3 + [white],
        "1-bit": [black, white, white, white],
    }.get(case, list(QUADRANTS))


def assert_looks_right(image: Image.Image, case: str) -> None:
    got, wanted = corner_colours(image), expected_corners(case)
    assert all(close(a, e) for a, e in zip(got, wanted, strict=True)), f"{case}: corners {got}, expected {wanted}"


@pytest.mark.parametrize("case", list(GENERATED))
def test_every_camera_mode_looks_right_in_the_display_copy_and_thumbnail(world, tmp_path: Path, case: str) -> None:  # noqa: F811
    _, repository, store = world
    name, make = GENERATED[case]
    source = tmp_path / name
    source.write_bytes(make())  # type: ignore[operator]
    evidence = store.import_file(repository, BUNDLE, source)
    display = Image.open(io.BytesIO(store.read_display(BUNDLE, evidence)))
    thumbnail = Image.open(io.BytesIO(store.read_thumbnail(BUNDLE, evidence)))
    assert display.format == thumbnail.format == "JPEG" and display.mode == "RGB"
    assert display.width > display.height, "upright: the stored landscape picture stays landscape"
    assert_looks_right(display, case)
    assert_looks_right(thumbnail, case)
    if case == "AVIF named .jpg":
        assert evidence.media_type == "image/avif", "the content decides, not the name"


def test_every_camera_mode_is_drawn_right_in_the_signed_sheet(world_dir: Path) -> None:  # noqa: F811
    review = demo_review(world_dir, ALLIANCE, "lin-xiaomei")
    template = review.attachments[0]
    cases = list(GENERATED)
    attachments = []
    for case in cases:
        name, make = GENERATED[case]
        prepared = ev.prepare_bytes(name, make())  # type: ignore[operator]
        attachments.append(dataclasses.replace(template, file_name=name, media_type=prepared.media_type, data=prepared.original, sha256=prepared.sha256))
    built = build(world_dir, ALLIANCE, demo_signer(world_dir, "lin-xiaomei"), review.state, inspection=review.inspection, attachments=attachments)
    drawn = sheet_images(dict(members_of(built.data))["score.pdf"])
    assert len(drawn) == len(cases), "every accepted picture is drawn in the sheet (none replaced by a note)"
    for case, image in zip(cases, drawn, strict=True):
        assert image.width > image.height, case
        assert_looks_right(image, case)


def sheet_images(pdf: bytes) -> list[Image.Image]:
    """The photos drawn in a sheet, in page order, as pdfium extracts them (the handwritten
    signature, drawn last, is left out)."""
    document = pdfium.PdfDocument(pdf)
    images = []
    try:
        for page in document:
            for item in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
                images.append(item.get_bitmap(render=False).to_pil().convert("RGB"))
    finally:
        document.close()
    return images[:-1]


# --- Pillow's own test images ------------------------------------------------------------------

REFUSED = {
    "broken_data_stream.png": "not a picture the app can read",
    "truncated_end_chunk.png": "incomplete",
    "truncated_image.png": "incomplete",
    "truncated_jpeg.jpg": "incomplete",
    "decompression_bomb.gif": "too large to open safely",
    "reallybig.bmp": "too large to open safely",
    "l2rgb_read.bmp": "far more than its file size",
    "hopper.heif": "HEIC/HEIF",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_damaged_and_hostile_pictures_are_refused_and_nothing_is_stored(world, name: str) -> None:  # noqa: F811
    data_dir, repository, store = world
    with pytest.raises(EvidenceRefused) as refused:
        store.import_file(repository, BUNDLE, IMAGES / name)
    message = refused.value.message()
    assert REFUSED[name] in message and name in message and "\n" not in message, message
    assert repository.load(BUNDLE).evidence == () and files_under(data_dir.evidence) == []


def test_every_other_corpus_picture_is_accepted_and_drawn_in_full(world) -> None:  # noqa: F811
    _, repository, store = world
    accepted = sorted(p for p in IMAGES.iterdir() if p.name not in REFUSED)
    assert len(accepted) >= 50
    for path in accepted:
        evidence = store.import_file(repository, BUNDLE, path)
        display = Image.open(io.BytesIO(store.read_display(BUNDLE, evidence)))
        assert display.getextrema() != ((255, 255), (255, 255), (255, 255)), f"{path.name} became a white rectangle"
        drawn = sheet_pdf._load_image(path.read_bytes(), sheet_pdf.THUMBNAIL_PIXELS)  # the signed sheet's loader
        assert mean_difference(drawn, display) < 8, f"{path.name} is drawn in the sheet as it is shown"


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    b = b.convert("RGB").resize(a.size)
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b)).mean) / 3


def display_of(path: Path) -> Image.Image:
    return Image.open(io.BytesIO(ev.prepare(path).display))


@pytest.mark.parametrize("family", ["hopper_orientation_{}.jpg", "hopper_orientation_{}.webp", "g4_orientation_{}.tif", "rot{}.avif"])
def test_pillow_orientation_suites_all_come_out_upright(family: str) -> None:
    if family.startswith("rot"):
        names = [family.format(f"{r}mir{m}") for r in range(4) for m in range(2)]
        reference = display_of(IMAGES / "rot0mir0.avif")
    else:
        first = 1 if family.startswith("g4") else 2
        names = [family.format(n) for n in range(first, 9)]
        reference = display_of(IMAGES / ("g4_orientation_1.tif" if family.startswith("g4") else "hopper.jpg"))
    for name in names:
        shown = display_of(IMAGES / name)
        assert shown.size == reference.size, name
        assert mean_difference(shown, reference) < 12, name


def test_pillow_16_bit_and_cmyk_references() -> None:
    rgb16 = display_of(IMAGES / "tiff_16bit_RGB.tiff")
    assert mean_difference(rgb16, Image.open(IMAGES / "tiff_16bit_RGB_target.png")) < 3
    cmyk = display_of(IMAGES / "pil_sample_cmyk.jpg")
    assert mean_difference(cmyk, Image.open(IMAGES / "pil_sample_rgb.jpg")) < 12, "Adobe-inverted CMYK converts the right way round"
    gray16 = Image.open(IMAGES / "16bit.cropped.tif")  # I;16, little-endian: the 8-bit mean, computed by hand
    values = struct.unpack(f"<{gray16.width * gray16.height}H", gray16.tobytes())
    shown = display_of(IMAGES / "16bit.cropped.tif").convert("L")
    assert abs(ImageStat.Stat(shown).mean[0] - sum(values) / len(values) / 256) < 2


# --- sizes: 200 MP phones and panoramas accepted, bombs refused ------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("size", [(12000, 9000), (16320, 12240), (40000, 2500)], ids=["108MP", "200MP", "panorama"])
def test_real_photo_sizes_are_accepted(size: tuple[int, int]) -> None:
    big = quadrants((size[0] // 16, size[1] // 16)).resize(size, Image.Resampling.NEAREST)
    data = encoded(big, "JPEG", quality=90)
    del big
    prepared = ev.prepare_bytes("IMG_20250601_101500.jpg", data)
    assert (prepared.width, prepared.height) == size
    display = Image.open(io.BytesIO(prepared.display))
    assert max(display.size) == ev.DISPLAY_SIDE
    assert_looks_right(display, "JPEG")


def test_decode_bounds_are_explicit() -> None:
    assert Image.MAX_IMAGE_PIXELS == 89_478_485, "Pillow's own guard is left alone"
    with pytest.raises(pictures.PictureRefused) as too_many:
        pictures.decode(_png(20_000, 13_000, 8, 0, b""), 100)  # 260 MP claimed
    assert too_many.value.kind == pictures.PictureRefused.TOO_LARGE and too_many.value.limit == 250
    with pytest.raises(pictures.PictureRefused) as budget:
        pictures.decode(_png(15_000, 8_000, 8, 6, os.urandom(1_000_000)), 100)  # RGBA, 120 MP: 480 MB decoded
    assert budget.value.kind == pictures.PictureRefused.TOO_LARGE and budget.value.limit < 120


# --- PDFs: reviewer-org check and seal, and the experts' viewer --------------------------------------

UNREADABLE_PDFS = {
    "Pages-tree-refs.pdf": "damaged",
    "REDHAT-1531897-0.pdf": "damaged",
    "bug1020226.pdf": "damaged",
    "bug1980958.pdf": "damaged",
    "poppler-395-0-fuzzed.pdf": "damaged",
    "poppler-742-0-fuzzed.pdf": "damaged",
    "poppler-937-0-fuzzed.pdf": "damaged",
    "saslprep-r6.pdf": "locked",
    "issue6010_1.pdf": "locked",
    "secHandler.pdf": "only white pages",
    "empty.pdf": "only white pages",
}
READABLE_PDFS = ("alphatrans.pdf", "rotation.pdf", "sizes.pdf")


def corpus_source(tmp_path: Path, names: list[str]) -> Path:
    source = write_source(tmp_path / "source")
    toml = source / "review.toml"
    import tomllib

    data = tomllib.loads(toml.read_text(encoding="utf-8"))
    for index, name in enumerate(names, 3):
        (source / "materials" / name).write_bytes((PDFS / name).read_bytes())
        data["materials"].append({"id": f"M{index:02d}", "title": name, "file": f"materials/{name}"})
    toml.write_text(tomlwrite.dumps(data), encoding="utf-8")
    return source


def test_check_names_every_pdf_the_expert_could_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = corpus_source(tmp_path, [*READABLE_PDFS, *UNREADABLE_PDFS, "zero-pages.pdf"])
    assert main(["check", str(source)]) == 1
    err = capsys.readouterr().err
    assert f"{len(UNREADABLE_PDFS) + 1} material(s) cannot be read in the expert's viewer:" in err
    for name, kind in UNREADABLE_PDFS.items():
        line = next(line for line in err.splitlines() if f"materials/{name} " in line)
        assert kind in line, line
    assert "materials/zero-pages.pdf is damaged" in err  # pdfium (QtPdf too) refuses a document without pages
    assert not any(name in err for name in READABLE_PDFS)
    assert "Traceback" not in err


def test_seal_refuses_unreadable_pdfs_unless_allowed_and_then_lists_them(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_ORG_PASSPHRASE", "Org-toolkit-pass-2025")
    org = tmp_path / "org"
    assert main(["init", "--org", str(org), "--name", "广州测试评审中心"]) == 0
    card = tmp_path / "expert.card.json"
    card.write_bytes(identity.card_bytes(world_of_bundles().recipient.public))
    assert main(["enrol", str(card), "--org", str(org), "--fingerprint", world_of_bundles().recipient.public.fingerprint]) == 0
    source = corpus_source(tmp_path, ["sizes.pdf", "saslprep-r6.pdf", "bug1020226.pdf"])
    (tmp_path / "session").write_text(SESSION_PASSPHRASE, encoding="utf-8")
    args = ["seal", str(source), "--org", str(org), "--recipients", str(card), "--session-passphrase-file", str(tmp_path / "session"),
            "--scrypt-work-factor", "10", "-o", str(tmp_path / "x.rvb")]
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "2 material(s) cannot be read" in err and "saslprep-r6.pdf is locked" in err and "bug1020226.pdf is damaged" in err
    assert "--allow-unreadable" in err and not (tmp_path / "x.rvb").exists()
    assert main([*args, "--allow-unreadable"]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "x.rvb").is_file() and "Sealed although unreadable" in out
    assert "saslprep-r6.pdf is locked" in out and "bug1020226.pdf is damaged" in out and "sizes.pdf" not in out


def test_a_sound_source_still_checks_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = corpus_source(tmp_path, list(READABLE_PDFS))
    assert main(["check", str(source)]) == 0
    assert "sound" in capsys.readouterr().out


def test_the_check_reads_a_huge_pdf_from_disk_not_into_memory(tmp_path: Path) -> None:
    """A 1 GiB PDF (sparse on disk): pdfium reads what it needs; RSS must not grow by the file."""
    import subprocess
    import sys

    huge = write_pdf(tmp_path / "huge.pdf", "huge", pages=2, padding=1 << 30)
    code = (
        "import resource; from pathlib import Path; from reviewer_app.bundle.readable import check_pdf;"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss;"
        f"problem = check_pdf(Path({str(huge)!r}), 'huge.pdf');"
        "print(problem, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300)
    verdict, grown_kb = result.stdout.split()
    assert verdict == "None", result.stdout
    assert int(grown_kb) < 64 * 1024, f"{grown_kb} KB more for a 1 GiB file"


def test_the_experts_viewer_agrees_with_the_check(qtbot, app_context, tmp_path: Path) -> None:  # noqa: ANN001
    """What `check` calls damaged or locked, QtPdf refuses too; what it passes, QtPdf shows."""
    from reviewer_app.bundle.readable import check_pdf
    from ui.materials import DocumentRef, MaterialsViewer

    app_context.translations.switch("en")
    names = [*READABLE_PDFS, *UNREADABLE_PDFS, "zero-pages.pdf"]
    viewer = MaterialsViewer(app_context.jobs)
    qtbot.addWidget(viewer)
    viewer.resize(1200, 800)
    viewer.show()
    viewer.set_documents([DocumentRef(name, name, "application/pdf", (PDFS / name).stat().st_size) for name in names], lambda name: (PDFS / name).read_bytes())
    try:
        for name in names:
            viewer.open_document(name)
            qtbot.waitUntil(lambda: not viewer.busy_bar.isVisible(), timeout=10_000)
            problem = check_pdf(PDFS / name, name)
            refused_by_viewer = viewer.message.isVisible()
            if problem is None or "only white pages" in problem:
                assert not refused_by_viewer and viewer.current_page() == 1, name
            else:
                kind = viewer.message.property("kind")
                assert refused_by_viewer and kind == ("password" if "locked" in problem else "damaged"), (name, kind, problem)
    finally:
        viewer.clear()


def exif_with_text_orientation() -> bytes:
    """EXIF whose Orientation is the ASCII text "6" (a broken camera), written by hand."""
    entry = struct.pack("<HHI4s", 0x0112, 2, 2, b"6\x00\x00\x00")
    return b"Exif\x00\x00" + b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1) + entry + struct.pack("<I", 0)


@pytest.mark.parametrize("orientation", ["text", 0, 9, 65535])
def test_nonsense_orientation_is_ignored_not_refused(orientation: object) -> None:
    if orientation == "text":
        exif: object = exif_with_text_orientation()
    else:
        exif = Image.Exif()
        exif[0x0112] = orientation  # type: ignore[index]
    decoded = pictures.decode(encoded(quadrants(), "JPEG", quality=95, exif=exif), 200)
    assert decoded.image.size == (200, 150)
    assert_looks_right(decoded.image, "JPEG")


def test_a_format_that_cannot_be_drawn_is_refused_with_advice(world, tmp_path: Path) -> None:  # noqa: F811
    _, repository, store = world
    source = tmp_path / "scan.jpg"
    source.write_bytes(encoded(quadrants(), "JPEG2000"))  # opens in Pillow, but is not a format the sheet draws
    with pytest.raises(EvidenceRefused) as refused:
        store.import_file(repository, BUNDLE, source)
    assert "Photos are accepted as JPEG, PNG" in refused.value.message()


def write_big_png(path: Path, width: int, height: int) -> Path:
    """An RGB PNG written row by row (the test never holds the picture): a diagonal gradient."""
    import zlib

    compressor = zlib.compressobj(1)
    pattern = bytes(range(256)) * (3 * width // 256 + 4)
    with path.open("wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
        out.write(struct.pack(">I", 13) + b"IHDR" + header + struct.pack(">I", zlib.crc32(b"IHDR" + header) & 0xFFFFFFFF))
        chunks = []
        for row in range(height):
            offset = 3 * (row % 256)
            chunks.append(compressor.compress(b"\x00" + pattern[offset:offset + 3 * width]))
        chunks.append(compressor.flush())
        body = b"".join(chunks)
        out.write(struct.pack(">I", len(body)) + b"IDAT" + body + struct.pack(">I", zlib.crc32(b"IDAT" + body) & 0xFFFFFFFF))
        out.write(struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND") & 0xFFFFFFFF))
    return path


@pytest.mark.slow
def test_a_9400_square_png_adds_less_than_512_mb_to_peak_memory(tmp_path: Path) -> None:
    """Issue 15: this picture took RSS from 389 MB to 1,597 MB. Measured in a fresh process."""
    import subprocess
    import sys

    png = write_big_png(tmp_path / "square.png", 9400, 9400)
    code = (
        "import resource; from pathlib import Path; from reviewer_app.services.evidence import prepare_bytes;"
        "data = Path(%r).read_bytes(); prepare_bytes('warm.png', Path(%r).read_bytes());"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss;"
        "prepared = prepare_bytes('square.png', data);"
        "print(prepared.width, prepared.height, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)"
    ) % (str(png), str(IMAGES / "hopper.png"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600)
    width, height, added_kb = (int(v) for v in result.stdout.split())
    assert (width, height) == (9400, 9400)
    assert added_kb < 512 * 1024, f"{added_kb // 1024} MB added"


def test_check_names_a_text_material_longer_than_the_viewer_shows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import tomllib

    from reviewer_app import textfiles

    source = write_source(tmp_path / "source")
    data = tomllib.loads((source / "review.toml").read_text(encoding="utf-8"))
    (source / "materials" / "notes.txt").write_bytes("说明\n".encode("gbk") * 10)
    (source / "materials" / "log.txt").write_bytes(b"x" * (textfiles.MAX_SHOWN_BYTES + 1))
    data["materials"] += [{"id": "M08", "title": "说明", "file": "materials/notes.txt"}, {"id": "M09", "title": "日志", "file": "materials/log.txt"}]
    (source / "review.toml").write_text(tomlwrite.dumps(data), encoding="utf-8")
    assert main(["check", str(source)]) == 1
    err = capsys.readouterr().err
    assert "1 material(s) cannot be read in the expert's viewer:" in err
    assert "materials/log.txt is longer than the app shows (8 MB); save it as a PDF." in err
    assert "notes.txt" not in err
