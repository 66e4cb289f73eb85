"""Named queries answer the researchers' questions on the sample corpus."""

from kg.queries import list_queries, run_named


def test_every_query_has_help_text():
    queries = list_queries()
    assert {"pairings", "funding_by_province", "first_secretaries", "model_workers", "unions_by_level", "fact_sources", "trace"} <= set(queries)
    assert all(len(h) > 20 for h in queries.values())


def test_pairings_with_amounts_and_years(oxigraph_store):
    rows = run_named(oxigraph_store, "pairings", {"donorName": "北京市总工会"}).dicts()
    pair = [r for r in rows if r["recipient"] == "张家口市总工会"]
    assert pair and float(pair[0]["amountYuan"]) == 1_000_000 and pair[0]["year"] == "2019"


def test_first_secretaries(oxigraph_store):
    rows = {(r["person"], r["village"]) for r in run_named(oxigraph_store, "first_secretaries").dicts()}
    assert ("简海俊", "双元村") in rows


def test_fact_sources_give_article_span_and_text(oxigraph_store):
    rows = run_named(oxigraph_store, "fact_sources", {"entityName": "汉中市总工会"}).dicts()
    assert rows
    for r in rows:
        assert r["start"] < r["end"] and r["exact"] and r["file"].endswith(".txt")


def test_funding_by_province(oxigraph_store):
    rows = {r["province"]: float(r["totalYuan"]) for r in run_named(oxigraph_store, "funding_by_province").dicts()}
    assert rows.get("河北省") == 1_000_000
