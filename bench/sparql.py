"""Oxigraph (kg's store) against rdflib's in-memory store on a graph shaped like kg's.

    .venv/bin/python bench/sparql.py                 # 1,000,000 triples (about 25 minutes,
                                                     # most of it rdflib)
    .venv/bin/python bench/sparql.py --triples 200000 --runs 3
    .venv/bin/python bench/sparql.py --readme        # also write the table into bench/README.md

A synthetic corpus in kg's own shape (see ontology/kg.ttl): one named graph per
article holding the article (file name, title, date, source, kg:mentions), its
sentences, one kg:Mention per mention (refersTo, inSentence, surface, offsets,
extractor), relations with their kg:Assertion, and the entities it mentions with
their types and @zh labels; divisions carry codes and a province -> city ->
county kg:partOf chain.  Names recur across articles with a skewed (Zipf-like)
frequency, as real names do.  It is written twice: as N-Quads (the article
graphs, as graph.trig) and as N-Triples (their union, as graph.ttl), until the
union has ``--triples`` triples.

Each engine runs in a process of its own (peak memory: what loading added):

* rdflib ``Graph`` parsing the union, and pyoxigraph ``Store.bulk_load`` of the
  same file in memory: the engine against the engine, same triples;
* rdflib ``Dataset`` parsing the article graphs (what kg analyze does with
  graph.trig), and kg's own store on disk made by ``load_into_store`` from
  that dataset (what kg build does), queried through ``kg.query.run_query``.

Then the same queries, the median of ``--runs`` (an rdflib query is given up
after ``--limit`` seconds):

* join + GROUP BY + COUNT: mentions and articles per entity category
  (kg:Mention -> kg:refersTo -> rdf:type, 4 patterns, ~15 % of the triples);
* kg's saved query slogan-spread (joins, OPTIONALs, GROUP BY, COUNT DISTINCT,
  MIN/MAX dates, GROUP_CONCAT): slogans ranked by the divisions mentioned
  alongside them.

The script checks that every engine gives the same answers, and exits 1 unless
Oxigraph loads and answers the join at least ten times faster than rdflib on
the same triples in memory.  Not a unit test.
"""
from __future__ import annotations

import argparse
import hashlib
import multiprocessing as mp
import random
import re
import resource
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KG = "https://w3id.org/kg/ontology#"
ID = "https://w3id.org/kg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"

JOIN_QUERY = """
PREFIX kg: <https://w3id.org/kg/ontology#>
SELECT ?category (COUNT(?mention) AS ?mentions) (COUNT(DISTINCT ?article) AS ?articles)
WHERE {
  ?mention a kg:Mention ;
           kg:refersTo ?entity ;
           kg:inSentence/kg:inArticle ?article .
  ?entity a ?category .
}
GROUP BY ?category
ORDER BY ?category
"""

CATEGORIES = ["AdministrativeDivision", "Organization", "LectureGroup", "Programme", "Slogan",
              "Person"]
KIND = {"AdministrativeDivision": "division", "Organization": "organization",
        "LectureGroup": "lecture-group", "Programme": "programme", "Slogan": "slogan",
        "Person": "person"}
POOL = {"AdministrativeDivision": 0, "Organization": 4000, "LectureGroup": 1500,
        "Programme": 3000, "Slogan": 800, "Person": 6000}
SHARE = {"AdministrativeDivision": 0.3, "Organization": 0.22, "LectureGroup": 0.08,
         "Programme": 0.15, "Slogan": 0.1, "Person": 0.15}
HANZI = "中国人民政府党委宣传部讲团活动理论学习超市基层论谈振兴新突破先锋思想解放大讨论辽宁沈阳东丽天津"


def lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{body}"@{lang}'
    if datatype:
        return f'"{body}"^^<{datatype}>'
    return f'"{body}"'


def h16(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def divisions(rng: random.Random):
    """(code, name, level, parent code) for 31 provinces, their cities and counties."""
    out = []
    for p in range(31):
        pcode = f"{11 + p:02d}0000"
        out.append((pcode, f"省{p}", "Province", None))
        for c in range(rng.randint(8, 14)):
            ccode = f"{11 + p:02d}{c + 1:02d}00"
            out.append((ccode, f"市{p}-{c}", "City", pcode))
            for d in range(rng.randint(6, 12)):
                out.append((f"{11 + p:02d}{c + 1:02d}{d + 1:02d}", f"县{p}-{c}-{d}", "District",
                            ccode))
    return out


def generate(path: Path, union_path: Path, target: int, seed: int = 1) -> dict:
    """Write kg-shaped article graphs to ``path`` (N-Quads, as graph.trig) and their union
    to ``union_path`` (N-Triples, as graph.ttl) until the union has ``target`` triples."""
    rng = random.Random(seed)
    divs = divisions(rng)
    by_code = {d[0]: d for d in divs}
    counties = [d for d in divs if d[2] == "District"]
    names = {cat: [f"{''.join(rng.choice(HANZI) for _ in range(rng.randint(2, 6)))}{cat[:2]}{i}"
                   for i in range(n)] for cat, n in POOL.items() if n}
    weights = {cat: [1 / (i + 1) ** 0.9 for i in range(n)] for cat, n in POOL.items() if n}
    quads = articles = 0
    union: set[int] = set()
    start_day = 18000
    with path.open("w", encoding="utf-8") as fh, union_path.open("w", encoding="utf-8") as uh:
        while len(union) < target:
            aid = f"corpus/{articles:06d}.txt"
            g = f"<{ID}graph/{h16(aid)}>"
            art = f"{ID}article/{h16(aid)}"
            lines = []

            def add(s, p, o):
                lines.append(f"{s} {p} {o} {g} .\n")
            a = f"<{art}>"
            add(a, f"<{RDF}type>", f"<{KG}Article>")
            add(a, f"<{KG}fileName>", lit(f"{articles:06d}.txt"))
            add(a, f"<{DCT}identifier>", lit(aid))
            add(a, f"<{DCT}title>", lit(f"标题{articles}" + rng.choice(HANZI) * 6, "zh"))
            day = start_day + rng.randint(0, 1500)
            add(a, f"<{DCT}issued>", lit(time.strftime("%Y-%m-%dT%H:%M:%S",
                                                        time.gmtime(day * 86400)), datatype=XSD + "dateTime"))
            add(a, f"<{KG}sourceName>", lit("人民网-" + rng.choice(["辽宁", "天津", "浙江"]) + "频道"))
            home = rng.choice(counties)
            n_mentions = rng.randint(40, 80)
            entities: dict[str, tuple[str, str, tuple]] = {}
            sentence_of = {}
            pos = 0
            for m in range(n_mentions):
                cat = rng.choices(CATEGORIES, [SHARE[c] for c in CATEGORIES])[0]
                if cat == "AdministrativeDivision":
                    d = home if rng.random() < 0.6 else rng.choice(counties)
                    iri, name, extra = f"{ID}division/{d[0]}", d[1], d
                else:
                    name = rng.choices(names[cat], weights[cat])[0]
                    iri, extra = f"{ID}{KIND[cat]}/{h16(name)}", ()
                entities[iri] = (cat, name, extra)
                sentence = m // 2
                start = pos + rng.randint(2, 20)
                end = start + len(name)
                pos = end
                node = f"<{art}/m{start}-{end}-{KIND[cat]}-{iri.rsplit('/', 1)[1]}>"
                add(node, f"<{RDF}type>", f"<{KG}Mention>")
                add(node, f"<{KG}refersTo>", f"<{iri}>")
                add(node, f"<{KG}inSentence>", f"<{art}/s{sentence}>")
                add(node, f"<{KG}surface>", lit(name))
                add(node, f"<{KG}extractor>", lit(KIND[cat]))
                for prop, value in (("start", start), ("end", end)):  # article: the sentence's
                    add(node, f"<{KG}{prop}>", lit(str(value), datatype=XSD + "integer"))
                sentence_of.setdefault(sentence, (start, end))
            for iri, (cat, name, extra) in entities.items():
                add(a, f"<{KG}mentions>", f"<{iri}>")
                add(f"<{iri}>", f"<{RDF}type>", f"<{KG}{cat}>")
                add(f"<{iri}>", f"<{RDFS}label>", lit(name, "zh"))
                if cat == "AdministrativeDivision":
                    chain = extra
                    add(f"<{iri}>", f"<{RDF}type>", f"<{KG}{chain[2]}>")
                    add(f"<{iri}>", f"<{KG}divisionCode>", lit(chain[0]))
                    while chain[3]:
                        parent = by_code[chain[3]]
                        p_iri = f"<{ID}division/{parent[0]}>"
                        add(f"<{ID}division/{chain[0]}>", f"<{KG}partOf>", p_iri)
                        add(p_iri, f"<{RDF}type>", f"<{KG}AdministrativeDivision>")
                        add(p_iri, f"<{RDF}type>", f"<{KG}{parent[2]}>")
                        add(p_iri, f"<{RDFS}label>", lit(parent[1], "zh"))
                        add(p_iri, f"<{KG}divisionCode>", lit(parent[0]))
                        chain = parent
                elif rng.random() < 0.2:
                    add(f"<{iri}>", f"<{SKOS}altLabel>", lit(name + "活动", "zh"))
            # relations: actors run programmes and groups; everything belongs to the home county
            actors = [i for i, e in entities.items() if e[0] in ("Organization",
                                                                  "AdministrativeDivision")]
            targets = [i for i, e in entities.items() if e[0] in ("Programme", "LectureGroup")]
            slogans = [i for i, e in entities.items() if e[0] == "Slogan"]
            for k, t in enumerate(targets[:8]):
                if not actors:
                    break
                actor = rng.choice(actors)
                for pred, obj in (("runs", t), ("promotes", slogans[k % len(slogans)] if slogans
                                                else None)):
                    if obj is None:
                        continue
                    add(f"<{actor}>", f"<{KG}{pred}>", f"<{obj}>")
                    r = f"<{art}/r{k}-{k + 5}-{pred}-{h16(actor + obj)}>"
                    add(r, f"<{RDF}type>", f"<{KG}Assertion>")
                    add(r, f"<{RDF}subject>", f"<{actor}>")
                    add(r, f"<{RDF}predicate>", f"<{KG}{pred}>")
                    add(r, f"<{RDF}object>", f"<{obj}>")
                    add(r, f"<{KG}inSentence>", f"<{art}/s{k // 2}>")
            for index, (start, end) in sorted(sentence_of.items()):
                s = f"<{art}/s{index}>"
                add(s, f"<{RDF}type>", f"<{KG}Sentence>")
                add(s, f"<{KG}index>", lit(str(index), datatype=XSD + "integer"))
                add(s, f"<{KG}text>", lit("".join(rng.choice(HANZI) for _ in range(40)) + "。"))
                add(s, f"<{KG}inArticle>", a)
                add(s, f"<{KG}start>", lit(str(start), datatype=XSD + "integer"))
                add(s, f"<{KG}end>", lit(str(end + 30), datatype=XSD + "integer"))
                add(s, f"<{KG}originalStart>", lit(str(start + 40), datatype=XSD + "integer"))
                add(s, f"<{KG}originalEnd>", lit(str(end + 70), datatype=XSD + "integer"))
            lines = list(dict.fromkeys(lines))  # a graph holds a triple once
            fh.writelines(lines)
            quads += len(lines)
            for line in lines:
                triple = line[:line.rindex(" <")] + " .\n"
                key = hash(triple)
                if key not in union:
                    union.add(key)
                    uh.write(triple)
            articles += 1
    return {"quads": quads, "articles": articles, "triples": len(union)}


# -- the engines, each in a process of its own ------------------------------------------------

class TooSlow(Exception):
    pass


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _median(fn, runs: int, limit: float | None = None):
    """Median time of ``runs`` calls of ``fn`` and its answer; (None, None) past ``limit`` s."""
    import signal
    times, answer = [], None
    for _ in range(runs):
        if limit:
            def alarm(*_):
                raise TooSlow()
            signal.signal(signal.SIGALRM, alarm)
            signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            t = time.perf_counter()
            answer = fn()
            times.append(time.perf_counter() - t)
        except TooSlow:
            return None, None
        finally:
            if limit:
                signal.setitimer(signal.ITIMER_REAL, 0)
        if times[-1] * (runs - 1) > 120:  # one slow run is enough to know
            break
    return statistics.median(times), answer


def run_rdflib(path: str, fmt: str, runs: int, queries: dict, limit: float, out) -> None:
    """rdflib in memory: a Dataset from N-Quads (default graph = union) or a Graph from N-Triples."""
    from rdflib import Dataset, Graph
    before = _peak_mb()
    t = time.perf_counter()
    graph = Dataset(default_union=True) if fmt == "nquads" else Graph()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graph.parse(path, format=fmt)
    load = time.perf_counter() - t
    result = {"load": load, "memory": _peak_mb() - before, "queries": {}}
    for name, text in queries.items():
        seconds, rows = _median(lambda: [tuple(None if v is None else str(v) for v in row)
                                         for row in graph.query(text)], runs, limit)
        result["queries"][name] = (seconds, None if rows is None else sorted(rows, key=str))
    out.put(result)


def _ox_rows(store, text):
    return [tuple(None if v is None else v.value for v in row) for row in store.query(text)]


def run_oxigraph(path: str, runs: int, queries: dict, out) -> None:
    """pyoxigraph in memory: the union (N-Triples) bulk-loaded into the default graph."""
    import pyoxigraph as ox
    before = _peak_mb()
    t = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)
    result = {"load": time.perf_counter() - t, "memory": _peak_mb() - before, "queries": {}}
    for name, text in queries.items():
        seconds, rows = _median(lambda: _ox_rows(store, text), runs)
        result["queries"][name] = (seconds, sorted(rows, key=str))
    out.put(result)


def run_kg_store(path: str, location: str, runs: int, queries: dict, out) -> None:
    """kg's OUT/store: what kg build does (load_into_store from its rdflib dataset), then
    the queries on disk as kg query runs them."""
    from rdflib import Dataset
    from kg.rdf.store import load_into_store, open_store
    from kg.query.engine import run_query
    ds = Dataset(default_union=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds.parse(path, format="nquads")
    before = _peak_mb()
    t = time.perf_counter()
    report = load_into_store(ds, location)
    load = time.perf_counter() - t
    del ds
    t = time.perf_counter()
    with open_store(location) as store:
        reopen = time.perf_counter() - t
        result = {"load": load, "memory": _peak_mb() - before, "reopen": reopen,
                  "quads": report.quads, "queries": {},
                  "disk": sum(f.stat().st_size for f in Path(location, "store").rglob("*")
                              if f.is_file()) / 1e6}
        for name, text in queries.items():
            def ask():
                r = run_query(store, text)
                return [tuple(None if v is None else v.value for v in row) for row in r.rows]
            seconds, rows = _median(ask, runs)
            result["queries"][name] = (seconds, sorted(rows, key=str))
    out.put(result)


def in_process(target, *args):
    """``target(*args, queue)`` in a forked process; what it put on the queue."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(*args, queue))
    proc.start()
    result = queue.get()
    proc.join()
    return result


def normalise(rows):
    """Answers compared across engines: GROUP_CONCAT lists in any order."""
    return sorted((tuple("、".join(sorted(v.split("、"))) if isinstance(v, str) else v
                         for v in row) for row in rows), key=str)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000,
                    help="triples in the union graph (graph.ttl); default 1,000,000")
    ap.add_argument("--runs", type=int, default=3, help="query runs, median (default 3)")
    ap.add_argument("--limit", type=float, default=300,
                    help="give up on an rdflib query after this many seconds (default 300)")
    ap.add_argument("--readme", action="store_true", help="write the table into bench/README.md")
    ap.add_argument("--keep", metavar="DIR", help="write the data files here and keep them")
    args = ap.parse_args(argv)

    from kg.query.saved import saved_query
    queries = {"join + GROUP BY + COUNT": JOIN_QUERY,
               "slogan-spread (saved query)": saved_query("slogan-spread").text}
    with tempfile.TemporaryDirectory(prefix="kg-bench-sparql-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        trig, ttl = folder / "graphs.nq", folder / "union.nt"
        t = time.perf_counter()
        counts = generate(trig, ttl, args.triples)
        print(f"generated {counts['articles']:,} article graphs: {counts['quads']:,} quads "
              f"({trig.stat().st_size / 1e6:.0f} MB N-Quads), union {counts['triples']:,} triples "
              f"({ttl.stat().st_size / 1e6:.0f} MB N-Triples) in {time.perf_counter() - t:.0f} s",
              flush=True)
        ox_mem = in_process(run_oxigraph, str(ttl), args.runs, queries)
        print(f"pyoxigraph in memory: load {ox_mem['load']:.1f} s", flush=True)
        store = in_process(run_kg_store, str(trig), str(folder / "kg-out"), args.runs, queries)
        print(f"kg store: load_into_store {store['load']:.1f} s", flush=True)
        rdf_graph = in_process(run_rdflib, str(ttl), "nt", args.runs, queries, args.limit)
        print(f"rdflib Graph: load {rdf_graph['load']:.1f} s", flush=True)
        rdf_ds = in_process(run_rdflib, str(trig), "nquads", args.runs, queries, args.limit)
        print(f"rdflib Dataset: load {rdf_ds['load']:.1f} s", flush=True)

    names = list(queries)
    same = all(rdf_graph["queries"][q][1] is None or
               normalise(rdf_graph["queries"][q][1]) == normalise(ox_mem["queries"][q][1])
               for q in names) and all(
        normalise(store["queries"][q][1]) == normalise(ox_mem["queries"][q][1]) for q in names)

    def secs(value):
        return f"> {args.limit:.0f} s" if value is None else f"{value:.2f} s"

    def ratio(a, b):
        if b is None:
            return "–"
        return f"> {args.limit / b:.0f}×" if a is None else f"{a / b:.1f}×"
    rows = [
        ("rdflib `Graph`, in memory", "the union (graph.ttl), N-Triples", rdf_graph, ""),
        ("pyoxigraph `Store`, in memory", "the union (graph.ttl), N-Triples", ox_mem, ""),
        ("rdflib `Dataset`, in memory", "article graphs (graph.trig), N-Quads", rdf_ds, ""),
        ("kg's store: pyoxigraph on disk", "article graphs + their union, from kg build's "
         "rdflib dataset (`load_into_store`)", store,
         f"; {store['disk']:.0f} MB on disk, reopened in {store['reopen'] * 1000:.0f} ms"),
    ]
    lines = [f"| engine | data | load | peak memory | {names[0]} | {names[1]} |",
             "|---|---|---:|---:|---:|---:|"]
    for label, data, r, extra in rows:
        lines.append(f"| {label} | {data} | {r['load']:.1f} s | {r['memory']:.0f} MB{extra} | "
                     f"{secs(r['queries'][names[0]][0])} | {secs(r['queries'][names[1]][0])} |")
    q = [[r["queries"][n][0] for n in names] for r in (rdf_graph, ox_mem, rdf_ds, store)]
    lines.append(f"| **rdflib Graph / pyoxigraph, in memory, same triples** | | "
                 f"**{ratio(rdf_graph['load'], ox_mem['load'])}** | "
                 f"{ratio(rdf_graph['memory'], ox_mem['memory'])} | **{ratio(q[0][0], q[1][0])}** | "
                 f"**{ratio(q[0][1], q[1][1])}** |")
    lines.append(f"| rdflib Dataset / kg's store | | {ratio(rdf_ds['load'], store['load'])} | – | "
                 f"{ratio(q[2][0], q[3][0])} | {ratio(q[2][1], q[3][1])} |")
    table = "\n".join(lines)
    load_ratio = rdf_graph["load"] / ox_mem["load"]
    join_ratio = q[0][0] / q[1][0]
    verdict = load_ratio >= 10 and join_ratio >= 10
    summary = (f"{counts['triples']:,} triples in the union of {counts['articles']:,} article "
               f"graphs ({counts['quads']:,} quads); queries: median of {args.runs} runs (one "
               f"when a run takes minutes); every engine gives the same answers: "
               f"{'yes' if same else 'NO'}")
    print()
    print(table)
    print()
    print(summary)
    print(f"in memory, same triples: load {load_ratio:.1f}x, join {join_ratio:.1f}x faster "
          f"(>= 10x: {'yes' if verdict else 'NO'})")
    if args.readme:
        write_readme(table, summary, args)
    return 0 if verdict and same else 1


def write_readme(table: str, summary: str, args) -> None:
    readme = ROOT / "bench" / "README.md"
    text = readme.read_text("utf-8") if readme.exists() else "# Benchmarks\n"
    section = f"""<!-- sparql:start -->
## SPARQL: Oxigraph (kg's store) against rdflib (`bench/sparql.py`)

```sh
.venv/bin/python bench/sparql.py --triples {args.triples} --runs {args.runs} --readme   # about 25 min
```

A synthetic corpus in kg's shape (articles with title, date and source;
sentences; mentions with their evidence offsets; relations with their
kg:Assertion; entities with @zh labels, recurring across articles with a
Zipf-like frequency; divisions with codes and their kg:partOf chain) is written
as one named graph per article (N-Quads, as `graph.trig`) and as their union
(N-Triples, as `graph.ttl`).  Each engine loads it in a process of its own;
*peak memory* is what loading added to that process.  The join query counts
mentions and articles per entity category (four patterns, GROUP BY, COUNT,
COUNT DISTINCT); slogan-spread is kg's saved query (joins, OPTIONALs, GROUP BY,
COUNT DISTINCT, MIN/MAX, GROUP_CONCAT).  Every engine gives the same answers.

{table}

{summary}.

* Same triples, both in memory (the engine against the engine): Oxigraph loads
  and answers the join more than ten times faster, and kg's saved queries far
  more (rdflib evaluates OPTIONAL and GROUP BY row by row in Python).
* kg's store is on disk and holds each triple twice: in its article's named
  graph and in the default graph, which is their union with each triple once
  (see `kg/rdf/store.py`: Oxigraph's own `use_default_graph_as_union` is a bag,
  which repeats an entity's label once per article that names it, inflating
  plain COUNTs and making the join above 2–3× slower on this corpus).  Its
  load includes turning kg build's rdflib dataset into text for Oxigraph's bulk
  loader; reopening it costs milliseconds, where rdflib parses `graph.trig`
  again every time.
<!-- sparql:end -->"""
    if "<!-- sparql:start -->" in text:
        text = re.sub(r"<!-- sparql:start -->.*?<!-- sparql:end -->", lambda m: section, text,
                      flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    readme.write_text(text, "utf-8")
    print(f"wrote {readme}")


if __name__ == "__main__":
    sys.exit(main())
