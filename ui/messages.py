"""The one way the UI shows a core message (refusal, problem, missing item, import refusal):
its template translated in the current language, then its parameters filled in."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from reviewer_app.errors import Message


def translated(message: Message) -> str:
    return message.message(QCoreApplication.translate)
