#!/usr/bin/env python3
"""Writes the two SYNTHETIC department tables of external-data/ (see SOURCES.md):
synthetic-activite-physique.csv (sport licences per 100 inhabitants) and
synthetic-pas-quotidiens.csv (average daily steps). No real per-department figure is
reachable from this project's machines (INJEP's licence census is public but was not
retrievable; Withings' step counts are proprietary), so these stand in, seeded and
reproducible: run `scripts/make-synthetic.py` from the repository root.

Formula: licences_pour_100_hab = 22.8 + 3.0 * z1 (22.8 = metropolitan France 2014,
DREES Panorama 2015 sheet "Sports"), rounded to 0.1; licences = round(rate * population / 100);
pas_quotidiens = 7000 + 60 * (rate - 22.8) + 400 * z2, rounded; z1, z2 standard normal from
random.Random(2015)."""
import csv
import random

rng = random.Random(2015)
with open("external-data/departements.csv", encoding="utf-8") as f:
    deps = list(csv.DictReader(f))
rows = []
for d in deps:
    z1, z2 = rng.gauss(0, 1), rng.gauss(0, 1)
    rate = round(22.8 + 3.0 * z1, 1)
    steps = round(7000 + 60 * (rate - 22.8) + 400 * z2)
    rows.append((d, rate, steps))
note = "# SYNTHETIC data, not a measurement: made by scripts/make-synthetic.py (seed 2015); see external-data/SOURCES.md\n"
with open("external-data/synthetic-activite-physique.csv", "w", encoding="utf-8", newline="") as f:
    f.write(note)
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["dep", "nom", "annee", "licences", "licences_pour_100_hab"])
    for d, rate, _ in rows:
        w.writerow([d["dep"], d["nom"], d["annee_population"],
                    round(rate * int(d["population"]) / 100), rate])
with open("external-data/synthetic-pas-quotidiens.csv", "w", encoding="utf-8", newline="") as f:
    f.write(note)
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["dep", "nom", "pas_quotidiens"])
    for d, _, steps in rows:
        w.writerow([d["dep"], d["nom"], steps])
