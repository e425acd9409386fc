#!/usr/bin/env python3
"""Builds the Open DAMIR regional spending tables 2019-2024 and the matching population
tables from the raw copies in external-data/raw/ (sources and checks: external-data/SOURCES.md):

  opendamir-depenses-regions.csv           region x year of care: paid, reimbursed, out of
                                           pocket (euros), population, euros per inhabitant
  opendamir-depenses-regions-age-sexe.csv  region x year x BEN_SEX_COD x AGE_BEN_SNDS
  population-regions-open-damir-age.csv    population by region x year x AGE_BEN_SNDS band,
                                           both sexes (INSEE, 2019-2023)
  population-regions-open-damir-sexe.csv   population by region x year x sex (INSEE, 2019-2023)

Regions are Open DAMIR's BEN_RES_REG codes (column reg_open_damir): 2016 INSEE codes, except
93 = Provence-Alpes-Côte d'Azur with Corsica and 5 = all overseas departments. Amounts: the
source holds float sums of cent amounts; each cell is rounded to the cent (the largest
distance of a source cell from a whole cent is printed: far below half a cent) and the cents
are added as integers, so the tables add up exactly. Usage: scripts/make-open-damir-regions.py.
Python 3 standard library only."""
import collections
import os

import make_lib as L

YEARS = range(2019, 2025)
POP_YEARS = range(2019, 2024)
AMOUNTS = [("FLT_PAI_MNT", "montant_paye_eur"), ("FLT_REM_MNT", "montant_rembourse_eur"),
           ("RAC", "reste_a_charge_eur")]
AGE_BANDS = [0, 20, 30, 40, 50, 60, 70, 80]  # AGE_BEN_SNDS: 0-19, 20-29, ..., 80 and over


def cents(text, worst):
    x = float(text) * 100
    worst[0] = max(worst[0], abs(x - round(x)))
    return round(x)


def euros(c):
    return "%s%d.%02d" % ("-" if c < 0 else "", abs(c) // 100, abs(c) % 100)


def read_claims():
    """{(reg, year, sex, age): [paid, reimbursed, out of pocket] in cents}, summed over the
    months of care."""
    worst = [0.0]
    acc = collections.defaultdict(lambda: [0, 0, 0])
    for r in L.read_dicts(os.path.join(L.RAW, "opendamir", "RAC_data.csv.xz")):
        key = tuple(L.as_int(r[k]) for k in ("BEN_RES_REG", "SOI_ANN", "BEN_SEX_COD", "AGE_BEN_SNDS"))
        amounts = [cents(r[src], worst) for src, _ in AMOUNTS]
        L.check(amounts[0] - amounts[1] == amounts[2], "RAC != paid - reimbursed: %r" % r)
        for i, a in enumerate(amounts):
            acc[key][i] += a
    L.check(worst[0] < 0.01, "a source amount is %.4f cent from a whole cent" % worst[0])
    print("check: every source amount within %.4f cent of a whole cent; RAC = paid - reimbursed "
          "on every row" % worst[0])
    return acc


def population(deps):
    """Population of the Open DAMIR regions: {(reg, year): (total, source)}, {(reg, year,
    age band): n} and {(reg, year, sex): n}."""
    total = collections.defaultdict(int)
    sources = {}
    for (code, year), (people, source) in L.department_population(deps, YEARS).items():
        reg = int(deps[code]["reg_open_damir"])
        total[(reg, year)] += people
        sources[(reg, year)] = source
    by_age, by_sex = collections.Counter(), collections.Counter()
    for r in L.read_dicts(os.path.join(L.RAW, "insee", "insee_pop_dep_age5_2010_2023.csv.xz"), ";"):
        year = int(r["annee"])
        if year in POP_YEARS:
            low = int(r["tranche_age"].split()[0])
            band = max(b for b in AGE_BANDS if b <= low)
            by_age[(int(deps[L.dep_code(r["dep"], deps)]["reg_open_damir"]), year, band)] += int(r["pop"])
    for r in L.read_dicts(os.path.join(L.RAW, "insee", "insee_pop_dep_total_1975_2023.csv"), ";"):
        year = int(r["annee"])
        if year in POP_YEARS:
            reg = int(deps[L.dep_code(r["dep"], deps)]["reg_open_damir"])
            by_sex[(reg, year, 1)] += int(r["pop_hommes"])
            by_sex[(reg, year, 2)] += int(r["pop_femmes"])
    for (reg, year), n in total.items():
        if year in POP_YEARS:
            L.check(sum(by_age[(reg, year, b)] for b in AGE_BANDS) == n, "age bands %d %d" % (reg, year))
            L.check(by_sex[(reg, year, 1)] + by_sex[(reg, year, 2)] == n, "sexes %d %d" % (reg, year))
    return {k: (n, sources[k]) for k, n in total.items()}, by_age, by_sex


def write_region_year(acc, pop, names):
    by = collections.defaultdict(lambda: [0, 0, 0])
    for (reg, year, _, _), v in acc.items():
        by[(reg, year)] = [a + b for a, b in zip(by[(reg, year)], v)]
    rows = []
    for (reg, year) in sorted(by):
        v = by[(reg, year)]
        people, source = pop[(reg, year)]
        rows.append([reg, names[reg], year] + [euros(c) for c in v] + [people]
                    + ["%.2f" % (c / 100.0 / people) for c in v]
                    + [0 if year == 2024 else 1, source])
    L.check(len(rows) == 13 * len(YEARS), "region-years %d" % len(rows))
    L.write_csv("opendamir-depenses-regions.csv",
                ["reg_open_damir", "nom", "annee"] + [c for _, c in AMOUNTS] + ["population"]
                + ["paye_par_habitant_eur", "rembourse_par_habitant_eur",
                   "reste_a_charge_par_habitant_eur", "annee_complete", "source_population"], rows)
    for year in YEARS:
        t = [sum(by[(reg, y)][i] for reg, y in by if y == year) for i in range(3)]
        print("%d: paid %s, reimbursed %s, out of pocket %s euros" % ((year,) + tuple(euros(c) for c in t)))


def main():
    deps = L.departments()
    names = L.region_names_open_damir()
    acc = read_claims()
    L.check({k[0] for k in acc} == set(names) - {99}, "regions %s" % sorted({k[0] for k in acc}))
    pop, by_age, by_sex = population(deps)
    write_region_year(acc, pop, names)
    rows = [[reg, year, sex, age] + [euros(c) for c in acc[(reg, year, sex, age)]]
            for (reg, year, sex, age) in sorted(acc)]
    L.write_csv("opendamir-depenses-regions-age-sexe.csv",
                ["reg_open_damir", "annee", "sexe", "age"] + [c for _, c in AMOUNTS], rows)
    L.write_csv("population-regions-open-damir-age.csv",
                ["reg_open_damir", "annee", "age", "population"],
                [[reg, year, band, n] for (reg, year, band), n in sorted(by_age.items())])
    L.write_csv("population-regions-open-damir-sexe.csv",
                ["reg_open_damir", "annee", "sexe", "population"],
                [[reg, year, sex, n] for (reg, year, sex), n in sorted(by_sex.items())])


if __name__ == "__main__":
    main()
