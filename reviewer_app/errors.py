"""Errors meant for the expert's eyes: one plain sentence, translatable.

Core code cannot use Qt's tr(), so a message is an English template marked with
QT_TRANSLATE_NOOP (which pyside6-lupdate extracts) plus named parameters; the UI
or CLI translates the template and then fills in the parameters.
"""

from __future__ import annotations

from collections.abc import Callable

TRANSLATION_CONTEXT = "Errors"

Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - lupdate looks for this name
    """Mark `text` for extraction by lupdate without translating it here."""
    return text


class Term(str):
    """A parameter that is itself a translatable phrase; mark the text with
    QT_TRANSLATE_NOOP("Errors", ...) so lupdate extracts it."""


class Message:
    """One plain sentence for the expert: a QT_TRANSLATE_NOOP template and named parameters.

    The one type behind every refusal (UserFacingError), problem (rubric.Problem), missing
    item (completeness.Missing) and import refusal. Kinds are subclasses, never recognised by
    comparing template text. The UI renders a message with ui.messages.translated(), the
    command line with message() (English).
    """

    template: str
    params: dict[str, object]

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params

    def message(self, translate: Translate | None = None) -> str:
        text = translate(TRANSLATION_CONTEXT, self.template) if translate else self.template
        params = {
            key: translate(TRANSLATION_CONTEXT, value) if translate and isinstance(value, Term) else value
            for key, value in self.params.items()
        }
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the message itself.
            return self.template.format(**self.params)

    def __str__(self) -> str:
        return self.message()


class UserFacingError(Message, Exception):
    """A refusal or failure explained in one plain sentence."""

    def __init__(self, template: str, **params: object) -> None:
        Message.__init__(self, template, **params)
        Exception.__init__(self, self.message())


class Cancelled(Exception):
    """Long work stopped because the expert pressed Cancel; not an error to report."""
