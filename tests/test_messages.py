"""One translatable message type (errors.Message) for every refusal, problem, missing item and
import refusal; kinds told apart by class; one rendering in the UI (ui.messages.translated)."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from reviewer_app import cms, rubric
from reviewer_app.bundle.errors import BundleRefused, MalformedDocument
from reviewer_app.bundle.strictjson import loads
from reviewer_app.errors import QT_TRANSLATE_NOOP, Message, Term, UserFacingError
from reviewer_app.export.errors import PackageRefused, PackageSignerUntrusted
from reviewer_app.review.completeness import Missing, MissingKind
from reviewer_app.services.evidence import EvidenceRefused
from ui.messages import translated

ROOT = Path(__file__).resolve().parent.parent
DECLARATIONS = "Answer the conflict-of-interest declaration and accept the confidentiality pledge."


def test_every_kind_of_message_is_one_type() -> None:
    problem = rubric.Problem(QT_TRANSLATE_NOOP("Errors", "{what} {id} appears twice."), what=Term("stage"), id="s1")
    missing = Missing(MissingKind.DECLARATIONS, "", DECLARATIONS, {})
    refusal = EvidenceRefused(QT_TRANSLATE_NOOP("Errors", "“{name}” could not be saved: {reason}."), name="a.jpg", reason="disk full")
    for message in (problem, missing, refusal, UserFacingError(DECLARATIONS), PackageRefused(DECLARATIONS)):
        assert isinstance(message, Message)
    assert problem == "stage s1 appears twice." and problem.message() == str(problem)
    assert str(missing) == DECLARATIONS
    assert str(refusal) == "“a.jpg” could not be saved: disk full."


def test_the_ui_renders_every_kind_the_same_way(app_context) -> None:  # noqa: ANN001 - zh_CN loaded
    chinese = QCoreApplication.translate("Errors", DECLARATIONS)
    assert chinese != DECLARATIONS, "the zh_CN translation must be loaded"
    assert translated(Missing(MissingKind.DECLARATIONS, "", DECLARATIONS, {})) == chinese
    assert translated(UserFacingError(DECLARATIONS)) == chinese
    assert translated(rubric.Problem(DECLARATIONS)) == chinese


def test_a_broken_translation_still_shows_the_message() -> None:
    message = Message("Score {title}.", title="X")
    assert message.message(lambda context, text: "评分 {missing_name}") == "Score X."


def test_kinds_are_classes() -> None:
    try:
        loads(b"[1]", "score.json")
    except BundleRefused as refusal:
        assert isinstance(refusal, MalformedDocument)
    else:
        raise AssertionError("a JSON array is not a score document")
    assert issubclass(PackageSignerUntrusted, PackageRefused)
    assert all(issubclass(kind, cms.SignatureInvalid) for kind in (cms.SignatureMismatch, cms.SignerUntrusted, cms.SignatureUnsupported))


def _sources() -> list[Path]:
    return [p for folder in ("reviewer_app", "ui") for p in sorted((ROOT / folder).rglob("*.py"))]


def test_no_kind_is_recognised_by_its_template_text() -> None:
    """`exc.template == X` breaks silently when the wording changes; kinds are classes."""
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
                if any(isinstance(side, ast.Attribute) and side.attr == "template" for side in sides):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_messages_are_rendered_only_by_ui_messages() -> None:
    """No widget translates a template itself (it would skip Term parameters and the fallback)."""
    found = []
    for path in _sources():
        if path == ROOT / "ui" / "messages.py":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in (".message(QCoreApplication.translate)", ".template).format(", "translate(\"Errors\", m"):
            if needle in text:
                found.append(f"{path.relative_to(ROOT)}: {needle}")
    assert found == []
