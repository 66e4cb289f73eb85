"""Queries run in worker processes that can be stopped.

pyoxigraph cannot cancel a query, so a query that runs too long, or whose
client has gone, can only be stopped by ending the process running it.  A
`WorkerPool` keeps a few processes, each with the on-disk store opened
read-only (`pyoxigraph.Store.read_only`) and its address space bounded
(`RLIMIT_AS`), so that a runaway query costs one worker, never the server:
the worker is killed and replaced, and the client is told which limit it hit.
The number of workers is the number of queries running at once; the others
wait for a free worker a bounded time, then are told the endpoint is busy.

Only pyoxigraph and the standard library are imported in a worker, so a
replacement starts in a fraction of a second.
"""

from __future__ import annotations

import json
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .errors import KGError, StoreError
from .sparql_guard import QueryLimits, QueryRefused, check_query

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class EndpointBusy(KGError):
    """Every worker is busy and none came free in time."""


class ClientGone(KGError):
    """The client closed its connection; its query was stopped."""


@dataclass(frozen=True)
class Job:
    """One query to answer: its text, the (format, media type) to answer in
    for solutions and for graphs (negotiated by the caller: `kg.store.negotiate`), the row cap."""

    sparql: str
    results_as: tuple[str, str]  # e.g. ("json", "application/sparql-results+json")
    graph_as: tuple[str, str]  # e.g. ("turtle", "text/turtle")
    max_rows: int


@dataclass(frozen=True)
class Answer:
    """A serialised answer; `truncated` when there were more than `rows` rows."""

    body: bytes
    media: str
    rows: int
    truncated: bool


# ----------------------------------------------------------------------------- in the worker


def _term_json(term) -> dict:
    """A pyoxigraph term as a SPARQL 1.1 JSON results term."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject), "predicate": _term_json(term.predicate),
                                            "object": _term_json(term.object)}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _first(iterable, n: int) -> tuple[list, bool]:
    """The first n items and whether there were more (reads n + 1 at most)."""
    items = []
    for item in iterable:
        if len(items) == n:
            return items, True
        items.append(item)
    return items, False


def answer_capped(store, job: Job) -> Answer:
    """Evaluate a query on a pyoxigraph store and serialise at most `job.max_rows` rows.

    Solutions are read lazily, so a query with endless solutions stops after
    the cap; the kept rows go back through Oxigraph's own serialisers (via
    SPARQL JSON results) so every format keeps language tags and datatypes.
    """
    import pyoxigraph as ox

    result_formats = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                      "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
    graph_formats = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
                     "json-ld": ox.RdfFormat.JSON_LD}
    try:
        res = store.query(job.sparql, use_default_graph_as_union=True)
        if isinstance(res, ox.QueryBoolean):
            fmt, media = job.results_as
            return Answer(res.serialize(format=result_formats[fmt]), media, 1, False)
        if isinstance(res, ox.QueryTriples):
            fmt, media = job.graph_as
            triples, truncated = _first(res, job.max_rows)
            return Answer(ox.serialize(triples, format=graph_formats[fmt]) or b"", media, len(triples), truncated)
        fmt, media = job.results_as
        names = [v.value for v in res.variables]
        solutions, truncated = _first(res, job.max_rows)
        doc = {"head": {"vars": names},
               "results": {"bindings": [{n: _term_json(s[n]) for n in names if s[n] is not None} for s in solutions]}}
        raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        body = raw if fmt == "json" else ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON).serialize(format=result_formats[fmt])
        return Answer(body, media, len(solutions), truncated)
    except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
        raise QueryRefused(f"SPARQL query failed: {exc}") from exc


def _limit_memory(memory_mb: int) -> None:
    import resource

    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _worker_main(conn, store_path: str, memory_mb: int) -> None:  # pragma: no cover - runs in the child
    import os

    import pyoxigraph as ox

    # the engine's own last words on running out of memory are noise: the server names the limit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    _limit_memory(memory_mb)
    try:
        store, problem = ox.Store.read_only(store_path), None
    except (OSError, RuntimeError) as exc:
        store, problem = None, f"{store_path}: a query worker cannot open the store read-only ({exc})"
    conn.send(("ready", problem))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if problem:
            conn.send(("error", problem))
            continue
        try:
            conn.send(("ok", answer_capped(store, job)))
        except KGError as exc:
            conn.send(("error", str(exc)))
        except MemoryError:
            conn.send(("memory", ""))


# ----------------------------------------------------------------------------- in the server


def _same_package_env() -> dict:
    """The environment with this package's folder first on the path, so a worker runs this very code,
    and glibc's malloc arenas capped."""
    import os

    here = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([here] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    # glibc gives each thread that meets contention a malloc arena of 64 MB of address space;
    # under the worker's RLIMIT_AS that is the likely reason a worker now and then died opening
    # the store on a busy machine (more contention, more arenas): two keep its address space predictable
    env.setdefault("MALLOC_ARENA_MAX", "2")
    return env


@dataclass
class _Worker:
    process: subprocess.Popen
    conn: Connection


class WorkerPool:
    """`size` worker processes answering queries on the store at `store_path`, read-only.

    Examples
    --------
    >>> pool = WorkerPool("triples/store", QueryLimits(timeout_s=5), size=2)  # doctest: +SKIP
    >>> job = Job("ASK { ?s ?p ?o }", ("json", "application/sparql-results+json"), ("turtle", "text/turtle"), 10)
    >>> pool.run(job).body  # doctest: +SKIP
    b'{"head":{},"boolean":true}'
    """

    def __init__(self, store_path: str | Path, limits: QueryLimits, size: int = 2, queue_wait_s: float = 10.0):
        self.store_path = str(store_path)
        self.limits = limits
        self.queue_wait_s = queue_wait_s
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[int] = set()
        self._lock = threading.Lock()
        self._closed = False
        for worker in [self._spawn() for _ in range(size)]:
            self._idle.put(self._ready(worker))

    def _spawn(self) -> _Worker:
        # a fresh interpreter (never a fork of a threaded server), talking over a socket pair;
        # `python -m` rather than multiprocessing, which re-imports the caller's main script
        parent, child = socket.socketpair()
        process = subprocess.Popen([sys.executable, "-m", "kg.query_worker", str(child.fileno()), self.store_path,
                                    str(self.limits.memory_mb)], pass_fds=[child.fileno()], stdin=subprocess.DEVNULL,
                                   env=_same_package_env())
        child.close()
        with self._lock:
            self._all.add(process.pid)
        return _Worker(process, Connection(parent.detach()))

    def _ready(self, worker: _Worker, wait_s: float = 60.0) -> _Worker:
        """The worker once it has opened the store (its start-up never counts against a query's time)."""
        if not worker.conn.poll(wait_s):
            self._stop(worker)
            raise StoreError(f"{self.store_path}: a query worker did not start within {wait_s:g} s")
        try:
            _, problem = worker.conn.recv()
        except (EOFError, OSError):
            self._stop(worker)
            raise StoreError(f"{self.store_path}: a query worker died while starting") from None
        if problem:
            self._stop(worker)
            raise StoreError(problem)
        return worker

    def _replace(self) -> None:
        """Start a worker in place of a stopped one, in the background: the client that
        lost its worker gets its answer now, and the others wait only for a ready worker."""
        def start():
            for attempt in range(5):
                try:
                    worker = self._ready(self._spawn())
                except StoreError as exc:
                    print(f"kg serve: {exc}; trying again", file=sys.stderr)
                    time.sleep(1 + attempt)
                    continue
                if self._closed:
                    self._stop(worker)
                else:
                    self._idle.put(worker)
                return

        threading.Thread(target=start, daemon=True, name="kg-worker-replacement").start()

    def _stop(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker.process.pid)
        if worker.process.poll() is None:
            worker.process.kill()
        worker.process.wait(timeout=5)
        worker.conn.close()

    def pids(self) -> list[int]:
        """The worker processes now running (for measuring memory)."""
        with self._lock:
            return sorted(self._all)

    def run(self, job: Job, client_gone: Callable[[], bool] = lambda: False) -> Answer:
        """Answer one job, or raise QueryRefused (a limit), EndpointBusy or ClientGone."""
        try:
            worker = self._idle.get(timeout=self.queue_wait_s)
        except queue.Empty:
            raise EndpointBusy(f"all {len(self._all)} query workers are busy; try again shortly") from None
        healthy = False
        try:
            status, payload = self._wait(worker, job, client_gone)
            healthy = True
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                self._stop(worker)
                self._replace()
        if status == "ok":
            return payload
        if status == "memory":
            raise QueryRefused(f"the query needed more than {self.limits.memory_mb} MB (--memory-mb)")
        raise QueryRefused(payload)

    def _wait(self, worker: _Worker, job: Job, client_gone: Callable[[], bool]):
        deadline = time.monotonic() + self.limits.timeout_s
        try:
            worker.conn.send(job)
            while not worker.conn.poll(0.05):
                if time.monotonic() > deadline:
                    raise QueryRefused(f"the query ran longer than {self.limits.timeout_s:g} s and was stopped (--timeout)")
                if client_gone():
                    raise ClientGone("the client closed the connection; its query was stopped")
            return worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            raise QueryRefused(f"the query stopped its worker process (more than {self.limits.memory_mb} MB "
                               "of memory, --memory-mb, or a crash in the query engine)") from None

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._stop(self._idle.get_nowait())
            except queue.Empty:
                return


# ----------------------------------------------------------------------------- for `kg query`


_SLICED = re.compile(r"\b(LIMIT|OFFSET)\s+\d+\s*$", re.IGNORECASE)


def paged(sparql: str, limit: int | None = None, offset: int = 0) -> str:
    """The query with a page of its solutions asked for: `LIMIT limit OFFSET offset` appended.

    Every shipped query ends with its ORDER BY, so a page is a stable slice of
    the same rows.  A query that already ends with its own LIMIT or OFFSET is
    refused (two slices would not mean one page).
    """
    if limit is None and not offset:
        return sparql
    text = sparql.rstrip()
    if _SLICED.search(text):
        raise QueryRefused("the query already ends with LIMIT or OFFSET; leave out --limit/--offset")
    return text + ("" if limit is None else f"\nLIMIT {int(limit)}") + (f"\nOFFSET {int(offset)}" if offset else "")


class LimitedStore:
    """A store's `query` under QueryLimits, for the command line.

    The text is checked first; on an on-disk Oxigraph store the query then
    runs in one worker process, so the time, row and memory limits hold
    (`kg query` answers with a one-line error instead of hanging or dying).
    Other stores answer in this process with the text limits only.
    After a query, `truncated` says whether rows were left out.
    `limit`/`offset` ask every query for one page of its rows (`paged`).
    """

    def __init__(self, store, limits: QueryLimits, limit: int | None = None, offset: int = 0):
        self.store = store
        self.limits = limits
        self.page = (limit, offset)
        self.sparql_dialect = getattr(store, "sparql_dialect", None)
        self.truncated = False
        self._pool: WorkerPool | None = None

    def _on_disk(self) -> bool:
        return self.sparql_dialect == "oxigraph" and getattr(self.store, "path", None) is not None

    def query(self, sparql: str, bindings: dict | None = None):
        from .store import QueryResult, with_values

        sparql = paged(sparql, *self.page)
        check_query(with_values(sparql, bindings), self.limits)
        if not self._on_disk():
            result = self.store.query(sparql, bindings)
            self.truncated = len(result.rows) > self.limits.max_rows
            return QueryResult(result.vars, result.rows[: self.limits.max_rows])
        if self._pool is None:
            self._pool = WorkerPool(self.store.path, self.limits, size=1)
        job = Job(with_values(sparql, bindings), ("json", "application/sparql-results+json"),
                  ("nt", "application/n-triples"), self.limits.max_rows)
        answer = self._pool.run(job)
        self.truncated = answer.truncated
        return rows_of_answer(answer)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def rows_of_answer(answer: Answer):
    """A JSON results or N-Triples answer as a QueryResult of Python values."""
    import pyoxigraph as ox

    from .store import QueryResult, _json_value

    if answer.media == "application/n-triples":
        triples = ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES)
        return QueryResult(["s", "p", "o"], [(t.subject.value, t.predicate.value, getattr(t.object, "value", str(t.object)))
                                             for t in triples])
    doc = json.loads(answer.body)
    if "boolean" in doc:
        return QueryResult(["ask"], [(doc["boolean"],)])
    names = doc["head"]["vars"]
    return QueryResult(names, [tuple(_json_value(b.get(n)) for n in names) for b in doc["results"]["bindings"]])


if __name__ == "__main__":  # pragma: no cover - a worker: python -m kg.query_worker FD STORE_PATH MEMORY_MB
    from kg.query_worker import _worker_main as run  # the package's classes, not copies in __main__, cross the socket

    run(Connection(socket.socket(fileno=int(sys.argv[1])).detach()), sys.argv[2], int(sys.argv[3]))
