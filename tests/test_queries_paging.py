"""Paging of named queries (`kg query NAME --limit N --offset M`) and the
Oxigraph version of pairings, on the sample corpus."""

import pytest

from kg.queries import load_query, run_named
from kg.query_worker import paged
from kg.sparql_guard import QueryRefused
from kg.store import MemoryStore


@pytest.mark.parametrize("donor", [None, "北京市总工会"])
def test_oxigraph_pairings_gives_the_portable_rows_in_order(oxigraph_store, sample_dataset, donor):
    params = {"donorName": donor} if donor else {}
    fast = run_named(oxigraph_store, "pairings", params).rows
    portable = run_named(MemoryStore(sample_dataset), "pairings", params).rows
    assert "LATERAL" in load_query("pairings", "oxigraph")
    assert fast and fast == portable


def test_pages_are_slices_of_the_ordered_rows(oxigraph_store):
    every = oxigraph_store.query(load_query("pairings", "oxigraph")).rows
    assert len(every) > 4
    pages = [oxigraph_store.query(paged(load_query("pairings", "oxigraph"), 3, at)).rows for at in range(0, len(every), 3)]
    assert [r for page in pages for r in page] == every
    assert oxigraph_store.query(paged(load_query("pairings", "oxigraph"), None, 2)).rows == every[2:]


def test_a_query_with_its_own_limit_is_not_paged_twice():
    assert paged("SELECT * WHERE { ?s ?p ?o } LIMIT 5") == "SELECT * WHERE { ?s ?p ?o } LIMIT 5"
    with pytest.raises(QueryRefused, match="already ends with LIMIT"):
        paged("SELECT * WHERE { ?s ?p ?o } LIMIT 5", 10)


def test_kg_query_prints_one_page(tmp_path, sample_dataset):
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.store import OxigraphStore

    store = OxigraphStore(tmp_path / "store")
    store.load(sample_dataset)
    every = store.query(load_query("pairings", "oxigraph")).rows
    store.close()
    spec = f"oxigraph:{tmp_path / 'store'}"
    out = CliRunner().invoke(app, ["query", "pairings", "--store", spec, "--limit", "2", "--offset", "1", "--format", "csv"])
    assert out.exit_code == 0, out.output
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 3 and lines[1].startswith(str(every[1][0]))
