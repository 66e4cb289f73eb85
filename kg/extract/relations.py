"""Relations between the mentions of one article: every family's rules, then
one deduplication.

The families live in `kg.extract.rules`: rows of `*.tsv` files run by the
engine (`rules.engine`), and the readings too intricate for a row
(`rules.assists`, `rules.runs`, `rules.posts`, `rules.structure`).  Which
amount and year go with a fact is decided once, in `rules.attach`.
"""

from __future__ import annotations

from ..model import Relation
from .doc import Doc
from .rules.assists import assists_by_cue
from .rules.attach import complete_from_report
from .rules.common import top_level
from .rules.engine import CueIndex, rule_files, run_rules
from .rules.posts import longest_titles, posts_and_titles
from .rules.runs import runs_and_located
from .rules.structure import allocated_to_lower, based_in, direct_parents_only, part_of, sub_organisation
from .rules.titles import titles_before_names
from .text import Found, Sentences


def build_relations(doc: Doc, *, role_before, titles_before) -> list[Relation]:
    """Every relation of one article, read from its `Doc`."""
    text, places, unions, orgs, people, programmes = doc.text, doc.places, doc.unions, doc.orgs, doc.people, doc.programmes
    amounts = doc.amounts
    sents = Sentences(text)
    cues = CueIndex(text)  # each distinct cue is matched once, for every family
    bodies = sorted(unions + orgs, key=lambda f: f.start)
    rels: list[Relation] = []
    rels += based_in(unions, orgs, places, text)
    rels += part_of(text, places, sents, bodies)
    rels += sub_organisation(text, unions, sents)
    rels += allocated_to_lower(text, unions, places)
    rels += posts_and_titles(text, people, bodies, places, role_before, titles_before, sents, doc)
    # ids of the relations of a pairing listed year by year (kept apart by
    # year); every relation stays referenced in `rels` until deduplicated
    per_year: list[Relation] = []
    rels += assists_by_cue(text, places, bodies, programmes, amounts, doc, sents, per_year)
    rels += runs_and_located(text, places, bodies, programmes, amounts, doc, sents, people, cues=cues)
    rels += run_rules(doc, rule_files()["assists"], bodies=top_level(bodies), cues=cues)
    rels += titles_before_names(doc)
    # what a fact's own reading left open, from the rest of the report
    return complete_from_report(doc, _dedupe(longest_titles(rels), places, per_year))


def _dedupe(rels: list[Relation], places: list[Found], per_year: list[Relation]) -> list[Relation]:
    rels = direct_parents_only(rels, places)
    out: dict[tuple, Relation] = {}
    per_year_keys = {r.key() for r in per_year}
    # a pairing listed by year keeps one relation per year; other readings of
    # the same pair add nothing to it
    rels = [r for r in rels if r in per_year or r.key() not in per_year_keys]
    for r in rels:
        if r.s == r.o:
            continue
        key = r.key() + ((r.year,) if r in per_year else ())
        cur = out.get(key)
        if cur is None:
            out[key] = r
        else:
            if r.amount_yuan is not None and (cur.amount_yuan is None or r.amount_gap < cur.amount_gap):
                cur.amount_yuan, cur.approximate, cur.amount_gap = r.amount_yuan, r.approximate, r.amount_gap
            if cur.year is None and r.year is not None:
                cur.year = r.year
    return list(out.values())

