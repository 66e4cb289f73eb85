"""Each row of ``runs.tsv`` is tested on its own example sentence: the row
alone yields its triple, and so does the whole extractor; and the rows
replace the subject's reading only where they read the sentence."""

from __future__ import annotations

import pytest

from kg.extract import extract, read_doc
from kg.extract.rules.engine import rule_files, run_rules
from kg.ingest import article_from_bytes


def _article(sentence: str):
    return article_from_bytes(sentence.encode("utf-8"), "example.txt")


def _runs(sentence: str) -> set[tuple[str, str, str]]:
    return {(r.s, r.p, r.o) for r in extract(_article(sentence)).relations if r.p == "runs"}


@pytest.mark.parametrize("rule", rule_files()["runs"], ids=lambda r: r.id)
def test_runs_rows(rule):
    doc, _ = read_doc(_article(rule.example))
    alone = {(r.s, r.p, r.o) for r in run_rules(doc, (rule,))}
    assert rule.yields in alone, f"{rule.source} {rule.id}: {alone}"
    assert rule.yields in _runs(rule.example)


def test_the_receiving_union_does_not_run_the_gift():
    got = _runs("兴文县总工会还捐赠屏山县总工会“书香兴文职工读书卡”200张。")
    assert ("屏山县总工会", "runs", "书香兴文职工读书卡") not in got


def test_the_visited_school_does_not_run_the_activity():
    got = _runs("兴文县总工会一行来到石林村小学,开展“书香伴成长”主题活动。")
    assert ("石林村小学", "runs", "书香伴成长") not in got


def test_without_a_visit_the_nearest_body_still_runs_it():
    got = _runs("兴文县总工会指导石林村小学开展“书香伴成长”主题活动。")
    assert ("石林村小学", "runs", "书香伴成长") in got
