"""Money and time: amounts in yuan and years, normalised.

100万元 -> 1000000; 2.35亿元 -> 235000000; 近10万元 is approximate;
万余元 -> 10000 (approximate); 今年/去年 against the article date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_UNITS = {"亿": 100_000_000, "万": 10_000, "千": 1_000, "百": 100}
_APPROX_BEFORE = ("约", "近", "超", "超过", "逾", "将近", "大约", "达", "共")
_AMOUNT = re.compile(
    r"(?P<pre>约|近|超过|超|逾|将近|大约)?"
    r"(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十]+)?"
    r"(?P<unit>亿|万|千|百)?"
    r"(?P<more>余|多)?"
    r"(?P<unit2>万)?"
    r"元"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)年(?!代)")
_RELATIVE_YEAR = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


@dataclass
class Amount:
    start: int
    end: int
    yuan: float
    approximate: bool


def _number(token: str) -> float | None:
    if not token:
        return None
    if token[0].isdigit():
        return float(token)
    total = 0
    if token == "十":
        return 10.0
    if "十" in token:
        tens, _, ones = token.partition("十")
        total = (_CN_DIGITS.get(tens, 1)) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
        return float(total)
    if len(token) == 1:
        return float(_CN_DIGITS[token])
    return None


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
        if not m.group("num") and not unit:
            continue
        pre = m.group("pre")
        approx = bool(pre or m.group("more")) or not m.group("num")
        # 三千余万元: Chinese numeral + 千 + 余 + 万
        out.append(Amount(m.start(), m.end(), round(value, 2), approx))
    return [a for a in out if a.yuan > 0]


def find_years(text: str, article_year: int | None = None) -> list[tuple[int, int, int]]:
    """(start, end, year) for each year mention, relative ones resolved."""
    out = [(m.start(), m.end(), int(m.group(1))) for m in _YEAR.finditer(text)]
    if article_year:
        for word, delta in _RELATIVE_YEAR.items():
            for m in re.finditer(word, text):
                out.append((m.start(), m.end(), article_year + delta))
    return sorted(out)
