"""Relations between the mentions of one article.

Sentence-level rules: who helps whom (a body, a cue word of help, the place
or body after it), who runs what (the body nearest before a programme), where
things are, who holds which post, administrative chains.  Amounts and years
attach to a relation when they sit in its clause (or, for years, its
paragraph lead).
"""

from __future__ import annotations

import re

from ..model import Relation
from .lexicon import ASSIST_CUES
from .places import LEVEL_RANK
from .text import Found, Sentences, clause_bounds

_ASSIST = re.compile("|".join(map(re.escape, sorted(ASSIST_CUES, key=len, reverse=True))))
_PAIR_HEADING = re.compile(r"^[—\-]*与(?P<who>[^:\n]{2,20}):")
_POINT = re.compile(r"是(?P<donor_end>)")
_MOVE = ("在", "到", "赴", "前往", "来到", "走进", "深入", "于")
_WHOLE = re.compile(r"全(县|区|市|镇|乡|省)")


def _rel(s: str, p: str, o: str, start: int, end: int, **kw) -> Relation:
    return Relation(s=s, p=p, o=o, start=start, end=end, **kw)


def build_relations(*, text, places, unions, orgs, people, programmes, amounts, years, role_before, titles_before) -> list[Relation]:
    sents = Sentences(text)
    bodies = sorted(unions + orgs, key=lambda f: f.start)
    rels: list[Relation] = []
    rels += _based_in(unions, orgs, places)
    rels += _part_of(text, places, sents)
    rels += _posts(text, people, bodies, places, role_before, titles_before, sents)
    rels += _assists(text, places, bodies, amounts, years, sents)
    rels += _runs_and_located(text, places, bodies, programmes, amounts, years, sents)
    return _dedupe(rels)


def _dedupe(rels: list[Relation]) -> list[Relation]:
    out: dict[tuple, Relation] = {}
    for r in rels:
        if r.s == r.o:
            continue
        key = r.key()
        cur = out.get(key)
        if cur is None:
            out[key] = r
        else:
            if cur.amount_yuan is None and r.amount_yuan is not None:
                cur.amount_yuan, cur.approximate = r.amount_yuan, r.approximate
            if cur.year is None and r.year is not None:
                cur.year = r.year
    return list(out.values())


# ----------------------------------------------------------------------------- basedIn / partOf


def _based_in(unions, orgs, places) -> list[Relation]:
    place_names = {p.name for p in places}
    out = []
    for b in unions + orgs:
        where = b.info.get("place_of")
        if where and where in place_names:
            out.append(_rel(b.name, "basedIn", where, b.start, b.end))
    return out


def _part_of(text, places, sents) -> list[Relation]:
    out = []
    ordered = sorted(places, key=lambda p: p.start)
    parent_of: dict[int, Found] = {}
    for i, p in enumerate(ordered):
        prev = ordered[i - 1] if i else None
        if prev is not None and prev.end == p.start and LEVEL_RANK[prev.info["level"]] < LEVEL_RANK[p.info["level"]]:
            parent_of[i] = prev
            out.append(_rel(p.name, "partOf", prev.name, prev.start, p.end))
        elif prev is not None and p.start == prev.end + 1 and text[prev.end] == "、":
            # A、B、C after a chain share the parent of A.
            j = i - 1
            if j in parent_of and prev.info["level"] == p.info["level"]:
                parent_of[i] = parent_of[j]
                out.append(_rel(p.name, "partOf", parent_of[j].name, p.start, p.end))
    return out


# ----------------------------------------------------------------------------- posts and titles


def _posts(text, people, bodies, places, role_before, titles_before, sents) -> list[Relation]:
    out = []
    anchors = sorted(bodies + places, key=lambda f: f.start)
    for person in people:
        if person.info.get("how") not in ("post", "translit", "list", "speech"):
            continue
        for body, role, rstart in role_before(text, person.start, anchors, people):
            target = body
            if any(w in role for w in ("第一书记", "工作队队长", "驻村")):
                s0, _ = sents.bounds(person.start)
                villages = [p for p in places if p.info["level"] == "village" and s0 <= p.start < person.start]
                if villages:
                    target = villages[-1]
            if role.startswith("工会") and target is not None and target.type == "Organisation":
                union = next((b for b in bodies if b.type == "Union" and b.name == target.name + "工会"), None)
                if union is not None:
                    target = union
            if target is None:
                continue
            out.append(_rel(person.name, "holdsPost", target.name, min(rstart, target.start), person.end, role=role))
        for title in titles_before(text, person.start):
            out.append(_rel(person.name, "hasTitle", title, max(0, person.start - len(title) - 1), person.end))
    return out


# ----------------------------------------------------------------------------- money and years near a span


def _amount_in(amounts, start, end):
    inside = [a for a in amounts if start <= a.start and a.end <= end]
    return inside[0] if inside else None


def _year_for(years, text, sents, pos) -> int | None:
    s0, s1 = sents.bounds(pos)
    in_sentence = [y for (a, b, y) in years if s0 <= a < s1]
    if in_sentence:
        return in_sentence[0]
    p0, _ = sents.paragraph_bounds(pos)
    lead = [y for (a, b, y) in years if p0 <= a < pos]
    return lead[-1] if lead else None


# ----------------------------------------------------------------------------- assists


def _terminal(places_after: list[Found]) -> list[Found]:
    """The most specific place of each chain (河北省保定市阜平县 -> 阜平县)."""
    out = []
    for i, p in enumerate(places_after):
        nxt = places_after[i + 1] if i + 1 < len(places_after) else None
        if nxt is not None and nxt.start == p.end:
            continue
        out.append(p)
    return out


def _assists(text, places, bodies, amounts, years, sents) -> list[Relation]:
    out = []
    mentions = sorted(places + bodies, key=lambda f: f.start)
    topic: Found | None = None
    for s0, s1 in sents.spans():
        sentence = text[s0:s1]
        in_sent = [m for m in mentions if s0 <= m.start < s1]
        bodies_in = [b for b in in_sent if b.type in ("Union", "Organisation")]
        # "——与张家口市总工会: 2019年, 北京市总工会投入100万元": a pairing heading.
        head = _PAIR_HEADING.match(sentence)
        if head:
            who = [m for m in in_sent if m.start < s0 + head.end()]
            donors = [b for b in bodies_in if b.start >= s0 + head.end() and b.type == "Union"]
            if who and donors:
                recipient = who[-1] if who[-1].type != "Place" else who[-1]
                amount = _amount_in(amounts, donors[0].end, s1)
                out.append(_rel(donors[0].name, "assists", recipient.name, s0, s1,
                                amount_yuan=amount.yuan if amount else None,
                                approximate=amount.approximate if amount else False,
                                year=_year_for(years, text, sents, donors[0].start)))
        if bodies_in and bodies_in[0].start - s0 < 12:
            topic = bodies_in[0]
        for cue in _ASSIST.finditer(sentence):
            c = s0 + cue.start()
            donors = [b for b in bodies_in if b.end <= c]
            donor = donors[-1] if donors else topic
            if donor is None:
                continue
            after = [m for m in in_sent if m.start >= s0 + cue.end()]
            recipients = _recipients(text, after, s0 + cue.end())
            if not recipients:
                # 叶坪镇是…总工会包抓点: the recipient comes first.
                lead = [m for m in in_sent if m.type == "Place" and m.end <= donor.start]
                if lead and text[lead[-1].end : lead[-1].end + 1] == "是":
                    recipients = [lead[-1]]
            for r in recipients:
                if r.name == donor.name:
                    continue
                c0, c1 = clause_bounds(text, r.start)
                amount = _amount_in(amounts, min(c, c0), c1)
                out.append(_rel(donor.name, "assists", r.name, min(donor.start, r.start), max(r.end, c + 1),
                                amount_yuan=amount.yuan if amount else None,
                                approximate=amount.approximate if amount else False,
                                year=_year_for(years, text, sents, c)))
    return out


def _recipients(text: str, after: list[Found], pos: int) -> list[Found]:
    """The place(s) or body right after a cue word, with a 、-list."""
    if not after:
        return []
    first = after[0]
    gap = text[pos : first.start]
    if len(gap) > 8 or any(ch in gap for ch in ",。;:!?"):
        return []
    group = [first]
    last = first
    for m in after[1:]:
        between = text[last.end : m.start]
        if between in ("", "、", "和", "及", "与") or (len(between) <= 3 and between.endswith("、")):
            group.append(m)
            last = m
        else:
            break
    places_ = _terminal([g for g in group if g.type == "Place"])
    places_ = [p for p in places_ if p.info["level"] != "province" or len(places_) == 1]
    bodies_ = [g for g in group if g.type != "Place"]
    return places_ + bodies_


# ----------------------------------------------------------------------------- runs / locatedIn


def _runs_and_located(text, places, bodies, programmes, amounts, years, sents) -> list[Relation]:
    out = []
    topic: Found | None = None
    ordered_bodies = sorted(bodies, key=lambda b: b.start)
    for prog in sorted(programmes, key=lambda p: p.start):
        s0, s1 = sents.bounds(prog.start)
        before = [b for b in ordered_bodies if s0 <= b.start and b.end <= prog.start]
        runner = before[-1] if before else None
        if runner is None:
            # the body that heads the paragraph runs what it lists
            p0, _ = sents.paragraph_bounds(prog.start)
            lead = [b for b in ordered_bodies if p0 <= b.start < prog.start]
            runner = lead[0] if lead else None
        if runner is not None:
            c0, c1 = clause_bounds(text, prog.start)
            amount = _amount_in(amounts, max(c0, runner.end), c1)
            out.append(_rel(runner.name, "runs", prog.name, runner.start, prog.end,
                            amount_yuan=amount.yuan if amount else None,
                            approximate=amount.approximate if amount else False,
                            year=_year_for(years, text, sents, prog.start)))
        for place in _programme_places(text, prog, places, runner, s0, s1):
            out.append(_rel(prog.name, "locatedIn", place.name, min(prog.start, place.start), max(prog.end, place.end)))
    return out


def _programme_places(text, prog, places, runner, s0, s1) -> list[Found]:
    if prog.info.get("place") is not None:
        return [prog.info["place"]]
    inside = [p for p in places if prog.start <= p.start and p.end <= prog.end]
    if inside:
        return _terminal(inside)[-1:]
    moved = [
        p for p in places
        if s0 <= p.start < s1 and any(text.endswith(w, 0, p.start) for w in _MOVE)
        and LEVEL_RANK[p.info["level"]] >= 1
    ]
    if moved:
        return _terminal(moved)
    if runner is not None and runner.type == "Union" and _WHOLE.search(text, s0, s1):
        where = runner.info.get("place_of")
        return [p for p in places if p.name == where][:1]
    return []
