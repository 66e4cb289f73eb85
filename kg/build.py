"""`kg build`: a folder of articles into a store, Turtle/N-Quads files and a page.

Each article's facts live in the article's own named graph, so building an
article again replaces its graph (idempotent) and building new articles adds
graphs without touching the others (incremental).  Entity labels go to one
shared graph, which is merged rather than replaced.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import InputFileError
from .ingest import article_paths
from .pipeline import extract_paths, summarise


@dataclass
class BuildResult:
    summary: dict
    errors: list[InputFileError] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    extractions: list = field(default_factory=list)
    knowledge_base: object = None


_ARTICLE_GRAPHS = """
SELECT ?g ?url WHERE { GRAPH ?g { ?g a schema:NewsArticle ; schema:url ?url } }"""


def superseded_graphs(store, dataset) -> list[str]:
    """Graphs of earlier versions of the files being built.

    An article's graph is named after its content, so an edited file gets a
    new graph; the graph of its old text (same file, other content) must go,
    or the store would keep facts the article no longer states.
    """
    from .ontology import sparql_prefixes
    from .store import MemoryStore

    new = MemoryStore(dataset).query(sparql_prefixes() + _ARTICLE_GRAPHS).rows
    new_graphs, new_files = {g for g, _ in new}, {url for _, url in new}
    return sorted(g for g, url in store.query(sparql_prefixes() + _ARTICLE_GRAPHS).rows
                  if url in new_files and g not in new_graphs)


def build_graph(
    directory: str | Path,
    store_spec: str = "memory",
    out_dir: str | Path | None = "triples",
    progress: Callable | None = None,
    write_html: bool = True,
    store=None,
) -> BuildResult:
    """Extract, resolve, write RDF into a store; files and the page into out_dir.

    `store`: an open store to build into (a notebook keeps using it after);
    otherwise `store_spec` is opened here and closed when the build is done.
    """
    from .rdf import kb_to_dataset
    from .resolve import resolve
    from .store import open_store

    paths = article_paths(directory)
    bar = progress(len(paths)) if progress is not None else nullcontext()
    with bar as b:
        task = b.add_task("extracting", total=len(paths)) if b is not None else None
        result = extract_paths(paths, on_file=(lambda p: b.advance(task)) if b is not None else None)
    kb = resolve(result.extractions)
    dataset = kb_to_dataset(kb)
    own_store = store is None
    if own_store:
        store = open_store(store_spec)
    try:
        for stale in superseded_graphs(store, dataset):
            store.replace_graph(stale, "")
        store.load(dataset)
        summary = summarise(result.extractions)
        summary["resolved_entities"] = len(kb.entities)
        summary["triples"] = store.triple_count()
        outputs: dict[str, Path] = {}
        if out_dir is not None:
            out = Path(out_dir)
            out.mkdir(parents=True, exist_ok=True)
            # from the store, not this build's dataset: after an incremental build
            # the files hold every article built so far
            outputs["N-Quads"] = store.export(out / "graph.nq", "nquads")
            outputs["TriG"] = store.export(out / "graph.trig", "trig")
            outputs["Turtle"] = store.export(out / "graph.ttl", "turtle")
            if write_html:
                from .graph import project
                from .viz import write_html as write_page

                outputs["HTML graph"] = write_page(project(store), out / "graph.html")
    finally:
        if own_store:
            store.close()
    return BuildResult(summary, result.errors, outputs, result.extractions, kb)
