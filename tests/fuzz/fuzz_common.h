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
#include <sys/mman.h>
#include <unistd.h>

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

#endif
