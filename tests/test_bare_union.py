"""A bare 市总工会 / 县总工会 is the article's own union: never the union of a
partner written in full beside it (sentences written for the tests)."""

from __future__ import annotations

from kg.extract import extract
from kg.ingest import article_from_bytes


def _extract(text: str):
    return extract(article_from_bytes(text.encode("utf-8"), "example.txt"))


def test_a_bare_union_beside_a_partner_union_is_not_the_partner():
    x = _extract("6月3日,市总工会主席带队赴铜仁考察。市总工会考察组与铜仁市总工会座谈,"
                 "并向铜仁市总工会捐赠帮扶资金20万元。")
    names = {e.name for e in x.entities if e.type == "Union"}
    assert "市总工会" in names
    helped = {(r.s, r.o, r.amount_yuan) for r in x.relations if r.p == "assists"}
    assert ("市总工会", "铜仁市总工会", 200000) in helped


def test_a_bare_union_after_its_city_is_that_city_s():
    x = _extract("铜仁市总工会召开帮扶工作会议,市总工会主席在会上讲话。")
    assert {e.name for e in x.entities if e.type == "Union"} == {"铜仁市总工会"}
