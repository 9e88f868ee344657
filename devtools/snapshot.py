"""A snapshot of everything the product shows or writes, so that ``diff -r`` proves a refactor
changed nothing a reader or a curator can see.

How to use it::

    git switch --detach OLD && python -m devtools.snapshot /tmp/before
    git switch NEW          && python -m devtools.snapshot /tmp/after
    diff -r /tmp/before /tmp/after        # empty: behaviour unchanged

Run both from the repository root with the same virtual environment (``SNAPSHOT.txt`` records the
library versions, so a diff there says the environments differ, not the code) and the same
reference geodata (``$CORRIDORS_REFERENCE_DIR``, else ``../shared/reference-geodata``: ``measure``
prints closeness to it). ``--data DIR`` snapshots another copy of the live data instead of the
checkout's ``geodata/`` and ``seeds/``. An OUTDIR that an earlier snapshot wrote is emptied first.
It costs about a minute of CPU: 1–2.5 minutes on the project's 2-core machine, more when it is busy.

Both commits need this file: after moving product modules, edit ``PRODUCT`` below (and only it):
every product function this script calls is named there, and the command line, the dashboard
file and the fixture folder in the tables beside it. For a commit older than this script, copy it
into that checkout's ``devtools/`` (its table fits the layout before the move).

What it writes into OUTDIR, for the frozen fixture (``fixture/``) and the live data (``live/``),
each read from a temporary copy so nothing can write into the checkout:

- ``panel/``: every corridor's panel HTML (``corridor--all.html``), and the same panel under the
  article filter for each article the filter offers (``corridor--source-FILE.html``); the
  overview and the article list shown before a corridor is chosen; ``claim/``: the HTML shown for
  each claim a timeline mark can select.
- ``timeline/``: the milestone rows (CSV) and the Altair chart spec (JSON) for all corridors and
  for each one.
- ``map/``: the page (``index.html``, its inline prefetch naming the files by role; ``page.html``
  is the same without it), ``map.js``/``map.css``, each layer's GeoJSON data file, the basemap
  and the place labels the map component writes, pretty-printed;
  ``popup/``: each feature's popup HTML, taken from the layer files; ``MANIFEST.txt``: every file of
  the component folder with its size and sha256 (the raw bytes, before any normalisation below).
- ``cli/``: ``validate`` (text and ``--json``), ``measure``, ``export`` in every format,
  ``cite`` in every format, ``annotations``, and ``fmt`` and ``fmt --redraw`` run on copies (their
  output and every data file's hash after), each run as ``python -m corridors --data-dir ...``;
  stdout and stderr as printed (exit codes of every command in ``EXIT_CODES.txt``).
- ``app/``: AppTest page scenarios (the map-only first run, the second run before the rest is
  released (map and panel only), the default view, each corridor from the link, a corridor picked
  in the list, an empty status filter, an article filter, a country filter, one layer, a view in
  the link, a bad link): a text rendering of every element in page order (``page.txt``: blocks,
  markdown, captions, HTML bodies, widgets with their options and values, the map component's
  arguments, the chart spec with its data) and the bytes behind every download button
  (``downloads/``). Each scenario is a fresh session run twice, as in a browser (the first run
  writes the map alone; then the rest is released, as when the map has reported and the app was
  quiet: ``corridors.view.firstpaint``, through one session key, ``PAINTED``), and widgets are
  found by their labels.

Beside them: ``broken/``, the fixture with its pipeline file cut in half (validate, export refused
and ``--allow-errors``, measure, annotations, the page); ``ingest/``: a small fictional article
(below) ingested into a copy of the fixture, its proposals, ``review --list``, ``review`` accepting
the first proposal and rejecting the rest, and the data tables and hashes after.

A GeoPackage is a SQLite file stamped with the time it was written, so it is never compared as
bytes: it is dumped as text through pyogrio (layers by name; for each, its fields, types, CRS and
bounds, then every row in file order with its geometry as WKT).

What is stripped, and why (everything else is kept byte for byte):

- absolute paths (the temporary data copies, the checkout, the reference geodata, the cache
  folder) become ``<TMP>``, ``<REPO>``, ``<REFERENCES>``: they differ between runs and checkouts;
- the map component's folder name and data file names (``map-<hash>``, ``data/<hash>.json``) are
  replaced by what each file is (``<layer:railway>``, ``<basemap>``, ...): the hashes include the
  code version, which changes with any edit to the package by design;
- folium's element names (``map_<uuid4 hex>``, random per render) are numbered in order of
  appearance;
- Streamlit's widget and element ids (``$$ID-<hash>-key``: the hash covers the script's path) and
  the ids of deferred downloads (uuid4 per run) are left out; Vega-Lite dataset names (a hash of
  the Arrow bytes, which carry library versions) are numbered and the data printed as rows;
- the commit and commit date in "How to cite this map" become ``<COMMIT>`` and ``<DATE>``: they
  change with every commit by definition.

Chart specs and the component's arguments are written with sorted keys (JSON object order means
nothing to the browser); the data files the component writes are pretty-printed in their own key
order, with their raw hashes in the manifest.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import csv
import hashlib
import importlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

# --- where the product lives: the only part to edit after moving its modules ---------------------

#: Every product function this script calls, as ``module:attribute``.
PRODUCT = {
    "resolve": "corridors.store.datadir:resolve",  # a folder path -> DataDir
    "load": "corridors.model.dataset:load",  # DataDir -> Dataset (read, validated, measured, joined)
    "options": "corridors.view.filters:options",  # Dataset -> the view's choices (.panels, .sources ...)
    "corridor_panel": "corridors.view.panel:corridor_panel",  # (ds, corridor, sources) -> panel model
    "panel_html": "corridors.view.panel:render_html",  # panel model -> the HTML the dashboard shows
    "overview_html": "corridors.view.panel:overview_html",  # (ds, corridors) -> the first page's table
    "sources_html": "corridors.view.panel:sources_html",  # ds -> every article and what it cites
    "claim_html": "corridors.view.panel:claim_html",  # (ds, claim id) -> a timeline mark's quote
    "milestones": "corridors.view.timeline:milestones",  # ds -> timeline rows
    "timeline_chart": "corridors.view.timeline:timeline_chart",  # rows -> altair chart
    "map_folder": "corridors.view.mapcomponent:prepare",  # cache root -> the component's folder
    "map_files": "corridors.view.mapcomponent:write_data",  # (folder, ds, data_version, code_version)
}
#: Files of the checkout, relative to the repository root.
PATHS = {
    "dashboard": "dashboard.py",
    "fixture": "tests/fixtures/data",
    "package": "corridors",
}
#: The command line (``python -m corridors``) and the environment variables the product reads.
CLI_MODULE = "corridors"
ENV = {
    "data": "CORRIDORS_DATA_DIR",
    "cache": "CORRIDORS_CACHE_DIR",
    "references": "CORRIDORS_REFERENCE_DIR",
}

REPO_ROOT = Path(__file__).resolve().parent.parent


def _product() -> SimpleNamespace:
    found = {}
    for name, target in PRODUCT.items():
        module, attribute = target.split(":")
        found[name] = getattr(importlib.import_module(module), attribute)
    package = Path(importlib.import_module(CLI_MODULE).__file__).resolve().parent
    if package != (REPO_ROOT / PATHS["package"]).resolve():
        raise SystemExit(f"snapshot: {CLI_MODULE} is imported from {package}, not this checkout")
    return SimpleNamespace(**found)


P = _product()

# --- the article ingested by the ingest -> review run -------------------------------------------

ARTICLE_NAME = "950_snapshot_fictional.txt"
ARTICLE = """\
[Fictional test article, written for the corridors snapshot script. It reports no real events.]

Railway Works Reach Kazarman

By Test Writer

Thursday, May 7, 2026

BISHKEK – The China-Kyrgyzstan-Uzbekistan railway is under construction, the transport ministry \
said on Thursday. The line will be 486 kilometres long.

Separately, officials said a new highway from Talas to Suusamyr is planned.
"""

# --- writing and normalising ---------------------------------------------------------------------

_FOLIUM_ID = re.compile(r"\b([a-z][a-z0-9_]*?)_([0-9a-f]{32})(?![0-9a-f])")
_COMMIT = re.compile(r"commit [0-9a-f]{12} of (\d{4}-\d{2}-\d{2}|an unknown date)")


class Out:
    """The output folder: every text written through it has machine-specific paths replaced."""

    def __init__(self, root: Path, label: str, replacements: list[tuple[str, str]]) -> None:
        self.root, self.label = root, label
        pairs: dict[str, str] = {}
        for path, token in replacements:
            for variant in {path, os.path.realpath(path)}:
                pairs.setdefault(variant, token)
        self.replacements = sorted(pairs.items(), key=lambda p: -len(p[0]))

    def clean(self, text: str) -> str:
        for path, token in self.replacements:
            text = text.replace(path, token)
        return text

    def write(self, rel: str, data: str | bytes) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(self.clean(data), encoding="utf-8", newline="")
            return
        for old, token in self.replacements:
            data = data.replace(old.encode(), token.encode())
        path.write_bytes(data)


def _json(value: object, sort: bool = True) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=sort, default=str) + "\n"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)


def _number_folium_ids(text: str) -> str:
    """folium names each element ``<kind>_<uuid4 hex>``: number them in order of appearance."""
    seen: dict[str, str] = {}

    def repl(match: re.Match) -> str:
        return f"{match.group(1)}_" + seen.setdefault(match.group(2), f"<{len(seen) + 1}>")

    return _FOLIUM_ID.sub(repl, text)


def gpkg_text(path: Path) -> str:
    """A GeoPackage as text (its bytes hold the time it was written): layers by name, each with
    its schema, then its rows in file order with the geometry as WKT."""
    import pyogrio

    lines = []
    for name, geometry_type in sorted(pyogrio.list_layers(path).tolist()):
        info = pyogrio.read_info(path, layer=name)
        lines.append(f"== layer {name} ({geometry_type}) ==")
        for key in ("crs", "encoding", "geometry_type", "geometry_name", "fid_column", "features"):
            lines.append(f"{key}: {info[key]}")
        lines.append(f"total_bounds: {[round(v, 9) for v in info['total_bounds']]}")
        for field, dtype, ogr in zip(
            info["fields"], info["dtypes"], info["ogr_types"], strict=True
        ):
            lines.append(f"field {field}: {dtype} ({ogr})")
        frame = pyogrio.read_dataframe(path, layer=name, fid_as_index=True)
        for fid, row in frame.iterrows():
            lines.append(f"-- fid {fid}")
            for column, value in row.items():
                shown = value.wkt if column == frame.geometry.name and value is not None else value
                lines.append(f"{column}: {shown!r}")
    return "\n".join(lines) + "\n"


def gpkg_bytes_text(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.gpkg"
        path.write_bytes(data)
        return gpkg_text(path)


def manifest(folder: Path, normalised: dict[str, str] | None = None) -> str:
    """Every file under ``folder``: relative path, size, sha256 (symlinks by their target); a
    file whose bytes vary by design is named with where its normalised copy is instead."""
    lines = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if normalised and rel in normalised:
            lines.append(f"{rel} (normalised copy: {normalised[rel]})")
        elif path.is_symlink():
            lines.append(f"{rel} -> {os.readlink(path)}")
        elif path.is_file():
            data = path.read_bytes()
            lines.append(f"{rel} {len(data)} {_sha(data)}")
    return "\n".join(lines) + "\n"


def copy_data(source: Path, target: Path) -> Path:
    """geodata/ and seeds/ of ``source`` into ``target`` (file modes kept, made writable for us)."""
    for folder in ("geodata", "seeds"):
        shutil.copytree(source / folder, target / folder, symlinks=True)
    for path in target.rglob("*"):
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | 0o200)
    return target


# --- the command line, as subprocesses -----------------------------------------------------------


class Cli:
    """``python -m corridors`` with a fixed environment; exit codes collected for one file."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.codes: dict[str, str] = {}

    def run(self, out: Out, name: str, data: Path, *args: str) -> subprocess.CompletedProcess:
        argv = [sys.executable, "-m", CLI_MODULE, "--data-dir", str(data), *args]
        done = subprocess.run(argv, cwd=REPO_ROOT, env=self.env, capture_output=True, timeout=600)
        out.write(f"{name}.stdout", done.stdout)
        if done.stderr:
            out.write(f"{name}.stderr", done.stderr)
        shown = " ".join(["python -m", CLI_MODULE, "--data-dir", str(data), *args])
        self.codes[f"{out.label}/{name}"] = f"exit {done.returncode}: {out.clean(shown)}"
        return done


def cli_reads(cli: Cli, out: Out, data: Path, tmp: Path) -> None:
    """The read-only commands on one data folder, and export in every format."""
    cli.run(out, "validate", data, "validate")
    cli.run(out, "validate-json", data, "validate", "--json")
    cli.run(out, "measure", data, "measure")
    cli.run(out, "annotations", data, "annotations")
    for fmt in ("csl-json", "bibtex", "ris"):
        cli.run(out, f"cite-{fmt}", data, "cite", "--format", fmt)
    tmp.mkdir(parents=True, exist_ok=True)
    for fmt in ("geojson", "csv", "gpkg", "kml"):
        target = tmp / f"export.{fmt}"
        cli.run(out, f"export-{fmt}", data, "export", "--format", fmt, "--output", str(target))
        if fmt == "gpkg" and target.is_file():
            out.write("export.gpkg.txt", gpkg_text(target))
        elif target.is_file():
            out.write(f"export.{fmt}", target.read_bytes())


def cli_fmt(cli: Cli, out: Out, data: Path, tmp: Path) -> None:
    """``fmt`` and ``fmt --redraw``, each on its own copy: what they print and leave behind."""
    for name, args in (("fmt", ("fmt",)), ("fmt-redraw", ("fmt", "--redraw"))):
        copy = copy_data(data, tmp / name)
        cli.run(out, name, copy, *args)
        out.write(f"{name}.after.txt", manifest(copy))


def cli_broken(cli: Cli, out: Out, data: Path, tmp: Path) -> None:
    cli.run(out, "validate", data, "validate")
    cli.run(out, "measure", data, "measure")
    cli.run(out, "annotations", data, "annotations")
    tmp.mkdir(parents=True, exist_ok=True)
    target = tmp / "export.geojson"
    cli.run(out, "export-refused", data, "export", "--format", "geojson", "--output", str(target))
    out.write("export-refused.exists.txt", f"{target.is_file()}\n")
    args = ("export", "--format", "geojson", "--output", str(target), "--allow-errors")
    cli.run(out, "export-allow-errors", data, *args)
    if target.is_file():
        out.write("export-allow-errors.geojson", target.read_bytes())


def ingest_review(cli: Cli, out: Out, data: Path, tmp: Path) -> None:
    """Ingest the fictional article into ``data`` (a copy), then review: accept the first
    proposal, reject the rest."""
    article = tmp / ARTICLE_NAME
    article.parent.mkdir(parents=True, exist_ok=True)
    article.write_text(ARTICLE, encoding="utf-8")
    out.write("article.txt", ARTICLE)
    cli.run(out, "1-ingest", data, "ingest", str(article))
    stem = article.stem
    proposals = data / "geodata" / "proposed" / f"{stem}.csv"
    if not proposals.is_file():
        out.write("2-proposals.csv.missing", "ingest wrote no proposals file\n")
        return
    out.write("2-proposals.csv", proposals.read_bytes())
    with proposals.open(encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    cli.run(out, "3-review-list", data, "review", stem, "--list")
    decide = [f"--accept={ids[0]}", *(f"--reject={i}" for i in ids[1:])] if ids else []
    cli.run(out, "4-review", data, "review", stem, *decide)
    for rel in ("geodata/claims.csv", "geodata/anchors.csv", "seeds/sources.csv"):
        out.write(f"5-after-{Path(rel).name}", (data / rel).read_bytes())
    out.write("5-after-proposals-left.txt", f"{proposals.is_file()}\n")
    cli.run(out, "6-validate", data, "validate")
    out.write("7-data-after.txt", manifest(data))


# --- panels, timeline and map, called as the dashboard calls them --------------------------------


def views(out: Out, data: Path, cache: Path) -> None:
    ds = P.load(P.resolve(data))
    options = P.options(ds)
    out.write("panel/overview.html", P.overview_html(ds, options.corridors))
    out.write("panel/sources.html", P.sources_html(ds))
    for corridor in options.panels:
        out.write(f"panel/{corridor}--all.html", P.panel_html(P.corridor_panel(ds, corridor, ())))
        for source in options.sources:
            shown = P.panel_html(P.corridor_panel(ds, corridor, (source,)))
            out.write(f"panel/{corridor}--source-{_safe(source)}.html", shown)
    rows = P.milestones(ds)
    out.write("timeline/milestones.csv", rows.to_csv(index=False, lineterminator="\n"))
    out.write("timeline/chart--all.json", _json(P.timeline_chart(rows).to_dict()))
    for corridor in options.panels:
        mine = rows[rows["corridor"] == corridor]
        if mine.empty:  # the dashboard says "no dates" instead of drawing a chart
            continue
        out.write(f"timeline/chart--{corridor}.json", _json(P.timeline_chart(mine).to_dict()))
    for claim in dict.fromkeys(rows["claim"]):
        out.write(f"panel/claim/{claim}.html", P.claim_html(ds, claim))
    cache.mkdir(parents=True, exist_ok=True)  # a cache root of its own: this dataset's files alone
    folder = Path(P.map_folder(cache))
    files = P.map_files(folder, ds, ds.fingerprint, folder.name)
    write_map(out, folder, files)


def file_roles(files) -> dict[str, str]:
    """The component's data file names (hashes of data and code) -> what each file is."""
    roles = {url: f"<layer:{kind}>" for kind, url in files.layers.items()}
    return roles | {files.basemap: "<basemap>", files.places: "<places>"}


def write_map(out: Out, folder: Path, files) -> None:
    roles = file_roles(files)
    listing = manifest(folder, {"index.html": "index.html", "page.html": "index.html"})
    for url, role in roles.items():
        listing = listing.replace(url, f"data/{role}")
    out.write("map/MANIFEST.txt", "".join(sorted(listing.splitlines(keepends=True))))
    page = (folder / "index.html").read_text(encoding="utf-8")
    for url, role in roles.items():  # the prefetch inline names this data version's files
        page = page.replace(url, role)
    out.write("map/index.html", _number_folium_ids(page))
    for name in ("map.js", "map.css"):
        out.write(f"map/{name}", (folder / name).read_bytes())
    for url, role in roles.items():
        collection = json.loads((folder / url).read_text(encoding="utf-8"))
        out.write(f"map/{role.strip('<>').replace(':', '-')}.json", _json(collection, sort=False))
        if role.startswith("<layer:"):
            for feature in collection["features"]:
                popup = feature["properties"].get("popup", "")
                out.write(f"map/popup/{_safe(str(feature['id']))}.html", popup + "\n")


# --- AppTest page scenarios ---------------------------------------------------------------------


@contextlib.contextmanager
def deferred_downloads() -> Iterator[dict[str, tuple]]:
    """Download buttons hold a callable, run when pressed: keep each one to run it ourselves."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    kept: dict[str, tuple] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = original(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        kept[file_id] = (data_callable, mimetype, file_name)
        return file_id

    MediaFileManager.add_deferred = add_deferred
    try:
        yield kept
    finally:
        MediaFileManager.add_deferred = original


def _plain(proto) -> dict:
    from google.protobuf.json_format import MessageToDict

    found = MessageToDict(proto, preserving_proto_field_name=True)
    for key in ("id", "form_id", "deferred_file_id"):
        found.pop(key, None)
    return found


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class Block(str):
    """A multi-line value, written as it is, one ``|`` line each (HTML bodies, specs, rows)."""


def _arrow_rows(data: bytes) -> Block:
    """Arrow IPC bytes as their schema, then one JSON line per row."""
    import pyarrow as pa

    table = pa.ipc.open_stream(data).read_all()
    lines = [f"schema: {', '.join(f'{f.name}: {f.type}' for f in table.schema)}"]
    return Block("\n".join(lines + [_compact(row) for row in table.to_pylist()]))


class PageText:
    """A stable text rendering of an AppTest element tree, in page order: a line per block with
    its properties, then per element its type and one line per field (multi-line values as
    ``|`` lines)."""

    def __init__(self, out: Out, folder: str, kept: dict[str, tuple], roles: dict[str, str]):
        self.out, self.folder, self.kept, self.roles = out, folder, kept, roles
        self.lines: list[str] = []

    def node(self, node, depth: int) -> None:
        pad = "  " * depth
        kind = getattr(node, "type", type(node).__name__)
        proto = getattr(node, "proto", None)
        children = getattr(node, "children", None)
        if children is not None:  # a block
            props = _plain(proto) if proto is not None else {}
            self.lines.append(f"{pad}[{kind}] {_compact(props) if props else ''}".rstrip())
            for index in sorted(children):
                self.node(children[index], depth + 1)
            return
        handler = getattr(self, f"_{kind}", None)
        fields = handler(node, proto) if handler else self._element(node, proto)
        self.lines.append(f"{pad}{kind}")
        for key in sorted(fields):
            value = fields[key]
            if isinstance(value, Block):
                self.lines.append(f"{pad}  {key}:")
                self.lines.extend(f"{pad}    | {line}" for line in value.split("\n"))
            else:
                self.lines.append(f"{pad}  {key}: {_compact(value)}")

    def _element(self, node, proto) -> dict:
        found = _plain(proto)
        with contextlib.suppress(Exception):  # not every element has a value
            value = node.value
            if hasattr(value, "to_csv"):
                value = Block(value.to_csv(lineterminator="\n"))
            if not callable(value) and value != found.get("body"):
                found["value (as the app reads it)"] = value
        return found

    def _html(self, node, proto) -> dict:
        return {"body": Block(_COMMIT.sub("commit <COMMIT> of <DATE>", proto.body))}

    def _component_instance(self, node, proto) -> dict:
        found = _plain(proto)
        args = json.loads(found.pop("json_args", "null") or "null")
        if isinstance(args, dict):
            for layer in args.get("layers", []):
                layer["url"] = self.roles.get(layer.get("url"), "<unknown file>")
            for key in ("basemap", "places"):
                if key in args:
                    args[key] = self.roles.get(args[key], "<unknown file>")
        found["args"] = Block(_json(args).rstrip("\n"))
        return found

    def _vega_lite_chart(self, node, proto) -> dict:
        found = _plain(proto)
        found.pop("datasets", None)
        found.pop("data", None)
        spec = found.pop("spec", "")
        names = {d.name: f"<dataset {i + 1}>" for i, d in enumerate(proto.datasets)}
        for old, new in names.items():
            spec = spec.replace(old, new)
        found["spec"] = Block(_json(json.loads(spec)).rstrip("\n")) if spec else None
        for d in proto.datasets:
            found[f"data of {names[d.name]}"] = _arrow_rows(d.data.data)
        if proto.data.data:
            found["data"] = _arrow_rows(proto.data.data)
        return found

    def _dataframe(self, node, proto) -> dict:
        found = _plain(proto)
        found.pop("arrow_data", None)
        found.pop("lazy_data", None)
        found["rows"] = Block(node.value.to_csv(lineterminator="\n").rstrip("\n"))
        return found

    _arrow_data_frame = _dataframe

    def _download_button(self, node, proto) -> dict:
        """The button, and the bytes pressing it gives (the callable the app registered)."""
        found = _plain(proto)
        entry = self.kept.get(proto.deferred_file_id)
        if entry is None:
            found["data"] = "none (disabled, or given inline)"
            return found
        data_callable, mimetype, file_name = entry
        data = data_callable()
        data = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        found["mime"], found["file_name"] = mimetype, file_name
        name = _safe(str(file_name))
        if name.endswith(".gpkg"):
            self.out.write(f"{self.folder}/downloads/{name}.txt", gpkg_bytes_text(data))
            found["data"] = f"downloads/{name}.txt (the GeoPackage as text)"
        else:
            self.out.write(f"{self.folder}/downloads/{name}", data)
            found["data"] = f"downloads/{name}"
        return found


def _find(elements, label: str):
    """The widget a reader finds by its label (keys are internal names and may change)."""
    for element in elements:
        if element.label.startswith(label):
            return element
    raise LookupError(f"no widget labelled {label!r}")


#: The session key that says the rest of the page is released (``corridors.view.session.PAINTED``,
#: written here as text so the script runs on commits older than that module).
PAINTED = "_painted"
#: The scenario whose second run comes before the release: the map and the panel only.
HELD_BACK = "second-run-map-and-panel"


def scenarios(options) -> list[tuple[str, dict[str, str], Callable | None, int]]:
    """(name, link query, what the reader then does, runs before it). The second run is the one
    the map's "drawn" report causes in a browser: the first run writes the map alone."""
    first = options.corridors[0] if options.corridors else ""
    found: list[tuple[str, dict[str, str], Callable | None, int]] = [
        ("first-run-map-only", {}, None, 1),
        (HELD_BACK, {}, None, 2),
        ("default", {}, None, 2),
    ]
    found += [(f"corridor-{c}", {"corridor": c}, None, 2) for c in options.panels]

    def pick(at):
        box = _find(at.selectbox, "Corridor")
        box.set_value(first).run()
        at.toggle[0].set_value(False).run()

    found += [
        ("pick-corridor-then-layer-off", {}, pick, 2),
        ("status-none-empties-the-view", {"status": "none"}, None, 2),
        ("one-layer", {"layers": options.layers[-1]} if options.layers else {}, None, 2),
        ("view-in-link", {"view": "42.5,74.25,6"}, None, 2),
    ]
    if options.sources:
        query = {"source": options.sources[0], "corridor": first}
        found.append(("article-filter", query, None, 2))
    if options.countries:
        found.append(("country-filter", {"country": options.countries[-1]}, None, 2))
    bad = {"corridor": "nope", "layers": "bogus", "zoom": "9", "view": "a,b,c"}
    if options.uncited:
        bad["source"] = options.uncited[0]
    found.append(("bad-link", bad, None, 2))
    return found


def app_pages(out: Out, data: Path, cache: Path, only_default: bool = False) -> None:
    """Each scenario in a fresh AppTest session on ``data``; the page as text, its downloads."""
    from streamlit.testing.v1 import AppTest

    # AppTest sets up each session outside a script run, and Streamlit warns that it does (a
    # filter, as Streamlit sets its loggers' levels again when it reads its config)
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )
    ds = P.load(P.resolve(data))
    options = P.options(ds)
    folder = Path(P.map_folder(cache))
    roles = file_roles(P.map_files(folder, ds, ds.fingerprint, folder.name))
    os.environ[ENV["data"]] = str(data)
    chosen = scenarios(options)
    if only_default:
        chosen = [s for s in chosen if s[0] == "default"]
    for name, query, then, runs in chosen:
        with deferred_downloads() as kept:
            at = AppTest.from_file(str(REPO_ROOT / PATHS["dashboard"]), default_timeout=120)
            for key, value in query.items():
                at.query_params[key] = value
            for run in range(runs):
                at.run()
                if run == 0 and name != HELD_BACK:
                    # the map reported and the app was quiet: the rest of the page is released
                    # (corridors.view.firstpaint), as dashboard tests do with AppTest too
                    at.session_state[PAINTED] = True
            if then is not None:
                then(at)
            page = PageText(out, f"app/{name}", kept, roles)
            page.lines.append(f"query params after the run: {_json(dict(at.query_params)).strip()}")
            page.node(at._tree, 0)
            out.write(f"app/{name}/page.txt", "\n".join(page.lines) + "\n")


# --- the whole snapshot --------------------------------------------------------------------------


def versions() -> str:
    from importlib import metadata

    names = ("streamlit", "altair", "folium", "geopandas", "pandas", "pyogrio", "shapely", "pyproj")
    found = [f"python {sys.version.split()[0]}"]
    for name in names:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found.append(f"{name} {metadata.version(name)}")
    return "\n".join(found) + "\n"


def prepare_outdir(path: Path) -> None:
    """An empty folder, or one this script wrote before (emptied); never anything else."""
    if path.exists() and any(path.iterdir()):
        if not (path / "SNAPSHOT.txt").is_file():
            raise SystemExit(f"snapshot: {path} is not empty and holds no earlier snapshot")
        shutil.rmtree(path)
    path.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.snapshot", description=__doc__)
    parser.add_argument("outdir", help="an empty folder, or one an earlier snapshot wrote")
    parser.add_argument(
        "--data", help="the live data folder (holding geodata/ and seeds/; default: this checkout)"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    outdir = Path(args.outdir).resolve()
    prepare_outdir(outdir)
    live_source = Path(args.data).resolve() if args.data else REPO_ROOT
    references = os.environ.get(ENV["references"]) or str(
        REPO_ROOT.parent / "shared" / "reference-geodata"
    )
    with tempfile.TemporaryDirectory(prefix="corridors-snapshot-") as tmp_name:
        tmp = Path(tmp_name)
        cache = tmp / "cache"
        cache.mkdir()
        env = {k: v for k, v in os.environ.items() if k != ENV["data"]}
        env |= {ENV["cache"]: str(cache), ENV["references"]: references}
        env |= {"PYTHONIOENCODING": "utf-8", "TZ": "UTC"}
        os.environ.update({ENV["cache"]: str(cache), ENV["references"]: references, "TZ": "UTC"})
        replacements = [
            (str(tmp), "<TMP>"),
            (references, "<REFERENCES>"),
            (str(REPO_ROOT), "<REPO>"),
        ]
        if args.data:
            replacements.append((str(live_source), "<LIVE>"))

        def out(rel: str) -> Out:
            return Out(outdir / rel, rel, replacements)

        data = {
            "fixture": copy_data(REPO_ROOT / PATHS["fixture"], tmp / "data" / "fixture"),
            "live": copy_data(live_source, tmp / "data" / "live"),
        }
        broken = copy_data(REPO_ROOT / PATHS["fixture"], tmp / "data" / "broken")
        cut = broken / "geodata" / "features" / "cacgp.geojson"
        text = cut.read_text(encoding="utf-8")
        cut.write_text(text[: len(text) // 2], encoding="utf-8")
        ingest_copy = copy_data(REPO_ROOT / PATHS["fixture"], tmp / "data" / "ingest")

        cli = Cli(env)
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            jobs = [pool.submit(ingest_review, cli, out("ingest"), ingest_copy, tmp / "article")]
            for name, folder in data.items():
                jobs.append(pool.submit(cli_reads, cli, out(f"{name}/cli"), folder, tmp / name))
                jobs.append(pool.submit(cli_fmt, cli, out(f"{name}/cli"), folder, tmp / name))
            jobs.append(pool.submit(cli_broken, cli, out("broken/cli"), broken, tmp / "broken"))
            for name, folder in data.items():
                views(out(name), folder, tmp / f"map-{name}")
                app_pages(out(name), folder, cache)
            app_pages(out("broken"), broken, cache, only_default=True)
            for job in jobs:
                job.result()
        codes = "".join(f"{k}  {v}\n" for k, v in sorted(cli.codes.items()))
        out("").write("EXIT_CODES.txt", codes)
    out("").write(
        "SNAPSHOT.txt",
        "Written by python -m devtools.snapshot (see its docstring); compare two with diff -r.\n"
        + versions(),
    )
    print(f"snapshot written to {outdir} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
