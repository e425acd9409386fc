#!/usr/bin/env python3
"""Writes external-data/departements-contiguite.csv: pairs of departments that share a
border, both directions listed, from the IGN Admin Express COG 2018 outlines published as
departements.geojson by gregoiredavid/france-geojson (see external-data/SOURCES.md).

Usage: scripts/make-contiguity.py PATH/departements.geojson > external-data/departements-contiguite.csv

Two departments are neighbours when their outlines share a boundary segment (two consecutive
vertices, in either direction): mapshaper's simplification keeps shared arcs identical, so
shared borders have identical coordinates. Touching at a single point does not count (rook
contiguity). Overseas departments are not in the file and have no neighbours; Corsica's two
departments neighbour each other only."""
import json
import sys
from collections import defaultdict


def rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


def main(path):
    with open(path, encoding="utf-8") as f:
        features = json.load(f)["features"]
    owners = defaultdict(set)
    for feature in features:
        code = feature["properties"]["code"]
        for ring in rings(feature["geometry"]):
            for a, b in zip(ring, ring[1:]):
                edge = tuple(sorted((tuple(a), tuple(b))))
                owners[edge].add(code)
    pairs = set()
    for codes in owners.values():
        for a in codes:
            for b in codes:
                if a != b:
                    pairs.add((a, b))
    print("dep,voisin")
    for a, b in sorted(pairs):
        print(f"{a},{b}")


if __name__ == "__main__":
    main(sys.argv[1])
