/* weights: spatial weights between units, as a sparse matrix, and how they are built.
 *
 * A weights_t is W in compressed sparse rows: row i lists the neighbours j of unit i with
 * w_ij. Style W is row-standardised (each row sums to 1, spdep's style "W"), style B binary
 * (1 for a neighbour). A unit without a neighbour (an island) kept in W has an empty row:
 * its spatial lag is 0 (spdep's zero.policy = TRUE).
 *
 * weights_build builds W over department keys from one of four neighbour relations:
 * shared borders (external-data/departements-contiguite.csv, the default), any `dep,voisin`
 * file (each pair listed both ways), the k nearest departments, or those within a distance
 * band, by great-circle distance between centroids (`dep,lon,lat` in degrees;
 * external-data/departements-centroides.csv unless named). k nearest is not symmetric
 * (spdep's knn2nb); the others are. A neighbours file's header says what it pairs:
 * dep,voisin departments, unit,neighbour any units (communes, lattice cells: text ids
 * matched exactly, for tens of thousands of them). Islands are left out and listed
 * (the default: dropping one can isolate another, so it is repeated), or kept with a zero
 * lag.
 *
 * Moran's I over any W (weights_moran, as spdep::moran.test; weights_moran_lm, as
 * spdep::lm.morantest for least-squares residuals) lives here so that the moran command,
 * the LM tests and the spatial fits share one definition. */
#ifndef DAMIRSTAT_WEIGHTS_H
#define DAMIRSTAT_WEIGHTS_H

#include <stddef.h>

#include "damirstat/err.h"

#define WEIGHTS_CONTIGUITY_FILE "departements-contiguite.csv" /* found with geo_data_path */
#define WEIGHTS_CENTROIDS_FILE "departements-centroides.csv"

typedef enum { WEIGHTS_W, WEIGHTS_B } weights_style;
typedef enum { WEIGHTS_CONTIGUITY, WEIGHTS_FILE, WEIGHTS_KNN, WEIGHTS_BAND } weights_kind;
typedef enum { WEIGHTS_ISLANDS_DROP, WEIGHTS_ISLANDS_KEEP } weights_islands;

typedef struct weights_options {
    weights_kind kind;
    const char *neighbours; /* WEIGHTS_FILE: the `dep,voisin` file */
    const char *centroids;  /* KNN, BAND: `dep,lon,lat` file; NULL for the shipped one */
    unsigned k;             /* KNN: neighbours per unit */
    double band_km;         /* BAND: neighbours at a distance in (0, band_km] */
    weights_style style;
    weights_islands islands;
} weights_options;

typedef struct weights_t {
    size_t n;
    size_t *row_ptr;  /* n + 1 offsets into col and val */
    size_t *col;      /* neighbour indices, increasing within a row */
    double *val;      /* w_ij */
    char **ids;       /* n unit names (department codes, lattice cells) */
    size_t *source;   /* weights_build: unit i is keys[source[i]]; else NULL */
    weights_style style;
    int symmetric;    /* the neighbour relation is symmetric (j neighbours i iff i neighbours j) */
    size_t n_islands; /* units kept with no neighbour */
    char **dropped;   /* islands left out (--islands drop), in key order */
    size_t n_dropped;
} weights_t;

/* Defaults: contiguity, style W, islands dropped. */
void weights_options_default(weights_options *opt);

/* "contiguity", "knn:K", "band:KM", or else the path of a `dep,voisin` file, into opt->kind,
 * k, band_km, neighbours (pointing into spec). DS_EUSAGE with a message for a bad K or KM. */
int weights_spec_parse(const char *spec, weights_options *opt, ds_err *err);
int weights_style_parse(const char *s, weights_style *out);     /* "W", "B": 0, else -1 */
int weights_islands_parse(const char *s, weights_islands *out); /* "drop", "keep" */
const char *weights_style_name(weights_style s);                /* "W", "B" */
const char *weights_islands_name(weights_islands i);

/* One line for a report: "shared borders (departements-contiguite.csv), row-standardised
 * (W)", "5 nearest departments by centroid distance, binary (B)", … into buf. */
void weights_describe(const weights_options *opt, char *buf, size_t size);

/* W over the units keys[0..n): departments (any spelling geo canonicalises), or text ids
 * with a unit,neighbour file. DS_EDATA for a repeated key, a key that is not a department
 * (but with a unit,neighbour file), a dep,voisin file naming a code that is not a
 * department, a file listing a pair one way only or pairing a unit with itself, a
 * department without a centroid, k ≥ n, and when no unit has a neighbour; DS_EIO for an
 * unreadable file. On success *out (weights_free) has the kept units, in key order. */
int weights_build(const char *const *keys, size_t n, const weights_options *opt,
                  weights_t **out, ds_err *err);

/* W from directed pairs (from[e] has neighbour to[e], indices below n; repeats and self
 * pairs ignored), unit ids "1" … "n". Islands are kept. */
weights_t *weights_from_pairs(size_t n, const size_t *from, const size_t *to, size_t npairs,
                              weights_style style);

/* The rook lattice of rows × cols cells (shared edges), ids "r,c", islands none. */
weights_t *weights_lattice(size_t rows, size_t cols, weights_style style);

/* out = W x (n values each; out must not alias x). */
void weights_lag(const weights_t *w, const double *x, double *out);
/* out = W X for X n × k row-major (out n × k, not aliasing x). */
void weights_lag_matrix(const weights_t *w, const double *x, size_t k, double *out);

/* Great-circle distance in km (haversine, mean Earth radius 6371.0088 km, IUGG) between two
 * points given in degrees. */
double weights_great_circle_km(double lon1, double lat1, double lon2, double lat2);

/* The `dep,lon,lat` file at path (NULL: the shipped one) read for keys[0..n): lon[i],
 * lat[i] in degrees. DS_EDATA naming a department it lacks, a bad number or a latitude
 * outside [-90, 90]; DS_EIO if unreadable. */
int weights_centroids(const char *path, const char *const *keys, size_t n, double *lon,
                      double *lat, ds_err *err);

typedef struct weights_moran_result {
    double i, expected, variance, z, p; /* p one-sided, I > E[I] (alternative "greater") */
} weights_moran_result;

/* Moran's I of z[0..w->n) as spdep::moran.test: randomisation = 1 for the randomisation
 * variance (spdep's default), 0 for normality. DS_EDATA if z is constant or W has no link. */
int weights_moran(const weights_t *w, const double *z, int randomisation,
                  weights_moran_result *out, ds_err *err);

/* Moran's I of least-squares residuals u as spdep::lm.morantest: x the n × k model matrix
 * (row-major, full column rank) of the fit that gave u. E[I] and Var[I] take the fit into
 * account (Cliff and Ord 1981, ch. 8). DS_EDATA for all-zero residuals or rank deficiency. */
int weights_moran_lm(const weights_t *w, const double *u, const double *x, size_t k,
                     weights_moran_result *out, ds_err *err);

void weights_free(weights_t *w); /* accepts NULL */

#endif
