"""A trace a page at a time, on the sample corpus: `project_for_trace` pages
the first steps (its pages together give the chains of the whole trace), and
`trace_page` / `kg trace --limit` the printed chains, in one order whatever
order the store gives the facts in."""

import networkx as nx

from kg.graph import (find_node, first_steps, format_chain, graph_edges, iter_chains, page_lines, project_for_trace,
                      trace_chains, trace_page)


def _lines(g, name):
    return {format_chain(g, c) for c in trace_chains(g, find_node(g, name))}


def test_pages_of_a_trace_together_give_the_whole_trace(oxigraph_store):
    name = "北京市总工会"
    whole = _lines(project_for_trace(oxigraph_store, name), name)
    first = project_for_trace(oxigraph_store, name, limit=2)
    total = first.graph["first_steps"]
    assert total > 2 and len(whole) > 2
    pages = [project_for_trace(oxigraph_store, name, limit=2, offset=at) for at in range(0, total, 2)]
    assert all(p.graph["first_steps"] == total for p in pages)
    assert set().union(*(_lines(p, name) for p in pages)) == whole
    assert _lines(first, name) < whole


def test_a_trace_without_a_page_is_unchanged(oxigraph_store):
    g = project_for_trace(oxigraph_store, "北京市总工会")
    assert "first_steps" not in g.graph


def test_first_steps_are_an_ordered_slice():
    assert first_steps({"c", "a", "b"}, 2) == ["a", "b"]
    assert first_steps({"c", "a", "b"}, 2, offset=2) == ["c"]
    assert first_steps({"c", "a", "b"}, None, offset=1) == ["b", "c"]


def _toy(order: list[int]) -> nx.MultiDiGraph:
    """A union helping two villages (one fact told twice), each with a programme, edges added in `order`."""
    g = nx.MultiDiGraph()
    for n, label, type_ in (("u", "甲县总工会", "Union"), ("a", "东坡村", "Place"), ("b", "西岭村", "Place"),
                            ("pa", "东坡村茶园", "Programme"), ("pb", "西岭村果园", "Programme")):
        g.add_node(n, label=label, type=type_)
    edges = [("u", "b", "f1", "assists", "甲县总工会帮扶西岭村"), ("u", "a", "f2", "assists", "甲县总工会帮扶东坡村"),
             ("u", "a", "f3", "assists", "甲县总工会再次帮扶东坡村"), ("pa", "a", "f4", "locatedIn", "东坡村建茶园"),
             ("pb", "b", "f5", "locatedIn", "西岭村建果园")]
    for i in order:
        u, v, key, predicate, quote = edges[i]
        g.add_edge(u, v, key=key, predicate=predicate, label="帮扶" if predicate == "assists" else "位于",
                   quote=quote, amount_yuan=None, year=None)
    return g


def test_chains_come_in_one_order_whatever_the_edge_order():
    orders = ([0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3])
    traced = [[[(u, v, d["quote"]) for u, v, d in c] for c in trace_chains(_toy(o), "u")] for o in orders]
    assert traced[0] == traced[1] == traced[2]
    assert [c[0][1] for c in traced[0]] == ["a", "a", "b"]  # by the node stepped to, then the fact


def test_a_page_of_lines_skips_repeats_and_counts_one_page_more():
    g = _toy([0, 1, 2, 3, 4])
    chains = list(iter_chains(*graph_edges(g), "u"))
    assert len(chains) == 3  # 东坡村 told twice: one line
    whole = page_lines(g, iter(chains), None)
    assert whole.lines == ["甲县总工会 —帮扶→ 东坡村 —有项目→ 东坡村茶园", "甲县总工会 —帮扶→ 西岭村 —有项目→ 西岭村果园"]
    first = page_lines(g, iter(chains), 1)
    assert (first.lines, first.more, first.exact) == (whole.lines[:1], 1, True)
    second = page_lines(g, iter(chains), 1, offset=1)
    assert (second.lines, second.more, second.before) == (whole.lines[1:], 0, 1)
    past = page_lines(g, iter(chains), 1, offset=5)
    assert (past.lines, past.before) == ([], 2)


def test_a_page_stops_reading_chains_one_page_after_its_end():
    g = _toy([0, 1, 2, 3, 4])
    read = []

    def chains():
        for n in range(100):
            read.append(n)
            yield [("u", "a", {"predicate": "assists", "label": f"帮扶{n}"})]

    page = page_lines(g, chains(), 3, offset=2)
    assert (len(page.lines), page.more, page.exact) == (3, 3, False)
    assert len(read) == 2 + 3 + 3 + 1


def test_pages_of_printed_chains_are_the_whole_trace_in_order(oxigraph_store):
    name = "北京市总工会"
    whole = trace_page(oxigraph_store, name)
    assert len(whole.lines) > 3 and whole.more == 0
    pages = [trace_page(oxigraph_store, name, limit=2, offset=at) for at in range(0, len(whole.lines), 2)]
    assert [line for p in pages for line in p.lines] == whole.lines
    assert [p.more for p in pages][0] == 2 and pages[-1].more == 0


def test_kg_trace_prints_a_page_and_says_how_many_there_are(tmp_path, sample_dataset):
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.store import OxigraphStore

    store = OxigraphStore(tmp_path / "store")
    store.load(sample_dataset)
    lines = trace_page(store, "北京市总工会").lines
    store.close()
    assert len(lines) > 3
    spec = f"oxigraph:{tmp_path / 'store'}"
    run = CliRunner().invoke
    page = run(app, ["trace", "北京市总工会", "--store", spec, "--limit", "1"])
    last = run(app, ["trace", "北京市总工会", "--store", spec, "--limit", "2", "--offset", str(len(lines) - 1)])
    whole = run(app, ["trace", "北京市总工会", "--store", spec, "--limit", "0"])
    past = run(app, ["trace", "北京市总工会", "--store", spec, "--offset", str(len(lines))])
    assert all(r.exit_code == 0 for r in (page, last, whole, past)), page.output
    assert page.stdout.splitlines() == lines[:1]
    assert "chains 1–1 of at least 2; --offset 1 for the next" in page.stderr
    assert last.stdout.splitlines() == lines[-1:] and last.stderr == ""
    assert whole.stdout.splitlines() == lines and whole.stderr == ""
    assert past.stdout == "" and f"{len(lines)} chains, none from --offset {len(lines)}" in past.stderr
