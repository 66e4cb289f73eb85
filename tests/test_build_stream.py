"""The build's cheaper plumbing gives what the plain one gave: graph.nq written from
the loaded shards is the store's dataset, and the dirty entities the merge hands
on are those the index marks."""

from __future__ import annotations

import shutil

import pyoxigraph as ox

from kg.build import EntityIndex, build_graph
from kg.resolve import KBEntity
from kg.store import OxigraphStore


def _quads_of_file(path) -> set[str]:
    """The quads as a store holds them (Oxigraph writes literals in their canonical form:
    the file may spell a value as it was written, "5"^^xsd:nonNegativeInteger for "5"^^xsd:integer)."""
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return {str(q) for q in store.quads_for_pattern(None, None, None, None)}


def _quads_of_store(path) -> set[str]:
    store = OxigraphStore(path)
    try:
        return {str(q) for q in store.store.quads_for_pattern(None, None, None, None)}
    finally:
        store.close()


def test_graph_nq_is_the_store_after_a_fresh_and_an_incremental_build(sample_dir, tmp_path):
    folder = tmp_path / "corpus"
    files = sorted(sample_dir.glob("*.txt"))
    folder.mkdir()
    for f in files[:-2]:
        shutil.copy(f, folder)
    store, out = tmp_path / "store", tmp_path / "out"
    build_graph(folder, store_spec=f"oxigraph:{store}", out_dir=out, write_html=False, batch_size=3)
    first = _quads_of_file(out / "graph.nq")
    assert first == _quads_of_store(store)
    assert len(first) == sum(1 for line in (out / "graph.nq").open(encoding="utf-8") if line.strip())
    for f in files[-2:]:
        shutil.copy(f, folder)
    build_graph(folder, store_spec=f"oxigraph:{store}", out_dir=out, write_html=False, batch_size=3)
    second = _quads_of_file(out / "graph.nq")
    assert second == _quads_of_store(store) and len(second) > len(first)
    assert not list((store / "shards").glob("*.nq"))


def test_merge_hands_on_what_the_index_marks_dirty():
    index = EntityIndex(None)
    place = KBEntity("place/1", "Place", "甲县", level="county")
    union = KBEntity("union/1", "Union", "甲县总工会", place_key="place/1")
    person = KBEntity("person/1", "Person", "王某")
    handed = index.merge([place, union, person])
    assert [(e.key, stored) for e, stored in handed] == [(e.key, stored) for e, stored in index.dirty()]
    assert all(not stored for _, stored in handed)
    index.db.execute("UPDATE entity SET dirty = 0")
    # the place gets a longer name: its union's English label changes with it
    handed = index.merge([KBEntity("place/1", "Place", "甲县城关", level="county")])
    assert [(e.key, e.name, stored) for e, stored in handed] == \
           [(e.key, e.name, stored) for e, stored in index.dirty()] == \
           [("place/1", "甲县城关", True), ("union/1", "甲县总工会", True)]
    index.db.execute("UPDATE entity SET dirty = 0")
    assert index.merge([KBEntity("person/1", "Person", "王某")]) == [] == index.dirty()


def _copy(files, folder):
    folder.mkdir(exist_ok=True)
    for f in files:
        shutil.copy(f, folder)


def test_a_batch_undone_after_its_load_leaves_the_store_of_the_batches_before(sample_dir, tmp_path, monkeypatch):
    """Killed between the bulk load and the transaction that records it, a batch is undone:
    its graphs go, and every entity's labels are as the earlier batches left them."""
    import kg.build

    files = sorted(sample_dir.glob("*.txt"))
    folder, store = tmp_path / "corpus", tmp_path / "store"
    _copy(files[:2], folder)
    build_graph(folder, store_spec=f"oxigraph:{store}", out_dir=None, batch_size=10)
    before = _quads_of_store(store)
    _copy(files[2:], folder)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(kg.build, "_after_batch", killed)
        try:
            build_graph(folder, store_spec=f"oxigraph:{store}", out_dir=None, batch_size=10)
        except KeyboardInterrupt:
            pass
    opened = OxigraphStore(store)
    index = EntityIndex(store / kg.build.INDEX_FILE)
    try:
        assert kg.build.recover(opened, index) == 1
    finally:
        index.close()
        opened.close()
    assert _quads_of_store(store) == before
    build_graph(folder, store_spec=f"oxigraph:{store}", out_dir=None, batch_size=10)
    build_graph(folder, store_spec=f"oxigraph:{tmp_path / 'whole'}", out_dir=None, batch_size=10)
    assert _quads_of_store(store) == _quads_of_store(tmp_path / "whole")


def test_labels_are_rewritten_by_difference_and_the_graph_is_a_single_batch_build_s(sample_dir, tmp_path):
    """One article a batch: entities gain aliases and longer names batch after batch, their
    labels are written by difference (only what changed deleted or added), and the store ends
    as a build of all the articles in one batch, which the index's kept labels describe."""
    store, whole = tmp_path / "store", tmp_path / "whole"
    build_graph(sample_dir, store_spec=f"oxigraph:{store}", out_dir=None, batch_size=1)
    build_graph(sample_dir, store_spec=f"oxigraph:{whole}", out_dir=None, batch_size=100)
    assert _quads_of_store(store) == _quads_of_store(whole)
    index = EntityIndex(store / "unionkg-build.sqlite")
    opened = OxigraphStore(store)
    try:
        assert index.label_lines() == opened.graph_size("https://w3id.org/unionkg/id/graph/entities")
    finally:
        opened.close()
        index.close()
