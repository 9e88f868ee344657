"""A function run in a forked child gives the same result as run here, and when the child cannot
give it (it fails, or there is no fork), the function runs here: a result is never lost."""

from __future__ import annotations

import os

import pytest

from corridors import forked


def _square_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def _dies(n: int) -> int:
    if os.getpid() != PARENT:
        os._exit(3)  # the child fails without a word
    return n + 1


def _unpicklable(n: int) -> object:
    return (lambda: n) if os.getpid() != PARENT else n  # a lambda cannot be sent back


PARENT = os.getpid()


def test_the_child_computes_and_the_parent_reads_it() -> None:
    result = forked.start(_square_pid, 7)
    value, pid = result()
    assert value == 49
    assert pid != os.getpid()  # computed in the child
    assert result() == (49, pid)  # asked again: the same result, no second child


@pytest.mark.parametrize(
    ("fn", "expected"),
    [
        pytest.param(_dies, 8, id="the child exits with an error"),
        pytest.param(_unpicklable, 7, id="the child cannot send its result"),
    ],
)
def test_a_child_that_gives_nothing_is_computed_here(fn, expected) -> None:
    assert forked.start(fn, 7)() == expected


def test_without_fork_it_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")
    value, pid = forked.start(_square_pid, 5)()
    assert (value, pid) == (25, os.getpid())


def test_a_fork_that_fails_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError("no more processes")

    monkeypatch.setattr(os, "fork", no_fork)
    assert forked.start(_square_pid, 3)() == (9, os.getpid())
