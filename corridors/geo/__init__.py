"""Geometry: geodesic lengths and countries, lines rebuilt from waypoints, the country polygons, and closeness to the public references."""
