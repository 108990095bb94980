"""One running app per data folder. Two windows on the same folder would both write the same
review (the last writer wins), so a second start hands over to the first and exits.

The folder is claimed with a QLockFile (works on Windows; a crashed run's lock is recognised as
stale), and the running app listens on a local socket named after the folder, so a second start
can ask it to come to the front."""

from __future__ import annotations

import hashlib
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_FILE_NAME = "reviewer-app.lock"
SHOW_REQUEST = b"show\n"
_TIMEOUT_MS = 2000


class Claim(Enum):
    CLAIMED = "claimed"  # this run owns the data folder
    HANDED_OVER = "handed over"  # another run owns it and was asked to come to the front
    REFUSED = "refused"  # another run owns it and did not answer


def server_name(root: Path) -> str:
    """A socket name unique to the data folder (short: socket paths are limited on Unix)."""
    digest = hashlib.sha256(str(root.resolve()).casefold().encode("utf-8")).hexdigest()[:20]
    return f"reviewer-app-{digest}"


class SingleInstance(QObject):
    """Holds the data folder's lock for the life of the run; `show_requested` fires when another
    start on the same folder asks this one to come to the front."""

    show_requested = Signal()

    def __init__(self, root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = root
        self._lock = QLockFile(str(root / LOCK_FILE_NAME))
        self._lock.setStaleLockTime(0)  # only a dead owner's lock is stale, however old
        self._server: QLocalServer | None = None
        self.owner_pid = 0

    def claim(self) -> Claim:
        if self._lock.tryLock(0):
            self._listen()
            return Claim.CLAIMED
        info = self._lock.getLockInfo()  # (pid, host name, app name), or False when unreadable
        self.owner_pid = info[0] if isinstance(info, tuple) else 0
        return Claim.HANDED_OVER if self._ask_owner_to_show() else Claim.REFUSED

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _listen(self) -> None:
        name = server_name(self._root)
        QLocalServer.removeServer(name)  # a crashed run may have left its socket file behind
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._answer)
        self._server.listen(name)

    def _answer(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._read_request)

    def _read_request(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket) and bytes(socket.readAll().data()).startswith(SHOW_REQUEST.strip()):
            socket.write(b"ok\n")
            socket.flush()
            self.show_requested.emit()

    def _ask_owner_to_show(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(server_name(self._root))
        if not socket.waitForConnected(_TIMEOUT_MS):
            return False
        socket.write(SHOW_REQUEST)
        answered = socket.waitForBytesWritten(_TIMEOUT_MS) and socket.waitForReadyRead(_TIMEOUT_MS)
        socket.disconnectFromServer()
        return answered
