#!/usr/bin/env python3
"""Builds the region and centroid geography of external-data/ (sources and checks:
external-data/SOURCES.md):

  regions-contiguite.csv              reg,voisin: 2016 INSEE regions sharing a border
  regions-open-damir-contiguite.csv   the same for Open DAMIR's BEN_RES_REG codes
  departements-centroides.csv         dep,nom,lon,lat: area centroid, degrees WGS84
  regions-carte.txt                   region outlines for `damirstat plot map`
  regions-open-damir-carte.txt        the same keyed by BEN_RES_REG (93 with Corsica, 5 overseas)

Contiguity: two regions are neighbours when one department of each border each other in
external-data/departements-contiguite.csv (rook contiguity of the IGN outlines; see its
entry); departements.csv gives each department's region. Centroids: the area centroid of
each department's outline in raw/geo/departements-avec-outre-mer.geojson.xz (IGN Admin Express
COG 2018 via france-geojson, WGS84 degrees, all parts, holes subtracted), computed in a
sinusoidal (equal-area) projection centred on the department and projected back. Outlines:
the functions of scripts/make-map.py (projection, simplification, inset boxes) applied to
raw/geo/regions-version-simplifiee.geojson for the 13 metropolitan regions and to the five
overseas departments (one region each) of the geojson above; no Paris inset.

Usage: scripts/make-geo.py. Python 3 standard library only."""
import copy
import importlib.util
import io
import json
import lzma
import math
import os
import sys

import make_lib as L

OVERSEAS_REGION = {"971": "01", "972": "02", "973": "03", "974": "04", "976": "06"}


def load_make_map():
    spec = importlib.util.spec_from_file_location(
        "make_map", os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-map.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def contiguity(deps, scheme, name):
    pairs = set()
    for r in L.read_dicts(os.path.join(L.EXT, "departements-contiguite.csv")):
        a, b = deps[r["dep"]][scheme], deps[r["voisin"]][scheme]
        if scheme == "reg_2016":
            a, b = L.region_code_2016(a), L.region_code_2016(b)
        if a != b:
            pairs.add((a, b))
    L.check(all((b, a) in pairs for a, b in pairs), "%s: not symmetric" % name)
    rows = sorted(pairs, key=lambda p: (int(p[0]), int(p[1])))
    L.write_csv(name, ["reg" if scheme == "reg_2016" else "reg_open_damir", "voisin"], rows)
    return rows


def ring_moments(ring, lon0):
    """Signed area and first moments of a ring in the sinusoidal projection centred on lon0
    (x = (lon - lon0) cos(lat), y = lat; degrees: only ratios are used)."""
    pts = [((lon - lon0) * math.cos(math.radians(lat)), lat) for lon, lat in ring]
    a = mx = my = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        mx += (x0 + x1) * cross
        my += (y0 + y1) * cross
    return a / 2.0, mx / 6.0, my / 6.0


def centroid(geometry):
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    lons = [lon for p in polys for lon, _ in p[0]]
    lon0 = (min(lons) + max(lons)) / 2.0
    area = mx = my = 0.0
    for poly in polys:
        for k, ring in enumerate(poly):
            a, x, y = ring_moments(ring, lon0)
            sign = 1.0 if (k == 0) == (a > 0) else -1.0  # outer ring adds, holes subtract
            area, mx, my = area + sign * a, mx + sign * x, my + sign * y
    lat = my / area
    return lon0 + (mx / area) / math.cos(math.radians(lat)), lat


def write_centroids(deps, features):
    rows = []
    for code in deps:
        lon, lat = centroid(features[code]["geometry"])
        rows.append([code, deps[code]["nom"], "%.4f" % lon, "%.4f" % lat])
    L.check(len(rows) == 101, "centroids %d" % len(rows))
    paris = next(r for r in rows if r[0] == "75")
    # Paris: the Bois de Boulogne and de Vincennes pull the centroid of the city's outline
    # a little east and south of Notre-Dame (2.349 E, 48.853 N); within 3 km of it.
    L.check(abs(float(paris[2]) - 2.349) < 0.04 and abs(float(paris[3]) - 48.853) < 0.03,
            "Paris centroid %s" % paris)
    L.write_csv("departements-centroides.csv", ["dep", "nom", "lon", "lat"], rows)


def region_map(mm, name, metro_features, overseas_features, code_of):
    """Writes a map file in make-map.py's format; code_of maps a region code to the code
    written on its parts (identity, or Open DAMIR's)."""
    polys = mm.metro(metro_features)
    top = max(y for _, r in polys for _, y in r)
    boxes = []
    for slot, dep in enumerate(mm.OVERSEAS):
        feature = copy.deepcopy(overseas_features[dep])
        feature["properties"]["code"] = OVERSEAS_REGION[dep]
        box, placed = mm.overseas(feature, slot, top)
        boxes.append(box)
        polys += placed
    polys = [(code_of(code), ring) for code, ring in polys]
    polys.sort(key=lambda cp: -mm.area(cp[1]))
    out = io.StringIO()
    note = ""
    if code_of("94") != "94":
        note = ("# Codes are Open DAMIR's BEN_RES_REG: 93 = Provence-Alpes-Cote d'Azur and "
                "Corsica, 5 = the overseas regions; boxes keep the INSEE codes 01-06.\n")
    mm.write_map(out, "# Region outlines for damirstat plot map (built by scripts/make-geo.py "
                 "with the functions of scripts/make-map.py).\n", boxes, polys, note)
    path = os.path.join(L.EXT, name)
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as f:
        f.write(out.getvalue())
    os.replace(path + ".tmp", path)
    codes = sorted({c for c, _ in polys}, key=int)
    print("%-48s %6d parts, codes %s" % (name, len(polys), " ".join(codes)))
    return codes


def main():
    deps = L.departments()
    contiguity(deps, "reg_2016", "regions-contiguite.csv")
    contiguity(deps, "reg_open_damir", "regions-open-damir-contiguite.csv")
    with lzma.open(os.path.join(L.RAW, "geo", "departements-avec-outre-mer.geojson.xz"), "rt",
                   encoding="utf-8") as f:
        features = {feat["properties"]["code"]: feat for feat in json.load(f)["features"]}
    write_centroids(deps, features)
    with open(os.path.join(L.RAW, "geo", "regions-version-simplifiee.geojson"), encoding="utf-8") as f:
        metro = json.load(f)["features"]
    mm = load_make_map()
    codes = region_map(mm, "regions-carte.txt", metro, features, lambda c: c)
    L.check(codes == sorted(L.region_names_2016(), key=int), "region codes %s" % codes)
    od = {L.region_code_2016(deps[d]["reg_2016"]): deps[d]["reg_open_damir"] for d in deps}
    codes = region_map(mm, "regions-open-damir-carte.txt", metro, features, lambda c: od[c])
    L.check(set(map(int, codes)) == set(L.region_names_open_damir()) - {99},
            "Open DAMIR region codes %s" % codes)


if __name__ == "__main__":
    sys.exit(main())
