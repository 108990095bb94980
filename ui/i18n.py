"""Loading Qt Linguist translations. Source strings are English; Simplified
Chinese is the default language. The .qm files are compiled from the .ts files
at build time (tools/build_translations.py), never committed."""

from __future__ import annotations

import logging
import re
from importlib.resources import as_file

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from reviewer_app.assets import resource

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"


class QtMnemonicGaps(QTranslator):
    """Qt's shipped Chinese catalogue lags behind Qt's sources: the file dialog asks for
    "&Look in:" and "Files of &type:" where the catalogue only knows "Look in:" and "Files of
    type:". This answers such strings from the catalogue's text without the "&", with the
    mnemonic added the Chinese way ("查找范围(&L)：")."""

    def __init__(self, catalogue: QTranslator, parent: QCoreApplication) -> None:
        super().__init__(parent)
        self._catalogue = catalogue

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        mnemonic = re.search(r"&(\w)", source) if "&" in source else None
        if mnemonic is None or self._catalogue.translate(context, source, disambiguation, n):
            return None  # None is Qt's "not translated here": the next translator is asked
        plain = self._catalogue.translate(context, source.replace("&", "", 1), disambiguation, n)
        if not plain:
            return None
        mark = f"(&{mnemonic.group(1).upper()})"
        return plain[:-1] + mark + plain[-1] if plain[-1] in "：:" else plain + mark

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return False


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
            self._installed += [qt_translator, QtMnemonicGaps(qt_translator, self._app)]
        else:
            log.warning("Qt's own %s translation not found in %s", language, qt_dir)
        self._installed.append(app_translator)
        for translator in self._installed:
            self._app.installTranslator(translator)
        self.language = language
        return True
