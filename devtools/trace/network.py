"""A reference line network with shortest paths between its vertices."""

from __future__ import annotations

import heapq
import itertools
import math

import numpy as np
import shapely
from shapely.geometry import LineString, Point

from devtools.trace.geometry import (
    dist_km,
)


class Network:
    """An undirected graph of reference vertices, weighted by geodesic length.

    Every vertex of every line is a node and consecutive vertices are joined. A line end that is
    not shared with another line but lies within ``snap_km`` of one (a T-junction without a common
    vertex) is joined to both vertices of the nearest segment of that line, so paths can turn there.
    """

    def __init__(self, lines, snap_km: float):
        self.adj: dict[tuple, dict[tuple, float]] = {}
        for part in lines:
            for a, b in itertools.pairwise(part):
                self._join(a, b)
        degree = {node: len(nbrs) for node, nbrs in self.adj.items()}
        geoms = [LineString(p) for p in lines]
        tree = shapely.STRtree(geoms)
        for i, part in enumerate(lines):
            for end in (part[0], part[-1]):
                if degree.get(end) != 1:
                    continue
                pt = Point(end)
                # Candidates within a generous radius in degrees; the exact test is geodesic.
                best = None
                for j in tree.query(pt, predicate="dwithin", distance=snap_km / 50):
                    if j == i:
                        continue
                    along_j = geoms[j].project(pt)
                    foot = geoms[j].interpolate(along_j)
                    d = dist_km(end, (foot.x, foot.y))
                    if d <= snap_km and (best is None or (d, j) < best[:2]):
                        best = (d, int(j), along_j)
                if best is None:
                    continue
                _, j, along_j = best
                other = np.asarray(lines[j])
                cum = np.concatenate([[0], np.cumsum(np.hypot(*np.diff(other, axis=0).T))])
                k = min(int(np.searchsorted(cum, along_j, side="right")) - 1, len(other) - 2)
                self._join(end, lines[j][k])
                self._join(end, lines[j][k + 1])
        self.nodes = sorted(self.adj)
        self._arr = np.array(self.nodes)

    def _join(self, a, b):
        if a == b:
            return
        w = dist_km(a, b)
        self.adj.setdefault(a, {})[b] = w
        self.adj.setdefault(b, {})[a] = w

    def nearest(self, lonlat) -> tuple[tuple, float]:
        """The network vertex nearest to a point, and its distance in km."""
        dx = (self._arr[:, 0] - lonlat[0]) * math.cos(math.radians(lonlat[1]))
        dy = self._arr[:, 1] - lonlat[1]
        i = int(np.argmin(dx * dx + dy * dy))
        return self.nodes[i], dist_km(self.nodes[i], lonlat)

    def path(self, a, b) -> list[tuple]:
        """Dijkstra shortest path from vertex a to vertex b (both included)."""
        dist = {a: 0.0}
        prev: dict[tuple, tuple] = {}
        queue = [(0.0, a)]
        while queue:
            d, u = heapq.heappop(queue)
            if u == b:
                break
            if d > dist[u]:
                continue
            for v, w in self.adj[u].items():
                nd = d + w
                if nd < dist.get(v, math.inf):
                    dist[v] = nd
                    prev[v] = u
                    heapq.heappush(queue, (nd, v))
        if b not in dist:
            raise ValueError(f"no path between {a} and {b}")
        out = [b]
        while out[-1] != a:
            out.append(prev[out[-1]])
        return out[::-1]
