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
