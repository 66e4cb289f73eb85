"""The graph as one self-contained, offline HTML page (pyvis data, vis-network inlined).

pyvis builds the node and edge records; the page itself is our own template
(`kg/static/graph.html`) because pyvis's template links bootstrap and
vis-network from CDNs even with ``cdn_resources="in_line"``, and we need a
search box, type and relation filters, a legend and a side panel with each
entity's facts and source sentences, and a campaign filter: programmes are
grouped by the national campaign they are a local instance of
(`annotate_campaigns`, from the store's ``prov:wasInfluencedBy``).  The vis-network script and stylesheet
that pyvis ships are inlined, so the page opens with no network.

Safety: every string from an article (names, quotes, headlines) travels as
JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
escaped, and the page's script writes it with ``textContent`` only, so an
article containing ``<script>`` or quotes can neither break nor script the
page.

Large graphs: above `LARGE_GRAPH` nodes the page skips vis-network's slow
"improved layout", stabilises physics for a bounded number of iterations and
then freezes it, so a few thousand nodes load in seconds and stay still
(`bench/bench_viz.py` measures the load time in headless Chromium).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from .graph import PREDICATE_LABEL
from .vocabulary import ENTITY_TYPES, PREDICATES

TYPE_COLOURS = {t.name: t.colour for t in ENTITY_TYPES}
TYPE_LABELS = {t.name: f"{t.label_zh} {t.name}" for t in ENTITY_TYPES}
PREDICATE_TITLES = {p: f"{zh} {p}" for p, zh in PREDICATE_LABEL.items()}
PREDICATE_COLOURS = {p.name: p.colour for p in PREDICATES}
LARGE_GRAPH = 300


def _article_href(url: str, start: int | None, end: int | None) -> str:
    """A file: link to the article, with an RFC 5147 ``#char=`` fragment for the span."""
    if not url:
        return ""
    path = Path(url)
    if not path.is_file():
        return ""
    href = path.resolve().as_uri()
    if start is not None and end is not None:
        href += f"#char={start},{end}"
    return href


def radial_layout(g: nx.MultiDiGraph, spacing: float = 60.0) -> dict[str, tuple[float, float]]:
    """Starting positions in O(n): each connected part as a radial tree around
    its best-connected node (a subtree gets an angle in proportion to its
    leaves), the parts packed in rows, largest first.

    vis-network's physics then only has to untangle, not to lay out from
    random points, which is what makes a few thousand nodes load in seconds.
    """
    import math

    undirected = g.to_undirected(as_view=True)
    parts = sorted(nx.connected_components(undirected), key=len, reverse=True)
    positions: dict[str, tuple[float, float]] = {}
    row_width = spacing * 4 * math.sqrt(g.number_of_nodes() or 1)
    x0 = y0 = row_height = 0.0
    for part in parts:
        root = max(part, key=lambda n: (undirected.degree(n), str(n)))
        tree = nx.bfs_tree(undirected.subgraph(part), root)
        leaves: dict[str, int] = {}
        for n in reversed(list(nx.topological_sort(tree))):
            leaves[n] = sum(leaves[c] for c in tree.successors(n)) or 1
        local: dict[str, tuple[float, float]] = {}
        stack = [(root, 0, 0.0, 2 * math.pi)]
        while stack:
            n, depth, lo, hi = stack.pop()
            mid = (lo + hi) / 2
            local[n] = (depth * spacing * math.cos(mid), depth * spacing * math.sin(mid))
            start = lo
            for c in sorted(tree.successors(n), key=str):
                width = (hi - lo) * leaves[c] / leaves[n]
                stack.append((c, depth + 1, start, start + width))
                start += width
        radius = max((math.hypot(x, y) for x, y in local.values()), default=0.0) + spacing
        if x0 + 2 * radius > row_width and x0 > 0:
            x0, y0, row_height = 0.0, y0 + row_height, 0.0
        for n, (x, y) in local.items():
            positions[n] = (x0 + radius + x, y0 + radius + y)
        x0 += 2 * radius
        row_height = max(row_height, 2 * radius)
    return positions


# the campaign each programme was influenced by (a local instance of it), with the campaign's label
_CAMPAIGN_LINKS = """
SELECT ?p ?c WHERE { ?p prov:wasInfluencedBy ?c . ?c a ukg:Campaign }"""
CAMPAIGN_LINK = "campaign"  # the page's own link kind: a local programme -> its campaign (not a fact)
CAMPAIGN_TITLE = "属于运动 campaign"
CAMPAIGN_COLOUR = "#b07aa1"


def _campaign_prefix() -> str:
    from .ontology import ID

    return f"{ID}campaign/"


def annotate_campaigns(g: nx.MultiDiGraph, store) -> nx.MultiDiGraph:
    """Mark g's programmes with the campaign they are or are a local instance of (``campaign``).

    A campaign node that g lacks (an overview of the best-connected nodes may
    leave it out) is added, so its local instances have one node to cluster
    around. Returns g.
    """
    from .ontology import sparql_prefixes
    from .resolve import campaigns

    label = {_campaign_prefix() + c.key.split("/", 1)[1]: c.label for c in campaigns()}
    for n in g.nodes:
        if n in label:
            g.nodes[n]["campaign"] = n
    for p, c in store.query(sparql_prefixes() + _CAMPAIGN_LINKS).rows:
        if p not in g or c not in label:
            continue
        if c not in g:
            g.add_node(c, label=label[c], type="Programme", pinyin="", en=None, level=None, code=None, sources=[],
                       campaign=c)
        g.nodes[p]["campaign"] = c
    return g


def _campaign_edges(g: nx.MultiDiGraph) -> list[tuple[str, str]]:
    """(local programme, campaign) for every annotated programme that is not the campaign itself."""
    return sorted((n, d["campaign"]) for n, d in g.nodes(data=True)
                  if d.get("campaign") not in (None, n) and d["campaign"] in g)


def _fact(predicate: str, frm: str, to: str | None, from_label: str, to_label: str, source: dict, **extra) -> dict:
    """One fact as the side panel shows it: the two ends, the figures, the source text and link."""
    return {
        "predicate": predicate,
        "label": PREDICATE_LABEL.get(predicate, predicate),
        "from": frm,
        "to": to,
        "fromLabel": from_label,
        "toLabel": to_label,
        "amount": extra.get("amount_yuan"),
        "approximate": bool(extra.get("approximate")),
        "year": extra.get("year"),
        "role": extra.get("role"),
        "article": source.get("article") or source.get("url") or "",
        "href": _article_href(source.get("url") or "", source.get("start"), source.get("end")),
        "quote": source.get("quote") or "",
    }


def page_data(g: nx.MultiDiGraph) -> dict:
    """Nodes, edges and legend of the page as plain JSON-ready dicts.

    A programme annotated by `annotate_campaigns` carries its campaign
    (``campaign``); a campaign node is drawn as a star, with a dashed link
    from each of its local programmes, and ``campaigns`` lists them for the
    page's campaign filter.

    Parallel facts between the same two nodes (the same pairing told by
    several articles, or two predicates) become one drawn edge that carries
    all of them, since vis-network draws each edge separately and pyvis keeps
    only the first edge of a pair.
    """
    net = Network(directed=True, cdn_resources="in_line")
    degree = dict(g.degree())
    facts_of: dict[str, list[dict]] = defaultdict(list)
    for n, d in g.nodes(data=True):
        for src in d.get("title_sources", []):
            facts_of[n].append(_fact("hasTitle", n, None, d["label"], src["title"], src))
    pairs: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for u, v, d in g.edges(data=True):
        fact = _fact(d["predicate"], u, v, g.nodes[u]["label"], g.nodes[v]["label"], d, amount_yuan=d.get("amount_yuan"),
                     approximate=d.get("approximate"), year=d.get("year"), role=d.get("role"))
        pairs[(u, v)].append(fact)
        facts_of[u].append(fact)
        if v != u:
            facts_of[v].append(fact)
    positions = radial_layout(g)
    for n, d in g.nodes(data=True):
        type_ = d.get("type", "Organisation")
        x, y = positions[n]
        net.add_node(
            n,
            label=d["label"],
            title=f"{d['label']} · {TYPE_LABELS.get(type_, type_)}",  # vis shows string titles as text
            color=TYPE_COLOURS.get(type_, "#7f7f7f"),
            value=degree.get(n, 0) + 1,
            shape="star" if d.get("campaign") == n else "dot",
            x=round(x, 1),
            y=round(y, 1),
            type=type_,
            pinyin=d.get("pinyin") or "",
            en=d.get("en") or "",
            level=d.get("level") or "",
            code=d.get("code") or "",
            titles=sorted(set(d.get("titles", []))),
            facts=facts_of[n],
            campaign=d.get("campaign") or "",
        )
    large = g.number_of_nodes() > LARGE_GRAPH
    for (u, v), facts in pairs.items():
        predicates = sorted({f["predicate"] for f in facts}, key=list(PREDICATE_LABEL).index)
        label = " / ".join(PREDICATE_LABEL.get(p, p) for p in predicates)
        # Text labels on thousands of edges cost seconds of canvas text
        # measuring at load; large graphs show the predicate by colour
        # (the legend) and on hover instead.
        edge = {"predicates": predicates, "arrows": "to", "title": " / ".join(PREDICATE_TITLES[p] for p in predicates),
                "color": PREDICATE_COLOURS[predicates[0]]}
        if not large:
            edge["label"] = label
        net.add_edge(u, v, **edge)
    for u, c in _campaign_edges(g):
        # drawn, not a fact: dashed, and it pulls a campaign's local instances around it
        net.add_edge(u, c, predicates=[CAMPAIGN_LINK], arrows="to", title=CAMPAIGN_TITLE, color=CAMPAIGN_COLOUR,
                     dashes=True)
    for i, e in enumerate(net.edges):
        e["id"] = f"e{i}"
    present_types = sorted({n["type"] for n in net.nodes}, key=list(TYPE_COLOURS).index)
    present_predicates = sorted({p for e in net.edges for p in e["predicates"] if p != CAMPAIGN_LINK},
                                key=list(PREDICATE_LABEL).index)
    legend = [{"predicate": p, "label": PREDICATE_TITLES[p], "colour": PREDICATE_COLOURS[p]} for p in present_predicates]
    if any(CAMPAIGN_LINK in e["predicates"] for e in net.edges):
        legend.append({"predicate": CAMPAIGN_LINK, "label": CAMPAIGN_TITLE, "colour": CAMPAIGN_COLOUR})
    return {
        "nodes": net.nodes,
        "edges": net.edges,
        "types": [{"type": t, "label": TYPE_LABELS[t], "colour": TYPE_COLOURS[t]} for t in present_types],
        "predicates": legend,
        "campaigns": _campaign_list(g),
        "large": large,
    }


def _campaign_list(g: nx.MultiDiGraph) -> list[dict]:
    """The campaigns of the page with how many of its programmes belong to each, for the campaign filter."""
    members: dict[str, int] = defaultdict(int)
    for _, d in g.nodes(data=True):
        if d.get("campaign"):
            members[d["campaign"]] += 1
    return [{"id": c, "label": g.nodes[c]["label"], "members": members[c]}
            for c in sorted(members, key=lambda c: (-members[c], g.nodes[c]["label"])) if c in g]


def _script_json(data: dict) -> str:
    """JSON safe inside a <script> element: no `</script>`, no HTML entities."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _vis_asset(name: str) -> str:
    import pyvis

    return (Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")


def render_html(g: nx.MultiDiGraph, title: str = "unionkg") -> str:
    """The whole page as a string (see module docstring)."""
    template = (resources.files("kg") / "static" / "graph.html").read_text(encoding="utf-8")
    from html import escape

    parts = {
        "/*@VIS_CSS@*/": _vis_asset("vis-network.css"),
        "/*@VIS_JS@*/": _vis_asset("vis-network.min.js"),
        "/*@DATA@*/": _script_json(page_data(g)),
        "@TITLE@": escape(title),
    }
    missing = [m for m in parts if m not in template]
    if missing:
        raise RuntimeError(f"kg/static/graph.html lost its markers {missing}")
    # one pass over the template, so text inside an inserted value is never taken for a marker
    return re.sub("|".join(map(re.escape, parts)), lambda m: parts[m.group(0)], template)


def write_html(g: nx.MultiDiGraph, path: str | Path, title: str = "unionkg") -> Path:
    """Write the page for `g` to `path` (folders created); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(g, title), encoding="utf-8")
    return path
