/* study_path: where the relative paths of a study lead. Inputs (DAMIR files, reference
 * tables, neighbours, truth manifests) are looked for beside the study file, then, for a
 * study in a folder named studies/, in the folder holding it (external-data/ sits beside
 * studies/ in the repository and in the installed share folder), then in the current
 * folder, then in the installed share folder: a study runs from any folder, and an
 * installed one finds the installed data.
 * Outputs are written relative to the current folder, never beside an installed study. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/fs.h"
#include "study_impl.h"

enum { MAX_DIRS = 4 };

/* 1 when the study's folder is a studies/ folder, whose parent holds external-data/. */
static int in_studies_folder(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return (n == 7 && memcmp(dir, "studies", 7) == 0) ||
           (n > 7 && memcmp(dir + n - 8, "/studies", 8) == 0);
}

/* The folders to search, in order, each once, however spelled: the share folder found
 * from the binary (bin/../share/damirstat) is the parent of an installed study's folder
 * (the caller frees them). */
static size_t search_dirs(const study_t *s, char **dirs)
{
    char *cand[MAX_DIRS] = {xstrdup(s->base_dir),
                            in_studies_folder(s->base_dir) ? fs_dirname(s->base_dir) : NULL,
                            xstrdup("."), s->share_dir ? xstrdup(s->share_dir) : NULL};
    size_t n = 0;
    for (size_t i = 0; i < MAX_DIRS; i++) {
        int seen = !cand[i];
        for (size_t k = 0; k < n && !seen; k++)
            seen = strcmp(dirs[k], cand[i]) == 0 || fs_same_node(dirs[k], cand[i]);
        if (seen)
            free(cand[i]);
        else
            dirs[n++] = cand[i];
    }
    return n;
}

static void free_dirs(char **dirs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(dirs[i]);
}

char *study_find(const study_t *s, const char *rel)
{
    if (rel[0] == '/')
        return fs_exists(rel) ? xstrdup(rel) : NULL;
    char *dirs[MAX_DIRS], *found = NULL;
    size_t n = search_dirs(s, dirs);
    for (size_t i = 0; i < n && !found; i++) {
        char *p = fs_join(dirs[i], rel);
        if (fs_exists(p))
            found = p;
        else
            free(p);
    }
    free_dirs(dirs, n);
    return found;
}

char *study_path(const study_t *s, const char *rel)
{
    char *p = study_find(s, rel);
    return p ? p : xstrdup(rel);
}

int study_glob(const study_t *s, const char *pattern, glob_t *g)
{
    if (pattern[0] == '/')
        return glob(pattern, 0, NULL, g);
    char *dirs[MAX_DIRS];
    size_t n = search_dirs(s, dirs);
    int rc = GLOB_NOMATCH;
    for (size_t i = 0; i < n && rc == GLOB_NOMATCH; i++) {
        char *p = fs_join(dirs[i], pattern);
        rc = glob(p, 0, NULL, g);
        free(p);
    }
    free_dirs(dirs, n);
    return rc;
}

void study_searched(const study_t *s, char *buf, size_t size)
{
    char *dirs[MAX_DIRS];
    size_t n = search_dirs(s, dirs);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(buf);
        const char *d = dirs[i];
        snprintf(buf + used, size - used, "%s%s%s", i ? ", " : "", d,
                 d[strlen(d) - 1] == '/' ? "" : "/");
    }
    free_dirs(dirs, n);
}

int study_not_found(const study_t *s, const study_section *sec, const char *key,
                    const char *rel, ds_err *err)
{
    char dirs[600], hint[400] = "";
    study_searched(s, dirs, sizeof dirs);
    const char *made_by = strcmp(sec->kind, "inputs") == 0 ? study_get(sec, "made_by") : NULL;
    if (made_by)
        snprintf(hint, sizeof hint, "; they are generated: run `%s` in this folder first "
                 "(`make demo` in a checkout)", made_by);
    return ds_err_set(err, DS_EIO,
                      "%s:%d: [%s%s%s]: %s: no file matches '%s' (looked in %s)%s", s->path,
                      study_line(sec, key), sec->kind, *sec->name ? " " : "", sec->name, key,
                      rel, dirs, hint);
}

char *study_find_input(const study_t *s, const study_section *sec, const char *key,
                       const char *rel, ds_err *err)
{
    char *p = study_find(s, rel);
    if (!p)
        study_not_found(s, sec, key, rel, err);
    return p;
}
