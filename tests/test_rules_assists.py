"""Each row of a relation rule file is tested on its own example sentence:
the row alone yields its triple on the example, and so does the whole
extractor.  One parametrised test per rule file."""

from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.extract import extract, read_doc
from kg.extract.rules.engine import read_rules, rule_files, run_rules
from kg.ingest import article_from_bytes


def _article(sentence: str):
    return article_from_bytes(sentence.encode("utf-8"), "example.txt")


def check_row(rule) -> None:
    doc, _ = read_doc(_article(rule.example))
    alone = {(r.s, r.p, r.o) for r in run_rules(doc, (rule,))}
    assert rule.yields in alone, f"{rule.source} {rule.id}: {alone}"
    whole = {(r.s, r.p, r.o) for r in extract(_article(rule.example)).relations}
    assert rule.yields in whole, f"{rule.source} {rule.id}: {whole}"


@pytest.mark.parametrize("rule", rule_files()["assists"], ids=lambda r: r.id)
def test_assists_rows(rule):
    check_row(rule)


def test_a_row_does_not_fire_without_its_cue_context():
    visit = next(r for r in rule_files()["assists"] if r.id == "visit")
    doc, _ = read_doc(_article("宜宾市总工会一行来到屏山县参加运动会。"))
    assert run_rules(doc, (visit,)) == []


def test_stationed_office_is_not_help():
    x = extract(_article("宜宾市人民政府驻屏山县办事处组织了座谈。"))
    assert not [r for r in x.relations if r.p == "assists"]


def test_bad_rule_file_names_file_and_row(tmp_path):
    bad = tmp_path / "broken.tsv"
    bad.write_text("r1\tassists\tsideways\tnearest\t帮扶\t\tPlace\t\t\tno\t例句。\ta|assists|b\n", encoding="utf-8")
    with pytest.raises(KGError, match=r"broken.tsv:.*r1.*order"):
        read_rules(bad)
    bad.write_text("r2\tassists\tactor-cue-object\tnearest\t(帮扶\t\tPlace\t\t\tno\t例句。\ta|assists|b\n", encoding="utf-8")
    with pytest.raises(KGError, match=r"r2: bad regular expression"):
        read_rules(bad)


def test_passive_frame_needs_its_help_words():
    passive = next(r for r in rule_files()["assists"] if r.id == "with_help_of")
    doc, _ = read_doc(_article("石林村的会议在兴文县总工会的礼堂召开。"))
    assert run_rules(doc, (passive,)) == []


def test_gift_amount_carried_by_a_value_clause():
    x = extract(_article("兴文县总工会向石林村捐赠大米和食用油,价值约8000元,帮助村民过冬。"))
    gift = [r for r in x.relations if r.p == "assists" and r.o == "石林村"]
    assert gift and gift[0].amount_yuan == 8000 and gift[0].approximate


def test_sentence_scope_takes_only_a_sole_spent_sum():
    x = extract(_article("宜宾市总工会投入5万元,在所挂钩的屏山县石门村修路,又投入3万元建水池。"))
    paired = [r for r in x.relations if r.p == "assists" and r.o == "石门村"]
    assert paired and all(r.amount_yuan is None for r in paired)


def test_prior_amount_is_the_sole_sum_spent_before_the_cue():
    x = extract(_article("宜宾市总工会今年投入20万元,支持屏山县总工会建设职工之家。"))
    helped = [r for r in x.relations if r.p == "assists" and r.o == "屏山县总工会"]
    assert helped and helped[0].amount_yuan == 200000


def test_help_in_a_place_needs_a_help_verb():
    x = extract(_article("宜宾市总工会在屏山县石门村召开了座谈会。"))
    assert not [r for r in x.relations if r.p == "assists"]


def test_a_body_visited_or_helped_before_is_not_the_next_actor():
    x = extract(_article("宜宾市总工会看望了屏山县总工会干部,指导对口援建的兴文县总工会开展工作。"))
    actors = {r.s for r in x.relations if r.p == "assists" and r.o == "兴文县总工会"}
    assert actors == {"宜宾市总工会"}


def _assists(text: str) -> set[tuple[str, str]]:
    return {(r.s, r.o) for r in extract(_article(text)).relations if r.p == "assists"}


def test_a_visit_to_learn_is_not_help():
    assert ("宜宾市总工会", "屏山县") in _assists("宜宾市总工会一行来到屏山县开展帮扶调研。")
    assert not _assists("宜宾市总工会一行赴屏山县学习扶贫经验。")


def test_an_east_west_pairing_gives_from_the_east():
    # the partner's union visits the giver's: still the giver helps the partner
    got = _assists("近日,铜仁市总工会一行到苏州市总工会学习考察,两地工会就深化东西部协作座谈。")
    assert ("苏州市总工会", "铜仁市总工会") in got
    assert ("铜仁市总工会", "苏州市总工会") not in got
    # two unions of giving provinces are not a pairing; nor is a paragraph with no pairing word
    assert ("苏州市总工会", "杭州市总工会") not in _assists("苏州市总工会与杭州市总工会就两地工会协作座谈。")
    assert ("苏州市总工会", "铜仁市总工会") not in _assists("苏州市总工会和铜仁市总工会的代表参加了全国劳模表彰大会。")


def test_each_partner_union_gets_the_giver_of_its_level():
    text = "江苏省总工会、贵州省总工会的负责人出席。苏州市总工会、铜仁市总工会和松桃县总工会开展对口协作。"
    got = _assists(text)
    assert {("江苏省总工会", "贵州省总工会"), ("苏州市总工会", "铜仁市总工会"), ("苏州市总工会", "松桃县总工会")} <= got
    assert ("江苏省总工会", "铜仁市总工会") not in got


def test_a_team_helps_the_place_its_name_serves():
    assert ("宜宾市总工会驻石门村工作队", "石门村") in _assists("宜宾市总工会驻石门村工作队为村民修了水渠。")
    assert not {o for s, o in _assists("宜宾市总工会工作队在屏山县召开了座谈会。") if s.endswith("工作队")}


def test_the_two_unions_that_sign_a_pairing_agreement_run_what_it_holds():
    text = ("苏州市总工会与铜仁市总工会签订了《东西部协作框架协议》。协议约定开展“山海同心”助学,"
            "新增“黔货进苏”展销活动。\n铜仁市总工会还举办了“春风送岗”招聘会。")
    runs = {(r.s, r.o) for r in extract(_article(text)).relations if r.p == "runs"}
    for who in ("苏州市总工会", "铜仁市总工会"):
        assert (who, "山海同心") in runs and (who, "黔货进苏") in runs, runs
    assert ("苏州市总工会", "春风送岗") not in runs  # another paragraph: not the agreement's


@pytest.mark.parametrize(
    "sentence",
    [
        "近日,汉阴县总工会与石泉县总工会研究决定为红岭村捐赠一批化肥。",
        "汉阴县总工会与石泉县总工会共同帮扶红岭村。",
        "汉阴县总工会和石泉县总工会一起为红岭村送去化肥。",
        "汉阴县总工会联合石泉县总工会为红岭村送去化肥。",
        # 帮扶 with a quantity is a gift
        "此前,汉阴县总工会与石泉县总工会研究决定为红岭村每户困难户帮扶2吨煤。",
    ],
)
def test_bodies_written_acting_together_both_help(sentence):
    assert {("汉阴县总工会", "红岭村"), ("石泉县总工会", "红岭村")} <= _assists(sentence)


def test_a_body_met_before_the_help_is_not_a_giver():
    assert _assists("汉阴县总工会与石泉县总工会座谈后,为红岭村送去化肥。") == {("汉阴县总工会", "红岭村")}


def test_a_visit_to_inspect_or_exchange_is_not_help():
    for sentence in ("宜宾市总工会一行来到屏山县考察交流两地协作工作。", "宜宾市总工会代表团赴屏山县学习取经,座谈扶贫协作。"):
        x = extract(_article(sentence))
        assert ("宜宾市总工会", "屏山县") not in {(r.s, r.o) for r in x.relations if r.p == "assists"}, sentence


def test_a_visit_to_inspect_the_help_given_is_help():
    x = extract(_article("宜宾市总工会一行来到屏山县考察对口援建的职工之家。"))
    assert ("宜宾市总工会", "屏山县") in {(r.s, r.o) for r in x.relations if r.p == "assists"}


def test_a_sum_spent_on_several_places_goes_on_none_of_them():
    x = extract(_article("兴文县总工会投入40万元,分别用于石林村和东风村的产业发展。"))
    helped = {r.o: r.amount_yuan for r in x.relations if r.p == "assists"}
    assert helped == {"石林村": None, "东风村": None}


@pytest.mark.parametrize("sentence, pair", [
    ("宁强县总工会拿出20万元,为韩家坝村修建了灌溉水渠。", ("宁强县总工会", "韩家坝村")),
    ("去年以来,山丹县总工会为四坝村协调落实产业发展资金近20万元。", ("山丹县总工会", "四坝村")),
    ("为助力消费帮扶,宜宾市总工会组织干部职工认购屏山县石门村合作社农特产品,金额达12万元。", ("宜宾市总工会", "石门村合作社")),
])
def test_building_securing_funds_and_buying_for_a_recipient_are_help(sentence, pair):
    assert pair in _assists(sentence)


def test_east_west_cooperation_as_a_noun_names_no_recipient():
    assert ("宜宾市总工会", "屏山县") not in _assists("宜宾市总工会到屏山县开展东西部协作考察交流-新华网四川频道")


def test_a_work_team_helps_the_village_at_the_end_of_the_chain_in_its_name():
    got = _assists("宜宾市总工会驻屏山县中都镇石门村工作队为村民修了水渠。")
    assert ("宜宾市总工会驻石门村工作队", "石门村") in got
    assert ("宜宾市总工会驻石门村工作队", "屏山县") not in got


def test_a_service_visit_to_a_village_is_help():
    got = _assists("近日,宜宾市总工会组织劳模服务队走进屏山县中都镇石门村,为果农提供柑橘种植技术指导。")
    assert ("宜宾市总工会", "石门村") in got


def test_a_group_named_by_its_task_visits_for_the_articles_union():
    text = ("4月19日,宜宾市总工会“夏送清凉”活动走进屏山县,为一线职工送去党和政府的温暖与关怀。\n\n"
            "当天,慰问组来到屏山县石门茶业有限公司,走访慰问一线职工600余名,送去防暑降温物资。")
    assert ("宜宾市总工会", "屏山县石门茶业有限公司") in _assists(text)


def test_a_group_visiting_to_learn_helps_no_one():
    text = "宜宾市总工会召开工作会议。\n\n会后,调研组来到屏山县石门茶业有限公司,学习企业工会建设经验。"
    assert ("宜宾市总工会", "屏山县石门茶业有限公司") not in _assists(text)
