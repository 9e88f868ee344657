"""The page gives freed memory back after each run: where glibc is the C library, it can."""

import platform

import pytest

from corridors.store.datadir import REPO_ROOT
from corridors.view import heap


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_trim_returns_freed_pages_where_glibc_is_the_c_library() -> None:
    assert heap.trim() is True


def test_the_page_trims_after_every_run_even_a_stopped_one() -> None:
    """dashboard.py's last statement: the page's run inside ``try``, the trim in ``finally``
    (the map-only first run ends in ``st.stop``, a rerun in ``st.rerun``: both raise)."""
    source = (REPO_ROOT / "dashboard.py").read_text(encoding="utf-8")
    tail = source[source.rindex("\ntry:") :]
    assert "main()" in tail and "finally:" in tail and "heap.trim()" in tail.split("finally:")[1]
