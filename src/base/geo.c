#include "damirstat/geo.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "damirstat/fs.h"

/* Departments, names and regions: INSEE Code officiel géographique 2015 (depts2015.txt, pre-2016
 * regions) and the SNDS nomenclature IR_DPT_V (2016 regions); the Open DAMIR region is the
 * BEN_RES_REG value Open DAMIR gives residents (Corsica in 93, overseas in 5). See
 * external-data/SOURCES.md. Order: code order, 2A and 2B after 19 as INSEE sorts them. */
struct dept {
    const char *code;
    const char *name;
    int region_2016, region_pre2016, region_opendamir;
};

static const struct dept departments[] = {
    {"01", "Ain", 84, 82, 84},
    {"02", "Aisne", 32, 22, 32},
    {"03", "Allier", 84, 83, 84},
    {"04", "Alpes-de-Haute-Provence", 93, 93, 93},
    {"05", "Hautes-Alpes", 93, 93, 93},
    {"06", "Alpes-Maritimes", 93, 93, 93},
    {"07", "Ardèche", 84, 82, 84},
    {"08", "Ardennes", 44, 21, 44},
    {"09", "Ariège", 76, 73, 76},
    {"10", "Aube", 44, 21, 44},
    {"11", "Aude", 76, 91, 76},
    {"12", "Aveyron", 76, 73, 76},
    {"13", "Bouches-du-Rhône", 93, 93, 93},
    {"14", "Calvados", 28, 25, 28},
    {"15", "Cantal", 84, 83, 84},
    {"16", "Charente", 75, 54, 75},
    {"17", "Charente-Maritime", 75, 54, 75},
    {"18", "Cher", 24, 24, 24},
    {"19", "Corrèze", 75, 74, 75},
    {"2A", "Corse-du-Sud", 94, 94, 93},
    {"2B", "Haute-Corse", 94, 94, 93},
    {"21", "Côte-d'Or", 27, 26, 27},
    {"22", "Côtes-d'Armor", 53, 53, 53},
    {"23", "Creuse", 75, 74, 75},
    {"24", "Dordogne", 75, 72, 75},
    {"25", "Doubs", 27, 43, 27},
    {"26", "Drôme", 84, 82, 84},
    {"27", "Eure", 28, 23, 28},
    {"28", "Eure-et-Loir", 24, 24, 24},
    {"29", "Finistère", 53, 53, 53},
    {"30", "Gard", 76, 91, 76},
    {"31", "Haute-Garonne", 76, 73, 76},
    {"32", "Gers", 76, 73, 76},
    {"33", "Gironde", 75, 72, 75},
    {"34", "Hérault", 76, 91, 76},
    {"35", "Ille-et-Vilaine", 53, 53, 53},
    {"36", "Indre", 24, 24, 24},
    {"37", "Indre-et-Loire", 24, 24, 24},
    {"38", "Isère", 84, 82, 84},
    {"39", "Jura", 27, 43, 27},
    {"40", "Landes", 75, 72, 75},
    {"41", "Loir-et-Cher", 24, 24, 24},
    {"42", "Loire", 84, 82, 84},
    {"43", "Haute-Loire", 84, 83, 84},
    {"44", "Loire-Atlantique", 52, 52, 52},
    {"45", "Loiret", 24, 24, 24},
    {"46", "Lot", 76, 73, 76},
    {"47", "Lot-et-Garonne", 75, 72, 75},
    {"48", "Lozère", 76, 91, 76},
    {"49", "Maine-et-Loire", 52, 52, 52},
    {"50", "Manche", 28, 25, 28},
    {"51", "Marne", 44, 21, 44},
    {"52", "Haute-Marne", 44, 21, 44},
    {"53", "Mayenne", 52, 52, 52},
    {"54", "Meurthe-et-Moselle", 44, 41, 44},
    {"55", "Meuse", 44, 41, 44},
    {"56", "Morbihan", 53, 53, 53},
    {"57", "Moselle", 44, 41, 44},
    {"58", "Nièvre", 27, 26, 27},
    {"59", "Nord", 32, 31, 32},
    {"60", "Oise", 32, 22, 32},
    {"61", "Orne", 28, 25, 28},
    {"62", "Pas-de-Calais", 32, 31, 32},
    {"63", "Puy-de-Dôme", 84, 83, 84},
    {"64", "Pyrénées-Atlantiques", 75, 72, 75},
    {"65", "Hautes-Pyrénées", 76, 73, 76},
    {"66", "Pyrénées-Orientales", 76, 91, 76},
    {"67", "Bas-Rhin", 44, 42, 44},
    {"68", "Haut-Rhin", 44, 42, 44},
    {"69", "Rhône", 84, 82, 84},
    {"70", "Haute-Saône", 27, 43, 27},
    {"71", "Saône-et-Loire", 27, 26, 27},
    {"72", "Sarthe", 52, 52, 52},
    {"73", "Savoie", 84, 82, 84},
    {"74", "Haute-Savoie", 84, 82, 84},
    {"75", "Paris", 11, 11, 11},
    {"76", "Seine-Maritime", 28, 23, 28},
    {"77", "Seine-et-Marne", 11, 11, 11},
    {"78", "Yvelines", 11, 11, 11},
    {"79", "Deux-Sèvres", 75, 54, 75},
    {"80", "Somme", 32, 22, 32},
    {"81", "Tarn", 76, 73, 76},
    {"82", "Tarn-et-Garonne", 76, 73, 76},
    {"83", "Var", 93, 93, 93},
    {"84", "Vaucluse", 93, 93, 93},
    {"85", "Vendée", 52, 52, 52},
    {"86", "Vienne", 75, 54, 75},
    {"87", "Haute-Vienne", 75, 74, 75},
    {"88", "Vosges", 44, 41, 44},
    {"89", "Yonne", 27, 26, 27},
    {"90", "Territoire de Belfort", 27, 43, 27},
    {"91", "Essonne", 11, 11, 11},
    {"92", "Hauts-de-Seine", 11, 11, 11},
    {"93", "Seine-Saint-Denis", 11, 11, 11},
    {"94", "Val-de-Marne", 11, 11, 11},
    {"95", "Val-d'Oise", 11, 11, 11},
    {"971", "Guadeloupe", 1, 1, 5},
    {"972", "Martinique", 2, 2, 5},
    {"973", "Guyane", 3, 3, 5},
    {"974", "La Réunion", 4, 4, 5},
    {"976", "Mayotte", 6, 6, 5},
};

#define NDEPTS (sizeof departments / sizeof departments[0])

/* Corsica before its 1976 split, and the code files that aggregate 2A and 2B use. */
static const struct dept corsica = {"20", "Corse", 94, 94, 93};

struct region {
    int code;
    const char *name;
};

static const struct region regions_2016[] = {
    {1, "Guadeloupe"}, {2, "Martinique"}, {3, "Guyane"}, {4, "La Réunion"}, {6, "Mayotte"},
    {11, "Île-de-France"}, {24, "Centre-Val de Loire"}, {27, "Bourgogne-Franche-Comté"},
    {28, "Normandie"}, {32, "Hauts-de-France"}, {44, "Grand Est"}, {52, "Pays de la Loire"},
    {53, "Bretagne"}, {75, "Nouvelle-Aquitaine"}, {76, "Occitanie"},
    {84, "Auvergne-Rhône-Alpes"}, {93, "Provence-Alpes-Côte d'Azur"}, {94, "Corse"},
};

static const struct region regions_pre2016[] = {
    {1, "Guadeloupe"}, {2, "Martinique"}, {3, "Guyane"}, {4, "La Réunion"}, {6, "Mayotte"},
    {11, "Île-de-France"}, {21, "Champagne-Ardenne"}, {22, "Picardie"},
    {23, "Haute-Normandie"}, {24, "Centre"}, {25, "Basse-Normandie"}, {26, "Bourgogne"},
    {31, "Nord-Pas-de-Calais"}, {41, "Lorraine"}, {42, "Alsace"}, {43, "Franche-Comté"},
    {52, "Pays de la Loire"}, {53, "Bretagne"}, {54, "Poitou-Charentes"}, {72, "Aquitaine"},
    {73, "Midi-Pyrénées"}, {74, "Limousin"}, {82, "Rhône-Alpes"}, {83, "Auvergne"},
    {91, "Languedoc-Roussillon"}, {93, "Provence-Alpes-Côte d'Azur"}, {94, "Corse"},
};

/* BEN_RES_REG code list of Open DAMIR (CNAM dictionary). */
static const struct region regions_opendamir[] = {
    {5, "Régions et Départements d'outre-mer"}, {11, "Ile-de-France"},
    {24, "Centre-Val de Loire"}, {27, "Bourgogne-Franche-Comté"}, {28, "Normandie"},
    {32, "Hauts-de-France - Nord-Pas-de-Calais-Picardie"}, {44, "Grand Est"},
    {52, "Pays de la Loire"}, {53, "Bretagne"}, {75, "Aquitaine-Limousin-Poitou-Charentes"},
    {76, "Languedoc-Roussillon-Midi-Pyrénées"}, {84, "Auvergne-Rhône-Alpes"},
    {93, "Provence-Alpes-Côte d'Azur et Corse"}, {99, "Inconnu"},
};

/* Names that differ from INSEE's spelling but mean one department without doubt. */
static const struct {
    const char *folded;
    const char *code;
} name_aliases[] = {
    {"reunion", "974"},
    {"corse", "20"},
};

static const struct dept *find_dept(const char *code)
{
    if (strcmp(code, corsica.code) == 0)
        return &corsica;
    for (size_t i = 0; i < NDEPTS; i++)
        if (strcmp(departments[i].code, code) == 0)
            return &departments[i];
    return NULL;
}

static void trim(const char **s, size_t *len)
{
    while (*len && isspace((unsigned char)**s)) {
        (*s)++;
        (*len)--;
    }
    while (*len && isspace((unsigned char)(*s)[*len - 1]))
        (*len)--;
}

/* Returns 1 and writes the canonical code when p[0..n) is one, else 0. */
static int canon_code(const char *p, size_t n, char out[GEO_CODE_MAX])
{
    while (n > 1 && *p == '0') { /* "001", "02A", "0971" are written with padding */
        p++;
        n--;
    }
    if (n == 2 && p[0] == '2' && strchr("AaBb", p[1])) {
        out[0] = '2';
        out[1] = (char)toupper((unsigned char)p[1]);
        out[2] = '\0';
        return 1;
    }
    if (n == 0 || n > 3)
        return 0;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)p[i]))
            return 0;
        v = v * 10 + (p[i] - '0');
    }
    if ((v >= 1 && v <= 95) || (v >= 971 && v <= 974) || v == 976) {
        /* out holds at most "976": three digits and the NUL */
        out[0] = v >= 100 ? (char)('0' + v / 100) : (char)('0' + v / 10);
        out[1] = v >= 100 ? (char)('0' + v / 10 % 10) : (char)('0' + v % 10);
        out[2] = v >= 100 ? (char)('0' + v % 10) : '\0';
        out[3] = '\0';
        return 1;
    }
    return 0;
}

int geo_dept_canon(const char *s, size_t len, char out[GEO_CODE_MAX], ds_err *err)
{
    trim(&s, &len);
    if (len == 0)
        return ds_err_set(err, DS_EDATA, "empty department code");
    if (!canon_code(s, len, out))
        return ds_err_set(err, DS_EDATA,
                          "'%.*s' is not a department code (expected 01…95, 2A, 2B, 971…976)",
                          (int)(len > 64 ? 64 : len), s);
    return DS_OK;
}

/* Folds a UTF-8 Latin letter starting at c (second byte of a 0xC3 pair) to ASCII. */
static const char *fold_latin1(unsigned char c)
{
    static const char *const folds[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "", "y",
    };
    return c >= 0x80 && c <= 0xBF ? folds[c - 0x80] : "";
}

/* Writes the letters and digits of s, lowercased and without accents, into out (cap bytes):
 * case, accents, hyphens, apostrophes and spaces do not distinguish two names. */
static void fold_name(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end && o + 3 < cap) {
        const char *piece = "";
        char one[2] = {0, 0};
        if (*p < 0x80) {
            if (isalnum(*p))
                one[0] = (char)tolower(*p);
            piece = one;
            p++;
        } else if (*p == 0xC3 && p + 1 < end) {
            piece = fold_latin1(p[1]);
            p += 2;
        } else if (*p == 0xC5 && p + 1 < end && (p[1] == 0x92 || p[1] == 0x93)) {
            piece = "oe"; /* Œ œ */
            p += 2;
        } else if (*p == 0xC5 && p + 1 < end && p[1] == 0xB8) {
            piece = "y"; /* Ÿ, the one French capital outside Latin-1 */
            p += 2;
        } else {
            p++; /* other bytes of non-Latin characters (’, U+0092…) are punctuation */
            while (p < end && (*p & 0xC0) == 0x80)
                p++;
        }
        for (; *piece && o + 1 < cap; piece++)
            out[o++] = *piece;
    }
    out[o] = '\0';
}

static const char *code_by_folded_name(const char *folded)
{
    char buf[128];
    for (size_t i = 0; i < NDEPTS; i++) {
        fold_name(departments[i].name, strlen(departments[i].name), buf, sizeof buf);
        if (strcmp(buf, folded) == 0)
            return departments[i].code;
    }
    for (size_t i = 0; i < sizeof name_aliases / sizeof name_aliases[0]; i++)
        if (strcmp(name_aliases[i].folded, folded) == 0)
            return name_aliases[i].code;
    return NULL;
}

/* Splits a "NN - Name" or "NN-Name" label; returns 1 with the code and the name's start. */
static int split_label(const char *s, size_t len, char code[GEO_CODE_MAX], const char **name)
{
    size_t i = 0;
    while (i < len && isalnum((unsigned char)s[i]))
        i++;
    if (i == 0 || !canon_code(s, i, code))
        return 0;
    size_t j = i;
    while (j < len && s[j] == ' ')
        j++;
    if (j == len || s[j] != '-')
        return 0;
    j++;
    while (j < len && s[j] == ' ')
        j++;
    if (j == len)
        return 0;
    *name = s + j;
    return 1;
}

int geo_dept_by_name(const char *name, char out[GEO_CODE_MAX], ds_err *err)
{
    size_t len = strlen(name);
    const char *s = name;
    trim(&s, &len);
    char label_code[GEO_CODE_MAX];
    const char *label_name = NULL;
    int labelled = split_label(s, len, label_code, &label_name);
    char folded[128];
    if (labelled)
        fold_name(label_name, len - (size_t)(label_name - s), folded, sizeof folded);
    else
        fold_name(s, len, folded, sizeof folded);
    const char *code = folded[0] ? code_by_folded_name(folded) : NULL;
    if (!code)
        return ds_err_set(err, DS_EDATA, "'%.*s' is not a department name",
                          (int)(len > 80 ? 80 : len), s);
    if (labelled && strcmp(label_code, code) != 0)
        return ds_err_set(err, DS_EDATA, "'%.*s': code %s does not match the name (%s)",
                          (int)(len > 80 ? 80 : len), s, label_code, code);
    strcpy(out, code);
    return DS_OK;
}

const char *geo_dept_name(const char *code)
{
    const struct dept *d = find_dept(code);
    return d ? d->name : NULL;
}

int geo_dept_region(const char *code, geo_region_scheme scheme)
{
    const struct dept *d = find_dept(code);
    if (!d)
        return -1;
    switch (scheme) {
    case GEO_REGION_2016: return d->region_2016;
    case GEO_REGION_PRE2016: return d->region_pre2016;
    case GEO_REGION_OPENDAMIR: return d->region_opendamir;
    }
    return -1;
}

static const struct region *scheme_regions(geo_region_scheme scheme, size_t *n)
{
    switch (scheme) {
    case GEO_REGION_PRE2016:
        *n = sizeof regions_pre2016 / sizeof regions_pre2016[0];
        return regions_pre2016;
    case GEO_REGION_OPENDAMIR:
        *n = sizeof regions_opendamir / sizeof regions_opendamir[0];
        return regions_opendamir;
    case GEO_REGION_2016:
        break;
    }
    *n = sizeof regions_2016 / sizeof regions_2016[0];
    return regions_2016;
}

const char *geo_region_name(int region, geo_region_scheme scheme)
{
    size_t n;
    const struct region *r = scheme_regions(scheme, &n);
    for (size_t i = 0; i < n; i++)
        if (r[i].code == region)
            return r[i].name;
    return NULL;
}

int geo_region_canon(const char *s, size_t len, geo_region_scheme scheme, int *out, ds_err *err)
{
    trim(&s, &len);
    int v = 0;
    size_t i = 0;
    for (; i < len && i < 4 && isdigit((unsigned char)s[i]); i++)
        v = v * 10 + (s[i] - '0');
    if (len == 0 || i != len || !geo_region_name(v, scheme))
        return ds_err_set(err, DS_EDATA, "'%.*s' is not a region code (%s)",
                          (int)(len > 64 ? 64 : len), s,
                          scheme == GEO_REGION_OPENDAMIR ? "Open DAMIR BEN_RES_REG"
                          : scheme == GEO_REGION_PRE2016 ? "INSEE, before 2016"
                                                         : "INSEE, since 2016");
    *out = v;
    return DS_OK;
}

size_t geo_region_count(geo_region_scheme scheme)
{
    size_t n;
    scheme_regions(scheme, &n);
    return n;
}

int geo_region_code_at(geo_region_scheme scheme, size_t i)
{
    size_t n;
    const struct region *r = scheme_regions(scheme, &n);
    return i < n ? r[i].code : -1;
}

static int starts_with_ci(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

geo_level geo_level_of_name(const char *name, geo_region_scheme *scheme)
{
    *scheme = strcasecmp(name, "BEN_RES_REG") == 0 || strcasestr(name, "open_damir")
                  ? GEO_REGION_OPENDAMIR : GEO_REGION_2016;
    if (strcasecmp(name, "BEN_RES_REG") == 0 || starts_with_ci(name, "reg"))
        return GEO_LEVEL_REGION;
    if (strcasecmp(name, "BEN_RES_DPT") == 0 || starts_with_ci(name, "dep") ||
        starts_with_ci(name, "dpt") || strcasecmp(name, "codep") == 0)
        return GEO_LEVEL_DEPT;
    return GEO_LEVEL_UNKNOWN;
}

/* 1 when s is a region code of some scheme (its scheme in *opendamir: 1 for 5 and 99). */
static int any_region_code(const char *s, int *opendamir)
{
    int v;
    *opendamir = 0;
    if (geo_region_canon(s, strlen(s), GEO_REGION_2016, &v, NULL) == DS_OK)
        return 1;
    if (geo_region_canon(s, strlen(s), GEO_REGION_OPENDAMIR, &v, NULL) == DS_OK)
        return *opendamir = 1;
    return 0;
}

geo_level geo_level_of_codes(const char *const *codes, size_t n, geo_region_scheme *scheme)
{
    int dept_only = 0, region_only = 0, opendamir = 0;
    for (size_t i = 0; i < n; i++) {
        char c[GEO_CODE_MAX];
        int od, is_region = any_region_code(codes[i], &od);
        int is_dept = geo_dept_canon(codes[i], strlen(codes[i]), c, NULL) == DS_OK;
        opendamir |= od;
        dept_only |= is_dept && !is_region;
        region_only |= is_region && !is_dept;
    }
    *scheme = opendamir ? GEO_REGION_OPENDAMIR : GEO_REGION_2016;
    if (dept_only)
        return GEO_LEVEL_DEPT;
    if (region_only)
        return GEO_LEVEL_REGION;
    return GEO_LEVEL_UNKNOWN;
}

size_t geo_dept_count(void)
{
    return NDEPTS;
}

const char *geo_dept_code_at(size_t i)
{
    return i < NDEPTS ? departments[i].code : NULL;
}

int geo_dept_is_overseas(const char *code)
{
    /* "975" and "977" look overseas but are not departments: ask the table */
    return find_dept(code) != NULL && code[0] == '9' && code[1] == '7';
}

char *geo_data_path(const char *name, ds_err *err)
{
    char *rel = fs_join("external-data", name);
    if (access(rel, R_OK) == 0)
        return rel;
    char *bin = fs_exe_dir(), *share = fs_share_dir();
    /* beside the binary (a build in the source folder), one folder up, then installed */
    const char *dirs[] = {bin, bin, share};
    const char *sub[] = {"external-data", "../external-data", "external-data"};
    char *found = NULL;
    for (size_t i = 0; i < 3 && !found; i++) {
        if (!dirs[i])
            continue;
        char *d = fs_join(dirs[i], sub[i]);
        char *path = fs_join(d, name);
        free(d);
        if (access(path, R_OK) == 0)
            found = path;
        else
            free(path);
    }
    free(bin);
    free(share);
    free(rel);
    if (found)
        return found;
    ds_err_set(err, DS_EIO, "external-data/%s not found (run from the source folder, install "
                            "with make install, or name the file with an option)", name);
    return NULL;
}
