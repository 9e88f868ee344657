"""Trace the route legs of the corridors map from the public reference geodata.

Development recipe (kept as the package ``devtools/trace/``; what it draws, the stations, ports
and legs, is curated data in ``devtools/trace/legs.py``, and each step has a module of its own:
``references`` reads, ``network`` and ``places`` hold what legs are drawn on and through,
``builders`` draws and measures a leg by its method, ``notes`` writes its drawing notes and
accuracy, ``pipeline`` and ``recipe`` build every leg and check them, ``geodata`` writes the
project's files). It reads only the reference folder
(``../shared/reference-geodata/``: see its README.md for origins, licences and gaps) and the
project's country polygons (``geodata/boundaries.geojson``), chooses vertices, and writes one JSON
list of legs with their coordinates, waypoints, drawing notes and measured statistics.

Why a recipe and not hand-edited coordinates: every vertex can be traced back to a reference vertex,
an OpenStreetMap station (by its OSM id), a row of ``ports.csv`` (each with its public source) or,
on the two Caspian crossings only, an offshore shape point whose reason is written beside it. Running the script again on the
same references gives byte-identical output, so a reviewer can check any leg by rerunning it.

Methods (the leg's ``method``):

- ``traced``: the shortest path on a reference line network (Natural Earth railroads, the OSM
  railways of Azerbaijan and eastern Georgia, or the OSM pipeline) between stations given by OSM id,
  thinned by Douglas–Peucker in a local metric projection. The stations themselves replace the
  nearest reference vertex, so that legs meet exactly at shared stations.
- ``stations``: straight segments through OSM stations, where the reference railways have a gap.
- ``schematic``: a sea crossing from port to port, kept off land by a few offshore shape points.
- ``located``: a single point at a station.

Accuracy (``accuracy_km``): for a traced leg, its largest deviation from the reference line plus the
reference's own error (``REFERENCE_ERROR_KM``); for a leg through stations, an estimate calibrated on
comparable traced legs; 50 km for the schematic sea crossings.

Usage (from the repository's root; ``--geodata geodata`` rewrites the pipeline, Middle Corridor and
dry port features and their waypoint rows, keeping each feature's status)::

    python -m devtools.trace [--ref DIR] [--boundaries FILE] [--out FILE] [--geodata DIR]

It never runs in the app or the tests.
"""
