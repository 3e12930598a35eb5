"""The near-duplicate index of a build folder: ``OUT/near-duplicates.sqlite``.

Each article's MinHash signature (:mod:`kg.ingest.fingerprint`, computed by the
worker that read it) and its band keys are kept in SQLite, so that an additive
build finds the reposts of articles that earlier builds extracted, and nothing of
the index is held in memory (a corpus of millions has millions of signatures).

The builder asks :meth:`NearIndex.match` for each new article, in input order, and
adds it when it is an original: the first of a story to be built is its original,
as for exact duplicates, and the later ones are compared with the originals only
(a story reposted a thousand times costs one comparison per repost, not a
thousand; a repost of a repost is a repost of the original when it is as close
to it).  A build works on a copy (``OUT/.near-new-*.sqlite``) that
:meth:`NearIndex.commit` renames over the index once the store is swapped in, just
before the manifest is saved, as the store itself is replaced: a build that dies
leaves the index file untouched, with the manifest that matches it, and the next
build removes the copy (:mod:`kg.build.lock`).
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from kg.ingest.fingerprint import THRESHOLD, VERSION, bands, similarity

FILE = "near-duplicates.sqlite"
# candidates compared per article at most (of originals sharing a band with it: in a
# corpus of one template, many share some band, and a few are enough to find the story)
MAX_CANDIDATES = 64
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS article (id TEXT PRIMARY KEY, signature BLOB NOT NULL,
                                    original TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS band (key BLOB NOT NULL, id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS band_key ON band (key);
CREATE INDEX IF NOT EXISTS band_id ON band (id);
"""


class NearIndex:
    """Signatures and band keys of the articles of one build folder."""

    def __init__(self, out_dir: str | Path, *, fresh: bool = False) -> None:
        self.path = Path(out_dir) / FILE
        fd, work = tempfile.mkstemp(dir=self.path.parent, prefix=".near-new-", suffix=".sqlite")
        os.close(fd)
        self.work = Path(work)
        if self.path.is_file() and not fresh:
            shutil.copyfile(self.path, self.work)
        self.db = sqlite3.connect(self.work, isolation_level="DEFERRED")
        self.db.executescript(_SCHEMA)
        row = self.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if fresh or row is None or row[0] != VERSION:  # other fingerprints: start again
            self.db.execute("DELETE FROM band")
            self.db.execute("DELETE FROM article")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (VERSION,))

    def remove(self, ids) -> None:
        for article_id in ids:
            self.db.execute("DELETE FROM band WHERE id = ?", (article_id,))
            self.db.execute("DELETE FROM article WHERE id = ?", (article_id,))

    def match(self, signature: bytes, exclude: str = "") -> tuple[str, float] | None:
        """(the original, similarity) of the most similar indexed article at or above
        :data:`THRESHOLD` (its own original when it repeats another), or None."""
        keys = bands(signature)
        marks = ",".join("?" * len(keys))
        candidates = self.db.execute(
            f"SELECT DISTINCT a.id, a.signature, a.original FROM band b JOIN article a "
            f"ON a.id = b.id WHERE b.key IN ({marks}) AND a.id != ? LIMIT {MAX_CANDIDATES}",
            (*keys, exclude))
        best = None  # the most similar; of equals, the first id
        for article_id, other, original in candidates:
            score = similarity(signature, other)
            if score >= THRESHOLD and (best is None or (-score, article_id) < best[0]):
                best = ((-score, article_id), original or article_id)
        return None if best is None else (best[1], -best[0][0])

    def add(self, article_id: str, signature: bytes, original: str = "") -> None:
        self.remove([article_id])
        self.db.execute("INSERT INTO article VALUES (?, ?, ?)", (article_id, signature, original))
        self.db.executemany("INSERT INTO band VALUES (?, ?)",
                            [(key, article_id) for key in bands(signature)])

    def commit(self) -> None:
        """Make this build's changes the index (the copy replaces the file)."""
        self.db.commit()
        self.db.close()
        with open(self.work, "rb") as fh:
            os.fsync(fh.fileno())
        os.chmod(self.work, 0o644)
        os.replace(self.work, self.path)
        self.db = None

    def close(self) -> None:
        """Forget what was not committed (the copy is removed)."""
        if self.db is not None:
            self.db.close()
            self.db = None
        for leftover in (self.work, self.work.with_name(self.work.name + "-journal")):
            leftover.unlink(missing_ok=True)

    def __enter__(self) -> "NearIndex":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


__all__ = ["NearIndex", "FILE"]
