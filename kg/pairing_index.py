"""The pairing table: a materialised view of the steps a trace walks, kept beside the store.

`kg trace` and `kg query pairings` over a growing store cannot be answered
by SPARQL in milliseconds: each asks the store for a donor's facts, their
labels, the places below their recipients and the programmes there, and on
a hub donor or a whole-graph ordering that is seconds.  So the build keeps,
in its SQLite index (`kg.build.EntityIndex`, the file `unionkg-build.sqlite`
inside an on-disk Oxigraph store), one row per telling of every fact a trace
can walk: assistance and running (out from a body), location and
containment (into a place), with the amount, the year, the evidence quote
and the article's headline.  Rows are keyed by the article graph, so the
rows of a superseded graph are deleted with it.

Names change as articles arrive (an entity is named by its longest written
form), so they are not taken from the facts: a trigger on the build's
`entity` table notes each entity written, and after each batch the labels
of those entities (display name, aliases, pinyin) are copied into
`pairing_label`, their type and name into `pairing_node` (what a trace shows
of a node), and the display names into the rows that name them, all in the
transaction of the batch that changed them.

Writers
-------
`update_after_batch(store, db, graphs, superseded)`: called by the build in
the transaction that clears a batch's journal row (so the table and the
batch are committed together), and by `recover`.
`rebuild(store, db)`: the whole table again from the store's graphs; run on
its own when a store's index has articles but no table (a store built before
the table existed), or stale marks (articles added by a build without it):
`ensure_current`, which `kg trace` and `kg query pairings` call.

Readers
-------
`open_index(store)`: the index connection of an on-disk store whose table is
current, else None (rdflib stores, remote SPARQL servers: the SPARQL path).
`trace_graph(db, name, ...)`: the neighbourhood `kg.graph.project_for_trace`
would project, as the same networkx graph.  `pairings(db, ...)`: the rows of
the `pairings` named query, in its order, a page at a time.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Callable

from .errors import KGError

VERSION = "5"  # of the table's layout: another value is rebuilt
WALKED = ("assists", "runs", "locatedIn", "partOf")  # the fact kinds a trace walks
_OUT = ("assists", "runs")  # walked from their subject
_IN = ("locatedIn", "partOf")  # walked from their object (a place) to the subject

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pairing_step (
  graph TEXT NOT NULL, fact TEXT NOT NULL, predicate TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL,
  src_name TEXT, dst_name TEXT, amount TEXT, amount_value REAL, approximate INTEGER, year TEXT,
  quote TEXT NOT NULL, headline TEXT);
-- a walk step reads only these (covering) indexes
CREATE INDEX IF NOT EXISTS pairing_step_src ON pairing_step(src, predicate, dst);
CREATE INDEX IF NOT EXISTS pairing_step_dst ON pairing_step(dst, predicate, src);
CREATE INDEX IF NOT EXISTS pairing_step_graph ON pairing_step(graph);
-- the pairings query's order, so a page is read off the index
-- (the rest of the order, headline and quote, sorted within a donor's rows of one amount and recipient:
--  long texts kept out of the index, which would double the file and the cost of writing a row)
CREATE INDEX IF NOT EXISTS pairing_step_order ON pairing_step(predicate, src_name, amount_value DESC, dst_name, year);
-- kind: 0 display name, 1 alias, 2 pinyin without spaces
CREATE TABLE IF NOT EXISTS pairing_label (label TEXT NOT NULL, key TEXT NOT NULL, kind INTEGER NOT NULL,
                                          PRIMARY KEY (label, key, kind)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pairing_label_key ON pairing_label(key, kind);
CREATE TABLE IF NOT EXISTS pairing_touched (key TEXT PRIMARY KEY) WITHOUT ROWID;
-- what a trace shows of a node, copied from its entity record with its labels
CREATE TABLE IF NOT EXISTS pairing_node (key TEXT PRIMARY KEY, type TEXT, name TEXT, pinyin TEXT) WITHOUT ROWID;
-- the place-above closure: (place, a place it is inside), each step up from a named place along partOf
CREATE TABLE IF NOT EXISTS pairing_up (place TEXT NOT NULL, above TEXT NOT NULL, PRIMARY KEY (place, above)) WITHOUT ROWID;
-- a place's programmes (`hosts` steps): (place, programme, the place it is located in, its locatedIn row),
-- for the place itself and every place it is inside; a trace page reads them off this key in order
CREATE TABLE IF NOT EXISTS pairing_host (above TEXT NOT NULL, programme TEXT NOT NULL, place TEXT NOT NULL,
                                         step INTEGER NOT NULL, PRIMARY KEY (above, programme, place, step)) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS pairing_entity_inserted AFTER INSERT ON entity
  BEGIN INSERT OR IGNORE INTO pairing_touched VALUES (new.key); END;
CREATE TRIGGER IF NOT EXISTS pairing_entity_updated AFTER UPDATE OF record ON entity
  BEGIN INSERT OR IGNORE INTO pairing_touched VALUES (new.key); END;
"""

_DROP = """
DROP TRIGGER IF EXISTS pairing_entity_inserted; DROP TRIGGER IF EXISTS pairing_entity_updated;
DROP TABLE IF EXISTS pairing_step; DROP TABLE IF EXISTS pairing_label; DROP TABLE IF EXISTS pairing_touched;
DROP TABLE IF EXISTS pairing_node; DROP TABLE IF EXISTS pairing_up; DROP TABLE IF EXISTS pairing_host;
"""


# ----------------------------------------------------------------------------- state


def _meta(db: sqlite3.Connection, k: str) -> str | None:
    row = db.execute("SELECT v FROM meta WHERE k = ?", (k,)).fetchone()
    return row[0] if row else None


def _article_mark(db: sqlite3.Connection) -> str:
    """A mark that changes whenever an article row is added or replaced (its largest rowid)."""
    return str(db.execute("SELECT MAX(rowid) FROM article").fetchone()[0] or 0)


def _mark_current(db: sqlite3.Connection) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES ('pairing_version', ?)", (VERSION,))
    db.execute("INSERT OR REPLACE INTO meta VALUES ('pairing_articles', ?)", (_article_mark(db),))


def is_current(db: sqlite3.Connection) -> bool:
    """Whether the table holds every article the index records (and is of this layout)."""
    try:
        return _meta(db, "pairing_version") == VERSION and _meta(db, "pairing_articles") == _article_mark(db)
    except sqlite3.OperationalError:  # not a build index
        return False


# ----------------------------------------------------------------------------- reading the store

_ID = "https://w3id.org/unionkg/id/"

_FACTS_OF_GRAPH = """
SELECT ?f ?k ?s ?o ?amount ?approx ?y ?quote ?headline WHERE {
  GRAPH <%(g)s> { ?f a ?k ; ukg:subject ?s ; ukg:object ?o ; ukg:evidence ?sel . ?sel oa:exact ?quote .
                  OPTIONAL { ?f ukg:amountYuan ?amount ; ukg:approximate ?approx }
                  OPTIONAL { ?f ukg:year ?y }
                  FILTER(?k IN (%(kinds)s))
                  OPTIONAL { <%(g)s> schema:headline ?headline } } }"""

# every graph, a fact class at a time (an index lookup of the class, then each fact's quads)
_FACTS_OF_CLASS = """
SELECT ?g ?f ?s ?o ?amount ?approx ?y ?quote ?headline WHERE {
  GRAPH ?g { ?f a <%s> ; ukg:subject ?s ; ukg:object ?o ; ukg:evidence ?sel . ?sel oa:exact ?quote .
             OPTIONAL { ?f ukg:amountYuan ?amount ; ukg:approximate ?approx }
             OPTIONAL { ?f ukg:year ?y } }
  OPTIONAL { GRAPH ?g { ?g schema:headline ?headline } } }"""

_ALL_GRAPHS = "SELECT graph FROM article ORDER BY graph"


def _classes() -> dict[str, str]:
    from .vocabulary import PREDICATES

    return {str(p.fact_class): p.name for p in PREDICATES if p.name in WALKED}


def _key(node: str) -> str:
    return node[len(_ID):] if node.startswith(_ID) else node


def _strings(store, sparql: str):
    """The query's solutions as tuples of strings (a term's lexical form) or None.

    On Oxigraph straight from pyoxigraph (no conversion to Python values,
    most of the time of reading many rows); elsewhere through `store.query`.
    """
    from .ontology import sparql_prefixes

    raw = getattr(store, "store", None)
    if getattr(store, "sparql_dialect", None) == "oxigraph" and raw is not None:
        for sol in raw.query(sparql_prefixes() + sparql, use_default_graph_as_union=True):
            yield tuple(None if t is None else t.value for t in sol)
        return
    for row in store.query(sparql_prefixes() + sparql).rows:
        yield tuple(None if v is None else _lexical(v) for v in row)


def _lexical(value) -> str:
    """A Python value from `store.query` as the lexical form of its literal."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _row(g, f, predicate, s, o, amount, approx, year, quote, headline):
    """A table row of one telling; None for a fact whose object is no entity (nothing to walk)."""
    if not (o.startswith(_ID) and s.startswith(_ID)):
        return None
    return (g, f, predicate, _key(s), _key(o), amount, None if amount is None else float(amount),
            None if approx is None else int(approx in ("true", "1")), year, quote, headline)


def _store_rows(store, graphs: list[str] | None):
    """The rows of these graphs (of every graph when None), read from the store."""
    classes = _classes()
    if graphs is None:
        for cls in sorted(classes):
            for g, f, s, o, amount, approx, year, quote, headline in _strings(store, _FACTS_OF_CLASS % cls):
                row = _row(g, f, classes[cls], s, o, amount, approx, year, quote, headline)
                if row is not None:
                    yield row
        return
    kinds = ", ".join(f"<{c}>" for c in sorted(classes))
    for g in graphs:  # a query per graph: its IRI a constant, each pattern an index lookup
        for f, k, s, o, amount, approx, year, quote, headline in _strings(store, _FACTS_OF_GRAPH % {"g": g, "kinds": kinds}):
            row = _row(g, f, classes[k], s, o, amount, approx, year, quote, headline)
            if row is not None:
                yield row


def _term(text: str, line: str) -> str:
    """The value of an N-Quads term (an IRI's text, a literal's lexical form) as one line writes it."""
    if text.startswith("<"):
        return text[1:-1]
    lexical = text[1:text.rindex('"')]
    if "\\" not in lexical:
        return lexical
    import pyoxigraph as ox  # an escape: the line read by the real parser

    return next(iter(ox.parse(line, format=ox.RdfFormat.N_QUADS))).object.value


def _nquads_rows(path, graphs: list[str]):
    """The rows of these graphs read from an N-Quads file holding them (the batch's shard).

    Line by line (a quad a line, as N-Quads is): only the lines of the
    batch's graphs and of the predicates a row holds are taken apart, about
    three times faster than building every quad of the file.
    """
    from .ontology import OA, SCHEMA, UKG

    wanted, classes = {f"<{g}>" for g in graphs}, _classes()
    props = {f"<{RDF_TYPE}>": "k", f"<{UKG.subject}>": "s", f"<{UKG.object}>": "o", f"<{UKG.amountYuan}>": "amount",
             f"<{UKG.approximate}>": "approx", f"<{UKG.year}>": "year", f"<{UKG.evidence}>": "sel",
             f"<{OA.exact}>": "exact", f"<{SCHEMA.headline}>": "headline"}
    facts: dict[tuple[str, str], dict] = {}
    quotes: dict[tuple[str, str], str] = {}
    headlines: dict[str, str] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            body = line.rstrip()
            if not body.endswith(" ."):
                continue
            rest, g = body[:-2].rstrip().rsplit(" ", 1)
            if g not in wanted:
                continue
            s, p, o = rest.split(" ", 2)
            kind = props.get(p)
            if kind is None:
                continue
            g, subject, value = g[1:-1], s[1:-1], _term(o, line)
            if kind == "exact":
                quotes[(g, subject)] = value
            elif kind == "headline":
                if subject == g:
                    headlines[g] = value
            elif kind == "sel":
                facts.setdefault((g, subject), {}).setdefault("sels", []).append(value)
            else:
                facts.setdefault((g, subject), {})[kind] = value
    for (g, f), d in facts.items():
        predicate = classes.get(d.get("k"))
        if predicate is None or "s" not in d or "o" not in d:
            continue
        for sel in d.get("sels", ()):
            if (g, sel) in quotes:
                row = _row(g, f, predicate, d["s"], d["o"], d.get("amount") if "approx" in d else None,
                           d.get("approx") if "amount" in d else None, d.get("year"), quotes[(g, sel)], headlines.get(g))
                if row is not None:
                    yield row


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def article_rows(meta, facts) -> list[tuple]:
    """The table rows of one article's graph, made from what `kg.rdf.article_nquads` writes into it.

    The rows `_nquads_rows` reads back from that graph's N-Quads, in the same
    order: one per telling of each walked fact whose object is an entity.  A
    pure function, so a build's worker makes them beside the graph and the
    coordinator only inserts them (`update_after_batch(..., rows=...)`).

    Parameters
    ----------
    meta : the article (`kg.resolve.ArticleMeta`: its id and headline)
    facts : the facts its graph is written from (`kg.resolve.KBFact`)
    """
    from .rdf import _tellings

    graph, headline, out = f"{_ID}article/{meta.id}", meta.title or None, []
    for f in facts:
        if f.p not in WALKED or f.literal is not None or f.o_key is None:
            continue
        # the lexical forms kg.rdf writes (xsd:decimal without trailing zeros, xsd:gYear)
        amount = None if f.amount_yuan is None else f"{f.amount_yuan:.2f}".rstrip("0").rstrip(".")
        approximate = None if amount is None else int(bool(f.approximate))
        year = None if f.year is None else str(f.year)
        out += [(graph, _ID + f.key, f.p, f.s_key, f.o_key, amount, None if amount is None else float(amount),
                 approximate, year, t.quote, headline) for t in _tellings(f, meta.id)]
    return out


# ----------------------------------------------------------------------------- writing


def _ensure_schema(db: sqlite3.Connection) -> bool:
    """Create the table (and the entity triggers) when missing; whether it was missing."""
    if _meta(db, "pairing_version") not in (None, VERSION):
        for statement in _DROP.split(";"):
            if statement.strip():
                db.execute(statement)
    fresh = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'pairing_step'").fetchone() is None
    for statement in _statements(_SCHEMA):
        db.execute(statement)
    return fresh


def _statements(script: str) -> list[str]:
    """The statements of a script (triggers keep their inner `;`), run one by one inside a transaction."""
    out, part = [], []
    for line in script.splitlines():
        if line.startswith("--") or not line.strip():
            continue
        part.append(line)
        if line.rstrip().endswith(";") and (not part[0].startswith("CREATE TRIGGER") or line.rstrip().endswith("END;")):
            out.append("\n".join(part))
            part = []
    return out


def _entity_info(record: str) -> tuple[set[tuple[str, int]], tuple]:
    """(label, kind) of an entity record (its display name, aliases, pinyin without spaces), and
    (type, name, pinyin) as a trace shows the node."""
    import json

    d = json.loads(record)  # kg.build's record of an entity (a JSON object)
    labels = {(d["name"], 0)} | {(a, 1) for a in d.get("aliases") or ()}
    if d.get("pinyin"):
        labels.add((d["pinyin"].replace(" ", ""), 2))
    return labels, (d.get("type"), d["name"], d.get("pinyin"))


def _is_named(type_: str | None, name: str | None) -> bool:
    """Whether a trace shows a node of this type and name (`pairing_node`; `_NAMED` in SQL)."""
    from .vocabulary import ENTITY_TYPE_NAMES

    return type_ in ENTITY_TYPE_NAMES and bool(name)


def _refresh_labels(db: sqlite3.Connection, all_entities: bool = False) -> list[str]:
    """Labels of the entities written since the last refresh (or of all) into `pairing_label`
    and `pairing_node`, and a changed display name into the rows that name it; only what
    changed is written.  Returns the entities that became shown or stopped being shown
    (`_is_named`), which the place closure walks up from (none after a refresh of all)."""
    if all_entities:
        db.execute("DELETE FROM pairing_label")
        db.execute("DELETE FROM pairing_node")
        for key, record in db.execute("SELECT key, record FROM entity").fetchall():
            labels, node = _entity_info(record)
            db.executemany("INSERT OR IGNORE INTO pairing_label VALUES (?, ?, ?)", [(lb, key, k) for lb, k in labels])
            db.execute("INSERT INTO pairing_node VALUES (?, ?, ?, ?)", (key, *node))
        db.execute("DELETE FROM pairing_touched")
        return []
    old: dict[str, set[tuple[str, int]]] = {}
    for key, label, kind in db.execute("SELECT l.key, l.label, l.kind FROM pairing_touched t "
                                       "JOIN pairing_label l ON l.key = t.key"):
        old.setdefault(key, set()).add((label, kind))
    gone, added, renamed, nodes = [], [], [], []
    for key, record in db.execute("SELECT e.key, e.record FROM pairing_touched t JOIN entity e ON e.key = t.key").fetchall():
        after, node = _entity_info(record)
        before = old.get(key, set())
        if before == after:
            continue
        gone += [(label, key, kind) for label, kind in before - after]
        added += [(label, key, kind) for label, kind in after - before]
        nodes.append((key, *node))
        if before and (node[1], 0) not in before:
            renamed.append((node[1], key))
    was = {key: _is_named(type_, name) for key, (type_, name, _) in _nodes(db, sorted(old)).items()}
    flipped = [key for key, type_, name, _ in nodes if was.get(key, False) != _is_named(type_, name)]
    db.executemany("DELETE FROM pairing_label WHERE label = ? AND key = ? AND kind = ?", gone)
    db.executemany("INSERT OR IGNORE INTO pairing_label VALUES (?, ?, ?)", added)
    db.executemany("INSERT OR REPLACE INTO pairing_node VALUES (?, ?, ?, ?)", nodes)
    db.executemany("UPDATE pairing_step SET src_name = ? WHERE src = ? AND predicate = 'assists'", renamed)
    db.executemany("UPDATE pairing_step SET dst_name = ? WHERE dst = ? AND predicate = 'assists'", renamed)
    db.execute("DELETE FROM pairing_touched")
    return flipped


def _insert_rows(db: sqlite3.Connection, rows) -> None:
    """Rows in; an assistance row with the display names of its two ends (from `pairing_label`,
    refreshed first), what the `pairings` order reads (the other kinds' rows need no names)."""
    db.executemany("INSERT INTO pairing_step (graph, fact, predicate, src, dst, amount, amount_value, approximate, "
                   "year, quote, headline, src_name, dst_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                   "CASE ?3 WHEN 'assists' THEN (SELECT label FROM pairing_label WHERE key = ?4 AND kind = 0) END, "
                   "CASE ?3 WHEN 'assists' THEN (SELECT label FROM pairing_label WHERE key = ?5 AND kind = 0) END)", rows)


def update_after_batch(store, db: sqlite3.Connection, graphs: list[str], superseded: list[str],
                       nquads: str | Path | None = None, rows: list[tuple] | None = None) -> None:
    """Bring the pairing table up to date with one committed batch.

    Called by the build inside the SQLite transaction that clears the
    batch's journal row, once the batch's graphs are in the store and the
    entity labels written; the rows of `superseded` graphs go, the rows of
    `graphs` come in (again, when called a second time by `recover`:
    idempotent), and the place closure (`pairing_up`, `pairing_host`) follows
    them.  The first call on an index without the table builds it for every
    article the index records (`rebuild`).

    Parameters
    ----------
    store : the store the batch was loaded into
    db : the build index's connection (`EntityIndex.db`), in a transaction
    graphs : the batch's article graph IRIs
    superseded : graphs of earlier versions of the batch's files, now dropped
    nquads : optional, an N-Quads file holding the batch's graphs (the shard
        just loaded): read instead of asking the store, a few times faster
    rows : optional, the rows of the batch's graphs as the workers made them
        (`article_rows` of each article, in the batch's order): nothing is read
    """
    if not _on_disk(db):
        return  # an index in memory (a store in memory): no trace will read it
    fresh = _ensure_schema(db)
    if fresh and not _only_these(db, graphs) or not fresh and not _was_current_before(db, graphs):
        _rebuild_rows(store, db)
        return
    if rows is None:
        rows = _nquads_rows(nquads, graphs) if nquads is not None else _store_rows(store, list(graphs))
    rows, dropped = list(rows), [(g,) for g in [*superseded, *graphs]]
    _note_edges(db, dropped, rows)
    for statement in _DROP_HOSTS:
        db.executemany(statement, dropped)
    db.executemany("DELETE FROM pairing_step WHERE graph = ?", dropped)
    # a new store's first batch: every entity is this batch's
    flipped = _refresh_labels(db, all_entities=fresh)
    mark = db.execute("SELECT COALESCE(MAX(rowid), 0) FROM pairing_step").fetchone()[0]
    _insert_rows(db, rows)
    db.execute("DELETE FROM pairing_redo")
    db.execute(_CHANGED_EDGES)
    db.executemany(_FLIPPED, [(k,) for k in flipped])
    _redo_closure(db, mark)
    _mark_current(db)


# ----------------------------------------------------------------------------- the place closure
#
# A trace stepping into a place reads the programmes located there or in any place inside it
# (`hosts` steps, `kg.graph.iter_chains`).  Walking a province's partOf subtree for them grows
# with the corpus, so the table keeps them: `pairing_up` holds each place's places above it (up
# along partOf, from named places only, as the walk down goes only into named places), and
# `pairing_host` each locatedIn row once under its own place and once under each place above.
# A batch changes them only where a partOf edge appeared or vanished (or a place became named):
# the places at or below such an edge get their places above again, and their programmes follow.

_NAMED = "n.type IN ({types}) AND n.name <> ''"


def _sql(text: str) -> str:
    """A statement with the named-node test filled in."""
    from .vocabulary import ENTITY_TYPE_NAMES

    return text.replace("{named}", _NAMED.format(types=", ".join(f"'{t}'" for t in sorted(ENTITY_TYPE_NAMES))))


_TEMP = """
CREATE TEMP TABLE IF NOT EXISTS pairing_edge (src TEXT NOT NULL, dst TEXT NOT NULL, was INTEGER NOT NULL,
                                              PRIMARY KEY (src, dst)) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS pairing_redo (k TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS pairing_up_new (place TEXT NOT NULL, above TEXT NOT NULL,
                                                PRIMARY KEY (place, above)) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS pairing_change (place TEXT NOT NULL, above TEXT NOT NULL, came INTEGER NOT NULL,
                                                PRIMARY KEY (place, above)) WITHOUT ROWID;
"""
# the partOf edges a batch drops (they were there) or brings (whether they were there already)
_EDGES_DROPPED = "INSERT OR IGNORE INTO pairing_edge SELECT src, dst, 1 FROM pairing_step WHERE graph = ? AND predicate = 'partOf'"
_EDGE_BROUGHT = ("INSERT OR IGNORE INTO pairing_edge SELECT ?1, ?2, EXISTS (SELECT 1 FROM pairing_step "
                 "WHERE src = ?1 AND predicate = 'partOf' AND dst = ?2)")
# the lower ends of the edges that appeared or vanished
_CHANGED_EDGES = ("INSERT OR IGNORE INTO pairing_redo SELECT e.src FROM pairing_edge e WHERE e.was <> EXISTS "
                  "(SELECT 1 FROM pairing_step s WHERE s.src = e.src AND s.predicate = 'partOf' AND s.dst = e.dst)")
# a place that became named (or stopped) and is inside another
_FLIPPED = ("INSERT OR IGNORE INTO pairing_redo SELECT ?1 WHERE EXISTS "
            "(SELECT 1 FROM pairing_step WHERE src = ?1 AND predicate = 'partOf')")
# the programme rows of the dropped graphs, under their places and under the places above (two
# statements: a compound subquery would have SQLite scan pairing_host instead of looking keys up)
_DROP_HOSTS = [
    """DELETE FROM pairing_host WHERE (above, programme, place, step) IN (
         SELECT s.dst, s.src, s.dst, s.rowid FROM pairing_step s WHERE s.graph = ? AND s.predicate = 'locatedIn')""",
    """DELETE FROM pairing_host WHERE (above, programme, place, step) IN (
         SELECT u.above, s.src, s.dst, s.rowid FROM pairing_step s CROSS JOIN pairing_up u ON u.place = s.dst
         WHERE s.graph = ? AND s.predicate = 'locatedIn')""",
]
_REDO = [
    # the places below those: their way up went through them
    """INSERT OR IGNORE INTO pairing_redo WITH RECURSIVE below(k) AS (
         SELECT k FROM pairing_redo UNION
         SELECT s.src FROM below b CROSS JOIN pairing_step s ON s.dst = b.k AND s.predicate = 'partOf'
         CROSS JOIN pairing_node n ON n.key = s.src WHERE {named})
       SELECT k FROM below""",
    "DELETE FROM pairing_up_new",
    """INSERT INTO pairing_up_new WITH RECURSIVE up(place, k) AS (
         SELECT k, k FROM pairing_redo UNION
         SELECT u.place, s.dst FROM up u CROSS JOIN pairing_step s ON s.src = u.k AND s.predicate = 'partOf'
         WHERE EXISTS (SELECT 1 FROM pairing_node n WHERE n.key = u.k AND {named}))
       SELECT place, k FROM up WHERE place <> k""",
    "DELETE FROM pairing_change",
    """INSERT INTO pairing_change SELECT place, above, 0 FROM (
         SELECT u.place, u.above FROM pairing_redo r CROSS JOIN pairing_up u ON u.place = r.k
         EXCEPT SELECT place, above FROM pairing_up_new)""",
    """INSERT INTO pairing_change SELECT place, above, 1 FROM (
         SELECT place, above FROM pairing_up_new
         EXCEPT SELECT u.place, u.above FROM pairing_redo r CROSS JOIN pairing_up u ON u.place = r.k)""",
    """DELETE FROM pairing_host WHERE (above, programme, place, step) IN (
         SELECT c.above, s.src, s.dst, s.rowid FROM pairing_change c
         CROSS JOIN pairing_step s ON s.dst = c.place AND s.predicate = 'locatedIn' WHERE c.came = 0)""",
    "DELETE FROM pairing_up WHERE (place, above) IN (SELECT place, above FROM pairing_change WHERE came = 0)",
    "INSERT INTO pairing_up SELECT place, above FROM pairing_change WHERE came = 1",
    """INSERT OR IGNORE INTO pairing_host SELECT c.above, s.src, s.dst, s.rowid FROM pairing_change c
         CROSS JOIN pairing_step s ON s.dst = c.place AND s.predicate = 'locatedIn' WHERE c.came = 1""",
    # the rows just added (after the mark), under their places and the places above
    """INSERT OR IGNORE INTO pairing_host
         SELECT s.dst, s.src, s.dst, s.rowid FROM pairing_step s WHERE s.rowid > ?1 AND s.predicate = 'locatedIn'""",
    """INSERT OR IGNORE INTO pairing_host
         SELECT u.above, s.src, s.dst, s.rowid FROM pairing_step s CROSS JOIN pairing_up u ON u.place = s.dst
         WHERE s.rowid > ?1 AND s.predicate = 'locatedIn'""",
]


def _temp_tables(db: sqlite3.Connection) -> None:
    for statement in _statements(_TEMP):
        db.execute(statement)


def _note_edges(db: sqlite3.Connection, dropped: list[tuple[str]], rows: list[tuple]) -> None:
    """The partOf edges the batch may change (`pairing_edge`), each with whether it was there before."""
    _temp_tables(db)
    db.execute("DELETE FROM pairing_edge")
    db.executemany(_EDGES_DROPPED, dropped)
    db.executemany(_EDGE_BROUGHT, sorted({(r[3], r[4]) for r in rows if r[2] == "partOf"}))


def rebuild_closure(db: sqlite3.Connection) -> None:
    """The place closure (`pairing_up`, `pairing_host`) made again from the table's rows alone."""
    for table in ("pairing_up", "pairing_host"):
        db.execute(f"DELETE FROM {table}")
    _temp_tables(db)
    db.execute("DELETE FROM pairing_redo")
    db.execute("INSERT INTO pairing_redo SELECT DISTINCT src FROM pairing_step WHERE predicate = 'partOf'")
    _redo_closure(db, 0)


def _redo_closure(db: sqlite3.Connection, mark: int) -> None:
    """The places above each place of `pairing_redo` (and of those below it) again, their
    programmes under the places above that came or went, and the rows after `mark` under theirs."""
    for statement in _REDO:
        db.execute(_sql(statement), (mark,) if "?1" in statement else ())


def _json(values) -> str:
    import json

    return json.dumps(list(values))


def _on_disk(db: sqlite3.Connection) -> bool:
    """Whether the connection's main database is a file (else it lives and dies in memory)."""
    return any(name == "main" and path for _, name, path in db.execute("PRAGMA database_list"))


def _only_these(db: sqlite3.Connection, graphs: list[str]) -> bool:
    """Whether the index records no article but these."""
    return not db.execute("SELECT EXISTS (SELECT 1 FROM article WHERE graph NOT IN (SELECT value FROM json_each(?)))",
                          (_json(graphs),)).fetchone()[0]


def _was_current_before(db: sqlite3.Connection, graphs: list[str]) -> bool:
    """Whether the table held every article but this batch's (else it is rebuilt whole).

    The mark is the largest article rowid when the table was last brought up
    to date; the batch's articles were inserted after it.
    """
    if _meta(db, "pairing_version") != VERSION:
        return False
    mark = int(_meta(db, "pairing_articles") or 0)
    older = db.execute("SELECT COUNT(*) FROM article WHERE rowid > ? AND graph NOT IN (SELECT value FROM json_each(?))",
                       (mark, _json(graphs))).fetchone()[0]
    return older == 0


def _rebuild_rows(store, db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM pairing_step")
    db.execute("DELETE FROM pairing_touched")
    _refresh_labels(db, all_entities=True)
    built = {g for (g,) in db.execute(_ALL_GRAPHS)}
    _insert_rows(db, (row for row in _store_rows(store, None) if row[0] in built))
    rebuild_closure(db)
    _mark_current(db)


def rebuild(store, db: sqlite3.Connection) -> None:
    """The whole table again from the store's article graphs, in one transaction.

    For an index whose table is missing (a store built before it) or stale
    (articles added by a build that did not keep it); `ensure_current` calls
    it when needed.  Takes about as long as reading the walked facts of the
    store once (seconds for 1,000 articles).
    """
    own = not db.in_transaction
    if own:
        db.execute("BEGIN IMMEDIATE")
    try:
        _ensure_schema(db)
        _rebuild_rows(store, db)
    except BaseException:
        if own:
            db.execute("ROLLBACK")
        raise
    if own:
        db.execute("COMMIT")


# ----------------------------------------------------------------------------- opening for reading


_OPEN: dict[str, tuple[sqlite3.Connection, tuple]] = {}  # index file -> (connection, (device, inode, ctime))
INDEX_FILE = "unionkg-build.sqlite"  # kg.build.INDEX_FILE (not imported: a trace need not load the pipeline)


def index_file(store) -> Path | None:
    """The build index of an on-disk Oxigraph store, when the folder has one."""
    path = getattr(store, "path", None)
    if path is None or getattr(store, "sparql_dialect", None) != "oxigraph":
        return None
    f = Path(path) / INDEX_FILE
    return f if f.is_file() else None


def ensure_current(store, db: sqlite3.Connection, on_rebuild: Callable[[], None] | None = None) -> bool:
    """Rebuild the table when the index has articles the table lacks; whether it is current after.

    A store opened by another process for writing (a build) is left alone
    (the table is rebuilt by that build's next batch).
    """
    if is_current(db):
        return True
    if not db.execute("SELECT EXISTS (SELECT 1 FROM article)").fetchone()[0]:
        return False
    if on_rebuild is not None:
        on_rebuild()
    try:
        rebuild(store, db)
    except sqlite3.OperationalError:  # locked by a build, or a read-only file
        return False
    return is_current(db)


def open_index(store, rebuild_stale: bool = True,
               on_rebuild: Callable[[], None] | None = None) -> sqlite3.Connection | None:
    """The index connection of `store` when its pairing table is current (rebuilt first when stale), else None.

    `on_rebuild` is called before a rebuild (a command tells the user why it waits).

    The connection is kept per index file and reused (a trace is
    milliseconds; opening and checking the file is a part of that), until
    the file at that path is another one (a store removed and built again).
    """
    f = index_file(store)
    if f is None:
        return None
    stat = f.stat()
    # a file made again at the path may reuse the inode, not its change time (which a write
    # moves too: the connection is then opened again, a fraction of a millisecond)
    identity = (stat.st_dev, stat.st_ino, stat.st_ctime_ns)
    db, opened_as = _OPEN.get(str(f), (None, None))
    if db is not None and opened_as != identity:
        db.close()
        db = None
    if db is None:
        try:
            db = sqlite3.connect(str(f), isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA busy_timeout = 2000")
            # a trace reads rows spread over the file: pages mapped (no copy into SQLite's own cache; the size
            # asked is cut to what the library allows)
            db.execute("PRAGMA mmap_size = 17179869184")
        except sqlite3.Error:
            return None
        _OPEN[str(f)] = (db, identity)
    try:
        ok = ensure_current(store, db, on_rebuild) if rebuild_stale else is_current(db)
    except sqlite3.Error:
        ok = False
    return db if ok else None


def close_index(store) -> None:
    f = index_file(store)
    db, _ = _OPEN.pop(str(f), (None, None)) if f is not None else (None, None)
    if db is not None:
        db.close()


# ----------------------------------------------------------------------------- trace


def start_nodes(db: sqlite3.Connection, name: str) -> list[str]:
    """Keys of the entities named `name` (display name or alias), else of those whose pinyin it is."""
    keys = [k for (k,) in db.execute("SELECT DISTINCT key FROM pairing_label WHERE label = ? AND kind < 2 ORDER BY key",
                                     (name,))]
    if keys:
        return keys
    lowered = name.lower().replace(" ", "")
    return [k for (k,) in db.execute("SELECT key FROM pairing_label WHERE label = ? AND kind = 2 ORDER BY key LIMIT 1",
                                     (lowered,))]


def close_names(db: sqlite3.Connection, name: str, n: int = 5) -> list[str]:
    """Display names containing `name` or contained in it (for the error of a name not found)."""
    return [label for (label,) in db.execute(
        "SELECT DISTINCT label FROM pairing_label WHERE kind = 0 AND (instr(label, ?) > 0 OR instr(?, label) > 0) "
        "ORDER BY label LIMIT ?", (name, name, n))]


def _in(column: str, values: list) -> str:
    return f"{column} IN ({','.join('?' * len(values))})"


_STEP_COLUMNS = "rowid, fact, predicate, src, dst, amount, approximate, year, quote, headline"


def _next_steps(db: sqlite3.Connection, frontier: list[str]) -> list[tuple]:
    """(from, to, chain steps, row) one walk step from the frontier: out along assists/runs (a step
    of a chain), into a place from the places inside it (none: they only hold its programmes) and
    from the programmes located there (a step); `row` is the telling walked (`_STEP_COLUMNS`)."""
    found = []
    for at in range(0, len(frontier), 500):
        part = frontier[at:at + 500]
        found += [(r[3], r[4], 1, r) for r in db.execute(
            f"SELECT {_STEP_COLUMNS} FROM pairing_step WHERE {_in('src', part)} AND predicate IN ('assists', 'runs')",
            part)]
        found += [(r[4], r[3], int(r[2] == "locatedIn"), r) for r in db.execute(
            f"SELECT {_STEP_COLUMNS} FROM pairing_step WHERE {_in('dst', part)} AND predicate IN ('locatedIn', 'partOf')",
            part)]
    return found


def _walk(db: sqlite3.Connection, start: list[str], max_depth: int = 4, max_nodes: int = 20000,
          limit: int | None = None, offset: int = 0) -> tuple[dict[str, int], int | None, list[tuple]]:
    """The nodes a trace from `start` can use (each with its fewest chain steps), how many first
    steps there are in all when only a page is followed, and the rows walked (the trace's edges)."""
    from .graph import first_steps

    depth = {k: 0 for k in start}
    steps = _next_steps(db, sorted(start))
    total, rows, direct = None, {}, {}
    if limit is not None or offset:
        # keys sort as their IRIs do (one common prefix)
        reached = {to for _, to, _, _ in steps} - set(start)
        total, page = len(reached), set(first_steps(reached, limit, offset))
        # a first step off the page is left out, unless reached another way: then the start's
        # step to it is a chain's too (the SPARQL walk projects every fact among the nodes it reached)
        rows = {s[3][0]: s[3] for s in steps}
        direct = {to: cost for _, to, cost, _ in steps if to not in page}
        steps = [s for s in steps if s[1] in page]
    while steps and len(depth) <= max_nodes:
        frontier = set()
        for frm, to, cost, row in steps:
            rows[row[0]] = row
            d = min(depth[frm] + cost, direct.get(to, max_depth + 1))
            if d <= max_depth and d < depth.get(to, max_depth + 1):
                depth[to] = d
                frontier.add(to)
        steps = _next_steps(db, sorted(n for n in frontier if depth[n] < max_depth))
    return depth, total, [rows[k][1:] for k in sorted(rows)]


def walk_nodes(db: sqlite3.Connection, start: list[str], max_depth: int = 4, max_nodes: int = 20000,
               limit: int | None = None, offset: int = 0) -> tuple[set[str], int | None]:
    """The nodes a trace from `start` can use, and how many first steps there are in all when
    only a page of them (`limit`, `offset`: as `project_for_trace` pages) is followed.

    The walk of `project_for_trace`, but only as deep as a chain goes: each
    node with the fewest chain steps it is reached in, and nothing is
    followed from a node `max_depth` steps away (a chain ends there), so
    `trace_chains` gives the same chains on these nodes as on the whole walk.
    The facts walked are the trace's edges: every edge `trace_chains` follows
    is walked from its node (a chain's next step, a place's places and
    programmes), so they are not asked for again.
    """
    depth, total, _ = _walk(db, start, max_depth, max_nodes, limit, offset)
    return set(depth), total


def _nodes(db: sqlite3.Connection, keys: list[str]) -> dict[str, tuple[str, str, str | None]]:
    """key -> (type, display name, pinyin) of these entities (`pairing_node`, their records' copy)."""
    out = {}
    for at in range(0, len(keys), 500):
        part = keys[at:at + 500]
        for key, type_, name, pinyin in db.execute(
                f"SELECT key, type, name, pinyin FROM pairing_node WHERE {_in('key', part)}", part):
            out[key] = (type_, name, pinyin)
    return out


def _add_edges(g, rows) -> None:
    """The rows as the graph's edges (key: the fact; a fact's later telling updates its data, as
    `add_edge` would), written straight into the adjacency dicts `add_edge` keeps: thousands of
    edges in a millisecond instead of tens."""
    from .graph import PREDICATE_LABEL

    succ, pred = g._succ, g._pred
    for fact, predicate, src, dst, amount, approx, year, quote, headline in rows:
        u, v = _ID + src, _ID + dst
        if u not in succ or v not in succ:
            continue
        keyed = succ[u].get(v)
        if keyed is None:
            keyed = succ[u][v] = pred[v][u] = g.edge_key_dict_factory()
        keyed[fact] = {"predicate": predicate, "label": PREDICATE_LABEL[predicate],
                       "amount_yuan": float(amount) if amount is not None else None, "approximate": bool(approx),
                       "year": int(year) if year else None, "article": headline or "", "quote": quote}


def trace_graph(db: sqlite3.Connection, name: str, max_depth: int = 4, max_nodes: int = 20000,
                limit: int | None = None, offset: int = 0):
    """The graph `kg.graph.project_for_trace` projects for a trace from `name`, from the table.

    Nodes and the walked facts among them only (what `trace_chains` and
    `format_chain` read); `graph["start"]` is the node to trace from (the
    best-connected of that name; an alias or pinyin finds its entity too),
    `graph["first_steps"]` as in `project_for_trace`.  Raises KGError naming
    close names when no entity has that name.
    """
    import networkx as nx

    from .vocabulary import ENTITY_TYPE_NAMES

    start = start_nodes(db, name)
    if not start:
        close = close_names(db, name)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `kg query unions_by_level` lists the unions"
        raise KGError(f"{name}: no such entity in the graph{hint}")
    depth, total, rows = _walk(db, start, max_depth, max_nodes, limit, offset)
    seen = set(depth)
    g = nx.MultiDiGraph()
    g.add_nodes_from((_ID + key, {"label": label, "type": type_, "pinyin": pinyin, "sources": []})
                     for key, (type_, label, pinyin) in sorted(_nodes(db, sorted(seen)).items())
                     if type_ in ENTITY_TYPE_NAMES and label)
    _add_edges(g, rows)
    named = [_ID + k for k in start if _ID + k in g]
    exact = [n for n in named if g.nodes[n]["label"] == name] or named
    if exact:  # the best-connected node of that name (one name may be two people), as find_node picks
        g.graph["start"] = max(exact, key=g.degree)
    if total is not None:
        g.graph["first_steps"] = total
    return g


class _Lazy:
    """A sequence read from an iterator only as far as it is walked, and walked again from its start."""

    def __init__(self, items):
        self._items, self._read = items, []

    def __iter__(self):
        at = 0
        while True:
            if at == len(self._read):
                try:
                    self._read.append(next(self._items))
                except StopIteration:
                    return
            yield self._read[at]
            at += 1


# one statement a chunk of a node's steps, whatever their kinds: each kind an arm read off its index in
# the order of the node stepped to (then, for hosts, the place it is located in; then the row), the arms
# merged by SQLite in that order (no sort); columns: row, fact, from, to, amount, approximate, year,
# quote, headline, the node stepped to's type, name and pinyin, the kind, the second order key
_ARM = ("SELECT s.rowid, s.fact, s.src, s.dst, s.amount, s.approximate, s.year, s.quote, s.headline, "
        "s.predicate, s.src FROM pairing_step s WHERE s.src = ?1 AND s.predicate = '{kind}' AND s.dst > ?2")
# the programmes located in a place or in the places inside it (`pairing_host`), by programme, then the
# place it is located in and the row: a range of one index
_HOST_ARM = ("SELECT h.step, s.fact, h.place, h.programme, s.amount, s.approximate, s.year, s.quote, s.headline, "
             "'hosts', h.place FROM pairing_host h CROSS JOIN pairing_step s ON s.rowid = h.step "
             "WHERE h.above = ?1 AND h.programme > ?2")
_STEPS_ORDER = " ORDER BY 4, 11, 1 LIMIT ?3"
_OUT_STEPS = " UNION ALL ".join(_ARM.format(kind=k) for k in _OUT) + _STEPS_ORDER
_PLACE_STEPS = " UNION ALL ".join([*(_ARM.format(kind=k) for k in _OUT), _HOST_ARM]) + _STEPS_ORDER


class TableSteps:
    """A trace's steps read off the table as the walk asks for them (`kg.graph.iter_chains`'s
    `steps`), each node's once and only as far as the walk goes; `nodes[iri]["label"]` what
    `format_chain` reads.

    A node's steps are those `trace_graph` would project from it (the rows of the fact kinds,
    one per fact, its last telling's data, to nodes with a type and a name), in
    `kg.graph._step_key` order: read off the index in the order of the node stepped to, a
    node stepped to at a time, so a page of chains reads about the steps it prints whatever
    the number of a donor's facts.  One statement a chunk, every kind of step together.
    """

    def __init__(self, db: sqlite3.Connection, chunk: int = 16):
        from .graph import STEP_LABEL, _step_key
        from .vocabulary import ENTITY_TYPE_NAMES

        self.db, self.nodes, self._types, self._asked, self._chunk = db, {}, ENTITY_TYPE_NAMES, {}, chunk
        self._labels, self._step_key = STEP_LABEL, _step_key

    def _fetch(self, keys: list[str]) -> None:
        """The nodes of these keys into `nodes` (those without a type or name: never a step)."""
        new = sorted({k for k in keys if _ID + k not in self.nodes})
        for key, (type_, label, pinyin) in _nodes(self.db, new).items():
            if type_ in self._types and label:
                self.nodes[_ID + key] = {"label": label, "type": type_, "pinyin": pinyin}
        self.nodes.update({_ID + k: None for k in new if self.nodes.get(_ID + k) is None})

    def node_type(self, node: str) -> str | None:
        if node not in self.nodes:
            self._fetch([node[len(_ID):]])
        return (self.nodes[node] or {}).get("type")

    def steps(self, node: str) -> _Lazy:
        """The node's steps in `_step_key` order, read as far as they are walked."""
        if node not in self._asked:
            sql = _PLACE_STEPS if self.node_type(node) == "Place" else _OUT_STEPS
            self._asked[node] = _Lazy(step for group in self._groups(self._chunks(sql, node[len(_ID):]), node)
                                      for step in group)
        return self._asked[node]

    def _chunks(self, sql: str, key: str):
        """The rows of `sql` (parameters: the node, the node stepped to they come after and how
        many), by the node stepped to, read a chunk of whole groups (one node stepped to) at a
        time, the first of `chunk` rows, each next twice the last.

        Each chunk is read whole (a statement left open while the walk reads other nodes' steps
        would be prepared again for each of them, slower than the rows it saves)."""
        after, size = "", self._chunk
        while True:
            rows = self.db.execute(sql, (key, after, size)).fetchall()
            self._fetch([row[3] for row in rows])
            if len(rows) < size:
                yield from rows
                return
            last = rows[-1][3]
            whole = [row for row in rows if row[3] != last]  # the last group may go on
            if whole:
                yield from whole
                after = whole[-1][3]
            size *= 2

    def _groups(self, rows, node: str):
        """Each node stepped to's steps in `_step_key` order (its kinds in order: the key's second
        term), from rows in that node's order."""
        group, facts = None, {}
        for row in rows:
            if row[3] != group:
                if facts:
                    yield sorted(facts.values(), key=self._step_key)
                group, facts = row[3], {}
            step = self._step(row, node)
            if step is not None:
                facts[row[9], row[1]] = step
        if facts:
            yield sorted(facts.values(), key=self._step_key)

    def _step(self, row, node: str) -> tuple | None:
        """(from, to, data) of one telling (None: to a node without a type or a name)."""
        _, _, frm, to, amount, approx, year, quote, headline, kind, _ = row
        there = _ID + to
        if self.nodes[there] is None:  # no type or no name
            return None
        data = {"predicate": kind, "label": self._labels[kind],
                "amount_yuan": float(amount) if amount is not None else None, "approximate": bool(approx),
                "year": int(year) if year else None, "article": headline or "", "quote": quote}
        return (_ID + frm if kind == "hosts" else node, there, data)


_DEGREE_SURE = """
SELECT COUNT(DISTINCT fact) FROM (
  SELECT s.fact FROM pairing_step s CROSS JOIN pairing_node n ON n.key = s.dst
  WHERE s.src = ?1 AND s.predicate IN ('assists', 'runs') AND n.type IN ({types}) AND n.name <> ''
  UNION ALL
  SELECT s.fact FROM pairing_step s CROSS JOIN pairing_node n ON n.key = s.src
  WHERE s.dst = ?1 AND s.predicate IN ('locatedIn', 'partOf') AND n.type IN ({types}) AND n.name <> '')"""
_DEGREE_MORE = """
SELECT COUNT(DISTINCT fact) FROM (
  SELECT fact FROM pairing_step WHERE dst = ?1 AND predicate IN ('assists', 'runs')
  UNION ALL SELECT fact FROM pairing_step WHERE src = ?1 AND predicate IN ('locatedIn', 'partOf'))"""


def clearly_best_connected(db: sqlite3.Connection, name: str, keys: list[str]) -> str | None:
    """The entity of these keys `trace_graph` starts a trace from, when its facts alone tell, else None.

    `trace_graph` picks, among the entities named `name` (display name; else any of
    `keys`), the one of most edges in the graph it projects, the first of them in key
    order.  Its facts walked from it (assistance and running out, location and
    containment in, to named nodes) are edges there for sure; the facts into it the
    other way may be (when the walk reached their other end).  When one entity's sure
    edges are more than every other's sure and possible ones together (as many, for
    those after it), it is that one, found without walking every entity's neighbourhood.
    """
    from .vocabulary import ENTITY_TYPE_NAMES

    nodes = _nodes(db, keys)
    named = [k for k in keys if k in nodes and nodes[k][0] in ENTITY_TYPE_NAMES and nodes[k][1]]
    exact = [k for k in named if nodes[k][1] == name] or named
    if len(exact) < 2:
        return exact[0] if exact else None
    types = ", ".join(f"'{t}'" for t in sorted(ENTITY_TYPE_NAMES))
    sure = [db.execute(_DEGREE_SURE.format(types=types), (k,)).fetchone()[0] for k in exact]
    most = [n + db.execute(_DEGREE_MORE, (k,)).fetchone()[0] for n, k in zip(sure, exact)]
    best = max(range(len(exact)), key=sure.__getitem__)
    others = [j for j in range(len(exact)) if j != best]
    if all(sure[best] > most[j] if j < best else sure[best] >= most[j] for j in others):
        return exact[best]
    return None


def table_chains(db: sqlite3.Connection, name: str, max_depth: int = 4, lazy: bool = True):
    """(the nodes `format_chain` reads, the chains of a trace from `name`, one at a time).

    One entity of that name (or one clearly the best-connected of several,
    `clearly_best_connected`): its chains walked off the table as they are
    asked for (`TableSteps`), each node's steps a chunk at a time, so a page
    reads only the steps up to its last chain.  Without `lazy` (the whole
    trace), or for several entities of that name none of which is clearly the
    best-connected (one name for two people): the chains of the graph
    `trace_graph` projects, from the best-connected entity as `kg trace` picks
    it (walking the table for the whole trace was slower for a busy donor).
    Raises KGError naming close names when no entity has that name.
    """
    from .graph import find_node, graph_edges, iter_chains

    start = start_nodes(db, name)
    if lazy:
        if len(start) > 1:
            start = [best] if (best := clearly_best_connected(db, name, start)) is not None else start
        if len(start) == 1:
            steps = TableSteps(db)
            if steps.node_type(_ID + start[0]) is not None:
                return steps, iter_chains(None, steps.node_type, _ID + start[0], max_depth, steps=steps.steps)
    g = trace_graph(db, name, max_depth)
    return g, iter_chains(*graph_edges(g), g.graph.get("start") or find_node(g, name), max_depth)


# ----------------------------------------------------------------------------- pairings

PAIRING_VARS = ["donor", "recipient", "amountYuan", "approximate", "year", "article", "quote"]

_PAIRINGS = """
SELECT DISTINCT src_name, dst_name, amount, approximate, year, headline, quote FROM pairing_step
WHERE predicate = 'assists' AND src_name IS NOT NULL AND dst_name IS NOT NULL {donor}
ORDER BY src_name, amount_value DESC, dst_name, year, headline, quote, approximate
LIMIT ? OFFSET ?"""


def pairings(db: sqlite3.Connection, donor: str | None = None, limit: int | None = None, offset: int = 0):
    """Rows of the `pairings` named query (same columns, values and order), a page of them.

    `donor`: only the donors of that display name or alias (the query's ?donorName).
    """
    where, args = "", []
    if donor is not None:
        where = "AND src IN (SELECT key FROM pairing_label WHERE label = ? AND kind < 2)"
        args.append(donor)
    rows = db.execute(_PAIRINGS.format(donor=where), [*args, -1 if limit is None else limit, offset])
    return [(d, r, None if a is None else Decimal(a), None if ap is None else bool(ap), y, h, q)
            for d, r, a, ap, y, h, q in rows]


def donor_counts(db: sqlite3.Connection, n: int | None = None) -> list[tuple[str, int]]:
    """(donor display name, assistance rows) of the donors with the most rows first."""
    return db.execute("SELECT src_name, COUNT(*) AS c FROM pairing_step WHERE predicate = 'assists' "
                      "AND src_name IS NOT NULL GROUP BY src_name ORDER BY c DESC, src_name LIMIT ?",
                      (-1 if n is None else n,)).fetchall()


def indexed_query(store, name: str, params: dict[str, str], limit: int | None = None, offset: int = 0,
                  max_rows: int | None = None):
    """`kg query NAME` answered from the pairing table: (QueryResult, truncated), or None.

    Only the `pairings` named query is (its rows, in its order, a page at a
    time); None for other queries and for stores without a current table,
    which then run the SPARQL.  Parameters are checked as for the SPARQL.
    """
    from .queries import check_parameters, query_parameters
    from .store import QueryResult

    if name != "pairings":
        return None
    check_parameters(name, list(params), query_parameters(name))
    db = open_index(store)
    if db is None:
        return None
    want = limit if max_rows is None or (limit is not None and limit <= max_rows) else max_rows + 1
    rows = pairings(db, params.get("donorName"), want, offset)
    truncated = max_rows is not None and len(rows) > max_rows
    return QueryResult(list(PAIRING_VARS), rows[:max_rows] if max_rows is not None else rows), truncated
