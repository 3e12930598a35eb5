"""The trained entity model's say: which proposed spans are entities.

Runs after the rule extractors of the six types and before those that read
entities (recurrences, anaphora, relations).  It is a *reviser*: it returns the
article's whole new list of mentions.  For each type the model was trained to
decide (``Bundle.modes``; the others keep the rules' mentions as they are), the
rules' proposals, the CRF's spans and their variants are scored by the span
model and the best consistent set is kept.  A kept span the rules proposed keeps
the rules' mention (its resolved owner, canonical name, code); a span only the
model found gets a mention of its own, its owner resolved like the rules'
(县委宣传部 in an article about 桦川县 → 桦川县委宣传部).
"""
from __future__ import annotations

from kg.extract.base import Context, make_mention
from kg.extract.owners import main_division, owner_for
from kg.extract.persons import FUNCTION_CHARS, KINSHIP, NOT_NAMES
from kg.extract.segment import Segmenter
from kg.extract.text import clean_name
from kg.learn.bundle import Bundle
from kg.learn.entities import propose
from kg.learn.spans import decide
from kg.model import Article, DivisionLevel, EntityType, Mention

NAME = "entity_model"
# Level characters that make a name relative to a place (县委宣传部, 镇妇联).
RELATIVE = "省市州县区旗镇乡村"
_LEVEL_OF_SUFFIX = (("街道", DivisionLevel.TOWNSHIP), ("社区", DivisionLevel.VILLAGE),
                    ("嘎查", DivisionLevel.VILLAGE), ("苏木", DivisionLevel.TOWNSHIP),
                    ("省", DivisionLevel.PROVINCE), ("自治区", DivisionLevel.PROVINCE),
                    ("州", DivisionLevel.CITY), ("盟", DivisionLevel.CITY),
                    ("市", DivisionLevel.CITY), ("县", DivisionLevel.DISTRICT),
                    ("区", DivisionLevel.DISTRICT), ("旗", DivisionLevel.DISTRICT),
                    ("镇", DivisionLevel.TOWNSHIP), ("乡", DivisionLevel.TOWNSHIP),
                    ("村", DivisionLevel.VILLAGE))


def admissible(type_: EntityType, name: str) -> bool:
    """The grammar of names, which no model overrules: a person's name is Han
    characters (a transliterated one may hold ·), never a form of address (王阿姨)
    or a common word, never ends in a function character (吕伟以)."""
    if type_ is EntityType.PERSON:
        if not (2 <= len(name) <= 12) or name in NOT_NAMES or name.endswith(KINSHIP):
            return False
        if name[-1] in FUNCTION_CHARS:
            return False
        return all("\u4e00" <= ch <= "\u9fff" or ch in "·•" for ch in name)
    return True


class EntityModelExtractor:
    name = NAME

    def __init__(self, segmenter: Segmenter, bundle: Bundle | None = None) -> None:
        self.segmenter = segmenter
        self.bundle = bundle

    def extract(self, article: Article, context: Context) -> list:
        return []  # a reviser adds nothing of its own: see revise()

    def revise(self, article: Article, context: Context) -> tuple[Mention, ...]:
        bundle = self.bundle
        mentions = context.mentions
        model_types = {t for t, mode in bundle.modes.items() if mode == "model"} if bundle else set()
        if not model_types or not article.text:
            return mentions
        text = article.text
        tokens = self.segmenter.tokens(text)
        proposals = [(m.start, m.end, m.type.value, m.extractor) for m in mentions]
        bounds = [(s.start, s.end) for s in article.sentences] or [(0, len(text))]
        proposed = propose(text, tokens, bounds, proposals, bundle.tagger, bundle.floor,
                           model_types, parts=True)
        probability = bundle.span_scorer.probability
        probabilities = [probability(c.type, shared, both)
                         for c, (shared, both) in zip(proposed.candidates, proposed.features)]
        kept_rules = [m for m in mentions if m.type.value not in model_types]
        fixed = [(m.start, m.end, m.type.value) for m in kept_rules]
        by_span: dict[tuple[int, int, str], list[Mention]] = {}
        for m in mentions:
            by_span.setdefault((m.start, m.end, m.type.value), []).append(m)
        out = list(kept_rules)
        for cand, _ in decide(proposed.candidates, probabilities, bundle.threshold, fixed):
            found = by_span.get((cand.start, cand.end, cand.type))
            if found:
                out.extend(found)
            else:
                mention = self._new(article, context, cand.start, cand.end, EntityType(cand.type))
                if mention is not None:
                    out.append(mention)
        out.sort(key=lambda m: (m.start, -m.end, m.type.value))
        return tuple(out)

    @staticmethod
    def _new(article: Article, context: Context, start: int, end: int,
             type_: EntityType) -> Mention | None:
        surface = article.text[start:end]
        name = clean_name(surface)
        if len(name) < 2 or not admissible(type_, name):
            return None
        if type_ is EntityType.DIVISION:
            level = next((lv for suffix, lv in _LEVEL_OF_SUFFIX if name.endswith(suffix)),
                         DivisionLevel.TOWNSHIP)
            main = main_division(context)
            parents = ()
            if main is not None and main.code and level in (DivisionLevel.TOWNSHIP,
                                                              DivisionLevel.VILLAGE):
                parents = ((main.code, main.canonical, main.level), *main.parents)
            return make_mention(article, type_, start, end, canonical=name, extractor=NAME,
                                level=level, parents=parents,
                                scope=None if parents else article.id)
        if type_ in (EntityType.ORGANIZATION, EntityType.LECTURE_GROUP) and name[0] in RELATIVE:
            owner = owner_for(name[0], context, start)
            if owner is not None:
                return make_mention(article, type_, start, end,
                                    canonical=owner.canonical + name[1:], aliases=(name,),
                                    extractor=NAME, owner=owner.key)
            return make_mention(article, type_, start, end, canonical=name, extractor=NAME,
                                scope=article.id)
        return make_mention(article, type_, start, end, canonical=name, extractor=NAME)
