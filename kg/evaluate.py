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
