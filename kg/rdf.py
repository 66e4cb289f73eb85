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

The graphs are written as N-Quads text, one part at a time, so that the
streaming build can write one article's graph the moment it is extracted
(`article_nquads`) and one entity's labels when they change
(`entity_nquads`), with no rdflib term objects (which cost about 10 µs
each); `kb_to_dataset` assembles the same text into an rdflib Dataset for
small corpora and tests.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from rdflib import Dataset, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, XSD

from .ontology import CLASS_OF, FACT_OF, ID, OA, PREFIXES, SCHEMA, UKG, load_ontology
from .resolve import ArticleMeta, KBEntity, KBFact, KnowledgeBase

ENTITY_GRAPH = ID["graph/entities"]
ONTOLOGY_GRAPH = ID["graph/ontology"]


def iri(key: str) -> URIRef:
    return ID[key]


def article_graph_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


# ----------------------------------------------------------------------------- N-Quads terms

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nq_iri(value: str) -> str:
    return f"<{value}>"


def nq_literal(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal in N-Quads syntax.

    Examples
    --------
    >>> nq_literal('他说"好"', lang="zh")
    '"他说\\\\"好\\\\""@zh'
    >>> nq_literal("2019", datatype="http://www.w3.org/2001/XMLSchema#gYear")
    '"2019"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    """
    text = f'"{value.translate(_ESCAPES)}"'
    if lang:
        return f"{text}@{lang}"
    if datatype and datatype != str(XSD.string):
        return f"{text}^^<{datatype}>"
    return text


def _zh(value: str) -> str:
    return nq_literal(value, lang="zh")


def _typed(value: str, datatype) -> str:
    return nq_literal(value, datatype=str(datatype))


def _quads(statements: Iterable[tuple[str, str, str]], graph: str) -> Iterator[str]:
    g = nq_iri(graph)
    for s, p, o in statements:
        yield f"{s} {p} {o} {g} .\n"


# ----------------------------------------------------------------------------- ontology


@lru_cache(maxsize=1)
def ontology_nquads() -> str:
    """The vocabulary as N-Quads in `id/graph/ontology`, in a stable order."""
    lines = []
    for s, p, o in load_ontology():
        lines.append(f"{s.n3()} {p.n3()} {o.n3() if not hasattr(o, 'language') else _rdflib_literal(o)} {nq_iri(ONTOLOGY_GRAPH)} .\n")
    return "".join(sorted(lines))


def _rdflib_literal(o) -> str:
    return nq_literal(str(o), lang=o.language, datatype=str(o.datatype) if o.datatype else None)


# ----------------------------------------------------------------------------- entities


@lru_cache(maxsize=1)
def _campaign_labels() -> dict[str, tuple[str, ...]]:
    from .resolve import campaigns

    return {c.key: c.labels for c in campaigns()}


def entity_statements(e: KBEntity) -> list[tuple[str, str, str]]:
    """The labels and kind of one entity (its `english` and `pinyin` already set)."""
    node = nq_iri(iri(e.key))
    # a campaign's own labels are in the ontology graph: written again here, a store
    # whose default graph is the union of graphs (Oxigraph) would answer them twice
    declared = _campaign_labels().get(e.key, ())
    out = [(node, nq_iri(RDF.type), nq_iri(CLASS_OF[e.type])),
           (node, nq_iri(RDFS.label), _zh(e.name))]
    if e.name not in declared:
        out.append((node, nq_iri(SKOS.prefLabel), _zh(e.name)))
    if e.pinyin:
        out.append((node, nq_iri(SKOS.prefLabel), nq_literal(e.pinyin, lang="zh-Latn-pinyin")))
    if e.english:
        out.append((node, nq_iri(SKOS.prefLabel), nq_literal(e.english, lang="en")))
    for alias in sorted(e.aliases):
        if alias not in declared:
            out.append((node, nq_iri(SKOS.altLabel), _zh(alias)))
    if e.type == "Place":
        if e.level:
            out.append((node, nq_iri(UKG.level), nq_iri(UKG[e.level])))
        if e.code:
            out.append((node, nq_iri(SKOS.notation), nq_literal(e.code)))
    if e.type == "Union":
        out.append((node, nq_iri(UKG.unionKind), nq_iri(UKG[e.kind or "other"])))
        if e.place_key:
            out.append((node, nq_iri(UKG.unionOf), nq_iri(iri(e.place_key))))
    if getattr(e, "campaign_key", None):
        # a local programme of a national campaign (why not skos:broader: ukg:Campaigns)
        out.append((node, nq_iri(PROV.wasInfluencedBy), nq_iri(iri(e.campaign_key))))
    if getattr(e, "unplaced", False):
        out.append((node, nq_iri(SKOS.scopeNote),
                     nq_literal("written without its place in one article that gives none; a node of that article only", lang="en")))
    return out


def entity_nquads(e: KBEntity) -> str:
    return "".join(_quads(entity_statements(e), ENTITY_GRAPH))


# ----------------------------------------------------------------------------- articles


def article_statements(meta: ArticleMeta) -> list[tuple[str, str, str]]:
    art = nq_iri(article_graph_iri(meta.id))
    out = [(art, nq_iri(RDF.type), nq_iri(SCHEMA.NewsArticle))]
    if meta.title:
        out.append((art, nq_iri(SCHEMA.headline), _zh(meta.title)))
    if meta.date:
        out.append((art, nq_iri(SCHEMA.datePublished), _typed(meta.date, XSD.date)))
    # absolute, so that builds from other folders name the same file alike
    out.append((art, nq_iri(SCHEMA.url), nq_literal(Path(meta.path).resolve().as_posix())))
    for author in meta.authors:
        out.append((art, nq_iri(SCHEMA.author), _zh(author)))
    return out


def _tellings(f: KBFact, article_id: str) -> list:
    """The evidence spans of a fact told by one article (one per telling)."""
    evidence = getattr(f, "evidence", None)
    if evidence is None:  # a fact of one telling
        return [f] if f.article_id == article_id else []
    return [ev for ev in evidence if ev.article_id == article_id]


def fact_statements(f: KBFact, article_id: str) -> list[tuple[str, str, str]]:
    """A fact node as told by one article: what it says and where the article says it."""
    tellings = _tellings(f, article_id)
    if not tellings:
        return []
    fact = iri(f.key)
    node = nq_iri(fact)
    cls, shortcut = FACT_OF[f.p]
    subject = nq_iri(iri(f.s_key))
    obj = _zh(f.literal) if f.literal is not None else nq_iri(iri(f.o_key))
    out = [(subject, nq_iri(shortcut), obj),
           (node, nq_iri(RDF.type), nq_iri(cls)),
           (node, nq_iri(UKG.subject), subject),
           (node, nq_iri(UKG.object), obj)]
    if f.amount_yuan is not None:
        out.append((node, nq_iri(UKG.amountYuan), _typed(f"{f.amount_yuan:.2f}".rstrip("0").rstrip("."), XSD.decimal)))
        out.append((node, nq_iri(UKG.approximate), _typed("true" if f.approximate else "false", XSD.boolean)))
    if f.year is not None:
        out.append((node, nq_iri(UKG.year), _typed(str(f.year), XSD.gYear)))
    if f.role:
        out.append((node, nq_iri(ORG.role), _zh(f.role)))
    out.append((node, nq_iri(PROV.wasDerivedFrom), nq_iri(article_graph_iri(article_id))))
    for t in tellings:
        # named by the telling alone: articles resolved one at a time give one fact
        # node several selectors, never one selector several spans
        selector = nq_iri(f"{fact}#span-{t.article_id}-{t.start}-{t.end}")
        out += [(node, nq_iri(UKG.evidence), selector),
                (selector, nq_iri(RDF.type), nq_iri(OA.TextPositionSelector)),
                (selector, nq_iri(OA.start), _typed(str(t.start), XSD.nonNegativeInteger)),
                (selector, nq_iri(OA.end), _typed(str(t.end), XSD.nonNegativeInteger)),
                (selector, nq_iri(OA.exact), nq_literal(t.quote))]
    return out


def article_nquads(meta: ArticleMeta, facts: Iterable[KBFact]) -> str:
    """One article's named graph as N-Quads: the article node and every fact it tells."""
    graph = article_graph_iri(meta.id)
    statements = article_statements(meta)
    for f in facts:
        statements += fact_statements(f, meta.id)
    return "".join(_quads(statements, graph))


def kb_nquads(kb: KnowledgeBase) -> Iterator[str]:
    """Every quad of a knowledge base: ontology, entities, then article by article."""
    yield ontology_nquads()
    for e in kb.entities.values():
        yield entity_nquads(e)
    told_by: dict[str, list[KBFact]] = {}
    for f in kb.facts:
        for article_id in dict.fromkeys(t.article_id for t in getattr(f, "evidence", None) or [f]):
            told_by.setdefault(article_id, []).append(f)
    for meta in kb.articles.values():
        yield article_nquads(meta, told_by.get(meta.id, []))


def kb_to_dataset(kb: KnowledgeBase) -> Dataset:
    ds = Dataset(default_union=True)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.parse(data="".join(kb_nquads(kb)), format="nquads")
    return ds
