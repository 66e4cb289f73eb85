"""basedIn, partOf and subOrganisationOf: where bodies are, chains of places as
written, a body under another (在某总工会的指导下).
"""

from __future__ import annotations

import re

from ...gazetteer import load_gazetteer
from ...model import Relation
from ..places import LEVEL_RANK
from ..text import Found
from .common import rel


_APPOSITIVE_END = re.compile(r"的(?:一家|一所|一个|一座)?[\u4e00-\u9fff]{0,6}(?:——|—|:)$")


def based_in(unions, orgs, places, text="") -> list[Relation]:
    place_names = {p.name for p in places}
    by_end = {p.end: p for p in places}
    out = []
    for b in unions + orgs:
        where = b.place_of
        if where and where in place_names:
            out.append(rel(b.name, "basedIn", where, b.start, b.end))
    for o in orgs:
        # 某某市的一家屠宰企业——某某公司: the place the text says the body is in
        m = _APPOSITIVE_END.search(text, max(0, o.start - 14), o.start)
        place = by_end.get(m.start()) if m else None
        if place is not None:
            out.append(rel(o.name, "basedIn", place.name, place.start, o.end))
    return out


def part_of(text, places, sents, bodies=()) -> list[Relation]:
    """Chains as written (四川省凉山州美姑县, 内蒙古的科尔沁旗), a 、-list after
    a chain sharing its parent, and a place whose official parent the
    article names."""
    out = []
    ordered = sorted(places, key=lambda p: p.start)
    parent_of: dict[int, Found] = {}
    for i, p in enumerate(ordered):
        prev = ordered[i - 1] if i else None
        if prev is None:
            continue
        gap = text[prev.end : p.start]
        if gap in ("", "的") and LEVEL_RANK[prev.level] < LEVEL_RANK[p.level]:
            parent_of[i] = prev
            out.append(rel(p.name, "partOf", prev.name, prev.start, p.end))
        elif gap == "、" and (i - 1) in parent_of and prev.level == p.level:
            parent_of[i] = parent_of[i - 1]
            out.append(rel(p.name, "partOf", parent_of[i].name, p.start, p.end))
    gaz = load_gazetteer()
    by_code: dict[str, list[Found]] = {}  # code -> its mentions, in order
    for p in places:
        if p.code:
            by_code.setdefault(p.code, []).append(p)
    for p in places:
        code = p.code
        if not code:
            continue
        ancestors = gaz.ancestors(code)
        if ancestors and ancestors[0].code in by_code:
            parent = by_code[ancestors[0].code][0]
            # Said in one sentence (怒江州…拨付给泸水市、福贡县), or a township of
            # the district the article is about (玉林街道 of 武侯区).
            # (a parent written only inside a body's name counts when that body
            # hands down to the place: 某地区工会拨付给某县)
            here = sents.index(p.start)
            same_sentence = any(sents.index(q.start) == here and _parent_mention_counts(text, q, p, bodies)
                                for q in by_code[parent.code])
            if same_sentence or (p.level == "township" and parent.level == "county"):
                out.append(rel(p.name, "partOf", parent.name, p.start, p.end))
    return out


_HANDS_DOWN = re.compile(r"(?:拨付给|下拨给|下拨到|分配给|划拨给|拨付到|下达给)")


def _parent_mention_counts(text: str, q: Found, child: Found, bodies) -> bool:
    """A parent mention supports partOf unless it is only the place in front of
    a body's name (四川省总工会 … 凉山州 says nothing about where 凉山州 is)."""
    owner = next((b for b in bodies if b.start <= q.start and q.end <= b.end), None)
    if owner is None:
        return True
    between = text[owner.end : child.start] if owner.end <= child.start else ""
    return bool(between) and len(between) <= 40 and _HANDS_DOWN.search(between) is not None and not any(ch in between for ch in "。;；")


_LEADERSHIP = re.compile(r"在(?P<body>[^,。]{2,20}?)的(?:领导|指导)下")


def sub_organisation(text, unions, sents) -> list[Relation]:
    """公司工会在市总工会的指导下开展…: the subject union is under the other."""
    out = []
    for m in _LEADERSHIP.finditer(text):
        s0, _ = sents.bounds(m.start())
        head = [u for u in unions if u.start < m.end() and m.start("body") <= u.start]
        subject = [u for u in unions if s0 <= u.start and u.end <= m.start()]
        if head and subject and head[0].name != subject[-1].name:
            out.append(rel(subject[-1].name, "subOrganisationOf", head[0].name, subject[-1].start, m.end()))
    return out


# 某省总工会向某县总工会拨付…: a union allocating to a union below it
_ALLOCATES_TO = re.compile(r"[^,。;:]{0,4}(?:向|给)")
_ALLOCATION = re.compile(r"[^,。;:]{0,12}?(?:拨付|下拨|划拨)")
_NATIONAL = "中华全国总工会"


def _code_prefix(code: str) -> str:
    """The digits a division's code shares with every division inside it
    (510000 -> 51, 511500 -> 5115)."""
    while code.endswith("00"):
        code = code[:-2]
    return code


def allocated_to_lower(text, unions, places) -> list[Relation]:
    """某省总工会向某县总工会拨付帮扶资金 / 全总向某区总工会下拨…: the union
    allocated to is under the giver when its place lies in the giver's (or
    the giver is 全总); a partner elsewhere (对口 pairings) is not.

    Examples
    --------
    >>> from kg.extract import extract
    >>> from kg.ingest import article_from_bytes
    >>> x = extract(article_from_bytes("四川省总工会向宜宾市总工会拨付帮扶资金80万元。".encode(), "a.txt"))
    >>> [(r.s, r.o) for r in x.relations if r.p == "subOrganisationOf"]
    [('宜宾市总工会', '四川省总工会')]
    """
    code = {p.name: p.code for p in places if p.code}
    out = []
    ordered = sorted(unions, key=lambda u: u.start)
    for a, b in zip(ordered, ordered[1:]):
        if not (_ALLOCATES_TO.fullmatch(text, a.end, b.start) and _ALLOCATION.match(text, b.end)):
            continue
        upper, lower = code.get(a.place_of or ""), code.get(b.place_of or "")
        below = upper and lower and lower != upper and lower.startswith(_code_prefix(upper))
        if a.name == _NATIONAL or below:
            out.append(rel(b.name, "subOrganisationOf", a.name, a.start, b.end))
    return out


def direct_parents_only(rels: list[Relation], places: list[Found]) -> list[Relation]:
    """Of the parents an article gives a place (四川 and 凉山州 for 美姑县),
    keep the most specific one."""
    rank = {p.name: LEVEL_RANK[p.level] for p in places}
    best: dict[str, Relation] = {}
    for r in rels:
        if r.p == "partOf":
            cur = best.get(r.s)
            if cur is None or rank.get(r.o, 0) > rank.get(cur.o, 0):
                best[r.s] = r
    return [r for r in rels if r.p != "partOf" or best[r.s] is r]

