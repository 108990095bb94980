"""Evidence for the on-site inspection: photos and PDF documents attached to checklist items.

What is kept for each attachment
    * the original file, byte for byte, with its SHA-256 (what the expert hands in, and what
      anyone can check against the phone's copy);
    * for a photo: the capture time (EXIF DateTimeOriginal, else DateTimeDigitized; converted to
      this computer's local time when the camera recorded its UTC offset) and the GPS position
      if the camera wrote one; a downscaled JPEG (longest side 1600 px, EXIF orientation
      applied, metadata dropped) for display and the PDF score sheet; a 256 px thumbnail.

Encryption at rest (the decision, and why)
    All three files are age-encrypted to the expert's *own* X25519 recipient and written under
    ``DataDir.evidence/<bundle_id>/`` with random names; they are decrypted into memory only,
    with the unlocked identity, when shown or exported. Reasons:
    * DESIGN §6 says materials are never written to disk in clear. Site photos are at least as
      confidential as the bundle's materials: they show the applicant's premises, equipment,
      contracts, financial statements and staff rosters, often photographed page by page.
    * Plain JPEGs in a profile folder are picked up by thumbnailers, photo libraries, desktop
      search indexers and cloud-backup agents, which copy them elsewhere; an encrypted blob is not.
    * Laptops are lost on the way back from a factory; the draft database holds short texts,
      these files hold pictures of documents.
    * It costs nothing in the workflow: encrypting needs only the public recipient, and every
      place that shows a photo already runs with the expert's identity unlocked (the bundle
      itself cannot be opened without it). Thumbnails are small, so decrypting them is instant.
    The source files the expert imported from (phone, SD card) are left untouched: deleting
    them is the expert's decision.

What is refused, with one plain sentence and nothing written
    pictures that do not decode completely (reviewer_app/pictures.py decodes every one in full),
    HEIC/HEIF (set the phone to "Most compatible"/JPEG; docs/decisions.md says why pillow-heif is
    not used), truncated files, decompression bombs and pictures beyond the documented decoding
    bounds (pictures.py; up to 250 million pixels for a JPEG), files whose content is not a
    picture in an accepted format whatever their name, files over
    MAX_PHOTO_BYTES / MAX_DOCUMENT_BYTES, anything else than a picture or a PDF.

Matching photos to items by capture time (`match_by_time`)
    While inspecting, the expert presses "Now inspecting this item" (a *visit*, recorded with
    the laptop's clock). Later, "Match by time" gives every unassigned photo to the item of the
    most recent visit before the photo was taken. A photo is left unassigned when it has no
    capture time, was taken before the first visit or before the inspection started, or after
    the inspection finished (or, when no finish time is recorded yet, more than
    MAX_AFTER_LAST_VISIT after the last visit). Photos the expert already placed are not moved.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyrage
from PIL import Image

from reviewer_app import durable, pictures
from reviewer_app.bundle import readable
from reviewer_app.datadir import DataDir
from reviewer_app.errors import QT_TRANSLATE_NOOP, UserFacingError
from reviewer_app.review.inspection import Evidence, InspectionState
from reviewer_app.store.inspections import DuplicateEvidence, InspectionRepository

MAX_PHOTO_BYTES = 40 * 1024 * 1024
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
MAX_FOLDER_FILES = 2000
MAX_FOLDER_DEPTH = 4
DISPLAY_SIDE = 1600
THUMBNAIL_SIDE = 256
DISPLAY_QUALITY = 85
THUMBNAIL_QUALITY = 80
MAX_AFTER_LAST_VISIT = timedelta(hours=2)

MEDIA_TYPES = {"JPEG": "image/jpeg", "MPO": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp",
               "TIFF": "image/tiff", "BMP": "image/bmp", "GIF": "image/gif", "AVIF": "image/avif"}
PDF_MEDIA_TYPE = "application/pdf"
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", ".bmp", ".gif", ".avif"})
HEIF_SUFFIXES = frozenset({".heic", ".heif", ".hif"})
HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs", b"mif1", b"msf1"})
DOCUMENT_SUFFIXES = frozenset({".pdf"})
IMPORTABLE_SUFFIXES = IMAGE_SUFFIXES | HEIF_SUFFIXES | DOCUMENT_SUFFIXES
FILE_NAME = re.compile(r"^[0-9a-f]{32}\.(orig|display|thumb)\.age$")

EXIF_IFD, GPS_IFD = 0x8769, 0x8825
DATETIME_ORIGINAL, DATETIME_DIGITIZED, OFFSET_TIME_ORIGINAL = 0x9003, 0x9004, 0x9011

Progress = Callable[[int, int], None]
CancelCheck = Callable[[], bool]


class EvidenceRefused(UserFacingError):
    """This file cannot be attached; nothing was written."""


class AlreadyAttached(EvidenceRefused):
    def __init__(self, name: str, existing: Evidence) -> None:
        super().__init__(QT_TRANSLATE_NOOP("Errors", "“{name}” is already attached (as “{existing}”)."),
                         name=name, existing=existing.file_name)
        self.existing = existing


class EvidenceDamaged(UserFacingError):
    """A stored attachment cannot be decrypted or no longer matches its digest."""


def _refuse(template: str, **params: object) -> EvidenceRefused:
    return EvidenceRefused(template, **params)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


# --- preparing one file (no side effects) ---------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    """One checked file, ready to be stored: the original bytes and, for a photo, its copies."""

    file_name: str
    media_type: str
    original: bytes = field(repr=False)
    sha256: str
    captured_at: datetime | None = None
    gps: dict[str, float] | None = None
    display: bytes | None = field(default=None, repr=False)
    thumbnail: bytes | None = field(default=None, repr=False)
    width: int | None = None
    height: int | None = None

    @property
    def size(self) -> int:
        return len(self.original)


def prepare(path: Path) -> Prepared:
    """Read and check one file; raises EvidenceRefused with the reason."""
    return prepare_bytes(path.name, _read(path))


def _read(path: Path) -> bytes:
    name = path.name
    try:
        info = path.stat()
    except OSError as error:
        raise _refuse(QT_TRANSLATE_NOOP("Errors", "“{name}” cannot be read: {reason}."),
                      name=name, reason=error.strerror or str(error)) from error
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(QT_TRANSLATE_NOOP("Errors", "“{name}” is not a file."), name=name)
    limit = _limit_for(path.suffix.lower())
    if info.st_size > limit:
        raise _too_large(name, info.st_size, limit)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise _refuse(QT_TRANSLATE_NOOP("Errors", "“{name}” cannot be read: {reason}."),
                      name=name, reason=error.strerror or str(error)) from error
    if len(data) > limit:
        raise _too_large(name, len(data), limit)
    return data


def _limit_for(suffix: str) -> int:
    if suffix in IMAGE_SUFFIXES or suffix in HEIF_SUFFIXES:
        return MAX_PHOTO_BYTES
    return MAX_DOCUMENT_BYTES


def _too_large(name: str, size: int, limit: int) -> EvidenceRefused:
    return _refuse(QT_TRANSLATE_NOOP("Errors", "“{name}” is too large ({size} MB); an attachment may have at most {limit} MB."),
                   name=name, size=_megabytes(size), limit=_megabytes(limit))


def prepare_bytes(file_name: str, data: bytes) -> Prepared:
    """Check `data` (the content of `file_name`) and make the copies; raises EvidenceRefused."""
    name = Path(file_name).name or "?"
    suffix = Path(name).suffix.lower()
    if not data:
        raise _refuse(QT_TRANSLATE_NOOP("Errors", "“{name}” is empty."), name=name)
    if data.startswith(b"%PDF-"):
        if suffix in IMAGE_SUFFIXES or suffix in HEIF_SUFFIXES:
            raise _not_a_picture(name)
        return _prepare_pdf(name, data)
    if suffix in DOCUMENT_SUFFIXES:
        raise _refuse(QT_TRANSLATE_NOOP("Errors", "“{name}” is named like a PDF document but is not one."), name=name)
    if len(data) > MAX_PHOTO_BYTES:
        raise _too_large(name, len(data), MAX_PHOTO_BYTES)
    return _prepare_image(name, suffix, data)


def _not_a_picture(name: str) -> EvidenceRefused:
    return _refuse(QT_TRANSLATE_NOOP(
        "Errors", "“{name}” is not a picture the app can read: the file is damaged or in another format. "
        "Photos are accepted as JPEG, PNG, WebP, AVIF, TIFF, BMP or GIF."), name=name)


def _prepare_pdf(name: str, data: bytes) -> Prepared:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _too_large(name, len(data), MAX_DOCUMENT_BYTES)
    damaged = _refuse(QT_TRANSLATE_NOOP("Errors", "The PDF document “{name}” is incomplete or damaged."), name=name)
    if b"%%EOF" not in data[-2048:]:  # cut off while copying: pdfium might still open what is there
        raise damaged
    fault = readable.pdf_fault(data)  # what the organization's and the panel's viewers would meet
    if fault is not None and fault[0] == readable.LOCKED:
        raise _refuse(QT_TRANSLATE_NOOP(
            "Errors", "The PDF document “{name}” is locked with a password, so nobody else could open it: save it without a password and add it again."), name=name)
    if fault is not None:
        raise damaged
    return Prepared(name, PDF_MEDIA_TYPE, data, hashlib.sha256(data).hexdigest())


def _looks_like_heif(data: bytes) -> bool:
    if data[4:8] != b"ftyp":
        return False
    brands = {data[8:12]} | {data[i:i + 4] for i in range(16, min(len(data), 64), 4)}
    return bool(brands & HEIF_BRANDS) and b"avif" not in brands


def _prepare_image(name: str, suffix: str, data: bytes) -> Prepared:
    if suffix in HEIF_SUFFIXES or _looks_like_heif(data):  # see docs/decisions.md: pillow-heif bundles GPL x265
        raise _refuse(QT_TRANSLATE_NOOP(
            "Errors", "“{name}” is a HEIC/HEIF photo, which the app cannot read: convert it to JPEG, "
            "or set the phone camera to save JPEG (“Most compatible”)."), name=name)
    try:
        decoded = pictures.decode(data, DISPLAY_SIDE)
    except pictures.PictureRefused as refused:
        raise _picture_refused(name, suffix, refused) from None
    media_type = MEDIA_TYPES.get(decoded.format, "")
    if not media_type:
        raise _not_a_picture(name)
    captured_at, gps = _metadata(decoded.exif)
    display_image = decoded.image
    display = _jpeg(display_image, DISPLAY_QUALITY)
    display_image.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    thumbnail = _jpeg(display_image, THUMBNAIL_QUALITY)
    return Prepared(name, media_type, data, hashlib.sha256(data).hexdigest(), captured_at, gps,
                    display, thumbnail, decoded.width, decoded.height)


def _picture_refused(name: str, suffix: str, refused: pictures.PictureRefused) -> EvidenceRefused:
    if refused.kind == pictures.PictureRefused.TRUNCATED:
        return _refuse(QT_TRANSLATE_NOOP(
            "Errors", "“{name}” is incomplete: the picture data ends early (the copy may have been cut off)."), name=name)
    if refused.kind == pictures.PictureRefused.TOO_LARGE:
        return _refuse(QT_TRANSLATE_NOOP(
            "Errors", "“{name}” is too large to open safely ({pixels} million pixels; at most {limit} million "
            "for this kind of picture). Save it as JPEG, or at a smaller size."),
            name=name, pixels=refused.megapixels, limit=refused.limit)
    if refused.kind == pictures.PictureRefused.BOMB:
        return _refuse(QT_TRANSLATE_NOOP(
            "Errors", "“{name}” claims {pixels} million pixels, far more than its file size can hold: "
            "it may be a deliberately malformed file and was refused."), name=name, pixels=refused.megapixels)
    if suffix in IMAGE_SUFFIXES:
        return _not_a_picture(name)
    return _refuse(QT_TRANSLATE_NOOP(
        "Errors", "“{name}” is neither a photo nor a PDF document, so it cannot be attached."), name=name)


def _jpeg(image: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


# --- EXIF -----------------------------------------------------------------------------------


def _metadata(exif: Image.Exif) -> tuple[datetime | None, dict[str, float] | None]:
    """Capture time and GPS; metadata is optional, so damage there is ignored."""
    try:
        sub = exif.get_ifd(EXIF_IFD)
    except Exception:  # noqa: BLE001
        sub = {}
    captured = None
    for source, tag in ((sub, DATETIME_ORIGINAL), (exif, DATETIME_ORIGINAL), (sub, DATETIME_DIGITIZED)):
        captured = parse_exif_time(source.get(tag), sub.get(OFFSET_TIME_ORIGINAL) or exif.get(OFFSET_TIME_ORIGINAL))
        if captured is not None:
            break
    try:
        gps = parse_gps(exif.get_ifd(GPS_IFD))
    except Exception:  # noqa: BLE001
        gps = None
    return captured, gps


_EXIF_TIME = re.compile(r"^\s*(\d{4})[:\-](\d{2})[:\-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_EXIF_OFFSET = re.compile(r"^\s*([+-])(\d{2}):(\d{2})\s*$")


def parse_exif_time(value: object, offset: object = None) -> datetime | None:
    """"2025:06:01 10:15:00" (+ "+08:00") -> an aware time, or None. Without an offset the
    camera's clock is taken to show this computer's local time (phones set it automatically)."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    match = _EXIF_TIME.match(value.replace("\x00", ""))
    if not match:
        return None
    try:
        moment = datetime(*(int(part) for part in match.groups()))  # type: ignore[misc]
    except ValueError:
        return None
    if not 1990 <= moment.year <= 2100:
        return None
    if isinstance(offset, bytes):
        offset = offset.decode("ascii", "replace")
    found = _EXIF_OFFSET.match(offset.replace("\x00", "")) if isinstance(offset, str) else None
    if found:
        sign = -1 if found.group(1) == "-" else 1
        delta = timedelta(hours=int(found.group(2)), minutes=int(found.group(3)))
        if delta <= timedelta(hours=14):
            return moment.replace(tzinfo=timezone(sign * delta))
    return moment.astimezone()


def _number(value: object) -> float | None:
    try:
        if isinstance(value, tuple) and len(value) == 2:
            number = float(value[0]) / float(value[1])
        else:
            number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return number if math.isfinite(number) else None


def _degrees(value: object) -> float | None:
    if not isinstance(value, (tuple, list)) or not 1 <= len(value) <= 3:
        return None
    parts = [_number(v) for v in value]
    if any(p is None for p in parts):
        return None
    scale = (1.0, 60.0, 3600.0)
    return sum(p / scale[i] for i, p in enumerate(parts))  # type: ignore[operator]


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return value.strip("\x00 ").upper() if isinstance(value, str) else ""


def parse_gps(gps: object) -> dict[str, float] | None:
    """{"lat", "lon"[, "alt"]} in decimal degrees / metres from an EXIF GPS IFD, or None."""
    if not hasattr(gps, "get"):
        return None
    lat, lon = _degrees(gps.get(2)), _degrees(gps.get(4))  # type: ignore[union-attr]
    if lat is None or lon is None or lat > 90 or lon > 180:
        return None
    if _text(gps.get(1)) == "S":  # type: ignore[union-attr]
        lat = -lat
    if _text(gps.get(3)) == "W":  # type: ignore[union-attr]
        lon = -lon
    result = {"lat": round(lat, 7), "lon": round(lon, 7)}
    altitude = _number(gps.get(6))  # type: ignore[union-attr]
    if altitude is not None:
        below = gps.get(5)  # type: ignore[union-attr]
        if below in (1, b"\x01"):
            altitude = -altitude
        result["alt"] = round(altitude, 2)
    return result


# --- folders --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FolderListing:
    files: list[Path]  # photos and PDFs (HEIC too, so that their refusal is reported)
    skipped: list[Path]  # everything else (videos, sidecar files, ...)


def list_folder(folder: Path) -> FolderListing:
    """The importable files in `folder` and its sub-folders (a phone's DCIM), sorted by path;
    hidden files and linked folders are left out. Refuses folders with too many files."""
    if not folder.is_dir():
        raise _refuse(QT_TRANSLATE_NOOP("Errors", "“{name}” is not a folder."), name=folder.name)
    files: list[Path] = []
    skipped: list[Path] = []
    base_depth = len(folder.parts)
    for root, dirs, names in os.walk(folder, followlinks=False):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and len(here.parts) - base_depth < MAX_FOLDER_DEPTH)
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = here / name
            (files if path.suffix.lower() in IMPORTABLE_SUFFIXES else skipped).append(path)
            if len(files) > MAX_FOLDER_FILES:
                raise _refuse(QT_TRANSLATE_NOOP(
                    "Errors", "The folder “{name}” holds more than {limit} photos and documents; choose a smaller folder."),
                    name=folder.name, limit=MAX_FOLDER_FILES)
    return FolderListing(files, skipped)


# --- storing, reading, removing -------------------------------------------------------------


@dataclass
class ImportReport:
    imported: list[Evidence] = field(default_factory=list)
    duplicates: list[AlreadyAttached] = field(default_factory=list)
    refused: list[EvidenceRefused] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # not photos or PDFs, left alone
    cancelled: bool = False

    @property
    def problems(self) -> list[EvidenceRefused]:
        return [*self.refused, *self.duplicates]


class EvidenceStore:
    """Encrypted evidence files of every bundle under one folder (DataDir.evidence)."""

    def __init__(self, root: Path, recipient: str, identity: pyrage.x25519.Identity | None = None) -> None:
        self.root = root
        self.recipient = pyrage.x25519.Recipient.from_str(recipient)
        self.identity = identity

    @classmethod
    def for_expert(cls, data_dir: DataDir, expert) -> EvidenceStore:  # noqa: ANN001 - identity.UnlockedIdentity
        return cls(data_dir.evidence, expert.age_recipient, expert.age_identity)

    def folder(self, bundle_id: str) -> Path:
        if "/" in bundle_id or "\\" in bundle_id or bundle_id in ("", ".", ".."):
            raise ValueError(bundle_id)
        return self.root / bundle_id

    # -- import ---------------------------------------------------------------
    def import_file(self, repository: InspectionRepository, bundle_id: str, path: Path,
                    item_id: str | None = None) -> Evidence:
        """Check, encrypt, store and record one file; all or nothing. Raises EvidenceRefused."""
        return self.add(repository, bundle_id, prepare(path), item_id)

    def import_files(self, repository: InspectionRepository, bundle_id: str, paths: Sequence[Path],
                     item_id: str | None = None, progress: Progress | None = None,
                     cancelled: CancelCheck | None = None, skipped: Iterable[Path] = ()) -> ImportReport:
        """Import each file on its own (each all or nothing); report what happened to every one.
        Cancelling stops before the next file; files already imported stay."""
        report = ImportReport(skipped=[p.name for p in skipped])
        total = len(paths)
        for done, path in enumerate(paths):
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            if progress is not None:
                progress(done, total)
            try:
                report.imported.append(self.import_file(repository, bundle_id, path, item_id))
            except AlreadyAttached as duplicate:
                report.duplicates.append(duplicate)
            except EvidenceRefused as refused:
                report.refused.append(refused)
        if progress is not None and not report.cancelled:
            progress(total, total)
        return report

    def import_folder(self, repository: InspectionRepository, bundle_id: str, folder: Path,
                      item_id: str | None = None, progress: Progress | None = None,
                      cancelled: CancelCheck | None = None) -> ImportReport:
        listing = list_folder(folder)
        return self.import_files(repository, bundle_id, listing.files, item_id, progress, cancelled, listing.skipped)

    def add(self, repository: InspectionRepository, bundle_id: str, prepared: Prepared,
            item_id: str | None = None) -> Evidence:
        existing = repository.find_evidence(bundle_id, prepared.sha256)
        if existing is not None:
            raise AlreadyAttached(prepared.file_name, existing)
        folder = self.folder(bundle_id)
        stem = secrets.token_hex(16)
        names = {"orig": f"{stem}.orig.age"}
        if prepared.display is not None:
            names["display"] = f"{stem}.display.age"
            names["thumb"] = f"{stem}.thumb.age"
        contents = {"orig": prepared.original, "display": prepared.display, "thumb": prepared.thumbnail}
        written: list[Path] = []
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            for key, name in names.items():
                data = contents[key]
                assert data is not None
                target = folder / name
                durable.write_bytes(target, pyrage.encrypt(data, [self.recipient]), mode=durable.PRIVATE)
                written.append(target)
            return repository.add_evidence(
                bundle_id, item_id=item_id, file_name=prepared.file_name, media_type=prepared.media_type,
                size=prepared.size, sha256=prepared.sha256, captured_at=prepared.captured_at, gps=prepared.gps,
                stored_name=names["orig"], display_name=names.get("display"), width=prepared.width,
                height=prepared.height)
        except DuplicateEvidence as duplicate:
            _remove_files(written)
            raise AlreadyAttached(prepared.file_name, duplicate.existing) from None
        except OSError as error:
            _remove_files(written)
            raise _refuse(QT_TRANSLATE_NOOP("Errors", "“{name}” could not be saved: {reason}."),
                          name=prepared.file_name, reason=error.strerror or str(error)) from error
        except BaseException:
            _remove_files(written)
            raise

    # -- reading (decrypted into memory only) ---------------------------------
    def read_original(self, bundle_id: str, evidence: Evidence) -> bytes:
        """The original file, byte for byte, checked against its recorded SHA-256."""
        data = self._decrypt(bundle_id, evidence, evidence.stored_name)
        if len(data) != evidence.size or hashlib.sha256(data).hexdigest() != evidence.sha256:
            raise _damaged(evidence)
        return data

    def read_display(self, bundle_id: str, evidence: Evidence) -> bytes | None:
        """The downscaled JPEG (longest side ≤ 1600 px, upright) for display and the PDF; None for documents."""
        return self._decrypt(bundle_id, evidence, evidence.display_name) if evidence.display_name else None

    def read_thumbnail(self, bundle_id: str, evidence: Evidence) -> bytes | None:
        name = evidence.thumbnail_name
        return self._decrypt(bundle_id, evidence, name) if name else None

    def _decrypt(self, bundle_id: str, evidence: Evidence, name: str) -> bytes:
        if self.identity is None:
            raise RuntimeError("the evidence store was opened without the expert's identity")
        if not FILE_NAME.match(name):
            raise _damaged(evidence)
        try:
            return pyrage.decrypt((self.folder(bundle_id) / name).read_bytes(), [self.identity])
        except (OSError, pyrage.DecryptError) as error:
            raise _damaged(evidence) from error

    # -- removing ---------------------------------------------------------------
    def remove(self, repository: InspectionRepository, bundle_id: str, evidence_id: int) -> Evidence | None:
        """Delete the row, then its files (a crash in between leaves files that `sweep` removes)."""
        removed = repository.remove_evidence(evidence_id)
        if removed is not None:
            folder = self.folder(bundle_id)
            _remove_files(folder / n for n in (removed.stored_name, removed.display_name, removed.thumbnail_name)
                          if n and FILE_NAME.match(n))
        return removed

    def sweep(self, repository: InspectionRepository, bundle_id: str, older_than: float = 600.0) -> int:
        """Delete files no row refers to (left by a crash during an import or a removal).
        Files younger than `older_than` seconds are left alone: an import may still be writing them."""
        folder = self.folder(bundle_id)
        if not folder.is_dir():
            return 0
        keep = repository.stored_files(bundle_id)
        limit = time.time() - older_than
        stale = [p for p in folder.iterdir() if p.is_file() and p.name not in keep
                 and (FILE_NAME.match(p.name) or p.name.endswith(".tmp")) and p.stat().st_mtime <= limit]
        _remove_files(stale)
        return len(stale)


def _damaged(evidence: Evidence) -> EvidenceDamaged:
    return EvidenceDamaged(QT_TRANSLATE_NOOP(
        "Errors", "The attachment “{name}” is damaged or was changed on disk; import it again from the original."),
        name=evidence.file_name)


def _remove_files(paths: Iterable[Path]) -> None:
    for path in paths:
        for candidate in (path, path.with_name(path.name + ".tmp")):
            try:
                candidate.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                pass  # swept later


# --- matching photos to items by capture time -----------------------------------------------


def match_by_time(state: InspectionState, camera_offset: timedelta = timedelta(0)) -> dict[int, str]:
    """{evidence id: item id} for the unassigned photos that can be matched (rule in the module
    docstring). `camera_offset` is added to capture times (a camera clock that runs behind)."""
    visits = sorted(state.visits, key=lambda v: (v.at, v.id))
    matches: dict[int, str] = {}
    if not visits:
        return matches
    for evidence in state.unassigned():
        if evidence.captured_at is None:
            continue
        taken = evidence.captured_at + camera_offset
        if state.started_at is not None and taken < state.started_at:
            continue
        if state.finished_at is not None and taken > state.finished_at:
            continue
        before = [v for v in visits if v.at <= taken]
        if not before:
            continue
        visit = before[-1]
        if visit is visits[-1] and state.finished_at is None and taken - visit.at > MAX_AFTER_LAST_VISIT:
            continue
        matches[evidence.id] = visit.item_id
    return matches
