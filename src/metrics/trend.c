/*
 * trend — plans the trend periods of docs/metrics.md §8 and fills their rows; see metrics/trend.h.
 * It computes nothing itself: metrics_compute_many does, on the periods planned here.
 */
#include "metrics/trend.h"

#include <stdlib.h>
#include <string.h>

static const trend_row_t *S_find(const trend_row_t *rows, size_t n, const char *label)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(rows[i].label, label))
            return &rows[i];
    return NULL;
}

void trend_plan(trend_t *t, const period_t *p, size_t ntrend, const tz_t *tz, ts_t as_of,
                const trend_data_t *data, const trend_row_t *history, size_t nhistory,
                metrics_period_t *jobs, size_t *njobs)
{
    ts_t earliest = data->earliest;
    t->ntrend = ntrend;
    t->rows = xcalloc(ntrend + 1, sizeof(trend_row_t)); /* the extra row is "previous" */
    t->source = xcalloc(ntrend + 1, sizeof(trend_source_t));
    t->job = xcalloc(ntrend + 1, sizeof(size_t));
    for (size_t i = 0; i <= ntrend; i++) {
        int back = i < ntrend ? (int)(ntrend - 1 - i) : 1;
        period_t tp;
        period_shift_back(p, back, tz, &tp);
        trend_row_t *row = &t->rows[i];
        memcpy(row->label, tp.label, sizeof row->label);
        row->start = tp.start;
        row->end = tp.end;
        kpi_trend_none(&row->kpis);
        row->coverage =
            coverage_judge(data->span.first, data->span.last, tp.start, tp.end, as_of, data->gap);
        if (back == 0) {
            /* P itself, from the inputs whenever they cover it at least partly: a monthly export
             * of the month alone still records its month; null when they do not cover it */
            t->source[i] = row->coverage == COVERAGE_NOT_COVERED ? TREND_UNKNOWN : TREND_MAIN;
        } else if (earliest == TS_NONE || earliest > tp.start ||
                   row->coverage == COVERAGE_NOT_COVERED) {
            /* the inputs do not reach back to this period, or hold nothing of it (they end
             * before it starts): the history file may hold it, else it is null, never a
             * period of zeros */
            const trend_row_t *h = S_find(history, nhistory, tp.label);
            if (h && h->start == tp.start && h->end == tp.end) {
                *row = *h;
                row->from_history = 1;
            }
            t->source[i] = TREND_UNKNOWN;
        } else if (i == ntrend && ntrend >= 2 && t->source[ntrend - 2] == TREND_COMPUTED) {
            t->source[i] = TREND_COPY; /* previous = the second-to-last trend row */
        } else {
            t->source[i] = TREND_COMPUTED;
            t->job[i] = *njobs;
            jobs[(*njobs)++] = (metrics_period_t){tp.start, tp.end, as_of, NULL, 0};
        }
    }
}

const metrics_t *trend_row_metrics(const trend_t *t, size_t i, const metrics_t *main,
                                   metrics_t *const *results)
{
    switch (t->source[i]) {
    case TREND_MAIN:
        return main;
    case TREND_COMPUTED:
        return results[t->job[i]];
    default:
        return NULL;
    }
}

void trend_fill(trend_t *t, const metrics_t *main, metrics_t *const *results)
{
    for (size_t i = 0; i <= t->ntrend; i++) {
        trend_row_t *row = &t->rows[i];
        if (t->source[i] == TREND_UNKNOWN)
            continue;
        if (t->source[i] == TREND_COPY) {
            *row = t->rows[t->ntrend - 2];
            continue;
        }
        kpi_trend_values(trend_row_metrics(t, i, main, results), &row->kpis);
        row->known = 1;
    }
}

const metrics_t *trend_previous_metrics(const trend_t *t, const metrics_t *main,
                                        metrics_t *const *results)
{
    if (t->source[t->ntrend] == TREND_COPY)
        return trend_row_metrics(t, t->ntrend - 2, main, results);
    return trend_row_metrics(t, t->ntrend, main, results);
}

const trend_row_t *trend_previous(const trend_t *t)
{
    return t->rows[t->ntrend].known ? &t->rows[t->ntrend] : NULL;
}

void trend_clear(trend_t *t)
{
    free(t->rows);
    free(t->source);
    free(t->job);
    memset(t, 0, sizeof *t);
}
