"""Read article files: decode, clean layout noise, keep a map to the original.

Scraped and OCR'd newspaper text carries noise that breaks name matching:
spaces inside words (``绵 阳 市``), lines broken mid-sentence, full-width
digits, headlines whose every character is doubled, traditional characters;
reports copied by mirror sites add pinyin after characters (总工会(huì)),
garbled bytes and the web page around the report (menus, breadcrumbs, link
lists, copyright lines).  `clean_text` removes that noise and returns, for
every character of the cleaned text, its offset in the decoded original, so
spans found on the cleaned text can be reported against the file.  The
first line of a collected file (``source: URL``) becomes `Article.source`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import InputFileError
from .model import Article

ARTICLE_SUFFIXES = (".txt", ".text", ".md")

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")
# Characters that end a sentence or a clause that may end a line.
_LINE_FINAL = "。！？!?：:；;”’」』》)）….\"'"


# --------------------------------------------------------------------------- decoding


_CJK_RUN = re.compile(f"[{CJK}]+")
# the bytes that make a file look binary: controls other than tab to CR
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def _cjk_ratio(text: str) -> float:
    """The share of CJK characters among the visible (non-space) ones."""
    visible = sum(map(len, text.split()))  # str.split cuts at what isspace calls space
    if not visible:
        return 0.0
    return sum(map(len, _CJK_RUN.findall(text))) / visible


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = data[:4096]
    controls = len(sample.translate(None, _NOT_CONTROL))
    return controls > len(sample) * 0.05


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode article bytes; return (text, encoding name).

    Tries UTF-8 (with or without BOM), UTF-16 with BOM, then GB18030 and Big5,
    keeping the decoding that gives the most Chinese text.  Raises
    `InputFileError` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise InputFileError(path, "the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8-sig", data)]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = [("utf-16", data)]
    else:
        if _looks_binary(data):
            raise InputFileError(path, "the file looks binary, not text; skipped")
        candidates = [("utf-8", data), ("gb18030", data), ("big5", data)]
    decoded: list[tuple[float, str, str]] = []
    for encoding, raw in candidates:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        ratio = _cjk_ratio(_SOURCE_LINE.sub("", text, count=1))
        if encoding == "utf-8" and ratio > 0.2:
            return text, encoding  # valid UTF-8 with Chinese in it: done
        decoded.append((ratio, text, encoding))
    if not decoded:
        raise InputFileError(
            path, "the file is not UTF-8, GB18030/GBK or Big5 text; re-save it as UTF-8"
        )
    best = max(decoded)
    chinese = [d for d in decoded if d[0] > 0.2]
    if len(chinese) > 1:
        # GBK bytes often decode as Big5 too (and the reverse): let
        # charset-normalizer's coherence check choose between them.
        from charset_normalizer import from_bytes

        guess = from_bytes(data, cp_isolation=[d[2] for d in chinese]).best()
        if guess is not None:
            best = next((d for d in chinese if d[2] == guess.encoding), best)
    ratio, text, encoding = best
    if ratio < 0.2:
        raise InputFileError(
            path,
            f"decoded as {encoding} but it holds almost no Chinese text "
            f"({ratio:.0%} CJK characters); is it in another encoding?",
        )
    return text, encoding


# --------------------------------------------------------------------------- mirror-site noise
#
# Reports copied by mirror sites carry noise of their own: the pinyin of
# characters written after them in parentheses (总工会(huì)), GBK text shifted
# by one lost byte (”紫陽縣 read as 弊详柨h), replacement characters, and
# the page around the report: breadcrumbs, menus, link lists, image file
# names, copyright and contact lines.  Each rule below is one kind of noise.

# The first line of a collected file names where it was taken from.
_SOURCE_LINE = re.compile(r"\A[\ufeff \t]*source:[ \t]*([^\n]*?)[ \t]*(?:\n|\Z)", re.I)
_PINYIN_GROUP = re.compile(r"(?<=\S)\(([A-Za-z\u00c0-\u024f]+[1-5]?(?:[ ']?[A-Za-z\u00c0-\u024f]+[1-5]?){0,7})\)")
_MAX_SYLLABLE = 6  # zhuang, shuang: the longest pinyin syllable
_CJK_TAIL = re.compile(f"[{CJK}]*$")


def find_source(original: str) -> str | None:
    """The source named on the file's first line (``source: URL``), if any.

    >>> find_source("source: http://example.cn/a.html\\n正文")
    'http://example.cn/a.html'
    """
    m = _SOURCE_LINE.match(original)
    return (m.group(1) or None) if m else None


def _toneless(syllables: str) -> str:
    """Pinyin without tone marks, tone numbers or separators: ``Nǚ`` -> ``nu``, ``xi'an1`` -> ``xian``."""
    decomposed = unicodedata.normalize("NFD", syllables.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "12345 '")


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[int, str]:
    """pypinyin's readings of each character (code point -> "líng,yuán"),
    read from the package's JSON file: importing any module of pypinyin runs
    its package, which loads the phrase table too (190k lists the garbage
    collector would walk for as long as the process lives)."""
    import importlib.util
    import json

    spec = importlib.util.find_spec("pypinyin")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "pinyin_dict.json"
        if path.is_file():
            return {int(k): v for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
    from pypinyin.pinyin_dict import pinyin_dict  # (a layout without the file)

    return pinyin_dict


@lru_cache(maxsize=None)
def _readings(ch: str) -> frozenset[str]:
    """Toneless readings of a character from pypinyin's table (empty if none)."""
    found = _pinyin_table().get(ord(ch), "")
    return frozenset(_toneless(r) for r in found.split(",") if r)


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every toneless syllable pypinyin knows: the inventory of Mandarin."""
    return frozenset(_toneless(r) for v in _pinyin_table().values() for r in v.split(","))


def _spells(plain: str, chars: str) -> bool:
    """True when `plain` is one reading of each of `chars`, in order."""
    ends = {0}  # where the readings of the characters so far may end
    for ch in chars:
        ends = {e + len(r) for e in ends for r in _readings(ch) if plain.startswith(r, e)}
        if not ends:
            return False
    return len(plain) in ends


def _splits_into_syllables(plain: str) -> bool:
    """True when `plain` is a run of valid pinyin syllables (``mǐnxíngqū``)."""
    syllables = _syllables()
    ok = [False] * len(plain) + [True]  # ok[i]: plain[i:] splits
    for i in range(len(plain) - 1, -1, -1):
        ok[i] = any(ok[i + n] and plain[i : i + n] in syllables for n in range(1, min(_MAX_SYLLABLE, len(plain) - i) + 1))
    return ok[0]


def is_inserted_pinyin(letters: str, before: str) -> bool:
    """Whether ``(letters)`` written right after `before` is inserted pinyin.

    It is when the letters spell the readings of the last characters before
    them, or, carrying tone marks, split into pinyin syllables (the character
    they follow may itself be garbled).  English (``(APP)``, ``(Logo)``) and
    toneless words that do not spell the characters are kept.

    >>> is_inserted_pinyin("huì", "总工会"), is_inserted_pinyin("hui", "总工会")
    (True, True)
    >>> is_inserted_pinyin("hànyīnxiàn", "汉阴县"), is_inserted_pinyin("APP", "下载")
    (True, False)
    >>> is_inserted_pinyin("zhǔ xí", "主席"), is_inserted_pinyin("hui4", "工会")
    (True, True)
    """
    plain = _toneless(letters)
    has_tone_marks = plain != letters.lower().replace(" ", "").replace("'", "")
    if not plain.isascii() or not plain.isalpha() or (not has_tone_marks and not letters.islower()):
        return False  # not Latin letters, or capitals with no tone mark: English
    cjk = _CJK_TAIL.search(before).group()
    if any(_spells(plain, cjk[-n:]) for n in range(1, min(len(cjk), 8) + 1)):
        return True
    return has_tone_marks and _splits_into_syllables(plain)


def _drop_pinyin(m: re.Match) -> str:
    before = m.string[max(0, m.start() - 8) : m.start()]
    return "" if is_inserted_pinyin(m.group(1), before) else m.group()


# GBK text that lost one byte reads as other characters until an ASCII byte
# realigns it (”紫陽縣 -> 弊详柨h); it follows the mark left of the lost
# quotation mark.
_SHIFTED_GBK = re.compile(f"(?<=[!?！？\ufffd])[^\\x00-\\x7f]{{1,16}}[\\x40-\\x7e]?")
# U+FFFD, and 锟斤拷: U+FFFD's UTF-8 bytes read as GBK.
_REPLACEMENT = re.compile("\ufffd+|(?:锟斤拷)+|(?:锟斤)+")
# Mirror sites write a comma before every punctuation mark (起,。 精神,、).
_COMMA_BEFORE_MARK = re.compile(r",(?=[,、。!?;:])")


def _common_character(ch: str) -> bool:
    """A character of GB2312 level 1 (the 3,755 most used) once simplified."""
    try:
        code = _t2s().convert(ch).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xB0 <= code[0] <= 0xD7


def _common_share(text: str) -> float:
    return sum(map(_common_character, text)) / len(text) if text else 0.0


def realign_gbk(garbled: str, letter_inside: bool = False) -> str | None:
    """The text a run of one-byte-shifted GBK stood for, or None.

    The run is re-encoded as GBK and read again from its second byte up to
    where the two readings meet; the repair is kept only when it is made of
    common characters and the run was not, or the run ends in a Latin
    letter standing between Chinese characters (`letter_inside`: the byte
    that realigned the reading, as in 辟F州 for 貴州).

    >>> realign_gbk("弊详柨h")
    '紫陽縣'
    >>> realign_gbk("辟F", letter_inside=True), realign_gbk("辽宁")
    ('貴', None)
    """
    try:
        parts = [ch.encode("gbk") for ch in garbled]
    except UnicodeEncodeError:
        return None
    data = b"".join(parts)
    bounds = {sum(map(len, parts[:k])) for k in range(len(parts) + 1)}
    pos, out = 1, []
    while pos < len(data) and pos not in bounds:
        width = 1 if data[pos] < 0x80 else 2
        try:
            out.append(data[pos : pos + width].decode("gbk"))
        except UnicodeDecodeError:
            return None
        pos += width
    repaired = "".join(out)
    if pos != len(data) or not repaired or not all(_CJK_RE.match(c) for c in repaired):
        return None
    if _common_share(repaired) < 0.9:
        return None
    if not (letter_inside and garbled[-1].isascii()) and (len(repaired) < 2 or _common_share(garbled) > 0.7):
        return None
    return repaired


def _realign(m: re.Match) -> str:
    after = m.string[m.end() : m.end() + 1]
    repaired = realign_gbk(m.group(), letter_inside=bool(_CJK_RE.match(after)))
    return m.group() if repaired is None else repaired


# Page chrome: lines of the web page around the report.
_MENU_WORDS = frozenset(
    "首页 正文 详情 分享 分享到 返回 返回首页 收藏 收藏本站 设为首页 加入收藏 English 打印 打印本页 "
    "关闭 关闭窗口 字体 大 中 小 扫码关注 扫一扫 客户端 赞 点赞 评论 举报 当前位置 您的位置 资讯 新闻 要闻".split()
)
_MENU_ENDINGS = ("首页", "正文", "微信", "微博", "抖音", "客户端", "公众号")
_TOKEN_SEPARATORS = re.compile(r"[\s|/]+|·(?=\s|$)")
_COUNT_TOKEN = re.compile(r"\(?\d+\)?|\d*次?(?:浏览|点击|阅读)(?:次数|量)?[:]?\d*次?")
_BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:>+|»|›|(?<=\s)·(?=\s|$))\s*")
_BREADCRUMB_MARK = re.compile("[>»›·]")  # in every separator
_SENTENCE_MARKS = re.compile(r"[。,;!?]")
_LEGAL_WORDS = re.compile(
    r"版权所有|版权声明|Copyright|©|ICP[备证]|备案号|违法和不良信息|举报电话|转载请注明|浏览者|热线电话|联系电话|邮编[:]"
)
_LEGAL_HEADS = re.compile(r"^(?:郑重声明|免责声明|特别声明|声明)[:]")
_NEIGHBOUR_LINK = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页|上篇|下篇)[:\s]")
_IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|bmp|webp)$", re.I)
_LINK_LIST = re.compile(
    r"^(?:相关阅读|相关新闻|相关链接|相关文章|推荐阅读|延伸阅读|热点推荐|热门推荐|猜你喜欢|更多新闻)[^\n]*"
    r"(?:\n[^\n。]{0,40}(?=\n|$))*",
    re.M,
)
_TODAY = re.compile(r"今天是[:]?[ \t]*(?:\d{4}年\d{1,2}月\d{1,2}日)?[ \t]*(?:星期[一二三四五六日天])?")
_LINE = re.compile(r"^[^\n]+$", re.M)
# Lines naming the people behind the report (page furniture around them or not).
_CREDIT_WORDS = re.compile(r"编辑|记者|通讯员|校对|作者|摄影|责编|审核|审签|来源")


def _is_menu_line(line: str) -> bool:
    """A line of menu words and counters only (``首页 资讯 正文``, ``分享到:``)."""
    seen = False
    for t in _TOKEN_SEPARATORS.split(line):
        t = t.rstrip(":")
        if not t:
            continue
        if not (t in _MENU_WORDS or (t.endswith(_MENU_ENDINGS) and len(t) <= 8 and ":" not in t) or _COUNT_TOKEN.fullmatch(t)):
            return False
        seen = True
    return seen


def _is_breadcrumb(line: str) -> bool:
    """A path of short section names (``首页 > 新闻中心 > 正文``)."""
    if not _BREADCRUMB_MARK.search(line):
        return False  # no separator: one item
    items = [i for i in _BREADCRUMB_SEPARATORS.split(line) if i]
    return (
        len(items) >= 2
        and all(len(i) <= 16 for i in items)
        and not _SENTENCE_MARKS.search(line)
    )


_NOT_FIGURE = re.compile(r"[^\d\s.,:/\-()【】\[\]]")


def is_page_chrome(line: str) -> bool:
    """Whether a line belongs to the web page around a report, not the report.

    Breadcrumbs, menus, counters, image file names, links to the previous or
    next article, copyright, legal and contact lines, and lines with no
    Chinese at all other than dates and figures.  Bylines, sources and editor
    lines are kept: the people they name are part of the report.

    >>> is_page_chrome("首页 > 工会新闻 > 正文"), is_page_chrome("下一篇: 某县总工会开展培训")
    (True, True)
    >>> is_page_chrome("编辑:王小明"), is_page_chrome("县总工会开展慰问。")
    (False, False)
    """
    line = line.strip()
    if not line or _CREDIT_WORDS.search(line):
        return False
    if not _CJK_RE.search(line):
        return bool(_NOT_FIGURE.search(line))
    return bool(
        _IMAGE_FILE.match(line)
        or _NEIGHBOUR_LINK.match(line)
        or _LEGAL_HEADS.match(line)
        or (_LEGAL_WORDS.search(line) and len(line) < 120)
        or _is_breadcrumb(line)
        or _is_menu_line(line)
    )


_LINK_LIST_FOOT = 3  # short lines in a row that end a page: its link list
_LINK_TEXT = 16


def _is_link_text(line: str) -> bool:
    return len(line) <= _LINK_TEXT and not _SENTENCE_MARKS.search(line) and not _CREDIT_WORDS.search(line)


def link_list_foot(text: str) -> int:
    """Where a page's closing list of links starts, or ``len(text)``.

    The foot is the run of lines after the report's last sentence when it
    holds at least three lines, each short, unpunctuated and naming nobody
    (the site's sections or other articles' titles).

    >>> link_list_foot("县总工会慰问了贫困户。\\n编辑:王一\\n机关党建\\n工会动态\\n联系我们")
    17
    """
    lines = text.split("\n")
    keep = len(lines)
    while keep and (not lines[keep - 1].strip() or _is_link_text(lines[keep - 1].strip())):
        keep -= 1
    if sum(1 for line in lines[keep:] if line.strip()) < _LINK_LIST_FOOT:
        return len(text)
    return len("\n".join(lines[:keep]))


def _drop_page_chrome(t: "_Text") -> "_Text":
    t = t.sub(_LINK_LIST, lambda m: "")
    t = t.sub(_TODAY, lambda m: "")
    t = t.sub(_LINE, lambda m: "" if is_page_chrome(m.group()) else m.group())
    foot = link_list_foot(t.text)
    return _Text(t.text[:foot], t.where[: foot + 1]) if foot < len(t.text) else t


# --------------------------------------------------------------------------- cleaning


@dataclass
class _Text:
    """Text plus, for each character, its offset in the original string."""

    text: str
    where: list[int]  # len(text) + 1 entries; the last maps the end

    def sub(self, pattern: re.Pattern, repl: Callable[[re.Match], str]) -> "_Text":
        """Replace each match by `repl(match)`; a match replaced by itself
        costs nothing (most lines tested against a rule stay as they are)."""
        text, old = self.text, self.where
        out: list[str] = []
        where: list[int] = []
        pos = 0
        for m in pattern.finditer(text):
            r = repl(m)
            a, b = m.span()
            if r == text[a:b]:
                continue
            out.append(text[pos:a])
            out.append(r)
            where += old[pos:a]
            # the k-th character of the replacement maps where the k-th of
            # the match did, the ones past the match's end where its last did
            if len(r) <= b - a:
                where += old[a : a + len(r)]
            elif a == b:
                where += [old[a]] * len(r)
            else:
                where += old[a:b]
                where += [old[b - 1]] * (len(r) - (b - a))
            pos = b
        if not out:
            return self
        out.append(text[pos:])
        where += old[pos:]
        return _Text("".join(out), where)

    def translate(self, table: dict[int, str]) -> "_Text":
        """Apply a per-character mapping; multi-character results keep offsets."""
        if not table:
            return self
        if all(len(v) == 1 for v in table.values()):
            return _Text(self.text.translate(table), self.where)
        keys = "".join(re.escape(chr(k)) for k in table)
        return self.sub(re.compile(f"[{keys}]"), lambda m: table[ord(m.group())])


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


# printable ASCII and the unified ideographs: NFKC leaves each as it is
_NFKC_STABLE = re.compile("[ -~\u4e00-\u9fff]+")


def _nfkc_table(text: str) -> dict[int, str]:
    table = {}
    for ch in set(_NFKC_STABLE.sub("", text)):
        norm = unicodedata.normalize("NFKC", ch)
        if norm != ch:
            table[ord(ch)] = norm
    table.pop(ord("\u00b7"), None)  # keep the middle dot of transliterated names
    return table


# variant forms OpenCC's t2s leaves as they are, one character each: 陜 (U+965C)
# is how mirror sites often write 陕 (陜西省總工會), which t2s maps only from 陝
_VARIANTS = {ord("陜"): "陕"}


def _to_simplified(t: _Text) -> _Text:
    """Traditional characters and their variant forms made simplified, the
    offsets kept.

    >>> _to_simplified(_Text("陜西省總工會", list(range(7)))).text
    '陕西省总工会'
    """
    if any(chr(k) in t.text for k in _VARIANTS):
        t = t.translate(_VARIANTS)
    converted = _t2s().convert(t.text)
    if converted == t.text:
        return t
    if len(converted) == len(t.text):
        return _Text(converted, t.where)
    # Phrase conversion changed the length: fall back to character by character.
    table = {}
    for ch in set(t.text):
        if _CJK_RE.match(ch):
            s = _t2s().convert(ch)
            if s != ch:
                table[ord(ch)] = s
    return t.translate(table)


def _collapse_doubled(line: str) -> str | None:
    """`助助力力脱脱贫贫` -> `助力脱贫`, or None when the line is not doubled."""
    chars = line.replace(" ", "").replace("\u3000", "")
    if len(chars) < 8 or len(chars) % 2:
        return None
    if all(chars[i] == chars[i + 1] for i in range(0, len(chars), 2)):
        return chars[::2]
    return None


_DOUBLED_LINE = re.compile(r"^[^\n]{8,}$", re.M)
_WS = re.compile(r"[ \t\u3000\u00a0]+")
_BLANK_LINES = re.compile(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*)+")
_BROKEN_LINE = re.compile(rf"(?<=[^\n{re.escape(_LINE_FINAL)}])\n(?=[^\n#□■])")
_NUMBER_BREAK = re.compile(r"(?<=[0-9.])[ \t\u3000]*\n[\s]*(?=[年月日万亿千百元余多])(?!日前|多年)")
# Letter-spaced figures: single digits (a decimal point beside one) with one
# space between them, ``2 0 1 7年``, ``3 .9 7亿元``.
_SPACED_FIGURE = re.compile(r"(?<![\w.:/-])\.?\d\.?(?: \.?\d\.?)+(?![\w.:/-])", re.A)
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
# A clause: text between punctuation marks on one line.  Spaces inside a
# clause are either letter-spacing noise (single characters between them) or
# separate phrases of a headline, byline or name list (kept as one space).
_CLAUSE_MARKS = "\n。,，、;；:：!！?？“”\"()（）《》【】"
_CLAUSE_MARK = re.compile(f"[{re.escape(_CLAUSE_MARKS)}]")
_LAST_CLAUSE_MARK = re.compile(f".*[{re.escape(_CLAUSE_MARKS)}]", re.S)  # up to the last mark
_SHORT_PARAGRAPH = 30
_CANNOT_START = "□■#—-【“\"《("


_PHRASE_SPACE = re.compile(r"[ \u3000]+")


def _undouble(m: re.Match) -> str:
    """Collapse a doubled headline line, keeping spaces between its phrases."""
    line = m.group()
    if _collapse_doubled(line) is None:
        return line
    parts = [p for p in _PHRASE_SPACE.split(line) if p]
    if all(len(p) % 2 == 0 and p[::2] == p[1::2] for p in parts):
        return " ".join(p[::2] for p in parts)
    return _collapse_doubled(line)


# A line that starts with a date and time or with a credit is never the end
# of the line before (a headline above ``2020-05-06 来源:...``).
_DATELINE_OR_CREDIT = re.compile(
    r"[ \t]*[【\[]?(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}年\d{1,2}月\d{1,2}日[ \d:]*(?:\n|$| 星期)"
    r"|(?:来源|信息来源|文章来源|作者|编辑|责任编辑|发布人|发布时间)[:])"
)

# A line ending in a credit field (作者:王一) or a counter ends there.
_ENDS_WITH_CREDIT = re.compile(r"(?:来源|作者|编辑|记者|通讯员|浏览次数|访问量|点击)[:][^:]{0,12}$")


def _join_broken_line(m: re.Match) -> str:
    """Join a line broken by the layout, unless the line before is a headline.

    A headline here is a short line made of space-separated phrases
    (``聚焦产业帮扶 点亮致富门路``), which must stay a line of its own.
    """
    text = m.string
    if _DATELINE_OR_CREDIT.match(text, m.end()):
        return m.group()
    line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip()
    if _ENDS_WITH_CREDIT.search(line) or (line[-1:].isdigit() and text[m.end() : m.end() + 1].isdigit()):
        return m.group()  # 作者:王一 / 访问量:1043 above 1月24日 ...
    if _date_in(line) and _is_date_line(line):
        return m.group()  # a line giving the page's date
    end = text.find("\n", m.end())
    if _headline_form(text[m.end() : end if end >= 0 else len(text)]) == _headline_form(line):
        return m.group()  # a headline printed twice
    tokens = [t for t in _WS.split(line) if t]
    if (
        len(line) < _SHORT_PARAGRAPH
        and len(tokens) >= 2
        and all(len(t) >= 2 for t in tokens)
        and not any(ch in line for ch in "。,，;；!?！？、")
    ):
        return m.group()
    return ""


def _join_column_break(m: re.Match) -> str:
    """Join paragraphs split by a column or page break in mid-sentence.

    The paragraph before must be long (not a headline) and end without
    sentence-final punctuation; the one after must not be a short headline.
    """
    text = m.string
    before = text[text.rfind("\n\n", 0, m.start()) + 1 : m.start()].strip()
    nxt = text.find("\n\n", m.end())
    after = text[m.end() : nxt if nxt >= 0 else len(text)].strip()
    if not before or not after or before.lstrip().startswith("#"):
        return m.group()
    last_line = before.rsplit("\n", 1)[-1]
    if _ENDS_WITH_CREDIT.search(last_line) or (_date_in(last_line) and _is_date_line(last_line)):
        return m.group()  # a source or date line of the page's head
    if before[-1] in _LINE_FINAL + "—-" or after[0] in _CANNOT_START:
        return m.group()
    if len(before) < _SHORT_PARAGRAPH:
        return m.group()
    if len(after) < _SHORT_PARAGRAPH and after[-1] not in _LINE_FINAL:
        return m.group()
    return ""


def _spaces_to_keep(text: str) -> set[int]:
    """Start offsets of whitespace runs that separate phrases (kept as one space)."""
    keep: set[int] = set()
    done = 0  # where the last clause looked at ends (at a mark, or the end)
    for run in _WS.finditer(text):
        if run.start() < done:
            continue  # in that clause
        before = _LAST_CLAUSE_MARK.match(text, done, run.start())
        start = before.end() if before else done
        after = _CLAUSE_MARK.search(text, run.end())
        done = after.start() if after else len(text)
        clause = text[start:done]
        tokens = [t for t in _WS.split(clause) if t]
        if len(tokens) >= 2 and all(len(t) >= 2 for t in tokens):
            keep.update(start + r.start() for r in _WS.finditer(clause))
    return keep


def _clean_spaces(t: "_Text") -> "_Text":
    keep = _spaces_to_keep(t.text)

    def repl(m: re.Match) -> str:
        text = m.string
        before = text[m.start() - 1] if m.start() > 0 else "\n"
        after = text[m.end()] if m.end() < len(text) else "\n"
        if _ASCII_WORD.match(before) and _ASCII_WORD.match(after):
            return " "
        if before == "\n" or after == "\n" or _ASCII_WORD.match(before) or _ASCII_WORD.match(after):
            return ""
        return " " if m.start() in keep else ""

    return t.sub(_WS, repl)


_CR = re.compile(r"\r\n?")
_PARAGRAPH_BREAK = re.compile(r"\n\n")
_PARAGRAPH_BREAKS = re.compile(r"\n\n+")
_OUTER_NEWLINES = re.compile(r"^\n+|\n+$")


def clean_text(original: str) -> tuple[str, list[int]]:
    """Normalise layout noise; return the clean text and its offset map."""
    t = _Text(original, list(range(len(original) + 1)))
    t = t.sub(_CR, lambda m: "\n")
    t = t.sub(_SOURCE_LINE, lambda m: "")
    t = t.sub(_SHIFTED_GBK, _realign)
    t = t.translate(_nfkc_table(t.text))
    t = t.sub(_PINYIN_GROUP, _drop_pinyin)
    if "\ufffd" in t.text or "锟" in t.text:
        t = t.sub(_REPLACEMENT, lambda m: "")
    t = t.sub(_COMMA_BEFORE_MARK, lambda m: "")
    t = _to_simplified(t)
    t = _drop_page_chrome(t)
    t = t.sub(_DOUBLED_LINE, _undouble)
    t = t.sub(_NUMBER_BREAK, lambda m: "")
    t = t.sub(_SPACED_FIGURE, lambda m: m.group().replace(" ", ""))
    t = t.sub(_BLANK_LINES, lambda m: "\n\n")
    # A single newline after a character that cannot end a sentence is a
    # line broken by the page layout: join it.
    t = t.sub(_BROKEN_LINE, _join_broken_line)
    t = t.sub(_PARAGRAPH_BREAK, _join_column_break)
    t = _clean_spaces(t)
    t = t.sub(_PARAGRAPH_BREAKS, lambda m: "\n")
    t = t.sub(_OUTER_NEWLINES, lambda m: "")
    return t.text, t.where


# --------------------------------------------------------------------------- metadata

_DATE = re.compile(r"(20\d\d|19\d\d)年(\d{1,2})月(\d{1,2})日")
_BYLINE = re.compile(
    rf"(?:本报记者|本报通讯员|特约记者|新华社记者|记者|通讯员|□)[ ]?([{CJK}·]{{2,4}}(?:[ 、][{CJK}·]{{2,4}}){{0,3}})(?=[ )）│|/\n]|$)"
)
_NOT_TITLE = re.compile(r"^(?:□|本报|记者|通讯员|【|\(上接|（上接|\d)")


_SITE_SUFFIX = re.compile(r"\s*[-_|]\s*[^-_|]{1,12}$")  # 某某报道-新华网 -> 某某报道
_NOT_HEADLINE = re.compile(r"^(?:来源|作者|编辑|发布)|[。]|欢迎")
_SHORTEST_HEADLINE = 6  # section names (工会要闻, 新闻中心) are shorter


def _headline_form(line: str) -> str:
    """A line as a headline would read: no markup, no site name after a dash."""
    line = line.strip().lstrip("#>»").strip()
    while (m := _SITE_SUFFIX.search(line)) and len(line[: m.start()]) >= _SHORTEST_HEADLINE:
        line = line[: m.start()]
    return line.strip("—-— |")


def _reads_like_headline(line: str) -> bool:
    return (
        _SHORTEST_HEADLINE <= len(_WS.sub("", line)) <= 60
        and not _NOT_TITLE.match(line)
        and not _NOT_HEADLINE.search(line)
        and _cjk_ratio(line) > 0.5
        and _date_in(line) is None
    )


def find_title(text: str) -> str:
    """The headline: the first headline-like line of the head, or one repeated there.

    Web pages print the headline more than once (page title, heading) and
    put section names, welcome lines and dates around it; a paragraph of the
    report (a sentence ending in 。) ends the head.

    >>> find_title("工会要闻\\n县总工会慰问环卫工人-某某网\\n县总工会慰问环卫工人\\n近日,县总工会……。")
    '县总工会慰问环卫工人'
    """
    head: list[str] = []
    for line in text.split("\n")[:12]:
        if "。" in line or len(line) > 120:
            break
        head.append(_headline_form(line))
    candidates = [line for line in head if _reads_like_headline(line)]
    repeated = [line for line in candidates if candidates.count(line) > 1]
    return (repeated or candidates or [""])[0]


# Dates as web pages write them beside the source: 2021-01-21, 2021/1/21,
# 2021.01.21, and day-first or month-first 21.01.2021.
_NUMERIC_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_TRAILING_YEAR_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?!\d)")
_DATE_LINE_WORDS = re.compile(r"来源|发布|时间|日期|作者|编辑|浏览|点击|星期|访问")
_HEAD_LINES = 15
_DIGIT = re.compile(r"\d")
_FIRST_YEAR = 1980  # content systems print 1970-01-01 for "no date"


def _iso(y: int, mo: int, d: int) -> str | None:
    if _FIRST_YEAR <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _date_in(line: str) -> str | None:
    """The first valid date written in a line, in any of the forms above."""
    if not _DIGIT.search(line):
        return None  # every form has digits
    found: list[tuple[int, str]] = []
    for m in _DATE.finditer(line):
        found.append((m.start(), _iso(*(int(g) for g in m.groups()))))
    for m in _NUMERIC_DATE.finditer(line):
        found.append((m.start(), _iso(*(int(g) for g in m.groups()))))
    for m in _TRAILING_YEAR_DATE.finditer(line):
        a, b, y = (int(g) for g in m.groups())
        found.append((m.start(), _iso(y, a, b) if a <= 12 else _iso(y, b, a)))
    dates = [iso for _, iso in sorted(found) if iso]
    return dates[0] if dates else None


_DATE_LINE_FILLER = re.compile(r"[\s\d:【】\[\]()|]")


def _is_date_line(line: str) -> bool:
    """A metadata line of the head: a date beside 来源/发布时间/星期, or a date alone."""
    rest = _TRAILING_YEAR_DATE.sub("", _NUMERIC_DATE.sub("", _DATE.sub("", line)))
    return bool(_DATE_LINE_WORDS.search(line)) or len(_DATE_LINE_FILLER.sub("", rest)) <= 2


def find_title_as_written(original: str) -> str:
    """The headline read from the head's lines as the file writes them.

    For pages where the headline was joined to the line after it (a web
    page's lines are not broken by a print layout, but nothing says so).
    """
    head = original.replace("\r", "").split("\n")[: _HEAD_LINES + 1]
    return find_title(clean_text("\n\n".join(head))[0])


def find_date(text: str) -> str | None:
    """The date of the article (yyyy-mm-dd) when its head states one.

    A date on a metadata line of the head (beside 来源, 发布时间, 星期, or
    standing alone) is the article's; else the first date written as
    year-month-day in Chinese within the head.

    >>> find_date("村里来了工会\\n2021-01-21 来源:某某工报\\n去年12月3日,县总工会……")
    '2021-01-21'
    >>> find_date("1970-01-01\\n正文") is None
    True
    """
    for line in text.split("\n")[:_HEAD_LINES]:
        if _is_date_line(line) and (date := _date_in(line)):
            return date
    m = _DATE.search(text[:600])
    return _iso(*(int(g) for g in m.groups())) if m else None


_NAME_SEPARATOR = re.compile(r"[ 、]")


def find_authors(text: str) -> list[str]:
    """Reporters and correspondents named in the byline at the head of the text."""
    names: list[str] = []
    for m in _BYLINE.finditer(text[:400]):
        for name in _NAME_SEPARATOR.split(m.group(1)):
            if name and name not in names and not name.startswith(("本报", "记者", "通讯员")):
                names.append(name)
    return names


def article_id(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:16]


def article_from_bytes(data: bytes, path: str) -> Article:
    original, encoding = decode_bytes(data, path)
    text, where = clean_text(original)
    if not _CJK_RE.search(text):
        raise InputFileError(path, "no Chinese text left after cleaning")
    return Article(
        id=article_id(data),
        path=str(path),
        original=original,
        text=text,
        to_original=where,
        title=find_title(text) or find_title_as_written(original),
        date=find_date(text),
        source=find_source(original),
        authors=find_authors(text),
        encoding=encoding,
    )


def read_article(path: str | Path) -> Article:
    """Read and clean one article file; raises `InputFileError` with the path."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputFileError(p, f"cannot be read ({exc.strerror or exc})") from exc
    return article_from_bytes(data, str(p))


def article_paths(directory: str | Path) -> list[Path]:
    """Article files of a folder (recursively), in a stable order."""
    d = Path(directory)
    if d.is_file():
        return [d]
    if not d.is_dir():
        raise InputFileError(d, "no such file or folder")
    return sorted(p for p in d.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)


@dataclass
class IngestResult:
    articles: list[Article]
    errors: list[InputFileError]


def read_folder(directory: str | Path) -> IngestResult:
    """Read every article of a folder; bad files are reported, not fatal."""
    articles, errors = [], []
    for p in article_paths(directory):
        try:
            articles.append(read_article(p))
        except InputFileError as exc:
            errors.append(exc)
    return IngestResult(articles, errors)


def iter_articles(paths: Iterable[Path]) -> Iterator[Article | InputFileError]:
    for p in paths:
        try:
            yield read_article(p)
        except InputFileError as exc:
            yield exc
