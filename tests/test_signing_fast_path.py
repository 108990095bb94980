"""The signing path draws inspection photos from the evidence store's display copies: the 12 MP
originals travel in the package byte for byte but are never decoded while signing."""

from __future__ import annotations

import hashlib
import io
import subprocess
import zipfile
from pathlib import Path

import pyrage
import pytest
from package_fixtures import demo_review, demo_signer, fill_review, opened_bundle, world_dir  # noqa: F401 - fixture
from PIL import Image
from test_export_revisions import SELF_BUILT, store  # noqa: F401 - fixture

from reviewer_app import pictures
from reviewer_app.export import package as packages
from reviewer_app.org.demo_scores import signature_png
from reviewer_app.services import signing
from reviewer_app.services.bundles import import_bundle
from reviewer_app.services.evidence import EvidenceStore, prepare_bytes



def _rotated_photo() -> bytes:
    """A 3000×2000 camera JPEG stored sideways with EXIF orientation 6 (shown upright 2000×3000)."""
    image = Image.new("RGB", (3000, 2000), (30, 90, 160))
    image.paste((250, 200, 20), (0, 0, 600, 2000))  # a yellow band on the stored image's left edge
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def test_the_sheet_draws_the_display_copy_and_the_package_carries_the_original(world_dir: Path, store, data_dir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001, F811
    signer = demo_signer(world_dir, "wu-peishan")
    opened = opened_bundle(world_dir, SELF_BUILT)
    import_bundle(store, data_dir, opened, signer.unlocked)
    state = demo_review(world_dir, SELF_BUILT, "wu-peishan").state
    fill_review(store, opened.bundle_id, state)
    items = opened.spec.checklist.items
    store.inspections.start(opened.bundle_id)
    for item in items:
        store.inspections.set_result(opened.bundle_id, item.id, item.results[0])
        store.inspections.set_note(opened.bundle_id, item.id, "核对原件")
    store.inspections.finish(opened.bundle_id)
    store.inspections.set_inspectors(opened.bundle_id, ["吴佩珊"])
    original = _rotated_photo()
    evidence = EvidenceStore(data_dir.evidence, signer.unlocked.age_recipient, signer.unlocked.age_identity)
    evidence.add(store.inspections, opened.bundle_id, prepare_bytes("现场.jpg", original), item_id=items[0].id)

    decoded_sizes: list[int] = []
    real_decode = pictures.decode
    monkeypatch.setattr(pictures, "decode", lambda data, side: (decoded_sizes.append(len(data)), real_decode(data, side))[1])
    stick = tmp_path / "stick"
    stick.mkdir()
    path = signing.sign_and_export(store, data_dir, opened, signer.unlocked, signature_png("吴佩珊"), stick)

    assert decoded_sizes and len(original) not in decoded_sizes, "the original photo was decoded while signing"
    data = pyrage.decrypt(path.read_bytes(), [signer.unlocked.age_identity])
    verified = packages.read_package(data, [signer.certificate])
    member = verified.document.attachments[0].member
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read(member) == original and verified.document.attachments[0].sha256 == hashlib.sha256(original).hexdigest()
        (tmp_path / "score.pdf").write_bytes(archive.read(packages.SCORE_PDF))
    listing = subprocess.run(["pdfimages", "-list", tmp_path / "score.pdf"], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    photos = [line.split() for line in listing if min(int(line.split()[3]), int(line.split()[4])) > 300]  # not the handwritten signature
    assert len(photos) == 1
    width, height = int(photos[0][3]), int(photos[0][4])
    assert height > width and max(width, height) == 800, "drawn upright, at the sheet's size"
