"""Extraction quality on the seed gold and throughput next to jieba.lcut.

Run: python bench/bench_extract.py [SEEDS_DIR] [GOLD_DIR]

Prints the ANNOTATION.md scores, then extraction chars/s and jieba.lcut
chars/s measured on the same cleaned text in the same run, and their ratio.
The gazetteer automaton is built before timing (a one-off cost, printed).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate import format_score, score_dirs  # noqa: E402
from kg.extract import extract, warm_up  # noqa: E402
from kg.ingest import read_folder  # noqa: E402


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "seeds"
    gold = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT.parent / "shared" / "eval" / "gold"
    t0 = time.perf_counter()
    warm_up()
    print(f"gazetteer automaton built in {time.perf_counter() - t0:.2f} s (once per process)")

    articles = read_folder(seeds).articles
    if not articles:
        sys.exit(f"no articles in {seeds}")
    preds = {Path(a.path).stem: extract(a).to_json() for a in articles}
    if gold.is_dir():
        print(format_score(score_dirs(gold, preds)))

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)
    repeat = 5
    t_extract = best_of(lambda: [extract(a) for a in articles], repeat)
    t_jieba = best_of(lambda: [jieba.lcut(t) for t in texts], repeat)
    print(f"\ntext: {len(articles)} articles, {chars} characters (cleaned); best of {repeat} runs")
    print(f"extraction   {chars / t_extract:12,.0f} chars/s")
    print(f"jieba.lcut   {chars / t_jieba:12,.0f} chars/s")
    print(f"ratio extraction / jieba = {t_jieba / t_extract:.2f}x")


if __name__ == "__main__":
    main()
