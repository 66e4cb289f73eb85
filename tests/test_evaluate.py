"""The scorer follows ANNOTATION.md: names or aliases, width and spaces ignored."""

from kg.evaluate import score_document


GOLD = {
    "doc": "d.txt",
    "entities": [
        {"type": "Union", "name": "北京市总工会", "aliases": ["市总工会"]},
        {"type": "Union", "name": "张家口市总工会", "aliases": []},
        {"type": "Programme", "name": "关爱职工 助力扶贫"},
    ],
    "relations": [
        {"s": "北京市总工会", "p": "assists", "o": "张家口市总工会", "amount_yuan": 1000000, "year": 2019},
    ],
}


def test_alias_and_width_normalisation_match():
    pred = {
        "entities": [
            {"type": "Union", "name": "市总工会"},
            {"type": "Programme", "name": "关爱职工助力扶贫"},
            {"type": "Union", "name": "拉萨市总工会"},
        ],
        "relations": [{"s": "市总工会", "p": "assists", "o": "张家口市总工会", "amount_yuan": 1000000, "year": 2018}],
    }
    s = score_document(GOLD, pred)
    assert (s.entities["Union"].tp, s.entities["Union"].fp, s.entities["Union"].fn) == (1, 1, 1)
    assert s.entities["Programme"].tp == 1
    assert s.relations["assists"].tp == 1
    assert s.amount_correct == 1 and s.year_correct == 0


def test_each_gold_entity_matches_once():
    pred = {"entities": [{"type": "Union", "name": "北京市总工会"}, {"type": "Union", "name": "市总工会"}], "relations": []}
    s = score_document(GOLD, pred)
    assert s.entities["Union"].tp == 1 and s.entities["Union"].fp == 1


# ----------------------------------------------------------------------------- resolution

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from kg.evaluate import AlignedMention, align_article, parse_gold_pair, score_resolution  # noqa: E402
from kg.errors import KGError  # noqa: E402


def _m(doc, gold_name, node, etype="Union"):
    return AlignedMention(doc, gold_name, (etype, gold_name), node)


def test_alignment_by_name_then_alias_and_only_within_the_type():
    ents = [("Union", "市总工会", [], "union/11"), ("Place", "北京市总工会", [], "place/x"),
            ("Union", "拉萨市总工会", [], "union/5401"), ("Programme", "京蒙", ["关爱职工 助力扶贫"], "programme/p")]
    got = [(m.name, m.gold, m.node) for m in align_article("d.txt", GOLD, ents)]
    assert got == [("市总工会", ("Union", "北京市总工会"), "union/11"),
                   ("京蒙", ("Programme", "关爱职工助力扶贫"), "programme/p")]


def test_b_cubed_merges_splits_and_cross_article_identities():
    mentions = [
        _m("a", "陕西省总工会", "union/61"), _m("b", "陕西省总工会", "union/61"),  # exact across two articles
        _m("a", "四川省总工会", "union/x"), _m("b", "安徽省总工会", "union/x"),  # one node for two
        _m("a", "汉中市总工会", "union/6107"), _m("c", "汉中市总工会", "union/y"),  # split
    ]
    s = score_resolution(mentions)
    assert s.cross_article == [("Union", "汉中市总工会"), ("Union", "陕西省总工会")]
    assert s.cross_article_exact == [("Union", "陕西省总工会")]
    assert s.merged == {"union/x": [("Union", "四川省总工会"), ("Union", "安徽省总工会")]}
    assert s.split == {("Union", "汉中市总工会"): ["union/6107", "union/y"]}
    # precision: 1, 1, 1/2, 1/2, 1, 1 ; recall: 1, 1, 1, 1, 1/2, 1/2
    assert s.b3_precision == pytest.approx(5 / 6) and s.b3_recall == pytest.approx(5 / 6)


def test_a_perfect_resolution_scores_one():
    s = score_resolution([_m("a", "北京市", "place/11", "Place"), _m("b", "北京市", "place/11", "Place")])
    assert (s.b3_f1, s.cross_article_accuracy, s.merged, s.split) == (1.0, 1.0, {}, {})


def test_a_bad_gold_pair_names_the_problem(tmp_path):
    with pytest.raises(KGError, match="GOLD_DIR:CORPUS_DIR"):
        parse_gold_pair("only-one-folder")
    with pytest.raises(KGError, match="no such folder"):
        parse_gold_pair(f"{tmp_path}:{tmp_path / 'missing'}")
    assert parse_gold_pair(f"{tmp_path}:{tmp_path}") == (Path(tmp_path), Path(tmp_path))


from conftest import SHARED  # noqa: E402

DEV_GOLD = SHARED / "eval" / "gold-dev"


def test_resolution_of_the_dev_set_and_seeds(gold_dir, seeds_dir):
    """A floor measured on dev + seeds (the README gives the figures): no short form of
    two places on one node, B-cubed F1 at least 0.99."""
    from kg.evaluate import gold_articles, resolution_of
    from kg.extract import extract
    from kg.ingest import read_article

    pairs = [(gold_dir, seeds_dir)]
    if DEV_GOLD.is_dir():
        pairs.append((DEV_GOLD, DEV_GOLD.parent.parent / "corpus" / "dev"))
    golds, xs = [], []
    for g, c in pairs:
        for _, gold, path in gold_articles(g, c):
            golds.append((path.name, gold))
            xs.append(extract(read_article(path)))
    s = resolution_of(golds, xs)
    assert s.b3_f1 >= 0.99
    assert not [n for n in s.merged if n.startswith(("union/", "org/", "place/", "person/"))]
    assert s.cross_article_accuracy >= 0.95


def test_kg_eval_resolution_command(gold_dir, seeds_dir):
    from typer.testing import CliRunner

    from kg.cli import app

    out = CliRunner().invoke(app, ["eval", str(gold_dir), "--corpus", str(seeds_dir), "--resolution"])
    assert out.exit_code == 0, out.output
    assert "B-cubed" in out.output and "cross-article identities" in out.output
    bad = CliRunner().invoke(app, ["eval", str(gold_dir), "--corpus", str(seeds_dir), "--also", "nowhere"])
    assert bad.exit_code == 1 and "GOLD_DIR:CORPUS_DIR" in bad.output
