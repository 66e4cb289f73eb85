"""Money and time: amounts in yuan and years, normalised.

100万元 -> 1000000; 2.35亿元 -> 235000000; 近10万元 is approximate;
万余元 -> 10000 (approximate).  Times: a written year (2019年), or a relative
one resolved against the article's date (今年, 去年, 日前, 近日, a month and
day without a year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_TENS = {"十": 10, "百": 100, "千": 1_000}
_UNITS = {"亿": 100_000_000, "万": 10_000, "千": 1_000, "百": 100}
_AMOUNT = re.compile(
    r"(?P<pre>约|近|超过|超|逾|将近|大约|数)?"
    r"(?:(?P<yi>\d+(?:\.\d+)?)亿(?=\d))?"  # 1亿2000万元
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千]+)?"
    r"(?P<unit>亿|万|千|百)?"
    r"(?P<more>余|多)?"
    r"(?P<unit2>万)?"
    r"元"
)
# Years and days are matched where they end: back from each 年 or 日 (a
# search for one character is far cheaper than trying a pattern that opens
# with a look-behind at every position).  Each match holds one 年 or 日,
# its last character, so these are the matches a search would find.
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年(?!代)")
_RELATIVE_YEAR = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}
_RELATIVE_WORD = re.compile(r"今年|去年|前年|明年|日前|近日|近期|本月|上月|当天|当日|春节|元旦")
_RELATIVE_DELTA = {"去年": -1, "前年": -2, "明年": 1}
# 8月13日, 12月26日 — a month and day with no year written right before it
_MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>1[0-2]|0?[1-9])月(?P<d>[12]\d|3[01]|0?[1-9])日")


# 25日, opening a dateline or a clause: a day of the article's month (or the month before)
_DAY_ONLY = re.compile(r"(?<![\d月年日])(?P<d>[12]\d|3[01]|[1-9])日(?=[,，上下晚早凌至到起]|$)")


def _ending_at(pattern: re.Pattern, text: str, last: str, longest: int, shortest: int):
    """The matches of `pattern` (`shortest` to `longest` characters, the
    last one `last` and no other `last` in them) in `text`, in order."""
    i = text.find(last, shortest - 1)
    while i >= 0:
        for start in range(max(0, i + 1 - longest), i + 2 - shortest):
            m = pattern.match(text, start)
            if m is not None and m.end() == i + 1:
                yield m
                break
        i = text.find(last, i + 1)


def _years(text: str):
    return _ending_at(_YEAR, text, "年", 5, 5)


@dataclass(frozen=True)
class TimeMention:
    """A time the text gives, as a year; `relative` when resolved against the article's date."""

    start: int
    end: int
    year: int
    relative: bool = False


# 2016—2020年, 2016至2020年: a span of years written with one 年 starts at the first
_RANGE_OPENING = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:[—–\-~～至到]{1,2})$")


def _written_years(text: str) -> list[TimeMention]:
    """The years written with 年; a span (2016—2020年) counts from its first year.

    >>> [(t.start, t.year) for t in _written_years("2016—2020年,2021年")]
    [(0, 2016), (11, 2021)]
    """
    out = []
    for m in _years(text):
        opening = _RANGE_OPENING.search(text, max(0, m.start() - 6), m.start())
        if opening is not None:
            out.append(TimeMention(opening.start(), m.end(), int(opening.group(1))))
        else:
            out.append(TimeMention(m.start(), m.end(), int(m.group(1))))
    return out


@dataclass
class Amount:
    start: int
    end: int
    yuan: float
    approximate: bool


def _number(token: str) -> float | None:
    """A number written in digits (12,500 and 2.35 too) or in Chinese
    numerals below ten thousand (三百五十, 一千零五十, 十二).

    >>> _number("1,500"), _number("三百五十"), _number("一千零五十"), _number("十二")
    (1500.0, 350.0, 1050.0, 12.0)
    """
    if not token:
        return None
    if token[0].isdigit():
        return float(token.replace(",", ""))
    total, digit = 0, None
    for ch in token:
        if ch in _CN_TENS:
            total += (1 if digit is None else digit) * _CN_TENS[ch]
            digit = None
        else:
            digit = _CN_DIGITS[ch]
    return float(total + (digit or 0))


_AMOUNT_AT_END = re.compile(_AMOUNT.pattern + "$")


def _amount_matches(text: str):
    """Amounts end in 元: look back from each 元 instead of trying every offset."""
    i = text.find("元")
    while i >= 0:
        lo = max(0, i - 16)
        m = _AMOUNT_AT_END.search(text, lo, i + 1)
        if m and m.end() - m.start() > 1:
            yield m
        i = text.find("元", i + 1)


def find_amounts(text: str) -> list[Amount]:
    """Every sum of money written in yuan, in order.

    >>> [(a.yuan, a.approximate) for a in find_amounts("投入三百五十万元,1亿2000万元,筹集5万余元")]
    [(3500000.0, False), (120000000.0, False), (50000.0, True)]
    """
    out = []
    for m in _amount_matches(text):
        num = _number(m.group("num") or "")
        unit = m.group("unit")
        unit2 = m.group("unit2")
        if num is None:
            if unit is None:
                continue
            num = 1.0  # 万余元
        value = num * _UNITS.get(unit, 1) * (_UNITS[unit2] if unit2 else 1)
        if m.group("yi"):
            value += float(m.group("yi")) * _UNITS["亿"]
        pre = m.group("pre")
        approx = bool(pre or m.group("more")) or not m.group("num")
        # 三千余万元: Chinese numeral + 千 + 余 + 万
        out.append(Amount(m.start(), m.end(), round(value, 2), approx))
    return [a for a in out if a.yuan > 0]


def find_years(text: str, article_year: int | None = None) -> list[tuple[int, int, int]]:
    """(start, end, year) for each year mention, relative ones resolved."""
    out = [(m.start(), m.end(), int(m.group(1))) for m in _years(text)]
    if article_year:
        for word, delta in _RELATIVE_YEAR.items():
            for m in re.finditer(word, text):
                out.append((m.start(), m.end(), article_year + delta))
    return sorted(out)


def _relative_year(word: str, article: Date) -> int:
    """The year a relative word means in an article of `article`'s date:
    去年 the year before; 上月 in a January report the December before."""
    if word == "上月" and article.month == 1:
        return article.year - 1
    return article.year + _RELATIVE_DELTA.get(word, 0)


def _month_day_year(month: int, day: int, article: Date) -> int:
    """The year of a month and day written without one: the article's year,
    or the year before when that date would fall well after the article
    (a January report on 12月26日)."""
    try:
        when = Date(article.year, month, day)
    except ValueError:
        return article.year
    return article.year - 1 if (when - article).days > 31 else article.year


def find_times(text: str, article: Date | None = None) -> list[TimeMention]:
    """Every time the text gives, in order: written years, and relative ones
    (今年, 去年, 日前, 近日, 春节, 8月13日, 25日) when the article's date is known.

    Examples
    --------
    A January report on a meeting of 12月26日 means the December before:

    >>> [t.year for t in find_times("12月26日召开会议,今年又", Date(2019, 1, 11))]
    [2018, 2019]
    """
    out = _written_years(text)
    if article is not None:
        for m in _RELATIVE_WORD.finditer(text):
            out.append(TimeMention(m.start(), m.end(), _relative_year(m.group(), article), True))
        for m in _ending_at(_MONTH_DAY, text, "日", 6, 4):
            if text.endswith(("去年", "前年", "明年"), 0, m.start()):
                continue  # 去年12月: the year word already says it
            out.append(TimeMention(m.start(), m.end(), _month_day_year(int(m.group("m")), int(m.group("d")), article), True))
        for m in _ending_at(_DAY_ONLY, text, "日", 3, 2):
            # a day after the article's own is in the month before (a January article: December)
            year = article.year - 1 if article.month == 1 and int(m.group("d")) > article.day else article.year
            out.append(TimeMention(m.start(), m.end(), year, True))
    return sorted(out, key=lambda t: (t.start, t.end))
