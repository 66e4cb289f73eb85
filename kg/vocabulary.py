"""One vocabulary: the ``ukg:`` terms and the tables of entity types and predicates.

`UKG` is an rdflib `DefinedNamespace`: every term the code or the queries use
is declared here, and `tests/test_vocabulary.py` checks the list against
``ontology/unionkg.ttl`` both ways, so a misspelt term raises `AttributeError` at
once instead of writing an IRI nothing declares.

`ENTITY_TYPES` and `PREDICATES` are the one place where an entity type or a
predicate of ANNOTATION.md is tied to its RDF class, its fact class and
shortcut property, its Chinese label and its colour on the page.  The model,
the ontology tables (`CLASS_OF`, `FACT_OF`), the RDF writer, the networkx
projection and the page all read them.

Examples
--------
>>> predicate("assists").fact_class == UKG.Assistance
True
>>> predicate_of_fact_class(UKG.PostHolding).name
'holdsPost'
>>> entity_type("Person").rdf_class
rdflib.term.URIRef('http://xmlns.com/foaf/0.1/Person')
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Namespace, URIRef
from rdflib.namespace import FOAF, ORG, DefinedNamespace

SCHEMA = Namespace("https://schema.org/")


class UKG(DefinedNamespace):
    """The unionkg ontology, ``https://w3id.org/unionkg/ontology#``.

    Declared with labels and the reason each term exists in
    ``ontology/unionkg.ttl``; grouped here as there.
    """

    _NS = Namespace("https://w3id.org/unionkg/ontology#")
    _fail = True

    # classes
    Union: URIRef  # any trade-union body
    Place: URIRef  # an administrative division, province to village
    Programme: URIRef  # a named campaign, project or facility for the poor
    Campaign: URIRef  # a nationwide union campaign (送温暖), one node for the archive
    Fact: URIRef  # an n-ary node for one statement of one article
    Assistance: URIRef  # fact class of assists
    Running: URIRef  # fact class of runs
    Location: URIRef  # fact class of locatedIn
    Seat: URIRef  # fact class of basedIn
    Containment: URIRef  # fact class of partOf
    Subordination: URIRef  # fact class of subOrganisationOf
    PostHolding: URIRef  # fact class of holdsPost
    Honour: URIRef  # fact class of hasTitle

    # shortcut properties
    assists: URIRef
    runs: URIRef
    locatedIn: URIRef
    basedIn: URIRef
    holdsPostIn: URIRef
    title: URIRef

    # fact and entity properties
    subject: URIRef
    object: URIRef
    amountYuan: URIRef
    approximate: URIRef
    year: URIRef
    evidence: URIRef
    level: URIRef
    unionKind: URIRef
    unionOf: URIRef

    # SKOS schemes and their concepts
    Levels: URIRef
    province: URIRef
    prefecture: URIRef
    county: URIRef
    township: URIRef
    village: URIRef
    UnionKinds: URIRef
    national: URIRef
    federation: URIRef
    industry: URIRef
    enterprise: URIRef
    other: URIRef
    Campaigns: URIRef


@dataclass(frozen=True)
class EntityType:
    """An entity type of ANNOTATION.md and how the graph shows it."""

    name: str  # as in the extraction JSON: Union, Place ...
    rdf_class: URIRef
    label_zh: str
    colour: str  # node colour on the page


@dataclass(frozen=True)
class Predicate:
    """A predicate of ANNOTATION.md and how the graph writes and shows it.

    `subject_types` and `object_types` are the entity types each end may
    have; an empty `object_types` means the object is a literal (an honour).
    """

    name: str  # as in the extraction JSON: assists, runs ...
    fact_class: URIRef  # the n-ary fact node's class
    shortcut: URIRef  # the plain triple written beside the fact node
    label_zh: str  # edge label on the page and in traces
    colour: str  # edge colour on the page
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]


_BODIES = ("Union", "Organisation")

ENTITY_TYPES: tuple[EntityType, ...] = (
    EntityType("Union", UKG.Union, "工会", "#d62728"),
    EntityType("Place", UKG.Place, "地方", "#2ca02c"),
    EntityType("Person", FOAF.Person, "人物", "#1f77b4"),
    EntityType("Organisation", ORG.Organization, "机构", "#ff7f0e"),
    EntityType("Programme", UKG.Programme, "项目", "#9467bd"),
)

PREDICATES: tuple[Predicate, ...] = (
    Predicate("assists", UKG.Assistance, UKG.assists, "帮扶", "#d62728", _BODIES, ("Place", "Union", "Organisation")),
    Predicate("runs", UKG.Running, UKG.runs, "开展", "#9467bd", _BODIES, ("Programme",)),
    Predicate("locatedIn", UKG.Location, UKG.locatedIn, "位于", "#8c564b", ("Programme",), ("Place",)),
    Predicate("basedIn", UKG.Seat, UKG.basedIn, "驻地", "#bcbd22", _BODIES, ("Place",)),
    Predicate("partOf", UKG.Containment, SCHEMA.containedInPlace, "隶属", "#2ca02c", ("Place",), ("Place",)),
    Predicate("subOrganisationOf", UKG.Subordination, ORG.subOrganizationOf, "下级", "#e377c2", ("Union",), ("Union",)),
    Predicate("holdsPost", UKG.PostHolding, UKG.holdsPostIn, "任职", "#1f77b4", ("Person",),
              ("Union", "Organisation", "Place")),
    Predicate("hasTitle", UKG.Honour, UKG.title, "荣誉", "#7f7f7f", ("Person",), ()),
)

ENTITY_TYPE_NAMES: tuple[str, ...] = tuple(t.name for t in ENTITY_TYPES)
PREDICATE_NAMES: tuple[str, ...] = tuple(p.name for p in PREDICATES)


def entity_type(name: str) -> EntityType:
    """The row of an entity type; `KeyError` for a type ANNOTATION.md lacks."""
    for t in ENTITY_TYPES:
        if t.name == name:
            return t
    raise KeyError(f"no entity type {name!r}; known: {', '.join(ENTITY_TYPE_NAMES)}")


def predicate(name: str) -> Predicate:
    """The row of a predicate; `KeyError` for a predicate ANNOTATION.md lacks."""
    for p in PREDICATES:
        if p.name == name:
            return p
    raise KeyError(f"no predicate {name!r}; known: {', '.join(PREDICATE_NAMES)}")


def predicate_of_fact_class(fact_class: str) -> Predicate | None:
    """The predicate whose fact nodes have this class (an IRI), if any."""
    for p in PREDICATES:
        if str(p.fact_class) == str(fact_class):
            return p
    return None
