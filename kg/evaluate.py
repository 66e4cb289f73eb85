"""Scoring of extractions against gold annotations (ANNOTATION.md § Scoring).

An extracted entity matches a gold entity of the same type when its name
equals the gold name or one of its aliases, after full-/half-width
normalisation and removal of spaces; each gold entity is matched once.  A
relation matches when the predicate is equal and both ends match; amounts and
years are scored on the matched relations.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import KGError


def norm(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", str(name)).split())


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Score:
    entities: dict[str, PRF] = field(default_factory=dict)
    relations: dict[str, PRF] = field(default_factory=dict)
    amount_total: int = 0
    amount_correct: int = 0
    year_total: int = 0
    year_correct: int = 0
    misses: list[str] = field(default_factory=list)  # human-readable FN/FP lines

    def micro(self, which: str) -> PRF:
        total = PRF()
        for prf in getattr(self, which).values():
            total.add(prf)
        return total

    @property
    def amount_accuracy(self) -> float:
        return self.amount_correct / self.amount_total if self.amount_total else 1.0

    @property
    def year_accuracy(self) -> float:
        return self.year_correct / self.year_total if self.year_total else 1.0

    def merge(self, other: "Score") -> None:
        for attr in ("entities", "relations"):
            mine = getattr(self, attr)
            for k, prf in getattr(other, attr).items():
                mine.setdefault(k, PRF()).add(prf)
        self.amount_total += other.amount_total
        self.amount_correct += other.amount_correct
        self.year_total += other.year_total
        self.year_correct += other.year_correct
        self.misses += other.misses


def score_document(gold: dict, pred: dict) -> Score:
    score = Score()
    doc = gold.get("doc", "")
    # --- entities
    gold_ids: dict[tuple[str, str], int] = {}  # (type, normalised surface) -> gold index
    name_to_gold: dict[str, int] = {}
    for i, e in enumerate(gold["entities"]):
        for n in [e["name"], *e.get("aliases", [])]:
            gold_ids.setdefault((e["type"], norm(n)), i)
            name_to_gold.setdefault(norm(n), i)
    matched: set[int] = set()
    pred_to_gold: dict[str, int] = {}
    for e in pred["entities"]:
        prf = score.entities.setdefault(e["type"], PRF())
        gi = None
        for n in [e["name"]]:
            cand = gold_ids.get((e["type"], norm(n)))
            if cand is not None and cand not in matched:
                gi = cand
        if gi is None:
            prf.fp += 1
            score.misses.append(f"{doc}\tFP entity\t{e['type']}\t{e['name']}")
        else:
            matched.add(gi)
            prf.tp += 1
            pred_to_gold[norm(e["name"])] = gi
    for i, e in enumerate(gold["entities"]):
        score.entities.setdefault(e["type"], PRF())
        if i not in matched:
            score.entities[e["type"]].fn += 1
            score.misses.append(f"{doc}\tFN entity\t{e['type']}\t{e['name']}")

    # --- relations
    def end_key(name: str, literal: bool) -> str:
        if literal:
            return "lit:" + norm(name)
        gi = name_to_gold.get(norm(name))
        return f"g{gi}" if gi is not None else "x:" + norm(name)

    def key(r: dict) -> tuple:
        return (end_key(r["s"], False), r["p"], end_key(r["o"], r["p"] == "hasTitle"))

    gold_rels: dict[tuple, list[dict]] = {}
    for r in gold["relations"]:
        gold_rels.setdefault(key(r), []).append(r)
    seen: Counter = Counter()
    for r in pred["relations"]:
        prf = score.relations.setdefault(r["p"], PRF())
        k = key(r)
        bucket = gold_rels.get(k, [])
        if seen[k] < len(bucket):
            g = bucket[seen[k]]
            seen[k] += 1
            prf.tp += 1
            if "amount_yuan" in g:
                score.amount_total += 1
                if r.get("amount_yuan") is not None and abs(float(r["amount_yuan"]) - float(g["amount_yuan"])) < 0.5:
                    score.amount_correct += 1
                else:
                    score.misses.append(f"{doc}\tAMOUNT\t{g['s']} {g['p']} {g['o']}\tgold={g['amount_yuan']} pred={r.get('amount_yuan')}")
            if "year" in g:
                score.year_total += 1
                if r.get("year") == g["year"]:
                    score.year_correct += 1
        else:
            prf.fp += 1
            score.misses.append(f"{doc}\tFP relation\t{r['s']} {r['p']} {r['o']}")
    for k, bucket in gold_rels.items():
        for g in bucket[seen[k]:]:
            score.relations.setdefault(g["p"], PRF()).fn += 1
            score.misses.append(f"{doc}\tFN relation\t{g['s']} {g['p']} {g['o']}")
    return score


def load_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KGError(f"{path}: not a readable annotation JSON ({exc})") from exc


def score_dirs(gold_dir: str | Path, predictions: dict[str, dict]) -> Score:
    """Score predictions (doc stem -> JSON) against every gold file of a folder."""
    total = Score()
    gold_files = sorted(Path(gold_dir).glob("*.json"))
    if not gold_files:
        raise KGError(f"{gold_dir}: no gold *.json files found")
    for gf in gold_files:
        gold = load_json(gf)
        pred = predictions.get(gf.stem, {"entities": [], "relations": []})
        total.merge(score_document(gold, pred))
    return total


def format_score(score: Score) -> str:
    lines = [f"{'':22}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]

    def row(label: str, prf: PRF) -> str:
        return f"{label:22}{prf.precision:7.3f}{prf.recall:7.3f}{prf.f1:7.3f}{prf.tp:6d}{prf.fp:6d}{prf.fn:6d}"

    lines.append("entities")
    for t, prf in sorted(score.entities.items()):
        lines.append(row("  " + t, prf))
    lines.append(row("  micro", score.micro("entities")))
    lines.append("relations")
    for p, prf in sorted(score.relations.items()):
        lines.append(row("  " + p, prf))
    lines.append(row("  micro", score.micro("relations")))
    lines.append(f"amount accuracy {score.amount_accuracy:.3f} ({score.amount_correct}/{score.amount_total})")
    lines.append(f"year accuracy   {score.year_accuracy:.3f} ({score.year_correct}/{score.year_total})")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- resolution


@dataclass(frozen=True)
class AlignedMention:
    """One entity of one article, aligned to a gold identity and a system node.

    `gold` is the gold identity: its type and normalised canonical name (the
    same canonical name in two gold files is the same real entity); `node` is
    the key the resolver gave the article's entity.
    """

    doc: str
    name: str
    gold: tuple[str, str]
    node: str


@dataclass
class ResolutionScore:
    """How well system nodes match gold identities across articles.

    B-cubed over the aligned mentions: a mention's precision is the share of
    the mentions in its node that belong to its gold identity; its recall the
    share of its gold identity's mentions that are in its node. A mention is
    one entity of one article (the gold lists entities, not spans), so an
    entity named in five articles weighs five, however often each names it.
    A cross-article identity is a gold identity aligned in two or more
    articles; it is resolved exactly when all its mentions share one node
    that holds no other gold identity.
    """

    mentions: int = 0
    b3_precision: float = 1.0
    b3_recall: float = 1.0
    cross_article: list[tuple[str, str]] = field(default_factory=list)
    cross_article_exact: list[tuple[str, str]] = field(default_factory=list)
    merged: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # node -> gold identities
    split: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # gold identity -> nodes

    @property
    def b3_f1(self) -> float:
        p, r = self.b3_precision, self.b3_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def cross_article_accuracy(self) -> float:
        return len(self.cross_article_exact) / len(self.cross_article) if self.cross_article else 1.0


def _gold_index(gold: dict) -> dict[tuple[str, str], tuple[str, str]]:
    """(type, normalised surface) -> gold identity, for one gold file."""
    index: dict[tuple[str, str], tuple[str, str]] = {}
    for e in gold["entities"]:
        identity = (e["type"], norm(e["name"]))
        for n in [e["name"], *e.get("aliases", [])]:
            index.setdefault((e["type"], norm(n)), identity)
    return index


def align_article(doc: str, gold: dict, entities: list[tuple[str, str, list[str], str]]) -> list[AlignedMention]:
    """Align one article's system entities to its gold entities by name, then alias.

    `entities` holds (type, name, aliases, node key) per system entity. An
    entity that matches no gold entity of its type is left out: missing or
    spurious entities are extraction errors, scored by `score_document`.

    Examples
    --------
    >>> gold = {"entities": [{"type": "Union", "name": "陕西省总工会", "aliases": ["省总工会"]}]}
    >>> [m.gold for m in align_article("a.txt", gold, [("Union", "省总工会", [], "union/61")])]
    [('Union', '陕西省总工会')]
    """
    index = _gold_index(gold)
    out = []
    for etype, name, aliases, node in entities:
        for n in [name, *aliases]:
            identity = index.get((etype, norm(n)))
            if identity is not None:
                out.append(AlignedMention(doc, name, identity, node))
                break
    return out


def score_resolution(mentions: list[AlignedMention]) -> ResolutionScore:
    """B-cubed precision/recall, wrong merges, splits and cross-article identities.

    Examples
    --------
    >>> ms = [AlignedMention("a", "省总工会", ("Union", "陕西省总工会"), "union/x1"),
    ...       AlignedMention("b", "省总工会", ("Union", "四川省总工会"), "union/x1")]
    >>> s = score_resolution(ms)
    >>> s.merged
    {'union/x1': [('Union', '四川省总工会'), ('Union', '陕西省总工会')]}
    >>> round(s.b3_precision, 2), s.b3_recall
    (0.5, 1.0)
    """
    score = ResolutionScore(mentions=len(mentions))
    if not mentions:
        return score
    by_node: dict[str, Counter] = {}
    by_gold: dict[tuple[str, str], Counter] = {}
    docs_of_gold: dict[tuple[str, str], set[str]] = {}
    for m in mentions:
        by_node.setdefault(m.node, Counter())[m.gold] += 1
        by_gold.setdefault(m.gold, Counter())[m.node] += 1
        docs_of_gold.setdefault(m.gold, set()).add(m.doc)
    precision = recall = 0.0
    for m in mentions:
        both = by_node[m.node][m.gold]
        precision += both / sum(by_node[m.node].values())
        recall += both / sum(by_gold[m.gold].values())
    score.b3_precision = precision / len(mentions)
    score.b3_recall = recall / len(mentions)
    score.merged = {node: sorted(golds) for node, golds in sorted(by_node.items()) if len(golds) > 1}
    score.split = {g: sorted(nodes) for g, nodes in sorted(by_gold.items()) if len(nodes) > 1}
    for g in sorted(docs_of_gold):
        if len(docs_of_gold[g]) < 2:
            continue
        score.cross_article.append(g)
        nodes = by_gold[g]
        if len(nodes) == 1 and len(by_node[next(iter(nodes))]) == 1:
            score.cross_article_exact.append(g)
    return score


def format_resolution(score: ResolutionScore, node_names: dict[str, str] | None = None) -> str:
    """The resolution score as text: totals, then every wrong merge and split."""
    names = node_names or {}
    lines = [
        "resolution",
        f"  aligned mentions            {score.mentions}",
        f"  cross-article identities    {len(score.cross_article_exact)}/{len(score.cross_article)} exact "
        f"({score.cross_article_accuracy:.3f})",
        f"  nodes holding several gold  {len(score.merged)}",
        f"  identities split            {len(score.split)}",
        f"  B-cubed P {score.b3_precision:.4f}  R {score.b3_recall:.4f}  F1 {score.b3_f1:.4f}",
    ]
    for node, golds in score.merged.items():
        label = f"{node} ({names[node]})" if node in names else node
        lines.append(f"  MERGE {label}: " + ", ".join(f"{t} {n}" for t, n in golds))
    for (t, n), nodes in score.split.items():
        lines.append(f"  SPLIT {t} {n}: " + ", ".join(f"{k} ({names[k]})" if k in names else k for k in nodes))
    return "\n".join(lines)


def resolution_of(golds: list[tuple[str, dict]], extractions: list) -> ResolutionScore:
    """Resolve every article's entities and score the nodes against the gold.

    `golds` pairs each article's file name with its gold JSON, `extractions`
    are the articles' extractions in the same order.
    """
    from .resolve import article_keys

    mentions: list[AlignedMention] = []
    for (doc, gold), x in zip(golds, extractions):
        keys = article_keys(x)
        ents = [(e.type, e.name, list(e.aliases), keys[e.name]) for e in x.entities if e.name in keys]
        mentions += align_article(doc, gold, ents)
    return score_resolution(mentions)


def gold_articles(gold_dir: str | Path, corpus: str | Path) -> list[tuple[Path, dict, Path]]:
    """Each gold file of a folder with its JSON and the article file it annotates.

    Raises `KGError` naming the gold file whose article is not in `corpus`.
    """
    gold_files = sorted(Path(gold_dir).glob("*.json"))
    if not gold_files:
        raise KGError(f"{gold_dir}: no gold *.json files found")
    out = []
    for g in gold_files:
        gold = load_json(g)
        path = Path(corpus) / (gold.get("doc") or f"{g.stem}.txt")
        if not path.is_file():
            raise KGError(f"{path}: the article of gold file {g} was not found; pass --corpus")
        out.append((g, gold, path))
    return out


def parse_gold_pair(text: str) -> tuple[Path, Path]:
    """``GOLD_DIR:CORPUS_DIR`` as two paths; a clear error otherwise."""
    gold, sep, corpus = text.rpartition(":")
    if not sep or not gold or not corpus:
        raise KGError(f"{text}: expected GOLD_DIR:CORPUS_DIR (a gold folder and the folder of its articles)")
    for p in (gold, corpus):
        if not Path(p).is_dir():
            raise KGError(f"{p}: no such folder (in --also {text})")
    return Path(gold), Path(corpus)
