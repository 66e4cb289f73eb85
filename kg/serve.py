"""A read-only SPARQL 1.1 Protocol endpoint over any store, with a query page.

GET or POST /sparql (query=…, or a body of application/sparql-query)
answers in the format the Accept header asks for (SPARQL results as JSON,
XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples, RDF/XML or
JSON-LD), serialised by the store itself so language tags and datatypes
survive; SPARQL Update (POST /update, an `update=` parameter, PUT, DELETE,
PATCH) is refused with 403 unless the server was started with
`allow_update=True`.  Listens on 127.0.0.1 by default.  Standard library
only: this is a convenience for notebooks and other tools; a graph that
outgrows one machine goes to a real server.

What a client can make it do is bounded (`kg.sparql_guard.QueryLimits`):
the query's length, nesting depth and SERVICE calls are checked on the text
before anything parses it; on an on-disk Oxigraph store each query runs in
a worker process (`kg.query_worker`) that is killed past the time limit,
past its memory limit, or when the client hangs up, and at most `max_rows`
rows are answered (the header `X-Result-Truncated` says so when there were
more).  Sockets have a read timeout, the number of connections and of
queries running at once is bounded (503 beyond), and a malformed request is
answered 400, 408 or 413 with a one-line reason, never a traceback.
"""

from __future__ import annotations

import json
import select
import socket
import sys
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .errors import KGError
from .ontology import sparql_prefixes
from .query_worker import Answer, ClientGone, EndpointBusy, Job, WorkerPool
from .sparql_guard import QueryLimits, QueryRefused, check_query

_PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>unionkg SPARQL</title>
<style>body{font-family:sans-serif;margin:2em}textarea{width:100%;height:14em;font-family:monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:.2em .5em}</style></head>
<body><h1>unionkg SPARQL endpoint</h1><p>POST or GET <code>/sparql?query=…</code>; prefixes ukg, skos, org, schema, oa, prov are predeclared here.</p>
<textarea id="q">SELECT ?donor ?recipient ?amountYuan ?year WHERE {
  GRAPH ?g { ?f a ukg:Assistance ; ukg:subject ?d ; ukg:object ?r .
             OPTIONAL { ?f ukg:amountYuan ?amountYuan } OPTIONAL { ?f ukg:year ?year } }
  ?d skos:prefLabel ?donor . ?r skos:prefLabel ?recipient .
  FILTER(lang(?donor) = "zh" && lang(?recipient) = "zh")
} LIMIT 50</textarea><br><button id="run">Run</button><div id="out"></div>
<script>
const PREFIXES = %PREFIXES%;
document.getElementById("run").onclick = async () => {
  const body = new URLSearchParams({query: PREFIXES + document.getElementById("q").value});
  const r = await fetch("sparql", {method: "POST", body, headers: {"Accept": "application/sparql-results+json"}});
  const out = document.getElementById("out"); out.textContent = "";
  if (!r.ok) { out.textContent = await r.text(); return; }
  const data = await r.json(); const t = document.createElement("table");
  const head = t.insertRow(); for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const b of data.results.bindings) { const row = t.insertRow(); for (const v of data.head.vars) row.insertCell().textContent = b[v] ? b[v].value : ""; }
  out.appendChild(t);
  const cut = r.headers.get("X-Result-Truncated");
  if (cut) { const p = document.createElement("p"); p.textContent = cut; out.appendChild(p); }
};
</script></body></html>"""


@dataclass(frozen=True)
class ServerLimits:
    """What the HTTP side allows: socket read timeout, connections, workers, waiting."""

    read_timeout_s: float = 10.0
    max_connections: int = 32
    workers: int = 2  # queries running at once (each in its own process on an on-disk store)
    queue_wait_s: float = 10.0  # how long a query waits for a free worker before a 503


class RequestProblem(Exception):
    """A request the endpoint answers with an error status and a one-line reason."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status
        self.reason = reason


def announced_length(value: str | None, limit: int) -> int:
    """The body length a Content-Length header announces, or a RequestProblem.

    Examples
    --------
    >>> announced_length("12", 100)
    12
    >>> announced_length("-1", 100)
    Traceback (most recent call last):
    ...
    kg.serve.RequestProblem: Content-Length must be a whole number of bytes, not '-1'
    """
    if value is None or value.strip() == "":
        return 0
    if not value.strip().isdigit():
        raise RequestProblem(400, f"Content-Length must be a whole number of bytes, not {value[:40]!r}")
    length = int(value)
    if length > limit:
        raise RequestProblem(413, f"the request body announces {length:,} bytes; the limit is {limit:,}")
    return length


def form_fields(text: str) -> dict[str, str]:
    """Fields of a URL query or form body, UTF-8; a field given twice is a RequestProblem."""
    try:
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise RequestProblem(400, "the parameters are not UTF-8 text (percent-encoded bytes that decode to nothing)") from None
    fields: dict[str, str] = {}
    for name, value in pairs:
        if name in fields and name in ("query", "update"):
            raise RequestProblem(400, f"{name} given more than once")
        fields[name] = value
    return fields


def _client_gone(sock: socket.socket) -> bool:
    """Whether the client closed its side (readable with nothing to read)."""
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
    except (OSError, ValueError):
        return True


class _InlineRunner:
    """Queries answered in the server process (stores without a folder: in memory, remote).

    The text limits and the bound on queries at once hold; the time, row and
    memory limits need a worker process, so an on-disk Oxigraph store.
    """

    def __init__(self, store, limits: QueryLimits, server_limits: ServerLimits):
        self.store = store
        self.slots = threading.BoundedSemaphore(server_limits.workers)
        self.queue_wait_s = server_limits.queue_wait_s

    def answer(self, sparql: str, accept: str, client_gone) -> Answer:
        if not self.slots.acquire(timeout=self.queue_wait_s):
            raise EndpointBusy("all query slots are busy; try again shortly")
        try:
            body, media = self.store.answer(sparql, accept)
        finally:
            self.slots.release()
        return Answer(body, media, -1, False)

    def refresh(self) -> None:
        pass

    def close(self) -> None:
        pass


class _PoolRunner:
    """Queries answered by worker processes over the store's folder, opened read-only."""

    def __init__(self, store, limits: QueryLimits, server_limits: ServerLimits):
        self.limits = limits
        self.server_limits = server_limits
        self.path = store.path
        self.pool = WorkerPool(store.path, limits, server_limits.workers, server_limits.queue_wait_s)

    def answer(self, sparql: str, accept: str, client_gone) -> Answer:
        from .store import GRAPH_TYPES, RESULT_TYPES, negotiate

        job = Job(sparql, negotiate(accept, RESULT_TYPES, "application/sparql-results+json"),
                  negotiate(accept, GRAPH_TYPES, "text/turtle"), self.limits.max_rows)
        return self.pool.run(job, client_gone)

    def refresh(self) -> None:
        """After an update: new workers, which see the store as it is now."""
        old = self.pool
        self.pool = WorkerPool(self.path, self.limits, self.server_limits.workers, self.server_limits.queue_wait_s)
        old.close()

    def close(self) -> None:
        self.pool.close()


def _runner(store, limits: QueryLimits, server_limits: ServerLimits):
    if getattr(store, "sparql_dialect", None) == "oxigraph" and getattr(store, "path", None) is not None:
        return _PoolRunner(store, limits, server_limits)
    return _InlineRunner(store, limits, server_limits)


class BoundedThreadingHTTPServer(ThreadingHTTPServer):
    """One thread per connection, at most `max_connections` at once (503 beyond)."""

    daemon_threads = True

    def __init__(self, address, handler, max_connections: int):
        self.connection_slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        if not self.connection_slots.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 1\r\n"
                                b"Connection: close\r\nContent-Length: 31\r\n\r\ntoo many connections; try again")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connection_slots.release()

    def server_close(self):
        super().server_close()
        runner = getattr(self, "runner", None)
        if runner is not None:
            runner.close()


def make_server(store, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
                limits: QueryLimits = QueryLimits(), server_limits: ServerLimits = ServerLimits()) -> ThreadingHTTPServer:
    runner = _runner(store, limits, server_limits)
    max_body = limits.max_chars * 12 + 1024  # a form body percent-encodes each CJK character as 9 bytes
    update_lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        timeout = server_limits.read_timeout_s  # socket read timeout: a client that stops sending is dropped
        protocol_version = "HTTP/1.0"
        default_request_version = "HTTP/1.0"  # a garbled request line still gets a status line
        error_message_format = "%(code)d %(message)s: %(explain)s\n"
        error_content_type = "text/plain; charset=utf-8"

        def log_message(self, *args):  # quiet by default
            pass

        def _send(self, code: int, body: bytes, ctype: str, headers: dict | None = None) -> None:
            try:
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client has gone: nothing to tell it
                self.close_connection = True

        def _problem(self, status: int, reason: str, headers: dict | None = None) -> None:
            self.close_connection = True
            self._send(status, reason.encode("utf-8"), "text/plain; charset=utf-8", headers)

        def _body(self) -> str:
            length = announced_length(self.headers.get("Content-Length"), max_body)
            if self.headers.get("Transfer-Encoding"):
                raise RequestProblem(411, "send the body with a Content-Length, not chunked")
            try:
                raw = self.rfile.read(length)
            except (TimeoutError, socket.timeout):
                raise RequestProblem(408, f"the body did not arrive within {server_limits.read_timeout_s:g} s") from None
            if len(raw) < length:
                raise RequestProblem(400, f"the body ended after {len(raw)} of the {length} bytes announced")
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                raise RequestProblem(400, "the request body is not UTF-8 text") from None

        def _params(self) -> dict[str, str]:
            params = form_fields(urllib.parse.urlparse(self.path).query)
            if self.command == "POST":
                raw = self._body()
                ctype = self.headers.get("Content-Type", "")
                if ctype.startswith("application/sparql-query"):
                    params["query"] = raw
                elif ctype.startswith("application/sparql-update"):
                    params["update"] = raw
                else:
                    params.update(form_fields(raw))
            return params

        def _handle(self) -> None:
            try:
                self._route()
            except RequestProblem as problem:
                self._problem(problem.status, problem.reason)
            except Exception as exc:  # never a traceback on the wire; one line on the server's stderr
                print(f"kg serve: {self.command} {self.path[:80]}: {type(exc).__name__}: {exc}", file=sys.stderr)
                self._problem(500, f"internal error ({type(exc).__name__}); the server goes on")

        def _route(self) -> None:
            path = urllib.parse.urlparse(self.path).path
            if path in ("/", "/index.html") and self.command == "GET":
                page = _PAGE.replace("%PREFIXES%", json.dumps(sparql_prefixes()).replace("<", "\\u003c"))
                return self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")
            params = self._params()
            if path == "/update" or "update" in params:
                return self._update(params.get("update", ""))
            if path != "/sparql":
                return self._send(404, b"not found: use /sparql or /", "text/plain")
            query = params.get("query")
            if not query:
                raise RequestProblem(400, "missing query parameter")
            try:
                check_query(query, limits)
                answer = runner.answer(query, self.headers.get("Accept", ""), lambda: _client_gone(self.connection))
            except ClientGone:
                self.close_connection = True
                return None
            except EndpointBusy as exc:
                return self._problem(503, str(exc), {"Retry-After": "2"})
            except KGError as exc:
                return self._problem(400, str(exc))
            headers = {}
            if answer.truncated:
                headers["X-Result-Truncated"] = f"the first {answer.rows} rows of more (the limit is --max-rows {limits.max_rows})"
            return self._send(200, answer.body, f"{answer.media}; charset=utf-8", headers)

        def _update(self, update: str) -> None:
            if not allow_update:
                return self._problem(403, "updates are disabled on this endpoint (start it with --allow-update)")
            try:
                check_query(update, limits)
                with update_lock:
                    store.update(update)
                    runner.refresh()
            except KGError as exc:
                return self._problem(400, str(exc))
            return self._send(204, b"", "text/plain")

        def _read_only(self) -> None:
            if not allow_update:
                return self._problem(403, "this endpoint is read-only: PUT, DELETE and PATCH are refused")
            return self._problem(405, "the Graph Store Protocol is not offered here; POST SPARQL Update to /update")

        do_GET = _handle
        do_POST = _handle
        do_PUT = _read_only
        do_DELETE = _read_only
        do_PATCH = _read_only

    server = BoundedThreadingHTTPServer((host, port), Handler, server_limits.max_connections)
    server.runner = runner
    return server


def serve(store, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
          limits: QueryLimits = QueryLimits(), server_limits: ServerLimits = ServerLimits()) -> None:
    server = make_server(store, host, port, allow_update, limits, server_limits)
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # pragma: no cover
        pass
    finally:
        server.server_close()


def serve_in_thread(store, host: str = "127.0.0.1", port: int = 0, allow_update: bool = False,
                    limits: QueryLimits = QueryLimits(), server_limits: ServerLimits = ServerLimits()):
    """Start on a free port in a daemon thread; returns (server, base_url)."""
    server = make_server(store, host, port, allow_update, limits, server_limits)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"
