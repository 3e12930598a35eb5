"""The trained relation and figure layer (kg.extract.pairs) as an extractor.

It reads the mentions and relations the extractors before it found, proposes entity
pairs and number–entity pairs, and returns the ones its model accepts that the rules
did not state (``extractor="relation_model"``).  The rule figures are not in the
Context, so it runs the rule FigureExtractor itself to read and dedupe against them.
Built with ``models=None`` (no trained pairs model) it returns nothing.
"""
from __future__ import annotations

from kg.extract.base import Context
from kg.extract.segment import Segmenter
from kg.model import Article, Extraction, Figure, Relation


class RelationModelExtractor:
    name = "relation_model"

    def __init__(self, segmenter: Segmenter, models: dict | None = None) -> None:
        self.segmenter = segmenter
        self._raw = models
        self._models = None  # kg.extract.pairs.Models, made on first use
        self._figures = None

    def extract(self, article: Article, context: Context) -> list[Relation | Figure]:
        if self._raw is None or not article.sentences:
            return []
        from kg.extract.figures import FigureExtractor
        from kg.extract.pairs import Models, apply_pairs

        if self._models is None:
            self._models = self._raw if isinstance(self._raw, Models) else Models(self._raw)
            self._figures = FigureExtractor(self.segmenter)
        if not self._models.enabled:
            return []
        # The rule figures, to add none twice (only when the figure model is on): those
        # the figure extractor found before, else found here.
        figures: tuple = ()
        if "figure" in self._models.enabled:
            figures = context.figures if context.figures is not None \
                else tuple(self._figures.extract(article, context))
        extraction = Extraction(article, context.mentions, context.relations, figures)
        return apply_pairs(extraction, self._models, segmenter=self.segmenter)
