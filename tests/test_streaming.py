"""The streaming build: one file's failure stays its own, size limits and links
are named, a locked store is found before any extraction, and a build killed
with SIGKILL at any point leaves whole articles that the next build continues from."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg.pipeline
from kg.build import INDEX_FILE, EntityIndex, build_graph, open_for_build, recover
from kg.cli import app
from kg.errors import StoreError
from kg.store import OxigraphStore

DEV = Path(os.environ.get("UNIONKG_SHARED", Path(__file__).resolve().parent.parent.parent / "shared")) / "corpus" / "dev"
ONTOLOGY = "https://w3id.org/unionkg/id/graph/ontology"
KG = [sys.executable, "-c", "from kg.cli import app; app()"]


@pytest.fixture(scope="module")
def dev_corpus(tmp_path_factory) -> Path:
    """The 46 real reports of the development corpus (skipped without the shared folder)."""
    if not DEV.is_dir() or not any(DEV.glob("*.txt")):
        pytest.skip(f"development corpus not found at {DEV}")
    folder = tmp_path_factory.mktemp("dev")
    for f in sorted(DEV.glob("*.txt")):
        shutil.copy(f, folder)
    return folder


def _graphs(store) -> dict[str, frozenset]:
    """Every named graph of a store as a set of (s, p, o) strings."""
    out: dict[str, set] = {}
    for q in store.store.quads_for_pattern(None, None, None, None):
        out.setdefault(q.graph_name.value, set()).add((str(q.subject), str(q.predicate), str(q.object)))
    return {g: frozenset(t) for g, t in out.items()}


@pytest.fixture(scope="module")
def reference(dev_corpus, tmp_path_factory) -> dict[str, frozenset]:
    """The dev corpus built in one uninterrupted run, in this process."""
    path = tmp_path_factory.mktemp("ref") / "store"
    build_graph(dev_corpus, store_spec=f"oxigraph:{path}", out_dir=None, workers=1)
    store = OxigraphStore(path)
    try:
        return _graphs(store)
    finally:
        store.close()


def test_a_rule_that_raises_loses_only_its_file(sample_dir, tmp_path, monkeypatch):
    real_extract = kg.pipeline.extract
    victim = sorted(sample_dir.glob("*.txt"))[1].name

    def extract_with_a_bug(article):
        if article.path.endswith(victim):
            raise IndexError("list index out of range")
        return real_extract(article)

    monkeypatch.setattr(kg.pipeline, "extract", extract_with_a_bug)
    result = build_graph(sample_dir, store_spec=f"oxigraph:{tmp_path / 'store'}", out_dir=None, workers=1)
    assert [Path(e.path).name for e in result.errors] == [victim]
    assert "IndexError" in result.errors[0].problem
    assert result.summary["built_now"] == len(list(sample_dir.glob("*.txt"))) - 1


def test_size_limit_and_links_are_named(sample_dir, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(sample_dir, folder)
    big = folder / "big.txt"
    big.write_text("某县总工会慰问困难职工。\n" * 2000, encoding="utf-8")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.symlink("self.txt", folder / "self.txt")
    os.symlink(folder, folder / "loop")
    result = build_graph(folder, store_spec=f"oxigraph:{tmp_path / 'store'}", out_dir=None, workers=1,
                         max_bytes=big.stat().st_size - 1)
    problems = {Path(e.path).name: e.problem for e in result.errors}
    assert set(problems) == {"big.txt", "dangling.txt", "self.txt", "loop"}
    assert "over the limit" in problems["big.txt"] and "--max-bytes" in problems["big.txt"]
    assert "dangling" in problems["dangling.txt"] and "itself" in problems["self.txt"]
    assert "loop" in problems["loop"]
    assert result.summary["built_now"] == len(list(sample_dir.glob("*.txt")))


def _hold(store: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the store's lock for a while (as a running build does)."""
    holder = subprocess.Popen([sys.executable, "-c", f"import pyoxigraph, time, sys; s = pyoxigraph.Store({str(store)!r}); "
                               f"print('held', flush=True); time.sleep({seconds})"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_locked_store_is_reported_before_extraction(sample_dir, tmp_path, monkeypatch):
    store = tmp_path / "store"
    OxigraphStore(store).close()
    extracted = []
    monkeypatch.setattr(kg.pipeline, "extract_file", lambda *a, **k: extracted.append(a) or 1 / 0)
    holder = _hold(store, 60)
    try:
        with pytest.raises(StoreError, match="--wait"):
            build_graph(sample_dir, store_spec=f"oxigraph:{store}", out_dir=None, workers=1)
        assert extracted == []
    finally:
        holder.kill()
        holder.wait()


def test_wait_queues_behind_the_other_build(sample_dir, tmp_path):
    store = tmp_path / "store"
    OxigraphStore(store).close()
    holder = _hold(store, 2)
    waited = []
    result = build_graph(sample_dir, store_spec=f"oxigraph:{store}", out_dir=None, workers=1, wait=True,
                         on_wait=waited.append)
    holder.wait()
    assert waited and "in use" in waited[0]
    assert result.summary["built_now"] == len(list(sample_dir.glob("*.txt")))


def test_exit_status_is_an_error_only_when_nothing_was_built(tmp_path, sample_dir):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 4)
    runner = CliRunner()
    failed = runner.invoke(app, ["build", str(bad), "--store", f"oxigraph:{tmp_path / 's1'}", "--out", str(tmp_path / "o1")])
    assert failed.exit_code == 1
    assert "nothing could be built" in failed.output and "empty.txt" in failed.output
    mixed = tmp_path / "mixed"
    shutil.copytree(sample_dir, mixed)
    shutil.copy(bad / "binary.txt", mixed)
    ok = runner.invoke(app, ["build", str(mixed), "--store", f"oxigraph:{tmp_path / 's2'}", "--out", str(tmp_path / "o2"), "--no-html"])
    assert ok.exit_code == 0, ok.output
    assert "binary.txt" in ok.output


def test_parallel_build_equals_a_single_process_one(dev_corpus, reference, tmp_path):
    build_graph(dev_corpus, store_spec=f"oxigraph:{tmp_path / 'store'}", out_dir=None, workers=2, batch_size=7)
    store = OxigraphStore(tmp_path / "store")
    try:
        assert _graphs(store) == reference
    finally:
        store.close()


# ----------------------------------------------------------------------------- SIGKILL


def _built_count(store: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{store / INDEX_FILE}?mode=ro", uri=True, timeout=0.1)
        try:
            return db.execute("SELECT COUNT(*) FROM article").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def _kill_when(args: list[str], ready, cwd: Path, timeout: float = 120) -> bool:
    """Run `kg ARGS`, SIGKILL it (and its workers) once `ready()` holds; False if it finished first."""
    proc = subprocess.Popen(KG + args, cwd=cwd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if ready():
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.005)
        return False
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _check_whole_articles(store_path: Path, reference: dict[str, frozenset]) -> int:
    """After the next open for a build: the ontology whole, each article graph exactly
    as in an uninterrupted build, and the index agreeing with the store."""
    store = open_for_build(f"oxigraph:{store_path}")
    index = EntityIndex(store_path / INDEX_FILE)
    try:
        recover(store, index)
        graphs = _graphs(store)
        if graphs:  # killed before the ontology was written: nothing at all
            assert graphs.get(ONTOLOGY) == reference[ONTOLOGY]
        articles = {g for g in graphs if "/article/" in g}
        for g in articles:
            assert graphs[g] == reference[g], f"{g} is not whole"
        built = {g for (g,) in index.db.execute("SELECT graph FROM article")}
        assert built == articles
        assert not list(store_path.glob("bulk-*.sst")) and not index.pending()
        return len(articles)
    finally:
        index.close()
        store.close()


@pytest.mark.parametrize("moment", ["first shard written", "after some batches", "during the export"])
def test_sigkill_leaves_whole_articles_and_the_next_build_continues(moment, dev_corpus, reference, tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    args = ["build", str(dev_corpus), "--store", f"oxigraph:{store}", "--out", str(out), "--no-html",
            "--batch-size", "4", "--workers", "2"]
    ready = {
        "first shard written": lambda: any((store / "shards").glob("shard-*.nq")),
        "after some batches": lambda: _built_count(store) >= 12,
        "during the export": lambda: any(out.glob(".graph.*.tmp")),
    }[moment]
    if not _kill_when(args, ready, tmp_path):
        pytest.skip(f"the build finished before '{moment}' could be caught")
    if moment == "during the export":
        assert not (out / "graph.trig").exists() or (out / "graph.trig").stat().st_size > 0
    kept = _check_whole_articles(store, reference)
    if moment == "after some batches":
        assert kept >= 12
    resumed = CliRunner().invoke(app, args[:-2] + ["--workers", "1"])
    assert resumed.exit_code == 0, resumed.output
    skipped_line = next(line for line in resumed.output.splitlines() if "skipped as already built" in line)
    assert skipped_line.split()[-2] == str(kept)
    final = OxigraphStore(store)
    try:
        assert _graphs(final) == reference
    finally:
        final.close()
    for name in ("graph.nq", "graph.trig", "graph.ttl"):
        assert (out / name).stat().st_size > 1000
    assert not list(out.glob(".graph.*"))


def test_a_long_text_is_read_in_stretches_with_offsets_kept(seeds_dir, monkeypatch):
    from kg.extract import extract
    from kg.ingest import read_article

    path = max(seeds_dir.glob("*.txt"), key=lambda p: p.stat().st_size)
    whole = extract(read_article(path))
    monkeypatch.setattr(kg.pipeline, "CHUNK_CHARS", 400)
    assert len(kg.pipeline.chunk_bounds(whole.article.text, 400)) >= 3
    chunked = kg.pipeline.extract_file(path)
    text = chunked.article.text
    for e in chunked.entities:
        assert all(text[m.start:m.end] == m.text for m in e.mentions), e.name
    for r in chunked.relations:
        assert 0 <= r.start < r.end <= len(text)
    names = lambda x: {(e.type, e.name) for e in x.entities}  # noqa: E731
    # most of what the whole text gives is found stretch by stretch
    assert len(names(whole) & names(chunked)) >= 0.6 * len(names(whole))


def test_a_trace_on_its_neighbourhood_equals_one_on_the_whole_graph(dev_corpus, tmp_path):
    from kg.graph import find_node, format_chain, project, project_for_trace, trace_chains

    build_graph(dev_corpus, store_spec=f"oxigraph:{tmp_path / 'store'}", out_dir=None, workers=1)
    store = OxigraphStore(tmp_path / "store")
    try:
        whole = project(store)
        donors = sorted({whole.nodes[u]["label"] for u, _, d in whole.edges(data=True) if d["predicate"] == "assists"})
        assert len(donors) >= 5
        for name in donors:
            full = {format_chain(whole, c) for c in trace_chains(whole, find_node(whole, name))}
            near = project_for_trace(store, name)
            assert {format_chain(near, c) for c in trace_chains(near, find_node(near, name))} == full, name
            assert near.number_of_nodes() < whole.number_of_nodes()
    finally:
        store.close()
