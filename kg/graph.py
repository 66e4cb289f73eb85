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
from dataclasses import dataclass

import networkx as nx

from .errors import KGError
from .ontology import sparql_prefixes
from .vocabulary import ENTITY_TYPES, PREDICATES, UKG

TYPE_BY_CLASS = {str(t.rdf_class): t.name for t in ENTITY_TYPES}
# the local name of a fact class (what _FACTS binds as ?kind) -> predicate
PREDICATE_BY_CLASS = {str(p.fact_class)[len(str(UKG)):]: p.name for p in PREDICATES}
PREDICATE_LABEL = {p.name: p.label_zh for p in PREDICATES}
# how a trace labels its steps: a fact's by its predicate, and the step a trace takes from a place to
# a programme located in it or in a place inside it (`hosts`: no fact of its own, made of locatedIn)
STEP_LABEL = {**PREDICATE_LABEL, "hosts": "有项目"}

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


def _step_key(step: tuple[str, str, dict]) -> tuple:
    """A step's place among a node's steps: by the node it goes to, then what it tells (the same
    order whatever order the store gave the facts in)."""
    u, v, d = step
    return (v, d["predicate"], d.get("year") or 0, d.get("amount_yuan") or 0.0, d.get("quote") or "", u)


def graph_edges(g: nx.MultiDiGraph):
    """`(node, predicate, reverse) -> [(from, to, data)]` and `node -> type` of a projected graph,
    what `iter_chains` walks."""
    return (lambda node, predicate, reverse=False: _edges(g, node, predicate, reverse),
            lambda node: g.nodes[node].get("type"))


def iter_chains(edges, node_type, start: str, max_depth: int = 4, steps=None):
    """The chains of `trace_chains`, one at a time, each as soon as it is complete (a page of
    chains walks only as far as its last chain).  `edges`, `node_type`: as `graph_edges` gives
    them.  `steps`: instead, `node -> its steps in this order` (an iterable that may be read
    lazily and again, as `kg.pairing_index.TableSteps.steps` reads them off the pairing table).

    Order: depth first, a node's steps by `_step_key` (the node stepped to, then the fact), so
    every store and path gives the same chains in the same order.
    """
    hosted: dict[str, list] = {}  # a place's hosts steps, made once per trace (a place is reached by many chains)
    next_steps: dict[str, list] = {}  # a node's steps, made once per trace

    def below(place: str) -> list[str]:
        # the place and every place contained in it (partOf edges point up)
        seen, todo = {place}, [place]
        while todo:
            p = todo.pop()
            for child, _, _ in edges(p, "partOf", True):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return sorted(seen)

    def hosts(node: str) -> list:
        if node not in hosted:
            hosted[node] = [(p, programme, {**d, "predicate": "hosts", "label": STEP_LABEL["hosts"]})
                            for p in below(node) for programme, _, d in edges(p, "locatedIn", True)]
        return hosted[node]

    def ordered_steps(node: str) -> list:
        if node not in next_steps:
            steps = edges(node, "assists") + edges(node, "runs")
            if node_type(node) == "Place":
                steps += hosts(node)
            next_steps[node] = sorted(steps, key=_step_key)
        return next_steps[node]

    steps_of = steps if steps is not None else ordered_steps  # the caller's ordered steps, else the edges'

    def walk(node: str, chain: list, visited: set):
        extended = False
        if len(chain) < max_depth:
            for u, v, d in steps_of(node):
                if v in visited:
                    continue
                extended = True
                yield from walk(v, chain + [(u if d["predicate"] != "hosts" else node, v, d)], visited | {v})
        if not extended and chain:
            yield chain

    yield from walk(start, [], {start})


def trace_chains(g: nx.MultiDiGraph, start: str, max_depth: int = 4) -> list[list[tuple[str, str, dict]]]:
    """Chains that start at a body: what it assists, then the programmes in
    those places (or in places inside them), and what those bodies assist in
    turn.  Each chain is a list of (from, to, edge data) steps, in the order
    of `iter_chains`.

    Parameters
    ----------
    g : the projected graph
    start : node id of the body
    max_depth : longest chain, in steps
    """
    return list(iter_chains(*graph_edges(g), start, max_depth))


@dataclass
class TracePage:
    """One page of a trace's printed lines (distinct chains, in `iter_chains` order).

    `more`: lines after the page, counted up to one more page; `exact`: whether
    that is all of them (else there are at least `more`); `before`: the
    distinct lines before the page (all of them when the page is empty).
    """

    lines: list[str]
    more: int
    exact: bool
    before: int


def page_lines(g, chains, limit: int | None, offset: int = 0) -> TracePage:
    """The distinct lines (`format_chain` on `g`) from `offset`, `limit` of them (None: all),
    reading `chains` (an iterator) only until one more page is counted."""
    seen: set[str] = set()
    lines: list[str] = []
    more, exact = 0, True
    for chain in chains:
        line = format_chain(g, chain)
        if line in seen:  # the same chain reported by several articles
            continue
        seen.add(line)
        if len(seen) <= offset:
            continue
        if limit is None or len(lines) < limit:
            lines.append(line)
        elif more < limit:
            more += 1
        else:
            exact = False
            break
    return TracePage(lines, more, exact, min(offset, len(seen)))


def trace_page(store, name: str, max_depth: int = 4, limit: int | None = None, offset: int = 0,
               use_index: bool = True) -> TracePage:
    """One page of `kg trace`: `limit` chains from `offset` (None: the whole trace).

    From the pairing table when the store has one (`kg.pairing_index.table_chains`:
    the walk reads only the steps of the chains up to the page's end and one
    page more; the whole trace is read in one walk); elsewhere the trace's neighbourhood is projected in SPARQL
    (`project_for_trace`) and its chains paged.  A name no entity has is a
    KGError naming close ones.
    """
    if use_index:
        from .pairing_index import open_index, table_chains

        db = open_index(store)
        if db is not None:
            view, chains = table_chains(db, name, max_depth, lazy=limit is not None)
            return page_lines(view, chains, limit, offset)
    g = project_for_trace(store, name, max_depth=max_depth, use_index=False)
    start = g.graph.get("start") or find_node(g, name)
    return page_lines(g, iter_chains(*graph_edges(g), start, max_depth), limit, offset)


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
