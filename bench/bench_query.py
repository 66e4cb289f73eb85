"""Query and trace latency on a built store, from one run.

Prints, for the on-disk Oxigraph store given:

* trace latency (neighbourhood projection and the chain walk): the median
  over 20 donors spread over the donor ranking, and the busiest donor (most
  assistance facts), for the first page as `kg trace` prints it (50 chains) and for the
  whole trace (`kg trace --limit 0`), read from the build's pairing table
  (`kg.pairing_index`, what `kg trace` does) and asked in SPARQL (the path of
  stores without the table), with the ratio;
* the first page of `kg query pairings` from the table, and the time to
  (re)build the table from the store and to read one batch's rows;
* the first page (`--page-size` rows) of every named query, as
  `kg query NAME --limit N` asks it in SPARQL (parameters unbound).

Usage::

    python bench/bench_query.py /tmp/bench/store-1000 [--page-size 50] [--no-sparql-trace] [--queries pairings]
        [--sample 40] [--repeat 3] [--wall] [--no-rebuild] [--upkeep] [--no-whole]

Traces are timed in CPU (`time.process_time`), the best of 3 runs of each, unless `--wall`.
`--upkeep` times the build's upkeep of the table for one batch of 500 articles.

Figures are one run on a shared machine: compare stores, not seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_DONORS = """
PREFIX ukg: <https://w3id.org/unionkg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?name (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d ukg:assists ?r } ?d skos:prefLabel ?name
FILTER(lang(?name) = 'zh') } GROUP BY ?name ORDER BY DESC(?n) ?name"""


def _ms(t0: float, clock=time.perf_counter) -> float:
    return (clock() - t0) * 1000


def trace_ms(store, name: str, limit: int | None = None, use_index: bool = True, repeat: int = 1,
             clock=time.perf_counter) -> float:
    """One trace from `name`, in ms, as `kg trace` prints it: its first `limit` chains
    (`kg trace --limit`), or the whole trace (None, `--limit 0`), formatted; the best of
    `repeat` runs on `clock` (`time.process_time`: CPU, less sensitive to a shared machine)."""
    from kg.graph import trace_page

    best = float("inf")
    for _ in range(repeat):
        t0 = clock()
        trace_page(store, name, limit=limit, use_index=use_index)
        best = min(best, _ms(t0, clock))
    return best


def trace_latency(store, sample: int = 20, limit: int | None = None, use_index: bool = True,
                  donors: list | None = None, repeat: int = 1, clock=time.perf_counter) -> tuple[float, float, str]:
    """Median trace time over `sample` donors spread over the ranking, and the busiest donor's, in ms
    (`limit`: the first page of each, as `kg trace` prints it; `donors`: the ranking, when asked already;
    `repeat`, `clock`: as `trace_ms`). bench/bench_build.py calls it as `trace_latency(store, limit=50)`."""
    donors = donors if donors is not None else store.query(_DONORS).rows
    busiest = donors[0][0]
    names = [d for d, _ in donors[:: max(1, len(donors) // sample)]][:sample]
    times = [trace_ms(store, d, limit, use_index, repeat, clock) for d in names]
    return statistics.median(times), trace_ms(store, busiest, limit, use_index, repeat, clock), busiest


def table_figures(store, batch: int = 500) -> None:
    """The pairing table: rebuilt from the store (timed), one batch's rows read, its size."""
    from kg import pairing_index as pi

    if pi.index_file(store) is None:
        print("no pairing table (not an on-disk store built by kg build)")
        return
    pi.open_index(store, rebuild_stale=False)  # the connection `kg trace` keeps
    db = pi._OPEN[str(pi.index_file(store))][0]
    t0 = time.perf_counter()
    pi.rebuild(store, db)
    rebuilt = time.perf_counter() - t0
    graphs = [g for (g,) in db.execute("SELECT graph FROM article ORDER BY rowid LIMIT ?", (batch,))]
    t0 = time.perf_counter()
    n = sum(1 for _ in pi._store_rows(store, graphs))
    per_batch = time.perf_counter() - t0
    rows = db.execute("SELECT COUNT(*) FROM pairing_step").fetchone()[0]
    labels = db.execute("SELECT COUNT(*) FROM pairing_label").fetchone()[0]
    print(f"pairing table: {rows:,} rows, {labels:,} labels; rebuilt from the store in {rebuilt:.1f} s; "
          f"one batch's rows ({len(graphs)} articles, {n:,} rows) read from the store in {per_batch:.2f} s", flush=True)


def _batch_shard(store, graphs: list[str], path: Path) -> None:
    """The N-Quads of these graphs in one file (what a build's shard of that batch holds)."""
    import pyoxigraph as ox

    with open(path, "w", encoding="utf-8") as out:
        for g in graphs:
            for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
                out.write(f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n")


def upkeep_figures(store, batch: int = 500, repeat: int = 3) -> None:
    """CPU of the build's pairing-table upkeep for one batch, per 1,000 articles, best of `repeat`.

    On a copy of the index: the last `batch` articles' rows are taken out of the table, then put
    back by `update_after_batch` as the build's coordinator does after loading that batch (from the
    batch's shard, and, where the table offers it, from rows the workers made:
    the rows read from the shard stand in for them here, untimed).
    """
    import inspect
    import shutil
    import sqlite3
    import tempfile

    from kg import pairing_index as pi

    source = pi.index_file(store)
    if source is None:
        return
    with tempfile.TemporaryDirectory() as tmp:
        copy, shard = Path(tmp) / pi.INDEX_FILE, Path(tmp) / "batch.nq"
        db = sqlite3.connect(copy, isolation_level=None)
        sqlite3.connect(source).backup(db)
        graphs = [g for (g,) in db.execute("SELECT graph FROM article ORDER BY rowid DESC LIMIT ?", (batch,))][::-1]
        _batch_shard(store, graphs, shard)
        ways = {"shard": {"nquads": shard}}
        if "rows" in inspect.signature(pi.update_after_batch).parameters:
            ways["workers' rows"] = {"rows": list(pi._nquads_rows(shard, graphs))}
        for way, kwargs in ways.items():
            best = float("inf")
            for _ in range(repeat):
                db.execute("BEGIN")
                pi.update_after_batch(store, db, [], graphs)  # the batch's rows out (as before its load)
                t0 = time.process_time()
                pi.update_after_batch(store, db, graphs, [], **kwargs)
                best = min(best, time.process_time() - t0)
                db.execute("COMMIT")
            print(f"pairing-table upkeep, {way}: {best * 1000 / len(graphs):.2f} s CPU per 1,000 articles "
                  f"(batch of {len(graphs)}, best of {repeat})", flush=True)
        db.close()
        shutil.rmtree(tmp, ignore_errors=True)


def pairings_page_ms(store, page_size: int) -> tuple[float, int]:
    """Time to the first page of `kg query pairings` from the table (as the command asks it)."""
    from kg.pairing_index import indexed_query

    t0 = time.perf_counter()
    answered = indexed_query(store, "pairings", {}, page_size, 0, 10_000)
    return _ms(t0), len(answered[0].rows) if answered else -1


def first_page_ms(store, name: str, page_size: int) -> tuple[float, int]:
    """Time to the first `page_size` rows of a named query, and the rows got."""
    from kg.queries import load_query
    from kg.query_worker import paged

    t0 = time.perf_counter()
    rows = store.query(paged(load_query(name, store.sparql_dialect), page_size)).rows
    return _ms(t0), len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path, help="on-disk Oxigraph store (a kg build --store oxigraph:PATH)")
    ap.add_argument("--page-size", type=int, default=50)
    ap.add_argument("--trace-page", type=int, default=50, help="chains in a trace's first page (kg trace --limit)")
    ap.add_argument("--queries", nargs="*", help="named queries to time in SPARQL (default: all but trace; none: --queries)")
    ap.add_argument("--no-sparql-trace", action="store_true", help="time traces through the table only")
    ap.add_argument("--sample", type=int, default=40, help="donors spread over the ranking for the median")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each trace; the best is kept")
    ap.add_argument("--wall", action="store_true", help="time traces on the wall clock (default: CPU, process_time)")
    ap.add_argument("--no-rebuild", action="store_true", help="leave the table as it is (no timed rebuild)")
    ap.add_argument("--upkeep", action="store_true", help="time the build's upkeep of the table for one batch")
    ap.add_argument("--no-whole", action="store_true", help="time the first page of each trace only")
    args = ap.parse_args()
    from kg.queries import list_queries
    from kg.store import OxigraphStore

    store = OxigraphStore(args.store)
    try:
        print(f"store {args.store}: {store.triple_count():,} quads")
        if not args.no_rebuild:
            table_figures(store)
        if args.upkeep:
            upkeep_figures(store)
        donors = store.query(_DONORS).rows
        ms, n = pairings_page_ms(store, args.page_size)
        print(f"kg query pairings, first page from the table: {ms:.1f} ms ({n} rows)", flush=True)
        print("| trace | table median ms | table busiest ms | SPARQL median ms | SPARQL busiest ms | ratio busiest |\n"
              "|---|---|---|---|---|---|")
        timing = {"sample": args.sample, "repeat": args.repeat, "clock": time.perf_counter if args.wall else time.process_time}
        print(f"({'wall' if args.wall else 'CPU'} time, best of {args.repeat}, median over {args.sample} donors)")
        pages = ((args.trace_page, f"first page ({args.trace_page} chains)"), (None, "whole"))
        for limit, what in pages[:1] if args.no_whole else pages:
            median, busiest_ms, busiest = trace_latency(store, limit=limit, donors=donors, **timing)
            if args.no_sparql_trace:
                print(f"| {what} | {median:.2f} | {busiest_ms:.2f} | – | – | – |", flush=True)
                continue
            s_median, s_busiest, _ = trace_latency(store, limit=limit, use_index=False, donors=donors, **timing)
            print(f"| {what} | {median:.1f} | {busiest_ms:.1f} | {s_median:.1f} | {s_busiest:.1f} | "
                  f"{s_busiest / busiest_ms:.0f}x |", flush=True)
        print(f"(busiest donor: {donors[0][0]}, {donors[0][1]} assistance facts)")
        print(f"| query | first page ms (LIMIT {args.page_size}), SPARQL | rows |\n|---|---|---|")
        for name in args.queries if args.queries is not None else [q for q in list_queries() if q != "trace"]:
            ms, n = first_page_ms(store, name, args.page_size)
            print(f"| {name} | {ms:.0f} | {n} |", flush=True)
    finally:
        store.close()


if __name__ == "__main__":
    main()
