"""Reading SPARQL before running it: its form and variables, SERVICE and updates,
parameters bound safely, and syntax errors with a line and a column.

Two parsers are involved.  pyoxigraph runs the queries; rdflib's SPARQL parser
gives kg a syntax tree to look at (pyoxigraph exposes none), and a small lexer
(strings, IRIs and comments skipped) finds token positions.

Binding parameters never pastes user text into a query:

* on a local store, a SELECT that projects the parameter's variable gets it
  through pyoxigraph's ``substitutions`` (the engine binds the value);
* otherwise (ASK, CONSTRUCT, DESCRIBE, a variable that is not projected, a
  remote endpoint, which only takes query text) :func:`bind_values` adds a
  ``VALUES`` block as the first element of the WHERE group.  The values are RDF
  terms serialised by pyoxigraph (N-Triples syntax: quotes and backslashes
  escaped), and the result is parsed again and must be the original syntax tree
  plus exactly that VALUES block with exactly those terms; anything else is
  refused.  A value like ``"} ; DROP ALL ; {`` stays one string literal.
"""
from __future__ import annotations

import concurrent.futures as futures
import functools
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Iterator, Mapping, ParamSpec, TypeVar

import pyoxigraph as ox
from rdflib import Literal as RLiteral
from rdflib import URIRef, Variable
from rdflib.namespace import XSD
from rdflib.plugins.sparql.parserutils import CompValue

from kg.errors import QueryError
from kg.rdf.vocab import PREFIXES

Term = ox.NamedNode | ox.Literal
P = ParamSpec("P")
R = TypeVar("R")
FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")

# -- lexer -------------------------------------------------------------------------------------

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}
               |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][^\s(){}\[\],;.!=<>+\-*/|^"'#&]+)
  | (?P<word>[^\s(){}\[\],;!=<>+*/|^"'#&?$]+)
  | (?P<punct>[{}()\[\]])
  | (?P<other>.)
""", re.X | re.S)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words


def tokens(text: str) -> Iterator[Token]:
    """The tokens of a SPARQL text, without white space and comments.

    Coarse but safe for what kg needs: strings, IRIs and comments are single
    tokens (so a brace or a keyword inside them is never seen), braces and
    parentheses are their own tokens.  An unterminated string is one ``other``
    token per character, which only makes the query fail to parse later.
    """
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield Token(kind, m.group(), m.start(), m.end())


def uses_service_keyword(text: str) -> bool:
    """True when the keyword SERVICE occurs as a token (not in a string, IRI or comment)."""
    return any(t.is_word("SERVICE") for t in tokens(text))


def declared_prefixes(text: str) -> set[str]:
    """The prefixes a query declares in its prologue (``PREFIX kg: <...>`` -> ``kg``)."""
    out, toks = set(), list(tokens(text))
    for i, t in enumerate(toks[:-1]):
        if t.is_word("PREFIX") and toks[i + 1].kind == "word" and toks[i + 1].text.endswith(":"):
            out.add(toks[i + 1].text[:-1])
    return out


def with_prefixes(text: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """``text`` with kg's prefixes declared (those it does not declare itself), for servers
    that do not predeclare them.  The declarations go on the first line, so the line numbers
    of the query are unchanged."""
    own = declared_prefixes(text)
    extra = " ".join(f"PREFIX {p}: <{ns}>" for p, ns in prefixes.items() if p not in own)
    return f"{extra} {text}" if extra else text


# -- the syntax tree (rdflib) -------------------------------------------------------------------

# rdflib's parser (pyparsing) runs in one thread of its own.  pyparsing's caches are not
# thread-safe (kg serve parses in many threads), and the exceptions it raises and catches
# by the thousand leave reference cycles holding their frames; a frame holds the frames
# that called it, so the caller's locals (an open store, a pyoxigraph result) would live
# until the next garbage collection, on whatever thread it runs.  In a thread of its own,
# those cycles hold only the parser thread's frames.
_PARSER = futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-sparql-parser")
_PARSER_THREAD: list[threading.Thread] = []


def _in_parser_thread(fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        if threading.current_thread() in _PARSER_THREAD:
            return fn(*args, **kwargs)
        return _PARSER.submit(_mark_and_call, fn, args, kwargs).result()
    return run


def _mark_and_call(fn, args, kwargs):
    if not _PARSER_THREAD:
        _PARSER_THREAD.append(threading.current_thread())
    return fn(*args, **kwargs)


@dataclass(frozen=True)
class Shape:
    """What a query is, read from its syntax tree."""

    form: str                      # SELECT, CONSTRUCT, ASK or DESCRIBE
    projected: tuple[str, ...]     # SELECT: the result variables (SELECT * expanded)
    variables: frozenset[str]      # every variable named anywhere in the query
    service: bool                  # has a SERVICE clause (federated query)


class Unparsed(Exception):
    """rdflib could not parse the text (pyoxigraph may still run it)."""


def _parse(text: str):
    """rdflib's syntax tree of ``text`` (a new one each time: rdflib's translation changes
    trees in place)."""
    from rdflib.plugins.sparql.parser import parseQuery
    try:
        return parseQuery(text)
    except Exception as exc:  # pyparsing raises ParseException and friends
        raise Unparsed(str(exc)) from exc


@lru_cache(maxsize=256)
@_in_parser_thread
def shape(text: str) -> Shape:
    """The form, variables and SERVICE use of a query; raises :class:`Unparsed`."""
    from rdflib.plugins.sparql.algebra import translateQuery
    tree = _parse(text)
    query = tree[1]
    form = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "AskQuery": "ASK",
            "DescribeQuery": "DESCRIBE"}.get(query.name)
    if form is None:
        raise Unparsed(f"not a query: {query.name}")
    variables = frozenset(str(v) for v in _walk(tree) if isinstance(v, Variable))
    service = any(isinstance(n, CompValue) and n.name == "ServiceGraphPattern" for n in _walk(tree))
    projected: tuple[str, ...] = ()
    if form == "SELECT":
        try:
            algebra = translateQuery(tree, initNs=PREFIXES).algebra
            projected = tuple(str(v) for v in algebra.get("PV", ()))
        except Exception as exc:  # unknown prefix and the like
            raise Unparsed(str(exc)) from exc
    return Shape(form, projected, variables, service)


def _walk(node: Any) -> Iterator[Any]:
    """Every node of an rdflib parse tree (CompValues, lists, terms), depth first."""
    stack = [node]
    seen = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        yield n
        if isinstance(n, dict):  # CompValue is an OrderedDict
            stack.extend(n.values())
        elif isinstance(n, (list, tuple)) or type(n).__name__ == "ParseResults":
            stack.extend(list(n))


@_in_parser_thread
def is_update(text: str) -> bool:
    """True when ``text`` parses as a SPARQL Update (INSERT, DELETE, LOAD, DROP ...)."""
    from rdflib.plugins.sparql.parser import parseUpdate
    try:
        parseUpdate(text)
        return True
    except Exception:
        pass
    # rdflib cannot parse every update; any update keyword as a token at the top level of a
    # text that is not a query is one too.
    words = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
    for t in tokens(text):
        if t.kind == "word":
            upper = t.text.upper()
            if upper in FORMS:
                return False
            if upper in words:
                return True
    return False


# -- binding parameters through the syntax tree ------------------------------------------------

@_in_parser_thread
def bind_values(text: str, bindings: Mapping[str, Term]) -> str:
    """The query with ``VALUES (?a ?b) { (term term) }`` as the first element of its WHERE
    group, checked by parsing (see the module docstring).  Raises :class:`QueryError` when
    the query has no WHERE group to bind in, or the check fails."""
    if not bindings:
        return text
    names = list(bindings)
    try:
        before = _parse(text)
    except Unparsed as exc:
        raise QueryError(f"kg cannot bind parameters in this query: its parser says {exc}",
                         hint="write the value into the query yourself, or simplify it") from exc
    at = _where_body(text)
    block = (" VALUES (" + " ".join(f"?{n}" for n in names) + ") { ("
             + " ".join(_term_text(bindings[n]) for n in names) + ") } ")
    bound = text[:at] + block + text[at:]
    try:
        after = _parse(bound)
    except Unparsed as exc:
        raise QueryError("kg could not bind the parameters safely (the bound query does not "
                         f"parse: {exc})", hint="report this as a bug in kg") from exc
    if not _same_plus_values(before, after, names, [bindings[n] for n in names]):
        raise QueryError("kg could not bind the parameters safely (the bound query is not the "
                         "original plus the values)", hint="report this as a bug in kg")
    return bound


def _term_text(term: Term) -> str:
    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise QueryError(f"a parameter must be an IRI or a literal, not {term!r}")
    return str(term)  # N-Triples syntax, escaped by pyoxigraph


def _where_body(text: str) -> int:
    """The offset just after the opening brace of the query's WHERE group."""
    toks = list(tokens(text))
    i = next((k for k, t in enumerate(toks) if t.is_word(*FORMS)), None)
    if i is None:
        raise QueryError("no SELECT, CONSTRUCT, ASK or DESCRIBE in the query")
    form = toks[i].text.upper()
    k = i + 1
    if form == "CONSTRUCT" and k < len(toks) and toks[k].text == "{":
        k = _skip_group(toks, k)  # the template
    depth = 0
    while k < len(toks):
        t = toks[k]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
        elif t.text == "{" and depth == 0:
            if k + 1 < len(toks) and toks[k + 1].is_word("SELECT"):
                raise QueryError("kg cannot bind parameters when the WHERE clause is a single "
                                 "sub-query", hint="wrap it in a group: WHERE { { SELECT ... } }")
            return t.end
        k += 1
    raise QueryError("the query has no WHERE clause to bind parameters in",
                     hint="parameters bind variables of the WHERE clause")


def _skip_group(toks: list[Token], k: int) -> int:
    depth = 0
    while k < len(toks):
        if toks[k].text == "{":
            depth += 1
        elif toks[k].text == "}":
            depth -= 1
            if depth == 0:
                return k + 1
        k += 1
    return k


def _same_plus_values(before, after, names: list[str], terms: list[Term]) -> bool:
    """``after`` is ``before`` with one InlineData of ``names`` = ``terms`` first in WHERE."""
    try:
        where = after[1]["where"]
        parts = where["part"]
        first = parts[0]
        if first.name != "InlineData" or [str(v) for v in first["var"]] != names:
            return False
        rows = first["value"]
        if len(rows) != 1 or len(rows[0]) != len(terms):
            return False
        if any(_rdflib_value(v) != _rdflib_term(t) for v, t in zip(rows[0], terms)):
            return False
        del parts[0]
        if not parts:
            del where["part"]
        same = repr(after) == repr(before)
    except (KeyError, IndexError, TypeError, AttributeError):
        return False
    return same


def _rdflib_value(value: Any):
    if isinstance(value, CompValue) and value.name == "literal":
        lang = value["lang"] if "lang" in value else None
        datatype = value["datatype"] if "datatype" in value else None
        return RLiteral(str(value["string"]), lang=lang, datatype=datatype)
    return value


def _rdflib_term(term: Term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return RLiteral(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return RLiteral(term.value)
    return RLiteral(term.value, datatype=URIRef(term.datatype.value))


# -- syntax errors -------------------------------------------------------------------------------

_AT = re.compile(r"error at (\d+):(\d+): ?(.*)", re.S)


def syntax_error(text: str, exc: Exception, *, path: str | None = None) -> QueryError:
    """A :class:`QueryError` for pyoxigraph's syntax error, with line, column and the line
    itself under a caret.  The position is the earlier of pyoxigraph's and rdflib's (each
    parser reports some mistakes later than the other)."""
    message = str(exc)
    m = _AT.match(message)
    line, column, detail = (int(m.group(1)), int(m.group(2)), m.group(3).strip()) if m \
        else (None, None, message)
    detail = detail.splitlines()[0] if detail else "syntax error"
    if len(detail) > 160:
        detail = detail[:157] + "…"
    other = _rdflib_position(text)
    if other is not None:
        o_line, o_col, o_found = other
        if line is None or (o_line, o_col) < (line, column):
            line, column = o_line, o_col
            if o_found.startswith("undeclared prefix"):
                detail = o_found
            elif o_found:
                detail = f"unexpected {o_found}; {detail}"
    if line is None:
        return QueryError(f"syntax error: {detail}", path=path,
                          hint="kg's prefixes (kg:, rdfs:, dcterms: ...) are predeclared")
    lines = text.splitlines() or [""]
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    from kg.query.terms import display_width
    caret = " " * display_width(shown[:max(column, 1) - 1]) + "^"
    return QueryError(f"syntax error at line {line}, column {column}: {detail}\n"
                      f"    {shown}\n    {caret}", path=path, line=line,
                      hint="kg's prefixes (kg:, rdfs:, dcterms: ...) are predeclared")


@_in_parser_thread
def _rdflib_position(text: str) -> tuple[int, int, str] | None:
    from rdflib.plugins.sparql.parser import parseQuery
    try:
        tree = parseQuery(text)
    except Exception as exc:
        line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
        if line is None or col is None:
            return None
        found = re.search(r"found (.+?)\s+\(at char", str(exc))
        return int(line), int(col), found.group(1) if found else ""
    # parsed: maybe an unknown prefix, which only translation notices
    from rdflib.plugins.sparql.algebra import translateQuery
    try:
        translateQuery(tree, initNs=PREFIXES)
    except Exception as exc:
        m = re.search(r"Unknown namespace prefix : (\S*)", str(exc))
        if m:
            for t in tokens(text):
                if t.kind == "word" and t.text.startswith(f"{m.group(1)}:"):
                    line = text.count("\n", 0, t.start) + 1
                    col = t.start - (text.rfind("\n", 0, t.start) + 1) + 1
                    return line, col, f"undeclared prefix {m.group(1)}:"
    return None


__all__ = ["Shape", "Unparsed", "Token", "tokens", "shape", "is_update", "bind_values",
           "uses_service_keyword", "declared_prefixes", "with_prefixes", "syntax_error", "FORMS"]
