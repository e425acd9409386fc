/* fs: the installed share folder and the few path helpers the lookups share (see fs.h). */
#include "damirstat/fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "damirstat/err.h"

char *fs_exe_dir(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return xstrdup(exe);
}

char *fs_share_dir(void)
{
    char *bin = fs_exe_dir();
    if (!bin)
        return NULL;
    char *share = fs_join(bin, "../share/damirstat");
    free(bin);
    struct stat st;
    if (stat(share, &st) != 0 || !S_ISDIR(st.st_mode)) {
        free(share);
        return NULL;
    }
    return share;
}

int fs_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int fs_same_node(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

char *fs_first_missing(const char *dir)
{
    char *p = xstrdup(dir);
    for (char *q = p + 1;; q++) {
        if (*q != '/' && *q != '\0')
            continue;
        char c = *q;
        *q = '\0';
        if (!fs_exists(p))
            return p;
        if (!c)
            break;
        *q = c;
    }
    free(p);
    return NULL;
}

void fs_remove_made(char *dir, const char *top)
{
    for (;;) {
        if (rmdir(dir) != 0 || strcmp(dir, top) == 0)
            return;
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir)
            return;
        *slash = '\0';
    }
}

char *fs_join(const char *dir, const char *name)
{
    if (!dir || !*dir || strcmp(dir, ".") == 0 || name[0] == '/')
        return xstrdup(name);
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    return p;
}

char *fs_dirname(const char *path)
{
    size_t len = strlen(path);
    while (len > 1 && path[len - 1] == '/')
        len--;
    if (len == 1 && path[0] == '.')
        return xstrdup("..");
    if ((len == 2 && memcmp(path, "..", 2) == 0) ||
        (len >= 3 && memcmp(path + len - 3, "/..", 3) == 0)) {
        char *up = xmalloc(len + 4);
        snprintf(up, len + 4, "%.*s/..", (int)len, path);
        return up;
    }
    while (len > 0 && path[len - 1] != '/')
        len--;
    if (len == 0)
        return xstrdup(".");
    while (len > 1 && path[len - 1] == '/')
        len--;
    return xstrndup(path, len);
}
