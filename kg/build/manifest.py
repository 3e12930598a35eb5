"""``OUT/manifest.json``: what built each article's graph, so a rebuild redoes only what changed.

For each article in the store it records the SHA-256 of the file's bytes, the
file it was read from, its named graph and the *pipeline version* that built it:
a digest of kg's own code and data (every file of the ``kg`` package), the
extractors asked for and the model's files.  A rebuild re-extracts an article
when its bytes or the pipeline changed and leaves the others as they are.

The manifest is written (atomically) after the store, so it never claims more
than the store holds: after an interrupted build it may be older than the store,
which costs the next build some re-extraction and nothing else.  It is only
trusted beside a store; without one every article is built afresh.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Sequence

MANIFEST = "manifest.json"
FORMAT = 1


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """Digest of every file of the installed kg package (code, data, shipped model)."""
    import kg

    root = Path(kg.__file__).parent
    h = hashlib.sha256(kg.__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(str(path.relative_to(root)).encode())
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def pipeline_version(extractors: Sequence[str] | None, model) -> str:
    """Changes whenever kg's code or data, the extractors or the model change."""
    h = hashlib.sha256(_code_digest().encode())
    h.update(repr(None if extractors is None else tuple(extractors)).encode())
    if model is None or (isinstance(model, str) and model.lower() == "none"):
        h.update(b"model:none")
    elif isinstance(model, str) and model == "default":
        h.update(b"model:default")  # its files are part of the package digest
    else:
        folder = Path(getattr(model, "path", model))
        h.update(b"model:")
        for path in sorted(folder.glob("*")):
            if path.is_file():
                h.update(path.name.encode())
                h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:32]


@dataclass
class Entry:
    hash: str
    source: str
    graph: str
    pipeline: str
    text: str = ""  # SHA-256 of the normalised text: exact duplicates (kg:duplicateOf)
    duplicate_of: str = ""  # the article id of the original, when this one repeats it


@dataclass
class Manifest:
    articles: dict[str, Entry] = field(default_factory=dict)  # article id -> entry

    @classmethod
    def load(cls, out_dir: str | Path) -> "Manifest":
        """The manifest of ``out_dir`` (empty when there is none or it cannot be read:
        the build then redoes everything, which is always correct)."""
        path = Path(out_dir) / MANIFEST
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("format") != FORMAT:
                return cls()
            return cls({k: Entry(**v) for k, v in data["articles"].items()})
        except (OSError, ValueError, TypeError, KeyError):
            return cls()

    def save(self, out_dir: str | Path) -> Path:
        data = {"format": FORMAT,
                "articles": {k: vars(v) for k, v in sorted(self.articles.items())}}
        return write_json(Path(out_dir) / MANIFEST, data, indent=0)


def write_json(path: Path, data: dict, *, indent: int = 2) -> Path:
    """``data`` as JSON in ``path``, atomically: a fsynced temporary file renamed over it."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=indent)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
