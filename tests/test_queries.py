"""Named queries answer the researchers' questions on the sample corpus."""

from kg.queries import list_queries, run_named

from conftest import both_stores


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


def test_a_misspelt_or_unknown_parameter_is_an_error_listing_the_known_ones(oxigraph_store):
    import pytest

    from kg.errors import QueryError

    with pytest.raises(QueryError, match=r"pairings: no parameter 'donorname'; its parameters are: donorName"):
        run_named(oxigraph_store, "pairings", {"donorname": "北京市总工会"})
    with pytest.raises(QueryError, match="it takes no parameters"):
        run_named(oxigraph_store, "unions_by_level", {"level": "province"})


def test_a_parameter_name_is_never_pasted_into_the_query(oxigraph_store):
    import pytest

    from kg.errors import QueryError
    from kg.store import with_values

    injected = 'donorName) { ("北京市总工会"@zh) } VALUES (?zz=x'
    with pytest.raises(QueryError, match="no parameter"):
        run_named(oxigraph_store, "pairings", {injected: "x"})
    with pytest.raises(QueryError, match="SPARQL variable name"):
        with_values("SELECT ?s WHERE { ?s ?p ?o }", {injected: "x"})


def test_values_are_bound_as_literals(oxigraph_store):
    every = run_named(oxigraph_store, "pairings").rows
    hostile = run_named(oxigraph_store, "pairings", {"donorName": '北京市总工会"@zh ) } FILTER(true) #'}).rows
    assert every and hostile == []


def test_declared_parameters_come_from_the_help_text():
    from kg.queries import declared_parameters, query_parameters

    text = "# Money given by one body (?giverName), per year.\nSELECT ?year WHERE { ?f ?p ?giverName ; ?q ?year }"
    assert declared_parameters(text) == ["giverName"]
    assert declared_parameters("# No parameters here, though ?ghost is named.\nSELECT ?x WHERE { ?x ?p ?o }") == []
    assert query_parameters("pairings") == ["donorName"] and query_parameters("fact_sources") == ["entityName"]


def test_kg_query_refuses_with_one_line(tmp_path, monkeypatch, oxigraph_store, sample_dataset):
    from typer.testing import CliRunner

    from kg.cli import app
    from kg.store import OxigraphStore

    store = OxigraphStore(tmp_path / "store")
    store.load(sample_dataset)
    store.close()
    spec = f"oxigraph:{tmp_path / 'store'}"
    runner = CliRunner()
    nested = runner.invoke(app, ["query", "SELECT * WHERE " + "{" * 2500 + "}" * 2500, "--store", spec])
    assert nested.exit_code == 1 and "nests brackets 2500 deep" in nested.output
    misspelt = runner.invoke(app, ["query", "pairings", "-p", "donorname=北京市总工会", "--store", spec])
    assert misspelt.exit_code == 1 and "donorName" in misspelt.output
    slow = runner.invoke(app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                               "--store", spec, "--timeout", "1"])
    assert slow.exit_code == 1 and "longer than 1 s" in slow.output
    capped = runner.invoke(app, ["query", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "--store", spec,
                                 "--max-rows", "4", "--format", "csv"])
    assert capped.exit_code == 0 and len(capped.stdout.strip().splitlines()) == 5
    fine = runner.invoke(app, ["query", "pairings", "-p", "donorName=北京市总工会", "--store", spec, "--format", "json"])
    assert fine.exit_code == 0 and "张家口市总工会" in fine.output


def _hand_made_kb():
    """Two invented articles about one invented donor and village: the first tells the pairing
    year by year (its timeline), the second gives another amount; one fact is told by both."""
    from kg.resolve import ArticleMeta, Evidence, KBEntity, KBFact, KnowledgeBase

    kb = KnowledgeBase()
    kb.entities = {"u/donor": KBEntity("u/donor", "Union", "青石县总工会"), "p/village": KBEntity("p/village", "Place", "白杨村", level="village")}
    kb.articles = {a: ArticleMeta(a, f"/tmp/{a}.txt", f"简报{a}", "2021-03-01", []) for a in ("a1", "a2")}

    def fact(key, amount, year, *tellings):
        return KBFact(key, "u/donor", "assists", "p/village", None, amount, False, year, None,
                      [Evidence(a, start, start + 6, "青石县帮扶白杨村") for a, start in tellings])

    kb.facts = [fact("fact/y2020", 50000.0, 2020, ("a1", 0)), fact("fact/y2021", 50000.0, 2021, ("a1", 20)),
                fact("fact/other", 80000.0, 2021, ("a2", 0)), fact("fact/both", None, 2019, ("a1", 40), ("a2", 30))]
    return kb


def test_disagreements_pair_articles_not_one_articles_timeline():
    for store in both_stores(_hand_made_kb()):
        rows = {frozenset([(float(r["amountA"]), r["yearA"], r["articleA"]), (float(r["amountB"]), r["yearB"], r["articleB"])])
                for r in run_named(store, "disagreements").dicts()}
        # y2020/y2021 (one article) are never paired; each is paired with the other article's
        # fact; "both" is told by both articles, so it disagrees with nothing it shares an article with
        assert rows == {frozenset([(50000.0, "2020", "简报a1"), (80000.0, "2021", "简报a2")]),
                        frozenset([(50000.0, "2021", "简报a1"), (80000.0, "2021", "简报a2")])}, rows


def test_repeated_facts_count_tellings_and_articles():
    for store in both_stores(_hand_made_kb()):
        rows = run_named(store, "repeated_facts").dicts()
        assert [(r["fact"].rsplit("/", 1)[1], int(r["tellings"]), int(r["articles"]), r["subject"], r["object"], r["year"]) for r in rows] == \
            [("both", 2, 2, "青石县总工会", "白杨村", "2019")]
