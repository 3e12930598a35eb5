"""kg's saved queries: ``kg/queries/*.rq``, run by name (``kg query evidence``).

Each file starts with ``#`` comment lines: the first says what the query
answers (the one line ``kg query --list`` shows), the others explain; a line

    # param division: a division's name, e.g. 辽宁省 or 辽中区

declares a parameter (``--param division=辽宁省``), required unless its text
says ``(optional)``.  An optional parameter left out matches everything.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.errors import QueryError

_PARAM = re.compile(r"#\s*param\s+([^\s:]+)\s*:\s*(.*)")


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    required: bool


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str           # the first comment line
    text: str
    params: tuple[Param, ...] = ()
    comment: str = ""          # the whole header comment, without '#'

    def to_json(self) -> dict:
        return {"name": self.name, "description": self.description, "text": self.text,
                "params": [{"name": p.name, "description": p.description,
                            "required": p.required} for p in self.params]}


def parse_saved(name: str, text: str) -> SavedQuery:
    header: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        header.append(stripped)
    params = []
    for line in header:
        m = _PARAM.fullmatch(line)
        if m:
            desc = m.group(2).strip()
            params.append(Param(m.group(1), desc, "(optional)" not in desc))
    lines = [h.lstrip("#").strip() for h in header]
    description = next((h for h in lines if h), "")
    return SavedQuery(name, description, text, tuple(params), "\n".join(lines))


def _folder():
    return resources.files("kg").joinpath("queries")


@lru_cache(maxsize=1)
def _all() -> dict[str, SavedQuery]:
    out = {}
    folder = _folder()
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.name.endswith(".rq"):
                name = entry.name[:-3]
                out[name] = parse_saved(name, entry.read_text("utf-8"))
    return dict(sorted(out.items()))


def saved_queries() -> list[SavedQuery]:
    """Every saved query, by name."""
    return list(_all().values())


def saved_query(name: str) -> SavedQuery:
    """The saved query ``name``; :class:`QueryError` with the closest names when unknown."""
    queries = _all()
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3)
    hint = (f"did you mean {', '.join(close)}? " if close else "") + \
        "kg query --list shows the saved queries"
    raise QueryError(f"no saved query named {name!r}", hint=hint)


def is_saved_name(text: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9][a-z0-9_-]*", text))


def saved_folder() -> Path:
    return Path(str(_folder()))


__all__ = ["Param", "SavedQuery", "parse_saved", "saved_queries", "saved_query",
           "is_saved_name", "saved_folder"]
