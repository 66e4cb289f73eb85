"""The SPARQL endpoint answers over HTTP and refuses updates by default."""

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.ontology import sparql_prefixes
from kg.serve import serve_in_thread


@pytest.fixture(scope="module")
def endpoint(oxigraph_store):
    server, url = serve_in_thread(oxigraph_store)
    yield url
    server.shutdown()


def _post(url, data, ctype="application/x-www-form-urlencoded", accept="application/sparql-results+json"):
    req = urllib.request.Request(url, data=data, headers={"Content-Type": ctype, "Accept": accept}, method="POST")
    with urllib.request.urlopen(req, timeout=30) as resp:
        return resp.status, resp.read().decode("utf-8")


def test_query_over_http(endpoint):
    q = sparql_prefixes() + 'SELECT ?n WHERE { ?u a ukg:Union ; skos:prefLabel ?n . FILTER(lang(?n) = "zh") }'
    status, body = _post(endpoint + "/sparql", urllib.parse.urlencode({"query": q}).encode())
    names = {b["n"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert status == 200 and "西城区总工会" in names
    status, csv_body = _post(endpoint + "/sparql", urllib.parse.urlencode({"query": q}).encode(), accept="text/csv")
    assert csv_body.splitlines()[0] == "n"


def test_updates_are_refused(endpoint):
    with pytest.raises(urllib.error.HTTPError) as exc:
        _post(endpoint + "/update", b"DROP ALL", ctype="application/sparql-update")
    assert exc.value.code == 403


def test_query_page(endpoint):
    with urllib.request.urlopen(endpoint + "/", timeout=30) as resp:
        page = resp.read().decode("utf-8")
    assert "<textarea" in page and "unionkg" in page
