"""A real SPARQL server on loopback: Oxigraph's server (pip package `oxigraph`).

The graph is loaded over the Graph Store Protocol and queried over the SPARQL
1.1 Protocol, and must answer as the embedded stores do.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg.queries import run_named
from kg.store import RemoteStore

pytestmark = pytest.mark.server


def _binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = _binary()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [binary, "serve", "--union-default-graph", "--location", str(tmp_path_factory.mktemp("oxigraph")), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("the oxigraph server did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_load_over_http_and_query(server, sample_dataset, oxigraph_store):
    remote = RemoteStore(server + "/query")
    remote.load(sample_dataset)
    n = remote.triple_count()
    assert n == oxigraph_store.triple_count()
    remote.load(sample_dataset)  # replaces article graphs: idempotent
    assert remote.triple_count() == n
    for name in ("pairings", "first_secretaries", "funding_by_province"):
        got = sorted(tuple(map(str, r)) for r in run_named(remote, name).rows)
        want = sorted(tuple(map(str, r)) for r in run_named(oxigraph_store, name).rows)
        assert got == want, name
    rows = run_named(remote, "pairings", {"donorName": "北京市总工会"}).dicts()
    assert any(r["recipient"] == "张家口市总工会" and float(r["amountYuan"]) == 1_000_000 for r in rows)


def test_kg_serve_can_front_a_remote_server(server, sample_dataset):
    """`kg serve --store http://…` passes the real server's answer through, format included."""
    import json

    remote = RemoteStore(server + "/query")
    remote.load(sample_dataset)
    body, media = remote.answer('SELECT ?n WHERE { ?u a <https://w3id.org/unionkg/ontology#Union> ; '
                                '<http://www.w3.org/2004/02/skos/core#prefLabel> ?n }', "application/sparql-results+json")
    assert media == "application/sparql-results+json"
    names = {b["n"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert "西城区总工会" in names
