#!/usr/bin/env python3
"""Builds external-data/departements-carte.txt, the compact department outlines that
`damirstat plot map` draws, from the france-geojson files (IGN Admin Express COG 2018 via
gregoiredavid/france-geojson, Licence Ouverte / Etalab; see external-data/SOURCES.md).

Usage: scripts/make-map.py METRO.geojson WITH-OVERSEAS.geojson > external-data/departements-carte.txt
  METRO          departements-version-simplifiee.geojson (96 metropolitan departments)
  WITH-OVERSEAS  departements-avec-outre-mer.geojson (for 971, 972, 973, 974, 976)

Python 3 standard library only. Steps: keep the outer ring of each polygon part, drop islets
under MIN_AREA_KM2, project to kilometres (equirectangular, x scaled by cos of a reference
latitude: 46.5° for the mainland, the department's own latitude for an overseas one),
simplify with Douglas-Peucker, place the five overseas departments in boxes in a column
west of Brittany, each scaled to fill its box, repeat Paris and its inner ring enlarged in a
box at the top right, and round to 0.1 km.

Output format (read by src/plot/plot_map.c):
  # comment lines
  box CODE X0 Y0 X1 Y1       frame of an inset, km (CODE 75: Paris, 92, 93 and 94)
  poly CODE                  one polygon part of a department, then its vertices:
  X Y                        one vertex a line (km; the ring is closed implicitly)
  (blank line)               ends the part
Parts are written largest first so that an enclave is drawn over the part around it.
"""
import json
import math
import sys

KM_PER_DEG = 111.32
METRO_LAT = 46.5
METRO_TOLERANCE_KM = 0.6   # below a pixel at 1200x800 (France spans ~1000 km in ~700 px)
DOM_TOLERANCE_DEG = 0.004  # before scaling; the insets are drawn 3-20 times larger
MIN_AREA_KM2 = 15.0        # keeps Belle-Ile, Re, Oleron, Noirmoutier; drops rocks
OVERSEAS = ["971", "972", "973", "974", "976"]
# Paris and its inner ring (petite couronne), too small to read at article size, are drawn a
# second time, enlarged, in a box at the top right (over Belgium and Luxembourg, where the
# mainland leaves room: the Moselle stops at y = 5512 km, the box starts at 5527).
PARIS = ["75", "92", "93", "94"]
PARIS_BOX_X0 = 560.0
BOX = 160.0                # inset side, km of the mainland frame
GAP = 40.0                 # room for the inset's name under its box
BOX_X0 = -600.0            # west of Brittany (which reaches x = -360)


def parts(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [poly[0] for poly in geometry["coordinates"]]


def area(ring):
    s = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        s += x0 * y1 - x1 * y0
    return abs(s) / 2.0


def seg_dist(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def douglas_peucker(pts, tol):
    """Iterative (no recursion limit on long coasts); keeps the two end points."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, k = -1.0, -1
        for m in range(i + 1, j):
            d = seg_dist(pts[m], pts[i], pts[j])
            if d > best:
                best, k = d, m
        if best > tol:
            keep[k] = True
            stack.append((i, k))
            stack.append((k, j))
    return [p for p, kept in zip(pts, keep) if kept]


def project(ring, lat0, lon0=0.0):
    c = math.cos(math.radians(lat0))
    return [((lon - lon0) * c * KM_PER_DEG, lat * KM_PER_DEG) for lon, lat in ring]


def simplify_ring(ring, tol):
    if ring[0] == ring[-1]:
        ring = ring[:-1]
    # Split the ring in two so the chosen end points are far apart.
    half = len(ring) // 2
    a = douglas_peucker(ring[: half + 1], tol)
    b = douglas_peucker(ring[half:] + ring[:1], tol)
    out = a[:-1] + b[:-1]
    return out if len(out) >= 3 else ring


def round_ring(ring):
    out = []
    for x, y in ring:
        p = (round(x, 1), round(y, 1))
        if not out or out[-1] != p:
            out.append(p)
    return out


def metro(features):
    result = []
    for f in features:
        code = f["properties"]["code"]
        for ring in parts(f["geometry"]):
            xy = project(ring, METRO_LAT)
            if area(xy) < MIN_AREA_KM2:
                continue
            result.append((code, round_ring(simplify_ring(xy, METRO_TOLERANCE_KM))))
    return result


def place(code_rings, x0, y0, lat0):
    """Projects rings (lon, lat) at lat0 and scales them all together to fill the box
    whose lower left corner is (x0, y0). Returns [(code, ring)]."""
    xy = [(code, project(ring, lat0)) for code, ring in code_rings]
    xs = [x for _, r in xy for x, _ in r]
    ys = [y for _, r in xy for _, y in r]
    scale = (BOX * 0.86) / max(max(xs) - min(xs), max(ys) - min(ys))
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    bx, by = x0 + BOX / 2, y0 + BOX / 2
    return [(code, round_ring([(bx + (x - cx) * scale, by + (y - cy) * scale) for x, y in r]))
            for code, r in xy]


def overseas(feature, slot, top):
    code = feature["properties"]["code"]
    rings = parts(feature["geometry"])
    lats = [lat for r in rings for _, lat in r]
    lat0 = (min(lats) + max(lats)) / 2
    kept = []
    for ring in rings:
        if area(project(ring, lat0)) < 0.5:  # islets under 0.5 km2 vanish even enlarged
            continue
        kept.append((code, simplify_ring(ring, DOM_TOLERANCE_DEG)))
    y1 = top - slot * (BOX + GAP)
    return (code, BOX_X0, y1 - BOX, BOX_X0 + BOX, y1), place(kept, BOX_X0, y1 - BOX, lat0)


def paris(mainland, top):
    """The inner ring enlarged; its box is named after 75."""
    kept = [(f["properties"]["code"], ring) for f in mainland
            if f["properties"]["code"] in PARIS for ring in parts(f["geometry"])]
    return ((PARIS[0], PARIS_BOX_X0, top - BOX, PARIS_BOX_X0 + BOX, top),
            place(kept, PARIS_BOX_X0, top - BOX, 48.85))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as fp:
        mainland = json.load(fp)["features"]
    with open(sys.argv[2], encoding="utf-8") as fp:
        everything = {f["properties"]["code"]: f for f in json.load(fp)["features"]}
    polys = metro(mainland)
    top = max(y for _, r in polys for _, y in r)
    boxes = []
    for slot, code in enumerate(OVERSEAS):
        box, placed = overseas(everything[code], slot, top)
        boxes.append(box)
        polys += placed
    box, placed = paris(mainland, top)
    boxes.append(box)
    polys += placed
    polys.sort(key=lambda cp: -area(cp[1]))
    write_map(sys.stdout, "# Department outlines for damirstat plot map (built by "
              "scripts/make-map.py).\n", boxes, polys)


def write_map(out, title, boxes, polys, note=""):
    """Writes the outline file: a title comment, the source comment, `note` (comment lines
    or ""), the inset boxes, then the parts (already in drawing order)."""
    out.write(title)
    out.write("# Source: IGN Admin Express COG 2018 via gregoiredavid/france-geojson "
              "5d34ee6d0140c29f785fdb047d9329f1aab58833,\n# Licence Ouverte / Etalab. "
              "Kilometres; equirectangular, x scaled by cos(46.5 deg); overseas as insets.\n")
    out.write(note)
    for code, x0, y0, x1, y1 in boxes:
        out.write("box %s %.1f %.1f %.1f %.1f\n" % (code, x0, y0, x1, y1))
    for code, ring in polys:
        out.write("poly %s\n" % code)
        for x, y in ring:
            out.write("%g %g\n" % (x, y))
        out.write("\n")


if __name__ == "__main__":
    main()
