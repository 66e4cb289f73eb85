"""unionkg: a knowledge graph of Chinese trade unions built from news articles.

The pipeline runs one way: ingest -> extract -> resolve -> rdf -> store/query
-> graph/viz.  Each stage is a module of its own; the CLI (`kg.cli`) and the
notebooks call the same public functions.
"""

__version__ = "0.1.0"
