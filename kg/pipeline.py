"""The pipeline as plain functions: folder -> extractions -> knowledge base.

The CLI and the notebooks both call these; nothing here prints.

Every file is read, extracted and written on its own: whatever goes wrong
with one (unreadable, too large, or a bug in a rule that raises) becomes an
`InputFileError` naming it, and the other files go on.  `build_article` is
the unit of work of the streaming build: a path in, the article's own graph
as N-Quads text and its entities out, small enough to send between
processes (or Dask workers) and computed from that article alone.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import InputFileError
from .extract import extract
from .ingest import article_from_bytes, article_paths
from .model import Extraction

Progress = Callable[[Path], None]

DEFAULT_MAX_BYTES = 5_000_000  # a long report is ~10 kB; 5 MB is a book, or a mistake


def sample_corpus_dir() -> Path:
    """The bundled sample corpus (short articles written for this project)."""
    return Path(str(resources.files("kg") / "sample_corpus"))


# ----------------------------------------------------------------------------- one file


def read_limited(path: str | Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, refused by name when it is larger than `max_bytes` (None: no limit)."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputFileError(p, f"{size:,} bytes is over the limit of {max_bytes:,} bytes per file "
                                    "(raise it with --max-bytes)")
        return p.read_bytes()
    except OSError as exc:
        raise InputFileError(p, f"cannot be read ({exc.strerror or exc})") from exc


def extract_file(path: str | Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Extraction:
    """Read, clean and extract one file; any failure is an `InputFileError` naming it.

    Examples
    --------
    >>> extract_file("/no/such/file.txt")
    Traceback (most recent call last):
    ...
    kg.errors.InputFileError: /no/such/file.txt: cannot be read (No such file or directory)
    """
    try:
        return extract_article(article_from_bytes(read_limited(path, max_bytes), str(path)))
    except InputFileError:
        raise
    except Exception as exc:  # a bug in a rule must not stop the other files
        raise InputFileError(path, f"extraction failed ({type(exc).__name__}: {exc}); "
                                   "please report it with the file") from exc


CHUNK_CHARS = 20_000  # several times a long report: ordinary articles are read whole


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """[start, end) stretches of at most about `size` characters, cut at line ends.

    Examples
    --------
    >>> chunk_bounds("甲乙\\n丙丁\\n戊", size=3)
    [(0, 3), (3, 6), (6, 7)]
    """
    bounds, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        bounds.append((start, end))
        start = end
    return bounds


def _shifted(x: Extraction, by: int) -> Extraction:
    from dataclasses import replace

    from .model import Mention

    entities = [replace(e, mentions=[Mention(m.text, m.start + by, m.end + by) for m in e.mentions]) for e in x.entities]
    relations = [replace(r, start=r.start + by, end=r.end + by) for r in x.relations]
    return Extraction(x.article, entities, relations)


def _merged(article, parts: list[Extraction]) -> Extraction:
    """The chunks' extractions as one: an entity named in several chunks is one entity."""
    entities: dict[str, object] = {}
    relations = []
    for part in parts:
        for e in part.entities:
            seen = entities.get(e.name)
            if seen is None:
                entities[e.name] = e
            else:
                seen.mentions.extend(e.mentions)
                seen.aliases.extend(a for a in e.aliases if a not in seen.aliases)
        relations.extend(part.relations)
    return Extraction(article, list(entities.values()), relations)


def extract_article(article) -> Extraction:
    """`extract`, in time linear in the text's length.

    Rules look at sentences and their neighbours, but some steps compare
    mentions across the whole text, which grows faster than the text; a text
    longer than `CHUNK_CHARS` (a book, a whole issue pasted in one file) is
    read in stretches cut at line ends, with every offset shifted back, and
    the stretches' entities merged by name.
    """
    from dataclasses import replace

    if len(article.text) <= CHUNK_CHARS:
        return extract(article)
    parts = []
    for start, end in chunk_bounds(article.text, CHUNK_CHARS):
        piece = replace(article, text=article.text[start:end], to_original=article.to_original[start:end + 1])
        parts.append(_shifted(extract(piece), start))
    return _merged(article, parts)


@dataclass
class ArticleOutcome:
    """What the build needs from one file: its graph, entities and counts, or why it was skipped."""

    path: str
    article_id: str = ""
    nquads: str = ""  # the article's named graph
    entities: list = field(default_factory=list)  # resolve.KBEntity, resolved from this article alone
    entity_counts: dict = field(default_factory=dict)
    relation_counts: dict = field(default_factory=dict)
    chars: int = 0
    problem: str | None = None
    url: str = ""  # the file's absolute path, as the article graph's schema:url has it
    pairing_rows: list | None = None  # None: not made by a worker; the graph's rows of the pairing table (kg.pairing_index.article_rows)

    @property
    def ok(self) -> bool:
        return self.problem is None


def outcome_of(x: Extraction) -> ArticleOutcome:
    """One extraction resolved alone and written as its article's graph."""
    from .rdf import article_nquads
    from .resolve import resolve

    kb = resolve([x])
    meta = kb.articles[x.article.id]
    entities = list(kb.entities.values())
    for e in entities:
        e.articles = set()  # not needed downstream, and it would grow with the corpus
    url = Path(x.article.path).resolve().as_posix()
    return ArticleOutcome(
        path=x.article.path, article_id=x.article.id, nquads=article_nquads(meta, kb.facts, url), entities=entities,
        pairing_rows=_pairing_rows(meta, kb.facts),
        entity_counts=dict(Counter(e.type for e in x.entities)),
        relation_counts=dict(Counter(r.p for r in x.relations)), chars=len(x.article.text), url=url)


def _pairing_rows(meta, facts) -> list:
    """The article graph's rows of the pairing table, made here beside the graph so the coordinator only inserts them."""
    from .pairing_index import article_rows

    return article_rows(meta, facts)


def build_article(path: str | Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> ArticleOutcome:
    """The build's unit of work: one file to its graph, never raising.

    Examples
    --------
    >>> build_article("/no/such/file.txt").problem
    'cannot be read (No such file or directory)'
    """
    try:
        return outcome_of(extract_file(path, max_bytes))
    except InputFileError as exc:
        return ArticleOutcome(str(path), problem=exc.problem)
    except Exception as exc:  # resolution or writing
        return ArticleOutcome(str(path), problem=f"could not be written ({type(exc).__name__}: {exc})")


_WARM_UP_TEXT = "北京市总工会到河北省阜平县走访。"


def warm_up() -> None:
    """Load the gazetteer and lexicons once, so forked workers share them instead of each loading them."""
    extract(article_from_bytes(_WARM_UP_TEXT.encode("utf-8"), "<warm-up>"))


def warm_up_build() -> None:
    """`warm_up`, and the resolver's tables (the ontology's campaigns too), pinyin and the RDF
    writer (what a build's workers use)."""
    from .resolve import campaigns

    outcome_of(extract(article_from_bytes(_WARM_UP_TEXT.encode("utf-8"), "<warm-up>")))
    campaigns()


# ----------------------------------------------------------------------------- many files


def ordered_map(fn: Callable, items: Iterable, submit: Callable[..., Future] | None,
                window: int = 16) -> Iterator[tuple[object, object]]:
    """(item, fn(item)) in the items' order, at most `window` in flight.

    `submit(fn, item)` returns a future (a process pool's or a Dask client's
    `submit`); None runs in this process.  A result that raised is yielded as
    the exception, so one item never stops the others; bounded in flight, so
    memory does not grow with the number of items.

    Examples
    --------
    >>> [r for _, r in ordered_map(len, ["ab", "c"], None)]
    [2, 1]
    """
    if submit is None:
        for item in items:
            try:
                yield item, fn(item)
            except Exception as exc:
                yield item, exc
        return
    pending: deque[tuple[object, Future]] = deque()
    it = iter(items)
    exhausted = False
    while pending or not exhausted:
        while not exhausted and len(pending) < window:
            try:
                item = next(it)
            except StopIteration:
                exhausted = True
                break
            pending.append((item, submit(fn, item)))
        if not pending:
            break
        item, future = pending.popleft()
        try:
            yield item, future.result()
        except Exception as exc:
            yield item, exc


def apply_each(fn: Callable, items: list) -> list:
    """`fn` over a chunk of items: each result, or the exception it raised (one item never stops the others).

    Examples
    --------
    >>> apply_each(lambda x: 1 // x, [1, 0])
    [1, ZeroDivisionError('integer division or modulo by zero')]
    """
    out = []
    for item in items:
        try:
            out.append(fn(item))
        except Exception as exc:
            out.append(_sendable(exc))
    return out


def _sendable(exc: Exception) -> Exception:
    """The exception, or one with its message, if it would not come back whole from a worker
    (an exception whose arguments are not its constructor's cannot be unpickled).

    Examples
    --------
    >>> _sendable(ValueError("bad"))
    ValueError('bad')
    >>> type(_sendable(ValueError(lambda: 0))).__name__  # a function does not pickle
    'RuntimeError'
    """
    import pickle

    try:
        back = pickle.loads(pickle.dumps(exc))
        if type(back) is type(exc):
            return exc
    except Exception:
        pass
    return RuntimeError(f"{type(exc).__name__}: {exc}")


CHUNK_FILES = 32  # files per task: a task costs ~2-4 ms of IPC and bookkeeping, a file ~10 ms of work


def chunk_size(n_items: int | None, workers: int, most: int = CHUNK_FILES) -> int:
    """Files per task: `most`, or fewer so that a small folder still gives each worker a few tasks.

    Examples
    --------
    >>> chunk_size(10_000, 2), chunk_size(46, 2), chunk_size(3, 2), chunk_size(None, 2)
    (32, 5, 1, 32)
    """
    if n_items is None:
        return most
    return max(1, min(most, n_items // (4 * max(workers, 1))))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class WorkerPool:
    """A process pool that comes back after a worker dies (killed, out of memory).

    The file that was being worked on when a worker died is reported as
    failed and the others are tried again in a fresh pool.
    """

    def __init__(self, workers: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self._new = lambda: ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))
        self.executor = self._new()

    def submit(self, fn, item) -> Future:
        try:
            return self.executor.submit(fn, item)
        except BrokenProcessPool:
            self.restart()
            return self.executor.submit(fn, item)

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def restart_if_broken(self) -> None:
        if getattr(self.executor, "_broken", False):
            self.restart()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _again(fn: Callable, chunk: list, submit: Callable, pool: WorkerPool | None) -> list:
    """The results of a chunk whose task failed as a whole (its worker died, or Dask lost it).

    The chunk is tried once more as a whole (it may have died with another
    chunk's worker); failing again, each item is tried on its own, so only an
    item that kills its worker is lost, as that item's exception.
    """
    if pool is not None:
        pool.restart_if_broken()
    try:
        return submit(partial(apply_each, fn), chunk).result()
    except Exception:
        pass
    results = []
    for item in chunk:
        if pool is not None:
            pool.restart_if_broken()
        try:
            results.append(submit(fn, item).result())
        except Exception as exc:
            results.append(exc)
    if pool is not None:
        pool.restart_if_broken()
    return results


def _freeze_for_fork() -> None:
    """Leave the objects made so far (the gazetteer and lexicons, ~2.5M) out of garbage collection:
    a collection in a forked worker writes to every object it visits, which copies the pages
    the worker shares with the coordinator into the worker, one by one."""
    import gc

    gc.collect()
    gc.freeze()


RECYCLE_FILES = 5_000  # files a process pool's workers take before fresh ones are forked


def map_files(fn: Callable, paths: Iterable[Path], workers: int = 1, submit: Callable | None = None,
              window: int | None = None, warm: Callable[[], None] = warm_up,
              chunk: int | None = None, recycle: int = RECYCLE_FILES) -> Iterator:
    """`fn(path)` for every path in order, on `workers` processes (or a given `submit`).

    Paths go to the workers `chunk` at a time (default: `chunk_size`), one
    task each, and come back one by one in order; `window` is the most tasks
    in flight.  A worker that died takes only its own file with it: the file
    is yielded with a `BrokenProcessPool` error, the pool is started again
    and the rest of its chunk is done again.  After every `recycle` files
    the pool's workers are replaced by fresh forks, so what a worker's heap
    gathers (caches, pages copied from the coordinator) does not grow with
    the corpus.
    """
    pool = WorkerPool(workers) if submit is None and workers > 1 else None
    run = pool.submit if pool is not None else submit
    if run is None:
        yield from ordered_map(fn, paths, None)
        return
    if pool is not None:
        warm()
        _freeze_for_fork()
    size = chunk or chunk_size(len(paths) if hasattr(paths, "__len__") else None, workers if pool else 2)
    window = window or 2 * max(workers, 1)
    try:
        for n, segment in enumerate(_chunks(paths, max(recycle, size) if pool is not None else 1 << 62)):
            if n and pool is not None:
                pool.restart()
            for part, results in ordered_map(partial(apply_each, fn), _chunks(segment, size), pool.submit if pool else run,
                                             window=window):
                if isinstance(results, BaseException) or len(results) != len(part):
                    results = _again(fn, part, pool.submit if pool else run, pool)
                yield from zip(part, results)
    finally:
        if pool is not None:
            pool.close()


def article_files(directory: str | Path) -> tuple[list[Path], list[InputFileError]]:
    """Article files of a folder (recursively, following links) in a stable order,
    and the links that lead nowhere or in a circle, each named.

    Examples
    --------
    >>> import tempfile, os
    >>> d = Path(tempfile.mkdtemp())
    >>> os.symlink(d / "gone.txt", d / "dangling.txt")
    >>> os.symlink(d, d / "loop")
    >>> files, problems = article_files(d)
    >>> files, sorted(Path(p.path).name for p in problems)
    ([], ['dangling.txt', 'loop'])
    """
    from .ingest import ARTICLE_SUFFIXES

    top = Path(directory)
    if top.is_symlink() and not top.exists():
        raise InputFileError(top, f"the link leads nowhere ({_link_problem(top)})")
    if top.is_file():
        return [top], []
    if not top.is_dir():
        raise InputFileError(top, "no such file or folder")
    files: list[Path] = []
    problems: list[InputFileError] = []

    def walk(folder: Path, ancestors: frozenset) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(InputFileError(folder, f"the folder cannot be read ({exc.strerror or exc})"))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink() and not path.exists():
                problems.append(InputFileError(path, f"{_link_problem(path)}; skipped"))
            elif entry.is_dir():
                st = path.stat()
                if (st.st_dev, st.st_ino) in ancestors:
                    problems.append(InputFileError(path, f"a directory loop: the link leads back to {os.path.realpath(path)}; skipped"))
                else:
                    walk(path, ancestors | {(st.st_dev, st.st_ino)})
            elif entry.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES:
                files.append(path)

    st = top.stat()
    walk(top, frozenset({(st.st_dev, st.st_ino)}))
    return sorted(files), problems


def _link_problem(path: Path) -> str:
    import errno

    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that leads back to itself"
    return f"a dangling symbolic link (to {os.readlink(path)}, which does not exist)"


def _extract_or_error(path: Path, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Extraction | tuple[str, str]:
    """The extraction, or (path, problem): an `InputFileError` does not pickle (its arguments are two)."""
    try:
        return extract_file(path, max_bytes)
    except InputFileError as exc:
        return exc.path, exc.problem


def iter_extractions(paths: Iterable[Path], workers: int = 1,
                     max_bytes: int | None = DEFAULT_MAX_BYTES) -> Iterator[Extraction | InputFileError]:
    """Each file's extraction, or the error naming it, in order, as soon as it is done."""

    for path, result in map_files(partial(_extract_or_error, max_bytes=max_bytes), paths, workers):
        if isinstance(result, tuple):
            result = InputFileError(*result)
        elif isinstance(result, BaseException) and not isinstance(result, InputFileError):
            result = InputFileError(path, f"extraction failed ({type(result).__name__}: {result})")
        yield result


@dataclass
class ExtractResult:
    extractions: list[Extraction] = field(default_factory=list)
    errors: list[InputFileError] = field(default_factory=list)


def extract_paths(paths: Iterable[Path], on_file: Progress | None = None, workers: int = 1,
                  max_bytes: int | None = DEFAULT_MAX_BYTES) -> ExtractResult:
    """Read and extract every file; a bad file is recorded, the rest go on."""
    result = ExtractResult()
    paths = list(paths)
    for path, got in zip(paths, iter_extractions(paths, workers, max_bytes)):
        if isinstance(got, InputFileError):
            result.errors.append(got)
        else:
            result.extractions.append(got)
        if on_file is not None:
            on_file(path)
    return result


def extract_folder(directory: str | Path, on_file: Progress | None = None) -> ExtractResult:
    return extract_paths(article_paths(directory), on_file)


def summarise(extractions: list[Extraction]) -> dict:
    """Counts a user wants after a run: entities by type, relations by predicate."""
    ents: Counter = Counter()
    rels: Counter = Counter()
    for x in extractions:
        ents.update(e.type for e in x.entities)
        rels.update(r.p for r in x.relations)
    return {"articles": len(extractions), "entities": dict(ents), "relations": dict(rels)}
