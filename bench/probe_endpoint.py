"""Probe `kg serve` as a hostile client would, then load it; print what happened.

    python bench/probe_endpoint.py                      # builds the sample corpus into a temporary store
    python bench/probe_endpoint.py --store oxigraph:triples/store
    python bench/probe_endpoint.py --checkout /tmp/old --old   # the same probes against another checkout's server

Each probe runs against a fresh-or-surviving server: when a probe kills the
server, that is reported and the server is started again for the next one.
The load test sends REQUESTS requests from CONCURRENCY clients on loopback,
hostile ones among them (a parser-crashing query, a cartesian product, a
query that runs until stopped, clients that hang up), and prints latency
percentiles of the ordinary queries, errors, and the peak resident memory of
the server process and its workers (sampled from /proc every 50 ms).
Figures are from one run on a shared machine: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PREFIXES = ("PREFIX ukg: <https://w3id.org/unionkg/ontology#>\n"
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")
UNIONS = PREFIXES + 'SELECT ?n WHERE { ?u a ukg:Union ; skos:prefLabel ?n . FILTER(lang(?n) = "zh") }'
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
NESTED = "SELECT * WHERE " + "{" * 2500 + " ?s ?p ?o " + "}" * 2500
SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
SERVICE_VAR = "SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }"
LIMIT_FLAGS = ["--timeout", "2", "--max-rows", "1000", "--memory-mb", "1024", "--workers", "2", "--read-timeout", "3"]


# ----------------------------------------------------------------------------- memory


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
        todo += _children(p)
    return total / 1024


class RssSampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0.0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, tree_rss_mb(self.pid))
            time.sleep(0.05)


# ----------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(spec: str, flags: list[str], checkout: str | None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ)
    if checkout:
        env["PYTHONPATH"] = checkout
    proc = subprocess.Popen([sys.executable, "-c", "from kg.cli import app; app()", "serve", "--store", spec,
                             "--port", str(port), *flags], env=env, cwd=checkout,  # python -c puts the working folder first
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/", timeout=1).read()
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def post(url: str, query: str, timeout: float = 30) -> tuple[int, bytes]:
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(url + "/sparql", data=data, method="POST",
                                 headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def raw(url: str, request: bytes, timeout: float = 30) -> bytes:
    host, port = urllib.parse.urlparse(url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def hang_up(url: str, query: str, after: float = 0.2) -> None:
    body = urllib.parse.urlencode({"query": query}).encode()
    host, port = urllib.parse.urlparse(url).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        time.sleep(after)


# ----------------------------------------------------------------------------- probes


def _describe(reply: bytes) -> str:
    if not reply:
        return "empty reply"
    line = reply.split(b"\r\n", 1)[0].decode("latin-1")
    body = reply.split(b"\r\n\r\n", 1)[-1][:70].decode("utf-8", "replace").replace("\n", " ")
    return f"{line.removeprefix('HTTP/1.0 ')}: {body}"


def _post_probe(query: str, timeout: float = 20):
    def probe(url):
        try:
            status, body = post(url, query, timeout)
            return f"{status}: {body[:70].decode('utf-8', 'replace')}"
        except (OSError, urllib.error.URLError) as exc:
            return f"no answer ({type(exc).__name__})"
    return probe


def _raw_probe(request: bytes, timeout: float = 20):
    def probe(url):
        try:
            return _describe(raw(url, request, timeout))
        except (OSError, urllib.error.URLError) as exc:
            return f"no answer ({type(exc).__name__})"
    return probe


def _abandoned(url):
    for _ in range(3):
        hang_up(url, ENDLESS)
    started = time.monotonic()
    status, _ = post(url, UNIONS, 60)
    return f"{status} for the next client after {time.monotonic() - started:.2f} s"


PROBES = [
    ("2,500 nested { } (10 KB)", _post_probe(NESTED)),
    ("cartesian SELECT * of 3 patterns", _post_probe(CARTESIAN, 10)),
    ("COUNT over a 4-pattern cartesian product", _post_probe(ENDLESS, 10)),
    ("ORDER BY over a cartesian product (memory)", _post_probe(CARTESIAN + " ORDER BY ?a ?i ?c", 10)),
    ("SERVICE <http://127.0.0.1:9/sparql>", _post_probe(SERVICE)),
    ("SERVICE ?unbound", _post_probe(SERVICE_VAR)),
    ("3 clients hang up mid-query, then one asks", _abandoned),
    ("Content-Length: lots", _raw_probe(b"POST /sparql HTTP/1.1\r\nContent-Length: lots\r\n\r\nquery=x")),
    ("non-UTF-8 body", _raw_probe(b"POST /sparql HTTP/1.1\r\nContent-Type: application/sparql-query\r\n"
                                  b"Content-Length: 4\r\n\r\n\xff\xfe\xfd\xfc")),
    ("announces 1 GB, sends 6 bytes", _raw_probe(b"POST /sparql HTTP/1.1\r\nContent-Length: 1000000000\r\n\r\nquery=", 15)),
    ("announces 50 KB, sends 6 bytes", _raw_probe(b"POST /sparql HTTP/1.1\r\nContent-Length: 50000\r\n\r\nquery=", 15)),
    ("POST /update DROP ALL", _raw_probe(b"POST /update HTTP/1.1\r\nContent-Type: application/sparql-update\r\n"
                                         b"Content-Length: 8\r\n\r\nDROP ALL")),
    ("PUT /sparql", _raw_probe(b"PUT /sparql HTTP/1.1\r\nContent-Length: 0\r\n\r\n")),
    ("GET /../../etc/passwd", _raw_probe(b"GET /../../etc/passwd HTTP/1.1\r\n\r\n")),
]


def run_probes(spec: str, flags: list[str], checkout: str | None) -> list[tuple[str, str, float]]:
    rows = []
    proc, url = start_server(spec, flags, checkout)
    for name, probe in PROBES:
        sampler = RssSampler(proc.pid)
        sampler.start()
        outcome = probe(url)
        sampler.running = False
        sampler.join()
        if proc.poll() is not None:
            outcome += f"; the server died (exit {proc.returncode})"
            proc, url = start_server(spec, flags, checkout)
        elif post(url, UNIONS, 30)[0] != 200:
            outcome += "; the server stopped answering"
        rows.append((name, outcome, sampler.peak))
        if sampler.peak > 4000:  # the old server can grow without bound: do not take the machine down
            proc.kill()
            proc, url = start_server(spec, flags, checkout)
    proc.kill()
    proc.wait()
    return rows


# ----------------------------------------------------------------------------- load


def _hostile_kind(i: int) -> str:
    """Which request of the mix the i-th is: hostile ones every so often, ordinary otherwise."""
    if i % 25 == 0:
        return "nested"
    if i % 25 == 1:
        return "cartesian"
    if i % 50 == 2:
        return "endless"
    if i % 50 == 3:
        return "hang-up"
    return "ordinary"


def _one(url: str, i: int, hostile: bool = True):
    started = time.monotonic()
    kind = _hostile_kind(i) if hostile else "ordinary"
    if kind == "hang-up":
        hang_up(url, ENDLESS)
        return kind, 0, time.monotonic() - started
    if kind != "ordinary":
        status, _ = post(url, {"nested": NESTED, "cartesian": CARTESIAN, "endless": ENDLESS}[kind])
        return kind, status, time.monotonic() - started
    status, body = post(url, UNIONS)
    names = {b["n"]["value"] for b in json.loads(body)["results"]["bindings"]} if status == 200 else set()
    return kind, status if names else -status, time.monotonic() - started


def run_load(spec: str, flags: list[str], checkout: str | None, requests: int, concurrency: int,
             hostile: bool = True) -> dict:
    proc, url = start_server(spec, flags, checkout)
    sampler = RssSampler(proc.pid)
    sampler.start()
    errors = []

    def one(i):
        try:
            return _one(url, i, hostile)
        except Exception as exc:  # noqa: BLE001 - a probe reports every failure
            errors.append(f"{type(exc).__name__}: {exc}")
            return "error", -1, 0.0

    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(one, range(requests)))
    wall = time.monotonic() - started
    alive = proc.poll() is None
    sampler.running = False
    sampler.join()
    proc.kill()
    proc.wait()
    ordinary = sorted(t for kind, status, t in results if kind == "ordinary" and status == 200)
    by_kind: dict[str, dict[int, int]] = {}
    for kind, status, _ in results:
        by_kind.setdefault(kind, {}).setdefault(status, 0)
        by_kind[kind][status] += 1

    def pct(p):
        return statistics.quantiles(ordinary, n=100)[p - 1] * 1000 if len(ordinary) > 2 else float("nan")

    return {"requests": requests, "concurrency": concurrency, "wall_s": wall, "alive": alive, "errors": errors,
            "by_kind": by_kind, "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "peak_rss_mb": sampler.peak}


# ----------------------------------------------------------------------------- main


def _sample_store() -> str:
    folder = Path(tempfile.mkdtemp(prefix="probe-endpoint-"))
    subprocess.run([sys.executable, "-c", "from kg.cli import app; app()", "demo", "--store", f"oxigraph:{folder / 'store'}",
                    "--out", str(folder / "out")], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return f"oxigraph:{folder / 'store'}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", help="oxigraph:PATH to serve (default: the sample corpus built into a temporary folder)")
    ap.add_argument("--checkout", help="run the server from this checkout (PYTHONPATH), e.g. an older worktree")
    ap.add_argument("--old", action="store_true", help="the server takes no limit flags (before the limits existed)")
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--no-load", action="store_true", help="probes only")
    args = ap.parse_args()
    spec = args.store or _sample_store()
    flags = [] if args.old else LIMIT_FLAGS
    print(f"server: {'checkout ' + args.checkout if args.checkout else 'this checkout'}, store {spec}, flags {' '.join(flags) or '(none)'}")
    print(f"\n| probe | what happens | peak RSS MB |\n|---|---|---|")
    for name, outcome, peak in run_probes(spec, flags, args.checkout):
        print(f"| {name} | {outcome.replace('|', '/')} | {peak:.0f} |")
    if args.no_load:
        return
    calm = run_load(spec, flags, args.checkout, args.requests, args.concurrency, hostile=False)
    print(f"\nbaseline, ordinary queries only: {calm['requests']} at concurrency {calm['concurrency']} in {calm['wall_s']:.1f} s: "
          f"p50 {calm['p50_ms']:.1f} ms, p95 {calm['p95_ms']:.1f} ms, p99 {calm['p99_ms']:.1f} ms, peak RSS {calm['peak_rss_mb']:.0f} MB")
    res = run_load(spec, flags, args.checkout, args.requests, args.concurrency)
    print(f"\nload: {res['requests']} requests at concurrency {res['concurrency']} in {res['wall_s']:.1f} s, "
          f"server alive after: {res['alive']}")
    print("| kind | answers (status: count) |\n|---|---|")
    for kind, statuses in sorted(res["by_kind"].items()):
        print(f"| {kind} | {', '.join(f'{s}: {n}' for s, n in sorted(statuses.items()))} |")
    print(f"\nordinary queries: p50 {res['p50_ms']:.1f} ms, p95 {res['p95_ms']:.1f} ms, p99 {res['p99_ms']:.1f} ms; "
          f"client errors {len(res['errors'])}; peak RSS of the server and its workers {res['peak_rss_mb']:.0f} MB")
    for e in res["errors"][:5]:
        print("  ", e)


if __name__ == "__main__":
    main()
