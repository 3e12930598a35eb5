"""Expand input files and folders into ``(path, article_id)`` pairs.

Folders are walked recursively (symlinked folders are not followed), hidden
files and folders (name starting with ``.``) are skipped, and files with the
extensions :data:`EXTENSIONS` are taken, sorted by their relative path.  A file
given directly is taken whatever its extension.

The id is the path relative to the folder given (posix separators), or the
file name for a file given directly.  The same file reached twice is listed
once.  When different files get the same id, every one of the colliding
entries is prefixed with the last folder name(s) of the input it came from
(``a/x.txt`` and ``b/x.txt`` for ``x.txt`` in inputs ``a`` and ``b``; ``p/a/x.txt``
and ``q/a/x.txt`` when both inputs are named ``a``), using as few path
components as make the ids unique.  The file name — which gold annotations
are tied to — never changes.  Entries whose inputs resolve to the same folder
cannot collide (the file would be the same), so this always terminates.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from kg.errors import InputError

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")  # read as HTML (kg.ingest.html)
EXTENSIONS = frozenset(TEXT_SUFFIXES + HTML_SUFFIXES)
EXTENSION_LIST = "/".join(TEXT_SUFFIXES + HTML_SUFFIXES)  # for help and errors: one list
_HINT = f"give article files or folders holding {EXTENSION_LIST} files"


def _walk(folder: Path) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in EXTENSIONS:
                continue
            path = Path(root) / name
            # a link to nothing is listed too: the build reports it instead of losing it
            if path.is_file() or (path.is_symlink() and not path.exists()):
                found.append((path, path.relative_to(folder).as_posix()))
    return sorted(found, key=lambda item: item[1])


def _with_prefix(anchor: Path, depth: int, base: str) -> str:
    """``base`` behind the last ``depth`` components of ``anchor`` (all of them at most)."""
    parts = anchor.parts[1:] if anchor.anchor else anchor.parts
    prefix = "/".join(parts[-depth:]) if depth else ""
    return f"{prefix}/{base}" if prefix else base


def find_articles(inputs: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """Article files under ``inputs`` with stable, unique ids (see the module doc)."""
    entries: list[tuple[Path, str, Path]] = []  # (path, id, anchor folder for prefixes)
    seen: set[Path] = set()
    for raw in inputs:
        given = Path(raw)
        if not given.exists():
            raise InputError("input not found", path=given,
                             hint="check the spelling; " + _HINT)
        if given.is_dir():
            found = _walk(given)
            if not found:
                raise InputError("no articles in this folder", path=given, hint=_HINT)
            anchor = given.resolve()
        elif given.is_file():
            found = [(given, given.name)]
            anchor = given.resolve().parent
        else:
            raise InputError("not a file or folder", path=given, hint=_HINT)
        for path, article_id in found:
            real = path.resolve()
            if real not in seen:
                seen.add(real)
                entries.append((path, article_id, anchor))
    if not entries:
        raise InputError("no inputs given", hint=_HINT)

    depths = [0] * len(entries)
    while True:
        ids = [_with_prefix(anchor, d, base) for (_, base, anchor), d in zip(entries, depths)]
        holders: dict[str, list[int]] = {}
        for i, article_id in enumerate(ids):
            holders.setdefault(article_id, []).append(i)
        clashing = [i for group in holders.values() if len(group) > 1 for i in group]
        if not clashing or all(depths[i] > len(entries[i][2].parts) for i in clashing):
            break  # the second test is a guard only: distinct files differ somewhere
        for i in clashing:
            depths[i] += 1
    return [(path, article_id) for (path, _, _), article_id in zip(entries, ids)]
