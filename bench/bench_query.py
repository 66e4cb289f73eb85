"""Query and trace latency on a built store, from one run.

Prints, for the on-disk Oxigraph store given:

* trace latency (neighbourhood projection and the chain walk): the median
  over 20 donors spread over the donor ranking, and the busiest donor (most
  assistance facts), for the first page as `kg trace` prints it and for the
  whole trace (`kg trace --limit 0`);
* the first page (`--page-size` rows) of every named query, as
  `kg query NAME --limit N` asks it (parameters unbound).

Usage::

    python bench/bench_query.py /tmp/bench/store-1000 [--page-size 50]

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


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def trace_ms(store, name: str, limit: int | None = None) -> float:
    """One trace from `name`, in ms: the whole trace, or its first page (`kg trace --limit`)."""
    from kg.graph import find_node, project_for_trace, trace_chains

    t0 = time.perf_counter()
    g = project_for_trace(store, name, limit=limit)
    trace_chains(g, find_node(g, name))
    return _ms(t0)


def trace_latency(store, sample: int = 20, limit: int | None = None) -> tuple[float, float, str]:
    """Median trace time over `sample` donors spread over the ranking, and the busiest donor's, in ms
    (`limit`: the first page of each, as `kg trace` prints it)."""
    donors = store.query(_DONORS).rows
    busiest = donors[0][0]
    names = [d for d, _ in donors[:: max(1, len(donors) // sample)]][:sample]
    times = [trace_ms(store, d, limit) for d in names]
    return statistics.median(times), trace_ms(store, busiest, limit), busiest


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
    ap.add_argument("--trace-page", type=int, default=50, help="first steps in a trace's first page (kg trace --limit)")
    ap.add_argument("--queries", nargs="*", help="named queries to time (default: all but trace)")
    args = ap.parse_args()
    from kg.queries import list_queries
    from kg.store import OxigraphStore

    store = OxigraphStore(args.store)
    try:
        print(f"store {args.store}: {store.triple_count():,} quads")
        for limit, what in ((args.trace_page, f"first page ({args.trace_page} first steps)"), (None, "whole")):
            median, busiest_ms, busiest = trace_latency(store, limit=limit)
            print(f"trace, {what}: median {median:.1f} ms over 20 donors; busiest {busiest_ms:.1f} ms ({busiest})", flush=True)
        print(f"| query | first page ms (LIMIT {args.page_size}) | rows |\n|---|---|---|")
        for name in args.queries or [q for q in list_queries() if q != "trace"]:
            ms, n = first_page_ms(store, name, args.page_size)
            print(f"| {name} | {ms:.0f} | {n} |", flush=True)
    finally:
        store.close()


if __name__ == "__main__":
    main()
