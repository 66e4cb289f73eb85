"""The pipeline as plain functions: folder -> extractions -> knowledge base.

The CLI and the notebooks both call these; nothing here prints.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from .errors import InputFileError
from .extract import extract
from .ingest import article_paths, read_article
from .model import Extraction

Progress = Callable[[Path], None]


def sample_corpus_dir() -> Path:
    """The bundled sample corpus (short articles written for this project)."""
    return Path(str(resources.files("kg") / "sample_corpus"))


@dataclass
class ExtractResult:
    extractions: list[Extraction] = field(default_factory=list)
    errors: list[InputFileError] = field(default_factory=list)


def extract_paths(paths: Iterable[Path], on_file: Progress | None = None) -> ExtractResult:
    """Read and extract every file; a bad file is recorded, the rest go on."""
    result = ExtractResult()
    for path in paths:
        try:
            result.extractions.append(extract(read_article(path)))
        except InputFileError as exc:
            result.errors.append(exc)
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
