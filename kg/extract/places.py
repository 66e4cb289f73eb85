"""Places: gazetteer names found in one pass, short forms accepted with support,
unknown townships and villages read from administrative chains, and each
mention linked to one division when the context allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from ..gazetteer import Division, Gazetteer, load_gazetteer
from .lexicon import predicate_words, table_forms
from .text import CJK, Found, select_longest

LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2, "township": 3, "village": 4}

# Full names that are ordinary words in running text.
_GENERIC_NAMES = frozenset({"城区", "郊区", "矿区", "新区", "市区", "市中区", "开发区", "高新区", "示范区", "中心区"})
# Characters that make a "X村/X镇" candidate a generic phrase, not a name.
_GENERIC_CHARS = set("的个了在和与及为是等各全该本此每其这那贫困帮扶示范重点驻进行政自然试点所辖邻外返回到乡镇县区市省")
_TOWNSHIP_SUFFIX = ("街道", "镇", "乡", "苏木")
_VILLAGE_SUFFIX = ("社区", "村", "嘎查")
_CHAIN_TOWNSHIP = re.compile(rf"[{CJK}]{{2,4}}?(?:街道|镇|乡|苏木)")
_CHAIN_VILLAGE = re.compile(rf"[{CJK}]{{2,5}}?(?:社区|村|嘎查)")
# where either may start (one test, before the two)
_CHAIN_EITHER = re.compile(rf"[{CJK}]{{2,5}}?(?:街道|镇|乡|苏木|社区|村|嘎查)")
# Words after a short form that show it is a place: a union or a body of it.
_SUPPORT_AFTER = re.compile(r"(?:总工会|工会|[省市区县州旗]总|[省市区县州]委|[省市区县]政府|人民政府|地区)")


@dataclass(frozen=True)
class _Surface:
    text: str
    full: bool


_LOW_SUFFIX = re.compile("村|社区|嘎查|镇|乡|街道|苏木")
_VILLAGE_WORD_NEXT = set("寨落庄")
# Nouns after the word 乡村 (countryside): 乡村振兴, 乡村旅游, 乡村教师 ...
_COUNTRYSIDE_NEXT = tuple(
    "振兴 旅游 建设 治理 教师 医生 产业 发展 文化 经济 人才 工匠 干部 生活 面貌 环境 道路 公路 学校 少年 儿童 休闲 特色 全面".split()
)


class PlaceIndex:
    """The gazetteer's surfaces, ready for one pass over a text (built once).

    Names of county level and up (about 6k surfaces with their short forms)
    go into an Aho–Corasick automaton.  The 660k township and village names
    all end in a level word (镇, 乡, 街道, 村, 社区 ...), so they are found by
    looking back from each such word into a set: far less work per
    character than one automaton over everything.
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        searched, self.low_names = _split_surfaces(gazetteer)
        self.automaton = _automaton(searched)
        names = {surface for surface, _ in searched}
        self._starts, self._pairs, self._start_chars = _name_start_tables(names)
        self._low_lengths = _lengths_by_tail(self.low_names)
        # look-ups of the immutable gazetteer, filled as they are asked
        self._candidates: dict[str, tuple[list[Division], bool, str]] = {}
        self._ancestors: dict[str, dict[str, None]] = {}
        self._low_surfaces: dict[str, _Surface] = {}

    def candidates(self, surface: str) -> tuple[list[Division], bool, str]:
        """The divisions a surface may name, whether it is a full name, and its likely level."""
        got = self._candidates.get(surface)
        if got is None:
            divs, full = _candidates(self.gazetteer, surface)
            got = self._candidates[surface] = (divs, full, _best_level(divs, surface))
        return got

    def ancestor_codes(self, code: str) -> dict[str, None]:
        """The codes of a division's ancestors, in the chain's own order (a
        dict, not a set, so that sums over them are the same in every process)."""
        got = self._ancestors.get(code)
        if got is None:
            got = self._ancestors[code] = dict.fromkeys(a.code for a in self.gazetteer.ancestors(code))
        return got

    def raw_matches(self, text: str) -> list[tuple[int, int, _Surface]]:
        # Leftmost-longest matches only: the many shorter names inside a
        # longer one (张家口 inside 张家口市) are never wanted.
        return self.name_matches(text) + self._low_matches(text)

    def name_matches(self, text: str) -> list[tuple[int, int, _Surface]]:
        """The automaton's matches (`iter_long`) over `text`, run on the
        stretches where a name may be only (the same matches)."""
        out = []
        iter_long = self.automaton.iter_long
        for a, b in self._runs(text):
            out += [(end + 1 - len(s.text), end + 1, s) for end, s in iter_long(text, a, b)]
        return out

    def _runs(self, text: str) -> list[tuple[int, int]]:
        """The (start, end) of each stretch from a name start on, as long as
        its characters are linked by pairs that occur inside names."""
        runs: list[tuple[int, int]] = []
        starts, pairs = self._starts, self._pairs
        done = 0  # the end of the last stretch
        for m in self._start_chars.finditer(text):
            i = m.start()
            if i < done or text[i : i + 2] not in starts:
                continue
            b = i + 2
            while text[b - 1 : b + 1] in pairs:
                b += 1
            runs.append((i, b))
            done = b
        return runs

    def _low_matches(self, text: str) -> list[tuple[int, int, _Surface]]:
        """The longest township or village name ending at each level word."""
        out = []
        low, lengths, surfaces = self.low_names, self._low_lengths, self._low_surfaces
        for m in _LOW_SUFFIX.finditer(text):
            end = m.end()
            tried = lengths.get(text[end - 3 : end]) if end >= 3 else None
            if tried is None:
                continue  # no name ends so
            if m.group() == "村" and (text[end : end + 1] in _VILLAGE_WORD_NEXT or (
                    text[end - 2 : end] == "乡村" and text.startswith(_COUNTRYSIDE_NEXT, end))):
                # 边远村寨, 古村落, 新村庄: the words for villages, not a name;
                # 同乡村振兴, 推进乡村建设: the word 乡村, not a village named …乡村
                continue
            for k in tried:
                if k <= end and text[end - k : end] in low:
                    name = text[end - k : end]
                    surface = surfaces.get(name)
                    if surface is None:
                        surface = surfaces[name] = _Surface(name, True)
                    out.append((end - k, end, surface))
                    break
        return out


def _split_surfaces(gazetteer: Gazetteer) -> tuple[list[tuple[str, bool]], set[str]]:
    """(the surfaces for the automaton, in the gazetteer's order, with
    whether each is a full name; the full township and village names).

    Bare village stems (北京, 胜利: 居委会 names) are never accepted as
    villages, so only names of county level and up go in the automaton."""
    searched: list[tuple[str, bool]] = []
    low: set[str] = set()
    for surface, full in gazetteer.surfaces():
        if surface in _GENERIC_NAMES:
            continue
        if full and len(surface) > 2 and surface.endswith(_TOWNSHIP_SUFFIX + _VILLAGE_SUFFIX):
            low.add(surface)
        elif not full or any(LEVEL_RANK[d.level] <= 2 for d in gazetteer.lookup(surface)):
            searched.append((surface, full))
    return searched, low


def _automaton(searched: list[tuple[str, bool]]) -> ahocorasick.Automaton:
    """An Aho–Corasick automaton of the surfaces (a later entry of the same
    surface replaces an earlier one)."""
    automaton = ahocorasick.Automaton()
    for surface, full in searched:
        automaton.add_word(surface, _Surface(surface, full))
    automaton.make_automaton()
    return automaton


def _name_start_tables(names: set[str]) -> tuple[set[str], set[str], re.Pattern]:
    """Where a name may start (its first two characters), which pairs of
    characters occur next to each other inside some name, and a pattern
    finding the characters a name may start with before one it may go on with.

    Away from a name start, the automaton is at its root or one character
    deep with no match pending (every name has two characters or more), and
    so it is again past a pair found in no name: searching from each name
    start to the first such pair alone finds the same names as one pass
    over the text, far faster (a character costs the automaton a look-up
    among the root's many children, and few characters are in such
    stretches)."""
    starts = {s[:2] for s in names}
    pairs = {s[k : k + 2] for s in names for k in range(len(s) - 1)}
    firsts = "".join(sorted({s[0] for s in names}))
    seconds = "".join(sorted({s[1] for s in names}))
    return starts, pairs, re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")


def _lengths_by_tail(low: set[str]) -> dict[str, tuple[int, ...]]:
    """The lengths of the low names by their last three characters, longest
    first: the few look-ups worth making back from a level word."""
    tails: dict[str, set[int]] = {}
    for name in low:
        tails.setdefault(name[-3:], set()).add(len(name))
    return {tail: tuple(sorted(ns, reverse=True)) for tail, ns in tails.items()}


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    return PlaceIndex(load_gazetteer())


def level_from_suffix(name: str) -> str | None:
    if name.endswith(_VILLAGE_SUFFIX):
        return "village"
    if name.endswith(_TOWNSHIP_SUFFIX):
        return "township"
    if name.endswith(("县", "旗", "区")):
        return "county"
    if name.endswith(("州", "地区", "盟", "市")):
        return "prefecture"
    if name.endswith(("省", "自治区")):
        return "province"
    return None


def _is_generic(name: str, suffix_len: int) -> bool:
    stem = name[:-suffix_len]
    return len(stem) < 2 or any(ch in _GENERIC_CHARS for ch in stem)


def _candidates(gaz: Gazetteer, surface: str) -> tuple[list[Division], bool]:
    """Divisions a surface may name, and whether it is written in full.

    Townships and villages are only taken by a full name with its suffix
    (a bare 居委会 stem such as 北京 or 胜利 is a village somewhere, but in
    running text it is something else); short forms only name county level
    and above.
    """
    keep = []
    full = False
    for d in gaz.lookup(surface):
        if d.name == surface:
            if LEVEL_RANK[d.level] >= 3 and (
                len(surface) <= 2
                or not surface.endswith(_TOWNSHIP_SUFFIX + _VILLAGE_SUFFIX)
                or surface.endswith("农村")  # 新农村, 和农村: the word for countryside
            ):
                continue
            keep.append(d)
            full = True
        elif LEVEL_RANK[d.level] <= 2:
            keep.append(d)
    if full:
        keep = [d for d in keep if d.name == surface]
    return keep, full


def _chain_extensions(text: str, start: int, level: str) -> list[tuple[int, int, str]]:
    """Unknown township/village names written right after a known place."""
    out: list[tuple[int, int, str]] = []
    pos = start
    rank = LEVEL_RANK[level]
    if rank >= LEVEL_RANK["village"] or not _CHAIN_EITHER.match(text, pos):
        return out
    for pattern, lvl, suffixes in ((_CHAIN_TOWNSHIP, "township", _TOWNSHIP_SUFFIX), (_CHAIN_VILLAGE, "village", _VILLAGE_SUFFIX)):
        if LEVEL_RANK[lvl] <= rank:
            continue
        m = pattern.match(text, pos)
        if not m:
            continue
        name = m.group()
        suffix = next(s for s in suffixes if name.endswith(s))
        if _is_generic(name, len(suffix)):
            continue
        out.append((m.start(), m.end(), lvl))
        pos = m.end()
        rank = LEVEL_RANK[lvl]
    return out


def find_places(text: str, index: PlaceIndex | None = None) -> list[Found]:
    """Every place mention of a text, linked to a division where possible.

    Each Found has info: level, code (or None), full (surface is an official
    full name), candidates (codes).
    """
    index = index or place_index()
    found: list[Found] = []
    for start, end, surface in index.raw_matches(text):
        divs, full, level = index.candidates(surface.text)
        if not divs:
            continue
        found.append(Found("Place", start, end, surface.text, surface.text, {"divs": divs, "full": full, "level": level}))
    found = select_longest(found)
    # Unknown townships and villages after a known place (renamed or missing).
    extra = []
    taken = {(f.start, f.end) for f in found}
    for f in found:
        for s, e, lvl in _chain_extensions(text, f.end, f.info["level"]):
            if (s, e) not in taken:
                extra.append(Found("Place", s, e, text[s:e], text[s:e], {"divs": [], "full": True, "level": lvl}))
    if extra:
        # A chain name wins over shorter gazetteer hits inside it (青龙镇 vs 龙镇).
        found = select_longest(found + extra)
    found = _accept_short_forms(text, found, index.gazetteer)
    more = _repeats_of_chain_names(text, found) + _abbreviations(text, found, index)
    if more:  # (found itself holds no overlaps)
        found = select_longest(found + more)
    found = _drop_role_villages(text, found)
    _link(found, index, text)
    return found


# Words before 村 that say what a village is to someone or how it was
# commended, not its name (包保村, 帮扶村, 小康村, 文明村:
# kg/data/mentions/village_role_words.tsv); a verb before 村 when a word
# starting with 村 follows (建设|村文化室, 发展|村集体产业).
_ROLE_STEMS = frozenset(table_forms("village_role_words.tsv"))
_VILLAGE_WORD_AFTER = re.compile("级|集体|容|貌|民|委|里|内|实际|文化|干部|两委")


def _drop_role_villages(text: str, found: list[Found]) -> list[Found]:
    """The mentions without villages named by a role or a commendation word
    (unless a township or county is written right before: 某镇文明村 is a
    name), or by a verb or an adjective written before a word that starts
    with 村 (unless a township is written right before)."""
    above = {f.end: f.info["level"] for f in found if f.info["level"] in ("county", "township")}  # (the levels read so far)
    out = []
    for f in found:
        stem = f.surface[:-1]
        if f.surface.endswith("村") and len(stem) == 2:
            if stem in _ROLE_STEMS and f.start not in above:
                continue
            if stem in predicate_words() and above.get(f.start) != "township" \
                    and _VILLAGE_WORD_AFTER.match(text, f.end):
                continue
        out.append(f)
    return out


def _repeats_of_chain_names(text: str, found: list[Found]) -> list[Found]:
    """A township or village the gazetteer lacks, read from a chain
    (某某县某某镇某某村), is the same place where the article writes it alone."""
    out = []
    known = {f.surface for f in found if not f.info["divs"] and f.info["level"] in ("township", "village")}
    spans = {(f.start, f.end) for f in found}
    for name in known:
        for at in _occurrences(text, name):
            if (at, at + len(name)) not in spans:
                out.append(Found("Place", at, at + len(name), name, name, {"divs": [], "full": True, "level": level_from_suffix(name) or "village"}))
    return out


def _occurrences(text: str, word: str):
    """Where `word` occurs in `text`, left to right, without overlaps (as a
    regular expression of the word would find it)."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


_ABBREVIABLE_END = ("旗", "县")


def _abbreviations(text: str, found: list[Found], index: "PlaceIndex") -> list[Found]:
    """科右前旗 for 科尔沁右翼前旗: a short form keeping the first character,
    some of the middle ones in order and the level word of a long county or
    banner name the article writes in full."""
    out = []
    longs = {}
    for f in found:
        if f.info["full"] and f.info["level"] == "county" and len(f.surface) >= 5 and f.surface.endswith(_ABBREVIABLE_END):
            longs.setdefault(f.surface, f)
    for full, f in longs.items():
        first, last = full[0], full[-1]
        for at in _occurrences(text, first):
            for n in range(3, len(full) - 1):
                cand = text[at : at + n]
                if not cand.endswith(last) or not _is_subsequence(cand[1:-1], full[1:-1]):
                    continue
                if index.candidates(cand)[0]:
                    break  # a name of its own
                out.append(Found("Place", at, at + n, cand, cand,
                                 {"divs": list(f.info["divs"]), "full": False, "level": "county", "abbreviation": True}))
                break
    return out


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return bool(short) and all(ch in it for ch in short)


def _best_level(divs: list[Division], surface: str) -> str:
    by_suffix = level_from_suffix(surface)
    levels = {d.level for d in divs}
    if by_suffix in levels:
        return by_suffix
    return min(levels, key=LEVEL_RANK.get) if levels else (by_suffix or "village")


_LEVEL_CHARS = "省市县区州旗镇乡村盟"
_SIDE_WORDS = set("岸侧麓坡")
_MOTION = set("到赴来在从去往于")
_LOOSE_NEXT = set("、,。;:!?“”\"()的等和与及在到赴\n")


def _accept_short_forms(text: str, found: list[Found], gaz: Gazetteer) -> list[Found]:
    """Keep a bare short form (绵阳, 会泽) only when the article supports it.

    Support: the full name elsewhere in the article, a union or body word
    right after it (绵阳市总 / 新疆区总), a place inside it right after it
    (成都武侯区), a 、-list with a full name of the same level (德阳、绵阳市),
    or its direct parent named in the article when the short form stands
    alone (followed by punctuation or a function word).  A short form followed
    by a level character that is not its own (大城|市 for 大城县) is a word.
    """
    full_codes = {d.code for f in found if f.info["full"] for d in f.info["divs"]}
    province_codes = {d.code for f in found for d in f.info["divs"] if d.level == "province"}
    ctx = _ShortFormContext(text, found, gaz, full_codes, full_codes | province_codes)
    kept = []
    for i, f in enumerate(found):
        if not f.info["full"] and f.surface[-1] in "东南西北" and text[f.end : f.end + 1] in _SIDE_WORDS:
            continue  # 渭河北岸, 山东麓: a river or a mountain side, not 河北 or 山东
        if f.info["full"] or f.info["level"] == "province" or (
            len(f.surface) >= 3 and f.surface.endswith(("县", "州", "旗", "盟"))
        ):
            # 怒江州, 威宁县, 科尔沁旗: a short form that keeps its level word
            # is a place name, not an ordinary word
            kept.append(f)
            continue
        after = text[f.end : f.end + 3]
        if after[:1] and after[0] in _LEVEL_CHARS and not any(
            d.name.startswith(f.surface + after[0]) for d in f.info["divs"]
        ) and not _SUPPORT_AFTER.match(after):
            continue
        if ctx.supported(i, f, after):
            kept.append(f)
    return kept


@dataclass
class _ShortFormContext:
    """What a short form's support is tested against (one article)."""

    text: str
    found: list[Found]
    gaz: Gazetteer
    full_codes: set[str]
    anchor: set[str]  # codes written in full, and provinces

    def __post_init__(self):
        self.by_start: dict[int, Found] = {}
        self.by_end: dict[int, Found] = {}
        for g in self.found:
            self.by_start.setdefault(g.start, g)
            self.by_end.setdefault(g.end, g)

    def supported(self, i: int, f: Found, after: str) -> bool:
        """The tests in the order of `_accept_short_forms`'s docstring, each
        asked only when the ones before it failed."""
        divs, found, gaz = f.info["divs"], self.found, self.gaz
        if any(d.code in self.full_codes for d in divs) or _SUPPORT_AFTER.match(after) is not None:
            return True
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and nxt.start == f.end and any(
                gaz.is_within(c.code, d.code) for c in nxt.info["divs"] for d in divs):
            return True
        before = self.text[f.start - 1] if f.start else "\n"
        stands_alone = not after or after[0] in _LOOSE_NEXT or before in _MOTION or len(f.surface) >= 3
        if stands_alone and f.surface not in common_words() and any(
                a.code in self.anchor for d in divs for a in gaz.ancestors(d.code)[:1]):
            return True  # its parent is named
        prev = found[i - 1] if i > 0 else None
        if prev is not None and prev.end == f.start and any(
                gaz.is_within(d.code, c.code) for c in prev.info["divs"] for d in divs):
            return True  # right after its parent
        return _coordinated_with_place(self.text, f, self.by_start, self.by_end)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Short forms that are also ordinary words (比如, 合作, 保定): these need
    strong support (scripts/build_common_words.py made the list)."""
    path = Path(__file__).resolve().parent.parent / "data" / "common_word_short_forms.txt"
    return frozenset(path.read_text(encoding="utf-8").split())


def _coordinated_with_place(text: str, f: Found, by_start: dict[int, Found], by_end: dict[int, Found]) -> bool:
    """德阳、绵阳市: a short form listed next to a full name of the same level
    (the full name before it decides first)."""
    before = by_end.get(f.start - 1)
    after = by_start.get(f.end + 1)
    for g, mark in ((before, f.start - 1), (after, f.end)):
        if g is not None and g is not f and g.info["full"] and text[mark] == "、":
            return g.info["level"] == f.info["level"]
    return False


def _link(found: list[Found], index: PlaceIndex, text: str) -> None:
    """Choose one division per mention using the places around it.

    A chain predecessor (河北省保定市|阜平县) decides first; otherwise the
    article's linked places vote for the candidates they contain (or are),
    nearer places weighing more.  Remaining ties go to the higher level
    (乌鲁木齐 is the city before the county); with no evidence at all, an
    ambiguous mention stays unlinked rather than guessed.
    """
    resolved = [divs[0].code if len(divs) == 1 else None for divs in (f.info["divs"] for f in found)]
    pending = [i for i, f in enumerate(found) if len(f.info["divs"]) >= 2]
    for _ in range(2):
        if not pending:
            break
        votes = _linked_positions(found, resolved, index.ancestor_codes)
        changed = False
        for i in pending:
            # a choice made now counts as a chain predecessor at once, but
            # votes only in the next round
            code = _choose(found, i, resolved, votes, index.ancestor_codes)
            if code:
                resolved[i] = code
                changed = True
        pending = [i for i in pending if not resolved[i]]
        if not changed:
            break  # the second round would see the same votes
    by_code = index.gazetteer.by_code
    for f, code in zip(found, resolved):
        f.info["code"] = code
        if code:
            division = by_code(code)
            f.info["level"] = division.level
            f.info["official"] = division.name


def _linked_positions(found, resolved, ancestors_of) -> tuple[dict, dict, set]:
    """Positions of the linked mentions by their code, and by the code of
    each of their ancestors (so "a place inside it" is one look-up), in text
    order; and their provinces' code digits."""
    by_code: dict[str, list[int]] = {}
    by_ancestor: dict[str, list[int]] = {}
    for f, c in zip(found, resolved):
        if c:
            by_code.setdefault(c, []).append(f.start)
            for a in ancestors_of(c):
                by_ancestor.setdefault(a, []).append(f.start)
    return by_code, by_ancestor, {c[:2] for c in by_code}


def _choose(found, i, resolved, votes, ancestors_of) -> str | None:
    """The code mention `i` links to by the votes, or None."""
    f = found[i]
    divs = f.info["divs"]
    provinces = votes[2]
    chained = i > 0 and found[i - 1].end == f.start
    # every vote for d comes from a place in d's province (codes start
    # with the province's two digits): d without one scores nothing
    live = provinces
    if chained and resolved[i - 1]:
        live = provinces | {resolved[i - 1][:2]}
    # (scores are never negative: with none above 0, no vote decides)
    prev = resolved[i - 1] if chained else None
    scored = [(d, _score(d, prev, votes, ancestors_of, f.start)) for d in divs if d.code[:2] in live]
    best = max((sc for _, sc in scored), default=0.0)
    if best > 0:
        top = [d for d, sc in scored if sc == best]
        if len(top) > 1:
            ranks = sorted(LEVEL_RANK[d.level] for d in top)
            if ranks[0] < ranks[1]:
                top = [d for d in top if LEVEL_RANK[d.level] == ranks[0]]
        if len(top) == 1:
            return top[0].code
    if f.info["level"] == "province":
        provinces = [d for d in divs if d.level == "province"]
        if len(provinces) == 1:
            return provinces[0].code
    return None


def _score(d: Division, prev: str | None, votes: tuple[dict, dict, set], ancestors_of, at: int) -> float:
    """The votes for division `d` of a mention at `at`; 10 more when the
    place right before it (`prev`, a code) holds d."""
    by_code, by_ancestor, _ = votes
    ancestors = ancestors_of(d.code)
    score = 10.0 if prev and prev in ancestors else 0.0
    # the mentions of d, of places inside it, of its ancestors
    # (added in this order: the float sums must not change)
    if d.code in by_code:
        score = _votes(score, by_code[d.code], at)
    if d.code in by_ancestor:
        score = _votes(score, by_ancestor[d.code], at)
    for a in ancestors:
        if a in by_code:
            score = _votes(score, by_code[a], at)
    return score


def _votes(score: float, positions, at: int) -> float:
    """`score` plus the votes of mentions at `positions` for a mention at `at`."""
    for pos in positions:
        dist = abs(pos - at)
        score += 3 if dist <= 60 else 1 if dist <= 400 else 0.3
    return score


def canonical_place_name(surfaces: list[str], level: str, official: str | None) -> str:
    """The name an entity is known by in one article.

    Provinces go by their official full name (河北 -> 河北省).  Other places
    keep the fullest form the article writes with a suffix (怒江州 stays
    怒江州); a place only written bare takes its official name.
    """
    if official and (level == "province" or official in surfaces):
        return official
    suffixed = [s for s in surfaces if level_from_suffix(s)]
    if suffixed:
        return max(suffixed, key=len)
    return official or max(surfaces, key=len)
