"""Each row of a mention table (kg/data/mentions/*.tsv) is tested on its own
example: a sentence of our own in which the whole extractor must find the
row's expected mention.  One parametrised test per table."""

from __future__ import annotations

import pytest

from kg.errors import KGError
from kg.extract import extract
from kg.extract.lexicon import mention_table, parse_table
from kg.ingest import article_from_bytes


def found(sentence: str, kind: str) -> set[str]:
    article = article_from_bytes(sentence.encode("utf-8"), "example.txt")
    return {e.name for e in extract(article).entities if e.type == kind}


def rows(table: str):
    return [pytest.param(r, id=f"{r.line}:{r.forms[0]}") for r in mention_table(table)]


@pytest.mark.parametrize("row", rows("people_cues.tsv"))
def test_people_cue_row(row):
    """The example has no speech verb (说, 表示) that would find the name
    without the row; a title row must also give the person its title."""
    article = article_from_bytes(row.example.encode("utf-8"), "example.txt")
    result = extract(article)
    assert row.expected in {e.name for e in result.entities if e.type == "Person"}
    if row.kind == "title":
        titles = {r.o for r in result.relations if r.p == "hasTitle" and r.s == row.expected}
        assert titles & set(row.forms), titles


def test_each_people_cue_form_has_one_kind():
    kinds: dict[str, set[str]] = {}
    for r in mention_table("people_cues.tsv"):
        for form in r.forms:
            kinds.setdefault(form, set()).add(r.kind)
    assert {f: k for f, k in kinds.items() if len(k) > 1} == {}
    forms = [f for r in mention_table("people_cues.tsv") for f in r.forms]
    assert sorted({f for f in forms if forms.count(f) > 1}) == []


@pytest.mark.parametrize("row", rows("organisation_heads.tsv"))
def test_organisation_head_row(row):
    assert row.expected in found(row.example, "Organisation")


@pytest.mark.parametrize("row", rows("union_heads.tsv"))
def test_union_head_row(row):
    assert row.expected in found(row.example, "Union")


@pytest.mark.parametrize("row", rows("programme_words.tsv"))
def test_programme_word_row(row):
    assert row.expected in found(row.example, "Programme")


def test_a_bad_table_is_named_with_its_line():
    text = "kind\tforms\texample\texpected\npost\t主席\t书记王强说。\t王强\n"
    with pytest.raises(KGError, match=r"bad\.tsv: line 2: the example uses none"):
        parse_table("bad.tsv", text)
    with pytest.raises(KGError, match=r"bad\.tsv: line 2 has 3 cells"):
        parse_table("bad.tsv", "kind\tforms\texample\texpected\npost\t主席\t主席王强说。\n")
    with pytest.raises(KGError, match="lacks the column"):
        parse_table("bad.tsv", "kind\tforms\texample\n")


@pytest.mark.parametrize("row", rows("name_edges.tsv"))
def test_name_edge_row(row):
    """The name ends (or does not start) where the row says: the example
    gives the expected person and not the wrong reading."""
    people = found(row.example, "Person")
    assert row.expected in people
    assert row.extra["wrong"] not in people
