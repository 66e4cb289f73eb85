"""assists readings too intricate for a table row (assists.tsv holds the rest):
help cue words with their fallbacks, pairing headings and lists by year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Relation
from ..lexicon import ASSIST_CUES
from ..programmes import village_in_focus
from ..doc import Doc
from ..text import ByStart, Containers, Found, clause_bounds
from .attach import amount_for, year_for
from .common import LIST_HEADING, MainUnion, amount_kw, is_object, joint_group, rel, terminal, top_level


_ASSIST = re.compile("(?:" + "|".join(map(re.escape, sorted(ASSIST_CUES, key=len, reverse=True))) + ")(?!中心|站)")


_PAIR_HEADING = re.compile(r"[—\-]*与(?P<who>[^:\n]{2,20}):")


@dataclass
class _Sentence:
    """One sentence under reading: its span, mentions, bodies and the body
    the passage is about so far (`topic`)."""

    start: int
    end: int
    mentions: list
    bodies: list
    topic: Found | None


def assists_by_cue(text, places, bodies, programmes, amounts, doc, sents, per_year: list[Relation]) -> list[Relation]:
    """Help read from cue words and the pairing layouts of these reports."""
    out = []
    top = top_level(bodies)
    main = MainUnion(top)
    # a place written inside a body's name (威宁县 in 威宁县总工会) is not a recipient
    in_body = Containers(top)
    places = [p for p in places if not in_body.holds(p.start, p.end)]
    mentions = ByStart(places + top)
    covered = bytearray(len(text) + 1)
    for f in places + bodies + programmes:
        covered[f.start : f.end] = b"\x01" * (f.end - f.start)
    villages = sorted((p for p in places if p.level == "village"), key=lambda p: p.start)
    topic: Found | None = None
    topic_paragraph = -1
    for s0, s1 in sents.spans():
        in_sent = mentions.between(s0, s1)
        bodies_in = [b for b in in_sent if b.type in ("Union", "Organisation")]
        paragraph = sents.paragraph_bounds(s0)[0]
        if paragraph != topic_paragraph:
            topic = None
        head = _PAIR_HEADING.match(text, s0, s1)
        if head:
            out += _pair_heading(text, s0, head.end(), in_sent, mentions, doc, sents)
        listed = LIST_HEADING.match(text, s0, s1) if not head else None
        if listed:
            out += _listed_pairing(text, s0, s1, listed.end(), in_sent, top, main, amounts, doc, sents, per_year)
        if bodies_in and bodies_in[0].start - s0 < 12:
            topic, topic_paragraph = bodies_in[0], paragraph
        here = _Sentence(s0, s1, in_sent, bodies_in, topic)
        for cue in _ASSIST.finditer(text, s0, s1):
            if not covered[cue.start()]:
                out += _help_at_cue(doc, here, cue, villages)
    return out


def _pair_heading(text, s0, head_end, in_sent, mentions, doc, sents) -> list[Relation]:
    """——与怒江州总工会: heads the paragraphs of one pairing: the union
    named after it helps the partner of the heading."""
    who = [m for m in in_sent if m.start < head_end]
    follow = [b for b in mentions.between(head_end, head_end + 80) if b.type == "Union"]
    donors = [b for b in follow if not who or b.name != who[-1].name]
    if not (who and donors):
        return []
    d = donors[0]
    _, d_end = sents.bounds(d.start)
    amount = amount_for(doc, d.end, d.end, d_end)
    return [rel(d.name, "assists", who[-1].name, s0, d_end, **amount_kw(amount), year=year_for(doc, d.start))]


def _help_at_cue(doc: Doc, here: _Sentence, cue: re.Match, villages) -> list[Relation]:
    """某总工会帮扶某村 (and A联合B帮扶…): the acting body before the cue, else
    the passage's topic, helps the recipients after it."""
    text, c = doc.text, cue.start()
    donors = [b for b in here.bodies if b.end <= c and not is_object(text, b)]
    donor = donors[-1] if donors else here.topic
    if donor is None:
        return []
    joint = joint_group(text, [b for b in here.bodies if b.end <= c], donor) if donors else []
    donor = joint[0] if joint else donor
    recipients = _cue_recipients(doc, here, cue, donor, villages)
    out = []
    for r in recipients:
        if r.name in (donor.name, donor.place_of):
            continue
        # one amount for a list of recipients is their total, not each one's
        amount = amount_for(doc, r.end, c, clause_bounds(text, r.start)[1], recipients=len(recipients))
        if amount is None and len(recipients) == 1 and donors and donor.end <= c:
            # 省总工会投入150万元,支持县总工会…: the sum spent in the clause before the cue
            c0, _ = clause_bounds(text, c)
            p0, _ = clause_bounds(text, max(here.start, c0 - 2))
            amount = amount_for(doc, c, max(donor.end, p0), c, spent_only=True, sole=True)
        for d in joint or [donor]:
            if r.name != d.name:
                out.append(rel(d.name, "assists", r.name, min(d.start, r.start), max(r.end, c + 1),
                               **amount_kw(amount if d is donor else None), year=year_for(doc, c)))
    return out


def _cue_recipients(doc: Doc, here: _Sentence, cue: re.Match, donor, villages) -> list:
    """Who a help cue helps: the mentions right after it, else a place before
    it (某镇是…包联点; 在某村援建…), else the village in focus (在村里…)."""
    text = doc.text
    recipients = _recipients(text, [m for m in here.mentions if m.start >= cue.end()], cue.end())
    if not recipients:
        # 石门镇是…总工会包联点: the recipient comes first.
        lead = [m for m in here.mentions if m.type == "Place" and m.end <= donor.start]
        if lead and text[lead[-1].end : lead[-1].end + 1] == "是":
            recipients = [lead[-1]]
    if not recipients:
        # 在某某县某某村援建…: the place the help is given in
        recipients = _place_right_before(text, here.mentions, cue.start(), donor)
    if not recipients and _IN_THE_VILLAGE.search(text, cue.end(), here.end):
        # 投入帮扶资金…,在村里开办…: the village the passage is about
        v = village_in_focus(text, villages, cue.start())
        recipients = [v] if v is not None else []
    return recipients


_IN_THE_VILLAGE = re.compile(r"(?:在|为|给)(?:村里|村中|村内|该村|本村)")


def _segments(text: str, a: int, b: int):
    """The parts of a span between semicolons."""
    start = a
    for i in range(a, b):
        if text[i] in ";；":
            yield start, i
            start = i + 1
    if start < b:
        yield start, b


def _listed_pairing(text, s0, s1, head_end, in_sent, top, main, amounts, doc, sents, per_year) -> list[Relation]:
    """——某某县:2018年投入300万元…;2019年投入…: the article's union helps the
    listed partner, one relation per year with that year's sum (these
    per-year relations also go into `per_year`)."""
    who = [m for m in in_sent if m.start < head_end and m.type in ("Place", "Union")]
    if not who or (head_end - 1 - who[0].start) - sum(m.end - m.start for m in who) > 2 or who[0].start - s0 > 4:
        return []  # the heading is a partner's name, not a title (——记某某总工会驻村干部…:)
    places_ = terminal([m for m in who if m.type == "Place"])
    recipient = who[-1] if who[-1].type == "Union" else places_[-1]
    givers = [b for b in top if head_end <= b.start < s1 and b.type == "Union" and b.name != recipient.name
              and not is_object(text, b) and _SPEND_VERB.match(text, b.end)]
    donor = givers[0] if givers else main.at(s0)
    if donor is None or donor.name == recipient.name:
        return []
    out = []
    year = None
    for g0, g1 in _segments(text, head_end, s1):
        ys = [t.year for t in doc.times_in(g0, g1)]
        year = ys[0] if ys else year
        amount = amount_for(doc, g0, g0, g1, spent_only=True)
        if amount is None:
            continue
        r = rel(donor.name, "assists", recipient.name, s0, g1, **amount_kw(amount), year=year)
        per_year.append(r)
        out.append(r)
    if not out:
        out.append(rel(donor.name, "assists", recipient.name, s0, s1, year=year_for(doc, s0)))
    return out


_SPEND_VERB = re.compile(r"(?:也|又|还|再|共|先后|累计)?(?:投入|拨付|安排|拿出|筹集|下拨)")


def _place_right_before(text: str, in_sent: list[Found], pos: int, donor: Found) -> list[Found]:
    """The last place of a chain written as 在+chain right before `pos`."""
    chain: list[Found] = []
    end = pos
    for m in reversed([m for m in in_sent if m.type == "Place" and donor.end <= m.start and m.end <= pos]):
        if m.end != end:
            break
        chain.insert(0, m)
        end = m.start
    if chain and text.endswith("在", 0, chain[0].start):
        return [chain[-1]]
    return []


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
        if between in ("", "、", "和", "及", "与", "的") or (len(between) <= 3 and between.endswith("、")):
            group.append(m)
            last = m
        else:
            break
    places_ = terminal([g for g in group if g.type == "Place"])
    places_ = [p for p in places_ if p.level != "province" or len(places_) == 1]
    bodies_ = [g for g in group if g.type != "Place"]
    return places_ + bodies_

