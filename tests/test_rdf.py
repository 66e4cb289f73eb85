"""RDF: named graph per article, fact nodes with provenance, no blank nodes."""

from rdflib import BNode, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.ontology import OA, SCHEMA, UKG, load_ontology
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
    """A fact's article is the named graph it is in: the graph's IRI is a schema:NewsArticle
    stated in that graph, and the fact's evidence is in the same graph."""
    quads = list(sample_dataset.quads((None, None, None, None)))
    assert not any(isinstance(t, BNode) for q in quads for t in q[:3])
    facts = set(sample_dataset.subjects(UKG.evidence, None))
    assert len(facts) == len(sample_kb.facts)
    for fact in facts:
        graphs = {g.identifier if hasattr(g, "identifier") else g for _, _, _, g in sample_dataset.quads((fact, RDF.type, None, None))}
        assert graphs and all(str(g).startswith(str(article_graph_iri(""))) for g in graphs)
        for g in graphs:
            article = sample_dataset.graph(g)
            assert (g, RDF.type, SCHEMA.NewsArticle) in article
            selector = article.value(fact, UKG.evidence)
            assert article.value(selector, OA.exact) is not None


def test_no_quad_repeats_what_another_says(sample_dataset):
    """No prov:wasDerivedFrom (the named graph says it), no rdf:type on a selector (the range
    of ukg:evidence says it), no rdfs:label beside the same skos:prefLabel@zh."""
    assert not list(sample_dataset.quads((None, PROV.wasDerivedFrom, None, None)))
    selectors = set(sample_dataset.objects(None, UKG.evidence))
    assert selectors and not any((s, RDF.type, None) in sample_dataset for s in selectors)
    ents = sample_dataset.graph(ENTITY_GRAPH)
    assert len(ents) and not list(ents.triples((None, RDFS.label, None)))
    onto = load_ontology()
    assert (UKG.evidence, RDFS.range, OA.TextPositionSelector) in onto
    assert (SKOS.prefLabel, RDFS.subPropertyOf, RDFS.label) in onto


def test_articles_of_a_fact_told_twice_are_its_graphs():
    """A fact two articles tell is written in both graphs; asking for its graphs names both."""
    from kg.rdf import article_nquads
    from kg.resolve import ArticleMeta, Evidence, KBFact
    from rdflib import Dataset

    fact = KBFact("fact/f1", "u1", "assists", "v1", None, 3000.0, False, 2021, None,
                  [Evidence("a1", 4, 12, "甲工会帮扶乙村"), Evidence("a2", 0, 8, "甲工会又帮扶乙村")])
    ds = Dataset()
    for aid in ("a1", "a2"):
        meta = ArticleMeta(aid, f"/tmp/{aid}.txt", f"标题{aid}", "2021-05-01", [])
        ds.parse(data=article_nquads(meta, [fact]), format="nquads")
    rows = ds.query("SELECT ?g WHERE { GRAPH ?g { ?f a ?k ; ukg:evidence ?sel } }",
                    initNs={"ukg": UKG}, initBindings={"f": URIRef("https://w3id.org/unionkg/id/fact/f1")})
    assert sorted(str(r[0]) for r in rows) == [str(article_graph_iri("a1")), str(article_graph_iri("a2"))]


def test_entity_labels_in_their_own_graph(sample_dataset):
    ents = sample_dataset.graph(ENTITY_GRAPH)
    labels = {str(o) for o in ents.objects(None, SKOS.prefLabel)}
    assert {"北京市总工会", "bei jing shi zong gong hui", "双元村"} <= labels
