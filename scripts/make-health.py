#!/usr/bin/env python3
"""Builds the health-indicator tables from the raw copies in external-data/raw/ (sources,
licences, units and checks: external-data/SOURCES.md):

  esperance-vie-departements-2023.csv  life expectancy, standardised mortality (INSEE, 2023)
  esperance-vie-regions-2023.csv       the same by INSEE 2016 region
  pauvrete-departements-2021.csv       poverty rate (INSEE Filosofi 2021; BdF 2017 for 3 DOM)
  vaccination-departements.csv         vaccination coverage 2011-2024 (SPF), long
  suicides-departements.csv            suicide deaths and rates 2019-2023 (SPF / CépiDc), long
  tabac-alcool-regions.csv             daily smoking and daily alcohol (Baromètre santé), long

Values are copied as published (numbers re-written without float noise at the precision
the source shows); codes are made canonical; nothing is recomputed.
Usage: scripts/make-health.py. Python 3 standard library only."""
import collections
import os
import re

import make_lib as L

LIFE_COLS = [("Espérance de vie des femmes à la naissance 2023", "esperance_vie_femmes"),
             ("Espérance de vie des hommes à la naissance 2023", "esperance_vie_hommes"),
             ("Espérance de vie des femmes à 60 ans 2023", "esperance_vie_femmes_60_ans"),
             ("Espérance de vie des hommes à 60 ans 2023", "esperance_vie_hommes_60_ans"),
             ("Taux de mortalité standardisé des 0 à 64 ans 2023", "mortalite_standardisee_0_64_ans"),
             ("Taux de mortalité standardisé des 65 ans ou + 2023", "mortalite_standardisee_65_ans_plus"),
             ("Taux brut de mortalité 2023", "mortalite_brute")]
VACCINES = [("HPV filles 1 dose à 15 ans", "hpv_filles_1_dose_15_ans"),
            ("HPV filles 2 doses à 16 ans", "hpv_filles_2_doses_16_ans"),
            ("HPV garçons 1 dose à 15 ans", "hpv_garcons_1_dose_15_ans"),
            ("HPV garçons 2 doses à 16 ans", "hpv_garcons_2_doses_16_ans"),
            ("Méningocoque C 10-14 ans", "meningocoque_c_10_14_ans"),
            ("Méningocoque C 15-19 ans", "meningocoque_c_15_19_ans"),
            ("Méningocoque C 20-24 ans", "meningocoque_c_20_24_ans"),
            ("Grippe moins de 65 ans à risque", "grippe_moins_65_ans_a_risque"),
            ("Grippe 65 ans et plus", "grippe_65_ans_plus"),
            ("Grippe 65-74 ans", "grippe_65_74_ans"),
            ("Grippe 75 ans et plus", "grippe_75_ans_plus"),
            ("Covid-19 65 ans et plus", "covid19_65_ans_plus")]


def life(deps):
    def read(name):
        return L.read_dicts(os.path.join(L.RAW, "insee", name), ";", skip=2)
    dep_rows = []
    for r in read("esperance_de_vie_departement.csv"):
        code = L.dep_code(r["Code"], deps)
        L.check(code is not None, "life: %r" % r["Code"])
        dep_rows.append([code, deps[code]["nom"], 2023] + [r[k].strip() for k, _ in LIFE_COLS])
    reg_rows = [[L.region_code_2016(r["Code"]), r["Libellé"].strip(), 2023]
                + [r[k].strip() for k, _ in LIFE_COLS]
                for r in read("Esperance_de_vie_a_la_naissance_com_regionale.csv")]
    L.check(len(dep_rows) == 101 and len(reg_rows) == 18, "life rows")
    # A region of one department (overseas) has its department's values.
    by_dep = {r[0]: r[3:] for r in dep_rows}
    for r in reg_rows:
        one = [c for c in deps if L.region_code_2016(deps[c]["reg_2016"]) == r[0]]
        if len(one) == 1:
            L.check(by_dep[one[0]] == r[3:], "life: region %s != department %s" % (r[0], one[0]))
    idf = next(r for r in reg_rows if r[0] == "11")
    L.check(idf[3:5] == ["86.5", "81.8"], "life: Île-de-France %s" % idf[3:5])
    cols = ["annee"] + [c for _, c in LIFE_COLS]
    L.write_csv("esperance-vie-departements-2023.csv", ["dep", "nom"] + cols, dep_rows)
    L.write_csv("esperance-vie-regions-2023.csv", ["reg", "nom"] + cols, reg_rows)


def poverty(deps):
    """Figure 2 of taux_pauvrete.xlsx. Its codes 973 and 976 are swapped against the names
    (Guyane is 973, Mayotte 976): the name decides, and the check below fails if the
    workbook ever disagrees in another row."""
    rows = L.sheet_rows(L.xlsx_sheet(os.path.join(L.RAW, "insee", "taux_pauvrete.xlsx"), "Figure 2"))
    head = next(i for i, r in enumerate(rows) if r[0] == "Code département")
    by_name = {L.simple(deps[c]["nom"]): c for c in deps}
    out, swapped = [], []
    for r in rows[head + 1:]:
        if r[1] is None or r[2] is None:
            continue
        name = re.sub(r"\s*\(données 2017\)$", "", r[1])
        code = by_name[L.simple(name)]
        if code != L.dep_code(L.cell_text(r[0]), deps):
            swapped.append("%s labelled %s" % (L.cell_text(r[0]), name))
        source = "Budget de famille 2017" if "2017" in r[1] else "Filosofi 2021"
        out.append([code, deps[code]["nom"], 2021 if source.startswith("Filosofi") else 2017,
                    L.fmt(float(r[2]), 1), source])
    L.check(sorted(swapped) == ["973 labelled Mayotte", "976 labelled Guyane"], "poverty: %s" % swapped)
    reading = next(str(r[0]) for r in rows if str(r[0]).startswith("Lecture")).replace("\xa0", " ")
    ssd = next(r for r in out if r[0] == "93")
    L.check("%s %%" % ssd[3].replace(".", ",") in reading, "poverty: reading note %r" % reading)
    out.sort(key=lambda r: list(deps).index(r[0]))
    L.check(len(out) == 101, "poverty rows %d" % len(out))
    L.write_csv("pauvrete-departements-2021.csv",
                ["dep", "nom", "annee", "taux_pauvrete", "source"], out)


def vaccination(deps):
    path = os.path.join(L.RAW, "spf", "couvertures-vaccinales-des-adolescent-et-adultes-departement.csv")
    out = []
    for r in L.read_dicts(path):
        code = L.dep_code(r["Département Code"], deps)
        L.check(code is not None, "vaccination: %r" % r["Département Code"])
        for src, name in VACCINES:
            v = r[src].strip()
            if v:
                L.check(0 <= float(v) <= 100, "vaccination: %s %s" % (code, v))
                out.append([code, int(r["Année"]), name, v])
    order = list(deps)
    out.sort(key=lambda r: (order.index(r[0]), r[1], [n for _, n in VACCINES].index(r[2])))
    L.check_unique("vaccination", out, lambda r: tuple(r[:3]))
    check_flu(out)
    L.write_csv("vaccination-departements.csv", ["dep", "annee", "vaccin", "couverture"], out)


def check_flu(rows):
    """The departments' flu coverage 65+, weighted by their population aged 65 and over
    (INSEE, 1 January of the season's first year), against SPF's national figure."""
    nat = {int(r["Année"]): float(r["Grippe 65 ans et plus"]) for r in L.read_dicts(
        os.path.join(L.RAW, "spf", "couvertures-vaccinales-des-adolescents-et-adultes-depuis-2011-france.csv"))
        if r["Grippe 65 ans et plus"].strip()}
    old = collections.Counter()
    for r in L.read_dicts(os.path.join(L.RAW, "insee", "insee_pop_dep_age5_2010_2023.csv.xz"), ";"):
        if int(r["tranche_age"].split()[0]) >= 65:
            old[(r["dep"], int(r["annee"]))] += int(r["pop"])
    for year in sorted(y for y in nat if y <= 2023):
        cells = [(float(r[3]), old[(r[0], year)]) for r in rows
                 if r[1] == year and r[2] == "grippe_65_ans_plus"]
        mean = sum(v * w for v, w in cells) / sum(w for _, w in cells)
        L.check(abs(mean - nat[year]) < 0.25, "flu %d: %.2f vs %.1f" % (year, mean, nat[year]))
        print("check: flu 65+ %d: departments weighted %.2f %%, SPF France %.1f %% (%d departments)"
              % (year, mean, nat[year], len(cells)))


def suicides(deps):
    path = os.path.join(L.RAW, "spf", "suicides_deces_departement.csv")
    out, dropped = [], set()
    for r in L.read_dicts(path, ";"):
        code = L.dep_code(r["Département Code"], deps)
        if code is None:
            dropped.add(r["Département Code"] + " " + r["Département"])
            continue
        out.append([code, int(r["Année"]), r["Sexe"], r["Classe d'âge"], L.fmt(float(r["Nombre de décès"]), 1),
                    r["Taux brut"].strip(), r["Taux standardisé"].strip()])
    L.check(sorted(dropped) == ["977 Saint-Barthélemy", "978 Saint-Martin"], "suicides: %s" % dropped)
    L.check_unique("suicides", out, lambda r: tuple(r[:4]))
    # Counts of 1 to 4 are published as 2.5 (no count 1-4 occurs; 2.5 occurs 1,994 times),
    # and SPF's totals over sexes or ages do not always equal the sum of the published parts.
    cell = {tuple(r[:4]): float(r[4]) for r in out}
    L.check(not any(0 < n < 5 and n != 2.5 for n in cell.values()), "suicides: a count 1-4")
    off = sum(1 for (c, y, s, a), n in cell.items() if s == "Hommes et Femmes"
              and abs(n - cell[(c, y, "Hommes", a)] - cell[(c, y, "Femmes", a)]) > 1e-6)
    print("suicides: %d masked cells (2.5); %d both-sexes cells differ from men + women"
          % (sum(1 for n in cell.values() if n == 2.5), off))
    for r in out:
        r.append(1 if float(r[4]) == 2.5 else 0)
    for year in range(2019, 2024):
        total = sum(n for (c, y, s, a), n in cell.items() if y == year and s == "Hommes et Femmes" and a == "Tous")
        print("suicides %d: %.1f deaths in the 101 departments" % (year, total))
    order = list(deps)
    out.sort(key=lambda r: (order.index(r[0]), r[1], r[2], r[3]))
    L.write_csv("suicides-departements.csv",
                ["dep", "annee", "sexe", "classe_age", "deces", "taux_brut", "taux_standardise",
                 "deces_masque"], out)


def smoking_alcohol():
    def num(text):  # as published, without the float noise of the export (13.594600000000002)
        return "%.12g" % float(text) if text.strip() else ""
    out = []
    for name, indicator, rate in (("tabac_consommation_quotidienne_region.csv", "tabac_quotidien",
                                   "Taux standardisés de personnes de 18-75 ans déclarant fumer tous les jours"),
                                  ("alcool_consommation_quotidienne_region.csv", "alcool_quotidien",
                                   "Taux standardisé")):
        for r in L.read_dicts(os.path.join(L.RAW, "spf", name), ";"):
            if not r[rate].strip():
                continue  # 2021 smoking: by sex not published
            low, high, test = [r[k] for k in r if k.startswith("Borne inf")][0], \
                [r[k] for k in r if k.startswith("Borne sup")][0], list(r.values())[-1]
            out.append([L.region_code_2016(r["Région Code"]), int(r["Année"]), r["Sexe"], indicator,
                        num(r[rate]), num(low), num(high), test])
    out.sort(key=lambda r: (r[3] != "tabac_quotidien", int(r[0]), r[1], r[2]))
    L.check_unique("tabac-alcool", out, lambda r: (r[0], r[1], r[2], r[3]))
    got = {(r[0], r[1]): r[4] for r in out if r[3] == "tabac_quotidien" and r[2] == "Hommes et Femmes"}
    # Santé publique France, BEH 2018 (regional daily smoking 2017): PACA 32.2, IdF 21.3, PdL 23.0
    for reg, want in (("93", 32.2), ("11", 21.3), ("52", 23.0)):
        L.check(round(float(got[(reg, 2017)]), 1) == want, "smoking 2017 %s: %s" % (reg, got[(reg, 2017)]))
    names = L.region_names_2016()
    L.write_csv("tabac-alcool-regions.csv",
                ["reg", "nom", "annee", "sexe", "indicateur", "taux_standardise", "ic_bas", "ic_haut",
                 "difference_regionale"], [[r[0], names[r[0]]] + r[1:] for r in out])


def main():
    deps = L.departments()
    life(deps)
    poverty(deps)
    vaccination(deps)
    suicides(deps)
    smoking_alcohol()


if __name__ == "__main__":
    main()
