"""RDF: named graph per article, fact nodes with provenance, no blank nodes."""

from rdflib import BNode, URIRef
from rdflib.namespace import PROV, SKOS

from kg.ontology import OA, UKG, load_ontology
from kg.rdf import ENTITY_GRAPH, article_graph_iri


def test_ontology_terms_have_labels_and_reasons():
    onto = load_ontology()
    from rdflib.namespace import RDFS

    own = [s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(str(UKG)) and (s, RDFS.comment, None) in onto]
    assert len(own) >= 20
    for term in (UKG.Union, UKG.Assistance, UKG.amountYuan):
        langs = {l.language for l in onto.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs


def test_every_fact_has_article_and_evidence(sample_dataset, sample_kb):
    quads = list(sample_dataset.quads((None, None, None, None)))
    assert not any(isinstance(t, BNode) for q in quads for t in q[:3])
    facts = set(sample_dataset.subjects(UKG.evidence, None))
    assert len(facts) == len(sample_kb.facts)
    for fact in facts:
        article = sample_dataset.value(fact, PROV.wasDerivedFrom)
        selector = sample_dataset.value(fact, UKG.evidence)
        assert str(article).startswith(str(article_graph_iri("")))
        assert sample_dataset.value(selector, OA.exact) is not None


def test_entity_labels_in_their_own_graph(sample_dataset):
    ents = sample_dataset.graph(ENTITY_GRAPH)
    labels = {str(o) for o in ents.objects(None, SKOS.prefLabel)}
    assert {"北京市总工会", "bei jing shi zong gong hui", "双元村"} <= labels
