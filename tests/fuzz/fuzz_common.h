/*
 * Helpers shared by the fuzz targets: an in-memory file with a path (memfd_create, so that
 * code that opens files by name reads the fuzzer's bytes without touching the disk).
 */
#ifndef ISO20K_FUZZ_COMMON_H
#define ISO20K_FUZZ_COMMON_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

typedef struct memfile {
    int fd;
    char path[64];
} memfile_t;

/* Creates (once) an in-memory file and fills it with data; returns its /proc path. */
static inline const char *memfile_fill(memfile_t *m, const char *name, const uint8_t *data,
                                       size_t size)
{
    if (m->fd <= 0) {
        m->fd = memfd_create(name, 0);
        if (m->fd < 0)
            abort();
        snprintf(m->path, sizeof m->path, "/proc/self/fd/%d", m->fd);
    }
    if (ftruncate(m->fd, 0) != 0 || (size && pwrite(m->fd, data, size, 0) != (ssize_t)size))
        abort();
    return m->path;
}

static inline void zs_put(unsigned char *out, size_t *o, uint64_t v, int k)
{
    for (int b = 0; b < k; b++)
        out[(*o)++] = (unsigned char)(v >> (8 * b));
}

/* A zip archive of n stored (uncompressed) members, built in out (capacity cap); returns its
 * size, or 0 when it does not fit. Workbook targets fuzz the XML inside, not deflate. */
static inline size_t zip_stored(unsigned char *out, size_t cap, size_t n, const char *const *names,
                                const unsigned char *const *data, const size_t *sizes)
{
    size_t o = 0, offs[16];
    if (n > 16)
        return 0;
#define ZS_PUT(v, k) zs_put(out, &o, (uint64_t)(v), (k))
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(names[i]);
        if (o + 30 + nl + sizes[i] + 64 > cap)
            return 0;
        uint32_t crc = (uint32_t)crc32(0, data[i], (uInt)sizes[i]);
        offs[i] = o;
        ZS_PUT(0x04034b50u, 4), ZS_PUT(10, 2), ZS_PUT(0, 2), ZS_PUT(0, 2), ZS_PUT(0, 4);
        ZS_PUT(crc, 4), ZS_PUT(sizes[i], 4), ZS_PUT(sizes[i], 4), ZS_PUT(nl, 2), ZS_PUT(0, 2);
        memcpy(out + o, names[i], nl), o += nl;
        memcpy(out + o, data[i], sizes[i]), o += sizes[i];
    }
    size_t cd = o;
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(names[i]);
        if (o + 46 + nl + 22 > cap)
            return 0;
        uint32_t crc = (uint32_t)crc32(0, data[i], (uInt)sizes[i]);
        ZS_PUT(0x02014b50u, 4), ZS_PUT(20, 2), ZS_PUT(10, 2), ZS_PUT(0, 2), ZS_PUT(0, 2);
        ZS_PUT(0, 4), ZS_PUT(crc, 4), ZS_PUT(sizes[i], 4), ZS_PUT(sizes[i], 4), ZS_PUT(nl, 2);
        ZS_PUT(0, 2), ZS_PUT(0, 2), ZS_PUT(0, 2), ZS_PUT(0, 2), ZS_PUT(0, 4), ZS_PUT(offs[i], 4);
        memcpy(out + o, names[i], nl), o += nl;
    }
    size_t cdlen = o - cd;
    ZS_PUT(0x06054b50u, 4), ZS_PUT(0, 2), ZS_PUT(0, 2), ZS_PUT(n, 2), ZS_PUT(n, 2);
    ZS_PUT(cdlen, 4), ZS_PUT(cd, 4), ZS_PUT(0, 2);
#undef ZS_PUT
    return o;
}

/* Splits data at each "@@@" into at most max parts; returns their number. */
static inline size_t fuzz_split(const uint8_t *data, size_t size, const unsigned char **parts,
                                size_t *sizes, size_t max)
{
    size_t n = 0, start = 0;
    for (size_t i = 0; i + 3 <= size && n + 1 < max; i++)
        if (data[i] == '@' && data[i + 1] == '@' && data[i + 2] == '@') {
            parts[n] = data + start, sizes[n++] = i - start;
            start = i + 3;
            i += 2;
        }
    parts[n] = data + start, sizes[n++] = size - start;
    return n;
}

/* Reads every row of a file through rows.h as a profile would: the header search, a second
 * pass from the data rows, the rows themselves; checks what every record promises. */
#include "input/rows.h"
static inline int fuzz_header_score(const rows_record_t *rec, void *ctx)
{
    (void)ctx;
    return rec->nfields >= 2 ? 2 : rec->nfields ? 1 : 0;
}
static inline void fuzz_read_rows(const char *path, const char *sheet)
{
    rows_options_t opt = {0, CSV_ENC_AUTO, sheet, 0};
    rows_t *r = NULL;
    diag_t d = {0};
    if (rows_open(path, "fuzz", &opt, &r, &d) != ST_OK) {
        diag_clear(&d);
        return;
    }
    rows_record_t rec;
    if (rows_find_header(r, fuzz_header_score, NULL, &rec) == 1 &&
        rows_rewind_to_data(r, &d) == ST_OK) {
        while (rows_next(r, &rec) == 1)
            for (size_t i = 0; i < rec.nfields; i++)
                if (rec.fields[i][rec.lens[i]] != '\0')
                    abort(); /* every field is NUL-terminated at its length */
    }
    diag_clear(&d);
    (void)rows_sheets(r);
    (void)rows_sha256(r);
    rows_close(r);
}

#endif
