"""`kg`: the command line, a thin shell over the package's public functions.

Errors of the `KGError` family are printed as one line naming the file,
query or store, and the command exits with status 1 (no traceback).
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text
from rich.table import Table

from .errors import KGError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="unionkg: a knowledge graph of Chinese trade unions from news articles.")
console = Console()
# error lines are never wrapped: a path or a message stays on one line for grep
err = Console(stderr=True, soft_wrap=True)

DEFAULT_OUT = Path("triples")
DEFAULT_MAX_BYTES = 5_000_000  # kg.pipeline.DEFAULT_MAX_BYTES, without importing the pipeline for --help
DEFAULT_STORE = "oxigraph:triples/store"


_opened_stores: list = []


def _friendly(fn):
    """KGError as one red line and exit status 1; stores the command opened are closed."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KGError as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(1)
        finally:
            while _opened_stores:
                _opened_stores.pop().close()

    return wrapper


class _RateColumn(ProgressColumn):
    """Articles per second, over the whole run so far."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} articles/s" if speed else "… articles/s", style="progress.data.speed")


def _progress(total: int):
    """A progress bar for runs long enough to need one: done/total, articles/s, time left."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeRemainingColumn(),
        console=err,
        disable=total < 20 or not err.is_terminal,
    )


def _report_errors(errors) -> None:
    for e in errors:
        err.print(f"[yellow]skipped[/yellow] {e}")


# ----------------------------------------------------------------------------- extract / eval


@app.command()
@_friendly
def extract(
    directory: Path = typer.Argument(..., help="Folder (or file) of articles."),
    out: Path = typer.Option(..., "-o", "--out", help="Folder for one JSON per article."),
    spans: bool = typer.Option(False, "--spans", help="Add original-file character spans."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="Processes to extract in (default: all cores)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Refuse, by name, files larger than this."),
):
    """Extract entities and relations, one JSON per article (ANNOTATION.md shape).

    Each file's JSON is written as soon as it is extracted; a file that cannot
    be read or extracted is named and skipped, the others go on.
    """
    from .errors import InputFileError
    from .extract import write_extraction
    from .pipeline import article_files, default_workers, iter_extractions

    paths, errors = article_files(directory)
    written = 0
    with _progress(len(paths)) as bar:
        task = bar.add_task("extracting", total=len(paths))
        for got in iter_extractions(paths, workers or default_workers(), max_bytes):
            if isinstance(got, InputFileError):
                errors.append(got)
                err.print(f"[yellow]skipped[/yellow] {got}")
            else:
                write_extraction(got, out, with_spans=spans)
                written += 1
            bar.advance(task)
    console.print(f"wrote {written} files to {out} ({len(errors)} skipped)")
    if errors and not written:
        raise typer.Exit(1)


@app.command("eval")
@_friendly
def eval_(
    gold_dir: Path = typer.Argument(..., help="Folder of gold JSON files."),
    pred_dir: Optional[Path] = typer.Argument(None, help="Folder of predicted JSON files; omitted: extract now."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Where the gold's articles are (default: ../corpus/seeds beside the gold)."),
    misses: bool = typer.Option(False, "--misses", help="List false positives and negatives."),
    resolution: bool = typer.Option(False, "--resolution", help="Also score identities across articles: resolve every gold article together (B-cubed, wrong merges, splits)."),
    also: list[str] = typer.Option([], "--also", help="Another GOLD_DIR:CORPUS_DIR scored together with the first (repeatable)."),
):
    """Score extraction against gold: P/R/F1 per type and predicate, micro averages, amount/year accuracy."""
    from .evaluate import format_resolution, format_score, gold_articles, load_json, parse_gold_pair, resolution_of, score_document

    if pred_dir is not None and (resolution or also):
        raise KGError(f"{pred_dir}: --resolution and --also extract the articles themselves; leave out the predictions folder")
    predictions: dict[str, dict] = {}
    if pred_dir is not None:
        for p in sorted(Path(pred_dir).glob("*.json")):
            predictions[p.stem] = load_json(p)
        from .evaluate import score_dirs

        score = score_dirs(gold_dir, predictions)
        console.print(format_score(score))
        if misses:
            console.print("\n".join(score.misses))
        return
    from .evaluate import Score
    from .extract import extract as run_extract
    from .ingest import read_article

    pairs = [(gold_dir, corpus or gold_dir.resolve().parent.parent / "corpus" / "seeds")]
    pairs += [parse_gold_pair(a) for a in also]
    golds, extractions = [], []
    for g_dir, c_dir in pairs:
        for _, gold, path in gold_articles(g_dir, c_dir):
            golds.append((path.name, gold))
            extractions.append(run_extract(read_article(path)))
    score = Score()
    for (_, gold), x in zip(golds, extractions):
        score.merge(score_document(gold, x.to_json()))
    console.print(format_score(score))
    if misses:
        console.print("\n".join(score.misses))
    if resolution:
        from .resolve import resolve

        names = {k: e.name for k, e in resolve(extractions).entities.items()}
        console.print(format_resolution(resolution_of(golds, extractions), names), soft_wrap=True, markup=False, highlight=False)


# ----------------------------------------------------------------------------- build / demo


def _build(directory: Path, store: str, out: Path, html: bool, workers: Optional[int] = None,
           max_bytes: int = 0, wait: bool = False, dask: Optional[str] = None, batch_size: int = 500) -> None:
    from .build import build_graph

    result = build_graph(directory, store_spec=store, out_dir=out, progress=_progress, write_html=html,
                         workers=workers, max_bytes=max_bytes or DEFAULT_MAX_BYTES, wait=wait, dask=dask, batch_size=batch_size,
                         on_wait=lambda why: err.print(f"[yellow]waiting[/yellow] {why}"))
    summary = result.summary
    table = Table(title=f"unionkg build of {directory}")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles", str(summary["articles"]))
    table.add_row("built now", str(summary["built_now"]))
    table.add_row("skipped as already built", str(summary["already_built"]))
    if summary.get("recovered_batches"):
        table.add_row("interrupted batches cleaned up", str(summary["recovered_batches"]))
    table.add_row("skipped files", str(len(result.errors)))
    for t, n in sorted(result.summary["entities"].items()):
        table.add_row(f"entities: {t}", str(n))
    for p, n in sorted(result.summary["relations"].items()):
        table.add_row(f"relations: {p}", str(n))
    table.add_row("resolved entities", str(result.summary["resolved_entities"]))
    table.add_row("triples (quads)", str(result.summary["triples"]))
    console.print(table)
    for label, path in result.outputs.items():
        console.print(f"{label}: {path}")
    if summary.get("page"):
        console.print(f"the page is an {summary['page']}")
    if summary.get("exports"):
        console.print(summary["exports"])
    _report_errors(result.errors)  # the files skipped and why, after the table so they are not scrolled away
    if summary["articles"] == 0:
        err.print(f"[red]error:[/red] {directory}: nothing could be built")
        raise typer.Exit(1)


@app.command()
@_friendly
def build(
    directory: Path = typer.Argument(..., help="Folder of articles."),
    store: str = typer.Option(DEFAULT_STORE, help="memory | oxigraph:PATH | http(s)://sparql-endpoint"),
    out: Path = typer.Option(DEFAULT_OUT, help="Folder for Turtle/N-Quads and the HTML graph."),
    html: bool = typer.Option(True, help="Also write the interactive HTML graph."),
    workers: Optional[int] = typer.Option(None, "--workers", "-j", min=1, help="Processes to extract in (default: all cores)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Refuse, by name, files larger than this."),
    wait: bool = typer.Option(False, "--wait", help="If another build holds the store, wait for it instead of stopping."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Extract on Dask: a scheduler address (tcp://host:8786) or 'local'."),
    batch_size: int = typer.Option(500, "--batch-size", min=1, help="Articles per committed batch (what an interrupted build can lose)."),
):
    """Build the knowledge graph from a folder of articles.

    Streaming and resumable: articles are extracted in parallel and written to
    the store a batch at a time; an interrupted build is continued by running
    the same command again (articles already built are skipped). A file that
    cannot be read or extracted is named and skipped. Exits with status 1 only
    when nothing could be built (or the store cannot be opened).
    """
    _build(directory, store, out, html, workers, max_bytes, wait, dask, batch_size)


@app.command()
@_friendly
def demo(
    store: str = typer.Option(DEFAULT_STORE, help="memory | oxigraph:PATH | http(s)://sparql-endpoint"),
    out: Path = typer.Option(DEFAULT_OUT, help="Folder for Turtle/N-Quads and the HTML graph."),
):
    """Build the graph from the bundled sample corpus."""
    from .pipeline import sample_corpus_dir

    _build(sample_corpus_dir(), store, out, True)


# ----------------------------------------------------------------------------- query / trace / viz


from .sparql_guard import QueryLimits as _QueryLimits  # noqa: E402  (light: the defaults of the query flags)

_LIMITS = _QueryLimits()


def _open(store: str):
    from .store import open_store

    opened = open_store(store, must_exist=True)
    _opened_stores.append(opened)
    return opened


@app.command()
@_friendly
def query(
    sparql: Optional[str] = typer.Argument(None, help="SPARQL text, a .rq file, or the name of a shipped query."),
    store: str = typer.Option(DEFAULT_STORE, help="Store to query."),
    list_: bool = typer.Option(False, "--list", help="List the shipped named queries."),
    param: list[str] = typer.Option([], "--param", "-p", help="NAME=VALUE bound to ?NAME (safely, never pasted); NAME must be a parameter the query declares."),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
    timeout: float = typer.Option(_LIMITS.timeout_s, help="Seconds a query may run (on an on-disk store it is then stopped)."),
    max_rows: int = typer.Option(_LIMITS.max_rows, help="Most rows printed; more are left out with a warning."),
    memory_mb: int = typer.Option(_LIMITS.memory_mb, help="Memory of the process running the query, in MB."),
    max_depth: int = typer.Option(_LIMITS.max_depth, help="Deepest nesting of { ( [ in the query text."),
    max_query_chars: int = typer.Option(_LIMITS.max_chars, help="Longest query text."),
    allow_service: bool = typer.Option(False, help="Let SERVICE call other endpoints (refused by default)."),
    limit: Optional[int] = typer.Option(None, min=0, help="Print one page: at most this many rows (LIMIT)."),
    offset: int = typer.Option(0, min=0, help="Rows to skip before the page (OFFSET); with --limit, page by page."),
):
    """Run SPARQL over the built graph and print a table."""
    from .queries import check_text_parameters, list_queries, run_named
    from .query_worker import LimitedStore
    from .sparql_guard import QueryLimits

    if list_ or not sparql:
        table = Table(title="named queries")
        table.add_column("name")
        table.add_column("what it answers")
        for name, help_ in list_queries().items():
            table.add_row(name, help_)
        console.print(table)
        return
    params = {}
    for p in param:
        if "=" not in p:
            raise KGError(f"--param {p!r}: write NAME=VALUE")
        k, v = p.split("=", 1)
        params[k] = v
    limits = QueryLimits(max_query_chars, max_depth, allow_service, timeout, max_rows, memory_mb)
    st = LimitedStore(_open(store), limits, limit, offset)
    _opened_stores.append(st)
    from .pairing_index import indexed_query

    if sparql == "pairings":
        _pairing_table(st.store)
    indexed = indexed_query(st.store, sparql, params, limit, offset, max_rows)  # a build's pairing table
    if indexed is not None:
        result, st.truncated = indexed
    elif sparql in list_queries():
        result = run_named(st, sparql, params)
    else:
        path = Path(sparql)
        text = path.read_text(encoding="utf-8") if path.suffix == ".rq" and path.exists() else sparql
        check_text_parameters(text, params)
        result = st.query(text, params or None)
    _print_result(result, fmt)
    if st.truncated:
        err.print(f"[yellow]warning:[/yellow] only the first {len(result.rows)} rows are shown; raise --max-rows or add LIMIT")


RICH_TABLE_ROWS = 500  # rich measures and wraps every cell: 10,000 rows of 12 columns took 74 s of CPU


def _print_result(result, fmt: str) -> None:
    rows = [[("" if v is None else str(v)) for v in row] for row in result.rows]
    if fmt == "json":  # plain json.dumps: rich's highlighting of 10,000 rows took 16 s
        sys.stdout.write(json.dumps([dict(zip(result.vars, r)) for r in rows], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "csv":
        import csv

        w = csv.writer(sys.stdout)
        w.writerow(result.vars)
        w.writerows(rows)
    elif len(rows) > RICH_TABLE_ROWS:
        sys.stdout.writelines(line + "\n" for line in plain_table(result.vars, rows))
        console.print(f"{len(rows)} rows")
    else:
        table = Table()
        for v in result.vars:
            table.add_column(v, overflow="fold")
        for r in rows:
            table.add_row(*r)
        console.print(table)
        console.print(f"{len(rows)} rows")


def plain_table(names: list[str], rows: list[list[str]], widest: int = 40) -> list[str]:
    """Lines of a table laid out in columns by display width, for results too long to draw as a rich table.

    A column is as wide as its widest cell up to `widest` terminal cells; a longer
    cell is printed whole and pushes the rest of its line right (nothing is cut).

    >>> plain_table(["union", "amount"], [["北京市总工会", "50"], ["市总", "7"]])
    ['union         amount', '------------  ------', '北京市总工会  50', '市总          7']
    """
    from rich.cells import cell_len

    table = [list(names), *rows]
    widths = [min(widest, max(cell_len(row[i]) for row in table)) for i in range(len(names))]
    rule = ["-" * w for w in widths]

    def line(cells: list[str]) -> str:
        padded = [c + " " * max(0, w - cell_len(c)) for c, w in zip(cells[:-1], widths)]
        return "  ".join([*padded, cells[-1]]) if cells else ""

    return [line(table[0]), line(rule), *(line(r) for r in rows)]


def _pairing_table(store) -> None:
    """Open the store's pairing table, built first (once) when the store was built without it."""
    from .pairing_index import open_index

    def tell() -> None:  # a person waiting is told why; a script's output is left as it is
        if err.is_terminal:
            err.print("building the pairing table of this store (once; kg trace and kg query pairings read it)…")

    open_index(store, on_rebuild=tell)


@app.command()
@_friendly
def trace(
    name: str = typer.Argument(..., help="An organisation's name or alias, e.g. 西城区总工会."),
    store: str = typer.Option(DEFAULT_STORE, help="Store holding the graph."),
    depth: int = typer.Option(4, help="Longest chain to follow."),
    limit: int = typer.Option(50, min=0, help="Print this many chains (a page; 0: the whole trace)."),
    offset: int = typer.Option(0, min=0, help="Skip this many chains first (the next page: --offset 50)."),
):
    """Print the chains that start at an organisation: union -> place -> project, with amounts and years."""
    from .graph import trace_page

    # a page of chains; from the build's pairing table when the store has one (kg.pairing_index)
    opened = _open(store)
    _pairing_table(opened)
    page = trace_page(opened, name, max_depth=depth, limit=limit or None, offset=offset)
    if not page.lines:
        if offset and page.before:
            err.print(f"{name}: {page.before} chains, none from --offset {offset}")
        else:
            console.print(f"{name}: no assistance or programme chains start here")
        return
    for line in page.lines:
        console.print(line)
    if page.more:  # more pages
        count = f"{offset + len(page.lines) + page.more}" if page.exact else f"at least {offset + len(page.lines) + page.more}"
        err.print(f"chains {offset + 1}–{offset + len(page.lines)} of {count}; --offset {offset + limit} for the next")


@app.command()
@_friendly
def viz(
    store: str = typer.Option(DEFAULT_STORE, help="Store holding the graph."),
    out: Path = typer.Option(DEFAULT_OUT / "graph.html", "-o", "--out", help="HTML file to write."),
    focus: Optional[str] = typer.Option(None, help="Draw only the neighbourhood of this entity."),
    depth: int = typer.Option(2, help="Neighbourhood depth with --focus."),
):
    """Write a self-contained, offline HTML graph (pyvis)."""
    from .graph import find_node, neighbourhood, project
    from .viz import annotate_campaigns, write_html

    opened = _open(store)
    g = annotate_campaigns(project(opened), opened)
    if focus:
        g = neighbourhood(g, find_node(g, focus), depth)
    path = write_html(g, out)
    console.print(f"wrote {path} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")


@app.command()
@_friendly
def validate(store: str = typer.Option(DEFAULT_STORE, help="Store holding the graph.")):
    """Check the graph against the SHACL shapes in ontology/shapes.ttl."""
    from .validate import validate as run_validate

    report = run_validate(_open(store))
    if report.conforms:
        console.print("the graph conforms to the shapes")
        return
    for v in report.violations:
        console.print(f"[red]violation[/red] {v.focus_node} (from {v.article_iri}): {v.message}")
    raise typer.Exit(1)


@app.command()
@_friendly
def serve(
    store: str = typer.Option(DEFAULT_STORE, help="Store to serve."),
    host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
    port: int = typer.Option(7878, help="Port."),
    allow_update: bool = typer.Option(False, help="Accept SPARQL Update (refused by default)."),
    timeout: float = typer.Option(_LIMITS.timeout_s, help="Seconds a query may run before its worker is stopped (400)."),
    max_rows: int = typer.Option(_LIMITS.max_rows, help="Most rows in one answer (header X-Result-Truncated when cut)."),
    memory_mb: int = typer.Option(_LIMITS.memory_mb, help="Memory of each query worker process, in MB."),
    max_depth: int = typer.Option(_LIMITS.max_depth, help="Deepest nesting of { ( [ in a query (checked before parsing)."),
    max_query_chars: int = typer.Option(_LIMITS.max_chars, help="Longest query text."),
    allow_service: bool = typer.Option(False, help="Let SERVICE call other endpoints (refused by default)."),
    workers: int = typer.Option(2, help="Queries running at once, each in its own worker process; others wait, then 503."),
    max_connections: int = typer.Option(32, help="Open connections at once (503 beyond)."),
    read_timeout: float = typer.Option(10.0, help="Seconds a client may take to send its request (408 beyond)."),
):
    """Serve the graph as a SPARQL 1.1 Protocol endpoint with a query page.

    Queries are limited (length, nesting, SERVICE, time, rows, memory) so that
    no client can crash or exhaust the server; a refused query gets a 400 with the reason.
    """
    from .serve import ServerLimits
    from .serve import serve as run_serve
    from .sparql_guard import QueryLimits

    limits = QueryLimits(max_query_chars, max_depth, allow_service, timeout, max_rows, memory_mb)
    server_limits = ServerLimits(read_timeout, max_connections, workers)
    opened = _open(store)
    console.print(f"SPARQL endpoint on http://{host}:{port}/sparql (query page at /)")
    run_serve(opened, host=host, port=port, allow_update=allow_update, limits=limits, server_limits=server_limits)


@app.command()
@_friendly
def export(
    out: Path = typer.Argument(..., help="File to write; the format follows the suffix unless --format is given."),
    store: str = typer.Option(DEFAULT_STORE, help="Store holding the graph."),
    fmt: Optional[str] = typer.Option(None, "--format", help="turtle | nt | trig | nquads | json-ld"),
):
    """Export the graph as Turtle, N-Triples, TriG, N-Quads or JSON-LD."""
    suffixes = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}
    fmt = fmt or suffixes.get(out.suffix)
    if fmt is None:
        raise KGError(f"{out}: cannot tell the format from the suffix; pass --format")
    _open(store).export(out, fmt)
    console.print(f"wrote {out}")


def main() -> None:  # pragma: no cover
    app()
