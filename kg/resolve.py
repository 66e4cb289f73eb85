"""Resolution: one node per real entity across articles, never one node for two.

Every key is computed from ONE article's extraction (the streaming build
resolves one article at a time), deterministically:

* places by division code (``place/130624``); an unlinked place by its
  parent's key and its name, and with no parent by the article it is in
  (团结村 in two articles with nothing to place it is two nodes);
* territorial unions by their place's key (``union/130624``): 北京市总工会
  in two articles is one node, and so are 和田地区工会 and 和田地区总工会;
* a short form with no place (省总工会, 市委, 县人社局) takes its place from
  what the article carries: the places named in its headline, the paper or
  site in its first lines (陕西工人报 -> 陕西省), else the one division of the
  right kind that all the article's linked places lie in; with none or
  several it stays local to the article (``union/in/<article>/…``), labelled
  as unplaced, so two articles' bare 省总工会 never become one node;
* other unions and organisations by name;
* people by name and the key of the body of their first post; without a
  post, national leaders (a 总书记 after the name) by name alone, others by
  name and the province of the place named nearest to them, else local to the
  article (two 王伟 in two provinces are two people);
* programmes: a national campaign (送温暖, 金秋助学 …, the ``ukg:Campaign``
  concepts of ``ontology/unionkg.ttl`` with their variants as labels) is one
  node, ``campaign/<slug>``; a facility (…车间, …大棚, …之家) by name and the
  place it is in, else local to the article; any other named activity, plan
  or project by name (who runs it where, with how much, are its facts).
  A programme whose name holds a campaign's label (春运送温暖专列) keeps
  its own node and points to the campaign (``campaign_key``);
* facts by subject, predicate, object, role, year and amount, without the
  article: the same fact told by two articles (or twice in one) is one fact
  with one evidence span per telling.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from .labels import english_person, english_place, english_union, pinyin
from .model import Extraction

_KIND_BY_PREFIX = (("中华全国总工会", "national"), ("中国", "industry"))
UNPLACED_MARK = "（地点不详）"


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
    unplaced: bool = False  # a short form no evidence placed: local to its article
    campaign_key: str | None = None  # a local programme's national campaign


@dataclass(frozen=True)
class Evidence:
    """One telling of a fact: the article and the original-file span with its text."""

    article_id: str
    start: int
    end: int
    quote: str


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
    evidence: list[Evidence] = field(default_factory=list)

    # the first telling, for callers that show one source
    @property
    def article_id(self) -> str:
        return self.evidence[0].article_id

    @property
    def start(self) -> int:
        return self.evidence[0].start

    @property
    def end(self) -> int:
        return self.evidence[0].end

    @property
    def quote(self) -> str:
        return self.evidence[0].quote


@dataclass
class KnowledgeBase:
    entities: dict[str, KBEntity] = field(default_factory=dict)
    facts: list[KBFact] = field(default_factory=list)
    articles: dict[str, ArticleMeta] = field(default_factory=dict)

    def by_name(self, name: str) -> list[KBEntity]:
        return [e for e in self.entities.values() if e.name == name or name in e.aliases]


# ----------------------------------------------------------------------------- campaigns


@dataclass(frozen=True)
class Campaign:
    key: str  # campaign/<slug>
    label: str  # skos:prefLabel@zh
    labels: tuple[str, ...]  # prefLabel and altLabels in Chinese


# the ontology is read with rdflib's triple patterns, not its SPARQL engine: importing that
# (its pyparsing grammar) costs each build process about a second
_CAMPAIGNS_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def campaigns() -> tuple[Campaign, ...]:
    """The national campaigns declared in the ontology (each `ukg:Campaign` with a Chinese
    `skos:prefLabel`), with all their Chinese labels: the preferred one, then the alternatives.

    Examples
    --------
    >>> c = next(c for c in campaigns() if c.label == "送温暖")
    >>> c.labels[0] == c.label and c.key.startswith("campaign/")
    True
    """
    from rdflib import RDF
    from rdflib.namespace import SKOS

    from .ontology import ID, UKG, load_ontology

    with _CAMPAIGNS_LOCK:
        g = load_ontology()
    out = []
    for node in sorted(g.subjects(RDF.type, UKG.Campaign), key=str):
        c = str(node)
        prefs = sorted(str(o) for o in g.objects(node, SKOS.prefLabel) if getattr(o, "language", None) == "zh")
        if not prefs:
            continue
        alts = {str(o) for o in g.objects(node, SKOS.altLabel) if getattr(o, "language", None) == "zh"}
        out.append(Campaign(c[len(str(ID)):], prefs[0], tuple([prefs[0], *sorted(alts - {prefs[0]})])))
    return tuple(out)


@lru_cache(maxsize=1)
def _campaign_by_label() -> dict[str, Campaign]:
    return {label: c for c in campaigns() for label in c.labels}


# 送温暖活动 is the campaign; 消费扶贫专项行动 is a programme of its own (see _LOCAL_HEADS)
_ACTIVITY_WORDS = re.compile(r"(?:活动|工作)$")


def campaign_of(name: str) -> Campaign | None:
    """The campaign a programme name stands for: a label of it, quotes and 活动 aside.

    Examples
    --------
    >>> campaign_of("“夏送清凉”活动").label
    '送清凉'
    >>> campaign_of("春运送温暖专列") is None
    True
    """
    bare = name.strip("“”\"'「」")
    bare = _ACTIVITY_WORDS.sub("", bare).strip("“”\"'「」") or bare
    return _campaign_by_label().get(bare) or _campaign_by_label().get(name)


def campaign_within(name: str) -> Campaign | None:
    """The campaign whose longest label a programme's longer name holds (春运送温暖专列 -> 送温暖)."""
    best: tuple[int, Campaign] | None = None
    for label, c in _campaign_by_label().items():
        if len(label) >= 3 and label in name and (best is None or len(label) > best[0]):
            best = (len(label), c)
    return best[1] if best else None


# ----------------------------------------------------------------------------- short forms

# level word at the start of a short form -> does a division fit it
_FITS = {
    "自治区": lambda d: d.level == "province" and d.name.endswith("自治区"),
    "自治州": lambda d: d.level == "prefecture" and d.name.endswith("州"),
    "自治县": lambda d: d.level == "county" and d.name.endswith("县"),
    "地区": lambda d: d.level == "prefecture" and d.name.endswith("地区"),
    "街道": lambda d: d.level == "township" and d.name.endswith("街道"),
    "省": lambda d: d.level == "province" and d.name.endswith("省"),
    "市": lambda d: d.level in ("province", "prefecture", "county") and d.name.endswith("市"),
    "州": lambda d: d.level == "prefecture" and d.name.endswith("州"),
    "盟": lambda d: d.level == "prefecture" and d.name.endswith("盟"),
    "县": lambda d: d.level == "county" and d.name.endswith("县"),
    # 区总工会 in a report on an autonomous region is the region's federation
    "区": lambda d: d.level == "county" and d.name.endswith("区") or d.level == "province" and d.name.endswith("自治区"),
    "旗": lambda d: d.level == "county" and d.name.endswith("旗"),
    "镇": lambda d: d.level == "township" and d.name.endswith("镇"),
    "乡": lambda d: d.level == "township" and d.name.endswith("乡"),
}
# 市场监管局, 区域, 县域, 市民, 市级 … are words, not a level word before a body
_SHORT_FORM = re.compile(r"^(自治区|自治州|自治县|地区|街道|省|市|州|盟|县|区|旗|镇|乡)(?![场域民级内外里长])(?=.)")
_FEDERATION_TAILS = ("总工会", "工会", "总")
# a paper or site named in the first lines: 陕西工人报讯, 来源：黔南工会, 广元工会网
_HEAD_SOURCE = re.compile(r"(?:来源[:：]\s*)?([\u4e00-\u9fff]{2,10}?)(?:工人日报|工人报|日报|晚报|工报|工会网|工会|网|报)讯?")
# a dateline: 新华社西宁3月5日电, 中新网北京9月5日电
_DATELINE = re.compile(r"([\u4e00-\u9fff]{2,10}?)\d{1,2}月\d{1,2}日[电讯]")
_HEAD_CHARS = 240


def short_form(entity) -> str | None:
    """The level word of a union or organisation written without its place, else None.

    Examples
    --------
    >>> from kg.model import Entity
    >>> short_form(Entity("Union", "省总工会")), short_form(Entity("Organisation", "市场监管局"))
    ('省', None)
    >>> short_form(Entity("Union", "北京市总工会", place="北京市")) is None
    True
    """
    if entity.type not in ("Union", "Organisation") or entity.place:
        return None
    m = _SHORT_FORM.match(entity.name)
    return m.group(1) if m else None


_GENERIC_UNIONS = ("总工会", "工会", "机关工会", "基层工会", "企业工会", "集团工会", "公司工会", "分公司工会", "工会联合会")
_GENERIC_MODIFIERS = ("人民", "中心", "专业", "农民", "村", "社区")


@lru_cache(maxsize=1)
def _generic_bodies() -> frozenset[str]:
    from .extract.lexicon import ORG_SUFFIXES

    heads = set(ORG_SUFFIXES) | set(_GENERIC_UNIONS)
    return frozenset(heads | {m + h for m in _GENERIC_MODIFIERS for h in heads})


def is_generic_body(name: str) -> bool:
    """A body named only by its kind (人民医院, 机关工会, 专业合作社), which two articles cannot share.

    Examples
    --------
    >>> is_generic_body("人民医院"), is_generic_body("机关工会"), is_generic_body("宣房集团")
    (True, True, False)
    """
    return name in _generic_bodies()


def _gazetteer():
    from .gazetteer import load_gazetteer

    return load_gazetteer()


def _self_and_ancestors(code: str) -> list:
    gaz = _gazetteer()
    d = gaz.by_code(code)
    return [d, *gaz.ancestors(code)] if d is not None else []


def _fitting(codes: list[str], level_word: str) -> set:
    fits = _FITS[level_word]
    return {d for c in codes for d in _self_and_ancestors(c) if fits(d)}


def head_source_codes(text: str) -> list[str]:
    """Division codes of the papers and sites named in an article's first lines.

    Only a name the gazetteer knows as one county-or-higher division counts.

    Examples
    --------
    >>> head_source_codes("陕西工人报讯 近日……"), head_source_codes("欢迎访问乐山市总工会网站")
    (['61'], ['5111'])
    >>> head_source_codes("新华社西宁3月5日电 近日……")
    ['6301']
    """
    gaz = _gazetteer()
    codes: list[str] = []
    head = text[:_HEAD_CHARS]
    found = [_leading_division(gaz, m.group(1)) for m in _HEAD_SOURCE.finditer(head)]
    found += [_trailing_division(gaz, m.group(1)) for m in _DATELINE.finditer(head)]
    for code in found:
        if code is not None and code not in codes:
            codes.append(code)
    return codes


def _leading_division(gaz, stem: str) -> str | None:
    """The division a paper's name starts with (陕西 of 陕西工人), or that it holds in full (…乐山市…)."""
    for j in range(len(stem), 1, -1):
        found = [d for d in gaz.lookup(stem[:j]) if len(d.code) <= 6]
        if len(found) == 1:
            return found[0].code
    for i in range(1, len(stem) - 1):
        for j in range(len(stem), i + 1, -1):
            found = [d for d in gaz.lookup(stem[i:j]) if len(d.code) <= 6 and d.name == stem[i:j]]
            if len(found) == 1:
                return found[0].code
    return None


def _trailing_division(gaz, stem: str) -> str | None:
    """The division a dateline ends with (新华社西宁 -> 西宁市)."""
    for i in range(0, len(stem) - 1):
        found = [d for d in gaz.lookup(stem[i:]) if len(d.code) <= 6]
        if len(found) == 1:
            return found[0].code
    return None


@dataclass(frozen=True)
class PlaceEvidence:
    """What one article says about where it is: coded places by tier."""

    headline: tuple[str, ...]  # codes of places named in the headline
    source: tuple[str, ...]  # codes from the paper or site in the first lines
    anywhere: tuple[str, ...]  # codes of every linked place of the article
    full_unions: frozenset[str] = frozenset()  # federations the article writes with their place


def place_evidence(x: Extraction) -> PlaceEvidence:
    text = x.article.text
    title = x.article.title
    at = text.find(title) if title else -1
    title_span = (at, at + len(title)) if at >= 0 else (0, 0)
    headline, anywhere = [], []
    for e in x.entities:
        if e.type != "Place" or not e.code:
            continue
        anywhere.append(e.code)
        if any(title_span[0] <= m.start < title_span[1] for m in e.mentions):
            headline.append(e.code)
    full = frozenset(e.name for e in x.entities if e.type == "Union" and short_form(e) is None)
    return PlaceEvidence(tuple(headline), tuple(head_source_codes(text)), tuple(anywhere), full)


def place_short_form(level_word: str, evidence: PlaceEvidence):
    """The one division of the short form's kind the article points to, tier by tier, else None.

    Examples
    --------
    >>> ev = PlaceEvidence((), ("61",), ("610722110232",))  # 陕西工人报; a village in 汉中市城固县
    >>> place_short_form("省", ev).name, place_short_form("市", ev).name, place_short_form("县", ev).name
    ('陕西省', '汉中市', '城固县')
    >>> place_short_form("区", ev) is None
    True
    """
    for codes in (evidence.headline, evidence.source, evidence.anywhere):
        found = _fitting(list(codes), level_word)
        if len(found) == 1:
            return next(iter(found))
        if len(found) > 1:
            return None  # the article points to several: leave it local
    return None


# ----------------------------------------------------------------------------- people

# posts next to a name that make its bearer one person nationwide (习近平总书记,
# 国务院总理李强), and the national doctrine named after a leader
_NATIONAL_TITLES = ("总书记", "国家主席", "国务院总理", "国务院副总理", "委员长")
_NATIONAL_AFTER = _NATIONAL_TITLES + ("新时代中国特色社会主义思想",)


def _is_national_figure(x: Extraction, entity) -> bool:
    """True when a national post stands right before or after one of the person's mentions.

    Examples
    --------
    >>> from kg.ingest import article_from_bytes
    >>> from kg.model import Entity, Mention
    >>> art = article_from_bytes("会议传达了国务院总理张明的讲话。".encode(), "n.txt")
    >>> at = art.text.find("张明")
    >>> _is_national_figure(Extraction(art, [], []), Entity("Person", "张明", mentions=[Mention("张明", at, at + 2)]))
    True
    """
    text = x.article.text
    return any(text.startswith(t, m.end) for m in entity.mentions for t in _NATIONAL_AFTER) or any(
        text.endswith(t, 0, m.start) for m in entity.mentions for t in _NATIONAL_TITLES)


def _nearest_province(x: Extraction, entity) -> str | None:
    """The province of the linked place named nearest before the person (else after)."""
    if not entity.mentions:
        return None
    at = min(m.start for m in entity.mentions)
    before = after = None
    for e in x.entities:
        if e.type != "Place" or not e.code:
            continue
        for m in e.mentions:
            if m.end <= at and (before is None or m.end > before[0]):
                before = (m.end, e.code[:2])
            elif m.start >= at and (after is None or m.start < after[0]):
                after = (m.start, e.code[:2])
    best = before or after
    return best[1] if best else None


# ----------------------------------------------------------------------------- keys


_FACILITY_HEADS = ("之家", "小家", "书屋", "驿站", "车间", "大棚", "超市", "基地", "中心", "广场", "工厂",
                   "加工厂", "养殖场", "电站", "卫生室", "幸福院", "图书室", "服务站", "机井", "道路", "课堂")


# heads of the lexicon's facility nouns that name a course or a project, not a thing built
_NOT_BUILT = ("培训班", "课堂", "项目", "工程")


def is_facility(name: str) -> bool:
    """A thing built in one place (…车间, …大棚, …之家), which only its place can tie across articles.

    Examples
    --------
    >>> is_facility("石门村扶贫车间"), is_facility("农民工创业培训班")
    (True, False)
    """
    from .extract.lexicon import FACILITY_NOUNS

    if name.endswith(_NOT_BUILT):
        return False
    return name.endswith(_FACILITY_HEADS) or name.endswith(tuple(FACILITY_NOUNS))


@dataclass
class ArticleResolution:
    """One article's entities resolved: name -> key, and what the keys imply."""

    keys: dict[str, str] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)  # name -> node label when not the name
    unplaced: set[str] = field(default_factory=set)
    placed_in: dict[str, str] = field(default_factory=dict)  # short form -> division code it took
    campaigns: dict[str, str] = field(default_factory=dict)  # programme name -> campaign key


def trusted_code(e, ents: dict) -> str | None:
    """A place's division code, unless the parent the text names is coded elsewhere.

    原公镇团结村 linked to a 团结村 of another county is not that village: its
    code contradicts the township the text puts it in, so it is keyed by that
    township and its name instead.

    Examples
    --------
    >>> from kg.model import Entity
    >>> town = Entity("Place", "原公镇", level="township", code="610722108")
    >>> v = Entity("Place", "团结村", level="village", code="610703106205", within="原公镇")
    >>> trusted_code(v, {"原公镇": town}) is None, trusted_code(town, {})
    (True, '610722108')
    """
    if not e.code:
        return None
    parent = ents.get(e.within) if e.within else None
    if parent is not None and parent.code and not e.code.startswith(parent.code):
        return None
    return e.code


def place_keys(x: Extraction) -> dict[str, str]:
    """Keys of one article's places: by code, else by parent and name, else local to the article."""
    ents = {e.name: e for e in x.entities}
    keys: dict[str, str] = {}

    def key_of(name: str, seen: tuple = ()) -> str:
        if name in keys:
            return keys[name]
        e = ents[name]
        if trusted_code(e, ents):
            k = f"place/{e.code}"
        else:
            parent = e.within if e.within in ents and e.within not in seen else None
            parent_key = key_of(parent, seen + (name,)) if parent else ""
            # no parent: nothing ties it to another article's place of that name
            k = f"place/x{_h(parent_key, name)}" if parent_key else f"place/x{_h('article', x.article.id, name)}"
        keys[name] = k
        return k

    for e in x.entities:
        if e.type == "Place":
            key_of(e.name)
    _tie_suffixless_places(x, keys)
    return keys


_LEVEL_SUFFIXES = ("省", "市", "州", "盟", "县", "区", "旗", "镇", "乡")


def _unique_extension(name: str, others: set[str], fits: Callable[[str, str], bool]) -> str | None:
    """The one other name that is `name` with a level word added where `fits` allows, else None.

    Examples
    --------
    >>> _unique_extension("城固法院", {"城固县法院", "城固县政府"}, lambda short, full: True)
    '城固县法院'
    """
    found = {o for i in range(2, len(name) + 1) for w in _LEVEL_SUFFIXES
             if (o := name[:i] + w + name[i:]) in others and fits(name[:i], name[:i] + w)}
    return found.pop() if len(found) == 1 else None


def _tie_suffixless_places(x: Extraction, keys: dict[str, str]) -> None:
    """中山 and 中山市 in one article are one place when the gazetteer knows 中山 as 中山市.

    Only the suffix at the end counts, only within the article, and only when
    the article names one such longer place.
    """
    places = [e.name for e in x.entities if e.type == "Place"]
    coded = {e.name for e in x.entities if e.type == "Place" and e.code}
    gaz = _gazetteer()

    def same(short: str, full: str) -> bool:
        return short == full[:-1] and any(d.name == full for d in gaz.lookup(short))

    for name in places:
        full = _unique_extension(name, set(places) - {name}, same)
        if full is not None and name not in coded and name[-1:] not in _LEVEL_SUFFIXES:
            keys[name] = keys[full]


def tie_place_infixes(x: Extraction, keys: dict[str, str], display: dict[str, str]) -> None:
    """从化法院 is 从化区法院 when the article names both and 从化 is its 从化区.

    A body's name with a place written short is the one body of the article
    whose name writes that place in full (a level word added after it), when
    the gazetteer knows the short place as the full one.
    """
    gaz = _gazetteer()

    def known(short: str, full: str) -> bool:
        return any(d.name == full for d in gaz.lookup(short))

    for etype in ("Union", "Organisation"):
        names = [e.name for e in x.entities if e.type == etype and e.name in keys]
        for name in names:
            full = _unique_extension(name, set(names) - {name}, known)
            if full is not None:
                keys[name] = keys[full]
                display[name] = display.get(full, full)


@dataclass(frozen=True)
class BodyKey:
    key: str
    display: str | None = None  # the node's label when it is not the written name
    unplaced: bool = False
    placed_in: str | None = None  # the division code a short form took


def body_key(e, keys: dict[str, str], evidence: Callable[[], PlaceEvidence], article_id: str) -> BodyKey:
    """The key of a union or organisation; `evidence` is asked only for a short form."""
    prefix = "union" if e.type == "Union" else "org"
    level_word = short_form(e)
    if level_word is None:
        if e.type == "Union" and e.place in keys:
            return BodyKey(f"union/{keys[e.place].split('/', 1)[1]}")
        if is_generic_body(e.name):
            # 人民医院, 机关工会, 合作社: a kind of body, not a name; this article's
            return BodyKey(f"{prefix}/in/{article_id}/{_h(e.name)}", e.name + UNPLACED_MARK, unplaced=True)
        return BodyKey(f"{prefix}/{_h(e.name)}")
    division = place_short_form(level_word, evidence())
    rest = e.name[len(level_word):]
    federation = e.type == "Union" and rest in _FEDERATION_TAILS
    # no place for it, or the place whose union the article names in full: the
    # extractor kept this short form apart from that union, so it is another body
    if division is None or (federation and division.name + "总工会" in evidence().full_unions):
        return BodyKey(f"{prefix}/in/{article_id}/{_h(e.name)}", e.name + UNPLACED_MARK, unplaced=True)
    if federation:
        return BodyKey(f"union/{division.code}", division.name + "总工会", placed_in=division.code)
    full = division.name + rest
    return BodyKey(f"{prefix}/{_h(full)}", full, placed_in=division.code)


def person_key(x: Extraction, e, post_body_key: str | None) -> str:
    """A person by name and their post's body; a national leader by name; else by province or article."""
    if post_body_key:
        return f"person/{_h(e.name, post_body_key)}"
    if _is_national_figure(x, e):
        return f"person/{_h(e.name, '')}"
    province = _nearest_province(x, e)
    return f"person/{_h(e.name, f'place/{province}' if province else f'article/{x.article.id}')}"


def is_local_instance(name: str) -> bool:
    """A campaign's name with an action or vehicle noun: one body's programme, not a name of its own.

    Examples
    --------
    >>> is_local_instance("消费扶贫专项行动"), is_local_instance("送温暖直通车"), is_local_instance("消费扶贫")
    (True, True, False)
    >>> is_local_instance("春风化雨专项行动")  # no campaign in it: a name of its own
    False
    """
    bare = name.strip("“”\"'「」")
    return bare.endswith(_INSTANCE_HEADS) and campaign_of(bare) is None and campaign_within(bare) is not None


def programme_key(e, where_key: str, article_id: str, runner_key: str = "") -> tuple[str, Campaign | None]:
    """A programme's key, and the campaign it is (or is a local programme of).

    Only the bare campaign name (or a listed variant) is the campaign; a named
    local instance of it (消费扶贫专项行动) is keyed by the body that runs it,
    else by its article, so two unions' 专项行动 are two nodes.
    """
    campaign = campaign_of(e.name) or next((c for a in e.aliases if (c := campaign_of(a))), None)
    if campaign is not None:
        return campaign.key, campaign
    if is_facility(e.name):
        # a thing built somewhere: by name and place; with no place, this article's
        return f"programme/{_h(e.name, where_key or f'article/{article_id}')}", campaign_within(e.name)
    if is_local_instance(e.name):
        return f"programme/{_h(e.name, runner_key or f'article/{article_id}')}", campaign_within(e.name)
    # a named activity, plan or project is one across the archive; who runs it where,
    # with how much, are its facts
    return f"programme/{_h(e.name, '')}", campaign_within(e.name)


def resolve_article(x: Extraction) -> ArticleResolution:
    """Keys of one article's entities, computed from that article alone."""
    res = ArticleResolution(keys=place_keys(x))
    keys, aid = res.keys, x.article.id
    first_post: dict[str, str] = {}
    located: dict[str, str] = {}
    for r in x.relations:
        if r.p == "holdsPost":
            first_post.setdefault(r.s, r.o)
        if r.p == "locatedIn":
            located.setdefault(r.s, r.o)
    evidence = lru_cache(maxsize=1)(lambda: place_evidence(x))
    for e in x.entities:
        if e.type in ("Union", "Organisation"):
            b = body_key(e, keys, evidence, aid)
            keys[e.name] = b.key
            if b.display:
                res.display[e.name] = b.display
            if b.unplaced:
                res.unplaced.add(e.name)
            if b.placed_in:
                res.placed_in[e.name] = b.placed_in
    tie_place_infixes(x, keys, res.display)
    runners = _runners(x, keys)
    for e in x.entities:
        if e.type == "Person":
            keys[e.name] = person_key(x, e, keys.get(first_post.get(e.name, "")))
        elif e.type == "Programme":
            key, campaign = programme_key(e, keys.get(located.get(e.name, ""), ""), aid, runners.get(e.name, ""))
            keys[e.name] = key
            if campaign is not None and key == campaign.key:
                res.display[e.name] = campaign.label
            elif campaign is not None:
                res.campaigns[e.name] = campaign.key
    _bind_campaigns_to_local_programmes(x, res)
    return res


# nouns that make a campaign's name the name of one body's own programme or vehicle
_LOCAL_HEADS = ("专项行动", "直通车", "专列", "大篷车", "服务月", "活动月", "服务站", "驿站", "基金")
# … and, at the end of an extracted programme name holding a campaign, one body's instance of it
_INSTANCE_HEADS = _LOCAL_HEADS + ("行动", "活动", "计划", "工程")


def _runners(x: Extraction, keys: dict[str, str]) -> dict[str, str]:
    """Programme name -> key of the first body the article says runs it (in relation order)."""
    out: dict[str, str] = {}
    for r in x.relations:
        if r.p == "runs" and r.s in keys:
            out.setdefault(r.o, keys[r.s])
    return out


def _local_owner(text: str, start: int, end: int, local: dict) -> str | None:
    """The local programme a campaign mention at [start, end) belongs to, if the text ties it to one.

    “情暖果农”送温暖活动: the quoted name before it; “送清凉”大篷车: the
    campaign name with the noun after it (returned as campaign + noun).
    """
    opening = text.rfind("“", 0, start)
    if opening >= 0 and text[start - 1 : start] == "”" and text[opening + 1 : start - 1] in local:
        return text[opening + 1 : start - 1]
    after = end + 1 if text[end : end + 1] == "”" else end
    for head in _LOCAL_HEADS:
        if text.startswith(head, after):
            return text[start:end] + head
    return None


def _bind_campaigns_to_local_programmes(x: Extraction, res: ArticleResolution) -> None:
    """A campaign the article writes only as part of one local programme is that programme.

    The campaign node stays for articles that name the campaign itself; the
    local programme points to it (``campaigns``).
    """
    text = x.article.text
    local = {e.name: e for e in x.entities if e.type == "Programme" and not res.keys[e.name].startswith("campaign/")}
    runners = _runners(x, res.keys)
    for e in x.entities:
        key = res.keys.get(e.name, "")
        if e.type != "Programme" or not key.startswith("campaign/") or not e.mentions:
            continue
        owner = _sole_owner(text, e.mentions, local)
        if owner is None:
            continue
        if owner in local:
            res.keys[e.name] = res.keys[owner]
            res.display.pop(e.name, None)
        else:
            # one body's vehicle or action of the campaign: keyed by who runs it
            res.keys[e.name] = f"programme/{_h(owner, runners.get(e.name) or 'article/' + x.article.id)}"
            res.display[e.name] = owner
        res.campaigns[owner if owner in local else e.name] = key


def _sole_owner(text: str, mentions, local: dict) -> str | None:
    """The one local programme an article's campaign mentions belong to, else None.

    The article names a local instance (消费扶贫专项行动, “情暖果农”送温暖活动)
    and otherwise writes only the bare campaign name: the bare name is that
    instance's short form there, as 市总工会 is its city's union's. Mentions
    tied to two instances, or to none, leave the campaign itself.
    """
    owners = {_local_owner(text, m.start, m.end, local) for m in mentions} - {None}
    return owners.pop() if len(owners) == 1 else None


def article_keys(x: Extraction) -> dict[str, str]:
    """Canonical name -> entity key, for one article."""
    return resolve_article(x).keys


# ----------------------------------------------------------------------------- knowledge base


def _union_kind(entity) -> str:
    if entity.place:
        return "federation"
    for prefix, kind in _KIND_BY_PREFIX:
        if entity.name.startswith(prefix):
            return kind
    if entity.name.endswith("总工会"):
        return "federation"
    return "enterprise" if entity.name.endswith("工会") else "other"


def fact_key(s_key: str, p: str, o: str, role: str | None, year: int | None, amount: float | None) -> str:
    """The key of a fact: what it says, not where it is said.

    Examples
    --------
    >>> fact_key("union/11", "assists", "union/1307", None, 2019, 1e6) == fact_key(
    ...     "union/11", "assists", "union/1307", None, 2019, 1000000)
    True
    """
    amount_text = "" if amount is None else f"{float(amount):.2f}"
    return f"fact/{_h(s_key, p, o, role or '', '' if year is None else str(year), amount_text)}"


def _add_entity(kb: KnowledgeBase, key: str, etype: str, name: str) -> KBEntity:
    node = kb.entities.get(key)
    if node is None:
        node = kb.entities[key] = KBEntity(key, etype, name, pinyin=pinyin(name))
    elif node.name != name:
        # the longer written form names the node (the first in code-point order of
        # equally long ones, whatever the order of the articles); the other is an alias
        if name_rank(name) < name_rank(node.name):
            node.aliases.add(node.name)
            node.name, node.pinyin = name, pinyin(name)
        else:
            node.aliases.add(name)
    return node


def name_rank(name: str) -> tuple:
    """Sort key of a node's candidate names: placed before unplaced, longer first, then code points."""
    return (name.endswith(UNPLACED_MARK), -len(name), name)


def _add_division(kb: KnowledgeBase, code: str, article_id: str) -> str:
    """A division a short form was placed in, as a place node (it may be named nowhere)."""
    key = f"place/{code}"
    d = _gazetteer().by_code(code)
    node = _add_entity(kb, key, "Place", d.name)
    node.level = node.level or d.level
    node.code = node.code or d.code
    node.articles.add(article_id)
    return key


def resolve(extractions: list[Extraction]) -> KnowledgeBase:
    kb = KnowledgeBase()
    facts: dict[str, KBFact] = {}
    for x in extractions:
        art = x.article
        kb.articles[art.id] = ArticleMeta(art.id, art.path, art.title, art.date, list(art.authors))
        res = resolve_article(x)
        keys = res.keys
        for e in x.entities:
            key = keys[e.name]
            if key.startswith("campaign/"):
                node = _add_entity(kb, key, e.type, res.display[e.name])
                node.name = res.display[e.name]  # the concept's prefLabel, always
                node.aliases.add(e.name)
            else:
                node = _add_entity(kb, key, e.type, res.display.get(e.name, e.name))
            if e.name != node.name:
                node.aliases.add(e.name)
            node.aliases.update(a for a in e.aliases if a != node.name)
            node.articles.add(art.id)
            if e.name in res.unplaced:
                node.unplaced = True
            if e.name in res.campaigns:
                node.campaign_key = res.campaigns[e.name]
            if e.type == "Place":
                node.level = node.level or e.level
                if key == f"place/{e.code}":
                    node.code = node.code or e.code
                if e.within in keys and not node.place_key:
                    node.place_key = keys[e.within]
            if e.type == "Union":
                node.kind = node.kind or _union_kind(e)
                if e.place in keys:
                    node.place_key = keys[e.place]
                elif e.name in res.placed_in and e.name[len(short_form(e)):] in _FEDERATION_TAILS:
                    node.kind = "federation"
                    node.place_key = _add_division(kb, res.placed_in[e.name], art.id)
        for r in x.relations:
            s_key = keys.get(r.s)
            if s_key is None:
                continue
            literal = r.o if r.p == "hasTitle" else None
            o_key = None if literal is not None else keys.get(r.o)
            if literal is None and o_key is None:
                continue
            start, end = art.original_span(r.start, r.end)
            # one fact per statement, whoever tells it; a pairing told year by year
            # (2018年…；2019年…) is several
            key = fact_key(s_key, r.p, o_key or literal, r.role, r.year, r.amount_yuan)
            fact = facts.get(key)
            if fact is None:
                fact = facts[key] = KBFact(key, s_key, r.p, o_key, literal, r.amount_yuan, r.approximate, r.year, r.role)
                kb.facts.append(fact)
            fact.approximate = fact.approximate or r.approximate
            ev = Evidence(art.id, start, end, art.original[start:end])
            if ev not in fact.evidence:
                fact.evidence.append(ev)
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
