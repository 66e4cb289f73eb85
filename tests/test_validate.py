"""SHACL: built graphs conform, also after the round trip through the default
Oxigraph store; a broken fact is named with its article."""

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS, XSD
from typer.testing import CliRunner

from kg.cli import app
from kg.ontology import UKG
from kg.store import MemoryStore
from kg.validate import validate


def test_built_graph_conforms(sample_dataset):
    report = validate(sample_dataset)
    assert report.conforms, report.violations[:3]


def test_seed_graph_conforms(seed_extractions):
    from kg.rdf import kb_to_dataset
    from kg.resolve import resolve

    report = validate(kb_to_dataset(resolve(seed_extractions)))
    assert report.conforms, report.violations[:3]


def test_violation_names_node_and_article(sample_dataset):
    store = MemoryStore()
    store.load(sample_dataset)
    fact = next(iter(store.ds.subjects(UKG.amountYuan, None)))
    for g in store.ds.graphs():
        if (fact, None, None) in g:
            g.set((fact, UKG.amountYuan, Literal("-5", datatype=XSD.decimal)))
            g.remove((fact, UKG.evidence, None))
    report = validate(store)
    assert not report.conforms
    mine = [v for v in report.violations if v.focus_node == str(fact)]
    assert {"an amount is one non-negative decimal number of yuan", "a fact needs at least one evidence span"} <= {v.message for v in mine}
    assert all(v.article_iri and "/article/" in v.article_iri for v in mine)


@pytest.fixture(params=["sample", "seeds"])
def corpus(request, sample_dir):
    return sample_dir if request.param == "sample" else request.getfixturevalue("seeds_dir")


def test_what_kg_build_writes_by_default_validates(corpus, tmp_path, monkeypatch):
    """Oxigraph keeps oa:start/oa:end as xsd:integer: the shapes must accept what the store gives back."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    built = runner.invoke(app, ["build", str(corpus), "--no-html"])
    assert built.exit_code == 0, built.output
    validated = runner.invoke(app, ["validate"])
    assert validated.exit_code == 0, validated.output[:2000]
    assert "conforms" in validated.output


OA = "http://www.w3.org/ns/oa#"


def _subjects(ds, predicate):
    return sorted({q[0] for q in ds.quads((None, URIRef(predicate), None, None))})


def _add_selector(graph, fact, iri, start, end, exact="两句话"):
    selector = URIRef(iri)
    graph.add((fact, UKG.evidence, selector))
    graph.add((selector, URIRef(OA + "start"), Literal(start, datatype=XSD.integer)))
    graph.add((selector, URIRef(OA + "end"), Literal(end, datatype=XSD.integer)))
    graph.add((selector, URIRef(OA + "exact"), Literal(exact)))


def test_a_fact_may_carry_several_evidence_spans_each_checked(sample_dataset):
    from rdflib import Dataset

    ds = Dataset()
    for q in sample_dataset.quads((None, None, None, None)):
        ds.add(q)
    facts = _subjects(ds, UKG.evidence)
    second_report = ds.graph(URIRef("https://example.org/second-report"))
    _add_selector(second_report, facts[0], "https://example.org/sel/good", 3, 9)
    assert validate(ds).conforms, "a second well-formed span on one fact is allowed"
    _add_selector(second_report, facts[1], "https://example.org/sel/negative", -2, 4)
    _add_selector(second_report, facts[2], "https://example.org/sel/reversed", 9, 3)
    report = validate(ds)
    by_focus = {}
    for v in report.violations:
        by_focus.setdefault(v.focus_node, set()).add(v.message)
    assert "the evidence span must end after it starts" in by_focus["https://example.org/sel/reversed"]
    assert "https://example.org/sel/negative" in by_focus
    assert str(facts[0]) not in by_focus
    assert {str(facts[1]), str(facts[2])} <= set(by_focus)


def test_an_entity_needs_exactly_one_chinese_label_pinyin_apart(sample_dataset):
    from rdflib import Dataset

    ds = Dataset()
    for q in sample_dataset.quads((None, None, None, None)):
        ds.add(q)
    places = _subjects(ds, UKG.level)
    ds.graph(URIRef("https://example.org/g")).add((places[0], SKOS.prefLabel, Literal("另一个名字", lang="zh")))
    for q in list(ds.quads((places[1], SKOS.prefLabel, None, None))):
        if q[2].language == "zh":
            ds.remove(q)
    wrong = {v.focus_node for v in validate(ds).violations if "Chinese label" in v.message}
    assert wrong == {str(places[0]), str(places[1])}


def test_a_fact_outside_an_article_graph_is_named(sample_dataset):
    """A fact's article is its named graph: a fact written in a graph that is no article's is a violation."""
    from rdflib import Dataset
    from rdflib.namespace import RDF

    from kg.validate import OUTSIDE_ARTICLE

    ds = Dataset()
    for q in sample_dataset.quads((None, None, None, None)):
        ds.add(q)
    assert validate(ds).conforms
    fact = _subjects(ds, UKG.evidence)[0]
    stray = ds.graph(URIRef("https://example.org/not-an-article"))
    stray.add((fact, RDF.type, UKG.Assistance))
    report = validate(ds)
    assert not report.conforms
    named = [v for v in report.violations if v.message == OUTSIDE_ARTICLE]
    assert [(v.focus_node, v.article_iri) for v in named] == [(str(fact), "https://example.org/not-an-article")]
