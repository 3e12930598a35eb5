"""The one signature every extractor has, and what it is given to work with."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Protocol, runtime_checkable

from kg.model import Article, Attribute, EntityType, Figure, Mention, Relation


@dataclass(frozen=True)
class Context:
    """What earlier extractors found in the same article (read-only).

    Extractors run in registry order; each sees the mentions of those before it,
    so the organisation extractor can resolve 区委党校 against the divisions
    already found.  Nothing here is mutable: an extractor returns new records.
    """

    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    options: dict = field(default_factory=dict)
    # The figures found so far, or None where no figure extractor has run yet (a
    # later extractor that needs them then finds them itself).
    figures: "tuple[Figure, ...] | None" = None

    def of_type(self, type_: EntityType) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if m.type is type_)


@runtime_checkable
class Extractor(Protocol):
    """An extractor finds one kind of thing in an article.

    ``name`` identifies it in evidence (``Mention.extractor``).  ``extract``
    must not mutate its inputs and must not load dictionaries at import time:
    any jieba tokenizer or gazetteer is built lazily, on first call, and owned by
    the extractor instance (never jieba's global default tokenizer).
    """

    name: str

    def extract(self, article: Article, context: Context) -> Iterable[Mention | Relation | Figure | Attribute]:
        ...


def make_mention(article: Article, type_: EntityType, start: int, end: int, *,
                 canonical: str | None = None, extractor: str,
                 aliases: tuple[str, ...] = (), surface_is_name: bool = True,
                 **fields) -> Mention:
    """A Mention of ``article.text[start:end]``, with its sentence filled in.

    The surface becomes an alias too, unless ``surface_is_name`` is False (a
    list item such as 劳模 in 劳模、巾帼等五类宣讲团 is not a name of the group).
    """
    surface = article.text[start:end]
    canonical = canonical or surface
    if surface_is_name:
        aliases = (*aliases, surface)
    aliases = tuple(dict.fromkeys(a for a in aliases if a and a != canonical))
    return Mention(type=type_, surface=surface, canonical=canonical, start=start, end=end,
                   sentence=article.sentence_at(start) if article.sentences else 0,
                   extractor=extractor, aliases=aliases, **fields)


@runtime_checkable
class Reviser(Protocol):
    """An extractor that revises the mentions found so far (the entity model).

    The pipeline calls ``revise`` instead of ``extract`` and takes what it returns
    as the article's mentions from then on: new records, inputs untouched.
    """

    name: str

    def revise(self, article: Article, context: Context) -> tuple[Mention, ...]:
        ...
