"""A bounded load on loopback: `kg serve` stays up, answers everyone else and stays small.

500 requests from 8 clients, among them queries that would crash the parser,
cartesian products, queries that run until stopped and clients that hang up
mid-query.  The server is a separate `kg serve` process so that its memory
(with its workers) is measured alone, from /proc.  Latency figures are
printed by bench/probe_endpoint.py, not asserted here.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UNIONS = ("PREFIX ukg: <https://w3id.org/unionkg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
          'SELECT ?n WHERE { ?u a ukg:Union ; skos:prefLabel ?n . FILTER(lang(?n) = "zh") }')
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
NESTED = "SELECT * WHERE " + "{" * 2500 + " ?s ?p ?o " + "}" * 2500
MEMORY_MB = 600  # per worker
WORKERS = 2

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="memory is read from /proc")


def _tree_rss_mb(pid: int) -> float:
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += next(int(line.split()[1]) for line in open(f"/proc/{p}/status") if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{p}/task"):
                todo += [int(c) for c in open(f"/proc/{p}/task/{task}/children").read().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


@pytest.fixture
def server(tmp_path, sample_dataset):
    from kg.store import OxigraphStore

    store = OxigraphStore(tmp_path / "store")
    store.load(sample_dataset)
    store.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-c", "from kg.cli import app; app()", "serve", "--store", f"oxigraph:{tmp_path / 'store'}",
                             "--port", str(port), "--timeout", "1", "--max-rows", "500", "--memory-mb", str(MEMORY_MB),
                             "--workers", str(WORKERS), "--read-timeout", "3"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"kg serve did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.1)
    yield proc, url
    proc.kill()
    proc.wait()


def _post(url, query):
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url + "/sparql", data=data, method="POST", headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _hang_up(url, query):
    body = urllib.parse.urlencode({"query": query}).encode()
    with socket.create_connection(urllib.parse.urlparse(url).netloc.split(":"), timeout=5) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        time.sleep(0.2)


def _request(url, i):
    if i % 25 == 0:
        return "nested", _post(url, NESTED)[0]
    if i % 25 == 1:
        status, body = _post(url, CARTESIAN)
        return "cartesian", status if len(json.loads(body)["results"]["bindings"]) == 500 else -status
    if i % 50 == 2:
        return "endless", _post(url, ENDLESS)[0]
    if i % 50 == 3:
        _hang_up(url, ENDLESS)
        return "hang-up", 0
    status, body = _post(url, UNIONS)
    names = {b["n"]["value"] for b in json.loads(body)["results"]["bindings"]} if status == 200 else set()
    return "ordinary", status if "西城区总工会" in names else -status


def test_500_requests_at_concurrency_8_with_hostile_ones_among_them(server):
    proc, url = server
    peak = [0.0]
    sampling = threading.Event()

    def sample():
        while not sampling.is_set():
            peak[0] = max(peak[0], _tree_rss_mb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda i: _request(url, i), range(500)))
    sampling.set()
    sampler.join()

    counts: dict[tuple[str, int], int] = {}
    for kind, status in results:
        counts[(kind, status)] = counts.get((kind, status), 0) + 1
    assert proc.poll() is None, "the server is still running"
    assert counts == {("ordinary", 200): 440, ("nested", 400): 20, ("cartesian", 200): 20, ("endless", 400): 10,
                      ("hang-up", 0): 10}, counts
    status, body = _post(url, UNIONS)
    assert status == 200 and "西城区总工会" in body.decode("utf-8")
    # the server itself (~150 MB) plus its workers, each bounded by its address-space limit
    assert peak[0] < 200 + WORKERS * MEMORY_MB, f"peak RSS {peak[0]:.0f} MB"
