"""RDF terms for people: parameters typed on the command line, values shown in a table."""
from __future__ import annotations

import re
import unicodedata
from typing import Mapping

import pyoxigraph as ox

from kg.errors import QueryError
from kg.rdf.vocab import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal
XSD = "http://www.w3.org/2001/XMLSchema#"

_NAME = re.compile(r"[A-Za-z_\u00C0-\uFFFF][0-9A-Za-z_\u00B7\u00C0-\uFFFF]*")
_LANG = re.compile(r'"(.*)"@([A-Za-z]+(?:-[A-Za-z0-9]+)*)', re.S)
_TYPED = re.compile(r'"(.*)"\^\^(?:<([^<>]*)>|([A-Za-z][\w-]*):([\w.-]*))', re.S)
_QUOTED = re.compile(r'"(.*)"', re.S)

PARAM_HELP = """\
--param NAME=VALUE binds the variable ?NAME of the query to one value (never
pasted into the query text):
  name=辽宁省                 a string (matches labels: saved queries compare STR())
  name=<https://w3id.org/kg/id/division/210000>   an IRI
  'name="辽宁省"@zh'          a language-tagged string
  'name="2022-03-10"^^xsd:date'   a typed literal (kg's prefixes and xsd: known)"""


def parse_param(spec: str) -> tuple[str, ox.NamedNode | ox.Literal]:
    """``"name=value"`` -> (name, term); see :data:`PARAM_HELP` for the value forms."""
    name, sep, value = spec.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _NAME.fullmatch(name):
        raise QueryError(f"bad parameter {spec!r}: expected NAME=VALUE, NAME a variable name "
                         "without ? (e.g. division=辽宁省)")
    return name, param_term(value)


def param_term(value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term (a plain string unless written as an IRI or literal)."""
    try:
        if value.startswith("<") and value.endswith(">") and len(value) > 2:
            return ox.NamedNode(value[1:-1])
        m = _LANG.fullmatch(value)
        if m:
            return ox.Literal(m.group(1), language=m.group(2))
        m = _TYPED.fullmatch(value)
        if m:
            if m.group(2) is not None:
                datatype = m.group(2)
            else:
                prefix = m.group(3)
                ns = XSD if prefix == "xsd" else PREFIXES.get(prefix)
                if ns is None:
                    raise QueryError(f"unknown prefix {prefix}: in the parameter value {value!r}",
                                     hint="write the datatype as a full IRI in <...>")
                datatype = ns + m.group(4)
            return ox.Literal(m.group(1), datatype=ox.NamedNode(datatype))
        m = _QUOTED.fullmatch(value)
        if m and len(value) >= 2:
            return ox.Literal(m.group(1))
    except ValueError as exc:  # pyoxigraph rejects a bad IRI or language tag
        raise QueryError(f"bad parameter value {value!r}: {exc}") from exc
    return ox.Literal(value)


def parse_params(specs: list[str] | None) -> dict[str, ox.NamedNode | ox.Literal]:
    out: dict[str, ox.NamedNode | ox.Literal] = {}
    for spec in specs or ():
        name, term = parse_param(spec)
        if name in out:
            raise QueryError(f"parameter {name} is given twice")
        out[name] = term
    return out


def compact(iri: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """``division:210115`` for an IRI under one of kg's prefixes, else ``<iri>``."""
    best = ""
    name = ""
    for prefix, ns in prefixes.items():
        if iri.startswith(ns) and len(ns) > len(best):
            local = iri[len(ns):]
            if re.fullmatch(r"[\w.-]*", local) and not local.endswith("."):
                best, name = ns, f"{prefix}:{local}"
    return name or f"<{iri}>"


def show(term: Term | None) -> str:
    """A term as a person reads it: compact IRIs, literal values without quotes."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters count two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, with … when cut; one line."""
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


__all__ = ["PARAM_HELP", "parse_param", "param_term", "parse_params", "compact", "show",
           "display_width", "clip"]
