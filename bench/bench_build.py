"""Build benchmark: streaming `kg build` against extraction alone, on synthetic corpora.

Run: python bench/bench_build.py [N ...] [--workers=W] [--dir=FOLDER]

For each N (default 1000 10000) it writes N articles with
bench/make_corpus.py (kept in FOLDER/corpus-N for the next run), then in
one run prints:

* extract-only: every article read and extracted on W processes, nothing
  written (what `kg extract` costs without the JSON);
* build: `kg build --no-html -j W` into a fresh Oxigraph store, in a
  subprocess; wall time, articles/s, chars/s, peak RSS and peak PSS of the
  whole process tree (coordinator and workers, sampled every 0.1 s; RSS
  counts the pages the forked workers share once per process, PSS once), quads;
* the ratio build / extract-only, in wall time and in CPU time (the CPU
  seconds of the whole process tree, coordinator threads and workers: less
  at the mercy of other processes on a shared machine than wall time);
* trace latency on the built store, as `kg trace` runs it (bench/bench_query.py's
  `trace_latency`): median over 20 donors and the busiest donor, for the whole
  trace and for the first page `kg trace` prints.

The machine is shared: figures are from one run, ratios are what to compare.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXTRACT_ONLY = """
import sys, time
from pathlib import Path
from kg.pipeline import article_files, iter_extractions
paths, _ = article_files(sys.argv[1])
t0 = time.perf_counter()
chars = sum(len(x.article.text) for x in iter_extractions(paths, int(sys.argv[2])) if hasattr(x, "article"))
print(time.perf_counter() - t0, chars)
"""


def tree_rss(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process and its children, in bytes ((0, 0) once it has gone).

    RSS counts the pages forked workers share with the coordinator (the
    gazetteer, the lexicons) once per process; PSS splits them between the
    processes sharing them, so it is what the tree really takes.
    """
    import psutil

    try:
        procs = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
        rss = sum(p.memory_info().rss for p in procs)
        pss = sum(getattr(p.memory_full_info(), "pss", 0) for p in procs)
        return rss, pss
    except psutil.Error:
        return 0, 0


def children_cpu() -> float:
    """CPU seconds of the finished children of this process (and theirs, once waited for)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(cmd: list[str], cwd: Path | None = None) -> tuple[float, tuple[int, int], str]:
    """(wall seconds, (peak RSS, peak PSS) bytes of the tree, stdout) of a command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = (0, 0)
    out: list[str] = []
    import threading

    reader = threading.Thread(target=lambda: out.append(proc.stdout.read()))
    reader.start()
    while proc.poll() is None:
        peak = tuple(max(a, b) for a, b in zip(peak, tree_rss(proc.pid)))
        time.sleep(0.1)
    reader.join()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{''.join(out)[-3000:]}")
    return time.perf_counter() - t0, peak, "".join(out)


def trace_latencies(store_path: Path) -> tuple[tuple[float, float, str], tuple[float, float, str]]:
    """bench_query's trace figures (median over 20 donors, busiest donor, its name; ms) for the
    whole trace (`kg trace --limit 0`) and for the first page `kg trace` prints (`--limit 50`)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_query import _DONORS, trace_latency
    from kg.store import OxigraphStore

    store = OxigraphStore(store_path)
    try:
        donors = store.query(_DONORS).rows
        return trace_latency(store, donors=donors), trace_latency(store, limit=50, donors=donors)
    finally:
        store.close()


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    sizes = [int(a) for a in args] or [1000, 10000]
    workers = int(opts.get("workers", len(os.sched_getaffinity(0))))
    base = Path(opts.get("dir", "/tmp/unionkg-bench"))
    print(f"workers: {workers}; cores: {os.cpu_count()} (shared machine: one run, compare ratios)")
    header = ("articles", "chars", "extract s", "build s", "build/extract", "extract CPU s", "build CPU s", "CPU ratio",
              "articles/s", "chars/s", "peak RSS MB", "peak PSS MB", "quads", "trace median ms", "busiest ms",
              "page-1 trace median ms", "page-1 busiest ms")
    rows = []
    for n in sizes:
        corpus = base / f"corpus-{n}"
        if not corpus.is_dir():
            subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(n), str(corpus)], check=True)
        cpu0 = children_cpu()
        t_extract, _, out = run_measured([sys.executable, "-c", EXTRACT_ONLY, str(corpus), str(workers)])
        extract_cpu = children_cpu() - cpu0
        _, chars = (float(x) for x in out.split()[-2:])
        extract_s = t_extract  # wall time, start-up included, as for the build
        store = base / f"store-{n}"
        subprocess.run(["rm", "-rf", str(store), str(base / f"out-{n}")], check=True)
        cpu0 = children_cpu()
        build_s, peak, _ = run_measured([sys.executable, "-c", "from kg.cli import app; app()", "build", str(corpus),
                                         "--store", f"oxigraph:{store}", "--out", str(base / f"out-{n}"), "--no-html",
                                         "-j", str(workers)])
        build_cpu = children_cpu() - cpu0
        from kg.store import OxigraphStore

        s = OxigraphStore(store)
        quads = s.triple_count()
        s.close()
        (median_ms, busiest_ms, busiest), page = trace_latencies(store)
        rows.append((n, int(chars), f"{extract_s:.1f}", f"{build_s:.1f}", f"{build_s / extract_s:.2f}",
                     f"{extract_cpu:.1f}", f"{build_cpu:.1f}", f"{build_cpu / extract_cpu:.2f}",
                     f"{n / build_s:.0f}", f"{chars / build_s:,.0f}", f"{peak[0] / 2**20:.0f}",
                     f"{peak[1] / 2**20:.0f}", f"{quads:,}",
                     f"{median_ms:.0f}", f"{busiest_ms:.0f} ({busiest})",
                     f"{page[0]:.0f}", f"{page[1]:.0f}"))
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print("| " + " | ".join(str(x) for x in r) + " |", flush=True)


if __name__ == "__main__":
    main()
