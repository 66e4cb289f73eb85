"""People: names in bylines, after posts and honours, before speech verbs,
transliterated names with ·; and the posts and titles they hold.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .lexicon import (
    BYLINE_CUES,
    NAME_RIGHT_CONTEXT,
    NOT_NAMES,
    NOT_IN_NAME,
    POSTS,
    ROLE_PREFIX_WORDS,
    SURNAMES_1,
    SURNAMES_2,
    TITLES,
    boundary_words,
    table_forms,
    words_pattern,
)
from .text import CJK, Found, all_cjk, is_cjk

# the same trie regex the lexicon makes for every word list
words_trie = words_pattern


_RIGHT = words_trie(NAME_RIGHT_CONTEXT + ["多次", "亲自", "一再", "再次", "一边", "领衔", "被", "曾", "还", "已", "又", "近日", "日前", "指导", "终于", "拉着", "激动", "感激"])
# A two-character adverb, 地, then a speech verb: 高兴地说, 动情地介绍.
_MANNER_SPEECH = rf"[{CJK}]{{2,4}}地(?:说|表示|介绍|告诉|讲|回忆)"
_RIGHT_RE = re.compile(rf"(?:[,，、。;:!?“”()\s]|$|{_RIGHT}|{_MANNER_SPEECH})")
_POST_RE = re.compile(words_trie(POSTS + TITLES + ROLE_PREFIX_WORDS + ["干部"]))
_BYLINE_RE = re.compile(
    rf"(?:{'|'.join(map(re.escape, BYLINE_CUES))}|本报讯|□)[ :：]?((?:[{CJK}·]{{2,8}}(?:[ 、][{CJK}·]{{2,8}}){{0,3}}))"
)
_TRANSLIT = re.compile(rf"[{CJK}]{{2,8}}·[{CJK}]{{2,6}}")
_TOC_AUTHOR = re.compile(rf"(?:\.{{3,}}|…+)[ ]?([{CJK}]{{2,4}})(?=[ \n]|$)")
_SPEECH_AFTER = re.compile(rf"(?:表示|指出|说|说道|介绍|认为|强调|告诉|主持|坦言|分析|{_MANNER_SPEECH})")
_CLAUSE_START = set(",，。;；:：!?！？“”、\n()（） ")
_NAME_FIRST = frozenset(SURNAMES_1 | {s[0] for s in SURNAMES_2})
# a clause mark (or 的对由向) with a surname after it: a name may start there
_MARK_THEN_SURNAME = re.compile("[,，。;；:：!?！？“”、\n()（） 的对由向](?=[" + "".join(sorted(_NAME_FIRST)) + "])")
_NAME_PAREN = re.compile(
    rf"(?<![{CJK}])([{CJK}]{{2,3}})[(（](?=[^)）]{{2,30}}(?:{words_trie(POSTS)})[)）])"
)
_AGE = re.compile(r"(?<=[\d一二三四五六七八九十多余])岁的")
_GENERAL_SECRETARY = re.compile("总书记")
_CLOSING_AUTHOR = re.compile(rf"[。!?！？”][(（]([{CJK}]{{2,3}})[)）][ ]*(?=\n|$)")
_AUTHOR_LINE = re.compile(rf"^([{CJK}]{{2,3}})\n(?=\d{{4}}[-年/.]|来源|发布)", re.M)
_LONG_TITLE = re.compile(words_trie([t for t in TITLES if len(t) >= 4]))
_STRONG_POSTS = set(POSTS) | set(TITLES)
# (start, end, which rule found it)
Span = tuple[int, int, str]


_SURNAMES_2 = frozenset(SURNAMES_2)


def has_surname(name: str) -> bool:
    return name[:1] in SURNAMES_1 or name[:2] in _SURNAMES_2


# Surnames that are also function words (向, 万, 时): a three-character name
# may start with one unless what follows is a usual object (向大家, 向记者).
_FUNCTION_SURNAMES = set("向万时") & SURNAMES_1
_USUAL_OBJECTS = set(
    "大家 记者 群众 村民 职工 全体 社会 上级 贫困 困难 基层 企业 工人 农民 牧民 学生 老人 家属 同学 师生 与会 广大 各位 "
    "代表 专家 领导 组织 党员 干部 客人 游客 市民 居民 全国 全省 全市 全县 社区 单位 会员 工会 政府 国家 世界 未来 前方".split()
)


# Words that begin with 其 (其中, 其他 ...): any other 其 opening a name slot
# starts a name of the north (其木格, 其其格, 其布日).
_QI_WORDS = set("其中 其他 其它 其余 其实 其次 其后 其间 其所 其时 其乐 其一 其二 其三 其内 其外 其下 其上".split())
# A word for a kind of person after the first character (和劳模, 王书记, 与职工):
# a surname-like character before a role or honour is not a name.
_PERSON_WORDS = frozenset(POSTS) | frozenset(TITLES) | frozenset(ROLE_PREFIX_WORDS) | _USUAL_OBJECTS


@lru_cache(maxsize=1 << 15)  # a pure test of a short string, asked again and again
def _clean_name(name: str) -> bool:
    """`name` may be a person's name: 2-4 characters, not a listed non-name,
    a word for a kind of person, or a preposition before a word, and no
    character that is never in a name."""
    if len(name) == 2 and name[1] == "家":
        return False  # 王家坪, 李家沟: a family name in a place name, not a person
    if not 2 <= len(name) <= 4 or name in NOT_NAMES:
        return False
    if len(name) == 3 and name[1:] in _PERSON_WORDS:
        return False
    if len(name) == 3 and name[0] in _LINKING_SURNAMES and name[1:] in boundary_words():
        return False  # 由原来, 和部分: a preposition or conjunction before a word
    rest = name
    if len(name) == 3 and name[0] in _FUNCTION_SURNAMES and name[1:] not in _USUAL_OBJECTS:
        rest = name[1:]
    if len(name) >= 3 and name[0] == "其" and name[:2] not in _QI_WORDS:
        rest = name[1:]
    return NOT_IN_NAME.isdisjoint(rest)


# Surnames that are far more often a conjunction or preposition (和, 由, 向):
# no name is read from one without a stronger cue than a post before it.
_LINKING_SURNAMES = frozenset("和与及由向从同跟为于信")


# 任 / 兼 before a post: taking it on (任组长, 兼秘书长, 任总指挥), not the surname 任
_TAKING_POST = frozenset("任兼")
_POST_START = re.compile(words_trie(POSTS + table_forms("name_edges.tsv", "taken_post")))
# A verb or preposition after a two-character name (郭峰|来|村里): name_edges.tsv
_VERB_AFTER = frozenset(table_forms("name_edges.tsv", "verb_after"))


def _verb_after_name(text: str, pos: int) -> bool:
    """The third character of a name slot at `pos` is a verb or preposition
    (name_edges.tsv, verb_after) with a common word or a post after it, and
    the first two make a name: 工作队员郭峰来村里 -> 郭峰.

    >>> _verb_after_name("队员郭峰来村里", 2), _verb_after_name("队员郭来", 2)
    (True, False)
    """
    if text[pos + 2 : pos + 3] not in _VERB_AFTER or not has_surname(text[pos : pos + 2]):
        return False
    if not _clean_name(text[pos : pos + 2]):
        return False
    return text[pos + 3 : pos + 5] in boundary_words() or bool(_POST_START.match(text, pos + 3))


def name_by_words(text: str, pos: int) -> tuple[int, int] | None:
    """A name after a cue when no speech verb or mark ends it: the common
    words around it decide its length.

    A word starting after two characters (or a mark there) makes the name
    two long, else it is three (the usual length); a slot opening with a
    word holds no name.

    Examples
    --------
    >>> text = "护林员孟长顺每天上山巡护"
    >>> s, e = name_by_words(text, 3); text[s:e]
    '孟长顺'
    >>> text = "工作队员李明来到村里"
    >>> s, e = name_by_words(text, 4); text[s:e]
    '李明'
    >>> name_by_words("一位村民高兴地说", 4) is None
    True
    >>> text = "副主席周岚到企业走访"
    >>> s, e = name_by_words(text, 3); text[s:e]
    '周岚'
    """
    words = boundary_words()
    if text[pos : pos + 2] in _SURNAMES_2 or not has_surname(text[pos : pos + 1]) or text[pos] in _LINKING_SURNAMES:
        return None
    if text[pos] in _TAKING_POST and _POST_START.match(text, pos + 1):
        return None  # 由副县长任副组长, 副主席兼秘书长: a verb and a post, not a name
    if len(text) < pos + 2 or text[pos : pos + 2] in words or not all_cjk(text[pos : pos + 2]):
        return None
    two_ok = _clean_name(text[pos : pos + 2])
    if text[pos + 2 : pos + 4] in words or not is_cjk(text[pos + 2 : pos + 3]) or _verb_after_name(text, pos):
        return (pos, pos + 2) if two_ok else None
    if _clean_name(text[pos : pos + 3]):
        return pos, pos + 3
    if two_ok and text[pos + 2] in NOT_IN_NAME:
        return pos, pos + 2  # 副主席周岚|到: a character never in a name ends it
    return None  # 由副镇长任组长: a verb (任) and a post (组长), not a name


_ONE_CHAR_SPEECH = set("说讲称问答")
_ADVERB_TAIL = set("也都还又就却便")
_MULTI_RIGHT = re.compile(words_trie([w for w in NAME_RIGHT_CONTEXT if len(w) >= 2]))


def _name_after(text: str, pos: int, strong: bool) -> tuple[int, int] | None:
    """A 2-3 (or 4 with a compound surname) character name starting at `pos`."""
    lengths = (4, 3, 2) if text[pos : pos + 2] in _SURNAMES_2 else (3, 2)
    if strong and lengths[0] == 3 and _SPEECH_AFTER.match(text, pos + 4) and not any(
        _RIGHT_RE.match(text, pos + k) for k in (2, 3)
    ):
        # four-character names of Yi, Tibetan and other names written without
        # a dot (主席吉克阿依表示), only when no shorter reading ends in a verb
        lengths = (4, 3, 2)
    # 王强|认为 before 王强认|为: a two-word right context decides first.
    if _MULTI_RIGHT.match(text, pos + 2) and _clean_name(text[pos : pos + 2]) and has_surname(text[pos : pos + 2]):
        lengths = (2,)
    for n in lengths:
        if not _RIGHT_RE.match(text, pos + n):
            continue  # (tested first: the reading needs it, and it fails most often)
        name = text[pos : pos + n]
        if len(name) < n or not all_cjk(name) or not _clean_name(name):
            continue
        if n >= 3 and name[-1] in _ONE_CHAR_SPEECH and _clean_name(name[:-1]) and (
            has_surname(name[:-1]) or strong
        ):
            continue  # 主任张琴|说: the verb is not the name's last character
        if n == 3 and name[-1] in _ADVERB_TAIL and _clean_name(name[:-1]) and has_surname(name[:-1]):
            continue  # 项目经理张伟|也参加: an adverb after a two-character name
        if n == 3 and _verb_after_name(text, pos):
            continue  # 记者张伟|由合作社出发: a preposition after a two-character name
        if n == 3 and name[-1] == "地" and name[:2] in boundary_words():
            continue  # 村民高兴地说: an adverb, not a name
        if has_surname(name) or strong and _SPEECH_AFTER.match(text, pos + n):
            return pos, pos + n
    return None


_NOT_IN_FOUR = set("们都也很纷普遍一致群众大家代表干部职工工作贫困")
# 让 and 次 are common syllables of Tibetan names (才让, 次仁), not a verb or a count here
_BAD_IN_FOUR = frozenset(_NOT_IN_FOUR | (NOT_IN_NAME - set("让次")))
_FOUR_SPEECH = re.compile(rf"(?:{_SPEECH_AFTER.pattern}|笑着说|说道)")
_ROLE_INSIDE = re.compile(words_trie([w for w in POSTS + ROLE_PREFIX_WORDS if len(w) >= 2]))


_FAMILY_AFTER = re.compile(r"(?:一家|一行|夫妇|等人)")
_IN_THEN_SPEECH = re.compile(r"在[^,，。]{1,25}?时?(?:强调|表示|指出|说)")


def _four_character_name(text: str, pos: int) -> tuple[int, int] | None:
    """牧民才让多杰笑着说: a four- (or five-) character name without a dot
    (Tibetan, Yi, Mongolian: 孟和巴雅尔) after a post or a word like 村民, when
    it is followed by a speech verb and no shorter reading is."""
    for n in (4, 5):
        name = text[pos : pos + n]
        # (the set test first: it is the cheapest and fails most often)
        if len(name) < n or not _BAD_IN_FOUR.isdisjoint(name) or not all_cjk(name) or name in NOT_NAMES:
            return None
        if _ROLE_INSIDE.search(name):
            return None
        if any(_RIGHT_RE.match(text, pos + k) for k in range(2, n)):
            return None
        if _FOUR_SPEECH.match(text, pos + n) or _IN_THEN_SPEECH.match(text, pos + n):
            return pos, pos + n
        if n == 4 and _FAMILY_AFTER.match(text, pos + n):
            return pos, pos + n  # 看望了困难职工次仁多吉一家
    return None


def _byline_names(text: str) -> Iterator[Span]:
    """Bylines: 本报记者 林晓, □赵一鸣 钱小川 孙立平, (记者周毅).

    Examples
    --------
    >>> [text[s:e] for text in ["本报记者 林晓 王一鸣"] for s, e, _ in _byline_names(text)]
    ['林晓', '王一鸣']
    """
    for m in _BYLINE_RE.finditer(text):
        pos = m.start(1)
        for part in re.split(r"[ 、]", m.group(1)):
            name = _byline_part(part)
            if _clean_name(name) and (len(name) <= 3 or has_surname(name) and name[-1] not in _ONE_CHAR_SPEECH):
                yield pos, pos + len(name), "byline"
            elif len(name) > 4:
                hit = _name_after(text, pos, strong=False)
                if hit:
                    yield (*hit, "byline")
            pos += len(part) + 1


def _byline_part(part: str) -> str:
    """One name of a byline without a cue inside it or a trailing 摄."""
    for cue in BYLINE_CUES:
        if cue in part:
            part = part[: part.index(cue)]
    return part[:-1] if part.endswith("摄") else part


def _post_names(text: str) -> Iterator[Span]:
    """A post or honour, then the name: 副主席李振华指出."""
    for m in _POST_RE.finditer(text):
        at = m.end() + 1 if text.startswith("”", m.end()) and text.endswith("“", 0, m.start()) else m.end()
        if not is_cjk(text[at : at + 1]):
            continue  # (neither reading of a name can start here)
        strong = m.group() in _STRONG_POSTS
        hit = _name_after(text, at, strong) or _four_character_name(text, at) or name_by_words(text, at)
        if hit:
            yield (*hit, "post")


def _age_names(text: str) -> Iterator[Span]:
    """An age, then the name: 52岁的王秀兰."""
    if "岁的" not in text:
        return  # (a quick test: the pattern's look back makes a scan slow)
    for m in _AGE.finditer(text):
        hit = _name_after(text, m.end(), True) or name_by_words(text, m.end())
        if hit:
            yield (*hit, "age")


def _leader_names(text: str) -> Iterator[Span]:
    """A leader's name before 总书记 anywhere: 学习贯彻习近平总书记."""
    for m in _GENERAL_SECRETARY.finditer(text):
        name = text[max(0, m.start() - 3) : m.start()]
        if len(name) == 3 and all_cjk(name) and has_surname(name) and _clean_name(name):
            yield m.start() - 3, m.start(), "post"


def _author_names(text: str) -> Iterator[Span]:
    """The author closing an article or a paragraph (…路修好了。(王小明)),
    or on a line of its own before the date line."""
    for m in _CLOSING_AUTHOR.finditer(text):
        if has_surname(m.group(1)) and _clean_name(m.group(1)):
            yield m.start(1), m.end(1), "byline"
    for m in _AUTHOR_LINE.finditer(text):
        if has_surname(m.group(1)) and _clean_name(m.group(1)) and m.group(1) not in boundary_words():
            yield m.start(1), m.end(1), "byline"


def _title_names(text: str) -> Iterator[Span]:
    """An honour then a three-character name: 全国劳动模范张广田."""
    for m in _LONG_TITLE.finditer(text):
        name = text[m.end() : m.end() + 3]
        if name[:1] in "和与及、等的":
            continue
        if len(name) == 3 and has_surname(name) and _clean_name(name) and all_cjk(name):
            yield m.end(), m.end() + 3, "title"


_TRANSLIT_CUT_CHARS = "的了在和与是为"


def _translit_names(text: str) -> Iterator[Span]:
    """Transliterated names: 阿不都热合曼·买买提, cut after a post or a
    function character on the left."""
    if "·" not in text:
        return
    for m in _TRANSLIT.finditer(text):
        left, right = m.group().split("·", 1)
        dot = m.start() + len(left)
        right_len = next((n for n in (4, 3, 2) if n <= len(right) and _RIGHT_RE.match(text, dot + 1 + n)), min(3, len(right)))
        cut = max((left.rfind(w) + len(w) for w in ROLE_PREFIX_WORDS + POSTS + TITLES if w in left), default=0)
        cut = max([cut] + [i + 1 for i, ch in enumerate(left) if ch in _TRANSLIT_CUT_CHARS])
        if len(left) - cut > 6 or text[m.start() + cut - 1 : m.start() + cut] == "“":
            continue
        yield m.start() + cut, dot + 1 + right_len, "translit"


def _toc_names(text: str) -> Iterator[Span]:
    """Authors in a table of contents: ...... 梁辉."""
    if "..." not in text and "…" not in text:
        return
    for m in _TOC_AUTHOR.finditer(text):
        if has_surname(m.group(1)):
            yield m.start(1), m.end(1), "toc"


_IN_THEN_SPEECH_SHORT = re.compile(r"在[^,。]{1,25}?时?(?:强调|表示|指出)")


def _speaker_names(text: str) -> Iterator[Span]:
    """A clause start, a surname name, a speech verb: 孙红霞告诉记者; 刘建国主持."""
    for i in _name_starts(text):
        if not has_surname(text[i : i + 2]):
            continue
        for n in (3, 2):
            if _clean_name(text[i : i + n]) and _speech_follows(text, i + n):
                yield i, i + n, "speech"
                break


def _name_starts(text: str) -> Iterator[int]:
    """The positions opening the text or a line, or after a clause mark (or
    的对由向), where a surname stands, in order."""
    if text[:1] in _NAME_FIRST:
        yield 0
    for m in _MARK_THEN_SURNAME.finditer(text):
        yield m.end()


def _speech_follows(text: str, at: int) -> bool:
    """A speech verb, 总书记/同志, 等 + a count, or 在…时强调 right after `at`."""
    listed = text.startswith("等", at) and text[at + 1 : at + 2].isdigit()
    return bool(
        _SPEECH_AFTER.match(text, at)
        or text.startswith(("总书记", "同志"), at)
        or listed
        or (text.startswith("在", at) and _IN_THEN_SPEECH_SHORT.match(text[at : at + 30]))
    )


_ROLE_AFTER_BODY = re.compile(r"的?([^,，。;；:：!?！？“”()（）\n]{1,16})")


def _is_body_names(text: str, blocked: list[Found]) -> Iterator[Span]:
    """A name, 是, a body and its post: 陈立是某某县总工会的副主席 (a clause
    start before the name; a compound surname gives four characters)."""
    for b in blocked:
        if b.type not in ("Union", "Organisation") or not text.endswith("是", 0, b.start):
            continue
        role = _ROLE_AFTER_BODY.match(text[b.end : b.end + 18])
        if not role or not _POST_RE.search(role.group(1)) or not role.group(1).rstrip("。").endswith(tuple(POSTS)):
            continue
        is_at = b.start - 1
        for n in ((4, 3, 2) if text[is_at - 4 : is_at - 2] in _SURNAMES_2 else (3, 2)):
            s0 = is_at - n
            name = text[s0:is_at]
            if s0 < 0 or not all_cjk(name) or not has_surname(name) or not _clean_name(name):
                continue
            if s0 == 0 or text[s0 - 1] in _CLAUSE_START:
                yield s0, is_at, "post"
                break


_DE_NAME = re.compile(rf"的([{CJK}]{{3}})[,，]")


_PAREN = re.compile("[(（]")


def _names_before_parens(text: str) -> Iterator[re.Match]:
    """The matches of `_NAME_PAREN` (as its finditer reads them), each
    tried at the two or three characters before an opening bracket only: a
    pattern opening with a look back is otherwise tried at every character."""
    for paren in _PAREN.finditer(text):
        end = paren.end()
        for start in (end - 4, end - 3):  # a name of three characters, or two
            m = _NAME_PAREN.match(text, start) if start >= 0 else None
            if m is not None and m.end() == end:
                yield m
                break


def _bracket_and_de_names(text: str) -> Iterator[Span]:
    """A name with its post in brackets (李华(贵州省总工会副主席)), and 的 + a
    three-character name + comma (负责联络的韩德明, / 68岁的邵永春,)."""
    for m in _names_before_parens(text):
        if has_surname(m.group(1)) and _clean_name(m.group(1)):
            yield m.start(1), m.end(1), "post"
    for m in _DE_NAME.finditer(text):
        if has_surname(m.group(1)) and _clean_name(m.group(1)):
            yield m.start(1), m.end(1), "de"


# The passes run in this order; on equal spans the first one wins.
_PASSES = (_byline_names, _post_names, _age_names, _leader_names, _author_names, _title_names,
           _translit_names, _toc_names, _speaker_names)


class _Spans:
    """Person spans found so far, outside the `blocked` bodies."""

    def __init__(self, text: str, blocked: list[Found]):
        self.spans: list[Span] = []
        self.mask = bytearray(len(text) + 1)
        for b in blocked:
            if b.type != "Place" or b.info.get("full"):
                self.mask[b.start : b.end] = b"\x01" * (b.end - b.start)

    def add_all(self, found) -> None:
        for s, e, how in found:
            if not any(self.mask[s:e]):
                self.spans.append((s, e, how))


def _listed_names(text: str, spans: list[Span]) -> Iterator[Span]:
    """Names coordinated after a found one: 吴春燕、钱海涛 / 吴春燕和钱海涛
    (each found one is yielded before the walk goes on past it)."""
    for s, e, _ in list(spans):
        pos = e
        while pos < len(text) and text[pos] in "、和与及":
            hit = _name_after(text, pos + 1, strong=False)
            if not hit:
                break
            yield (*hit, "list")
            pos = hit[1]


def _repeats(text: str, spans: list[Span]) -> Iterator[Span]:
    """Every other occurrence of a known name is a mention too."""
    starts = {s for s, _, _ in spans}
    for name in {text[s:e] for s, e, _ in spans}:
        i = text.find(name)
        while i >= 0:
            if i not in starts:
                yield i, i + len(name), "repeat"
            i = text.find(name, i + 1)


def _outermost(text: str, spans: list[Span]) -> list[Found]:
    """The longest of nested spans; the first pass wins on equal spans."""
    out = []
    reach = -1
    for s, e, how in sorted(spans, key=lambda t: (t[0], -t[1])):
        if e > reach:
            reach = e
            out.append(Found("Person", s, e, text[s:e], text[s:e], {"how": how}))
    return out


def find_people(text: str, blocked: list[Found]) -> list[Found]:
    """Person mentions; `blocked` are spans of bodies a name cannot overlap.

    Examples
    --------
    >>> [p.name for p in find_people("副主席周岚到企业走访。周岚说,要办实事。", [])]
    ['周岚', '周岚']
    """
    found = _Spans(text, blocked)
    for rule in _PASSES:
        found.add_all(rule(text))
    found.add_all(_is_body_names(text, blocked))
    found.add_all(_bracket_and_de_names(text))
    found.add_all(list(_listed_names(text, found.spans)))
    found.add_all(list(_repeats(text, found.spans)))
    return _outermost(text, found.spans)


# ----------------------------------------------------------------------------- posts

_ROLE_CHARS = re.compile(rf"[{CJK}、]{{1,16}}$")


_SEG_END = ",，。;；:：!?！？“”()（）\n"
_UP_TO_LAST_MARK = re.compile("(?s).*[" + re.escape(_SEG_END) + "]")


def clause_start_before(text: str, end: int, limit: int = 40) -> int:
    """Where the clause ending at `end` starts: right after the last comma,
    stop, colon, quote or bracket before it, at most `limit` characters back.

    >>> clause_start_before("甲说,全国劳模王某", 9), clause_start_before("全国劳模王某", 6, limit=3)
    (3, 3)
    """
    lo = max(0, end - limit)
    m = _UP_TO_LAST_MARK.match(text, lo, end)
    return m.end() if m else lo


def _segment_start(text: str, end: int, persons: list[Found]) -> tuple[int, bool]:
    """Where the post segment ending at `end` starts (after a comma, a person
    before it, or a 的), and whether a person cut it."""
    seg_start = clause_start_before(text, end)
    prev_person = [p for p in persons if seg_start <= p.start and p.end <= end]
    if prev_person:
        seg_start = max(p.end for p in prev_person)
    seg = text[seg_start:end]
    if "的" in seg:
        seg_start += seg.rindex("的") + 1
    return seg_start, bool(prev_person)


def _segment_entries(text: str, seg_start: int, end: int, bodies: list[Found]) -> list[list]:
    """[body, role, role_start] of each 、-part holding a body; a part without
    one adds to the post before it (党组书记、副主席)."""
    entries: list[list] = []
    pos = seg_start
    for part in re.split(r"(、)", text[seg_start:end]):
        if part == "、" or not part:
            pos += len(part)
            continue
        inner = [b for b in bodies if pos <= b.start and b.end <= pos + len(part)]
        if inner:
            body = max(inner, key=lambda b: b.end)
            entries.append([body, text[body.end : pos + len(part)].strip(), body.end])
        elif entries:
            entries[-1][1] += "、" + part
        else:
            entries.append([None, part, pos])
        pos += len(part)
    return entries


def role_before(text: str, name_start: int, bodies: list[Found], persons: list[Found]) -> list[tuple[Found | None, str, int]]:
    """Posts written before a name: [(body or None, role, role_start)].

    Walks left from the name over comma-separated segments, and inside a
    segment over 、-separated parts: a part holding a body starts a post
    (成都市政协副主席), a part without one adds to the post before it
    (党组书记、副主席) — 全国政协委员、四川省工商联副主席、民建四川省委主委李明远
    gives two posts; honours without a body are left to `titles_before`.
    """
    out: list[tuple[Found | None, str, int]] = []
    end = name_start
    while end > 0:
        seg_start, cut_by_person = _segment_start(text, end, persons)
        found_any = False
        for body, role, rstart in reversed(_segment_entries(text, seg_start, end, bodies)):
            role = role.strip("、 ")
            if role and _POST_RE.search(role) and len(role) <= 16 and not (body is None and role in TITLES):
                out.append((body, role, rstart))
                found_any = True
        if not found_any or seg_start == 0 or text[seg_start - 1] not in ",，" or cut_by_person:
            break
        end = seg_start - 1
    return out


def titles_before(text: str, name_start: int) -> list[str]:
    """Honours in the clause before a name: 全国人大代表、…赵春兰 -> 全国人大代表."""
    seg = text[clause_start_before(text, name_start) : name_start]
    out = []
    for part in re.split(r"[、,]", seg):
        # a title, or a national one (全国…劳动模范)
        if part in _TITLE_SET or (part.startswith("全国") and part.endswith(_TITLE_TUPLE)):
            out.append(part)
    # a title directly before the name (全国劳动模范张广田)
    if seg.endswith(_TITLE_TUPLE):
        for t in TITLES:
            if seg.endswith(t) and t not in out and not any(o.endswith(t) for o in out):
                out.append(t)
                break
    return out


_TITLE_SET = frozenset(TITLES)
_TITLE_TUPLE = tuple(TITLES)
