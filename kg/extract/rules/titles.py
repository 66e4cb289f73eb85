"""Honours written before a name (省级劳模某某, 某市劳动模范某某).

The lexicon's fixed titles are read by `people.titles_before`; this rule
reads the open family these reports use: a level word and a modifier before
an honour's head word (省市级农业劳模, 全国五一巾帼标兵), a commendation of
the person's own village or town (某村致富带头人 -> 致富带头人), or a city's
own model workers (某市劳动模范, kept with the city).  A title before a
list of names (省级劳模甲、乙、丙等) goes to each of them.

Examples
--------
>>> from kg.extract import read_doc
>>> from kg.ingest import article_from_bytes
>>> doc, _ = read_doc(article_from_bytes("省级劳模王建国、李春华等人在会上发言。".encode(), "t.txt"))
>>> sorted((r.s, r.o) for r in titles_before_names(doc))
[('李春华', '省级劳模'), ('王建国', '省级劳模')]
"""

from __future__ import annotations

import re

from ...model import Relation
from ..doc import Doc, PersonMention
from ..people import clause_start_before
from .posts import _TITLE_AFTER_WON, _WON

# the head words of honours (data: extend here, one alternative each)
TITLE_HEADS = (
    "劳动模范", "劳模", "先进工作者", "先进个人", "岗位能手", "技术能手", "能手", "标兵", "工匠",
    "致富带头人", "道德模范", "红旗手", "奖章获得者", "优秀共产党员", "优秀民营企业家", "优秀企业家",
)
_HEAD = "(?:" + "|".join(sorted(TITLE_HEADS, key=len, reverse=True)) + ")"
_LEVEL = r"(?:全国|省市级|省级|市级|县级|区级|州级|市县级)"
# 省市级农业劳模: a level word, a short modifier, the head, at the end of a part
_RANKED = re.compile(rf"{_LEVEL}[\u4e00-\u9fff]{{0,4}}?{_HEAD}$")
# 致富带头人, 优秀民营企业家: the whole part is the honour
_PLAIN = re.compile(rf"[\u4e00-\u9fff]{{0,3}}{_HEAD}")
_BARE = re.compile(r"劳动模范|劳模")
# 十三届全国人大代表, 第十二届省政协委员: a membership of one session
_SESSION = re.compile(r"第?[一二三四五六七八九十]{1,3}届[\u4e00-\u9fff]{1,8}?(?:委员|代表)")


def _segment_start(text: str, end: int) -> int:
    return clause_start_before(text, end, limit=30)


def _title_of_part(doc: Doc, ends_at: dict[int, list[int]], a: int, b: int) -> str | None:
    """The honour a 、-part [a, b) before a name states, if any; `ends_at`
    gives the ends of the place and body mentions starting at each offset."""
    lead = a
    while True:  # places or bodies written in front: where the person is from
        nxt = max((e for e in ends_at.get(lead, ()) if e <= b), default=None)
        if nxt is None or nxt == lead:
            break
        lead = nxt
    rest = doc.text[lead:b]
    if _SESSION.fullmatch(rest):
        return rest
    ranked = _RANKED.search(rest)
    if ranked:
        return ranked.group()
    if _PLAIN.fullmatch(rest):
        if _BARE.fullmatch(rest) and lead > a:
            return doc.text[a:b]  # 某市劳动模范: the city's own model workers
        return rest
    return None


def _titles_before(doc: Doc, ends_at: dict[int, list[int]], person: PersonMention) -> list[str]:
    text = doc.text
    start = _segment_start(text, person.start)
    out, pos = [], start
    for part in re.split(r"(、)", text[start : person.start]):
        if part and part != "、":
            title = _title_of_part(doc, ends_at, pos, pos + len(part))
            if title:
                out.append(title)
        pos += len(part)
    return out


_PRONOUN = re.compile(r"(?<!其)[他她](?![们])")
# 他/她 opening a clause: the subject
_PRONOUN_SUBJECT = re.compile(r"(?:^|(?<=[,，。;]))[他她](?![们])")


def titles_won_by_pronoun(doc: Doc) -> list[Relation]:
    """吕某种了十年果树。后来,她被授予全国劳动模范称号: an honour won in a
    sentence whose subject is 他/她 and that names no one, for the person
    named last before it in the paragraph."""
    text, out = doc.text, []
    people = sorted(doc.people, key=lambda p: p.start)
    for m in _WON.finditer(text):
        t = _TITLE_AFTER_WON.match(text, m.end())
        if t is None:
            continue
        s0 = doc.sentence_at(m.start()).start
        pronouns = _PRONOUN.findall(text, s0, m.start())
        if len(pronouns) != 1 or not _PRONOUN_SUBJECT.search(text[s0 : m.start()]) \
                or any(s0 <= p.start < m.start() for p in people):
            continue
        p0 = doc.paragraph_at(s0).start
        before = [p for p in people if p0 <= p.start and p.end <= s0]
        if before:
            title = re.sub(r"(?:荣誉)?称号$", "", t.group())
            out.append(Relation(s=before[-1].name, p="hasTitle", o=title, start=before[-1].start, end=t.end()))
    return out


def titles_before_names(doc: Doc) -> list[Relation]:
    """hasTitle for honours written before a name or a 、-list of names."""
    out = []
    people = sorted(doc.people, key=lambda p: p.start)
    ends_at: dict[int, list[int]] = {}
    for m in [*doc.places, *doc.unions, *doc.orgs]:
        ends_at.setdefault(m.start, []).append(m.end)
    titles: list[str] = []
    for i, person in enumerate(people):
        prev = people[i - 1] if i else None
        if prev is not None and doc.text[prev.end : person.start] == "、":
            pass  # the next name of a list keeps the list's titles
        else:
            titles = _titles_before(doc, ends_at, person)
        for title in titles:
            out.append(Relation(s=person.name, p="hasTitle", o=title, start=max(0, person.start - len(title)), end=person.end))
    return out + titles_won_by_pronoun(doc)
