"""Which amount and which year belong to a fact: one policy for every rule.

A rule says where its fact stands (the verb, and the window from the actor
to the object's clause); this module decides what money and time go with it:

- an amount is taken from the fact's window, inside the verb's list item when
  the verb is in one, and the one written nearest to the verb wins;
- a sum for several recipients is their total, so none of them gets it
  (`recipients` > 1); the giver's own fact (runs) may carry it;
- a year comes from the fact's part of the sentence (between semicolons),
  else its sentence, else its list item's heading, else the paragraph's lead
  (or, for a paragraph opening with 其中, the paragraph before); relative
  times were resolved against the article's date when found (`find_times`).
"""

from __future__ import annotations

import re

from ..doc import Doc
from ..money import Amount

_SPEND_BEFORE = re.compile(r"(?:投入|投资|资金|拨付|拨款|发放|捐|价值|筹集|筹措|争取|援助|补助|救助|助学金|共计|累计|合计|用于|安排|拿出|下拨|支持|组织动员|消费|采购|购买)[^,。;]{0,6}$")
_SPEND_AFTER = re.compile(r"(?:资金|经费|的|用于|,用于)")


def spent(doc: Doc, amount: Amount) -> bool:
    """Money spent or given (投入60万元, 价值3.2万元的), not income or output.

    Examples
    --------
    >>> doc = Doc.of("县总工会投入60万元,村民人均收入1.2万元。")
    >>> [spent(doc, a) for a in doc.amounts]
    [True, False]
    """
    text = doc.text
    return bool(_SPEND_BEFORE.search(text, max(0, amount.start - 10), amount.start) or _SPEND_AFTER.match(text, amount.end))


def amount_for(doc: Doc, verb: int, lo: int, hi: int, *, recipients: int = 1, spent_only: bool = False,
               sole: bool = False, exclude=None) -> Amount | None:
    """The amount of a fact whose verb is at `verb` and whose window is [lo, hi).

    `spent_only` keeps money spent or given (`spent`); `sole` takes an amount
    only when it is the window's one candidate (a sum read back from the
    clause before a cue); `exclude` drops candidates another fact owns.

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
    if recipients > 1:
        return None
    item = doc.item_at(verb)
    if item is not None:
        lo, hi = max(lo, item.start), min(hi, item.end)
    found = [a for a in doc.amounts_in(lo, hi) if a.end <= hi and (not spent_only or spent(doc, a))
             and (exclude is None or not exclude(a))]
    if not found or (sole and len(found) > 1):
        return None
    return min(found, key=lambda a: (abs(a.start - verb), a.start))


_CONTINUES = re.compile(r"(?:总|合计|共计|共|约|折合)?价值|合计|共计|总计")


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
        return amount_for(doc, verb, max(lo, doc.sentence_at(verb).start), verb, recipients=recipients, spent_only=True)
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
    if _CONTINUES.match(doc.text, nxt):
        end = doc.clause_at(nxt).end
    return amount_for(doc, verb, lo, end, recipients=recipients)


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


def _points(doc: Doc, start: int, end: int) -> list:
    """The times written in text[start:end] that date a fact: not the start
    of a span up to now (自2015年开展帮扶以来 dates no one fact)."""
    text = doc.text
    return [t for t in doc.times_in(start, end)
            if not (text.endswith(_SINCE_BEFORE, 0, t.start) and _SINCE_AFTER.match(text, t.end))]


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
        return in_part[0].year  # 2018年…;2019年投入…: the year of the fact's own part
    in_sentence = _points(doc, sentence.start, sentence.end)
    if in_sentence:
        return in_sentence[0].year
    item = doc.item_at(pos)
    if item is not None and item.start < sentence.start:
        heading = _points(doc, item.start, doc.sentence_at(item.start).end)
        if heading:
            return heading[0].year
    paragraph = doc.paragraph_at(pos)
    lead = _points(doc, _unwrapped_start(doc.text, paragraph.start), pos)
    if not lead and doc.text.startswith("其中", paragraph.start) and paragraph.start > 0:
        # 其中,…: a breakdown of the paragraph before, in its year
        before = doc.paragraph_at(paragraph.start - 1)
        lead = _points(doc, before.start, paragraph.start)
    if not lead and _DURING.match(doc.text, sentence.start):
        # 在某地期间,…: during the visit the report dated before
        lead = _points(doc, 0, sentence.start)
    return lead[-1].year if lead else None
