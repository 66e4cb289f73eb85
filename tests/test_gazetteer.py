"""Tests of kg.gazetteer against the real NBS 2023 data (kg/data/divisions.tsv.xz)."""

from __future__ import annotations

import time

import pytest

from kg.gazetteer import Division, derive_aliases, is_placeholder, load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    t0 = time.perf_counter()
    g = load_gazetteer()
    assert time.perf_counter() - t0 < 15  # ~1.3 s on a normal machine
    return g


@pytest.fixture(scope="module")
def surfaces(gaz):
    return dict(gaz.surfaces())


def only(divs: list[Division], level: str) -> Division:
    hits = [d for d in divs if d.level == level]
    assert len(hits) == 1, hits
    return hits[0]


def test_counts_per_level(gaz):
    counts = gaz.count_by_level()
    assert counts["province"] == 31
    assert 330 <= counts["prefecture"] <= 350
    assert 2900 <= counts["county"] <= 3000
    assert 40_000 <= counts["township"] <= 42_500
    assert 600_000 <= counts["village"] <= 640_000
    assert counts == {
        "province": 31,
        "prefecture": 342,
        "county": 2978,
        "township": 41352,
        "village": 620573,
    }


def test_by_code_and_levels(gaz):
    assert gaz.by_code("61") == Division("61", "陕西省", "province", None)
    assert gaz.by_code("6107") == Division("6107", "汉中市", "prefecture", "61")
    assert gaz.by_code("610722") == Division("610722", "城固县", "county", "6107")
    assert gaz.by_code("610722110") == Division("610722110", "天明镇", "township", "610722")
    assert gaz.by_code("610722110232") == Division("610722110232", "双元村", "village", "610722110")
    assert gaz.by_code("999999") is None


def test_shuangyuan_village_in_chenggu(gaz):
    chenggu = only(gaz.lookup("城固县"), "county")
    assert chenggu.code == "610722"
    hits = gaz.lookup("双元村")
    assert len(hits) > 3
    assert all(d.level == "village" and d.name == "双元村" for d in hits)
    inside = [d for d in hits if gaz.is_within(d.code, chenggu.code)]
    assert [d.code for d in inside] == ["610722110232"]
    assert gaz.chain_name("610722110232") == "陕西省汉中市城固县天明镇双元村"


def test_ancestors_of_village(gaz):
    anc = gaz.ancestors("610722110232")
    assert [(d.level, d.name) for d in anc] == [
        ("township", "天明镇"),
        ("county", "城固县"),
        ("prefecture", "汉中市"),
        ("province", "陕西省"),
    ]
    assert gaz.ancestors("61") == []
    assert gaz.ancestors("nope") == []


def test_is_within(gaz):
    assert gaz.is_within("610722110232", "61")
    assert gaz.is_within("610722110232", "6107")
    assert not gaz.is_within("610722110232", "610722110232")
    assert not gaz.is_within("610722110232", "62")
    assert not gaz.is_within("61", "610722")


def test_committee_suffixes_stripped(gaz):
    # upstream: 多福巷社区居委会, 落花营村村民委员会, 双元村委会
    assert gaz.by_code("110101001001").name == "多福巷社区"
    assert {d.name for d in gaz.lookup("落花营村")} == {"落花营村"}
    assert gaz.lookup("双元村委会") == []
    assert gaz.lookup("多福巷社区居委会") == []
    names = [gaz.by_code(c).name for c in ("610722110232", "110101001001")]
    assert not any(n.endswith(("委会", "委员会")) for n in names)


def test_autonomous_prefectures(gaz):
    yushu = gaz.by_code("6327")
    assert yushu.name == "玉树藏族自治州"
    assert gaz.aliases_of("6327") == ["玉树州", "玉树"]
    assert only(gaz.lookup("玉树州"), "prefecture") == yushu
    assert gaz.lookup("玉树藏族自治州") == [yushu]
    # 玉树 is also the short form of 玉树市 (county level)
    assert {d.code for d in gaz.lookup("玉树")} == {"6327", "632701"}
    assert gaz.aliases_of(only(gaz.lookup("伊犁哈萨克自治州"), "prefecture").code) == ["伊犁州", "伊犁"]
    assert gaz.aliases_of(only(gaz.lookup("恩施土家族苗族自治州"), "prefecture").code) == ["恩施州", "恩施"]
    assert gaz.aliases_of(only(gaz.lookup("黔西南布依族苗族自治州"), "prefecture").code) == ["黔西南州", "黔西南"]
    assert gaz.aliases_of(only(gaz.lookup("克孜勒苏柯尔克孜自治州"), "prefecture").code) == ["克孜勒苏州", "克孜勒苏"]
    assert gaz.aliases_of(only(gaz.lookup("海西蒙古族藏族自治州"), "prefecture").code) == ["海西州", "海西"]


def test_other_prefectures(gaz):
    assert gaz.aliases_of(only(gaz.lookup("张家口市"), "prefecture").code) == ["张家口"]
    assert gaz.aliases_of(only(gaz.lookup("和田地区"), "prefecture").code) == ["和田"]
    assert gaz.aliases_of(only(gaz.lookup("锡林郭勒盟"), "prefecture").code) == ["锡林郭勒"]
    assert only(gaz.lookup("锡林郭勒"), "prefecture").name == "锡林郭勒盟"


def test_counties(gaz):
    elc = gaz.by_code("150723")
    assert elc.name == "鄂伦春自治旗"
    assert gaz.lookup("鄂伦春旗") == [elc]
    assert gaz.aliases_of("150723") == ["鄂伦春旗", "鄂伦春"]
    assert gaz.aliases_of("150724") == ["鄂温克旗", "鄂温克"]  # 鄂温克族自治旗
    assert gaz.aliases_of(only(gaz.lookup("东乡族自治县"), "county").code) == ["东乡县", "东乡"]
    assert gaz.aliases_of(only(gaz.lookup("峨边彝族自治县"), "county").code) == ["峨边县", "峨边"]
    assert gaz.aliases_of(only(gaz.lookup("积石山保安族东乡族撒拉族自治县"), "county").code) == ["积石山县", "积石山"]
    assert gaz.aliases_of(only(gaz.lookup("龙胜各族自治县"), "county").code) == ["龙胜县", "龙胜"]
    assert gaz.aliases_of(only(gaz.lookup("囊谦县"), "county").code) == ["囊谦"]
    assert gaz.aliases_of(only(gaz.lookup("山阳县"), "county").code) == ["山阳"]
    assert gaz.aliases_of(only(gaz.lookup("汉滨区"), "county").code) == ["汉滨"]
    assert gaz.aliases_of(only(gaz.lookup("神木市"), "county").code) == ["神木"]
    assert gaz.aliases_of(only(gaz.lookup("正镶白旗"), "county").code) == ["正镶白"]
    assert gaz.aliases_of(only(gaz.lookup("巴林左旗"), "county").code) == []  # not "巴林左"
    assert gaz.aliases_of(only(gaz.lookup("管城回族区"), "county").code) == ["管城区", "管城"]
    assert gaz.aliases_of(only(gaz.lookup("梅里斯达斡尔族区"), "county").code) == ["梅里斯区", "梅里斯"]
    # one-character remainders are not short forms
    assert gaz.aliases_of(only(gaz.lookup("赵县"), "county").code) == []
    assert gaz.aliases_of(only(gaz.lookup("芒市"), "county").code) == []
    assert all(len(a) >= 2 for code in ("150723", "6327") for a in gaz.aliases_of(code))


def test_no_aliases_below_county(gaz):
    assert gaz.aliases_of("610722110") == []  # 天明镇
    assert gaz.aliases_of("610722110232") == []  # 双元村
    assert gaz.lookup("天明") == []


def test_provinces(gaz):
    xj = gaz.lookup("新疆")
    assert xj == [Division("65", "新疆维吾尔自治区", "province", None)]
    expect = {
        "河北": "河北省",
        "北京": "北京市",
        "内蒙古": "内蒙古自治区",
        "广西": "广西壮族自治区",
        "宁夏": "宁夏回族自治区",
        "西藏": "西藏自治区",
        "黑龙江": "黑龙江省",
    }
    for short, full in expect.items():
        assert only(gaz.lookup(short), "province").name == full


def test_every_autonomous_alias_is_clean(gaz):
    for code in (c for c in gaz._names if len(c) <= 6):
        for a in gaz.aliases_of(code):
            assert len(a) >= 2
            assert "族" not in a and "自治" not in a, (code, a)


def test_derive_aliases_function():
    assert derive_aliases("香港特别行政区", "province") == ("香港",)
    assert derive_aliases("巴音郭楞蒙古自治州", "prefecture") == ("巴音郭楞州", "巴音郭楞")
    assert derive_aliases("察布查尔锡伯自治县", "county") == ("察布查尔县", "察布查尔")
    assert derive_aliases("天明镇", "township") == ()
    assert derive_aliases("市辖区", "prefecture") == ()


def test_beijing_placeholder(gaz):
    xicheng = only(gaz.lookup("西城区"), "county")
    assert xicheng.code == "110102"
    assert xicheng.parent == "1101"  # the 市辖区 row, by code prefix
    assert gaz.by_code("1101").name == "市辖区"
    assert [d.name for d in gaz.ancestors("110102")] == ["北京市"]
    assert gaz.chain_name("110102") == "北京市西城区"
    assert gaz.is_within("110102", "11")
    kids = gaz.children("11")
    assert all(d.level == "county" for d in kids)
    assert "西城区" in {d.name for d in kids} and len(kids) == 16
    # 济源市 hangs under 河南省's 省直辖县级行政区划 row
    jiyuan = only(gaz.lookup("济源市"), "county")
    assert [d.name for d in gaz.ancestors(jiyuan.code)] == ["河南省"]
    assert jiyuan in gaz.children("41")


def test_placeholders_are_not_surfaces(gaz, surfaces):
    for name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "县直辖村级区划"):
        assert is_placeholder(name)
        assert gaz.lookup(name) == []
        assert name not in surfaces
    assert gaz.by_code("5002").name == "县"  # still resolvable by code


def test_surfaces(gaz, surfaces):
    assert surfaces["城固县"] is True
    assert surfaces["双元村"] is True
    assert surfaces["玉树州"] is False
    assert surfaces["新疆"] is False
    assert surfaces["恩施州"] is False
    assert surfaces["内蒙古"] is False
    # 北京 is also a full name: 北京居委会 villages in Shanghai became "北京"
    assert surfaces["北京"] is True
    assert all(len(s) >= 2 for s in surfaces)
    assert 330_000 < len(surfaces) < 360_000
    for s in ("鄂伦春旗", "恩施州", "张家口"):
        assert gaz.lookup(s)


def test_children(gaz):
    kids = gaz.children("610722110")
    assert all(d.level == "village" and d.parent == "610722110" for d in kids)
    assert "双元村" in {d.name for d in kids}
    assert [d.name for d in gaz.children("61")][:2] == ["西安市", "铜川市"]
    assert gaz.children("610722110232") == []
    assert len(gaz.children("1101")) == 16  # a placeholder's own children


def test_duplicate_names_resolve_to_all(gaz):
    # 鼓楼区 exists in four cities; all four come back
    assert len([d for d in gaz.lookup("鼓楼区") if d.level == "county"]) == 4
    # 东莞市: prefecture row plus a county-level row with the same name
    assert sorted(d.level for d in gaz.lookup("东莞市")) == ["county", "prefecture"]
