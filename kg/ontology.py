"""The unionkg vocabulary, with the reused W3C namespaces, and its files.

The terms are declared (with labels and the reason each exists) in
`ontology/unionkg.ttl`; `UKG` is the namespace to build IRIs with.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "unionkg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

UKG = Namespace("https://w3id.org/unionkg/ontology#")
ID = Namespace("https://w3id.org/unionkg/id/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")

PREFIXES = {
    "ukg": UKG, "id": ID, "schema": SCHEMA, "oa": OA, "org": ORG, "foaf": FOAF, "prov": PROV,
    "skos": SKOS, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL,
}

# entity type -> RDF class
CLASS_OF = {
    "Union": UKG.Union,
    "Place": UKG.Place,
    "Person": FOAF.Person,
    "Organisation": ORG.Organization,
    "Programme": UKG.Programme,
}
# predicate -> (fact class, shortcut property)
FACT_OF = {
    "assists": (UKG.Assistance, UKG.assists),
    "runs": (UKG.Running, UKG.runs),
    "locatedIn": (UKG.Location, UKG.locatedIn),
    "basedIn": (UKG.Seat, UKG.basedIn),
    "partOf": (UKG.Containment, SCHEMA.containedInPlace),
    "subOrganisationOf": (UKG.Subordination, ORG.subOrganizationOf),
    "holdsPost": (UKG.PostHolding, UKG.holdsPostIn),
    "hasTitle": (UKG.Honour, UKG.title),
}


@lru_cache(maxsize=1)
def load_ontology() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY_FILE, format="turtle")
    return g


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
