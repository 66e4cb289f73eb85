"""Small helpers over the cleaned article text: sentences, clauses, spans."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

CJK = "\u3400-\u4dbf\u4e00-\u9fff"
# a run of stops, or …… (written to open with one class of characters,
# which a search skips to far faster than to either of two alternatives)
_SENTENCE_END = re.compile(r"[。!?！？\n…](?:(?<=…)…|(?<!…)[。!?！？\n]*)")
_CLAUSE_END = re.compile(r"[,，;；:：。!?！？\n]")


@dataclass
class Found:
    """A typed mention found in the cleaned text, before entities are built.

    `name` is the canonical name the mention stands for (may differ from the
    surface, e.g. 省总 -> 四川省总工会); `info` holds component-specific data
    (level, division code, place of a union ...).
    """

    type: str
    start: int
    end: int
    surface: str
    name: str
    info: dict = field(default_factory=dict)

    def overlaps(self, other: "Found") -> bool:
        return self.start < other.end and other.start < self.end


class Sentences:
    """Sentence boundaries of a text, for "same sentence" tests."""

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        for m in _SENTENCE_END.finditer(text):
            starts.append(m.end())
        self.starts = starts

    def index(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def bounds(self, pos: int) -> tuple[int, int]:
        i = self.index(pos)
        start = self.starts[i]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return start, end

    def spans(self):
        for i, start in enumerate(self.starts):
            end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
            if end > start:
                yield start, end

    def paragraph_bounds(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, (end if end >= 0 else len(self.text))


@lru_cache(maxsize=4)
def _clause_marks(text: str) -> list[int]:
    """Positions of the commas and stops of a text (for the article at hand)."""
    return [m.start() for m in _CLAUSE_END.finditer(text)]


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause (between commas or stops) around `pos`: after the last mark
    before `pos`, up to the first mark at or after it."""
    if pos > len(text):
        raise IndexError("clause_bounds: position past the end of the text")
    marks = _clause_marks(text)
    k = bisect_left(marks, pos)
    start = marks[k - 1] + 1 if k else 0
    end = marks[k] if k < len(marks) else len(text)
    return start, end


def select_longest(found: list[Found]) -> list[Found]:
    """Keep the longest of overlapping mentions (earlier first on ties)."""
    chosen: list[Found] = []
    taken = bytearray(max((f.end for f in found), default=0) + 1)
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if not any(taken[f.start : f.end]):
            chosen.append(f)
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
    return sorted(chosen, key=lambda f: f.start)


def is_cjk(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


_ALL_CJK = re.compile(f"[{CJK}]*")


def all_cjk(s: str) -> bool:
    """Every character of `s` is a CJK ideograph (`is_cjk`); true for ""."""
    return _ALL_CJK.fullmatch(s) is not None


_start = attrgetter("start")


class ByStart:
    """Mentions sorted by start (stable), to take those starting in [a, b) by bisection."""

    def __init__(self, found):
        self.items = sorted(found, key=_start)
        self.starts = [f.start for f in self.items]

    @classmethod
    def of_sorted(cls, items: list) -> "ByStart":
        """The same for `items` already sorted by start (kept as they are, not copied)."""
        self = cls.__new__(cls)
        self.items = items
        self.starts = [f.start for f in items]
        return self

    def between(self, a: int, b: int) -> list:
        return self.items[bisect_left(self.starts, a) : bisect_left(self.starts, b)]


class Containers:
    """Spans that may hold other spans: `holds(s, e)` is true when one span
    starts at or before `s` and ends at or after `e` (sorted starts and a
    running maximum of ends, so one bisection per question)."""

    def __init__(self, found):
        spans = sorted((f.start, f.end) for f in found)
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []
        best = -1
        for _, e in spans:
            best = max(best, e)
            self.reach.append(best)

    def holds(self, s: int, e: int) -> bool:
        k = bisect_right(self.starts, s)
        return k > 0 and self.reach[k - 1] >= e

    def overlaps(self, s: int, e: int) -> bool:
        """Some span shares a character with [s, e) (starts before `e`, ends after `s`)."""
        k = bisect_left(self.starts, e)
        return k > 0 and self.reach[k - 1] > s

    def holds_strictly(self, s: int, e: int) -> bool:
        """Held by a span other than (s, e) itself."""
        k = bisect_left(self.starts, s)  # spans starting before s
        if k > 0 and self.reach[k - 1] >= e:
            return True
        j = bisect_right(self.starts, s)  # and those starting at s
        return j > k and self.reach[j - 1] > e
