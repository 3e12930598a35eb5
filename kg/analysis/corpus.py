"""What analysis and visualisation need from a graph, read once with kg's queries.

:func:`read_corpus` runs the queries of ``queries/*.rq`` on a loaded graph and
gathers plain records: entities (type, label, aliases, level, code), articles
(file, title, date), which article mentions which entity, the relation triples
with their evidence, and one evidence sentence per entity.  Everything
downstream (the networkx graphs, metrics, slogan diffusion, the HTML views)
works from a :class:`Corpus`, never from SPARQL again.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable

from rdflib import Graph

from kg.analysis.sparql import run
from kg.model import DivisionLevel, EntityType
from kg.rdf.vocab import CLASS_OF, KG, LEVEL_CLASS, RELATIONS

CATEGORY_OF = {str(iri): t.value for t, iri in CLASS_OF.items()}
LEVEL_OF = {str(iri): lvl.value for lvl, iri in LEVEL_CLASS.items()}
RELATION_NAMES = tuple(RELATIONS)  # partOf, runs, coOrganizes, belongsTo, promotes, holdsPost
TYPES = tuple(t.value for t in EntityType)
LEVELS = tuple(lvl.value for lvl in DivisionLevel)


@dataclass
class Evidence:
    """A sentence that supports something, and where it is."""

    sentence: str
    article: str  # article IRI
    start: int = 0


@dataclass
class Entity:
    iri: str
    type: str  # one of TYPES ("Entity" when the graph gave no category)
    label: str
    aliases: tuple[str, ...] = ()
    level: str | None = None  # divisions: Province ... Village
    code: str | None = None  # divisions: GB/T 2260 code
    mentions: int = 0  # kg:Mention records
    evidence: Evidence | None = None  # the first mention's sentence


@dataclass
class ArticleInfo:
    iri: str
    file: str
    id: str | None = None
    title: str | None = None
    issued: datetime | date | None = None
    source: str | None = None
    channel: str | None = None

    @property
    def day(self) -> date | None:
        """The publication date (without time), when known."""
        if isinstance(self.issued, datetime):
            return self.issued.date()
        return self.issued if isinstance(self.issued, date) else None

    @property
    def name(self) -> str:
        """How a reader recognises the article: its title, else its file name."""
        return self.title or self.file


@dataclass
class Relation:
    subject: str
    predicate: str  # local name: partOf, runs, ...
    object: str
    evidence: list[Evidence] = field(default_factory=list)
    posts: list[str] = field(default_factory=list)  # holdsPost: the titles stated (书记)


@dataclass
class Corpus:
    """Plain records of a built graph (see the module docstring)."""

    entities: dict[str, Entity]
    articles: dict[str, ArticleInfo]
    article_entities: dict[str, list[str]]  # article IRI -> entity IRIs it mentions (sorted)
    relations: list[Relation]
    undated_left_out: int = 0  # set by between(): undated articles a time filter dropped
    duplicates_left_out: int = 0  # reposts (kg:duplicateOf), counted once as their original
    period: tuple = (None, None)  # (since, until) of between()

    def entity_articles(self) -> dict[str, list[str]]:
        """entity IRI -> the articles that mention it (sorted)."""
        out: dict[str, list[str]] = defaultdict(list)
        for art, ents in self.article_entities.items():
            for e in ents:
                out[e].append(art)
        return {e: sorted(arts) for e, arts in out.items()}

    def by_type(self) -> Counter:
        return Counter(e.type for e in self.entities.values())

    def between(self, since: date | None = None, until: date | None = None) -> "Corpus":
        """The part of the corpus published from ``since`` to ``until`` (inclusive): its
        articles, the entities they mention, the relations they state (``partOf``
        between kept divisions stays).  With a bound given, undated articles are
        left out (:attr:`undated_left_out` says how many)."""
        if since is None and until is None:
            return self
        keep = {a for a, info in self.articles.items() if info.day is not None
                and (since is None or info.day >= since) and (until is None or info.day <= until)}
        article_entities = {a: ents for a, ents in self.article_entities.items() if a in keep}
        wanted = {e for ents in article_entities.values() for e in ents}
        relations = []
        for r in self.relations:
            evidence = [ev for ev in r.evidence if ev.article in keep]
            if evidence or (not r.evidence and r.subject in wanted and r.object in wanted):
                relations.append(Relation(r.subject, r.predicate, r.object, evidence,
                                          list(r.posts)))
        entities = {}
        for iri, e in self.entities.items():
            if iri in wanted:
                ev = e.evidence if e.evidence is None or e.evidence.article in keep else None
                entities[iri] = Entity(e.iri, e.type, e.label, e.aliases, e.level, e.code,
                                       e.mentions, ev)
        out = Corpus(entities=entities, articles={a: i for a, i in self.articles.items() if a in keep},
                     article_entities=article_entities, relations=relations)
        out.undated_left_out = sum(1 for i in self.articles.values() if i.day is None)
        out.period = (since, until)
        return out


def _first(values: Iterable[str | None]) -> str | None:
    """The preferred of several labels: the most specific reading order is lost in
    the union, so take the shortest, then the smallest, for a stable choice."""
    vals = sorted({v for v in values if v}, key=lambda v: (len(v), v))
    return vals[0] if vals else None


def read_corpus(graph: Graph) -> Corpus:
    """Read a loaded graph (:func:`kg.analysis.load_graph`) into a :class:`Corpus`."""
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    alts: dict[str, set[str]] = defaultdict(set)
    codes: dict[str, str] = {}
    for row in run(graph, "entities"):
        e = row["entity"]
        classes[e].add(row["class"])
        if row["label"]:
            labels[e].add(row["label"])
        if row["alt"]:
            alts[e].add(row["alt"])
        if row["code"]:
            codes[e] = row["code"]

    entities: dict[str, Entity] = {}
    for iri in sorted(classes):
        cats = sorted(CATEGORY_OF[c] for c in classes[iri] if c in CATEGORY_OF)
        levels = sorted(LEVEL_OF[c] for c in classes[iri] if c in LEVEL_OF)
        label = _first(labels[iri]) or _first(alts[iri]) or iri.rsplit("/", 1)[-1]
        aliases = tuple(sorted((labels[iri] | alts[iri]) - {label}))
        entities[iri] = Entity(iri=iri, type=cats[0] if cats else "Entity", label=label,
                               aliases=aliases, level=levels[0] if levels else None,
                               code=codes.get(iri))

    articles: dict[str, ArticleInfo] = {}
    reposts = set()
    for row in run(graph, "articles"):
        a = row["article"]
        if row.get("original"):  # the same story as another article: counted once
            reposts.add(a)
            continue
        if a in articles:  # a second title or date (should not happen): keep the first
            continue
        issued = row["issued"]
        articles[a] = ArticleInfo(iri=a, file=str(row["file"]), id=row["id"], title=row["title"],
                                  issued=issued if isinstance(issued, (date, datetime)) else None,
                                  source=row["source"], channel=row["channel"])

    mentioned: dict[str, set[str]] = defaultdict(set)
    for row in run(graph, "article_entities"):
        if row["entity"] in entities and row["article"] in articles:
            mentioned[row["article"]].add(row["entity"])
    article_entities = {a: sorted(mentioned.get(a, ())) for a in sorted(articles)}

    # Mentions: counts, and each entity's first evidence sentence (earliest
    # dated article first, then file name, then position).
    order = _article_order(articles)
    best: dict[str, tuple] = {}
    for row in run(graph, "mentions"):
        e = entities.get(row["entity"])
        if e is None:
            continue
        e.mentions += 1
        if row["sentence"] is None:
            continue
        key = (order.get(row["article"], len(order)), int(row["start"]))
        if e.iri not in best or key < best[e.iri][0]:
            best[e.iri] = (key, Evidence(row["sentence"], row["article"], int(row["start"])))
    for iri, (_, ev) in best.items():
        entities[iri].evidence = ev

    relations: dict[tuple[str, str, str], Relation] = {}
    for name in RELATION_NAMES:
        for row in run(graph, "relations", {"predicate": KG[name]}):
            s, o = row["subject"], row["object"]
            if s in entities and o in entities:
                relations[(s, name, o)] = Relation(s, name, o)
    for row in run(graph, "assertions"):
        name = row["predicate"].rsplit("#", 1)[-1]
        rel = relations.get((row["subject"], name, row["object"]))
        if rel is not None and row.get("post") and row["post"] not in rel.posts:
            rel.posts.append(row["post"])
        if rel is not None and row["sentence"]:
            rel.evidence.append(Evidence(row["sentence"], row["article"], int(row["start"])))
    for rel in relations.values():
        rel.evidence.sort(key=lambda ev: (order.get(ev.article, len(order)), ev.start))
        rel.posts.sort()
    corpus = Corpus(entities=entities, articles=articles, article_entities=article_entities,
                    relations=sorted(relations.values(),
                                     key=lambda r: (r.predicate, r.subject, r.object)))
    corpus.duplicates_left_out = len(reposts - set(articles))
    return corpus


def _article_order(articles: dict[str, ArticleInfo]) -> dict[str, int]:
    """Articles ranked: dated ones by date, then undated ones, file name breaking ties."""
    ranked = sorted(articles.values(),
                    key=lambda a: (a.day is None, a.day or date.min, a.file, a.iri))
    return {a.iri: i for i, a in enumerate(ranked)}


__all__ = ["Corpus", "Entity", "ArticleInfo", "Relation", "Evidence", "read_corpus",
           "TYPES", "LEVELS", "RELATION_NAMES"]
