"""Run Python with `os` reduced to what Python 3.11 has on Windows, then run a module or code.

    python tests/windows_os.py -m reviewer_app.org.cli demo OUT
    python tests/windows_os.py -c "CODE" ARGS...

Deletes the POSIX-only names of `os` (the app must not call them without a fallback) and
gives the calls that exist on both systems their Windows behaviour where it differs in a
way the app meets: a folder cannot be opened with os.open, and os.rename never replaces an
existing path. The standard library modules that bind POSIX names when they are imported
are imported first: on Windows their own Windows code paths would run instead.
"""

from __future__ import annotations

import os
import runpy
import sys

# Names os has on Linux/macOS but not in Python 3.11 on Windows (nt module), that the app,
# its dependencies or a careless change might reach for.
POSIX_ONLY = (
    "fchmod", "lchmod", "fchown", "chown", "lchown", "chroot", "fchdir",
    "getuid", "geteuid", "getgid", "getegid", "getgroups", "getgrouplist", "getresuid", "getresgid",
    "setuid", "seteuid", "setgid", "setegid", "setgroups", "setreuid", "setregid", "initgroups",
    "sync", "fdatasync", "fork", "forkpty", "openpty", "setsid", "getsid", "setpgid", "getpgid",
    "getpgrp", "setpgrp", "killpg", "nice", "getpriority", "setpriority", "getloadavg", "uname",
    "statvfs", "fstatvfs", "mkfifo", "mknod", "major", "minor", "makedev", "pathconf", "fpathconf",
    "sysconf", "confstr", "ctermid", "ttyname", "tcgetpgrp", "tcsetpgrp", "lockf", "pread", "pwrite",
    "preadv", "pwritev", "readv", "writev", "sendfile", "posix_fadvise", "posix_fallocate",
    "posix_spawn", "posix_spawnp", "register_at_fork", "pipe2", "wait", "wait3", "wait4", "waitid",
    "get_blocking", "set_blocking", "sched_getaffinity", "sched_setaffinity", "sched_yield",
    "getrandom", "memfd_create", "copy_file_range", "splice", "eventfd", "pidfd_open", "login_tty",
    "getxattr", "setxattr", "listxattr", "removexattr", "fwalk", "environb", "getenvb",
    "O_DIRECTORY", "O_NOFOLLOW", "O_CLOEXEC", "O_NONBLOCK", "O_NDELAY", "O_SYNC", "O_DSYNC",
    "O_RSYNC", "O_NOCTTY", "O_ASYNC", "O_DIRECT", "O_NOATIME", "O_PATH", "O_TMPFILE", "O_LARGEFILE",
    "O_ACCMODE", "O_FSYNC", "POSIX_FADV_NORMAL", "POSIX_FADV_SEQUENTIAL", "POSIX_FADV_RANDOM",
    "POSIX_FADV_NOREUSE", "POSIX_FADV_WILLNEED", "POSIX_FADV_DONTNEED", "WNOHANG", "WUNTRACED",
    "WCONTINUED", "SEEK_DATA", "SEEK_HOLE", "RTLD_LAZY", "RTLD_NOW", "RTLD_GLOBAL", "RTLD_LOCAL",
)  # fmt: skip

# Imported before the reduction: on POSIX these bind os names at import time (on Windows they
# take their Windows branches instead, which cannot be simulated here).
_STDLIB_FIRST = ("subprocess", "shutil", "tempfile", "platform", "uuid", "multiprocessing", "asyncio", "getpass", "socket")


def reduce_os() -> None:
    import importlib

    for name in _STDLIB_FIRST:
        importlib.import_module(name)
    for name in POSIX_ONLY:
        if hasattr(os, name):
            delattr(os, name)
    real_open, real_rename = os.open, os.rename

    def open_like_windows(path, flags, mode=0o777, *, dir_fd=None):  # noqa: ANN001, ANN202
        if dir_fd is None and os.path.isdir(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))  # Windows cannot open a folder
        return real_open(path, flags, mode, dir_fd=dir_fd)

    def rename_like_windows(src, dst, *, src_dir_fd=None, dst_dir_fd=None):  # noqa: ANN001, ANN202
        if os.path.lexists(dst):
            raise FileExistsError(183, "Cannot create a file when that file already exists", os.fspath(src), os.fspath(dst))
        return real_rename(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)

    os.open = open_like_windows
    os.rename = rename_like_windows
    shutil = sys.modules["shutil"]
    shutil._use_fd_functions = False  # type: ignore[attr-defined] # its value on Windows: rmtree by path


def main() -> None:
    reduce_os()
    flag, target, *rest = sys.argv[1:]
    if flag == "-m":
        sys.argv = [target, *rest]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    elif flag == "-c":
        sys.argv = ["-c", *rest]
        exec(compile(target, "<windows_os -c>", "exec"), {"__name__": "__main__"})  # noqa: S102 - the test's own code
    else:
        raise SystemExit(f"usage: {sys.argv[0]} -m MODULE ARGS... | -c CODE ARGS...")


if __name__ == "__main__":
    main()
