"""People found beyond speech verbs: each rule on a sentence of our own."""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.people import boundary_words, name_by_words
from kg.ingest import article_from_bytes


def people(sentence: str) -> set[str]:
    article = article_from_bytes(sentence.encode("utf-8"), "example.txt")
    return {e.name for e in extract(article).entities if e.type == "Person"}


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("(责编:钱小川、孙立平)", "孙立平"),
        ("文章作者:周晓梅 吴涛/编辑:郑凯/审签:冯国庆", "冯国庆"),
        ("文章作者:周晓梅 吴涛/编辑:郑凯/审签:冯国庆", "吴涛"),
        ("县总工会派出二级巡视员姚建平到村里调研。", "姚建平"),
        ("副县长孔令辉主持了当天的座谈会。", "孔令辉"),
        ("队员石海燕顺手接过了村民的背篓。", "石海燕"),
        ("年过六旬的村委会主任邱长顺腿脚不太灵便。", "邱长顺"),
        ("建档立卡户洪德胜家里只有两间土房。", "洪德胜"),
        ("52岁的韩桂兰正在大棚里摘黄瓜。", "韩桂兰"),
        ("记者见到“第一书记”罗永福时,他正在地里。", "罗永福"),
        ("座谈会上,大家交流了对习近平总书记回信的体会。", "习近平"),
        ("合作社的路终于修好了。(曹文斌)", "曹文斌"),
        # a two-character name ends before a one-character word never in a name
        ("二级调研员梁峰到镇上主持培训。", "梁峰"),
        ("二级调研员梁峰在镇上主持培训。", "梁峰"),
        ("一级调研员梁峰把慰问金交给了老人。", "梁峰"),
    ],
)
def test_a_name_after_a_cue_is_found(sentence, name):
    assert name in people(sentence)


@pytest.mark.parametrize(
    "sentence, not_a_name",
    [
        ("一位村民高兴地说,日子越过越好。", "高兴地"),
        ("养殖户由过去的散养改为圈养。", "由过去"),
        ("驻村干部和部分村民代表座谈。", "和部分"),
        ("县里的帮扶小组由分管副县长任组长。", "任组"),
    ],
)
def test_a_word_after_a_cue_is_not_a_name(sentence, not_a_name):
    assert not_a_name not in people(sentence)


def test_the_words_after_a_name_decide_its_length():
    assert name_by_words("联络员周明来到村里", 3) == (3, 5)  # 周明|来到
    assert name_by_words("联络员周明华来到村里", 3) == (3, 6)
    assert name_by_words("村民高兴地说", 2) is None  # 高兴 is a word, not a name


def test_boundary_words_are_common_words_only():
    words = boundary_words()
    assert {"来到", "接受", "高兴"} <= words
    assert "王海" not in words and len(words) > 10000
