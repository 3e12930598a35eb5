"""Writing query results: an aligned table for people, and the SPARQL 1.1 result
formats (JSON, CSV, TSV, XML) and RDF syntaxes (Turtle, N-Triples, RDF/XML,
JSON-LD) for programs.

The standard formats follow the W3C recommendations exactly (the tests read
them back with pyoxigraph's parsers); kg adds nothing to them.  Whether a
result was cut at the row limit travels beside them (the table's footer, an
HTTP header of ``kg serve``), never inside.
"""
from __future__ import annotations

import csv
import io
import json
import re
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query.engine import QueryResult
from kg.query.terms import clip, display_width, show
from kg.rdf.vocab import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# format name -> media type
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
_RDF_FORMAT = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}


# -- for people -------------------------------------------------------------------------------

def table(result: QueryResult, *, max_width: int | None = 60) -> str:
    """An aligned text table (CJK characters count two columns), with a row count."""
    if result.form == "ASK":
        return "true" if result.boolean else "false"
    if result.is_graph:
        return turtle(result.triples)
    head = list(result.variables)
    cells = [[show(t) for t in row] for row in result.rows]
    if max_width:
        cells = [[clip(c, max_width) for c in row] for row in cells]
    else:
        cells = [[" ".join(c.split()) for c in row] for row in cells]
    widths = [display_width(h) for h in head]
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], display_width(c))

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (widths[i] - display_width(v))
                         for i, v in enumerate(values)).rstrip()

    out = [line(head), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    n = len(result.rows)
    footer = f"({n:,} row{'s' if n != 1 else ''}"
    if result.truncated:
        footer += f"; cut at {n:,}: there are more"
    out.append(footer + ")")
    return "\n".join(out)


# -- SPARQL 1.1 query results -----------------------------------------------------------------

def serialize(result: QueryResult, fmt: str) -> bytes:
    """``result`` in a result format (json, xml, csv, tsv) or, for graphs, an RDF syntax."""
    if result.is_graph:
        if fmt not in _RDF_FORMAT:
            fmt = "turtle"
        return graph_bytes(result.triples, fmt)
    if fmt == "json":
        return to_json(result).encode("utf-8")
    if fmt == "xml":
        return to_xml(result).encode("utf-8")
    if fmt == "csv":
        return to_csv(result).encode("utf-8")
    if fmt == "tsv":
        return to_tsv(result).encode("utf-8")
    raise QueryError(f"unknown result format {fmt!r}", hint="use json, xml, csv or tsv")


def _json_term(t: Term) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value != XSD_STRING:
        out["datatype"] = t.datatype.value
    return out


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.form == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False)


# One rule for the byte-order mark, stated in kg analyze --help, kg query --help and
# the README alike (tests/query/test_formats.py holds them to this text).
CSV_BOM = "\ufeff"
CSV_RULE = ("CSV files kg writes for people (kg analyze, kg query --format csv) are UTF-8 "
            "with a byte-order mark, so that Excel reads the Chinese right; pandas "
            "(encoding='utf-8-sig'), R and LibreOffice skip it. The endpoint's text/csv "
            "has none (the W3C format).")

# A cell a spreadsheet would run as a formula: =HYPERLINK(…), +cmd|…, -2+3, @SUM(…).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")


def spreadsheet_cell(value):
    """``value`` made safe to open in a spreadsheet: text that starts like a formula
    gets a leading ``'`` (which spreadsheets hide and read as "this is text");
    numbers, and text that could not run, are returned unchanged.

    Article text is untrusted: a scraped page can hold ``=HYPERLINK("http://…")``
    and kg must not turn it into a live formula in the analyst's Excel.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def to_csv(result: QueryResult, *, spreadsheet: bool = False) -> str:
    """SPARQL 1.1 Query Results CSV: plain values (IRIs bare, literals without quotes).

    ``spreadsheet=True`` guards cells against formula injection
    (:func:`spreadsheet_cell`); the HTTP endpoint keeps the W3C format as it is.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.form == "ASK":  # not in the recommendation; as Oxigraph writes it
        return "true" if result.boolean else "false"
    cell = spreadsheet_cell if spreadsheet else (lambda v: v)
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else
                         cell(f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value)
                         for t in row])
    return buf.getvalue()


def _tsv_term(t: Term | None) -> str:
    return "" if t is None else str(t)  # N-Triples syntax: tabs and newlines escaped


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: terms in N-Triples syntax."""
    if result.form == "ASK":  # not in the recommendation; as Oxigraph writes (and reads) it
        return "true" if result.boolean else "false"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.form == "ASK":
        out += ["</head>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>",
                "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out += ["</head>", "<results>"]
    for row in result.rows:
        out.append("<result>")
        for v, t in zip(result.variables, row):
            if t is None:
                continue
            if isinstance(t, ox.NamedNode):
                body = f"<uri>{escape(t.value)}</uri>"
            elif isinstance(t, ox.BlankNode):
                body = f"<bnode>{escape(t.value)}</bnode>"
            elif t.language:
                body = f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
            elif t.datatype.value != XSD_STRING:
                body = f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
            else:
                body = f"<literal>{escape(t.value)}</literal>"
            out.append(f"<binding name={quoteattr(v)}>{body}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


# -- graphs -------------------------------------------------------------------------------------

def graph_bytes(triples: list[ox.Triple], fmt: str = "turtle") -> bytes:
    kwargs = {"prefixes": used_prefixes(triples)} if fmt in ("turtle", "rdfxml") else {}
    return ox.serialize(triples, format=_RDF_FORMAT[fmt], **kwargs) or b""


def used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    """kg's prefixes that some IRI of ``triples`` starts with."""
    iris = {t.value for tr in triples for t in (tr.subject, tr.predicate, tr.object)
            if isinstance(t, ox.NamedNode)}
    iris |= {tr.object.datatype.value for tr in triples
             if isinstance(tr.object, ox.Literal) and not tr.object.language}
    return {p: ns for p, ns in PREFIXES.items() if any(i.startswith(ns) for i in iris)}


def turtle(triples: list[ox.Triple]) -> str:
    """Triples as Turtle with kg's prefixes."""
    return graph_bytes(triples, "turtle").decode("utf-8")


__all__ = ["RESULT_TYPES", "GRAPH_TYPES", "table", "serialize", "to_json", "to_csv", "to_tsv",
           "spreadsheet_cell",
           "to_xml", "graph_bytes", "turtle"]
