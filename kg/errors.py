"""One exception family, so the CLI can print a clear message and go on."""


class KGError(Exception):
    """Base of every error unionkg raises on purpose."""


class InputFileError(KGError):
    """A file could not be read as an article (empty, binary, undecodable)."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self):
        """Pickled with its two arguments, so a worker process can hand one back.

        Examples
        --------
        >>> import pickle
        >>> pickle.loads(pickle.dumps(InputFileError("a.txt", "empty file"))).problem
        'empty file'
        """
        return (type(self), (self.path, self.problem))


class QueryError(KGError):
    """A SPARQL query could not be parsed or run."""


class StoreError(KGError):
    """A store could not be opened, loaded or reached."""


class ValidationError(KGError):
    """A graph violates the SHACL shapes."""
