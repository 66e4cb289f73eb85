"""Villages named by a role, a commendation or a verb are not places (each on a sentence of our own)."""

from __future__ import annotations

import pytest

from kg.extract.places import find_places


def villages(sentence: str) -> set[str]:
    return {f.surface for f in find_places(sentence) if f.info["level"] == "village"}


@pytest.mark.parametrize(
    "sentence, not_a_village",
    [
        ("县总工会干部到帮扶村走访了十户农户。", "帮扶村"),
        ("市总工会到乡村振兴包保村开展调研。", "包保村"),
        ("全县围绕小康村建设投入了资金。", "小康村"),
        ("工会整修了建设村文化室。", "建设村"),
        ("工作队帮助发展村集体经济。", "发展村"),
    ],
)
def test_a_role_or_a_verb_before_cun_names_no_village(sentence, not_a_village):
    assert not_a_village not in villages(sentence)


@pytest.mark.parametrize(
    "sentence, village",
    [
        ("石门镇文明村的村民种上了茶树。", "文明村"),   # after its township it is a name
        ("青山镇建设村村委会组织村民修路。", "建设村"),
    ],
)
def test_the_same_words_after_a_township_are_a_village(sentence, village):
    assert village in villages(sentence)
