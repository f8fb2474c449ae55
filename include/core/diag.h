/*
 * diag — the status codes every fallible function returns, and the diagnostic that says where
 * and why. Nothing here prints: only main does (see app/cli.c).
 */
#ifndef ISO20K_DIAG_H
#define ISO20K_DIAG_H

#include <stddef.h>

/* Statuses. Their exit codes follow sysexits.h (see status_exit_code). */
typedef enum {
    ST_OK = 0,
    ST_USAGE,      /* command-line usage error: 64 */
    ST_DATA,       /* input could not be parsed, or too many rejected rows: 65 */
    ST_NOINPUT,    /* input file missing or unreadable: 66 */
    ST_NOMEM,      /* out of memory: 71 */
    ST_CANTCREATE, /* output file could not be created: 73 */
    ST_IOERR,      /* error while writing: 74 */
    ST_LOCKED,     /* another run holds the output directory's lock: 75 */
    ST_CONFIG,     /* configuration error: 78 */
    ST_INTERNAL    /* a library failed in a way input cannot explain: 70 */
} status_t;

/* The sysexits.h value for a status. */
int status_exit_code(status_t st);
/* A short constant description of a status. */
const char *status_str(status_t st);

/*
 * Where and why. `path` and `message` are owned by the diagnostic; line and column are 1-based
 * and 0 when unknown.
 */
typedef struct diag {
    status_t status;
    char *path;
    size_t line;
    size_t column;
    char *message;
} diag_t;

/* Fills d (freeing what it held) and returns status. The message is printf-formatted. */
status_t diag_set(diag_t *d, status_t status, const char *path, size_t line, size_t column,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Frees what d holds and zeroes it; d itself is not freed. */
void diag_clear(diag_t *d);
/* Formats "path:line:col: error: message" (parts omitted when unknown) into a new string. */
char *diag_format(const diag_t *d, const char *severity);

#endif
