"""Honours written before names (rules/titles.py), on sentences written for them."""

from __future__ import annotations

import pytest

from kg.extract import extract, read_doc
from kg.extract.rules.titles import titles_before_names
from kg.ingest import article_from_bytes

CASES = [
    ("合作社负责人之一、宜宾市劳动模范陈志远介绍了经验。", {("陈志远", "宜宾市劳动模范")}),
    ("去年冬天,致富带头人、村妇女主任杨秀英在龙华镇办起了竹编作坊。", {("杨秀英", "致富带头人")}),
    ("宜宾市总工会组织以省市级农业劳模陈志远、赵明辉等人成立服务队。", {("陈志远", "省市级农业劳模"), ("赵明辉", "省市级农业劳模")}),
    ("省级劳模王建国在会上发言。", {("王建国", "省级劳模")}),
]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:8] for c in CASES])
def test_title_rows(sentence, expected):
    doc, _ = read_doc(article_from_bytes(sentence.encode("utf-8"), "t.txt"))
    assert {(r.s, r.o) for r in titles_before_names(doc)} == expected
    whole = {(r.s, r.o) for r in extract(article_from_bytes(sentence.encode("utf-8"), "t.txt")).relations if r.p == "hasTitle"}
    assert whole == expected  # 劳模 alone is not kept beside 省级劳模


def test_a_post_is_not_a_title():
    doc, _ = read_doc(article_from_bytes("兴文县总工会副主席赵明辉出席活动。".encode("utf-8"), "t.txt"))
    assert titles_before_names(doc) == []


@pytest.mark.parametrize("sentence,expected", [
    ("全国人大代表、十二届县委委员、屏山县委书记王建国介绍了情况。", {("王建国", "全国人大代表"), ("王建国", "十二届县委委员")}),
    ("第十三届省政协委员王建国说。", {("王建国", "第十三届省政协委员")}),
], ids=["session-in-list", "session-alone"])
def test_a_membership_of_one_session_is_a_title(sentence, expected):
    got = {(r.s, r.o) for r in extract(article_from_bytes(sentence.encode("utf-8"), "t.txt")).relations if r.p == "hasTitle"}
    assert got == expected


def test_an_honour_won_by_she_goes_to_the_person_named_before():
    text = "石林村党支部书记王秀兰今年五十岁。十多年前,她带头种茶,2016年被授予全国劳动模范称号。"
    got = {(r.s, r.o) for r in extract(article_from_bytes(text.encode("utf-8"), "t.txt")).relations if r.p == "hasTitle"}
    assert got == {("王秀兰", "全国劳动模范")}


def test_two_pronouns_leave_the_honour_unread():
    text = "石林村党支部书记王秀兰今年五十岁。她说他曾荣获全国五一劳动奖章。"
    got = {(r.s, r.o) for r in extract(article_from_bytes(text.encode("utf-8"), "t.txt")).relations if r.p == "hasTitle"}
    assert got == set()
