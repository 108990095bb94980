"""File dialogs start where the expert last was for the same purpose, else on a USB stick."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from reviewer_app import identity
from reviewer_app.settings import Settings
from ui import folders
from ui.enrolment import save_card_interactively
from ui.trust_widgets import TrustedOrganizations


def test_each_purpose_remembers_its_own_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(tmp_path / "settings.json")
    monkeypatch.setattr(folders, "removable_drives", lambda: [])
    assert folders.start_folder(settings, "card") == str(Path.home())
    stick = tmp_path / "stick"
    (stick / "certs").mkdir(parents=True)
    (stick / "certs" / "org-cert.pem").write_text("x")
    folders.remember_folder(settings, "org_certificate", stick / "certs" / "org-cert.pem")
    folders.remember_folder(settings, "card", stick)
    reread = Settings(tmp_path / "settings.json")
    assert folders.start_folder(reread, "org_certificate") == str(stick / "certs")
    assert folders.start_folder(reread, "card") == str(stick)
    (stick / "certs" / "org-cert.pem").unlink()
    (stick / "certs").rmdir()  # the stick was pulled out: fall back, never a dialog on a missing folder
    monkeypatch.setattr(folders, "removable_drives", lambda: [stick])
    assert folders.start_folder(reread, "org_certificate") == str(stick)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the Linux mount points; Windows asks GetDriveTypeW")
def test_removable_mount_points_on_linux() -> None:
    for root in ("/media/wang/KINGSTON", "/run/media/wang/KINGSTON", "/media/usb0"):
        assert folders._is_removable(Path(root)), root
    for root in ("/", "/home", "/mnt/data", "/run/user/1000", "/boot/efi"):
        assert not folders._is_removable(Path(root)), root


def test_card_and_certificate_dialogs_start_in_the_remembered_folders(
    qtbot, app_context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = identity.ExpertProfile(name="王建国", field="财务", affiliation="华南理工大学")
    identity.create_identity(app_context.data_dir.identity, profile, "春风-Harbor-7-橘子-Quill")
    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    monkeypatch.setattr(folders, "removable_drives", lambda: [stick])
    starts: list[str] = []

    def choose(_parent, _title, start, *args, **kwargs):
        starts.append(start)
        return str(stick / "cards")

    (stick / "cards").mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", choose)
    assert save_card_interactively(None, app_context) is not None
    assert save_card_interactively(None, app_context) is not None
    assert starts == [str(stick), str(stick / "cards")]

    organizations = TrustedOrganizations(app_context.data_dir.trust, app_context.settings)
    qtbot.addWidget(organizations)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda _p, _t, start, *a, **k: (starts.append(start), ("", ""))[1])
    organizations.choose_certificate()
    assert starts[-1] == str(stick), "a new purpose starts on the stick, not in the card's folder"


def test_open_bundle_dialog_starts_on_the_stick_then_where_the_last_bundle_was(
    qtbot, app_context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.main_window import MainWindow

    stick = tmp_path / "KINGSTON"
    (stick / "bundles").mkdir(parents=True)
    monkeypatch.setattr(folders, "removable_drives", lambda: [stick])
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    starts: list[str] = []

    def choose(_parent, _title, start, *args, **kwargs):
        starts.append(start)
        return str(stick / "bundles" / "missing.rvb"), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    monkeypatch.setattr(window, "open_bundle", lambda path: None)
    window.choose_bundle()
    window.choose_bundle()
    assert starts == [str(stick), str(stick / "bundles")]


def test_a_card_that_cannot_be_written_is_explained(qtbot, app_context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.enrolment import card_file_stem

    profile = identity.ExpertProfile(name="王建国", field="财务", affiliation="华南理工大学")
    public = identity.create_identity(app_context.data_dir.identity, profile, "春风-Harbor-7-橘子-Quill")
    stick = tmp_path / "stick"
    (stick / f"{card_file_stem(public)}.json").mkdir(parents=True)  # in the way of the card file
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(stick))
    shown: list[str] = []

    def read_and_close() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(50, read_and_close)
            return
        shown.append(boxes[-1].text())
        boxes[-1].accept()

    QTimer.singleShot(0, read_and_close)
    assert save_card_interactively(None, app_context) is None
    assert shown and str(stick) in shown[0] and "Traceback" not in shown[0] and "Errno" not in shown[0]

