"""The command line a curator runs: `python -m corridors validate | export ...`.

Called through ``cli.main`` (the same function ``python -m corridors`` runs) so exit codes and
output are checked without a subprocess per test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corridors import cli
from corridors.store.datadir import ENV_VAR

from fixtures import FIXTURE_ROOT

#: Commands without --data-dir read $CORRIDORS_DATA_DIR: here always the frozen fixture.
pytestmark = pytest.mark.usefixtures("fixture_env")


def _break(data_copy) -> None:
    """One error a curator could make: a quote that is not in its article."""
    data_copy.edit_row("geodata/claims.csv", "id", "cku-role-001", quote="Nothing like this.")


def test_validate_ok(capsys: pytest.CaptureFixture[str]) -> None:
    """On sound data: exit 0 and one summary line that starts with OK:."""
    code = cli.main(["validate"])
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""
    summary = [line for line in out.splitlines() if line.startswith(("OK:", "FAILED:"))]
    assert len(summary) == 1
    assert summary[0] == out.splitlines()[-1]
    assert summary[0].startswith("OK: ")
    assert ": 0 errors, " in summary[0]
    assert " features, " in summary[0] and " claims, " in summary[0]


def test_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints only JSON (no summary line), one object per problem, for other tools."""
    code = cli.main(["validate", "--json"])
    out, _ = capsys.readouterr()
    assert code == 0
    problems = json.loads(out)
    assert [(p["level"], p["file"], p["id"], p["message"]) for p in problems] == [
        ("warning", "seeds/sources.csv", "000_9433e71b893593d6.txt", "no claim cites this source")
    ]
    assert set(problems[0]) == {"level", "file", "line", "id", "message", "hint", "check"}
    assert problems[0]["check"] == "sources_cited"


def test_validate_json_on_broken_copy(data_copy, capsys: pytest.CaptureFixture[str]) -> None:
    """An error in --json mode: exit 1 and the problem as an object naming file and id."""
    _break(data_copy)
    code = cli.main(["--data-dir", os.fspath(data_copy.root), "validate", "--json"])
    problems = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {
        (p["level"], p["file"], p["id"]) for p in problems if "quote not found" in p["message"]
    } == {("error", "geodata/claims.csv", "cku-role-001")}


def test_data_dir_flag_redirects(data_copy, capsys: pytest.CaptureFixture[str]) -> None:
    """--data-dir points validation at a curator's copy instead of the repository's data."""
    _break(data_copy)
    code = cli.main(["--data-dir", os.fspath(data_copy.root), "validate"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "geodata/claims.csv:16 [cku-role-001]: quote not found verbatim" in err
    assert out.splitlines()[-1].startswith("FAILED: ")


def test_environment_variable_redirects(
    data_copy, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """$CORRIDORS_DATA_DIR does the same as --data-dir, for the dashboard and the CLI alike."""
    _break(data_copy)
    monkeypatch.setenv(ENV_VAR, os.fspath(data_copy.root))
    code = cli.main(["validate"])
    _, err = capsys.readouterr()
    assert code == 1
    assert "[cku-role-001]: quote not found verbatim" in err


def test_data_dir_flag_wins_over_environment(
    data_copy, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An explicit flag beats the environment, so a stale variable cannot hide the chosen copy."""
    _break(data_copy)
    monkeypatch.setenv(ENV_VAR, os.fspath(data_copy.root))
    code = cli.main(["--data-dir", os.fspath(FIXTURE_ROOT), "validate"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.splitlines()[-1].startswith("OK: ")


def test_export_geojson_writes_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`export --format geojson` writes a FeatureCollection with every feature, and says so."""
    output = tmp_path / "out" / "corridors.geojson"
    code = cli.main(["export", "--format", "geojson", "--output", os.fspath(output)])
    out, _ = capsys.readouterr()
    assert code == 0
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) >= 4
    assert f"wrote {len(data['features'])} features" in out


def test_export_rejects_unknown_format(tmp_path: Path) -> None:
    """argparse refuses a format the exporter does not know (exit status 2, nothing written)."""
    with pytest.raises(SystemExit) as exc:
        cli.main(["export", "--format", "shp", "--output", os.fspath(tmp_path / "x.shp")])
    assert exc.value.code == 2
    assert not (tmp_path / "x.shp").exists()


def test_fmt_leaves_canonical_files_alone(data_copy, capsys: pytest.CaptureFixture[str]) -> None:
    """On the committed (canonical) data, fmt rewrites nothing."""
    before = {p.name: p.read_bytes() for p in data_copy.datadir.features.glob("*.geojson")}
    code = cli.main(["--data-dir", os.fspath(data_copy.root), "fmt"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "rewrote" not in out
    after = {p.name: p.read_bytes() for p in data_copy.datadir.features.glob("*.geojson")}
    assert after == before


def test_fmt_restores_canonical_form(data_copy, capsys: pytest.CaptureFixture[str]) -> None:
    """A hand-edited file (re-indented, keys reordered) goes back to the committed bytes."""
    rel = "geodata/features/titr.geojson"
    original = data_copy.path(rel).read_bytes()
    data = json.loads(original)
    for feature in data["features"]:
        feature["properties"] = dict(reversed(feature["properties"].items()))
    data_copy.write_text(rel, json.dumps(data, indent=4, ensure_ascii=True))
    code = cli.main(["--data-dir", os.fspath(data_copy.root), "fmt"])
    assert code == 0
    assert f"rewrote {rel}" in capsys.readouterr().out
    assert data_copy.path(rel).read_bytes() == original


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("[1, 2]\n", id="JSON array"),
        pytest.param(
            '{"type": "Feature", "properties": {}, "geometry": null}\n', id="bare Feature"
        ),
        pytest.param('{"type": "FeatureCollection", "features": [5]}\n', id="non-Feature item"),
    ],
)
def test_fmt_never_destroys_a_file_it_cannot_read_as_features(
    content: str, data_copy, capsys: pytest.CaptureFixture[str]
) -> None:
    """fmt once rewrote such files as an empty FeatureCollection, losing their content."""
    rel = "geodata/features/cku-railway.geojson"
    data_copy.write_text(rel, content)
    code = cli.main(["--data-dir", os.fspath(data_copy.root), "fmt"])
    _, err = capsys.readouterr()
    assert code == 1
    assert data_copy.read_text(rel) == content
    assert f"{rel}: not a FeatureCollection of Features; left unchanged" in err


def test_fingerprint_changes_with_any_data_file(data_copy) -> None:
    """The dashboard notices edits by this hash: one byte changed in any file changes it."""
    from corridors.store.datadir import fingerprint

    before = fingerprint(data_copy.datadir)
    assert fingerprint(data_copy.datadir) == before
    data_copy.replace("geodata/waypoints.csv", "Kashgar", "Kashgar ")
    assert fingerprint(data_copy.datadir) != before


def _run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process, as a curator runs it; ``timeout`` guards against a hang (a FIFO
    opened for reading would block forever: the test then fails instead of hanging)."""
    return subprocess.run(
        [sys.executable, "-m", "corridors", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )


SEED = "seeds/004_dc699da55f7d4812.txt"


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


def _sixty_mb(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(60 * 1024 * 1024)


@pytest.mark.parametrize(
    ("rel", "make", "line"),
    [
        pytest.param(
            "geodata/features/cku-railway.geojson",
            _fifo,
            "ERROR geodata/features/cku-railway.geojson: is a named pipe (FIFO), not a regular "
            "file; not read",
            id="FIFO feature file",
        ),
        pytest.param(
            SEED,
            _fifo,
            f"ERROR {SEED}: is a named pipe (FIFO), not a regular file; not read",
            id="FIFO article",
        ),
        pytest.param(
            SEED,
            _dev_zero,
            f"ERROR {SEED}: is a symbolic link to 'zero', outside the data folders; not read",
            id="article linked to /dev/zero",
        ),
        pytest.param(
            SEED,
            _sixty_mb,
            f"ERROR {SEED}: article is 60 MiB, over the 1 MiB limit for articles; not read",
            id="60 MB article",
        ),
    ],
)
def test_validate_returns_on_hostile_files(data_copy, rel: str, make, line: str) -> None:
    """`validate` on a FIFO, /dev/zero or a 60 MB article returns within seconds, exit 1, with the
    file named (timeout guards the test; the figure is for benchmarks, not asserted)."""
    make(data_copy.path(rel))
    done = _run("--data-dir", os.fspath(data_copy.root), "validate", timeout=60)
    assert done.returncode == 1, done.stderr
    assert any(out.startswith(line) for out in done.stderr.splitlines()), done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_problems_never_show_the_machine_s_paths(data_copy, tmp_path: Path) -> None:
    """A link to a file elsewhere on the machine is named by its file name only, and every path is
    relative to the data folder: no absolute path of the user's machine in any problem."""
    secret = tmp_path / "private" / "secret-notes.txt"
    secret.parent.mkdir()
    secret.write_text("do not show\n")
    data_copy.path(SEED).unlink()
    data_copy.path(SEED).symlink_to(secret)
    done = _run("--data-dir", os.fspath(data_copy.root), "validate", "--json")
    problems = json.loads(done.stdout)
    assert {(p["file"], p["message"]) for p in problems if p["file"] == SEED} == {
        (SEED, "is a symbolic link to 'secret-notes.txt', outside the data folders; not read")
    }
    assert str(tmp_path) not in done.stdout + done.stderr
    assert all(not p["file"].startswith("/") for p in problems)


def test_symlink_inside_the_data_folders_is_read(data_copy) -> None:
    """A link that stays inside the data folders is followed (a curator may link files)."""
    target = data_copy.path("seeds/kept.txt.orig")
    data_copy.path(SEED).rename(target)
    data_copy.path(SEED).symlink_to(target)
    assert cli.main(["--data-dir", os.fspath(data_copy.root), "validate"]) == 0


def test_export_failure_is_one_line_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A full disk: exit 1, one line on stderr, the previous export byte-identical."""
    from corridors.store import atomicfile

    target = tmp_path / "corridors.kml"
    assert cli.main(["export", "--format", "kml", "--output", os.fspath(target)]) == 0
    before = target.read_bytes()
    capsys.readouterr()

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomicfile.os, "fsync", full)
    code = cli.main(["export", "--format", "kml", "--output", os.fspath(target)])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == [
        f"export failed: cannot write {target}: No space left on device; the previous file is "
        "unchanged"
    ]
    assert out == ""
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    ("output", "line"),
    [
        pytest.param(
            ".",
            "export failed: cannot write {tmp}: it is a folder; name a file inside it",
            id="a folder",
        ),
        pytest.param(
            "blocker/out.csv",
            "export failed: cannot write {tmp}/blocker/out.csv: Not a directory",
            id="under a file",
        ),
    ],
)
def test_export_to_a_bad_path_is_one_line(
    output: str, line: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "blocker").write_text("x")
    target = tmp_path / output if output != "." else tmp_path
    code = cli.main(["export", "--format", "csv", "--output", os.fspath(target)])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.splitlines() == [line.format(tmp=tmp_path)]


def test_unexpected_error_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Even a bug prints one line, not a traceback (CORRIDORS_DEBUG=1 shows it)."""
    from corridors.store import rawdata

    def broken(datadir):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(rawdata, "read", broken)
    monkeypatch.delenv(cli.DEBUG_VAR, raising=False)
    assert cli.main(["validate"]) == 3
    assert capsys.readouterr().err.splitlines() == [
        "internal error (RuntimeError: boom); please report it (set CORRIDORS_DEBUG=1 for the "
        "details)"
    ]


CKU = "geodata/features/cku-railway.geojson"


def test_fmt_keeps_id_and_bbox(data_copy, capsys) -> None:
    """RFC 7946 members fmt does not write itself (a feature's id, bbox at every level) stay."""
    data = json.loads(data_copy.read_text(CKU))
    data["bbox"] = [70, 39, 77, 42]
    data["features"][0]["id"] = "cku-railway"
    data["features"][0]["bbox"] = [72.3, 39.4, 76.0, 41.5]
    data["features"][0]["geometry"]["bbox"] = [72.3, 39.4, 76.0, 41.5]
    data_copy.write_text(CKU, json.dumps(data, indent=2))
    assert cli.main(["--data-dir", os.fspath(data_copy.root), "fmt"]) == 0
    written = json.loads(data_copy.read_text(CKU))
    assert written["bbox"] == [70, 39, 77, 42]
    assert written["features"][0]["id"] == "cku-railway"
    assert written["features"][0]["bbox"] == [72.3, 39.4, 76.0, 41.5]
    assert written["features"][0]["geometry"]["bbox"] == [72.3, 39.4, 76.0, 41.5]
    assert written["features"][0]["properties"] == data["features"][0]["properties"]


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        pytest.param(
            lambda d: d.__setitem__("name", "x"), "member 'name' of the collection", id="collection"
        ),
        pytest.param(
            lambda d: d["features"][0].__setitem__("style", {}),
            "member 'style' of feature #0",
            id="feature",
        ),
        pytest.param(
            lambda d: d["features"][0]["geometry"].__setitem__("crs", "x"),
            "member 'crs' of the geometry of feature #0",
            id="geometry",
        ),
        pytest.param(
            lambda d: d["features"][0].__setitem__(
                "geometry", {"type": "GeometryCollection", "geometries": []}
            ),
            "the geometry of feature #0, which is not a simple geometry",
            id="GeometryCollection",
        ),
    ],
)
def test_fmt_refuses_what_it_would_drop(data_copy, capsys, edit, named: str) -> None:
    """A member the canonical form does not keep: the file is left byte for byte, and named."""
    data = json.loads(data_copy.read_text(CKU))
    edit(data)
    data_copy.write_text(CKU, json.dumps(data))
    before = data_copy.path(CKU).read_bytes()
    assert cli.main(["--data-dir", os.fspath(data_copy.root), "fmt"]) == 1
    err = capsys.readouterr().err
    assert (
        f"ERROR {CKU}: holds what the canonical form does not keep: {named}; left unchanged" in err
    )
    assert data_copy.path(CKU).read_bytes() == before


@pytest.mark.parametrize(
    ("break_it", "line"),
    [
        pytest.param(
            lambda c: c.path("geodata/waypoints.csv").unlink(),
            f"ERROR {CKU}: cannot redraw: waypoint or property 'kashgar' is missing or malformed; "
            "left unchanged",
            id="waypoints.csv missing",
        ),
        pytest.param(
            lambda c: _fifo(c.path(CKU)),
            f"ERROR {CKU}: is a named pipe (FIFO), not a regular file; not read",
            id="FIFO feature file",
        ),
        pytest.param(
            lambda c: c.write_text(CKU, '{"type": "FeatureCollection", "features": [NaN]}'),
            f"ERROR {CKU}:1: non-finite number NaN at line 1",
            id="NaN",
        ),
    ],
)
def test_fmt_never_tracebacks(data_copy, break_it, line: str) -> None:
    """Whatever is wrong, fmt says so in one problem line and exits 1 (in a subprocess, with a
    timeout: a FIFO must not hang it)."""
    break_it(data_copy)
    done = _run("--data-dir", os.fspath(data_copy.root), "fmt", "--redraw")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert any(out.startswith(line) for out in done.stderr.splitlines()), done.stderr
