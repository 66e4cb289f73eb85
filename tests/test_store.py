"""Stores: the same answers from rdflib and Oxigraph; idempotent, incremental loads."""

import pytest

from kg.errors import QueryError, StoreError
from kg.queries import list_queries, load_query, run_named
from kg.store import MemoryStore, OxigraphStore, open_store, with_values


def _rows(result):
    return sorted(tuple(str(x) for x in r) for r in result.rows)


def test_memory_and_oxigraph_agree_on_every_named_query(sample_dataset, oxigraph_store):
    mem = MemoryStore()
    mem.load(sample_dataset)
    for name in list_queries():
        params = {"donorName": "北京市总工会"} if name == "trace" else None
        assert _rows(run_named(mem, name, params)) == _rows(run_named(oxigraph_store, name, params)), name


def test_loading_twice_is_idempotent_and_new_articles_add(sample_extractions, tmp_path):
    from kg.rdf import kb_to_dataset
    from kg.resolve import resolve

    store = OxigraphStore(tmp_path / "db")
    first = kb_to_dataset(resolve(sample_extractions[:2]))
    store.load(first)
    n1 = store.triple_count()
    store.load(first)
    assert store.triple_count() == n1
    store.load(kb_to_dataset(resolve(sample_extractions[2:])))
    assert store.triple_count() > n1
    # persistent: reopen and find the same graph
    del store
    again = OxigraphStore(tmp_path / "db")
    assert again.triple_count() > n1


def test_replacing_an_article_graph_removes_its_old_facts(sample_dataset):
    from kg.rdf import article_graph_iri

    store = MemoryStore()
    store.load(sample_dataset)
    article = next(g.identifier for g in sample_dataset.graphs() if "article/" in str(g.identifier))
    before = store.triple_count()
    store.replace_graph(str(article), f'<urn:x> <urn:y> "z" <{article}> .\n')
    assert store.triple_count() < before
    assert store.query("ASK { GRAPH ?g { <urn:x> <urn:y> \"z\" } }").rows == [(True,)]


def test_parameters_are_bound_not_pasted(oxigraph_store):
    hostile = '北京市总工会" } } DROP ALL #'
    result = run_named(oxigraph_store, "pairings", {"donorName": hostile})
    assert result.rows == []
    assert oxigraph_store.triple_count() > 0
    text = with_values("SELECT ?x WHERE { ?x ?p ?o }", {"name": hostile})
    assert 'VALUES (?name) { ("北京市总工会\\" } } DROP ALL #") }' in text


def test_bad_query_and_bad_store_name_the_problem():
    with pytest.raises(QueryError):
        MemoryStore().query("SELEC nonsense")
    with pytest.raises(StoreError, match="unknown store"):
        open_store("ftp://nowhere")
    with pytest.raises(QueryError, match="no such named query"):
        load_query("nope")


@pytest.mark.parametrize("fmt,suffix", [("turtle", "ttl"), ("nt", "nt"), ("trig", "trig"), ("nquads", "nq"), ("json-ld", "jsonld")])
def test_export_formats(oxigraph_store, tmp_path, fmt, suffix):
    from rdflib import Dataset

    path = oxigraph_store.export(tmp_path / f"g.{suffix}", fmt)
    ds = Dataset()
    ds.parse(path, format={"turtle": "turtle", "nt": "nt", "trig": "trig", "nquads": "nquads", "json-ld": "json-ld"}[fmt])
    assert len(ds) > 1000 or sum(1 for _ in ds.quads((None, None, None, None))) > 1000
