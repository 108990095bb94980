"""The handwritten signature pad: strokes by mouse, undo, clear, load, PNG export."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from ui.signature_pad import SignaturePad


def draw(pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(*points[-1]))


def test_drawing_undo_clear_and_export(qtbot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(500, 180)
    pad.show()
    qtbot.waitExposed(pad)
    assert pad.is_empty()
    with qtbot.waitSignal(pad.changed):
        draw(pad, [(40, 120), (80, 60), (120, 130), (160, 50)])
    draw(pad, [(200, 100), (300, 100)])
    assert len(pad.strokes) == 2
    image = Image.open(io.BytesIO(pad.png_bytes()))
    assert image.mode == "RGBA"
    assert image.width < 500 and image.height < 180, "trimmed to the ink"
    opaque = sum(1 for alpha in image.getchannel("A").tobytes() if alpha > 0)
    assert opaque > 200, "the strokes are in the image"
    assert image.getpixel((0, 0))[3] == 0, "background is transparent"
    pad.undo_stroke()
    assert len(pad.strokes) == 1
    pad.clear()
    assert pad.is_empty()


def test_loading_an_image_and_refusing_garbage(qtbot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    buffer = io.BytesIO()
    Image.new("RGBA", (120, 40), (16, 32, 74, 255)).save(buffer, "PNG")
    assert pad.load_image(buffer.getvalue())
    assert not pad.is_empty()
    assert Image.open(io.BytesIO(pad.png_bytes())).size == (120, 40)
    assert not pad.load_image(b"not an image at all")
    assert not pad.is_empty(), "a refused file leaves the signature as it was"


def test_a_click_without_movement_leaves_no_mark(qtbot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(500, 180)
    pad.show()
    qtbot.waitExposed(pad)
    draw(pad, [(40, 120), (120, 60), (200, 120)])
    before = pad.png_bytes()
    qtbot.mouseClick(pad, Qt.MouseButton.LeftButton, pos=QPoint(400, 30))  # a stray click far from the ink
    draw(pad, [(300, 40), (301, 40)])  # a 1-pixel tremble is a click too
    assert len(pad.strokes) == 1
    assert pad.png_bytes() == before, "what is saved is what the pad showed"
    pad.undo_stroke()
    assert pad.is_empty()


def test_a_disabled_pad_takes_no_ink(qtbot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(500, 180)
    pad.show()
    qtbot.waitExposed(pad)
    draw(pad, [(40, 120), (120, 60), (200, 120)])
    pad.setEnabled(False)
    draw(pad, [(250, 40), (350, 140), (450, 40)])
    assert len(pad.strokes) == 1
    assert pad.cursor().shape() == Qt.CursorShape.ForbiddenCursor
