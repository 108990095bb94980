"""Decoding a photo into a small upright RGB copy, with bounded memory: the one decoder used
for evidence import (display copy, thumbnail) and for the signed score sheet.

Why not just `Image.open(...).load()` and `thumbnail()`
    * A picture must decode *completely* or be refused. Pillow's `getexif()` on a PNG loads the
      pixels and, when that fails, clears the tiles, so a later `load()` silently keeps half a
      picture. Here `load()` runs first, so the error surfaces; `ImageFile.LOAD_TRUNCATED_IMAGES`
      is never changed.
    * Memory. A 9400×9400 PNG is 353 MB once decoded (Pillow keeps RGB as 4 bytes a pixel);
      every full-size `convert`, `exif_transpose` or premultiplied-alpha resize adds another
      copy. Here at most ONE full-size buffer exists at a time, in the whole process (the
      decode lock): JPEG is decoded at 1/2…1/8 scale by libjpeg itself (draft mode); other
      formats are decoded once, then converted and box-reduced in horizontal bands of a few
      megapixels, and only the reduced picture is turned upright and resampled.
    * Every mode a camera, phone or scanner writes must look right: 16-bit grey (`I;16`) is
      scaled to 8 bits instead of clipped to white, CMYK (Adobe-inverted JPEGs included) is
      converted, transparency (RGBA, LA, palette with tRNS) is laid on white, 1-bit becomes grey.

The bounds (docs/decisions.md, "Photo decoding bounds")
    * MAX_PIXELS: at most 250 million pixels claimed (200 MP phone cameras exist).
    * A picture of more than 16 million pixels that claims more than MAX_EXPANSION times its
      file size in raw pixel bytes is a decompression bomb (deflate cannot exceed ~1032:1).
    * The full-size buffer a decode needs (after JPEG draft scaling; Pillow's bytes per pixel,
      doubled for WebP/AVIF whose libraries decode into a buffer of their own, and the
      coefficient buffer of a progressive JPEG) may not exceed DECODE_BUDGET.
    Pillow's own bomb check (Image.MAX_IMAGE_PIXELS, 89 MP) is replaced by these explicit bounds:
    files are opened through the format plugins directly; Image.MAX_IMAGE_PIXELS is never changed.
"""

from __future__ import annotations

import io
import math
import re
import struct
import threading
import warnings
from dataclasses import dataclass

from PIL import Image

FORMATS = ("JPEG", "MPO", "PNG", "WEBP", "TIFF", "BMP", "GIF", "AVIF")
MAX_PIXELS = 250_000_000
MAX_EXPANSION = 1100
EXPANSION_CHECK_PIXELS = 16_000_000
DECODE_BUDGET = 360 * 1024 * 1024
BAND_PIXELS = 1_000_000
# Full-size RGBA buffers Pillow's WebP and AVIF decoders hold at once (measured with
# bench/photo_memory.py: ~15 and ~11 bytes a pixel).
DECODER_COPIES = {"WEBP": 4, "AVIF": 3}

# One full-size decode at a time in the process; warnings.catch_warnings() is process-wide too.
_DECODE_LOCK = threading.Lock()

_ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError, struct.error, MemoryError)


class PictureRefused(Exception):
    """Why a picture cannot be used; `kind` is one of the class constants."""

    UNREADABLE = "unreadable"  # not a picture in an accepted format, or damaged
    TRUNCATED = "truncated"  # the picture data ends early
    TOO_LARGE = "too-large"  # beyond MAX_PIXELS or DECODE_BUDGET
    BOMB = "bomb"  # claims far more pixels than its size allows

    def __init__(self, kind: str, detail: str = "", megapixels: int = 0, limit: int = 0) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.megapixels = megapixels
        self.limit = limit  # million pixels accepted for this kind of picture


@dataclass(frozen=True)
class Decoded:
    image: Image.Image  # RGB, upright, longest side <= the requested side
    format: str  # Pillow's format name (JPEG, PNG, ...)
    width: int  # of the full picture, upright
    height: int
    exif: Image.Exif


def accepted_formats() -> tuple[str, ...]:
    """The formats of FORMATS this Pillow build can open (AVIF support, for one, is optional)."""
    Image.init()
    return tuple(f for f in FORMATS if f in Image.OPEN)


def decode(data: bytes, max_side: int) -> Decoded:
    """Decode `data` completely and return it upright, in RGB on white, fitted in max_side;
    raises PictureRefused."""
    with _DECODE_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's chatter about odd metadata is not a refusal
        try:
            image = _open(data)
        except Image.DecompressionBombError as error:  # raised by a plugin itself (GIF frames)
            raise _pillow_bomb(error) from None
        try:
            return _decode_open(image, len(data), max_side)
        except PictureRefused:
            raise
        except Image.DecompressionBombError as error:
            raise _pillow_bomb(error) from None
        except _DECODE_ERRORS as error:
            truncated = isinstance(error, EOFError) or "truncated" in str(error).lower()
            raise PictureRefused(PictureRefused.TRUNCATED if truncated else PictureRefused.UNREADABLE, str(error)) from None
        finally:
            image.close()


def _pillow_bomb(error: Image.DecompressionBombError) -> PictureRefused:
    claimed = re.search(r"\((\d+) pixels\)", str(error))
    megapixels = math.ceil(int(claimed.group(1)) / 1_000_000) if claimed else 0
    return PictureRefused(PictureRefused.TOO_LARGE, str(error), megapixels, MAX_PIXELS // 1_000_000)


def _open(data: bytes) -> Image.Image:
    """Like Image.open restricted to FORMATS, without Pillow's 89 MP rule (ours is in _check_bounds)."""
    prefix = data[:16]
    for name in accepted_formats():
        factory, accept = Image.OPEN[name]
        recognised = True if accept is None else accept(prefix)
        if not recognised or isinstance(recognised, str):  # a string: recognised but not supported
            continue
        try:
            return factory(io.BytesIO(data), "")
        except (SyntaxError, IndexError, TypeError, struct.error, ValueError, OSError, EOFError, KeyError):
            continue
    raise PictureRefused(PictureRefused.UNREADABLE, "no accepted format recognises it")


def _bytes_per_pixel(mode: str) -> int:
    if mode in ("1", "L", "P"):
        return 1
    return 2 if mode.startswith("I;16") else 4


def _raw_bits(mode: str) -> int:
    if mode == "1":
        return 1
    if mode.startswith("I;16"):
        return 16
    return 8 * Image.getmodebands(mode) if mode in Image.MODES else 32


def _check_bounds(image: Image.Image, file_size: int) -> None:
    width, height = image.size
    pixels = width * height
    megapixels = math.ceil(pixels / 1_000_000)
    if width < 1 or height < 1 or pixels > MAX_PIXELS:
        raise PictureRefused(PictureRefused.TOO_LARGE, f"{width}x{height}", megapixels, MAX_PIXELS // 1_000_000)
    if pixels > EXPANSION_CHECK_PIXELS and pixels * _raw_bits(image.mode) / 8 > MAX_EXPANSION * file_size:
        raise PictureRefused(PictureRefused.BOMB, f"{width}x{height} in {file_size} bytes", megapixels)


def _decode_cost(image: Image.Image, width: int, height: int) -> int:
    """Bytes the decode holds at once, once draft scaling is applied."""
    per_pixel = _bytes_per_pixel(image.mode)
    if image.format in DECODER_COPIES:  # their libraries decode into buffers of their own first
        per_pixel = 4 * DECODER_COPIES[image.format]
    cost = image.size[0] * image.size[1] * per_pixel
    if image.format in ("JPEG", "MPO") and image.info.get("progressive"):
        planes = {"L": 1, "CMYK": 4}.get(image.mode, 3)  # DCT coefficients, 2 bytes each, full size
        cost += width * height * 2 * planes
    return cost


def _decode_open(image: Image.Image, file_size: int, max_side: int) -> Decoded:
    if image.format not in FORMATS:
        raise PictureRefused(PictureRefused.UNREADABLE, f"format {image.format}")
    _check_bounds(image, file_size)
    width, height = image.size
    if image.format in ("JPEG", "MPO"):
        scale = max_side / max(width, height)
        if scale < 1:  # libjpeg decodes at 1/2, 1/4 or 1/8 scale directly
            image.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))
    cost = _decode_cost(image, width, height)
    if cost > DECODE_BUDGET:
        limit = width * height * DECODE_BUDGET // cost // 1_000_000  # megapixels of this kind that fit
        raise PictureRefused(PictureRefused.TOO_LARGE, f"{width}x{height} needs {cost} bytes",
                             math.ceil(width * height / 1_000_000), max(1, min(limit, MAX_PIXELS // 1_000_000)))
    image.load()  # decodes everything: a truncated or corrupt file fails here (before getexif)
    exif = _exif(image)
    reduced = _reduce_in_bands(image, max_side)
    orientation = _orientation(exif)
    if orientation in _ORIENTATION:
        reduced = reduced.transpose(_ORIENTATION[orientation])
        if orientation >= 5:
            width, height = height, width
    return Decoded(_fit(reduced, max_side), image.format, width, height, exif)


def _exif(image: Image.Image) -> Image.Exif:
    try:
        return image.getexif()
    except Exception:  # noqa: BLE001 - broken metadata must not refuse a good picture
        return Image.Exif()


def _orientation(exif: Image.Exif) -> int:
    try:
        value = exif.get(0x0112, 1)
    except Exception:  # noqa: BLE001 - damaged EXIF: shown as stored
        return 1
    return value if isinstance(value, int) else 1


def _reduce_in_bands(image: Image.Image, max_side: int) -> Image.Image:
    """RGB on white, box-reduced by an integer factor to at most 2× max_side, one band at a time."""
    width, height = image.size
    factor = max(1, math.ceil(max(width, height) / (2 * max_side)))
    rows = max(factor, BAND_PIXELS // max(1, width) // factor * factor)
    out = Image.new("RGB", (math.ceil(width / factor), math.ceil(height / factor)), "white")
    for top in range(0, height, rows):
        band = to_rgb(image.crop((0, top, width, min(height, top + rows))))
        out.paste(band.reduce(factor) if factor > 1 else band, (0, top // factor))
    return out


def to_rgb(image: Image.Image) -> Image.Image:
    """RGB as a viewer shows it: 16-bit grey scaled to 8 bits, transparency laid on white."""
    mode = image.mode
    if mode.startswith("I;16") or mode == "I":
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    elif mode == "F":
        image = image.convert("L")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image if image.mode == "RGB" else image.convert("RGB")


def _fit(image: Image.Image, max_side: int) -> Image.Image:
    width, height = image.size
    scale = max_side / max(width, height)
    if scale >= 1:
        return image
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)
