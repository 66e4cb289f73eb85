"""Programmes: quoted campaign names with a cue word, the national union
campaigns, named plans and projects (…计划, …项目, …工程), activities opened
with 开展, and facilities built in a village (…村蔬菜大棚, 乌鸡孵化场).
"""

from __future__ import annotations

import re

from .lexicon import FACILITY_NOUNS, PROGRAMME_AFTER_QUOTE, PROGRAMME_BEFORE_QUOTE, PROGRAMME_NAMES
from .text import CJK, Found

_QUOTE = re.compile(r"“([^“”\n]{2,40})”")
_AFTER = re.compile(r"[^\W的]{0,6}?(?:" + "|".join(map(re.escape, PROGRAMME_AFTER_QUOTE)) + ")")
_BEFORE = tuple(PROGRAMME_BEFORE_QUOTE) + ("利用", "作为")
_NOT_NAME_END = ("领域", "问题", "工作", "方面", "精神", "理念", "要求")
_CAMPAIGN = re.compile("|".join(map(re.escape, sorted(PROGRAMME_NAMES, key=len, reverse=True))))
_FACILITY = re.compile("|".join(map(re.escape, FACILITY_NOUNS)))
# Quoted names that end in a programme head are programmes on their own.
_SELF_NAMED = ("工程", "项目", "计划", "行动", "活动", "工作室", "基地", "中心", "之家", "月", "大赛", "运动会")
# Named plans written without quotes: 乡村优秀青年教师培养奖励计划
_PLAN = re.compile(rf"[{CJK}]{{4,16}}?(?:奖励计划|培养计划|行动计划|研修项目|帮扶项目|示范项目|工程|名师工作室|工作室)")
# An activity opened with 开展/举办 and closed by 活动 or the line end.
_OPENED = re.compile(rf"(?:开展了?|举办了?|启动了?)([{CJK}]{{4,16}}?)(?:活动|$)", re.M)
_INDUSTRY = re.compile(rf"发展([{CJK}]{{1,4}}产业)")
# Quotes that are sentences, slogans, models or hotline names, not names.
_SENTENCE_MARKS = set("。!?！？;；、+")
_BODY_END = ("服务团", "工作队", "服务队", "志愿服务团", "协会", "中心站")
_GENERIC_HEADS = ("各类", "重点", "帮扶", "扶贫", "产业", "这些", "一批", "相关", "有关", "多个", "该", "此", "各", "民生", "惠民", "实事")
_BUILD_VERBS = re.compile(r"(?:建设|建立|建成|成立|修建|修通|捐建|捐修|援建|开设|打造|新建|建起|办起|引进|创办)[了的]?(?:一个|一座|一处|一批|\d+个|\d+口|\d+座)?")
_DESCRIPTOR = re.compile(rf"[{CJK}]{{0,8}}$")
_STOP_IN_DESCRIPTOR = set("的了在和与及为是等各该这那个口座批处以")


def _campaign_name(name: str) -> str:
    """关爱职工送清凉 -> 送清凉: a quoted name ending in a national campaign."""
    if name in PROGRAMME_NAMES:
        return PROGRAMME_NAMES[name]
    for campaign, canonical in PROGRAMME_NAMES.items():
        if name.endswith(campaign) and len(name) - len(campaign) <= 4 and len(campaign) >= 3:
            return canonical
    return name


def find_programmes(text: str, places: list[Found], bodies: list[Found]) -> list[Found]:
    out: list[Found] = []
    for m in _QUOTE.finditer(text):
        name = m.group(1).strip()
        if any(ch in _SENTENCE_MARKS for ch in name.replace("互联网+", "")) or name.endswith(_BODY_END):
            continue
        if sum(ch.isdigit() for ch in name) >= 4:
            continue  # hotlines and app names
        after = _AFTER.match(text, m.end())
        before = any(text.endswith(w, 0, m.start()) for w in _BEFORE)
        if not (after or before or name.endswith(_SELF_NAMED)):
            continue
        if len(name) < 3 and not after:
            continue
        if name.endswith(_NOT_NAME_END) or _in_book_title(text, m.start()):
            continue
        if "," in name and len(name) > 24:
            continue
        out.append(Found("Programme", m.start(1), m.end(1), name, _campaign_name(name), {"quoted": True}))
    taken = bytearray(len(text) + 1)
    for f in out:
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
    for b in bodies:
        taken[b.start : b.end] = b"\x01" * (b.end - b.start)

    def free(s: int, e: int) -> bool:
        return not any(taken[s:e])

    def add(f: Found) -> None:
        if free(f.start, f.end):
            out.append(f)
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)

    _facilities(text, places, add)  # before campaigns: 东城区消费扶贫分中心 is not 消费扶贫
    for m in _CAMPAIGN.finditer(text):
        add(Found("Programme", m.start(), m.end(), m.group(), PROGRAMME_NAMES[m.group()], {"campaign": True}))
    for m in _PLAN.finditer(text):
        start = _plan_start(text, m.start(), m.end())
        name = text[start : m.end()]
        if len(name) >= 6 and not name.startswith(_GENERIC_HEADS) and not _in_book_title(text, start):
            add(Found("Programme", start, m.end(), name, name, {"plan": True}))
    for m in _OPENED.finditer(text):
        name = m.group(1)
        if len(name) >= 6 and not any(ch in name for ch in "的等") and not name.startswith(_GENERIC_HEADS) and free(m.start(1), m.end(1)):
            add(Found("Programme", m.start(1), m.end(1), name, name, {"opened": True}))
    for m in _INDUSTRY.finditer(text):
        if any(ch in m.group(1) for ch in "的了和"):
            continue
        add(Found("Programme", m.start(1), m.end(1), m.group(1), m.group(1), {"industry": True}))
    return out


def _plan_start(text: str, start: int, end: int) -> int:
    """Cut a plan name after the last verb or list mark before its head."""
    seg = text[start:end]
    cut = 0
    for w in ("实施", "启动", "纳入", "列入", "推进", "开展", "建设", "打造", "、", "和", "与", "的", "了"):
        i = seg.rfind(w, 0, len(seg) - 2)
        if i >= 0:
            cut = max(cut, i + len(w))
    return start + cut


_VILLAGE_ANAPHORA = re.compile(r"村里|村中|村内|该村|本村|全村|村委会|村集体|村级")


def village_in_focus(text: str, villages: list[Found], pos: int) -> Found | None:
    """The village a passage is about at `pos`: one named earlier in the
    paragraph, or, when the sentence says 村里/该村/村级…, the last village
    named before it in the article."""
    paragraph = text.rfind("\n", 0, pos) + 1
    before = [v for v in villages if v.end <= pos]
    if before and before[-1].start >= paragraph:
        return before[-1]
    s0 = max(text.rfind(ch, 0, pos) for ch in "。!?\n") + 1
    s1 = min((i for i in (text.find(ch, pos) for ch in "。!?\n") if i >= 0), default=len(text))
    if before and _VILLAGE_ANAPHORA.search(text, s0, s1) and pos - before[-1].end < 1500:
        return before[-1]
    return None


def _facilities(text: str, places: list[Found], add) -> None:
    """Facilities: 龙泉关村蔬菜大棚 (a village written before the noun),
    捐建6个蔬菜大棚 / 建设了一个乌鸡孵化场 (a build verb, then a descriptor),
    or a long facility noun on its own (村级扶贫车间); named after the village
    the passage is about when there is one."""
    villages = sorted((p for p in places if p.info["level"] == "village"), key=lambda p: p.start)
    by_end = {p.end: p for p in places if p.info["level"] in ("village", "township")}
    for m in _FACILITY.finditer(text):
        place = by_end.get(m.start())
        if place is not None:
            name = place.surface + m.group()
            add(Found("Programme", place.start, m.end(), name, name, {"facility": True, "place": place}))
            continue
        # descriptor between a build verb and the noun: 乌鸡|孵化场, 流动|培训课堂
        head = text[max(0, m.start() - 20) : m.start()]
        verb = None
        for v in _BUILD_VERBS.finditer(head):
            verb = v
        descriptor = head[verb.end() :] if verb is not None else ""
        if verb is None or any(ch in _STOP_IN_DESCRIPTOR for ch in descriptor) or len(descriptor) > 14:
            if len(m.group()) < 4:
                continue  # a bare short noun (大棚, 机井) is not a named facility
            descriptor = ""
        start = m.start() - len(descriptor)
        noun = descriptor + m.group()
        village = village_in_focus(text, villages, m.start())
        if village is not None and not noun.startswith(village.surface):
            name = village.surface + noun
            info = {"facility": True, "place": village}
        else:
            name = noun
            info = {"facility": True}
        if len(name) >= 3:
            add(Found("Programme", start, m.end(), text[start : m.end()], name, info))


def _in_book_title(text: str, pos: int) -> bool:
    """Inside 《…》: a document or a newspaper, not a programme."""
    opened = text.rfind("《", 0, pos)
    return opened >= 0 and text.rfind("》", opened, pos) < 0 and pos - opened < 60
