#!/usr/bin/env python3
"""Builds the sports-licence tables (INJEP census of annual licences, 2016-2024) from the raw
copies in external-data/raw/ (sources, licences and checks: external-data/SOURCES.md):

  licences-departements.csv          department x year: licences, population, per 100
  licences-regions.csv               INSEE 2016 region x year (18 regions), summed
  licences-regions-open-damir.csv    Open DAMIR region (BEN_RES_REG) x year (13), summed

Population: INSEE estimates on 1 January of the year (raw/insee/insee_pop_dep_total_1975_2023.csv)
for 2016-2023, and for 2024 the "Population départementale" row of INJEP's table 5b 2024
(INSEE estimate on 1 January 2024), both departmental. A region's licences and population are
the sums over its departments (departements.csv gives the region of each department), and its
rate is their quotient: licences the INJEP could not place in a department ("NR - Non
réparti", "ETR - Etranger") and those of the overseas collectivities and Monaco are in no
department and so in no region.

Usage: scripts/make-licences.py. Python 3 standard library only."""
import collections
import os

import make_lib as L

YEARS = range(2016, 2025)
AGE_COLS = ["lic_1_13ans", "lic_14_20ans", "lic_21_55ans", "lic_56_99ans", "lic_age_nr"]


def department_rows(deps, t5b):
    path = os.path.join(L.RAW, "injep", "licences_par_departement_2016_2024.csv")
    src = L.read_dicts(path)
    pop = L.department_population(deps, YEARS)
    national = collections.Counter()
    rows = []
    for r in src:
        national[int(r["annee"])] += int(r["licences_total"])
        code = L.dep_code(r["dep_code"], deps) if r["dep_code"] else None
        if code is None:
            continue  # COM, Monaco, abroad, not placed
        year = int(r["annee"])
        L.check(int(r["licences_total"]) == int(r["licences_femmes"]) + int(r["licences_hommes"])
                + int(r["licences_sexe_nr"]), "%s %d: sexes" % (code, year))
        L.check(int(r["licences_total"]) == sum(int(r[c]) for c in AGE_COLS), "%s %d: ages" % (code, year))
        people, source = pop[(code, year)]
        if year == 2024:
            L.check(t5b[code][0] == int(r["licences_total"]), "%s: 5b %d" % (code, t5b[code][0]))
            L.check(abs(100.0 * int(r["licences_total"]) / people - t5b[code][2]) < 1e-9,
                    "%s: INJEP's own rate" % code)
        status = r["fichier_source"].split("_")[2].split(".")[0]  # def / semidef
        rows.append([code, deps[code]["nom"], year, int(r["licences_total"]),
                     int(r["licences_femmes"]), int(r["licences_hommes"])]
                    + [int(r[c]) for c in AGE_COLS]
                    + [people, L.fmt(100.0 * int(r["licences_total"]) / people, 3), source, status])
    L.check(national[2024] == t5b["France"][0], "2024 national %d != 5b %d" % (national[2024], t5b["France"][0]))
    y24 = [r for r in rows if r[2] == 2024]
    for label, part in (("Total Métropole", lambda c: len(c) == 2),
                        ("Total DROM", lambda c: len(c) == 3),
                        ("Total Métropole+DROM", lambda c: True)):
        lic = sum(r[3] for r in y24 if part(r[0]))
        people = sum(r[11] for r in y24 if part(r[0]))
        L.check((lic, people) == t5b[label][:2], "2024 %s: %d, %d != 5b %s" % (label, lic, people, t5b[label][:2]))
    order = list(deps)
    rows.sort(key=lambda r: (order.index(r[0]), r[2]))
    return rows, national


def region_rows(rows, deps, scheme, names):
    acc = collections.defaultdict(lambda: [0, 0])
    for r in rows:
        reg = deps[r[0]][scheme]
        reg = L.region_code_2016(reg) if scheme == "reg_2016" else reg
        acc[(reg, r[2])][0] += r[3]
        acc[(reg, r[2])][1] += r[11]
    out = []
    for (reg, year), (lic, people) in sorted(acc.items(), key=lambda kv: (int(kv[0][0]), kv[0][1])):
        name = names[reg] if scheme == "reg_2016" else names[int(reg)]
        out.append([reg, name, year, lic, people, L.fmt(100.0 * lic / people, 3)])
    return out


def main():
    deps = L.departments()
    t5b = L.injep_5b(deps)
    rows, national = department_rows(deps, t5b)
    L.check(len(rows) == 101 * len(YEARS), "rows %d" % len(rows))
    L.check_unique("licences", rows, lambda r: (r[0], r[2]))
    L.write_csv("licences-departements.csv",
                ["dep", "nom", "annee", "licences", "licences_femmes", "licences_hommes",
                 "licences_1_13_ans", "licences_14_20_ans", "licences_21_55_ans",
                 "licences_56_99_ans", "licences_age_nr", "population",
                 "licences_pour_100_hab", "source_population", "statut_injep"], rows)
    reg = region_rows(rows, deps, "reg_2016", L.region_names_2016())
    L.check(len(reg) == 18 * len(YEARS), "regions %d" % len(reg))
    L.write_csv("licences-regions.csv",
                ["reg", "nom", "annee", "licences", "population", "licences_pour_100_hab"], reg)
    od = region_rows(rows, deps, "reg_open_damir", L.region_names_open_damir())
    L.check(len(od) == 13 * len(YEARS), "Open DAMIR regions %d" % len(od))
    L.write_csv("licences-regions-open-damir.csv",
                ["reg_open_damir", "nom", "annee", "licences", "population",
                 "licences_pour_100_hab"], od)
    for year in YEARS:
        in_deps = sum(r[3] for r in rows if r[2] == year)
        people = sum(r[11] for r in rows if r[2] == year)
        print("%d: national %d, in the 101 departments %d (%.2f %%), %.3f per 100 inhabitants"
              % (year, national[year], in_deps, 100.0 * in_deps / national[year], 100.0 * in_deps / people))
    print("check: 2024 department totals, rates, national total and the Métropole, DROM and "
          "Métropole+DROM totals (licences and population) equal INJEP table 5b")


if __name__ == "__main__":
    main()
