"""The unionkg vocabulary, with the reused W3C namespaces, and its files.

The terms are declared (with labels and the reason each exists) in
`ontology/unionkg.ttl`; `UKG` (a closed rdflib `DefinedNamespace`) and the
tables of entity types and predicates live in `kg.vocabulary`, and the
lookups below are read from them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from .vocabulary import ENTITY_TYPES, PREDICATES, SCHEMA, UKG

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "unionkg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

ID = Namespace("https://w3id.org/unionkg/id/")
OA = Namespace("http://www.w3.org/ns/oa#")

PREFIXES = {
    "ukg": UKG, "id": ID, "schema": SCHEMA, "oa": OA, "org": ORG, "foaf": FOAF, "prov": PROV,
    "skos": SKOS, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL,
}

# entity type -> RDF class
CLASS_OF = {t.name: t.rdf_class for t in ENTITY_TYPES}
# predicate -> (fact class, shortcut property)
FACT_OF = {p.name: (p.fact_class, p.shortcut) for p in PREDICATES}


@lru_cache(maxsize=1)
def load_ontology() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY_FILE, format="turtle")
    return g


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
