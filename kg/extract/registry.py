"""The one place extractors are registered, and the pipeline that runs them.

Order matters: each extractor sees what the ones before it found (``Context``),
so divisions come first (organisations resolve their owner against them) and
relations last.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from kg.errors import ArticleError
from kg.extract.base import Context, Extractor
from kg.extract.segment import Segmenter
from kg.model import Article, Attribute, Extraction, Figure, Mention, Relation

if TYPE_CHECKING:
    from kg.learn.bundle import Bundle

ExtractorFactory = Callable[..., Extractor]
Record = Mention | Relation | Figure | Attribute


def _registry() -> dict[str, ExtractorFactory]:
    # Imported here so that importing kg.extract stays cheap; constructing an
    # extractor is cheap too: dictionaries load on first use.
    from kg.extract.anaphora import AnaphoraExtractor
    from kg.extract.divisions import DivisionExtractor
    from kg.extract.entity_model import EntityModelExtractor
    from kg.extract.figures import FigureExtractor
    from kg.extract.identities import IdentityReviser
    from kg.extract.periods import PeriodExtractor
    from kg.extract.posts import PostExtractor
    from kg.extract.relations import RelationExtractor
    from kg.extract.lecture_groups import LectureGroupExtractor
    from kg.extract.organizations import OrganizationExtractor
    from kg.extract.persons import PersonExtractor
    from kg.extract.programmes import ProgrammeExtractor
    from kg.extract.recurrences import RecurrenceExtractor
    from kg.extract.relation_model import RelationModelExtractor
    from kg.extract.slogans import SloganExtractor

    return {
        "divisions": DivisionExtractor,
        "organizations": OrganizationExtractor,
        "lecture_groups": LectureGroupExtractor,
        "slogans": SloganExtractor,
        "programmes": ProgrammeExtractor,
        "persons": PersonExtractor,
        # The trained model decides among the rules' and its own proposals (a reviser).
        "entity_model": EntityModelExtractor,
        "recurrences": RecurrenceExtractor,
        "anaphora": AnaphoraExtractor,
        # Generic names (百姓宣讲团) are identified by their owner before anything links them.
        "identities": IdentityReviser,
        "relations": RelationExtractor,
        "posts": PostExtractor,
        "figures": FigureExtractor,
        "periods": PeriodExtractor,
        # The trained relation model adds the pairs it accepts that the rules missed.
        "relation_model": RelationModelExtractor,
    }


def extractor_names() -> list[str]:
    """Names of the registered extractors, in the order they run."""
    return list(_registry())


# Extractors that take the trained model (kg.learn.bundle.Bundle) as a second argument.
MODEL_USERS = {"entity_model": lambda bundle: bundle,
               "relation_model": lambda bundle: bundle.pairs if bundle is not None else None}
DEFAULT = "default"
# The models kg ships, by name: the default (fast: the rules decide every entity type,
# the model adds the relation layer) and "accurate" (trained on more annotated
# articles, its CRF decides every type: better on new articles, about 3x slower).
PACKAGED = {"default": "model", "accurate": "model-accurate"}


def open_model(model: "str | Path | Bundle | None") -> "Bundle | None":
    """The model a pipeline uses: ``"default"`` (or ``"accurate"``) is one kg ships
    (rules alone when the package holds none), None or ``"none"`` the rules alone,
    else a model folder."""
    from kg.learn.bundle import Bundle, default_model_path

    if model is None or (isinstance(model, str) and model.lower() == "none"):
        return None
    if isinstance(model, Bundle):
        return model
    if isinstance(model, str) and model in PACKAGED:
        path = default_model_path().with_name(PACKAGED[model])
        return Bundle(path) if (path / "model.json").is_file() else None
    return Bundle(model)


class Pipeline:
    """Runs the registered extractors over articles; reusable across a corpus.

    ``model`` is a trained model folder (``kg train``), ``"default"`` for the one
    kg ships, or None for the rule extractors alone.  An extractor with a
    ``revise`` method (a reviser) replaces the mentions found so far instead of
    adding to them: the entity model decides among the rules' proposals.
    """

    def __init__(self, names: Sequence[str] | None = None, model=DEFAULT) -> None:
        registry = _registry()
        unknown = [n for n in names or () if n not in registry]
        if unknown:
            raise ValueError(f"unknown extractor(s) {unknown}; known: {list(registry)}")
        self.segmenter = Segmenter()
        self.model = open_model(model)
        chosen = [n for n in registry if names is None or n in names]
        self.extractors: list[Extractor] = [
            registry[n](self.segmenter, MODEL_USERS[n](self.model)) if n in MODEL_USERS
            else registry[n](self.segmenter)
            for n in chosen]

    def __call__(self, article: Article) -> Extraction:
        mentions: list[Mention] = []
        relations: list[Relation] = []
        figures: list[Figure] = []
        attributes: list[Attribute] = []
        bins = {Mention: mentions, Relation: relations, Figure: figures, Attribute: attributes}
        figured = False  # whether the figure extractor has run (Context.figures)
        for extractor in self.extractors:
            context = Context(tuple(mentions), tuple(relations),
                              figures=tuple(figures) if figured else None)
            figured = figured or extractor.name == "figures"
            try:
                revise = getattr(extractor, "revise", None)
                if revise is not None:
                    mentions[:] = revise(article, context)
                    continue
                records: Iterable[Record] = extractor.extract(article, context)
                for record in records:
                    bins[type(record)].append(record)
            except Exception as exc:  # one extractor's bug must not lose the article silently
                raise ArticleError(f"extractor {extractor.name!r} failed: {exc!r}",
                                   path=article.source,
                                   hint="this is a bug in kg; please report it with the article") from exc
        mentions.sort(key=lambda m: (m.start, -m.end, m.type.value))
        return Extraction(article, tuple(mentions), tuple(relations), tuple(figures),
                          tuple(attributes))
