"""From an :class:`~kg.model.Extraction` to RDF: one named graph per article.

An article's graph holds (see the header of ``ontology/kg.ttl``):

* the article node: kg:fileName, dcterms:identifier, title, issued, source,
  channel, and its editors and authors as kg:Person entities;
* every entity it mentions (``kg:mentions``), typed with its category (and level
  class for divisions), labelled from ``Mention.labels`` (``rdfs:label`` = the
  canonical name, aliases as ``skos:altLabel``, all ``@zh``; a surface is
  evidence, not a name), divisions with their code and their
  chain of ``kg:partOf`` parents (each parent typed and labelled too);
* one kg:Mention per mention and, per relation, the direct triple
  head–predicate–tail plus a kg:Assertion reifying it: both are evidence,
  anchored in a kg:Sentence by offsets in the normalised and the original text;
* only the sentences that hold evidence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, TypeVar

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from kg.errors import ArticleError, OntologyError
from kg.model import (Article, label_form, Attribute, DivisionLevel, EntityKey, EntityType, Extraction, Figure,
                      Mention)
from kg.rdf.iri import (article_iri, assertion_iri, digest, entity_iri, graph_iri,
                        mention_iri, mint, normalise_name, sentence_iri)
from kg.rdf.vocab import ATTRIBUTES, CLASS_OF, KG, LEVEL_CLASS, PREFIXES, RELATIONS

ZH = "zh"
Triple = tuple[Node, Node, Node]


clean_label = label_form  # a name as a label, as :attr:`Mention.labels` makes them


G = TypeVar("G", bound=Graph)


def bind_prefixes(graph: G) -> G:
    """Bind kg's prefixes (``kg:``, ``division:``, ``article:`` ...) on ``graph``."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


@dataclass
class _Node:
    """What one article says about one entity, gathered before it is written."""

    types: dict[URIRef, None] = field(default_factory=dict)  # ordered set
    labels: dict[str, str] = field(default_factory=dict)  # normalised -> first spelling
    code: str | None = None

    def label(self, name: str) -> None:
        key = normalise_name(name)
        if key:
            self.labels.setdefault(key, clean_label(name))


class _Entities:
    """The entity nodes of one article, in order of first appearance."""

    def __init__(self) -> None:
        self.nodes: dict[URIRef, _Node] = {}
        self.part_of: dict[tuple[URIRef, URIRef], None] = {}

    def add(self, key: EntityKey, names: Iterable[str], *, level: DivisionLevel | None = None,
            code: str | None = None) -> URIRef:
        iri = entity_iri(key)
        node = self.nodes.setdefault(iri, _Node())
        node.types[CLASS_OF[key[0]]] = None
        if level is not None:
            node.types[LEVEL_CLASS[level]] = None
        node.code = node.code or code or None
        for name in names:
            node.label(name)
        return iri

    def add_mentioned(self, mentions: list[Mention]) -> URIRef:
        first = mentions[0]
        # Canonical names first (the first one becomes rdfs:label), then the aliases.
        names = [m.labels[0] for m in mentions if m.labels] + [n for m in mentions for n in m.labels]
        iri = self.add(first.key, names, code=first.code,
                       level=next((m.level for m in mentions if m.level), None))
        for m in mentions[1:]:  # a second level on one node is left for SHACL to flag
            if m.level:
                self.nodes[iri].types[LEVEL_CLASS[m.level]] = None
        parents = next((m.parents for m in mentions if m.parents), ())
        child = iri
        for i, (code, name, level) in enumerate(parents):  # nearest first
            # Key the parent exactly as a mention of it would be (Mention.key owns the rule).
            key = Mention(EntityType.DIVISION, name, name, 0, 0, 0, code=code or None,
                          level=level, parents=parents[i + 1:]).key
            parent = self.add(key, [name], level=level, code=code)
            self.part_of[(child, parent)] = None
            child = parent
        return iri

    def write(self, out: list[Triple]) -> None:
        for iri, node in self.nodes.items():
            for cls in node.types:
                out.append((iri, RDF.type, cls))
            for i, name in enumerate(node.labels.values()):
                out.append((iri, RDFS.label if i == 0 else SKOS.altLabel, Literal(name, lang=ZH)))
            if node.code:
                out.append((iri, KG.divisionCode, Literal(node.code)))
        for child, parent in self.part_of:
            out.append((child, KG.partOf, parent))


def _span(article: Article, start: int, end: int, sentence: int, what: str) -> tuple[int, int]:
    """Check an evidence span against the article; return its original-text range."""
    if not 0 <= start <= end <= len(article.text):
        raise ArticleError(f"{what} has offsets [{start}, {end}) outside the text "
                           f"(length {len(article.text)})", path=article.source,
                           hint="this is a bug in the extractor that produced it")
    if not 0 <= sentence < len(article.sentences):
        raise ArticleError(f"{what} is in sentence {sentence} but the article has "
                           f"{len(article.sentences)}", path=article.source,
                           hint="this is a bug in ingest or in the extractor that produced it")
    return article.offsets.span(start, end)


def _add_span(out: list[Triple], node: URIRef, start: int, end: int,
              original: tuple[int, int], shift: int) -> None:
    """``node``'s offsets: start and end always; its original range only where it is not
    the same range shifted as its sentence's (``shift``: the sentence's original start
    minus its start) -- a pinyin reading or markup inside the span, say.  The article
    is its sentence's (kg:inSentence/kg:inArticle).  Left out, the redundant triples
    were 19% of a graph (and of its store and its loading)."""
    out += [(node, KG.start, _integer(start)), (node, KG.end, _integer(end))]
    if original != (start + shift, end + shift):
        out += [(node, KG.originalStart, _integer(original[0])),
                (node, KG.originalEnd, _integer(original[1]))]


_INTEGERS: dict[int, Literal] = {}


def _integer(n: int) -> Literal:
    """``Literal(n)``, made once per value (offsets repeat from article to article, and
    rdflib's Literal constructor is a tenth of the cost of a graph)."""
    lit = _INTEGERS.get(n)
    if lit is None:
        lit = Literal(n)
        if len(_INTEGERS) < 100_000:
            _INTEGERS[n] = lit
    return lit


def original_span(graph: Graph, node: Node) -> tuple[int, int]:
    """The range of the text span ``node`` in its article's original text: its
    kg:originalStart and kg:originalEnd, else its start and end shifted as its
    sentence's (the ontology's rule; a sentence always states its own)."""
    start, end = graph.value(node, KG.originalStart), graph.value(node, KG.originalEnd)
    if start is not None and end is not None:
        return int(start), int(end)
    sentence = graph.value(node, KG.inSentence)
    if sentence is None:
        raise ValueError(f"{node} has no original offsets and no sentence to take them from")
    shift = int(graph.value(sentence, KG.originalStart)) - int(graph.value(sentence, KG.start))
    return int(graph.value(node, KG.start)) + shift, int(graph.value(node, KG.end)) + shift


class _Shifts(dict):
    """Sentence index -> its original start minus its start, from its original range
    (:attr:`originals`, computed once, when first asked: the sentence node states it)."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self.originals: dict[int, tuple[int, int]] = {}

    def original(self, index: int) -> tuple[int, int]:
        span = self.originals.get(index)
        if span is None:
            sentence = self.article.sentences[index]
            span = self.originals[index] = self.article.offsets.span(sentence.start, sentence.end)
        return span

    def __missing__(self, index: int) -> int:
        shift = self[index] = self.original(index)[0] - self.article.sentences[index].start
        return shift


def _add_article(out: list[Triple], art: URIRef, article: Article, entities: _Entities) -> None:
    meta = article.metadata
    out.append((art, RDF.type, KG.Article))
    out.append((art, KG.fileName, Literal(article.name)))
    out.append((art, DCTERMS.identifier, Literal(article.id)))
    if meta.title:
        out.append((art, DCTERMS.title, Literal(meta.title, lang=ZH)))
    if meta.published is not None:  # date -> xsd:date, datetime -> xsd:dateTime
        out.append((art, DCTERMS.issued, Literal(meta.published)))
    if meta.source:
        out.append((art, KG.sourceName, Literal(meta.source)))
    if meta.channel:
        out.append((art, KG.channel, Literal(">>".join(meta.channel))))
    for prop, names in ((KG.editor, meta.editors), (KG.author, meta.authors)):
        for name in names:
            if normalise_name(name):
                person = entities.add((EntityType.PERSON, name.strip()), [name])
                out.append((art, prop, person))
                out.append((art, KG.mentions, person))


def article_graph(extraction: Extraction) -> Graph:
    """The named graph of one article (identifier: :func:`~kg.rdf.iri.graph_iri`).

    Raises :class:`ArticleError` when a mention or relation does not fit the
    article (offsets, sentence, unknown entity) and :class:`OntologyError` for a
    relation predicate the ontology does not declare.
    """
    identifier, triples = article_triples(extraction)
    g = bind_prefixes(Graph(identifier=identifier))
    for triple in triples:
        g.add(triple)
    return g


def article_triples(extraction: Extraction) -> tuple[URIRef, list[Triple]]:
    """The named-graph IRI and the triples of :func:`article_graph` (no store involved)."""
    article = extraction.article
    aid = article.id
    out: list[Triple] = []
    art = article_iri(aid)
    entities = _Entities()
    _add_article(out, art, article, entities)
    sentences: set[int] = set()
    shift = _Shifts(article)

    for mentions in extraction.entities().values():
        out.append((art, KG.mentions, entities.add_mentioned(mentions)))

    for m in extraction.mentions:
        what = f"mention {m.surface!r} ({m.type.value})"
        original = _span(article, m.start, m.end, m.sentence, what)
        if article.text[m.start:m.end] != m.surface:
            raise ArticleError(f"{what} at [{m.start}, {m.end}) does not match the text there "
                               f"({article.text[m.start:m.end]!r})", path=article.source,
                               hint="a mention's surface must be Article.text[start:end]")
        node = mention_iri(aid, m)
        out += [(node, RDF.type, KG.Mention),
                (node, KG.refersTo, entity_iri(m.key)),
                (node, KG.inSentence, sentence_iri(aid, m.sentence)),
                (node, KG.surface, Literal(m.surface))]
        if m.extractor:
            out.append((node, KG.extractor, Literal(m.extractor)))
        _add_span(out, node, m.start, m.end, original, shift[m.sentence])
        sentences.add(m.sentence)

    for r in extraction.relations:
        prop = RELATIONS.get(r.predicate)
        if prop is None:
            raise OntologyError(f"relation predicate {r.predicate!r} is not in the ontology",
                                path=article.source,
                                hint=f"use one of {', '.join(RELATIONS)}, or declare it in "
                                     "ontology/kg.ttl, ontology/shapes.ttl and kg/rdf/vocab.py")
        what = f"relation {r.predicate} {r.head[1]!r} -> {r.tail[1]!r}"
        ends = []
        for key in (r.head, r.tail):
            iri = entity_iri(key)
            if iri not in entities.nodes:
                raise ArticleError(f"{what} names {key[0].value} {key[1]!r}, which the article "
                                   "does not mention", path=article.source,
                                   hint="a relation links entities that have mentions in the article")
            ends.append(iri)
        original = _span(article, r.start, r.end, r.sentence, what)
        head, tail = ends
        node = assertion_iri(aid, r)
        out += [(head, prop, tail),
                (node, RDF.type, KG.Assertion),
                (node, RDF.subject, head),
                (node, RDF.predicate, prop),
                (node, RDF.object, tail),
                (node, KG.inSentence, sentence_iri(aid, r.sentence))]
        if r.extractor:
            out.append((node, KG.extractor, Literal(r.extractor)))
        for name, value in r.qualifiers:  # post (holdsPost), year (a dated statement)
            if name == "post":
                out.append((node, KG.post, Literal(value)))
            elif name == "year":
                out.append((node, KG.year, Literal(value, datatype=XSD.gYear)))
        _add_span(out, node, r.start, r.end, original, shift[r.sentence])
        sentences.add(r.sentence)

    for a in extraction.attributes:
        sentences.add(_add_attribute(out, article, a, entities, shift))
    for f in extraction.figures:
        sentences.add(_add_figure(out, article, f, entities, shift))

    entities.write(out)
    for index in sorted(sentences):
        span = article.sentences[index]
        node = sentence_iri(aid, index)
        original = shift.original(index)
        out += [(node, RDF.type, KG.Sentence),
                (node, KG.index, _integer(index)),
                (node, KG.text, Literal(article.text[span.start:span.end])),
                (node, KG.inArticle, art),
                (node, KG.start, _integer(span.start)), (node, KG.end, _integer(span.end)),
                (node, KG.originalStart, _integer(original[0])),
                (node, KG.originalEnd, _integer(original[1]))]
    return graph_iri(aid), out


def _entity_node(key: EntityKey, entities: "_Entities", article: Article, what: str) -> URIRef:
    iri = entity_iri(key)
    if iri not in entities.nodes:
        raise ArticleError(f"{what} is about {key[0].value} {key[1]!r}, which the article does "
                           "not mention", path=article.source,
                           hint="a fact is about an entity that has a mention in the article")
    return iri


def _add_attribute(out: list[Triple], article: Article, a: Attribute, entities: "_Entities",
                   shift: "_Shifts") -> int:
    """``entity kg:since "2014"^^xsd:gYear`` and the kg:Assertion that evidences it."""
    prop = ATTRIBUTES.get(a.predicate)
    if prop is None:
        raise OntologyError(f"attribute {a.predicate!r} is not in the ontology", path=article.source,
                            hint=f"use one of {', '.join(ATTRIBUTES)}")
    what = f"attribute {a.predicate} {a.value!r}"
    head = _entity_node(a.head, entities, article, what)
    original = _span(article, a.start, a.end, a.sentence, what)
    value = Literal(a.value, datatype=XSD[a.datatype])
    aid = article.id
    node = mint("article", aid, f"a{a.start}-{a.end}-{a.predicate}-"
                                f"{digest(str(head) + '|' + a.value)}")
    out += [(head, prop, value), (node, RDF.type, KG.Assertion), (node, RDF.subject, head),
            (node, RDF.predicate, prop), (node, RDF.object, value),
            (node, KG.inSentence, sentence_iri(aid, a.sentence))]
    if a.extractor:
        out.append((node, KG.extractor, Literal(a.extractor)))
    _add_span(out, node, a.start, a.end, original, shift[a.sentence])
    return a.sentence


def _add_figure(out: list[Triple], article: Article, f: Figure, entities: "_Entities",
                shift: "_Shifts") -> int:
    """A kg:Figure node: value, unit, approximate, what it counts, and its span."""
    what = f"figure {f.surface!r}"
    about = _entity_node(f.about, entities, article, what)
    original = _span(article, f.start, f.end, f.sentence, what)
    aid = article.id
    node = mint("article", aid, f"f{f.start}-{f.end}-{digest(str(about))}")
    value = Literal(f.value) if isinstance(f.value, int) else Literal(Decimal(str(f.value)))
    out += [(node, RDF.type, KG.Figure), (node, KG.figureOf, about), (node, KG.value, value),
            (node, KG.unit, Literal(f.unit)), (node, KG.approximate, Literal(f.approximate)),
            (node, KG.surface, Literal(f.surface)),
            (node, KG.inSentence, sentence_iri(aid, f.sentence))]
    if f.counts:
        out.append((node, KG.counts, Literal(f.counts)))
    if f.extractor:
        out.append((node, KG.extractor, Literal(f.extractor)))
    _add_span(out, node, f.start, f.end, original, shift[f.sentence])
    return f.sentence


def new_dataset() -> Dataset:
    """An empty dataset for article graphs, prefixes bound; its default graph is the union."""
    return bind_prefixes(Dataset(default_union=True))


def add_article(dataset: Dataset, extraction: Extraction) -> URIRef:
    """Add one article's named graph to ``dataset``; return the graph's IRI.

    All checks run before anything is added, so a failing article (ArticleError,
    OntologyError) leaves ``dataset`` as it was: a corpus build can record the
    failure and go on.  This is the fast path: no intermediate graph.
    """
    identifier, triples = article_triples(extraction)
    _insert(dataset, identifier, triples, extraction.article.source)
    return identifier


def build_dataset(extractions: Iterable[Extraction]) -> Dataset:
    """One named graph per article (see :func:`add_article`)."""
    ds = new_dataset()
    for extraction in extractions:
        add_article(ds, extraction)
    return ds


def build_dataset_from_graphs(graphs: Iterable[Graph]) -> Dataset:
    """A dataset of already-built :func:`article_graph` results, one named graph each.

    About 1.8x slower than :func:`build_dataset`/:func:`add_article`, which skip
    the intermediate graphs.
    """
    ds = new_dataset()
    for g in graphs:
        _insert(ds, g.identifier, g, str(g.identifier))
    return ds


def _insert(ds: Dataset, identifier: URIRef, triples: Iterable[Triple], source: str) -> None:
    named = ds.graph(identifier)
    if len(named):
        raise ArticleError(f"two articles have the same id (named graph {identifier})",
                           path=source, hint="article ids are paths relative to the input "
                                             "folder; give each input folder once")
    named.addN((s, p, o, named) for s, p, o in triples)


def union_graph(dataset: Dataset) -> Graph:
    """All named graphs (and the default graph) merged into one graph: one node per entity."""
    union = bind_prefixes(Graph())
    for named in dataset.graphs():
        for triple in named:
            union.add(triple)
    return union


__all__ = ["article_graph", "article_triples", "new_dataset", "add_article", "build_dataset",
           "build_dataset_from_graphs", "union_graph", "bind_prefixes",
           "clean_label", "original_span"]
