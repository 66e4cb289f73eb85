"""Each row of ``runs.tsv`` is tested on its own example sentence: the row
alone yields its triple, and so does the whole extractor; and the rows
replace the subject's reading only where they read the sentence."""

from __future__ import annotations

import pytest

from kg.extract import extract, read_doc
from kg.extract.rules.engine import rule_files, run_rules
from kg.extract.rules.runs import programme_actors
from kg.ingest import article_from_bytes


def _article(sentence: str):
    return article_from_bytes(sentence.encode("utf-8"), "example.txt")


def _runs(sentence: str) -> set[tuple[str, str, str]]:
    return {(r.s, r.p, r.o) for r in extract(_article(sentence)).relations if r.p == "runs"}


@pytest.mark.parametrize("rule", rule_files()["runs"], ids=lambda r: r.id)
def test_runs_rows(rule):
    doc, _ = read_doc(_article(rule.example))
    alone = {(r.s, r.p, r.o) for r in run_rules(doc, (rule,))}
    assert rule.yields in alone, f"{rule.source} {rule.id}: {alone}"
    assert rule.yields in _runs(rule.example)


def test_the_receiving_union_does_not_run_the_gift():
    got = _runs("兴文县总工会还捐赠屏山县总工会“书香兴文职工读书卡”200张。")
    assert ("屏山县总工会", "runs", "书香兴文职工读书卡") not in got


def test_the_visited_school_does_not_run_the_activity():
    got = _runs("兴文县总工会一行来到石林村小学,开展“书香伴成长”主题活动。")
    assert ("石林村小学", "runs", "书香伴成长") not in got


def test_without_a_visit_the_nearest_body_still_runs_it():
    got = _runs("兴文县总工会指导石林村小学开展“书香伴成长”主题活动。")
    assert ("石林村小学", "runs", "书香伴成长") in got


@pytest.mark.parametrize("rule", rule_files()["located_in"], ids=lambda r: r.id)
def test_located_in_rows(rule):
    doc, _ = read_doc(_article(rule.example))
    alone = {(r.s, r.p, r.o) for r in run_rules(doc, (rule,), bodies=programme_actors(doc))}
    assert rule.yields in alone, f"{rule.source} {rule.id}: {alone}"
    whole = {(r.s, r.p, r.o) for r in extract(_article(rule.example)).relations}
    assert rule.yields in whole


def test_a_provincial_unions_campaign_is_not_placed_in_its_province():
    x = extract(_article("四川省总工会“金秋送学”活动走进石林村小学。"))
    assert ("金秋送学", "locatedIn", "四川省") not in {(r.s, r.p, r.o) for r in x.relations}


def test_a_gift_to_a_village_sent_a_day_later_is_still_there():
    x = extract(_article("兴文县总工会决定为石林村每户困难职工帮扶2吨“暖心炭”。"))
    assert ("暖心炭", "locatedIn", "石林村") in {(r.s, r.p, r.o) for r in x.relations}


@pytest.mark.parametrize("word", ["帮扶村", "挂钩村", "包保村", "结对村"])
def test_the_village_a_body_helps_named_by_its_role_places_the_programme(word):
    x = extract(_article(f"汉阴县总工会把双河镇红岭村作为{word}。今年,县总工会在{word}开展了“职工送技能”培训。"))
    located = {(r.s, r.o) for r in x.relations if r.p == "locatedIn"}
    assert any(o == "红岭村" for _, o in located), located


def test_a_partner_written_with_and_jointly_runs_it_too():
    got = _runs("兴文县总工会关心困难职工。\n筹措资金5万元,与屏山县总工会联合开展“温暖进万家”活动,走访慰问困难职工。")
    assert {("兴文县总工会", "runs", "温暖进万家"), ("屏山县总工会", "runs", "温暖进万家")} <= got


def test_the_hosts_of_the_event_named_before_run_it():
    text = "兴文县总工会举办“书香进村”活动。本次活动由屏山县总工会承办,宜宾市教育工会协办。"
    got = _runs(text)
    assert ("屏山县总工会", "runs", "书香进村") in got
    assert ("宜宾市教育工会", "runs", "书香进村") in got
    # a body that only takes part is not a host
    other = _runs("兴文县总工会举办“书香进村”活动。屏山县总工会派人参加了本次活动。")
    assert ("屏山县总工会", "runs", "书香进村") not in other


def test_a_place_inside_a_union_visited_does_not_place_the_programme():
    x = extract(_article("兴文县总工会干部赴屏山县总工会交流,开展“书香进村”活动。"))
    assert ("书香进村", "屏山县") not in {(r.s, r.o) for r in x.relations if r.p == "locatedIn"}


def test_the_venue_of_a_meeting_does_not_place_the_programme():
    x = extract(_article("全县工会工作会议在屏山县召开,会上部署了“书香进村”活动。"))
    assert ("书香进村", "屏山县") not in {(r.s, r.o) for r in x.relations if r.p == "locatedIn"}


def test_a_ceremony_held_in_a_village_still_places_the_programme():
    x = extract(_article("“书香进村”启动仪式在石林村举行。"))
    assert ("书香进村", "石林村") in {(r.s, r.o) for r in x.relations if r.p == "locatedIn"}


def test_a_union_qualifying_the_village_does_not_run_what_the_visitor_builds():
    got = _runs("宜宾市总工会深入屏山县总工会结对帮扶的石门村,投入资金8万元,修建了石门村蔬菜大棚。")
    assert ("宜宾市总工会", "runs", "石门村蔬菜大棚") in got
    assert ("屏山县总工会", "runs", "石门村蔬菜大棚") not in got


def test_a_scheme_people_are_put_into_is_not_run_by_the_subject():
    got = _runs("兴文县总工会将20名青年教师纳入“名师工作室”培养。")
    assert ("兴文县总工会", "runs", "名师工作室") not in got


def test_the_frame_of_a_project_is_neither_run_nor_placed_by_its_sentence():
    x = extract(_article("在兴文县总工会的大力协助下,作为“暖冬行动”之一的“爱心早餐”项目在石林村启动。"))
    got = {(r.s, r.p, r.o) for r in x.relations}
    assert ("兴文县总工会", "runs", "暖冬行动") not in got
    assert ("暖冬行动", "locatedIn", "石林村") not in got
    assert {("兴文县总工会", "runs", "爱心早餐"), ("爱心早餐", "locatedIn", "石林村")} <= got


def test_a_move_in_a_later_clause_does_not_place_the_programme():
    x = extract(_article("宜宾市总工会与屏山县总工会围绕“点亮微心愿”达成共识,明年将组织劳模赴屏山县开展交流。"))
    assert ("点亮微心愿", "locatedIn", "屏山县") not in {(r.s, r.p, r.o) for r in x.relations}


def test_a_move_in_the_programmes_own_clause_still_places_it():
    x = extract(_article("兴文县总工会组织“送温暖”慰问组走进石林村。"))
    assert ("送温暖", "locatedIn", "石林村") in {(r.s, r.p, r.o) for r in x.relations}


def test_a_paragraph_opening_with_the_verb_takes_the_subject_of_the_paragraph_before():
    text = ("近年来,兴文县总工会坚持以职工为中心,围绕全县经济发展大局,聚焦服务职工主业,为广大职工办了许多实事好事。\n\n"
            "组织开展“冬送温暖”活动,慰问一线职工;以户外劳动者为重点开展“夏送清凉”活动。")
    got = _runs(text)
    assert {("兴文县总工会", "runs", "送温暖"), ("兴文县总工会", "runs", "送清凉")} <= got


def test_a_paragraph_with_its_own_subject_does_not_take_the_union_after_a_time_opener():
    text = ("近日,兴文县总工会到屏山县对接协作工作,并召开座谈会共商对口协作事宜,双方领导出席座谈会并讲话。\n\n"
            "两地工会自签订协议以来保持经常性信息互通,座谈中围绕助力“川货出山”进行了深层次交流。")
    assert ("兴文县总工会", "runs", "川货出山") not in _runs(text)


def test_a_scheme_a_territorial_union_launches_is_in_its_place():
    x = extract(_article("2019年以来,宜宾市总工会在全省率先启动实施“职工创业扶助工程”。"))
    assert ("职工创业扶助工程", "locatedIn", "宜宾市") in {(r.s, r.p, r.o) for r in x.relations}


def test_a_campaign_a_provincial_union_starts_for_a_city_is_not_placed_in_the_province():
    x = extract(_article("四川省总工会先期启动“送文化”活动,为宜宾市贫困村送去图书。"))
    assert ("送文化", "locatedIn", "四川省") not in {(r.s, r.p, r.o) for r in x.relations}


def test_a_programme_framing_the_sentence_is_run_by_the_body_opening_the_next_clause():
    got = _runs("2023年金秋助学活动中,兴文县总工会共资助困难职工子女30名,发放助学金9万元。")
    assert ("兴文县总工会", "runs", "金秋助学") in got
    got = _runs("为助力消费帮扶,宜宾市总工会组织机关干部职工购买屏山县农特产品。")
    assert ("宜宾市总工会", "runs", "消费帮扶") in got


def test_a_framing_programme_is_not_run_by_a_body_further_on():
    got = _runs("2023年金秋助学活动中,共有30名困难职工子女得到兴文县总工会资助。")
    assert ("兴文县总工会", "runs", "金秋助学") not in got
