"""The named-query library: one SPARQL file per question.

The comment lines at the top of each `.rq` file are its help text; optional
parameters are variables (?donorName …) bound by the store as RDF terms.
"""

from __future__ import annotations

from importlib import resources

from ..errors import QueryError
from ..ontology import sparql_prefixes


def _files():
    return sorted(p for p in resources.files(__package__).iterdir() if p.name.endswith(".rq"))


def list_queries() -> dict[str, str]:
    out = {}
    for p in _files():
        lines = [line[1:].strip() for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        out[p.name[:-3]] = " ".join(lines)
    return out


def load_query(name: str) -> str:
    for p in _files():
        if p.name[:-3] == name:
            return sparql_prefixes() + p.read_text(encoding="utf-8")
    raise QueryError(f"{name}: no such named query; `kg query --list` shows them")


def run_named(store, name: str, params: dict[str, str] | None = None):
    """Run a shipped query; params become bound variables (never pasted text)."""
    return store.query(load_query(name), params or None)
