"""Programmes: quoted campaign names with a cue word, the national union
campaigns, and facilities built in a named village.
"""

from __future__ import annotations

import re

from .lexicon import FACILITY_NOUNS, PROGRAMME_AFTER_QUOTE, PROGRAMME_BEFORE_QUOTE, PROGRAMME_NAMES
from .text import CJK, Found

_QUOTE = re.compile(r"“([^“”\n]{2,40})”")
_AFTER = re.compile("|".join(map(re.escape, PROGRAMME_AFTER_QUOTE)))
_BEFORE = tuple(PROGRAMME_BEFORE_QUOTE)
_CAMPAIGN = re.compile("|".join(map(re.escape, sorted(PROGRAMME_NAMES, key=len, reverse=True))))
_FACILITY = re.compile("|".join(map(re.escape, FACILITY_NOUNS)))
# A quote that is a sentence or slogan, not a name.
_SENTENCE_MARKS = set("。!?！？;；")
# Quoted words that name a body, not a programme.
_BODY_END = ("服务团", "工作队", "服务队", "志愿服务团", "协会", "中心站")


def find_programmes(text: str, places: list[Found], bodies: list[Found]) -> list[Found]:
    out: list[Found] = []
    for m in _QUOTE.finditer(text):
        name = m.group(1).strip()
        if any(ch in _SENTENCE_MARKS for ch in name) or name.endswith(_BODY_END):
            continue
        after = _AFTER.match(text, m.end())
        before = any(text.endswith(w, 0, m.start()) for w in _BEFORE)
        followed_by_quote = text.startswith("“", m.end())
        if not (after or before):
            continue
        if len(name) < 3 and not after:
            continue
        if "," in name and len(name) > 24:
            continue
        canonical = PROGRAMME_NAMES.get(name, name)
        info = {"quoted": True}
        # A quoted facility name is a programme in its place (阿湖乡农民工培训中心).
        out.append(Found("Programme", m.start(1), m.end(1), name, canonical, info))
    taken = [(f.start, f.end) for f in out]
    for m in _CAMPAIGN.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        out.append(Found("Programme", m.start(), m.end(), m.group(), PROGRAMME_NAMES[m.group()], {"campaign": True}))
    # Facilities: a village written right before the facility noun
    # (龙泉关村蔬菜大棚, 团结村中草药种植项目).
    by_end = {p.end: p for p in places if p.info["level"] in ("village", "township")}
    for m in _FACILITY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        place = by_end.get(m.start())
        if place is not None:
            name = place.surface + m.group()
            out.append(Found("Programme", place.start, m.end(), name, name, {"facility": True, "place": place}))
    return out
