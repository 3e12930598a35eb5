"""The data model every stage shares: frozen records, never mutated.

An :class:`Article` is what ingest makes of one file.  Extractors read it and
return new :class:`Mention` and :class:`Relation` records whose offsets point
into ``Article.text`` (the normalised text); ``Article.offsets`` maps any such
offset back to the original file's decoded text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Iterator


class EntityType(str, Enum):
    """The six entity categories; values are the ontology's class local names."""

    DIVISION = "AdministrativeDivision"
    ORGANIZATION = "Organization"
    LECTURE_GROUP = "LectureGroup"
    PROGRAMME = "Programme"
    SLOGAN = "Slogan"
    PERSON = "Person"

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.value


class DivisionLevel(str, Enum):
    """Administrative levels; values are the ontology's subclass local names."""

    PROVINCE = "Province"
    CITY = "City"
    DISTRICT = "District"  # 区/县/县级市/旗/新区: county level
    TOWNSHIP = "Township"  # 乡/镇/街道
    VILLAGE = "Village"  # 村/社区/嘎查


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps positions of a derived text back to positions of its source text.

    ``positions[i]`` is the source position of derived position ``i``; there are
    ``len(derived) + 1`` entries so that span ends map too.  Maps compose:
    ``later.then(earlier)`` maps the latest text straight to the first one.
    """

    positions: tuple[int, ...]

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls(tuple(range(length + 1)))

    def __len__(self) -> int:
        return len(self.positions) - 1

    def __call__(self, position: int) -> int:
        return self.positions[position]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The source range of derived ``[start, end)``."""
        if start == end:
            return self.positions[start], self.positions[start]
        # The end maps through the last character so that a deleted tail
        # (a stripped annotation) is not swallowed into the span.
        return self.positions[start], self.positions[end - 1] + 1

    def then(self, earlier: "OffsetMap") -> "OffsetMap":
        """Compose: ``self`` maps C→B, ``earlier`` maps B→A; the result maps C→A."""
        return OffsetMap(tuple(map(earlier.positions.__getitem__, self.positions)))


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the page header and footer say about the article."""

    title: str | None = None
    published: datetime | date | None = None
    source: str | None = None  # 来源
    channel: tuple[str, ...] = ()  # 人民网>>辽宁频道>>区县乡村
    editors: tuple[str, ...] = ()  # 责编 / 责任编辑 / 编辑
    authors: tuple[str, ...] = ()  # 作者 / 记者


@dataclass(frozen=True, slots=True)
class Article:
    """One ingested article.

    ``id`` is the file's path relative to the input folder it was found in (its
    name when given directly), so it is stable across machines and rebuilds.
    """

    id: str
    source: str  # the path as read
    text: str  # normalised: annotations stripped, simplified, furniture dropped
    offsets: OffsetMap  # text position -> position in ``original``
    original: str  # the decoded file, as it was
    encoding: str
    metadata: Metadata = field(default_factory=Metadata)
    sentences: tuple[Span, ...] = ()
    warnings: tuple[str, ...] = ()  # recoverable oddities met while reading

    @property
    def name(self) -> str:
        """The input file's name (the evaluation contract ties gold to it)."""
        return self.id.rsplit("/", 1)[-1]

    def sentence_at(self, position: int) -> int:
        """Index of the sentence holding ``position`` (the last one before it)."""
        lo, hi = 0, len(self.sentences) - 1
        if hi < 0:
            raise ValueError("article has no sentences")
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= position:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start:s.end]


_NOT_IN_LABELS = set("“”‘’\"'《》〈〉「」『』 \t\r\n\u3000")


_LABEL_DROP = {ord(ch): None for ch in _NOT_IN_LABELS}


@lru_cache(maxsize=65536)
def label_form(name: str) -> str:
    """A name as a label and key: no quote marks, no white space.

    Cached: entity keys are read for every pair the relation layers look at."""
    name = name.translate(_LABEL_DROP)
    if name.isprintable() and " " not in name:
        return name
    return "".join(ch for ch in name if not ch.isspace())

EntityKey = tuple[EntityType, str]
"""An entity's identity: its type and its key (a division code or a canonical name)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in ``Article.text[start:end]``."""

    type: EntityType
    surface: str
    canonical: str  # the preferred label, resolved (区委党校 -> 辽中区委党校)
    start: int
    end: int
    sentence: int  # index into Article.sentences
    extractor: str = ""
    aliases: tuple[str, ...] = ()  # other names for the same entity
    level: DivisionLevel | None = None  # divisions only
    code: str | None = None  # divisions: GB/T 2260 code where known
    parents: tuple[tuple[str, str, DivisionLevel], ...] = ()  # (code, name, level), nearest first
    scope: str | None = None  # set to the article id when the name is only unique in it
    owner: "EntityKey | None" = None  # the division a relative name was resolved to (区委党校 → 辽中区)
    within: str | None = None  # a generic name's owner (code or name): part of its identity

    @property
    def key(self) -> EntityKey:
        """Identity across articles: a division's code; a township or village
        without a code is keyed under its nearest coded parent (新桥乡 of two
        counties stays two entities); a name that is only unique within its
        article (``scope``) under that article; a generic name (百姓宣讲团)
        under the division that owns it (``within``, kg.extract.identities);
        anything else by its canonical name."""
        if self.code:
            return (self.type, self.code)
        name = label_form(self.canonical)
        if self.scope:  # 市委 whose city is unknown: one node per article, never merged
            return (self.type, f"{self.scope}#{name}")
        if self.within:  # a generic name, identified by its owner: 百姓宣讲团 of 210115
            return (self.type, f"{self.within}/{name}")
        if self.type is EntityType.DIVISION and self.parents:
            return (self.type, f"{self.parents[0][0]}/{name}")
        return (self.type, name)

    @property
    def labels(self) -> tuple[str, ...]:
        """The canonical name first, then the aliases, as labels (no quote marks, no spaces).

        The surface is evidence, not a name: 劳模 in 劳模、巾帼等五类宣讲团 is a
        mention of 劳模宣讲团.  Extractors put name-like surfaces in ``aliases``.
        """
        seen: dict[str, None] = {}
        for name in (self.canonical, *self.aliases):
            label = label_form(name)
            if label:
                seen.setdefault(label, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link between two entities, with the text that states it."""

    predicate: str  # ontology local name: partOf, runs, belongsTo, ...
    head: EntityKey
    tail: EntityKey
    start: int  # evidence span in Article.text
    end: int
    sentence: int
    extractor: str = ""
    # Qualifiers of the statement: ("post", "书记") for holdsPost, ("year", "2015")
    # for a year the sentence dates it to.
    qualifiers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Attribute:
    """A literal-valued fact about an entity: (理论超市, since, "2014")."""

    predicate: str  # ontology local name: since
    head: EntityKey
    value: str
    datatype: str  # XSD local name: gYear, date, string ...
    start: int
    end: int
    sentence: int
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the article claims about an entity: 理论宣讲70余场次.

    ``value`` is the number in digits (近万 → 10000, 139亿元 → 139 with unit 亿元),
    ``approximate`` is True for 余/多/近/约/左右, ``counts`` is what is counted
    when the text says (理论宣讲), ``about`` the entity the claim is about.
    """

    about: EntityKey
    value: int | float
    unit: str
    approximate: bool
    counts: str | None
    surface: str
    start: int
    end: int
    sentence: int
    extractor: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    figures: tuple[Figure, ...] = ()
    attributes: tuple[Attribute, ...] = ()

    def entities(self) -> dict[EntityKey, list[Mention]]:
        """Mentions grouped by entity, in order of first appearance."""
        out: dict[EntityKey, list[Mention]] = {}
        for m in self.mentions:
            out.setdefault(m.key, []).append(m)
        return out

    def __iter__(self) -> Iterator[Mention]:
        return iter(self.mentions)
