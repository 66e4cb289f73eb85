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
    ("会议在屏山县召开。副县长王建国主持会议。", {("王建国", "屏山县")}),
    # 县委常委、副县长: a post in the 县委 and one in the county's government
    ("会议在屏山县召开。县委常委、副县长王建国主持会议。", {("王建国", "屏山县委"), ("王建国", "屏山县")}),
    ("屏山县委常委、副县长王建国出席会议。", {("王建国", "屏山县委"), ("王建国", "屏山县")}),
    # a post in a village's own committees, the village unnamed: the village in focus
    ("兴文县石林村。工作组征求了村党支部书记王建国的意见。", {("王建国", "石林村")}),
    ("兴文县石林村。我们听取了下派村干部王建国的介绍。", {("王建国", "石林村")}),
    # a body, its post and the name joined by 的
    ("作为宜宾市果业协会会长的王建国表示,要抓好销售。", {("王建国", "宜宾市果业协会")}),
    ("红星家庭农场的负责人王建国介绍了经验。", {("王建国", "红星家庭农场")}),
    # 选派的: a verb before 的, the post is read by the list rules
    ("兴文县总工会选派的驻村第一书记王建国来到石林村。", {("王建国", "石林村")}),
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=["comma-list", "and-list", "county-head", "party-and-government",
                                                          "party-and-government-named", "village-committee",
                                                          "village-cadre", "post-de-name", "body-de-post",
                                                          "sent-by"])
def test_post_rows(sentence, expected):
    assert _posts(sentence) == expected


def test_a_new_sentence_does_not_inherit_the_body():
    got = _posts("宜宾市总工会主席陈志远讲话。副主席赵明辉没有到场。")
    assert ("赵明辉", "宜宾市总工会") not in got


def test_main_place_is_the_most_named():
    doc, _ = read_doc(article_from_bytes("兴文县和屏山县的职工参加。屏山县总工会组织,屏山县出资。".encode("utf-8"), "t.txt"))
    assert doc.main_place("county").name == "屏山县"
    assert doc.main_place("village") is None
