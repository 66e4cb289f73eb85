"""Load time of the HTML graph in headless Chromium, by graph size, one run.

Builds synthetic graphs of our shape (unions assisting villages under a
place tree, programmes located in the villages, people holding posts), writes
each page with `kg.viz.write_html`, opens it in Debian's Chromium through
Playwright and times navigation until the page reports that physics has
settled and the layout is frozen (`body[data-ready]`).  Prints page size,
Python render time, browser load time and ratios against the smallest graph.

Run: python bench/bench_viz.py [SIZES...]   (default 500 1000 3000 nodes)
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.viz import write_html  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def synthetic_graph(n_nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """About n_nodes nodes: 5% unions, 60% places (county/township/village), 20% programmes, 15% people."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()

    def node(kind: str, i: int, level: str | None = None) -> str:
        n = f"{kind}/{i}"
        g.add_node(n, label=f"{kind[:2]}{i}号", type=kind, pinyin=f"{kind.lower()} {i}", en=None, level=level,
                   code=None, sources=[])
        return n

    def fact(u: str, v: str, predicate: str, **extra) -> None:
        g.add_edge(u, v, key=f"f{g.number_of_edges()}", predicate=predicate, label=predicate, amount_yuan=extra.get("amount"),
                   approximate=False, year=extra.get("year"), role=extra.get("role"), article="合成报道",
                   url="", quote=f"{g.nodes[u]['label']}与{g.nodes[v]['label']}的一句原文", start=0, end=10)

    counties = [node("Place", i, "county") for i in range(max(1, n_nodes // 60))]
    townships = [node("Place", 10_000 + i, "township") for i in range(max(1, n_nodes // 15))]
    villages = [node("Place", 20_000 + i, "village") for i in range(max(1, n_nodes * 60 // 100 - len(counties) - len(townships)))]
    for t in townships:
        fact(t, rnd.choice(counties), "partOf")
    for v in villages:
        fact(v, rnd.choice(townships), "partOf")
    unions = [node("Union", i) for i in range(max(1, n_nodes // 20))]
    for u in unions:
        for v in rnd.sample(villages, min(4, len(villages))):
            fact(u, v, "assists", amount=rnd.randint(1, 200) * 10_000, year=rnd.randint(2016, 2020))
    for i in range(n_nodes // 5):
        p = node("Programme", i)
        fact(rnd.choice(unions), p, "runs")
        fact(p, rnd.choice(villages), "locatedIn")
    for i in range(n_nodes * 15 // 100):
        fact(node("Person", i), rnd.choice(villages), "holdsPost", role="第一书记")
    return g


def main(sizes: list[int]) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("bench_viz: needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        for n in sizes:
            g = synthetic_graph(n)
            t0 = time.perf_counter()
            path = write_html(g, Path(tmp) / f"g{n}.html")
            render_s = time.perf_counter() - t0
            loads = []
            for _ in range(3):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                t0 = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-ready=true]", timeout=300_000)
                loads.append(time.perf_counter() - t0)
                drawn = page.evaluate("() => window.unionkg.network.body.nodeIndices.length")
                page.close()
            assert drawn == g.number_of_nodes(), (drawn, g.number_of_nodes())
            rows.append((g.number_of_nodes(), g.number_of_edges(), path.stat().st_size / 1e6, render_s, statistics.median(loads)))
        browser.close()
    print(f"{'nodes':>6} {'facts':>6} {'page MB':>8} {'render s':>9} {'load s (median of 3)':>21} {'load ratio':>11}")
    base = rows[0][4]
    for nodes, facts, mb, render_s, load_s in rows:
        print(f"{nodes:>6} {facts:>6} {mb:>8.2f} {render_s:>9.2f} {load_s:>21.2f} {load_s / base:>10.1f}x")
    print("load = navigation until physics has settled and the layout is frozen")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 1000, 3000])
