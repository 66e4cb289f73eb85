"""KnowledgeBase -> RDF: one named graph per article, fact nodes with provenance.

* `id/graph/ontology` holds the vocabulary (so queries can use its labels);
* `id/graph/entities` holds each entity's type and labels (skos:prefLabel in
  zh and zh-Latn-pinyin, skos:altLabel for aliases, skos:notation for
  division codes, ukg:level, ukg:unionOf).
* `id/article/<article id>` holds the article node (schema:NewsArticle) and
  every fact read from it: an n-ary fact node (ukg:Assistance …) with
  ukg:subject, ukg:object, amount, year, role, prov:wasDerivedFrom the
  article and ukg:evidence a text-position selector with the exact quote;
  plus the plain shortcut triple (ukg:assists …) for simple queries.

Rebuilding an article replaces its graph, so builds are idempotent; nothing
a user may point at is a blank node.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, XSD

from .ontology import CLASS_OF, FACT_OF, ID, OA, PREFIXES, SCHEMA, UKG, load_ontology
from .resolve import KnowledgeBase

ENTITY_GRAPH = ID["graph/entities"]
ONTOLOGY_GRAPH = ID["graph/ontology"]


def iri(key: str) -> URIRef:
    return ID[key]


def article_graph_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


def kb_to_dataset(kb: KnowledgeBase) -> Dataset:
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    onto = ds.graph(ONTOLOGY_GRAPH)
    for t in load_ontology():
        onto.add(t)
    ents = ds.graph(ENTITY_GRAPH)
    for e in kb.entities.values():
        node = iri(e.key)
        ents.add((node, RDF.type, CLASS_OF[e.type]))
        ents.add((node, SKOS.prefLabel, Literal(e.name, lang="zh")))
        ents.add((node, RDFS.label, Literal(e.name, lang="zh")))
        if e.pinyin:
            ents.add((node, SKOS.prefLabel, Literal(e.pinyin, lang="zh-Latn-pinyin")))
        if e.english:
            ents.add((node, SKOS.prefLabel, Literal(e.english, lang="en")))
        for alias in sorted(e.aliases):
            ents.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
        if e.type == "Place":
            if e.level:
                ents.add((node, UKG.level, UKG[e.level]))
            if e.code:
                ents.add((node, SKOS.notation, Literal(e.code)))
        if e.type == "Union":
            ents.add((node, UKG.unionKind, UKG[e.kind or "other"]))
            if e.place_key:
                ents.add((node, UKG.unionOf, iri(e.place_key)))
    for meta in kb.articles.values():
        g = ds.graph(article_graph_iri(meta.id))
        art = article_graph_iri(meta.id)
        g.add((art, RDF.type, SCHEMA.NewsArticle))
        if meta.title:
            g.add((art, SCHEMA.headline, Literal(meta.title, lang="zh")))
        if meta.date:
            g.add((art, SCHEMA.datePublished, Literal(meta.date, datatype=XSD.date)))
        # absolute, so that builds from other folders name the same file alike
        g.add((art, SCHEMA.url, Literal(Path(meta.path).resolve().as_posix())))
        for author in meta.authors:
            g.add((art, SCHEMA.author, Literal(author, lang="zh")))
    for f in kb.facts:
        g = ds.graph(article_graph_iri(f.article_id))
        fact = iri(f.key)
        cls, shortcut = FACT_OF[f.p]
        subject = iri(f.s_key)
        obj = Literal(f.literal, lang="zh") if f.literal is not None else iri(f.o_key)
        g.add((subject, shortcut, obj))
        g.add((fact, RDF.type, cls))
        g.add((fact, UKG.subject, subject))
        g.add((fact, UKG.object, obj))
        if f.amount_yuan is not None:
            g.add((fact, UKG.amountYuan, Literal(f"{f.amount_yuan:.2f}".rstrip("0").rstrip("."), datatype=XSD.decimal)))
            g.add((fact, UKG.approximate, Literal(bool(f.approximate))))
        if f.year is not None:
            g.add((fact, UKG.year, Literal(str(f.year), datatype=XSD.gYear)))
        if f.role:
            g.add((fact, ORG.role, Literal(f.role, lang="zh")))
        g.add((fact, PROV.wasDerivedFrom, article_graph_iri(f.article_id)))
        selector = URIRef(f"{fact}#span")
        g.add((fact, UKG.evidence, selector))
        g.add((selector, RDF.type, OA.TextPositionSelector))
        g.add((selector, OA.start, Literal(f.start, datatype=XSD.nonNegativeInteger)))
        g.add((selector, OA.end, Literal(f.end, datatype=XSD.nonNegativeInteger)))
        g.add((selector, OA.exact, Literal(f.quote)))
    return ds
