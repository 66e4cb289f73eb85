"""The same per-article function on Dask: a LocalCluster build gives the local build's graph."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

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


# The cluster runs in a child process: an in-process LocalCluster left the test
# process in a state where later tests' query workers, started under a memory
# limit, aborted while opening their store.
_ON_DASK = """
import json, sys
import distributed
from kg.build import build_graph
corpus, dask_store, local_store = sys.argv[1:]
with distributed.LocalCluster(processes=False, n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
    on_dask = build_graph(corpus, store_spec="oxigraph:" + dask_store, out_dir=None,
                          dask=cluster.scheduler_address, batch_size=2)
local = build_graph(corpus, store_spec="oxigraph:" + local_store, out_dir=None, workers=1)
print(json.dumps([[[e.path for e in r.errors], r.summary["built_now"]] for r in (on_dask, local)]))
"""


def test_a_dask_cluster_builds_the_local_graph(corpus, tmp_path):
    done = subprocess.run([sys.executable, "-c", _ON_DASK, str(corpus), str(tmp_path / "dask"), str(tmp_path / "local")],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    (dask_errors, dask_built), (local_errors, local_built) = json.loads(done.stdout.strip().splitlines()[-1])
    assert dask_errors == local_errors == [str(corpus / "binary.txt")]
    assert dask_built == local_built > 0
    assert _graphs(tmp_path / "dask") == _graphs(tmp_path / "local")


def test_dask_local_from_the_command_line(corpus, tmp_path):
    built = subprocess.run([sys.executable, "-c", "from kg.cli import app; app()", "build", str(corpus), "--dask", "local",
                            "--store", f"oxigraph:{tmp_path / 's'}", "--out", str(tmp_path / "out"), "--no-html"],
                           capture_output=True, text=True, timeout=600, env={**os.environ, "COLUMNS": "200"})
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    assert "binary.txt" in built.stdout + built.stderr
    assert len([g for g in _graphs(tmp_path / "s") if "/article/" in g]) == len(list(corpus.glob("*.txt"))) - 1
