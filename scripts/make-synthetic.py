#!/usr/bin/env python3
"""Writes the two SYNTHETIC department tables of external-data/ (see SOURCES.md):
synthetic-activite-physique.csv (sport licences per 100 inhabitants) and
synthetic-pas-quotidiens.csv (average daily steps). No per-department licence table could be
found in a public repository reachable from this project (INJEP's census is public, but only
as workbooks on injep.fr and an API on data.sports.gouv.fr); Withings' step counts are
proprietary. These stand in, seeded and reproducible: run `scripts/make-synthetic.py` from
the repository root after external-data/departements.csv.

Formula (z1, z2 standard normal from random.Random(2015), one pair per department in file
order):
  licences_pour_100_hab = round(24.0 + 3.0 * z1, 1)
      24.0 = 15,892,190 licences in 2014 (Ministère chargé des sports, MEOS, Bulletin de
      statistiques et d'études n° 16-04, July 2016) / 66,130,873 inhabitants on 1 January 2014 (INSEE estimates, 101
      departments) * 100 = 24.03; the spread 3.0 is a choice, not a measurement.
  licences = round(licences_pour_100_hab * population / 100), population of
      departements.csv (INSEE, 1 January 2023), annee = that year.
  pas_quotidiens = round(7000 + 60 * (licences_pour_100_hab - 24.0) + 400 * z2)
      7000, 60 and 400 are choices, not measurements."""
import csv
import random

RATE_MEAN = 24.0
NOTE = ("# SYNTHETIC data, not a measurement: made by scripts/make-synthetic.py (seed 2015); "
        "see external-data/SOURCES.md\n")


def main():
    rng = random.Random(2015)
    with open("external-data/departements.csv", encoding="utf-8") as f:
        deps = list(csv.DictReader(f))
    rows = []
    for d in deps:
        z1, z2 = rng.gauss(0, 1), rng.gauss(0, 1)
        rate = round(RATE_MEAN + 3.0 * z1, 1)
        steps = round(7000 + 60 * (rate - RATE_MEAN) + 400 * z2)
        rows.append((d, rate, steps))
    with open("external-data/synthetic-activite-physique.csv", "w", encoding="utf-8",
              newline="") as f:
        f.write(NOTE)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["dep", "nom", "annee", "licences", "licences_pour_100_hab"])
        for d, rate, _ in rows:
            w.writerow([d["dep"], d["nom"], d["annee_population"],
                        round(rate * int(d["population"]) / 100), rate])
    with open("external-data/synthetic-pas-quotidiens.csv", "w", encoding="utf-8",
              newline="") as f:
        f.write(NOTE)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["dep", "nom", "pas_quotidiens"])
        for d, _, steps in rows:
            w.writerow([d["dep"], d["nom"], steps])


if __name__ == "__main__":
    main()
