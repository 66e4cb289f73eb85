"""KnowledgeBase -> RDF: one named graph per article, fact nodes with provenance.

* `id/graph/ontology` holds the vocabulary (so queries can use its labels);
* `id/graph/entities` holds each entity's type and labels (skos:prefLabel in
  zh and zh-Latn-pinyin, skos:altLabel for aliases, skos:notation for
  division codes, ukg:level, ukg:unionOf).
* `id/article/<article id>` holds the article node (schema:NewsArticle) and
  every fact read from it: an n-ary fact node (ukg:Assistance …) with
  ukg:subject, ukg:object, amount, year, role and ukg:evidence a
  text-position selector with the exact quote; plus the plain shortcut
  triple (ukg:assists …) for simple queries.

What a quad would only repeat is not written: a fact's article is the named
graph it is in (`GRAPH ?g { ?f a ukg:Assistance }`, the graph's IRI is the
article node), so no prov:wasDerivedFrom; a selector's class follows from
the range of ukg:evidence (oa:TextPositionSelector), so no rdf:type; an
entity's Chinese name is its skos:prefLabel@zh (a sub-property of
rdfs:label), so no rdfs:label with the same text.

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
from rdflib.namespace import ORG, PROV, RDF, SKOS, XSD

from .ontology import CLASS_OF, FACT_OF, ID, OA, PREFIXES, SCHEMA, UKG, load_ontology
from .resolve import ArticleMeta, KBEntity, KBFact, KnowledgeBase

ENTITY_GRAPH = ID["graph/entities"]
ONTOLOGY_GRAPH = ID["graph/ontology"]


def iri(key: str) -> URIRef:
    return ID[key]


def article_graph_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


# ----------------------------------------------------------------------------- N-Quads terms

_ID = str(ID)


def _niri(key: str) -> str:
    """`nq_iri(iri(key))` without the rdflib term (a string join)."""
    return f"<{_ID}{key}>"


@lru_cache(maxsize=None)
def _P(term) -> str:
    """A vocabulary term in N-Quads syntax, made once."""
    return f"<{term}>"


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
    if datatype == XSD.string:
        return nq_literal(value)
    return f'"{value.translate(_ESCAPES)}"^^{_P(datatype)}'


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


class _E:
    """The terms of the entity labels in N-Quads syntax, made once."""

    TYPE, PREF, ALT = f"<{RDF.type}>", f"<{SKOS.prefLabel}>", f"<{SKOS.altLabel}>"
    LEVEL, NOTATION, KIND, UNION_OF = f"<{UKG.level}>", f"<{SKOS.notation}>", f"<{UKG.unionKind}>", f"<{UKG.unionOf}>"
    INFLUENCED, SCOPE = f"<{PROV.wasInfluencedBy}>", f"<{SKOS.scopeNote}>"
    CLASS_OF = {t: f"<{c}>" for t, c in CLASS_OF.items()}
    UNPLACED = nq_literal("written without its place in one article that gives none; a node of that article only", lang="en")


def _place_and_union(node: str, e: KBEntity) -> list[tuple[str, str, str]]:
    out = []
    if e.type == "Place":
        if e.level:
            out.append((node, _E.LEVEL, f"<{UKG}{e.level}>"))
        if e.code:
            out.append((node, _E.NOTATION, nq_literal(e.code)))
    if e.type == "Union":
        out.append((node, _E.KIND, f"<{UKG}{e.kind or 'other'}>"))
        if e.place_key:
            out.append((node, _E.UNION_OF, _niri(e.place_key)))
    return out


def entity_statements(e: KBEntity) -> list[tuple[str, str, str]]:
    """The labels and kind of one entity (its `english` and `pinyin` already set)."""
    node = _niri(e.key)
    # a campaign's own labels are in the ontology graph: written again here, a store
    # whose default graph is the union of graphs (Oxigraph) would answer them twice
    declared = _campaign_labels().get(e.key, ())
    out = [(node, _E.TYPE, _E.CLASS_OF[e.type])]
    if e.name not in declared:
        out.append((node, _E.PREF, _zh(e.name)))
    if e.pinyin:
        out.append((node, _E.PREF, nq_literal(e.pinyin, lang="zh-Latn-pinyin")))
    if e.english:
        out.append((node, _E.PREF, nq_literal(e.english, lang="en")))
    out += [(node, _E.ALT, _zh(alias)) for alias in sorted(e.aliases) if alias not in declared]
    out += _place_and_union(node, e)
    if getattr(e, "campaign_key", None):
        # a local programme of a national campaign (why not skos:broader: ukg:Campaigns)
        out.append((node, _E.INFLUENCED, _niri(e.campaign_key)))
    if getattr(e, "unplaced", False):
        out.append((node, _E.SCOPE, _E.UNPLACED))
    return out


_ENTITY_GRAPH_NQ = f"<{ENTITY_GRAPH}>"


def entity_nquads(e: KBEntity) -> str:
    return "".join(f"{s} {p} {o} {_ENTITY_GRAPH_NQ} .\n" for s, p, o in entity_statements(e))


# ----------------------------------------------------------------------------- articles


def article_statements(meta: ArticleMeta, url: str | None = None) -> list[tuple[str, str, str]]:
    """The article node's statements (`url`: its file's absolute path, when the caller has it)."""
    art = nq_iri(article_graph_iri(meta.id))
    out = [(art, nq_iri(RDF.type), nq_iri(SCHEMA.NewsArticle))]
    if meta.title:
        out.append((art, nq_iri(SCHEMA.headline), _zh(meta.title)))
    if meta.date:
        out.append((art, nq_iri(SCHEMA.datePublished), _typed(meta.date, XSD.date)))
    # absolute, so that builds from other folders name the same file alike
    out.append((art, nq_iri(SCHEMA.url), nq_literal(url if url is not None else Path(meta.path).resolve().as_posix())))
    for author in meta.authors:
        out.append((art, nq_iri(SCHEMA.author), _zh(author)))
    return out


def _tellings(f: KBFact, article_id: str) -> list:
    """The evidence spans of a fact told by one article (one per telling)."""
    evidence = getattr(f, "evidence", None)
    if evidence is None:  # a fact of one telling
        return [f] if f.article_id == article_id else []
    return [ev for ev in evidence if ev.article_id == article_id]


class _V:
    """The terms an article's facts are written with, in N-Quads syntax, made once."""

    TYPE, SUBJECT, OBJECT = f"<{RDF.type}>", f"<{UKG.subject}>", f"<{UKG.object}>"
    AMOUNT, APPROX, YEAR = f"<{UKG.amountYuan}>", f"<{UKG.approximate}>", f"<{UKG.year}>"
    ROLE, EVIDENCE = f"<{ORG.role}>", f"<{UKG.evidence}>"
    START, END, EXACT = f"<{OA.start}>", f"<{OA.end}>", f"<{OA.exact}>"
    FACT_OF = {p: (f"<{cls}>", f"<{shortcut}>") for p, (cls, shortcut) in FACT_OF.items()}
    NNI = f"<{XSD.nonNegativeInteger}>"


def _selector(fact: str, t) -> list[tuple[str, str, str]]:
    # named by the telling alone: articles resolved one at a time give one fact
    # node several selectors, never one selector several spans; an oa:TextPositionSelector
    # by the range of ukg:evidence (no rdf:type quad)
    selector = f"<{fact}#span-{t.article_id}-{t.start}-{t.end}>"
    return [(f"<{fact}>", _V.EVIDENCE, selector),
            (selector, _V.START, f'"{t.start}"^^{_V.NNI}'),
            (selector, _V.END, f'"{t.end}"^^{_V.NNI}'),
            (selector, _V.EXACT, nq_literal(t.quote))]


def fact_statements(f: KBFact, article_id: str) -> list[tuple[str, str, str]]:
    """A fact node as told by one article: what it says and where the article says it."""
    tellings = _tellings(f, article_id)
    if not tellings:
        return []
    fact = _ID + f.key
    node = f"<{fact}>"
    cls, shortcut = _V.FACT_OF[f.p]
    subject = _niri(f.s_key)
    obj = _zh(f.literal) if f.literal is not None else _niri(f.o_key)
    out = [(subject, shortcut, obj), (node, _V.TYPE, cls), (node, _V.SUBJECT, subject), (node, _V.OBJECT, obj)]
    if f.amount_yuan is not None:
        out.append((node, _V.AMOUNT, _typed(f"{f.amount_yuan:.2f}".rstrip("0").rstrip("."), XSD.decimal)))
        out.append((node, _V.APPROX, _typed("true" if f.approximate else "false", XSD.boolean)))
    if f.year is not None:
        out.append((node, _V.YEAR, _typed(str(f.year), XSD.gYear)))
    if f.role:
        out.append((node, _V.ROLE, _zh(f.role)))
    # its article is the named graph it is written in (no prov:wasDerivedFrom)
    for t in tellings:
        out += _selector(fact, t)
    return out


def article_nquads(meta: ArticleMeta, facts: Iterable[KBFact], url: str | None = None) -> str:
    """One article's named graph as N-Quads: the article node and every fact it tells
    (`url`: the file's absolute path, when the caller has resolved it already)."""
    graph = article_graph_iri(meta.id)
    statements = article_statements(meta, url)
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
