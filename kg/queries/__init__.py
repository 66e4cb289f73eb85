"""The named-query library: one SPARQL file per question.

The comment lines at the top of each `.rq` file are its help text; the
variables its help text names (?donorName …) are its parameters, optional,
bound by the store as RDF terms.  A name the query does not declare is an
error listing those it does, never silently ignored (a misspelt filter that
returns every row) and never pasted into the text.
Every parameter is an entity's name, so it is bound as a Chinese label
(`"…"@zh`): a query can then look the entity up by its label directly
(an index lookup) instead of filtering every label by its string.

A query may come in a second version for one store, `NAME.oxigraph.rq`,
when that store needs another formulation to be fast (same rows; the tests
compare them); `NAME.rq` is plain SPARQL 1.1 for every other store.
"""

from __future__ import annotations

import re
from importlib import resources

from ..errors import QueryError
from ..ontology import sparql_prefixes


def _files():
    """The portable queries (NAME.rq), not the store-specific versions (NAME.STORE.rq)."""
    return sorted(p for p in resources.files(__package__).iterdir() if p.name.endswith(".rq") and p.name.count(".") == 1)


def list_queries() -> dict[str, str]:
    out = {}
    for p in _files():
        out[p.name[:-3]] = " ".join(_help_lines(p.read_text(encoding="utf-8")))
    return out


_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


def _help_lines(text: str) -> list[str]:
    """The comment lines at the top of a query file."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return lines


def declared_parameters(text: str) -> list[str]:
    r"""The parameters a query's help text declares: the variables it names that the query uses.

    Examples
    --------
    >>> declared_parameters("# Gifts of a donor (?donorName).\nSELECT ?x WHERE { ?x ?p ?donorName }")
    ['donorName']
    """
    header = " ".join(_help_lines(text))
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    used = set(_VARIABLE.findall(body))
    return sorted(dict.fromkeys(v for v in _VARIABLE.findall(header) if v in used))


def query_parameters(name: str) -> list[str]:
    """The parameters of a shipped query (every version of it takes the same ones)."""
    for p in _files():
        if p.name[:-3] == name:
            return declared_parameters(p.read_text(encoding="utf-8"))
    raise QueryError(f"{name}: no such named query; `kg query --list` shows them")


def check_parameters(what: str, given, known, kind: str = "parameters") -> None:
    """An error naming the unknown parameters and listing the known ones.

    Examples
    --------
    >>> check_parameters("pairings", ["donorname"], ["donorName"])
    Traceback (most recent call last):
    ...
    kg.errors.QueryError: pairings: no parameter 'donorname'; its parameters are: donorName
    """
    unknown = [g for g in given if g not in known]
    if unknown:
        listed = ", ".join(known) if known else "none (it takes no parameters)"
        names = ", ".join(repr(u[:60]) for u in unknown)
        raise QueryError(f"{what}: no parameter {names}; its {kind} are: {listed}")


def check_text_parameters(sparql: str, given) -> None:
    """For a query typed by hand: each parameter must be a variable the query uses."""
    check_parameters("the query", given, sorted(set(_VARIABLE.findall(sparql))), kind="variables")


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

    check_parameters(name, list(params or {}), query_parameters(name))
    bindings = {k: v if isinstance(v, Literal) else Literal(str(v), lang="zh") for k, v in (params or {}).items()}
    return store.query(load_query(name, getattr(store, "sparql_dialect", None)), bindings or None)
