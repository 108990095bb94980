"""About dialog: what this is, which version, whose font."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reviewer_app import __version__


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.title = QLabel()
        self.title.setObjectName("aboutTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.body = QLabel()
        self.body.setObjectName("aboutBody")
        self.body.setWordWrap(True)
        self.version = QLabel()
        self.version.setObjectName("aboutVersion")
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.body, self.version, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("About Reviewer"))
        self.title.setText(f"<h2>{self.tr('Expert Review')}</h2>")
        self.body.setText(
            self.tr(
                "Offline scoring of application bundles for expert review panels. "
                "Bundles are checked against the review organization's seal; score sheets are "
                "signed with your own key. Nothing leaves this computer except the score package you export.\n\n"
                "Chinese font: WenQuanYi Micro Hei (Apache License 2.0)."
            )
        )
        self.version.setText(
            self.tr("Version {version} · Qt {qt} · PySide6 {pyside}").format(
                version=__version__, qt=qVersion(), pyside=pyside_version
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
