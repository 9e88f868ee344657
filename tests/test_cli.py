"""The command line a curator runs: `python -m corridors validate | export ...`.

Called through ``cli.main`` (the same function ``python -m corridors`` runs) so exit codes and
output are checked without a subprocess per test.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from corridors import cli
from corridors.datadir import ENV_VAR

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
    assert set(problems[0]) == {"level", "file", "line", "id", "message", "hint"}


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
    from corridors.datadir import fingerprint

    before = fingerprint(data_copy.datadir)
    assert fingerprint(data_copy.datadir) == before
    data_copy.replace("geodata/waypoints.csv", "Kashgar", "Kashgar ")
    assert fingerprint(data_copy.datadir) != before
