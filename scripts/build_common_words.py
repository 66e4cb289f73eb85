"""List the gazetteer short forms that are also ordinary Chinese words.

比如 (a county in Tibet), 合作 (a city in Gansu), 保定 (a verb as well as a
city): such a short form is only taken as a place with strong support (its
full name in the article, a union word after it, or a place inside it right
after it).  Source of "ordinary word": jieba's dictionary (MIT licence), by
part of speech: verbs, adjectives, numerals, conjunctions, localisers and
time words, plus very frequent common nouns.

Run: python scripts/build_common_words.py  (needs the dev extra: jieba)
Writes kg/data/common_word_short_forms.txt, one form per line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from kg.gazetteer import load_gazetteer  # noqa: E402

WORD_TAGS = {"v", "vn", "vd", "a", "ad", "an", "f", "m", "c", "d", "t", "p", "q", "r", "u", "l", "i"}
FREQUENT_NOUN = 5000


def main() -> None:
    words = {}
    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as fh:
        for line in fh:
            word, freq, tag = line.split()
            words[word] = (int(freq), tag)
    forms = set()
    for surface, full in load_gazetteer().surfaces():
        if full or surface not in words:
            continue
        freq, tag = words[surface]
        if tag in WORD_TAGS or (tag == "n" and freq >= FREQUENT_NOUN):
            forms.add(surface)
    out = ROOT / "kg" / "data" / "common_word_short_forms.txt"
    out.write_text("\n".join(sorted(forms)) + "\n", encoding="utf-8")
    print(f"wrote {len(forms)} forms to {out}")


if __name__ == "__main__":
    main()
