"""Annotated articles made ready for training: rule proposals, tokens, span labels."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from kg.errors import InputError
from kg.evaluate import load_gold, normalise, read_records
from kg.extract.registry import Pipeline, extractor_names
from kg.ingest import find_articles, read_article
from kg.learn.entities import char_inputs
from kg.learn.ner import bio
from kg.learn.project import project
from kg.model import Article, Extraction

# The rule extractors whose mentions the entity model sees: all before it.
_NAMES = extractor_names()
RULE_ENTITY_EXTRACTORS = tuple(_NAMES[:_NAMES.index("entity_model")])


@dataclass
class Example:
    article: Article
    rules: Extraction  # the rule extractors' mentions (the model's proposals)
    tokens: tuple
    proposals: list  # (start, end, type, extractor)
    char_feats: list  # CRF features per character
    labels: list  # BIO per character, from the gold names
    gold: dict  # the gold record

    @property
    def name(self) -> str:
        return self.article.name

    @property
    def bounds(self) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.article.sentences] or [(0, len(self.article.text))]

    def gold_names(self) -> dict[str, dict[str, bool]]:
        """type -> normalised name -> optional?"""
        out: dict[str, dict[str, bool]] = defaultdict(dict)
        for e in self.gold["entities"]:
            for n in e["names"]:
                out[e["type"]][normalise(n)] = bool(e.get("optional", False))
        return out


def load_examples(gold_path: str | Path, articles: str | Path,
                  progress: Callable[[int, int, str], None] | None = None) -> list[Example]:
    """The gold's articles, found under ``articles`` by file name, in file-name order."""
    gold = load_gold(gold_path)
    by_file = {g["file"]: g for g in gold}
    found = {}
    for path, article_id in find_articles([articles]):
        if path.name in by_file and path.name not in found:
            found[path.name] = (path, article_id)
    missing = sorted(set(by_file) - set(found))
    if not found:
        raise InputError(f"none of the gold's {len(by_file)} files is under {articles}",
                         path=Path(articles),
                         hint="the gold's \"file\" values must be file names of the articles")
    if missing:
        raise InputError(f"{len(missing)} gold file(s) not found under {articles}: "
                         f"{', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}",
                         path=Path(gold_path), hint="add the articles or remove their gold lines")
    pipeline = Pipeline(RULE_ENTITY_EXTRACTORS, model=None)
    examples = []
    names = sorted(found)
    for i, name in enumerate(names, 1):
        path, article_id = found[name]
        article = read_article(path, article_id)
        rules = pipeline(article)
        tokens = pipeline.segmenter.tokens(article.text)
        proposals = [(m.start, m.end, m.type.value, m.extractor) for m in rules.mentions]
        examples.append(Example(article, rules, tokens, proposals,
                                char_inputs(article.text, tokens, proposals),
                                bio(len(article.text), project(article.text, by_file[name]["entities"])),
                                by_file[name]))
        if progress:
            progress(i, len(names), name)
    return examples


def folds_of(examples: Sequence[Example], k: int) -> list[int]:
    """Fold of each example: by its position in file-name order (deterministic)."""
    return [i % k for i in range(len(examples))]


def fingerprint(examples: Sequence[Example]) -> str:
    h = hashlib.sha256()
    for ex in examples:
        h.update(ex.name.encode())
        h.update(ex.article.text.encode())
        h.update(repr(sorted(map(str, ex.gold["entities"]))).encode())
    return h.hexdigest()[:16]


def load_facts(path: str | Path, files: set[str]) -> list[dict]:
    """The facts gold (FACTS.md) of ``files``; errors name the line."""
    return [rec for _, rec in read_records(path, "facts", "facts") if rec["file"] in files]
