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


def _piece_pid(i: int) -> tuple[int, int]:
    return i * 10, os.getpid()


def _piece_dies(i: int) -> tuple[int, int]:
    if os.getpid() != PARENT:
        os._exit(3)  # the child fails after claiming its first piece
    return i * 10, os.getpid()


@pytest.mark.parametrize("count", [0, 1, 2, 7, 40], ids=lambda n: f"{n} pieces")
def test_shared_pieces_each_once_the_child_from_the_front(count: int) -> None:
    """``share``: every piece once and in order; the child's are the first ones, this process's
    the last ones (they meet somewhere between, wherever the load puts it)."""
    done = forked.share(_piece_pid, count)()
    assert [value for value, _ in done] == [i * 10 for i in range(count)]
    pids = [pid for _, pid in done]
    mine = [pid == os.getpid() for pid in pids]
    assert mine == sorted(mine)  # the child's pieces (False) all before this process's (True)
    assert len(set(pids)) <= 2


@pytest.mark.parametrize(
    ("patch", "fn"),
    [
        pytest.param("none", _piece_dies, id="the child exits with an error"),
        pytest.param("no fork", _piece_pid, id="no fork"),
    ],
)
def test_shared_pieces_a_child_does_not_give_are_computed_here(
    patch: str, fn, monkeypatch: pytest.MonkeyPatch
) -> None:
    if patch == "no fork":
        monkeypatch.delattr(os, "fork")
    done = forked.share(fn, 6)()
    assert done == [(i * 10, os.getpid()) for i in range(6)]
