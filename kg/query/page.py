"""The query page of ``kg serve``: one small self-made HTML page, no external URL.

A SPARQL editor (a textarea; Ctrl+Enter runs), the saved queries as examples
(with a field per parameter, sent as ``$name=value`` so the server binds them),
a Run button and a results table.  Everything is inline in the one response,
under a Content-Security-Policy that lets the page talk to its own server only:
it works offline and fetches nothing from anywhere else.  Data is written
into the page with ``textContent`` only, never as HTML.
"""
from __future__ import annotations

import html
import json

from kg.rdf.vocab import ID_BASE, PREFIXES

DEFAULT_QUERY = """\
# Write SPARQL here, or pick an example above.  kg's prefixes (kg:, rdfs:,
# skos:, dcterms:, division: ...) are predeclared; the default graph is the
# union of all articles, GRAPH ?g reaches one article's own graph.
SELECT ?type (COUNT(DISTINCT ?entity) AS ?entities)
WHERE { ?entity a ?type }
GROUP BY ?type
ORDER BY DESC(?entities)
"""

STYLE = """
:root { color-scheme: light; --fg: #1d232b; --muted: #5b6672; --line: #d5dbe1; --accent: #a4161a;
        --bg: #fbfbfa; --head: #eef1f4; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
       font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC",
             "PingFang SC", "Microsoft YaHei", sans-serif; }
header { padding: 14px 24px 6px; border-bottom: 1px solid var(--line); background: #fff; }
header h1 { margin: 0; font-size: 20px; } header h1 span { color: var(--accent); }
header p { margin: 2px 0 8px; color: var(--muted); font-size: 13px; }
main { padding: 14px 24px 40px; max-width: 1400px; }
.bar { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 8px 0; }
select, input, button, textarea { font: inherit; }
select { max-width: 100%; padding: 4px; }
#kg-description { color: var(--muted); font-size: 13px; }
textarea { width: 100%; min-height: 15em; padding: 10px; border: 1px solid var(--line);
           border-radius: 4px; background: #fff; resize: vertical; tab-size: 2;
           font: 13.5px/1.45 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC",
                 monospace; }
#kg-params { display: flex; flex-wrap: wrap; gap: 12px; }
#kg-params:empty { display: none; }
.param { display: flex; gap: 6px; align-items: center; font-family: ui-monospace, monospace; }
.param input { min-width: 16em; padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; }
button { padding: 6px 18px; border: 0; border-radius: 4px; background: var(--accent); color: #fff;
         cursor: pointer; } button:disabled { opacity: .6; cursor: wait; }
.hint, #kg-status { color: var(--muted); font-size: 13px; }
#kg-status.warn { color: #8a4b00; font-weight: 600; }
#kg-error { white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; color: #7a0c0c;
            background: #fdecec; border: 1px solid #f1b5b5; border-radius: 4px; padding: 10px; }
#kg-results { overflow-x: auto; margin-top: 10px; }
table { border-collapse: collapse; font-size: 14px; background: #fff; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: var(--head); position: sticky; top: 0; font-family: ui-monospace, monospace;
     font-weight: 600; }
td { max-width: 48em; }
td.iri { font-family: ui-monospace, monospace; font-size: 12.5px; }
td.iri a { color: #24507a; text-decoration: none; } td.iri a:hover { text-decoration: underline; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td sup { color: var(--muted); margin-left: 2px; }
form.search { display: inline-flex; gap: 6px; margin: 0 0 8px; }
form.search input { padding: 3px 6px; min-width: 14em; border: 1px solid var(--line); border-radius: 4px; }
form.search button { padding: 3px 12px; }
pre.graph { background: #fff; border: 1px solid var(--line); padding: 10px; overflow-x: auto; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const root = document.documentElement;
  const saved = JSON.parse($("kg-saved").textContent);
  const prefixes = JSON.parse($("kg-prefixes").textContent);
  const maxRows = Number(root.dataset.kgMaxRows);
  const idBase = root.dataset.kgIdBase;
  const select = $("kg-examples"), editor = $("kg-query"), paramsBox = $("kg-params");
  const runButton = $("kg-run"), statusBox = $("kg-status"), errorBox = $("kg-error");
  const results = $("kg-results");

  for (const q of saved) {
    const option = document.createElement("option");
    option.value = q.name;
    option.textContent = q.name + " \u2014 " + q.description;
    select.appendChild(option);
  }

  function showParams(q) {
    paramsBox.replaceChildren();
    for (const p of (q ? q.params : [])) {
      const label = document.createElement("label");
      label.className = "param";
      const name = document.createElement("span");
      name.textContent = "?" + p.name + (p.required ? "" : " (optional)");
      const input = document.createElement("input");
      input.type = "text";
      input.dataset.param = p.name;
      input.dataset.required = p.required ? "1" : "";
      input.placeholder = p.description;
      input.title = p.description;
      input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); run(); } });
      label.append(name, input);
      paramsBox.append(label);
    }
  }

  // The fields follow the query text: a parameter the text no longer names goes.
  function uses(name) {
    return new RegExp("[?$]" + name.replace(/[^\w]/gu, "") + "(?![\\w])", "u").test(editor.value);
  }
  editor.addEventListener("input", () => {
    for (const input of [...paramsBox.querySelectorAll("input[data-param]")]) {
      if (!uses(input.dataset.param)) input.closest("label").remove();
    }
  });

  select.addEventListener("change", () => {
    const q = saved.find((x) => x.name === select.value);
    editor.value = q ? q.text : editor.value;
    $("kg-description").textContent = q ? q.description : "";
    showParams(q);
  });

  function compact(iri) {
    let best = "", out = null;
    for (const [prefix, ns] of Object.entries(prefixes)) {
      const local = iri.slice(ns.length);
      if (iri.startsWith(ns) && ns.length > best.length && /^[\w.-]*$/u.test(local) && !local.endsWith(".")) {
        best = ns; out = prefix + ":" + local;
      }
    }
    return out || "<" + iri + ">";
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      // every IRI links to its entity page (kg's own under /id/, any other by ?iri=)
      const a = document.createElement("a");
      a.textContent = compact(term.value);
      a.setAttribute("href", term.value.startsWith(idBase) && term.value.length > idBase.length
        ? "id/" + term.value.slice(idBase.length)
        : "entity?iri=" + encodeURIComponent(term.value));
      td.append(a);
      td.title = term.value;
      td.className = "iri";
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      if (term["xml:lang"] && term["xml:lang"] !== "zh") {
        const sup = document.createElement("sup");
        sup.textContent = "@" + term["xml:lang"];
        td.append(sup);
      } else if (term.datatype) {
        td.title = term.datatype;
        if (/#(integer|decimal|double|float|int|long|short|nonNegativeInteger)$/.test(term.datatype)) {
          td.className = "num";
        }
      }
    }
    return td;
  }

  function renderTable(data) {
    if (Object.prototype.hasOwnProperty.call(data, "boolean")) {
      const p = document.createElement("p");
      p.className = "boolean";
      p.textContent = data.boolean ? "true" : "false";
      results.replaceChildren(p);
      return 1;
    }
    const vars = data.head.vars || [];
    const table = document.createElement("table");
    table.id = "kg-table";
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const binding of data.results.bindings) {
      const tr = body.insertRow();
      for (const v of vars) tr.appendChild(cell(binding[v]));
    }
    results.replaceChildren(table);
    return data.results.bindings.length;
  }

  function setStatus(text, warn) {
    statusBox.textContent = text;
    statusBox.className = warn ? "warn" : "";
  }

  function fail(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
    results.replaceChildren();
    setStatus("");
    root.dataset.kgState = "error";
    runButton.disabled = false;
  }

  async function run() {
    const body = new URLSearchParams();
    body.set("query", editor.value);
    for (const input of paramsBox.querySelectorAll("input[data-param]")) {
      if (!uses(input.dataset.param)) continue;
      if (input.value !== "") body.set("$" + input.dataset.param, input.value);
      else if (input.dataset.required) {
        input.focus();
        fail("Fill in ?" + input.dataset.param + ": " + input.placeholder);
        return;
      }
    }
    errorBox.hidden = true;
    runButton.disabled = true;
    root.dataset.kgState = "running";
    setStatus("Running\u2026");
    const started = performance.now();
    let response, text;
    try {
      response = await fetch("sparql", {
        method: "POST",
        headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9",
                  "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"},
        body: body,
      });
      text = await response.text();
    } catch (e) {
      fail("Could not reach kg serve: " + e.message);
      return;
    }
    if (!response.ok) {
      fail(response.status + " " + response.statusText + "\n" + text);
      return;
    }
    const ms = Math.round(performance.now() - started);
    const type = response.headers.get("Content-Type") || "";
    let n;
    if (type.includes("json")) {
      n = renderTable(JSON.parse(text));
    } else {
      const pre = document.createElement("pre");
      pre.className = "graph";
      pre.textContent = text;
      results.replaceChildren(pre);
      n = Number(response.headers.get("X-KG-Rows") || "0");
    }
    const truncated = response.headers.get("X-KG-Truncated") === "true";
    const unit = type.includes("json") ? "row" : "triple";
    let message = n.toLocaleString() + " " + unit + (n === 1 ? "" : "s") + " in " + ms + " ms";
    if (truncated) {
      message += " \u2014 cut at " + maxRows.toLocaleString() + " " + unit +
                 "s: the answer has more (add a LIMIT or narrow the query)";
    }
    setStatus(message, truncated);
    // the same request as a download (the endpoint's own formats) and as a link
    const csv = new URLSearchParams(body), json = new URLSearchParams(body);
    csv.set("format", "csv");
    json.set("format", type.includes("json") ? "json" : "turtle");
    $("kg-csv").setAttribute("href", "sparql?" + csv.toString());
    $("kg-csv").hidden = !type.includes("json");
    $("kg-json").setAttribute("href", "sparql?" + json.toString());
    $("kg-json").textContent = type.includes("json") ? "JSON" : "Turtle";
    $("kg-link").setAttribute("href", "#" + body.toString());
    $("kg-downloads").hidden = false;
    root.dataset.kgState = "done";
    runButton.disabled = false;
  }

  // A permalink (#query=...&$name=value) opens with its query, parameters filled, run.
  function fromLink() {
    if (!location.hash.startsWith("#query=")) return false;
    const link = new URLSearchParams(location.hash.slice(1));
    editor.value = link.get("query") || "";
    const q = saved.find((x) => x.text === editor.value);
    if (q) { select.value = q.name; showParams(q); }
    for (const input of paramsBox.querySelectorAll("input[data-param]")) {
      input.value = link.get("$" + input.dataset.param) || "";
    }
    return true;
  }

  runButton.addEventListener("click", run);
  editor.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") { e.preventDefault(); run(); }
  });
  root.dataset.kgState = "ready";
  if (fromLink()) run();
})();
"""


def _json_script(data) -> str:
    """JSON safe inside a <script type="application/json"> element (no </script> way out)."""
    return (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


def render_page(saved: list[dict], *, nonce: str, name: str = "kg", max_rows: int = 10_000,
                timeout: float = 30.0) -> str:
    """The query page; ``nonce`` authorises its inline script and style (CSP)."""
    esc = html.escape
    return f"""<!doctype html>
<html lang="en" data-kg-state="loading" data-kg-max-rows="{int(max_rows)}" data-kg-id-base="{esc(ID_BASE)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(name)} · SPARQL</title>
<style nonce="{esc(nonce)}">{STYLE}</style>
</head>
<body>
<header>
<h1>{esc(name)} <span>SPARQL</span></h1>
<p>Query the knowledge graph. Endpoint: <code>/sparql</code> (SPARQL 1.1 Protocol, read-only).
Answers are cut at {int(max_rows):,} rows; a query may run {timeout:g} s.
Every entity has a page: click an IRI in a result, or find one by name.</p>
<form class="search" action="entity" method="get"><input name="name" id="kg-find"
 placeholder="辽中区, 宣讲团 …" aria-label="find an entity by name"><button type="submit">Find</button></form>
</header>
<main>
<div class="bar">
<label for="kg-examples">Examples</label>
<select id="kg-examples"><option value="">saved queries…</option></select>
<span id="kg-description"></span>
</div>
<textarea id="kg-query" spellcheck="false" autocomplete="off" aria-label="SPARQL query">{esc(DEFAULT_QUERY)}</textarea>
<div id="kg-params"></div>
<div class="bar">
<button id="kg-run" type="button">Run</button>
<span class="hint">or Ctrl+Enter</span>
<span id="kg-status" role="status" aria-live="polite"></span>
<span id="kg-downloads" hidden>download <a id="kg-csv" download="kg-result.csv">CSV</a>
<a id="kg-json" download="kg-result.json">JSON</a> · <a id="kg-link">permalink</a></span>
</div>
<div id="kg-error" role="alert" hidden></div>
<div id="kg-results"></div>
</main>
<script type="application/json" id="kg-saved">{_json_script(saved)}</script>
<script type="application/json" id="kg-prefixes">{_json_script(PREFIXES)}</script>
<script nonce="{esc(nonce)}">{_SCRIPT}</script>
</body>
</html>
"""


__all__ = ["render_page", "DEFAULT_QUERY", "STYLE"]
