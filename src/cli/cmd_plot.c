/* cmd_plot: `damirstat plot scatter|residuals|map|slope DATA [options]` draws an article figure
 * with gnuplot (see plot.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cli.h"
#include "cmd_impl.h"
#include "damirstat/model.h"
#include "damirstat/plot.h"
#include "damirstat/table.h"

static const char about[] =
    "Draws an article figure with gnuplot (which must be on PATH: gnuplot-nox).\n"
    "  scatter    Y against X; --fit adds the least-squares line of Y ~ X fitted by damirstat,\n"
    "             a 95 % band (--band confidence: the mean; prediction: a new department)\n"
    "             and a key with the equation, R², n and the slope's p. --weight fits WLS and\n"
    "             sizes the points by weight.\n"
    "  residuals  residuals against fitted values and a normal Q-Q plot of the standardised\n"
    "             residuals (theoretical quantiles at R's ppoints, as qqnorm draws them).\n"
    "  map        departments or regions coloured by COL; overseas ones as insets named\n"
    "             after them; those without a value grey and listed in the key. --key names\n"
    "             the column (default: dept, dep, departement, codep, BEN_RES_DPT,\n"
    "             BEN_RES_REG, reg, region or code, the first present). --level region|\n"
    "             department; by default the column's name says (BEN_RES_REG, reg…: regions;\n"
    "             dep…: departments), else its codes; codes that are both (11 … 94) under\n"
    "             another name are refused. Regions under BEN_RES_REG (or with codes 5, 99)\n"
    "             are Open DAMIR's: 93 with Corsica, 5 all overseas. A continuous scale\n"
    "             (viridis; --diverging: rdbu centred on --center, default 0), or classes:\n"
    "             --breaks quantile:K (R's quantile type 7), jenks:K (natural breaks, as\n"
    "             classInt's \"jenks\") or fixed:A,B,… with a legend a class a line.\n"
    "  slope      a line a row from its --from value (left) to its --to value (right),\n"
    "             grey; the --label-top rows of largest change (half the largest falls,\n"
    "             the rest the largest rises) in colour and named at the right.\n"
    "             --from-label and --to-label name the two ends (\"2010\", \"2013\").\n"
    "\n"
    "The --label-top K points of largest Cook's distance (default 8; without a fit, the\n"
    "farthest from the centre) are named from --label COL (default: the first of nom, name,\n"
    "label, dep, dept, code); a department code is shown as its name, and a region code\n"
    "as the region's when the column is a region's (reg…, BEN_RES_REG). Labels that would\n"
    "overlap another are left out.\n"
    "\n"
    "Output: -o FILE (default plots/KIND.png; its folder is created); .png (pngcairo),\n"
    ".svg or .pdf (pdfcairo). --size is in pixels; a PDF is sized at 100 px per inch\n"
    "(1200x800 = 12 x 8 in). --lang fr writes decimal commas and French labels. --script FILE\n"
    "saves the gnuplot script to tweak the figure by hand. The figure appears whole or not\n"
    "at all. Fonts, lines and points grow with --size; ticks are written in full with\n"
    "thousands grouped (1,000,000; --lang fr: 1 000 000 with a narrow space, decimal comma).\n"
    "--source TEXT prints a credit line under the figure (\"Source: TEXT. Figure: damirstat\");\n"
    "--generated marks a figure of data made by damirstat gen (a study marks its figures\n"
    "itself when its data come from damirstat gen).";

enum {
    OPT_X, OPT_Y, OPT_FIT, OPT_BAND, OPT_LEVEL, OPT_WEIGHT, OPT_TITLE, OPT_XLABEL,
    OPT_YLABEL, OPT_LANG, OPT_SIZE, OPT_LABEL, OPT_LABEL_TOP, OPT_SCRIPT, OPT_MODEL,
    OPT_VALUE, OPT_KEY, OPT_DIVERGING, OPT_CENTER, OPT_PALETTE, OPT_LEGEND_TITLE, OPT_MAP,
    OPT_OUTPUT, OPT_DELIMITER, OPT_SKIP, OPT_BREAKS, OPT_SOURCE, OPT_GENERATED,
    OPT_PER, OPT_TIMEOUT, OPT_FROM, OPT_TO, OPT_FROM_LABEL, OPT_TO_LABEL
};

static const cli_opt options[] = {
    {"x", 0, "X", OPT_X, "scatter: the column on the x axis", NULL},
    {"y", 0, "Y", OPT_Y, "scatter: the column on the y axis", NULL},
    {"fit", 0, NULL, OPT_FIT, "scatter: draw the least-squares line of Y ~ X, its band and key",
     NULL},
    {"band", 0, "B", OPT_BAND, "scatter: confidence (default), prediction or none", NULL},
    {"level", 0, "L", OPT_LEVEL, "scatter: level of the band (default 0.95); map: region or "
     "department (default: from the key column's name, else its codes)", NULL},
    {"weight", 0, "COL", OPT_WEIGHT, "scatter, residuals: weighted least squares with weights "
     "from COL", NULL},
    {"model", 0, "F", OPT_MODEL, "residuals: the formula, as damirstat fit takes it", NULL},
    {"value", 0, "COL", OPT_VALUE, "map: the column that colours the departments", NULL},
    {"key", 0, "COL", OPT_KEY, "map: the department column (default: dept, dep, departement, "
     "code or codep)", NULL},
    {"diverging", 0, NULL, OPT_DIVERGING, "map: a diverging palette (rdbu) centred on --center",
     NULL},
    {"center", 0, "V", OPT_CENTER, "map: the centre of the diverging palette (default 0)",
     NULL},
    {"palette", 0, "P", OPT_PALETTE, "map: viridis (default), blues, rdbu or puor", NULL},
    {"breaks", 0, "B", OPT_BREAKS, "map: classes quantile:K, jenks:K or fixed:A,B,… (default: "
     "a continuous scale)", NULL},
    {"legend-title", 0, "T", OPT_LEGEND_TITLE, "map: the title of the colour key", NULL},
    {"map", 0, "FILE", OPT_MAP, "map: department outlines (default "
     "external-data/departements-carte.txt)", NULL},
    {"output", 'o', "FILE", OPT_OUTPUT, "the figure: .png, .svg or .pdf (default "
     "plots/KIND.png); it appears whole or not at all", NULL},
    {"size", 0, "WxH", OPT_SIZE, "size in pixels (default 1200x800; 320x240 to 10000x10000)", NULL},
    {"lang", 0, "en|fr", OPT_LANG, "language of labels and numbers (default en)", NULL},
    {"title", 0, "T", OPT_TITLE, "title above the figure", NULL},
    {"xlabel", 0, "L", OPT_XLABEL, "label of the x axis (default: the column name)", NULL},
    {"ylabel", 0, "L", OPT_YLABEL, "label of the y axis (default: the column name)", NULL},
    {"label", 0, "COL", OPT_LABEL, "name points from COL (default: nom, name, label, dep, dept "
     "or code)", NULL},
    {"label-top", 0, "K", OPT_LABEL_TOP, "name the K most influential points (default 8)",
     NULL},
    {"script", 0, "FILE", OPT_SCRIPT, "also save the gnuplot script to FILE", NULL},
    {"source", 0, "TEXT", OPT_SOURCE, "credit line under the figure: Source: TEXT. Figure: "
     "damirstat", NULL},
    {"generated", 0, NULL, OPT_GENERATED, "mark the figure as made from damirstat gen data",
     NULL},
    {"slope-per", 0, "N", OPT_PER, "scatter: the key gives the slope per +N units of X "
     "(default 1)", NULL},
    {"timeout", 0, "SECONDS", OPT_TIMEOUT, "stop gnuplot when it runs longer (default 60; 0: "
     "no limit)", NULL},
    {"from", 0, "COL", OPT_FROM, "slope: the column of the left end of each line", NULL},
    {"to", 0, "COL", OPT_TO, "slope: the column of the right end", NULL},
    {"from-label", 0, "T", OPT_FROM_LABEL, "slope: the words under the left end (default: "
     "its column)", NULL},
    {"to-label", 0, "T", OPT_TO_LABEL, "slope: the words under the right end", NULL},
    CLI_OPT_DELIMITER(OPT_DELIMITER),
    CLI_OPT_SKIP(OPT_SKIP),
    {NULL, 0, NULL, 0, NULL, NULL},
};

struct args {
    plot_options common;
    plot_scatter_spec scatter;
    plot_map_spec map;
    plot_slope_spec slope;
    const char *model;
    table_load_opts load;
};

static int parse_number(const char *s, double lo, double hi, const char *opt, double *out,
                        ds_err *err)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end || !(v >= lo && v <= hi))
        return ds_err_set(err, DS_EUSAGE, "plot: %s: expected a number in [%g, %g], got '%s'",
                          opt, lo, hi, s);
    *out = v;
    return DS_OK;
}

static int parse_size(const char *s, plot_options *o, ds_err *err)
{
    int w, h, n = 0;
    if (sscanf(s, "%dx%d%n", &w, &h, &n) != 2 || s[n] || w < PLOT_MIN_WIDTH ||
        h < PLOT_MIN_HEIGHT || w > PLOT_MAX_SIDE || h > PLOT_MAX_SIDE)
        return ds_err_set(err, DS_EUSAGE,
                          "plot: --size: expected WIDTHxHEIGHT in pixels, at least %dx%d (text "
                          "overlaps below) and at most %dx%d, got '%s'", PLOT_MIN_WIDTH,
                          PLOT_MIN_HEIGHT, PLOT_MAX_SIDE, PLOT_MAX_SIDE, s);
    o->width = w, o->height = h;
    return DS_OK;
}

static int parse_choice(int opt, const char *arg, struct args *a, ds_err *err)
{
    if (opt == OPT_BAND) {
        if (strcmp(arg, "confidence") == 0)
            a->scatter.band = PLOT_BAND_CONFIDENCE;
        else if (strcmp(arg, "prediction") == 0)
            a->scatter.band = PLOT_BAND_PREDICTION;
        else if (strcmp(arg, "none") == 0)
            a->scatter.band = PLOT_BAND_NONE;
        else
            return ds_err_set(err, DS_EUSAGE,
                              "plot: --band: expected confidence, prediction or none, got '%s'",
                              arg);
        return DS_OK;
    }
    if (strcmp(arg, "fr") != 0 && strcmp(arg, "en") != 0)
        return ds_err_set(err, DS_EUSAGE, "plot: --lang: expected fr or en, got '%s'", arg);
    a->common.french = strcmp(arg, "fr") == 0;
    return DS_OK;
}

static int parse_option(void *ctx, int opt, const char *arg, ds_err *err)
{
    struct args *a = ctx;
    double v;
    int rc = DS_OK;
    switch (opt) {
    case OPT_X: a->scatter.x = arg; break;
    case OPT_FROM: a->slope.from = arg; break;
    case OPT_TO: a->slope.to = arg; break;
    case OPT_FROM_LABEL: a->slope.from_label = arg; break;
    case OPT_TO_LABEL: a->slope.to_label = arg; break;
    case OPT_Y: a->scatter.y = arg; break;
    case OPT_FIT: a->scatter.fit = 1; break;
    case OPT_BAND: case OPT_LANG: return parse_choice(opt, arg, a, err);
    case OPT_LEVEL:
        if (strcmp(arg, "region") == 0 || strcmp(arg, "department") == 0) {
            a->map.level = arg[0] == 'r' ? PLOT_LEVEL_REGION : PLOT_LEVEL_DEPT;
            return DS_OK;
        }
        return parse_number(arg, 0.5, 0.9999, "--level", &a->scatter.level, err);
    case OPT_BREAKS: a->map.breaks = arg; break;
    case OPT_SOURCE: a->common.source = arg; break;
    case OPT_GENERATED: a->common.generated = 1; break;
    case OPT_PER: return parse_number(arg, 1e-300, 1e300, "--slope-per", &a->scatter.per, err);
    case OPT_WEIGHT: a->scatter.weight = arg; break;
    case OPT_TITLE: a->common.title = arg; break;
    case OPT_XLABEL: a->common.xlabel = arg; break;
    case OPT_YLABEL: a->common.ylabel = arg; break;
    case OPT_SIZE: return parse_size(arg, &a->common, err);
    case OPT_LABEL: a->common.label_col = arg; break;
    case OPT_LABEL_TOP:
        rc = parse_number(arg, 0, 1000, "--label-top", &v, err);
        a->common.label_top = (size_t)v;
        return rc;
    case OPT_SCRIPT: a->common.script_path = arg; break;
    case OPT_TIMEOUT: return parse_number(arg, 0, 1e6, "--timeout", &a->common.timeout, err);
    case OPT_MODEL: a->model = arg; break;
    case OPT_VALUE: a->map.value = arg; break;
    case OPT_KEY: a->map.key = arg; break;
    case OPT_DIVERGING: a->map.diverging = 1; break;
    case OPT_CENTER:
        a->map.diverging = 1;
        return parse_number(arg, -1e300, 1e300, "--center", &a->map.center, err);
    case OPT_PALETTE: a->map.palette = arg; break;
    case OPT_LEGEND_TITLE: a->map.legend_title = arg; break;
    case OPT_MAP: a->map.map_path = arg; break;
    case OPT_OUTPUT: a->common.output = arg; break;
    case OPT_DELIMITER: return cli_parse_delim("plot", "--delimiter", arg, &a->load.delim, err);
    case OPT_SKIP: return cli_parse_lines("plot", "--skip", arg, &a->load.skip_lines, err);
    default: break;
    }
    return DS_OK;
}

/* For the shell completions: the figure kinds (the first word) and the map palettes. */
static const char *complete_value(const char *option, size_t i)
{
    if (!option)
        return plot_kind_name(i);
    return strcmp(option, "palette") == 0 ? plot_palette_name(i) : NULL;
}

const cli_cmd cmd_plot_cli = {
    "plot",
    "figures through gnuplot: scatter with fit, residual panels, map, slope chart",
    "scatter DATA --x X --y Y [--fit] [--band confidence|prediction|none]\n"
    "    [--level 0.95] [--weight COL] [OPTIONS]\n"
    "residuals DATA --model 'Y ~ X1 + X2' [--weight COL] [OPTIONS]\n"
    "map DATA --value COL [--key dept] [--level region|department]\n"
    "    [--breaks quantile:K|jenks:K|fixed:A,B,…] [--diverging] [--center V]\n"
    "    [--palette viridis|blues|rdbu|puor] [--legend-title T] [OPTIONS]\n"
    "slope DATA --from COL --to COL [--from-label T] [--to-label T] [OPTIONS]",
    about,
    options,
    "damirstat plot scatter dept.csv --x gp_density --y visits --fit -o plots/visits.png\n"
    "damirstat plot residuals dept.csv --model 'visits ~ gp_density + income'\n"
    "damirstat plot map external-data/departements.csv --key dep --value population \\\n"
    "    --legend-title 'Population (inhabitants)' -o plots/population.svg\n"
    "damirstat plot map external-data/esperance-vie-regions-2023.csv --key reg \\\n"
    "    --value esperance_vie_hommes --breaks jenks:4 --source 'INSEE 2023' -o plots/ev.png\n"
    "damirstat plot slope trend.csv --from visits_2010 --to visits_2013 --label dep \\\n"
    "    --from-label 2010 --to-label 2013 -o plots/trend.png",
    parse_option,
    complete_value,
};

/* The label column when --label is not given: the first usual name column present. */
static const char *default_label(const table_t *t)
{
    static const char *const names[] = {"nom", "name", "label", "dep", "dept", "code"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (table_col_index(t, names[i]) >= 0)
            return names[i];
    return NULL;
}

static int check_required(const char *kind, const struct args *a, ds_err *err)
{
    if (strcmp(kind, "scatter") == 0 && (!a->scatter.x || !a->scatter.y))
        return ds_err_set(err, DS_EUSAGE, "plot scatter: --x and --y are required");
    if (strcmp(kind, "residuals") == 0 && !a->model)
        return ds_err_set(err, DS_EUSAGE, "plot residuals: --model is required");
    if (strcmp(kind, "map") == 0 && !a->map.value)
        return ds_err_set(err, DS_EUSAGE, "plot map: --value is required");
    if (strcmp(kind, "slope") == 0 && (!a->slope.from || !a->slope.to))
        return ds_err_set(err, DS_EUSAGE, "plot slope: --from and --to are required");
    char kinds[200] = "";
    const char *k;
    for (size_t i = 0; (k = plot_kind_name(i)); i++) {
        if (strcmp(kind, k) == 0)
            return DS_OK;
        size_t used = strlen(kinds);
        snprintf(kinds + used, sizeof kinds - used, "%s%s", i == 0 ? ""
                 : plot_kind_name(i + 1) ? ", " : " or ", k);
    }
    return ds_err_set(err, DS_EUSAGE, "plot: unknown figure '%s' (%s)", kind, kinds);
}

/* The line of y ~ x a scatter draws and names its points by, fitted here with the figure's
 * weight and level (plot draws what it is handed); without --fit a failed fit only means
 * that the extremes are named instead. */
static int draw_scatter(const table_t *t, const plot_scatter_spec *s, const plot_options *o,
                        ds_err *err)
{
    model_options opt;
    model_options_default(&opt);
    opt.weight = s->weight;
    opt.level = s->level;
    model_fit *fit = NULL;
    ds_err ignored;
    ds_err_clear(&ignored);
    int rc = plot_scatter_check(t, s, err);
    if (rc == DS_OK) {
        int fit_rc = model_fit_line(t, s->y, s->x, &opt, &fit, s->fit ? err : &ignored);
        rc = s->fit ? fit_rc : DS_OK;
    }
    if (rc == DS_OK)
        rc = plot_scatter(t, s, fit, o, err);
    model_fit_free(fit);
    return rc;
}

/* The residual panels of the fit of formula (least squares, weighted by weight if given). */
static int draw_residuals(const table_t *t, const char *formula, const char *weight,
                          const plot_options *o, ds_err *err)
{
    model_options opt;
    model_options_default(&opt);
    opt.weight = weight;
    model_fit *fit = NULL;
    int rc = model_fit_formula(t, formula, &opt, &fit, err);
    if (rc == DS_OK)
        rc = plot_residuals(t, fit, o, err);
    model_fit_free(fit);
    return rc;
}

/* The rows a figure left out (plot counts them by the rule it draws by), said once it is
 * made, as ggplot2's "Removed N rows containing missing values". */
static void note_left_out(const char *kind, const table_t *t, size_t left_out, const char *a,
                          const char *b, const char *weight)
{
    if (!left_out)
        return;
    char what[512];
    if (strcmp(a, b) == 0)
        snprintf(what, sizeof what, "%s", a);
    else
        snprintf(what, sizeof what, "%s or %s", a, b);
    fprintf(stderr, "damirstat: plot %s: note: %zu of %zu rows have no value of %s%s%s and are "
            "not drawn\n", kind, left_out, table_nrows(t), what,
            weight ? " or no positive weight " : "", weight ? weight : "");
}

static int draw(const char *kind, const table_t *t, struct args *a, ds_err *err)
{
    char default_output[32];
    if (!a->common.output) {
        snprintf(default_output, sizeof default_output, "plots/%s.png", kind);
        a->common.output = default_output;
    }
    if (!a->common.label_col)
        a->common.label_col = default_label(t);
    size_t label;
    if (a->common.label_col && table_column(t, a->common.label_col, NULL, &label, err))
        return DS_EDATA;
    if (strcmp(kind, "scatter") == 0)
        return draw_scatter(t, &a->scatter, &a->common, err);
    if (strcmp(kind, "residuals") == 0)
        return draw_residuals(t, a->model, a->scatter.weight, &a->common, err);
    if (strcmp(kind, "slope") == 0)
        return plot_slope(t, &a->slope, &a->common, err);
    return plot_map(t, &a->map, &a->common, err);
}

int cmd_plot(int argc, char **argv, ds_err *err)
{
    struct args a;
    memset(&a, 0, sizeof a);
    plot_options_default(&a.common);
    a.scatter.band = PLOT_BAND_CONFIDENCE;
    a.scatter.level = 0.95;
    int n = 0;
    int rc = cli_parse(&cmd_plot_cli, argc, argv, &a, &n, err);
    if (rc > 0)
        return cli_finish(&cmd_plot_cli, rc);
    if (rc != DS_OK)
        return rc;
    if (n < 1)
        return ds_err_set(err, DS_EUSAGE, "plot: which figure? (scatter, residuals, map or "
                                          "slope; see damirstat plot --help)");
    const char *kind = argv[1];
    rc = check_required(kind, &a, err);
    if (rc != DS_OK)
        return rc;
    if (n != 2)
        return ds_err_set(err, DS_EUSAGE, "plot %s: expected one DATA file", kind);
    plot_format fmt;
    if (a.common.output && (rc = plot_format_of(a.common.output, &fmt, err)) != DS_OK)
        return rc;
    if (cli_same_file(a.common.script_path, a.common.output))
        return ds_err_set(err, DS_EUSAGE, "plot %s: --script %s and -o %s name one file: the "
                          "figure would replace the script; give two names", kind,
                          a.common.script_path, a.common.output);
    table_t *t = NULL;
    rc = table_load_with(argv[2], &a.load, &t, err);
    cli_table_notes("plot", t, 0);
    if (rc == DS_OK)
        rc = draw(kind, t, &a, err);
    if (rc == DS_OK && strcmp(kind, "scatter") == 0)
        note_left_out(kind, t, plot_scatter_left_out(t, &a.scatter), a.scatter.x, a.scatter.y,
                      a.scatter.weight);
    else if (rc == DS_OK && strcmp(kind, "slope") == 0)
        note_left_out(kind, t, plot_slope_left_out(t, &a.slope), a.slope.from, a.slope.to, NULL);
    table_free(t);
    return rc;
}
