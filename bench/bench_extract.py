"""Extraction quality on a gold folder and throughput next to jieba.lcut.

Run: python bench/bench_extract.py [CORPUS_DIR] [GOLD_DIR] [--repeat N]
(default ../shared/corpus/dev and ../shared/eval/gold-dev, the set issue 10
measures speed on; N defaults to 7).

Prints the ANNOTATION.md scores, then extraction and jieba.lcut throughput
on the same cleaned text in the same run: CPU time of this process
(`time.process_time`, less sensitive to other work on the machine) and wall
time, each the best of N runs, with the ratio extraction / jieba (the
target is a ratio of at least 1).  Last, the share of extraction CPU time
spent in each component (one more run with the components wrapped in
timers).  The gazetteer automaton is built before timing (a one-off cost,
printed).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import kg.extract as extraction  # noqa: E402
import kg.extract.relations as relations  # noqa: E402
from kg.evaluate import format_score, score_dirs  # noqa: E402
from kg.ingest import read_folder  # noqa: E402

# (module, function name, component): the steps of `extract`, in order
COMPONENTS = (
    (extraction, "find_places", "places"),
    (extraction, "find_organisations", "bodies"),
    (extraction, "find_unions", "bodies"),
    (extraction, "_name_work_teams", "bodies"),
    (extraction, "find_people", "people"),
    (extraction, "find_programmes", "programmes"),
    (extraction, "_entities", "entities"),
    (extraction, "typed_doc", "doc (structure, amounts, times)"),
    (relations, "Sentences", "relations: structure"),
    (relations, "based_in", "relations: structure"),
    (relations, "part_of", "relations: structure"),
    (relations, "sub_organisation", "relations: structure"),
    (relations, "posts_and_titles", "relations: posts"),
    (relations, "assists_by_cue", "relations: assists"),
    (relations, "runs_and_located", "relations: runs/locatedIn"),
    (relations, "run_rules", "relations: rule rows"),
    (relations, "titles_before_names", "relations: titles"),
    (relations, "_dedupe", "relations: dedupe"),
)


def best_of(fn, repeat: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of `fn`, each the least of `repeat` runs."""
    cpu, wall = [], []
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return min(cpu), min(wall)


def _timed(spent: dict[str, float], name: str, fn):
    def wrapper(*args, **kwargs):
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - t0

    return wrapper


def component_shares(articles, repeat: int = 3) -> tuple[float, dict[str, float]]:
    """(extraction CPU seconds, seconds per component) of the fastest of
    `repeat` runs with the components wrapped in timers."""
    originals = [(mod, name, getattr(mod, name)) for mod, name, _ in COMPONENTS]
    best: tuple[float, dict[str, float]] | None = None
    try:
        for _ in range(repeat):
            spent = dict.fromkeys((c for _, _, c in COMPONENTS), 0.0)
            for (mod, name, fn), (_, _, comp) in zip(originals, COMPONENTS):
                setattr(mod, name, _timed(spent, comp, fn))
            t0 = time.process_time()
            for a in articles:
                extraction.extract(a)
            total = time.process_time() - t0
            if best is None or total < best[0]:
                best = (total, spent)
    finally:
        for mod, name, fn in originals:
            setattr(mod, name, fn)
    return best


def print_shares(total: float, spent: dict[str, float]) -> None:
    print(f"\nshare of extraction CPU time by component (timed run, {total:.3f} s):")
    rest = total - sum(spent.values())
    for comp, sec in [*spent.items(), ("other (extract glue)", rest)]:
        print(f"  {comp:32s} {100 * sec / total:5.1f} %  {1000 * sec:8.1f} ms")


def _args(argv: list[str]) -> tuple[Path, Path, int]:
    repeat = 7
    if "--repeat" in argv:
        k = argv.index("--repeat")
        repeat = int(argv[k + 1])
        argv = argv[:k] + argv[k + 2 :]
    corpus = Path(argv[0]) if argv else ROOT.parent / "shared" / "corpus" / "dev"
    gold = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "eval" / "gold-dev"
    return corpus, gold, repeat


def main() -> None:
    corpus, gold, repeat = _args(sys.argv[1:])
    t0 = time.perf_counter()
    extraction.warm_up()
    print(f"gazetteer automaton built in {time.perf_counter() - t0:.2f} s (once per process)")

    articles = read_folder(corpus).articles
    if not articles:
        sys.exit(f"no articles in {corpus}")
    preds = {Path(a.path).stem: extraction.extract(a).to_json() for a in articles}
    if gold.is_dir():
        print(format_score(score_dirs(gold, preds)))

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)
    x_cpu, x_wall = best_of(lambda: [extraction.extract(a) for a in articles], repeat)
    j_cpu, j_wall = best_of(lambda: [jieba.lcut(t) for t in texts], repeat)
    print(f"\ntext: {len(articles)} articles, {chars} characters (cleaned); best of {repeat} runs")
    print(f"{'':12s} {'CPU chars/s':>14s} {'wall chars/s':>14s}")
    print(f"{'extraction':12s} {chars / x_cpu:14,.0f} {chars / x_wall:14,.0f}")
    print(f"{'jieba.lcut':12s} {chars / j_cpu:14,.0f} {chars / j_wall:14,.0f}")
    print(f"ratio extraction / jieba = {j_cpu / x_cpu:.2f}x (CPU), {j_wall / x_wall:.2f}x (wall)")
    print_shares(*component_shares(articles))


if __name__ == "__main__":
    main()
