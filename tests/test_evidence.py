"""Inspection evidence: photos with real EXIF kept byte for byte and encrypted at rest, copies
made, bad files refused with nothing half-imported, bulk folder import, matching by time."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import struct
import zlib
from pathlib import Path

import pyrage
import pytest
from PIL import Image

from reviewer_app.datadir import DataDir
from reviewer_app.services import evidence as ev
from reviewer_app.services.evidence import AlreadyAttached, EvidenceDamaged, EvidenceRefused, EvidenceStore
from reviewer_app.review.inspection import InspectionState
from reviewer_app.store.database import open_store
from reviewer_app.store.inspections import InspectionRepository
from reviewer_app.store.models import BundleRecord

BUNDLE = "bundle-0001"
CHINA = dt.timezone(dt.timedelta(hours=8))


# --- test material (also used by test_inspection_gui) ------------------------------------------


def photo_bytes(taken: str | None = "2025:06:01 10:15:00", *, size: tuple[int, int] = (640, 480),
                colour: tuple[int, int, int] = (180, 60, 60), gps: bool = True, orientation: int | None = None,
                offset: str | None = None, top_level_time: bool = False) -> bytes:
    """A real JPEG with real EXIF: DateTimeOriginal (0x9003, in the Exif IFD 0x8769 as cameras
    write it, or at the top level) and a GPS IFD (0x8825)."""
    image = Image.blend(Image.new("RGB", size, colour), Image.effect_noise(size, 64).convert("RGB"), 0.25)  # unique bytes
    image.paste((255, 255, 255), (0, 0, size[0] // 4, size[1] // 4))  # a white corner shows the orientation
    exif = Image.Exif()
    exif[0x010F] = "TestPhone"
    if orientation is not None:
        exif[0x0112] = orientation
    if taken is not None:
        if top_level_time:
            exif[0x9003] = taken
        else:
            exif.get_ifd(0x8769)[0x9003] = taken
            if offset:
                exif.get_ifd(0x8769)[0x9011] = offset
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (23.0, 7.0, 30.0), 3: "E", 4: (113.0, 19.0, 12.0), 5: b"\x00", 6: 21.5})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=90)
    return buffer.getvalue()


def write_photo(path: Path, *args, **kwargs) -> bytes:
    data = photo_bytes(*args, **kwargs)
    path.write_bytes(data)
    return data


def png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A tiny PNG whose header claims width × height pixels (the pixel data never comes)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def pdf_bytes(text: str = "Lease contract") -> bytes:
    """A one-page PDF showing `text`, the same bytes every time (reportlab's invariant mode)."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.drawString(72, 720, text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def assert_no_plaintext(root: Path, *secrets: bytes) -> None:
    """No file below `root` holds any of `secrets` (checked by 256-byte samples from their middles)."""
    samples = [s[len(s) // 2: len(s) // 2 + 256] for s in secrets if len(s) > 512]
    for path in files_under(root):
        content = path.read_bytes()
        for sample in samples:
            assert sample not in content, f"plaintext evidence found in {path}"


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def world(tmp_path: Path):
    data_dir = DataDir(tmp_path / "data").create()
    store = open_store(data_dir.database)
    store.add_bundle(BundleRecord(bundle_id=BUNDLE, file_name="b.rvb", stored_path="bundles/b.rvb",
                                  application_name="测试", applicant="测试公司", imported_at=dt.datetime.now(dt.timezone.utc)))
    identity = pyrage.x25519.Identity.generate()
    repository = InspectionRepository(store.engine)
    evidence = EvidenceStore(data_dir.evidence, str(identity.to_public()), identity)
    yield data_dir, repository, evidence
    store.close()


# --- one photo, kept exactly and encrypted -----------------------------------------------------


def test_photo_is_kept_byte_identical_encrypted_with_exif_and_copies(world, tmp_path: Path) -> None:
    data_dir, repository, store = world
    source = tmp_path / "IMG_0001.JPG"
    original = write_photo(source, "2025:06:01 10:15:30", size=(2400, 1200), orientation=6, offset="+08:00")

    evidence = store.import_file(repository, BUNDLE, source, item_id="K02")

    assert evidence.sha256 == hashlib.sha256(original).hexdigest() and evidence.size == len(original)
    assert evidence.item_id == "K02" and evidence.media_type == "image/jpeg" and evidence.kind == "photo"
    assert evidence.captured_at == dt.datetime(2025, 6, 1, 10, 15, 30, tzinfo=CHINA)
    assert evidence.gps == {"lat": pytest.approx(23.125), "lon": pytest.approx(113.32), "alt": 21.5}
    assert (evidence.width, evidence.height) == (1200, 2400), "size as seen, after the EXIF orientation"
    assert store.read_original(BUNDLE, evidence) == original, "the original comes back byte for byte"
    assert source.read_bytes() == original, "the source file is untouched"
    display = Image.open(io.BytesIO(store.read_display(BUNDLE, evidence)))
    assert display.format == "JPEG" and display.size == (800, 1600), "longest side 1600, turned upright"
    assert display.getpixel((display.width - 10, 10))[0] > 240, "the white corner is top right after turning"
    thumbnail = Image.open(io.BytesIO(store.read_thumbnail(BUNDLE, evidence)))
    assert max(thumbnail.size) == 256

    stored = repository.load(BUNDLE).evidence
    assert [e.sha256 for e in stored] == [evidence.sha256] and stored[0].captured_at == evidence.captured_at
    files = files_under(data_dir.evidence)
    assert sorted(p.name.split(".", 1)[1] for p in files) == ["display.age", "orig.age", "thumb.age"]
    assert all(p.parent == data_dir.evidence / BUNDLE for p in files)
    assert all(p.read_bytes().startswith(b"age-encryption.org/v1\n") for p in files)
    assert_no_plaintext(data_dir.root, original, store.read_display(BUNDLE, evidence))
    assert Image.MAX_IMAGE_PIXELS == 89_478_485, "the decompression-bomb guard stays at Pillow's default"


def test_capture_time_variants_and_missing_metadata(world, tmp_path: Path) -> None:
    _, repository, store = world
    top = tmp_path / "top.jpg"
    write_photo(top, "2025:06:01 09:00:00", top_level_time=True, gps=False)
    bare = tmp_path / "bare.png"
    Image.new("RGB", (50, 40), "white").save(bare)
    first = store.import_file(repository, BUNDLE, top)
    assert first.captured_at == dt.datetime(2025, 6, 1, 9, 0).astimezone() and first.gps is None
    second = store.import_file(repository, BUNDLE, bare)
    assert second.captured_at is None and second.media_type == "image/png" and second.item_id is None
    assert ev.parse_exif_time("0000:00:00 00:00:00") is None and ev.parse_exif_time(b"garbage") is None
    assert ev.parse_gps({1: "S", 2: (33, 52, 4.2), 3: "W", 4: (151, 12, 36)}) == {
        "lat": pytest.approx(-33.8678333), "lon": pytest.approx(-151.21)}
    assert ev.parse_gps({2: (1, 0, 0)}) is None


def test_pdf_document_is_evidence_too(world, tmp_path: Path) -> None:
    _, repository, store = world
    source = tmp_path / "租赁合同.pdf"
    source.write_bytes(pdf_bytes())
    evidence = store.import_file(repository, BUNDLE, source, item_id="K02")
    assert evidence.kind == "document" and evidence.media_type == "application/pdf" and evidence.display_name is None
    assert store.read_original(BUNDLE, evidence) == pdf_bytes() and store.read_display(BUNDLE, evidence) is None


# --- refusals: one plain sentence, nothing written ---------------------------------------------


def truncated_jpeg() -> bytes:
    noisy = Image.effect_noise((800, 600), 60).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()[: len(buffer.getvalue()) // 2]


CORPUS_PDFS = Path(__file__).parent / "corpus" / "pdfs"


@pytest.mark.parametrize("name", ["alphatrans.pdf", "rotation.pdf", "sizes.pdf", "empty.pdf"])
def test_real_world_pdfs_pdfium_shows_are_evidence(world, tmp_path: Path, name: str) -> None:
    """A white page is still a document (a blank form photographed on site): only what pdfium
    cannot open or show is refused."""
    _, repository, store = world
    evidence = store.import_file(repository, BUNDLE, CORPUS_PDFS / name, item_id="K02")
    assert evidence.kind == "document" and store.read_original(BUNDLE, evidence) == (CORPUS_PDFS / name).read_bytes()


BAD_FILES = {
    "truncated JPEG": ("cut.jpg", truncated_jpeg, "incomplete"),
    "more pixels than any photo": ("bomb.png", png_bomb, "too large to open safely (400 million pixels; at most 250"),
    "size absurd for the file": ("big.png", lambda: png_bomb(10_000, 10_000), "claims 100 million pixels, far more than"),
    "not an image named .jpg": ("notes.jpg", lambda: "这不是照片，是一段文字。".encode() * 50, "not a picture"),
    "HEIC": ("IMG_4032.HEIC", lambda: b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(500), "HEIC"),
    "HEIC content named .jpg": ("IMG_4033.jpg", lambda: b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(500), "HEIC"),
    "not a PDF named .pdf": ("contract.pdf", lambda: b"PK\x03\x04 a zip, really" * 20, "not one"),
    "PDF named .jpg": ("scan.jpg", pdf_bytes, "not a picture"),
    "truncated PDF": ("cut.pdf", lambda: pdf_bytes()[:60], "incomplete or damaged"),
    # pdf.js's reproducers (tests/corpus/README.md), each complete to its %%EOF: what pdfium,
    # the engine of every viewer of the package, cannot open or cannot show a page of.
    **{f"PDF {name}": (name, lambda name=name: (CORPUS_PDFS / name).read_bytes(), "incomplete or damaged")
       for name in ("REDHAT-1531897-0.pdf", "poppler-395-0-fuzzed.pdf", "poppler-742-0-fuzzed.pdf", "poppler-937-0-fuzzed.pdf",
                    "Pages-tree-refs.pdf", "zero-pages.pdf")},
    **{f"PDF {name}": (name, lambda name=name: (CORPUS_PDFS / name).read_bytes(), "locked with a password")
       for name in ("issue6010_1.pdf", "saslprep-r6.pdf")},
    "something else": ("report.docx", lambda: b"PK\x03\x04" + bytes(300), "neither a photo nor a PDF"),
    "empty": ("empty.jpg", lambda: b"", "empty"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_are_refused_and_nothing_is_half_imported(world, tmp_path: Path, case: str) -> None:
    data_dir, repository, store = world
    name, make, expected = BAD_FILES[case]
    source = tmp_path / name
    source.write_bytes(make())
    with pytest.raises(EvidenceRefused) as refused:
        store.import_file(repository, BUNDLE, source, item_id="K01")
    message = refused.value.message()
    assert name in message and expected in message, message
    assert "\n" not in message and "Traceback" not in message
    assert repository.load(BUNDLE).evidence == ()
    assert files_under(data_dir.evidence) == []
    assert Image.MAX_IMAGE_PIXELS == 89_478_485


def test_too_large_and_not_a_file(world, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir, repository, store = world
    monkeypatch.setattr(ev, "MAX_PHOTO_BYTES", 10_000)
    big = tmp_path / "huge.jpg"
    write_photo(big, size=(1200, 900), colour=(10, 200, 30))
    assert big.stat().st_size > 10_000
    with pytest.raises(EvidenceRefused, match="too large"):
        store.import_file(repository, BUNDLE, big)
    with pytest.raises(EvidenceRefused, match="not a file"):
        store.import_file(repository, BUNDLE, tmp_path)
    with pytest.raises(EvidenceRefused, match="cannot be read"):
        store.import_file(repository, BUNDLE, tmp_path / "missing.jpg")
    assert repository.load(BUNDLE).evidence == () and files_under(data_dir.evidence) == []


def test_duplicate_is_refused_without_a_second_copy(world, tmp_path: Path) -> None:
    data_dir, repository, store = world
    write_photo(tmp_path / "a.jpg")
    (tmp_path / "copy of a.jpg").write_bytes((tmp_path / "a.jpg").read_bytes())
    store.import_file(repository, BUNDLE, tmp_path / "a.jpg")
    with pytest.raises(AlreadyAttached, match="already attached"):
        store.import_file(repository, BUNDLE, tmp_path / "copy of a.jpg")
    assert len(repository.load(BUNDLE).evidence) == 1 and len(files_under(data_dir.evidence)) == 3


def test_database_failure_leaves_no_files(world, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir, repository, store = world
    write_photo(tmp_path / "a.jpg")

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk went away")
    monkeypatch.setattr(repository, "add_evidence", broken)
    with pytest.raises(RuntimeError):
        store.import_file(repository, BUNDLE, tmp_path / "a.jpg")
    assert files_under(data_dir.evidence) == []


# --- damage and crash leftovers ----------------------------------------------------------------


def test_changed_file_on_disk_is_detected_and_leftovers_are_swept(world, tmp_path: Path) -> None:
    data_dir, repository, store = world
    write_photo(tmp_path / "a.jpg")
    evidence = store.import_file(repository, BUNDLE, tmp_path / "a.jpg")
    stored = data_dir.evidence / BUNDLE / evidence.stored_name
    stored.write_bytes(pyrage.encrypt(b"something else", [store.recipient]))
    with pytest.raises(EvidenceDamaged, match="a.jpg"):
        store.read_original(BUNDLE, evidence)
    stored.write_bytes(b"not even age")
    with pytest.raises(EvidenceDamaged):
        store.read_original(BUNDLE, evidence)

    folder = data_dir.evidence / BUNDLE
    (folder / ("0" * 32 + ".orig.age")).write_bytes(b"orphan of a crash")
    (folder / ("1" * 32 + ".display.age.tmp")).write_bytes(b"half written")
    assert store.sweep(repository, BUNDLE) == 0, "fresh files may belong to an import still running"
    assert store.sweep(repository, BUNDLE, older_than=-1) == 2
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [evidence.stored_name, evidence.display_name, evidence.thumbnail_name])

    removed = store.remove(repository, BUNDLE, evidence.id)
    assert removed is not None and removed.sha256 == evidence.sha256
    assert list(folder.iterdir()) == [] and repository.load(BUNDLE).evidence == ()


# --- bulk import of a folder ---------------------------------------------------------------------


def phone_folder(root: Path) -> Path:
    folder = root / "DCIM"
    (folder / "100APPLE").mkdir(parents=True)
    for n in range(4):
        write_photo(folder / "100APPLE" / f"IMG_{n:04d}.JPG", f"2025:06:01 09:{10 + n * 10:02d}:00", colour=(40 * n, 90, 120))
    write_photo(folder / "IMG_0100.jpg", "2025:06:01 09:55:00", colour=(200, 200, 10))
    (folder / "IMG_0101.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic" + bytes(300))
    (folder / "IMG_0102.jpg").write_bytes(truncated_jpeg())
    (folder / "IMG_0103.MOV").write_bytes(b"\x00" * 1000)
    (folder / ".hidden.jpg").write_bytes(b"ignored")
    (folder / "说明.pdf").write_bytes(pdf_bytes())
    return folder


def test_bulk_folder_import_reports_every_file_with_progress(world, tmp_path: Path) -> None:
    data_dir, repository, store = world
    folder = phone_folder(tmp_path)
    steps: list[tuple[int, int]] = []
    report = store.import_folder(repository, BUNDLE, folder, progress=lambda done, total: steps.append((done, total)))
    assert len(report.imported) == 6 and not report.cancelled
    assert sorted(r.params["name"] for r in report.refused) == ["IMG_0101.HEIC", "IMG_0102.jpg"]
    assert report.skipped == ["IMG_0103.MOV"]
    assert steps[0] == (0, 8) and steps[-1] == (8, 8) and [d for d, _ in steps] == sorted(d for d, _ in steps)
    assert len(repository.load(BUNDLE).evidence) == 6 and len(files_under(data_dir.evidence)) == 5 * 3 + 1

    again = store.import_folder(repository, BUNDLE, folder)
    assert not again.imported and len(again.duplicates) == 6, "importing the phone again adds nothing"


def test_bulk_import_can_be_cancelled_keeping_what_is_done(world, tmp_path: Path) -> None:
    _, repository, store = world
    folder = phone_folder(tmp_path)
    seen: list[int] = []
    report = store.import_folder(repository, BUNDLE, folder, progress=lambda done, _total: seen.append(done),
                                 cancelled=lambda: len(seen) >= 2)
    assert report.cancelled and len(report.imported) + len(report.refused) == 2, "stopped before the third file"
    assert len(repository.load(BUNDLE).evidence) == len(report.imported) == 1


def test_folder_with_too_many_files_is_refused_before_anything(world, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, repository, store = world
    monkeypatch.setattr(ev, "MAX_FOLDER_FILES", 3)
    with pytest.raises(EvidenceRefused, match="more than 3"):
        store.import_folder(repository, BUNDLE, phone_folder(tmp_path))
    assert repository.load(BUNDLE).evidence == ()


# --- matching photos to items by capture time ------------------------------------------------------


def at(hour: int, minute: int) -> dt.datetime:
    return dt.datetime(2025, 6, 1, hour, minute, tzinfo=CHINA)


def test_match_by_time_places_photos_on_the_item_being_inspected(world, tmp_path: Path) -> None:
    _, repository, store = world
    repository.start(BUNDLE, at(8, 55))
    repository.finish(BUNDLE, at(10, 0))
    for item, moment in (("K01", at(9, 0)), ("K02", at(9, 20)), ("K03", at(9, 40)), ("K01", at(9, 50))):
        repository.add_visit(BUNDLE, item, moment)
    times = {"before-start": "08:50", "k01": "09:05", "k02": "09:25", "k03": "09:45", "k01-again": "09:55",
             "after-finish": "10:05"}
    ids = {}
    for label, hhmm in times.items():
        write_photo(tmp_path / f"{label}.jpg", f"2025:06:01 {hhmm}:00", offset="+08:00", colour=(len(label) * 9, 40, 90))
        ids[label] = store.import_file(repository, BUNDLE, tmp_path / f"{label}.jpg").id
    write_photo(tmp_path / "no-time.jpg", None, colour=(1, 2, 3))
    ids["no-time"] = store.import_file(repository, BUNDLE, tmp_path / "no-time.jpg").id
    write_photo(tmp_path / "placed.jpg", "2025:06:01 09:06:00", offset="+08:00", colour=(9, 9, 9))
    placed = store.import_file(repository, BUNDLE, tmp_path / "placed.jpg", item_id="K12").id
    # A phone that records its UTC offset: 01:21 UTC is 09:21 in Guangzhou -> K02.
    write_photo(tmp_path / "utc.jpg", "2025:06:01 01:21:00", offset="+00:00", colour=(7, 7, 7))
    offset_id = store.import_file(repository, BUNDLE, tmp_path / "utc.jpg").id

    state = repository.load(BUNDLE)
    matches = ev.match_by_time(state)
    assert matches == {ids["k01"]: "K01", ids["k02"]: "K02", ids["k03"]: "K03", ids["k01-again"]: "K01",
                       offset_id: "K02"}, matches
    assert placed not in matches, "photos the expert placed are never moved"
    repository.assign_many(matches)
    assert {e.id for e in repository.load(BUNDLE).evidence_for("K01")} == {ids["k01"], ids["k01-again"]}


def test_match_without_finish_time_stops_two_hours_after_the_last_visit() -> None:
    from reviewer_app.review.inspection import Evidence, Visit

    def photo(number: int, taken: dt.datetime) -> Evidence:
        return Evidence(number, None, f"{number}.jpg", "image/jpeg", 1, "0" * 64, taken, None, "x", "y", 1, 1, taken)
    state = InspectionState(BUNDLE, visits=(Visit(1, "K05", at(14, 0)),),
                            evidence=(photo(1, at(15, 59)), photo(2, at(16, 1)), photo(3, at(13, 59))))
    assert ev.match_by_time(state) == {1: "K05"}
    assert ev.match_by_time(InspectionState(BUNDLE, evidence=state.evidence)) == {}, "no visits, no guesses"
