"""SHACL: built graphs conform; a broken fact is named with its article."""

from rdflib import Literal
from rdflib.namespace import XSD

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
    assert {"an amount is one non-negative decimal number of yuan", "a fact needs one evidence span"} <= {v.message for v in mine}
    assert all(v.article_iri and "/article/" in v.article_iri for v in mine)
