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


def test_store_specific_versions_have_a_portable_twin():
    from importlib import resources

    from kg.queries import load_query

    special = [p.name for p in resources.files("kg.queries").iterdir() if p.name.endswith(".oxigraph.rq")]
    assert special, "trace has an Oxigraph version"
    for name in special:
        base = name.split(".")[0]
        assert base in list_queries()
        assert load_query(base, "oxigraph") != load_query(base)
    assert "LATERAL" in load_query("trace", "oxigraph") and "LATERAL" not in load_query("trace")


def test_trace_by_alias_finds_the_same_donor(oxigraph_store, sample_kb):
    union = next(e for e in sample_kb.entities.values() if e.type == "Union" and e.aliases
                 and run_named(oxigraph_store, "trace", {"donorName": e.name}).rows)
    alias = sorted(union.aliases)[0]
    by_alias = {r[0] for r in run_named(oxigraph_store, "trace", {"donorName": alias}).rows}
    assert union.name in by_alias
