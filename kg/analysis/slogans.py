"""Slogan diffusion: where (divisions) and when (article dates) each slogan appears.

A slogan *appears with* a division when one article mentions both; the
article's ``dcterms:issued`` dates that appearance.  For each slogan,
:func:`slogan_diffusion` gives its articles, its divisions (with the date each
was first reached), its first appearance, and its spread over time: the
cumulative number of distinct divisions (and articles) by date.  Undated
articles count towards the totals but have no place on the time line.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from kg.analysis.corpus import Corpus


@dataclass
class Step:
    """One date of a slogan's time line."""

    date: date
    articles: list[str]  # article IRIs dated that day
    new_divisions: list[str]  # divisions first reached that day
    cumulative_divisions: int
    cumulative_articles: int


@dataclass
class Reach:
    """One division a slogan appears with."""

    division: str  # IRI
    articles: list[str]  # the articles mentioning both
    first_date: date | None  # the earliest of their dates


@dataclass
class Diffusion:
    slogan: str  # IRI
    label: str
    articles: list[str]  # every article mentioning the slogan, earliest first (undated last)
    divisions: list[Reach]  # earliest reached first
    timeline: list[Step] = field(default_factory=list)
    undated_articles: int = 0

    @property
    def first_date(self) -> date | None:
        return self.timeline[0].date if self.timeline else None

    @property
    def first_article(self) -> str | None:
        """The earliest dated article (else the first undated one, by file name)."""
        return self.articles[0] if self.articles else None

    @property
    def last_date(self) -> date | None:
        return self.timeline[-1].date if self.timeline else None


def slogan_diffusion(corpus: Corpus) -> list[Diffusion]:
    """One :class:`Diffusion` per slogan; widest reach first (divisions, then articles, label)."""
    arts = corpus.articles

    def order(a: str) -> tuple:
        info = arts[a]
        return (info.day is None, info.day or date.min, info.file, a)

    slogans = [e for e in corpus.entities.values() if e.type == "Slogan"]
    by_slogan: dict[str, list[str]] = defaultdict(list)
    for a, entities in corpus.article_entities.items():
        for e in entities:
            if corpus.entities[e].type == "Slogan":
                by_slogan[e].append(a)

    out = []
    for s in slogans:
        articles = sorted(by_slogan.get(s.iri, []), key=order)
        reach: dict[str, list[str]] = defaultdict(list)
        for a in articles:
            for e in corpus.article_entities[a]:
                if corpus.entities[e].type == "AdministrativeDivision":
                    reach[e].append(a)
        divisions = []
        for d, d_arts in reach.items():
            days = [arts[a].day for a in d_arts if arts[a].day]
            divisions.append(Reach(d, d_arts, min(days) if days else None))
        divisions.sort(key=lambda r: (r.first_date is None, r.first_date or date.min,
                                      corpus.entities[r.division].label, r.division))

        timeline: list[Step] = []
        seen: set[str] = set()
        by_day: dict[date, list[str]] = defaultdict(list)
        for a in articles:
            if arts[a].day:
                by_day[arts[a].day].append(a)
        n_articles = 0
        for day in sorted(by_day):
            new = []
            for a in by_day[day]:
                for e in corpus.article_entities[a]:
                    if corpus.entities[e].type == "AdministrativeDivision" and e not in seen:
                        seen.add(e)
                        new.append(e)
            n_articles += len(by_day[day])
            timeline.append(Step(day, by_day[day], new, len(seen), n_articles))
        out.append(Diffusion(slogan=s.iri, label=s.label, articles=articles,
                             divisions=divisions, timeline=timeline,
                             undated_articles=sum(1 for a in articles if not arts[a].day)))
    out.sort(key=lambda d: (-len(d.divisions), -len(d.articles), d.label, d.slogan))
    return out


__all__ = ["Diffusion", "Reach", "Step", "slogan_diffusion"]
