"""Parameter values as people type them: 烏拉特后旗, 内蒙古, 乌拉特.

A saved query compares names exactly (``STR(?name) = ?division``).  Before it runs,
a text value is normalised like article text (traditional → simplified, pinyin
annotations removed: the caller passes kg's normaliser, since this layer reads no
articles) and looked up among the graph's labels and aliases:

* a label or alias equal to it: used as it is;
* else one entity whose name starts with it (内蒙古 → 内蒙古自治区), or, failing
  that, one that contains it: used instead, and said;
* else several: a :class:`~kg.errors.QueryError` that lists them ("did you mean");
* else none: left as typed (the answer is empty; the query may be about something
  that is not a label).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Callable

import pyoxigraph as ox

from kg.errors import QueryError

Normaliser = Callable[[str], str]


@lru_cache(maxsize=1)
def _query() -> str:
    return resources.files("kg.query").joinpath("names.rq").read_text("utf-8")


PERIOD = ("since", "until")  # the saved queries' time bounds: dates, not names
_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def resolve_value(store, name: str, value: ox.Literal, normalise: Normaliser | None = None
                  ) -> tuple[ox.Literal, str | None]:
    """(the term to bind, a note saying what was read instead) for the parameter ``name``.

    ``since`` and ``until`` are dates (YYYY, YYYY-MM or YYYY-MM-DD, compared with the
    start of each article's ``dcterms:issued``: ``until=2022`` is through the end of
    2022); anything else is a :class:`~kg.errors.QueryError`."""
    if name in PERIOD and isinstance(value, ox.Literal):
        text = value.value.strip()
        if not _DATE.fullmatch(text):
            raise QueryError(f"{name}={value.value}: expected a date as YYYY-MM-DD, YYYY-MM "
                             "or YYYY", hint=f"e.g. {name}=2022 or {name}=2022-03")
        return ox.Literal(text), None
    if not isinstance(value, ox.Literal) or value.language or \
            value.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return value, None
    typed = value.value
    text = normalise(typed) if normalise else typed
    if not text.strip():
        return value, None
    rows = list(store.query(_query(), substitutions={ox.Variable("text"): ox.Literal(text)}))
    if not rows:
        term = ox.Literal(text)
        return term, (f"{name}={typed} read as {text}" if text != typed else None)
    best = min(int(r["rank"].value) for r in rows)
    if best == 0:
        return ox.Literal(text), (f"{name}={typed} read as {text}" if text != typed else None)
    labels = list(dict.fromkeys(r["label"].value for r in rows if int(r["rank"].value) == best))
    if len(labels) == 1:
        return ox.Literal(labels[0]), f"{name}={typed} read as {labels[0]}"
    shown = "、".join(labels[:8]) + (" …" if len(labels) > 8 else "")
    raise QueryError(f"no entity is named {text} ({name}); several names hold it",
                     hint=f"did you mean: {shown}? (give the whole name)")
