/*
 * metrics — runs the metric functions of section 5 for one period and frees their results.
 */
#include "metrics/metrics.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

/* Availability without outage data (docs/metrics.md §9): each service's agreed time stays, every
 * other figure is null. */
static void S_unmeasured(metrics_t *m)
{
    m->availability_measured = 0;
    m->overall_availability_pct = NAN;
    for (size_t i = 0; i < m->navailability; i++) {
        availability_row_t *a = &m->availability[i];
        a->availability_pct = a->mtrs_minutes = a->mtbf_minutes = a->mtbsi_minutes = NAN;
        a->met_target = -1;
    }
}

/* Satisfaction without a survey source: no figure at all (the section is null). */
static void S_no_survey(satisfaction_t *s)
{
    s->csat_pct = s->csat_mean = s->nps = s->response_rate_pct = NAN;
    for (size_t i = 0; i < s->nby_service; i++)
        s->by_service[i].csat_pct = s->by_service[i].csat_mean = NAN;
    for (size_t i = 0; i < s->nby_group; i++)
        s->by_group[i].csat_pct = s->by_group[i].csat_mean = NAN;
}

metrics_t *metrics_compute(const config_t *cfg, const store_t *store, const tz_t *tz,
                           const metrics_period_t *p)
{
    metrics_t *m = xcalloc(1, sizeof(*m));
    m->period = *p;
    p = &m->period; /* the result's own copy of the period, as later readers see it */
    coverage_data_kinds(cfg, store, &m->kinds);
    metrics_volumes(store, p, &m->volumes);
    metrics_sla(cfg, store, tz, p, &m->sla, &m->response, &m->resolution, m->resolution_hist);
    metrics_availability(cfg, store, tz, p, m);
    if (!m->kinds.outage_data)
        S_unmeasured(m);
    else
        m->availability_measured = 1;
    /* the response rate's denominator: incidents and requests resolved in P */
    size_t resolved_ir = 0;
    for (size_t i = 0, nt = period_ntickets(store, p); i < nt; i++) {
        const ticket_t *t = period_ticket(store, p, i);
        if (is_incident_or_request(t) && ticket_counts(t, p->as_of) &&
            in_period(ticket_resolution(t, p->as_of), p))
            resolved_ir++;
    }
    metrics_satisfaction(cfg, store, p, resolved_ir, &m->satisfaction);
    if (!m->kinds.survey_source)
        S_no_survey(&m->satisfaction);
    metrics_efficiency(store, p, &m->efficiency);
    return m;
}

void metrics_blank(metrics_t *m)
{
    m->no_data = 1;
    S_unmeasured(m);
    S_no_survey(&m->satisfaction);
    sla_result_t *s = &m->sla;
    s->response_attainment_pct = s->resolution_attainment_pct = NAN;
    for (size_t i = 0; i < s->nrows; i++)
        s->rows[i].resp_pct = s->rows[i].res_pct = NAN;
    time_stats_t *ts[2] = {&m->response, &m->resolution};
    for (int i = 0; i < 2; i++)
        ts[i]->mean = ts[i]->median = ts[i]->p90 = NAN;
    efficiency_t *e = &m->efficiency;
    e->reopen_rate_pct = e->first_assignment_resolution_pct = NAN;
    e->change_success_pct = e->emergency_change_pct = NAN;
}

/*
 * Each ticket's span from opening to resolution as known at as-of (open: to the end of time),
 * kept apart from the tickets so that choosing a period's tickets reads 8 bytes per ticket:
 * seconds after `base` (just before the earliest period), clamped to 32 bits, which is exact
 * for every comparison with a period that ends within 136 years of base. Every metric counts a
 * ticket only by its opening, its resolution or its being open at the end of P (docs/metrics.md),
 * all of which need the span to meet P: lo < end and hi >= start.
 */
typedef struct spans {
    uint32_t *lo, *hi;
    size_t n;
    ts_t base;
    int usable; /* 0: some period lies beyond the 32-bit window; its metrics visit all tickets */
} spans_t;

static uint32_t S_rel(ts_t t, ts_t base)
{
    if (t <= base)
        return 0;
    return t - base >= (ts_t)UINT32_MAX ? UINT32_MAX : (uint32_t)(t - base);
}

static void S_spans(const store_t *store, const metrics_period_t *periods, size_t np, spans_t *sp)
{
    ts_t as_of = periods[0].as_of, base = periods[0].start, last = periods[0].end;
    for (size_t k = 1; k < np; k++) {
        if (periods[k].as_of != as_of)
            continue;
        base = periods[k].start < base ? periods[k].start : base;
        last = periods[k].end > last ? periods[k].end : last;
    }
    sp->base = base - 1;
    sp->usable = base > TS_NONE + 1 && last > base && (uint64_t)(last - sp->base) < UINT32_MAX;
    if (!sp->usable)
        return;
    sp->n = store->ntickets;
    sp->lo = xmalloc((sp->n ? sp->n : 1) * sizeof(uint32_t));
    sp->hi = xmalloc((sp->n ? sp->n : 1) * sizeof(uint32_t));
    for (size_t i = 0; i < sp->n; i++) {
        const ticket_t *t = &store->tickets[i];
        ts_t r = ticket_resolution(t, as_of), lo = t->opened, hi = t->opened;
        if (r == TS_NONE)
            hi = INT64_MAX;
        else if (r < lo)
            lo = r; /* not accepted by the readers; kept safe all the same */
        else
            hi = r;
        sp->lo[i] = S_rel(lo, sp->base);
        sp->hi[i] = S_rel(hi, sp->base);
    }
}

/* Copies of the tickets whose span meets [start, end), in store order, into *buf (grown as
 * needed and kept by the caller for its next period); returns their number. The chosen tickets
 * lie scattered over the store, so they are found first (a chunk of positions at a time,
 * without a branch per ticket) and then copied with their memory asked for a few tickets
 * ahead: the copy waits on memory, not on each ticket in turn. */
static size_t S_select(const store_t *store, const spans_t *sp, ts_t start, ts_t end,
                       ticket_t **buf, size_t *cap)
{
    enum { CHUNK = 1024, AHEAD = 8 };
    uint32_t s = S_rel(start, sp->base), e = S_rel(end, sp->base); /* exact: inside the window */
    size_t at[CHUNK]; /* positions of the chunk's chosen tickets */
    size_t k = 0;
    for (size_t i = 0; i < sp->n;) {
        size_t m = 0;
        for (size_t stop = sp->n - i > CHUNK ? i + CHUNK : sp->n; i < stop; i++) {
            at[m] = i;
            m += (sp->lo[i] < e) & (sp->hi[i] >= s);
        }
        if (k + m > *cap)
            xgrow((void **)buf, cap, k + m, sizeof(ticket_t));
        for (size_t j = 0; j < m; j++) {
            if (j + AHEAD < m) {
                const char *next = (const char *)&store->tickets[at[j + AHEAD]];
                __builtin_prefetch(next); /* the three lines a ticket may lie across */
                __builtin_prefetch(next + 64);
                __builtin_prefetch(next + sizeof(ticket_t) - 1);
            }
            (*buf)[k++] = store->tickets[at[j]];
        }
    }
    if (!*buf) /* an empty selection is not "all" */
        xgrow((void **)buf, cap, 1, sizeof(ticket_t));
    return k;
}

typedef struct job {
    const config_t *cfg;
    const store_t *store;
    const tz_t *tz;
    const metrics_period_t *periods;
    metrics_t **out;
    size_t n;
    const spans_t *spans;
    atomic_size_t next;
} job_t;

static void *S_worker(void *arg)
{
    job_t *j = arg;
    ticket_t *buf = NULL; /* this thread's selection, reused from period to period */
    size_t cap = 0;
    for (;;) {
        size_t k = atomic_fetch_add(&j->next, 1);
        if (k >= j->n)
            break;
        metrics_period_t p = j->periods[k];
        if (j->spans->usable && p.as_of == j->periods[0].as_of && !p.tickets) {
            p.ntickets = S_select(j->store, j->spans, p.start, p.end, &buf, &cap);
            p.tickets = buf;
        }
        metrics_t *m = metrics_compute(j->cfg, j->store, j->tz, &p);
        m->period.tickets = NULL; /* a result outlives the selection: later readers visit all */
        m->period.ntickets = 0;
        j->out[k] = m;
    }
    free(buf);
    return NULL;
}

static size_t S_threads(size_t n)
{
    size_t t = (size_t)util_cores();
    if (t > METRICS_MAX_THREADS)
        t = METRICS_MAX_THREADS;
    return t < n ? t : n;
}

void metrics_compute_many(const config_t *cfg, const store_t *store, const tz_t *tz,
                          const metrics_period_t *periods, size_t n, metrics_t **out)
{
    if (n == 0)
        return;
    spans_t sp = {0};
    S_spans(store, periods, n, &sp);
    job_t j = {cfg, store, tz, periods, out, n, &sp, 0};
    pthread_t th[METRICS_MAX_THREADS];
    size_t nth = S_threads(n), started = 0;
    for (size_t i = 1; i < nth; i++) /* the calling thread is the first worker */
        if (pthread_create(&th[started], NULL, S_worker, &j) == 0)
            started++;
    S_worker(&j); /* when no thread could start, this one does every period */
    for (size_t i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    free(sp.lo);
    free(sp.hi);
}

ts_t metrics_earliest_opened(const store_t *store, ts_t as_of)
{
    ts_t best = TS_NONE;
    for (size_t i = 0; i < store->ntickets; i++) {
        ts_t o = store->tickets[i].opened;
        if (o <= as_of && (best == TS_NONE || o < best))
            best = o;
    }
    return best;
}

void metrics_free(metrics_t *m)
{
    if (!m)
        return;
    free(m->sla.rows);
    free(m->availability);
    satisfaction_clear(&m->satisfaction);
    volumes_clear(&m->volumes);
    free(m);
}
