"""The typed document and the one policy for amounts and years."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract import extract
from kg.extract.doc import Doc, ListItem, PlaceMention
from kg.extract.money import find_times
from kg.extract.rules.attach import amount_for, spent, year_for
from kg.ingest import article_from_bytes


def test_doc_splits_sentences_clauses_parts_and_items():
    doc = Doc.of("——东山县:2018年投入5万元;2019年投入8万元。\n一是修路。二是建棚,扩产。", date="2020-06-01")
    text = doc.text
    assert [text[s.start : s.end] for s in doc.sentences][:2] == ["——东山县:2018年投入5万元;2019年投入8万元。\n", "一是修路。"]
    assert text[doc.part_at(text.index("2019")).start :].startswith("2019年")
    assert text[doc.clause_at(text.index("扩产")).start :].startswith("扩产")
    heads = [(i.heading, text[i.start : i.end]) for i in doc.items]
    assert heads == [("——东山县:", "——东山县:2018年投入5万元;2019年投入8万元。"), ("一是", "一是修路。"), ("二是", "二是建棚,扩产。")]
    assert isinstance(doc.item_at(text.index("建棚")), ListItem)
    assert doc.item_at(len(text) + 5) is None


def test_mentions_are_typed_not_dicts():
    doc = Doc.of("东村")
    doc.places.append(PlaceMention(0, 2, "东村", "东村", "village"))
    assert doc.places[0].level == "village" and not hasattr(doc.places[0], "info")


def test_relative_times_resolve_against_the_article_date():
    times = find_times("日前,去年,今年,8月13日,12月26日,2019年1月", date(2019, 1, 11))
    assert [t.year for t in times] == [2019, 2018, 2019, 2018, 2018, 2019]  # August is after a January article
    assert [t.relative for t in times] == [True, True, True, True, True, False]
    assert find_times("近日,今年", None) == []  # no date: no guess


def test_a_day_alone_and_the_spring_festival_take_the_article_year():
    times = find_times("28日上午,县总工会开展春节慰问;3日游不是日期", date(2014, 1, 20))
    assert [(t.year, t.relative) for t in times] == [(2013, True), (2014, True)]  # 28日 of a January report: December
    assert [t.year for t in find_times("5日,工会慰问", date(2014, 3, 9))] == [2014]


def test_year_of_a_fact_part_sentence_item_paragraph():
    doc = Doc.of("——西村:2017年修路;2018年建棚。\n2016年以来,县总工会持续帮扶。该会投入3万元。", date="2019-01-01")
    t = doc.text
    assert year_for(doc, t.index("建棚")) == 2018
    assert year_for(doc, t.index("修路")) == 2017
    assert year_for(doc, t.index("该会")) == 2016  # the paragraph's lead
    assert year_for(Doc.of("县总工会投入3万元。"), 3) is None


def test_the_start_of_a_span_up_to_now_dates_no_fact():
    doc = Doc.of("从2016年结对以来,县总工会累计投入帮扶资金80万元。", date="2021-05-01")
    assert year_for(doc, doc.text.index("投入")) is None
    doc = Doc.of("2016年,县总工会与东村结对,投入3万元。", date="2021-05-01")
    assert year_for(doc, doc.text.index("投入")) == 2016


def test_a_sentence_during_the_visit_takes_the_visits_year():
    doc = Doc.of("3月2日至5日,县总工会干部赴东村考察。\n在东村期间,考察组捐赠帮扶资金2万元。", date="2024-03-08")
    assert year_for(doc, doc.text.index("捐赠")) == 2024
    doc = Doc.of("县总工会干部赴东村考察。\n其后,考察组捐赠帮扶资金2万元。", date="2024-03-08")
    assert year_for(doc, doc.text.index("捐赠")) is None


def test_amount_nearest_the_verb_in_its_item_and_not_shared():
    doc = Doc.of("一是修路,投入5万元。\n二是建棚,投入9万元,收入2万元。")
    t = doc.text
    verb = t.index("建棚")
    assert amount_for(doc, verb, 0, len(t), spent_only=True).yuan == 90000
    assert amount_for(doc, t.index("修路"), 0, len(t)).yuan == 50000  # the item bounds the window
    assert amount_for(doc, verb, 0, len(t), recipients=3) is None
    assert [spent(doc, a) for a in doc.amounts] == [True, True, False]


def test_this_village_after_a_gift_is_the_village_in_focus():
    text = "2021年3月5日\n兴文县总工会来到石林村开展慰问。工会为该村困难户送去价值2万元的物资。"
    x = extract(article_from_bytes(text.encode("utf-8"), "t.txt"))
    assert ("兴文县总工会", "石林村", 20000) in {(r.s, r.o, r.amount_yuan) for r in x.relations if r.p == "assists"}


def test_extract_reads_a_relative_date_from_the_dateline():
    text = "2021年3月5日\n日前,东山县总工会为西坪村送去价值3万元的慰问品。"
    x = extract(article_from_bytes(text.encode("utf-8"), "t.txt"))
    gift = [r for r in x.relations if r.p == "assists"]
    assert [(r.s, r.o, r.amount_yuan) for r in gift] == [("东山县总工会", "西坪村", 30000)]


def test_clause_bounds_on_the_doc_are_those_of_the_text_helper():
    from kg.extract.text import clause_bounds

    text = "县总工会:一是修路,二是建校;三是慰问。\n村民说好!"
    doc = Doc.of(text)
    for pos in range(len(text) + 1):
        assert doc.clause_bounds(pos) == clause_bounds(text, pos)
    assert doc.clause_bounds(5) == (5, 9)
    with pytest.raises(IndexError):
        doc.clause_bounds(len(text) + 1)


def test_span_look_ups_at_the_edges():
    doc = Doc.of("一是修路。二是建校")
    assert (doc.sentence_at(0).start, doc.sentence_at(0).end) == (0, 5)
    assert (doc.sentence_at(5).start, doc.sentence_at(5).end) == (5, 9)
    past = doc.sentence_at(12)
    assert (past.start, past.end) == (12, 12)  # nothing holds it: an empty span there
    doc.items = [ListItem(3, 3, "一是", 3)]  # an empty item holds its own start only
    assert doc.item_at(3) is doc.items[0]
    assert doc.item_at(4) is None and doc.item_at(2) is None
