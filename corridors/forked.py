"""A pure function run in a forked child process while this one goes on: two cores for one build
(``start``), or a list of pieces of work shared by the child and this process (``share``).

A cold build of 10,000 corridors measures every route on the ellipsoid (seconds of geodesics and
overlays) and runs the checks (seconds of text look-ups); neither needs the other's result, and
the machine has two cores. ``start`` forks, the child computes the function and sends its result
back pickled through a pipe, and the parent asks for it only when it needs it. The child's CPU is
accounted to the parent as usual (it is waited for).

Use it only in a single-threaded process (``model/childbuild``'s): forking a process with other
threads running (the Streamlit server) can copy a lock held by one of them. Nothing is lost when
it cannot work: without ``os.fork``, when the fork fails, or when the child fails or sends nothing
usable, the function runs here when its result is asked for, so the result is always the same.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def start(fn: Callable[..., T], *args: object) -> Callable[[], T]:
    """Start ``fn(*args)`` in a forked child; the returned function gives its result, waiting for
    the child the first time it is called."""
    fork = getattr(os, "fork", None)
    if fork is None:
        return _here(fn, args)
    read_fd, write_fd = os.pipe()
    try:
        pid = fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return _here(fn, args)
    if pid == 0:  # the child: compute, send, and leave without running the parent's exit hooks
        status = 1
        try:
            os.close(read_fd)
            left = memoryview(pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL))
            while left:  # to the pipe (not a file): the parent reads it whole
                left = left[os.write(write_fd, left) :]
            os.close(write_fd)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    done: list[T] = []

    def result() -> T:
        if not done:
            done.append(_collect(pid, read_fd, fn, args))
        return done[0]

    return result


def share(fn: Callable[[int], T], count: int) -> Callable[[], list[T]]:
    """``[fn(i) for i in range(count)]``, shared with a forked child: the child takes pieces from
    the front as soon as it starts; this process, once it asks for the result (having done its
    own work meanwhile), takes pieces from the back until the two meet. So neither waits for the
    other with a share left to do, however the machine's load splits their time (a fixed split
    would leave the first one done idle). Each piece is computed once, by whichever side claimed
    it first (a counter in shared memory, under a lock); a piece the child claimed and did not
    send (it failed) is computed here, so the result is always the same."""
    fork = getattr(os, "fork", None)
    if fork is None or count < 2:
        return _here(_every, (fn, count))
    try:
        import multiprocessing  # only here: a start that builds nothing does not load it

        # [next piece from the front, end of the front's share]; a lock of its own
        claims = multiprocessing.get_context("fork").Array("q", [0, count])
    except (OSError, ValueError, ImportError):
        return _here(_every, (fn, count))
    started = start(_from_front, fn, claims)
    done: list[list[T]] = []

    def result() -> list[T]:
        if not done:
            mine = _from_back(fn, claims)
            theirs = started()
            done.append([mine[i] if i in mine else theirs.get(i, _MISSING) for i in range(count)])
            done[0] = [fn(i) if v is _MISSING else v for i, v in enumerate(done[0])]
        return done[0]

    return result


_MISSING: Any = object()
#: Past this wait for the other side's lock (it died holding it), the pieces left are done here.
_LOCK_WAIT_S = 60.0


def _every(fn: Callable[[int], T], count: int) -> list[T]:
    return [fn(i) for i in range(count)]


def _from_front(fn: Callable[[int], T], claims: Any) -> dict[int, T]:
    """The child's share: pieces from the front until it meets this process's claims. In the
    parent (the fork failed) it takes every piece not yet claimed, as ``_from_back`` would."""
    done: dict[int, T] = {}
    while True:
        if not claims.get_lock().acquire(timeout=_LOCK_WAIT_S):
            return done
        try:
            piece = claims[0]
            if piece >= claims[1]:
                return done
            claims[0] = piece + 1
        finally:
            claims.get_lock().release()
        done[piece] = fn(piece)


def _from_back(fn: Callable[[int], T], claims: Any) -> dict[int, T]:
    """This process's share: pieces from the back until it meets the child's claims."""
    done: dict[int, T] = {}
    while True:
        if not claims.get_lock().acquire(timeout=_LOCK_WAIT_S):
            return done  # the pieces left are computed by ``share``'s result, here
        try:
            piece = claims[1] - 1
            if piece < claims[0]:
                return done
            claims[1] = piece
        finally:
            claims.get_lock().release()
        done[piece] = fn(piece)


def _here(fn: Callable[..., T], args: tuple) -> Callable[[], T]:
    done: list[T] = []

    def result() -> T:
        if not done:
            done.append(fn(*args))
        return done[0]

    return result


def _collect(pid: int, read_fd: int, fn: Callable[..., T], args: tuple) -> T:
    """The child's result (read whole before it is waited for: it blocks on a full pipe), or
    ``fn(*args)`` computed here when the child did not send one."""
    data = b""
    with contextlib.suppress(OSError), os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        status = -1
    if status == 0 and data:
        try:
            return pickle.loads(data)
        except Exception:  # a damaged message: compute it here instead
            pass
    return fn(*args)
