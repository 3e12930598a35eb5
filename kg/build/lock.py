"""One build per output folder, and what a killed build left behind.

``kg build`` holds ``OUT/.kg-build.lock`` (an exclusive ``flock``) from start to
end, and removes it when done: a second build into the same OUT fails at once
with a message that says so, instead of interleaving with the first.  The kernel
releases the lock when the process ends, however it ends, so a ``kill -9`` leaves
a lock file that holds no lock: the next build takes it.

Holding the lock, a build knows that the temporary files and folders in OUT
(``.kg-staging-*``, ``.store-new-*``, ``.near-new-*``, ``.graph.trig.*.tmp`` ...) belong to no
running build: a killed build left them, and they are removed.  The one state a
kill can leave that matters is between the two renames that swap a new store in:
the previous store then waits in ``.store-old-*/store``, and is put back.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from kg.errors import OutputError

LOCK = ".kg-build.lock"
_DEBRIS = (".kg-staging-", ".store-new-", ".store-old-", ".near-new-", ".graph.trig.",
           ".graph.ttl.",
           ".build.json.", ".manifest.json.", ".kg-probe-")


@contextmanager
def build_lock(out: Path) -> Iterator[list[str]]:
    """Hold OUT's build lock for the ``with`` block; yields what was cleaned up."""
    path = out / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot write to the output folder: {exc.strerror or exc}", path=out,
                          hint="choose another folder with -o, or fix its permissions") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
            raise OutputError(f"another kg build is writing this folder (pid {holder})",
                              path=out, hint="wait for it to finish, or build into another "
                                             "folder with -o") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            yield recover(out)
        finally:
            try:
                path.unlink()  # while still held: OUT is left as the build wrote it
            except OSError:
                pass
    finally:
        os.close(fd)  # releases the lock


def recover(out: Path) -> list[str]:
    """Put back a store a killed swap left aside; remove a killed build's temporary files."""
    done = []
    store = out / "store"
    if not store.exists():
        for old in sorted(out.glob(".store-old-*")):
            if (old / "store" / "CURRENT").is_file():
                os.replace(old / "store", store)
                done.append(f"put back the previous store from {old.name}")
                break
    for entry in sorted(out.iterdir()):
        if entry.name.startswith(_DEBRIS):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            done.append(f"removed {entry.name}, left by an interrupted build")
    return done
