"""The SPARQL endpoint answers over HTTP and refuses updates by default."""

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.ontology import sparql_prefixes
from kg.serve import serve_in_thread


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def endpoint(request, oxigraph_store, sample_dataset):
    from kg.store import MemoryStore

    store = oxigraph_store if request.param == "oxigraph" else MemoryStore(sample_dataset)
    server, url = serve_in_thread(store)
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


def test_results_keep_language_tags_and_datatypes(endpoint):
    q = sparql_prefixes() + """SELECT ?n ?amount WHERE { GRAPH ?g { ?f a ukg:Assistance ; ukg:subject ?u ; ukg:amountYuan ?amount }
        ?u skos:prefLabel ?n . FILTER(lang(?n) = "zh") } LIMIT 5"""
    _, body = _post(endpoint + "/sparql", urllib.parse.urlencode({"query": q}).encode())
    rows = json.loads(body)["results"]["bindings"]
    assert rows and all(r["n"]["xml:lang"] == "zh" for r in rows)
    assert all(r["amount"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal" for r in rows)


def test_construct_answers_rdf_and_sparql_query_bodies_work(endpoint):
    q = sparql_prefixes() + "CONSTRUCT { ?u a ukg:Union } WHERE { ?u a ukg:Union }"
    status, body = _post(endpoint + "/sparql", q.encode("utf-8"), ctype="application/sparql-query", accept="application/n-triples")
    lines = [l for l in body.splitlines() if l.strip()]
    assert status == 200 and lines and all(l.endswith("<https://w3id.org/unionkg/ontology#Union> .") for l in lines)


def test_a_bad_query_is_a_400_naming_the_problem(endpoint):
    with pytest.raises(urllib.error.HTTPError) as exc:
        _post(endpoint + "/sparql", urllib.parse.urlencode({"query": "SELEC ?x"}).encode())
    assert exc.value.code == 400 and "SPARQL query failed" in exc.value.read().decode("utf-8")
