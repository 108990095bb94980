"""Where file dialogs start: the folder last used for the same purpose, else a USB stick, else home.

Experts exchange files with the organization on a USB stick, so a dialog that opens on the
stick saves them a hunt through the file system the first time; afterwards each purpose
(enrolment card, organization certificate, bundle, score package) remembers its own folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QStorageInfo

from reviewer_app.settings import Settings

SETTING = "last_folders"
DRIVE_REMOVABLE = 2  # GetDriveTypeW


def start_folder(settings: Settings, purpose: str) -> str:
    last = settings.get(SETTING).get(purpose)
    if isinstance(last, str) and last and Path(last).is_dir():
        return last
    removable = removable_drives()
    return str(removable[0] if removable else Path.home())


def remember_folder(settings: Settings, purpose: str, path: str | Path) -> None:
    """Remember the folder of `path` (a folder, or a file inside one) for the next dialog of `purpose`."""
    folder = Path(path)
    if not folder.is_dir():
        folder = folder.parent
    settings.set(SETTING, {**settings.get(SETTING), purpose: str(folder)})


def removable_drives() -> list[Path]:
    """Mounted, writable removable volumes (USB sticks, memory cards), in mount order."""
    found = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly():
            continue
        root = Path(volume.rootPath())
        if _is_removable(root):
            found.append(root)
    return found


def _is_removable(root: Path) -> bool:
    if sys.platform == "win32":
        import ctypes

        return ctypes.windll.kernel32.GetDriveTypeW(str(root)) == DRIVE_REMOVABLE
    parts = root.parts
    if sys.platform == "darwin":
        return len(parts) >= 3 and parts[1] == "Volumes"
    return (len(parts) >= 3 and parts[1] == "media") or (len(parts) >= 5 and parts[1:3] == ("run", "media"))
