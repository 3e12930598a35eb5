"""Candidates for the relation and figure model, each a set of feature strings.

A candidate is an entity pair that one sentence could state as a relation of one
kind (runs, belongsTo, promotes, holdsPost), or a number with a counter and an
entity it could be a figure of.  What the rules concluded about the pair is one
of its features (``rule``): the model learns when to trust the rules and what
they miss.  Pure functions of an :class:`~kg.model.Extraction` and its tokens.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from kg.extract.base import Context
from kg.extract.figures import FIGURE, NOT_COUNTS, SCENE, parse
from kg.extract.owners import main_division
from kg.extract.segment import Token
from kg.model import EntityType, Extraction, Mention

T = EntityType
KINDS: dict[str, tuple[tuple[EntityType, ...], tuple[EntityType, ...]]] = {
    "runs": ((T.ORGANIZATION, T.DIVISION), (T.PROGRAMME, T.LECTURE_GROUP)),
    "belongsTo": ((T.LECTURE_GROUP, T.ORGANIZATION, T.PROGRAMME), (T.DIVISION, T.ORGANIZATION)),
    "promotes": ((T.PROGRAMME, T.ORGANIZATION, T.DIVISION, T.LECTURE_GROUP), (T.SLOGAN,)),
    "holdsPost": ((T.PERSON,), (T.ORGANIZATION, T.DIVISION, T.LECTURE_GROUP)),
}
FIGURE_KIND = "figure"
ABOUT = (T.PROGRAMME, T.LECTURE_GROUP, T.ORGANIZATION, T.DIVISION)
MAX_GAP = 120  # characters between the two names of a pair
# Counters a figure needs (a bare 人 or 家 is too often part of a word).
COUNTERS = ("场次", "人次", "场", "次", "个", "支", "名", "人", "项", "万元", "亿元", "期", "篇", "条",
            "所", "处", "户", "家", "批", "件", "堂", "课", "节", "份", "册", "幅", "%", "％", "余人")
# A title ends in one of these: 书记, 副县长, 宣传委员, 成员, 支书 …
TITLE = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:书记|支书|常委|长|主任|委员|成员|主席|干部|负责人|讲师|宣讲员|"
                   r"巡视员|理事|顾问|总编辑|专家|代表|馆员|队员|团员|指导员|专员)")
# A post of a level (副市长, 县长): a division's, whatever body was named before it.
LEVEL_POST = re.compile(r"(?:常务)?副?[省市州县区旗镇乡村]长")
OWN_BODY = re.compile(r"[\u4e00-\u9fff]{2,}(?:村|社区|镇|乡|街道|办事处|党支部|党总支|支部|公司|学校|中心|站|所)")
MEDIA = re.compile(r"(?:网|报|报社|电视台|广播电台|杂志社|新闻中心|融媒体中心)$")
PUNCT = re.compile(r"[，,、；;：:。！？!?（）()“”‘’—…]")
BREAKS = "。；;！？!?"


@dataclass
class Candidate:
    kind: str
    head: Mention  # the entity the fact is about (a figure's entity)
    tail: Mention | None  # None for a figure
    features: list[str]
    start: int  # evidence span, inside ``sentence``
    end: int
    sentence: int
    rule: bool = False  # the rules state this already
    post: str | None = None  # holdsPost: the title read between the names
    number: tuple | None = None  # figure: (value, unit, approximate, surface, start, end)
    extra: dict = field(default_factory=dict)


def bucket(n: int) -> str:
    for b in (0, 1, 2, 4, 8, 16, 32, 64):
        if n <= b:
            return str(b)
    return "big"


class Doc:
    """An extraction with the indexes the features read."""

    def __init__(self, ex: Extraction, tokens: tuple[Token, ...]) -> None:
        self.ex, self.text, self.tokens = ex, ex.article.text, tokens
        self.starts = [t.start for t in tokens]
        # a place inside a longer name (辽中 of 我为辽中…献良策活动) is left out of pairs,
        # but kept as the owner a name starts with
        ms = sorted(ex.mentions, key=lambda m: (m.start, -m.end))
        self.inner = {id(m) for m in ms if any(o is not m and o.start <= m.start and m.end <= o.end
                                               and len(o.surface) > len(m.surface) for o in ms)}
        self.mentions = [m for m in ms if id(m) not in self.inner]
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)
        self.rules = {(r.predicate, r.head, r.tail) for r in ex.relations}
        self.linked = {frozenset((r.head, r.tail)) for r in ex.relations}
        self.tail_has = {(r.predicate, r.tail) for r in ex.relations}
        self.head_has = {(r.predicate, r.head) for r in ex.relations}
        context = Context(ex.mentions, ex.relations)
        self.main = main_division(context)
        self.topic = _topic(ex, context)
        self.first_of = {}
        for i, ms_ in self.by_sentence.items():
            self.first_of[i] = ms_[0].key
        self.count: dict = {}
        self.sentences_of: dict = {}
        for m in ex.mentions:
            self.count[m.key] = self.count.get(m.key, 0) + 1
            self.sentences_of.setdefault(m.key, set()).add(m.sentence)
        title = ex.article.metadata.title or ""
        self.in_title = {m.key for m in ex.mentions if title and m.surface in title}
        self.owner_labels = [(m.key, l) for m in ex.mentions if m.type in (T.DIVISION, T.ORGANIZATION)
                             for l in m.labels if len(l) >= 2]

    def sentence_span(self, index: int) -> tuple[int, int]:
        sp = self.ex.article.sentences[index]
        return sp.start, sp.end

    def words(self, start: int, end: int) -> list[Token]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.tokens) and self.tokens[i].end <= end:
            out.append(self.tokens[i])
            i += 1
        return out

    def token_before(self, at: int) -> str:
        i = bisect_left(self.starts, at) - 1
        return self.tokens[i].text if i >= 0 else "^"

    def token_after(self, at: int) -> str:
        i = bisect_left(self.starts, at)
        return self.tokens[i].text if i < len(self.tokens) else "$"


def _topic(ex: Extraction, context: Context) -> Mention | None:
    """The article's topic as the rule relations read it (headline or lead body)."""
    try:
        from kg.extract.relations import RelationExtractor
        return RelationExtractor._topic(ex.article, context)
    except Exception:  # pragma: no cover - the rules' helper changed: fall back
        return main_division(context)


def gap_features(doc: Doc, a: Mention, b: Mention, prefix: str = "") -> list[str]:
    """What lies between two names of one sentence (``a`` first)."""
    lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
    lo, hi = min(lo, hi), max(lo, hi)
    between = doc.text[lo:hi]
    f = [f"{prefix}d={bucket(len(between))}"]
    stripped = between.strip("“”‘’ ")
    if len(stripped) <= 3:
        f.append(f"{prefix}gap={stripped}")
    words = doc.words(lo, hi)
    near = words[:6] + words[-6:] if len(words) > 12 else words
    for t in dict.fromkeys((t.text, t.pos) for t in near):
        if t[1].startswith("v"):
            f.append(f"{prefix}v={t[0]}")
        elif not PUNCT.fullmatch(t[0]):
            f.append(f"{prefix}w={t[0]}")
    if words:
        f += [f"{prefix}w0={words[0].text}", f"{prefix}w-1={words[-1].text}"]
    marks = "".join(PUNCT.findall(between))
    f.append(f"{prefix}commas={bucket(marks.count('，') + marks.count(','))}")
    if any(ch in between for ch in BREAKS):
        f.append(f"{prefix}break")
    if "、" in between:
        f.append(f"{prefix}list")
    inside = [m for m in doc.by_sentence.get(a.sentence, ()) if lo <= m.start and m.end <= hi]
    f.append(f"{prefix}ents={bucket(len(inside))}")
    for m in dict.fromkeys(m.type.value for m in inside):
        f.append(f"{prefix}ent={m}")
    return f


def pair_features(doc: Doc, kind: str, h: Mention, t: Mention) -> list[str]:
    f = [f"types={h.type.value}>{t.type.value}", f"h={h.type.value}", f"t={t.type.value}"]
    if (kind, h.key, t.key) in doc.rules:
        f.append("rule")
    elif frozenset((h.key, t.key)) in doc.linked:
        f.append("rule_other")
    if (kind, t.key) in doc.tail_has:
        f.append("tail_has_rule")
    if (kind, h.key) in doc.head_has:
        f.append("head_has_rule")
    if doc.main is not None and h.key == doc.main.key:
        f.append("h_main")
    if doc.topic is not None and h.key == doc.topic.key:
        f.append("h_topic")
    if h.owner == t.key:
        f.append("owner")
    if any(label != tl and label.startswith(tl) for label in h.labels for tl in t.labels if len(tl) >= 2):
        f.append("h_named_after_t")
    f.append(f"h_count={bucket(doc.count.get(h.key, 0))}")
    if h.key in doc.in_title:
        f.append("h_in_title")
    named = {k for k, l in doc.owner_labels if t.canonical.startswith(l) and t.canonical != l}
    if h.key in named:
        f.append("t_named_after_h")
    elif named - {t.key}:
        f.append("t_named_after_other")
    if h.sentence != t.sentence:
        seen = [s for s in doc.sentences_of.get(h.key, ()) if s <= t.sentence]
        f.append(f"h_last_seen={bucket(t.sentence - max(seen)) if seen else 'never'}")
        f.append(f"cross={bucket(abs(h.sentence - t.sentence))}")
        f.append(f"cross_types={h.type.value}>{t.type.value}")
        f += [f"tb={doc.token_before(t.start)}", f"ta={doc.token_after(t.end)}"]
        s0, _ = doc.sentence_span(t.sentence)
        f += ["t_" + x for x in gap_features_before(doc, s0, t)]
        return f
    if doc.first_of.get(h.sentence) == h.key:
        f.append("h_first")
    first, second = (h, t) if h.start <= t.start else (t, h)
    f.append("order=ht" if first is h else "order=th")
    if t.start <= h.start and h.end <= t.end or h.start <= t.start and t.end <= h.end:
        f.append("nested")
    f += gap_features(doc, first, second)
    f += [f"fb={doc.token_before(first.start)}", f"sa={doc.token_after(second.end)}"]
    s0, _ = doc.sentence_span(h.sentence)
    clause = doc.text[max(s0, *(doc.text.rfind(p, s0, first.start) + 1 for p in "，,；;")):first.start]
    if not clause.strip("“”‘’ "):
        f.append("first_opens_clause")
    return f


def gap_features_before(doc: Doc, s0: int, t: Mention) -> list[str]:
    """The clause before a name whose actor is not in its sentence."""
    lo = max(s0, *(doc.text.rfind(p, s0, t.start) + 1 for p in "，,；;"))
    f = []
    for tok in doc.words(lo, t.start)[-5:]:
        f.append(("v=" if tok.pos.startswith("v") else "w=") + tok.text)
    others = [m for m in doc.by_sentence.get(t.sentence, ()) if m.end <= t.start and m.type in ABOUT]
    f.append(f"actors_before={bucket(len(others))}")
    return f


def read_post(doc: Doc, body: Mention, person: Mention) -> tuple[str, str] | None:
    """(title, how it was read) for a body before a person in one sentence, or None."""
    text = doc.text
    between = text[body.end:person.start].rstrip(" \u3000")
    first = re.split(r"[、，,]", between, maxsplit=1)[0]
    if between and _title(between):
        return between, "adjacent"
    parts = between.split("、")
    if len(parts) > 1 and all(_title(p) for p in parts):
        return parts[0], "chain"  # 副书记、代县长: the first title is the body's
    clause = re.split(r"[，,：:；;。]", between)[-1]  # 副主席董军: the title chain before the name
    last = clause.split("、")[-1]
    if last and last != between and len(last) <= 6 and all(_title(p) for p in clause.split("、")) \
            and not OWN_BODY.search(between) \
            and (body.type is T.DIVISION or not LEVEL_POST.fullmatch(last)):
        return last, "before_name"
    return None


def _title(text: str) -> bool:
    """A post title alone: 宣传委员, 常务副校长; not one that names a body of its own
    (清水村党支部书记: the body is the village's branch, not the body before it)."""
    return bool(TITLE.fullmatch(text)) and len(text) <= 7 and not OWN_BODY.search(text)


def relation_candidates(doc: Doc, kinds: frozenset[str] | None = None,
                        skip_stated: bool = False) -> list[Candidate]:
    """``skip_stated``: leave out the pairs the rules state (inference adds only new
    ones, so their features need not be made; training needs them)."""
    out: dict[tuple, Candidate] = {}
    wanted = {k: v for k, v in KINDS.items() if kinds is None or k in kinds}

    def add(kind: str, h: Mention, t: Mention, post: tuple[str, str] | None = None) -> None:
        if h.key == t.key or (skip_stated and (kind, h.key, t.key) in doc.rules):
            return
        key = (kind, h.key, t.key, t.sentence)
        if key in out and abs(out[key].head.start - t.start) <= abs(h.start - t.start):
            return
        f = pair_features(doc, kind, h, t)
        if post is not None:
            f += [f"post_how={post[1]}", f"post_end={post[0][-2:]}", f"post_len={bucket(len(post[0]))}"]
        if h.sentence == t.sentence:
            start, end = min(h.start, t.start), max(h.end, t.end)
        else:
            start, end = t.start, t.end
        out[key] = Candidate(kind, h, t, f, start, end, t.sentence,
                             rule=(kind, h.key, t.key) in doc.rules,
                             post=post[0] if post else None)

    for index, ms in doc.by_sentence.items():
        for h in ms:
            for t in ms:
                if h is t or abs(h.start - t.start) > MAX_GAP:
                    continue
                for kind, (heads, tails) in wanted.items():
                    if h.type not in heads or t.type not in tails:
                        continue
                    if kind == "holdsPost":
                        post = read_post(doc, t, h) if t.end <= h.start else None
                        if post is not None:
                            add(kind, h, t, post)
                    else:
                        add(kind, h, t)
    # A name that starts with its owner's (江口县苗学会 → 江口县): the name states it.
    owners = {}
    for m in doc.ex.mentions:
        if m.type in (T.DIVISION, T.ORGANIZATION):
            owners.setdefault(m.key, m)
    for h in doc.mentions if "belongsTo" in wanted else ():
        if h.type not in KINDS["belongsTo"][0]:
            continue
        for o in owners.values():
            if skip_stated and ("belongsTo", h.key, o.key) in doc.rules:
                continue
            if o.key != h.key and any(len(l) >= 2 and h.canonical.startswith(l) and h.canonical != l
                                      for l in o.labels):
                f = pair_features(doc, "belongsTo", h, o) + ["source=prefix"]
                key = ("belongsTo", h.key, o.key, h.sentence)
                if key not in out:
                    out[key] = Candidate("belongsTo", h, o, f, h.start, h.end, h.sentence,
                                         rule=("belongsTo", h.key, o.key) in doc.rules)
    # The article's topic and main division for what no actor in its sentence runs; not
    # a medium (a news site reports), not for a unit of a group (its group's runner runs
    # it) or a name that carries another owner (吉林省五老宣讲团).
    units = {r.head for r in doc.ex.relations if r.predicate == "belongsTo" and r.tail[0] is not T.DIVISION}
    actors = (doc.topic, doc.main) if "runs" in wanted else ()
    named_of: dict[str, set] = {}
    for actor in {m.key: m for m in actors if m is not None}.values():
        if MEDIA.search(actor.canonical):
            continue
        for t in doc.mentions:
            named = named_of.get(t.canonical)
            if named is None:
                named = named_of[t.canonical] = {k for k, l in doc.owner_labels
                                                 if t.canonical.startswith(l) and t.canonical != l}
            if t.key in units or named - {actor.key, t.key}:
                continue
            if t.type in KINDS["runs"][1] and t.sentence != actor.sentence:
                if ("runs", actor.key, t.key, t.sentence) not in out:
                    add("runs", actor, t)
    return list(out.values())


def numbers(doc: Doc) -> list[tuple]:
    """(value, unit, approximate, surface, start, end) of every count in the text that can
    be a figure: a number with a counter, not inside a name (百人千场, “5+12+N”), an idiom
    (千家万户), an ordinal or a date."""
    text = doc.text
    taken = [(m.start, m.end) for m in doc.ex.mentions]
    ends = {t.end for t in doc.tokens}
    out = []
    for m in FIGURE.finditer(text):
        parsed = parse(m)
        if parsed is None or m.group("unit") not in COUNTERS:
            continue
        start = m.start("num") if m.group("num") else m.start("mult")
        if SCENE.match(text, m.end()) or any(s <= start < e for s, e in taken):
            continue
        if any(0 <= (i := text.find(w, max(0, start - len(w) + 1), start + len(w))) <= start
               for w in NOT_COUNTS):
            continue
        if text[start - 1:start].isdigit() or text[start - 1:start] in ("第", ".") \
                or text[m.end():m.end() + 1] in ("年", "月", "日", "号", "时", "届", "级"):
            continue
        if m.end() not in ends and re.match(r"[\u4e00-\u9fff]", text[m.end():m.end() + 1]):
            continue  # the counter is inside a longer word
        num = m.group("num") or ""
        if not num[:1].isdigit():
            # 百人千场, 千村万户: a number word next to another one is a name or a saying
            near = text[max(0, start - 3):start] + text[m.end():m.end() + 3]
            if re.search(r"[一二三四五六七八九十百千万两]", near):
                continue
        # inside a short quotation: a name (“百场宣讲进万家”)
        q_open, q_close = text.rfind("“", max(0, start - 12), start), text.find("”", m.end(), m.end() + 12)
        if q_open >= 0 and q_close >= 0 and "”" not in text[q_open:start]:
            continue
        value, unit, approximate = parsed
        if value == 1 and unit not in ("%", "％", "亿元", "万元"):
            continue
        out.append((value, unit, approximate, text[m.start():m.end()], m.start(), m.end()))
    return out


def figure_candidates(doc: Doc) -> list[Candidate]:
    art = doc.ex.article
    rule_about: dict[int, set] = {}
    for fig in doc.ex.figures:
        rule_about.setdefault(fig.end, set()).add(fig.about)
    runs_of: dict = {}
    for r in doc.ex.relations:
        if r.predicate == "runs":
            runs_of.setdefault(r.tail, set()).add(r.head)
    out = []
    for value, unit, approx, surface, start, end in numbers(doc):
        sentence = art.sentence_at(start)
        s0, s1 = doc.sentence_span(sentence)
        clause_lo = max(s0, *(doc.text.rfind(p, s0, start) + 1 for p in "，,；;：:"))
        here = [m for m in doc.by_sentence.get(sentence, ()) if m.type in ABOUT]
        before = [m for m in here if m.end <= start]
        near: dict = {}
        for m in sorted(here, key=lambda m: min(abs(m.end - start), abs(m.start - end))):
            near.setdefault(m.key, m)  # the nearest mention of each entity
        for back in (1, 2):
            for m in doc.by_sentence.get(sentence - back, ()):
                if m.type in (T.PROGRAMME, T.LECTURE_GROUP):
                    near.setdefault(m.key, m)
        for m in (doc.topic, doc.main):
            if m is not None:
                near.setdefault(m.key, m)
        rules = rule_about.get(end, set())
        base = [f"unit={unit}", f"approx={approx}", f"digits={surface[:1].isdigit() or surface[1:2].isdigit()}",
                f"nb={doc.token_before(start)}", f"na={doc.token_after(end)}",
                "no_rule_fig" if not rules else "has_rule_fig"]
        for e in near.values():
            f = base + [f"e={e.type.value}", f"eu={e.type.value}|{unit}"]
            if e.key in rules:
                f.append("rule")
            elif any(e.key in runs_of.get(r, ()) for r in rules):
                f.append("runs_rule_about")
            if doc.main is not None and e.key == doc.main.key:
                f.append("e_main")
            if doc.topic is not None and e.key == doc.topic.key:
                f.append("e_topic")
            if e.sentence != sentence:
                f.append(f"cross={bucket(sentence - e.sentence)}")
                if e.type in (T.PROGRAMME, T.LECTURE_GROUP) and not any(
                        m.type in (T.PROGRAMME, T.LECTURE_GROUP) for m in before):
                    f.append("cross_no_target_here")
            else:
                f.append("after" if e.start >= end else "before")
                lo, hi = (e.end, start) if e.end <= start else (end, e.start)
                between = doc.text[lo:hi]
                f.append(f"d={bucket(len(between))}")
                f.append("same_clause" if e.start >= clause_lo and e.end <= start
                         and not re.search(r"[，,；;]", between) else "other_clause")
                if e is (before[-1] if before else None):
                    f.append("nearest_before")
                typed = [m for m in before if m.type is e.type]
                if typed and typed[-1] is e:
                    f.append("nearest_of_type")
                if doc.first_of.get(sentence) == e.key:
                    f.append("e_first")
                for tok in doc.words(lo, hi)[-4:]:
                    if tok.pos.startswith("v"):
                        f.append(f"v={tok.text}")
                if e.start >= end and len(between) <= 12 and not PUNCT.search(between):
                    f.append("counted_entity")  # 96支…“小剧团”
            if re.match(r"[“”]?(?:目前|今年|已|截至目前)?(?:共|累计)?(?:全|我)[省市州县区旗镇乡]",
                        doc.text[clause_lo:start]):
                f.append(f"whole_place|{e.type.value}")
            lo = min(e.start, start) if e.sentence == sentence else start
            hi = max(e.end, end) if e.sentence == sentence else end
            out.append(Candidate(FIGURE_KIND, e, None, f, lo, hi, sentence, rule=e.key in rules,
                                 number=(value, unit, approx, surface, start, end)))
    return out


def candidates(ex: Extraction, tokens: tuple[Token, ...],
               kinds: frozenset[str] | None = None, skip_stated: bool = False) -> list[Candidate]:
    """Every relation and figure candidate of one article (of ``kinds``; None: all)."""
    if not ex.article.sentences or (kinds is not None and not kinds):
        return []
    doc = Doc(ex, tokens)
    out = relation_candidates(doc, kinds, skip_stated)
    if kinds is None or FIGURE_KIND in kinds:
        out += figure_candidates(doc)
    return out
