"""Rules first written for one report, tested on sentences of our own in
every form they claim to cover (县直/市直/区直 offices, 委 words, directive
frames, two-character names, coined activity names)."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import article_from_bytes


def names(sentence: str, kind: str) -> set[str]:
    article = article_from_bytes(sentence.encode("utf-8"), "example.txt")
    return {e.name for e in extract(article).entities if e.type == kind}


@pytest.mark.parametrize("sentence, union", [
    ("渭南市富平县县直机关工会组织干部职工购买滞销的柿饼。", "富平县县直机关工会"),
    ("铜川市总工会召集市直机关工会的负责同志商量年货采购。", "铜川市市直机关工会"),
    ("西安市碑林区区直机关工会给帮扶村送去了过冬的棉被。", "碑林区区直机关工会"),
])
def test_offices_union_of_county_city_and_district(sentence, union):
    assert union in names(sentence, "Union")


def test_offices_union_needs_a_place_of_its_level():
    assert not any("直机关" in n for n in names("咸阳市召开会议,县直机关工会委员会和各乡镇工会参会。", "Union"))


def test_bare_committee_not_read_from_a_common_word():
    assert names("在城固县,县委托第三方机构评估了帮扶成效。", "Organisation") == set()
    assert "城固县委" in names("在城固县,县委常委到村里调研。", "Organisation")


def test_directive_frame_names_no_body():
    assert "汉中市委" not in names("在汉中市,按照市委的统一部署,各级工会结对帮扶。", "Organisation")
    assert "汉中市委" in names("在汉中市,市委召开了扶贫工作会议。", "Organisation")


@pytest.mark.parametrize("sentence, person", [
    ("副主席周岚到企业走访困难职工。", "周岚"),
    ("帮扶组长魏巍向大家介绍了新政策。", "魏巍"),
    ("办公室主任冯涛把慰问金送到了老人手中。", "冯涛"),
    ("镇党委书记姜楠给老人送去米面。", "姜楠"),
])
def test_two_character_name_before_a_one_character_word(sentence, person):
    assert person in names(sentence, "Person")


def test_verb_and_post_after_a_post_is_no_name():
    assert names("成立了由副镇长任组长的帮扶小组。", "Person") == set()


def test_coined_activity_name_needs_a_programme_tail():
    assert "暖心行" in names("县总工会开展暖心行活动,走访了二十户职工。", "Programme")
    assert names("镇工会开展疗休养活动,职工报名踊跃。", "Programme") == set()


def test_industry_named_but_not_a_kind_of_industry():
    assert "中蜂产业" in names("工会帮助村里发展中蜂产业。", "Programme")
    assert "核桃产业" in names("在原有的核桃产业上,村里又种了花椒。", "Programme")
    assert names("县里着力培育新型产业。", "Programme") == set()


def test_items_of_a_counted_quoted_list():
    found = names("县总工会为各村开设了“电工、焊工、育婴”三项培训。", "Programme")
    assert {"电工", "焊工", "育婴"} <= found


@pytest.mark.parametrize("sentence, goods", [
    ("工会给每户困难职工送去5袋“爱心米”。", "爱心米"),
    ("市总工会向留守儿童发放“阳光成长卡”300张。", "阳光成长卡"),
])
def test_counted_quoted_goods(sentence, goods):
    assert goods in names(sentence, "Programme")


@pytest.mark.parametrize("sentence, person", [
    ("成立了由副镇长任副组长的帮扶小组。", None),
    ("工会副主席兼秘书长吕梅主持会议。", "吕梅"),
    ("副主席任志刚到企业走访。", "任志刚"),
])
def test_taking_a_post_is_no_name_but_the_surname_ren_is(sentence, person):
    people = names(sentence, "Person")
    assert people == ({person} if person else set())


def test_a_union_allocated_to_by_the_union_above_is_under_it():
    from kg.extract import extract
    from kg.ingest import article_from_bytes

    def subs(text):
        x = extract(article_from_bytes(text.encode("utf-8"), "a.txt"))
        return {(r.s, r.o) for r in x.relations if r.p == "subOrganisationOf"}

    assert subs("今年,全总向西藏自治区总工会拨付对口援藏资金2000万元。") == {("西藏自治区总工会", "中华全国总工会")}
    assert subs("日前,四川省总工会向宜宾市兴文县总工会下拨帮扶资金30万元。") == {("兴文县总工会", "四川省总工会")}
    # a partner in another province is helped, not led
    assert subs("北京市总工会向张家口市总工会拨付帮扶资金100万元。") == set()
    assert subs("重庆市总工会向宜宾市总工会拨付帮扶资金10万元。") == set()
