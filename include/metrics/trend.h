/*
 * trend — the trend of docs/metrics.md §8 for a period P: the `trend.periods` periods of P's kind
 * ending with P, and "previous", the period just before P. For each it decides where its KPIs come
 * from: computed from the inputs (when the inputs reach back to its start), copied from another
 * row, taken from the history file of earlier packs, or unknown. Pure: the caller computes the
 * periods planned here (metrics_compute_many) and hands the results back to trend_fill.
 */
#ifndef ISO20K_TREND_H
#define ISO20K_TREND_H

#include "metrics/kpi.h"
#include "metrics/metrics.h"
#include "metrics/period.h"

/* One row of the trend (docs/metrics.md §8). */
typedef struct trend_row {
    char label[48];
    ts_t start, end;
    int known;                  /* its KPIs are known (0: they are null) */
    int from_history;           /* taken from the history file rather than computed from inputs */
    coverage_status_t coverage; /* how far the data covered the period (the history's column) */
    trend_kpis_t kpis;
} trend_row_t;

/* Where a row's KPIs come from. */
typedef enum {
    TREND_UNKNOWN,  /* before the inputs: from the history when it holds the period, else null */
    TREND_MAIN,     /* P itself: from P's metrics */
    TREND_COPY,     /* previous, when it is the trend's second-to-last row */
    TREND_COMPUTED, /* an earlier period the inputs reach: computed for it */
} trend_source_t;

typedef struct trend {
    trend_row_t *rows; /* ntrend rows, oldest first (the last is P), then rows[ntrend]: previous */
    size_t ntrend;
    trend_source_t *source; /* per row */
    size_t *job;            /* per TREND_COMPUTED row: its index among the computed periods */
} trend_t;

/* What the trend planning knows of the data: the earliest opening of the tickets known at as-of
 * (TS_NONE: none), the data's overall span (metrics/coverage.h) and quality.coverage_gap. */
typedef struct trend_data {
    ts_t earliest;
    coverage_t span;
    int64_t gap;
} trend_data_t;

/*
 * Plans the trend of P (ntrend >= 1 periods) into t (zeroed by the caller). P's own row is
 * computed from the inputs when the data covers P at least partly, and null when it does not
 * (docs/metrics.md §8, §9). An earlier period is computed when the earliest opening is at or
 * before its start and the data does not end before it; otherwise it is looked up by label in
 * history[0..nhistory) (rows of the history file, same start and end), else null. Each period to
 * compute is appended to jobs at *njobs, which must have room for ntrend more.
 */
void trend_plan(trend_t *t, const period_t *p, size_t ntrend, const tz_t *tz, ts_t as_of,
                const trend_data_t *data, const trend_row_t *history, size_t nhistory,
                metrics_period_t *jobs, size_t *njobs);
/*
 * The metrics a row is computed from: `main` for P, results[job] for an earlier period; NULL
 * for a row copied, taken from the history or unknown.
 */
const metrics_t *trend_row_metrics(const trend_t *t, size_t i, const metrics_t *main,
                                   metrics_t *const *results);
/* Fills the KPIs of every computed row (and previous) from main and results. */
void trend_fill(trend_t *t, const metrics_t *main, metrics_t *const *results);
/* The previous period's row, or NULL when its KPIs are not known. */
const trend_row_t *trend_previous(const trend_t *t);
/* The previous period's metrics when it is computed from the inputs (results[...] or, with a
 * single trend period, its own job), else NULL. */
const metrics_t *trend_previous_metrics(const trend_t *t, const metrics_t *main,
                                        metrics_t *const *results);
/* Frees what t holds and zeroes it; t itself is not freed. */
void trend_clear(trend_t *t);

#endif
