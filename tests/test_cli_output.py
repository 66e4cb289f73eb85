"""How `kg query` prints a long answer: every row, in columns, quickly, and JSON that parses."""

import doctest
import json

from rich.cells import cell_len

import kg.cli as cli
from kg.store import QueryResult


def _answer(n: int) -> QueryResult:
    return QueryResult(["union", "place", "amount"],
                       [(f"第{i}区总工会", "河北省阜平县龙泉关村" if i % 2 else "村", i * 10) for i in range(n)])


def test_a_long_table_is_laid_out_plainly_in_aligned_columns(capsys):
    cli._print_result(_answer(cli.RICH_TABLE_ROWS + 1), "table")
    lines = capsys.readouterr().out.splitlines()
    body = lines[2:-1]
    assert len(body) == cli.RICH_TABLE_ROWS + 1 and lines[-1] == f"{cli.RICH_TABLE_ROWS + 1} rows"
    assert lines[0].split() == ["union", "place", "amount"]
    # the third column starts at the same display cell on every line, Chinese cells counted double
    starts = {cell_len(line[: line.rindex("  ") + 2]) for line in body}
    assert len(starts) == 1
    assert body[7].split() == ["第7区总工会", "河北省阜平县龙泉关村", "70"]


def test_a_short_table_is_still_drawn_by_rich(capsys):
    cli._print_result(_answer(3), "table")
    out = capsys.readouterr().out
    assert "┃" in out and "第2区总工会" in out and out.rstrip().endswith("3 rows")


def test_json_is_plain_and_parses(capsys):
    cli._print_result(_answer(2), "json")
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    assert json.loads(out)[1] == {"union": "第1区总工会", "place": "河北省阜平县龙泉关村", "amount": "10"}


def test_cli_examples_run():
    result = doctest.testmod(cli)
    assert result.attempted >= 1 and result.failed == 0
