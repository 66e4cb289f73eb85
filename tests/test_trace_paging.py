"""`project_for_trace` a page at a time, on the sample corpus: the pages
together give the chains of the whole trace, and say how many first steps there are."""

from kg.graph import find_node, first_steps, format_chain, project_for_trace, trace_chains


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


def test_kg_trace_prints_a_page_and_says_how_many_there_are(tmp_path, sample_dataset):
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.store import OxigraphStore

    store = OxigraphStore(tmp_path / "store")
    store.load(sample_dataset)
    total = project_for_trace(store, "北京市总工会", limit=1).graph["first_steps"]
    store.close()
    spec = f"oxigraph:{tmp_path / 'store'}"
    page = CliRunner().invoke(app, ["trace", "北京市总工会", "--store", spec, "--limit", "1"])
    whole = CliRunner().invoke(app, ["trace", "北京市总工会", "--store", spec, "--limit", "0"])
    assert page.exit_code == 0 and whole.exit_code == 0, page.output
    assert f"first steps 1–1 of {total}; --offset 1 for the next" in page.output
    assert set(page.stdout.splitlines()) < set(whole.stdout.splitlines())
