"""assists readings of a layout, not of a sentence (assists.tsv holds the
sentence rules, run by `engine`): a pairing heading (——与某总工会:), a
partner's list item read year by year (——某县:2018年投入…;2019年…), and
the two unions of an east–west pairing named in one paragraph (with the
programmes 双方 / 两地工会 carry out: runs of both unions), and the hosts
of an event the sentence before named (本次活动由某某承办,某某协办: runs);
a work team named after the place it serves (某总工会驻某村工作队) helps it.
"""

from __future__ import annotations

import re

from ...model import Relation
from ..places import LEVEL_RANK
from ..text import ByStart, Containers
from .attach import amount_for, year_for
from .common import LIST_HEADING, RUN_CUE, MainUnion, amount_kw, is_object, rel, terminal, top_level


_PAIR_HEADING = re.compile(r"[—\-]*与(?P<who>[^:\n]{2,20}):")


def assists_by_cue(text, places, bodies, programmes, amounts, doc, sents, per_year: list[Relation]) -> list[Relation]:
    """Help read from the pairing layouts of these reports (the per-year
    relations of a listed pairing also go into `per_year`)."""
    out = []
    top = top_level(bodies)
    main = MainUnion(top)
    # a place written inside a body's name (威宁县 in 威宁县总工会) is not a recipient
    in_body = Containers(top)
    mentions = ByStart([p for p in places if not in_body.holds(p.start, p.end)] + top)
    pairs = paired_unions(doc, top)
    out += pairs + pair_runs(doc, top, pairs) + event_hosts(doc, top) + team_places(doc, top)
    out += team_word_visits(doc, mentions, main)
    for s0, s1 in sents.spans():
        head = _PAIR_HEADING.match(text, s0, s1)
        listed = LIST_HEADING.match(text, s0, s1) if not head else None
        if not (head or listed):
            continue
        in_sent = mentions.between(s0, s1)
        if head:
            out += _pair_heading(text, s0, head.end(), in_sent, mentions, doc, sents)
        else:
            out += _listed_pairing(text, s0, s1, listed.end(), in_sent, top, main, amounts, doc, sents, per_year)
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


# The provinces (and 大连, a city paired on its own) that give in the state's
# east–west pairings (东西部协作, 对口支援): their unions help the partner's.
_GIVING_CODES = ("11", "12", "31", "32", "33", "35", "37", "44", "2102")
# the four municipalities: a district there ranks with a prefecture
_MUNICIPALITIES = ("11", "12", "31", "50")
_PAIRING_CUE = re.compile(r"协作|对口|援疆|援藏|援青|两地工会|结对|支援合作")


def _union_rank(union, where: dict[str, tuple[str, str]]) -> tuple[bool, int] | None:
    """(the union's place gives in pairings, its level rank) for a territorial
    federation whose place the article names, else None."""
    if union.kind != "federation" or union.place_of not in where:
        return None
    code, level = where[union.place_of]
    if not code:
        return None
    rank = LEVEL_RANK[level]
    if level == "county" and code.startswith(_MUNICIPALITIES):
        rank -= 1
    return code.startswith(_GIVING_CODES), rank


def _giver_for(rank: int, givers: dict[str, tuple[int, int]]) -> str | None:
    """The giving union ranked nearest at or above `rank` (the most named,
    then the first named, on a tie)."""
    fit = [((r, n, -first), name) for name, (r, n, first) in givers.items() if r <= rank]
    return max(fit)[1] if fit else None


def paired_unions(doc, top) -> list[Relation]:
    """东西部协作: a paragraph about a pairing (协作, 对口, 援疆, 两地工会…) that
    names a union of a giving province and a union of a partner helps the
    partner's union: 广州市总工会到黔南州总工会洽谈东西部协作 -> 广州市总工会
    assists 黔南州总工会.  Each partner union gets the giver of its level, or
    the nearest level above (a district of a municipality ranks as a prefecture).

    Examples
    --------
    >>> from kg.extract import extract
    >>> from kg.ingest import article_from_bytes
    >>> text = "近日,苏州市总工会一行来到铜仁市总工会,就两地工会协作开展座谈。"
    >>> x = extract(article_from_bytes(text.encode(), "a.txt"))
    >>> [(r.s, r.o) for r in x.relations if r.p == "assists" and r.o.endswith("总工会")]
    [('苏州市总工会', '铜仁市总工会')]
    """
    where = {p.name: (p.code, p.level) for p in doc.places}
    ranked = [(u, kr) for u in top if u.type == "Union" and (kr := _union_rank(u, where)) is not None]
    if not (any(kr[0] for _, kr in ranked) and not all(kr[0] for _, kr in ranked)):
        return []  # no giving union, or no partner's, in the article
    by_para: dict[int, list] = {}
    for u, kr in ranked:
        by_para.setdefault(doc.paragraph_at(u.start).start, []).append((u, kr))
    out = []
    for start, unions in by_para.items():
        out += _paragraph_pairs(doc, start, unions)
    return out


def _paragraph_pairs(doc, start: int, unions: list) -> list[Relation]:
    """The giver of each partner union of one paragraph (see `paired_unions`)."""
    givers: dict[str, tuple[int, int, int]] = {}
    partners: dict[str, tuple[int, object]] = {}
    for u, (giving, rank) in unions:
        if giving:
            r, n, first = givers.get(u.name, (rank, 0, u.start))
            givers[u.name] = (r, n + 1, first)
        else:
            partners.setdefault(u.name, (rank, u))
    para = doc.paragraph_at(start)
    if not (givers and partners) or not _PAIRING_CUE.search(doc.text, para.start, para.end):
        return []
    out = []
    for name, (rank, u) in partners.items():
        giver = _giver_for(rank, givers)
        if giver is not None:
            out.append(rel(giver, "assists", name, para.start, para.end, year=year_for(doc, u.start)))
    return out


# 双方 / 两地工会 as the subject: the two unions of the pairing just named
_BOTH = re.compile(r"双方|两地工会|两地")
# …what the two agreed on (达成共识, 签订), or a running verb in the clause
_AGREED = re.compile(r"达成|共识|签订|签署|商定|约定")


def _pair_before(unions, pairs: set[tuple[str, str]], pos: int) -> tuple[str, str] | None:
    """The pairing whose two unions are the last two distinct paired unions
    named before `pos` (its paragraph first, then the article)."""
    named = {n for pair in pairs for n in pair}
    seen: list[str] = []
    for u in reversed([u for u in unions if u.end <= pos and u.name in named]):
        if u.name not in seen:
            seen.append(u.name)
        if len(seen) == 2:
            for pair in ((seen[0], seen[1]), (seen[1], seen[0])):
                if pair in pairs:
                    return pair
            return None
    return None


_RUN_GAP = re.compile(r"[^,。;:、和与及“”]{0,6}“?")


def _run_verb_before(text: str, pos: int) -> bool:
    """A running verb opens the programme at `pos`: 开展(跨界关爱)送温暖."""
    return any(_RUN_GAP.fullmatch(text, c.end(), pos) for c in RUN_CUE.finditer(text, max(0, pos - 10), pos))


def pair_runs(doc, top, pairs: list[Relation]) -> list[Relation]:
    """双方围绕“点亮微心愿”…达成共识 / 两地工会开展…送温暖: each union of the
    pairing named last runs the programmes of the sentence after 双方 (up to
    the next body named) that the two agreed on (达成共识, 签订) or that a
    running verb of the programme's clause opens (开展, 实施).

    Examples
    --------
    >>> from kg.extract import extract
    >>> from kg.ingest import article_from_bytes
    >>> text = "苏州市总工会与铜仁市总工会座谈,两地工会商定联合开展“山海同心”助学活动。"
    >>> x = extract(article_from_bytes(text.encode(), "a.txt"))
    >>> sorted(r.s for r in x.relations if r.p == "runs" and r.o == "山海同心")
    ['苏州市总工会', '铜仁市总工会']
    """
    if not pairs:
        return []
    keys = {(r.s, r.o) for r in pairs}
    unions = [u for u in top if u.type == "Union"]
    out = []
    for m in _BOTH.finditer(doc.text):
        pair = _pair_before(unions, keys, m.start())
        if pair is None:
            continue
        sentence = doc.sentence_at(m.start())
        stop = next((b.start for b in top if m.end() <= b.start < sentence.end), sentence.end)
        agreed = _AGREED.search(doc.text, m.end(), sentence.end) is not None
        out += _both_run(doc, pair, m, stop, lambda p: agreed or _run_verb_before(doc.text, p.start))
    return out + signed_runs(doc, unions, keys)


def _both_run(doc, pair, cue, end: int, keep=lambda p: True) -> list[Relation]:
    """Each union of `pair` runs each programme kept between the cue's end and `end`."""
    return [rel(who, "runs", p.name, cue.start(), p.end, year=year_for(doc, p.start))
            for p in doc.programmes if cue.end() <= p.start and p.end <= end and keep(p) for who in pair]


_SIGNED = re.compile(r"(?:签订|签署)了?[^,。;]{0,4}《")


def signed_runs(doc, unions, keys: set[tuple[str, str]]) -> list[Relation]:
    """甲总工会与乙总工会签订了《…协议》。…新增了…: the two unions of a pairing
    that sign an agreement in a sentence both run each programme the rest of
    its paragraph names (what the agreement holds)."""
    out = []
    for m in _SIGNED.finditer(doc.text):
        sentence = doc.sentence_at(m.start())
        pair = _pair_before([u for u in unions if u.start >= sentence.start], keys, m.start())
        if pair is None:
            continue
        out += _both_run(doc, pair, m, doc.paragraph_at(m.start()).end)
    return out


# 本次活动由…: a sentence about the event just named
_THIS_EVENT = re.compile(r"\s*(?:本次|此次|这次|本届|该)(?:活动|比赛|大赛|赛事|培训|展销会|推介会|招聘会|运动会)[^。!?\n]{0,20}?由")
_HOSTS = re.compile(r"(?:联合|共同)?(?:主办|承办|协办|联办|举办)")


def event_hosts(doc, top) -> list[Relation]:
    """本次活动由甲承办,乙、丙等单位协办: every body of a clause ending in a
    hosting verb (主办, 承办, 协办) runs the programme named last before the
    sentence (in its paragraph or the one before).

    Examples
    --------
    >>> from kg.extract import extract
    >>> from kg.ingest import article_from_bytes
    >>> text = "兴文县总工会举办“书香进村”活动。本次活动由县图书馆承办,屏山县总工会、石林村委会协办。"
    >>> x = extract(article_from_bytes(text.encode(), "a.txt"))
    >>> sorted(r.s for r in x.relations if r.p == "runs" and r.o == "书香进村")
    ['兴文县总工会', '屏山县总工会']
    """
    out = []
    for sentence in doc.sentences:
        head = _THIS_EVENT.match(doc.text, sentence.start, sentence.end)
        if head is None:
            continue
        lo = doc.paragraph_at(max(0, doc.paragraph_at(sentence.start).start - 1)).start
        named = [p for p in doc.programmes if lo <= p.start and p.end <= sentence.start]
        if not named:
            continue
        prog = max(named, key=lambda p: (p.start, -p.end))
        for b in top:
            if not (head.start() <= b.start < sentence.end):
                continue
            clause = doc.clause_at(b.start)
            host = _HOSTS.search(doc.text, b.end, clause.end)
            if host is not None and doc.text[host.end() : host.end() + 1] != "的":
                out.append(rel(b.name, "runs", prog.name, b.start, host.end(), year=year_for(doc, prog.start)))
    return out


_TEAM_HEADS = ("工作队", "工作组", "服务队", "工作团", "帮扶队")
_SERVES = ("驻", "帮扶", "援", "对口帮扶")


def team_places(doc, top) -> list[Relation]:
    """某总工会驻某村访惠聚工作队 / 某市帮扶某市工作队: the team helps the place
    its name says it serves (the last one written after 驻 / 帮扶).

    Examples
    --------
    >>> from kg.extract import extract
    >>> from kg.ingest import article_from_bytes
    >>> text = "宜宾市总工会驻石门村工作队为村民修了水渠。"
    >>> x = extract(article_from_bytes(text.encode(), "a.txt"))
    >>> ("宜宾市总工会驻石门村工作队", "石门村") in {(r.s, r.o) for r in x.relations if r.p == "assists"}
    True
    """
    out = []
    for b in top:
        if b.type != "Organisation" or not b.name.endswith(_TEAM_HEADS):
            continue
        inside = sorted((p for p in doc.places if b.start < p.start and p.end < b.end), key=lambda p: p.start)
        served = [p for p in inside if doc.text.endswith(_SERVES, b.start, p.start)]
        if served:
            place = _chain_end(served[-1], inside)
            out.append(rel(b.name, "assists", place.name, b.start, b.end, year=year_for(doc, b.start)))
    return out


def _chain_end(first, places) -> object:
    """The most specific place of the chain written from `first` on
    (驻某县某乡某村工作队 -> 某村)."""
    last = first
    for p in places:
        if p.start == last.end and LEVEL_RANK[p.level] > LEVEL_RANK[last.level]:
            last = p
    return last


# 当天,慰问组来到某公司…: a visiting group named only by its task opens the sentence
_TEAM_VISITS = re.compile(r"(?:[^,。;:!?]{0,6}[,，])?(?:慰问组|慰问团|帮扶组|帮扶工作组|调研组|慰问小组)(?:一行)?(?:还)?(?:来到|走进|深入|前往|赴)")
_HELP_WORDS = re.compile(r"慰问|帮扶|送温暖|送清凉|送去|捐赠|赠送")


def team_word_visits(doc, mentions: ByStart, main: MainUnion) -> list[Relation]:
    """当天,慰问组来到某公司,走访慰问一线职工: the group is the article's
    union's (the union mentioned most so far), which helps the body or place
    written right after the move verb, in a sentence about help.

    Examples
    --------
    >>> from kg.extract import extract
    >>> from kg.ingest import article_from_bytes
    >>> text = "宜宾市总工会开展“夏送清凉”活动。当天,慰问组来到屏山县石门茶业有限公司,慰问一线职工。"
    >>> x = extract(article_from_bytes(text.encode(), "a.txt"))
    >>> ("宜宾市总工会", "屏山县石门茶业有限公司") in {(r.s, r.o) for r in x.relations if r.p == "assists"}
    True
    """
    out = []
    text = doc.text
    for sentence in doc.sentences:
        m = _TEAM_VISITS.match(text, sentence.start, sentence.end)
        if m is None or not _HELP_WORDS.search(text, m.end(), sentence.end):
            continue
        giver = main.at(sentence.start)
        after = mentions.between(m.end(), m.end() + 1)
        if giver is None or not after or after[0].start != m.end():
            continue
        chain = [after[0]]
        for q in mentions.between(after[0].end, sentence.end):
            if q.start != chain[-1].end or q.type != "Place" or chain[-1].type != "Place":
                break
            chain.append(q)
        recipient = terminal(chain)[-1] if chain[-1].type == "Place" else chain[-1]
        if recipient.name != giver.name:
            out.append(rel(giver.name, "assists", recipient.name, sentence.start, recipient.end,
                           year=year_for(doc, sentence.start)))
    return out
