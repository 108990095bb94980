"""Help › Guide to a review: the steps of a review with pictures, in the app's language
(resources/help/guide_<language>.html and its images)."""

from __future__ import annotations

from importlib.resources import as_file

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from reviewer_app.assets import resource


def guide_html(language: str) -> tuple[str, str]:
    """The guide's HTML and the folder its images are in."""
    name = "guide_zh_CN.html" if language == "zh_CN" else "guide_en.html"
    with as_file(resource("help", name)) as path:
        return path.read_text(encoding="utf-8"), str(path.parent)


class GuideDialog(QDialog):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.browser = QTextBrowser(objectName="guideText")
        self.browser.setOpenLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(680, 760)  # ui/screen_fit.py shrinks it on a smaller screen
        self.show_language(language)

    def show_language(self, language: str) -> None:
        html, folder = guide_html(language)
        self.browser.setSearchPaths([folder])
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(folder + "/"))
        self.browser.setHtml(html)
        self.setWindowTitle(self.tr("Guide to a review"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self.tr("Guide to a review"))
        super().changeEvent(event)
