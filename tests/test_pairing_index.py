"""The pairing table (kg.pairing_index) against the SPARQL it stands in for.

A store is built from the sample corpus (and the seed reports, when the
shared folder is present); a trace from every donor, read through the table,
gives the chains the SPARQL walk gives, page by page, and `kg query pairings`
the rows of the named query, in its order.  Batches kept one at a time give
the rows a rebuild from the whole store gives; renamed entities and
superseded graphs show in the table after the next batch.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg import pairing_index as pi
from kg.build import INDEX_FILE, build_graph
from kg.cli import app
from kg.errors import KGError
from kg.graph import find_node, format_chain, project_for_trace, trace_chains, trace_page
from kg.queries import run_named
from kg.store import OxigraphStore

_ROWS = "SELECT graph, fact, predicate, src, dst, src_name, dst_name, amount, approximate, year, quote, headline FROM pairing_step"


def _corpus(folder: Path, sample_dir: Path, seeds: Path) -> list[Path]:
    files = sorted(sample_dir.glob("*.txt")) + (sorted(seeds.glob("*.txt")) if seeds.is_dir() else [])
    folder.mkdir()
    for i, f in enumerate(files):
        shutil.copy(f, folder / f"{i:02d}_{f.name}")
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_dir):
    """An on-disk store built in batches of three articles, and its index connection (table current)."""
    root = tmp_path_factory.mktemp("pairing")
    seeds = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
    _corpus(root / "corpus", sample_dir, seeds)
    build_graph(root / "corpus", store_spec=f"oxigraph:{root / 'store'}", out_dir=None, workers=1, batch_size=3)
    store = OxigraphStore(root / "store")
    db = pi.open_index(store)
    assert db is not None
    yield store, db
    pi.close_index(store)
    store.close()


def _chains(g, start) -> set[str]:
    return {format_chain(g, c) for c in trace_chains(g, start)}


def _donors(db) -> list[str]:
    return [name for name, _ in pi.donor_counts(db)]


def test_index_file_name_is_the_builds():
    assert pi.INDEX_FILE == INDEX_FILE


def test_every_donors_trace_is_the_sparql_trace(built):
    store, db = built
    donors = _donors(db)
    assert len(donors) >= 3
    for name in donors:
        sparql = project_for_trace(store, name, use_index=False)
        indexed = project_for_trace(store, name)
        assert indexed.graph["start"] == find_node(sparql, name)
        assert _chains(indexed, indexed.graph["start"]) == _chains(sparql, find_node(sparql, name)), name


def test_pages_of_a_trace_are_the_sparql_pages(built):
    store, db = built
    busiest = _donors(db)[0]
    total = project_for_trace(store, busiest, limit=1).graph["first_steps"]
    assert total > 1
    for offset in range(total):
        sparql = project_for_trace(store, busiest, limit=1, offset=offset, use_index=False)
        indexed = project_for_trace(store, busiest, limit=1, offset=offset)
        assert indexed.graph["first_steps"] == sparql.graph["first_steps"] == total
        assert _chains(indexed, indexed.graph["start"]) == _chains(sparql, find_node(sparql, busiest))


def test_pages_of_chains_off_the_table_are_the_sparql_pages(built):
    store, db = built
    for name in _donors(db):
        whole = trace_page(store, name)
        assert whole.lines == trace_page(store, name, use_index=False).lines, name
    busiest = trace_page(store, _donors(db)[0])
    assert len(busiest.lines) > 3
    for offset in range(0, len(busiest.lines) + 1, 2):
        indexed = trace_page(store, _donors(db)[0], limit=2, offset=offset)
        assert indexed == trace_page(store, _donors(db)[0], limit=2, offset=offset, use_index=False)
        assert indexed.lines == busiest.lines[offset:offset + 2]


def test_a_page_off_the_table_reads_only_the_steps_of_its_chains(built):
    store, db = built
    name = _donors(db)[0]
    view, chains = pi.table_chains(db, name)
    next(chains)
    asked_for_one = len(view._asked)
    for _ in chains:
        pass
    assert asked_for_one < len(view._asked)


def test_a_name_no_entity_has_names_close_ones(built):
    _, db = built
    donor = _donors(db)[0]
    with pytest.raises(KGError, match="no such entity.*did you mean"):
        pi.trace_graph(db, donor + "驻村工作队之外")


def test_an_alias_finds_its_entity(built):
    _, db = built
    alias, key = db.execute("SELECT l.label, l.key FROM pairing_label l JOIN pairing_step s ON s.src = l.key "
                            "WHERE l.kind = 1 AND s.predicate = 'assists' AND NOT EXISTS (SELECT 1 FROM pairing_label n "
                            "WHERE n.label = l.label AND n.kind = 0) ORDER BY l.label LIMIT 1").fetchone()
    g = pi.trace_graph(db, alias)
    assert g.graph["start"] == pi._ID + key
    assert _chains(g, g.graph["start"])


def _strings(rows) -> list[tuple]:
    return [tuple("" if v is None else str(v) for v in row) for row in rows]


def test_pairings_are_the_named_querys_rows_in_its_order(built):
    store, db = built
    whole = run_named(store, "pairings").rows
    assert len(whole) > 5
    assert _strings(pi.pairings(db)) == _strings(whole)
    assert _strings(pi.pairings(db, limit=4, offset=3)) == _strings(whole[3:7])
    donor = whole[-1][0]
    assert _strings(pi.pairings(db, donor)) == _strings(run_named(store, "pairings", {"donorName": donor}).rows)


def test_pairings_of_a_donor_by_an_alias(built):
    store, db = built
    (alias,) = db.execute("SELECT l.label FROM pairing_label l JOIN pairing_step s ON s.src = l.key "
                          "WHERE l.kind = 1 AND s.predicate = 'assists' ORDER BY l.label LIMIT 1").fetchone()
    rows = pi.pairings(db, alias)
    assert rows and _strings(rows) == _strings(run_named(store, "pairings", {"donorName": alias}).rows)


def test_indexed_query_pages_and_caps_like_the_sparql(built):
    store, _ = built
    whole = run_named(store, "pairings").rows
    result, truncated = pi.indexed_query(store, "pairings", {}, limit=None, offset=0, max_rows=3)
    assert truncated and _strings(result.rows) == _strings(whole[:3])
    result, truncated = pi.indexed_query(store, "pairings", {}, limit=2, offset=1, max_rows=3)
    assert not truncated and _strings(result.rows) == _strings(whole[1:3])
    assert pi.indexed_query(store, "unions_by_level", {}) is None
    with pytest.raises(KGError, match="no parameter 'donor'"):
        pi.indexed_query(store, "pairings", {"donor": "x"})


def test_a_store_without_an_index_file_takes_the_sparql_path(oxigraph_store):
    assert pi.open_index(oxigraph_store) is None
    g = project_for_trace(oxigraph_store, "北京市总工会")
    assert "start" not in g.graph


def _table(db) -> list[tuple]:
    return sorted(db.execute(_ROWS).fetchall(), key=repr)


def test_batches_kept_one_at_a_time_are_a_rebuild(tmp_path, sample_dir):
    seeds = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
    files = _corpus(tmp_path / "all", sample_dir, seeds)
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    for f in files[: len(files) // 2]:
        shutil.copy(f, first)
    for f in files[len(files) // 2:]:
        shutil.copy(f, second)
    spec = f"oxigraph:{tmp_path / 'store'}"
    build_graph(first, store_spec=spec, out_dir=None, workers=1)
    _keep_current(tmp_path / "store", rebuild=True)
    build_graph(second, store_spec=spec, out_dir=None, workers=1, batch_size=2)
    kept = _keep_current(tmp_path / "store")
    db = sqlite3.connect(tmp_path / "store" / INDEX_FILE, isolation_level=None)
    store = OxigraphStore(tmp_path / "store")
    pi.rebuild(store, db)
    assert _table(db) == kept and kept
    store.close()


def _keep_current(folder: Path, rebuild: bool = False) -> list[tuple]:
    """Bring the table up to date as the build's batches would (when the build did not), and read it."""
    db = sqlite3.connect(folder / INDEX_FILE, isolation_level=None)
    store = OxigraphStore(folder)
    if rebuild:
        pi.rebuild(store, db)
    elif not pi.is_current(db):
        mark = int(db.execute("SELECT v FROM meta WHERE k = 'pairing_articles'").fetchone()[0])
        new = [g for (g,) in db.execute("SELECT graph FROM article WHERE rowid > ? ORDER BY rowid", (mark,))]
        db.execute("BEGIN")
        pi.update_after_batch(store, db, new, [])
        db.execute("COMMIT")
    assert pi.is_current(db)
    rows = _table(db)
    store.close()
    db.close()
    return rows


def test_the_shard_and_the_store_give_the_same_rows(built, tmp_path):
    store, db = built
    graphs = [g for (g,) in db.execute("SELECT graph FROM article ORDER BY graph")]
    shard = tmp_path / "batch.nq"
    store.export(shard, "nquads")
    assert sorted(pi._nquads_rows(shard, graphs)) == sorted(pi._store_rows(store, graphs))
    assert sorted(pi._store_rows(store, graphs)) == sorted(pi._store_rows(store, None))


def test_a_renamed_entity_and_a_superseded_graph_show_after_the_next_batch(built, tmp_path):
    store, db = built
    donor = _donors(db)[0]
    (key,) = db.execute("SELECT src FROM pairing_step WHERE src_name = ? LIMIT 1", (donor,)).fetchone()
    (graph,) = db.execute("SELECT graph FROM pairing_step WHERE predicate = 'assists' AND src != ? LIMIT 1",
                          (key,)).fetchone()
    other = sqlite3.connect(tmp_path / "index.sqlite", isolation_level=None)
    db.backup(other)  # a copy: the other tests keep the table as built
    (record,) = other.execute("SELECT record FROM entity WHERE key = ?", (key,)).fetchone()
    renamed = {**json.loads(record), "name": donor + "（新名）"}
    other.execute("BEGIN")
    other.execute("UPDATE entity SET record = ? WHERE key = ?", (json.dumps(renamed, ensure_ascii=False), key))
    pi.update_after_batch(store, other, [], [graph])
    other.execute("COMMIT")
    names = {d for d, *_ in pi.pairings(other)}
    assert donor + "（新名）" in names and donor not in names
    assert not other.execute("SELECT 1 FROM pairing_step WHERE graph = ?", (graph,)).fetchall()
    g = pi.trace_graph(other, donor + "（新名）")
    assert g.graph["start"] == pi._ID + key and g.nodes[g.graph["start"]]["label"] == donor + "（新名）"
    other.close()


def test_kg_query_pairings_and_kg_trace_print_what_the_sparql_path_prints(built, tmp_path):
    store, db = built
    full, bare = tmp_path / "full", tmp_path / "bare"  # copies: the fixture holds the store's lock
    shutil.copytree(store.path, full, ignore=shutil.ignore_patterns(INDEX_FILE + "*", "LOCK"))
    shutil.copytree(store.path, bare, ignore=shutil.ignore_patterns(INDEX_FILE + "*", "LOCK"))
    db.backup(sqlite3.connect(full / INDEX_FILE))
    runner = CliRunner()
    for args in (["query", "pairings", "--limit", "3", "--offset", "2", "--format", "csv"],
                 ["trace", _donors(db)[0], "--limit", "2", "--offset", "1"]):
        indexed = runner.invoke(app, [*args, "--store", f"oxigraph:{full}"])
        sparql = runner.invoke(app, [*args, "--store", f"oxigraph:{bare}"])
        assert indexed.exit_code == 0 and sparql.exit_code == 0, indexed.output + sparql.output
        assert sorted(indexed.stdout.splitlines()) == sorted(sparql.stdout.splitlines()) != []
        assert indexed.stderr == sparql.stderr


def test_a_shard_line_with_escapes_is_read_exactly(tmp_path):
    from kg.ontology import UKG
    from kg.rdf import nq_literal

    g, f = pi._ID + "article/x", pi._ID + "fact/x-1"
    sel = f + "#span-x-0-9"
    said = '某某工会说："送温暖"\n到了村里 \\ 一次'
    lines = [f"<{f}> <{pi.RDF_TYPE}> <{UKG.Assistance}> <{g}> .", f"<{f}> <{UKG.subject}> <{pi._ID}union/a> <{g}> .",
             f"<{f}> <{UKG.object}> <{pi._ID}place/b> <{g}> .", f"<{f}> <{UKG.evidence}> <{sel}> <{g}> .",
             f"<{sel}> <http://www.w3.org/ns/oa#exact> {nq_literal(said)} <{g}> .",
             f"<{g}> <https://schema.org/headline> {nq_literal('标题 一')} <{g}> ."]
    (tmp_path / "shard.nq").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (row,) = pi._nquads_rows(tmp_path / "shard.nq", [g])
    assert row[2:5] == ("assists", "union/a", "place/b") and row[9] == said and row[10] == "标题 一"


def test_a_store_built_again_at_the_same_path_is_read_afresh(tmp_path, sample_dir):
    files = sorted(sample_dir.glob("*.txt"))
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(files[0], folder)
    spec, path = f"oxigraph:{tmp_path / 'store'}", tmp_path / "store"
    build_graph(folder, store_spec=spec, out_dir=None, workers=1)
    store = OxigraphStore(path)
    first = len(pi.pairings(pi.open_index(store)))
    store.close()
    shutil.rmtree(path)
    for f in files[1:]:
        shutil.copy(f, folder)
    build_graph(folder, store_spec=spec, out_dir=None, workers=1)
    store = OxigraphStore(path)
    again = pi.pairings(pi.open_index(store))
    assert _strings(again) == _strings(run_named(store, "pairings").rows) and len(again) > first
    pi.close_index(store)
    store.close()


def test_an_index_in_memory_gets_no_table(oxigraph_store):
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript("CREATE TABLE article (graph TEXT PRIMARY KEY, url TEXT); CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);"
                     "CREATE TABLE entity (key TEXT PRIMARY KEY, record TEXT)")
    pi.update_after_batch(oxigraph_store, db, [], [])
    assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'pairing_step'").fetchall()


def _toy_table(steps: list[tuple[str, str, str, str]]) -> sqlite3.Connection:
    """An index of two unions of one name (a, b) and some villages, with these (fact, predicate, src, dst) rows."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE entity (key TEXT PRIMARY KEY, record TEXT)")
    for statement in pi._statements(pi._SCHEMA):
        db.execute(statement)
    nodes = [("a", "Union", "甲县总工会"), ("b", "Union", "甲县总工会"), ("v1", "Place", "东坡村"),
             ("v2", "Place", "西岭村"), ("v3", "Place", "南山村")]
    db.executemany("INSERT INTO pairing_node VALUES (?, ?, ?, NULL)", nodes)
    db.executemany("INSERT INTO pairing_step (graph, fact, predicate, src, dst, quote) VALUES ('g', ?, ?, ?, ?, 'q')", steps)
    return db


def test_the_clearly_best_connected_of_one_name_is_found_from_its_facts():
    two_and_one = [("f1", "assists", "a", "v1"), ("f2", "assists", "a", "v2"), ("f3", "assists", "b", "v3")]
    assert pi.clearly_best_connected(_toy_table(two_and_one), "甲县总工会", ["a", "b"]) == "a"
    # b's three: two of them only if the walk reaches v1 and v2 from a start: not told without the walk
    unsure = [("f1", "assists", "a", "v1"), ("f2", "assists", "a", "v2"), ("f3", "assists", "b", "v3"),
              ("f4", "assists", "v2", "b"), ("f5", "assists", "v1", "b")]
    assert pi.clearly_best_connected(_toy_table(unsure), "甲县总工会", ["a", "b"]) is None
    tied = [("f1", "assists", "a", "v1"), ("f3", "assists", "b", "v3")]  # as many: the first in key order
    assert pi.clearly_best_connected(_toy_table(tied), "甲县总工会", ["a", "b"]) == "a"


# ----------------------------------------------------------------------------- rows made by the workers


def test_an_articles_rows_are_the_rows_its_nquads_give(sample_extractions, tmp_path):
    from kg.rdf import article_graph_iri, article_nquads
    from kg.resolve import resolve

    kinds = set()
    for x in sample_extractions:
        kb = resolve([x])
        meta = kb.articles[x.article.id]
        shard = tmp_path / f"{meta.id}.nq"
        shard.write_text(article_nquads(meta, kb.facts), encoding="utf-8")
        rows = pi.article_rows(meta, kb.facts)
        assert rows == list(pi._nquads_rows(shard, [str(article_graph_iri(meta.id))]))
        kinds |= {r[2] for r in rows}
    assert kinds == set(pi.WALKED)


# ----------------------------------------------------------------------------- the place closure


def _closure(db) -> tuple[list, list]:
    """The closure's rows, a row of the table named by what it tells (rowids differ between builds)."""
    up = db.execute("SELECT place, above FROM pairing_up ORDER BY 1, 2").fetchall()
    host = db.execute("SELECT h.above, h.programme, h.place, s.graph, s.fact, s.quote FROM pairing_host h "
                      "JOIN pairing_step s ON s.rowid = h.step").fetchall()
    return up, sorted(host)


def _closure_from_scratch(db) -> tuple[list, list]:
    copy = sqlite3.connect(":memory:")
    db.backup(copy)
    pi.rebuild_closure(copy)
    return _closure(copy)


def _hosted(db, place: str) -> set[str]:
    """The programmes a trace finds in a place, walked on the rows (places inside it that are named)."""
    named = {k for k, t, n in db.execute("SELECT key, type, name FROM pairing_node") if pi._is_named(t, n)}
    below, todo = {place}, [place]
    while todo:
        for (child,) in db.execute("SELECT src FROM pairing_step WHERE dst = ? AND predicate = 'partOf'", (todo.pop(),)):
            if child in named and child not in below:
                below.add(child)
                todo.append(child)
    return {p for b in below for (p,) in db.execute("SELECT src FROM pairing_step WHERE dst = ? AND predicate = 'locatedIn'", (b,))}


def _closure_is_right(db) -> None:
    assert _closure(db) == _closure_from_scratch(db)
    places = [k for (k,) in db.execute("SELECT DISTINCT dst FROM pairing_step WHERE predicate IN ('partOf', 'locatedIn')")]
    for place in places:
        assert {p for (p,) in db.execute("SELECT programme FROM pairing_host WHERE above = ?", (place,))} == _hosted(db, place)


class _ToyIndex:
    """A build index on disk without a store: entities, articles, and batches of rows of our own."""

    def __init__(self, folder: Path):
        self.db = sqlite3.connect(folder / INDEX_FILE, isolation_level=None)
        self.db.executescript("CREATE TABLE entity (key TEXT PRIMARY KEY, record TEXT); "
                              "CREATE TABLE article (graph TEXT PRIMARY KEY, url TEXT); "
                              "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);")

    def batch(self, entities: dict[str, tuple[str, str]], articles: dict[str, list[tuple[str, str, str]]],
              superseded: tuple[str, ...] = ()) -> None:
        """Entities (key: type, name) and articles (graph: (predicate, src, dst) facts) in one batch."""
        db = self.db
        db.execute("BEGIN")
        db.executemany("INSERT OR REPLACE INTO entity VALUES (?, ?)",
                       [(k, json.dumps({"type": t, "name": n}, ensure_ascii=False)) for k, (t, n) in entities.items()])
        db.executemany("DELETE FROM article WHERE graph = ?", [(g,) for g in superseded])
        db.executemany("INSERT OR REPLACE INTO article VALUES (?, ?)", [(g, g) for g in articles])
        rows = [(g, f"{g}/f{i}", p, s, o, None, None, None, None, f"{s}{p}{o}", None)
                for g, facts in articles.items() for i, (p, s, o) in enumerate(facts)]
        pi.update_after_batch(None, db, list(articles), list(superseded), rows=rows)
        db.execute("COMMIT")

    def hosted(self, place: str) -> list[str]:
        return [p for (p,) in self.db.execute("SELECT DISTINCT programme FROM pairing_host WHERE above = ? ORDER BY 1",
                                              (place,))]


def test_the_place_closure_follows_each_batch(tmp_path):
    toy = _ToyIndex(tmp_path)
    toy.batch({"v": ("Place", "东坡村"), "t": ("Place", "河口镇"), "p": ("Programme", "东坡村茶园")},
              {"g1": [("partOf", "v", "t"), ("locatedIn", "p", "v")]})
    assert toy.hosted("t") == toy.hosted("v") == ["p"]
    # a place above a subtree already there: its programmes come under it
    toy.batch({"c": ("Place", "青川县")}, {"g2": [("partOf", "t", "c")]})
    assert toy.hosted("c") == ["p"]
    # another village, and an article that puts the county inside the town (a cycle)
    toy.batch({"w": ("Place", "西岭村"), "q": ("Programme", "西岭村果园")},
              {"g3": [("partOf", "w", "t"), ("locatedIn", "q", "w"), ("partOf", "c", "t")]})
    assert toy.hosted("c") == toy.hosted("t") == ["p", "q"] and toy.hosted("w") == ["q"]
    _closure_is_right(toy.db)
    # an article told again otherwise: the town is in another county, and the cycle is gone
    toy.batch({"c2": ("Place", "剑阁县")}, {"g3b": [("partOf", "w", "t"), ("locatedIn", "q", "w"), ("partOf", "t", "c2")]},
              superseded=("g2", "g3"))
    assert toy.hosted("c") == [] and toy.hosted("c2") == toy.hosted("t") == ["p", "q"]
    _closure_is_right(toy.db)
    # a place with no record yet is not walked into; its record, in a later batch, brings its programmes
    toy.batch({"r": ("Programme", "南山村书屋")}, {"g5": [("partOf", "x", "c2"), ("locatedIn", "r", "x")]})
    assert "r" not in toy.hosted("c2") and toy.hosted("x") == ["r"]
    _closure_is_right(toy.db)
    toy.batch({"x": ("Place", "南山村")}, {})
    assert toy.hosted("c2") == ["p", "q", "r"]
    _closure_is_right(toy.db)
    # the same batch kept again (as `recover` does): nothing changes
    before = _closure(toy.db)
    toy.batch({}, {"g5": [("partOf", "x", "c2"), ("locatedIn", "r", "x")]})
    assert _closure(toy.db) == before


def test_the_closure_kept_batch_by_batch_is_the_closure_made_afresh(built):
    _, db = built
    assert db.execute("SELECT COUNT(*) FROM pairing_host").fetchone()[0] > 0
    _closure_is_right(db)


def test_an_article_built_again_shortened_gives_the_sparql_traces(tmp_path, sample_dir):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for f in sorted(sample_dir.glob("*.txt")):
        shutil.copy(f, folder)
    spec = f"oxigraph:{tmp_path / 'store'}"
    build_graph(folder, store_spec=spec, out_dir=None, workers=1, batch_size=2)
    store = OxigraphStore(tmp_path / "store")
    db = pi.open_index(store)
    before = _closure(db)
    pi.close_index(store)
    store.close()
    # the article with the most places inside others loses its second half: its graph is superseded
    (graph,) = sqlite3.connect(tmp_path / "store" / INDEX_FILE).execute(
        "SELECT graph FROM pairing_step WHERE predicate = 'partOf' GROUP BY graph ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    (url,) = sqlite3.connect(tmp_path / "store" / INDEX_FILE).execute("SELECT url FROM article WHERE graph = ?", (graph,)).fetchone()
    text = Path(url).read_text(encoding="utf-8")
    Path(url).write_text(text[: len(text) // 2], encoding="utf-8")
    build_graph(folder, store_spec=spec, out_dir=None, workers=1)
    store = OxigraphStore(tmp_path / "store")
    db = pi.open_index(store)
    assert db is not None and _closure(db) != before
    _closure_is_right(db)
    assert not db.execute("SELECT 1 FROM pairing_step WHERE graph = ?", (graph,)).fetchall()
    for name in _donors(db):
        assert trace_page(store, name) == trace_page(store, name, use_index=False), name
        assert trace_page(store, name, limit=2, offset=1) == trace_page(store, name, limit=2, offset=1, use_index=False)
    pi.close_index(store)
    store.close()
