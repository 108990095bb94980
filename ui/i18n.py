"""Loading Qt Linguist translations. Source strings are English; Simplified
Chinese is the default language. The .qm files are compiled from the .ts files
at build time (tools/build_translations.py), never committed."""

from __future__ import annotations

import logging
from importlib.resources import as_file

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from reviewer_app.assets import resource

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"


class Translations:
    """Installs the app's and Qt's own translators for one language at a time."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = SOURCE_LANGUAGE

    def switch(self, language: str) -> bool:
        """Use `language`; returns False (and stays in English) when no translation is found."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = SOURCE_LANGUAGE
        QLocale.setDefault(QLocale(language))
        if language == SOURCE_LANGUAGE:
            return True
        app_translator = QTranslator(self._app)
        with as_file(resource("translations", f"reviewer_{language}.qm")) as qm_path:
            if not app_translator.load(str(qm_path)):
                log.warning("translation %s not found at %s; showing English", language, qm_path)
                return False
        qt_translator = QTranslator(self._app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_translator.load(f"qtbase_{language}", qt_dir):
            self._installed.append(qt_translator)
        self._installed.append(app_translator)
        for translator in self._installed:
            self._app.installTranslator(translator)
        self.language = language
        return True
