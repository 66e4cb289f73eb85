"""Each row of a relation rule file is tested on its own example sentence:
the row alone yields its triple on the example, and so does the whole
extractor.  One parametrised test per rule file."""

from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.extract import extract, read_doc
from kg.extract.rules.engine import read_rules, rule_files, run_rules
from kg.ingest import article_from_bytes


def _article(sentence: str):
    return article_from_bytes(sentence.encode("utf-8"), "example.txt")


def check_row(rule) -> None:
    doc, _ = read_doc(_article(rule.example))
    alone = {(r.s, r.p, r.o) for r in run_rules(doc, (rule,))}
    assert rule.yields in alone, f"{rule.source} {rule.id}: {alone}"
    whole = {(r.s, r.p, r.o) for r in extract(_article(rule.example)).relations}
    assert rule.yields in whole, f"{rule.source} {rule.id}: {whole}"


@pytest.mark.parametrize("rule", rule_files()["assists"], ids=lambda r: r.id)
def test_assists_rows(rule):
    check_row(rule)


def test_a_row_does_not_fire_without_its_cue_context():
    visit = next(r for r in rule_files()["assists"] if r.id == "visit")
    doc, _ = read_doc(_article("宜宾市总工会一行来到屏山县参加运动会。"))
    assert run_rules(doc, (visit,)) == []


def test_stationed_office_is_not_help():
    x = extract(_article("宜宾市人民政府驻屏山县办事处组织了座谈。"))
    assert not [r for r in x.relations if r.p == "assists"]


def test_bad_rule_file_names_file_and_row(tmp_path):
    bad = tmp_path / "broken.tsv"
    bad.write_text("r1\tassists\tsideways\tnearest\t帮扶\t\tPlace\t\t\tno\t例句。\ta|assists|b\n", encoding="utf-8")
    with pytest.raises(KGError, match=r"broken.tsv:.*r1.*order"):
        read_rules(bad)
    bad.write_text("r2\tassists\tactor-cue-object\tnearest\t(帮扶\t\tPlace\t\t\tno\t例句。\ta|assists|b\n", encoding="utf-8")
    with pytest.raises(KGError, match=r"r2: bad regular expression"):
        read_rules(bad)


def test_passive_frame_needs_its_help_words():
    passive = next(r for r in rule_files()["assists"] if r.id == "with_help_of")
    doc, _ = read_doc(_article("石林村的会议在兴文县总工会的礼堂召开。"))
    assert run_rules(doc, (passive,)) == []


def test_gift_amount_carried_by_a_value_clause():
    x = extract(_article("兴文县总工会向石林村捐赠大米和食用油,价值约8000元,帮助村民过冬。"))
    gift = [r for r in x.relations if r.p == "assists" and r.o == "石林村"]
    assert gift and gift[0].amount_yuan == 8000 and gift[0].approximate


def test_sentence_scope_takes_only_a_sole_spent_sum():
    x = extract(_article("宜宾市总工会投入5万元,在所挂钩的屏山县石门村修路,又投入3万元建水池。"))
    paired = [r for r in x.relations if r.p == "assists" and r.o == "石门村"]
    assert paired and all(r.amount_yuan is None for r in paired)


def test_prior_amount_is_the_sole_sum_spent_before_the_cue():
    x = extract(_article("宜宾市总工会今年投入20万元,支持屏山县总工会建设职工之家。"))
    helped = [r for r in x.relations if r.p == "assists" and r.o == "屏山县总工会"]
    assert helped and helped[0].amount_yuan == 200000


def test_help_in_a_place_needs_a_help_verb():
    x = extract(_article("宜宾市总工会在屏山县石门村召开了座谈会。"))
    assert not [r for r in x.relations if r.p == "assists"]


def test_a_body_visited_or_helped_before_is_not_the_next_actor():
    x = extract(_article("宜宾市总工会看望了屏山县总工会干部,指导对口援建的兴文县总工会开展工作。"))
    actors = {r.s for r in x.relations if r.p == "assists" and r.o == "兴文县总工会"}
    assert actors == {"宜宾市总工会"}
