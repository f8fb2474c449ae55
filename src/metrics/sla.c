/*
 * sla — docs/metrics.md §3 (response and resolution SLA) and §4 (wall-clock times).
 * Elapsed SLA time is measured on the target's calendar, minus paused intervals on it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/calendar.h"
#include "metrics/metrics.h"

int64_t metrics_sla_elapsed(const cfg_calendar_t *cal, const tz_t *tz, const store_t *store,
                            const ticket_t *t, ts_t a, ts_t b)
{
    int64_t e = calendar_seconds(cal, tz, a, b);
    for (uint32_t i = 0; i < t->pause_count; i++) {
        const pause_t *ps = &store->pauses[t->pause_first + i];
        ts_t s = ps->start > a ? ps->start : a;
        ts_t f = ps->end < b ? ps->end : b;
        if (f > s)
            e -= calendar_seconds(cal, tz, s, f);
    }
    return e < 0 ? 0 : e;
}

static int S_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/*
 * The k-th smallest (0-based) of v[0..n-1], leaving every value after position k no smaller:
 * quickselect with a three-way partition (so equal values cost nothing) around a median of
 * three; a run that has not converged after 2·log2(n) + 8 rounds (values arranged to defeat
 * the pivot) sorts the rest instead, so the cost stays O(n log n) at worst.
 */
static double S_kth(double *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n; /* k is in [lo, hi); everything before lo is <=, after hi >= */
    int budget = 8;
    for (size_t m = n; m > 1; m >>= 1)
        budget += 2;
    while (hi - lo > 16) {
        if (budget-- == 0) {
            qsort(v + lo, hi - lo, sizeof(double), S_cmp_double);
            return v[k];
        }
        double a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi - 1];
        double pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        size_t lt = lo, i = lo, gt = hi; /* [lo, lt) < pivot, [lt, i) = pivot, [gt, hi) > pivot */
        while (i < gt) {
            double x = v[i];
            if (x < pivot) {
                v[i++] = v[lt];
                v[lt++] = x;
            } else if (x > pivot) {
                v[i] = v[--gt];
                v[gt] = x;
            } else {
                i++;
            }
        }
        if (k < lt)
            hi = lt;
        else if (k >= gt)
            lo = gt;
        else
            return pivot;
    }
    for (size_t i = lo + 1; i < hi; i++) { /* a few values left: insertion sort */
        double x = v[i];
        size_t j = i;
        for (; j > lo && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
    return v[k];
}

/* The 1-based nearest rank of the p-th percentile of n values: ceil(p·n/100), at least 1. */
static size_t S_rank(size_t n, unsigned p)
{
    size_t k = (p * n + 99) / 100;
    return k < 1 ? 1 : k;
}

void metrics_time_stats(double *v, size_t n, time_stats_t *out)
{
    out->n = n;
    if (n == 0) {
        out->mean = out->median = out->p90 = NAN;
        return;
    }
    double sum = 0; /* whole seconds: the sum is exact in any order */
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    out->mean = sum / (double)n / 60.0;
    /* the median by selection, then the 90th among the values at and above it: no sort */
    size_t k50 = S_rank(n, 50) - 1, k90 = S_rank(n, 90) - 1;
    out->median = S_kth(v, n, k50) / 60.0;
    out->p90 = S_kth(v + k50, n - k50, k90 - k50) / 60.0;
}

static sla_row_t *S_row(sla_result_t *out, size_t *cap, int kind, int priority)
{
    for (size_t i = 0; i < out->nrows; i++)
        if (out->rows[i].kind == kind && out->rows[i].priority == priority)
            return &out->rows[i];
    sla_row_t *r = xpush((void **)&out->rows, &out->nrows, cap, sizeof *r);
    r->kind = kind;
    r->priority = priority;
    return r;
}

static int S_cmp_row(const void *a, const void *b)
{
    const sla_row_t *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind - y->kind;
    int px = x->priority ? x->priority : 99, py = y->priority ? y->priority : 99; /* null last */
    return px - py;
}

static double S_pct(size_t num, size_t den)
{
    return den ? 100.0 * (double)num / (double)den : NAN;
}

const int64_t resolution_bin_limits[RESOLUTION_BINS - 1] = {3600,  4 * 3600,  8 * 3600,
                                                            86400, 3 * 86400, 7 * 86400};

/* The rows in order (incident before request, by priority, null last), each row's attainment
 * and the totals over the rows. */
static void S_totals(sla_result_t *out)
{
    if (out->nrows > 1)
        qsort(out->rows, out->nrows, sizeof(sla_row_t), S_cmp_row);
    for (size_t i = 0; i < out->nrows; i++) {
        sla_row_t *r = &out->rows[i];
        r->resp_pct = S_pct(r->resp_met, r->resp_met + r->resp_breached);
        r->res_pct = S_pct(r->res_met, r->res_met + r->res_breached);
        out->resp_met += r->resp_met;
        out->resp_breached += r->resp_breached;
        out->resp_pending += r->resp_pending;
        out->res_met += r->res_met;
        out->res_breached += r->res_breached;
    }
    out->response_attainment_pct = S_pct(out->resp_met, out->resp_met + out->resp_breached);
    out->resolution_attainment_pct = S_pct(out->res_met, out->res_met + out->res_breached);
}

const char *const sla_outcome_names[SLA_OUT_COUNT] = {
    "", "met", "breached", "pending", "no_target", "open_breached", "open"};

/* metrics_ticket_sla; the paused time, which the figures do not need, only when `paused`.
 * `cals` (or NULL) holds the calendar of each of cfg->sla's targets, found once by the caller
 * instead of by name for every ticket. */
static void S_outcome(const config_t *cfg, const store_t *store, const tz_t *tz,
                      const metrics_period_t *p, const ticket_t *t, int paused,
                      const cfg_calendar_t *const *cals, ticket_sla_t *o)
{
    memset(o, 0, sizeof *o);
    o->response_elapsed = o->resolution_elapsed = o->paused = -1;
    if (!is_incident_or_request(t) || !ticket_counts(t, p->as_of))
        return;
    const cfg_sla_target_t *tg = config_sla_target(cfg, t->kind, t->priority);
    const cfg_calendar_t *cal = !tg    ? NULL
                                : cals ? cals[tg - cfg->sla]
                                       : config_calendar(cfg, tg->calendar);
    o->target = tg;
    ts_t horizon = p->end < p->as_of ? p->end : p->as_of; /* min(end, as-of) */
    ts_t resp = ticket_response(t, p->as_of);
    ts_t res = ticket_resolution(t, p->as_of);
    ts_t measured_to = TS_NONE; /* the end of the longer measured interval */

    if (in_period(t->opened, p)) {
        if (!tg || tg->respond < 0) {
            o->response = SLA_OUT_NO_TARGET;
        } else {
            measured_to = resp != TS_NONE ? resp : horizon;
            o->response_elapsed = metrics_sla_elapsed(cal, tz, store, t, t->opened, measured_to);
            if (o->response_elapsed > tg->respond)
                o->response = SLA_OUT_BREACHED; /* responded late, or not responded in time */
            else
                o->response = resp != TS_NONE ? SLA_OUT_MET : SLA_OUT_PENDING;
        }
    }
    int backlog = t->opened < p->end && (res == TS_NONE || res >= p->end);
    if (in_period(res, p) || backlog) {
        int with_target = tg && tg->resolve >= 0;
        ts_t to = backlog ? horizon : res;
        if (with_target) {
            o->resolution_elapsed = metrics_sla_elapsed(cal, tz, store, t, t->opened, to);
            measured_to = to;
        }
        if (backlog)
            o->resolution = with_target && o->resolution_elapsed > tg->resolve
                                ? SLA_OUT_OPEN_BREACHED
                                : SLA_OUT_OPEN;
        else if (!with_target)
            o->resolution = SLA_OUT_NO_TARGET;
        else
            o->resolution = o->resolution_elapsed <= tg->resolve ? SLA_OUT_MET : SLA_OUT_BREACHED;
    }
    if (paused && measured_to != TS_NONE) {
        int64_t elapsed = o->resolution_elapsed >= 0 ? o->resolution_elapsed : o->response_elapsed;
        int64_t on_calendar = calendar_seconds(cal, tz, t->opened, measured_to);
        o->paused = on_calendar > elapsed ? on_calendar - elapsed : 0;
    }
}

void metrics_ticket_sla(const config_t *cfg, const store_t *store, const tz_t *tz,
                        const metrics_period_t *p, const ticket_t *t, ticket_sla_t *out)
{
    S_outcome(cfg, store, tz, p, t, 1, NULL, out);
}

void metrics_sla(const config_t *cfg, const store_t *store, const tz_t *tz,
                 const metrics_period_t *p, sla_result_t *out, time_stats_t *response,
                 time_stats_t *resolution, size_t resolution_hist[RESOLUTION_BINS])
{
    for (int b = 0; b < RESOLUTION_BINS; b++)
        resolution_hist[b] = 0;
    memset(out, 0, sizeof *out);
    size_t cap = 0;
    double *resp_times = NULL, *res_times = NULL;
    size_t nresp = 0, nres = 0, capresp = 0, capres = 0;
    const cfg_calendar_t **cals = xmalloc((cfg->nsla ? cfg->nsla : 1) * sizeof *cals);
    for (size_t i = 0; i < cfg->nsla; i++)
        cals[i] = config_calendar(cfg, cfg->sla[i].calendar);

    for (size_t i = 0, nt = period_ntickets(store, p); i < nt; i++) {
        const ticket_t *t = period_ticket(store, p, i);
        if (!is_incident_or_request(t) || !ticket_counts(t, p->as_of))
            continue;
        /* the outcome the ticket detail shows, counted: one computation for both */
        ticket_sla_t o;
        S_outcome(cfg, store, tz, p, t, 0, cals, &o);
        ts_t resp = ticket_response(t, p->as_of);
        ts_t res = ticket_resolution(t, p->as_of);

        if (in_period(t->opened, p) && resp != TS_NONE) {
            xgrow((void **)&resp_times, &capresp, nresp + 1, sizeof(double));
            resp_times[nresp++] = (double)(resp - t->opened);
        }
        if (o.response != SLA_OUT_NONE) {
            if (!o.target) {
                out->no_target++;
            } else {
                /* the row's priority: the ticket's own (null only when it has none); a target
                 * without a response time still gives its row */
                sla_row_t *row = S_row(out, &cap, t->kind, t->priority);
                row->resp_met += o.response == SLA_OUT_MET;
                row->resp_breached += o.response == SLA_OUT_BREACHED;
                row->resp_pending += o.response == SLA_OUT_PENDING;
            }
        }
        if (in_period(res, p)) {
            xgrow((void **)&res_times, &capres, nres + 1, sizeof(double));
            res_times[nres++] = (double)(res - t->opened);
            int bin = 0;
            while (bin < RESOLUTION_BINS - 1 && res - t->opened >= resolution_bin_limits[bin])
                bin++;
            resolution_hist[bin]++;
            if (o.resolution == SLA_OUT_MET || o.resolution == SLA_OUT_BREACHED) {
                sla_row_t *row = S_row(out, &cap, t->kind, t->priority);
                row->res_met += o.resolution == SLA_OUT_MET;
                row->res_breached += o.resolution == SLA_OUT_BREACHED;
            }
        }
        /* open_breached: in the backlog at end, already past its resolution target */
        out->open_breached += o.resolution == SLA_OUT_OPEN_BREACHED;
    }
    S_totals(out);
    metrics_time_stats(resp_times, nresp, response);
    metrics_time_stats(res_times, nres, resolution);
    free(resp_times);
    free(res_times);
    free(cals);
}
