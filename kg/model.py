"""Plain dataclasses passed between pipeline stages.

Spans are always offsets into the *original* file text (after decoding), so a
quote stored with a fact is exactly what the article says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .vocabulary import ENTITY_TYPE_NAMES, PREDICATE_NAMES

# the names of ANNOTATION.md; their RDF terms, labels and colours: kg.vocabulary
ENTITY_TYPES = ENTITY_TYPE_NAMES
PREDICATES = PREDICATE_NAMES
LEVELS = ("province", "prefecture", "county", "township", "village")


@dataclass
class Article:
    """One decoded, cleaned article.

    `text` is the normalised text that extraction reads; `original` is the
    decoded file; `to_original[i]` is the offset in `original` of `text[i]`
    (one extra entry at the end maps the end of the text).
    """

    id: str
    path: str
    original: str
    text: str
    to_original: list[int]
    title: str = ""
    date: str | None = None  # ISO yyyy-mm-dd when the article states it
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    encoding: str = "utf-8"

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of `text` back to the original file."""
        if end <= start:
            o = self.to_original[start]
            return o, o
        return self.to_original[start], self.to_original[end - 1] + 1

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


@dataclass
class Mention:
    """A surface form of an entity at a span of the cleaned text."""

    text: str
    start: int
    end: int


@dataclass
class Entity:
    """An entity of one article, in the ANNOTATION.md shape plus mentions."""

    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    level: str | None = None  # Place only
    within: str | None = None  # Place only: canonical name of the parent
    place: str | None = None  # Union only: the place whose federation it is
    code: str | None = None  # Place: administrative division code when linked
    mentions: list[Mention] = field(default_factory=list)

    def to_json(self) -> dict:
        out: dict = {"type": self.type, "name": self.name}
        if self.aliases:
            out["aliases"] = sorted(set(self.aliases) - {self.name})
        if self.type == "Place":
            out["level"] = self.level
            if self.within:
                out["within"] = self.within
            if self.code:
                out["code"] = self.code
        if self.type == "Union" and self.place:
            out["place"] = self.place
        return out


@dataclass
class Relation:
    """A fact between two canonical entity names (or a literal for hasTitle)."""

    s: str
    p: str
    o: str
    amount_yuan: float | None = None
    approximate: bool = False
    year: int | None = None
    role: str | None = None
    start: int = 0  # evidence span in the cleaned text
    end: int = 0
    # how far the attached amount was written from the object it was attached
    # to: when one fact is read twice, the amount written closest wins
    amount_gap: int = field(default=10**6, repr=False, compare=False)

    def key(self) -> tuple:
        return (self.s, self.p, self.o, self.role)

    def to_json(self) -> dict:
        out: dict = {"s": self.s, "p": self.p, "o": self.o}
        if self.amount_yuan is not None:
            amt = self.amount_yuan
            out["amount_yuan"] = int(amt) if float(amt).is_integer() else amt
            if self.approximate:
                out["approximate"] = True
        if self.year is not None:
            out["year"] = self.year
        if self.role:
            out["role"] = self.role
        return out


@dataclass
class Extraction:
    """Everything taken from one article."""

    article: Article
    entities: list[Entity]
    relations: list[Relation]

    def entity(self, name: str) -> Entity | None:
        for e in self.entities:
            if e.name == name:
                return e
        return None

    def to_json(self, with_spans: bool = False) -> dict:
        """The ANNOTATION.md shape; `with_spans` adds original-file spans."""
        art = self.article
        ents = []
        for e in self.entities:
            d = e.to_json()
            if with_spans:
                d["spans"] = [list(art.original_span(m.start, m.end)) for m in e.mentions]
            ents.append(d)
        rels = []
        for r in self.relations:
            d = r.to_json()
            if with_spans:
                d["span"] = list(art.original_span(r.start, r.end))
            rels.append(d)
        return {"doc": art.path.rsplit("/", 1)[-1], "entities": ents, "relations": rels}
