"""The one place kg makes IRIs.  Same input, same IRI: on every run and machine.

Scheme (base ``https://w3id.org/kg/id/``)::

    entities   {base}{kind}/{slug}
               kind  division | organization | lecture-group | programme | slogan | person
               slug  a division's GB/T 2260 code (6 or 12 digits), otherwise
                     sha256(normalise_name(key))[:16], key being Mention.key's
                     name part (a canonical name, "{parent code}/{name}" for an
                     uncoded division, "{article id}#{name}" for a scoped name)
    articles   {base}article/{h}            h = sha256(NFC(article id))[:16]
    graphs     {base}graph/{h}              the article's named graph
    in-article {base}article/{h}/{part}     s{index}                          sentence
                                            m{start}-{end}-{kind}-{slug}      mention
                                            r{start}-{end}-{predicate}-{h16}  assertion

Entity slugs hash a *normalised* name (NFKC, quotes, book-title marks and all
white space removed) so that “理论超市”, 《理论超市》 and 理论 超市 are one node.
Article ids are hashed exactly (NFC only): two files are never one article.
Mentions and assertions are named by offsets and what they point to, never by
list position, so rebuilding or reordering extractors keeps their IRIs.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from kg.model import EntityKey, EntityType, Mention, Relation
from kg.rdf.vocab import ID_BASE

KIND_OF: dict[EntityType, str] = {
    EntityType.DIVISION: "division",
    EntityType.ORGANIZATION: "organization",
    EntityType.LECTURE_GROUP: "lecture-group",
    EntityType.PROGRAMME: "programme",
    EntityType.SLOGAN: "slogan",
    EntityType.PERSON: "person",
}
"""The IRI path segment of each entity type."""

ARTICLE_KINDS = ("article", "graph")
KINDS = (*KIND_OF.values(), *ARTICLE_KINDS)

# Quotation and book-title marks and white space: not part of a name (GUIDELINE.md).
QUOTES = frozenset("“”‘’\"'《》〈〉「」『』")
_CODE = re.compile(r"[0-9]{6}(?:[0-9]{6})?")
_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def normalise_name(name: str) -> str:
    """NFKC, without quotes, book-title marks or white space: the identity of a name."""
    text = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in text if ch not in QUOTES and not ch.isspace())


def digest(text: str) -> str:
    """The first 16 hex digits of the SHA-256 of ``text`` (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def slug(kind: str, key: str) -> str:
    """The last path segment of an entity IRI (see the module docstring)."""
    if kind == "division" and _CODE.fullmatch(key):
        return key
    name = normalise_name(key)
    if not name:
        raise ValueError(f"cannot mint a {kind} IRI from the empty name {key!r}")
    return digest(name)


def mint(kind: str, key: str, part: str | None = None) -> URIRef:
    """The IRI of the ``kind`` node identified by ``key``.

    ``kind`` is an entity kind (:data:`KIND_OF`) with a name or division code as
    ``key``, or ``"article"``/``"graph"`` with an article id as ``key``.  ``part``
    names a node inside an article (``s3``, ``m10-13-division-210115``); it is
    only valid with ``kind="article"`` and must be a plain ASCII local name.
    """
    if kind in ARTICLE_KINDS:
        if not key:
            raise ValueError(f"cannot mint an {kind} IRI from an empty article id")
        path = f"{kind}/{digest(unicodedata.normalize('NFC', key))}"
    elif kind in KIND_OF.values():
        path = f"{kind}/{slug(kind, key)}"
    else:
        raise ValueError(f"unknown IRI kind {kind!r}; known: {', '.join(KINDS)}")
    if part is not None:
        if kind != "article":
            raise ValueError(f"only article IRIs have parts, not {kind!r}")
        if not _PART.fullmatch(part):
            raise ValueError(f"bad IRI part {part!r}: use ASCII letters, digits, '.', '_', '-'")
        path = f"{path}/{part}"
    return URIRef(ID_BASE + path)


# Thin helpers: every one goes through mint().

def entity_iri(key: EntityKey) -> URIRef:
    """The node of an entity, from its :attr:`~kg.model.Mention.key`."""
    type_, name = key
    return mint(KIND_OF[type_], name)


def article_iri(article_id: str) -> URIRef:
    return mint("article", article_id)


def graph_iri(article_id: str) -> URIRef:
    """The named graph holding everything derived from one article."""
    return mint("graph", article_id)


def sentence_iri(article_id: str, index: int) -> URIRef:
    return mint("article", article_id, f"s{index}")


def mention_iri(article_id: str, mention: Mention) -> URIRef:
    kind = KIND_OF[mention.type]
    return mint("article", article_id,
                f"m{mention.start}-{mention.end}-{kind}-{slug(kind, mention.key[1])}")


def assertion_iri(article_id: str, relation: Relation) -> URIRef:
    ends = "|".join(f"{KIND_OF[t]}/{slug(KIND_OF[t], k)}" for t, k in (relation.head, relation.tail))
    if relation.qualifiers:  # 书记 and 常委 of one body, stated in one span: two assertions
        ends += "|" + "|".join(f"{k}={v}" for k, v in relation.qualifiers)
    return mint("article", article_id,
                f"r{relation.start}-{relation.end}-{relation.predicate}-{digest(ends)}")


__all__ = ["KIND_OF", "KINDS", "QUOTES", "normalise_name", "digest", "slug", "mint", "entity_iri",
           "article_iri", "graph_iri", "sentence_iri", "mention_iri", "assertion_iri"]
