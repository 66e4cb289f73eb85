"""Unions and other organisations: suffix rules, left boundaries, and the
short forms (省总工会, 区总, 新疆区总, 集团工会, 区人社局) resolved to the full
body from the places and bodies around them.
"""

from __future__ import annotations

import re

from .lexicon import INDUSTRY_UNIONS, ORG_HEADS_NEEDING_PLACE, ORG_SUFFIXES, UNION_FEDERATION, boundary_words
from .people import words_trie
from .text import Found, is_cjk

# Characters and words that end a name on its left.
_STOP_CHARS = set("的了在和与及对向为把将从被让给到是有由以等着也都就还又并但或该其这那此各每全本我你他她它们之某经据按请跟同派")
_STOP_WORDS = sorted(
    set(
        """
组织 开展 成立 参加 举办 联合 会同 通过 依托 来到 前往 深入 走进 协调 推荐 进驻 获悉 慰问 帮助 支持 带动 引导
邀请 聘请 签订 受到 得到 感谢 先后 分别 主动 积极 共同 一起 以及 还有 其中 包括 派驻 选派 驻 援建 捐建 动员
实施 启动 召开 同意 批准 指导 策划 承办 主办 举行 加入 采购 订购 购买 拨付 投入 资助 带领 率领 看望 调研 考察 走访
协助 要求 代表 单位 年起 发挥 完善 结合 推进 加大 开创 增强 提升 展现 激发 融入 贡献 引领 团结 牢记 新型 广大 挂职 辖区
争取 考上 纳入 减少 缓解 体现 围绕 集中 许多 优质 乡村 一批 名 个 多 进 于 时 起 派出 组成 改善 用于 提升 加强 依托 贫困户 家庭 子女
联系 立即 使用 入股 对接 牵头 委托 委派 携手 联手 协同 配合 走进 赴 受 响应 培育 营造 系统内
""".split()
    ),
    key=len,
    reverse=True,
)
_STOP_WORD_SET = frozenset(_STOP_WORDS)
_STOP_WORD_LENGTHS = tuple(sorted({len(w) for w in _STOP_WORDS if len(w) <= 4}))


def _stop_word_ends_at(text: str, pos: int) -> bool:
    """A stop word of at most four characters ends at `pos` (what a search
    for one in the four characters before `pos` found, by set lookups)."""
    for n in _STOP_WORD_LENGTHS:
        if n <= pos and text[pos - n : pos] in _STOP_WORD_SET:
            return True
    return False
_GENERIC_STEMS = {
    "企业", "单位", "部门", "有关", "相关", "各大", "国有", "省属", "大型", "基层", "各级", "全省", "全市", "全国", "全县", "全区",
    "园区", "园区企业", "企业工会", "首都", "受援地", "行业", "产业", "机关", "村", "社区", "乡镇", "街道", "所属企业",
    "中央", "地方", "民营", "劳模", "劳模单位", "本地", "当地", "两", "该", "我", "学校", "医院", "公司", "集团", "地区基层",
    "中华民族", "党", "乡镇", "市场", "服务", "工作", "全国", "中国", "新时代", "地方", "农业", "农民专业", "教育", "农民", "本村", "村级", "医疗", "技术扶贫", "产业",
}
_NOT_IN_PLACE_STEM = set("的个了在和与及为是等各全该本此每其这那贫困帮扶示范重点驻进行政自然试点所辖邻外返回到深度多有关区援")
_DEMOCRATIC_PARTIES = ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟")
# Heads too generic to name a body unless a place is written in front
# (the needs_place column of kg/data/mentions/organisation_heads.tsv).
_NEED_PLACE = ORG_HEADS_NEEDING_PLACE


def _starts_with_place_name(stem: str) -> bool:
    """昆明|理工大学, 贵州|大学: a county-or-higher name or short form leads."""
    from ..gazetteer import load_gazetteer

    gaz = load_gazetteer()
    for k in (2, 3, 4):
        if len(stem) < k:
            break
        nxt = stem[k : k + 1]
        for d in gaz.lookup(stem[:k]):
            if d.level not in ("province", "prefecture", "county"):
                continue
            if nxt and nxt in "省市县区州旗" and not d.name.startswith(stem[: k + 1]):
                continue  # 大城|市: the word 大城市, not 大城县
            return True
    return False

_BRANDED_HEADS = ("合作社", "专业合作社", "农场", "家庭农场")
_FARM_HEADS = ("农场", "家庭农场", "林场", "牧场")


def _branded_cooperative(stem: str, head: str) -> bool:
    """A cooperative or farm named by a brand and its trade (裕丰|果蔬专业合作社):
    the stem opens with a name that is not a common word and ends in one
    (the trade); 农民专业合作社 and 村级合作社 are kinds of body.

    Examples
    --------
    >>> _branded_cooperative("裕丰果蔬", "专业合作社"), _branded_cooperative("农民", "专业合作社")
    (True, False)
    """
    words = boundary_words()
    if not (stem and all(is_cjk(ch) for ch in stem)) or stem[:2] in words:
        return False
    if head in _FARM_HEADS:
        return len(stem) >= 2  # 瑞丰家庭农场: a family farm is named after its owner
    return head in _BRANDED_HEADS and len(stem) >= 4 and stem[-2:] in words


_TEAM_HEADS = ("服务团", "服务队")


def _named_team(stem: str, head: str) -> bool:
    """A service team named by what it does (劳模助农|服务队): four or more
    characters, not opening with a common word (志愿者服务队 is a kind).

    >>> _named_team("劳模助农", "服务队"), _named_team("志愿者", "服务队")
    (True, False)
    """
    return head in _TEAM_HEADS and len(stem) >= 4 and all(is_cjk(ch) for ch in stem) and stem not in _GENERIC_STEMS


_DISCIPLINES = ("科技", "农林", "农业", "师范", "理工", "工业", "医科", "财经", "政法", "交通", "民族", "石油", "林业",
                "外国语", "中医药", "工程", "建筑", "邮电", "传媒", "体育", "艺术", "海洋", "地质", "矿业", "电力", "水利")


# Words that grade a school rather than name it (重点理工大学)
_SCHOOL_GRADES = ("重点", "知名", "著名", "一流", "双一流", "综合", "普通", "地方", "高等", "省属", "部属", "名牌", "一所")


def _named_university(stem: str, head: str) -> bool:
    """A university named by a region and its disciplines (西北|农林科技|大学)
    needs no gazetteer place: four or more characters ending in a discipline.

    >>> _named_university("华南农业", "大学"), _named_university("重点理工", "大学")
    (True, False)
    """
    return head == "大学" and len(stem) >= 4 and stem.endswith(_DISCIPLINES) and all(is_cjk(ch) for ch in stem) \
        and not stem.startswith(_SCHOOL_GRADES)


_ABBREVIATIONS = {"交大": "交通大学", "师大": "师范大学", "农大": "农业大学", "医大": "医科大学", "科大": "科技大学"}
_LEVEL_PREFIX = {"省": "sheng", "自治区": "province", "市": "city", "区": "district", "县": "county", "州": "prefecture", "盟": "league", "旗": "banner", "街道": "street", "镇": "town", "乡": "town"}
_BARE_ZONG = re.compile(r"(自治区|省|市|区|县|州|盟|旗)总(?![工书经理统体结量数计部队站额局人面产收规会监指编务裁司院])")
_BODY_END = tuple("园区厂院校司团局所站矿场行社部队师处科馆室店组委大") + ("中心",)
_VILLAGE_COMMITTEE = re.compile(r"[\u4e00-\u9fff]+(?:村|社区|嘎查)(?:村民|居民|牧民)?委员会")
_UNION_SUFFIX = re.compile("|".join(map(re.escape, UNION_FEDERATION)))
_NOT_A_UNION_AFTER = re.compile(r"(?:主席|副主席)?$")
_FULL_NATIONAL = "中华全国总工会"
_NATIONAL = re.compile(r"中华全国总工会|全国总工会|全总(?=[^结部面体])")
# (the lookahead on the possible first characters only saves the regex
# engine from trying every alternative at every position)
_INDUSTRY_FIRST = "".join(sorted({"中", "自", "省", "市"} | {w[0] for w in INDUSTRY_UNIONS}))
_INDUSTRY = re.compile(
    f"(?=[{re.escape(_INDUSTRY_FIRST)}])" r"(?:中国|(自治区|省|市))?(?:" + "|".join(map(re.escape, INDUSTRY_UNIONS)) + ")"
)
_ORG_SUFFIX = re.compile(words_trie(ORG_SUFFIXES))


def place_cover(places: list[Found]) -> dict[int, int]:
    """For each offset strictly inside or at the end of a place, its start."""
    inside: dict[int, int] = {}
    for p in places:
        for i in range(p.start + 1, p.end + 1):
            inside[i] = p.start
    return inside


def _left_boundary(text: str, end: int, limit: int = 10, places: dict[int, int] | None = None) -> int:
    """Start of a name ending at `end`: scan left to punctuation or a stop word.

    Place mentions are atomic: a scan that reaches into one (成都市, whose
    都 is also a function word) jumps to its start.
    """
    inside = places or {}
    pos = end
    while pos > 0 and end - pos < limit:
        if pos in inside and inside[pos] < pos:
            pos = inside[pos]
            continue
        ch = text[pos - 1]
        if not ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch == "·"):
            break  # (`is_cjk` written out: this loop runs for every character of a name)
        if ch in _STOP_CHARS:
            break
        if _stop_word_ends_at(text, pos):
            break
        pos -= 1
    if pos in inside and inside[pos] < pos:
        pos = inside[pos]  # a place name right at the limit belongs to the name
    return pos


def _place_ending_at(places_by_end: dict[int, Found], pos: int) -> Found | None:
    return places_by_end.get(pos)


def _chain_start(places_by_end: dict[int, Found], place: Found) -> int:
    start = place.start
    while start in places_by_end:
        start = places_by_end[start].start
    return start


class BodyContext:
    """Where the places and bodies of an article are, for short-form lookups."""

    def __init__(self, text: str, places: list[Found], place_names: dict[int, str]):
        self.text = text
        self.places = places
        self.place_names = place_names  # id(Found) -> canonical place name
        self.by_end = {p.end: p for p in places}
        self.by_start = {p.start: p for p in places}
        self._first_at: dict[int, Found] = {}  # start -> first place starting there
        self._first_named: dict[str, Found] = {}  # canonical name -> its first mention
        for p in places:
            self._first_at.setdefault(p.start, p)
            self._first_named.setdefault(place_names[id(p)], p)
        self.cover = place_cover(places)
        self._by_kind: dict[str, list[Found]] = {}
        self._partners: dict[str, frozenset[str]] = {}

    def bare_partners(self, level_word: str) -> frozenset[str]:
        """The places whose federation the article writes in full beside a bare
        one of this level (市总工会考察组与库车市总工会座谈): the bare 市总工会 is
        the article's own union, so it is none of theirs (see `_bare_partners`)."""
        got = self._partners.get(level_word)
        if got is None:
            got = self._partners[level_word] = _bare_partners(self, level_word)
        return got

    def of_kind(self, want: str) -> list[Found]:
        got = self._by_kind.get(want)
        if got is None:
            got = self._by_kind[want] = [p for p in self.places if _kind_ok(self, p, want)]
        return got

    def name_of(self, place: Found) -> str:
        return self.place_names[id(place)]

    def place_at(self, start: int) -> Found | None:
        """The first place mention starting at `start`."""
        return self._first_at.get(start)

    def place_named(self, name: str) -> Found | None:
        """The first place mention with this canonical name."""
        return self._first_named.get(name)

    def nearest_place(self, pos: int, want: str, skip: frozenset[str] = frozenset()) -> Found | None:
        """The nearest place before `pos` (else after) of the wanted kind (not one named in `skip`)."""
        kind = [p for p in self.of_kind(want) if self.name_of(p) not in skip] if skip else self.of_kind(want)
        before = [p for p in kind if p.end <= pos]
        if before:
            return before[-1]
        after = [p for p in kind if p.start >= pos]
        return after[0] if after else None


class _UnionScan:
    """Unions found so far and the offsets they take, while the passes run."""

    def __init__(self, ctx: BodyContext, orgs: list[Found]):
        self.ctx = ctx
        self.text = ctx.text
        self.orgs = orgs
        self.org_by_end = {o.end: o for o in orgs}
        self.out: list[Found] = []
        self.taken: set[int] = set()
        self.pending: list[tuple[int, int, str]] = []  # 集团工会 before its enterprise union is named

    def put(self, start: int, end: int, name: str, info: dict, take: bool = True) -> None:
        """Add the union written text[start:end]; `take` keeps later passes off it."""
        self.out.append(Found("Union", start, end, self.text[start:end], name, info))
        if take:
            self.taken.update(range(start, end))


def _national_unions(scan: _UnionScan) -> None:
    """中华全国总工会, 全国总工会 and 全总."""
    for m in _NATIONAL.finditer(scan.text):
        scan.put(m.start(), m.end(), _FULL_NATIONAL, {"kind": "national"})


def _industry_unions(scan: _UnionScan) -> None:
    """Industrial unions: (中国|PLACE|省|市) + industry words + 工会."""
    ctx = scan.ctx
    for m in _INDUSTRY.finditer(scan.text):
        if m.start() in scan.taken:
            continue
        level, body = m.group(1), m.group()
        prefix_place = ctx.by_end.get(m.start())
        if prefix_place is None and level and ctx.by_end.get(m.start() + len(level)) is not None:
            # 河南省|邮政工会: the level word ends the place written before it
            prefix_place = ctx.by_end[m.start() + len(level)]
            body = body[len(level) :]
        start, place, name = m.start(), None, body
        if prefix_place is not None:
            start, place = prefix_place.start, ctx.name_of(prefix_place)
            name = place + body
        elif level:
            p = ctx.nearest_place(m.start(), "province" if level in ("省", "自治区") else "city")
            if p is not None:  # (with no province or city named anywhere, the name as written)
                place = ctx.name_of(p)
                name = place + body[len(level) :]
        elif not body.startswith("中国"):
            continue
        scan.put(start, m.end(), name, {"kind": "industry", "place_of": place})


def _bare_zong_unions(scan: _UnionScan) -> None:
    """A place + 总 without 工会: 新疆区总, 四川省总, 绵阳市总; a bare 市总
    is the federation of the city in focus."""
    ctx, text = scan.ctx, scan.text
    for m in _BARE_ZONG.finditer(text):
        if m.start() in scan.taken:
            continue
        level_word = m.group(1)
        place = ctx.by_end.get(m.start()) or ctx.by_end.get(m.start() + len(level_word))
        start = m.start()
        if place is not None:
            start = place.start
        else:
            stem = text[_left_boundary(text, m.start() + len(level_word), places=ctx.cover) : m.start() + len(level_word)]
            place = _resolve_short(ctx, scan.out, level_word, m.start()) if stem == level_word else None
            if place is None:
                continue
        scan.put(start, m.end(), ctx.name_of(place) + "总工会", {"kind": "federation", "place_of": ctx.name_of(place)})


def _place_union(scan: _UnionScan, m: re.Match) -> bool:
    """PLACE + 总工会 / 工会 (with the places listed before it: 德阳、绵阳市总工会).
    True when the match is dealt with (云南工会, all unions of a province, is skipped)."""
    ctx = scan.ctx
    place = ctx.by_end.get(m.start())
    if place is None:
        return False
    suffix, pname = m.group(), ctx.name_of(place)
    if suffix == "工会" and place.info["level"] == "province" and not place.info.get("full"):
        return True
    if suffix == "工会" and pname + "总工会" in scan.text:
        suffix = "总工会"  # 龙岗区工会 is the 龙岗区总工会 written short
    for q in _listed_before(ctx, place):
        info = {"kind": "federation", "place_of": ctx.name_of(q), "listed": True}
        scan.put(q.start, q.end, ctx.name_of(q) + suffix, info, take=False)
    scan.put(_chain_start(ctx.by_end, place), m.end(), pname + suffix, {"kind": "federation", "place_of": pname})
    return True


def _org_or_office_union(scan: _UnionScan, m: re.Match) -> bool:
    """ORG + 工会 (an enterprise's union), or the union of a body's offices."""
    org = scan.org_by_end.get(m.start())
    if org is not None:
        scan.put(org.start, m.end(), org.name + m.group(), {"kind": "enterprise", "org": org.name})
        return True
    office = _office_union(scan.ctx, scan.out, m.start(), m.end()) if m.group() == "工会" else None
    if office is not None:
        scan.out.append(office)
        scan.taken.update(range(office.start, office.end))
    return office is not None


def _short_form_union(scan: _UnionScan, start: int, m: re.Match) -> bool:
    """A bare 省总工会 / 县总工会 (the federation of the place of that level in
    focus), or 集团工会 / 公司工会 (the union of the enterprise named)."""
    stem, suffix, end = scan.text[start : m.start()], m.group(), m.end()
    if stem in _LEVEL_PREFIX and suffix == "总工会":
        p = _resolve_short(scan.ctx, scan.out, stem, m.start())
        if p is not None:
            scan.put(start, end, scan.ctx.name_of(p) + "总工会", {"kind": "federation", "place_of": scan.ctx.name_of(p)})
        else:  # no place of that kind in the article: the name as written
            scan.put(start, end, scan.text[start:end], {"kind": "federation"})
        return True
    if stem in ("集团", "公司", "厂", "医院", "学校") and scan.text[start - 1 : start] in ("该", "本"):
        named = _one_named_before(scan, stem, start)
        if named is not None:  # 该公司工会: the union of the one company named before
            scan.put(start - 1, end, named + suffix, {"kind": "enterprise", "org": named}, take=False)
        return True
    if stem in ("集团", "公司", "厂", "医院", "学校"):
        short = _short_enterprise_union(scan.out, stem)
        if short is not None:
            scan.put(start, end, short, {"kind": "enterprise"}, take=False)
        else:
            scan.pending.append((start, end, stem))
        return True
    return False


def _one_named_before(scan: _UnionScan, stem: str, pos: int) -> str | None:
    """The one body ending in `stem` (公司, 集团 …) named before `pos` in the
    article, else None (none, or several)."""
    named = {o.name for o in scan.orgs if o.end <= pos and o.name.endswith(stem)}
    return named.pop() if len(named) == 1 else None


def _named_union(scan: _UnionScan, start: int, m: re.Match) -> None:
    """A body's name written before the suffix: 某某旗总工会 with a place the
    gazetteer does not know (科右前旗), or 某某大学工会 (a body's ending)."""
    stem, suffix = scan.text[start : m.start()], m.group()
    if len(stem) >= 3 and stem.endswith(tuple("旗县州盟镇乡")) and suffix == "总工会" and not any(
        ch in _NOT_IN_PLACE_STEM for ch in stem
    ):
        scan.put(start, m.end(), stem + suffix, {"kind": "federation"})
        return
    if len(stem) < 2 or stem in _GENERIC_STEMS or not stem.endswith(_BODY_END) or _RELATION_IN_STEM.search(stem):
        return
    for short, full in _ABBREVIATIONS.items():
        if stem.endswith(short):
            stem = stem[: -len(short)] + full
    lead = scan.ctx.place_at(start)
    scan.put(start, m.end(), stem + suffix, {"kind": "other", "place_of": scan.ctx.name_of(lead) if lead is not None else None})


def _suffixed_unions(scan: _UnionScan) -> None:
    """Every 总工会 / 工会 not yet taken, read by the first form that fits."""
    for m in _UNION_SUFFIX.finditer(scan.text):
        if m.start() in scan.taken or m.end() - 1 in scan.taken:
            continue
        if _place_union(scan, m) or _org_or_office_union(scan, m):
            continue
        start = _left_boundary(scan.text, m.start(), places=scan.ctx.cover)
        if not _short_form_union(scan, start, m):
            _named_union(scan, start, m)


def _pending_unions(scan: _UnionScan) -> None:
    """集团工会 written before 某某集团工会: the union of the one enterprise of
    that kind the article names (the union named later, else the body before)."""
    for start, end, stem in scan.pending:
        short = _short_enterprise_union(scan.out, stem)
        if short is None:
            named = {o.name for o in scan.orgs if o.end <= start and o.name.endswith(stem)}
            short = next(iter(named)) + "工会" if len(named) == 1 else None
        if short is not None:
            scan.put(start, end, short, {"kind": "enterprise"}, take=False)


def _short_federations(scan: _UnionScan) -> None:
    """PLACE + 工会 is that place's 总工会 written short when the article names
    the place's federation in any form (州总工会 for 黔西南州 counts too);
    with no federation of that place named, the name stays as written."""
    full = {u.name for u in scan.out if u.info.get("kind") == "federation" and u.name.endswith("总工会")}
    for i, u in enumerate(scan.out):
        place = u.info.get("place_of")
        if u.info.get("kind") == "federation" and place and u.name == place + "工会" and place + "总工会" in full:
            scan.out[i] = Found(u.type, u.start, u.end, u.surface, place + "总工会", u.info)


def find_unions(ctx: BodyContext, orgs: list[Found]) -> list[Found]:
    """Union mentions, by passes in order: the national federation, industrial
    unions, 某某区总, then every 总工会/工会 suffix, then short 集团工会 forms.

    Examples
    --------
    >>> ctx = BodyContext("中华全国总工会和全总的干部", [], {})
    >>> [u.name for u in find_unions(ctx, [])]
    ['中华全国总工会', '中华全国总工会']
    """
    scan = _UnionScan(ctx, orgs)
    for rule in (
        _national_unions,
        _industry_unions,
        _bare_zong_unions,
        _suffixed_unions,
        _pending_unions,
        _short_federations,
    ):
        rule(scan)
    return scan.out


# Words of a relation between bodies, not of a body's name (各对口协作区总工会)
_RELATION_IN_STEM = re.compile("协作|对口|结对|帮扶")
_DIRECT_OFFICES = re.compile(r"(省|市|区|县)直机关$")


def _office_union(ctx: BodyContext, unions: list[Found], at: int, end: int) -> Found | None:
    """The union of a body's own offices: 某某总工会|机关工会 (the union of the
    federation's staff, named after it) or 县直/市直/区直/省直机关工会 (the
    offices of a county, city, district or province, named after the place
    of that level written before it or, failing that, the nearest one named)."""
    text = ctx.text
    if text.endswith("机关", 0, at):
        owner = next((u for u in reversed(unions) if u.end == at - 2), None)
        if owner is not None:
            return Found("Union", owner.start, end, text[owner.start : end], owner.name + "机关工会", {"kind": "other"})
    direct = _DIRECT_OFFICES.search(text, max(0, at - 4), at)
    if direct is None:
        return None
    place = ctx.by_end.get(direct.start() + 1) or ctx.by_end.get(direct.start())
    start = _chain_start(ctx.by_end, place) if place is not None else direct.start()
    if place is None:
        place = ctx.nearest_place(at, _LEVEL_PREFIX[direct.group(1)])
        if place is None:
            return None
    return Found("Union", start, end, text[start:end], ctx.name_of(place) + direct.group() + "工会", {"kind": "other"})


def _resolve_short(ctx: BodyContext, unions: list[Found], level_word: str, pos: int) -> Found | None:
    """The place of a bare 省总工会 / 市总 / 区总工会 at `pos`.

    The nearer of two wins: the last federation of that kind named before it
    (市总工会 after 成都市总工会 is the same body) and the last place of that
    kind; with neither before it, the next place of that kind.
    """
    want = _LEVEL_PREFIX[level_word]
    partners = ctx.bare_partners(level_word)
    best: tuple[int, Found] | None = None
    for u in unions:
        if u.end <= pos and u.info.get("kind") == "federation" and u.info.get("place_of") not in (None, *partners):
            place = ctx.place_named(u.info["place_of"])
            if place is not None and _kind_ok(ctx, place, want) and (best is None or u.end > best[0]):
                best = (u.end, place)
    # federations written in full (宁波市总工会) count before they are built
    for p in ctx.of_kind(want):
        if ctx.text.startswith("总工会", p.end) and p.end + 3 <= pos and (best is None or p.end + 3 > best[0]) \
                and ctx.name_of(p) not in partners:
            best = (p.end + 3, p)
    near = ctx.nearest_place(pos, want, skip=partners)
    if near is not None and near.end <= pos and (best is None or (near.end > best[0] and _same_sentence(ctx.text, near.end, pos))):
        # a place named since the last federation of that kind wins only in
        # the same sentence (市总…用于库车市…。其中，市总投入: still the first 市总)
        best = (near.end, near)
    if best is not None:
        return best[1]
    return near


# a bare federation and a full one of a partner joined in one clause
_PARTNER_LINK = re.compile(r"[^,。;:!?\n]{0,6}?(?:与|同|和|跟)")


def _bare_partners(ctx: BodyContext, level_word: str) -> frozenset[str]:
    """Names of the places P of the level of `level_word` whose federation is
    written in full right after a bare one and a link word in its clause
    (市总工会考察组与P市总工会…, 县总工会和P县总工会…).

    >>> from kg.extract.places import find_places
    >>> text = "市总工会考察组与库车市总工会座谈。"
    >>> places = find_places(text)
    >>> ctx = BodyContext(text, places, {id(p): p.name for p in places})
    >>> sorted(_bare_partners(ctx, "市"))
    ['库车市']
    """
    text, bare = ctx.text, level_word + "总工会"
    out = set()
    at = text.find(bare)
    while at >= 0:
        end = at + len(bare)
        if _left_boundary(text, at + len(level_word), places=ctx.cover) == at:
            link = _PARTNER_LINK.match(text, end)
            place = ctx.by_start.get(link.end()) if link else None
            if place is not None and _kind_ok(ctx, place, _LEVEL_PREFIX[level_word]) \
                    and text.startswith(("总工会", "工会"), place.end):
                out.add(ctx.name_of(place))
        at = text.find(bare, end)
    return frozenset(out)


def _same_sentence(text: str, a: int, b: int) -> bool:
    return not any(ch in "。!?！？\n" for ch in text[a:b])


_KINDS = {
    "province": lambda name, lvl: lvl == "province",
    # 省总工会 / 省人大常委会 are a 省's, not a municipality's (上海市) or a region's
    "sheng": lambda name, lvl: lvl == "province" and name.endswith("省"),
    "city": lambda name, lvl: name.endswith("市") and lvl in ("province", "prefecture", "county"),
    # 区总工会 in a report on an autonomous region is the region's federation
    "district": lambda name, lvl: name.endswith("区") and lvl == "county" or lvl == "province" and name.endswith("自治区"),
    "county": lambda name, lvl: name.endswith("县") and lvl == "county",
    "prefecture": lambda name, lvl: lvl == "prefecture" and name.endswith("州"),
    "league": lambda name, lvl: lvl == "prefecture" and name.endswith("盟"),
    "banner": lambda name, lvl: name.endswith("旗"),
    "street": lambda name, lvl: name.endswith("街道"),
    "town": lambda name, lvl: name.endswith(("镇", "乡")),
}


def _kind_ok(ctx: BodyContext, p: Found, want: str) -> bool:
    return _KINDS[want](ctx.name_of(p), p.info["level"])


def _strip_level_prefix_words(stem: str) -> str:
    for w in ("各级", "全省", "全市", "全县", "全区", "所属", "所在"):
        if w in stem:
            stem = stem[stem.index(w) + len(w) :]
    return stem


def _listed_before(ctx: BodyContext, place: Found) -> list[Found]:
    """Places written in a 、-list right before `place` (德阳、绵阳市总工会)."""
    out = []
    pos = place.start
    while pos > 0 and ctx.text[pos - 1] == "、" and (pos - 1) in ctx.by_end:
        q = ctx.by_end[pos - 1]
        if q.info["level"] != place.info["level"]:
            break
        out.append(q)
        pos = q.start
    return out


def _short_enterprise_union(unions: list[Found], stem: str) -> str | None:
    """集团工会: the union of the enterprise of that kind already named."""
    for u in reversed(unions):
        if u.info.get("kind") == "enterprise" and u.info.get("org", "").endswith(stem):
            return u.name
    return None


def _place_led_org(ctx: BodyContext, out: list[Found], m: re.Match) -> Found | None | bool:
    """PLACE + head (某县人民医院), led by the body that sends it when one is
    written before (某市帮扶某县工作队, 某州人民政府驻某市办事处); None when
    no place ends at the head, False when the place's committee is no body."""
    place = ctx.by_end.get(m.start())
    if place is None:
        return None
    if place.info["level"] == "village" and m.group() == "委员会":
        return False  # 某某村委员会: the village's own committee, the village itself
    if m.group() in _KIND_AFTER_COUNTY and place.info["level"] in ("province", "prefecture", "county"):
        return False  # 某区合作社: the district's cooperatives, no one of them
    start, end = _chain_start(ctx.by_end, place), m.end()
    canonical = place.surface + m.group()
    owner = _sending_body(ctx, out, start)
    if owner is not None:
        canonical = owner[1] + ctx.text[owner[0] + len(owner[2]) : start] + canonical
        start = owner[0]
    elif m.group().endswith(("公司", "银行", "分行", "支行")):
        brand = _brand_before(ctx.text, start)
        if brand:  # 中国移动|某县分公司: the group's branch in that place
            canonical, start = brand + canonical, start - len(brand)
    return Found("Organisation", start, end, ctx.text[start:end], canonical, {"place_of": ctx.name_of(place)})


# A state group's name before the place of its branch (中国移动, 国网, 中国石化)
_BRAND = re.compile(r"(?:中国[\u4e00-\u9fff]{2}|国网|国家电网|中石油|中石化|中国石油|中国石化)$")


def _brand_before(text: str, start: int) -> str:
    """The state group's name written right before `start` and opening a
    clause or following a stop word (中国移动|宁县分公司), else ""."""
    m = _BRAND.search(text, max(0, start - 4), start)
    if m is None:
        return ""
    before = text[m.start() - 1 : m.start()]
    if m.start() == 0 or not is_cjk(before) or before in _STOP_CHARS or _stop_word_ends_at(text, m.start()):
        return m.group()
    return ""


# Heads that after a county or higher place alone name a kind of body
_KIND_AFTER_COUNTY = ("合作社", "专业合作社", "家庭农场")
_ORG_LEVEL_WORDS = ("自治区", "省", "市", "区", "县", "州", "盟", "旗")


def _org_stem_start(ctx: BodyContext, m: re.Match) -> int | None:
    """Where the name before the head starts, or None when the stem names no
    one body (某/该/本 before it, a generic stem, 区委区政府)."""
    text = ctx.text
    start = _left_boundary(text, m.start(), places=ctx.cover)
    if start in ctx.by_end:  # a place inside the stretch starts the name (…要求会泽县农商银行)
        start = _chain_start(ctx.by_end, ctx.by_end[start])
    stem = text[start : m.start()]
    if text[start - 1 : start] in ("某", "该", "本"):
        return None
    if stem not in _LEVEL_PREFIX and (len(stem) < 2 or stem in _GENERIC_STEMS):
        return None
    if re.search("委[区市县省]", stem):
        return None  # 区委区政府: a pair of generic bodies
    if _GRADE_OR_EVENT.search(stem):
        return None  # 省级农民合作社示范社: a grade; 捐款活动|公司: a clause ran on
    return start


# A grade of bodies (省级, 县级), or an event word no body's name holds
_GRADE_OR_EVENT = re.compile(r"[省市县区州]级|活动")


def _short_level_org(ctx: BodyContext, start: int, m: re.Match) -> Found | None | bool:
    """市人社局 / 县医院: the body of the place of that level in focus; False
    when the stem does not open with a level word (or a place is written there)."""
    text, stem = ctx.text, ctx.text[start : m.start()]
    level_word = next((w for w in _ORG_LEVEL_WORDS if stem.startswith(w)), None)
    if not level_word or ctx.place_at(start) is not None:
        return False
    p = ctx.nearest_place(start, _LEVEL_PREFIX[level_word])
    if p is None or _directive(text, start):
        return None
    canonical = ctx.name_of(p) + stem[len(level_word) :] + m.group()
    return Found("Organisation", start, m.end(), text[start : m.end()], canonical, {"place_of": ctx.name_of(p), "abbreviated": True})


def _named_org(ctx: BodyContext, out: list[Found], start: int, m: re.Match) -> Found | None:
    """A body named by the words before its head: sent offices (某州人民政府驻
    某市办事处), heads that need a place or a brand, not a village's committee."""
    text, end, head = ctx.text, m.end(), m.group()
    stem = text[start : m.start()]
    owner = _sending_body(ctx, out, start) if head in _SENT_HEADS and len(stem) >= 2 else None
    if owner is not None:
        canonical = owner[1] + text[owner[0] + len(owner[2]) : end]
        return Found("Organisation", owner[0], end, text[owner[0] : end], canonical, {"place_of": None})
    lead = ctx.place_at(start)
    if lead is None and head.endswith(_NEED_PLACE) and not _starts_with_place_name(stem) and not _branded_cooperative(stem, head) \
            and not _named_team(stem, head) and not _named_university(stem, head):
        return None
    if _VILLAGE_COMMITTEE.fullmatch(text, start, end) and ctx.by_start.get(start) is not None:
        return None  # 某某村村民委员会: the village's own committee, the village itself
    canonical = stem + head
    for short, full in _ABBREVIATIONS.items():
        if canonical.endswith(short + head):
            canonical = canonical.replace(short + head, full + head)
    return Found("Organisation", start, end, text[start:end], canonical, {"place_of": ctx.name_of(lead) if lead is not None else None})


def _suffixed_orgs(ctx: BodyContext) -> list[Found]:
    """Bodies written with a head from organisation_heads.tsv (医院, 公司, 局 ...)."""
    out: list[Found] = []
    for m in _ORG_SUFFIX.finditer(ctx.text):
        found = _place_led_org(ctx, out, m)
        if found is False:
            continue
        if found is None:
            start = _org_stem_start(ctx, m)
            if start is None:
                continue
            found = _short_level_org(ctx, start, m)
            if found is False:
                found = _named_org(ctx, out, start, m)
        if found is not None:
            out.append(found)
    return out


def _party_committees(ctx: BodyContext) -> list[Found]:
    """Party committees only with a place in front (成都市委, 武侯区委, 民建某省委,
    某某镇党委)."""
    text, out = ctx.text, []
    for p in ctx.places:
        after = text[p.end : p.end + 2]
        start = _chain_start(ctx.by_end, p)
        info = {"place_of": ctx.name_of(p), "party": True}
        if after.startswith("委") and not after.startswith("委员") and p.surface[-1] in "省市区县州旗":
            canonical = p.surface + "委"
            party = next((w for w in _DEMOCRATIC_PARTIES if text.endswith(w, 0, start)), None)
            if party:
                start -= len(party)
                canonical = party + canonical
            out.append(Found("Organisation", start, p.end + 1, text[start : p.end + 1], canonical, info))
        elif after == "党委" and p.info["level"] == "township":
            out.append(Found("Organisation", start, p.end + 2, text[start : p.end + 2], p.surface + "党委", info))
    return out


# Department heads written short, and the full head they stand for.
_SHORT_HEADS = {
    "发改委": "发展和改革委员会",
    "人社局": "人力资源和社会保障局",
    "人社厅": "人力资源和社会保障厅",
    "住建局": "住房和城乡建设局",
    "住建厅": "住房和城乡建设厅",
    "工信局": "工业和信息化局",
    "工信厅": "工业和信息化厅",
    "文旅局": "文化和旅游局",
    "文旅厅": "文化和旅游厅",
    "教体局": "教育和体育局",
}


def _full_heads(out: list[Found]) -> list[Found]:
    """某市发改委 is the 某市发展和改革委员会 the article also names in full
    (the short form becomes its alias); with no full form named it stays."""
    names = {o.name for o in out}
    fixed = []
    for o in out:
        short = next((h for h in _SHORT_HEADS if o.name.endswith(h)), None) if len(o.name) > 3 else None
        full = o.name[: -len(short)] + _SHORT_HEADS[short] if short else None
        fixed.append(Found(o.type, o.start, o.end, o.surface, full, o.info) if full in names else o)
    return fixed


def _full_place_names(out: list[Found]) -> list[Found]:
    """从化法院 is the 从化区法院 the article also names: a body named with
    its place written short takes the name written with the place in full
    (the same place and the same words after it); with none it stays."""
    names = {o.name for o in out}
    fixed = []
    for o in out:
        place = o.info.get("place_of")
        full = None
        if place and not o.name.startswith(place):
            k = next((k for k in range(len(place) - 1, 1, -1) if o.name.startswith(place[:k])), 0)
            full = place + o.name[k:] if k else None
        fixed.append(Found(o.type, o.start, o.end, o.surface, full, o.info) if full in names else o)
    return fixed


def _bare_level_heads(out: list[Found]) -> list[Found]:
    """省分公司 (a level word and a head, nothing between) is the one body of
    that place with that head the article names (某省邮政分公司); with none
    or several it stays as resolved (某省分公司)."""
    fixed = []
    for o in out:
        place, full = o.info.get("place_of"), None
        if o.info.get("abbreviated") and place and o.name.startswith(place) and len(o.name) - len(place) >= 2:
            head = o.name[len(place) :]
            named = {g.name for g in out if g.info.get("place_of") == place and g.name.endswith(head)
                     and len(g.name) > len(o.name) and not g.info.get("abbreviated")}
            full = named.pop() if len(named) == 1 else None
        fixed.append(Found(o.type, o.start, o.end, o.surface, full, o.info) if full else o)
    return fixed


def _zong_for_union(out: list[Found]) -> list[Found]:
    """某市总援助中心 is the 某市总工会…援助中心 the article names: 总 stands
    for 总工会 in a union's own body; the one such name, else as written."""
    fixed = []
    for o in out:
        place, full = o.info.get("place_of"), None
        if place and o.name.startswith(place + "总") and not o.name.startswith(place + "总工会"):
            rest = o.name[len(place) + 1 :]
            named = {g.name for g in out if g.name.startswith(place + "总工会") and g.name.endswith(rest)}
            full = named.pop() if len(named) == 1 else None
        fixed.append(Found(o.type, o.start, o.end, o.surface, full, o.info) if full else o)
    return fixed


# A company of a group named by its number, opening a clause: 三公司职工…
_NUMERALS = "一二三四五六七八九十"
_CLAUSE_OPENERS = "\n。!?！？,，;；:：“"


def _numbered_company_start(text: str, at: int) -> int | None:
    """Where a company named by its number starts when 公司 at `at` ends one
    opening a clause (三公司, 十二分公司) and a word follows; else None."""
    if not is_cjk(text[at + 2 : at + 3]):
        return None
    start = at - 1 if text[at - 1 : at] == "分" else at
    numerals = 0
    while numerals < 2 and start > 0 and text[start - 1] in _NUMERALS:
        start, numerals = start - 1, numerals + 1
    if numerals and (start == 0 or text[start - 1] in _CLAUSE_OPENERS):
        return start
    return None


def _numbered_and_office_bodies(ctx: BodyContext) -> list[Found]:
    """Bodies with no head of the table: a group's company named by its
    number at a clause start (三公司), an institution's office whose union
    the text names (基建处工会: the office 基建处)."""
    text, out = ctx.text, []
    at = text.find("公司")
    while at >= 0:
        start = _numbered_company_start(text, at)
        if start is not None:
            out.append(Found("Organisation", start, at + 2, text[start : at + 2], text[start : at + 2], {"place_of": None}))
        at = text.find("公司", at + 2)
    at = text.find("处工会")
    while at >= 0:  # an office 某处 whose union is named
        start = _left_boundary(text, at, limit=6, places=ctx.cover)
        if at - start >= 2 and text[start:at] not in _GENERIC_STEMS and ctx.by_end.get(at + 1) is None:
            out.append(Found("Organisation", start, at + 1, text[start : at + 1], text[start : at + 1], {"place_of": None}))
        at = text.find("处工会", at + 3)
    return out


def find_organisations(ctx: BodyContext) -> list[Found]:
    """Named non-union bodies: enterprises, hospitals, schools, departments ..."""
    anonymous = _anonymous_short_names(ctx.text)
    out = [o for o in _suffixed_orgs(ctx) if o.surface not in anonymous]
    out += _quoted_bodies(ctx.text)
    out += _work_teams(ctx)
    out += _listed_departments(ctx.text, out)
    out += _party_committees(ctx)
    out += _bare_committees(ctx)
    out += _numbered_and_office_bodies(ctx)
    return _zong_for_union(_bare_level_heads(_full_place_names(_full_heads(_longest_per_end(out)))))


# 按照/根据/在/落实/贯彻 ... 的部署|领导|决策|指示|精神|要求: a clause about orders from above.
_DIRECTIVE_FRAME = re.compile(r"按照|根据|遵照|依照|在|落实|贯彻|对标|响应")
_DIRECTIVE = re.compile(r"(?:的|工作)[\u4e00-\u9fff]{0,4}?(?:部署|领导|决策|指示|精神|要求)")
_CLAUSE_END = re.compile(r"[,，。;；!?！？\n]")


def _directive(text: str, pos: int) -> bool:
    """A short form inside an 按照/根据/在/落实/贯彻 … 的部署 (领导, 决策, 指示,
    精神, 要求) frame, a clause about orders from above: the gold names no body there.

    Examples
    --------
    >>> _directive("根据市委、市政府的工作部署,各镇抓紧落实", 2)
    True
    >>> _directive("在县委的坚强领导下,村里修通了公路", 1), _directive("依照市委、市政府的统一部署", 2)
    (True, True)
    >>> _directive("县委部署了三项任务", 0), _directive("县政府拨付了资金。", 0)
    (False, False)
    """
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, pos)), default=0)
    stop = _CLAUSE_END.search(text, pos)
    if _DIRECTIVE_FRAME.search(text, start, pos + 1) is None:
        return False
    return _DIRECTIVE.search(text, pos, stop.start() if stop else len(text)) is not None


_SENT_HEADS = ("办事处", "工作队", "指挥部", "前方指挥部")


def _sending_body(ctx: BodyContext, found: list[Found], start: int) -> tuple[int, str, str] | None:
    """The body written before 帮扶 / 驻 right before a place-led name:
    (its start, its canonical name, its surface), else None."""
    for link in ("帮扶", "驻"):
        if not ctx.text.endswith(link, 0, start):
            continue
        at = start - len(link)
        body = next((f for f in reversed(found) if f.end == at), None)
        if body is not None:
            return body.start, body.name, body.surface
        place = ctx.by_end.get(at)
        if place is not None and place.info["level"] in ("province", "prefecture", "county"):
            s0 = _chain_start(ctx.by_end, place)
            return s0, ctx.text[s0:at], ctx.text[s0:at]
    return None


_BARE_COMMITTEE = re.compile(r"(省|市|区|县|州|旗)委(?!会)")


def _bare_committees(ctx: BodyContext) -> list[Found]:
    """县委 / 市委 with no place before them: the committee of the nearest
    place of that level named in the article (县委常委 in a report on one
    county is that county's committee); none when no such place is named."""
    text = ctx.text
    out = []
    words = boundary_words()
    for m in _BARE_COMMITTEE.finditer(text):
        level_word = m.group(1)
        if text[m.end() - 1 : m.end() + 1] in words:
            continue  # 委 starting a common word (委员, 委托, 委派, 委屈 …)
        if ctx.by_end.get(m.start() + 1) is not None or ctx.by_end.get(m.start()) is not None:
            continue  # written with its place: found above
        if _left_boundary(text, m.start() + 1, places=ctx.cover) != m.start():
            continue  # part of a longer word (自治区委, 省市县委)
        place = ctx.nearest_place(m.start(), _LEVEL_PREFIX[level_word])
        if place is None or _directive(text, m.start()):
            continue
        out.append(Found("Organisation", m.start(), m.end(), m.group(), ctx.name_of(place) + "委",
                         {"place_of": ctx.name_of(place), "party": True, "abbreviated": True}))
    return out


# 某 + body, then the short name the story uses for it: 某食品公司(下称“食品公司”).
_ANONYMOUS = re.compile(r"某[\u4e00-\u9fff]{1,12}[(（](?:以下简称|下称|简称|以下称)“([^“”]{2,12})”[)）]")


def _anonymous_short_names(text: str) -> set[str]:
    """Short names an article gives a body it leaves unnamed (某…公司): not names."""
    return {m.group(1) for m in _ANONYMOUS.finditer(text)}


_QUOTED_BODY = re.compile(r"“([^“”\n]{3,24}?(?:服务团|服务队|工作队|志愿队|协会|联盟|联合体|基金会|合作社))”")
_WORK_TEAM = re.compile(r"驻")
_DEPT_LIST = re.compile(r"、([\u4e00-\u9fff]{2,3}(?:部|局|厅|办))")


def _quoted_bodies(text: str) -> list[Found]:
    """组建了“巾帼建功技能帮扶服务队”: a quoted name with a body head."""
    return [Found("Organisation", m.start(1), m.end(1), m.group(1), m.group(1), {"quoted": True})
            for m in _QUOTED_BODY.finditer(text)]


def _work_teams(ctx: BodyContext) -> list[Found]:
    """X总工会驻Y村“访惠聚”工作队: a union's team stationed in a village.

    Every mention of the same union and village is one team; it takes the
    quoted label (访惠聚) when any mention gives one.
    """
    text = ctx.text
    found = []
    for m in _WORK_TEAM.finditer(text):
        place = ctx.by_start.get(m.end())
        if place is None:
            continue
        pos = place.end
        while pos in ctx.by_start:  # a chain of places
            place = ctx.by_start[pos]
            pos = place.end
        label = re.match(r"“([^”]{1,8})”", text[pos:])
        after = pos + (label.end() if label else 0)
        if not text.startswith("工作队", after):
            continue
        head = text[max(0, m.start() - 14) : m.start()]
        found.append((m.start(), after + 3, place, label.group(1) if label else "", head))
    return [f for f in (_team(ctx, *t) for t in found) if f is not None]


def _team(ctx: BodyContext, at: int, end: int, place: Found, label: str, head: str) -> Found | None:
    text = ctx.text
    # the body the team belongs to ends right at 驻
    start = _left_boundary(text, at, limit=14, places=ctx.cover)
    owner = text[start:at]
    if len(owner) < 2:
        return None
    return Found("Organisation", start, end, text[start:end], "",
                 {"team_of": owner, "team_place": ctx.name_of(place), "team_label": label, "text": text})


def _listed_departments(text: str, orgs: list[Found]) -> list[Found]:
    """昆明市委宣传部、统战部: the second department shares the first's parent."""
    out = []
    for o in orgs:
        if not o.name.endswith(("部", "局", "厅", "办")):
            continue
        m = _DEPT_LIST.match(text, o.end)
        if not m:
            continue
        tail = m.group(1)
        parent = o.name[: -len(tail)] if len(o.name) > len(tail) else ""
        # parent = name without its own department word (宣传部 -> 昆明市委)
        for k in (3, 2):
            if len(o.name) > k and o.name[-k:].endswith(("部", "局", "厅", "办")):
                parent = o.name[:-k]
                break
        if parent:
            out.append(Found("Organisation", m.start(1), m.end(1), tail, parent + tail, {"place_of": o.info.get("place_of")}))
    return out


def _longest_per_end(found: list[Found]) -> list[Found]:
    best: dict[int, Found] = {}
    for f in found:
        cur = best.get(f.end)
        if cur is None or f.start < cur.start:
            best[f.end] = f
    # Drop bodies nested inside a longer body (医院 inside 中医医院 ...).
    result = []
    items = sorted(best.values(), key=lambda f: (f.start, -f.end))
    for f in items:
        if any(g is not f and g.start <= f.start and f.end <= g.end and (g.end - g.start) > (f.end - f.start) for g in items):
            continue
        result.append(f)
    return result
