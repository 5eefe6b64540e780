"""Where a counter's unsent journal lines fork from central's chain (desktop.rowseal.fork_at):
lines central holds under the same hash are only sent again, never re-chained."""

from __future__ import annotations

from desktop.rowseal import fork_at


def h(n: int | str) -> str:
    return str(n).rjust(64, "0")


def test_unsent_lines_central_already_holds_are_no_fork() -> None:
    # a copy put back whose lines 2 and 3 were sent later (their answers lost with it)
    unsent = [(2, h(1), h(2)), (3, h(2), h(3))]
    assert fork_at(unsent, (7, h(7)), {2: h(2), 3: h(3)}) is None


def test_the_first_line_central_holds_otherwise_is_the_fork() -> None:
    unsent = [(9, h(8), h(9)), (10, h(9), h("x")), (11, h("x"), h("y"))]
    assert fork_at(unsent, (20, h(20)), {9: h(9), 10: h(10), 11: h(11)}) == 10


def test_above_central_s_head_the_first_line_must_go_on_from_it() -> None:
    assert fork_at([(21, h(20), h(21))], (20, h(20)), {}) is None
    assert fork_at([(21, h("old"), h(21))], (20, h(20)), {}) == 21
    assert fork_at([(23, h(22), h(23))], (20, h(20)), {}) == 23  # the mark was ahead


def test_a_central_that_holds_nothing_has_no_chain_to_fork_from() -> None:
    assert fork_at([(1, h(0), h(1))], (0, h(0)), {}) is None


def test_unsent_lines_above_central_s_head_must_go_on_one_from_the_other() -> None:
    # a copy put back with its mark kept: lines 21-22 continue central's head, the new
    # line goes on after the mark's line 24, lost with the copy
    unsent = [(21, h(20), h(21)), (22, h(21), h(22)), (25, h(24), h(25))]
    assert fork_at(unsent, (20, h(20)), {}) == 25
    assert fork_at(unsent[:2], (20, h(20)), {}) is None
