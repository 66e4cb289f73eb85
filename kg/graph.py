"""networkx over the knowledge graph: projection, pairing traces, funding flows.

`project(store)` reads the entities and the fact nodes out of any store with
two SPARQL queries and returns a `MultiDiGraph`: one node per entity (label,
type, pinyin, level, code, sources), one edge per reported fact (predicate,
amount, year, role, article, quote).  The traces then are plain graph walks.

Example
-------
>>> g = project(store)                                   # doctest: +SKIP
>>> for chain in trace_chains(g, find_node(g, "西城区总工会")):
...     print(format_chain(g, chain))                     # doctest: +SKIP
西城区总工会 —帮扶→ 龙泉关村 —有项目→ 龙泉关村蔬菜大棚
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from .errors import KGError
from .ontology import sparql_prefixes
from .vocabulary import ENTITY_TYPES, PREDICATES, UKG

TYPE_BY_CLASS = {str(t.rdf_class): t.name for t in ENTITY_TYPES}
# the local name of a fact class (what _FACTS binds as ?kind) -> predicate
PREDICATE_BY_CLASS = {str(p.fact_class)[len(str(UKG)):]: p.name for p in PREDICATES}
PREDICATE_LABEL = {p.name: p.label_zh for p in PREDICATES}

_NODES = """
SELECT ?n ?type ?label ?pinyin ?en ?level ?code WHERE {
  ?n a ?type ; skos:prefLabel ?label . FILTER(lang(?label) = "zh")
  VALUES ?type { ukg:Union ukg:Place foaf:Person org:Organization ukg:Programme }
  OPTIONAL { ?n skos:prefLabel ?pinyin . FILTER(langMatches(lang(?pinyin), "zh-Latn-pinyin")) }
  OPTIONAL { ?n skos:prefLabel ?en . FILTER(lang(?en) = "en") }
  OPTIONAL { ?n ukg:level ?l . BIND(REPLACE(STR(?l), "^.*#", "") AS ?level) }
  OPTIONAL { ?n skos:notation ?code }
}"""

_FACTS = """
SELECT ?f ?kind ?s ?o ?amount ?approx ?year ?role ?article ?url ?quote ?start ?end WHERE {
  GRAPH ?g {
    ?f a ?k ; ukg:subject ?s ; ukg:object ?o ; ukg:evidence ?sel .
    ?sel oa:exact ?quote ; oa:start ?start ; oa:end ?end .
    OPTIONAL { ?f ukg:amountYuan ?amount }
    OPTIONAL { ?f ukg:approximate ?approx }
    OPTIONAL { ?f ukg:year ?y }
    OPTIONAL { ?f org:role ?role }
  }
  ?k rdfs:subClassOf ukg:Fact .
  BIND(REPLACE(STR(?k), "^.*#", "") AS ?kind)
  BIND(STR(?y) AS ?year)
  OPTIONAL { ?g schema:headline ?article }
  OPTIONAL { ?g schema:url ?url }
}"""


# with the nodes given first, a FILTER on the type (not VALUES, which Oxigraph would join
# first, reading every entity) keeps a neighbourhood's projection in milliseconds
_NODES_OF = _NODES.replace("VALUES ?type { ukg:Union ukg:Place foaf:Person org:Organization ukg:Programme }",
                           "FILTER(?type IN (ukg:Union, ukg:Place, foaf:Person, org:Organization, ukg:Programme))")


def _only(query: str, var: str, nodes: list[str] | None) -> str:
    """The query with `var` limited to the given node IRIs (a VALUES block first in its WHERE)."""
    if nodes is None:
        return query
    values = " ".join(f"<{n}>" for n in nodes)
    at = query.index("{") + 1
    return f"{query[:at]}\n  VALUES ?{var} {{ {values} }}{query[at:]}"


_CHUNK = 100  # Oxigraph's time grows with the square of a VALUES block's rows: ask 100 nodes at a time


def _rows(store, query: str, var: str, nodes: list[str] | None):
    """The query's rows, with `var` limited to the nodes (all of them when None), asked in chunks."""
    if nodes is None:
        yield from store.query(sparql_prefixes() + query).rows
        return
    for at in range(0, len(nodes), _CHUNK):
        yield from store.query(sparql_prefixes() + _only(query, var, nodes[at:at + _CHUNK])).rows


def project(store, nodes: list[str] | None = None) -> nx.MultiDiGraph:
    """The knowledge graph as a networkx MultiDiGraph (see module docstring).

    `nodes`: project only these entities and the facts among them (a large
    graph's overview, a trace's neighbourhood) instead of the whole graph.
    """
    g = nx.MultiDiGraph()
    if nodes is not None and not nodes:
        return g
    for n, type_, label, pinyin, en, level, code in _rows(store, _NODES_OF if nodes else _NODES, "n", nodes):
        g.add_node(n, label=label, type=TYPE_BY_CLASS.get(type_, "Organisation"), pinyin=pinyin, en=en,
                   level=level, code=code, sources=[])
    for f, kind, s, o, amount, approx, year, role, article, url, quote, start, end in _rows(store, _FACTS, "s", nodes):
        predicate = PREDICATE_BY_CLASS.get(kind)
        if predicate is None or s not in g:
            continue
        source = {"article": article or url or "", "url": url or "", "quote": quote, "start": int(start), "end": int(end)}
        g.nodes[s]["sources"].append(source)
        if predicate == "hasTitle":
            g.nodes[s].setdefault("titles", []).append(o)
            g.nodes[s].setdefault("title_sources", []).append({**source, "title": o})
            continue
        if o not in g:
            continue
        g.nodes[o]["sources"].append(source)
        g.add_edge(s, o, key=f, predicate=predicate, label=PREDICATE_LABEL[predicate],
                   amount_yuan=float(amount) if amount is not None else None, approximate=bool(approx),
                   year=int(year) if year else None, role=role, article=source["article"], url=source["url"], quote=quote,
                   start=source["start"], end=source["end"])
    return g


_NAMED = """
SELECT DISTINCT ?n WHERE { ?n skos:prefLabel|skos:altLabel ?label }"""

# the steps trace_chains walks: out along these facts, and into places along these.
# Asked of each fact's shortcut triple (kg.rdf writes one beside every fact node, in its
# graph), so the store looks up (predicate, bound end) in an index and reads only those
# triples, not every fact of a hub place (its unions, its pairings) to filter them by class
_TRACE_OUT = """
SELECT DISTINCT ?s ?o WHERE { GRAPH ?g { { ?s ukg:assists ?o } UNION { ?s ukg:runs ?o } } }"""
_TRACE_IN = """
SELECT DISTINCT ?o ?s WHERE { GRAPH ?g { { ?s schema:containedInPlace ?o } UNION { ?s ukg:locatedIn ?o } } }"""


def first_steps(found: set[str], limit: int | None, offset: int = 0) -> list[str]:
    """One page of a trace's first steps: the nodes reached from the start, in IRI order, sliced."""
    ordered = sorted(found)
    return ordered[offset:] if limit is None else ordered[offset:offset + limit]


def project_for_trace(store, name: str, max_depth: int = 4, max_nodes: int = 20000,
                      limit: int | None = None, offset: int = 0, use_index: bool = True) -> nx.MultiDiGraph:
    """Only the part of the graph a trace from `name` can reach, projected.

    On a store a build keeps a pairing table for (`kg.pairing_index`: an
    on-disk Oxigraph store), the walk and the nodes' names are read from that
    table, in milliseconds whatever the store's size; `graph["start"]` then
    names the node to trace from (an alias or pinyin finds its entity too)
    and a name no entity has is a KGError naming close ones.  Elsewhere (an
    rdflib store, a remote server, a store built before the table, or
    `use_index=False`) the walk is asked of the store in SPARQL, as follows.

    The walk of `trace_chains` is followed in SPARQL, frontier by frontier:
    out along assistance and running facts, and from a place into the places
    inside it and the programmes located there.  Falls back to the whole
    graph when no entity has that name (so `find_node` can suggest close ones).
    `limit`/`offset`: follow only one page of the nodes the start reaches
    directly (`first_steps`), so a donor of thousands of pairings is traced a
    page at a time; `graph["first_steps"]` then holds how many there are in all.
    """
    from rdflib import Literal

    if use_index:
        from .pairing_index import open_index, trace_graph

        db = open_index(store)
        if db is not None:
            return trace_graph(db, name, max_depth, max_nodes, limit, offset)
    start = [n for (n,) in store.query(sparql_prefixes() + _NAMED, {"label": Literal(name, lang="zh")}).rows]
    if not start:
        return project(store)
    seen, frontier, total = set(start), list(start), None
    for step in range(max_depth * 6):  # a chain step may go down several places first
        if not frontier or len(seen) > max_nodes:
            break
        found = {o for _, o in _rows(store, _TRACE_OUT, "s", frontier)}
        found |= {s for _, s in _rows(store, _TRACE_IN, "o", frontier)}
        if step == 0 and (limit is not None or offset):
            total, found = len(found - seen), set(first_steps(found - seen, limit, offset))
        frontier = sorted(found - seen)
        seen |= found
    g = project(store, sorted(seen))
    if total is not None:
        g.graph["first_steps"] = total
    return g


def find_node(g: nx.MultiDiGraph, name: str) -> str:
    """The node whose label (or pinyin) is `name`; raises KGError naming close matches."""
    exact = [n for n, d in g.nodes(data=True) if d.get("label") == name]
    if exact:
        # the best-connected node of that name (one name may be two people)
        return max(exact, key=g.degree)
    lowered = name.lower().replace(" ", "")
    by_pinyin = [n for n, d in g.nodes(data=True) if (d.get("pinyin") or "").replace(" ", "") == lowered]
    if by_pinyin:
        return by_pinyin[0]
    close = sorted(d["label"] for _, d in g.nodes(data=True) if name in d.get("label", "") or d.get("label", "") in name)
    hint = f"; did you mean {', '.join(close[:5])}?" if close else "; `kg query unions_by_level` lists the unions"
    raise KGError(f"{name}: no such entity in the graph{hint}")


def _edges(g, node, predicate, reverse=False):
    """(from, to, data) of the node's edges of one predicate, out (or in), in the graph's edge order.

    Read off the adjacency dicts (what `out_edges`/`in_edges` iterate, in
    the same order, without building an edge view per call).
    """
    if reverse:
        return [(u, node, d) for u, keyed in g._pred[node].items() for d in keyed.values() if d["predicate"] == predicate]
    return [(node, v, d) for v, keyed in g._succ[node].items() for d in keyed.values() if d["predicate"] == predicate]


def trace_chains(g: nx.MultiDiGraph, start: str, max_depth: int = 4) -> list[list[tuple[str, str, dict]]]:
    """Chains that start at a body: what it assists, then the programmes in
    those places (or in places inside them), and what those bodies assist in
    turn.  Each chain is a list of (from, to, edge data) steps.

    Parameters
    ----------
    g : the projected graph
    start : node id of the body
    max_depth : longest chain, in steps
    """
    chains: list[list[tuple[str, str, dict]]] = []
    hosted: dict[str, list] = {}  # a place's hosts steps, made once per trace (a place is reached by many chains)

    def below(place: str) -> list[str]:
        # the place and every place contained in it (partOf edges point up)
        seen, todo = {place}, [place]
        while todo:
            p = todo.pop()
            for child, _, _ in _edges(g, p, "partOf", reverse=True):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return list(seen)

    def hosts(node: str) -> list:
        if node not in hosted:
            hosted[node] = [(p, programme, {**d, "predicate": "hosts", "label": "有项目"})
                            for p in below(node) for programme, _, d in _edges(g, p, "locatedIn", reverse=True)]
        return hosted[node]

    next_steps: dict[str, list] = {}  # a node's steps, made once per trace

    def steps_of(node: str) -> list:
        if node not in next_steps:
            steps = _edges(g, node, "assists") + _edges(g, node, "runs")
            if g.nodes[node].get("type") == "Place":
                steps += hosts(node)
            next_steps[node] = steps
        return next_steps[node]

    def walk(node: str, chain: list, visited: set) -> None:
        extended = False
        if len(chain) < max_depth:
            for u, v, d in steps_of(node):
                if v in visited:
                    continue
                extended = True
                walk(v, chain + [(u if d["predicate"] != "hosts" else node, v, d)], visited | {v})
        if not extended and chain:
            chains.append(chain)

    walk(start, [], {start})
    return chains


def format_chain(g: nx.MultiDiGraph, chain: list[tuple[str, str, dict]]) -> str:
    parts = [g.nodes[chain[0][0]]["label"]]
    for _, v, d in chain:
        extra = []
        if d.get("amount_yuan"):
            amount = d["amount_yuan"]
            extra.append(f"{amount / 10000:g}万元" if amount >= 10000 else f"{amount:g}元")
        if d.get("year"):
            extra.append(str(d["year"]))
        note = f"({', '.join(extra)})" if extra else ""
        parts.append(f"—{d['label']}{note}→ {g.nodes[v]['label']}")
    return " ".join(parts)


def funding_flows(g: nx.MultiDiGraph) -> dict[tuple[str, str], float]:
    """Total stated assistance per (donor, recipient) label pair."""
    flows: dict[tuple[str, str], float] = defaultdict(float)
    for u, v, d in g.edges(data=True):
        if d["predicate"] == "assists" and d.get("amount_yuan"):
            flows[(g.nodes[u]["label"], g.nodes[v]["label"])] += d["amount_yuan"]
    return dict(flows)


def neighbourhood(g: nx.MultiDiGraph, node: str, depth: int = 2) -> nx.MultiDiGraph:
    """The subgraph within `depth` steps of a node, edges in either direction."""
    keep = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), node, cutoff=depth)
    return g.subgraph(keep).copy()
