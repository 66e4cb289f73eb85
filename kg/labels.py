"""Romanised and English labels for entities, by rule.

English names of Chinese places follow a fixed pattern: the proper part in
pinyin (syllables joined, an apostrophe before a syllable that starts with a
vowel: 西安 → Xi'an) and the suffix translated (县 → County, 自治州 →
Autonomous Prefecture, with the people named in it: 藏族 → Tibetan).  A
territorial federation of trade unions is "<place> Federation of Trade
Unions".  People are written surname first.  Where no rule applies (a
company, a programme, a transliterated name) there is no English label
rather than a guessed one.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain

from pypinyin import Style
from pypinyin.converter import UltimateConverter
from pypinyin.core import Pinyin

from .extract.lexicon import SURNAMES_2

# longest first, so 自治区 wins over 区 and 街道 over 道
PLACE_SUFFIXES = sorted(
    {
        "特别行政区": "Special Administrative Region", "自治区": "Autonomous Region", "自治州": "Autonomous Prefecture",
        "自治县": "Autonomous County", "自治旗": "Autonomous Banner", "省": "Province", "市": "City",
        "地区": "Prefecture", "盟": "League", "州": "Prefecture", "县": "County", "区": "District", "旗": "Banner",
        "镇": "Town", "乡": "Township", "街道": "Subdistrict", "苏木": "Sumu", "村": "Village", "社区": "Community",
        "嘎查": "Gacha",
    }.items(),
    key=lambda kv: len(kv[0]),
    reverse=True,
)
# The peoples named in autonomous areas, as they are written in official English names.
PEOPLES = {
    "维吾尔": "Uygur", "藏族": "Tibetan", "回族": "Hui", "蒙古族": "Mongol", "蒙古": "Mongol", "壮族": "Zhuang",
    "彝族": "Yi", "苗族": "Miao", "土家族": "Tujia", "布依族": "Bouyei", "侗族": "Dong", "瑶族": "Yao", "白族": "Bai",
    "哈尼族": "Hani", "傣族": "Dai", "傈僳族": "Lisu", "景颇族": "Jingpo", "朝鲜族": "Korean", "哈萨克": "Kazak",
    "柯尔克孜": "Kirgiz", "羌族": "Qiang", "黎族": "Li", "水族": "Shui", "仡佬族": "Gelao", "土族": "Tu",
    "撒拉族": "Salar", "东乡族": "Dongxiang", "裕固族": "Yugur", "保安族": "Bonan", "塔吉克": "Tajik",
    "锡伯": "Xibe", "达斡尔族": "Daur", "鄂温克族": "Ewenki", "满族": "Manchu", "畲族": "She", "仫佬族": "Mulao",
    "毛南族": "Maonan", "纳西族": "Naxi", "普米族": "Pumi", "怒族": "Nu", "独龙族": "Derung", "佤族": "Va",
    "拉祜族": "Lahu", "布朗族": "Blang", "阿昌族": "Achang", "德昂族": "De'ang", "基诺族": "Jino", "门巴族": "Monba",
    "珞巴族": "Lhoba", "各族": "",
}
MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}


# what pypinyin.lazy_pinyin builds on every call, built once
_PINYIN = Pinyin(UltimateConverter(v_to_u=False, neutral_tone_with_five=False, tone_sandhi=False))


@lru_cache(maxsize=65536)
def _word_readings(word: str) -> tuple[str, ...]:
    """pypinyin's toneless readings of one word of its segmentation (a phrase, a character …)."""
    return tuple(chain(*_PINYIN._converter.convert(word, Style.NORMAL, False, "default", strict=True)))


def lazy_pinyin(text: str) -> list[str]:
    """`pypinyin.lazy_pinyin(text)`, the same readings: the text segmented as pypinyin does,
    each word's readings cached (place and person names share most of their words).

    Examples
    --------
    >>> lazy_pinyin("阜平县总工会")
    ['fu', 'ping', 'xian', 'zong', 'gong', 'hui']
    """
    return [syllable for word in _PINYIN.seg(text) for syllable in _word_readings(word)]


@lru_cache(maxsize=65536)
def pinyin(name: str) -> str:
    """Toneless pinyin, a syllable per character, space-separated (for search)."""
    return " ".join(lazy_pinyin(name))


@lru_cache(maxsize=65536)
def _proper(chars: str) -> str:
    """Pinyin of a proper name as one capitalised word: 西安 → Xi'an, 阜平 → Fuping."""
    syllables = lazy_pinyin(chars)
    word = syllables[0] if syllables else ""
    for s in syllables[1:]:
        word += ("'" if s[:1] in "aoe" else "") + s
    return word[:1].upper() + word[1:]


def _peoples(middle: str) -> str | None:
    """The English of the peoples written before 自治…: 土家族苗族 → Tujia and Miao."""
    found = []
    while middle:
        for zh in sorted(PEOPLES, key=len, reverse=True):
            if middle.startswith(zh):
                if PEOPLES[zh]:
                    found.append(PEOPLES[zh])
                middle = middle[len(zh):]
                break
        else:
            return None
    return " and ".join(found)


def english_place(name: str, level: str | None = None) -> str | None:
    """English name of an administrative place, or None if no rule applies."""
    if name in MUNICIPALITIES:
        return _proper(name[:-1])
    for zh, en in PLACE_SUFFIXES:
        if not name.endswith(zh) or len(name) == len(zh):
            continue
        stem = name[: -len(zh)]
        if zh.startswith("自治"):
            # the proper part is the stem up to the first people named in it
            for i in range(1, len(stem)):
                peoples = _peoples(stem[i:])
                if peoples is not None:
                    return " ".join(w for w in (_proper(stem[:i]), peoples, en) if w)
            return f"{_proper(stem)} {en}"
        if zh == "市" and level == "county":
            en = "City"  # county-level city
        return f"{_proper(stem)} {en}"
    return None


def english_person(name: str) -> str | None:
    """Surname first, given name as one word: 薛涛 → Xue Tao.  None for transliterated names."""
    if "·" in name or not 2 <= len(name) <= 4:
        return None
    cut = 2 if name[:2] in SURNAMES_2 and len(name) > 2 else 1
    return f"{_proper(name[:cut])} {_proper(name[cut:])}"


def english_union(name: str, place_name: str | None, place_level: str | None) -> str | None:
    """A territorial federation: <place in English> Federation of Trade Unions."""
    if name == "中华全国总工会":
        return "All-China Federation of Trade Unions"
    if place_name and name in (place_name + "总工会", place_name + "工会"):
        place_en = english_place(place_name, place_level)
        return f"{place_en} Federation of Trade Unions" if place_en else None
    return None
