"""SHACL validation of a built graph (ontology/shapes.ttl, pySHACL).

A violation names the focus node, its label when it has one, and the article
graph the node was written in, so a user can go back to the source.

SHACL sees the union of the graphs; that a fact comes from an article is
where it is written (a fact's article is its named graph, whose IRI is a
schema:NewsArticle stated in it), so `_facts_outside_articles` checks that on
the dataset itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH, SKOS

from .ontology import FACT_OF, SCHEMA, SHAPES_FILE
from .rdf import ENTITY_GRAPH, ONTOLOGY_GRAPH


@dataclass
class Violation:
    focus_node: str
    label: str | None
    message: str
    path: str | None
    article_iri: str | None


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)


def _union_graph(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def validate(target) -> ValidationReport:
    """Validate a store, a Dataset or a Graph against the shapes."""
    from pyshacl import validate as shacl

    ds = target.dataset() if hasattr(target, "dataset") and callable(target.dataset) else target
    data = _union_graph(ds) if isinstance(ds, Dataset) else ds
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    conforms, report, _ = shacl(data, shacl_graph=shapes, inference="none", advanced=True)
    violations = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        label = data.value(focus, SKOS.prefLabel) if focus is not None else None
        violations.append(
            Violation(str(focus), str(label) if label else None, str(message) if message else "violates a shape",
                      str(path) if path else None, _article_of(ds, focus))
        )
    if isinstance(ds, Dataset):
        violations += _facts_outside_articles(ds, data)
    return ValidationReport(not violations and bool(conforms), violations)


OUTSIDE_ARTICLE = "a fact must be written in an article's graph (a named graph whose IRI is a schema:NewsArticle stated in it)"


def _graph_id(g):
    return g.identifier if hasattr(g, "identifier") else g


def _facts_outside_articles(ds: Dataset, data: Graph) -> list[Violation]:
    """A violation for each fact node typed in a graph that is not an article's."""
    classes = {cls for cls, _ in FACT_OF.values()}
    by_graph: dict = {}
    for fact, _, cls, g in ds.quads((None, RDF.type, None, None)):
        if cls in classes:
            by_graph.setdefault(_graph_id(g), set()).add(fact)
    out = []
    for gid, facts in by_graph.items():
        if isinstance(gid, URIRef) and (gid, RDF.type, SCHEMA.NewsArticle, gid) in ds:
            continue
        for fact in sorted(facts):
            label = data.value(fact, SKOS.prefLabel)
            out.append(Violation(str(fact), str(label) if label else None, OUTSIDE_ARTICLE, None,
                                 str(gid) if isinstance(gid, URIRef) else None))
    return out


def _article_of(ds, node) -> str | None:
    if not isinstance(ds, Dataset) or node is None:
        return None
    for _, _, _, g in ds.quads((node, None, None, None)):
        gid = g.identifier if hasattr(g, "identifier") else g
        if isinstance(gid, URIRef) and gid not in (ENTITY_GRAPH, ONTOLOGY_GRAPH):
            return str(gid)
    return None
