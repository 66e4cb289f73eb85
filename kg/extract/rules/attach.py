"""Which amount and which year belong to a fact: one policy for every rule.

A rule says where its fact stands (the verb, and the window from the actor
to the object's clause); this module decides what money and time go with it:

- an amount is taken from the fact's window, inside the verb's list item when
  the verb is in one, and the one written nearest to the verb wins;
- a sum for several recipients is their total, so none of them gets it
  (`recipients` > 1); the giver's own fact (runs) may carry it;
- a year comes from the fact's part of the sentence (between semicolons),
  else its sentence, else its list item's heading, else the paragraph's lead
  (or, for a paragraph opening with 其中, the paragraph before); a fact on a
  heading (the headline) takes the time and the one sum of the prose
  paragraph under it; relative times were resolved against the article's
  date when found (`find_times`);
- money earned (income, wages, prices) is never a fact's amount.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..doc import Doc, Span
from ..money import Amount

_SPEND_BEFORE = re.compile(r"(?:投入|投资|资金|拨付|拨款|发放|捐|价值|筹集|筹措|争取|援助|补助|救助|助学金|慰问金|善款|送去|送上|送来|赠送|资助|共计|累计|合计|用于|安排|拿出|下拨|支持|组织动员|消费|采购|购买)[^,。;]{0,6}$")
_SPEND_AFTER = re.compile(r"(?:资金|经费|的|用于|,用于)")


# income, wages, prices and output: sums that no help fact gives (户均增收3000元)
_EARNED_BEFORE = re.compile(r"(?:收入|增收|创收|收益|工资|月薪|年薪|薪酬|利润|分红|产值|营业额|售价|单价|价格|每斤|每公斤)[^,。;]{0,4}$")


def earned(doc: Doc, amount: Amount) -> bool:
    """Money earned, paid as wages or asked as a price (村民人均收入1.2万元,
    户均增收3000元, 每斤售价8元): never the sum of a fact of help.

    >>> doc = Doc.of("市总工会捐赠5万元,带动户均增收3000元。")
    >>> [earned(doc, a) for a in doc.amounts]
    [False, True]
    """
    return bool(_EARNED_BEFORE.search(doc.text, max(0, amount.start - 8), amount.start))


def spent(doc: Doc, amount: Amount) -> bool:
    """Money spent or given (投入60万元, 价值3.2万元的), not income or output.

    Examples
    --------
    >>> doc = Doc.of("县总工会投入60万元,村民人均收入1.2万元。")
    >>> [spent(doc, a) for a in doc.amounts]
    [True, False]
    """
    text = doc.text
    if earned(doc, amount):
        return False
    return bool(_SPEND_BEFORE.search(text, max(0, amount.start - 10), amount.start) or _SPEND_AFTER.match(text, amount.end))


def amount_for(doc: Doc, verb: int, lo: int, hi: int, *, recipients: int = 1, spent_only: bool = False,
               sole: bool = False, exclude=None, under_heading: bool = True) -> Amount | None:
    """The amount of a fact whose verb is at `verb` and whose window is [lo, hi).

    `spent_only` keeps money spent or given (`spent`); `sole` takes an amount
    only when it is the window's one candidate (a sum read back from the
    clause before a cue); `exclude` drops candidates another fact owns.
    Money earned (`earned`) is never a candidate.  A fact on a heading with
    no sum of its own takes the one sum spent in the prose under it
    (`under_heading`).

    Examples
    --------
    The window of a gift starts at its cue (为), so the sum spent before
    it is not the gift's; a sum for two villages together belongs to neither:

    >>> doc = Doc.of("市总工会投入5万元修路,为东村送去价值2万元的物资。")
    >>> give = doc.text.index("为")
    >>> amount_for(doc, verb=give, lo=give, hi=len(doc.text)).yuan
    20000.0
    >>> amount_for(doc, verb=0, lo=0, hi=len(doc.text), recipients=2) is None
    True
    """
    item = doc.item_at(verb)
    if item is not None:
        lo, hi = max(lo, item.start), min(hi, item.end)
    found = [a for a in doc.amounts_in(lo, hi) if a.end <= hi and (spent(doc, a) if spent_only else not earned(doc, a))
             and (exclude is None or not exclude(a))]
    if recipients > 1:  # a sum for several is none of theirs, unless each got it (各捐赠2万元)
        found = [a for a in found if _EACH_BEFORE.search(doc.text, max(0, a.start - 8), a.start)]
        return min(found, key=lambda a: abs(a.start - verb)) if len(found) == 1 else None
    if not found:
        return _told_under_heading(doc, verb, exclude) if under_heading else None
    if len(found) == 1:
        return found[0]
    if sole:
        return None
    # a sum per household or person loses to the total written beside it (每户500元,共计1万元)
    return min(found, key=lambda a: (per_unit(doc, a), abs(a.start - verb), a.start))


_EACH_BEFORE = re.compile(r"各[^,。;、]{0,6}$")
_PER_UNIT_BEFORE = re.compile(r"(?:每(?:位|户|人|名|个|村|所|家|年|月|次|套|台|亩)|户均|人均)[^,。;]{0,16}$")


def per_unit(doc: Doc, amount: Amount) -> bool:
    """A sum per household, person or year (每户送去慰问金500元, 人均1000元).

    >>> doc = Doc.of("为20户每户送去慰问金500元,共计1万元;为每位学员提供价值100元的工装。")
    >>> [per_unit(doc, a) for a in doc.amounts]
    [True, False, True]
    """
    return bool(_PER_UNIT_BEFORE.search(doc.text, max(0, amount.start - 20), amount.start))


def _told_under_heading(doc: Doc, verb: int, exclude=None) -> Amount | None:
    r"""A fact read from a heading (a headline) is told in the prose under it:
    the one sum spent there is the fact's.

    >>> doc = Doc.of("县总工会为东村送温暖\n来源:县总工会\n日前,县总工会筹集8万元,为东村困难户送去物资。")
    >>> _told_under_heading(doc, 2).yuan
    80000.0
    """
    under = _prose_under_heading(doc, verb)
    if under is None:
        return None
    found = [a for a in doc.amounts_in(under.start, under.end) if spent(doc, a) and (exclude is None or not exclude(a))]
    return found[0] if len({a.yuan for a in found}) == 1 else None


_STOP = re.compile(r"[。!?！？]")


def _prose_under_heading(doc: Doc, pos: int) -> Span | None:
    """When `pos` is on a heading (a short line with no stop), the first
    paragraph of prose after it (skipping source and date lines); else None."""
    text, line = doc.text, doc.paragraph_at(pos)
    if line.end - line.start > 40 or _STOP.search(text, line.start, line.end):
        return None
    for _ in range(4):
        if line.end >= len(text):
            return None
        line = doc.paragraph_at(line.end + 1)
        if _STOP.search(text, line.start, line.end) and line.end - line.start >= 20:
            return line
    return None


# a clause carrying on the fact's gift: its value (价值, 共计) or more of the
# same giving with no new giver or recipient (并送上慰问金2万元)
_CONTINUES = re.compile(r"(?:总|合计|共计|共|约|折合)?价值|合计|共计|总计"
                        r"|(?:并|还|同时|另|又)?(?:送去|送上|发放|捐赠|捐款|赠送|拨付|下拨|提供|资助)(?:了)?(?:慰问金|帮扶资金|资金|现金|善款|助学金)")


def fact_amount(doc: Doc, verb: int, lo: int, clause_end: int, scope: str, recipients: int = 1,
                giver_end: int | None = None) -> Amount | None:
    """The amount of a rule's fact: ``clause`` scope reads [lo, clause_end),
    the clause carried on by one that opens with 价值/共计 (捐赠口罩,价值5000元);
    ``sentence`` scope reads the spent money of the sentence from `lo`, when
    it is the one such sum; ``before`` the spent sum in [lo, verb) nearest
    the verb (投入50万元,用于某村; none when it is spent on several); ``prior`` is ``clause``, else for one
    recipient the sole spent sum of the clause before the verb, after the
    giver written in the sentence (`giver_end`): 投入150万元,支持某县.

    Examples
    --------
    >>> doc = Doc.of("东村工会向西村捐赠口罩,价值5000元,村民收入3万元。")
    >>> v = doc.text.index("向")
    >>> fact_amount(doc, v, v, doc.clause_at(v).end, "clause").yuan
    5000.0
    >>> fact_amount(doc, v, 0, v, "sentence").yuan
    5000.0
    """
    if scope == "before":
        return amount_for(doc, verb, max(lo, doc.sentence_at(verb).start), verb, recipients=recipients, spent_only=True,
                          under_heading=False)
    if scope == "sentence":
        end = doc.sentence_at(verb).end
        return amount_for(doc, verb, lo, end, recipients=recipients, spent_only=True, sole=True)
    found = _in_clause(doc, verb, lo, clause_end, recipients)
    if found is None and scope == "prior" and recipients == 1 and giver_end is not None:
        c0 = doc.clause_at(verb).start
        p0 = doc.clause_at(max(doc.sentence_at(verb).start, c0 - 2)).start
        found = amount_for(doc, verb, max(giver_end, p0), verb, spent_only=True, sole=True)
    return found


def _in_clause(doc: Doc, verb: int, lo: int, clause_end: int, recipients: int) -> Amount | None:
    end = clause_end
    nxt = end + 1 if doc.text[end : end + 1] in ",，" else end  # `clause_end` on or past the comma
    if _CONTINUES.match(doc.text, nxt) and not _names_a_party(doc, nxt, doc.clause_at(nxt).end):
        end = doc.clause_at(nxt).end
    return amount_for(doc, verb, lo, end, recipients=recipients)


def _names_a_party(doc: Doc, start: int, end: int) -> bool:
    """Whether text[start:end] names a body or place (a new giver or recipient)."""
    return any(start <= m.start < end for m in (*doc.unions, *doc.orgs, *doc.places))


_WRAPPED_LINE = re.compile(r"[^\n]{30,}[\u4e00-\u9fff\d]$")


def _unwrapped_start(text: str, start: int) -> int:
    r"""The start of a paragraph whose lines were wrapped by hand (a long line
    ending mid-sentence, with no mark, before it): back over such lines.

    >>> text = "2019年,县总工会投入帮扶资金一百万元,为了让困难职工人人掌握一门技能走出\n大山,开展送温暖。"
    >>> _unwrapped_start(text, text.index("大山"))
    0
    """
    while start > 0:
        prev = text.rfind("\n", 0, start - 1) + 1
        if not _WRAPPED_LINE.fullmatch(text, prev, start - 1):
            return start
        start = prev
    return start


_SINCE_BEFORE = ("自", "从", "自从")
_DURING = re.compile(r"在[^,，。;；!?！？\n]{1,10}?期间")
_SINCE_AFTER = re.compile(r"[^,，。;；!?！？\n]{0,30}?(?:以来|至今)")


def _is_point(text: str, t) -> bool:
    """Whether time `t` dates a fact: not the start of a span up to now
    (自2015年开展帮扶以来 dates no one fact)."""
    return not (text.endswith(_SINCE_BEFORE, 0, t.start) and _SINCE_AFTER.match(text, t.end))


def _points(doc: Doc, start: int, end: int) -> list:
    """The times written in text[start:end] that date a fact (`_is_point`)."""
    text = doc.text
    return [t for t in doc.times_in(start, end) if _is_point(text, t)]


def year_for(doc: Doc, pos: int) -> int | None:
    """The year tied to a fact whose verb is at `pos` (see the module docstring).

    Examples
    --------
    >>> doc = Doc.of("2018年修路;2019年投入5万元。\\n其中,东村2万元。", date="2020-03-01")
    >>> year_for(doc, doc.text.index("投入")), year_for(doc, doc.text.index("东村"))
    (2019, 2019)
    """
    sentence = doc.sentence_at(pos)
    part = doc.part_at(pos)
    in_part = _points(doc, part.start, part.end)
    if in_part and (part.start > sentence.start or part.end < sentence.end):
        return _first(in_part)  # 2018年…;2019年投入…: the year of the fact's own part
    in_sentence = _points(doc, sentence.start, sentence.end)
    if in_sentence:
        return _first(in_sentence)
    item = doc.item_at(pos)
    if item is not None and item.start < sentence.start:
        heading = _points(doc, item.start, doc.sentence_at(item.start).end)
        if heading:
            return _first(heading)
    paragraph = doc.paragraph_at(pos)
    lead = _points(doc, _unwrapped_start(doc.text, paragraph.start), pos)
    if not lead and doc.text.startswith("其中", paragraph.start) and paragraph.start > 0:
        # 其中,…: a breakdown of the paragraph before, in its year
        before = doc.paragraph_at(paragraph.start - 1)
        lead = _points(doc, before.start, paragraph.start)
    if not lead and _DURING.match(doc.text, sentence.start):
        # 在某地期间,…: during the visit the report dated before
        lead = _points(doc, 0, sentence.start)
    if lead:
        return lead[-1].year
    under = _prose_under_heading(doc, pos)  # a headline's fact: the time of the prose that tells it
    told = _points(doc, under.start, under.end) if under is not None else ()
    return _first(told) if told else None


def _first(points: list) -> int:
    """The year of the first written time, else of the first relative one: a
    year the text writes outweighs the article's date (日前…2016年的活动)."""
    return next((t.year for t in points if not t.relative), points[0].year)


def _timed_sentences(doc: Doc, wanted: set[str]) -> tuple[dict[int, int], dict[str, set[int]]]:
    """The year of each sentence that writes a time (its first), and the
    timed sentences each name in `wanted` (a body, place or programme) is written in."""
    years: dict[int, int] = {}
    bounds: dict[int, int] = {}
    for t in doc.times:
        sentence = doc.sentence_at(t.start)
        if sentence.start not in bounds and _is_point(doc.text, t):
            bounds[sentence.start] = sentence.end
            years[sentence.start] = _first(_points(doc, sentence.start, sentence.end))
    named: dict[str, set[int]] = {}
    if years:
        starts = sorted(years)
        for m in (*doc.unions, *doc.orgs, *doc.places, *doc.programmes):
            if m.name in wanted:
                k = bisect_right(starts, m.start) - 1
                if k >= 0 and m.start < bounds[starts[k]]:
                    named.setdefault(m.name, set()).add(starts[k])
    return years, named


def _givers(doc: Doc, a: Amount, span: Span) -> set[str]:
    """The bodies that give sum `a`, written in `span`: the one that opens
    the span before it (the subject) and those in its own clause; with none
    written there, the body that opens its paragraph."""
    bodies = [b for b in doc.bodies if span.start <= b.start and b.end <= a.start]
    if bodies:
        c0 = doc.clause_at(a.start).start
        return {bodies[0].name} | {b.name for b in bodies if b.start >= c0}
    p0 = doc.paragraph_at(a.start).start
    first = next((b for b in doc.bodies if p0 <= b.start < a.start), None)
    return {first.name} if first is not None else set()


def _report_sum(doc: Doc, sums: list[Amount]) -> tuple[Amount, set[str]] | None:
    """The one sum a report spends (`sums`, the sums spent and not per head;
    the same figure may be written twice), with the bodies that give it."""
    if not sums or len({a.yuan for a in sums}) > 1:
        return None
    a = sums[-1]
    return a, _givers(doc, a, doc.sentence_at(a.start))


def _listed(doc: Doc, name: str) -> bool:
    """Whether every mention of programme `name` stands in a list (培训、“金秋助学”等)."""
    text, marks = doc.text, ("、", "和", "及")
    spots = [(p.start - (text[p.start - 1 : p.start] == "“"), p.end + (text[p.end : p.end + 1] == "”"))
             for p in doc.programmes if p.name == name]
    return bool(spots) and all(text[b - 1 : b] in marks or text[e : e + 1] in marks or text.startswith("等", e) for b, e in spots)


def _restated_year(r, timed: tuple[dict[int, int], dict[str, set[int]]]) -> int | None:
    """The time of the first sentence that names both ends of `r` (the fact told again)."""
    years, named = timed
    both = named.get(r.s, set()) & named.get(r.o, set())
    return years[min(both)] if both else None


def _fact_span(doc: Doc, r) -> Span:
    """The list item, else the sentence, a fact was read in (where its evidence ends)."""
    pos = max(r.start, r.end - 1)
    return doc.item_at(pos) or doc.sentence_at(pos)


def _own_sum(doc: Doc, r, span: Span, objects: int, spent_sums: list[Amount]) -> Amount | None:
    """The one sum spent in the fact's sentence or list item, when the fact's
    giver is named before it and the giver has one object there."""
    sums = [a for a in spent_sums if span.start <= a.start < span.end]
    if objects != 1 or not sums or len({a.yuan for a in sums}) > 1:
        return None
    return sums[0] if r.s in _givers(doc, sums[0], span) else None


def _shares_report_sum(doc: Doc, r, a: Amount, helped: dict, ran: dict) -> bool:
    """Whether fact `r` of the body giving the report's one sum `a` takes it:
    an assists fact when the body helps one recipient; a runs fact of a
    programme not written in a list, told in the sum's paragraph or the
    body's one programme outside the headline."""
    if r.p == "assists":
        return len(helped[r.s]) == 1
    paragraph = doc.paragraph_at(a.start)
    return not _listed(doc, r.o) and (paragraph.holds(r.end - 1) or len(ran.get(r.s, ())) <= 1)


def complete_from_report(doc: Doc, rels: list) -> list:
    """Fill the amount and year of help and programme facts (assists, runs)
    that their own reading left without them, from the rest of the report:

    - an assists fact takes the one sum spent in its sentence or list item
      when its giver gives it and helps no other recipient there
      (某总工会结对帮扶某村,投入资金10万元);
    - else the one sum a report spends (not per head) goes to the facts of
      the body that gives it (`_shares_report_sum`: a total over several
      recipients or programmes is none of theirs); the fact then takes that
      sum's year too, when it has none;
    - a fact with no year takes the time of another sentence that names both
      its ends (the fact told again, 2022年5月12日…自治区总工会要助力某村).

    Examples
    --------
    >>> from kg.model import Relation
    >>> from kg.extract.doc import BodyMention, PlaceMention
    >>> doc = Doc.of("县总工会帮扶东村。今年以来,县总工会已采购东村农产品6万元。", date="2021-05-01")
    >>> doc.unions = [BodyMention("Union", 0, 4, "县总工会", "县总工会"), BodyMention("Union", 15, 19, "县总工会", "县总工会")]
    >>> doc.places = [PlaceMention(6, 8, "东村", "东村", "village"), PlaceMention(23, 25, "东村", "东村", "village")]
    >>> r = complete_from_report(doc, [Relation("县总工会", "assists", "东村")])[0]
    >>> r.amount_yuan, r.year
    (60000.0, 2021)
    """
    open_facts = [r for r in rels if (r.amount_yuan is None or r.year is None) and r.p in ("assists", "runs")]
    if not open_facts:
        return rels
    spent_sums = [a for a in doc.amounts if spent(doc, a) and not per_unit(doc, a)]
    found = _report_sum(doc, spent_sums) if spent_sums else None
    helped: dict[str, set] = {}
    if spent_sums:
        for r in rels:
            if r.p == "assists":
                helped.setdefault(r.s, set()).add(r.o)
    ran = _programmes_run(doc, rels) if found is not None else {}
    for r in open_facts:
        if r.amount_yuan is None and r.p == "assists" and spent_sums:
            _take(r, _own_sum_of(doc, r, rels, spent_sums))
        if found is not None and r.amount_yuan is None and r.s in found[1] and _shares_report_sum(doc, r, found[0], helped, ran):
            _take(r, found[0])
            if r.year is None:
                r.year = year_for(doc, found[0].start)
    undated = [r for r in open_facts if r.year is None]
    if undated and doc.times:
        timed = _timed_sentences(doc, {n for r in undated for n in (r.s, r.o)})
        for r in undated:
            r.year = _restated_year(r, timed)
    return rels


def _take(r, amount: Amount | None) -> None:
    if amount is not None:
        r.amount_yuan, r.approximate = amount.yuan, amount.approximate


def _own_sum_of(doc: Doc, r, rels: list, spent_sums: list[Amount]) -> Amount | None:
    """`_own_sum` of an assists fact, counting the giver's recipients in its span."""
    span = _fact_span(doc, r)
    if not any(span.start <= a.start < span.end for a in spent_sums):
        return None
    objects = {q.o for q in rels if q.p == "assists" and q.s == r.s and span.holds(max(q.start, q.end - 1))}
    return _own_sum(doc, r, span, len(objects), spent_sums)


def _programmes_run(doc: Doc, rels: list) -> dict[str, set]:
    """The programmes each body runs, outside the headline."""
    ran: dict[str, set] = {}
    for r in rels:
        if r.p == "runs" and _prose_under_heading(doc, r.start) is None:
            ran.setdefault(r.s, set()).add(r.o)
    return ran
