"""Stores behind one interface: rdflib in memory, Oxigraph on disk, any SPARQL
1.1 server over HTTP.

`load(dataset)` replaces each article's named graph and merges the shared
entity graph, so loading the same articles twice changes nothing and loading
new articles adds to the graph without a rebuild.  Query parameters are bound
as RDF terms (rdflib `initBindings`; a `VALUES` block of escaped terms for
Oxigraph and remote servers), never pasted from user text.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from .errors import QueryError, StoreError
from .ontology import PREFIXES
from .rdf import ENTITY_GRAPH, ONTOLOGY_GRAPH

EXPORT_FORMATS = {"turtle": "turtle", "nt": "nt", "trig": "trig", "nquads": "nquads", "json-ld": "json-ld"}


@dataclass
class QueryResult:
    vars: list[str]
    rows: list[tuple]  # python values: str, int, float, bool, Decimal or None

    def dicts(self) -> list[dict]:
        return [dict(zip(self.vars, r)) for r in self.rows]


class StoreLocked(StoreError):
    """Another process (usually another build) holds the store's lock."""


class Store(Protocol):
    def load(self, dataset: Dataset) -> None: ...
    def load_nquads_file(self, path: str | Path) -> None: ...
    def load_nquads(self, nquads: str) -> None: ...
    def replace_graph(self, graph_iri: str, nquads: str) -> None: ...
    def query(self, sparql: str, bindings: dict | None = None) -> QueryResult: ...
    def answer(self, sparql: str, accept: str) -> tuple[bytes, str]: ...
    def update(self, sparql: str) -> None: ...
    def export(self, path: str | Path, fmt: str) -> Path: ...
    def triple_count(self) -> int: ...
    def dataset(self) -> Dataset: ...
    def close(self) -> None: ...


def _graphs(dataset: Dataset):
    for g in dataset.graphs():
        if len(g) and isinstance(g.identifier, URIRef) and not str(g.identifier).startswith("urn:x-rdflib:"):
            yield g


def _term_value(term) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython() if term.datatype else str(term)
        return str(value) if isinstance(value, Literal) else value  # gYear and other unmapped types
    return str(term)


def term_sparql(value) -> str:
    """A Python value or rdflib term as a SPARQL term, safely escaped."""
    if isinstance(value, (URIRef, Literal)):
        return value.n3()
    if isinstance(value, bool):
        return Literal(value).n3()
    if isinstance(value, (int, float)):
        return Literal(value).n3()
    return Literal(str(value)).n3()


_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def with_values(sparql: str, bindings: dict | None) -> str:
    """Bind ?name variables with a VALUES block inserted in the outermost WHERE."""
    if not bindings:
        return sparql
    for name in bindings:
        if not _VARNAME.fullmatch(str(name)):
            raise QueryError(f"cannot bind parameter {str(name)[:60]!r}: a parameter is a SPARQL variable name (letters, digits, _)")
    names = " ".join(f"?{k}" for k in bindings)
    values = " ".join(term_sparql(v) for v in bindings.values())
    block = f"VALUES ({names}) {{ ({values}) }}"
    m = re.search(r"\bWHERE\s*\{", sparql, re.IGNORECASE)
    if not m:
        raise QueryError("cannot bind parameters: the query has no WHERE { … } clause")
    return sparql[: m.end()] + " " + block + " " + sparql[m.end() :]


# SPARQL 1.1 Protocol content negotiation: results formats, then RDF formats
RESULT_TYPES = {"application/sparql-results+json": "json", "application/json": "json", "text/csv": "csv",
                "text/tab-separated-values": "tsv", "application/sparql-results+xml": "xml"}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
               "application/ld+json": "json-ld"}


def negotiate(accept: str, table: dict[str, str], default: str) -> tuple[str, str]:
    """(format, media type) for an Accept header: the first listed type we can write."""
    for part in (accept or "").split(","):
        media = part.split(";")[0].strip().lower()
        if media in table:
            return table[media], media
    return table[default], default


def _rdflib_binding(value):
    if isinstance(value, (URIRef, Literal, BNode)):
        return value
    return Literal(value)


# ----------------------------------------------------------------------------- rdflib


class MemoryStore:
    """rdflib Dataset in memory: tests and small corpora."""

    def __init__(self, ds: Dataset | None = None):
        self.ds = ds if ds is not None else Dataset(default_union=True)
        self.ds.default_union = True  # patterns outside GRAPH see every graph, as in Oxigraph
        for p, ns in PREFIXES.items():
            self.ds.bind(p, ns)

    def replace_graph(self, graph_iri: str, nquads: str) -> None:
        self.ds.remove_graph(self.ds.graph(URIRef(graph_iri)))
        g = self.ds.graph(URIRef(graph_iri))
        from rdflib import Dataset as _D

        tmp = _D()
        tmp.parse(data=nquads, format="nquads")
        for s, p, o, _ in tmp.quads((None, None, None, None)):
            g.add((s, p, o))

    def load_nquads_file(self, path: str | Path) -> None:
        """Add the quads of an N-Quads file (each to its named graph)."""
        self.ds.parse(str(path), format="nquads")

    def load_nquads(self, nquads: str) -> None:
        self.ds.parse(data=nquads, format="nquads")

    def load(self, dataset: Dataset) -> None:
        for g in _graphs(dataset):
            target = self.ds.graph(g.identifier)
            if g.identifier != ENTITY_GRAPH:
                self.ds.remove_graph(target)
                target = self.ds.graph(g.identifier)
            for t in g:
                target.add(t)

    def _run(self, sparql: str, bindings: dict | None = None):
        try:
            return self.ds.query(sparql, initBindings={k: _rdflib_binding(v) for k, v in (bindings or {}).items()})
        except Exception as exc:  # rdflib raises parser errors of several kinds
            raise QueryError(f"SPARQL query failed: {exc}") from exc

    def query(self, sparql: str, bindings: dict | None = None) -> QueryResult:
        res = self._run(sparql, bindings)
        if res.type == "ASK":
            return QueryResult(["ask"], [(bool(res.askAnswer),)])
        if res.type == "CONSTRUCT" or res.type == "DESCRIBE":
            return QueryResult(["s", "p", "o"], [tuple(str(x) for x in t) for t in res])
        vars_ = [str(v) for v in res.vars]
        return QueryResult(vars_, [tuple(_term_value(row[v]) for v in vars_) for row in res])

    def answer(self, sparql: str, accept: str) -> tuple[bytes, str]:
        """The query's results serialised as the SPARQL 1.1 Protocol asks."""
        res = self._run(sparql)
        if res.type in ("CONSTRUCT", "DESCRIBE"):
            fmt, media = negotiate(accept, GRAPH_TYPES, "text/turtle")
            return res.graph.serialize(format=fmt, encoding="utf-8"), media
        fmt, media = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
        if fmt == "tsv":
            fmt, media = "csv", "text/csv"  # rdflib writes no TSV results
        return res.serialize(format=fmt, encoding="utf-8"), media

    def update(self, sparql: str) -> None:
        try:
            self.ds.update(sparql)
        except Exception as exc:
            raise QueryError(f"SPARQL update failed: {exc}") from exc

    def dataset(self) -> Dataset:
        return self.ds

    def export(self, path: str | Path, fmt: str) -> Path:
        return _export(self.dataset(), path, fmt)

    def triple_count(self) -> int:
        return sum(1 for _ in self.ds.quads((None, None, None, None)))

    def close(self) -> None:
        pass


def _export_path(path: str | Path, fmt: str) -> Path:
    """The file to export to, its folder made; an unknown format is an error naming the file."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"{path}: unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _alive(pid: str) -> bool:
    import os

    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


class _replaced_atomically:
    r"""Write to a temporary file beside `path` and rename it over `path` when done:
    an export that is interrupted leaves the previous file whole, never half a file.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "g.nq"
    >>> with _replaced_atomically(target) as tmp:
    ...     _ = tmp.write_text("<a> <b> <c> .\n")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('<a> <b> <c> .\n', ['g.nq'])
    """

    def __init__(self, path: Path):
        import os

        self.path = path
        self.tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")

    def __enter__(self) -> Path:
        for orphan in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            if not _alive(orphan.name.rsplit(".", 2)[-2]):
                orphan.unlink(missing_ok=True)  # left by an export that was killed
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        import os

        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def _export(ds: Dataset, path: str | Path, fmt: str) -> Path:
    path = _export_path(path, fmt)
    if fmt in ("turtle", "nt"):
        # triples only: the union of all named graphs
        from rdflib import Graph

        g = Graph()
        for p, ns in PREFIXES.items():
            g.bind(p, ns)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        with _replaced_atomically(path) as tmp:
            g.serialize(destination=str(tmp), format=EXPORT_FORMATS[fmt])
    else:
        with _replaced_atomically(path) as tmp:
            ds.serialize(destination=str(tmp), format=EXPORT_FORMATS[fmt])
    return path


# ----------------------------------------------------------------------------- Oxigraph


_OXIGRAPH_QUERY_ERRORS = (SyntaxError, OSError, ValueError)  # what pyoxigraph raises for a bad query


def _parsable(sparql: str) -> str:
    """The text, once it is known not to overflow pyoxigraph's parser (it segfaults
    on a few thousand nested brackets); callers apply their own, stricter limits."""
    from .sparql_guard import QueryLimits, check_query

    check_query(sparql, QueryLimits(max_chars=10**9, max_depth=256, allow_service=True))
    return sparql


class OxigraphStore:
    """Oxigraph (pyoxigraph): persistent on disk, fast queries; `path=None` is in memory."""

    sparql_dialect = "oxigraph"  # named queries may have a NAME.oxigraph.rq version

    def __init__(self, path: str | Path | None = None):
        import pyoxigraph as ox

        self.ox = ox
        self.path = Path(path) if path else None
        try:
            if self.path is not None:
                self.path.mkdir(parents=True, exist_ok=True)
                self.store = ox.Store(str(self.path))
            else:
                self.store = ox.Store()
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreLocked(f"{path}: the Oxigraph store is in use by another process (a build or `kg serve`)") from exc
            raise StoreError(f"{path}: cannot open the Oxigraph store ({exc}); is another process using it?") from exc
        except RuntimeError as exc:  # RocksDB reports damaged files this way
            raise StoreError(f"{path}: the Oxigraph store is damaged ({exc}); delete the folder and build again") from exc
        if self.path is not None:
            self._remove_orphans()

    def _remove_orphans(self) -> None:
        """Files a bulk load killed midway left behind; we hold the lock, so no load of ours is running."""
        for orphan in self.path.glob("bulk-*.sst"):
            orphan.unlink(missing_ok=True)

    def load_nquads_file(self, path: str | Path) -> None:
        """Bulk-load an N-Quads file (not atomic: the build's journal makes it so)."""
        # lenient: the build's own shards, written by kg.rdf (its IRIs are not validated again)
        self.store.bulk_load(path=str(path), format=self.ox.RdfFormat.N_QUADS, lenient=True)
        self.store.flush()

    def load_nquads(self, nquads: str) -> None:
        """Add N-Quads text in one transaction (all of it or none)."""
        self.store.load(nquads.encode("utf-8"), format=self.ox.RdfFormat.N_QUADS)

    def replace_graph(self, graph_iri: str, nquads: str) -> None:
        g = self.ox.NamedNode(graph_iri)
        self.store.remove_graph(g)
        self.store.load(nquads.encode("utf-8"), format=self.ox.RdfFormat.N_QUADS)

    def load(self, dataset: Dataset) -> None:
        for g in _graphs(dataset):
            # the ontology is never removed first: a load killed midway must not leave a store without it
            if g.identifier not in (ENTITY_GRAPH, ONTOLOGY_GRAPH):
                self.store.remove_graph(self.ox.NamedNode(str(g.identifier)))
        data = dataset.serialize(format="nquads")
        self.store.bulk_load(data.encode("utf-8") if isinstance(data, str) else data, format=self.ox.RdfFormat.N_QUADS)
        self.store.flush()

    def _value(self, term):
        if term is None:
            return None
        if isinstance(term, self.ox.Literal):
            if term.language is not None or term.datatype.value.endswith("#string"):
                return term.value
            return _term_value(Literal(term.value, datatype=URIRef(term.datatype.value)))
        return term.value

    def query(self, sparql: str, bindings: dict | None = None) -> QueryResult:
        res = self._run(with_values(sparql, bindings))
        if isinstance(res, self.ox.QueryBoolean):
            return QueryResult(["ask"], [(bool(res),)])
        if isinstance(res, self.ox.QuerySolutions):
            vars_ = [v.value for v in res.variables]
            return QueryResult(vars_, [tuple(self._value(sol[v]) for v in vars_) for sol in res])
        return QueryResult(["s", "p", "o"], [(t.subject.value, t.predicate.value, getattr(t.object, "value", str(t.object))) for t in res])

    def _rdf_format(self, fmt: str):
        """Oxigraph's RdfFormat for one of our format names (EXPORT_FORMATS, GRAPH_TYPES)."""
        rdf = self.ox.RdfFormat
        return {"turtle": rdf.TURTLE, "nt": rdf.N_TRIPLES, "trig": rdf.TRIG, "nquads": rdf.N_QUADS,
                "json-ld": rdf.JSON_LD, "xml": rdf.RDF_XML}[fmt]

    def answer(self, sparql: str, accept: str) -> tuple[bytes, str]:
        """The query's results serialised by Oxigraph itself, as the SPARQL 1.1 Protocol asks."""
        ox = self.ox
        res = self._run(sparql)
        try:  # solutions are computed lazily: evaluation errors surface while serialising
            if isinstance(res, ox.QueryTriples):
                fmt, media = negotiate(accept, GRAPH_TYPES, "text/turtle")
                return ox.serialize(res, format=self._rdf_format(fmt)), media
            fmt, media = negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
            formats = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV,
                       "tsv": ox.QueryResultsFormat.TSV, "xml": ox.QueryResultsFormat.XML}
            return res.serialize(format=formats[fmt]), media
        except _OXIGRAPH_QUERY_ERRORS as exc:
            raise QueryError(f"SPARQL query failed: {exc}") from exc

    def _run(self, sparql: str):
        try:
            return self.store.query(_parsable(sparql), use_default_graph_as_union=True)
        except _OXIGRAPH_QUERY_ERRORS as exc:
            raise QueryError(f"SPARQL query failed: {exc}") from exc

    def update(self, sparql: str) -> None:
        try:
            self.store.update(_parsable(sparql))
        except _OXIGRAPH_QUERY_ERRORS as exc:
            raise QueryError(f"SPARQL update failed: {exc}") from exc

    def dataset(self) -> Dataset:
        ds = Dataset()
        data = self.store.dump(format=self.ox.RdfFormat.N_QUADS)
        ds.parse(data=data.decode("utf-8"), format="nquads")
        for p, ns in PREFIXES.items():
            ds.bind(p, ns)
        return ds

    def export(self, path: str | Path, fmt: str) -> Path:
        """Oxigraph writes the files itself: no detour through an rdflib Dataset."""
        ox = self.ox
        path = _export_path(path, fmt)
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
        if fmt in ("turtle", "nt"):
            # triples only: the union of all named graphs, each triple once
            triples = self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
            with _replaced_atomically(path) as tmp:
                ox.serialize(triples, str(tmp), self._rdf_format(fmt), prefixes=prefixes if fmt == "turtle" else None)
        else:
            with _replaced_atomically(path) as tmp:
                self.store.dump(str(tmp), self._rdf_format(fmt), prefixes=prefixes if fmt == "trig" else None)
        return path

    def export_nquads_with(self, path: str | Path, articles: Path, article_quads: int, is_article,
                           total: int | None = None) -> Path | None:
        """The N-Quads export when the graphs whose name `is_article` holds are, quad for
        quad, the `article_quads` lines of the file `articles` (what was loaded into them):
        the other graphs are appended to that file from the store, and the file becomes
        `path` (moved, not copied, on the same file system).  Far cheaper than `export`,
        which reads every quad back out of the store.  None, and nothing written, when
        the store's counts say the file is not exactly those graphs (`total`: the store's
        quads, when the caller has just counted them: a count reads every quad).
        """
        import os
        import shutil

        ox = self.ox
        others = [g for g in self.store.named_graphs() if not is_article(g.value)] + [ox.DefaultGraph()]
        counts = [self._graph_size(g) for g in others]
        if sum(counts) + article_quads != (len(self.store) if total is None else total):
            return None
        path = _export_path(path, "nquads")
        with open(articles, "ab") as handle:
            for g, n in zip(others, counts):
                if n:
                    ox.serialize(self.store.quads_for_pattern(None, None, None, g), handle, ox.RdfFormat.N_QUADS)
        with _replaced_atomically(path) as tmp:
            try:
                os.replace(articles, tmp)
            except OSError:  # another file system
                shutil.copyfile(articles, tmp)
                Path(articles).unlink(missing_ok=True)
        return path

    def graph_size(self, graph_iri: str) -> int:
        """The quads of one named graph (counted in the store: every quad of it read)."""
        return self._graph_size(self.ox.NamedNode(graph_iri))

    def _graph_size(self, graph) -> int:
        term = "?g" if isinstance(graph, self.ox.DefaultGraph) else f"<{graph.value}>"
        query = (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {term} {{ ?s ?p ?o }} }}" if term != "?g"
                 else "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(self.store.query(query)))[0].value)

    def triple_count(self) -> int:
        return len(self.store)

    def close(self) -> None:
        """Release the on-disk store's lock now, not whenever the garbage
        collector gets to it (rdflib's query machinery can leave frames that
        hold a store in a reference cycle), so the same process can open it again."""
        self.store = None


# ----------------------------------------------------------------------------- remote


class RemoteStore:
    """Any SPARQL 1.1 server: Query and Update protocols, Graph Store Protocol for loads.

    The named queries read labels outside `GRAPH`, so the server must treat
    its default graph as the union of the named graphs (Oxigraph:
    `oxigraph serve --union-default-graph`; Fuseki: `tdb2:unionDefaultGraph`;
    Virtuoso does so by default).
    """

    def close(self) -> None:
        pass  # one HTTP request per call: nothing held open

    def __init__(self, query_url: str, update_url: str | None = None, gsp_url: str | None = None, timeout: float = 60):
        self.query_url = query_url
        base = query_url.rsplit("/", 1)[0]
        self.update_url = update_url or f"{base}/update"
        self.gsp_url = gsp_url or f"{base}/store"
        self.timeout = timeout

    def _request(self, url: str, data: bytes | None, headers: dict, method: str = "POST") -> bytes:
        req = urllib.request.Request(url, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")[:300]
            raise QueryError(f"{url}: the server answered {exc.code}: {body}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"{url}: cannot reach the SPARQL server ({exc}); is it running?") from exc

    def replace_graph(self, graph_iri: str, nquads: str) -> None:
        # Graph Store Protocol PUT replaces the graph with the triples sent
        triples = "\n".join(line.rsplit(" ", 2)[0] + " ." for line in nquads.splitlines() if line.strip())
        url = f"{self.gsp_url}?graph={urllib.parse.quote(graph_iri, safe='')}"
        self._request(url, triples.encode("utf-8"), {"Content-Type": "application/n-triples"}, method="PUT")

    def load_nquads_file(self, path: str | Path) -> None:
        """POST the quads to the Graph Store Protocol endpoint (a dataset: each quad to its graph)."""
        self.load_nquads(Path(path).read_text(encoding="utf-8"))

    def load_nquads(self, nquads: str) -> None:
        self._request(self.gsp_url, nquads.encode("utf-8"), {"Content-Type": "application/n-quads"}, method="POST")

    def load(self, dataset: Dataset) -> None:
        for g in _graphs(dataset):
            data = g.serialize(format="nt").encode("utf-8")
            url = f"{self.gsp_url}?graph={urllib.parse.quote(str(g.identifier), safe='')}"
            method = "POST" if g.identifier == ENTITY_GRAPH else "PUT"
            self._request(url, data, {"Content-Type": "application/n-triples"}, method=method)

    def query(self, sparql: str, bindings: dict | None = None) -> QueryResult:
        q = with_values(sparql, bindings)
        raw = self._request(self.query_url, urllib.parse.urlencode({"query": q}).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
        try:
            doc = json.loads(raw)
        except ValueError as exc:
            raise QueryError(f"{self.query_url}: the answer is not SPARQL JSON results") from exc
        if "boolean" in doc:
            return QueryResult(["ask"], [(doc["boolean"],)])
        vars_ = doc["head"]["vars"]
        rows = []
        for b in doc["results"]["bindings"]:
            rows.append(tuple(_json_value(b.get(v)) for v in vars_))
        return QueryResult(vars_, rows)

    def answer(self, sparql: str, accept: str) -> tuple[bytes, str]:
        """The server's own answer, passed through."""
        fmt, media = negotiate(accept, {**RESULT_TYPES, **GRAPH_TYPES}, "application/sparql-results+json")
        body = self._request(self.query_url, urllib.parse.urlencode({"query": sparql}).encode(),
                             {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept or media})
        return body, media

    def update(self, sparql: str) -> None:
        self._request(self.update_url, sparql.encode("utf-8"), {"Content-Type": "application/sparql-update"})

    def dataset(self) -> Dataset:
        ds = Dataset()
        for (graph,) in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows:
            url = f"{self.gsp_url}?graph={urllib.parse.quote(graph, safe='')}"
            raw = self._request(url, None, {"Accept": "application/n-triples"}, method="GET")
            ds.graph(URIRef(graph)).parse(data=raw.decode("utf-8"), format="nt")
        for p, ns in PREFIXES.items():
            ds.bind(p, ns)
        return ds

    def export(self, path: str | Path, fmt: str) -> Path:
        return _export(self.dataset(), path, fmt)

    def triple_count(self) -> int:
        res = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(res.rows[0][0])


def _json_value(b: dict | None):
    if b is None:
        return None
    if b["type"] in ("literal", "typed-literal") and "datatype" in b:
        return _term_value(Literal(b["value"], datatype=URIRef(b["datatype"])))
    return b["value"]


def open_store(spec: str, must_exist: bool = False) -> Store:
    """`memory`, `oxigraph` (in memory), `oxigraph:PATH`, or an http(s) SPARQL query URL.

    With `must_exist` (commands that read a built graph) an in-memory store or
    an Oxigraph folder that no build has written is an error rather than an
    empty graph that silently answers nothing.
    """
    built_hint = "run `kg build DIR` (or `kg demo`) first, or pass --store"
    if spec in ("memory", "oxigraph"):
        if must_exist:
            raise StoreError(f"{spec}: an in-memory store holds nothing between commands; {built_hint} oxigraph:PATH")
        return MemoryStore() if spec == "memory" else OxigraphStore(None)
    if spec.startswith("oxigraph:"):
        path = Path(spec.split(":", 1)[1])
        if must_exist and not (path.is_dir() and any(path.iterdir())):
            raise StoreError(f"{path}: no graph has been built here; {built_hint}")
        return OxigraphStore(path)
    if spec.startswith(("http://", "https://")):
        return RemoteStore(spec)
    raise StoreError(f"{spec}: unknown store; use memory, oxigraph:PATH or an http(s) SPARQL endpoint URL")
