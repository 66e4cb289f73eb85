"""Places: the gazetteer pass over a text."""

import random

import pytest

from kg.extract.lexicon import mention_table
from kg.extract.places import find_places, place_index


@pytest.fixture(scope="module")
def index():
    return place_index()


def _whole_text_matches(index, text):
    return [(end + 1 - len(s.text), end + 1, s) for end, s in index.automaton.iter_long(text)]


def test_stretch_search_finds_what_one_pass_finds(index):
    # texts packed with names, pieces of names and names run together, so
    # that runs of linked characters start, end and overlap in every way
    names = sorted(index.automaton.keys())
    rng = random.Random(10)
    for _ in range(300):
        parts = []
        for _ in range(rng.randrange(1, 12)):
            name = rng.choice(names)
            a = rng.randrange(len(name))
            b = rng.randrange(a, len(name)) + 1
            parts.append(rng.choice([name, name[a:b], name[a:], name[:b]]))
            parts.append(rng.choice(["", "", "的", "和", "、", "工会", "县", "开展"]))
        text = "".join(parts)
        assert index.name_matches(text) == _whole_text_matches(index, text), text


def test_names_at_the_edges_of_a_text_are_found(index):
    text = "张家口市和保定"
    got = [(a, b, s.text) for a, b, s in index.name_matches(text)]
    assert got == [(0, 4, "张家口市"), (5, 7, "保定")]
    assert [f.surface for f in find_places("我们到了河北省张家口市。")] == ["河北省", "张家口市"]


def test_a_village_of_many_names_links_to_the_one_in_the_county_named():
    # 建设村 names some 150 villages, one of them in 古蔺县
    got = [(f.surface, f.info["code"]) for f in find_places("工会干部走进古蔺县的建设村,又去了建设村小学。")]
    assert got == [("古蔺县", "510525"), ("建设村", "510525109209"), ("建设村", "510525109209")]
    # with no place around it to vote, it stays unlinked
    assert [f.info["code"] for f in find_places("工会干部走进建设村。")] == [None]


def test_a_chain_predecessor_links_a_village_of_many_names():
    got = [f.info["code"] for f in find_places("古蔺县观文镇建设村")]
    assert got == ["510525", "510525109", "510525109209"]


def test_unknown_townships_and_villages_are_read_after_a_known_place():
    got = [(f.surface, f.info["level"], f.info["code"]) for f in find_places("古蔺县云雾岭镇石门沟村的工会")]
    assert got == [("古蔺县", "county", "510525"), ("云雾岭镇", "township", None), ("石门沟村", "village", None)]
    got = [(f.surface, f.info["level"]) for f in find_places("古蔺县石门沟村,石门沟村的职工")]
    assert got == [("古蔺县", "county"), ("石门沟村", "village"), ("石门沟村", "village")]
    # nothing after a village, and no chain name after a generic word
    assert [f.surface for f in find_places("古蔺县的工会")] == ["古蔺县"]


def test_a_long_banner_name_is_known_again_by_its_short_form():
    text = "兴安盟科尔沁右翼前旗总工会,科右前旗工会干部到科右前旗的村里。"
    got = [(f.surface, f.info["code"], bool(f.info.get("abbreviation"))) for f in find_places(text)]
    assert got == [("兴安盟", "1522", False), ("科尔沁右翼前旗", "152221", False),
                   ("科右前旗", "152221", True), ("科右前旗", "152221", True)]


@pytest.mark.parametrize(
    "row", [pytest.param(r, id=f"{r.line}:{r.forms[0]}") for r in mention_table("village_role_words.tsv")]
)
def test_village_role_word_row(row):
    """Each row of village_role_words.tsv on its own example: the village
    named by the role or commendation word is no place; the real one is."""
    surfaces = {f.surface for f in find_places(row.example)}
    assert row.expected in surfaces
    assert row.extra["wrong"] not in surfaces

