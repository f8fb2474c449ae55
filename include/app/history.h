/*
 * history — the history file of README.md "Where the outputs land": `history.csv` in the output
 * directory, one row per period (`label,start,end,coverage` and the trend KPIs of docs/metrics.md
 * §8), replaced when a period is run again (except that a row from partial data never replaces one
 * from data that covered the period), so that trend charts reach back past what each month's export
 * holds. A corrupt row is reported with its line and skipped; it never stops the run.
 */
#ifndef ISO20K_HISTORY_H
#define ISO20K_HISTORY_H

#include "core/diag.h"
#include "input/tz.h"
#include "metrics/trend.h"

typedef struct history {
    trend_row_t *rows; /* sorted by start */
    size_t nrows, cap;
    char **problems; /* "history.csv:7: …" for rows that were skipped; owned */
    size_t nproblems;
    size_t nmore; /* skipped rows beyond those told one by one, less one */
} history_t;

/*
 * Reads `path` into h (zeroed by the caller). A missing file is an empty history, not an error.
 * Times in the file carry their offset, so no zone is needed.
 */
void history_load(history_t *h, const char *path);
/* Inserts or replaces the row with the same label; a `partial` row does not replace a
 * `covered` one. Returns 1 when h changed, 0 when the row was kept out. */
int history_put(history_t *h, const trend_row_t *row);
/* Appends h as the text of history.csv to out (labels quoted as CSV requires). */
void history_render(const history_t *h, const tz_t *tz, strbuf_t *out);
/* Writes h to path atomically (temporary file, sync, rename). ST_CANTCREATE / ST_IOERR. */
status_t history_write(const history_t *h, const char *path, const tz_t *tz, diag_t *d);
/* Frees what h holds and empties it; h itself is the caller's. */
void history_clear(history_t *h);

#endif
