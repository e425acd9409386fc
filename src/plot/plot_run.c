/* plot_run: the gnuplot process — the script on its stdin, its stderr captured, a time
 * limit after which it is killed — and the check that the figure it wrote is whole.
 *
 * Waiting ends when gnuplot exits, not when its stderr closes: a child of gnuplot that keeps
 * stderr open must not hold damirstat. A pidfd (Linux 5.3) wakes poll() when gnuplot exits;
 * without one, poll wakes every few milliseconds to ask waitpid. gnuplot exits 0 after a
 * failed write (a full disk leaves a truncated PNG), so the file's last bytes are checked
 * against what every file of its format ends with. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "plot_impl.h"

enum { SLICE_MS = 10 }; /* the wake-up interval without a pidfd */

struct child {
    pid_t pid;
    int in_fd, err_fd, pid_fd;
    int exited, status;
};

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

static int spawn_gnuplot(struct child *c, ds_err *err)
{
    int in[2], errp[2];
    if (pipe2(in, O_CLOEXEC) != 0)
        return ds_err_set(err, DS_EIO, "plot: pipe: %s", strerror(errno));
    if (pipe2(errp, O_CLOEXEC) != 0) {
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
        execlp("gnuplot", "gnuplot", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(errp[1]);
    c->pid = pid;
    c->in_fd = in[1];
    c->err_fd = errp[0];
    c->pid_fd = (int)pidfd_open(pid, 0); /* -1 on an old kernel: polled instead */
    return DS_OK;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct capture {
    char *text;
    size_t len, cap;
} capture;

/* Reads what stderr holds; 0 at its end (or on an error), 1 if more may come. */
static int read_stderr(int fd, capture *cap)
{
    if (cap->len + 1024 > cap->cap)
        cap->text = xrealloc(cap->text, cap->cap *= 2);
    ssize_t r = read(fd, cap->text + cap->len, cap->cap - cap->len - 1);
    if (r > 0)
        cap->len += (size_t)r;
    return r > 0 || (r < 0 && errno == EINTR);
}

/* After gnuplot exited: what its stderr still holds, without waiting for a child of its
 * that may keep the pipe open. */
static void drain_stderr(int fd, capture *cap)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    while (read_stderr(fd, cap))
        ;
}

/* Writes what the pipe takes of the script; closes it at the end or when gnuplot is gone. */
static void feed_script(struct pollfd *in, const char *script, size_t len, size_t *sent)
{
    ssize_t w = 0;
    if (in->revents & POLLOUT) {
        w = write(in->fd, script + *sent, len - *sent);
        if (w < 0 && (errno == EINTR || errno == EAGAIN))
            return;
        *sent += w > 0 ? (size_t)w : 0;
    }
    if (w <= 0 || *sent == len) {
        close(in->fd);
        in->fd = -1;
    }
}

/* Feeds the script and collects stderr at the same time (a chatty gnuplot cannot block on a
 * full stderr pipe while we block on a full stdin pipe), until gnuplot exits. 0, or
 * ETIMEDOUT when the deadline passed first (gnuplot still runs). stdin is closed on return. */
static int talk_to_gnuplot(struct child *c, const char *script, double deadline, capture *cap)
{
    size_t sent = 0, len = strlen(script);
    struct pollfd fds[3] = {{c->in_fd, POLLOUT, 0}, {c->err_fd, POLLIN, 0}, {c->pid_fd, POLLIN, 0}};
    int rc = 0;
    while (!c->exited) {
        double left = deadline - now();
        if (left <= 0) {
            rc = ETIMEDOUT;
            break;
        }
        int ms = left > 3600 ? 3600 * 1000 : (int)(left * 1000) + 1;
        if (c->pid_fd < 0 && ms > SLICE_MS)
            ms = SLICE_MS;
        if (poll(fds, 3, ms) < 0 && errno != EINTR)
            break;
        if (fds[0].fd >= 0 && fds[0].revents)
            feed_script(&fds[0], script, len, &sent);
        if (fds[1].fd >= 0 && fds[1].revents && !read_stderr(fds[1].fd, cap))
            fds[1].fd = -1; /* its end: the pipe is closed with the child */
        if (c->pid_fd < 0 || fds[2].revents)
            c->exited = waitpid(c->pid, &c->status, WNOHANG) == c->pid;
    }
    if (fds[0].fd >= 0)
        close(fds[0].fd);
    c->in_fd = -1;
    if (c->exited && fds[1].fd >= 0)
        drain_stderr(c->err_fd, cap);
    return rc;
}

static void end_child(struct child *c)
{
    if (!c->exited) {
        kill(c->pid, SIGKILL);
        while (waitpid(c->pid, &c->status, 0) < 0 && errno == EINTR)
            ;
    }
    close(c->err_fd);
    if (c->in_fd >= 0)
        close(c->in_fd);
    if (c->pid_fd >= 0)
        close(c->pid_fd);
}

int plot_run_gnuplot(const char *script, double timeout, ds_err *err)
{
    struct child c = {0, -1, -1, -1, 0, 0};
    struct sigaction ignore = {0}, old;
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &old); /* a gnuplot that dies early is an error, not our end */
    double deadline = now() + (timeout > 0 ? timeout : 1e9);
    int rc = spawn_gnuplot(&c, err);
    if (rc == DS_OK) {
        capture cap = {xmalloc(4096), 0, 4096};
        int late = talk_to_gnuplot(&c, script, deadline, &cap) == ETIMEDOUT;
        end_child(&c);
        cap.text[cap.len] = '\0';
        if (late)
            rc = ds_err_set(err, DS_EIO, "plot: gnuplot did not finish within %g s and was "
                            "stopped (a longer time limit: --timeout, or timeout = in a study's "
                            "[plot] section)", timeout);
        else if (WIFEXITED(c.status) && WEXITSTATUS(c.status) == 127)
            rc = ds_err_set(err, DS_EIO, "plot: gnuplot could not be started");
        else if (!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0) {
            char msg[300];
            gnuplot_message(cap.text, msg, sizeof msg);
            rc = ds_err_set(err, DS_EDATA, "plot: gnuplot failed: %s", msg);
        }
        free(cap.text);
    }
    sigaction(SIGPIPE, &old, NULL);
    return rc;
}

/* Whether the last bytes of a figure are those its format ends with: PNG's IEND chunk (PNG
 * 1.2, section 11.2.5: length 0, type, CRC ae426082), SVG's closing tag, PDF's %%EOF
 * marker (ISO 32000-1, 7.5.5), with the blanks writers put after the last two. */
static int figure_complete(const char *tail, size_t n, plot_format fmt)
{
    static const char iend[] = "\0\0\0\0IEND\xae\x42\x60\x82";
    if (fmt == PLOT_PNG)
        return n >= sizeof iend - 1 && memcmp(tail + n - (sizeof iend - 1), iend, sizeof iend - 1) == 0;
    while (n > 0 && strchr(" \t\r\n", tail[n - 1]) && tail[n - 1])
        n--;
    const char *end = fmt == PLOT_SVG ? "</svg>" : "%%EOF";
    size_t m = strlen(end);
    return n >= m && memcmp(tail + n - m, end, m) == 0;
}

/* Why a figure came out short: the error a write to its file gives now (a full disk,
 * a size limit), or 0 when up to 1 MiB more could be written. */
static int write_probe(const char *path)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC), e = 0;
    if (fd < 0)
        return errno;
    static const char zeros[1 << 16];
    for (int i = 0; i < 16 && !e; i++)
        if (write(fd, zeros, sizeof zeros) < 0)
            e = errno;
    close(fd);
    return e;
}

int plot_check_figure(const char *path, const char *target, plot_format fmt, ds_err *err)
{
    static const char *const what[] = {"PNG end chunk", "SVG closing tag", "PDF %%EOF"};
    char tail[1024];
    size_t n = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 0) {
        off_t from = st.st_size > (off_t)sizeof tail ? st.st_size - (off_t)sizeof tail : 0;
        ssize_t got = pread(fd, tail, sizeof tail, from);
        n = got > 0 ? (size_t)got : 0;
    }
    if (fd >= 0)
        close(fd);
    if (n > 0 && figure_complete(tail, n, fmt))
        return DS_OK;
    int e = write_probe(path);
    if (e)
        return ds_err_set(err, DS_EIO, "plot: %s: write error: %s (gnuplot left %s figure)",
                          target, strerror(e), n ? "an incomplete" : "an empty");
    if (n == 0)
        return ds_err_set(err, DS_EDATA, "plot: gnuplot wrote an empty figure");
    return ds_err_set(err, DS_EIO, "plot: gnuplot wrote an incomplete figure (no %s)",
                      what[fmt]);
}
