/*
 * outfile — temporaries, fsync, rename; packs replaced as a set through a journal; the lock.
 *
 * Every temporary lives in a work directory of the run, DIR/.iso20k-work-XXXXXX (mode 0700, a
 * name only this program uses), so that nobody else can swap a temporary for a link between
 * its creation and its writing (libxlsxwriter opens its file by name). A set is committed in
 * this order, each step synced before the next:
 *   1. every temporary written and synced (outfile_fill; outfile_set_commit syncs again);
 *   2. each file the set replaces kept as a hard link in the work directory;
 *   3. the journal DIR/.iso20k-journal naming the set: final name, temporary, kept file;
 *   4. the temporaries renamed over their final names, one by one;
 *   5. the journal removed; then the kept files.
 * A failure in 2-5 puts the kept files back (rollback), so the previous pack stays whole; a run
 * killed in 4-5 leaves the journal, and the next run's outfile_sweep rolls the set back.
 */
#include "app/outfile.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"

#define WORK_PREFIX ".iso20k-work-"
#define JOURNAL_NAME ".iso20k-journal"
#define JOURNAL_MAGIC "iso20k journal 1\n"
#define JOURNAL_MAX (64 * 1024)
#define MAX_TEMPS 32

/* What the out-of-memory and signal path must undo; only read there. */
static char *temps[MAX_TEMPS];       /* temporaries and kept files not yet renamed or removed */
static char *work;                   /* the run's work directory, or NULL */
static char *work_parent;            /* the directory it is in */
static char *removed[MAX_TEMPS + 1]; /* what outfile_cleanup_all removed (kept reachable) */

typedef struct set_entry {
    char *final;  /* DIR/name */
    char *tmp;    /* DIR/.iso20k-work-XXXXXX/name.XXXXXX */
    char *backup; /* the file it replaces, kept as a hard link in the work directory; NULL when
                   * there was none */
} set_entry_t;

/* Everything a set holds (its entries and their paths, its directory and journal) lives in its
 * arena. */
struct outfile_set {
    arena_t *arena;
    char *dir;
    set_entry_t *e;
    size_t n, cap;
    char *journal; /* DIR/.iso20k-journal once written, else NULL */
};

static const outfile_set_t *committing; /* the set whose renames may have begun */

/* Remembers a path for the out-of-memory and signal path, taking `copy` (allocated before the
 * file was made, so that no failing allocation can leave a file nobody knows of). */
static void S_track(char *copy)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (!temps[i]) {
            temps[i] = copy;
            return;
        }
    free(copy); /* more than a pack ever has pending: the sweep of the next run removes it */
}

static void S_untrack(const char *path)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temps[i] && !strcmp(temps[i], path)) {
            free(temps[i]);
            temps[i] = NULL;
        }
}

/* The work directory is removed once nothing in it is pending. */
static void S_work_done(void)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temps[i])
            return;
    if (work) {
        rmdir(work);
        free(work);
        free(work_parent);
        work = work_parent = NULL;
    }
}

/*
 * Puts back the files a set replaced: an entry whose temporary is gone was renamed, so its
 * kept file goes back under its name (or, when it replaced nothing, the new file goes); an
 * entry whose temporary is still there was not, and its temporary is removed. Only access,
 * rename and unlink: safe in a signal handler. Returns -1 when a step failed.
 */
static int S_rollback(const set_entry_t *e, size_t n)
{
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        if (access(e[i].tmp, F_OK) == 0) {
            unlink(e[i].tmp);
        } else if (e[i].backup) {
            if (rename(e[i].backup, e[i].final) != 0)
                failed = 1;
        } else if (unlink(e[i].final) != 0 && errno != ENOENT) {
            failed = 1;
        }
    }
    return failed ? -1 : 0;
}

void outfile_cleanup_all(void)
{
    if (committing) { /* killed in the middle of a set: the previous pack goes back */
        if (S_rollback(committing->e, committing->n) == 0 && committing->journal)
            unlink(committing->journal);
        committing = NULL;
    }
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temps[i]) {
            unlink(temps[i]);
            removed[i] = temps[i]; /* not freed: this may run in a signal handler */
            temps[i] = NULL;
        }
    if (work)
        rmdir(work);
    removed[MAX_TEMPS] = work;
    work = NULL;
}

status_t outfile_mkdir(const char *dir, diag_t *d)
{
    struct stat sb;
    if (stat(dir, &sb) == 0) {
        if (!S_ISDIR(sb.st_mode))
            return diag_set(d, ST_CANTCREATE, dir, 0, 0, "the output directory is not a directory");
        return ST_OK;
    }
    char *p = xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            status_t st = diag_set(d, ST_CANTCREATE, p, 0, 0,
                                   "cannot create the output "
                                   "directory: %s",
                                   strerror(errno));
            free(p);
            return st;
        }
        *s = '/';
    }
    status_t st = ST_OK;
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
        st = diag_set(d, ST_CANTCREATE, dir, 0, 0, "cannot create the output directory: %s",
                      strerror(errno));
    free(p);
    return st;
}

static char *S_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

static const char *S_basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The run's work directory in dir, made on first use. */
static status_t S_work(const char *dir, const char *for_path, diag_t *d)
{
    if (work && !strcmp(work_parent, dir))
        return ST_OK;
    for (int i = 0; i <= MAX_TEMPS; i++) { /* names outfile_cleanup_all kept, now ours to free */
        free(removed[i]);
        removed[i] = NULL;
    }
    if (work) /* one output directory a run; a second one gets its own */
        S_work_done();
    strbuf_t sb = {0};
    strbuf_printf(&sb, "%s/" WORK_PREFIX "XXXXXX", dir);
    char *parent = xstrdup(dir);
    if (!mkdtemp(sb.data)) { /* mode 0700 */
        status_t st = diag_set(d, ST_CANTCREATE, for_path, 0, 0,
                               "cannot create the output file: %s", strerror(errno));
        strbuf_clear(&sb);
        free(parent);
        return st;
    }
    work = sb.data;
    free(work_parent); /* left by outfile_cleanup_all, if it ran */
    work_parent = parent;
    return ST_OK;
}

/* A new empty file in the work directory, created with O_EXCL, named after `name`. */
static status_t S_work_file(const char *name, const char *for_path, char **out, diag_t *d)
{
    strbuf_t sb = {0};
    strbuf_printf(&sb, "%s/%s.XXXXXX", work, name);
    char *copy = xstrdup(sb.data);
    int fd = mkstemp(sb.data);
    if (fd < 0) {
        status_t st = diag_set(d, ST_CANTCREATE, for_path, 0, 0,
                               "cannot create the output file: %s", strerror(errno));
        strbuf_clear(&sb);
        free(copy);
        return st;
    }
    memcpy(copy, sb.data, sb.len + 1);
    S_track(copy);
    fchmod(fd, 0644);
    close(fd);
    *out = sb.data;
    return ST_OK;
}

status_t outfile_temp(const char *final_path, char **tmp_path, diag_t *d)
{
    *tmp_path = NULL;
    char *dir = S_dirname(final_path);
    status_t st = S_work(dir, final_path, d);
    free(dir);
    if (st == ST_OK)
        st = S_work_file(S_basename(final_path), final_path, tmp_path, d);
    if (st != ST_OK)
        S_work_done();
    return st;
}

/* Syncs a file (O_NOFOLLOW: never a link's target) or a directory. */
static status_t S_sync_path(const char *path, int is_dir, diag_t *d, const char *what)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | (is_dir ? O_DIRECTORY : O_NOFOLLOW));
    if (fd < 0)
        return diag_set(d, ST_IOERR, path, 0, 0, "cannot reopen %s: %s", what, strerror(errno));
    int rc = util_fault_io() ? -1 : fsync(fd);
    int err = errno;
    close(fd);
    if (rc != 0 && err != EINVAL) /* some file systems cannot sync directories */
        return diag_set(d, ST_IOERR, path, 0, 0, "cannot sync %s: %s", what, strerror(err));
    return ST_OK;
}

status_t outfile_fill(const char *tmp_path, const void *data, size_t len, diag_t *d)
{
    int fd = open(tmp_path, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        int err = fd < 0 ? errno : EINVAL;
        if (fd >= 0)
            close(fd);
        return diag_set(d, ST_IOERR, tmp_path, 0, 0, "cannot write: %s", strerror(err));
    }
    int err = 0;
    const char *p = data;
    size_t left = len;
    if (util_fault_io())
        err = errno;
    while (!err && left) {
        errno = 0;
        ssize_t put = write(fd, p, left);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            err = errno ? errno : EIO; /* a write of nothing with errno 0 is an error too */
        else
            p += put, left -= (size_t)put;
    }
    if (!err && (util_fault_io() || fsync(fd) != 0))
        err = errno;
    if ((close(fd) != 0 || util_fault_io()) && !err)
        err = errno;
    if (err)
        return diag_set(d, ST_IOERR, tmp_path, 0, 0, "cannot write: %s", strerror(err));
    return ST_OK;
}

status_t outfile_commit(const char *tmp_path, const char *final_path, diag_t *d)
{
    char *dir = S_dirname(final_path);
    outfile_set_t *set = outfile_set_new(dir);
    free(dir);
    outfile_set_add(set, tmp_path, final_path);
    status_t st = outfile_set_commit(set, d);
    outfile_set_free(set);
    return st;
}

void outfile_discard(const char *tmp_path)
{
    if (!tmp_path)
        return;
    unlink(tmp_path);
    S_untrack(tmp_path);
    S_work_done();
}

/* ---- sets ---- */

outfile_set_t *outfile_set_new(const char *dir)
{
    outfile_set_t *set = xcalloc(1, sizeof(*set));
    set->arena = arena_new();
    set->dir = arena_strdup(set->arena, dir);
    return set;
}

static set_entry_t *S_entry(outfile_set_t *set)
{
    return arena_push(set->arena, (void **)&set->e, &set->n, &set->cap, sizeof(set_entry_t));
}

/* "dir/name", in the set's arena. */
static char *S_join(outfile_set_t *set, const char *dir, const char *name)
{
    strbuf_t sb = {0};
    strbuf_printf(&sb, "%s/%s", dir, name);
    char *path = arena_strdup(set->arena, sb.data);
    strbuf_clear(&sb);
    return path;
}

void outfile_set_add(outfile_set_t *set, const char *tmp_path, const char *final_path)
{
    set_entry_t *e = S_entry(set);
    e->final = arena_strdup(set->arena, final_path);
    e->tmp = arena_strdup(set->arena, tmp_path);
}

void outfile_set_free(outfile_set_t *set)
{
    if (!set)
        return;
    arena_free(set->arena);
    free(set);
}

/* "WORK/name" of a path in the work directory: its last two components, whatever way the
 * output directory was written ("out", "out/", "./out"). */
static const char *S_in_work(const char *path)
{
    const char *p = strrchr(path, '/');
    if (!p)
        return path;
    while (p > path && p[-1] != '/')
        p--;
    return p;
}

/* A name in the journal: bytes that could end or split a line, and '%', as %XX. */
static void S_journal_name(strbuf_t *sb, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p <= ' ' || *p == '%' || *p == 0x7F)
            strbuf_printf(sb, "%%%02X", *p);
        else
            strbuf_putc(sb, (char)*p);
    }
}

/* The journal's text: after the magic line, one line per file, "final temp kept" with the
 * temporary and the kept file relative to the output directory ("-": nothing kept). */
static void S_journal_text(const outfile_set_t *set, strbuf_t *sb)
{
    strbuf_puts(sb, JOURNAL_MAGIC);
    for (size_t i = 0; i < set->n; i++) {
        const set_entry_t *e = &set->e[i];
        S_journal_name(sb, S_basename(e->final));
        strbuf_putc(sb, ' ');
        S_journal_name(sb, S_in_work(e->tmp));
        strbuf_putc(sb, ' ');
        if (e->backup)
            S_journal_name(sb, S_in_work(e->backup));
        else
            strbuf_putc(sb, '-');
        strbuf_putc(sb, '\n');
    }
}

/* Removes the kept files of a set (their job is done or undone). */
static void S_drop_backups(outfile_set_t *set)
{
    for (size_t i = 0; i < set->n; i++)
        if (set->e[i].backup) {
            unlink(set->e[i].backup);
            S_untrack(set->e[i].backup);
            set->e[i].backup = NULL;
        }
}

/* The set's temporaries are gone (renamed, or removed by a rollback): stop tracking them. */
static void S_forget_temps(outfile_set_t *set)
{
    for (size_t i = 0; i < set->n; i++)
        S_untrack(set->e[i].tmp);
}

/* Steps 2-3: keeps each file the set replaces as a hard link, then writes the journal. */
static status_t S_prepare(outfile_set_t *set, diag_t *d)
{
    for (size_t i = 0; i < set->n; i++) {
        set_entry_t *e = &set->e[i];
        struct stat sb;
        if (lstat(e->final, &sb) != 0) {
            if (errno == ENOENT)
                continue; /* nothing to keep */
            return diag_set(d, ST_CANTCREATE, e->final, 0, 0, "cannot replace it: %s",
                            strerror(errno));
        }
        if (S_ISDIR(sb.st_mode))
            return diag_set(d, ST_CANTCREATE, e->final, 0, 0,
                            "a directory has the output file's name; move it away");
        strbuf_t path = {0};
        strbuf_printf(&path, "%s/kept-%zu", work, i);
        char *kept = arena_strdup(set->arena, path.data);
        char *copy = xstrdup(path.data);
        strbuf_clear(&path);
        unlink(kept); /* the work directory is ours: nothing of value can be there */
        if (util_fault_io() || link(e->final, kept) != 0) {
            status_t st = diag_set(d, ST_CANTCREATE, e->final, 0, 0,
                                   "cannot keep the previous file while the pack is replaced: %s",
                                   strerror(errno));
            free(copy);
            return st;
        }
        S_track(copy);
        e->backup = kept;
    }
    strbuf_t text = {0};
    S_journal_text(set, &text);
    char *tmp = NULL;
    status_t st = S_work_file("journal", set->dir, &tmp, d);
    if (st == ST_OK)
        st = outfile_fill(tmp, text.data, text.len, d);
    strbuf_clear(&text);
    set->journal = S_join(set, set->dir, JOURNAL_NAME);
    /* from here on, the out-of-memory and signal path undoes the set (outfile_cleanup_all) */
    committing = set;
    if (st == ST_OK && (util_fault_io() || rename(tmp, set->journal) != 0))
        st = diag_set(d, ST_IOERR, set->journal, 0, 0, "cannot write the journal: %s",
                      strerror(errno));
    if (tmp) {
        if (st != ST_OK)
            unlink(tmp);
        S_untrack(tmp);
        free(tmp);
    }
    if (st != ST_OK)
        return st;
    return S_sync_path(set->dir, 1, d, "the output directory");
}

/* Puts the previous files back after a failure in steps 3-5; the journal goes once that
 * worked (else it stays, and the next run finishes the rollback). */
static void S_undo(outfile_set_t *set, diag_t *d)
{
    int failed = S_rollback(set->e, set->n);
    committing = NULL;
    if (!failed) {
        diag_t ignored = {0};
        S_sync_path(set->dir, 1, &ignored, "the output directory");
        if (set->journal)
            unlink(set->journal);
        S_sync_path(set->dir, 1, &ignored, "the output directory");
        diag_clear(&ignored);
        S_drop_backups(set);
    } else if (d->message) {
        char *why = xstrdup(d->message), *path = d->path ? xstrdup(d->path) : NULL;
        diag_set(d, d->status, path, d->line, d->column,
                 "%s; the previous files could not all be put back: the next run will", why);
        free(why);
        free(path);
    }
    S_forget_temps(set);
}

status_t outfile_set_commit(outfile_set_t *set, diag_t *d)
{
    status_t st = ST_OK;
    for (size_t i = 0; i < set->n && st == ST_OK; i++)
        st = S_sync_path(set->e[i].tmp, 0, d, "the temporary file");
    if (st == ST_OK && !work)
        st = diag_set(d, ST_CANTCREATE, set->dir, 0, 0, "no temporary files to commit");
    if (st == ST_OK)
        st = S_prepare(set, d);
    if (st != ST_OK) { /* nothing renamed: the temporaries and kept files just go */
        committing = NULL;
        if (set->journal)
            unlink(set->journal);
        S_drop_backups(set);
        for (size_t i = 0; i < set->n; i++)
            unlink(set->e[i].tmp);
        S_forget_temps(set);
        S_work_done();
        return st;
    }
    for (size_t i = 0; i < set->n && st == ST_OK; i++)
        if (util_fault_io() || rename(set->e[i].tmp, set->e[i].final) != 0)
            st = diag_set(d, ST_IOERR, set->e[i].final, 0, 0,
                          "cannot rename the finished file into place: %s", strerror(errno));
    if (st == ST_OK)
        st = S_sync_path(set->dir, 1, d, "the output directory");
    if (st == ST_OK && (util_fault_io() || unlink(set->journal) != 0))
        st = diag_set(d, ST_IOERR, set->journal, 0, 0, "cannot remove the journal: %s",
                      strerror(errno));
    if (st == ST_OK)
        st = S_sync_path(set->dir, 1, d, "the output directory");
    if (st != ST_OK) {
        S_undo(set, d);
    } else {
        committing = NULL;
        S_drop_backups(set);
        S_forget_temps(set);
    }
    S_work_done();
    return st;
}

/* ---- the lock, and what interrupted runs left ---- */

status_t outfile_lock(const char *dir, int *fd, diag_t *d)
{
    strbuf_t sb = {0};
    strbuf_printf(&sb, "%s/.iso20k.lock", dir);
    /* never through a link, never blocking on a FIFO: only a regular file of our own */
    *fd = open(sb.data, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
    struct stat st_buf;
    if (*fd < 0 || fstat(*fd, &st_buf) != 0 || !S_ISREG(st_buf.st_mode)) {
        int err = *fd < 0 ? errno : 0;
        if (*fd >= 0)
            close(*fd);
        *fd = -1;
        struct stat there;
        int not_regular = lstat(sb.data, &there) == 0 && !S_ISREG(there.st_mode);
        status_t st =
            not_regular || !err
                ? diag_set(d, ST_CANTCREATE, sb.data, 0, 0,
                           "the lock file is not a regular file (a link or a special file); "
                           "remove it")
                : diag_set(d, ST_CANTCREATE, sb.data, 0, 0, "cannot create the lock file: %s",
                           strerror(err));
        strbuf_clear(&sb);
        return st;
    }
    if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        close(*fd);
        *fd = -1;
        status_t st =
            err == EWOULDBLOCK
                ? diag_set(d, ST_LOCKED, dir, 0, 0,
                           "another iso20k run is writing to "
                           "this output directory; try again when it has finished")
                : diag_set(d, ST_CANTCREATE, sb.data, 0, 0, "cannot lock: %s", strerror(err));
        strbuf_clear(&sb);
        return st;
    }
    strbuf_clear(&sb);
    return ST_OK;
}

void outfile_unlock(int fd)
{
    if (fd >= 0) {
        flock(fd, LOCK_UN);
        close(fd);
    }
}

/* A journal name back from its %XX form; NULL when it is not one this program writes. */
static char *S_journal_unname(const char *s, size_t len, int relative)
{
    strbuf_t sb = {0};
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '%' && i + 2 < len && isxdigit((unsigned char)s[i + 1]) &&
            isxdigit((unsigned char)s[i + 2])) {
            char hex[3] = {s[i + 1], s[i + 2], '\0'};
            strbuf_putc(&sb, (char)strtol(hex, NULL, 16));
            i += 2;
        } else if (s[i] == '%') {
            strbuf_clear(&sb);
            return NULL;
        } else {
            strbuf_putc(&sb, s[i]);
        }
    }
    const char *n = strbuf_cstr(&sb);
    const char *slash = strchr(n, '/');
    int ok = sb.len && sb.len == strlen(n) && strcmp(n, ".") && strcmp(n, "..");
    if (relative) /* WORK_PREFIX + six characters, '/', a plain name */
        ok = ok && slash && !strncmp(n, WORK_PREFIX, strlen(WORK_PREFIX)) &&
             (size_t)(slash - n) == strlen(WORK_PREFIX) + 6 && slash[1] && !strchr(slash + 1, '/');
    else
        ok = ok && !slash;
    if (!ok) {
        strbuf_clear(&sb);
        return NULL;
    }
    return sb.data;
}

/* Reads DIR/.iso20k-journal into a set: 1 when there is one, 0 when there is none, -1 when it
 * is not a journal of this program (with d set). */
static int S_journal_read(const char *dir, outfile_set_t **out, diag_t *d)
{
    *out = NULL;
    strbuf_t path = {0};
    strbuf_printf(&path, "%s/" JOURNAL_NAME, dir);
    int fd = open(path.data, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0 && errno == ENOENT) {
        strbuf_clear(&path);
        return 0;
    }
    strbuf_t text = {0};
    struct stat sb;
    int ok = fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size <= JOURNAL_MAX;
    if (ok) {
        char buf[4096];
        ssize_t got;
        while ((got = read(fd, buf, sizeof buf)) > 0 && text.len <= JOURNAL_MAX)
            strbuf_append(&text, buf, (size_t)got);
        ok = got == 0;
    }
    if (fd >= 0)
        close(fd);
    outfile_set_t *set = outfile_set_new(dir);
    const char *t = strbuf_cstr(&text);
    size_t magic = strlen(JOURNAL_MAGIC);
    ok = ok && text.len > magic && !memcmp(t, JOURNAL_MAGIC, magic) && t[text.len - 1] == '\n';
    for (const char *line = t + magic; ok && line < t + text.len;) {
        const char *nl = strchr(line, '\n');
        const char *sp1 = memchr(line, ' ', (size_t)(nl - line));
        const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', (size_t)(nl - sp1 - 1)) : NULL;
        char *final = NULL, *tmp = NULL, *kept = NULL;
        if (sp2) {
            final = S_journal_unname(line, (size_t)(sp1 - line), 0);
            tmp = S_journal_unname(sp1 + 1, (size_t)(sp2 - sp1 - 1), 1);
            int none = nl - sp2 - 1 == 1 && sp2[1] == '-';
            kept = none ? NULL : S_journal_unname(sp2 + 1, (size_t)(nl - sp2 - 1), 1);
            ok = final && tmp && (none || kept);
        } else {
            ok = 0;
        }
        if (ok) {
            set_entry_t *e = S_entry(set);
            e->final = S_join(set, dir, final);
            e->tmp = S_join(set, dir, tmp);
            e->backup = kept ? S_join(set, dir, kept) : NULL;
        }
        free(final);
        free(tmp);
        free(kept);
        line = nl + 1;
    }
    strbuf_clear(&text);
    if (!ok || !set->n) {
        outfile_set_free(set);
        diag_set(d, ST_CANTCREATE, path.data, 0, 0,
                 "not a journal this program wrote; check the pack in this directory, then "
                 "remove the file");
        strbuf_clear(&path);
        return -1;
    }
    set->journal = arena_strdup(set->arena, path.data);
    strbuf_clear(&path);
    *out = set;
    return 1;
}

/*
 * Finishes the set of a run killed during its renames: rolled back when every kept file is
 * still there (the killed run never succeeded, so its pack must not appear: docs/decisions.md),
 * completed when one is gone (the run had already passed the point where it removes them).
 */
static status_t S_recover(outfile_set_t *set, int *rolled_back, diag_t *d)
{
    int all_kept = 1;
    for (size_t i = 0; i < set->n; i++)
        if (set->e[i].backup && access(set->e[i].backup, F_OK) != 0)
            all_kept = 0;
    int failed = 0;
    if (all_kept) {
        failed = S_rollback(set->e, set->n);
        *rolled_back = 1;
    } else {
        for (size_t i = 0; i < set->n; i++)
            if (access(set->e[i].tmp, F_OK) == 0 && rename(set->e[i].tmp, set->e[i].final) != 0)
                failed = 1;
        *rolled_back = 0;
    }
    if (failed)
        return diag_set(d, ST_CANTCREATE, set->journal, 0, 0,
                        "cannot finish the pack an interrupted run left: %s", strerror(errno));
    status_t st = S_sync_path(set->dir, 1, d, "the output directory");
    if (st == ST_OK && unlink(set->journal) != 0)
        st = diag_set(d, ST_CANTCREATE, set->journal, 0, 0, "cannot remove the journal: %s",
                      strerror(errno));
    if (st == ST_OK)
        st = S_sync_path(set->dir, 1, d, "the output directory");
    return st;
}

/* Removes a work directory a dead run left: its regular files, then itself. */
static int S_remove_work(const char *path)
{
    DIR *dh = opendir(path);
    if (!dh)
        return 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        struct stat sb;
        if (fstatat(dirfd(dh), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(sb.st_mode))
            unlinkat(dirfd(dh), e->d_name, 0);
    }
    closedir(dh);
    return rmdir(path) == 0;
}

status_t outfile_sweep(const char *dir, outfile_swept_t *what, diag_t *d)
{
    memset(what, 0, sizeof *what);
    outfile_set_t *set = NULL;
    int found = S_journal_read(dir, &set, d);
    if (found < 0)
        return d->status;
    if (found) {
        status_t st = S_recover(set, &what->rolled_back, d);
        what->recovered = set->n;
        outfile_set_free(set);
        if (st != ST_OK)
            return st;
    }
    DIR *dh = opendir(dir);
    if (!dh)
        return ST_OK;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        /* DIR/.iso20k-work-XXXXXX, as S_work makes them */
        const char *n = e->d_name;
        if (strncmp(n, WORK_PREFIX, strlen(WORK_PREFIX)) != 0 ||
            strlen(n) != strlen(WORK_PREFIX) + 6)
            continue;
        strbuf_t sb = {0};
        strbuf_printf(&sb, "%s/%s", dir, n);
        struct stat stt;
        if (lstat(sb.data, &stt) == 0 && S_ISDIR(stt.st_mode) && S_remove_work(sb.data))
            what->removed++;
        strbuf_clear(&sb);
    }
    closedir(dh);
    return ST_OK;
}

static void S_safe_name(strbuf_t *sb, const char *s)
{
    size_t start = sb->len;
    int dash = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && sb->len - start < 64; p++) {
        int keep = isalnum(*p) || *p == '.' || *p == '_' || *p >= 0x80;
        if (keep && !(*p == '.' && sb->len == start)) {
            if (dash && sb->len > start)
                strbuf_putc(sb, '-');
            dash = 0;
            strbuf_putc(sb, (char)*p);
        } else {
            dash = 1;
        }
    }
    /* never end inside a UTF-8 sequence cut by the length cap */
    size_t k = sb->len;
    while (k > start && ((unsigned char)sb->data[k - 1] & 0xC0) == 0x80)
        k--;
    if (k > start && (unsigned char)sb->data[k - 1] >= 0xC0) {
        unsigned char lead = (unsigned char)sb->data[k - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (sb->len - (k - 1) < need) {
            sb->len = k - 1;
            sb->data[sb->len] = '\0';
        }
    }
    while (sb->len > start && sb->data[sb->len - 1] == '-') /* a cut may leave a dash last */
        sb->data[--sb->len] = '\0';
    if (sb->len == start)
        strbuf_puts(sb, "organization");
}

static const char *const PLACEHOLDERS[] = {"{period}", "{organization}", "{as_of}"};

int outfile_pattern_ok(const char *pattern)
{
    for (const char *p = strchr(pattern, '{'); p; p = strchr(p + 1, '{')) {
        int ok = 0;
        for (size_t i = 0; i < 3; i++)
            ok |= !strncmp(p, PLACEHOLDERS[i], strlen(PLACEHOLDERS[i]));
        if (!ok)
            return 0;
    }
    return 1;
}

char *outfile_pack_name(const char *pattern, const char *period, const char *organization,
                        const char *as_of)
{
    strbuf_t sb = {0};
    for (const char *p = pattern; *p;) {
        if (!strncmp(p, "{period}", 8)) {
            strbuf_puts(&sb, period);
            p += 8;
        } else if (!strncmp(p, "{organization}", 14)) {
            S_safe_name(&sb, organization ? organization : "");
            p += 14;
        } else if (!strncmp(p, "{as_of}", 7)) {
            strbuf_puts(&sb, as_of);
            p += 7;
        } else {
            strbuf_putc(&sb, *p++);
        }
    }
    return sb.data ? sb.data : xstrdup("pack");
}
