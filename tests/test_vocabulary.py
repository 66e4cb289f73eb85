"""One vocabulary: `UKG` against ontology/unionkg.ttl, the tables against the ontology."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from kg.graph import PREDICATE_BY_CLASS, PREDICATE_LABEL, TYPE_BY_CLASS
from kg.model import ENTITY_TYPES as MODEL_TYPES
from kg.model import LEVELS
from kg.model import PREDICATES as MODEL_PREDICATES
from kg.ontology import CLASS_OF, FACT_OF, ONTOLOGY_FILE, SHAPES_FILE, load_ontology
from kg.viz import PREDICATE_COLOURS, TYPE_COLOURS
from kg.vocabulary import ENTITY_TYPES, PREDICATES, UKG, predicate, predicate_of_fact_class

ROOT = Path(__file__).resolve().parent.parent
NS = str(UKG)


def _members() -> set[str]:
    return {str(term)[len(NS):] for term in dir(UKG)}


def _ttl_terms() -> set[str]:
    return {
        str(t)[len(NS):]
        for triple in load_ontology()
        for t in triple
        if isinstance(t, URIRef) and str(t).startswith(NS)
    }


def test_every_ukg_member_is_declared_in_the_ontology_file():
    g = load_ontology()
    undeclared = sorted(m for m in _members() if (UKG[m], RDF.type, None) not in g)
    assert not undeclared, f"in kg.vocabulary.UKG but not declared in {ONTOLOGY_FILE.name}: {undeclared}"


def test_every_ukg_term_of_the_ontology_file_is_a_member():
    missing = sorted(_ttl_terms() - _members())
    assert not missing, f"used in {ONTOLOGY_FILE.name} but missing from kg.vocabulary.UKG: {missing}"


def test_a_misspelt_term_fails_instead_of_minting_an_iri():
    with pytest.raises(AttributeError, match="asists"):
        UKG.asists  # noqa: B018


def _terms_used_in_code() -> dict[str, set[str]]:
    """ukg terms written in the package's code, queries and shapes, by file."""
    files = [*ROOT.joinpath("kg").rglob("*.py"), *ROOT.joinpath("kg").rglob("*.rq"), SHAPES_FILE]
    pattern = re.compile(r"\bukg:([A-Za-z_]\w*)|\bUKG\.([A-Za-z_]\w*)|\bUKG\[\"(\w+)\"\]")
    used: dict[str, set[str]] = {}
    for f in files:
        for m in pattern.finditer(f.read_text(encoding="utf-8")):
            used.setdefault(next(g for g in m.groups() if g), set()).add(f.name)
    return used


def test_every_ukg_term_the_code_writes_is_declared():
    shapes = Graph().parse(SHAPES_FILE)
    shape_names = {str(s)[len(NS):] for s in shapes.subjects(RDF.type, SH.NodeShape) if str(s).startswith(NS)}
    used = _terms_used_in_code()
    assert {"assists", "Assistance", "subject", "evidence"} <= set(used)  # the scan reads the code
    unknown = {t: sorted(files) for t, files in used.items() if t not in _members() and t not in shape_names}
    assert not unknown, f"ukg terms used but not in the vocabulary: {unknown}"


def test_levels_are_concepts_of_the_vocabulary():
    for level in LEVELS:
        assert UKG[level] in UKG and (UKG[level], RDF.type, None) in load_ontology()


def test_model_and_tables_read_one_list_in_one_order():
    assert MODEL_PREDICATES == tuple(p.name for p in PREDICATES)
    assert MODEL_TYPES == tuple(t.name for t in ENTITY_TYPES)
    assert list(FACT_OF) == list(PREDICATE_LABEL) == list(PREDICATE_COLOURS) == list(MODEL_PREDICATES)
    assert list(CLASS_OF) == list(TYPE_COLOURS) == list(MODEL_TYPES)
    assert len(set(PREDICATE_COLOURS.values())) == len(PREDICATES)
    assert len(set(TYPE_COLOURS.values())) == len(ENTITY_TYPES)


def test_the_projection_reads_back_what_the_writer_writes():
    for p in PREDICATES:
        assert PREDICATE_BY_CLASS[str(p.fact_class).rsplit("#", 1)[1]] == p.name
        assert predicate_of_fact_class(p.fact_class) is p
    for t in ENTITY_TYPES:
        assert TYPE_BY_CLASS[str(CLASS_OF[t.name])] == t.name


@pytest.mark.parametrize("row", PREDICATES, ids=lambda p: p.name)
def test_predicate_rows_agree_with_the_ontology(row):
    g = load_ontology()
    assert (row.fact_class, RDFS.subClassOf, UKG.Fact) in g
    for t in row.subject_types + row.object_types:
        assert t in MODEL_TYPES
    if str(row.shortcut).startswith(NS):
        kind = OWL.DatatypeProperty if not row.object_types else OWL.ObjectProperty
        assert (row.shortcut, RDF.type, kind) in g
        for end, types in ((RDFS.domain, row.subject_types), (RDFS.range, row.object_types)):
            declared = g.value(row.shortcut, end)
            if declared is not None:
                assert {CLASS_OF[t] for t in types} == {declared}, f"{row.name}: {end} says {declared}"


def test_unknown_predicate_names_the_known_ones():
    with pytest.raises(KeyError, match="assists"):
        predicate("helps")


def test_the_examples_in_the_docstrings_hold():
    import doctest

    import kg.vocabulary

    result = doctest.testmod(kg.vocabulary)
    assert result.attempted >= 3 and result.failed == 0
