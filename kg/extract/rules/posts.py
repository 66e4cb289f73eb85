"""holdsPost and hasTitle: posts written before a name (lists of posts and
names under one body), after it (是…的副主任, in brackets, 担任…), and
honours won (荣获…).
"""

from __future__ import annotations

import re

from ...model import Relation
from ..doc import Doc
from ..lexicon import POSTS, TITLES
from ..places import LEVEL_RANK
from ..programmes import village_in_focus
from ..text import Found
from .common import rel


_POST_END = tuple(POSTS)


_ENTERPRISE_POSTS = ("经理", "董事长", "厂长", "矿长", "工程师", "技师", "院长", "校长", "所长", "站长")


_ROLE_CUED = ("post", "translit", "list", "speech", "title")


def posts_and_titles(text, people, bodies, places, role_before, titles_before, sents, doc: Doc | None = None) -> list[Relation]:
    out = []
    anchors = sorted(bodies + places, key=lambda f: f.start)
    list_body: dict[int, Found] = {}  # start of a person -> the body their post was read in
    for person in people:
        if person.how not in _ROLE_CUED:
            out += _post_after_name(text, person, places, bodies, sents)
            out += _titles_won(text, person, people, sents)
            out += _post_of_body_with_de(text, person, bodies)
            continue
        for body, role, rstart in role_before(text, person.start, anchors, people):
            if role.endswith(_POST_END) or body is None and _VILLAGE_POST.search(role):
                out += _post_before(text, person, body, role, rstart, people, bodies, places, sents, list_body, doc)
        for title in titles_before(text, person.start):
            out.append(rel(person.name, "hasTitle", title, max(0, person.start - len(title) - 1), person.end))
        out += _titles_won(text, person, people, sents)
        out += _post_after_name(text, person, places, bodies, sents)
        out += _post_of_body_with_de(text, person, bodies)
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
    village_post = _VILLAGE_POST.search(role) if body is None else None
    if village_post:
        # 征求了村党支部书记甲的意见: a post in the committees of the village in focus
        role, rstart = village_post.group(), rstart + village_post.start()
        target = _village_of_post(text, person, places, sents)
    elif any(w in role for w in ("第一书记", "工作队队长", "驻村")):
        target = _village_of_post(text, person, places, sents) or target
    target = _union_or_enterprise(role, target, bodies)
    out = []
    if doc is not None and (target is None or target.type == "Organisation" and target.name.endswith("委")):
        # 县委常委、副县长甲: the county's government, which the place stands for
        place = _government_place(doc, role, rstart, person.start)
        party_role, government_role = _party_and_government(role)
        if place is not None and target is not None and party_role:
            # ... and 常委 is a post in the 县委 itself: one relation each
            out.append(rel(person.name, "holdsPost", target.name, min(rstart, target.start), person.end, role=party_role))
            role = government_role
        target = place or target
    if target is None:
        return out
    if body is not None or target.type in ("Organisation", "Union"):
        list_body[person.start] = body if body is not None else list_body.get(prev.start) if prev else target
    return out + [rel(person.name, "holdsPost", target.name, min(rstart, target.start), person.end, role=role)]


def _party_and_government(role: str) -> tuple[str, str]:
    """常委、副县长 -> (常委, 副县长): the posts of a 委 and the government
    posts (县长, 镇长) written after it in one list of posts."""
    parts = role.split("、")
    government = [p for p in parts if _GOVERNMENT_POST.search(p)]
    party = [p for p in parts if not _GOVERNMENT_POST.search(p)]
    return "、".join(party), "、".join(government)


# a post in a village's own committees, written without the village's name
_VILLAGE_POST = re.compile(r"村(?:党支部|党总支|支部|党委|两委|委会|民委员会)?(?:副书记|书记|副主任|主任|支书|委员|干部|会计|副村长|村长)$")


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
            out.append(rel(person.name, "hasTitle", re.sub(r"(?:荣誉)?称号$", "", t.group()), person.start, t.end()))
    for m in _WON.finditer(text, person.end, min(s1, nxt, person.end + 40)):
        t = _TITLE_AFTER_WON.match(text, m.end())
        if t:
            title = re.sub(r"(?:荣誉)?称号$", "", t.group())
            out.append(rel(person.name, "hasTitle", title, person.start, t.end()))
    return out


_IS_ROLE = re.compile(r"[,，]?是")


_TAKES_POST = re.compile(r"(?:担任|出任|任)")


_POST_WITH_DE = re.compile(rf"的?(?P<role>(?:(?!的)[\u4e00-\u9fff]){{0,4}}?(?:{'|'.join(map(re.escape, sorted(POSTS, key=len, reverse=True)))}))的?")


def _post_of_body_with_de(text, person, bodies) -> list[Relation]:
    """某某合作社的负责人甲, 作为某某协会会长的甲: a body, its post and the
    name joined by 的, which the lists of posts before names do not read."""
    before = [b for b in bodies if b.end <= person.start and person.start - b.end <= 12]
    if not before:
        return []
    body = max(before, key=lambda b: (b.end, -b.start))
    m = _POST_WITH_DE.fullmatch(text, body.end, person.start)
    if m is None or "的" not in m.group():
        return []
    return [rel(person.name, "holdsPost", body.name, body.start, person.end, role=m.group("role"))]


def _post_after_name(text, person, places, bodies, sents) -> list[Relation]:
    """孙慧,担任青松村第一书记两年来; 邵永春,是…医院的副主任医师; 王明(某某部部长)."""
    return (_post_in_brackets(text, person, places, bodies) or _post_after_is(text, person, bodies)
            or _post_taken(text, person, places, bodies, sents))


def _post_in_brackets(text, person, places, bodies) -> list[Relation]:
    """王明(四川省总工会宣教部部长): the post in brackets after the name."""
    if text[person.end : person.end + 1] not in ("(", "（"):
        return []
    close = text.find(")", person.end, person.end + 30)
    close = close if close >= 0 else text.find("）", person.end, person.end + 30)
    inner = [b for b in bodies if person.end < b.start and b.end <= close]
    if not inner:
        # 石某(某某村妇女主任): a post in a place, the village or township itself
        inner = [p for p in places if person.end < p.start and p.end <= close and p.level in ("township", "village")]
    if close > 0 and inner:
        role = text[inner[-1].end : close].lstrip("的")  # 郑某(某某总工会的副主席)
        if role and role.endswith(_POST_END):
            return [rel(person.name, "holdsPost", inner[-1].name, person.start, close + 1, role=role)]
    return []


_ROLE_TO_MARK = re.compile(r"[^,。;:!?“”()]{2,16}?(?=[,。;:!?“”()]|$)")


def _post_after_is(text, person, bodies) -> list[Relation]:
    """邵某,是某某医院(的)副主任医师: the body after 是 and the post after it."""
    m = _IS_ROLE.match(text, person.end)
    body = next((b for b in bodies if b.start == m.end()), None) if m else None
    if body is None:
        return []
    de = 1 if text.startswith("的", body.end) else 0
    role_m = _ROLE_TO_MARK.match(text, body.end + de)
    if role_m and role_m.group().endswith(_POST_END):
        return [rel(person.name, "holdsPost", body.name, person.start, role_m.end(), role=role_m.group())]
    return []


_POST_AFTER = re.compile(rf"[^,。;]{{0,12}}?(?:{'|'.join(map(re.escape, POSTS))})")


def _post_taken(text, person, places, bodies, sents) -> list[Relation]:
    """某某,担任某某村第一书记 (or 被选派到某某村担任…): the body or place of the post."""
    _, s1 = sents.bounds(person.start)
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
        role_m = _POST_AFTER.match(text, pos)
        if before and gap == "" and re.search(r"(?:到|在|赴|驻)$", text[person.end : before[-1].start]) and role_m:
            return [rel(person.name, "holdsPost", before[-1].name, person.start, role_m.end(), role=role_m.group())]
        return []
    chain_end = max(t.end for t in targets if t.start < pos + 20)
    target = max(targets, key=lambda t: (t.end, LEVEL_RANK.get(t.level, 0) if t.type == "Place" else 0))
    role_m = _POST_AFTER.match(text, chain_end)
    if not role_m:
        return []
    return [rel(person.name, "holdsPost", target.name, person.start, role_m.end(), role=role_m.group())]


def longest_titles(rels: list[Relation]) -> list[Relation]:
    """Of a person's titles read at one place, the longest written form wins
    (省级劳模 over 劳模 read from the same words)."""
    titles: dict[str, list[Relation]] = {}
    for r in rels:
        if r.p == "hasTitle":
            titles.setdefault(r.s, []).append(r)

    def shadowed(r: Relation) -> bool:
        return any(t.o != r.o and t.o.endswith(r.o) and t.end == r.end for t in titles[r.s])

    return [r for r in rels if r.p != "hasTitle" or not shadowed(r)]

