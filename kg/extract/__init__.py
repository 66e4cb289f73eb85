"""Extraction: one article in, entities and relations (ANNOTATION.md) out.

The components run in order over the cleaned text: places (one automaton
pass over the gazetteer) -> organisations and unions (suffix rules around the
places) -> people -> programmes -> money and years -> relations.  Every rule
is about how these reports are written, never about one article.
"""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path

from ..model import Article, Entity, Extraction, Mention, Relation
from .bodies import BodyContext, find_organisations, find_unions
from .doc import BodyMention, Doc, PersonMention, PlaceMention, ProgrammeMention
from .people import find_people, role_before, titles_before
from .places import canonical_place_name, find_places, place_index
from .programmes import find_programmes
from .relations import build_relations
from .text import Containers, Found

__all__ = ["extract", "extract_to_json", "read_doc", "write_extraction", "warm_up"]


def warm_up() -> None:
    """Build the gazetteer automaton now (about 3 s) rather than on first use,
    then move it and everything loaded so far out of the collector's reach
    (`gc.freeze`): the gazetteer lives as long as the process, and each full
    collection would otherwise walk its hundreds of thousands of objects
    (about 170 ms, once every ten or so passes over the dev set)."""
    place_index()
    gc.collect()
    gc.freeze()


def _place_names(places: list[Found]) -> dict[int, str]:
    groups: dict[str, list[Found]] = {}
    for p in places:
        key = p.info.get("code") or f"name:{p.surface}"
        groups.setdefault(key, []).append(p)
    names: dict[int, str] = {}
    for group in groups.values():
        level = group[0].info["level"]
        name = canonical_place_name([g.surface for g in group], level, group[0].info.get("official"))
        for g in group:
            names[id(g)] = name
            g.name = name
    return names


_BARE_TEAM = re.compile(r"(?:驻村)?工作队(?!队长|员)")


def _name_work_teams(orgs: list[Found], unions: list[Found]) -> list[Found]:
    """Name 驻村工作队 mentions after their owner union is known; one name per
    (owner, village), with the quoted label (访惠聚) if any mention has it."""
    union_at_end = {u.end: u for u in unions}
    teams = [o for o in orgs if "team_of" in o.info]
    labels: dict[tuple[str, str], str] = {}
    for t in teams:
        owner = union_at_end.get(t.start + len(t.info["team_of"]))
        t.info["owner"] = owner.name if owner is not None else t.info["team_of"]
        key = (t.info["owner"], t.info["team_place"])
        if t.info["team_label"]:
            labels[key] = t.info["team_label"]
    for t in teams:
        key = (t.info["owner"], t.info["team_place"])
        t.name = f"{key[0]}驻{key[1]}{labels.get(key, '')}工作队"
        t.info["place_of"] = t.info["team_place"]
    names = {t.name for t in teams}
    if len(names) == 1 and teams:
        # with one team in the article, 驻村工作队 / 工作队 is that team
        text = teams[0].info["text"]
        covered = [(o.start, o.end) for o in orgs]
        for m in _BARE_TEAM.finditer(text):
            if not any(a <= m.start() < b for a, b in covered):
                orgs.append(Found("Organisation", m.start(), m.end(), m.group(), teams[0].name,
                                  {"place_of": teams[0].info["place_of"], "owner": teams[0].info["owner"]}))
    return orgs


def _unify_suffix_names(found: list[Found]) -> None:
    """青山热电厂 and 华能青山热电厂, 扶贫车间 and 石门村扶贫车间 in one
    article are one thing: every mention takes the longer name.  Between
    longer names of the same length, the one met first in the text wins (not
    set order, which follows the hash seed)."""
    names = dict.fromkeys(f.name for f in sorted(found, key=lambda f: f.start))
    longest: dict[str, str | None] = {}  # a name -> the longest name ending in it
    for f in found:
        if len(f.name) < 4:
            continue
        if f.name not in longest:
            longer = [n for n in names if n != f.name and n.endswith(f.name)]
            longest[f.name] = max(longer, key=len) if longer else None
        if longest[f.name] is not None:
            f.name = longest[f.name]


def _drop_inside(found: list[Found], containers: list[Found], keep) -> list[Found]:
    """`found` without the mentions inside a container's span (not equal to
    it), unless `keep` says otherwise."""
    spans = Containers(containers)
    out = []
    for f in found:
        inside = spans.holds_strictly(f.start, f.end)
        if inside and not keep(f):
            continue
        out.append(f)
    return out


def extract(article: Article) -> Extraction:
    """Entities and relations of one article, with spans in the cleaned text."""
    doc, entities = read_doc(article)
    relations = build_relations(doc, role_before=role_before, titles_before=titles_before)
    _set_within(entities, relations)
    return Extraction(article, entities, relations)


def read_doc(article: Article) -> tuple[Doc, list[Entity]]:
    """The article as a typed `Doc` with every mention found, and its entities."""
    text = article.text
    places = find_places(text)
    place_names = _place_names(places)
    ctx = BodyContext(text, places, place_names)
    orgs = find_organisations(ctx)
    unions = find_unions(ctx, orgs)
    orgs = _name_work_teams(orgs, unions)
    # An organisation span that is really the head of a union name stays an
    # organisation (安居集团 in 安居集团工会) only when it is an enterprise.
    union_spans = Containers([u for u in unions if u.info.get("kind") != "enterprise"])
    orgs = [o for o in orgs if not union_spans.holds(o.start, o.end)]
    bodies = unions + orgs
    people = find_people(text, bodies + places)
    # Names win over short place forms (黄山 the person, not the city).
    named = Containers(people)
    places = [p for p in places if p.info.get("full") or not named.overlaps(p.start, p.end)]
    # Short place forms inside body names are part of the name, not places
    # of their own (昆明 in 昆明理工大学).
    full_codes = {p.info.get("code") for p in places if p.info.get("full") and p.info.get("code")}
    places = _drop_inside(
        places, orgs,
        keep=lambda p: p.info.get("full") or p.info["level"] == "province" or p.info.get("code") in full_codes,
    )
    programmes = find_programmes(text, places, bodies)
    _unify_suffix_names(orgs)
    _unify_suffix_names(programmes)
    entities = _entities(places, unions, orgs, people, programmes)
    return typed_doc(article, places, unions, orgs, people, programmes), entities


def _typed_place(p: Found) -> PlaceMention:
    return PlaceMention(p.start, p.end, p.surface, p.name, p.info["level"], p.info.get("code"),
                        bool(p.info.get("full")), p.info.get("official"))


def _typed_body(b: Found) -> BodyMention:
    owner = b.info.get("owner")
    owner = owner if owner and owner.endswith("工会") else None  # a union sent the team
    return BodyMention(b.type, b.start, b.end, b.surface, b.name, b.info.get("kind"), b.info.get("place_of"), b.info.get("org"), owner)


def typed_doc(article: Article, places, unions, orgs, people, programmes) -> Doc:
    """The article as a `Doc` holding the finders' mentions with typed attributes."""
    doc = Doc.of(article.text, article.date)
    doc.places = [_typed_place(p) for p in places]
    by_span = {(p.start, p.end): t for p, t in zip(places, doc.places)}
    doc.unions = [_typed_body(u) for u in unions]
    doc.orgs = [_typed_body(o) for o in orgs]
    doc.people = [PersonMention(p.start, p.end, p.surface, p.name, p.info.get("how", "")) for p in people]
    for g in programmes:
        home = g.info.get("place")
        place = (by_span.get((home.start, home.end)) or _typed_place(home)) if home is not None else None
        doc.programmes.append(ProgrammeMention(g.start, g.end, g.surface, g.name, place, bool(g.info.get("campaign")),
                                               bool(g.info.get("quoted")), bool(g.info.get("facility"))))
    return doc


def _entities(places, unions, orgs, people, programmes) -> list[Entity]:
    by_key: dict[tuple[str, str], Entity] = {}
    for f in [*places, *unions, *orgs, *people, *programmes]:
        key = (f.type, f.name)
        ent = by_key.get(key)
        if ent is None:
            ent = Entity(type=f.type, name=f.name)
            by_key[key] = ent
            if f.type == "Place":
                ent.level = f.info["level"]
                ent.code = f.info.get("code")
            if f.type == "Union" and f.info.get("kind") == "federation":
                ent.place = f.info.get("place_of")  # only a territorial federation is "of" a place
        if f.surface != f.name and f.surface not in ent.aliases:
            ent.aliases.append(f.surface)
        ent.mentions.append(Mention(f.surface, f.start, f.end))
    # A name can't be both an organisation and a union: the union wins.
    union_names = {n for (t, n) in by_key if t == "Union"}
    ents = [e for (t, n), e in by_key.items() if not (t == "Organisation" and n in union_names)]
    return _merge_suffix_forms(ents)


def _merge_suffix_forms(ents: list[Entity]) -> list[Entity]:
    """青山热电厂 and 华能青山热电厂 in one article are one body: keep the longer."""
    drop = set()
    for kind in ("Organisation", "Programme"):
        drop |= _merge_suffix_group([e for e in ents if e.type == kind])
    return [e for e in ents if id(e) not in drop]


def _merge_suffix_group(orgs: list[Entity]) -> set[int]:
    # the bodies whose name ends in a given name (a proper suffix of four
    # characters or more: names are distinct within one type), in order
    ending_in: dict[str, list[Entity]] = {}
    for o in orgs:
        for k in range(4, len(o.name)):
            ending_in.setdefault(o.name[-k:], []).append(o)
    drop = set()
    for short in orgs:
        longer = ending_in.get(short.name, [])
        if longer:
            target = max(longer, key=lambda o: len(o.name))
            target.aliases.append(short.name)
            target.aliases.extend(a for a in short.aliases if a != target.name)
            target.mentions.extend(short.mentions)
            drop.add(id(short))
    return drop


def _set_within(entities: list[Entity], relations: list[Relation]) -> None:
    parents = {r.s: r.o for r in relations if r.p == "partOf"}
    for e in entities:
        if e.type == "Place" and e.name in parents:
            e.within = parents[e.name]


def extract_to_json(article: Article, with_spans: bool = False) -> dict:
    return extract(article).to_json(with_spans=with_spans)


def write_extraction(extraction: Extraction, out_dir: str | Path, with_spans: bool = False) -> Path:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = Path(extraction.article.path).stem
    path = out / f"{stem}.json"
    path.write_text(json.dumps(extraction.to_json(with_spans), ensure_ascii=False, indent=1), encoding="utf-8")
    return path
