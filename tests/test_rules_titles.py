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
