"""List the common two-character words that tell where a person's name ends.

After a post with no speech verb behind the name (村委会主任赵海林患有…),
the reading of the name is decided by the words around it: a common word
starting right after two characters (李明|来到) makes the name two
characters long, else it is three; and a slot whose first two characters
are a common word (村民|高兴地说) holds no name.  Source of "common word": jieba's dictionary
(MIT licence), two-character entries with a frequency of at least
MIN_FREQ that are not tagged as names of people, places or organisations.

The same words tell where a body's name starts: a verb written before it
(积极|对接某某公司, 响应|总公司) is not part of the name, so each word keeps
jieba's part of speech.

Run: python scripts/build_name_words.py  (needs the dev extra: jieba)
Writes kg/data/name_boundary_words.tsv, `word<TAB>tag` per line, sorted.
"""

from __future__ import annotations

import os
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kg" / "data" / "name_boundary_words.tsv"
MIN_FREQ = 100
NAME_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz"}


def common_words(dict_path: str, min_freq: int = MIN_FREQ) -> list[tuple[str, str]]:
    """(word, tag) of the two-character words of `dict_path` (jieba's
    format: word freq tag)."""
    out = {}
    with open(dict_path, encoding="utf-8") as fh:
        for line in fh:
            word, freq, tag = line.split()
            if len(word) == 2 and int(freq) >= min_freq and tag not in NAME_TAGS:
                out.setdefault(word, tag)
    return sorted(out.items())


def main() -> None:
    words = common_words(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"))
    OUT.write_text("".join(f"{w}\t{t}\n" for w, t in words), encoding="utf-8")
    print(f"{OUT}: {len(words)} words")


if __name__ == "__main__":
    main()
