"""Tables a researcher starts from, computed from extractions.

Pure functions over `Extraction` objects (and the gazetteer for the
administrative tree), used by the notebooks and the tests:

* `pairings` — who helps whom, with amount, year and the recipient's province;
* `total_checks` — do itemised amounts add up to the total an article states?
* `people` — first secretaries, work-team leaders, model workers and where
  they serve;
* `unions_by_level` / `places_by_level` — the union hierarchy and the places
  reached at each administrative level.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .extract.money import find_amounts
from .gazetteer import load_gazetteer
from .model import Extraction

_TOTAL_CUE = re.compile(r"(?:共计|总计|合计|累计|已达|总额|总共)[^,。;]{0,8}$")
_VILLAGE_POSTS = ("第一书记", "工作队队长", "驻村")
_MODEL_WORKER = ("劳动模范", "劳模", "先进工作者", "五一劳动奖章")


@dataclass(frozen=True)
class Pairing:
    article: str
    donor: str
    recipient: str
    recipient_type: str
    recipient_level: str | None
    recipient_province: str | None
    amount_yuan: float | None
    approximate: bool
    year: int | None


def _province_of(entity) -> str | None:
    """The province of a place or of a union's place, from the division code."""
    if entity is None or not entity.code:
        return None
    gaz = load_gazetteer()
    division = gaz.by_code(entity.code[:2])
    return division.name if division else None


def pairings(extractions: list[Extraction]) -> list[Pairing]:
    """Every `assists` fact as a row, with the recipient's province when known."""
    rows = []
    for x in extractions:
        for r in x.relations:
            if r.p != "assists":
                continue
            target = x.entity(r.o)
            place = target
            if target is not None and target.type == "Union" and target.place:
                place = x.entity(target.place)
            rows.append(
                Pairing(
                    article=x.article.title or x.article.path,
                    donor=r.s,
                    recipient=r.o,
                    recipient_type=target.type if target else "?",
                    recipient_level=place.level if place is not None and place.type == "Place" else None,
                    recipient_province=_province_of(place) if place is not None and place.type == "Place" else None,
                    amount_yuan=r.amount_yuan,
                    approximate=r.approximate,
                    year=r.year,
                )
            )
    return rows


def funding_by(rows: list[Pairing], key: str = "recipient_province") -> dict[str, float]:
    """Sum of stated amounts per donor, recipient or province."""
    total: dict[str, float] = defaultdict(float)
    for row in rows:
        if row.amount_yuan is not None:
            total[getattr(row, key) or "(unknown)"] += row.amount_yuan
    return dict(sorted(total.items(), key=lambda kv: -kv[1]))


@dataclass(frozen=True)
class TotalCheck:
    article: str
    donor: str
    stated_total: float
    itemised_sum: float
    items: int

    @property
    def adds_up(self) -> bool:
        return abs(self.stated_total - self.itemised_sum) < 0.5


def total_checks(extractions: list[Extraction]) -> list[TotalCheck]:
    """Compare each total an article states (共计/累计/已达 …) for a donor with
    the sum of the amounts of that donor's pairings in the same article."""
    checks = []
    for x in extractions:
        text = x.article.text
        by_donor: dict[str, list[float]] = defaultdict(list)
        for r in x.relations:
            if r.p == "assists" and r.amount_yuan is not None:
                by_donor[r.s].append(r.amount_yuan)
        if not by_donor:
            continue
        stated: dict[tuple[str, float], None] = {}
        for a in find_amounts(text):
            if not _TOTAL_CUE.search(text, max(0, a.start - 12), a.start):
                continue
            donor = _donor_before(x, a.start)
            if donor in by_donor:
                stated[(donor, a.yuan)] = None
        for donor, total in stated:
            items = by_donor[donor]
            checks.append(TotalCheck(x.article.title or x.article.path, donor, total, sum(items), len(items)))
    return checks


def _donor_before(x: Extraction, pos: int) -> str | None:
    best, best_end = None, -1
    for e in x.entities:
        if e.type not in ("Union", "Organisation"):
            continue
        for m in e.mentions:
            if best_end < m.end <= pos and pos - m.end < 80:
                best, best_end = e.name, m.end
    return best


@dataclass(frozen=True)
class PersonRow:
    article: str
    person: str
    role: str
    where: str
    where_type: str
    village_post: bool
    model_worker: bool


def people(extractions: list[Extraction]) -> list[PersonRow]:
    """Posts and honours: one row per post, one per honour."""
    rows = []
    for x in extractions:
        for r in x.relations:
            if r.p == "holdsPost":
                target = x.entity(r.o)
                rows.append(PersonRow(x.article.title, r.s, r.role or "", r.o, target.type if target else "?",
                                      any(w in (r.role or "") for w in _VILLAGE_POSTS), False))
            elif r.p == "hasTitle":
                rows.append(PersonRow(x.article.title, r.s, r.o, "", "", False, any(w in r.o for w in _MODEL_WORKER)))
    return rows


def unions_by_level(extractions: list[Extraction]) -> dict[str, set[str]]:
    """Territorial unions grouped by the level of their place; others by kind."""
    out: dict[str, set[str]] = defaultdict(set)
    for x in extractions:
        for e in x.entities:
            if e.type != "Union":
                continue
            place = x.entity(e.place) if e.place else None
            if place is not None and place.level:
                out[place.level].add(e.name)
            elif e.name.startswith(("中华全国总工会", "中国")):
                out["national"].add(e.name)
            else:
                out["enterprise or sector"].add(e.name)
    return dict(out)


def places_by_level(extractions: list[Extraction], helped_only: bool = True) -> dict[str, set[str]]:
    """Places reached (the objects of assists/locatedIn), by administrative level."""
    out: dict[str, set[str]] = defaultdict(set)
    for x in extractions:
        reached = {r.o for r in x.relations if r.p in ("assists", "locatedIn")} if helped_only else None
        for e in x.entities:
            if e.type == "Place" and (reached is None or e.name in reached):
                out[e.level or "?"].add(e.name)
    return dict(out)


def pinyin_label(name: str) -> str:
    """A Latin label for plots on machines without CJK fonts (西城区 -> Xichengqu)."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name)).capitalize()
