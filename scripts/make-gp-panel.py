#!/usr/bin/env python3
"""Builds the 2009-2014 department tables of the Régime général from the raw copies in
external-data/raw/ (sources, licences and checks: external-data/SOURCES.md):

  population-protegee-departements.csv      protected population on 1 January 2009-2014
  population-protegee-departements-age.csv  the same by sex and 5-year age band (long)
  actes-mg-departements.csv                 GP consultations + home visits by year 2010-2014
  actes-mg-departements-mois.csv            the same by month of care
  rpps-generalistes-departements.csv        GPs (RPPS, DREES) on 1 January 2013 and 2014
  panel-mg-departements.csv                 acts, affiliates and GP density by year, joined

Usage: scripts/make-gp-panel.py   (from anywhere; reads external-data/raw/, writes
external-data/). Python 3 standard library only. Every value is copied or summed; the only
quotients are the per-affiliate and per-100,000 columns, whose formulas are in SOURCES.md.
The script stops on any failed check (row counts, totals against the sources' own total
rows, the 2015 hackathon team's 2013 table)."""
import collections
import os

import make_lib as L

YEARS_POP = range(2009, 2015)
YEARS_ACTS = range(2010, 2015)
AGES = ["0 à 4 ans", "5 à 9 ans", "10 à 14 ans", "15 à 19 ans", "20 à 24 ans", "25 à 29 ans",
        "30 à 34 ans", "35 à 39 ans", "40 à 44 ans", "45 à 49 ans", "50 à 54 ans",
        "55 à 59 ans", "60 à 64 ans", "65 à 69 ans", "70 à 74 ans", "75 à 79 ans",
        "80 à 84 ans", "85 à 89 ans", "90 ans et plus"]
FIRST_AGE_COL = 8  # cpam, l_cpam, dpt, l_dpt, region, l_region, zeat, l_zeat, then ages


def rniam_year(year, deps):
    """One RNIAM workbook: {dep: {"h": [19 counts], "f": [...]}} summed over the CPAM rows of
    a department, and the sheet's own "France entière" and "cpam non renseignée" totals."""
    rows = L.sheet_rows(L.xls_sheet(os.path.join(L.RAW, "cnam",
                                                 "RNIAM_RGSLM_JANVIER%d.xls" % year)))
    head = next(i for i, r in enumerate(rows) if r[0] == "cpam")
    header = rows[head]
    L.check(header[FIRST_AGE_COL:FIRST_AGE_COL + 19] == AGES and header[27] == "Total"
            and header[47] == "Total" and header[67] == "Total", "%d: layout" % year)
    out, unassigned, france = {}, None, None
    for r in rows[head + 1:]:
        label = str(r[0] or r[1] or "")
        if label.startswith("cpam non renseign"):
            unassigned = L.as_int(r[67])
        elif label == "France entière":
            france = L.as_int(r[67])
        if r[2] is None:
            continue
        code = L.dep_code(L.cell_text(r[2]), deps)
        L.check(code is not None, "%d: department %r" % (year, r[2]))
        men = [L.as_int(v or 0) for v in r[8:27]]
        women = [L.as_int(v or 0) for v in r[28:47]]
        L.check(sum(men) == L.as_int(r[27]) and sum(women) == L.as_int(r[47])
                and sum(men) + sum(women) == L.as_int(r[67]), "%d %s: row totals" % (year, code))
        acc = out.setdefault(code, {"h": [0] * 19, "f": [0] * 19})
        acc["h"] = [a + b for a, b in zip(acc["h"], men)]
        acc["f"] = [a + b for a, b in zip(acc["f"], women)]
    total = sum(sum(v["h"]) + sum(v["f"]) for v in out.values())
    # The sheet's France row = the departments + the SLM members with no CPAM.
    L.check(total + unassigned == france, "%d: %d + %d != France %d"
            % (year, total, unassigned, france))
    return out, unassigned, france


def hackathon_nb(year, deps):
    """Department totals of the 2015 team's own conversion (hackathon-2013/.../nb_YEAR.csv)."""
    path = os.path.join(L.EXT, "hackathon-2013", "population_protegee", "nb_%d.csv" % year)
    tot = collections.Counter()
    for r in L.read_rows(path)[1:]:
        code = "59" if r[1] == "5N" else L.dep_code(r[1], deps)
        tot[code] += round(sum(float(v or 0) for v in r[2:]))
    return tot


def population(deps):
    pop, notes = {}, []
    for year in YEARS_POP:
        by_dep, unassigned, france = rniam_year(year, deps)
        team = hackathon_nb(year, deps)
        for code, v in by_dep.items():
            pop[(code, year)] = v
            if code in team:
                L.check(team[code] == sum(v["h"]) + sum(v["f"]), "%d %s: nb_%d.csv" % (year, code, year))
        missing_in_team = sorted(set(by_dep) - set(team))
        notes.append((year, len(by_dep), unassigned, france, missing_in_team))
    return pop, notes


def write_population(deps, pop):
    rows, age_rows = [], []
    for code in deps:
        for year in YEARS_POP:
            v = pop.get((code, year))
            if v is None:
                continue
            men, women = sum(v["h"]), sum(v["f"])
            old = sum(v["h"][15:]) + sum(v["f"][15:])
            rows.append([code, deps[code]["nom"], year, men, women, men + women, old])
            for sex, key in (("h", "h"), ("f", "f")):
                for k in range(len(AGES)):
                    age_rows.append([code, year, sex, 5 * k, v[key][k]])
    L.check_unique("population", rows, lambda r: (r[0], r[2]))
    L.write_csv("population-protegee-departements.csv",
                ["dep", "nom", "annee", "hommes", "femmes", "population_protegee",
                 "population_protegee_75_plus"], rows)
    L.write_csv("population-protegee-departements-age.csv",
                ["dep", "annee", "sexe", "age_min", "population_protegee"],
                age_rows)


def acts(deps):
    """{(dep, year): {month: acts}} from the monthly CPAM export of damir.Rda."""
    path = os.path.join(L.RAW, "damir-r", "damir_mg_actes_C_V_par_cpam_mois.csv.xz")
    out = collections.defaultdict(dict)
    for r in L.read_dicts(path):
        year = int(r["year"])
        if year not in YEARS_ACTS:
            continue  # 2006-2009: late-processed residuals of care before the files start
        code = L.dep_code(r["dpt"], deps)
        L.check(code is not None and r["sns_date"] == "%d%s" % (year, r["month"]),
                "acts: %r" % r)
        month = int(r["month"])
        out[(code, year)][month] = out[(code, year)].get(month, 0) + int(r["nb_actes"])
    return out


def write_acts(deps, by):
    rows, month_rows = [], []
    for code in deps:
        for year in YEARS_ACTS:
            months = by[(code, year)]
            # Care months 1..k: 12 up to 2013; in 2014 the files stop at November
            # (Mayotte: October), whose counts are incomplete (SOURCES.md).
            k = len(months)
            L.check(sorted(months) == list(range(1, k + 1))
                    and (k == 12 if year < 2014 else k in (10, 11)),
                    "%s %d: months %s" % (code, year, sorted(months)))
            rows.append([code, deps[code]["nom"], year, sum(months.values()), len(months)])
            month_rows += [[code, year, m, months[m]] for m in sorted(months)]
    L.write_csv("actes-mg-departements.csv", ["dep", "nom", "annee", "actes", "months"], rows)
    L.write_csv("actes-mg-departements-mois.csv", ["dep", "annee", "mois", "actes"], month_rows)
    return rows


def rpps(deps):
    """{(dep, year): {column: count}} for the GP rows of DREES's table, and the national
    'FRANCE ENTIERE' GP counts."""
    path = os.path.join(L.RAW, "drees", "rpps_tab3.csv.xz")
    want = {("Médecine générale", "Ensemble des modes d'exercice"): "medecine_generale",
            ("Généralistes", "Ensemble des modes d'exercice"): "generalistes",
            ("Généralistes", "Libéraux exclusifs"): "generalistes_liberaux_exclusifs",
            ("Généralistes", "Mixtes"): "generalistes_mixtes",
            ("Généralistes", "Salariés Hospitaliers"): "generalistes_salaries_hospitaliers",
            ("Généralistes", "Autres Salariés"): "generalistes_autres_salaries",
            ("Ensemble des spécialités d'exercice", "Ensemble des modes d'exercice"): "medecins"}
    out, france = collections.defaultdict(dict), {}
    for r in L.read_dicts(path):
        col = want.get((r["specialite"], r["mode_exercice"]))
        if col is None:
            continue
        zone = r["zone_inscription"]
        if zone == "FRANCE ENTIERE" and col == "generalistes":
            france[int(r["annee"])] = int(r["effectifs"])
        code = zone.split(" - ")[0] if " - " in zone else None
        if code is None or L.dep_code(code, deps) != code:
            continue
        L.check(col not in out[(code, int(r["annee"]))], "rpps: %r twice" % r)
        out[(code, int(r["annee"]))][col] = int(r["effectifs"])
    return out, france


def write_rpps(deps, counts, france, pop):
    cols = ["generalistes", "generalistes_liberaux_exclusifs", "generalistes_mixtes",
            "generalistes_salaries_hospitaliers", "generalistes_autres_salaries",
            "medecins"]
    rows = []
    for code in deps:
        for year in (2013, 2014):
            c = counts[(code, year)]
            L.check(sorted(c) == sorted(cols + ["medecine_generale"]), "rpps %s %d: %s" % (code, year, sorted(c)))
            L.check(c["generalistes"] == sum(c[k] for k in cols[1:5]), "rpps %s %d: modes" % (code, year))
            L.check(c.pop("medecine_generale") == c["generalistes"], "rpps %s %d: MG" % (code, year))
            p = pop.get((code, year))
            affiliates = sum(p["h"]) + sum(p["f"]) if p else None
            density = 1e5 * c["generalistes"] / affiliates if affiliates else None
            rows.append([code, deps[code]["nom"], year] + [c[k] for k in cols]
                        + [affiliates, L.fmt(density, 3)])
    for year in (2013, 2014):
        total = sum(r[3] for r in rows if r[2] == year)
        L.check(total == france[year], "rpps %d: departments %d != France %d" % (year, total, france[year]))
    L.write_csv("rpps-generalistes-departements.csv",
                ["dep", "nom", "annee"] + cols
                + ["population_protegee", "densite_generalistes_pour_100000_proteges"], rows)
    return {(r[0], r[2]): r for r in rows}


def write_panel(deps, act_rows, pop, gp):
    rows = []
    for code, nom, year, n, months in act_rows:
        p = pop.get((code, year))
        affiliates = sum(p["h"]) + sum(p["f"]) if p else None
        g = gp.get((code, year))
        rows.append([code, nom, year, n, months, affiliates,
                     L.fmt(n / affiliates, 6) if affiliates else None,
                     g[3] if g else None, g[-1] if g else None])
    L.write_csv("panel-mg-departements.csv",
                ["dep", "nom", "annee", "actes", "months", "population_protegee",
                 "actes_par_affilie", "generalistes",
                 "densite_generalistes_pour_100000_proteges"], rows)
    return rows


def check_hackathon_2013(act_rows, gp):
    """2013 against the team's regression table, value by value (decimal commas there)."""
    path = os.path.join(L.EXT, "hackathon-2013", "damir2013_2.csv")
    team = {r["codep"]: r for r in L.read_dicts(path, ";")}
    mine = {r[0]: r for r in act_rows if r[2] == 2013}
    L.check(sorted(team) == sorted(mine), "2013: departments differ from damir2013_2.csv")
    worst = 0.0
    for code, r in team.items():
        L.check(int(r["nb_actes"]) == mine[code][3], "2013 %s: acts %s != %d" % (code, r["nb_actes"], mine[code][3]))
        g = gp[(code, 2013)]
        L.check(int(r["effectifs"]) == g[3] and int(r["pop_affiliee"]) == g[-2],
                "2013 %s: GPs or affiliates differ" % code)
        worst = max(worst, abs(float(r["densite_medecins"].replace(",", ".")) - float(g[-1])))
    L.check(worst < 5e-4, "2013: density differs by %g" % worst)
    print("check: 2013 acts, GPs and affiliates equal damir2013_2.csv for all %d departments "
          "(density to %.1e)" % (len(team), worst))


def main():
    deps = L.departments()
    pop, notes = population(deps)
    for year, n, unassigned, france, missing in notes:
        print("check: %d: %d departments + %d affiliates with no CPAM = France %d; "
              "departments missing from the team's nb_%d.csv: %s"
              % (year, n, unassigned, france, year, ", ".join(missing) or "none"))
    write_population(deps, pop)
    act_rows = write_acts(deps, acts(deps))
    counts, france = rpps(deps)
    gp = write_rpps(deps, counts, france, pop)
    print("check: RPPS departments add up to FRANCE ENTIERE: %s" % france)
    write_panel(deps, act_rows, pop, gp)
    check_hackathon_2013(act_rows, gp)
    for year in YEARS_ACTS:
        print("total acts %d: %d" % (year, sum(r[3] for r in act_rows if r[2] == year)))


if __name__ == "__main__":
    main()
