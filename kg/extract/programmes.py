"""Programmes: quoted campaign names with a cue word, the national union
campaigns, named plans and projects (…计划, …项目, …工程), activities opened
with 开展, and facilities built in a village (…村蔬菜大棚, 肉牛养殖场).
"""

from __future__ import annotations

import re

from .lexicon import FACILITY_NOUNS, POSTS, attribute_words, boundary_words, words_pattern, PROGRAMME_AFTER_QUOTE, PROGRAMME_BEFORE_QUOTE, PROGRAMME_NAMES
from .text import CJK, Found, all_cjk

_POST_WORDS = frozenset(POSTS)

_QUOTE = re.compile(r"“([^“”\n]{2,40})”")
# (a verb or link word between the quote and the cue starts another clause:
# “三对照”并带领志愿者服务队 is no 服务)
_AFTER = re.compile(r"[^\W的并和与及把将被让给到是由着也都就还又但或]{0,6}?(?:" + "|".join(map(re.escape, PROGRAMME_AFTER_QUOTE)) + ")")
# An event a body hosts, named in quotes, may list its parts (、, ——)
_HOSTED = ("主办的", "承办的", "举办的", "发起的", "协办的")
_BEFORE = tuple(PROGRAMME_BEFORE_QUOTE) + ("利用", "作为") + _HOSTED
_NOT_NAME_END = ("领域", "问题", "工作", "方面", "精神", "理念", "要求")
_CAMPAIGN = re.compile(words_pattern(PROGRAMME_NAMES))
_FACILITY = re.compile(words_pattern(FACILITY_NOUNS))
_FACILITY_ENDS = tuple(FACILITY_NOUNS)
# a quoted place of its own after a village: 某村“儿童爱心书屋”, 某村“农民工之家”
_PLACED_QUOTE_ENDS = _FACILITY_ENDS + ("之家", "基地", "中心")
# A quoted activity of bringing something somewhere (“送图书进农家”, “送技术下乡”)
_BRINGING = re.compile(rf"送(?![你我他她它])[{CJK}]{{1,6}}?(?:进|下|到)[{CJK}]{{1,4}}")
# Quoted names that end in a programme head are programmes on their own.
_SELF_NAMED = ("工程", "项目", "计划", "行动", "活动", "工作室", "基地", "中心", "之家", "月", "大赛", "运动会")
# Named plans written without quotes: a name of four or more characters,
# then a plan head that says what the plan does (…技能提升计划, …助学帮扶项目,
# …安居工程, …创新工作室), e.g. 山区青年农民技能提升计划.
_PLAN_PURPOSE = "奖励 培养 培训 提升 帮扶 示范 研修 资助 关爱 培育 行动 振兴 扶持 助学 就业 健康 安居 改造 升级 产业".split()
_PLAN = re.compile(rf"[{CJK}]{{4,16}}?(?:(?:{'|'.join(_PLAN_PURPOSE)})(?:计划|项目)|工程|工作室)")
_PLAN_HEAD = re.compile("计划|项目|工程|工作室")  # (every purpose word has two characters)


def _plans(text: str):
    """The matches of _PLAN.finditer(text), trying only the starts a plan
    head can follow: a plan starting at p has its head at p+4 … p+18, so
    from `pos` on no plan starts before the next head minus 18."""
    pos = 0
    while True:
        head = _PLAN_HEAD.search(text, pos + 4)
        if head is None:
            return
        h = head.start()
        for p in range(max(pos, h - 18), h - 3):
            m = _PLAN.match(text, p)
            if m:
                yield m
                pos = m.end()
                break
        else:
            pos = h - 3  # no plan starts at or before h - 4
# An activity opened with 开展/举办 and closed by 活动 or the line end.
_OPENED = re.compile(rf"(?:开展了?|举办了?|启动了?)([{CJK}]{{3,16}}?)(?:活动|$)", re.M)
# An event a body holds, named without quotes: 举办首届农民工职业技能大赛
_HELD_EVENT = re.compile(rf"(?:举办|举行|承办|主办)了?([{CJK}]{{2,16}}?(?:大赛|竞赛|运动会|招聘会|展销会|推介会|汇演|比武))")
_EDITION = re.compile(r"(?:第[一二三四五六七八九十\d]+届|首届)")


def _edition_length(name: str) -> int:
    """The length of an edition opening a name (首届, 第三届), else 0."""
    m = _EDITION.match(name)
    return m.end() if m else 0


# A kind of poverty help run as an activity: 开展健康扶贫活动, 组织电商扶贫活动.
_AID_ACTIVITY = re.compile(rf"(?:开展|举办|组织)了?([{CJK}]{{2}}扶贫)(?:活动|行动)")
_NOT_AID_KINDS = ("系列", "各类", "多种", "各项", "多项", "专项", "精准", "对口", "结对", "帮扶", "助力", "脱贫")
# 送 not ending another verb (赠送, 发送, 输送, 护送 ...)
_SONG_LIST = re.compile(rf"(?<![赠发输运护递欢传接派押寄配])送[{CJK}]{{2}}(?:、送[{CJK}]{{2}})+")
# A named industry a body builds up: 发展(壮大)中蜂产业, 原有的花卉产业
_INDUSTRY = re.compile(rf"(?:发展|壮大|培育|做强|做大|原有的?)(?:壮大|培育)?([{CJK}]{{1,8}}?产业)")
# Kinds of industry, not one industry: 特色产业, 富民产业 (a policy phrase), and
# any attribute word (jieba tag b: 新兴, 主导, 新型) before 产业.
_NOT_INDUSTRY = ("村集体", "集体", "特色", "支柱", "扶贫", "富民", "优势", "相关", "传统")
# Quotes that are sentences, slogans, models or hotline names, not names.
_SENTENCE_MARKS = set("。!?！？;；、+")
_PRINCIPLE = re.compile(r"一[\u4e00-\u9fff]一[\u4e00-\u9fff]")
_BODY_END = ("服务团", "工作队", "服务队", "志愿服务团", "协会", "中心站", "联合体", "联盟")
_GENERIC_HEADS = ("各类", "重点", "帮扶", "扶贫", "产业", "这些", "一批", "相关", "有关", "多个", "该", "此", "各", "民生", "惠民", "实事")
_BUILD_VERBS = re.compile(
    r"(?:建设|建立|建成|成立|修建|修通|捐建|捐修|援建|开设|打造|新建|建起|办起|引进|创办|举办|开办|发展)[了的]?"
    r"(?:[一两三四五六七八九十][个座处批条间所家片期届]|\d+(?:余|多)?[个口座条间所处家期届亩])?"
)
_COUNT_AFTER = re.compile(r"\d+(?:余|多)?(?:个|处|座|家|所)")
_DESCRIPTOR = re.compile(rf"[{CJK}]{{0,8}}$")
_STOP_IN_DESCRIPTOR = set("的了在和与及为是等各该这那个口座批处以期届第、")


def _quoted_facilities_placed(text: str, found: list[Found], places: list[Found]) -> None:
    """某村“儿童爱心书屋”: a quoted facility written right after a village is
    named after it (the quoted form stays an alias) and placed there."""
    if not found:
        return
    villages = {p.end: p for p in places if p.info["level"] == "village"}
    for k, f in enumerate(found):
        place = villages.get(f.start - 1)
        if place is not None and text[f.start - 1] == "“" and f.name.endswith(_PLACED_QUOTE_ENDS):
            found[k] = Found("Programme", f.start, f.end, f.surface, place.surface + f.name,
                             {**f.info, "facility": True, "place": place})


def _campaign_name(name: str) -> str:
    """情暖环卫送清凉 -> 送清凉: a quoted name ending in a national campaign."""
    if name in PROGRAMME_NAMES:
        return PROGRAMME_NAMES[name]
    for campaign, canonical in PROGRAMME_NAMES.items():
        if name.endswith(campaign) and len(name) - len(campaign) <= 4 and len(campaign) >= 3:
            return canonical
    return name


def _quoted_lists(text: str) -> dict[int, bool]:
    """Quotes written as one list (“送文化”、“送科普”、“送健康”等活动): the
    start of each quote -> True when the list as a whole is introduced as
    programmes (a cue word before its first item or after its last)."""
    chains: list[list[re.Match]] = []
    for m in _QUOTE.finditer(text):
        if chains and text[chains[-1][-1].end() : m.start()] in ("、", "，", ","):
            chains[-1].append(m)
        else:
            chains.append([m])
    out: dict[int, bool] = {}
    for chain in chains:
        if len(chain) < 2:
            continue
        cue = text.endswith(_BEFORE, 0, chain[0].start()) or _LIST_AFTER.match(text, chain[-1].end()) is not None
        for m in chain:
            out[m.start()] = cue
    return out


# After the last quote of a list: 等活动, 等工作, 三项培训, or a programme word.
_LIST_AFTER = re.compile(rf"(?:[{CJK}]{{0,6}}?等)?(?:[一二三四五六七八九十两\d]+[项个大])?(?:活动|行动|培训|工作|服务|工程|项目)")
# Quoted items listed inside one quote, then a count of them: “甲、乙、丙”三项培训
_COUNTED_ITEMS = re.compile(r"[一二三四五六七八九十两\d]+[项个大](?:培训|活动|行动|工程|服务)")


# Aid goods named in quotes and counted: 每户2吨“暖心煤”, “爱心读书卡”100张
_COUNTED_GOODS = re.compile(r"\d+(?:余|多)?[吨张份箱袋件套台床桶斤]")
_COUNTED_BEFORE = re.compile(r"\d+(?:余|多)?[吨张份箱袋件套台床桶斤]$")


_AWARD = re.compile(r"(?:优秀|先进)?(?:组织|集体|单位)?奖")


def _quoted(text: str, m: re.Match, listed: dict[int, bool]) -> list[Found]:
    """The programmes one quote names: itself, or each item of a counted list,
    or each half of an edition (“2020年全国某某月—某市某某日”活动: the year
    is not part of the name, and a single dash joins two names)."""
    name = m.group(1).strip()
    year = _EDITION_YEAR.match(name)
    if year and _AFTER.match(text, m.end()):
        return _edition(m.start(1) + year.end(), name[year.end() :])
    if "、" in name and _COUNTED_ITEMS.match(text, m.end()):
        found, pos = [], m.start(1)
        for item in name.split("、"):
            if 2 <= len(item) <= 12 and all_cjk(item):
                found.append(Found("Programme", pos, pos + len(item), item, item, {"quoted": True}))
            pos += len(item) + 1
        return found
    if "、" in name and re.match(r"(?:活动|行动|工作)", text[m.end() : m.end() + 2]) and len(name) <= 24:
        return [Found("Programme", m.start(1), m.end(1), name, name, {"quoted": True})]  # “甲、乙、丙”活动
    if text.endswith(_HOSTED, 0, m.start()) and 4 <= len(name) <= 30 and not any(ch in "。!?！？;；" for ch in name):
        return [Found("Programme", m.start(1), m.end(1), name, name, {"quoted": True})]  # 联合主办的“甲、乙——丙”
    if any(ch in _SENTENCE_MARKS for ch in _without_pair_plus(name, text, m.end())) or name.endswith(_BODY_END):
        return []
    if sum(ch.isdigit() for ch in name) >= 4 or name in _POST_WORDS:
        return []  # hotlines and app names; a post in quotes (“第一书记”)
    after = _AFTER.match(text, m.end())
    if after and _AWARD.match(text, after.end()):
        return []  # “甲”普法大赛组织奖: an award a body won
    before = text.endswith(_BEFORE, 0, m.start())
    counted = _COUNTED_BEFORE.search(text, max(0, m.start() - 6), m.start()) or _COUNTED_GOODS.match(text, m.end())
    if not (after or before or name.endswith(_SELF_NAMED) or name.endswith(_FACILITY_ENDS) or listed.get(m.start()) or counted
            or _BRINGING.fullmatch(name)):
        return []
    if len(name) < 3 and not after:
        return []
    if name.endswith(_NOT_NAME_END) or _in_book_title(text, m.start()):
        return []
    if _PRINCIPLE.fullmatch(name):
        return []  # 坚持“一村一策”: a working principle, not a programme
    if "," in name and len(name) > 24:
        return []
    return [Found("Programme", m.start(1), m.end(1), name, _campaign_name(name), {"quoted": True})]


def _without_pair_plus(name: str, text: str, end: int) -> str:
    """The quoted name without the + of an activity joining two things
    (“党建+消费扶贫”活动, “互联网+”); a chain of three (“公司+合作社+农户”) or
    a pair read as a model (…模式) keeps it, a sentence mark.

    >>> _without_pair_plus("党建+助农", "“党建+助农”活动", 7), _without_pair_plus("公司+农户", "“公司+农户”模式", 7)
    ('党建助农', '公司+农户')
    """
    left, plus, right = name.partition("+")
    if not plus or "+" in right or len(left) < 2 or (right and len(right) < 2) or text.startswith("模式", end):
        return name
    return left + right


_EDITION_YEAR = re.compile(r"(?:19|20)\d\d年(?:度)?(?:第[一二三四五六七八九十\d]+届)?")


def _edition(start: int, name: str) -> list[Found]:
    """The names of a quoted edition, its year cut off: split at a single dash."""
    parts = [name] if "——" in name else name.split("—")
    found, pos = [], start
    for part in parts:
        if len(part) >= 3 and not any(ch in _SENTENCE_MARKS for ch in part):
            found.append(Found("Programme", pos, pos + len(part), part, _campaign_name(part), {"quoted": True}))
        pos += len(part) + 1
    return found


class _Taken:
    """Programmes found so far; a later pass may not overlap them or a body."""

    def __init__(self, text: str, out: list[Found], bodies: list[Found]):
        self.out = out
        self.mask = bytearray(len(text) + 1)
        for f in list(out) + list(bodies):
            self.mask[f.start : f.end] = b"\x01" * (f.end - f.start)

    def free(self, s: int, e: int) -> bool:
        return not any(self.mask[s:e])

    def add(self, f: Found) -> None:
        if self.free(f.start, f.end):
            self.out.append(f)
            self.mask[f.start : f.end] = b"\x01" * (f.end - f.start)

    def campaigns_inside(self, f: Found) -> list[Found]:
        """The campaign mentions lying inside `f`'s span."""
        return [g for g in self.out if g.info.get("campaign") and f.start <= g.start and g.end <= f.end]

    def add_open_to_campaigns(self, f: Found) -> None:
        """Add `f` and let a campaign still be found inside it (a named plan
        of a campaign: 消费帮扶乡村振兴支持计划 beside 消费帮扶)."""
        if self.free(f.start, f.end):
            self.out.append(f)
            self.mask[f.start : f.end] = b"\x02" * (f.end - f.start)

    def add_campaign(self, f: Found) -> None:
        """Add a campaign where only mentions open to campaigns lie."""
        if all(b in (0, 2) for b in self.mask[f.start : f.end]) and f.end - f.start:
            self.out.append(f)
            self.mask[f.start : f.end] = b"\x01" * (f.end - f.start)

    def replace(self, old: list[Found], f: Found) -> None:
        """Put `f` in the place of the mentions `old` (inside its span)."""
        for g in old:
            self.out.remove(g)
            self.mask[g.start : g.end] = b"\x00" * (g.end - g.start)
        self.add(f)


def _campaigns(text: str, found: _Taken) -> None:
    """Campaigns named in programme_words.tsv (送温暖), and each 送X of a list
    (送政策、送技术、送健康) as an activity of its own."""
    for m in _CAMPAIGN.finditer(text):
        if _DOCUMENT_AFTER.match(text, m.end()):
            continue  # 消费帮扶…三年行动计划的有关要求: in a document's name
        found.add_campaign(Found("Programme", m.start(), m.end(), m.group(), PROGRAMME_NAMES[m.group()], {"campaign": True}))
    for m in _SONG_LIST.finditer(text):
        for item in re.finditer(rf"送[{CJK}]{{2}}", m.group()):
            s, e = m.start() + item.start(), m.start() + item.end()
            found.add(Found("Programme", s, e, item.group(), item.group(), {"campaign": True}))


# The rest of a document's name after a campaign in it, up to what is said
# of the document (…助农增收三年行动计划的有关要求)
_DOCUMENT_AFTER = re.compile(rf"[{CJK}]{{0,16}}?(?:行动计划|规划|实施方案|方案|意见|通知|办法)(?:的|[(（]以下)")
# An unquoted list closed by 等活动 (送温暖、金秋助学、职工医疗互助等活动)
_LIST_CLOSE = re.compile(r"等(?:系列|各项|多项)?(?:活动|行动)")
_ITEM_BEFORE = re.compile(rf"[{CJK}]{{2,10}}$")


def _closed_list_items(text: str, close: int) -> tuple[int, list[str]] | None:
    """The items of a 、-list ending at `close` (where 等 stands) and where the
    list starts, or None when fewer than two items stand there."""
    items, end = [], close
    while True:
        item = _ITEM_BEFORE.search(text, max(0, end - 10), end)
        if item is None:
            break
        items.append(item.group())
        if item.start() == 0 or text[item.start() - 1] != "、":
            break
        end = item.start() - 1
    if len(items) < 2:
        return None
    items.reverse()
    return close - len("、".join(items)), items


# Items naming a kind of help, not an activity (生活救助, 大病救助, 困难帮扶)
_KINDS_OF_HELP = ("救助", "帮扶", "慰问", "补助", "救济", "援助", "帮困", "扶贫")


def _campaign_lists(text: str, found: _Taken) -> None:
    """The other items of a list of activities closed by 等活动 whose items
    include a national campaign: each is an activity of its own."""
    for m in _LIST_CLOSE.finditer(text):
        listed = _closed_list_items(text, m.start())
        if listed is None:
            continue
        pos, items = listed
        if not any(item in PROGRAMME_NAMES for item in items[1:]) and not items[0].endswith(tuple(PROGRAMME_NAMES)):
            continue
        pos += len(items[0]) + 1
        for item in items[1:]:
            if item not in PROGRAMME_NAMES and not any(ch in _STOP_IN_DESCRIPTOR for ch in item) \
                    and not item.startswith(_GENERIC_HEADS) and not item.endswith(_KINDS_OF_HELP):
                found.add(Found("Programme", pos, pos + len(item), item, item, {"opened": True}))
            pos += len(item) + 1


# A plan signed or issued is a document, not a programme (签订的…行动计划)
_SIGNED = re.compile(r"(?:签订|签署|印发|下发)[了的][^,，。;；\n]*$")
# A plan whose demands are followed is a document (…三年行动计划的有关要求)
_CITED = re.compile(r"的(?:相关|有关)?(?:要求|规定|精神|部署)")
# money spent on a named project: 40万元用于高原职工氧吧项目
_SPENT_ON = re.compile(rf"用于([{CJK}]{{4,14}}?项目)")


def _plan_names(text: str, found: _Taken) -> None:
    """Plans and projects with a head word (…计划, …工程), cut after the verb
    before them, and a project money is spent on (用于…项目)."""
    for m in _plans(text):
        start = _plan_start(text, m.start(), m.end())
        name = text[start : m.end()]
        if len(name) >= 6 and not name.startswith(_GENERIC_HEADS) and not _in_book_title(text, start) \
                and not _SIGNED.search(text, max(0, start - 16), start) and not _CITED.match(text, m.end()):
            found.add(Found("Programme", start, m.end(), name, name, {"plan": True}))
    for m in _SPENT_ON.finditer(text):
        name = m.group(1)
        if not name.startswith(_GENERIC_HEADS) and not any(ch in name for ch in "的和及等"):
            found.add(Found("Programme", m.start(1), m.end(1), name, name, {"plan": True}))


def _opened_activity(name: str, m: re.Match) -> bool:
    """An activity 开展/举办 opens is a programme when long enough (or coined:
    暖心行活动) and not a visit or a generic head."""
    return (
        (len(name) >= 6 or len(name) >= 3 and m.group().endswith("活动") and _coined(name))
        and not any(ch in name for ch in "的等")
        and not name.startswith(_GENERIC_HEADS)
        and not name.endswith(_VISIT_WORDS)
        and "走访慰问" not in name
    )


def _activities(text: str, found: _Taken) -> None:
    """Aid activities and activities opened by a verb (开展…活动), with the
    further unquoted activities listed after one (…活动、乙活动)."""
    for m in _HELD_EVENT.finditer(text):
        start = m.start(1) + _edition_length(m.group(1))
        name = text[start : m.end(1)]
        if len(name) >= 6 and not any(ch in name for ch in "的了和与等及在为") and not name.startswith(_GENERIC_HEADS):
            found.add(Found("Programme", start, m.end(1), name, name, {"opened": True}))
    for m in _AID_ACTIVITY.finditer(text):
        if not any(ch in m.group(1) for ch in "的了和与等") and not m.group(1).startswith(_NOT_AID_KINDS):
            found.add(Found("Programme", m.start(1), m.end(1), m.group(1), m.group(1), {"opened": True}))
    for m in _OPENED.finditer(text):
        closed = m.group().endswith("活动")
        start = m.start(1) + _edition_length(m.group(1))  # 第三届|某某进企业: the edition is no part of the name
        if _opened_activity(text[start : m.end(1)], m):
            f = Found("Programme", start, m.end(1), text[start : m.end(1)], text[start : m.end(1)], {"opened": True})
            _add_activity(found, f, text[start : m.end()] if closed else None)
        if closed:
            for item in _listed_activities(text, m.end()):
                _add_activity(found, item, item.name)


# The next item of an unquoted list of activities: 、乙活动 (named with its 活动:
# nothing else marks where an unquoted name starts)
_NEXT_ACTIVITY = re.compile(rf"、([{CJK}\d]{{3,18}}?活动)(?=[、,，。;；:：等和及\n]|$)")


def _listed_activities(text: str, pos: int) -> list[Found]:
    """The activities listed after one that ends at `pos`: 开展甲活动、乙活动、丙活动."""
    out = []
    while (m := _NEXT_ACTIVITY.match(text, pos)) is not None:
        name = m.group(1)
        if not any(ch in name for ch in "的了和与等") and not name.startswith(_GENERIC_HEADS) \
                and not name[:-2].endswith(_VISIT_WORDS):
            out.append(Found("Programme", m.start(1), m.end(1), name, name, {"opened": True}))
        pos = m.end()
    return out


def _add_activity(found: _Taken, f: Found, with_head: str | None) -> None:
    """Add an opened activity.  One closed by 活动 (`with_head`: its name so)
    that names a local action of a campaign (爱心消费扶贫活动 over 消费扶贫)
    takes the campaign's place, named with its 活动."""
    inside = found.campaigns_inside(Found(f.type, f.start, f.start + len(with_head or f.name), "", ""))
    if with_head and inside and all(_local_action(f.name, g.surface) for g in inside):
        found.replace(inside, Found(f.type, f.start, f.start + len(with_head), with_head, with_head, f.info))
    else:
        found.add(f)


# Words that date or sort a campaign, or name whom it helps, without naming a
# local action of it (春节, 慰问, 困难职工家庭大学生)
_NOT_LOCAL = re.compile(r"\d+年|今年|春节|元旦|中秋|国庆|两节|节日|节前|新春|岁末|年底|年初|冬季|夏季|春季|秋季|"
                        r"走访|慰问|帮扶|帮困|关爱|联建|系列|专项|活动|行动|[春夏秋冬]|"
                        r"困难|职工|家庭|子女|大学生|学生|农民工|贫困户|困难户|贫困村|群众|环卫工人|一线")


def _local_action(name: str, campaign: str) -> bool:
    """爱心消费扶贫 is a local action of 消费扶贫; 春节送温暖 and 送温暖慰问活动
    are the campaign itself: at least two characters beside the campaign that
    neither date it nor say what kind of help it is.

    >>> _local_action("爱心消费扶贫", "消费扶贫"), _local_action("春节送温暖慰问活动", "送温暖")
    (True, False)
    """
    return len(_NOT_LOCAL.sub("", name.replace(campaign, "", 1))) >= 2


def _industries(text: str, found: _Taken, villages: list[Found]) -> None:
    """Industries a village develops (发展…产业), not an attribute word before
    it; placed in the village the passage is about, when there is one."""
    for m in _INDUSTRY.finditer(text):
        if any(ch in m.group(1) for ch in "的了和、") or m.group(1).startswith(_NOT_INDUSTRY) \
                or m.group(1)[:2] in attribute_words():
            continue
        info: dict = {"industry": True}
        village = village_in_focus(text, villages, m.start())
        if village is not None:
            info["place"] = village
        found.add(Found("Programme", m.start(1), m.end(1), m.group(1), m.group(1), info))


# A list of projects closed by 等项目 (实施了甲、乙等项目, 考察了甲和乙等项目建设):
# each item after the clause's last verb is a project of its own.
_PROJECTS_CLOSE = re.compile(r"等(?:[一二三四五六七八九十两\d]+[个项])?(?:重点|民生|帮扶|扶贫)?(?:项目|工程)")
_PROJECTS_VERB = re.compile(r"(?:实施|考察|调研|察看|查看|推进|完成|启动|落实|包括|建成|新建|援建|修建|建设)了?")
_PROJECTS_SPLIT = re.compile(r"、|和|及|以及")
_CLAUSE_MARK = re.compile(r"[,，;；:：。!?！？\n]")


def _generic_item(name: str) -> bool:
    """A listed project named by a generic head alone or with a short or
    generic rest (帮扶车间, 扶贫产业基地), not one whose rest names it
    (帮扶|产品代销点).

    >>> _generic_item("帮扶车间"), _generic_item("扶贫产业基地"), _generic_item("帮扶产品代销点")
    (True, True, False)
    """
    head = next((h for h in _GENERIC_HEADS if name.startswith(h)), None)
    if head is None:
        return False
    rest = name[len(head) :]
    return len(rest) < 4 or rest.startswith(_GENERIC_HEADS)


def _project_lists(text: str, found: _Taken, villages: list[Found]) -> None:
    """The items of a list of projects closed by 等项目, each a programme;
    named after a village written before the verb in the same clause."""
    for close in _PROJECTS_CLOSE.finditer(text):
        s0 = max((m.end() for m in _CLAUSE_MARK.finditer(text, max(0, close.start() - 60), close.start())), default=0)
        # (a verb right before a list mark or 等 ends an item: 垃圾池建设等项目)
        verbs = [v for v in _PROJECTS_VERB.finditer(text, s0, close.start())
                 if v.end() < close.start() and not _PROJECTS_SPLIT.match(text, v.end())]
        if not verbs:
            continue
        pos = verbs[-1].end()
        village = next((v for v in reversed(villages) if s0 <= v.start and v.end <= verbs[-1].start()), None)
        for item in _PROJECTS_SPLIT.split(text[pos : close.start()]):
            start, pos = pos, pos + len(item) + 1
            name = item[:-2] if item.endswith("建设") and len(item) > 5 else item
            if not 4 <= len(name) <= 20 or not re.fullmatch(rf"[{CJK}\d]+", name) or _generic_item(name) \
                    or any(ch in name for ch in "的了在与为是等"):
                continue
            info: dict = {"facility": True}
            if village is not None and not name.startswith(village.surface):
                info["place"] = village
            full = village.surface + re.sub(r"^(?:村级|村里|村内|本村|全村|该村)", "", name) if "place" in info else name
            found.add_open_to_campaigns(Found("Programme", start, start + len(name), name, full, info))


def find_programmes(text: str, places: list[Found], bodies: list[Found]) -> list[Found]:
    """Programme mentions, by passes in order: quoted names, facilities (before
    campaigns: 武侯区消费扶贫分中心 is not 消费扶贫), campaigns, plans,
    activities, industries; a later pass does not overlap an earlier one."""
    out: list[Found] = []
    listed = _quoted_lists(text)
    for m in _QUOTE.finditer(text):
        out += _quoted(text, m, listed)
    _quoted_facilities_placed(text, out, places)
    found = _Taken(text, out, bodies)
    villages = sorted((p for p in places if p.info["level"] == "village"), key=lambda p: p.start)
    _project_lists(text, found, villages)
    _facilities(text, places, found.add)
    for rule in (_campaigns, _campaign_lists, _plan_names, _activities):
        rule(text, found)
    _industries(text, found, villages)
    _short_quoted_forms(out)
    return out


def _shortens(short: str, long: str) -> bool:
    """`short` is `long` written short: the same last six characters or more
    with its first ones taken in order from the other's (“工会卡上门办理月”
    for “工会会员服务卡上门办理月”), or a part of the other's words and the
    same head (“牵手活动” for 职工小家农户小家牵手促振兴活动).

    >>> _shortens("工会卡上门办理月", "工会会员服务卡上门办理月"), _shortens("牵手活动", "城乡小家牵手促振兴活动")
    (True, True)
    >>> _shortens("爱心活动", "金秋助学活动")
    False
    """
    if len(short) < 4 or len(short) >= len(long):
        return False
    k = 0
    while k < len(short) and short[-1 - k] == long[-1 - k]:
        k += 1
    if k >= 6:
        rest = iter(long[:-k])
        return all(ch in rest for ch in short[:-k])  # (a subsequence)
    if short.endswith(("活动", "行动")) and len(short) >= 4 and short[:-2] in long:
        return True  # (the other named without its 活动: 开展某某牵手促振兴活动)
    return k >= 2 and len(short) - 2 >= 2 and short[:-2] in long[:-2]


def _short_quoted_forms(found: list[Found]) -> None:
    """A quoted name that shortens one other programme name of the article
    is that programme (the short form stays an alias)."""
    names = {f.name for f in found}
    for k, f in enumerate(found):
        if not f.info.get("quoted"):
            continue
        longer = {n for n in names if n != f.name and _shortens(f.name, n)}
        if len(longer) == 1:
            found[k] = Found(f.type, f.start, f.end, f.surface, longer.pop(), f.info)


# An activity named by what its visitors do (开展考察交流活动) is a visit, not a programme.
_VISIT_WORDS = ("交流", "学习", "对接", "考察", "调研", "宣讲", "座谈", "观摩", "参观")


# Tails of a short coined activity name: 暖心行, 惠农汇, 丰收节, 助学季, 技能周
_COINED_TAILS = ("行", "汇", "节", "季", "周", "赛", "营")


def _coined(name: str) -> bool:
    """A short activity name coined for the occasion (暖心行, 惠农汇), not
    made of common words (慰问, 疗休养): it ends in a programme tail and its
    first two characters are not a common word.

    >>> _coined("暖心行"), _coined("惠农汇"), _coined("疗休养"), _coined("技术培训")
    (True, True, False, False)
    """
    return name.endswith(_COINED_TAILS) and name[:2] not in boundary_words()


def _plan_start(text: str, start: int, end: int) -> int:
    """Cut a plan name after the last verb or list mark before its head."""
    seg = text[start:end]
    cut = 0
    for w in ("实施", "启动", "纳入", "列入", "推进", "推动", "开展", "建设", "打造", "作为", "用于", "考察", "调研", "察看", "、", "和", "与", "的", "了", "把", "将", "个"):
        i = seg.rfind(w, 0, len(seg) - 2)
        if i >= 0:
            cut = max(cut, i + len(w))
    return start + cut


_VILLAGE_ANAPHORA = re.compile(r"村里|村中|村内|该村|本村|全村|村委会|村集体|村级")
# a class held in the village a passage is about, or the one the body is
# paired with, not named there: 在挂钩村举办了一期…, 在村里开办…
_HELD_IN_VILLAGE = re.compile(r"在(?:村里|村中|村内|该村|本村|(?:挂钩|帮扶|包保|包联|结对|联系|驻点)村)(?:举办|开办|开设|举行)")


_SENTENCE_END = re.compile("[。!?\n]")


def village_in_focus(text: str, villages: list[Found], pos: int) -> Found | None:
    """The village a passage is about at `pos`: one named earlier in the
    paragraph, or, when the sentence says 村里/该村/村级…, the last village
    named before it in the article."""
    paragraph = text.rfind("\n", 0, pos) + 1
    before = [v for v in villages if v.end <= pos]
    if before and before[-1].start >= paragraph:
        return before[-1]
    if not before or pos - before[-1].end >= 1500:
        return None
    # the sentence around `pos` (it starts in the paragraph)
    s0 = max([paragraph] + [text.rfind(ch, paragraph, pos) + 1 for ch in "。!?"])
    end = _SENTENCE_END.search(text, pos)
    s1 = end.start() if end else len(text)
    return before[-1] if _VILLAGE_ANAPHORA.search(text, s0, s1) else None


def _last_village(villages: list[Found], pos: int) -> Found | None:
    """The last village named before `pos`, within the article's passage (1500 characters)."""
    before = [v for v in villages if v.end <= pos]
    return before[-1] if before and pos - before[-1].end < 1500 else None


def _facility_descriptor(text: str, places: list[Found], m: re.Match) -> str | None:
    """The words naming a facility before its noun: after a build verb (肉牛|养殖场,
    夜间|培训课堂), the subject of a class, or "" for a long noun on its own
    (村级扶贫车间); None when no facility is named (a bare 大棚, 建立、完善了…)."""
    head = text[max(0, m.start() - 20) : m.start()]
    verb = None
    for v in _BUILD_VERBS.finditer(head):
        verb = v
    descriptor = head[verb.end() :] if verb is not None else _listed_descriptor(head)
    if descriptor.startswith("、") or (verb is not None and "一批" in verb.group() and "、" in descriptor):
        return None  # 建立、完善了…, 打造一批甲、乙基地: facilities of a kind, none named
    if verb is not None and (any(ch in _STOP_IN_DESCRIPTOR for ch in descriptor) or re.search(r"\d", descriptor)):
        # 建设大棚30个和一个|肉牛|养殖场: the words after the last list mark or measure word;
        # 援建了一座300立方米的|蓄水池: nothing between the measure and the noun
        tail = re.split(rf"[^{CJK}]|[{''.join(_STOP_IN_DESCRIPTOR)}]", descriptor)[-1]
        if 2 <= len(tail) <= 6 or (not tail and len(descriptor) <= 10):
            descriptor = tail
    descriptor = re.sub(r"^(?:小型|大型|中型|微型|新型)", "", descriptor)
    if verb is None and m.group().endswith(_NOT_PLACED):
        descriptor = _class_subject(text, places, m.start())
    if (verb is None and not descriptor) or any(ch in _STOP_IN_DESCRIPTOR for ch in descriptor) or len(descriptor) > 14:
        if len(m.group()) < 4:
            return None  # a bare short noun (大棚, 机井) is not a named facility
        descriptor = ""
    return descriptor


# The words of a facility listed after another (…加工厂和|肉牛|养殖基地)
_LISTED_ITEM = re.compile(rf"[和、及]([{CJK}]{{2,6}})$")


def _listed_descriptor(head: str) -> str:
    """With no build verb, the words naming a facility that a list mark
    (和, 、, 及) opens, or "" (a common word does not open one)."""
    item = _LISTED_ITEM.search(head)
    if item is None or any(ch in _STOP_IN_DESCRIPTOR for ch in item.group(1)) or item.group(1)[:2] in boundary_words():
        return ""
    return item.group(1)


def _facility_named(text: str, villages: list[Found], m: re.Match, descriptor: str) -> Found | None:
    """The facility named after the village the passage is about when there
    is one (and it is not a class), else by its words."""
    start = m.start() - len(descriptor)
    noun = descriptor + m.group()
    village = village_in_focus(text, villages, m.start())
    if village is None and _COUNT_AFTER.match(text, m.end()):
        return None  # 建立培训基地120个: a kind of facility counted, not one named
    info: dict = {"facility": True}
    name = noun
    if village is not None and not noun.startswith(village.surface) and not noun.endswith(_NOT_PLACED):
        name = village.surface + re.sub(r"^(?:村级|村里|村内|本村|全村|该村)", "", noun)
        info["place"] = village
    elif noun.endswith(_NOT_PLACED) and _HELD_IN_VILLAGE.search(text, max(0, start - 16), start):
        held = village or _last_village(villages, start)
        if held is not None:
            info["place"] = held  # 在挂钩村举办一期厨师培训班: held in the village, not named after it
    return Found("Programme", start, m.end(), text[start : m.end()], name, info) if len(name) >= 3 else None


def _facilities(text: str, places: list[Found], add) -> None:
    """Facilities: 石门村蔬菜大棚 (a village written before the noun),
    捐建8个蔬菜大棚 / 建设了一个肉牛养殖场 (a build verb, then a descriptor),
    or a long facility noun on its own (村级扶贫车间); named after the village
    the passage is about when there is one."""
    villages = sorted((p for p in places if p.info["level"] == "village"), key=lambda p: p.start)
    by_end = {p.end: p for p in places if p.info["level"] in ("village", "township")}
    for m in _FACILITY.finditer(text):
        place = _place_before_noun(text, by_end, m.start())
        if place is not None:
            name = text[place.start : m.end()]
            add(Found("Programme", place.start, m.end(), name, name, {"facility": True, "place": place}))
            continue
        descriptor = _facility_descriptor(text, places, m)
        found = _facility_named(text, villages, m, descriptor) if descriptor is not None else None
        if found is not None:
            add(found)


# A class is held somewhere, not built there: not named after the village.
_NOT_PLACED = ("培训班",)
_SUBJECT_BEFORE = re.compile(rf"[^\W\d的了在和与及为是等各该这那个期届第、]+$")


def _class_subject(text: str, places: list[Found], pos: int) -> str:
    """The subject written before a class with no verb (某市|农民工创业|培训班
    在某县开班): up to eight characters after any mark, stop word or place
    name, or "" when fewer than two.

    Examples
    --------
    >>> _class_subject("日前,家政服务培训班开班", [], 7)
    '家政服务'
    """
    subject = _SUBJECT_BEFORE.search(text, max(0, pos - 8), pos)
    start = subject.start() if subject else pos
    start = max([start] + [p.end for p in places if start < p.end <= pos])
    return text[start:pos] if pos - start >= 2 else ""


def _place_before_noun(text: str, by_end: dict[int, Found], pos: int) -> Found | None:
    """A village or township written before a facility noun, directly or with
    a short descriptor between (某某村香菇|种植基地, 某某村|扶贫车间)."""
    for k in range(0, 5):
        place = by_end.get(pos - k)
        if place is None:
            continue
        descriptor = text[pos - k : pos]
        if k and (not _DESCRIPTOR.fullmatch(descriptor) or any(ch in _STOP_IN_DESCRIPTOR for ch in descriptor)
                  or _BUILD_VERBS.search(descriptor) or re.search(r"[建修办开引]", descriptor)):
            return None
        return place
    return None


def _in_book_title(text: str, pos: int) -> bool:
    """Inside 《…》: a document or a newspaper, not a programme."""
    opened = text.rfind("《", 0, pos)
    return opened >= 0 and text.rfind("》", opened, pos) < 0 and pos - opened < 60
