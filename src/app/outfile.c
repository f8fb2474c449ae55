/*
 * outfile — temporary file, fsync, rename; directory lock.
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

#define MAX_TEMPS 16

static char *temps[MAX_TEMPS]; /* temporaries not yet committed or discarded */

static void S_track(char *path)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (!temps[i]) {
            temps[i] = path;
            return;
        }
}

static void S_untrack(const char *path)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temps[i] == path)
            temps[i] = NULL;
}

void outfile_cleanup_all(void)
{
    for (int i = 0; i < MAX_TEMPS; i++)
        if (temps[i]) {
            unlink(temps[i]);
            temps[i] = NULL;
        }
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

status_t outfile_temp(const char *final_path, char **tmp_path, diag_t *d)
{
    *tmp_path = NULL;
    char *dir = S_dirname(final_path);
    const char *base = strrchr(final_path, '/');
    base = base ? base + 1 : final_path;
    strbuf_t sb = {0};
    strbuf_printf(&sb, "%s/.%s.tmp-XXXXXX", dir, base);
    free(dir);
    int fd = mkstemp(sb.data);
    if (fd < 0) {
        status_t st = diag_set(d, ST_CANTCREATE, final_path, 0, 0,
                               "cannot create the output "
                               "file: %s",
                               strerror(errno));
        strbuf_clear(&sb);
        return st;
    }
    fchmod(fd, 0644);
    close(fd);
    *tmp_path = sb.data;
    S_track(sb.data);
    return ST_OK;
}

static status_t S_sync_path(const char *path, diag_t *d, const char *what)
{
    int fd = open(path, O_RDONLY);
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
    FILE *f = fopen(tmp_path, "wb");
    if (!f)
        return diag_set(d, ST_IOERR, tmp_path, 0, 0, "cannot write: %s", strerror(errno));
    int err = 0;
    if (util_fault_io()) {
        err = errno;
    } else {
        size_t put = len ? fwrite(data, 1, len, f) : 0;
        if (put != len)
            err = errno ? errno : EIO;
    }
    if (!err && fflush(f) != 0)
        err = errno;
    if (!err && (util_fault_io() || fsync(fileno(f)) != 0))
        err = errno;
    if ((fclose(f) != 0 || util_fault_io()) && !err)
        err = errno;
    if (err)
        return diag_set(d, ST_IOERR, tmp_path, 0, 0, "cannot write: %s", strerror(err ? err : EIO));
    return ST_OK;
}

status_t outfile_commit(const char *tmp_path, const char *final_path, diag_t *d)
{
    status_t st = S_sync_path(tmp_path, d, "the temporary file");
    if (st == ST_OK && (util_fault_io() || rename(tmp_path, final_path) != 0))
        st = diag_set(d, ST_IOERR, final_path, 0, 0,
                      "cannot rename the finished file into "
                      "place: %s",
                      strerror(errno));
    if (st != ST_OK) {
        outfile_discard(tmp_path);
        return st;
    }
    S_untrack(tmp_path);
    char *dir = S_dirname(final_path);
    st = S_sync_path(dir, d, "the output directory");
    free(dir);
    return st;
}

void outfile_discard(const char *tmp_path)
{
    if (!tmp_path)
        return;
    unlink(tmp_path);
    S_untrack(tmp_path);
}

status_t outfile_lock(const char *dir, int *fd, diag_t *d)
{
    strbuf_t sb = {0};
    strbuf_printf(&sb, "%s/.iso20k.lock", dir);
    *fd = open(sb.data, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (*fd < 0) {
        status_t st = diag_set(d, ST_CANTCREATE, sb.data, 0, 0, "cannot create the lock file: %s",
                               strerror(errno));
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

size_t outfile_sweep(const char *dir)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return 0;
    size_t removed = 0;
    struct dirent *e;
    while ((e = readdir(dh)) != NULL) {
        /* ".NAME.tmp-XXXXXX", as outfile_temp makes them */
        const char *n = e->d_name;
        size_t len = strlen(n);
        if (n[0] != '.' || len < 12 || strncmp(n + len - 11, ".tmp-", 5) != 0)
            continue;
        strbuf_t sb = {0};
        strbuf_printf(&sb, "%s/%s", dir, n);
        struct stat stt;
        if (lstat(sb.data, &stt) == 0 && S_ISREG(stt.st_mode) && unlink(sb.data) == 0)
            removed++;
        strbuf_clear(&sb);
    }
    closedir(dh);
    return removed;
}

void outfile_unlock(int fd)
{
    if (fd >= 0) {
        flock(fd, LOCK_UN);
        close(fd);
    }
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
