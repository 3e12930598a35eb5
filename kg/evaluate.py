"""Score extraction against gold annotations (the format of ``GUIDELINE.md``).

Users annotate their own articles, one JSON object per line::

    {"file": "a01.txt", "entities": [
        {"type": "Programme", "names": ["振兴大讲堂"]},
        {"type": "Slogan", "names": ["中梗阻"], "optional": true}]}

:func:`evaluate` builds the articles' graph in memory and reads it through the same
contract as the reference scorer (``mentions`` edges from an article to entities,
their ``rdfs:label``/``skos:altLabel``, and the category of their ``rdf:type``), then
matches predicted and gold entities one to one per article and type when any
normalised name agrees.  Optional gold entities neither count nor punish.
"""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Dataset
from rdflib.namespace import SKOS

from kg.errors import InputError
from kg.extract.registry import Pipeline
from kg.ingest import find_articles, read_article
from kg.model import EntityType
from kg.rdf.graph import add_article, new_dataset
from kg.rdf.resources import ontology_graph
from kg.rdf.vocab import KG

CATEGORIES = [t.value for t in (EntityType.LECTURE_GROUP, EntityType.PROGRAMME, EntityType.SLOGAN,
                                EntityType.PERSON, EntityType.ORGANIZATION, EntityType.DIVISION)]
_STRIP = set("“”‘’\"'《》〈〉「」『』 \t\r\n\u3000")


def normalise(name: str) -> str:
    name = unicodedata.normalize("NFKC", name)
    return "".join(ch for ch in name if ch not in _STRIP)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalResult:
    per_type: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # file, type, kind, name
    failures: list[tuple[str, str]] = field(default_factory=list)  # articles that could not be read
    missing: list[str] = field(default_factory=list)  # gold files not found among the articles

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.per_type.values():
            total.tp += c.tp
            total.fp += c.fp
            total.fn += c.fn
        return total

    def to_json(self) -> dict:
        row = lambda c: {"p": c.precision, "r": c.recall, "f": c.f1, "tp": c.tp, "fp": c.fp, "fn": c.fn}
        return {"per_type": {k: row(v) for k, v in self.per_type.items()}, "micro": row(self.micro),
                "misses": [list(m) for m in self.misses], "failures": [list(f) for f in self.failures],
                "missing": list(self.missing)}


def read_records(path: str | Path, field: str, what: str):
    """(line number, record) of a JSON Lines file of {"file": …, field: […]} records;
    errors name the file, the line and what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{what} file not found", path=path,
                         hint=f"give a .jsonl file with one {{\"file\": …, \"{field}\": […]}} per line")
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON: {exc.msg} (column {exc.colno})", path=path, line=n,
                             hint="each line must be one JSON object") from None
        if not isinstance(rec, dict) or "file" not in rec or not isinstance(rec.get(field), list):
            raise InputError(f"a record needs \"file\" and a list \"{field}\"", path=path, line=n)
        yield n, rec


def load_gold(path: str | Path) -> list[dict]:
    """Read and check a gold file; errors name the line and what is wrong."""
    records = []
    for n, rec in read_records(path, "entities", "gold"):
        for e in rec["entities"]:
            if e.get("type") not in CATEGORIES or not e.get("names"):
                raise InputError(f"entity {e!r} needs a type among {CATEGORIES} and names",
                                 path=path, line=n)
        records.append(rec)
    return records


def predictions(dataset: Dataset) -> dict[str, dict[str, list[set[str]]]]:
    """file name -> category -> the label sets of the entities its article mentions."""
    graph = dataset
    ontology = ontology_graph(shared=True)
    memo: dict = {}

    def category(node) -> str | None:
        names = set()
        for t in graph.objects(node, RDF.type):
            if t not in memo:
                memo[t] = {str(c).rsplit("#", 1)[-1] for c in ontology.transitive_objects(t, RDFS.subClassOf)}
            names |= memo[t]
        return next((c for c in CATEGORIES if c in names), None)

    out: dict = defaultdict(lambda: defaultdict(list))
    for article, name in graph.subject_objects(KG.fileName):
        # In the order of the graph (matching is greedy, one to one, so order can
        # matter when two predictions fit one gold entity): what score.py sees.
        for entity in dict.fromkeys(graph.objects(article, KG.mentions)):
            cat = category(entity)
            labels = {normalise(str(l)) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
                      for l in graph.objects(entity, p)}
            if cat and labels:
                out[str(name)][cat].append(labels)
    return out


def score(gold: list[dict], pred: dict) -> EvalResult:
    result = EvalResult()
    for record in gold:
        file = record["file"]
        for cat in CATEGORIES:
            golds = [({normalise(n) for n in e["names"]}, e.get("optional", False), e["names"][0])
                     for e in record["entities"] if e["type"] == cat]
            used = [False] * len(golds)
            counts = result.per_type[cat]
            for labels in pred.get(file, {}).get(cat, []):
                hit = next((i for i, (names, _, _) in enumerate(golds)
                            if not used[i] and names & labels), None)
                if hit is None:
                    counts.fp += 1
                    result.misses.append((file, cat, "spurious", sorted(labels)[0]))
                else:
                    used[hit] = True
                    counts.tp += not golds[hit][1]
            for i, (_, optional, first) in enumerate(golds):
                if not used[i] and not optional:
                    counts.fn += 1
                    result.misses.append((file, cat, "missed", first))
    return result


def evaluate(gold_path: str | Path, articles: str | Path, *, pipeline: Pipeline | None = None,
             model="default") -> EvalResult:
    """Build the graph of the gold's articles (found under ``articles``) and score it.

    ``model``: a model folder from ``kg train``, ``"default"`` or None (rules alone);
    ignored when a ``pipeline`` is given."""
    gold = load_gold(gold_path)
    wanted = {g["file"] for g in gold}
    found = [(p, a) for p, a in find_articles([articles]) if p.name in wanted]
    missing = sorted(wanted - {p.name for p, _ in found})
    if not found:
        raise InputError(f"none of the gold's {len(wanted)} files is under {articles} "
                         f"(looked for {', '.join(missing[:3])}{' …' if len(missing) > 3 else ''})",
                         path=Path(articles), hint="give the folder that holds the annotated "
                                                   "articles: the gold's \"file\" values are their "
                                                   "file names")
    pipeline = pipeline or Pipeline(model=model)
    dataset = new_dataset()
    failures = []
    for path, article_id in found:
        try:
            add_article(dataset, pipeline(read_article(path, article_id)))
        except Exception as exc:  # scored as all missed; reported
            failures.append((str(path), str(exc)))
    # a gold file that is not there is not scored (it would count as all missed): listed
    result = score_dataset([g for g in gold if g["file"] not in missing], dataset, failures)
    result.missing = missing
    return result


def score_extractions(gold: list[dict], extractions) -> EvalResult:
    """Score extractions already made (kg train's cross-validation)."""
    dataset = new_dataset()
    for extraction in extractions:
        add_article(dataset, extraction)
    return score_dataset(gold, dataset, [])


def score_dataset(gold: list[dict], dataset, failures: list) -> EvalResult:
    # Round-trip through TriG so that the graph is read exactly as the reference
    # scorer reads the written files (same triple order, hence the same matching).
    reread = Dataset(default_union=True)
    reread.parse(data=dataset.serialize(format="trig"), format="trig")
    result = score(gold, predictions(reread))
    result.failures = failures
    return result
