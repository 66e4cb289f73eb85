"""English and pinyin labels by rule, and their way into the graph."""

import pytest

from kg.labels import english_person, english_place, english_union, pinyin


@pytest.mark.parametrize(
    "name, level, english",
    [
        ("阜平县", "county", "Fuping County"),
        ("西安市", "prefecture", "Xi'an City"),
        ("北京市", "province", "Beijing"),
        ("新疆维吾尔自治区", "province", "Xinjiang Uygur Autonomous Region"),
        ("玉树藏族自治州", "prefecture", "Yushu Tibetan Autonomous Prefecture"),
        ("湘西土家族苗族自治州", "prefecture", "Xiangxi Tujia and Miao Autonomous Prefecture"),
        ("兴州街道", "township", "Xingzhou Subdistrict"),
        ("龙泉关村", "village", "Longquanguan Village"),
    ],
)
def test_place_names_in_english(name, level, english):
    assert english_place(name, level) == english


def test_no_rule_no_label():
    assert english_place("宣房集团") is None
    assert english_person("玉素甫江·卡斯木") is None
    assert english_union("宣房集团工会", None, None) is None


def test_people_surname_first_and_unions_of_a_place():
    assert english_person("薛涛") == "Xue Tao"
    assert english_person("欧阳明辉") == "Ouyang Minghui"
    assert english_union("西城区总工会", "西城区", "county") == "Xicheng District Federation of Trade Unions"
    assert english_union("中华全国总工会", None, None) == "All-China Federation of Trade Unions"
    assert pinyin("汉中") == "han zhong"


def test_labels_reach_the_graph(sample_kb, sample_dataset):
    from rdflib import Literal
    from rdflib.namespace import SKOS

    beijing = next(e for e in sample_kb.entities.values() if e.name == "北京市总工会")
    assert beijing.english == "Beijing Federation of Trade Unions"
    labels = set(sample_dataset.objects(None, SKOS.prefLabel))
    assert Literal("Beijing Federation of Trade Unions", lang="en") in labels
    assert Literal("bei jing shi zong gong hui", lang="zh-Latn-pinyin") in labels


def test_cached_readings_are_pypinyins_own():
    """`labels.lazy_pinyin` calls pypinyin's converter directly (built once);
    it must read every name as `pypinyin.lazy_pinyin` does, on any pypinyin."""
    import pypinyin

    from kg.labels import lazy_pinyin

    names = ["阜平县总工会", "重庆市", "长沙县", "朝阳区", "单县", "乐山市", "银行", "行政村", "蚌埠", "六安市", "郑默杰", "a村2组"]
    assert [lazy_pinyin(n) for n in names] == [pypinyin.lazy_pinyin(n) for n in names]
