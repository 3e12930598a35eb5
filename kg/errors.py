"""Every error kg raises on purpose.  Each names what went wrong, where, and what to do.

The CLI prints ``str(error)`` and nothing else: the message must stand alone.
"""
from __future__ import annotations

from pathlib import Path


class KgError(Exception):
    """Base of kg's errors: a message, where it happened, and a hint."""

    def __init__(self, message: str, *, path: str | Path | None = None,
                 line: int | None = None, offset: int | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.offset = offset
        self.hint = hint

    @property
    def where(self) -> str:
        if self.path is None:
            return ""
        loc = self.path
        if self.line is not None:
            loc += f":{self.line}"
        if self.offset is not None:
            loc += f" (byte {self.offset})" if self.line is None else f" (offset {self.offset})"
        return loc

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class InputError(KgError):
    """An input path that does not exist, is empty, or holds no articles."""


class DecodeError(KgError):
    """A file whose bytes are not text in any encoding kg reads."""


class ArticleError(KgError):
    """An article that decoded but could not be ingested or extracted."""


class OntologyError(KgError):
    """The ontology or shapes are missing or unreadable."""


class ValidationError(KgError):
    """A graph that does not conform to the SHACL shapes."""


class QueryError(KgError):
    """A SPARQL query that is malformed, unknown, or failed to run."""


class OutputError(KgError):
    """An output location that cannot be written."""
