"""The entity pages of ``kg serve``: HTML written on the server, no script, no external URL.

One page per node (:func:`render_entity`): names, type, the divisions it lies in,
its neighbourhood drawn as a small SVG graph, every relation and figure with the
sentence and article that state it, and the articles that mention it (an
article's page lists what it mentions).  :func:`render_search` lists the entities a
search matched; :func:`render_missing` says that the graph knows nothing of an IRI.

Every value from the graph goes through :func:`html.escape`; the pages carry no
script at all, so the Content-Security-Policy of ``kg serve`` allows none.
Links: an IRI under kg's ``https://w3id.org/kg/id/`` is served at ``/id/...`` (the
IRI's own path), any other at ``/entity?iri=...``.
"""
from __future__ import annotations

import html
import math
import urllib.parse

from kg.query.entity import EntityView, Named, local_name, neighbourhood
from kg.query.page import STYLE
from kg.query.style import color, type_names
from kg.query.terms import compact
from kg.rdf.vocab import ID_BASE

esc = html.escape
_EXTRA_STYLE = """
nav.crumbs { font-size: 13px; color: var(--muted); margin: 4px 0 0; }
nav.crumbs a, main a { color: #24507a; text-decoration: none; } main a:hover { text-decoration: underline; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px;
         vertical-align: middle; margin-left: 6px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
section { margin-top: 18px; } section h2 { font-size: 16px; margin: 0 0 6px; }
section h2 small { color: var(--muted); font-weight: normal; }
mark { background: #fff1a8; padding: 0 1px; }
svg.hood { background: #fff; border: 1px solid var(--line); border-radius: 4px; max-width: 100%; }
td.sentence { max-width: 60em; }
p.cut { color: #8a4b00; font-size: 13px; }
"""
_RELATION_OUT = {"runs": "runs", "coOrganizes": "co-organises", "belongsTo": "belongs to",
                 "promotes": "promotes", "holdsPost": "holds a post in",
                 "participatesIn": "takes part in", "partOf": "is part of",
                 "duplicateOf": "repeats", "editor": "edited by", "author": "written by"}
_RELATION_IN = {"runs": "run by", "coOrganizes": "co-organised by", "belongsTo": "has",
                "promotes": "promoted by", "holdsPost": "has a post holder",
                "participatesIn": "has taking part", "partOf": "contains",
                "duplicateOf": "repeated by", "editor": "edited", "author": "wrote"}


def href(iri: str) -> str:
    """Where kg serve shows the node ``iri``."""
    if iri.startswith(ID_BASE) and len(iri) > len(ID_BASE):
        return "/id/" + urllib.parse.quote(iri[len(ID_BASE):], safe="/-._~")
    return "/entity?" + urllib.parse.urlencode({"iri": iri})


def _link(named: Named) -> str:
    return f'<a href="{esc(href(named.iri))}">{esc(named.label or compact(named.iri))}</a>'


def _kind(category: str) -> str:
    if not category:
        return ""
    zh, en = type_names(category)
    return f'<span class="badge" data-color="{esc(color(category))}">{esc(zh)} {esc(en)}</span>'


def _mark(sentence: str, names: tuple[str, ...]) -> str:
    """``sentence`` escaped, with every occurrence of one of ``names`` in <mark>."""
    spans = []
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        start = sentence.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = sentence.find(name, end)
    out, last = [], 0
    for s, e in sorted(spans):
        out.append(esc(sentence[last:s]) + "<mark>" + esc(sentence[s:e]) + "</mark>")
        last = e
    return "".join(out) + esc(sentence[last:])


def _date(issued: str) -> str:
    return esc(issued[:10]) if issued else ""


def _article(article: str, file: str) -> str:
    return f'<a href="{esc(href(article))}">{esc(file)}</a>' if article else esc(file)


def hood_svg(view: EntityView, around=None, width: int = 720, height: int = 420) -> str:
    """The node and its neighbours (``around``: :func:`neighbourhood`, at most 24), each
    linked to its page."""
    around = neighbourhood(view) if around is None else around
    if not around:
        return ""
    cx, cy = width / 2, height / 2
    rx, ry = width / 2 - 150, height / 2 - 40
    lines, nodes = [], []
    for i, (other, relations) in enumerate(around):
        angle = 2 * math.pi * i / len(around) - math.pi / 2
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        words = ", ".join(_words(relation, direction) for relation, direction in relations)
        lines.append(f'<line x1="{cx:.0f}" y1="{cy:.0f}" x2="{x:.0f}" y2="{y:.0f}" '
                     f'stroke="#b8c1ca" stroke-width="1.2"/>'
                     f'<text x="{(cx + x) / 2:.0f}" y="{(cy + y) / 2 - 3:.0f}" font-size="10" '
                     f'fill="#5b6672" text-anchor="middle">{esc(words)}</text>')
        anchor = "start" if x > cx + 5 else "end" if x < cx - 5 else "middle"
        dx = 9 if anchor == "start" else -9 if anchor == "end" else 0
        dy = 4 if anchor != "middle" else (-11 if y < cy else 19)
        nodes.append(f'<a href="{esc(href(other.iri))}"><title>{esc(other.label)}</title>'
                     f'<circle cx="{x:.0f}" cy="{y:.0f}" r="7" fill="{esc(color(other.category))}"/>'
                     f'<text x="{x + dx:.0f}" y="{y + dy:.0f}" font-size="12" '
                     f'text-anchor="{anchor}" fill="#1d232b">{esc(_short(other.label))}</text></a>')
    centre = (f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="11" fill="{esc(color(view.category))}" '
              f'stroke="#1d232b" stroke-width="1.5"/><text x="{cx:.0f}" y="{cy + 26:.0f}" '
              f'font-size="13" font-weight="600" text-anchor="middle">{esc(_short(view.label))}</text>')
    return (f'<svg class="hood" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="neighbourhood of {esc(view.label)}">'
            + "".join(lines) + centre + "".join(nodes) + "</svg>")


def _words(relation: str, direction: str) -> str:
    return (_RELATION_OUT if direction == "out" else _RELATION_IN).get(relation, relation)


def _short(label: str, width: int = 12) -> str:
    return label if len(label) <= width else label[:width - 1] + "…"


def _facts_table(view: EntityView, names: tuple[str, ...]) -> str:
    rows = []
    for f in view.facts:
        words = _words(f.relation, f.direction)
        other = _link(Named(f.other, f.other_label, f.other_type))
        post = f" ({esc(f.post)})" if f.post else ""
        rows.append(f"<tr><td>{esc(words)}</td><td>{other}{post}</td>"
                    f'<td class="sentence">{_mark(f.sentence, names)}</td>'
                    f"<td>{_article(f.article, f.file)}</td><td>{_date(f.issued)}</td></tr>")
    return ("<table><thead><tr><th>relation</th><th>with</th><th>evidence</th><th>article</th>"
            "<th>date</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _figures_table(view: EntityView, names: tuple[str, ...]) -> str:
    rows = []
    for c in view.figures:
        value = ("≈" if c.approximate else "") + esc(c.value) + (" " + esc(c.unit) if c.unit else "")
        rows.append(f'<tr><td class="num">{value}</td><td>{esc(c.counts)}</td>'
                    f'<td class="sentence">{_mark(c.sentence, names)}</td>'
                    f"<td>{_article(c.article, c.file)}</td><td>{_date(c.issued)}</td></tr>")
    return ("<table><thead><tr><th>figure</th><th>counts</th><th>evidence</th><th>article</th>"
            "<th>date</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _sources_table(view: EntityView) -> str:
    rows = "".join(f"<tr><td>{_date(s.issued)}</td><td>{_article(s.article, s.file)}</td>"
                   f'<td>{esc(s.title)}</td><td class="num">{s.times}</td></tr>'
                   for s in view.sources)
    return ("<table><thead><tr><th>date</th><th>article</th><th>title</th><th>mentions</th>"
            "</tr></thead><tbody>" + rows + "</tbody></table>")


def _mentioned(view: EntityView) -> str:
    groups: dict[str, list[Named]] = {}
    for n in view.mentioned:
        groups.setdefault(n.category, []).append(n)
    parts = []
    for category, members in groups.items():
        zh, en = type_names(category) if category else ("", "other")
        parts.append(f"<dt>{esc(zh)} {esc(en)}</dt><dd>"
                     + "、".join(_link(m) for m in members) + "</dd>")
    return '<dl class="facts">' + "".join(parts) + "</dl>"


def _section(title: str, count: int, body: str, cut: bool) -> str:
    note = ('<p class="cut">Only the first rows are shown: query the rest on the '
            '<a href="/">query page</a>.</p>' if cut else "")
    return f"<section><h2>{esc(title)} <small>{count}</small></h2>{note}{body}</section>"


_VALUE_NAMES = {"divisionCode": "code", "title": "title", "issued": "date", "fileName": "file",
                "sourceName": "source", "channel": "channel", "since": "since", "year": "year",
                "identifier": None}


def render_entity(view: EntityView, *, nonce: str, name: str = "kg") -> str:
    names = view.labels + view.aliases
    facts = [("IRI", f"<code>{esc(view.iri)}</code>")]
    if view.aliases:
        facts.append(("also", esc("、".join(view.aliases))))
    levels = [t for t in view.types if t not in ("AdministrativeDivision", view.category, "Entity")]
    if levels:
        facts.append(("level", esc(", ".join(" ".join(type_names(t)) for t in levels))))
    for prop, value in view.values:
        local = local_name(prop)
        label = _VALUE_NAMES.get(local, local)
        if label:
            facts.append((label, esc(value)))
    if view.within:
        facts.append(("in", " › ".join(_link(d) for d in view.within)))
    body = ['<dl class="facts">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts)
            + "</dl>"]
    around = [] if view.category == "Article" else neighbourhood(view)  # an article's map is
    if around:                                                         # its list of mentions
        body.append(_section("Neighbourhood", len(around), hood_svg(view, around), False))
    if view.facts:
        body.append(_section("Relations", len(view.facts), _facts_table(view, names),
                             "relations" in view.cut))
    if view.figures:
        body.append(_section("Figures", len(view.figures), _figures_table(view, names),
                             "figures" in view.cut))
    if view.mentioned:
        body.append(_section("Mentions", len(view.mentioned), _mentioned(view),
                             "mentioned" in view.cut))
    if view.sources:
        body.append(_section("Articles", len(view.sources), _sources_table(view),
                             "articles" in view.cut))
    turtle = href(view.iri) + ("&" if "?" in href(view.iri) else "?") + "format=turtle"
    body.append(f'<p class="hint">As RDF: <a href="{esc(turtle)}">Turtle</a>. '
                f'Evidence of every kind: the <code>evidence</code> query on the '
                f'<a href="/">query page</a>.</p>')
    title = esc(view.label) + _kind(view.category)
    return _frame(f"{view.label} · {name}", title, "".join(body), nonce=nonce, name=name)


def render_search(text: str, found: list[tuple[Named, int]], *, nonce: str,
                  name: str = "kg") -> str:
    if found:
        items = "".join(f"<li>{_link(n)}{_kind(n.category)}</li>" for n, _ in found)
        body = f"<p>{len(found)} entities hold <q>{esc(text)}</q> in a name:</p><ul>{items}</ul>"
    else:
        body = (f"<p>No entity has <q>{esc(text)}</q> in its name or aliases. Try part of the "
                "name (乌拉特 finds 乌拉特后旗), or the query page.</p>")
    return _frame(f"{text} · {name}", "Search: " + esc(text), body, nonce=nonce, name=name,
                  query=text)


def render_missing(iri: str, *, nonce: str, name: str = "kg") -> str:
    body = (f"<p>The graph says nothing about <code>{esc(iri)}</code>. It may come from an "
            "article that was pruned, or from another build: search for its name below.</p>")
    return _frame(f"not found · {name}", "Not in the graph", body, nonce=nonce, name=name)


def _frame(title: str, heading: str, body: str, *, nonce: str, name: str, query: str = "") -> str:
    # badge colours: CSP forbids style attributes without a nonce, so each colour is a rule
    colours = "".join(f'.badge[data-color="{c}"] {{ background: {c}; }}'
                      for c in sorted({color(t) for t in ("AdministrativeDivision", "Organization",
                                                          "LectureGroup", "Programme", "Slogan",
                                                          "Person", "Article", "Entity")}))
    return f"""<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style nonce="{esc(nonce)}">{STYLE}{_EXTRA_STYLE}{colours}</style>
</head>
<body>
<header>
<nav class="crumbs"><a href="/">{esc(name)} · query page</a> ·
<form class="search" action="/entity" method="get"><input name="name" value="{esc(query)}"
 placeholder="find an entity: 辽中区, 宣讲团 …" aria-label="find an entity"><button type="submit">Find</button></form>
</nav>
<h1>{heading}</h1>
</header>
<main>
{body}
</main>
</body>
</html>
"""


__all__ = ["render_entity", "render_search", "render_missing", "hood_svg", "href"]
