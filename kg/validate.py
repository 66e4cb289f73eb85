"""SHACL validation of a built graph (ontology/shapes.ttl, pySHACL).

A violation names the focus node, its label when it has one, and the article
graph the node was written in, so a user can go back to the source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH, SKOS

from .ontology import SHAPES_FILE
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
    return ValidationReport(bool(conforms), violations)


def _article_of(ds, node) -> str | None:
    if not isinstance(ds, Dataset) or node is None:
        return None
    for _, _, _, g in ds.quads((node, None, None, None)):
        gid = g.identifier if hasattr(g, "identifier") else g
        if isinstance(gid, URIRef) and gid not in (ENTITY_GRAPH, ONTOLOGY_GRAPH):
            return str(gid)
    return None
