"""Posts written before names (relations._posts and its helpers), on sentences written for them."""

from __future__ import annotations

import pytest

from kg.extract import extract, read_doc
from kg.ingest import article_from_bytes


def _posts(sentence: str) -> set[tuple[str, str]]:
    x = extract(article_from_bytes(sentence.encode("utf-8"), "t.txt"))
    return {(r.s, r.o) for r in x.relations if r.p == "holdsPost"}


CASES = [
    # a comma list of posts and names under one body
    ("德阳市总工会主席刘克勤,党组成员、副主席吴佳一同调研。",
     {("刘克勤", "德阳市总工会"), ("吴佳", "德阳市总工会")}),
    # 和 between two posts of one body
    ("宜宾市总工会主席陈志远和副主席赵明辉看望了困难职工。",
     {("陈志远", "宜宾市总工会"), ("赵明辉", "宜宾市总工会")}),
    # a deputy county head of a county the text names only as a place
    ("会议在屏山县召开。县委常委、副县长王建国主持会议。", {("王建国", "屏山县")}),
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=["comma-list", "and-list", "county-head"])
def test_post_rows(sentence, expected):
    assert _posts(sentence) == expected


def test_a_new_sentence_does_not_inherit_the_body():
    got = _posts("宜宾市总工会主席陈志远讲话。副主席赵明辉没有到场。")
    assert ("赵明辉", "宜宾市总工会") not in got


def test_main_place_is_the_most_named():
    doc, _ = read_doc(article_from_bytes("兴文县和屏山县的职工参加。屏山县总工会组织,屏山县出资。".encode("utf-8"), "t.txt"))
    assert doc.main_place("county").name == "屏山县"
    assert doc.main_place("village") is None
