"""What the graph says about one node: the data of an entity page of ``kg serve``.

:func:`describe` runs the queries of ``kg/query/entity/*.rq`` with ``?node`` bound
to the IRI and returns an :class:`EntityView`: names and types, the divisions the
node lies in, every relation (both ways) with the sentence and article that state
it, the figures claimed about it, and the articles that mention it (for an article:
what it mentions).  :func:`neighbourhood` is the small graph drawn on the page.
:func:`describe_rdf` is the node as triples, for a client that asks for Turtle.

Every list is cut at ``limit`` rows (a national leader is named in every article);
``EntityView.cut`` names the lists that were cut, and the page says so.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox

from kg.query.engine import QueryResult, run_query
from kg.rdf.vocab import KG

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT_LABEL = "http://www.w3.org/2004/02/skos/core#altLabel"
CATEGORIES = ("AdministrativeDivision", "Organization", "LectureGroup", "Programme", "Slogan",
              "Person", "Article")
LIMIT = 500


@lru_cache(maxsize=None)
def _text(name: str) -> str:
    return resources.files("kg.query").joinpath("entity", f"{name}.rq").read_text("utf-8")


def _run(store: ox.Store, name: str, iri: str, limit: int | None) -> QueryResult:
    return run_query(store, _text(name), {"node": ox.NamedNode(iri)}, max_rows=limit)


def _value(term) -> str:
    return "" if term is None else term.value


@dataclass(frozen=True)
class Fact:
    """One relation of the node; ``direction`` "out" when the node is its subject."""

    direction: str
    relation: str
    other: str
    other_label: str
    other_type: str
    post: str = ""
    sentence: str = ""
    article: str = ""
    file: str = ""
    issued: str = ""


@dataclass(frozen=True)
class Claim:
    value: str
    unit: str
    approximate: bool
    counts: str
    sentence: str
    article: str
    file: str
    issued: str


@dataclass(frozen=True)
class Source:
    article: str
    file: str
    title: str
    issued: str
    times: int


@dataclass(frozen=True)
class Named:
    """A node in a list: its IRI, label and category (local name of its kg class)."""

    iri: str
    label: str
    category: str
    code: str = ""


@dataclass(frozen=True)
class EntityView:
    iri: str
    labels: tuple[str, ...]
    aliases: tuple[str, ...]
    types: tuple[str, ...]             # local names of the node's kg classes
    values: tuple[tuple[str, str], ...]  # other literal values: (property IRI, value)
    within: tuple[Named, ...] = ()
    facts: tuple[Fact, ...] = ()
    figures: tuple[Claim, ...] = ()
    sources: tuple[Source, ...] = ()
    mentioned: tuple[Named, ...] = ()  # an article's entities
    cut: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        if self.labels or self.aliases:
            return (self.labels or self.aliases)[0]
        return self.value("title") or self.value("fileName") or self.iri.rsplit("/", 1)[-1]

    @property
    def category(self) -> str:
        """The node's category (the first of :data:`CATEGORIES` among its types), or ''."""
        return next((c for c in CATEGORIES if c in self.types), "")

    def value(self, local: str) -> str:
        """The first literal value of ``kg:``/``dcterms:`` property ``local`` ('' if none)."""
        return next((v for p, v in self.values if local_name(p) == local), "")


def local_name(iri: str) -> str:
    """The local name of an IRI: after its '#', else after its last '/'."""
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def describe(store: ox.Store, iri: str, *, limit: int = LIMIT) -> EntityView | None:
    """What the graph says of ``iri``, or None when it says nothing."""
    names = _run(store, "names", iri, None)
    if not names.rows:
        return None
    labels, aliases, types, values = [], [], [], []
    for _, prop, value in names.rows:
        p = prop.value
        if p == RDF_TYPE:
            if value.value.startswith(str(KG)):
                types.append(local_name(value.value))
        elif p == LABEL:
            labels.append(value.value)
        elif p == ALT_LABEL:
            aliases.append(value.value)
        else:
            values.append((p, value.value))
    cut = []

    def rows(name):
        result = _run(store, name, iri, limit)
        if result.truncated:
            cut.append(name)
        return [dict(zip(result.variables, row)) for row in result.rows]

    within = tuple(Named(_value(r["division"]), _value(r["label"]), "AdministrativeDivision",
                         _value(r["code"])) for r in rows("within"))
    facts = tuple(_facts(rows("relations"), rows("evidence")))
    figures = tuple(Claim(_value(r["value"]), _value(r["unit"]),
                          _value(r["approximate"]) == "true", _value(r["counts"]),
                          _value(r["sentence"]), _value(r["article"]), _value(r["file"]),
                          _value(r["issued"])) for r in rows("figures"))
    times = {r["article"].value: int(r["times"].value)
             for r in rows("times") if r["article"] is not None}
    sources = tuple(Source(_value(r["article"]), _value(r["file"]), _value(r["title"]),
                           _value(r["issued"]), times.get(_value(r["article"]), 0))
                    for r in rows("articles"))
    mentioned = ()
    if "Article" in types:
        mentioned = tuple(Named(_value(r["entity"]), _value(r["label"]),
                                local_name(_value(r["type"])) if r["type"] else "")
                          for r in rows("mentioned"))
    return EntityView(iri, tuple(labels), tuple(aliases), tuple(types), tuple(values),
                      within, facts, figures, sources, mentioned, tuple(cut))


def _facts(facts: list[dict], evidence: list[dict]) -> list[Fact]:
    """One :class:`Fact` per sentence that states a fact, or per fact that has none."""
    stated: dict[tuple[str, str, str], list[dict]] = {}
    for r in evidence:
        key = (_value(r["direction"]), local_name(_value(r["relation"])), _value(r["other"]))
        stated.setdefault(key, []).append(r)
    out, seen = [], set()
    for r in facts:
        direction, relation = _value(r["direction"]), local_name(_value(r["relation"]))
        other = _value(r["other"])
        label = _value(r["otherLabel"])
        kind = local_name(_value(r["otherType"])) if r["otherType"] else ""
        for e in stated.get((direction, relation, other)) or [None]:
            fact = Fact(direction, relation, other, label, kind) if e is None else Fact(
                direction, relation, other, label, kind, _value(e["post"]),
                _value(e["sentence"]), _value(e["article"]), _value(e["file"]),
                _value(e["issued"]))
            if fact not in seen:
                seen.add(fact)
                out.append(fact)
    return out


def neighbourhood(view: EntityView, limit: int = 24
                  ) -> list[tuple[Named, tuple[tuple[str, str], ...]]]:
    """The node's neighbours for the page's small graph: (neighbour, its (relation,
    direction) pairs), one entry per neighbour, the most attested first, at most ``limit``."""
    count: dict[str, int] = {}
    links: dict[str, dict[tuple[str, str], None]] = {}
    named: dict[str, Named] = {}
    for f in view.facts:
        if f.relation in ("editor", "author", "duplicateOf") and not f.other_label:
            continue
        count[f.other] = count.get(f.other, 0) + 1
        links.setdefault(f.other, {})[(f.relation, f.direction)] = None
        named.setdefault(f.other, Named(f.other, f.other_label or local_name(f.other),
                                        f.other_type))
    ranked = sorted(count, key=lambda o: (-count[o], named[o].label, o))
    return [(named[o], tuple(links[o])) for o in ranked[:limit]]


def search(store: ox.Store, text: str, *, limit: int = 100) -> list[tuple[Named, int]]:
    """Entities whose label or alias is ``text`` (rank 0), starts with it (1) or holds it
    (2), the closest first: the search box of kg serve (``text`` already normalised)."""
    if not text.strip():
        return []
    result = run_query(store, _text("search"), {"text": ox.Literal(text)}, max_rows=limit)
    out = []
    for r in result.rows:
        r = dict(zip(result.variables, r))
        out.append((Named(r["node"].value, _value(r["label"]),
                          local_name(r["type"].value) if r["type"] else ""), int(r["rank"].value)))
    return out


def describe_rdf(store: ox.Store, iri: str, *, limit: int = 10_000) -> QueryResult:
    """The node as triples (its own, and the facts that point at it)."""
    return _run(store, "describe", iri, limit)


__all__ = ["EntityView", "Fact", "Claim", "Source", "Named", "describe", "describe_rdf",
           "neighbourhood", "search", "local_name", "CATEGORIES"]
