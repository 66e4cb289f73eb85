"""Limits on a SPARQL query, checked on its text before any parser sees it.

pyoxigraph's parser recurses once per nested group: a query of a few
thousand nested `{ }` overflows its stack and kills the process (a
segfault, nothing can catch it).  So the nesting depth is counted here by a
small lexer that knows where strings, IRIs and comments are, together with
the size of the text and whether it calls out with SERVICE.  The limits on
time, rows and memory are applied where the query runs (`kg.query_worker`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import QueryError


class QueryRefused(QueryError):
    """A query refused by a limit before it ran (or stopped by one while it ran)."""


@dataclass(frozen=True)
class QueryLimits:
    """What one query may use.  The defaults are safe for a public loopback endpoint.

    max_chars: longest query text; max_depth: deepest nesting of `{ ( [`;
    allow_service: whether SERVICE may call other endpoints; timeout_s:
    wall-clock seconds per query; max_rows: most solutions (or triples) in
    one answer; memory_mb: address space of the process running the query.
    """

    max_chars: int = 100_000
    max_depth: int = 64
    allow_service: bool = False
    timeout_s: float = 30.0
    max_rows: int = 10_000
    memory_mb: int = 2048


@dataclass(frozen=True)
class QueryShape:
    """What the lexer saw: length, deepest bracket nesting, SERVICE keywords."""

    chars: int
    depth: int
    uses_service: bool


_OPENERS = "{(["
_CLOSERS = "})]"
# Strings (long forms first), IRIs as the SPARQL grammar writes them, comments,
# names that cannot be the SERVICE keyword (variables, prefixed names), words,
# brackets.  Anything else is skipped.
_TOKEN = re.compile(
    r'''(?P<string>"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""|\'\'\'(?:(?:'|'')?(?:[^'\\]|\\.))*\'\'\''''
    r'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')'''
    r'''|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'''
    r'''|(?P<comment>\#[^\n\r]*)'''
    r'''|(?P<name>[?$][\w\u00b7-\U0010ffff]+|[\w\u00b7-\U0010ffff.-]*:[\w\u00b7-\U0010ffff.:%\\-]*)'''
    r'''|(?P<word>[A-Za-z_]\w*)'''
    r'''|(?P<bracket>[{}()\[\]])''',
    re.DOTALL,
)


def _bracket_steps(text: str):
    """+1 / -1 for each bracket in a stretch of text."""
    for ch in text:
        if ch in _OPENERS:
            yield 1
        elif ch in _CLOSERS:
            yield -1


def scan(sparql: str) -> QueryShape:
    """Measure a query's text without parsing it.

    Brackets inside strings and comments do not count.  Brackets inside
    something shaped like an IRI do count: `?a <(1)> ?b` may be read as two
    comparisons, and counting too many is the safe mistake.

    Examples
    --------
    >>> scan('SELECT * WHERE { ?s ?p "{{{" # }}}\\n FILTER((1)) }').depth
    3
    >>> scan("SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }").uses_service
    True
    >>> scan("SELECT ?service WHERE { ?service ex:SERVICE 'service' }").uses_service
    False
    """
    depth = deepest = 0
    uses_service = False
    for m in _TOKEN.finditer(sparql):
        kind = m.lastgroup
        if kind == "bracket" or kind == "iri":
            for step in _bracket_steps(m.group()):
                depth += step
                deepest = max(deepest, depth)
        elif kind == "word" and m.group().upper() == "SERVICE":
            uses_service = True
    return QueryShape(len(sparql), deepest, uses_service)


def check_query(sparql: str, limits: QueryLimits = QueryLimits()) -> QueryShape:
    """Refuse, with a message saying which limit and how to change it, a query
    that is too long, nested too deep, or calls out with SERVICE when that is not allowed.

    Examples
    --------
    >>> check_query("SELECT * WHERE " + "{" * 100 + "}" * 100)
    Traceback (most recent call last):
    ...
    kg.sparql_guard.QueryRefused: the query nests brackets 100 deep; the limit is 64 (--max-depth)
    """
    if len(sparql) > limits.max_chars:
        raise QueryRefused(f"the query is {len(sparql):,} characters long; the limit is {limits.max_chars:,} (--max-query-chars)")
    shape = scan(sparql)
    if shape.depth > limits.max_depth:
        raise QueryRefused(f"the query nests brackets {shape.depth} deep; the limit is {limits.max_depth} (--max-depth)")
    if shape.uses_service and not limits.allow_service:
        raise QueryRefused("SERVICE (calling another endpoint) is refused here; start with --allow-service to allow it")
    return shape
