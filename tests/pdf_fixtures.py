"""Scanned-style PDFs of any size, made quickly: every page is one large JPEG of noise.

Noise does not compress, so the file really is as large as asked, and showing a page makes
the PDF engine read and decode megabytes, as a scanned report does. A handful of different
JPEGs are reused across pages (encoding is the slow part); each page still has its own
stream of bytes in the file. Used by the GUI tests (small sizes) and bench/ (1 GiB).
"""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

DISTINCT_IMAGES = 6


def _noise_jpeg(width: int, height: int, seed: int) -> bytes:
    from PIL import Image

    rng = random.Random(seed)
    # Noise tiles (cheap to make) scaled up a little: still nearly incompressible for JPEG.
    tile = Image.frombytes("RGB", (width // 2, height // 2), rng.randbytes(3 * (width // 2) * (height // 2)))
    buffer = io.BytesIO()
    tile.resize((width, height), Image.Resampling.NEAREST).save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def make_scanned_pdf(path: Path, target_bytes: int, pages: int) -> Path:
    """A valid PDF of about `target_bytes` with `pages` A4 pages, each a JPEG filling the page."""
    per_page = max(20_000, target_bytes // pages)
    # JPEG of noise at quality 92: roughly 1.5 bytes per pixel.
    pixels = per_page / 1.5
    width = max(64, int((pixels / 1.414) ** 0.5))
    height = int(width * 1.414)
    images = [_noise_jpeg(width, height, seed) for seed in range(min(DISTINCT_IMAGES, pages))]
    ratio = per_page / (sum(map(len, images)) / len(images))
    if abs(ratio - 1) > 0.05:  # one correction of the bytes-per-pixel guess is close enough
        width = max(64, int(width * ratio**0.5))
        height = int(width * 1.414)
        images = [_noise_jpeg(width, height, seed) for seed in range(min(DISTINCT_IMAGES, pages))]
    temporary = path.with_name(path.name + ".part")
    offsets: list[int] = []
    with open(temporary, "wb") as out:

        def obj(number: int, body: bytes, stream: bytes | None = None) -> None:
            offsets.append(out.tell())
            out.write(b"%d 0 obj\n" % number + body)
            if stream is not None:
                out.write(b"\nstream\n" + stream + b"\nendstream")
            out.write(b"\nendobj\n")

        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        kids = b" ".join(b"%d 0 R" % (3 + 3 * i) for i in range(pages))
        obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        obj(2, b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids))
        for i in range(pages):
            page, content, image = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
            jpeg = images[i % len(images)]
            obj(page, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>" % (image, content))
            drawing = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
            obj(content, b"<< /Length %d >>" % len(drawing), drawing)
            obj(image, b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>" % (width, height, len(jpeg)), jpeg)
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
        out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))
    os.replace(temporary, path)
    return path
