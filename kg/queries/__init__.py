"""The named-query library: one SPARQL file per question.

The comment lines at the top of each `.rq` file are its help text; optional
parameters are variables (?donorName …) bound by the store as RDF terms.
Every parameter is an entity's name, so it is bound as a Chinese label
(`"…"@zh`): a query can then look the entity up by its label directly
(an index lookup) instead of filtering every label by its string.

A query may come in a second version for one store, `NAME.oxigraph.rq`,
when that store needs another formulation to be fast (same rows; the tests
compare them); `NAME.rq` is plain SPARQL 1.1 for every other store.
"""

from __future__ import annotations

from importlib import resources

from ..errors import QueryError
from ..ontology import sparql_prefixes


def _files():
    """The portable queries (NAME.rq), not the store-specific versions (NAME.STORE.rq)."""
    return sorted(p for p in resources.files(__package__).iterdir() if p.name.endswith(".rq") and p.name.count(".") == 1)


def list_queries() -> dict[str, str]:
    out = {}
    for p in _files():
        lines = [line[1:].strip() for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
        out[p.name[:-3]] = " ".join(lines)
    return out


def load_query(name: str, dialect: str | None = None) -> str:
    """The text of a shipped query, in the store's own version when it has one."""
    if dialect:
        special = resources.files(__package__) / f"{name}.{dialect}.rq"
        if special.is_file():
            return sparql_prefixes() + special.read_text(encoding="utf-8")
    for p in _files():
        if p.name[:-3] == name:
            return sparql_prefixes() + p.read_text(encoding="utf-8")
    raise QueryError(f"{name}: no such named query; `kg query --list` shows them")


def run_named(store, name: str, params: dict[str, str] | None = None):
    """Run a shipped query; params are bound as `@zh` labels (never pasted text)."""
    from rdflib import Literal

    bindings = {k: v if isinstance(v, Literal) else Literal(str(v), lang="zh") for k, v in (params or {}).items()}
    return store.query(load_query(name, getattr(store, "sparql_dialect", None)), bindings or None)
