"""Helpers the relation rules of every family share: building a relation, the
most specific place of a chain, top-level bodies, who acts in a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ...model import Relation
from ..lexicon import RUN_CUES
from ..places import LEVEL_RANK
from ..text import Found


# A body right after these is an object or a go-between, not the actor.
_OBJECT_MARKERS = ("向", "为", "给", "对", "与", "帮助", "受到", "得到", "从", "通过", "经")


def rel(s: str, p: str, o: str, start: int, end: int, **kw) -> Relation:
    gap = kw.pop("gap", None)
    return Relation(s=s, p=p, o=o, start=start, end=end, amount_gap=gap if gap is not None else 10**6, **kw)


def amount_kw(amount) -> dict:
    if amount is None:
        return {}
    return {"amount_yuan": amount.yuan, "approximate": amount.approximate}


def terminal(places_after: list[Found]) -> list[Found]:
    """The most specific place of each chain (四川省凉山州美姑县 -> 美姑县)."""
    out = []
    for i, p in enumerate(places_after):
        nxt = places_after[i + 1] if i + 1 < len(places_after) else None
        if nxt is not None and nxt.start - p.end <= 1 and text_gap_ok(p, nxt):
            continue
        out.append(p)
    return out


def text_gap_ok(p: Found, nxt: Found) -> bool:
    return LEVEL_RANK[p.level] < LEVEL_RANK[nxt.level] and nxt.start == p.end


def top_level(bodies: list[Found]) -> list[Found]:
    """Bodies not nested inside another body mention (one sweep, sorted)."""
    out: list[Found] = []
    reach = -1
    for b in sorted(bodies, key=lambda f: (f.start, -f.end)):
        if b.end <= reach:
            continue
        out.append(b)
        reach = max(reach, b.end)
    return out


_UNDER = re.compile(r"的(?:领导|指导|支持|帮助|关心|协调|推动|带领|组织)下")


def is_object(text: str, body: Found) -> bool:
    if text.endswith(_OBJECT_MARKERS, 0, body.start):
        return True
    # 在X的指导下: X frames the sentence, the actor is its subject
    return text.endswith("在", 0, body.start) and _UNDER.match(text, body.end) is not None


# ——某某县: a list item naming the partner, the donor the article is about
LIST_HEADING = re.compile(r"[—\-]{1,3}(?P<who>[^:\n—\-]{2,20}):")


class MainUnion:
    """The union an article is about so far: `at(before)` is the last mention
    of the union mentioned most before `before` (the earliest named on a tie).

    Built once from the top-level bodies: the answer after each union mention
    is kept, as only the count of the union just mentioned can change.
    """

    def __init__(self, top: list[Found]):
        self.starts: list[int] = []
        self.answers: list[Found] = []
        counts: dict[str, tuple[int, int]] = {}  # name -> (count, -first start)
        best: tuple[int, int] | None = None
        best_name = None
        last: dict[str, Found] = {}
        for b in sorted((b for b in top if b.type == "Union"), key=lambda b: b.start):
            n, first = counts.get(b.name, (0, -b.start))
            counts[b.name] = key = (n + 1, first)
            last[b.name] = b
            if best is None or key > best:
                best, best_name = key, b.name
            self.starts.append(b.start)
            self.answers.append(last[best_name])

    def at(self, before: int) -> Found | None:
        k = bisect_left(self.starts, before)
        return self.answers[k - 1] if k else None


_JOINT = re.compile(r"^(?:将|已|还|也|又|先后|主动){0,2}(?:联合|会同|携手)$")


_LIST_GAP = re.compile(r"^(?:、|和|与|及|以及)$")


def joint_group(text: str, bodies: list[Found], last: Found) -> list[Found]:
    """A会同B、C / A联合B和C, ending in `last`: the bodies acting together, the
    subject first; empty unless one link is 联合/会同/携手."""
    group = [last]
    joint = False
    before = [b for b in bodies if b.end <= last.start]
    for b in reversed(before):
        gap = text[b.end : group[0].start]
        if _JOINT.match(gap):
            joint = True
        elif not _LIST_GAP.match(gap):
            break
        group.insert(0, b)
    return group if joint and len(group) > 1 else []


RUN_CUE = re.compile("|".join(map(re.escape, sorted(RUN_CUES, key=len, reverse=True))))

