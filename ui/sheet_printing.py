"""Printing a signed score sheet: the PDF's own pages, rendered by QtPdf, onto a QPrinter.

The pages are rendered on a worker thread (ui/jobs.py) at no more than PRINT_DPI, which keeps
an A4 page near 25 MB however fine the printer; painting them onto the printer stays on the
GUI thread, as QPainter on a QPrinter requires.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from reviewer_app.errors import Cancelled
from ui.jobs import Job, JobContext, JobRunner

PRINT_DPI = 300
POINTS_PER_INCH = 72


def render_pages(context: JobContext, pdf: bytes, first: int, last: int, dpi: int) -> list[QImage]:
    """Pages first..last (0-based, inclusive) of `pdf` as white-backed images at `dpi`."""
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    images = []
    for page in range(first, last + 1):
        if context.cancelled():
            raise Cancelled()
        size = document.pagePointSize(page) * dpi / POINTS_PER_INCH
        image = document.render(page, QSize(round(size.width()), round(size.height())))
        white = QImage(image.size(), QImage.Format.Format_RGB32)
        white.fill(Qt.GlobalColor.white)
        painter = QPainter(white)
        painter.drawImage(0, 0, image)
        painter.end()
        images.append(white)
        context.progress(page - first + 1, last - first + 1)
    document.close()
    return images


def page_count(pdf: bytes) -> int:
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    count = document.pageCount()
    document.close()
    return count


def paint_pages(printer: QPrinter, images: list[QImage]) -> bool:
    """Each image on its own sheet, scaled to the printable area, aspect kept, centred."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for index, image in enumerate(images):
            if index:
                printer.newPage()
            area = painter.viewport()
            target = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = area.x() + (area.width() - target.width()) // 2
            y = area.y() + (area.height() - target.height()) // 2
            painter.drawImage(QRect(x, y, target.width(), target.height()), image)
    finally:
        painter.end()
    return True


def print_pdf(parent: QWidget, pdf: bytes, jobs: JobRunner, title: str, on_printed: Callable[[bool], None]) -> Job | None:
    """Ask for a printer (QPrintDialog), then print the chosen pages of `pdf`.

    Returns the rendering job (for its failure and progress; `on_printed` gets whether the
    printer took the pages), or None when the expert cancelled the dialog.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setFullPage(False)
    pages = page_count(pdf)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    dialog.setMinMax(1, max(1, pages))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    first, last = 0, pages - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = printer.fromPage() - 1, min(printer.toPage(), pages) - 1
    job = jobs.start(render_pages, pdf, first, last, min(printer.resolution(), PRINT_DPI))
    job.succeeded.connect(lambda images: on_printed(paint_pages(printer, images)))
    return job
