"""One typed document that every extraction component reads and annotates.

A `Doc` holds the cleaned text, its sentences, clauses and list items (with
their headings), the article's date and topic place, and the mentions found
so far, each type with its own attributes.  Nothing about an article is kept
outside its `Doc`: no untyped ``info`` dicts, no tables keyed by ``id()``, no
module-level caches shared between articles.

Examples
--------
>>> doc = Doc.of("一是培训。二是帮扶;三是慰问。", date="2020-05-01")
>>> [doc.text[s.start:s.end] for s in doc.sentences]
['一是培训。', '二是帮扶;三是慰问。']
>>> doc.clause_at(11).start, doc.year
(10, 2020)
>>> [(i.heading, doc.text[i.start:i.end]) for i in doc.items]
[('一是', '一是培训。'), ('二是', '二是帮扶;三是慰问。')]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date as Date

from .money import Amount, TimeMention, find_amounts, find_times

# a run of stops, or …… (written to open with one class of characters,
# which a search skips to far faster than to either of two alternatives)
_SENTENCE_END = re.compile(r"[。!?！？\n…](?:(?<=…)…|(?<!…)[。!?！？\n]*)")
_CLAUSE_MARK = re.compile(r"[,，;；:：。!?！？\n]")
_PART_MARK = re.compile(r"[;；。!?！？\n]")
# a list item: ——某某县: / 一是… / (一)… / 1.… at the start of a paragraph or sentence
_ITEM_HEAD = re.compile(r"(?:[—\-]{1,3}(?P<who>[^:\n—\-]{2,20}):|[一二三四五六七八九十]是|[(（][一二三四五六七八九十][)）]|\d{1,2}[.、．])")


@dataclass(slots=True)
class Span:
    """A [start, end) stretch of the text."""

    start: int
    end: int

    def holds(self, pos: int) -> bool:
        return self.start <= pos < self.end


@dataclass(slots=True)
class ListItem(Span):
    """One item of a list: its heading (——某某县:, 一是) and the text it governs."""

    heading: str = ""
    body_start: int = 0


@dataclass(eq=False)
class PlaceMention:
    """A division named in the text; `full` when written with its level word."""

    start: int
    end: int
    surface: str
    name: str
    level: str
    code: str | None = None
    full: bool = False
    official: str | None = None
    type: str = "Place"


@dataclass(eq=False)
class BodyMention:
    """A union or organisation; `place_of` the place the name gives,
    `kind` a union's kind (federation, industry, enterprise, ...), `org` the
    enterprise a union belongs to, `owner` the union a work team was sent by."""

    type: str  # "Union" | "Organisation"
    start: int
    end: int
    surface: str
    name: str
    kind: str | None = None
    place_of: str | None = None
    org: str | None = None
    owner: str | None = None


@dataclass(eq=False)
class PersonMention:
    """A named person; `how` the cue that found the name (post, title, byline, ...)."""

    start: int
    end: int
    surface: str
    name: str
    how: str = ""
    type: str = "Person"


@dataclass(eq=False)
class ProgrammeMention:
    """A programme; `place` the village a facility is tied to, `campaign` for
    a national campaign word, `quoted` when written in quotes."""

    start: int
    end: int
    surface: str
    name: str
    place: PlaceMention | None = None
    campaign: bool = False
    quoted: bool = False
    facility: bool = False
    type: str = "Programme"


Mention = PlaceMention | BodyMention | PersonMention | ProgrammeMention


_END = re.Match.end


def _spans(text: str, marks: re.Pattern) -> list[Span]:
    """The stretches of `text` each closed by a match of `marks` (the last
    one by the end of the text); `marks` matches one character or more, so
    none is empty."""
    ends = list(map(_END, marks.finditer(text)))
    out = list(map(Span, [0, *ends], ends))
    start = ends[-1] if ends else 0
    if start < len(text):
        out.append(Span(start, len(text)))
    return out


def _bounds(text: str, marks: re.Pattern) -> list[int]:
    """The starts of the stretches `_spans` gives, then the end of the text
    (just [0] for an empty text)."""
    bounds = [0, *map(_END, marks.finditer(text))]
    if bounds[-1] < len(text):
        bounds.append(len(text))
    return bounds


_MARKS = {"clauses": _CLAUSE_MARK, "parts": _PART_MARK}


def _list_items(text: str, sentences: list[Span]) -> list[ListItem]:
    """Items headed at a sentence start; each runs to the next heading of its
    paragraph or the paragraph's end."""
    heads = [(s.start, m) for s in sentences if (m := _ITEM_HEAD.match(text, s.start))]
    out = []
    for k, (start, m) in enumerate(heads):
        para_end = text.find("\n", start)
        para_end = len(text) if para_end < 0 else para_end
        nxt = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        out.append(ListItem(start, min(para_end, nxt), m.group(), m.end()))
    return out


def parse_date(iso: str | None) -> Date | None:
    """``yyyy-mm-dd`` -> date; None when absent or not a date."""
    try:
        return Date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


@dataclass
class Doc:
    """An article under extraction; see the module docstring."""

    text: str
    date: Date | None = None
    sentences: list[Span] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    unions: list[BodyMention] = field(default_factory=list)
    orgs: list[BodyMention] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    programmes: list[ProgrammeMention] = field(default_factory=list)
    topic_place: PlaceMention | None = None
    _starts: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, text: str, date: str | None = None) -> "Doc":
        """The text's structure, amounts and times; mentions are added by the finders."""
        sentences = _spans(text, _SENTENCE_END)
        when = parse_date(date)
        return cls(
            text=text,
            date=when,
            sentences=sentences,
            items=_list_items(text, sentences),
            amounts=find_amounts(text),
            times=find_times(text, when),
        )

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    @property
    def bodies(self) -> list[BodyMention]:
        return sorted(self.unions + self.orgs, key=lambda b: b.start)

    def _at(self, which: str, pos: int):
        spans = getattr(self, which)
        starts = self._starts.get(which)
        if starts is None or len(starts) != len(spans):
            starts = self._starts[which] = [s.start for s in spans]
        k = bisect_right(starts, pos) - 1
        if k >= 0:
            span = spans[k]
            if span.start <= pos and (pos < span.end or pos == span.start):  # an empty span holds its start
                return span
        return Span(pos, pos)

    def _bounds(self, which: str) -> list[int]:
        """Where the clauses (or parts) start, then the end of the text,
        found on first use (most are never asked for)."""
        got = self._starts.get((which, "bounds"))
        if got is None:
            got = self._starts[which, "bounds"] = _bounds(self.text, _MARKS[which])
        return got

    def _between_marks(self, which: str, pos: int) -> Span:
        """`_at` for the clauses or parts, made from their bounds."""
        bounds = self._bounds(which)
        k = bisect_right(bounds, pos) - 1
        if 0 <= k < len(bounds) - 1:
            return Span(bounds[k], bounds[k + 1])
        return Span(pos, pos)

    @property
    def clauses(self) -> list[Span]:
        """The clauses, each closed by a comma, colon, semicolon or stop."""
        bounds = self._bounds("clauses")
        return list(map(Span, bounds[:-1], bounds[1:]))

    @property
    def parts(self) -> list[Span]:
        """The sentence parts between semicolons."""
        bounds = self._bounds("parts")
        return list(map(Span, bounds[:-1], bounds[1:]))

    def sentence_at(self, pos: int) -> Span:
        return self._at("sentences", pos)

    def clause_at(self, pos: int) -> Span:
        """The clause (between commas, colons, semicolons or stops) holding `pos`."""
        return self._between_marks("clauses", pos)

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        """The clause around `pos` without its marks: after the last comma or
        stop before `pos`, up to the first at or after it (as
        `text.clause_bounds`, with the marks found once per article)."""
        if pos > len(self.text):
            raise IndexError("clause_bounds: position past the end of the text")
        marks = self._starts.get("marks")
        if marks is None:
            marks = self._starts["marks"] = [m.start() for m in _CLAUSE_MARK.finditer(self.text)]
        k = bisect_left(marks, pos)
        return (marks[k - 1] + 1 if k else 0), (marks[k] if k < len(marks) else len(self.text))

    def part_at(self, pos: int) -> Span:
        """The part of a sentence between semicolons holding `pos`."""
        return self._between_marks("parts", pos)

    def item_at(self, pos: int) -> ListItem | None:
        """The list item holding `pos`, if any."""
        item = self._at("items", pos)
        return item if isinstance(item, ListItem) else None

    def paragraph_at(self, pos: int) -> Span:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return Span(start, end if end >= 0 else len(self.text))

    def main_place(self, level: str) -> PlaceMention | None:
        """The place of `level` the article names most (the first named on a tie)."""
        counts: dict[str, int] = {}
        first: dict[str, PlaceMention] = {}
        for p in self.places:
            if p.level == level:
                counts[p.name] = counts.get(p.name, 0) + 1
                first.setdefault(p.name, p)
        if not counts:
            return None
        best = max(counts, key=lambda n: (counts[n], -first[n].start))
        return first[best]

    def amounts_in(self, start: int, end: int) -> list[Amount]:
        starts = [a.start for a in self.amounts]  # few per article
        return self.amounts[bisect_left(starts, start) : bisect_left(starts, end)]

    def times_in(self, start: int, end: int) -> list[TimeMention]:
        return [t for t in self.times if start <= t.start < end]
