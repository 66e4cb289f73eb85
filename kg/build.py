"""`kg build`: a folder of articles into a store, Turtle/N-Quads files and a page.

A streaming build.  Articles are read, extracted, resolved and written as
N-Quads in a process pool (or on Dask workers), each on its own
(`pipeline.build_article`); the coordinator appends each article's graph to
a shard file on disk and loads it into the store a batch at a time, with
Oxigraph's bulk loader.  Nothing that grows with the corpus is held in
memory: the only state across articles, each entity's display name (its
longest written form) and aliases, lives in a small SQLite index beside the
store (`EntityIndex`), together with the articles already built and a
journal of the batch being loaded.

Each article's facts live in the article's own named graph, so building an
article again replaces its graph (idempotent) and building new articles adds
graphs without touching the others (incremental).  Entity labels go to one
shared graph; an entity's labels are rewritten only when its name or aliases
change.

A batch is committed in steps, each either done or not done (SQLite
transactions, Oxigraph transactions, and a journal row around the bulk load,
which is not atomic).  A build killed at any point leaves, once the store is
next opened for a build, exactly the articles of the batches committed
before it; the next build of the same folder skips those ("already built")
and goes on with the rest.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from .errors import InputFileError, StoreError
from .pipeline import (DEFAULT_MAX_BYTES, ArticleOutcome, article_files, build_article, chunk_size, default_workers,
                       map_files, warm_up_build)
from .resolve import KBEntity

INDEX_FILE = "unionkg-build.sqlite"
DEFAULT_BATCH = 500  # articles per committed batch: ~100k quads, one bulk load


@dataclass
class BuildResult:
    summary: dict
    errors: list[InputFileError] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    extractions: list = field(default_factory=list)  # kept for callers of the old shape; always empty
    knowledge_base: object = None


# ----------------------------------------------------------------------------- entity merging


_UNPLACED_MARK = "（地点不详）"


def _name_rank(name: str) -> tuple:
    """Sort key of the candidate display names: the best comes first.

    The longest written form names a node; between equally long forms the
    smallest in code-point order, so the name does not depend on the order
    articles are built in.
    """
    return (not name.endswith(_UNPLACED_MARK), -len(name), name)


def _first(*values):
    """The smallest value given; with none, the first falsy one that is not None (False
    stays False, so a record seen again is not rewritten for a False turned None).

    Examples
    --------
    >>> _first("b", None, "a"), _first(None, None), _first(False, False), _first(None, False)
    ('a', None, False, False)
    """
    present = [v for v in values if v]
    if present:
        return min(present)
    return next((v for v in values if v is not None), None)


def merge_entity(old: KBEntity | None, new: KBEntity) -> KBEntity:
    """One node's record after one more article mentions it; order-independent.

    Examples
    --------
    >>> a = KBEntity("union/11", "Union", "北京总工会")
    >>> b = KBEntity("union/11", "Union", "北京市总工会", aliases={"市总工会"})
    >>> m = merge_entity(merge_entity(None, a), b)
    >>> m.name, sorted(m.aliases)
    ('北京市总工会', ['北京总工会', '市总工会'])
    >>> merge_entity(merge_entity(None, b), a) == m
    True
    """
    if old is None:
        return replace(new, aliases=set(new.aliases) - {new.name}, articles=set())
    named_by = old if min((old.name, new.name), key=_name_rank) == old.name else new
    name = named_by.name
    aliases = (set(old.aliases) | set(new.aliases) | {old.name, new.name}) - {name}
    return KBEntity(
        old.key, old.type, name, aliases, level=_first(old.level, new.level), code=_first(old.code, new.code),
        place_key=_first(old.place_key, new.place_key), kind=_first(old.kind, new.kind), pinyin=named_by.pinyin,
        english=named_by.english, articles=old.articles, **{f: _first(getattr(old, f), getattr(new, f)) for f in _EXTRA_FIELDS})


# fields later versions of resolve.KBEntity may carry (unplaced, campaign_key …), merged alike
_BASE_FIELDS = {"key", "type", "name", "aliases", "level", "code", "place_key", "kind", "pinyin", "english", "articles"}
_EXTRA_FIELDS = tuple(f.name for f in fields(KBEntity) if f.name not in _BASE_FIELDS)


# ----------------------------------------------------------------------------- the index


_SCHEMA = """
-- dirty: 0 written, 1 changed (old labels to delete first), 2 new
-- labels: the entity's statements in the entity graph as last written ("p o" lines), NULL when not known
CREATE TABLE IF NOT EXISTS entity (key TEXT PRIMARY KEY, record TEXT NOT NULL, dirty INTEGER NOT NULL DEFAULT 0,
                                   union_place TEXT, labels TEXT);
CREATE INDEX IF NOT EXISTS entity_dirty ON entity(dirty) WHERE dirty > 0;
CREATE INDEX IF NOT EXISTS entity_union_place ON entity(union_place) WHERE union_place IS NOT NULL;
CREATE TABLE IF NOT EXISTS article (graph TEXT PRIMARY KEY, url TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS article_url ON article(url);
CREATE TABLE IF NOT EXISTS pending (batch INTEGER PRIMARY KEY, graphs TEXT NOT NULL, superseded TEXT NOT NULL,
                                    merged INTEGER NOT NULL DEFAULT 0);
-- the entities whose labels a pending batch rewrites (a new one's labels go if the batch is undone)
CREATE TABLE IF NOT EXISTS pending_entity (batch INTEGER NOT NULL, key TEXT NOT NULL, PRIMARY KEY (batch, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
"""


_RECORD_FIELDS = tuple(f.name for f in fields(KBEntity) if f.name != "articles")
_KNOWN_FIELDS = frozenset(f.name for f in fields(KBEntity))


def _record(e: KBEntity) -> str:
    d = {name: getattr(e, name) for name in _RECORD_FIELDS}
    d["aliases"] = sorted(d["aliases"])
    return json.dumps(d, ensure_ascii=False, sort_keys=True)


def _entity(record: str) -> KBEntity:
    d = json.loads(record)
    d["aliases"] = set(d["aliases"])
    return KBEntity(**{k: v for k, v in d.items() if k in _KNOWN_FIELDS})


@dataclass
class MergePlan:
    """A merge of records into the index, computed before anything is written (`EntityIndex.plan_merge`)."""

    rows: list[tuple]  # (key, record, dirty, union_place) of each record that changes
    changed: list[tuple[KBEntity, bool]]  # each entity whose labels must be written, with whether it is in the store
    renamed_places: list[str]


class EntityIndex:
    """The build's state across articles, in SQLite: entities, built articles, the batch journal."""

    def __init__(self, path: str | Path | None):
        self.path = path
        # a batch is committed on the build's commit thread while the next one is gathered
        self.db = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL" if path else "PRAGMA journal_mode=MEMORY")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        if "labels" not in {row[1] for row in self.db.execute("PRAGMA table_info(entity)")}:
            self.db.execute("ALTER TABLE entity ADD COLUMN labels TEXT")  # an index of an earlier release

    def close(self) -> None:
        self.db.close()

    def is_empty(self) -> bool:
        return self.db.execute("SELECT NOT EXISTS (SELECT 1 FROM article) AND NOT EXISTS (SELECT 1 FROM entity)").fetchone()[0]

    def meta(self, k: str) -> str | None:
        row = self.db.execute("SELECT v FROM meta WHERE k = ?", (k,)).fetchone()
        return row[0] if row else None

    def set_meta(self, k: str, v: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (k, v))

    # articles
    def is_built(self, graph: str) -> bool:
        return self.db.execute("SELECT 1 FROM article WHERE graph = ?", (graph,)).fetchone() is not None

    def other_versions(self, graph: str, url: str) -> list[str]:
        """Graphs of earlier texts of the same file (an edited file is a new graph)."""
        return [g for (g,) in self.db.execute("SELECT graph FROM article WHERE url = ? AND graph != ? ORDER BY graph", (url, graph))]

    def article_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM article").fetchone()[0]

    def entity_count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM entity").fetchone()[0]

    # entities
    def get(self, key: str) -> KBEntity | None:
        row = self.db.execute("SELECT record FROM entity WHERE key = ?", (key,)).fetchone()
        return _entity(row[0]) if row else None

    def records(self, keys: list[str], chunk: int = 500) -> dict[str, str]:
        """The stored records of these keys (those present), a few queries for all of them."""
        found: dict[str, str] = {}
        for start in range(0, len(keys), chunk):
            part = keys[start:start + chunk]
            found.update(self.db.execute(f"SELECT key, record FROM entity WHERE key IN ({','.join('?' * len(part))})", part))
        return found

    def merge(self, entities: Iterable[KBEntity]) -> list[tuple[KBEntity, bool]]:
        """Merge records in; a record that changes is marked dirty (its labels must be rewritten).

        Returns what `dirty()` would read back (each entity whose labels must
        be written, with whether old labels are in the store), when no entity
        was dirty before: the caller need not decode every record again.
        """
        plan = self.plan_merge(entities)
        self.apply_merge(plan)
        return plan.changed

    def plan_merge(self, entities: Iterable[KBEntity]) -> "MergePlan":
        """What merging these records in would write, computed without writing anything.

        Entities are read with their labels as last written (`stored_labels`);
        a place whose name changes takes the unions placed in it along (their
        English label is made from the place's name), unless they change too.
        """
        entities = list(entities)
        stored = self.records([e.key for e in entities])
        changed: dict[str, tuple[KBEntity, bool]] = {}
        rows, renamed_places = [], []
        for e in entities:
            old_record = stored.get(e.key)
            old = _entity(old_record) if old_record is not None else None
            # a record new to the index as `BatchWriter.add` gathered it is already merge_entity(None, e)
            merged = e if old is None and not e.articles and e.name not in e.aliases else merge_entity(old, e)
            if old is not None and merged == old:
                continue  # nothing new about it (the record would be written as it is)
            record = _record(merged)
            if old is None or record != old_record:
                rows.append((e.key, record, 2 if old is None else 1, merged.place_key if merged.type == "Union" else None))
                changed[e.key] = (merged, old is not None)
                if old is not None and old.name != merged.name and e.type == "Place":
                    renamed_places.append(e.key)
        for place in renamed_places:
            for key, record in self.db.execute("SELECT key, record FROM entity WHERE union_place = ?", (place,)):
                changed.setdefault(key, (_entity(record), True))
        return MergePlan(rows, [changed[k] for k in sorted(changed)], renamed_places)

    def apply_merge(self, plan: "MergePlan", labels: dict[str, str] | None = None) -> None:
        """Write a planned merge.  Without `labels`, changed records are marked dirty (labels
        to write); with them (each changed entity's labels just written to the store), the
        records are stored clean with those labels."""
        if labels is None:
            self.db.executemany("INSERT INTO entity (key, record, dirty, union_place) VALUES (?, ?, ?, ?) "
                                "ON CONFLICT(key) DO UPDATE SET record = excluded.record, "
                                "union_place = excluded.union_place, dirty = CASE WHEN dirty = 2 THEN 2 ELSE 1 END",
                                plan.rows)
            for place in plan.renamed_places:
                self.db.execute("UPDATE entity SET dirty = 1 WHERE union_place = ? AND dirty = 0", (place,))
            return
        self.db.executemany("INSERT INTO entity (key, record, dirty, union_place, labels) VALUES (?1, ?2, 0, ?4, ?5) "
                            "ON CONFLICT(key) DO UPDATE SET record = excluded.record, "
                            "union_place = excluded.union_place, dirty = 0, labels = excluded.labels",
                            [(key, record, dirty, place, labels[key]) for key, record, dirty, place in plan.rows])
        rewritten = [(labels[e.key], e.key) for e, _ in plan.changed if e.key in labels]
        self.db.executemany("UPDATE entity SET dirty = 0, labels = ? WHERE key = ?", rewritten)

    def label_lines(self) -> int | None:
        """How many statements the entity graph holds by the labels kept here (None: some not known)."""
        unknown, lines = self.db.execute(
            "SELECT COUNT(*) FILTER (WHERE labels IS NULL), "
            "TOTAL(LENGTH(labels) - LENGTH(REPLACE(labels, char(10), '')) + 1) FROM entity").fetchone()
        return None if unknown else int(lines)

    def stored_labels(self, keys: list[str], chunk: int = 500) -> dict[str, str | None]:
        """The labels last written of these keys (None: not known, as for a store built by an earlier release)."""
        found: dict[str, str | None] = {}
        for start in range(0, len(keys), chunk):
            part = keys[start:start + chunk]
            found.update(self.db.execute(f"SELECT key, labels FROM entity WHERE key IN ({','.join('?' * len(part))})", part))
        return found

    def dirty(self) -> list[tuple[KBEntity, bool]]:
        """Entities whose labels must be written, each with whether old labels are in the store."""
        return [(_entity(r), d == 1) for r, d in self.db.execute("SELECT record, dirty FROM entity WHERE dirty > 0 ORDER BY key")]

    # the journal
    def begin_batch(self, graphs: list[str], superseded: list[str],
                    relabelled: list[tuple[KBEntity, bool]] = ()) -> int:
        """The journal row of a batch about to be loaded, in one transaction with the entities
        whose labels it rewrites (`relabelled`, each with whether it is in the store): those in
        the store are marked dirty (an undone batch leaves their labels to be written again from
        their records), the others noted (an undone batch deletes their labels)."""
        self.db.execute("BEGIN")
        cur = self.db.execute("INSERT INTO pending (graphs, superseded) VALUES (?, ?)",
                              (json.dumps(graphs), json.dumps(superseded)))
        batch = cur.lastrowid
        self.db.executemany("INSERT OR IGNORE INTO pending_entity VALUES (?, ?)",
                            [(batch, e.key) for e, stored in relabelled if not stored])
        self.db.executemany("UPDATE entity SET dirty = 1 WHERE key = ? AND dirty = 0",
                            [(e.key,) for e, stored in relabelled if stored])
        self.db.execute("COMMIT")
        return batch

    def end_batch(self, batch: int) -> None:
        """The batch's journal rows cleared (its entities first: a kill between leaves a row that is done again)."""
        self.db.execute("DELETE FROM pending_entity WHERE batch = ?", (batch,))
        self.db.execute("DELETE FROM pending WHERE batch = ?", (batch,))

    def unrecorded(self, batch: int) -> list[str]:
        """The entities a pending batch labelled that the index does not hold (new in that batch)."""
        return [k for (k,) in self.db.execute("SELECT key FROM pending_entity WHERE batch = ? AND key NOT IN "
                                              "(SELECT key FROM entity) ORDER BY key", (batch,))]

    def pending(self) -> list[tuple[int, list[str], list[str], bool]]:
        return [(b, json.loads(g), json.loads(s), bool(m))
                for b, g, s, m in self.db.execute("SELECT batch, graphs, superseded, merged FROM pending ORDER BY batch")]


def index_path(store) -> Path | None:
    """Where a store keeps its build index: inside an on-disk Oxigraph folder; else in memory."""
    path = getattr(store, "path", None)
    return Path(path) / INDEX_FILE if path is not None else None


# ----------------------------------------------------------------------------- writing entities


def _labelled(e: KBEntity, index: EntityIndex, places: dict[str, KBEntity] | None = None) -> KBEntity:
    """Pinyin and English come with the record (made on the worker from the same name),
    except a union's English, which is made from its place's name as the index has it now
    (`places`: records just merged, which are what the index has, read without a query)."""
    from .labels import english_person, english_place, english_union, pinyin

    if e.type == "Union":
        place = None
        if e.place_key:
            place = places.get(e.place_key) if places is not None else None
            place = place if place is not None else index.get(e.place_key)
        e = replace(e, english=english_union(e.name, place.name if place else None, place.level if place else None))
    elif e.english is None and e.type in ("Place", "Person"):  # a record read back from a store
        e = replace(e, english=english_place(e.name, e.level) if e.type == "Place" else english_person(e.name))
    return e if e.pinyin else replace(e, pinyin=pinyin(e.name))


def _sparql_quads(nquads: str) -> str:
    """N-Quads lines as the quad patterns of INSERT DATA (the term syntax is the same)."""
    out = []
    for line in nquads.splitlines():
        if line:
            body, graph = line[:-2].rsplit(" ", 1)
            out.append(f"GRAPH {graph} {{ {body} }}")
    return "\n".join(out)


def entity_deletion(entities: list[tuple[KBEntity, bool]], drop_graphs: Iterable[str] = ()) -> str:
    """One SPARQL update (one transaction) deleting the old labels of entities already
    in the store, node by node (one index lookup each), and dropping graphs."""
    return _labels_deletion([e.key for e, stored in entities if stored], drop_graphs)


def _labels_deletion(keys: Iterable[str], drop_graphs: Iterable[str] = ()) -> str:
    """`entity_deletion` of the entities with these keys."""
    from .rdf import ENTITY_GRAPH, iri

    parts = [f"DROP SILENT GRAPH <{g}>" for g in drop_graphs]
    parts += [f"DELETE WHERE {{ GRAPH <{ENTITY_GRAPH}> {{ <{iri(key)}> ?p ?o }} }}" for key in keys]
    return " ;\n".join(parts)


def entity_lines(e: KBEntity) -> tuple[str, str]:
    """An entity's statements in the entity graph: as the index keeps them ("p o" lines,
    the subject and graph implied) and as N-Quads (what `rdf.entity_nquads` writes).

    Examples
    --------
    >>> from kg.rdf import entity_nquads
    >>> e = KBEntity("person/1", "Person", "王某", aliases={"老王"}, pinyin="wang mou")
    >>> kept, nquads = entity_lines(e)
    >>> nquads == entity_nquads(e), len(kept.splitlines()) == len(nquads.splitlines())
    (True, True)
    """
    from .rdf import ENTITY_GRAPH, entity_statements

    statements = entity_statements(e)
    graph = f"<{ENTITY_GRAPH}>"
    kept = "\n".join(f"{p} {o}" for _, p, o in statements)
    return kept, "".join(f"{s} {p} {o} {graph} .\n" for s, p, o in statements)


def _stale_labels(key: str, before: str, after: str, end: str = "") -> list[str]:
    """The N-Quads lines of an entity's labels written `before` (the index's "p o" lines)
    that are no longer among those `after`: what a load of the new labels leaves to delete
    (each line ending in `end`; with the arguments swapped, the labels to add).

    Examples
    --------
    >>> _stale_labels("person/1", '<p> "a"@zh\\n<q> "b"@zh', '<p> "a"@zh\\n<q> "c"@zh')
    ['<https://w3id.org/unionkg/id/person/1> <q> "b"@zh <https://w3id.org/unionkg/id/graph/entities> .']
    """
    from .rdf import ENTITY_GRAPH, iri

    gone = set(before.split("\n")) - set(after.split("\n"))
    return [f"<{iri(key)}> {po} <{ENTITY_GRAPH}> .{end}" for po in sorted(gone) if po]


# ----------------------------------------------------------------------------- store bookkeeping


def recover(store, index: EntityIndex) -> int:
    """Finish or undo a batch an interrupted build left half done; the number of batches handled.

    A batch whose bulk load may not have finished is removed graph by graph
    (its articles were not yet recorded as built, so the next build does
    them again); a batch already merged into the index gets its entity
    labels and superseded graphs written, as the interrupted build would have.
    """
    handled = 0
    for batch, graphs, superseded, merged in index.pending():
        index.db.execute("BEGIN")
        if merged:
            _write_entities(store, index, superseded)
            _after_batch(store, index, graphs, superseded)
        else:
            for g in graphs:
                store.update(f"DROP SILENT GRAPH <{g}>")
            new_entities = index.unrecorded(batch)  # labelled by the batch, unknown without it
            for start in range(0, len(new_entities), 2000):
                store.update(_labels_deletion(new_entities[start:start + 2000]))
        index.end_batch(batch)
        index.db.execute("COMMIT")
        handled += 1
    if index.dirty():
        _write_entities(store, index, [])
    return handled


def _after_batch(store, index: EntityIndex, graphs: list[str], superseded: list[str], shard: Path | None = None,
                 rows: list[tuple] | None = None) -> None:
    """Tables kept beside the store, brought up to date in the transaction that clears a batch's journal row
    (from the rows the workers made, else from the batch's shard when it is still there: a few times
    cheaper than asking the store)."""
    from .pairing_index import update_after_batch

    update_after_batch(store, index.db, graphs, superseded, nquads=shard, rows=rows)


def _write_entities(store, index: EntityIndex, drop_graphs: list[str], shard_dir: Path | None = None,
                    dirty: list[tuple[KBEntity, bool]] | None = None) -> None:
    """Old labels out (a SPARQL update, a transaction), new labels in (a bulk load of an
    N-Quads file, far cheaper than a transaction); done again after a kill, since the
    dirty marks are cleared only after both: the labels a killed load left are a part
    of what the next one writes, or were deleted with the old labels first.

    `dirty`: the entities `EntityIndex.merge` just marked (else read back from the index)."""
    if dirty is None:
        dirty = index.dirty()
    for start in range(0, max(len(dirty), 1), 2000):
        update = entity_deletion(dirty[start:start + 2000], drop_graphs if start == 0 else ())
        if update:
            store.update(update)
    if dirty:
        places = {e.key: e for e, _ in dirty if e.type == "Place"}
        lines = {e.key: entity_lines(_labelled(e, index, places)) for e, _ in dirty}
        _bulk_load_text(store, (nquads for _, nquads in lines.values()), shard_dir)
        index.db.executemany("UPDATE entity SET labels = ? WHERE key = ?", [(kept, k) for k, (kept, _) in lines.items()])
    index.db.execute("UPDATE entity SET dirty = 0 WHERE dirty > 0")


def _bulk_load_text(store, parts: Iterable[str], shard_dir: Path | None) -> None:
    """N-Quads text through a file and the store's bulk loader (a transaction without a folder)."""
    if shard_dir is None:
        store.load_nquads("".join(parts))
        return
    shard_dir.mkdir(parents=True, exist_ok=True)
    path = shard_dir / f"labels-{os.getpid()}.nq"
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(parts)
    try:
        store.load_nquads_file(path)
    finally:
        path.unlink(missing_ok=True)


def ensure_ontology(store, index: EntityIndex) -> None:
    """The vocabulary graph, replaced in one transaction when the ontology file changed."""
    import hashlib

    from .rdf import ONTOLOGY_GRAPH, ontology_nquads

    text = ontology_nquads()
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    if index.meta("ontology") == digest:
        return
    store.update(f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}> ;\nINSERT DATA {{ {_sparql_quads(text)} }}")
    index.set_meta("ontology", digest)


_ARTICLE_GRAPHS = """
SELECT ?g ?url WHERE { GRAPH ?g { ?g a schema:NewsArticle ; schema:url ?url } }"""

_ENTITY_ROWS = """
SELECT ?s ?type ?name ?level ?code ?place ?kind WHERE { GRAPH id:graph\\/entities {
  ?s a ?type ; skos:prefLabel ?name . FILTER(lang(?name) = "zh")
  OPTIONAL { ?s ukg:level ?level } OPTIONAL { ?s skos:notation ?code }
  OPTIONAL { ?s ukg:unionOf ?place } OPTIONAL { ?s ukg:unionKind ?kind } } }"""

_ALIAS_ROWS = """
SELECT ?s ?alias WHERE { GRAPH id:graph\\/entities { ?s skos:altLabel ?alias } }"""


def bootstrap(store, index: EntityIndex) -> None:
    """Fill an empty index from what a store already holds (a store built before
    the index existed, an rdflib store a notebook keeps, a remote server)."""
    from .ontology import CLASS_OF, ID, UKG, sparql_prefixes

    articles = store.query(sparql_prefixes() + _ARTICLE_GRAPHS).rows
    if not articles:
        return
    index.db.execute("BEGIN")
    index.db.executemany("INSERT OR IGNORE INTO article VALUES (?, ?)", articles)
    type_of = {str(c): t for t, c in CLASS_OF.items()}
    key = lambda node: node[len(str(ID)):]  # noqa: E731
    aliases: dict[str, set[str]] = {}
    for s, alias in store.query(sparql_prefixes() + _ALIAS_ROWS).rows:
        aliases.setdefault(s, set()).add(alias)
    for s, type_, name, level, code, place, kind in store.query(sparql_prefixes() + _ENTITY_ROWS).rows:
        e = KBEntity(key(s), type_of.get(type_, "Organisation"), name, aliases=aliases.get(s, set()),
                     level=level[len(str(UKG)):] if level else None, code=code,
                     place_key=key(place) if place else None, kind=kind[len(str(UKG)):] if kind else None)
        index.db.execute("INSERT OR IGNORE INTO entity (key, record, dirty, union_place) VALUES (?, ?, 0, ?)",
                         (e.key, _record(e), e.place_key if e.type == "Union" else None))
    index.db.execute("COMMIT")


# ----------------------------------------------------------------------------- the build


@dataclass
class BuildPlan:
    """The files of one build: those to build now, those already built, those refused before reading."""

    todo: list[Path] = field(default_factory=list)
    already_built: int = 0
    errors: list[InputFileError] = field(default_factory=list)


def plan_build(paths: Iterable[Path], index: EntityIndex, max_bytes: int | None) -> BuildPlan:
    """Skip the files whose current text is already in the store (the id is a hash of the bytes)."""
    from .ingest import article_id
    from .pipeline import read_limited
    from .rdf import article_graph_iri

    plan = BuildPlan()
    for path in paths:
        try:
            data = read_limited(path, max_bytes)
        except InputFileError as exc:
            plan.errors.append(exc)
            continue
        if index.is_built(str(article_graph_iri(article_id(data)))):
            plan.already_built += 1
        else:
            plan.todo.append(path)
    return plan


@dataclass
class _Batch:
    shard: Path
    graphs: list[str]
    urls: list[str]
    entities: dict[str, KBEntity]
    rows: list[tuple] | None = None  # the graphs' pairing-table rows, as the workers made them


@dataclass
class BatchWriter:
    """Appends finished articles to a shard file and commits them a batch at a time.

    With `background`, a full batch is committed on a thread while the next
    one is gathered (the bulk load, SQLite and most of the label writing
    release the GIL, so the workers are kept busy meanwhile); batches still
    commit one at a time, in order, each in the same steps.  With `export`
    (a build into a store that held no article before), each loaded shard is
    appended to that file: the N-Quads of every article graph, for
    `graph.nq`, without reading them back out of the store.
    """

    store: object
    index: EntityIndex
    shard_dir: Path
    batch_size: int = DEFAULT_BATCH
    background: bool = False
    export: Path | None = None
    shard: Path | None = None
    handle: object = None
    graphs: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    entities: dict[str, KBEntity] = field(default_factory=dict)
    rows: list[tuple] | None = field(default_factory=list)  # None: an outcome came without its rows
    committed: int = 0
    exported_quads: int = 0
    superseded_any: bool = False
    _shards: int = 0
    _seen: set = field(default_factory=set)
    _thread: object = None
    _in_flight: object = None

    def add(self, outcome: ArticleOutcome) -> None:
        from .rdf import article_graph_iri

        graph = str(article_graph_iri(outcome.article_id))
        if graph in self._seen:
            return  # the same text under two names: one graph (the first file's url)
        if self.handle is None:
            self.shard_dir.mkdir(parents=True, exist_ok=True)
            self.shard = self.shard_dir / f"shard-{os.getpid()}-{self._shards:06d}.nq"
            self._shards += 1
            self.handle = open(self.shard, "w", encoding="utf-8")
        self.handle.write(outcome.nquads)
        self.graphs.append(graph)
        self._seen.add(graph)
        self.urls.append(outcome.url or Path(outcome.path).resolve().as_posix())
        if self.rows is not None and outcome.pairing_rows is not None:
            self.rows += outcome.pairing_rows
        else:
            self.rows = None
        entities = self.entities
        for e in outcome.entities:
            seen = entities.get(e.key)
            if seen is None:  # merge_entity(None, e), without copying: the outcome is ours
                e.aliases = set(e.aliases)
                e.aliases.discard(e.name)
                e.articles = set()
                entities[e.key] = e
            else:
                entities[e.key] = merge_entity(seen, e)
        if len(self.graphs) >= self.batch_size:
            self.commit(wait=False)

    def commit(self, wait: bool = True) -> None:
        """Hand the batch gathered so far to be committed (after the one before it); with `wait`, until all are."""
        if self.graphs:
            self.handle.close()
            batch = _Batch(self.shard, self.graphs, self.urls, self.entities, self.rows)
            self.handle, self.shard, self.graphs, self.urls, self.entities, self.rows = None, None, [], [], {}, []
            self._seen = set()
            self._wait()
            if self.background:
                if self._thread is None:
                    from concurrent.futures import ThreadPoolExecutor

                    self._thread = ThreadPoolExecutor(1, thread_name_prefix="unionkg-commit")
                self._in_flight = self._thread.submit(self._commit, batch)
            else:
                self._commit(batch)
        if wait:
            self._wait()

    def _wait(self) -> None:
        if self._in_flight is not None:
            done, self._in_flight = self._in_flight, None
            done.result()  # the commit's error, if it failed

    def _commit(self, b: _Batch) -> None:
        """Journal, one bulk load of the articles and their entities' labels, then the index
        and the pairing table in one transaction that clears the journal: see `commit_batch`."""
        done = commit_batch(self.store, self.index, b.shard, b.graphs, b.urls, b.entities, b.rows)
        self.superseded_any = self.superseded_any or done.superseded
        if self.export is not None:
            self.exported_quads += _append_file(b.shard, self.export, done.article_bytes)
        b.shard.unlink(missing_ok=True)
        self.committed += len(b.graphs)

    def discard(self) -> None:
        """After the build, or when it stopped: the commit in flight finished, the unfinished shard removed."""
        try:
            if self._in_flight is not None:
                self._in_flight.exception()  # let it finish; its error, if any, was or will be raised by commit
                self._in_flight = None
        finally:
            if self._thread is not None:
                self._thread.shutdown(wait=True)
                self._thread = None
            if self.handle is not None:
                self.handle.close()
                self.handle = None
            if self.shard is not None:
                self.shard.unlink(missing_ok=True)


@dataclass
class CommittedBatch:
    article_bytes: int  # the shard's first bytes, its article graphs (the entities' labels follow)
    superseded: bool  # whether graphs of earlier texts of the batch's files were dropped


def commit_batch(store, index: EntityIndex, shard: Path, graphs: list[str], urls: list[str],
                 entities: dict[str, KBEntity], rows: list[tuple] | None = None) -> CommittedBatch:
    """One batch (its articles' graphs in `shard`, their entities) into the store and the index.

    Each step is all or nothing, or done again by `recover`:
    1. the journal row, with the entities whose labels change (those in the store marked dirty);
    2. their new labels appended to the shard, after the articles; from the store, only the
       labels that no longer hold are deleted (an alias more deletes nothing);
    3. one bulk load of the shard (one set of SST files for RocksDB to compact, not two);
    4. one SQLite transaction: records and their labels, articles, the pairing table, and the
       journal cleared (kept, marked merged, while graphs of earlier texts remain to drop);
    5. those graphs dropped, the journal cleared.
    Killed before 4, the batch is undone (its graphs dropped, its new entities' labels deleted,
    the dirty ones' written again from their records); after 4, `recover` does 5.
    """
    superseded = sorted({g for graph, url in zip(graphs, urls) for g in index.other_versions(graph, url)} - set(graphs))
    plan = index.plan_merge(entities[k] for k in sorted(entities))
    batch = index.begin_batch(graphs, superseded, plan.changed)
    article_bytes = shard.stat().st_size
    labels = _stage_labels(store, index, plan.changed, shard)
    store.load_nquads_file(shard)
    index.db.execute("BEGIN")
    index.apply_merge(plan, labels)
    index.db.executemany("DELETE FROM article WHERE graph = ?", [(g,) for g in superseded])
    index.db.executemany("INSERT OR REPLACE INTO article VALUES (?, ?)", list(zip(graphs, urls)))
    _after_batch(store, index, graphs, superseded, shard, rows)
    if superseded:
        index.db.execute("UPDATE pending SET merged = 1 WHERE batch = ?", (batch,))
    else:
        index.end_batch(batch)
    index.db.execute("COMMIT")
    if superseded:
        store.update(_labels_deletion((), superseded))
        index.end_batch(batch)
    return CommittedBatch(article_bytes, bool(superseded))


def _stage_labels(store, index: EntityIndex, changed: list[tuple[KBEntity, bool]], shard: Path) -> dict[str, str]:
    """The changed entities' labels appended to the shard, and deleted from the store those
    they no longer have; each entity's labels as the index keeps them."""
    places = {e.key: e for e, _ in changed if e.type == "Place"}  # as the index will hold them
    before = index.stored_labels([e.key for e, stored in changed if stored])
    kept: dict[str, str] = {}
    stale: list[str] = []
    unknown: list[str] = []  # in the store with labels the index does not know: all deleted
    with open(shard, "a", encoding="utf-8") as handle:
        for e, stored in changed:
            lines, nquads = entity_lines(_labelled(e, index, places))
            kept[e.key] = lines
            if stored and before.get(e.key) is not None:
                # only the labels it did not have (the store has the others)
                handle.writelines(_stale_labels(e.key, lines, before[e.key], end="\n"))
                stale += _stale_labels(e.key, before[e.key], lines)
            else:
                handle.write(nquads)
                if stored:
                    unknown.append(e.key)
    for start in range(0, len(unknown), 2000):
        store.update(_labels_deletion(unknown[start:start + 2000]))
    for start in range(0, len(stale), 2000):
        store.update(f"DELETE DATA {{ {_sparql_quads(chr(10).join(stale[start:start + 2000]))} }}")
    return kept


def _append_file(source: Path, target: Path, size: int | None = None) -> int:
    """Append one file (its first `size` bytes) to another; the number of lines appended."""
    lines = 0
    left = size if size is not None else float("inf")
    with open(source, "rb") as src, open(target, "ab") as dst:
        while left > 0:
            block = src.read(int(min(1 << 20, left)))
            if not block:
                break
            left -= len(block)
            lines += block.count(b"\n")
            dst.write(block)
    return lines


def open_for_build(store_spec: str, wait: bool = False, on_wait: Callable[[str], None] | None = None,
                   poll: float = 0.5):
    """Open the store a build writes to, before any extraction: a store locked by
    another build is an error at once, or, with `wait`, waited for."""
    from .store import StoreLocked, open_store

    told = False
    while True:
        try:
            return open_store(store_spec)
        except StoreLocked as exc:
            if not wait:
                raise StoreError(f"{exc}; wait for it to finish, or pass --wait to queue behind it") from exc
            if on_wait is not None and not told:
                on_wait(str(exc))
                told = True
            time.sleep(poll)


def _submitter(dask: str | None):
    """A Dask client's submit for `dask` (an address or "local"), and the client to close after."""
    if not dask:
        return None, None
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise StoreError("--dask needs the dask[distributed] package: pip install 'dask[distributed]'") from exc
    try:
        if dask == "local":
            # one process per core, so extraction is not held back by the GIL
            client = Client(LocalCluster(n_workers=default_workers(), threads_per_worker=1, dashboard_address=None))
        else:
            client = Client(dask, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise StoreError(f"{dask}: cannot reach the Dask scheduler ({exc})") from exc
    return (lambda fn, item: client.submit(fn, item, pure=False)), client


def build_graph(
    directory: str | Path,
    store_spec: str = "memory",
    out_dir: str | Path | None = "triples",
    progress: Callable | None = None,
    write_html: bool = True,
    store=None,
    workers: int | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    wait: bool = False,
    on_wait: Callable[[str], None] | None = None,
    dask: str | None = None,
    batch_size: int = DEFAULT_BATCH,
) -> BuildResult:
    """Extract, resolve, write RDF into a store; files and the page into out_dir.

    `store`: an open store to build into (a notebook keeps using it after);
    otherwise `store_spec` is opened here (before any extraction, so a
    locked store is reported at once) and closed when the build is done.
    `workers`: processes to extract in (default: all cores; 1 runs here);
    `dask`: a Dask scheduler address, or "local", to extract on instead.
    `max_bytes`: files larger than this are refused by name (None: no limit).
    """
    own_store = store is None
    if own_store:
        store = open_for_build(store_spec, wait=wait, on_wait=on_wait)
    index = None
    try:
        index = EntityIndex(index_path(store))
        if index.is_empty():
            bootstrap(store, index)
        recovered = recover(store, index)
        ensure_ontology(store, index)
        paths, link_errors = article_files(directory)
        plan = plan_build(paths, index, max_bytes)
        plan.errors[:0] = link_errors
        # a build into a store holding no article yet writes graph.nq from its shards
        fresh = (out_dir is not None and index.article_count() == 0 and getattr(store, "path", None) is not None
                 and hasattr(store, "export_nquads_with"))
        summary, errors, articles = _run(plan, store, index, progress, workers, max_bytes, dask, batch_size, fresh)
        summary["already_built"] = plan.already_built
        summary["recovered_batches"] = recovered
        summary["resolved_entities"] = index.entity_count()
        summary["triples"] = store.triple_count()
        try:
            outputs = _write_outputs(store, out_dir, write_html, summary, articles, index) if out_dir is not None else {}
        finally:
            if articles is not None:
                articles[0].unlink(missing_ok=True)
    finally:
        if index is not None:
            index.close()
        if own_store:
            store.close()
    return BuildResult(summary, plan.errors + errors, outputs)


def _shard_dir(store) -> Path:
    """Where shards wait for their load: in an on-disk store's folder (orphans of a killed
    build removed; we hold the store's lock), else a fresh temporary folder."""
    import tempfile

    if getattr(store, "path", None) is None:
        return Path(tempfile.mkdtemp(prefix="unionkg-shards-"))
    folder = Path(store.path) / "shards"
    for orphan in [*folder.glob("shard-*.nq"), *folder.glob("labels-*.nq"), *folder.glob("export-*.nq")]:
        orphan.unlink(missing_ok=True)
    return folder


def _run(plan: BuildPlan, store, index: EntityIndex, progress, workers, max_bytes, dask, batch_size, export: bool):
    """Extract the files of the plan and commit them batch by batch; (summary, errors, articles):
    with `export`, `articles` is (a file of every article graph's N-Quads, its lines), when
    the store's article graphs are exactly what this build loaded, else None."""
    shards = _shard_dir(store)
    writer = BatchWriter(store, index, shards, batch_size, background=True,
                         export=shards / f"export-{os.getpid()}.nq" if export else None)
    if writer.export is not None:
        shards.mkdir(parents=True, exist_ok=True)
        writer.export.write_bytes(b"")
    entities: Counter = Counter()
    relations: Counter = Counter()
    errors: list[InputFileError] = []
    built = chars = 0
    submit, client = _submitter(dask)
    bar = progress(len(plan.todo)) if progress is not None else nullcontext()
    try:
        with bar as b:
            task = b.add_task("building", total=len(plan.todo)) if b is not None else None
            work = partial(build_article, max_bytes=max_bytes)
            n_workers = workers if workers is not None else default_workers()
            if len(plan.todo) <= 2 * n_workers:
                n_workers = 1  # starting processes costs more than a few articles take
            threads = sum(client.nthreads().values()) if client is not None else n_workers
            window = 2 * threads if client is not None else None
            chunk = chunk_size(len(plan.todo), threads)
            for path, outcome in map_files(work, plan.todo, n_workers if submit is None else 1, submit, window,
                                           warm_up_build, chunk):
                if isinstance(outcome, BaseException):
                    outcome = ArticleOutcome(str(path), problem=f"the worker failed ({type(outcome).__name__}: {outcome})")
                if outcome.ok:
                    writer.add(outcome)
                    entities.update(outcome.entity_counts)
                    relations.update(outcome.relation_counts)
                    built += 1
                    chars += outcome.chars
                else:
                    errors.append(InputFileError(path, outcome.problem))
                if b is not None:
                    b.advance(task)
            writer.commit()
    except BaseException:
        if writer.export is not None:
            writer.export.unlink(missing_ok=True)
        raise
    finally:
        writer.discard()
        if getattr(store, "path", None) is None:
            import shutil

            shutil.rmtree(writer.shard_dir, ignore_errors=True)  # the temporary folder of a store in memory
        if client is not None:
            client.close()
    summary = {"articles": built + plan.already_built, "built_now": built, "characters": chars,
               "entities": dict(entities), "relations": dict(relations)}
    articles = None
    if writer.export is not None:
        if writer.superseded_any:
            writer.export.unlink(missing_ok=True)
        else:
            articles = (writer.export, writer.exported_quads)
    return summary, errors, articles


# a page of a large graph is an overview of its best-connected nodes: a
# browser lays out and draws a few hundred nodes in seconds, not 100,000
OVERVIEW_NODES = 300


def _write_outputs(store, out_dir, write_html: bool, summary: dict, articles: tuple[Path, int] | None = None,
                   index: EntityIndex | None = None) -> dict[str, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, Path] = {}
    outputs["N-Quads"] = _export_nquads(store, out / "graph.nq", articles, summary.get("triples"), index)
    if summary["triples"] <= PRETTY_EXPORT_QUADS:
        outputs["TriG"] = store.export(out / "graph.trig", "trig")
        outputs["Turtle"] = store.export(out / "graph.ttl", "turtle")
    else:
        for stale in ("graph.trig", "graph.ttl"):  # an earlier, smaller build's: no longer the store's graph
            (out / stale).unlink(missing_ok=True)
        summary["exports"] = (f"Turtle and TriG not written above {PRETTY_EXPORT_QUADS:,} quads "
                              "(their writers hold the graph in memory); `kg export FILE.ttl` writes them")
    if write_html:
        from .graph import project
        from .viz import annotate_campaigns, write_html as write_page

        top = overview_nodes(store, OVERVIEW_NODES)
        g = annotate_campaigns(project(store, top) if top is not None else project(store), store)
        if top is not None:
            summary["page"] = f"overview of the {OVERVIEW_NODES} best-connected nodes (kg viz --focus NAME for a neighbourhood)"
        outputs["HTML graph"] = write_page(g, out / "graph.html")
    return outputs


def _export_nquads(store, path: Path, articles: tuple[Path, int] | None, total: int | None = None,
                   index: EntityIndex | None = None) -> Path:
    """graph.nq: every graph of the store, not only this build's (after an incremental build
    the file holds every article built so far).  After a build into an empty store the
    article graphs come from the file the build appended its loaded shards to, the entity
    graph from the labels the index keeps (what was loaded), the rest from the store;
    otherwise, or when the store's counts disagree, all streamed from the store."""
    if articles is not None:
        from .rdf import ENTITY_GRAPH, article_graph_iri

        prefix = str(article_graph_iri(""))
        written = None
        if index is not None and hasattr(store, "graph_size"):
            lines = index.label_lines()
            if lines is not None and lines == store.graph_size(str(ENTITY_GRAPH)):
                written = _append_entity_graph(index, articles[0])
        if written is None:
            done = store.export_nquads_with(path, articles[0], articles[1], lambda g: g.startswith(prefix), total)
        else:
            done = store.export_nquads_with(path, articles[0], articles[1] + written,
                                            lambda g: g.startswith(prefix) or g == str(ENTITY_GRAPH), total)
        if done is not None:
            return done
    return store.export(path, "nquads")


def _append_entity_graph(index: EntityIndex, path: Path) -> int:
    """The entity graph as N-Quads, from the labels the index keeps, appended to a file; the lines written."""
    from .ontology import ID
    from .rdf import ENTITY_GRAPH

    graph, lines = f"<{ENTITY_GRAPH}>", 0
    with open(path, "a", encoding="utf-8") as handle:
        for key, labels in index.db.execute("SELECT key, labels FROM entity ORDER BY key"):
            kept = labels.split("\n")
            handle.writelines(f"<{ID}{key}> {po} {graph} .\n" for po in kept)
            lines += len(kept)
    return lines


# Turtle and TriG are for reading: about 200 reports' worth; above that the
# N-Quads file (a line per quad, streamed) is the export, and they cost as
# much as the whole load again
PRETTY_EXPORT_QUADS = 100_000

_DEGREES = """
SELECT ?n (COUNT(?f) AS ?degree) WHERE { GRAPH ?g { ?f ukg:subject|ukg:object ?n } FILTER(isIRI(?n)) }
GROUP BY ?n ORDER BY DESC(?degree) ?n LIMIT %d"""


def overview_nodes(store, limit: int) -> list[str] | None:
    """The `limit` entities in the most facts, or None when the graph has no more than that."""
    from .ontology import sparql_prefixes

    rows = store.query(sparql_prefixes() + _DEGREES % (limit + 1)).rows
    if len(rows) <= limit:
        return None
    return sorted(n for n, _ in rows[:limit])


def superseded_graphs(store, dataset) -> list[str]:
    """Graphs of earlier versions of the files in `dataset` (kept for callers that load datasets)."""
    from .ontology import sparql_prefixes
    from .store import MemoryStore

    new = MemoryStore(dataset).query(sparql_prefixes() + _ARTICLE_GRAPHS).rows
    new_graphs, new_files = {g for g, _ in new}, {url for _, url in new}
    return sorted(g for g, url in store.query(sparql_prefixes() + _ARTICLE_GRAPHS).rows
                  if url in new_files and g not in new_graphs)
