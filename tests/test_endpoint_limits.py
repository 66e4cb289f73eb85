"""The endpoint refuses what could crash or exhaust it, and stays up for everyone else.

The server here serves an on-disk Oxigraph store, as `kg serve` does, so
queries run in worker processes that can be stopped.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.ontology import sparql_prefixes
from kg.serve import ServerLimits, serve_in_thread
from kg.sparql_guard import QueryLimits, QueryRefused, check_query, scan

UNIONS = sparql_prefixes() + 'SELECT ?n WHERE { ?u a ukg:Union ; skos:prefLabel ?n . FILTER(lang(?n) = "zh") }'
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
NESTED = "SELECT * WHERE " + "{" * 2500 + " ?s ?p ?o " + "}" * 2500


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory, sample_dataset):
    from kg.store import OxigraphStore

    store = OxigraphStore(tmp_path_factory.mktemp("endpoint") / "store")
    store.load(sample_dataset)
    yield store
    store.close()


def _start(store, **limits):
    server_keys = {"read_timeout_s", "max_connections", "workers", "queue_wait_s"}
    query = QueryLimits(**{k: v for k, v in limits.items() if k not in server_keys})
    server = ServerLimits(**{k: v for k, v in limits.items() if k in server_keys})
    return serve_in_thread(store, limits=query, server_limits=server)


@pytest.fixture(scope="module")
def endpoint(disk_store):
    server, url = _start(disk_store, timeout_s=2, max_rows=50, memory_mb=700, read_timeout_s=1.5, workers=2)
    yield server, url
    server.shutdown()
    server.server_close()


def _post(url, query, accept="application/sparql-results+json", timeout=30):
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url + "/sparql", data=data, method="POST",
                                 headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read().decode("utf-8"), dict(resp.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8"), dict(exc.headers)


def _raw(url, request: bytes, wait: float = 10) -> bytes:
    """Send bytes as they are and read the whole reply."""
    host, port = urllib.parse.urlparse(url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _status(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1])


def _names(body: str) -> set[str]:
    return {b["n"]["value"] for b in json.loads(body)["results"]["bindings"]}


# ----------------------------------------------------------------------------- the text, before parsing


def test_the_lexer_counts_only_brackets_that_are_code():
    assert scan('SELECT * WHERE { ?s ?p "}{{{(((" }').depth == 1
    assert scan("SELECT * WHERE { ?s ?p '''{{\n{{''' }").depth == 1
    assert scan("SELECT * WHERE { # {{{{ not code\n ?s ?p ?o }").depth == 1
    assert scan("SELECT * WHERE { ?s <http://example.org/a#b> ?o FILTER((?o > 1)) }").depth == 3
    assert scan('SELECT * WHERE { ?s ?p "a\\"{{" . { ?s ?q ?r } }').depth == 2
    # an IRI's brackets count: `?a <(1)> ?b` may be read as comparisons
    assert scan("SELECT * WHERE { FILTER(?a <((1))> ?b) }").depth == 4


def test_service_is_found_as_a_keyword_only():
    assert scan("SELECT * WHERE { service silent <http://x/sparql> { ?s ?p ?o } }").uses_service
    assert scan("SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }").uses_service
    assert not scan('SELECT ?service WHERE { ?service ex:SERVICE "SERVICE" # SERVICE\n }').uses_service


def test_limits_name_themselves():
    with pytest.raises(QueryRefused, match="characters long; the limit is 1,000"):
        check_query("SELECT * WHERE { ?s ?p ?o }" + " " * 1000, QueryLimits(max_chars=1000))
    with pytest.raises(QueryRefused, match="nests brackets 2500 deep"):
        check_query(NESTED)
    assert check_query("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", QueryLimits(allow_service=True)).uses_service


def test_the_oxigraph_store_never_hands_its_parser_a_crashing_query(disk_store):
    from kg.errors import QueryError

    with pytest.raises(QueryError, match="deep"):
        disk_store.query(NESTED)
    assert disk_store.query("ASK { ?s ?p ?o }").rows == [(True,)]


# ----------------------------------------------------------------------------- hostile queries over HTTP


def test_deep_nesting_is_a_400_and_the_server_lives(endpoint):
    _, url = endpoint
    status, body, _ = _post(url, NESTED)
    assert status == 400 and "nests brackets" in body
    status, body, _ = _post(url, UNIONS)
    assert status == 200 and "西城区总工会" in _names(body)


def test_service_is_refused_unless_allowed(endpoint):
    _, url = endpoint
    for q in ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
              "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
              "SELECT * WHERE { SERVICE ?unbound { ?s ?p ?o } }"):
        status, body, _ = _post(url, q)
        assert status == 400 and "--allow-service" in body


def test_a_long_query_is_stopped_at_the_time_limit(endpoint):
    _, url = endpoint
    started = time.monotonic()
    status, body, _ = _post(url, ENDLESS)
    took = time.monotonic() - started
    assert status == 400 and "longer than 2 s" in body
    assert took < 8
    assert _post(url, UNIONS)[0] == 200


def test_rows_are_capped_and_the_cut_is_said(endpoint):
    _, url = endpoint
    status, body, headers = _post(url, CARTESIAN)
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 50
    assert "50 rows" in headers.get("X-Result-Truncated", "")
    status, body, headers = _post(url, CARTESIAN + " LIMIT 7", accept="text/csv")
    assert status == 200 and len(body.splitlines()) == 8 and "X-Result-Truncated" not in headers
    status, body, headers = _post(url, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", accept="application/n-triples")
    assert status == 200 and len(body.splitlines()) == 50 and "X-Result-Truncated" in headers


def test_a_query_past_the_memory_limit_costs_its_worker_only(endpoint):
    server, url = endpoint
    before = set(server.runner.pool.pids())
    status, body, _ = _post(url, CARTESIAN + " ORDER BY ?a ?i ?c")
    assert status == 400 and ("700 MB" in body or "longer than" in body)
    assert set(server.runner.pool.pids()) != before, "the worker that ran it was replaced"
    assert _post(url, UNIONS)[0] == 200


def test_a_query_whose_client_has_gone_is_stopped(disk_store):
    server, url = _start(disk_store, timeout_s=60, workers=1)
    try:
        before = server.runner.pool.pids()
        body = urllib.parse.urlencode({"query": ENDLESS}).encode()
        head = (f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        sock = socket.create_connection(urllib.parse.urlparse(url).netloc.split(":"), timeout=5)
        sock.sendall(head + body)
        time.sleep(0.5)
        sock.close()
        deadline = time.monotonic() + 10
        while server.runner.pool.pids() == before and time.monotonic() < deadline:
            time.sleep(0.1)
        assert server.runner.pool.pids() != before, "the abandoned query's worker was stopped well before the 60 s limit"
        status, answer, _ = _post(url, UNIONS)
        assert status == 200 and "西城区总工会" in _names(answer)
    finally:
        server.shutdown()
        server.server_close()


def test_beyond_the_workers_and_the_wait_the_endpoint_is_busy(disk_store):
    import threading

    server, url = _start(disk_store, timeout_s=3, workers=1, queue_wait_s=0.5)
    try:
        slow = threading.Thread(target=_post, args=(url, ENDLESS))
        slow.start()
        time.sleep(0.3)
        status, body, headers = _post(url, UNIONS)
        slow.join()
        assert status == 503 and "busy" in body and headers.get("Retry-After")
        deadline = time.monotonic() + 15  # the stopped worker's replacement starts in the background
        while _post(url, UNIONS)[0] != 200:
            assert time.monotonic() < deadline, "a replacement worker answers"
            time.sleep(0.2)
    finally:
        server.shutdown()
        server.server_close()


# ----------------------------------------------------------------------------- malformed requests


@pytest.mark.parametrize("request_bytes, status, says", [
    (b"POST /sparql HTTP/1.1\r\nContent-Length: lots\r\n\r\nquery=x", 400, b"Content-Length"),
    (b"POST /sparql HTTP/1.1\r\nContent-Length: -5\r\n\r\nquery=x", 400, b"Content-Length"),
    (b"POST /sparql HTTP/1.1\r\nContent-Length: 1000000000\r\n\r\nquery=", 413, b"limit"),
    (b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\nContent-Length: 4\r\n\r\n\xff\xfe\xfd\xfc", 400, b"UTF-8"),
    (b"GET /sparql?query=%FF%FE HTTP/1.1\r\n\r\n", 400, b"UTF-8"),
    (b"GET /sparql?query=ASK%7B%7D&query=ASK%7B%7D HTTP/1.1\r\n\r\n", 400, b"more than once"),
    (b"GARBAGE\r\n\r\n", 400, b""),
])
def test_malformed_requests_get_a_status_and_a_reason(endpoint, request_bytes, status, says):
    _, url = endpoint
    reply = _raw(url, request_bytes)
    assert reply, "never an empty reply"
    assert _status(reply) == status and says in reply and b"Traceback" not in reply


def test_a_body_announced_but_not_sent_times_out_with_408(endpoint):
    _, url = endpoint
    started = time.monotonic()
    reply = _raw(url, b"POST /sparql HTTP/1.1\r\nContent-Length: 50000\r\n\r\nquery=")
    assert _status(reply) == 408 and time.monotonic() - started < 6
    assert _post(url, UNIONS)[0] == 200


def test_updates_are_refused_on_every_path_and_method(endpoint):
    _, url = endpoint
    refusals = [
        b"POST /update HTTP/1.1\r\nContent-Type: application/sparql-update\r\nContent-Length: 8\r\n\r\nDROP ALL",
        b"POST /sparql HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 15\r\n\r\nupdate=DROP+ALL",
        b"GET /sparql?update=DROP+ALL HTTP/1.1\r\n\r\n",
        b"GET /anything?update=DROP+ALL HTTP/1.1\r\n\r\n",
        b"PUT /sparql HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
        b"DELETE /store?graph=x HTTP/1.1\r\n\r\n",
        b"PATCH / HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
    ]
    for request in refusals:
        assert _status(_raw(url, request)) == 403, request
    status, body, _ = _post(url, UNIONS)
    assert status == 200 and "西城区总工会" in _names(body), "nothing was dropped"


def test_paths_outside_the_endpoint_are_404(endpoint):
    _, url = endpoint
    for path in (b"/../../etc/passwd", b"/sparql/../../../etc/passwd", b"/%2e%2e/%2e%2e/etc/passwd", b"/static/../kg/cli.py"):
        reply = _raw(url, b"GET " + path + b" HTTP/1.1\r\n\r\n")
        assert _status(reply) == 404 and b"root:" not in reply


def test_connections_beyond_the_bound_get_a_503(disk_store):
    server, url = _start(disk_store, max_connections=3, read_timeout_s=3)
    host, port = urllib.parse.urlparse(url).netloc.split(":")
    idle = [socket.create_connection((host, int(port)), timeout=5) for _ in range(3)]
    try:
        time.sleep(0.3)
        assert _status(_raw(url, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n\r\n")) == 503
    finally:
        for sock in idle:
            sock.close()
    time.sleep(0.5)
    try:
        assert _status(_raw(url, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\n\r\n")) == 200
    finally:
        server.shutdown()
        server.server_close()


def test_the_default_bind_is_loopback_only(disk_store):
    server, url = serve_in_thread(disk_store)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.shutdown()
        server.server_close()


def test_with_updates_allowed_the_workers_see_what_was_written(tmp_path, sample_dataset):
    from kg.store import OxigraphStore

    store = OxigraphStore(tmp_path / "store")
    store.load(sample_dataset)
    server, url = serve_in_thread(store, allow_update=True)
    try:
        ask = "ASK { <https://example.org/a> <https://example.org/says> \"写入\" }"
        assert json.loads(_post(url, ask)[1])["boolean"] is False
        reply = _raw(url, b"POST /update HTTP/1.1\r\nContent-Type: application/sparql-update\r\nContent-Length: "
                     + str(len(f"INSERT DATA {{ GRAPH <https://example.org/g> {{ {ask[6:-2]} }} }}".encode())).encode()
                     + b"\r\n\r\n" + f"INSERT DATA {{ GRAPH <https://example.org/g> {{ {ask[6:-2]} }} }}".encode())
        assert _status(reply) == 204
        assert json.loads(_post(url, ask)[1])["boolean"] is True
    finally:
        server.shutdown()
        server.server_close()
        store.close()
