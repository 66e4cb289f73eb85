"""A small engine that runs relation rules written as table rows.

Modelled on spaCy's `SpanRuler`: the rules are data (one TSV file per
predicate family in this folder), loaded once into `Rule` rows; the engine
matches each row's cue in every sentence of a `Doc` and places the actor and
the object where the row says they stand.  Each row carries an example
sentence and the triple it must yield, which is also its test.

Columns of a rule file (tab-separated, ``#`` starts a comment line):

id
    unique name of the row.
predicate
    the relation it yields (assists, runs, locatedIn, holdsPost, hasTitle).
order
    ``actor-cue-object`` (the actor before the cue, the object after it) or
    ``object-cue-actor`` (某村帮扶单位某某总工会: the object first), or
    ``passive`` (在某总工会的帮助下, 某村…: the actor right after the cue,
    the object the first mention of its types that opens the sentence).
actor
    which mention is the actor: ``nearest`` (the last acting body before the
    cue in the sentence), ``first`` (the first one), both falling back on the
    body that opens the paragraph, then, in a list item naming a partner
    (——某县:), on the union the article is about; ``joint`` (``nearest`` with every body
    written acting with it: A联合B帮扶某村 -> A and B); ``adjacent`` (the body written right
    before the cue: 某总工会驻某村); ``next`` (the body right after the cue, for
    object-cue-actor).
cue
    a regular expression for the cue words.
between
    a regular expression that the text between cue and object must match
    in full (``[^,。;:]{0,6}``: a few characters, no clause mark).
object
    the mention types the object may have (``Place|Union|Organisation``).
then
    a regular expression that must match the text right after the object
    (or, for object-cue-actor, the actor), within its clause: 为某村送去 is
    ``[^,。;]*?(?:送去|捐赠)``; a negative lookahead ``(?!办事处)`` rules a
    reading out; empty for none.
context
    a regular expression the sentence must contain somewhere (深入某村 is
    help only in a sentence about help: ``扶贫|帮扶|慰问``), or empty.
amount
    ``yes`` when the fact takes an amount from its clause on from the cue
    (a clause opening with 价值/共计 continues it), ``sentence`` for money
    spent in the fact's sentence from the actor on, the sole such sum,
    ``before`` for the sum spent between actor and cue, which the fact
    needs (某总工会投入50万元,用于某村), ``prior`` for ``yes`` falling back on
    the sole sum spent in the clause before the cue (`attach.fact_amount`);
    ``no`` for none.
example, yields
    a sentence written for the rule, and the ``s|p|o`` triple it yields.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate
from operator import attrgetter
from pathlib import Path

try:  # the parser `re` compiles with (Python 3.11+; sre_parse before)
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre
    import sre_parse as _sre_parse

from ...errors import KGError
from ...model import Relation
from ..doc import BodyMention, Doc, PlaceMention
from ..places import LEVEL_RANK
from ..programmes import village_in_focus
from ..text import ByStart, Containers
from .attach import fact_amount, year_for
from .common import LIST_HEADING, MainUnion, joint_group

RULES_DIR = Path(__file__).resolve().parent
COLUMNS = ("id", "predicate", "order", "actor", "cue", "between", "object", "then", "context", "amount", "example", "yields")
ORDERS = ("actor-cue-object", "object-cue-actor", "passive")
AMOUNT_SCOPES = ("yes", "sentence", "before", "prior")
ACTORS = ("nearest", "first", "adjacent", "next", "joint")
# a body right after these is an object or a go-between, not the actor
_OBJECT_MARKERS = ("向", "为", "给", "对", "与", "帮助", "受到", "得到", "从", "通过", "经", "看望", "走访", "慰问", "考察", "看望了", "走访了", "慰问了", "考察了")
_LIST_LINK = re.compile(r"、|和|及|与|以及|、以及")
# an unlisted division between two places of a chain (某区西果园某村)
_CHAIN_GAP = re.compile(r"[\u4e00-\u9fff]{0,4}")
_THIS_VILLAGE = re.compile(r"该村|本村|全村|村里|村中|村内")


@dataclass(frozen=True)
class Rule:
    """One row of a rule file (see the module docstring for the columns)."""

    id: str
    predicate: str
    order: str
    actor: str
    cue: re.Pattern
    between: re.Pattern
    object: frozenset[str]
    then: re.Pattern | None
    context: re.Pattern | None
    amount: bool
    example: str
    yields: tuple[str, str, str]
    source: str = ""
    amount_scope: str = "clause"


def _row_to_rule(row: dict, where: str) -> Rule:
    missing = [c for c in COLUMNS if not (row.get(c) or "").strip() and c not in ("then", "between", "context")]
    if missing:
        raise KGError(f"{where}: rule {row.get('id') or '?'} has no {', '.join(missing)}")
    if row["order"] not in ORDERS or row["actor"] not in ACTORS:
        raise KGError(f"{where}: rule {row['id']}: order must be one of {ORDERS}, actor one of {ACTORS}")
    triple = tuple(row["yields"].split("|"))
    if len(triple) != 3:
        raise KGError(f"{where}: rule {row['id']}: yields must be s|p|o, not {row['yields']!r}")
    try:
        return Rule(
            id=row["id"], predicate=row["predicate"], order=row["order"], actor=row["actor"],
            cue=re.compile(row["cue"]), between=re.compile(row["between"] or ""),
            object=frozenset(row["object"].split("|")), then=re.compile(row["then"]) if row["then"] else None,
            context=re.compile(row["context"]) if row["context"] else None,
            amount=row["amount"] in AMOUNT_SCOPES, example=row["example"], yields=triple, source=where,
            amount_scope="clause" if row["amount"] == "yes" else row["amount"],
        )
    except re.error as exc:
        raise KGError(f"{where}: rule {row['id']}: bad regular expression ({exc})") from exc


def read_rules(path: str | Path) -> tuple[Rule, ...]:
    """The rows of one rule file, in order; a clear error names the file and row."""
    path = Path(path)
    try:
        lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    except OSError as exc:
        raise KGError(f"{path}: rule file not readable ({exc})") from exc
    reader = csv.DictReader(lines, fieldnames=COLUMNS, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = list(reader)
    if rows and rows[0]["id"] == "id":
        rows = rows[1:]  # the header line
    return tuple(_row_to_rule(row, f"{path.name}:{n + 2}") for n, row in enumerate(rows))


@cache
def rule_files() -> dict[str, tuple[Rule, ...]]:
    """The rule files shipped with the package, by file stem (read once: they are code, not article data)."""
    return {p.stem: read_rules(p) for p in sorted(RULES_DIR.glob("*.tsv"))}


# ----------------------------------------------------------------------------- cue scanning

_ZERO_WIDTH = (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT)


def _first_of_set(av) -> set[str] | None:
    """The characters a ``[...]`` item can match, None when too many."""
    out: set[str] = set()
    for op, arg in av:
        if op is _sre.LITERAL:
            out.add(chr(arg))
        elif op is _sre.RANGE and arg[1] - arg[0] < 256:
            out.update(map(chr, range(arg[0], arg[1] + 1)))
        else:
            return None  # a negated set, a category, a wide range
    return out


def _first_of_item(op, av) -> tuple[set[str] | None, bool]:
    """(characters one parsed item can start with or None, whether it can match empty)."""
    if op is _sre.LITERAL:
        return {chr(av)}, False
    if op is _sre.IN:
        return _first_of_set(av), False
    if op in _ZERO_WIDTH:
        return set(), True  # a lookaround or an anchor consumes nothing
    if op is _sre.SUBPATTERN:
        return _first_chars(av[-1])
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        got, empty = _first_chars(av[2])
        return got, empty or av[0] == 0
    if op is _sre.BRANCH:
        out, empty = set(), False
        for alt in av[1]:
            got, alt_empty = _first_chars(alt)
            if got is None:
                return None, False
            out |= got
            empty = empty or alt_empty
        return out, empty
    return None, False


def _first_chars(items) -> tuple[set[str] | None, bool]:
    """(the characters a parsed pattern can start a match with, or None when
    unknown; whether it can match the empty string)."""
    out: set[str] = set()
    for op, av in items:
        got, empty = _first_of_item(op, av)
        if got is None:
            return None, False
        out |= got
        if not empty:
            return out, False
    return out, True


_SCANS: dict[tuple[str, int], tuple[re.Pattern | None, str]] = {}


def _scan_of(cue: re.Pattern) -> tuple[re.Pattern | None, str]:
    """(`_scan_for`, `_required_literal`) of a cue, made once per pattern
    (keyed by its text: hashing a compiled pattern hashes its whole code)."""
    key = (cue.pattern, cue.flags)
    if key not in _SCANS:
        _SCANS[key] = (_scan_for(cue), _required_literal(cue))
    return _SCANS[key]


def _literal_run(items) -> str:
    """The longest run of plain characters in a parsed sequence ("" if none)."""
    best, run = "", ""
    for op, av in items:
        if op is _sre.LITERAL:
            run += chr(av)
        else:
            best, run = max(best, run, key=len), ""
    return max(best, run, key=len)


def _required_literal(cue: re.Pattern) -> str:
    """The longest run of plain characters at the top level of `cue` (单位
    in ``(?:的)?(?:帮扶|结对)单位``): every match holds it, so a text without
    it has none; "" when there is none or the cue is not a plain one."""
    if cue.flags & re.IGNORECASE:
        return ""
    try:
        return _literal_run(_sre_parse.parse(cue.pattern, cue.flags))
    except Exception:  # pragma: no cover - an unknown parse
        return ""


def _scan_for(cue: re.Pattern) -> re.Pattern | None:
    """A pattern matching one character where `cue` matches: the characters a
    match can start with, then a look back testing `cue` there.  Its leading
    set lets `re` skip at C speed the positions where no match can start
    (Python's re otherwise tries a lookbehind or every alternative at each).
    None when the starting characters are not known or the cue has groups."""
    if cue.groups or cue.flags & re.IGNORECASE:
        return None
    try:
        chars, empty = _first_chars(_sre_parse.parse(cue.pattern, cue.flags))
    except Exception:  # pragma: no cover - an unknown parse: scan as written
        return None
    if chars is None or empty or not chars:
        return None
    try:
        return re.compile(f"[{re.escape(''.join(sorted(chars)))}](?<=(?=({cue.pattern})).)", cue.flags)
    except re.error:  # pragma: no cover - e.g. global flags written inside the cue
        return None


def cue_spans(cue: re.Pattern, text: str) -> list[tuple[int, int]]:
    """The (start, end) of each match of ``cue.finditer(text)``, found faster.

    >>> cue = re.compile(r"(?<![参给])(?:与|同)")
    >>> cue_spans(cue, "甲与乙同丙参与") == [m.span() for m in cue.finditer("甲与乙同丙参与")]
    True
    """
    scan, literal = _scan_of(cue)
    if literal and literal not in text:
        return []
    if scan is None:
        return [m.span() for m in cue.finditer(text)]
    out: list[tuple[int, int]] = []
    end = 0
    for hit in scan.finditer(text):
        span = hit.span(1)
        if span[0] >= end:  # finditer's matches do not overlap
            out.append(span)
            end = span[1]
    return out


class _CueScan:
    """One scan finding where any of many cues matches: a character some of
    them can start with, then a look back testing those cues there.  One
    pass over the text instead of one per cue; at each place found, the cues
    that can start with its character are matched, and each cue's matches
    are read as its own finditer reads them (left to right, none
    overlapping)."""

    def __init__(self, cues: list[re.Pattern]):
        self.by_char: dict[str, list[tuple[int, re.Pattern]]] = {}
        self.keys: list[tuple[str, int]] = []
        for cue in cues:
            key = (cue.pattern, cue.flags)
            if cue.flags != re.UNICODE or _scan_of(cue)[0] is None or key in self.keys:
                continue  # a cue scanned on its own
            chars, _ = _first_chars(_sre_parse.parse(cue.pattern, cue.flags))
            for ch in sorted(chars):
                self.by_char.setdefault(ch, []).append((len(self.keys), cue))
            self.keys.append(key)
        branches = [
            f"{re.escape(ch)}(?<=(?=(?:{'|'.join(f'(?:{cue.pattern})' for _, cue in pairs)})).)"
            for ch, pairs in sorted(self.by_char.items())
        ]
        self.pattern = re.compile("|".join(branches)) if branches else None

    def spans(self, text: str) -> dict[tuple[str, int], list[tuple[int, int]]]:
        """The (start, end) of each cue's matches in `text`, by cue key."""
        found: list[list[tuple[int, int]]] = [[] for _ in self.keys]
        ends = [0] * len(self.keys)
        by_char = self.by_char
        if self.pattern is not None:
            for hit in self.pattern.finditer(text):
                pos = hit.start()
                for k, cue in by_char[hit.group()]:
                    if pos >= ends[k] and (m := cue.match(text, pos)) is not None:
                        found[k].append(m.span())  # finditer's matches do not overlap
                        ends[k] = m.end()
        return dict(zip(self.keys, found))


@cache
def _shipped_scan() -> _CueScan:
    """The scan of the cues of the shipped rule files, made once."""
    return _CueScan([r.cue for rows in rule_files().values() for r in rows])


@dataclass
class CueIndex:
    """The matches of each distinct cue in one text, found once for every
    rule family that reads it (pass one to `run_rules` for a whole `Doc`),
    and the mentions the rows read, by set of acting bodies."""

    text: str
    found: dict = field(default_factory=dict)
    scenes: dict = field(default_factory=dict)

    def scene(self, doc: Doc, bodies: list[BodyMention]) -> "_Scene":
        """The `_Scene` of `doc` with these (sorted) acting bodies, made once."""
        key = tuple(map(id, bodies))  # the same mention objects, alive while `doc` is read
        got = self.scenes.get(key)
        if got is None or got[0] is not doc:
            got = self.scenes[key] = (doc, bodies, _Scene(doc, bodies))
        return got[2]

    def matches(self, cue: re.Pattern) -> list[tuple[int, int]]:
        """The (start, end) of each match of `cue` in the text, as finditer reads them."""
        key = (cue.pattern, cue.flags)  # cheaper to hash than the compiled pattern
        got = self.found.get(key)
        if got is None:
            if not self.found:  # the shipped cues, all found in one scan
                self.found.update(_shipped_scan().spans(self.text))
                got = self.found.get(key)
            if got is None:
                got = self.found[key] = cue_spans(cue, self.text)
        return got


# ----------------------------------------------------------------------------- matching


def _acting(doc: Doc, b: BodyMention) -> bool:
    return not doc.text.endswith(_OBJECT_MARKERS, 0, b.start)


def _after_cue(rule: Rule, text: str, pos: int) -> bool:
    """A body written right after the row's own cue is the object of an
    earlier fact (援建甲县工会…,援建乙县工会), not an actor."""
    return any(m.end() == pos for m in rule.cue.finditer(text, max(0, pos - 6), pos))


def _chained(text: str, p: PlaceMention, nxt: PlaceMention) -> bool:
    """`nxt` continues the chain of `p` (a lower level written on, maybe past
    a division the gazetteer does not list)."""
    return LEVEL_RANK[p.level] < LEVEL_RANK[nxt.level] and _CHAIN_GAP.fullmatch(text, p.end, nxt.start) is not None


def _most_specific(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """The last place of each written chain (某省某县某村 -> 某村)."""
    out = []
    for i, p in enumerate(places):
        nxt = places[i + 1] if i + 1 < len(places) else None
        if nxt is not None and _chained(text, p, nxt):
            continue
        out.append(p)
    return out


def _village_meant(doc: Doc, pos: int) -> list[PlaceMention]:
    """该村 / 本村 / 村里 right at `pos`: the village the passage is about."""
    if not _THIS_VILLAGE.match(doc.text, pos):
        return []
    villages = sorted((p for p in doc.places if p.level == "village"), key=lambda p: p.start)
    focus = village_in_focus(doc.text, villages, pos)
    return [focus] if focus is not None else []


def _objects_after(doc: Doc, rule: Rule, pos: int, mentions: ByStart) -> list:
    """The object right after the cue (within `between`), with a 、-list and
    place chains read to their most specific place; 该村 for a place is the
    village in focus."""
    types, items = rule.object, mentions.items
    k, n = bisect_left(mentions.starts, pos), len(items)
    while k < n and items[k].type not in types:
        k += 1
    if k == n or not rule.between.fullmatch(doc.text, pos, items[k].start):
        return _village_meant(doc, pos) if "Place" in types else []
    group = [items[k]]
    for m in items[k + 1 :]:
        if m.type not in types:
            continue
        last = group[-1]
        linked = _LIST_LINK.fullmatch(doc.text, last.end, m.start) is not None
        if not linked and not (last.type == m.type == "Place" and _chained(doc.text, last, m)):
            break
        group.append(m)
    places = _most_specific(doc.text, [g for g in group if g.type == "Place"])
    return places + [g for g in group if g.type != "Place"]


def _actor_before(doc: Doc, rule: Rule, cue: int, bodies: ByStart, sentence_start: int):
    """The actor a row reads before the cue at `cue` (`bodies` by start)."""
    if rule.actor == "adjacent":
        return next((b for b in bodies.items if b.end == cue), None)
    acting = [b for b in bodies.between(sentence_start, cue + 1) if b.end <= cue and _acting(doc, b)
              and not _after_cue(rule, doc.text, b.start)]
    if acting:
        return acting[0] if rule.actor == "first" else acting[-1]
    # the body that opens the paragraph acts for its sentences
    para = doc.paragraph_at(cue)
    lead = next((b for b in bodies.between(para.start, sentence_start) if _acting(doc, b)), None)
    if lead is not None:
        return lead
    # ——某县:2018年投入…: a list item naming a partner; the article's union gives
    return MainUnion(bodies.items).at(sentence_start) if LIST_HEADING.match(doc.text, para.start) else None


def _passive_object(text: str, before: list) -> list:
    """The object of a passive frame: the first mention before the cue, read
    along its written chain to the most specific place (某镇某村 -> 某村)."""
    if not before:
        return []
    chain = [before[0]]
    for m in before[1:]:
        if not (chain[-1].type == m.type == "Place" and _chained(text, chain[-1], m)):
            break
        chain.append(m)
    return chain[-1:]


def _placed(doc: Doc, rule: Rule, cue: tuple[int, int], mentions: ByStart, bodies: ByStart, s0: int):
    """The actor and the objects a row reads around one cue (None, [] if none);
    the mentions of the sentence and the bodies come sorted by start."""
    text = doc.text
    if rule.order == "actor-cue-object":
        objects = _objects_after(doc, rule, cue[1], mentions)
        return (_actor_before(doc, rule, cue[0], bodies, s0) if objects else None), objects
    types = rule.object
    before = [m for m in mentions.items[: bisect_left(mentions.starts, cue[0])] if m.end <= cue[0] and m.type in types]
    objects = _passive_object(text, before) if rule.order == "passive" else (
        before[-1:] if before and rule.between.fullmatch(text, before[-1].end, cue[0]) else [])
    k = bisect_left(bodies.starts, cue[1])
    actor = bodies.items[k] if k < len(bodies.items) else None
    if actor is not None and not rule.between.fullmatch(text, cue[1], actor.start):
        actor = None
    return actor, objects


# A与B + these: B acts with A (A与B研究决定为某村…, A和B共同帮扶…)
_TOGETHER_AFTER = re.compile(r"(?:共同|一起|一道|联合|携手|研究决定|商定|协商决定)")
_WITH = ("与", "和", "同")
_JOINTLY = ("联合", "会同", "携手")


def _partners_after(text: str, bodies: ByStart, last, limit: int) -> list:
    """Bodies written after `last` and before the cue that act with it:
    A联合B / A会同B, or A与B followed by 共同 / 一起 / 研究决定."""
    out = []
    for b in bodies.items[bisect_left(bodies.starts, last.end) :]:
        if b.start < last.end or b.end > limit:
            continue
        gap = text[last.end : b.start]
        if not (gap in _JOINTLY or gap in _WITH and _TOGETHER_AFTER.match(text, b.end)):
            break
        out.append(b)
        last = b
    return out


def _givers(doc: Doc, rule: Rule, actor, bodies: ByStart, s0: int, cue: int) -> list:
    """The actor and every body written acting with it (A联合B, A会同B,
    A与B共同…), the subject first; a ``joint`` row also reads a 、-list
    before a 联合 (A、B联合C)."""
    if actor.start < s0 or rule.order != "actor-cue-object" or rule.actor == "adjacent":
        return [actor]
    text, before = doc.text, [b for b in bodies.between(s0, actor.start + 1) if b.end <= actor.start]
    group = joint_group(text, before + [actor], actor) or [actor]
    if len(group) == 1 and before and text[before[-1].end : actor.start] in _WITH and _TOGETHER_AFTER.match(text, actor.end):
        group = [before[-1], actor]  # A和B一起为某村…: B is the nearest, A acts too
    return group + _partners_after(text, bodies, group[-1], cue)


def _facts_at(doc: Doc, rule: Rule, cue: tuple[int, int], mentions: ByStart, bodies: ByStart, s0: int) -> list[Relation]:
    actor, objects = _placed(doc, rule, cue, mentions, bodies, s0)
    if actor is None or not objects:
        return []
    # what follows the written object (or actor); an object read from 该村 is not written here
    last = max([cue[1]] + [m.end for m in (*objects, actor) if m.start >= cue[0]])
    clause_end = doc.clause_at(last).end
    if rule.then is not None and not rule.then.match(doc.text, last, clause_end):
        return []
    givers = _givers(doc, rule, actor, bodies, s0, cue[0])
    lo = cue[0] if rule.amount_scope in ("clause", "prior") else min(givers[0].start, cue[0])
    out = []
    year = year_for(doc, cue[0])  # (the same for every fact of the cue)
    for o in objects:
        if o.name in (actor.name, actor.place_of):
            continue
        amount = fact_amount(doc, cue[0], lo, clause_end, rule.amount_scope, len(objects),
                             giver_end=actor.end if actor.start >= s0 else None) if rule.amount else None
        if amount is None and rule.amount_scope == "before" and len(objects) == 1:
            continue
        for g in givers:
            # a work team acts for the union that sent it: both help
            for s in [g.name] + ([g.owner] if g.owner and rule.predicate == "assists" else []):
                out.append(_fact(rule, s, o, g, cue, amount if g is givers[0] else None, year))
    return out


def _fact(rule: Rule, subject: str, o, actor, cue: tuple[int, int], amount, year: int | None) -> Relation:
    return Relation(
            s=subject, p=rule.predicate, o=o.name,
            amount_yuan=amount.yuan if amount else None, approximate=bool(amount and amount.approximate),
            year=year, start=min(actor.start, o.start), end=max(actor.end, o.end, cue[1]),
            amount_gap=abs(amount.start - o.end) if amount else 10**6,
        )


_START, _END = attrgetter("start"), attrgetter("end")


def _by_start_then_longest(mentions: list) -> list:
    """`mentions` sorted by start, the longest first on a tie (and as given
    on a full tie): two sorts on attribute keys, stable, run in C."""
    return sorted(sorted(mentions, key=_END, reverse=True), key=_START)


class _Scene:
    """What the rows read in one `Doc` with one set of acting bodies (sorted
    by start): the mentions of each sentence (the outer ones, or for a cue
    inside a name every body and place), and where the outer mentions
    reach.  The mentions and bodies are held sorted by start (`ByStart`)."""

    def __init__(self, doc: Doc, bodies: list[BodyMention]):
        self.doc, self.bodies = doc, ByStart.of_sorted(bodies)
        inside = Containers(bodies)
        places = [p for p in doc.places if not inside.holds(p.start, p.end)] if bodies else doc.places
        outer = ByStart.of_sorted(_by_start_then_longest(places + bodies + doc.programmes))
        # the furthest end of the mentions up to each one (by start)
        self.reach = list(accumulate(map(_END, outer.items), max))
        self.by_start = {False: outer}  # (the inner ones on first use)
        self.pools: tuple[dict, dict] = ({}, {})  # [inner][sentence start] -> its mentions
        self.contexts: dict[tuple[str, int], bool] = {}  # (context, sentence start) -> found
        self.sentences: dict[int, tuple[int, int, bool]] = {}  # cue start -> its sentence
        self._all_bodies: ByStart | None = None

    def covered(self, pos: int) -> bool:
        """An outer mention holds the character at `pos`."""
        k = bisect_right(self.by_start[False].starts, pos)
        return k > 0 and self.reach[k - 1] > pos

    def sentence(self, pos: int) -> tuple[int, int, bool]:
        """The (start, end) of the sentence holding `pos`, and whether it
        names something (or 该村), which every row needs to read it."""
        got = self.sentences.get(pos)
        if got is None:
            span = self.doc.sentence_at(pos)
            s0, s1 = span.start, span.end
            named = bool(self.pool(s0, s1, False).items) or _THIS_VILLAGE.search(self.doc.text, s0, s1) is not None
            got = self.sentences[pos] = (s0, s1, named)
        return got

    @property
    def all_bodies(self) -> ByStart:
        """Every body of the Doc, nested ones too, by start."""
        if self._all_bodies is None:
            self._all_bodies = ByStart.of_sorted(self.doc.bodies)
        return self._all_bodies

    def _mentions(self, inner: bool) -> ByStart:
        got = self.by_start.get(inner)
        if got is None:
            # a cue written inside a name (驻 in 某总工会驻某村工作队) is read on
            # the name's own parts: every body and place
            nested = _by_start_then_longest(self.doc.places + self.all_bodies.items)
            got = self.by_start[inner] = ByStart.of_sorted(nested)
        return got

    def pool(self, s0: int, s1: int, inner: bool) -> ByStart:
        """The mentions of the sentence [s0, s1), by start."""
        pools = self.pools[inner]
        got = pools.get(s0)
        if got is None:
            got = pools[s0] = ByStart.of_sorted([m for m in self._mentions(inner).between(s0, s1) if m.end <= s1])
        return got

    def in_context(self, context: re.Pattern, s0: int, s1: int) -> bool:
        """The sentence [s0, s1) holds a row's context."""
        key = (context.pattern, s0)
        got = self.contexts.get(key)
        if got is None:
            got = self.contexts[key] = context.search(self.doc.text, s0, s1) is not None
        return got


def run_rules(doc: Doc, rules: tuple[Rule, ...], *, bodies: list[BodyMention] | None = None,
              cues: CueIndex | None = None) -> list[Relation]:
    """The relations the rows yield on `doc`, sentence by sentence.

    `bodies` are the acting bodies (default: the Doc's unions and
    organisations); places written inside a body's name are not objects.
    `cues` holds the cue matches found in `doc` so far (one for the Doc's
    text is made when omitted).
    """
    if cues is None or cues.text is not doc.text:
        cues = CueIndex(doc.text)
    scene = cues.scene(doc, sorted(bodies if bodies is not None else doc.bodies, key=lambda b: b.start))
    found: list[tuple[int, int, int, list[Relation]]] = []
    for k, rule in enumerate(rules):
        spans = cues.matches(rule.cue)
        if not spans:
            continue
        inner = rule.actor == "adjacent"
        acting = scene.all_bodies if inner else scene.bodies
        context = rule.context
        for cue in spans:
            if not inner and scene.covered(cue[0]):
                continue
            s0, s1, named = scene.sentence(cue[0])
            if not named or context is not None and not scene.in_context(context, s0, s1):
                continue
            facts = _facts_at(doc, rule, cue, scene.pool(s0, s1, inner), acting, s0)
            if facts:
                found.append((s0, k, cue[0], facts))
    # sentence by sentence, then row by row, as the text reads
    return [r for *_, facts in sorted(found, key=lambda f: f[:3]) for r in facts]
