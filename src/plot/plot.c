/* plot: the gnuplot process (pipes, captured stderr, atomic figure) and script helpers. */
#include "damirstat/plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "damirstat/out.h"
#include "plot_impl.h"

void plot_options_default(plot_options *o)
{
    memset(o, 0, sizeof *o);
    o->width = 1200;
    o->height = 800;
    o->label_top = 8;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

int plot_format_of(const char *path, plot_format *fmt, ds_err *err)
{
    if (ends_with(path, ".png"))
        *fmt = PLOT_PNG;
    else if (ends_with(path, ".svg"))
        *fmt = PLOT_SVG;
    else if (ends_with(path, ".pdf"))
        *fmt = PLOT_PDF;
    else
        return ds_err_set(err, DS_EUSAGE,
                          "plot: %s: unknown figure type (use .png, .svg or .pdf)", path);
    return DS_OK;
}

void plot_write_preamble(FILE *fp, const plot_options *o)
{
    fprintf(fp, "set encoding utf8\n");
    if (o->french)
        fprintf(fp, "set decimalsign ','\n");
    fprintf(fp, "set border lw 1 lc rgb '#333333'\nset tics out nomirror\n");
}

/* Writes the terminal and output lines. Fonts are given in points: pngcairo renders them at
 * 96 dpi (16 pt = 21.3 px, 1.78 % of a 1200 px width); SVG sizes are pixels, hence
 * fontscale 4/3; a PDF is sized in inches at 100 px per inch (1200 px = 864 pt), so the
 * same share of the width takes 0.96 times the points. Every line width is multiplied by
 * the figure's scale (the terminal's linewidth), so lines grow with the fonts. */
static void write_terminal(FILE *fp, plot_format fmt, const plot_options *o,
                           const char *tmp_path)
{
    double fs = plot_font_size(o), lw = plot_scale(o);
    switch (fmt) {
    case PLOT_PNG:
        fprintf(fp, "set terminal pngcairo noenhanced size %d,%d font 'sans,%g' linewidth %g\n",
                o->width, o->height, fs, lw);
        break;
    case PLOT_SVG:
        fprintf(fp, "set terminal svg noenhanced size %d,%d font 'sans,%g' fontscale 1.3333 "
                    "linewidth %g background rgb 'white'\n",
                o->width, o->height, fs, lw);
        break;
    case PLOT_PDF:
        fprintf(fp, "set terminal pdfcairo noenhanced size %gin,%gin font 'sans,%g' "
                    "linewidth %g\n",
                o->width / 100.0, o->height / 100.0, fs * 0.96, lw);
        break;
    }
    fprintf(fp, "set output ");
    plot_quote(fp, tmp_path);
    fprintf(fp, "\n");
}

/* 1 if an executable `gnuplot` is in one of PATH's folders. */
static int gnuplot_on_path(void)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        return 0;
    char *copy = xstrdup(path), *save = NULL;
    int found = 0;
    for (char *dir = strtok_r(copy, ":", &save); dir && !found;
         dir = strtok_r(NULL, ":", &save)) {
        size_t n = strlen(dir) + sizeof "/gnuplot";
        char *file = xmalloc(n);
        snprintf(file, n, "%s/gnuplot", *dir ? dir : ".");
        found = access(file, X_OK) == 0;
        free(file);
    }
    free(copy);
    return found;
}

/* Creates the folder of path (and its parents) when missing. */
static int make_parent_dirs(const char *path, ds_err *err)
{
    char *dir = xstrdup(path);
    int rc = DS_OK;
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            rc = ds_err_set(err, DS_EIO, "plot: %s: cannot create folder: %s", dir,
                            strerror(errno));
            break;
        }
        *p = '/';
    }
    free(dir);
    return rc;
}

/* The first line of gnuplot's stderr that says what went wrong ("line 3: …"), trimmed. */
static void gnuplot_message(const char *text, char *out, size_t size)
{
    const char *best = NULL;
    for (const char *line = text; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : "") {
        const char *p = line + strspn(line, " \t");
        if (strncmp(p, "line ", 5) == 0 || strncmp(p, "\"", 1) == 0 || strstr(p, "rror")) {
            best = p;
            break;
        }
        if (!best && *p && *p != '\n' && strncmp(p, "gnuplot>", 8) != 0 && *p != '^')
            best = p;
    }
    if (!best)
        best = "no message";
    size_t n = strcspn(best, "\n");
    if (n >= size)
        n = size - 1;
    memcpy(out, best, n);
    out[n] = '\0';
}

struct child {
    pid_t pid;
    int in_fd, err_fd;
};

static int spawn_gnuplot(struct child *c, ds_err *err)
{
    int in[2], errp[2];
    if (pipe(in) != 0)
        return ds_err_set(err, DS_EIO, "plot: pipe: %s", strerror(errno));
    if (pipe(errp) != 0) {
        close(in[0]);
        close(in[1]);
        return ds_err_set(err, DS_EIO, "plot: pipe: %s", strerror(errno));
    }
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(in[0]), close(in[1]), close(errp[0]), close(errp[1]);
        return ds_err_set(err, DS_EIO, "plot: fork: %s", strerror(e));
    }
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(in[0], 0);
        dup2(errp[1], 2);
        if (devnull >= 0)
            dup2(devnull, 1);
        close(in[0]), close(in[1]), close(errp[0]), close(errp[1]);
        execlp("gnuplot", "gnuplot", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(errp[1]);
    c->pid = pid;
    c->in_fd = in[1];
    c->err_fd = errp[0];
    return DS_OK;
}

/* Feeds the script and collects stderr at the same time, so a chatty gnuplot cannot block
 * on a full stderr pipe while we block on a full stdin pipe. Returns captured stderr. */
static char *talk_to_gnuplot(struct child *c, const char *script, size_t len)
{
    size_t sent = 0, got = 0, cap = 4096;
    char *captured = xmalloc(cap);
    struct pollfd fds[2] = {{c->in_fd, POLLOUT, 0}, {c->err_fd, POLLIN, 0}};
    while (fds[1].fd >= 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[0].fd >= 0 && fds[0].revents) {
            ssize_t w = (fds[0].revents & POLLOUT) ? write(c->in_fd, script + sent, len - sent)
                                                     : -1;
            if (w > 0)
                sent += (size_t)w;
            if (w < 0 || sent == len) {
                close(c->in_fd);
                fds[0].fd = -1;
            }
        }
        if (fds[1].revents) {
            if (got + 1024 > cap)
                captured = xrealloc(captured, cap *= 2);
            ssize_t r = read(c->err_fd, captured + got, cap - got - 1);
            if (r > 0) {
                got += (size_t)r;
            } else if (r == 0 || errno != EINTR) {
                close(c->err_fd);
                fds[1].fd = -1;
            }
        }
    }
    if (fds[0].fd >= 0)
        close(c->in_fd);
    captured[got] = '\0';
    return captured;
}

/* Runs gnuplot on script; DS_OK only if it exits 0. SIGPIPE is ignored meanwhile (and
 * restored) so a gnuplot that dies early is an error, not the death of damirstat. */
static int run_gnuplot(const char *script, ds_err *err)
{
    struct child c = {0, -1, -1};
    struct sigaction ignore = {0}, old;
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &old);
    int rc = spawn_gnuplot(&c, err);
    if (rc == DS_OK) {
        char *captured = talk_to_gnuplot(&c, script, strlen(script));
        int status = 0;
        while (waitpid(c.pid, &status, 0) < 0 && errno == EINTR)
            ;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            rc = ds_err_set(err, DS_EIO, "plot: gnuplot could not be started");
        else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            char msg[300];
            gnuplot_message(captured, msg, sizeof msg);
            rc = ds_err_set(err, DS_EDATA, "plot: gnuplot failed: %s", msg);
        }
        free(captured);
    }
    sigaction(SIGPIPE, &old, NULL);
    return rc;
}

static int save_script(const char *path, const char *script, ds_err *err)
{
    out_t *o;
    int rc = out_open(path, &o, err);
    if (rc != DS_OK)
        return rc;
    fputs(script, out_stream(o));
    return out_commit(o, err);
}

/* Creates the temp figure beside the target; gnuplot then writes into it by name. */
static char *make_temp_figure(const char *target, ds_err *err)
{
    size_t n = strlen(target);
    char *tmp = xmalloc(n + sizeof ".tmp.XXXXXX");
    memcpy(tmp, target, n);
    memcpy(tmp + n, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        ds_err_set(err, DS_EIO, "plot: %s: cannot write: %s", target, strerror(errno));
        free(tmp);
        return NULL;
    }
    /* mkstemp makes the file 0600; a figure is as readable as any file the user makes. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) { /* cosmetic: the figure is still written */
    }
    close(fd);
    return tmp;
}

static int finish_figure(const char *tmp, const char *target, ds_err *err)
{
    struct stat st;
    if (stat(tmp, &st) != 0 || st.st_size == 0)
        return ds_err_set(err, DS_EDATA, "plot: gnuplot wrote an empty figure");
    if (rename(tmp, target) != 0)
        return ds_err_set(err, DS_EIO, "plot: %s: cannot write: %s", target, strerror(errno));
    return DS_OK;
}

/* The whole script: terminal, output to path, body; caller frees. */
static char *compose_script(plot_format fmt, const plot_options *o, const char *path,
                            const char *body)
{
    char *script = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&script, &len);
    if (!fp) {
        fprintf(stderr, "damirstat: out of memory\n");
        exit(DS_EXIT_IO);
    }
    write_terminal(fp, fmt, o, path);
    fputs(body, fp);
    fprintf(fp, "unset output\n");
    fclose(fp);
    return script;
}

int plot_render(const char *body, const plot_options *o, ds_err *err)
{
    plot_format fmt;
    int rc = plot_format_of(o->output, &fmt, err);
    if (rc != DS_OK)
        return rc;
    if (!gnuplot_on_path())
        return ds_err_set(err, DS_EIO, "plot: gnuplot not found on PATH (install gnuplot-nox)");
    rc = make_parent_dirs(o->output, err);
    if (rc != DS_OK)
        return rc;
    char *tmp = make_temp_figure(o->output, err);
    if (!tmp)
        return err->code;
    char *script = compose_script(fmt, o, tmp, body);
    if (o->script_path) {
        /* The saved copy writes to the real target, for an author to rerun by hand. */
        char *saved = compose_script(fmt, o, o->output, body);
        rc = save_script(o->script_path, saved, err);
        free(saved);
    }
    if (rc == DS_OK)
        rc = run_gnuplot(script, err);
    if (rc == DS_OK)
        rc = finish_figure(tmp, o->output, err);
    if (rc != DS_OK)
        unlink(tmp);
    free(script);
    free(tmp);
    return rc;
}

int plot_draw(plot_script_fn *write, const void *ctx, const plot_options *o, ds_err *err)
{
    char *body = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&body, &len);
    if (!fp)
        return ds_err_set(err, DS_EIO, "plot: out of memory");
    write(fp, ctx);
    fclose(fp);
    int rc = plot_render(body, o, err);
    free(body);
    return rc;
}
