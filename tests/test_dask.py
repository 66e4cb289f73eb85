"""The same per-article function on Dask: a LocalCluster build gives the local build's graph."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from kg.build import build_graph
from kg.cli import app
from kg.store import OxigraphStore

distributed = pytest.importorskip("distributed")


def _graphs(path) -> dict:
    store = OxigraphStore(path)
    try:
        out: dict = {}
        for q in store.store.quads_for_pattern(None, None, None, None):
            out.setdefault(q.graph_name.value, set()).add((str(q.subject), str(q.predicate), str(q.object)))
        return out
    finally:
        store.close()


@pytest.fixture()
def corpus(tmp_path, sample_dir):
    folder = tmp_path / "corpus"
    shutil.copytree(sample_dir, folder)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)  # named and skipped on a worker too
    return folder


def test_a_dask_cluster_builds_the_local_graph(corpus, tmp_path):
    with distributed.LocalCluster(processes=False, n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        on_dask = build_graph(corpus, store_spec=f"oxigraph:{tmp_path / 'dask'}", out_dir=None,
                              dask=cluster.scheduler_address, batch_size=2)
    local = build_graph(corpus, store_spec=f"oxigraph:{tmp_path / 'local'}", out_dir=None, workers=1)
    assert [e.path for e in on_dask.errors] == [e.path for e in local.errors] == [str(corpus / "binary.txt")]
    assert on_dask.summary["built_now"] == local.summary["built_now"] > 0
    assert _graphs(tmp_path / "dask") == _graphs(tmp_path / "local")


def test_dask_local_from_the_command_line(corpus, tmp_path):
    built = CliRunner().invoke(app, ["build", str(corpus), "--dask", "local", "--store", f"oxigraph:{tmp_path / 's'}",
                                     "--out", str(tmp_path / "out"), "--no-html"])
    assert built.exit_code == 0, built.output
    assert "binary.txt" in built.output
    assert len([g for g in _graphs(tmp_path / "s") if "/article/" in g]) == len(list(corpus.glob("*.txt"))) - 1
