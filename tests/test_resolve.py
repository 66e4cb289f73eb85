"""Resolution: one node per real entity across articles, stable keys."""

from kg.resolve import resolve


def test_same_union_in_two_articles_is_one_node(sample_extractions, sample_kb):
    beijing = sample_kb.by_name("北京市总工会")
    assert len(beijing) == 1 and beijing[0].key == "union/11"
    assert len(beijing[0].articles) >= 1
    xinjiang = sample_kb.by_name("新疆维吾尔自治区总工会")
    assert [e.key for e in xinjiang] == ["union/65"]


def test_places_keyed_by_division_code_and_unlinked_places_by_parent(sample_kb):
    village = sample_kb.by_name("双元村")[0]
    assert village.key == "place/610722110232" and village.level == "village"
    renamed = sample_kb.by_name("凤楼镇")[0]
    assert renamed.code is None and renamed.key.startswith("place/x")
    assert renamed.place_key == "place/611023"  # 商南县


def test_keys_are_deterministic(sample_extractions, sample_kb):
    again = resolve(sample_extractions)
    assert set(again.entities) == set(sample_kb.entities)
    assert [f.key for f in again.facts] == [f.key for f in sample_kb.facts]


def test_fact_quotes_are_original_text(sample_extractions, sample_kb):
    originals = {x.article.id: x.article.original for x in sample_extractions}
    for f in sample_kb.facts:
        for ev in f.evidence:
            assert originals[ev.article_id][ev.start : ev.end] == ev.quote
    # the traditional-character GB18030 article keeps its own characters
    trad = [f for f in sample_kb.facts if "甘肅" in f.quote or "總工會" in f.quote]
    assert trad


def test_a_pairing_told_year_by_year_stays_one_fact_per_year():
    from kg.extract import extract
    from kg.ingest import article_from_bytes
    from kg.resolve import resolve

    text = ("某省总工会对口帮扶情况\n"
            "四川省总工会多年来对口帮扶凉山州。\n"
            "——昭觉县：2018年，四川省总工会投入帮扶资金80万元；2019年，四川省总工会投入帮扶资金120万元。\n")
    kb = resolve([extract(article_from_bytes(text.encode("utf-8"), "yearly.txt"))])
    years = sorted((f.year, f.amount_yuan) for f in kb.facts if f.p == "assists" and f.amount_yuan)
    assert years == [(2018, 800000), (2019, 1200000)]


def test_the_examples_in_the_docstrings_hold():
    import doctest

    import kg.evaluate
    import kg.resolve

    for module in (kg.resolve, kg.evaluate):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
