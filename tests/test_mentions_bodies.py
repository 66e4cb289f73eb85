"""Organisations and unions beyond the listed suffixes: each rule on a sentence of our own."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.ingest import article_from_bytes


def names(sentence: str, kind: str) -> set[str]:
    article = article_from_bytes(sentence.encode("utf-8"), "example.txt")
    return {e.name for e in extract(article).entities if e.type == kind}


@pytest.mark.parametrize(
    "sentence, name",
    [
        # a service team named by what it does needs no place
        ("市总工会组织巾帼技能帮扶服务队走进了石门村。", "巾帼技能帮扶服务队"),
        # a university named by a region and its disciplines needs no gazetteer place
        ("华南农业大学的专家来到村里指导种植。", "华南农业大学"),
        # a state group's branch keeps the group's name before its place
        ("中国移动宁县分公司为村里装了宽带。", "中国移动宁县分公司"),
        # departments of a county or province
        ("宁县退役军人事务局慰问了老兵。", "宁县退役军人事务局"),
        # a group's company named by its number, opening a clause
        ("三公司职工踊跃为结对村捐款。", "三公司"),
        # an institution's office whose union is named
        ("学院后勤管理处工会组织会员到村里义务劳动。", "学院后勤管理处"),
        # a family farm or a branded cooperative needs no place before it
        ("开业两年的丰源家庭农场带动了30户农户。", "丰源家庭农场"),
        ("村里新办的金穗果蔬专业合作社收购了全部柑橘。", "金穗果蔬专业合作社"),
        # the body that sends a team or an office leads its name
        ("苏州市帮扶铜仁市工作队队长陈立出席了仪式。", "苏州市帮扶铜仁市工作队"),
        ("南宁市人民政府驻深圳办事处牵头组织招聘会。", "南宁市人民政府驻深圳办事处"),
        # 县委 alone is the committee of the county the report is about
        ("盐源县总工会慰问了困难职工。县委常委、副县长王强出席。", "盐源县委"),
        ("太平镇党委组织党员为村民修路。", "太平镇党委"),
        # 省 is a 省, not a municipality named first
        ("北京市总工会的慰问团到了。座谈会上,省人大常委会一位副主任致辞。甘肃省的代表也发了言。", "甘肃省人大常委会"),
        # an order in the next clause is not about this one
        ("云南省人大常委会副主任出席,全省干部要按照部署抓好落实。", "云南省人大常委会"),
        ("由市国资委与西宁市总工会共同主办的展销会开幕了。", "西宁市国资委"),
        ("安康市农场管理局的职工捐了款。", "安康市农场管理局"),
        # works named by what they make or extract
        ("镇上联系靖边采油厂等企业认购了村里的小米。", "靖边采油厂"),
        ("县总工会联系金鼎水泥厂为村里捐赠水泥。", "金鼎水泥厂"),
        # a quoted union of model workers (联合体) is a body, not a programme
        ("十名劳模组建“果树劳模技术创新联合体”,带动农户增收。", "果树劳模技术创新联合体"),
        ("天津市扶贫支援办牵头组织了展销会。", "天津市扶贫支援办"),
    ],
)
def test_an_organisation_is_found(sentence, name):
    assert name in names(sentence, "Organisation")


@pytest.mark.parametrize(
    "sentence, not_a_body",
    [
        ("志愿者服务队为老人理发。", "志愿者服务队"),
        ("他考上了重点理工大学。", "重点理工大学"),
        # a county and a cooperative head alone: the county's cooperatives, no one of them
        ("当地探索“石泉县合作社+农户”的路子。", "石泉县合作社"),
        # a number before 公司 inside a clause is a count, not a name
        ("村里与一公司签了收购合同。", "一公司"),
        ("此处工会干部很多。", "此处"),
        # kinds of body, not named ones
        ("镇上扶持了一批规模化家庭农场。", "规模化家庭农场"),
        # a verb before a place-led name is not part of it
        ("工会积极对接吴江市丝绸公司,帮村民卖蚕茧。", "接吴江市丝绸公司"),
        # orders from above name no body (the province is named, so 省政府 could be completed)
        ("贵州省黔西县总工会组织干部下乡。这项工作是在省委、省政府的关心和领导下推进的。", "贵州省政府"),
        # a grade of bodies after a place (省级, 县级) names none
        ("湖南省级农民专业合作社示范社又添3家。", "湖南省级农民专业合作社"),
        # an event word: a clause ran on into the next one's subject
        ("工会组织职工为石门镇困难群众捐款活动公司员工踊跃参加。", "石门镇困难群众捐款活动公司"),
    ],
)
def test_a_kind_of_body_or_an_order_names_no_organisation(sentence, not_a_body):
    assert not_a_body not in names(sentence, "Organisation")


@pytest.mark.parametrize(
    "sentence, not_a_union",
    [
        ("参加座谈的还有宁波市几个对口协作区总工会的负责同志。", "协作区总工会"),
    ],
)
def test_a_relation_word_names_no_union(sentence, not_a_union):
    assert not any(not_a_union in n for n in names(sentence, "Union"))


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("按照全国总工会的要求,开展送温暖活动。", "中华全国总工会"),
        ("2022年3月,彭城县古柳镇大坪村联合工会成立。", "大坪村联合工会"),
        ("河南省邮政工会组织职工到村里义务劳动。", "河南省邮政工会"),
        # the union of a body's own offices
        ("省总工会联系了四川省总工会机关工会,采购了一批土鸡。", "四川省总工会机关工会"),
        # 区直/县直/市直机关工会: the offices of the place whose federation is named
        ("麦积区总工会这次请区直机关工会出面,动员干部认购土豆。", "麦积区区直机关工会"),
        ("县直机关工会的干部到岷县总工会报名参加义务植树。", "岷县县直机关工会"),
        ("张掖市总工会统计,市直机关工会今年共采购蔬菜五吨。", "张掖市市直机关工会"),
    ],
)
def test_a_union_is_found(sentence, name):
    assert name in names(sentence, "Union")


@pytest.mark.parametrize(
    "sentence, name, short",
    [
        # 楚雄州工会 is the 州总工会 named before it, written short
        ("州总工会主席带队到楚雄州永仁县调研,表示楚雄州工会将继续支持县里的职工服务。", "楚雄州总工会", "楚雄州工会"),
    ],
)
def test_a_place_union_written_short_is_its_federation(sentence, name, short):
    found = names(sentence, "Union")
    assert name in found and short not in found


def test_a_place_union_with_no_federation_named_stays_as_written():
    assert "和平县工会" in names("和平县工会向困难职工发放慰问金。", "Union")


def test_a_department_written_short_is_the_one_named_in_full():
    sentence = "临川区发展和改革委员会牵头编制了帮扶规划。会后,区发改委又派人下乡。"
    article = article_from_bytes(sentence.encode("utf-8"), "example.txt")
    orgs = [e for e in extract(article).entities if e.type == "Organisation"]
    assert [e.name for e in orgs] == ["临川区发展和改革委员会"]


def test_a_department_written_only_short_keeps_its_name():
    assert "临川区发改委" in names("临川区发改委派人下乡。", "Organisation")


def organisations(sentence: str) -> dict[str, list[str]]:
    article = article_from_bytes(sentence.encode("utf-8"), "example.txt")
    return {e.name: e.aliases for e in extract(article).entities if e.type == "Organisation"}


def test_a_body_named_with_its_place_written_short_is_the_one_named_in_full():
    orgs = organisations("江门市新会区法院受理了此案。半年后,新会法院依法拍卖了资产。")
    assert "新会法院" not in orgs
    assert any("新会法院" in aliases for aliases in orgs.values())


def test_a_level_word_and_a_head_is_the_one_body_of_that_place_with_that_head():
    orgs = organisations("山西省电信分公司的员工来到村里。省分公司安排他们修好了宽带。")
    assert list(orgs) == ["山西省电信分公司"]
    assert "省分公司" in orgs["山西省电信分公司"]


def test_a_village_committee_written_without_villagers_is_the_village():
    assert organisations("今年,石门村委员会和驻村工作队修通了道路。") == {}


def test_zong_in_a_unions_own_body_stands_for_its_federation():
    orgs = organisations("安康市总工会困难职工帮扶中心接待了职工。近年来,安康市总帮扶中心多次受到表彰。")
    assert list(orgs) == ["安康市总工会困难职工帮扶中心"]


def test_the_union_of_this_company_is_the_union_of_the_one_company_named_before():
    text = "石门村是宏远建材有限公司的定点帮扶村。今年,该公司工会为村里修了水渠。"
    unions = {e.name: e.aliases for e in extract(article_from_bytes(text.encode("utf-8"), "example.txt")).entities
              if e.type == "Union"}
    assert "该公司工会" in unions.get("宏远建材有限公司工会", [])
    two = "宏达集团和恒源食品有限公司都来了。该集团工会捐了款。"
    assert "宏达集团工会" in names(two, "Union")
