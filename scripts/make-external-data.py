#!/usr/bin/env python3
"""Rebuilds external-data/departements.csv, external-data/medecins-departements.csv and
external-data/generalistes-2018.csv from the public tables named in external-data/SOURCES.md.

Usage: scripts/make-external-data.py SHARED_DATA_DIR
SHARED_DATA_DIR holds geo-codes/departements_regions.csv (INSEE COG + SNDS IR_DPT_V),
insee-population-departements/insee_pop_dep_total_1975_2023.csv (INSEE estimates) and
gp-density-2025/insee_TCRD_068_professionnels_sante_2025_departements.csv (INSEE TCRD_068) and
gp-density-2018/france_dept_gp_2018.csv (cartogramR's copy of INSEE TCRD_004 + TCRD_068, 2018).
Only copies and reshapes: no value is computed except the column order."""
import csv
import os
import sys

POP_YEAR = "2023"


def read_semicolon(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def main(shared):
    regions = read_semicolon(os.path.join(shared, "geo-codes", "departements_regions.csv"))
    header, rows = regions[0], regions[1:]
    col = {name: i for i, name in enumerate(header)}
    pop_rows = read_semicolon(os.path.join(
        shared, "insee-population-departements", "insee_pop_dep_total_1975_2023.csv"))
    population = {r[1]: r[3] for r in pop_rows[1:] if r[0] == POP_YEAR}
    out = os.path.join(os.path.dirname(__file__), "..", "external-data")
    with open(os.path.join(out, "departements.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["dep", "nom", "reg_2016", "reg_avant_2016", "reg_open_damir",
                    "population", "annee_population"])
        for r in rows:
            dep = r[col["dep"]]
            w.writerow([dep, r[col["dep_nom"]], r[col["reg_2016"]], r[col["reg_2015"]],
                        r[col["open_damir_reg"]], population[dep], POP_YEAR])
    tcrd = read_semicolon(os.path.join(
        shared, "gp-density-2025", "insee_TCRD_068_professionnels_sante_2025_departements.csv"))
    deps = {r[col["dep"]] for r in rows}
    with open(os.path.join(out, "medecins-departements.csv"), "w", encoding="utf-8",
              newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["dep", "nom", "annee", "medecins", "densite_medecins",
                    "densite_generalistes", "densite_specialistes"])
        for r in tcrd:
            if r and r[0] in deps:
                w.writerow([r[0], r[1], "2025", r[2], r[3], r[4], r[5]])
    write_gp_2018(shared, out, {r[col["dep"]]: r[col["dep_nom"]] for r in rows})


def write_gp_2018(shared, out, names):
    """cartogramR spells names in ASCII with underscores: INSEE's names replace them."""
    gp = read_semicolon(os.path.join(shared, "gp-density-2018", "france_dept_gp_2018.csv"))
    col = {name: i for i, name in enumerate(gp[0])}
    with open(os.path.join(out, "generalistes-2018.csv"), "w", encoding="utf-8",
              newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["dep", "nom", "annee", "population", "medecins", "generalistes",
                    "densite_generalistes"])
        for r in sorted(gp[1:], key=lambda r: list(names).index(r[col["id"]])):
            w.writerow([r[col["id"]], names[r[col["id"]]], "2018", r[col["pop2018"]],
                        r[col["n_physicians"]], r[col["n_gp"]], r[col["n_gp_per100000"]]])


if __name__ == "__main__":
    main(sys.argv[1])
