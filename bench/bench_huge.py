"""Is extraction linear in text length?  One huge article at two sizes.

Run: python bench/bench_huge.py [SMALL_MB] [LARGE_MB]   (default 1 and 5)

Writes one synthetic article of each size (bench/make_corpus.py paragraphs,
real divisions, no report sentences), times `pipeline.extract_file` on each
(read, clean, extract) and prints the seconds and the ratio of the times
next to the ratio of the sizes: linear time gives about the same ratio.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import Places, article  # noqa: E402

from kg.pipeline import extract_file, warm_up  # noqa: E402


def huge_article(megabytes: float, folder: Path) -> Path:
    rng = random.Random(7)
    places = Places(rng)
    parts, size = [], 0
    while size < megabytes * 1e6:
        text = article(rng, places, 3000)
        parts.append(text)
        size += len(text.encode("utf-8"))
    path = folder / f"huge-{megabytes:g}MB.txt"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def main() -> None:
    small, large = (float(a) for a in (sys.argv[1:3] if len(sys.argv) > 2 else ("1", "5")))
    warm_up()
    folder = Path(tempfile.mkdtemp())
    times = {}
    for mb in (small, large):
        path = huge_article(mb, folder)
        t0 = time.perf_counter()
        x = extract_file(path, max_bytes=None)
        times[mb] = time.perf_counter() - t0
        print(f"{mb:g} MB ({len(x.article.text):,} chars): {times[mb]:.1f} s, "
              f"{len(x.article.text) / times[mb]:,.0f} chars/s, {len(x.relations):,} relations", flush=True)
    print(f"size ratio {large / small:.1f}, time ratio {times[large] / times[small]:.2f}")


if __name__ == "__main__":
    main()
