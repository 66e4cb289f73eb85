"""Time spent finding people, bodies and programmes, next to jieba.lcut.

Run: python bench/bench_mentions.py [CORPUS_DIR]   (default ../shared/corpus/dev)

Extracts every article of the folder (best of 5 runs, CPU time of this
process, so that other work on the machine weighs less) with the mention
finders of kg.extract wrapped in timers, and prints for each finder its
share of the extraction time and its throughput, the whole extraction's,
and jieba.lcut's on the same cleaned text in the same run, with the ratio
extraction / jieba (the speed target of issue 10 is a ratio of at least 1).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg.extract as extraction  # noqa: E402
from kg.ingest import read_folder  # noqa: E402

FINDERS = ("find_people", "find_organisations", "find_unions", "find_programmes")


def timed(spent: dict[str, float], name: str, fn):
    def wrapper(*args, **kwargs):
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - t0

    return wrapper


def best_run(articles, repeat: int = 5) -> tuple[float, dict[str, float]]:
    """(extraction seconds, seconds per finder) of the fastest of `repeat` runs."""
    best: tuple[float, dict[str, float]] | None = None
    originals = {name: getattr(extraction, name) for name in FINDERS}
    try:
        for _ in range(repeat):
            spent = dict.fromkeys(FINDERS, 0.0)
            for name, fn in originals.items():
                setattr(extraction, name, timed(spent, name, fn))
            t0 = time.process_time()
            for a in articles:
                extraction.extract(a)
            total = time.process_time() - t0
            if best is None or total < best[0]:
                best = (total, spent)
    finally:
        for name, fn in originals.items():
            setattr(extraction, name, fn)
    return best


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "dev"
    articles = read_folder(corpus).articles
    if not articles:
        sys.exit(f"{corpus}: no articles")
    extraction.warm_up()
    for a in articles:  # load the tables and word lists once
        extraction.extract(a)
    chars = sum(len(a.text) for a in articles)
    total, spent = best_run(articles)

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    t_jieba = min(_timed_jieba([a.text for a in articles]) for _ in range(5))
    print(f"{len(articles)} articles, {chars} characters (cleaned); best of 5 runs")
    print(f"{'finder':22}{'ms':>9}{'share':>8}{'chars/s':>14}")
    for name in FINDERS:
        print(f"{name:22}{spent[name] * 1000:9.1f}{spent[name] / total:8.1%}{chars / spent[name]:14,.0f}")
    mentions = sum(spent.values())
    print(f"{'all four':22}{mentions * 1000:9.1f}{mentions / total:8.1%}{chars / mentions:14,.0f}")
    print(f"{'extraction':22}{total * 1000:9.1f}{1:8.1%}{chars / total:14,.0f}")
    print(f"{'jieba.lcut':22}{t_jieba * 1000:9.1f}{'':8}{chars / t_jieba:14,.0f}")
    print(f"ratio extraction / jieba = {t_jieba / total:.2f}x")


def _timed_jieba(texts) -> float:
    import jieba

    t0 = time.process_time()
    for t in texts:
        jieba.lcut(t)
    return time.process_time() - t0


if __name__ == "__main__":
    main()
