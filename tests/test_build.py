"""`kg build` and the command line end to end: bad files, rebuilds, edits, incremental builds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build import build_graph
from kg.cli import app
from kg.store import OxigraphStore

ARTICLE_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { ?g a <https://schema.org/NewsArticle> } }"


@pytest.fixture()
def corpus(tmp_path, sample_dir) -> Path:
    """The sample corpus plus the three kinds of bad file a scraper leaves behind."""
    folder = tmp_path / "corpus"
    shutil.copytree(sample_dir, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me, na\xefve r\xe9sum\xe9 \xe0 la fran\xe7aise. ".encode("latin-1") * 5)
    return folder


def test_bad_files_are_named_and_the_rest_is_built(corpus, tmp_path, sample_dir):
    result = build_graph(corpus, store_spec=f"oxigraph:{tmp_path / 'store'}", out_dir=tmp_path / "out", write_html=True)
    skipped = {Path(e.path).name for e in result.errors}
    assert skipped == {"empty.txt", "binary.txt", "latin1.txt"}
    assert all(e.problem for e in result.errors)
    assert result.summary["articles"] == len(list(sample_dir.glob("*.txt")))
    for label in ("N-Quads", "TriG", "Turtle", "HTML graph"):
        assert result.outputs[label].stat().st_size > 1000, label


def test_rebuild_is_idempotent_and_new_articles_add(sample_dir, tmp_path):
    files = sorted(sample_dir.glob("*.txt"))
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    for f in files[:2]:
        shutil.copy(f, first)
    for f in files[2:]:
        shutil.copy(f, second)
    spec = f"oxigraph:{tmp_path / 'store'}"
    n_first = build_graph(first, store_spec=spec, out_dir=None).summary["triples"]
    assert build_graph(first, store_spec=spec, out_dir=None).summary["triples"] == n_first
    both = build_graph(second, store_spec=spec, out_dir=None).summary["triples"]
    assert both > n_first
    assert build_graph(first, store_spec=spec, out_dir=None).summary["triples"] == both
    assert len(OxigraphStore(tmp_path / "store").query(ARTICLE_GRAPHS).rows) == len(files)


def test_an_edited_article_replaces_its_old_version(sample_dir, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    article = folder / "a.txt"
    shutil.copy(sorted(sample_dir.glob("*.txt"))[0], article)
    spec = f"oxigraph:{tmp_path / 'store'}"
    build_graph(folder, store_spec=spec, out_dir=None)
    text = article.read_text(encoding="utf-8")
    assert "北京市总工会" in text
    article.write_text(text.replace("北京市总工会", "天津市总工会"), encoding="utf-8")
    build_graph(folder, store_spec=spec, out_dir=None)
    store = OxigraphStore(tmp_path / "store")
    assert len(store.query(ARTICLE_GRAPHS).rows) == 1
    donors = {r[0] for r in store.query(
        'SELECT ?l WHERE { GRAPH ?g { ?d <https://w3id.org/unionkg/ontology#assists> ?r } '
        '?d <http://www.w3.org/2004/02/skos/core#prefLabel> ?l FILTER(lang(?l) = "zh") }').rows}
    assert "天津市总工会" in donors and "北京市总工会" not in donors


def test_command_line_end_to_end(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default store and output folder are ./triples
    runner = CliRunner()
    built = runner.invoke(app, ["build", str(corpus)])
    assert built.exit_code == 0, built.output
    assert "binary.txt" in built.output and "empty.txt" in built.output and "latin1.txt" in built.output
    assert (tmp_path / "triples" / "graph.ttl").exists() and (tmp_path / "triples" / "graph.html").exists()

    pairings = runner.invoke(app, ["query", "pairings", "--format", "json"])
    assert pairings.exit_code == 0, pairings.output
    rows = json.loads(pairings.output)
    assert any(r["donor"] == "北京市总工会" and r["recipient"] == "张家口市总工会" for r in rows)

    traced = runner.invoke(app, ["trace", "西城区总工会"])
    assert traced.exit_code == 0 and "西城区总工会 —帮扶" in traced.output

    extracted = runner.invoke(app, ["extract", str(corpus), "-o", str(tmp_path / "json")])
    assert extracted.exit_code == 0, extracted.output
    outputs = sorted((tmp_path / "json").glob("*.json"))
    assert len(outputs) == len(list(corpus.glob("*.txt"))) - 3
    doc = json.loads(outputs[0].read_text(encoding="utf-8"))
    assert set(doc) == {"doc", "entities", "relations"} and doc["doc"].endswith(".txt")

    missing = runner.invoke(app, ["query", "pairings", "--store", f"oxigraph:{tmp_path / 'nothing'}"])
    assert missing.exit_code == 1 and "no graph has been built" in " ".join(missing.output.split())
    assert not (tmp_path / "nothing").exists()  # asking did not create an empty store


def test_eval_command_on_the_seed_gold(gold_dir, seeds_dir):
    scored = CliRunner().invoke(app, ["eval", str(gold_dir), "--corpus", str(seeds_dir)])
    assert scored.exit_code == 0, scored.output
    assert "micro" in scored.output and "amount accuracy" in scored.output


def test_article_graph_lines_are_the_fact_statements_as_quads():
    """The article graph's lines are those of `fact_statements`, quad by quad, the same whether or not
    the caller passes the file's resolved path; a fact told only elsewhere is not in it."""
    from kg.rdf import _quads, article_graph_iri, article_nquads, article_statements, fact_statements
    from kg.resolve import ArticleMeta, Evidence, KBFact

    told_twice = KBFact("fact/a", "union/1", "assists", "place/2", None, 12500.5, True, 2020, None,
                        [Evidence("x1", 3, 9, "某工会帮扶某村"), Evidence("x1", 20, 30, "又一次提到\"帮扶\""),
                         Evidence("x2", 0, 5, "别的报道")])
    with_role = KBFact("fact/b", "person/3", "holdsPost", None, "第一书记", None, False, None, "驻村第一书记",
                       [Evidence("x1", 40, 52, "某人任驻村第一书记")])
    elsewhere = KBFact("fact/c", "union/1", "runs", "programme/4", None, None, False, 2019, None,
                       [Evidence("x2", 1, 4, "某活动")])
    meta = ArticleMeta("x1", "/tmp/x1.txt", "某标题", "2020-06-01", ["某记者"])
    facts = [told_twice, with_role, elsewhere]
    statements = article_statements(meta)
    for f in facts:
        statements += fact_statements(f, meta.id)
    expected = "".join(_quads(statements, article_graph_iri(meta.id)))
    assert article_nquads(meta, facts) == expected
    assert article_nquads(meta, facts, url="/tmp/x1.txt") == expected
    assert expected.count("oa#exact") == 3 and "fact/c" not in expected
