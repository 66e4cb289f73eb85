"""Research tables over real extractions."""

from kg.analysis import funding_by, pairings, people, places_by_level, total_checks, unions_by_level


def test_itemised_pairings_add_up_to_the_stated_total(seed_extractions):
    checks = total_checks(seed_extractions)
    beijing = [c for c in checks if c.donor == "北京市总工会"]
    assert beijing, "the Beijing report states a total for its pairings"
    assert beijing[0].stated_total == 10_400_000
    assert beijing[0].adds_up and beijing[0].items == 6


def test_funding_by_recipient_province(seed_extractions):
    by_province = funding_by(pairings(seed_extractions))
    assert by_province["新疆维吾尔自治区"] == 2_000_000  # 和田地区; the 十四师 union is no territorial federation
    assert by_province["河北省"] == 1_000_000


def test_first_secretaries_and_model_workers(seed_extractions):
    rows = people(seed_extractions)
    village_posts = {(r.person, r.where) for r in rows if r.village_post}
    assert ("简海俊", "双元村") in village_posts
    assert ("郝焕刚", "阿道亥村") in village_posts
    assert any(r.person == "刘西有" and r.model_worker for r in rows)


def test_union_hierarchy_and_places_by_level(sample_extractions):
    unions = unions_by_level(sample_extractions)
    assert "北京市总工会" in unions["province"]
    assert "西城区总工会" in unions["county"]
    places = places_by_level(sample_extractions)
    assert {"双元村", "小栗园村", "龙泉关村"} <= places["village"]
