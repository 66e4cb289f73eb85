"""Unions and other organisations: suffix rules, left boundaries, and the
short forms (省总工会, 区总, 新疆区总, 集团工会, 区人社局) resolved to the full
body from the places and bodies around them.
"""

from __future__ import annotations

import re

from .lexicon import INDUSTRY_UNIONS, ORG_SUFFIXES, PARTY_COMMITTEES
from .places import LEVEL_RANK, level_from_suffix
from .text import CJK, Found, is_cjk

# Characters and words that end a name on its left.
_STOP_CHARS = set("的了在和与及对向为把将从被让给到是有由以等着也都就还又并但或该其这那此各每全本我你他她它们之某经据按请跟同")
_STOP_WORDS = sorted(
    set(
        """
组织 开展 成立 参加 举办 联合 会同 通过 依托 来到 前往 深入 走进 协调 推荐 进驻 获悉 慰问 帮助 支持 带动 引导
邀请 聘请 签订 受到 得到 感谢 先后 分别 主动 积极 共同 一起 以及 还有 其中 包括 派驻 选派 驻 援建 捐建 建设 建立
实施 启动 召开 同意 批准 指导 策划 承办 主办 举行 加入 采购 订购 购买 拨付 投入 资助 带领 率领 看望 调研 考察 走访
""".split()
    ),
    key=len,
    reverse=True,
)
_GENERIC_STEMS = {
    "企业", "单位", "部门", "有关", "相关", "各大", "国有", "省属", "大型", "基层", "各级", "全省", "全市", "全国", "全县", "全区",
    "园区", "园区企业", "企业工会", "首都", "受援地", "行业", "产业", "机关", "村", "社区", "乡镇", "街道", "所属企业", "乐器",
    "中央", "地方", "民营", "劳模", "劳模单位", "本地", "当地", "两", "该", "我", "学校", "医院", "公司", "集团", "地区基层",
    "中华民族", "党", "市场", "服务", "工作",
}
_ABBREVIATIONS = {"交大": "交通大学", "师大": "师范大学", "农大": "农业大学", "医大": "医科大学", "科大": "科技大学"}
_LEVEL_PREFIX = {"省": "province", "自治区": "province", "市": "city", "区": "district", "县": "county", "州": "prefecture", "旗": "banner", "街道": "street", "镇": "town", "乡": "town"}
_SHORT_UNION = re.compile(r"(?:(自治区|省|市|区|县|州|旗|街道|镇|乡)总工会|(自治区|省|市|区|县|州)总(?![工书经理统体结量数计部队站额局人面产收规会监指编务裁务司监院]))")
_UNION_SUFFIX = re.compile(r"总工会|工会联合会|工会")
_NOT_A_UNION_AFTER = re.compile(r"(?:主席|副主席)?$")
_FULL_NATIONAL = "中华全国总工会"


def _left_boundary(text: str, end: int, limit: int = 10, places: dict[int, Found] | None = None) -> int:
    """Start of a name ending at `end`: scan left to punctuation or a stop word.

    A place mention ending inside the scanned stretch pulls the start back to
    where that place (or the chain of places before it) begins.
    """
    pos = end
    while pos > 0 and end - pos < limit:
        ch = text[pos - 1]
        if not (is_cjk(ch) or ch in "·0-9"):
            break
        if ch in _STOP_CHARS:
            break
        if any(text.endswith(w, 0, pos) for w in _STOP_WORDS):
            break
        pos -= 1
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

    def name_of(self, place: Found) -> str:
        return self.place_names[id(place)]

    def nearest_place(self, pos: int, want: str) -> Found | None:
        """The nearest place before `pos` (else after) of the wanted kind.

        want: province | city (a 市 at any level) | district (a county-level 区)
        | county | prefecture | banner | street | town.
        """
        def ok(p: Found) -> bool:
            name = self.name_of(p)
            lvl = p.info["level"]
            return {
                "province": lvl == "province",
                "city": name.endswith("市") and lvl in ("province", "prefecture", "county"),
                "district": name.endswith("区") and lvl == "county",
                "county": name.endswith("县") and lvl == "county",
                "prefecture": lvl == "prefecture" and name.endswith("州"),
                "banner": name.endswith("旗"),
                "street": name.endswith("街道"),
                "town": name.endswith(("镇", "乡")),
            }[want]

        before = [p for p in self.places if p.end <= pos and ok(p)]
        if before:
            return before[-1]
        after = [p for p in self.places if p.start >= pos and ok(p)]
        return after[0] if after else None


def find_unions(ctx: BodyContext, orgs: list[Found]) -> list[Found]:
    text = ctx.text
    out: list[Found] = []
    taken: set[int] = set()
    # 中华全国总工会 and 全总
    for m in re.finditer(r"中华全国总工会|全总(?=[^结部面体])", text):
        out.append(Found("Union", m.start(), m.end(), m.group(), _FULL_NATIONAL, {"kind": "national"}))
        taken.update(range(m.start(), m.end()))
    # Industrial unions: (中国|PLACE|省|市) + industry words + 工会
    industry = "|".join(map(re.escape, INDUSTRY_UNIONS))
    for m in re.finditer(rf"(?:中国|(自治区|省|市))?(?:{industry})", text):
        if m.start() in taken:
            continue
        prefix_place = ctx.by_end.get(m.start())
        body = m.group()
        if prefix_place is not None:
            start = prefix_place.start
            name = ctx.name_of(prefix_place) + body
            place = ctx.name_of(prefix_place)
        elif m.group(1):
            want = "province" if m.group(1) in ("省", "自治区") else "city"
            p = ctx.nearest_place(m.start(), want)
            if p is None:
                continue
            start = m.start()
            name = ctx.name_of(p) + body[len(m.group(1)) :]
            place = ctx.name_of(p)
        elif body.startswith("中国"):
            start, place, name = m.start(), None, body
        else:
            continue
        out.append(Found("Union", start, m.end(), text[start : m.end()], name, {"kind": "industry", "place_of": place}))
        taken.update(range(start, m.end()))
    # Place + 总 (新疆区总, 甘肃省总, 渭南市总) and bare 省总工会 / 区总 / 街道总工会.
    for m in _SHORT_UNION.finditer(text):
        if m.start() in taken or m.end() - 1 in taken:
            continue
        level_word = m.group(1) or m.group(2)
        explicit = ctx.by_end.get(m.start())
        if explicit is None and m.group(2) and level_word in ("区", "市", "省", "州"):
            # 新疆区总: the place is written without its own suffix before 区总
            explicit = ctx.by_end.get(m.start())
        if explicit is not None:
            # 渭南市总工会 already ends with a place; handled by the suffix rule
            # unless it is the bare-总 form.
            if m.group(1):
                continue
            place = explicit
            start = explicit.start
        else:
            prev = ctx.by_end.get(m.start() + (len(level_word) if m.group(2) else 0))
            p_before = None
            # 新疆区总: a province short form directly before 区总
            for p in ctx.places:
                if p.end == m.start():
                    p_before = p
            if p_before is not None:
                place, start = p_before, p_before.start
            else:
                want = _LEVEL_PREFIX[level_word]
                place = ctx.nearest_place(m.start(), want)
                start = m.start()
                if place is None:
                    continue
        name = ctx.name_of(place) + "总工会"
        out.append(Found("Union", start, m.end(), text[start : m.end()], name, {"kind": "federation", "place_of": ctx.name_of(place)}))
        taken.update(range(start, m.end()))
    # PLACE + 总工会 / 工会, ORG + 工会, and named bodies + 总工会 (明珠工业园总工会).
    org_by_end = {o.end: o for o in orgs}
    for m in _UNION_SUFFIX.finditer(text):
        if m.start() in taken or m.end() - 1 in taken:
            continue
        place = ctx.by_end.get(m.start())
        suffix = m.group()
        if place is not None:
            pname = ctx.name_of(place)
            if suffix == "工会" and place.info["level"] == "province" and not place.info.get("full"):
                continue  # 陕西工会: all unions of a province, not one body
            start = place.start
            # 宝鸡、咸阳市总工会: every place of the list gets its federation.
            for q in _listed_before(ctx, place):
                out.append(Found("Union", q.start, q.end, q.surface, ctx.name_of(q) + suffix,
                                 {"kind": "federation", "place_of": ctx.name_of(q), "listed": True}))
            name = pname + suffix
            out.append(Found("Union", start, m.end(), text[start : m.end()], name,
                             {"kind": "federation", "place_of": pname, "suffix": suffix}))
            taken.update(range(start, m.end()))
            continue
        org = org_by_end.get(m.start())
        if org is not None:
            out.append(Found("Union", org.start, m.end(), text[org.start : m.end()], org.name + suffix,
                             {"kind": "enterprise", "org": org.name}))
            taken.update(range(org.start, m.end()))
            continue
        start = _left_boundary(text, m.start())
        stem = text[start : m.start()]
        stem = _strip_level_prefix_words(stem)
        start = m.start() - len(stem)
        if len(stem) < 2 or stem in _GENERIC_STEMS or stem.endswith(("各级", "全省", "全市", "基层", "企业", "所属企业")):
            # 集团工会 / 厂工会: the enterprise named last before it.
            short = _short_enterprise_union(ctx, orgs, stem, m.start())
            if short is not None:
                out.append(Found("Union", start, m.end(), text[start : m.end()], short, {"kind": "enterprise"}))
            continue
        if any(ch in stem for ch in "、,"):
            continue
        for short, full in _ABBREVIATIONS.items():
            if stem.endswith(short):
                stem = stem[: -len(short)] + full
        out.append(Found("Union", start, m.end(), text[start : m.end()], stem + suffix, {"kind": "other"}))
        taken.update(range(start, m.end()))
    return out


def _strip_level_prefix_words(stem: str) -> str:
    for w in ("各级", "全省", "全市", "全县", "全区", "所属", "所在"):
        if w in stem:
            stem = stem[stem.index(w) + len(w) :]
    return stem


def _listed_before(ctx: BodyContext, place: Found) -> list[Found]:
    """Places written in a 、-list right before `place` (宝鸡、咸阳市总工会)."""
    out = []
    pos = place.start
    while pos > 0 and ctx.text[pos - 1] == "、" and (pos - 1) in ctx.by_end:
        q = ctx.by_end[pos - 1]
        if q.info["level"] != place.info["level"]:
            break
        out.append(q)
        pos = q.start
    return out


def _short_enterprise_union(ctx: BodyContext, orgs: list[Found], stem: str, pos: int) -> str | None:
    if stem not in ("集团", "公司", "厂", "医院", "学校"):
        return None
    for o in reversed([o for o in orgs if o.end <= pos]):
        if o.name.endswith(stem):
            return o.name + "工会"
    return None


def find_organisations(ctx: BodyContext) -> list[Found]:
    """Named non-union bodies: enterprises, hospitals, schools, departments ..."""
    text = ctx.text
    out: list[Found] = []
    suffixes = "|".join(map(re.escape, ORG_SUFFIXES))
    for m in re.finditer(rf"(?:{suffixes})", text):
        end = m.end()
        # Prefer the longest suffix reading (中医医院 over 医院) and skip
        # suffixes that continue a longer word (公司 in 分公司 handled by alternation).
        place = ctx.by_end.get(m.start())
        if place is not None:
            start = _chain_start(ctx.by_end, place)
            canonical = ctx.name_of(place) + m.group()
            out.append(Found("Organisation", start, end, text[start:end], canonical, {"place_of": ctx.name_of(place)}))
            continue
        start = _left_boundary(text, m.start())
        # extend over places written before the stem (北京市 新发地农副产品批发市场)
        inner = [p for p in ctx.places if start <= p.start < m.start()]
        if start in ctx.by_end:
            start = _chain_start(ctx.by_end, ctx.by_end[start])
        stem = text[start : m.start()]
        if len(stem) < 2 or stem in _GENERIC_STEMS:
            continue
        if text[start - 1 : start] == "某" or text[start - 1 : start] in ("该", "本"):
            continue
        level_word = next((w for w in ("自治区", "省", "市", "区", "县") if stem.startswith(w)), None)
        if level_word and not any(p.start == start for p in ctx.places):
            want = _LEVEL_PREFIX[level_word]
            p = ctx.nearest_place(start, want)
            if p is None:
                continue
            canonical = ctx.name_of(p) + stem[len(level_word) :] + m.group()
            out.append(Found("Organisation", start, end, text[start:end], canonical,
                             {"place_of": ctx.name_of(p), "abbreviated": True}))
            continue
        lead = next((p for p in ctx.places if p.start == start), None)
        canonical = stem + m.group()
        out.append(Found("Organisation", start, end, text[start:end], canonical,
                         {"place_of": ctx.name_of(lead) if lead is not None else None}))
    # Party committees only with a place in front (北京市委, 东城区委).
    for p in ctx.places:
        after = text[p.end : p.end + 2]
        if after.startswith("委") and not after.startswith("委员") and p.surface[-1] in "省市区县州旗":
            start = _chain_start(ctx.by_end, p)
            out.append(Found("Organisation", start, p.end + 1, text[start : p.end + 1], ctx.name_of(p) + "委",
                             {"place_of": ctx.name_of(p), "party": True}))
    return _longest_per_end(out)


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
