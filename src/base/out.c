#include "damirstat/out.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct out {
    FILE *fp;       /* NULL once closed */
    char *path;     /* as given, for messages; NULL for stdout */
    char *target;   /* what the rename replaces: path, or the file a link at path leads to */
    char *tmp_path; /* temp file beside target; NULL when writing directly */
    int slot;       /* its slot in the registry of live temp files, or -1 */
};

/* The registry of live temp files, read by a signal handler: a slot is claimed (1) while
 * its name is copied in, then live (2), then free (0) again. The handler reads live slots
 * only and calls unlink alone (async-signal-safe); lock-free atomics keep threads that
 * open outputs at once apart. A temp file that finds no free slot is simply not listed. */
enum { TEMP_FREE, TEMP_CLAIMED, TEMP_LIVE, TEMP_SLOTS = 32 };
static char temp_name[TEMP_SLOTS][PATH_MAX];
static atomic_int temp_state[TEMP_SLOTS];
static atomic_int cleanup_installed;

static void remove_live_temps(void)
{
    for (int i = 0; i < TEMP_SLOTS; i++)
        if (atomic_load(&temp_state[i]) == TEMP_LIVE)
            unlink(temp_name[i]);
}

/* SA_RESETHAND | SA_NODEFER: the signal raised again gets its default action at once, so
 * the parent sees the process killed by it, as if it had not been caught. */
static void on_fatal_signal(int sig)
{
    remove_live_temps();
    raise(sig);
}

/* Installed once, at the first output: a signal someone already handles or ignores (nohup
 * ignores SIGHUP) is left alone. */
static void install_cleanup(void)
{
    if (atomic_exchange(&cleanup_installed, 1))
        return;
    static const int fatal[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        if (sigaction(fatal[i], NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) &&
            old.sa_handler == SIG_DFL)
            sigaction(fatal[i], &sa, NULL);
    if (sigaction(SIGXFSZ, NULL, &old) == 0 && old.sa_handler == SIG_DFL)
        signal(SIGXFSZ, SIG_IGN);
    atexit(remove_live_temps);
}

static int temp_register(const char *path)
{
    if (strlen(path) >= PATH_MAX)
        return -1;
    for (int i = 0; i < TEMP_SLOTS; i++) {
        int expected = TEMP_FREE;
        if (atomic_compare_exchange_strong(&temp_state[i], &expected, TEMP_CLAIMED)) {
            strcpy(temp_name[i], path);
            atomic_store(&temp_state[i], TEMP_LIVE);
            return i;
        }
    }
    return -1;
}

static void temp_unregister(int slot)
{
    if (slot >= 0)
        atomic_store(&temp_state[slot], TEMP_FREE);
}

static int is_stdout(const char *path)
{
    return !path || strcmp(path, "-") == 0;
}

/* The file a write to path replaces: path itself, or the file a symbolic link at path leads
 * to (a relative link read from the link's folder), so that the link is kept. NULL with
 * errno ELOOP for a loop of links. */
static char *resolve_target(const char *path)
{
    char *cur = xstrdup(path), link[PATH_MAX];
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        ssize_t n;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode) ||
            (n = readlink(cur, link, sizeof link - 1)) <= 0)
            return cur;
        link[n] = '\0';
        const char *slash = strrchr(cur, '/');
        size_t dir = link[0] == '/' || !slash ? 0 : (size_t)(slash + 1 - cur);
        char *next = xmalloc(dir + (size_t)n + 1);
        memcpy(next, cur, dir);
        memcpy(next + dir, link, (size_t)n + 1);
        free(cur);
        cur = next;
    }
    free(cur);
    errno = ELOOP;
    return NULL;
}

/* NAME.tmp.XXXXXX beside target, the last component cut so that it stays a legal name. */
static char *temp_template(const char *target)
{
    static const char suffix[] = ".tmp.XXXXXX";
    const char *slash = strrchr(target, '/');
    size_t dir = slash ? (size_t)(slash + 1 - target) : 0, base = strlen(target) - dir;
    if (base > NAME_MAX - (sizeof suffix - 1))
        base = NAME_MAX - (sizeof suffix - 1);
    char *t = xmalloc(dir + base + sizeof suffix);
    memcpy(t, target, dir + base);
    memcpy(t + dir + base, suffix, sizeof suffix);
    return t;
}

/* The result gets the mode (and, when allowed, the owner) of the file it replaces, as sed -i
 * does, else the mode of any new file (mkstemp made it 0600). */
static void set_mode(int fd, const char *target)
{
    struct stat st;
    if (stat(target, &st) == 0 && S_ISREG(st.st_mode)) {
        if ((st.st_uid != geteuid() || st.st_gid != getegid()) &&
            fchown(fd, st.st_uid, st.st_gid) != 0) { /* not allowed: the file is ours */
        }
        fchmod(fd, st.st_mode & 07777);
        return;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
}

static void out_free(out_t *o)
{
    free(o->path);
    free(o->target);
    free(o->tmp_path);
    free(o);
}

static int open_failed(out_t *o, const char *path, int e, ds_err *err)
{
    out_free(o);
    return ds_err_set(err, DS_EIO, "%s: cannot write: %s", path, strerror(e));
}

/* Creates the temp file and lists it, with signals blocked in between so that none can
 * leave it unlisted. */
static int make_temp(out_t *o)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    o->tmp_path = temp_template(o->target);
    int fd = mkostemp(o->tmp_path, O_CLOEXEC), e = errno;
    if (fd >= 0)
        o->slot = temp_register(o->tmp_path);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = e;
    return fd;
}

int out_open(const char *path, out_t **out, ds_err *err)
{
    *out = NULL;
    install_cleanup();
    out_t *o = xcalloc(1, sizeof *o);
    o->slot = -1;
    if (is_stdout(path)) {
        o->fp = stdout;
        *out = o;
        return DS_OK;
    }
    o->path = xstrdup(path);
    if (!(o->target = resolve_target(path)))
        return open_failed(o, path, errno, err);
    struct stat st;
    if (stat(o->target, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device or a pipe (-o /dev/full): a temp file renamed over it would replace
         * the device node itself, so write to it directly. */
        if (!(o->fp = fopen(path, "w")))
            return open_failed(o, path, errno, err);
        *out = o;
        return DS_OK;
    }
    int fd = make_temp(o);
    if (fd < 0)
        return open_failed(o, path, errno, err);
    set_mode(fd, o->target);
    if (!(o->fp = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        unlink(o->tmp_path);
        temp_unregister(o->slot);
        return open_failed(o, path, e, err);
    }
    *out = o;
    return DS_OK;
}

FILE *out_stream(out_t *o)
{
    return o->fp;
}

const char *out_temp_path(const out_t *o)
{
    return o->tmp_path;
}

/* Flushes (and for a file closes) o's stream: 0, or the errno of the failure. */
static int out_flush(out_t *o)
{
    errno = 0;
    int bad = fflush(o->fp) != 0 || ferror(o->fp), e = errno;
    if (o->path) {
        if (fclose(o->fp) != 0 && !bad)
            bad = 1, e = errno;
        o->fp = NULL;
    }
    return bad ? (e ? e : EIO) : 0;
}

/* Ends o without publishing it: the temp file goes; stdout drops what is buffered, so that
 * main's own check of stdout does not report it a second time. Frees o. */
static void out_discard(out_t *o)
{
    if (!o->path) {
        __fpurge(stdout);
        clearerr(stdout);
    } else if (o->fp) {
        fclose(o->fp);
    }
    if (o->tmp_path)
        unlink(o->tmp_path);
    temp_unregister(o->slot);
    out_free(o);
}

static int write_error(const out_t *o, int e, ds_err *err)
{
    return ds_err_set(err, DS_EIO, "%s: write error: %s", o->path ? o->path : "stdout",
                      strerror(e));
}

int out_commit_all(out_t *const *outs, size_t n, ds_err *err)
{
    int rc = DS_OK;
    for (size_t i = 0; i < n && rc == DS_OK; i++) {
        int e = out_flush(outs[i]);
        if (e)
            rc = write_error(outs[i], e, err);
    }
    for (size_t i = 0; i < n && rc == DS_OK; i++) {
        out_t *o = outs[i];
        if (o->tmp_path && rename(o->tmp_path, o->target) != 0)
            rc = write_error(o, errno, err);
        else if (o->tmp_path)
            temp_unregister(o->slot), o->slot = -1, free(o->tmp_path), o->tmp_path = NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (rc || !outs[i]->path)
            out_discard(outs[i]); /* stdout was checked above: nothing left to drop */
        else
            out_free(outs[i]);
    }
    return rc;
}

int out_commit(out_t *o, ds_err *err)
{
    return out_commit_all(&o, 1, err);
}

void out_abort(out_t *o)
{
    if (o)
        out_discard(o);
}

int out_fail(out_t *o, int rc, ds_err *err)
{
    int e = errno;
    if (o && rc == DS_EIO && err) {
        snprintf(err->msg, sizeof err->msg, "%s: write error: %s", o->path ? o->path : "stdout",
                 strerror(e));
        err->code = DS_EIO;
    }
    out_abort(o);
    return rc;
}
