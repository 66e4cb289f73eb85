"""Order-independence of the extraction steps that merge names (hash seed)."""

from kg.extract import _unify_suffix_names
from kg.extract.text import Found


def _programme(start: int, name: str) -> Found:
    return Found("Programme", start, start + len(name), name, name)


def test_a_bare_name_takes_the_longer_name_met_first():
    """饮水工程 ends two village projects of one length: the first in the text wins, in every process."""
    found = [_programme(40, "饮水工程"), _programme(0, "石门村饮水工程"), _programme(20, "青山村饮水工程")]
    _unify_suffix_names(found)
    assert [f.name for f in found] == ["石门村饮水工程", "石门村饮水工程", "青山村饮水工程"]


def test_found_order_does_not_change_the_choice():
    a = [_programme(0, "石门村饮水工程"), _programme(20, "青山村饮水工程"), _programme(40, "饮水工程")]
    b = list(reversed([_programme(0, "石门村饮水工程"), _programme(20, "青山村饮水工程"), _programme(40, "饮水工程")]))
    _unify_suffix_names(a)
    _unify_suffix_names(b)
    assert sorted((f.start, f.name) for f in a) == sorted((f.start, f.name) for f in b)
