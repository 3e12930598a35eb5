"""A :class:`~kg.viz.network.KgNetwork` as one self-contained HTML page.

The page embeds vis-network (the copy pyvis ships) and its data; it loads
nothing from anywhere, so it opens offline, from a file, an e-mail attachment
or a notebook.  pyvis's own template links Bootstrap from a CDN even in its
``in_line`` mode, so kg renders its own template instead (no Bootstrap).

Text that came from articles never becomes markup: the data travels as JSON in
a ``<script type="application/json">`` block with ``<``, ``>`` and ``&``
escaped, vis-network shows string tooltips as text, the details panel uses
``textContent``, and the template's own fields are autoescaped.
"""
from __future__ import annotations

import html
import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyvis
from jinja2 import Environment
from markupsafe import Markup
from pyvis.network import Network

import kg
from kg.viz.network import FONT

VIS_VERSION = "9.1.2"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                 "\u2029": "\\u2029"}


@lru_cache(maxsize=1)
def vis_js() -> str:
    """vis-network's standalone script, from the pyvis package (never from the network)."""
    path = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}" / \
        "vis-network.min.js"
    text = path.read_text("utf-8")
    return text.replace("</script", "<\\/script").replace("<!--", "<\\!--")


@lru_cache(maxsize=1)
def _template():
    env = Environment(autoescape=True)
    source = resources.files("kg.viz").joinpath("templates/page.html").read_text("utf-8")
    return env.from_string(source)


def script_json(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in _JSON_ESCAPES.items():
        text = text.replace(ch, esc)
    return text


def to_html(net: Network) -> str:
    """The page of ``net`` (a :class:`KgNetwork`, or any pyvis Network) as one HTML string."""
    opts = net.options if isinstance(net.options, dict) else json.loads(net.options.to_json())
    mode = getattr(net, "mode", "fixed" if not opts.get("physics", {}).get("enabled", True)
                   else "physics")
    legend = net.legend() if hasattr(net, "legend") else []
    data = {"nodes": net.nodes, "edges": net.edges, "options": opts,
            "meta": {"mode": mode, "focus": list(getattr(net, "focus", []))}}
    return _template().render(
        title=getattr(net, "title", None) or net.heading or "kg graph",
        caption=getattr(net, "caption", ""), edge_note=getattr(net, "edge_note", ""),
        legend=legend, ramp=getattr(net, "ramp", None), mode=mode,
        n_nodes=len(net.nodes), n_edges=len(net.edges), version=kg.__version__,
        vis_version=VIS_VERSION, font_css=Markup(_css_font()),
        data_json=Markup(script_json(data)), vis_js=Markup(vis_js()))


def _css_font() -> str:
    return ", ".join(f"'{f.strip()}'" if " " in f.strip() else f.strip() for f in FONT.split(","))


class Page:
    """An HTML page that Jupyter shows inline (in a sandboxed-origin iframe)."""

    def __init__(self, html_text: str, height: int = 650) -> None:
        self.html = html_text
        self.height = height

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
                f'style="width: 100%; height: {self.height}px; border: 1px solid #ddd" '
                f'title="kg graph"></iframe>')


def notebook_html(net: Network, height: int = 650) -> str:
    """The iframe that shows ``net``'s page inside a notebook cell."""
    return Page(to_html(net), height)._repr_html_()


def show(net: Network, height: int = 650) -> Page:
    """``net`` as an object Jupyter displays inline: ``kg.viz.show(net)`` as a cell's last line."""
    return Page(to_html(net), height)


__all__ = ["to_html", "show", "Page", "notebook_html", "script_json", "vis_js"]
