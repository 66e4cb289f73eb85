"""Held-out reports: six invented articles in the style of workers' papers
from other provinces (tests/data/heldout), with gold written before the
extractor was run on them.  Floors sit a little below the scores reached, so
a regression in how these reports are read fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import extract
from kg.ingest import article_from_bytes

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"


@pytest.fixture(scope="module")
def heldout() -> dict:
    from kg.pipeline import extract_folder

    return {Path(x.article.path).stem: x for x in extract_folder(HELDOUT).extractions}


def _rels(x, p=None):
    return [r for r in x.relations if p is None or r.p == p]


def _x(text: str):
    return extract(article_from_bytes(text.encode("utf-8"), "t.txt"))


def test_heldout_quality_floor(heldout):
    from kg.evaluate import score_dirs

    preds = {stem: x.to_json() for stem, x in heldout.items()}
    assert len(preds) == 6
    score = score_dirs(HELDOUT / "gold", preds)
    # reached when written: entities 1.000, relations 0.974 (P 0.983, R 0.966),
    # amounts 22/22, years 24/24
    assert score.micro("entities").f1 >= 0.97
    assert score.micro("entities").precision >= 0.97
    assert score.micro("relations").f1 >= 0.94
    assert score.micro("relations").recall >= 0.93
    assert score.amount_accuracy >= 0.95
    assert score.year_accuracy >= 0.95
    for p in ("assists", "runs", "holdsPost", "partOf", "basedIn", "locatedIn"):
        assert score.relations[p].f1 >= 0.90, p


def test_speech_verb_is_not_part_of_the_name(heldout):
    x = heldout["01_sichuan_liangshan_pairing"]
    people = {e.name for e in x.entities if e.type == "Person"}
    assert "刘志强" in people and "刘志强说" not in people
    assert ("刘志强", "四川省总工会", "党组书记、常务副主席") in {(r.s, r.o, r.role) for r in _rels(x, "holdsPost")}
    y = _x("会上，镇党委副书记孙立新说，扶贫车间明年还要扩建。")
    assert {e.name for e in y.entities if e.type == "Person"} == {"孙立新"}


def test_post_after_is_and_in_brackets():
    x = _x("周海燕是青海省总工会的党组书记、副主席。她说，今年将继续加大帮扶力度。")
    assert ("周海燕", "holdsPost", "青海省总工会", "党组书记、副主席") in {(r.s, r.p, r.o, r.role) for r in x.relations}
    y = _x("会上，周海燕（青海省总工会的党组书记、副主席）作了讲话。")
    assert ("周海燕", "holdsPost", "青海省总工会", "党组书记、副主席") in {(r.s, r.p, r.o, r.role) for r in y.relations}


def test_short_form_union_is_the_federation_named_in_full(heldout):
    x = heldout["04_zhejiang_ningbo_kuqa_aid"]
    ningbo = x.entity("宁波市总工会")
    assert ningbo is not None and ningbo.place == "宁波市"
    assert "市总" in ningbo.aliases and "市总工会" in ningbo.aliases
    kuqa = x.entity("库车市总工会")
    assert kuqa is not None and "市总" not in kuqa.aliases
    runs = {(r.s, r.o): r for r in _rels(x, "runs")}
    assert runs[("宁波市总工会", "甬库职工之家")].amount_yuan == 1_800_000
    assert ("库车市总工会", "金秋助学") in runs  # the partner after 联合
    # 盟总工会, and 科右前旗 for a banner written in full elsewhere
    y = heldout["06_inner_mongolia_hinggan_gacha"]
    assert "盟总工会" in y.entity("兴安盟总工会").aliases
    banner_union = y.entity("科尔沁右翼前旗总工会")
    assert banner_union is not None and banner_union.place == "科尔沁右翼前旗"
    assert y.entity("科尔沁右翼前旗农牧局") is not None


def test_same_named_villages_are_linked_by_their_county(heldout):
    x = heldout["05_gansu_dingxi_same_named_villages"]
    xinhua, guangming = x.entity("新华村"), x.entity("光明村")
    assert xinhua.code and xinhua.code.startswith("621122")  # 陇西县
    assert guangming.code and guangming.code.startswith("621124")  # 临洮县
    assert xinhua.within == "陇西县" and guangming.within == "临洮县"
    # a village's committee is the village: the post is held there
    assert ("李秀兰", "光明村") in {(r.s, r.o) for r in _rels(x, "holdsPost")}
    assert x.entity("河北省") is None  # 渭河北岸


def test_pairing_list_keeps_one_relation_per_year(heldout):
    x = heldout["01_sichuan_liangshan_pairing"]
    got = {(r.o, r.year, r.amount_yuan) for r in _rels(x, "assists") if r.s == "四川省总工会"}
    assert {("昭觉县", 2018, 3_000_000), ("昭觉县", 2019, 4_200_000),
            ("布拖县", 2019, 2_800_000), ("布拖县", 2020, 3_500_000), ("美姑县", 2019, 2_600_000)} <= got
    # a parent written only in front of a union's name places nothing
    assert ("凉山彝族自治州", "四川省") not in {(r.s, r.o) for r in _rels(x, "partOf")}


def test_northern_names_and_first_secretary(heldout):
    x = heldout["06_inner_mongolia_hinggan_gacha"]
    people = {e.name for e in x.entities if e.type == "Person"}
    assert {"其木格", "孟和巴雅尔"} <= people
    assert x.entity("同乡村") is None  # 同乡村振兴衔接
    y = heldout["02_guizhou_wangmo_first_secretary"]
    assert ("杨光明", "holdsPost", "纳管村", "驻村第一书记") in {(r.s, r.p, r.o, r.role) for r in y.relations}


def test_readings_of_other_regions():
    # 区总工会 in a report on an autonomous region is the region's federation
    x = _x("宁夏回族自治区总工会近日召开会议。会上，区总工会副主席马志远说，要把帮扶资金用好。")
    assert ("马志远", "holdsPost", "宁夏回族自治区总工会", "副主席") in {(r.s, r.p, r.o, r.role) for r in x.relations}
    # four-character Tibetan names after a role word; an adverb is not a name's end
    y = _x("慰问组看望了困难职工次旦平措一家。某某公司工会主席李明、项目经理赵刚也参加了慰问。")
    people = {e.name for e in y.entities if e.type == "Person"}
    assert {"次旦平措", "李明", "赵刚"} <= people and "赵刚也" not in people
    # an honour after 是
    z = _x("市总工会主席周立平是全国劳动模范。他说，劳模要带头。")
    assert ("周立平", "hasTitle", "全国劳动模范") in {(r.s, r.p, r.o) for r in z.relations}


def test_dev_and_seed_relations_floor():
    """The 46 dev reports and the 5 seeds of ../shared scored together
    (skipped without them).  Reached when written: relations micro F1 0.788
    (P 0.859, R 0.728), amounts 27/30, years 31/36; dev alone 0.729.  After the
    one-report rules and table rows were dropped: 0.787 (P 0.860, R 0.725);
    dev alone 0.725.  Raised at stop 17 to just under what it reached then:
    entities 0.943, relations 0.878, amounts 38/42, years 55/62; at stop 18 to just under 0.952, 0.895, 44/44, 61/64.  These are
    dev-tuned numbers, not held-out evidence."""
    from conftest import SHARED

    from kg.evaluate import Score, score_dirs
    from kg.ingest import read_article

    total = Score()
    for corpus, gold in (("dev", "gold-dev"), ("seeds", "gold")):
        corpus_dir, gold_dir = SHARED / "corpus" / corpus, SHARED / "eval" / gold
        if not gold_dir.is_dir() or not any(corpus_dir.glob("*.txt")):
            pytest.skip(f"{corpus_dir} or {gold_dir} not found")
        preds = {p.stem: extract(read_article(p)).to_json() for p in sorted(corpus_dir.glob("*.txt"))}
        total.merge(score_dirs(gold_dir, preds))
    assert total.micro("entities").f1 >= 0.945
    assert total.micro("relations").f1 >= 0.885
    assert total.amount_accuracy >= 0.95
    assert total.year_accuracy >= 0.92
    for p, floor in (("assists", 0.88), ("holdsPost", 0.92), ("hasTitle", 0.92), ("runs", 0.84),
                     ("partOf", 0.91), ("basedIn", 0.93), ("locatedIn", 0.71)):
        assert total.relations[p].f1 >= floor, p
