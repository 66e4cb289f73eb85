"""runs and locatedIn: the body that runs each programme (the subject of its
sentence, partners joined by 联合/会同, 由…负责), its amount, and the place
it is in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Relation
from ..doc import Doc
from ..lexicon import PROGRAMME_NAMES
from ..places import LEVEL_RANK
from ..programmes import village_in_focus
from ..text import ByStart, Containers, Found, clause_bounds
from .attach import amount_for, year_for
from .engine import CueIndex, rule_files, run_rules
from .common import LIST_HEADING, MainUnion, RUN_CUE, amount_kw, is_object, joint_group, rel, terminal, top_level


_MOVE = re.compile(r"在|到|赴|前往|来到|走进|深入|于")


_VILLAGE_WORDS = re.compile(r"村里|村中|村内|该村|本村|全村|村委会|帮扶村|挂钩村|包保村|结对村|在村")


_WHOLE = re.compile(r"全(县|区|市|镇|乡|省)")


_PARTNER_BEFORE = re.compile(r"(?:联合|会同|携手)$")


# (…,)与B联合开展X: B runs X with the subject
_JOINTLY_AFTER = re.compile(r"(?:联合|共同|一起)(?:开展|举办|主办|承办|实施|启动|组织)")


def _partner_written(text: str, b: Found) -> bool:
    """B is written as a partner: 联合B / 会同B, or 与B联合开展."""
    if _PARTNER_BEFORE.search(text, max(0, b.start - 6), b.start):
        return True
    return text[b.start - 1 : b.start] in ("与", "同", "和") and _JOINTLY_AFTER.match(text, b.end) is not None


# 某总工会(对口)帮扶的某村: the body qualifies a noun, it does not act
_QUALIFIES = re.compile(r"(?:所|其)?(?:对口|定点|结对)?(?:帮扶|包抓|包联|包保|挂钩|联系|援建)的")


def _acts(text: str, b: Found) -> bool:
    """`b` may act in its sentence: neither an object (为某村, 向某公司) nor a
    body qualifying a noun (深入某县总工会结对帮扶的某村)."""
    return not is_object(text, b) and _QUALIFIES.match(text, b.end) is None


def _lead_body(text, prog, tops: ByStart, sents) -> Found | None:
    """The first acting body of the paragraph before the programme."""
    p0, _ = sents.paragraph_bounds(prog.start)
    return next((b for b in tops.between(p0, prog.start) if not is_object(text, b)), None)


def _runner(text, prog, tops: ByStart, sents, main: MainUnion) -> Found | None:
    """The body that runs a programme: the subject of its sentence when a
    running verb follows it, else the nearest body before, else the body
    heading the paragraph."""
    s0, _ = sents.bounds(prog.start)
    before = [b for b in tops.between(s0, prog.start) if b.end <= prog.start and _acts(text, b)]
    if before:
        agents = [b for b in before if text.endswith("由", 0, b.start)]
        if agents:
            return agents[-1]  # 由怒江州总工会负责…: the body that carries it out
        nearest, subject = before[-1], before[0]
        joint = joint_group(text, before, nearest)
        if joint:
            return joint[0]  # A联合B、C…开展: A runs it, B and C with it
        if _PARTNER_BEFORE.search(text, max(0, nearest.start - 6), nearest.start):
            # (A…,)联合B开展: B is a partner; the actor is the subject before it
            if len(before) > 1:
                return before[-2]
            lead = _lead_body(text, prog, tops, sents)
            if lead is not None and lead is not nearest:
                return lead
        if not RUN_CUE.search(text, nearest.end, prog.start) and RUN_CUE.search(text, subject.end, prog.start):
            return subject
        return nearest
    named_after = _subject_after_frame(text, prog, tops, s0)
    if named_after is not None:
        return named_after
    lead = _lead_body(text, prog, tops, sents)
    if lead is not None:
        return lead
    p0, _ = sents.paragraph_bounds(prog.start)
    if LIST_HEADING.match(text, p0):
        # an item of a list (——某某县:…) with no body named: the union the article is about
        return main.at(p0)
    return _previous_paragraph_actor(text, p0, tops, sents) if p0 > 0 else None


# 2023年金秋助学活动中, / 在X中, / 为助力X,: the programme opens the sentence as its frame
_FRAME_BEFORE = re.compile(r"(?:\d{4}年度?|今年|去年)?(?:在|为(?:助力|推动|推进|深化|做好|开展|落实))?“?")
_FRAME_AFTER = re.compile(r"”?(?:活动|行动|工作|项目)?(?:中|期间)?[,，]")


def _subject_after_frame(text, prog, tops: ByStart, s0: int) -> Found | None:
    """2023年金秋助学活动中,某县总工会共资助…; 为助力消费帮扶,某市总工会组织…:
    the body opening the clause after a programme that frames the sentence."""
    if not _FRAME_BEFORE.fullmatch(text, s0, prog.start):
        return None
    after = _FRAME_AFTER.match(text, prog.end)
    if after is None:
        return None
    nxt = tops.between(after.end(), after.end() + 1)
    return nxt[0] if nxt and nxt[0].start == after.end() else None


def _previous_paragraph_actor(text, p0, tops: ByStart, sents) -> Found | None:
    """A headline paragraph right before names the body the story is about;
    else the union that was the subject of the paragraph before (one that
    opens its sentence: after 近年来, it is too often another story's, unless
    this paragraph opens with the verb whose subject it is left out of:
    近年来,某总工会…。¶组织开展“X”活动…)."""
    h0, h1 = sents.paragraph_bounds(p0 - 1)
    if h1 - h0 <= 40:
        heading = tops.between(h0, h1)
        if heading:
            return heading[0]
    after_time = RUN_CUE.match(text, p0) is not None
    subjects = [b for b in tops.between(h0, h1) if b.type == "Union" and _opens_sentence(text, b, sents, after_time)]
    return subjects[-1] if subjects else None


# 近年来, / 今年以来, / 日前,: a time written before the subject
_TIME_OPENER = re.compile(r"(?:近年来|近几年来|近年|多年来|今年以来|去年以来|日前|近日|近期)[,，]")


def _opens_sentence(text: str, b: Found, sents, after_time: bool = False) -> bool:
    """`b` is its sentence's subject: it opens it (or, with `after_time`,
    follows a time opener such as 近年来,)."""
    s0 = sents.bounds(b.start)[0]
    if b.start == s0:
        return True
    opener = _TIME_OPENER.match(text, s0) if after_time else None
    return opener is not None and opener.end() == b.start


def runs_and_located(text, places, bodies, programmes, amounts, doc, sents, people=(), cues=None) -> list[Relation]:
    out = []
    cues = cues if cues is not None else CueIndex(text)
    top_bodies = top_level(bodies)
    main = MainUnion(top_bodies)
    tops = ByStart(top_bodies)
    lookup = _PlaceLookup(places, [b for b in bodies if b.type == "Union"])
    named = ByStart(programmes + bodies)  # what a following sentence may name
    ruled_by = _ruled_runners(doc, top_bodies, cues)
    for prog in sorted(programmes, key=lambda p: p.start):
        s0, s1 = sents.bounds(prog.start)
        item = _enumerated_item(text, prog, sents)
        if item is not None:
            out += _item_runs(text, prog, item, tops, amounts, doc, sents)
        frame = _frame_of_another(text, prog)
        runner = None if frame or _placed_into(text, prog) else _runner(text, prog, tops, sents, main)
        amount = _programme_amount(doc, prog, named, sents) if runner is not None else None
        partners = _co_runners(text, runner, tops, prog) if runner is not None else []
        if runner is not None:
            s_bodies = [b for b in tops.between(s0, prog.start) if b.end <= prog.start]
            last = next((b for b in reversed(s_bodies) if not is_object(text, b)), None)
            for b in joint_group(text, s_bodies, last) if last is not None else []:
                if b is not runner and b not in partners:
                    partners.append(b)
            g0 = _part_start(text, s0, prog.start)
            for b in s_bodies:
                if b is not runner and b not in partners and b.start >= max(g0, runner.end) and _partner_written(text, b):
                    partners.append(b)
        # a row that reads the sentence names the runner in place of the subject
        partner_names = {p.name for p in partners}
        ruled = [b for b in ruled_by.get((prog.name, prog.end), ()) if b.name not in partner_names]
        out += _runs_of(doc, prog, partners + (ruled or ([runner] if runner is not None else [])), amount)
        operator = _operator_after(text, prog, programmes, tops, s1)
        if operator is not None and operator is not runner:
            out.append(rel(operator.name, "runs", prog.name, prog.start, operator.end))
        for place in _programme_places(text, prog, lookup, runner, s0, s1) if not frame else ():
            out.append(rel(prog.name, "locatedIn", place.name, min(prog.start, place.start), max(prog.end, place.end)))
    return out + located_by_rows(doc, cues)


# 纳入某计划 / 列入某工程: people or places put into a scheme, not running it
_PLACED_INTO = re.compile(r"(?:纳入|列入)了?[^,。;:!?]{0,12}$")


def _placed_into(text: str, prog) -> bool:
    """The programme is what a body puts people into (分批纳入某工作室), with
    no running verb between: the sentence does not say who runs it."""
    window = text[max(0, prog.start - 16) : prog.start]
    m = _PLACED_INTO.search(window)
    return m is not None and RUN_CUE.search(window, m.end()) is None


def _frame_of_another(text: str, prog) -> bool:
    """作为“X”之一的“Y”: X frames the project Y the sentence is about; who
    runs Y and where Y is are not X's."""
    return text.endswith(("作为“", "作为"), max(0, prog.start - 3), prog.start) and text.startswith(("”之一", "之一"), prog.end)


def _runs_of(doc: Doc, prog, runners: list, amount) -> list[Relation]:
    """runs for each of `runners`, with the programme's amount and year."""
    if not runners:
        return []
    year, gap = year_for(doc, prog.start), (abs(amount.start - prog.start) if amount else None)
    return [rel(b.name, "runs", prog.name, b.start, prog.end, **amount_kw(amount), gap=gap, year=year) for b in runners]


def _ruled_runners(doc: Doc, top_bodies, cues: CueIndex) -> dict[tuple[str, int], list[Found]]:
    """The runners the rows of ``runs.tsv`` name, by (programme, its end)."""
    by_name = {b.name: b for b in sorted(top_bodies, key=lambda b: -b.start)}
    out: dict[tuple[str, int], list[Found]] = {}
    rows = _rows_cued(doc, "runs", cues)
    for r in run_rules(doc, rows, bodies=top_bodies, cues=cues) if rows else ():
        body = by_name.get(r.s)
        if body is not None and body.name not in {b.name for b in out.setdefault((r.o, r.end), [])}:
            out[r.o, r.end].append(body)
    return out


@dataclass(frozen=True)
class _ProgrammeActor:
    """A programme seen as the actor of a ``located_in.tsv`` row."""

    start: int
    end: int
    name: str
    type: str = "Programme"
    place_of: str | None = None
    owner: str | None = None


def programme_actors(doc: Doc) -> list[_ProgrammeActor]:
    """The programmes of `doc` as the actors of ``located_in.tsv`` rows."""
    return [_ProgrammeActor(p.start, p.end, p.name) for p in doc.programmes]


def located_by_rows(doc: Doc, cues: CueIndex | None = None) -> list[Relation]:
    """The places the rows of ``located_in.tsv`` give the programmes."""
    cues = cues if cues is not None else CueIndex(doc.text)
    rows = _rows_cued(doc, "located_in", cues)
    return run_rules(doc, rows, bodies=programme_actors(doc), cues=cues) if rows else []


def _rows_cued(doc: Doc, family: str, cues: CueIndex) -> tuple:
    """The rows of a family whose cue (and context) the text holds, none
    without programmes: the engine's set-up is not paid for nothing."""
    if not doc.programmes:
        return ()
    text = doc.text
    return tuple(r for r in rule_files()[family] if cues.matches(r.cue) and (r.context is None or r.context.search(text)))


_CAMPAIGNS = frozenset(PROGRAMME_NAMES.values())


_OPERATES = re.compile(r"(?:负责|承担|承办|运营|经营|管理|实施|具体实施)")


def _operator_after(text, prog, programmes, tops: ByStart, s1) -> Found | None:
    """某某车间正式投产,由某某公司负责接单: the body that operates it."""
    for b in tops.between(prog.end + 1, min(s1, prog.end + 30)):
        if any(prog.end <= p.start < b.start for p in programmes if p is not prog):
            return None
        gap = text[prog.end : b.start]
        if text[b.start - 1 : b.start] == "由" and _OPERATES.match(text, b.end) and not any(ch in gap for ch in ";；"):
            return b
        return None
    return None


_LINK = re.compile(r"(?:、|和|与|及|以及|会同|联合|携手)$")


def _part_start(text: str, s0: int, pos: int) -> int:
    """Start of the part of a sentence starting at `s0` that holds `pos`:
    after the last semicolon before `pos`."""
    return max(s0, text.rfind(";", s0, pos) + 1, text.rfind("；", s0, pos) + 1)


def _part_end(text: str, pos: int, s1: int) -> int:
    """End of the part of a sentence ending at `s1` that holds `pos`: the
    first semicolon from `pos` on."""
    ends = [i for i in (text.find(";", pos, s1), text.find("；", pos, s1)) if i >= 0]
    return min(ends) if ends else s1


_ENUMERATOR = re.compile(r"[一二三四五六七八九十]是")


def _enumerated_item(text, prog, sents) -> tuple[int, int] | None:
    """`一是技能培训。…二是…`: the span a short enumerated heading introduces."""
    s0, s1 = sents.bounds(prog.start)
    if not _ENUMERATOR.match(text, s0) or s1 - s0 > 24:
        return None
    p0, p1 = sents.paragraph_bounds(prog.start)
    nxt = _ENUMERATOR.search(text, s1, p1)
    return s1, (nxt.start() if nxt else p1)


def _item_runs(text, prog, item, tops: ByStart, amounts, doc, sents) -> list[Relation]:
    """Who funds and who carries out an enumerated item, with its amount."""
    i0, i1 = item
    bodies = [b for b in tops.between(i0, i1) if not is_object(text, b)]
    agents = [b for b in bodies if text.endswith("由", 0, b.start)]
    funders = [b for b in bodies if text.startswith("投入", b.end)]
    amount = amount_for(doc, i0, i0, i1, spent_only=True)
    out = []
    for b in {b.start: b for b in agents + funders}.values():
        out.append(rel(b.name, "runs", prog.name, prog.start, i1, **amount_kw(amount),
                        gap=abs(amount.start - prog.start) if amount else None,
                        year=year_for(doc, prog.start)))
    return out


def _co_runners(text, runner, tops: ByStart, prog) -> list[Found]:
    """Bodies listed with the runner (A、B联合启动…, A会同B、C共同开展…)."""
    c0, _ = clause_bounds(text, prog.start)
    in_clause = [b for b in tops.between(c0, prog.start) if b.end <= prog.start and b is not runner]
    partners = []
    for b in in_clause:
        lo, hi = (b, runner) if b.end <= runner.start else (runner, b)
        gap = text[lo.end : hi.start]
        if len(gap) <= 3 and _LINK.search(gap) or (gap.startswith(("会同", "联合", "和", "与")) and len(gap) <= 4):
            partners.append(b)
    # a chain A、B、C: follow links from partners too
    changed = True
    while changed:
        changed = False
        for b in in_clause:
            if b in partners:
                continue
            for q in partners:
                lo, hi = (b, q) if b.end <= q.start else (q, b)
                if len(text[lo.end : hi.start]) <= 3 and _LINK.search(text[lo.end : hi.start]):
                    partners.append(b)
                    changed = True
                    break
    return partners


def _given_by_person(text, amount, people) -> bool:
    """阿不都热合曼·买买提捐出价值约8万元的农机: money a person gave, not the body."""
    c0, _ = clause_bounds(text, amount.start)
    return any(c0 <= p.start and p.end <= amount.start for p in people)


_TOTAL_BEFORE = re.compile(r"(?:共|共计|累计|合计|总计|先后)(?:投入|投资|筹集|拨付|下拨|捐赠|发放)?(?:资金|帮扶资金|专项资金)?$")


def _sums_up(text: str, prog, amount, others) -> bool:
    """Whether `amount` is a total (共投入资金150万元) written in the clause
    right after the programme's, with no other programme between them.

    >>> from types import SimpleNamespace as M
    >>> text = "开展“甲”活动,共投入资金150万元,修建乙桥"
    >>> _sums_up(text, M(start=3, end=4), M(start=text.index("150")), [M(start=text.index("乙"))])
    True
    """
    if amount.start <= prog.end or not _TOTAL_BEFORE.search(text, max(0, amount.start - 10), amount.start):
        return False
    if any(prog.end <= o.start < amount.start for o in others):
        return False
    return text.count(",", prog.end, amount.start) <= 1


def _programme_amount(doc: Doc, prog, named: ByStart, sents):
    """The amount spent on a programme: the nearest amount in its sentence
    (or in a following sentence that names no other body or programme) that
    is not nearer to another programme of that sentence."""
    text, programmes = doc.text, doc.programmes
    s0, s1 = sents.bounds(prog.start)
    b = prog.start - 1 if text[prog.start - 1 : prog.start] == "“" else prog.start
    if text[b - 1 : b] in ("、", "和", "及") or text[b - 2 : b] == "以及":
        return None  # the last of a list (培训、产业扶持和X活动): the sum is not X's alone
    e = prog.end + 1 if text[prog.end : prog.end + 1] == "”" else prog.end
    if text[e : e + 1] in ("、", "和", "及") and any(p is not prog and e < p.start <= e + 3 for p in programmes):
        return None  # the first of a list of programmes (援建了X和Y): the sum is theirs together
    if s1 < len(text):
        n0, n1 = sents.bounds(s1)
        if not named.between(n0, n1):
            s1 = n1
    # semicolons part the facts of one sentence: a sum in the programme's own part wins
    g0, g1 = _part_start(text, s0, prog.start), _part_end(text, prog.end, s1)
    others = [p for p in programmes if s0 <= p.start < s1 and p is not prog]
    if (g0 > s0 or g1 < s1) and amount_for(doc, prog.start, g0, g1, spent_only=True, exclude=lambda a: _given_by_person(text, a, doc.people)):
        s0, s1 = g0, g1
        others = [p for p in others if g0 <= p.start < g1]

    def not_mine(a) -> bool:
        if _given_by_person(text, a, doc.people):
            return True
        if _sums_up(text, prog, a, others):
            return False  # 开展X活动,共投入资金…万元,为某村修建Y: the total is X's
        return any(abs(a.start - prog.start) > abs(a.start - o.start) for o in others)

    return amount_for(doc, prog.start, s0, s1, spent_only=True, exclude=not_mine)


class _PlaceLookup:
    """The places of an article by start, and its villages in order."""

    def __init__(self, places: list[Found], unions: list[Found] = ()):
        self.all = places
        self.by_start = ByStart(places)
        self.villages = [p for p in self.by_start.items if p.level == "village"]
        self.in_union = Containers(unions)  # 赴某区总工会: a visit to a union, not a place


# 会议在某地召开: the venue of a meeting, not where a programme is
_MEETING_HELD = re.compile(r"(?:隆重)?召开")


# 某市总工会(在全省率先)启动实施某工程: a scheme the body launches over its own territory
_LAUNCHES = re.compile(r"[^,。;:!?]{0,14}?启动实施了?“?")


def _launched_by(text, prog, runner, lookup: _PlaceLookup) -> Found | None:
    """The place of a territorial body that launches the programme
    (某市总工会在全省率先启动实施某工程; 某省教育厅、省教育工会联合启动实施
    某计划), when the article names that place."""
    where = runner.place_of if runner is not None else None
    if not where or not _LAUNCHES.fullmatch(text, runner.end, prog.start):
        return None
    return next((p for p in lookup.all if p.name == where), None)


def _programme_places(text, prog, lookup: _PlaceLookup, runner, s0, s1) -> list[Found]:
    if prog.place is not None:
        return [prog.place]
    inside = [p for p in lookup.by_start.between(prog.start, prog.end) if p.end <= prog.end]
    if inside:
        return terminal(inside)[-1:]
    moved: list[Found] = []
    # the part of the sentence between semicolons that holds the programme;
    # a national campaign only takes a place from its clause or the next one
    g0, g1 = _part_start(text, s0, prog.start), _part_end(text, prog.end, s1)
    if prog.campaign or prog.quoted and prog.name in _CAMPAIGNS:
        c0, c1 = clause_bounds(text, prog.start)
        _, c2 = clause_bounds(text, c1 + 1) if c1 < g1 else (c1, c1)
        g0, g1 = max(g0, c0), min(g1, c2)
    s0, s1 = g0, g1
    ordered = lookup.by_start.between(s0, s1)
    # a move after the programme places it only in the programme's own clause
    # (“送温暖”活动走进某村), not in a later one (…达成共识,…赴某地开展另一项)
    _, own_end = clause_bounds(text, prog.end)
    for m in _MOVE.finditer(text, s0, s1):
        if m.start() > own_end:
            break
        pos = m.end()
        province_ok = m.group() != "在"  # 赴北京 is a destination, 在陕西 mostly a scope
        for p in ordered:  # the places written after 前往 / 在 (——石门村 too), with a 、-list
            gap = text[pos : p.start]
            if p.start >= pos and (gap == "" or (not moved and len(gap) <= 10 and "——" in gap) or (gap == "、" and moved)):
                if lookup.in_union.holds(p.start, p.end) or _MEETING_HELD.match(text, p.end):
                    continue
                if province_ok or LEVEL_RANK[p.level] >= 1:
                    moved.append(p)
                pos = p.end
    if moved:
        return terminal(moved)
    if _VILLAGE_WORDS.search(text, s0, s1):
        v = village_in_focus(text, lookup.villages, prog.start)
        if v is not None:
            return [v]
    launched = _launched_by(text, prog, runner, lookup)
    if launched is not None:
        return [launched]
    whole = _WHOLE.search(text, s0, s1)
    if runner is not None and runner.type == "Union" and whole:
        # 全县 is the runner's county, not the province of a provincial union
        where = runner.place_of or ""
        if where.endswith(whole.group(1)):
            return [p for p in lookup.all if p.name == where][:1]
    return []

