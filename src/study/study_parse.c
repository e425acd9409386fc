/* study_parse: the INI-like study format (docs/study-format.md) into sections of key = value
 * pairs, checked against what each section accepts so a typo fails at its line. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/fs.h"
#include "damirstat/suggest.h"
#include "study_impl.h"

/* What each section kind accepts. "*" lets [derive] take any new column name. Keys listed
 * with a leading '!' are required. Sections marked named must have a NAME. */
static const struct {
    const char *kind;
    int named;        /* 1 = needs a name, 0 = must not have one */
    int repeatable;   /* unnamed sections that may appear more than once */
    const char *keys; /* space-separated */
} schema[] = {
    {"study", 0, 0, "title description source generated"},
    {"inputs", 0, 0, "!files made_by"},
    {"aggregate", 0, 0, "where by sum measure as"},
    {"table", 1, 0, "!from skip skip_footer delim keep recode group_by sum sum_suffix shares "
                    "shares_reference shares_prefix"},
    {"join", 1, 0, "!left !right !on right_on skip key how"},
    {"derive", 0, 1, "table *"},
    {"fit", 1, 0, "data !model method se weight level term scale published label exclude "
                  "key term_label response_label planted note cluster wild_bootstrap seed family "
                  "offset exp test spatial lm_tests neighbours weights islands centroids "
                  "impacts_draws logdet"},
    {"corr", 1, 0, "data !x !y methods bootstrap seed level exclude label adjust"},
    {"moran", 1, 0, "!fit key permutations seed neighbours level"},
    {"standardize", 1, 0, "!observed !population !unit !strata !value population_column "
                          "within kind level label note"},
    {"robustness", 1, 0, "!rows title note count_rate"},
    {"screen", 1, 0, "data !x !y methods adjust exclude label note"},
    {"plot", 1, 0, "!kind data x y fit key label title caption band xlabel ylabel value "
                   "palette legend format source breaks level timeout from to from_label "
                   "to_label"},
    {"output", 0, 0, "!dir"},
    {"report", 0, 0, "headline how_to_read table_omit table_fits"},
};

static int find_kind(const char *kind)
{
    for (size_t i = 0; i < sizeof schema / sizeof schema[0]; i++)
        if (strcmp(schema[i].kind, kind) == 0)
            return (int)i;
    return -1;
}

/* "study, inputs, …, output or report": the section kinds, for a message. */
static const char *kinds_text(void)
{
    static char buf[256];
    size_t n = sizeof schema / sizeof schema[0], len = 0;
    for (size_t i = 0; i < n && len < sizeof buf; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i == 0 ? ""
                                : i + 1 == n ? " or " : ", ", schema[i].kind);
    return buf;
}

/* 1 if key is in the space-separated list (with or without '!'). */
static int key_listed(const char *list, const char *key, int *any)
{
    size_t klen = strlen(key);
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        if (*w == '!')
            w++;
        if ((size_t)(p - w) == 1 && *w == '*')
            *any = 1;
        if ((size_t)(p - w) == klen && strncmp(w, key, klen) == 0)
            return 1;
    }
    return 0;
}

const char *study_get(const study_section *sec, const char *key)
{
    for (size_t i = 0; i < sec->nkv; i++)
        if (strcmp(sec->kv[i].key, key) == 0)
            return sec->kv[i].value;
    return NULL;
}

int study_line(const study_section *sec, const char *key)
{
    for (size_t i = 0; key && i < sec->nkv; i++)
        if (strcmp(sec->kv[i].key, key) == 0)
            return sec->kv[i].line;
    return sec->line;
}

int study_fail_at(const study_t *s, const study_section *sec, const char *key, int rc,
                  ds_err *err)
{
    char msg[sizeof err->msg];
    snprintf(msg, sizeof msg, "%s", err->msg);
    ds_err_clear(err);
    return ds_err_set(err, rc, "%s:%d: [%s%s%s]: %s", s->path, study_line(sec, key),
                      sec->kind, *sec->name ? " " : "", sec->name, msg);
}

static char *trim(char *s, char *end)
{
    while (s < end && isspace((unsigned char)*s))
        s++;
    while (end > s && isspace((unsigned char)end[-1]))
        end--;
    *end = '\0';
    return s;
}

/* "[kind NAME]" → the section, checked against the schema. */
static int parse_header(study_t *s, char *p, char *end, int line, ds_err *err)
{
    if (end[-1] != ']')
        return ds_err_set(err, DS_EDATA, "%s:%d: expected ']' at the end of the section line",
                          s->path, line);
    char *in = trim(p + 1, end - 1);
    char *sp = in;
    while (*sp && !isspace((unsigned char)*sp))
        sp++;
    char *name = *sp ? trim(sp, sp + strlen(sp)) : sp;
    *sp = '\0';
    int k = find_kind(in);
    if (k < 0) {
        const char *kinds[sizeof schema / sizeof schema[0]];
        for (size_t i = 0; i < sizeof schema / sizeof schema[0]; i++)
            kinds[i] = schema[i].kind;
        const char *near = suggest_near(in, kinds, sizeof schema / sizeof schema[0]);
        char hint[80] = "";
        if (near)
            snprintf(hint, sizeof hint, ": did you mean [%s]?", near);
        return ds_err_set(err, DS_EDATA, "%s:%d: unknown section [%s]%s (expected %s)",
                          s->path, line, in, hint, kinds_text());
    }
    if (schema[k].named && !*name)
        return ds_err_set(err, DS_EDATA, "%s:%d: [%s] needs a name: [%s NAME]", s->path, line,
                          in, in);
    if (!schema[k].named && *name)
        return ds_err_set(err, DS_EDATA, "%s:%d: [%s] takes no name", s->path, line, in);
    for (size_t i = 0; i < s->nsec; i++) {
        const study_section *o = &s->sec[i];
        int same = strcmp(o->kind, in) == 0 && strcmp(o->name, name) == 0;
        int clash = schema[k].named && *name && find_kind(o->kind) >= 0 &&
                    schema[find_kind(o->kind)].named && strcmp(o->name, name) == 0;
        if ((same && !schema[k].repeatable) || (clash && !same))
            return ds_err_set(err, DS_EDATA, "%s:%d: name '%s' already used at line %d",
                              s->path, line, *name ? name : in, o->line);
    }
    s->sec = xrealloc(s->sec, (s->nsec + 1) * sizeof *s->sec);
    study_section *sec = &s->sec[s->nsec++];
    sec->kind = xstrdup(in);
    sec->name = xstrdup(name);
    sec->line = line;
    sec->kv = NULL;
    sec->nkv = 0;
    return DS_OK;
}

/* "unknown key" with the key meant (edit distance) and the keys the section accepts. */
static int unknown_key(const study_t *s, const study_section *sec, const char *key,
                       const char *keys, int line, ds_err *err)
{
    size_t n;
    char **w = study_words(keys, &n);
    for (size_t i = 0; i < n; i++)
        if (w[i][0] == '!')
            memmove(w[i], w[i] + 1, strlen(w[i]));
    const char *near = suggest_near(key, (const char *const *)w, n);
    char accepted[300] = "", hint[80] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(accepted + strlen(accepted), sizeof accepted - strlen(accepted), "%s%s",
                 i ? "," : "", w[i]);
    if (near)
        snprintf(hint, sizeof hint, ": did you mean '%s'?", near);
    study_words_free(w);
    return ds_err_set(err, DS_EDATA, "%s:%d: unknown key '%s' in [%s]%s (accepted: %s)",
                      s->path, line, key, sec->kind, hint, accepted);
}

static int parse_pair(study_t *s, char *p, char *end, int line, ds_err *err)
{
    if (s->nsec == 0)
        return ds_err_set(err, DS_EDATA, "%s:%d: key before any [section]", s->path, line);
    char *eq = memchr(p, '=', (size_t)(end - p));
    if (!eq)
        return ds_err_set(err, DS_EDATA, "%s:%d: expected 'key = value' or '[section]'",
                          s->path, line);
    char *key = trim(p, eq);
    char *value = trim(eq + 1, end);
    study_section *sec = &s->sec[s->nsec - 1];
    int any = 0;
    int k = find_kind(sec->kind);
    if (!*key)
        return ds_err_set(err, DS_EDATA, "%s:%d: empty key before '='", s->path, line);
    if (!key_listed(schema[k].keys, key, &any) && !any)
        return unknown_key(s, sec, key, schema[k].keys, line, err);
    if (!*value)
        return ds_err_set(err, DS_EDATA, "%s:%d: '%s' has no value", s->path, line, key);
    if (study_get(sec, key))
        return ds_err_set(err, DS_EDATA, "%s:%d: '%s' given twice in [%s] (first at line %d)",
                          s->path, line, key, sec->kind, study_line(sec, key));
    sec->kv = xrealloc(sec->kv, (sec->nkv + 1) * sizeof *sec->kv);
    sec->kv[sec->nkv].key = xstrdup(key);
    sec->kv[sec->nkv].value = xstrdup(value);
    sec->kv[sec->nkv].line = line;
    sec->nkv++;
    return DS_OK;
}

/* Required keys, checked once a section is complete. */
static int check_required(const study_t *s, ds_err *err)
{
    for (size_t i = 0; i < s->nsec; i++) {
        const study_section *sec = &s->sec[i];
        const char *p = schema[find_kind(sec->kind)].keys;
        while (*p) {
            while (*p == ' ')
                p++;
            const char *w = p;
            while (*p && *p != ' ')
                p++;
            if (*w != '!')
                continue;
            char key[64];
            snprintf(key, sizeof key, "%.*s", (int)(p - w - 1), w + 1);
            if (!study_get(sec, key))
                return ds_err_set(err, DS_EDATA, "%s:%d: [%s%s%s] needs '%s = …'", s->path,
                                  sec->line, sec->kind, *sec->name ? " " : "", sec->name, key);
        }
    }
    return DS_OK;
}

int study_parse(const char *name, const char *text, size_t len, const char *base_dir,
                study_t **out, ds_err *err)
{
    study_t *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(name);
    s->base_dir = xstrdup(base_dir && *base_dir ? base_dir : ".");
    s->share_dir = fs_share_dir();
    /* The byte order mark an editor may put first is not text (Windows Notepad does). */
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        text += 3, len -= 3;
    int utf16 = len >= 2 && (memcmp(text, "\xff\xfe", 2) == 0 || memcmp(text, "\xfe\xff", 2) == 0);
    if (utf16) {
        study_free(s);
        return ds_err_set(err, DS_EDATA, "%s: this is UTF-16 text; convert it: iconv -f UTF-16 "
                          "-t UTF-8 %s > NEW.study", name, name);
    }
    /* A NUL would silently end the text: say so instead. */
    if (memchr(text, '\0', len)) {
        study_free(s);
        return ds_err_set(err, DS_EDATA, "%s: NUL byte in the study file", name);
    }
    char *buf = xstrndup(text, len);
    int rc = DS_OK, line = 0;
    for (char *p = buf; p && *p && rc == DS_OK; line++) {
        char *nl = strchr(p, '\n');
        char *end = nl ? nl : p + strlen(p);
        char *next = nl ? nl + 1 : NULL;
        char *l = trim(p, end);
        if (*l && *l != '#' && *l != ';')
            rc = *l == '[' ? parse_header(s, l, l + strlen(l), line + 1, err)
                           : parse_pair(s, l, l + strlen(l), line + 1, err);
        p = next;
    }
    free(buf);
    if (rc == DS_OK)
        rc = check_required(s, err);
    if (rc != DS_OK) {
        study_free(s);
        return rc;
    }
    *out = s;
    return DS_OK;
}

char *study_read_file(const char *path, size_t *len, ds_err *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        ds_err_set(err, DS_EIO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0, got;
    char *text = xmalloc(cap);
    while ((got = fread(text + n, 1, cap - n - 1, fp)) > 0)
        if ((n += got) + 1 == cap)
            text = xrealloc(text, cap *= 2);
    int bad = ferror(fp);
    fclose(fp);
    text[n] = '\0';
    if (bad) {
        free(text);
        ds_err_set(err, DS_EIO, "%s: read error", path);
        return NULL;
    }
    if (len)
        *len = n;
    return text;
}

int study_load(const char *path, study_t **out, ds_err *err)
{
    size_t len;
    char *text = study_read_file(path, &len, err);
    if (!text)
        return DS_EIO;
    /* Inputs are looked for beside the study file first (study_find): a study runs from
     * any folder, installed or not. */
    char *dir = fs_dirname(path);
    int rc = study_parse(path, text, len, dir, out, err);
    free(dir);
    free(text);
    return rc;
}

void study_free(study_t *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nsec; i++) {
        for (size_t j = 0; j < s->sec[i].nkv; j++) {
            free(s->sec[i].kv[j].key);
            free(s->sec[i].kv[j].value);
        }
        free(s->sec[i].kv);
        free(s->sec[i].kind);
        free(s->sec[i].name);
    }
    free(s->sec);
    free(s->path);
    free(s->base_dir);
    free(s->share_dir);
    free(s);
}

char **study_words(const char *value, size_t *n)
{
    size_t cap = 8, k = 0;
    char **w = xmalloc(cap * sizeof *w);
    const char *p = value;
    while (*p) {
        while (*p && (isspace((unsigned char)*p) || *p == ','))
            p++;
        const char *start = p;
        while (*p && !isspace((unsigned char)*p) && *p != ',')
            p++;
        if (p == start)
            break;
        if (k + 2 > cap)
            w = xrealloc(w, (cap *= 2) * sizeof *w);
        w[k++] = xstrndup(start, (size_t)(p - start));
    }
    w[k] = NULL;
    if (n)
        *n = k;
    return w;
}

void study_words_free(char **w)
{
    if (!w)
        return;
    for (char **p = w; *p; p++)
        free(*p);
    free(w);
}
