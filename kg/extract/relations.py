"""Relations between the mentions of one article.

Sentence-level rules: who helps whom (a body, a cue word of help, the place
or body after it), who runs what (the subject body of a programme's
sentence), where things are, who holds which post, administrative chains.
Amounts attach when they sit between the actor and the object in one
sentence; years come from the sentence, else from the paragraph lead.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..gazetteer import load_gazetteer
from ..model import Relation
from .lexicon import ASSIST_CUES, POSTS, PROGRAMME_NAMES, RUN_CUES, TITLES
from .places import LEVEL_RANK
from .programmes import village_in_focus
from .doc import Doc
from .rules.attach import amount_for, spent, year_for
from .rules.engine import rule_files, run_rules
from .rules.titles import titles_before_names
from .text import ByStart, Containers, Found, Sentences, clause_bounds

_ASSIST = re.compile("(?:" + "|".join(map(re.escape, sorted(ASSIST_CUES, key=len, reverse=True))) + ")(?!中心|站)")
_RUN = re.compile("|".join(map(re.escape, sorted(RUN_CUES, key=len, reverse=True))))
_PAIR_HEADING = re.compile(r"[—\-]*与(?P<who>[^:\n]{2,20}):")
_GIVE = re.compile(r"(?:向|为|给)(?P<gap>)")
_GIVE_VERBS = re.compile(r"拨付|捐赠|捐助|赠送|送去|提供|发放|援助|捐款|捐建|援建")
_MOVE = re.compile(r"在|到|赴|前往|来到|走进|深入|于")
_PACT = re.compile(r"(?:签订|签署|结成|建立|开展)[^,。]{0,6}(?:帮扶|结对|协作|共建)|结对")
_VILLAGE_WORDS = re.compile(r"村里|村中|村内|该村|本村|全村|村委会")
_VISIT = re.compile(r"深入|走进|来到|赴|前往")
_HELP_TOPIC = re.compile(r"扶贫|帮扶|慰问|脱贫")
_WHOLE = re.compile(r"全(县|区|市|镇|乡|省)")
_LEADERSHIP = re.compile(r"在(?P<body>[^,。]{2,20}?)的(?:领导|指导)下")
_TAKES_POST = re.compile(r"(?:担任|出任|任)")
# A body right after these is an object or a go-between, not the actor.
_OBJECT_MARKERS = ("向", "为", "给", "对", "与", "帮助", "受到", "得到", "从", "通过", "经")


def _rel(s: str, p: str, o: str, start: int, end: int, **kw) -> Relation:
    gap = kw.pop("gap", None)
    return Relation(s=s, p=p, o=o, start=start, end=end, amount_gap=gap if gap is not None else 10**6, **kw)


def build_relations(doc: Doc, *, role_before, titles_before) -> list[Relation]:
    """Every relation of one article, read from its `Doc`."""
    text, places, unions, orgs, people, programmes = doc.text, doc.places, doc.unions, doc.orgs, doc.people, doc.programmes
    amounts = doc.amounts
    sents = Sentences(text)
    bodies = sorted(unions + orgs, key=lambda f: f.start)
    rels: list[Relation] = []
    rels += _based_in(unions, orgs, places, text)
    rels += _part_of(text, places, sents, bodies)
    rels += _sub_organisation(text, unions, sents)
    rels += _posts(text, people, bodies, places, role_before, titles_before, sents, doc)
    # ids of the relations of a pairing listed year by year (kept apart by
    # year); every relation stays referenced in `rels` until deduplicated
    per_year: list[Relation] = []
    rels += _assists(text, places, bodies, programmes, amounts, doc, sents, per_year)
    rels += _runs_and_located(text, places, bodies, programmes, amounts, doc, sents, people)
    rels += run_rules(doc, rule_files()["assists"], bodies=_top_level(bodies))
    rels += titles_before_names(doc)
    return _dedupe(_longest_titles(rels), places, per_year)


def _longest_titles(rels: list[Relation]) -> list[Relation]:
    """Of a person's titles read at one place, the longest written form wins
    (省级劳模 over 劳模 read from the same words)."""
    titles: dict[str, list[Relation]] = {}
    for r in rels:
        if r.p == "hasTitle":
            titles.setdefault(r.s, []).append(r)

    def shadowed(r: Relation) -> bool:
        return any(t.o != r.o and t.o.endswith(r.o) and t.end == r.end for t in titles[r.s])

    return [r for r in rels if r.p != "hasTitle" or not shadowed(r)]


def _dedupe(rels: list[Relation], places: list[Found], per_year: list[Relation]) -> list[Relation]:
    rels = _direct_parents_only(rels, places)
    out: dict[tuple, Relation] = {}
    per_year_keys = {r.key() for r in per_year}
    # a pairing listed by year keeps one relation per year; other readings of
    # the same pair add nothing to it
    rels = [r for r in rels if r in per_year or r.key() not in per_year_keys]
    for r in rels:
        if r.s == r.o:
            continue
        key = r.key() + ((r.year,) if r in per_year else ())
        cur = out.get(key)
        if cur is None:
            out[key] = r
        else:
            if r.amount_yuan is not None and (cur.amount_yuan is None or r.amount_gap < cur.amount_gap):
                cur.amount_yuan, cur.approximate, cur.amount_gap = r.amount_yuan, r.approximate, r.amount_gap
            if cur.year is None and r.year is not None:
                cur.year = r.year
    return list(out.values())


def _direct_parents_only(rels: list[Relation], places: list[Found]) -> list[Relation]:
    """Of the parents an article gives a place (四川 and 凉山州 for 美姑县),
    keep the most specific one."""
    rank = {p.name: LEVEL_RANK[p.level] for p in places}
    best: dict[str, Relation] = {}
    for r in rels:
        if r.p == "partOf":
            cur = best.get(r.s)
            if cur is None or rank.get(r.o, 0) > rank.get(cur.o, 0):
                best[r.s] = r
    return [r for r in rels if r.p != "partOf" or best[r.s] is r]


# ----------------------------------------------------------------------------- basedIn / partOf


_APPOSITIVE_END = re.compile(r"的(?:一家|一所|一个|一座)?[\u4e00-\u9fff]{0,6}(?:——|—|:)$")


def _based_in(unions, orgs, places, text="") -> list[Relation]:
    place_names = {p.name for p in places}
    by_end = {p.end: p for p in places}
    out = []
    for b in unions + orgs:
        where = b.place_of
        if where and where in place_names:
            out.append(_rel(b.name, "basedIn", where, b.start, b.end))
    for o in orgs:
        # 某某市的一家屠宰企业——某某公司: the place the text says the body is in
        m = _APPOSITIVE_END.search(text, max(0, o.start - 14), o.start)
        place = by_end.get(m.start()) if m else None
        if place is not None:
            out.append(_rel(o.name, "basedIn", place.name, place.start, o.end))
    return out


def _part_of(text, places, sents, bodies=()) -> list[Relation]:
    """Chains as written (四川省凉山州美姑县, 内蒙古的科尔沁旗), a 、-list after
    a chain sharing its parent, and a place whose official parent the
    article names."""
    out = []
    ordered = sorted(places, key=lambda p: p.start)
    parent_of: dict[int, Found] = {}
    for i, p in enumerate(ordered):
        prev = ordered[i - 1] if i else None
        if prev is None:
            continue
        gap = text[prev.end : p.start]
        if gap in ("", "的") and LEVEL_RANK[prev.level] < LEVEL_RANK[p.level]:
            parent_of[i] = prev
            out.append(_rel(p.name, "partOf", prev.name, prev.start, p.end))
        elif gap == "、" and (i - 1) in parent_of and prev.level == p.level:
            parent_of[i] = parent_of[i - 1]
            out.append(_rel(p.name, "partOf", parent_of[i].name, p.start, p.end))
    gaz = load_gazetteer()
    by_code: dict[str, list[Found]] = {}  # code -> its mentions, in order
    for p in places:
        if p.code:
            by_code.setdefault(p.code, []).append(p)
    for p in places:
        code = p.code
        if not code:
            continue
        ancestors = gaz.ancestors(code)
        if ancestors and ancestors[0].code in by_code:
            parent = by_code[ancestors[0].code][0]
            # Said in one sentence (怒江州…拨付给泸水市、福贡县), or a township of
            # the district the article is about (玉林街道 of 武侯区).
            # (a parent written only inside a body's name counts when that body
            # hands down to the place: 某地区工会拨付给某县)
            here = sents.index(p.start)
            same_sentence = any(sents.index(q.start) == here and _parent_mention_counts(text, q, p, bodies)
                                for q in by_code[parent.code])
            if same_sentence or (p.level == "township" and parent.level == "county"):
                out.append(_rel(p.name, "partOf", parent.name, p.start, p.end))
    return out


_HANDS_DOWN = re.compile(r"(?:拨付给|下拨给|下拨到|分配给|划拨给|拨付到|下达给)")


def _parent_mention_counts(text: str, q: Found, child: Found, bodies) -> bool:
    """A parent mention supports partOf unless it is only the place in front of
    a body's name (四川省总工会 … 凉山州 says nothing about where 凉山州 is)."""
    owner = next((b for b in bodies if b.start <= q.start and q.end <= b.end), None)
    if owner is None:
        return True
    between = text[owner.end : child.start] if owner.end <= child.start else ""
    return bool(between) and len(between) <= 40 and _HANDS_DOWN.search(between) is not None and not any(ch in between for ch in "。;；")


def _sub_organisation(text, unions, sents) -> list[Relation]:
    """公司工会在市总工会的指导下开展…: the subject union is under the other."""
    out = []
    for m in _LEADERSHIP.finditer(text):
        s0, _ = sents.bounds(m.start())
        head = [u for u in unions if u.start < m.end() and m.start("body") <= u.start]
        subject = [u for u in unions if s0 <= u.start and u.end <= m.start()]
        if head and subject and head[0].name != subject[-1].name:
            out.append(_rel(subject[-1].name, "subOrganisationOf", head[0].name, subject[-1].start, m.end()))
    return out


# ----------------------------------------------------------------------------- posts and titles

_POST_END = tuple(POSTS)
_ENTERPRISE_POSTS = ("经理", "董事长", "厂长", "矿长", "工程师", "技师", "院长", "校长", "所长", "站长")


_ROLE_CUED = ("post", "translit", "list", "speech", "title")


def _posts(text, people, bodies, places, role_before, titles_before, sents, doc: Doc | None = None) -> list[Relation]:
    out = []
    anchors = sorted(bodies + places, key=lambda f: f.start)
    list_body: dict[int, Found] = {}  # start of a person -> the body their post was read in
    for person in people:
        if person.how not in _ROLE_CUED:
            out += _post_after_name(text, person, places, bodies, sents)
            out += _titles_won(text, person, people, sents)
            continue
        for body, role, rstart in role_before(text, person.start, anchors, people):
            if role.endswith(_POST_END):
                out += _post_before(text, person, body, role, rstart, people, bodies, places, sents, list_body, doc)
        for title in titles_before(text, person.start):
            out.append(_rel(person.name, "hasTitle", title, max(0, person.start - len(title) - 1), person.end))
        out += _titles_won(text, person, people, sents)
        out += _post_after_name(text, person, places, bodies, sents)
    return out


_LISTED_PERSON = re.compile(r"、|,|，|和|及|以及")


def _listed_before(text, person, rstart, people):
    """The person named just before in a list of posts and names (甲、副主席乙;
    某会主席甲,副主席乙; 书记甲和副主席乙)."""
    prev = [p for p in people if p.end < person.start and text[p.end : person.start].startswith("、")]
    if prev:
        return prev[-1]
    before = [p for p in people if p.end <= rstart]
    if before and (before[-1].end == rstart or _LISTED_PERSON.fullmatch(text, before[-1].end, rstart)):
        return before[-1]
    return None


def _post_before(text, person, body, role, rstart, people, bodies, places, sents, list_body, doc) -> list[Relation]:
    """One post written before a name, pointed at the body it belongs to."""
    if body is None and role.startswith(("和", "及")):
        role, rstart = role[1:], rstart + 1  # 主席甲和副主席乙: the link is not the post
    prev = _listed_before(text, person, rstart, people)
    target = body if body is not None else (list_body.get(prev.start) if prev else None)
    if any(w in role for w in ("第一书记", "工作队队长", "驻村")):
        target = _village_of_post(text, person, places, sents) or target
    target = _union_or_enterprise(role, target, bodies)
    if doc is not None and (target is None or target.type == "Organisation" and target.name.endswith("委")):
        # 县委常委、副县长甲: the county's government, which the place stands for
        target = _government_place(doc, role, rstart, person.start) or target
    if target is None:
        return []
    if body is not None or target.type in ("Organisation", "Union"):
        list_body[person.start] = body if body is not None else list_body.get(prev.start) if prev else target
    return [_rel(person.name, "holdsPost", target.name, min(rstart, target.start), person.end, role=role)]


def _village_of_post(text, person, places, sents):
    """A first secretary's or work team's village: in the sentence before the
    name, else the village the paragraph is about, else the next one named."""
    s0, s1 = sents.bounds(person.start)
    villages = [p for p in places if p.level == "village" and s0 <= p.start < person.start]
    if villages:
        return villages[-1]
    all_villages = sorted((p for p in places if p.level == "village"), key=lambda p: p.start)
    focus = village_in_focus(text, all_villages, person.start)
    if focus is None:
        # 驻村第一书记某某介绍,某某村今年…: the village of the sentence
        focus = next((v for v in all_villages if person.end <= v.start < s1), None)
    return focus


def _union_or_enterprise(role, target, bodies):
    """工会主席 of a company is the company's union's; 经理 of a company's
    union (某公司工会主席甲、项目经理乙) is the company's."""
    if role.startswith("工会") and target is not None and target.type == "Organisation":
        union = next((b for b in bodies if b.type == "Union" and b.name == target.name + "工会"), None)
        if union is not None:
            return union
    if target is not None and target.type == "Union" and target.kind == "enterprise" and not role.startswith("工会") \
            and role.endswith(_ENTERPRISE_POSTS):
        org = next((b for b in bodies if b.type == "Organisation" and b.name == target.org), None)
        return org if org is not None else target
    return target


# a head of a government the text names by its place only (副县长, 镇长)
_GOVERNMENT_POST = re.compile(r"(?:副|常务副)?(?P<level>县|区|旗|市|州|盟|乡|镇)长$")
_POST_LEVELS = {"县": ("county",), "区": ("county",), "旗": ("county",), "市": ("prefecture", "county"),
                "州": ("prefecture",), "盟": ("prefecture",), "乡": ("township",), "镇": ("township",)}


def _government_place(doc: Doc, role: str, rstart: int, name_start: int):
    """副县长某某: the county written in the post (某县委常委、副县长), else the
    county the article is about."""
    m = _GOVERNMENT_POST.search(role)
    if m is None:
        return None
    levels = _POST_LEVELS[m.group("level")]
    seg = doc.clause_at(rstart)
    written = [p for p in doc.places if p.level in levels and seg.start <= p.start and p.end <= name_start]
    if written:
        return written[-1]
    for level in levels:
        main = doc.main_place(level)
        if main is not None:
            return main
    return None


_WON = re.compile(r"(?:曾|先后|还|也|已)?(?:荣获|获得|获评|获|被授予|被评为|评为)(?:过)?")
_IS_TITLE = re.compile(r"(?:是|系)(?:一名|一位)?")
_TITLE_AFTER_WON = re.compile("(?:" + "|".join(map(re.escape, TITLES)) + ")(?:称号|荣誉称号)?")


def _titles_won(text, person, people, sents) -> list[Relation]:
    """龙某从业三十年,曾获全国五一劳动奖章: an honour the person won, in the
    person's own sentence and before any other person is named."""
    _, s1 = sents.bounds(person.start)
    nxt = min((p.start for p in people if p.start > person.start), default=s1)
    out = []
    is_title = _IS_TITLE.match(text, person.end)
    if is_title:
        t = _TITLE_AFTER_WON.match(text, is_title.end())
        if t and not text.startswith(("获得者", "代表"), t.end()):
            out.append(_rel(person.name, "hasTitle", re.sub(r"(?:荣誉)?称号$", "", t.group()), person.start, t.end()))
    for m in _WON.finditer(text, person.end, min(s1, nxt, person.end + 40)):
        t = _TITLE_AFTER_WON.match(text, m.end())
        if t:
            title = re.sub(r"(?:荣誉)?称号$", "", t.group())
            out.append(_rel(person.name, "hasTitle", title, person.start, t.end()))
    return out


_IS_ROLE = re.compile(r"[,，]?是")


def _post_after_name(text, person, places, bodies, sents) -> list[Relation]:
    """刘静,自担任石门村驻村工作队队长以来; 邵永春,是…医院的副主任医师."""
    _, s1 = sents.bounds(person.start)
    paren = re.match(r"[(（]", text[person.end : person.end + 1])
    if paren:
        # 王明(四川省总工会宣教部部长): the post in brackets after the name
        close = text.find(")", person.end, person.end + 30)
        close = close if close >= 0 else text.find("）", person.end, person.end + 30)
        inner = [b for b in bodies if person.end < b.start and b.end <= close]
        if not inner:
            # 石某(某某村妇女主任): a post in a place, the village or township itself
            inner = [p for p in places if person.end < p.start and p.end <= close and p.level in ("township", "village")]
        if close > 0 and inner:
            role = text[inner[-1].end : close].lstrip("的")  # 郑某(某某总工会的副主席)
            if role and role.endswith(_POST_END):
                return [_rel(person.name, "holdsPost", inner[-1].name, person.start, close + 1, role=role)]
    m = _IS_ROLE.match(text, person.end)
    if m:
        body = next((b for b in bodies if b.start == m.end()), None)
        if body is not None:
            de = 1 if text.startswith("的", body.end) else 0  # 是某某总工会(的)副主席
            role_m = re.match(r"[^,。;:!?“”()]{2,16}?(?=[,。;:!?“”()]|$)", text[body.end + de :])
            if role_m and role_m.group().endswith(_POST_END):
                return [_rel(person.name, "holdsPost", body.name, person.start, body.end + de + role_m.end(), role=role_m.group())]
    window = text[person.end : min(s1, person.end + 40)]
    m = _TAKES_POST.search(window)
    if not m or "," in window[: m.start()].strip(",")[1:]:
        return []
    pos = person.end + m.end()
    targets = [f for f in places + bodies if pos <= f.start < pos + 20]
    if not targets:
        # 被选派到某某村担任驻村第一书记: the place written before 担任
        before = [f for f in places + bodies if person.end < f.start and f.end <= person.end + m.start()]
        gap = text[before[-1].end : person.end + m.start()] if before else None
        if before and gap == "" and re.search(r"(?:到|在|赴|驻)$", text[person.end : before[-1].start]):
            target = before[-1]
            role_m = re.match(rf"[^,。;]{{0,12}}?(?:{'|'.join(map(re.escape, POSTS))})", text[pos:])
            if role_m:
                return [_rel(person.name, "holdsPost", target.name, person.start, pos + role_m.end(), role=role_m.group())]
        return []
    chain_end = max(t.end for t in targets if t.start < pos + 20)
    target = max((t for t in targets), key=lambda t: (t.end, LEVEL_RANK.get(t.level, 0) if t.type == "Place" else 0))
    rest = text[chain_end:]
    role_m = re.match(rf"[^,。;]{{0,12}}?(?:{'|'.join(map(re.escape, POSTS))})", rest)
    if not role_m:
        return []
    return [_rel(person.name, "holdsPost", target.name, person.start, chain_end + role_m.end(), role=role_m.group())]


# ----------------------------------------------------------------------------- money and years (policy in rules.attach)


def _amount_kw(amount) -> dict:
    if amount is None:
        return {}
    return {"amount_yuan": amount.yuan, "approximate": amount.approximate}


# ----------------------------------------------------------------------------- assists


def _terminal(places_after: list[Found]) -> list[Found]:
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


def _top_level(bodies: list[Found]) -> list[Found]:
    """Bodies not nested inside another body mention (one sweep, sorted)."""
    out: list[Found] = []
    reach = -1
    for b in sorted(bodies, key=lambda f: (f.start, -f.end)):
        if b.end <= reach:
            continue
        out.append(b)
        reach = max(reach, b.end)
    return out


def _assists(text, places, bodies, programmes, amounts, doc, sents, per_year: list[Relation]) -> list[Relation]:
    out = []
    top = _top_level(bodies)
    main = _MainUnion(top)
    # a place written inside a body's name (威宁县 in 威宁县总工会) is not a recipient
    in_body = Containers(top)
    places = [p for p in places if not in_body.holds(p.start, p.end)]
    mentions = ByStart(places + top)
    covered = bytearray(len(text) + 1)
    for f in places + bodies + programmes:
        covered[f.start : f.end] = b"\x01" * (f.end - f.start)
    topic: Found | None = None
    topic_paragraph = -1
    for s0, s1 in sents.spans():
        sentence = text[s0:s1]
        in_sent = mentions.between(s0, s1)
        bodies_in = [b for b in in_sent if b.type in ("Union", "Organisation")]
        paragraph = sents.paragraph_bounds(s0)[0]
        if paragraph != topic_paragraph:
            topic = None
        # "——与怒江州总工会:" heads the paragraphs of one pairing.
        head = _PAIR_HEADING.match(sentence)
        if head:
            who = [m for m in in_sent if m.start < s0 + head.end()]
            follow = [b for b in mentions.between(s0 + head.end(), s0 + head.end() + 80) if b.type == "Union"]
            donors = [b for b in follow if not who or b.name != who[-1].name]
            if who and donors:
                d = donors[0]
                _, d_end = sents.bounds(d.start)
                amount = amount_for(doc, d.end, d.end, d_end)
                out.append(_rel(d.name, "assists", who[-1].name, s0, d_end, **_amount_kw(amount),
                                year=year_for(doc, d.start)))
        listed = _LIST_HEADING.match(sentence) if not head else None
        if listed:
            out += _listed_pairing(text, s0, s1, s0 + listed.end(), in_sent, top, main, amounts, doc, sents, per_year)
        if bodies_in and bodies_in[0].start - s0 < 12:
            topic, topic_paragraph = bodies_in[0], paragraph
        out += _taken_as_helped(text, s0, s1, in_sent, bodies_in, topic, amounts, doc, sents)
        out += _spent_on(text, s0, s1, in_sent, bodies_in, amounts, doc, sents, main)
        cues = [m for m in _ASSIST.finditer(sentence) if not covered[s0 + m.start()]]
        for cue in cues:
            c = s0 + cue.start()
            donors = [b for b in bodies_in if b.end <= c and not _is_object(text, b)]
            donor = donors[-1] if donors else topic
            if donor is None:
                continue
            joint = _joint_group(text, [b for b in bodies_in if b.end <= c], donor) if donors else []
            if joint:
                donor = joint[0]
            after = [m for m in in_sent if m.start >= s0 + cue.end()]
            recipients = _recipients(text, after, s0 + cue.end())
            if not recipients:
                # 石门镇是…总工会包联点: the recipient comes first.
                lead = [m for m in in_sent if m.type == "Place" and m.end <= donor.start]
                if lead and text[lead[-1].end : lead[-1].end + 1] == "是":
                    recipients = [lead[-1]]
            if not recipients:
                # 在某某县某某村援建…: the place the help is given in
                recipients = _place_right_before(text, in_sent, c, donor)
            if not recipients and _IN_THE_VILLAGE.search(text, s0 + cue.end(), s1):
                # 投入帮扶资金…,在村里开办…: the village the passage is about
                villages = sorted((p for p in places if p.level == "village"), key=lambda p: p.start)
                v = village_in_focus(text, villages, c)
                recipients = [v] if v is not None else []
            for r in recipients:
                if r.name in (donor.name, donor.place_of):
                    continue
                # one amount for a list of recipients is their total, not each one's
                amount = amount_for(doc, r.end, c, clause_bounds(text, r.start)[1], recipients=len(recipients))
                if amount is None and len(recipients) == 1 and donors and donor.end <= c:
                    # 省总工会投入150万元,支持县总工会…: the sum spent in the clause before the cue
                    c0, _ = clause_bounds(text, c)
                    p0, _ = clause_bounds(text, max(s0, c0 - 2))
                    amount = amount_for(doc, c, max(donor.end, p0), c, spent_only=True, sole=True)
                for d in joint or [donor]:
                    if r.name == d.name:
                        continue
                    out.append(_rel(d.name, "assists", r.name, min(d.start, r.start), max(r.end, c + 1),
                                    **_amount_kw(amount if d is donor else None), year=year_for(doc, c)))
    return out


_UNDER = re.compile(r"的(?:领导|指导|支持|帮助|关心|协调|推动|带领|组织)下")
_IN_THE_VILLAGE = re.compile(r"(?:在|为|给)(?:村里|村中|村内|该村|本村)")
# ——某某县: a list item naming the partner, the donor the article is about
_LIST_HEADING = re.compile(r"[—\-]{1,3}(?P<who>[^:\n—\-]{2,20}):")
_TAKEN_AS = re.compile(r"把(?P<x>[^,。;]{2,30}?)(?:作为|列为|确定为|确定成|当作)[^,。;]{0,6}?(?:帮扶|联系|扶贫|结对|包抓|挂钩|包联)[^,。;]{0,3}?(?:点|村|对象|单位|户)")
_SPENT_ON = re.compile(r"(?:重点|主要|全部|专门)?用于")


class _MainUnion:
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
    listed partner, one relation per year with that year's sum (the ids of
    these per-year relations also go into `per_year`)."""
    who = [m for m in in_sent if m.start < head_end and m.type in ("Place", "Union")]
    if not who or (head_end - 1 - who[0].start) - sum(m.end - m.start for m in who) > 2 or who[0].start - s0 > 4:
        return []  # the heading is a partner's name, not a title (——记某某总工会驻村干部…:)
    places_ = _terminal([m for m in who if m.type == "Place"])
    recipient = who[-1] if who[-1].type == "Union" else places_[-1]
    givers = [b for b in top if head_end <= b.start < s1 and b.type == "Union" and b.name != recipient.name
              and not _is_object(text, b) and _SPEND_VERB.match(text, b.end)]
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
        r = _rel(donor.name, "assists", recipient.name, s0, g1, **_amount_kw(amount), year=year)
        per_year.append(r)
        out.append(r)
    if not out:
        out.append(_rel(donor.name, "assists", recipient.name, s0, s1, year=year_for(doc, s0)))
    return out


_SPEND_VERB = re.compile(r"(?:也|又|还|再|共|先后|累计)?(?:投入|拨付|安排|拿出|筹集|下拨)")


def _taken_as_helped(text, s0, s1, in_sent, bodies_in, topic, amounts, doc, sents) -> list[Relation]:
    """某某总工会把某某村作为定点帮扶点,全年投入…: the body helps the place."""
    out = []
    for m in _TAKEN_AS.finditer(text, s0, s1):
        x0, x1 = m.start("x"), m.end("x")
        targets = _terminal([p for p in in_sent if p.type == "Place" and x0 <= p.start and p.end <= x1])
        targets += [b for b in in_sent if b.type != "Place" and x0 <= b.start and b.end <= x1]
        donors = [b for b in bodies_in if b.end <= m.start() and not _is_object(text, b)]
        donor = donors[-1] if donors else topic
        if donor is None or not targets:
            continue
        amount = amount_for(doc, m.end(), m.end(), s1, spent_only=True, recipients=len(targets))
        for t in targets:
            out.append(_rel(donor.name, "assists", t.name, donor.start, m.end(), **_amount_kw(amount),
                            year=year_for(doc, m.start())))
    return out


def _spent_on(text, s0, s1, in_sent, bodies_in, amounts, doc, sents, main: _MainUnion | None = None) -> list[Relation]:
    """某某总工会安排资金500万元,重点用于某某市…: the sum helps the place named after 用于."""
    out = []
    for m in _SPENT_ON.finditer(text, s0, s1):
        after = [p for p in in_sent if p.start >= m.end()]
        if not after or after[0].start != m.end() or after[0].type != "Place":
            continue
        chain = [after[0]]
        for p in after[1:]:
            if p.type == "Place" and p.start == chain[-1].end:
                chain.append(p)
        target = _terminal(chain)[-1]
        donors = [b for b in bodies_in if b.end <= m.start() and not _is_object(text, b) and b.type == "Union"]
        if not donors and _LIST_HEADING.match(text, s0) and main is not None and main.at(s0) is not None:
            donors = [main.at(s0)]  # ——某某县:2018年投入…,用于某某村…: the article's union
        if not donors:
            continue
        donor = donors[-1]
        amount = amount_for(doc, m.start(), max(donor.end, s0), m.start(), spent_only=True)
        if amount is None or target.name == donor.place_of:
            continue
        out.append(_rel(donor.name, "assists", target.name, donor.start, target.end, **_amount_kw(amount),
                        gap=m.start() - amount.end, year=year_for(doc, m.start())))
    return out


def _place_right_before(text: str, in_sent: list[Found], pos: int, donor: Found) -> list[Found]:
    """The last place of a chain written as 在+chain right before `pos`."""
    chain: list[Found] = []
    end = pos
    for m in reversed([m for m in in_sent if m.type == "Place" and donor.end <= m.start and m.end <= pos]):
        if m.end != end:
            break
        chain.insert(0, m)
        end = m.start
    if chain and text.endswith("在", 0, chain[0].start):
        return [chain[-1]]
    return []


def _is_object(text: str, body: Found) -> bool:
    if text.endswith(_OBJECT_MARKERS, 0, body.start):
        return True
    # 在X的指导下: X frames the sentence, the actor is its subject
    return text.endswith("在", 0, body.start) and _UNDER.match(text, body.end) is not None


def _recipients(text: str, after: list[Found], pos: int) -> list[Found]:
    """The place(s) or body right after a cue word, with a 、-list."""
    if not after:
        return []
    first = after[0]
    gap = text[pos : first.start]
    if len(gap) > 8 or any(ch in gap for ch in ",。;:!?"):
        return []
    group = [first]
    last = first
    for m in after[1:]:
        between = text[last.end : m.start]
        if between in ("", "、", "和", "及", "与", "的") or (len(between) <= 3 and between.endswith("、")):
            group.append(m)
            last = m
        else:
            break
    places_ = _terminal([g for g in group if g.type == "Place"])
    places_ = [p for p in places_ if p.level != "province" or len(places_) == 1]
    bodies_ = [g for g in group if g.type != "Place"]
    return places_ + bodies_


# ----------------------------------------------------------------------------- runs / locatedIn


_PARTNER_BEFORE = re.compile(r"(?:联合|会同|携手)$")


def _lead_body(text, prog, tops: ByStart, sents) -> Found | None:
    """The first acting body of the paragraph before the programme."""
    p0, _ = sents.paragraph_bounds(prog.start)
    return next((b for b in tops.between(p0, prog.start) if not _is_object(text, b)), None)


def _runner(text, prog, tops: ByStart, sents, main: _MainUnion) -> Found | None:
    """The body that runs a programme: the subject of its sentence when a
    running verb follows it, else the nearest body before, else the body
    heading the paragraph."""
    s0, _ = sents.bounds(prog.start)
    before = [b for b in tops.between(s0, prog.start) if b.end <= prog.start and not _is_object(text, b)]
    if before:
        agents = [b for b in before if text.endswith("由", 0, b.start)]
        if agents:
            return agents[-1]  # 由怒江州总工会负责…: the body that carries it out
        nearest, subject = before[-1], before[0]
        joint = _joint_group(text, before, nearest)
        if joint:
            return joint[0]  # A联合B、C…开展: A runs it, B and C with it
        if _PARTNER_BEFORE.search(text, max(0, nearest.start - 6), nearest.start):
            # (A…,)联合B开展: B is a partner; the actor is the subject before it
            if len(before) > 1:
                return before[-2]
            lead = _lead_body(text, prog, tops, sents)
            if lead is not None and lead is not nearest:
                return lead
        if not _RUN.search(text, nearest.end, prog.start) and _RUN.search(text, subject.end, prog.start):
            return subject
        return nearest
    lead = _lead_body(text, prog, tops, sents)
    if lead is not None:
        return lead
    p0, _ = sents.paragraph_bounds(prog.start)
    if _LIST_HEADING.match(text, p0):
        # an item of a list (——某某县:…) with no body named: the union the article is about
        return main.at(p0)
    if p0 > 0:
        # a headline paragraph right before names the body the story is about
        h0, h1 = sents.paragraph_bounds(p0 - 1)
        if h1 - h0 <= 40:
            heading = tops.between(h0, h1)
            if heading:
                return heading[0]
        # else the union that was the subject of the paragraph before
        subjects = [b for b in tops.between(h0, h1) if b.type == "Union" and b.start == sents.bounds(b.start)[0]]
        return subjects[-1] if subjects else None
    return None


def _runs_and_located(text, places, bodies, programmes, amounts, doc, sents, people=()) -> list[Relation]:
    out = []
    top_bodies = _top_level(bodies)
    main = _MainUnion(top_bodies)
    tops = ByStart(top_bodies)
    lookup = _PlaceLookup(places)
    named = ByStart(programmes + bodies)  # what a following sentence may name
    for prog in sorted(programmes, key=lambda p: p.start):
        s0, s1 = sents.bounds(prog.start)
        item = _enumerated_item(text, prog, sents)
        if item is not None:
            out += _item_runs(text, prog, item, tops, amounts, doc, sents)
        runner = _runner(text, prog, tops, sents, main)
        amount = _programme_amount(doc, prog, named, sents) if runner is not None else None
        partners = _co_runners(text, runner, tops, prog) if runner is not None else []
        if runner is not None:
            s_bodies = [b for b in tops.between(s0, prog.start) if b.end <= prog.start]
            last = next((b for b in reversed(s_bodies) if not _is_object(text, b)), None)
            for b in _joint_group(text, s_bodies, last) if last is not None else []:
                if b is not runner and b not in partners:
                    partners.append(b)
            g0 = max(s0, max(text.rfind(ch, s0, prog.start) for ch in ";；") + 1)
            for b in s_bodies:
                if b is not runner and b not in partners and b.start >= max(g0, runner.end) and _PARTNER_BEFORE.search(text, max(0, b.start - 6), b.start):
                    partners.append(b)
        for partner in partners:
            out.append(_rel(partner.name, "runs", prog.name, partner.start, prog.end, **_amount_kw(amount),
                            gap=abs(amount.start - prog.start) if amount else None,
                            year=year_for(doc, prog.start)))
        if runner is not None:
            out.append(_rel(runner.name, "runs", prog.name, runner.start, prog.end, **_amount_kw(amount),
                            gap=abs(amount.start - prog.start) if amount else None,
                            year=year_for(doc, prog.start)))
        operator = _operator_after(text, prog, programmes, tops, s1)
        if operator is not None and operator is not runner:
            out.append(_rel(operator.name, "runs", prog.name, prog.start, operator.end))
        for place in _programme_places(text, prog, lookup, runner, s0, s1):
            out.append(_rel(prog.name, "locatedIn", place.name, min(prog.start, place.start), max(prog.end, place.end)))
    return out


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
    bodies = [b for b in tops.between(i0, i1) if not _is_object(text, b)]
    agents = [b for b in bodies if text.endswith("由", 0, b.start)]
    funders = [b for b in bodies if text.startswith("投入", b.end)]
    amount = amount_for(doc, i0, i0, i1, spent_only=True)
    out = []
    for b in {b.start: b for b in agents + funders}.values():
        out.append(_rel(b.name, "runs", prog.name, prog.start, i1, **_amount_kw(amount),
                        gap=abs(amount.start - prog.start) if amount else None,
                        year=year_for(doc, prog.start)))
    return out


_JOINT = re.compile(r"^(?:将|已|还|也|又|先后|主动){0,2}(?:联合|会同|携手)$")
_LIST_GAP = re.compile(r"^(?:、|和|与|及|以及)$")


def _joint_group(text: str, bodies: list[Found], last: Found) -> list[Found]:
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
    g0 = max(s0, max(text.rfind(ch, s0, prog.start) for ch in ";；") + 1)
    g1 = min((i for i in (text.find(ch, prog.end, s1) for ch in ";；") if i >= 0), default=s1)
    others = [p for p in programmes if s0 <= p.start < s1 and p is not prog]
    if (g0 > s0 or g1 < s1) and amount_for(doc, prog.start, g0, g1, spent_only=True, exclude=lambda a: _given_by_person(text, a, doc.people)):
        s0, s1 = g0, g1
        others = [p for p in others if g0 <= p.start < g1]

    def not_mine(a) -> bool:
        return _given_by_person(text, a, doc.people) or any(abs(a.start - prog.start) > abs(a.start - o.start) for o in others)

    return amount_for(doc, prog.start, s0, s1, spent_only=True, exclude=not_mine)


class _PlaceLookup:
    """The places of an article by start, and its villages in order."""

    def __init__(self, places: list[Found]):
        self.all = places
        self.by_start = ByStart(places)
        self.villages = [p for p in self.by_start.items if p.level == "village"]


def _programme_places(text, prog, lookup: _PlaceLookup, runner, s0, s1) -> list[Found]:
    if prog.place is not None:
        return [prog.place]
    inside = [p for p in lookup.by_start.between(prog.start, prog.end) if p.end <= prog.end]
    if inside:
        return _terminal(inside)[-1:]
    moved: list[Found] = []
    # the part of the sentence between semicolons that holds the programme;
    # a national campaign only takes a place from its clause or the next one
    g0 = max(s0, max(text.rfind(ch, s0, prog.start) for ch in ";；") + 1)
    g1 = min((i for i in (text.find(ch, prog.end, s1) for ch in ";；") if i >= 0), default=s1)
    if prog.campaign or prog.quoted and prog.name in _CAMPAIGNS:
        c0, c1 = clause_bounds(text, prog.start)
        _, c2 = clause_bounds(text, c1 + 1) if c1 < g1 else (c1, c1)
        g0, g1 = max(g0, c0), min(g1, c2)
    s0, s1 = g0, g1
    ordered = lookup.by_start.between(s0, s1)
    for m in _MOVE.finditer(text, s0, s1):
        pos = m.end()
        province_ok = m.group() != "在"  # 赴北京 is a destination, 在陕西 mostly a scope
        for p in ordered:  # the places written after 前往 / 在 (——石门村 too), with a 、-list
            gap = text[pos : p.start]
            if p.start >= pos and (gap == "" or (not moved and len(gap) <= 10 and "——" in gap) or (gap == "、" and moved)):
                if province_ok or LEVEL_RANK[p.level] >= 1:
                    moved.append(p)
                pos = p.end
    if moved:
        return _terminal(moved)
    if _VILLAGE_WORDS.search(text, s0, s1):
        v = village_in_focus(text, lookup.villages, prog.start)
        if v is not None:
            return [v]
    whole = _WHOLE.search(text, s0, s1)
    if runner is not None and runner.type == "Union" and whole:
        # 全县 is the runner's county, not the province of a provincial union
        where = runner.place_of or ""
        if where.endswith(whole.group(1)):
            return [p for p in lookup.all if p.name == where][:1]
    return []
