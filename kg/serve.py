"""A read-only SPARQL 1.1 Protocol endpoint over any store, with a query page.

GET or POST /sparql (query=…, or a body of application/sparql-query)
answers in the format the Accept header asks for (SPARQL results as JSON,
XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples, RDF/XML or
JSON-LD), serialised by the store itself so language tags and datatypes
survive; POST /update (SPARQL Update) is refused with 403 unless
the server was started with `allow_update=True`.  Listens on 127.0.0.1 by
default.  Standard library only: this is a convenience for notebooks and
other tools; a graph that outgrows one machine goes to a real server.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .errors import KGError
from .ontology import sparql_prefixes

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
};
</script></body></html>"""


def make_server(store, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet by default
            pass

        def _send(self, code: int, body: bytes, ctype: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _params(self) -> dict[str, str]:
            parsed = urllib.parse.urlparse(self.path)
            params = dict(urllib.parse.parse_qsl(parsed.query))
            if self.command == "POST":
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                ctype = self.headers.get("Content-Type", "")
                if ctype.startswith("application/sparql-query"):
                    params["query"] = raw
                elif ctype.startswith("application/sparql-update"):
                    params["update"] = raw
                else:
                    params.update(dict(urllib.parse.parse_qsl(raw)))
            return params

        def _handle(self) -> None:
            path = urllib.parse.urlparse(self.path).path
            if path in ("/", "/index.html") and self.command == "GET":
                page = _PAGE.replace("%PREFIXES%", json.dumps(sparql_prefixes()).replace("<", "\\u003c"))
                return self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")
            params = self._params()
            if path == "/update" or "update" in params:
                if not allow_update:
                    return self._send(403, b"updates are disabled on this endpoint (start it with --allow-update)", "text/plain")
                try:
                    store.update(params.get("update", ""))
                except KGError as exc:
                    return self._send(400, str(exc).encode("utf-8"), "text/plain; charset=utf-8")
                return self._send(204, b"", "text/plain")
            if path != "/sparql":
                return self._send(404, b"not found: use /sparql or /", "text/plain")
            query = params.get("query")
            if not query:
                return self._send(400, b"missing query parameter", "text/plain")
            try:
                body, media = store.answer(query, self.headers.get("Accept", ""))
            except KGError as exc:
                return self._send(400, str(exc).encode("utf-8"), "text/plain; charset=utf-8")
            return self._send(200, body, f"{media}; charset=utf-8")

        do_GET = _handle
        do_POST = _handle

    return ThreadingHTTPServer((host, port), Handler)


def serve(store, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False) -> None:
    server = make_server(store, host, port, allow_update)
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # pragma: no cover
        pass
    finally:
        server.server_close()


def serve_in_thread(store, host: str = "127.0.0.1", port: int = 0, allow_update: bool = False):
    """Start on a free port in a daemon thread; returns (server, base_url)."""
    server = make_server(store, host, port, allow_update)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"
