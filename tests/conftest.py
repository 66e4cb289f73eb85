"""Shared fixtures: the seed articles (when the shared folder is present),
the bundled sample corpus, and the gazetteer loaded once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("UNIONKG_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"seed articles not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    if not GOLD.is_dir() or not any(GOLD.glob("*.json")):
        pytest.skip(f"gold annotations not found at {GOLD}")
    return GOLD


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    from kg.pipeline import sample_corpus_dir

    return sample_corpus_dir()


@pytest.fixture(scope="session")
def seed_extractions(seeds_dir):
    from kg.pipeline import extract_folder

    return extract_folder(seeds_dir).extractions


@pytest.fixture(scope="session")
def sample_extractions(sample_dir):
    from kg.pipeline import extract_folder

    return extract_folder(sample_dir).extractions


@pytest.fixture(scope="session")
def sample_kb(sample_extractions):
    from kg.resolve import resolve

    return resolve(sample_extractions)


@pytest.fixture(scope="session")
def sample_dataset(sample_kb):
    from kg.rdf import kb_to_dataset

    return kb_to_dataset(sample_kb)


@pytest.fixture(scope="session")
def oxigraph_store(sample_dataset):
    from kg.store import OxigraphStore

    store = OxigraphStore(None)
    store.load(sample_dataset)
    return store


def both_stores(kb):
    """The same knowledge base in an rdflib store and in an Oxigraph store in memory,
    for tests that check a query answers alike in both."""
    from kg.rdf import kb_to_dataset
    from kg.store import MemoryStore, OxigraphStore

    ds = kb_to_dataset(kb)
    oxigraph = OxigraphStore(None)
    oxigraph.load(ds)
    return MemoryStore(ds), oxigraph
