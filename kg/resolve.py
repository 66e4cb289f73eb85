"""Resolution: one node per real entity across articles, with stable keys.

Keys are deterministic, so rebuilding gives the same graph:

* places by division code (``place/130624``); unlinked places by the key of
  their parent and their name;
* territorial unions by their place's key (``union/130624``): 北京市总工会
  in two articles is one node, and so are 和田地区工会 and 和田地区总工会;
* other unions and organisations by name;
* people by name and the body or village of their first post, if any;
* programmes by name and the place they are in, if any.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .labels import english_person, english_place, english_union, pinyin
from .model import Extraction

_KIND_BY_PREFIX = (("中华全国总工会", "national"), ("中国", "industry"))


def _h(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass
class ArticleMeta:
    id: str
    path: str
    title: str
    date: str | None
    authors: list[str]


@dataclass
class KBEntity:
    key: str
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    level: str | None = None
    code: str | None = None
    place_key: str | None = None  # a union's place / a place's parent
    kind: str | None = None  # union kind
    pinyin: str = ""
    english: str | None = None
    articles: set[str] = field(default_factory=set)


@dataclass
class KBFact:
    key: str
    s_key: str
    p: str
    o_key: str | None
    literal: str | None
    amount_yuan: float | None
    approximate: bool
    year: int | None
    role: str | None
    article_id: str
    start: int  # offsets in the original file
    end: int
    quote: str


@dataclass
class KnowledgeBase:
    entities: dict[str, KBEntity] = field(default_factory=dict)
    facts: list[KBFact] = field(default_factory=list)
    articles: dict[str, ArticleMeta] = field(default_factory=dict)

    def by_name(self, name: str) -> list[KBEntity]:
        return [e for e in self.entities.values() if e.name == name or name in e.aliases]


def _union_kind(entity) -> str:
    if entity.place:
        return "federation"
    for prefix, kind in _KIND_BY_PREFIX:
        if entity.name.startswith(prefix):
            return kind
    if entity.name.endswith("总工会"):
        return "federation"
    return "enterprise" if entity.name.endswith("工会") else "other"


def article_keys(x: Extraction) -> dict[str, str]:
    """Canonical name -> entity key, for one article."""
    keys: dict[str, str] = {}
    ents = {e.name: e for e in x.entities}
    # places first, parents before children
    def place_key(name: str, seen=()) -> str:
        if name in keys:
            return keys[name]
        e = ents[name]
        if e.code:
            k = f"place/{e.code}"
        else:
            parent = e.within if e.within in ents and e.within not in seen else None
            parent_key = place_key(parent, seen + (name,)) if parent else ""
            k = f"place/x{_h(parent_key, name)}"
        keys[name] = k
        return k

    for e in x.entities:
        if e.type == "Place":
            place_key(e.name)
    first_post = {}
    located = {}
    for r in x.relations:
        if r.p == "holdsPost":
            first_post.setdefault(r.s, r.o)
        if r.p == "locatedIn":
            located.setdefault(r.s, r.o)
    for e in x.entities:
        if e.type == "Union":
            keys[e.name] = f"union/{keys[e.place].split('/', 1)[1]}" if e.place in keys else f"union/{_h(e.name)}"
        elif e.type == "Organisation":
            keys[e.name] = f"org/{_h(e.name)}"
    for e in x.entities:
        if e.type == "Person":
            body = first_post.get(e.name)
            keys[e.name] = f"person/{_h(e.name, keys.get(body, '') if body else '')}"
        elif e.type == "Programme":
            where = located.get(e.name)
            keys[e.name] = f"programme/{_h(e.name, keys.get(where, '') if where else '')}"
    return keys


def resolve(extractions: list[Extraction]) -> KnowledgeBase:
    kb = KnowledgeBase()
    for x in extractions:
        art = x.article
        kb.articles[art.id] = ArticleMeta(art.id, art.path, art.title, art.date, list(art.authors))
        keys = article_keys(x)
        for e in x.entities:
            key = keys[e.name]
            node = kb.entities.get(key)
            if node is None:
                node = kb.entities[key] = KBEntity(key, e.type, e.name, pinyin=pinyin(e.name))
            elif node.name != e.name:
                # the longer written form names the node; the other is an alias
                if len(e.name) > len(node.name):
                    node.aliases.add(node.name)
                    node.name, node.pinyin = e.name, pinyin(e.name)
                else:
                    node.aliases.add(e.name)
            node.aliases.update(a for a in e.aliases if a != node.name)
            node.articles.add(art.id)
            if e.type == "Place":
                node.level = node.level or e.level
                node.code = node.code or e.code
                if e.within in keys and not node.place_key:
                    node.place_key = keys[e.within]
            if e.type == "Union":
                node.kind = node.kind or _union_kind(e)
                if e.place in keys:
                    node.place_key = keys[e.place]
        seen = set()
        for r in x.relations:
            s_key = keys.get(r.s)
            if s_key is None:
                continue
            literal = r.o if r.p == "hasTitle" else None
            o_key = None if literal is not None else keys.get(r.o)
            if literal is None and o_key is None:
                continue
            start, end = art.original_span(r.start, r.end)
            # one fact per statement; a pairing told year by year (2018年…；2019年…) is several
            dedupe = (s_key, r.p, o_key or literal, r.role, r.year, r.amount_yuan)
            if dedupe in seen:
                continue
            seen.add(dedupe)
            fact_key = f"fact/{_h(s_key, r.p, o_key or literal or '', r.role or '', art.id, str(start), str(end))}"
            kb.facts.append(
                KBFact(fact_key, s_key, r.p, o_key, literal, r.amount_yuan, r.approximate, r.year, r.role,
                       art.id, start, end, art.original[start:end])
            )
    for node in kb.entities.values():
        node.aliases.discard(node.name)
        node.english = _english(kb, node)
    return kb


def _english(kb: KnowledgeBase, node: KBEntity) -> str | None:
    if node.type == "Place":
        return english_place(node.name, node.level)
    if node.type == "Person":
        return english_person(node.name)
    if node.type == "Union":
        place = kb.entities.get(node.place_key) if node.place_key else None
        return english_union(node.name, place.name if place else None, place.level if place else None)
    return None
