"""Files go to the workers in chunks and come back one by one, in order, each
with its own result or error; a worker that dies loses only the file it died on."""

from __future__ import annotations

import os
import shutil
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from kg.errors import InputFileError
from kg.pipeline import iter_extractions, map_files


def _double_but_die_on_13(x: int) -> int:
    if x == 13:
        os._exit(3)  # as a worker killed by the OOM killer
    if x == 5:
        raise ValueError("five is refused")
    return 2 * x


def _no_warm_up() -> None:
    pass


def test_chunks_keep_order_and_a_dead_worker_loses_only_its_item():
    items = list(range(40))
    got = list(map_files(_double_but_die_on_13, items, workers=2, chunk=8, warm=_no_warm_up))
    assert [item for item, _ in got] == items
    results = dict(got)
    assert isinstance(results[13], BrokenProcessPool)
    assert isinstance(results[5], ValueError) and "five" in str(results[5])
    assert {x: r for x, r in results.items() if x not in (5, 13)} == {x: 2 * x for x in items if x not in (5, 13)}


def _raise_input_error(x: int) -> int:
    if x == 2:
        raise InputFileError(f"file-{x}.txt", "cannot be read")  # an exception that does not unpickle
    return x


def test_an_exception_that_does_not_pickle_comes_back_as_its_message():
    got = dict(map_files(_raise_input_error, list(range(6)), workers=2, chunk=3, warm=_no_warm_up))
    assert isinstance(got[2], Exception) and "file-2.txt: cannot be read" in str(got[2])
    assert [got[x] for x in (0, 1, 3, 4, 5)] == [0, 1, 3, 4, 5]


def test_parallel_extraction_names_a_bad_file_like_a_single_process(sample_dir, tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(sample_dir, folder)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    paths = sorted(folder.glob("*.txt"))
    one, two = (list(iter_extractions(paths, workers)) for workers in (1, 2))
    assert [type(r) for r in one] == [type(r) for r in two]
    bad = [r for r in two if isinstance(r, InputFileError)]
    assert [Path(e.path).name for e in bad] == ["binary.txt"]
    assert [x.article.id for x in one if not isinstance(x, InputFileError)] == \
           [x.article.id for x in two if not isinstance(x, InputFileError)]


def _pid(x: int) -> int:
    return os.getpid()


def test_workers_are_replaced_after_so_many_files_and_order_is_kept():
    got = list(map_files(_pid, list(range(12)), workers=2, chunk=2, warm=_no_warm_up, recycle=6))
    assert [x for x, _ in got] == list(range(12))
    first, second = {pid for x, pid in got if x < 6}, {pid for x, pid in got if x >= 6}
    assert first and second and not first & second
