/*
 * availability — docs/metrics.md §5: per service in scope, agreed service time on the service's
 * calendar less merged planned maintenance; unplanned outages merged (a union, so nothing counts
 * twice), clipped to the period (itself clipped to as-of) and measured outside maintenance.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/calendar.h"
#include "metrics/metrics.h"

typedef struct span {
    ts_t a, b;
    const void *rec; /* the outage record or incident ticket it came from (outages only) */
    int rec_ticket;  /* 1: rec is a ticket_t, 0: an outage_t */
} span_t;

typedef struct spans {
    span_t *v;
    size_t n, cap;
} spans_t;

static void S_add_rec(spans_t *s, ts_t a, ts_t b, const void *rec, int rec_ticket)
{
    if (b <= a)
        return;
    xgrow((void **)&s->v, &s->cap, s->n + 1, sizeof(span_t));
    s->v[s->n].a = a;
    s->v[s->n].b = b;
    s->v[s->n].rec = rec;
    s->v[s->n].rec_ticket = rec_ticket;
    s->n++;
}

static void S_add(spans_t *s, ts_t a, ts_t b)
{
    S_add_rec(s, a, b, NULL, 0);
}

static int S_cmp_span(const void *x, const void *y)
{
    const span_t *a = x, *b = y;
    if (a->a != b->a)
        return (a->a > b->a) - (a->a < b->a);
    return (a->b > b->b) - (a->b < b->b);
}

/* Sorts and merges spans that overlap or touch; then clips them to [lo, hi). */
static void S_merge_clip(spans_t *s, ts_t lo, ts_t hi)
{
    if (s->n > 1)
        qsort(s->v, s->n, sizeof(span_t), S_cmp_span);
    size_t out = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (out && s->v[i].a <= s->v[out - 1].b) {
            if (s->v[i].b > s->v[out - 1].b)
                s->v[out - 1].b = s->v[i].b;
        } else {
            s->v[out++] = s->v[i];
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < out; i++) {
        ts_t a = s->v[i].a < lo ? lo : s->v[i].a, b = s->v[i].b > hi ? hi : s->v[i].b;
        if (b > a) {
            s->v[kept].a = a;
            s->v[kept].b = b;
            kept++;
        }
    }
    s->n = kept;
}

/* Names of services in scope that are not in the catalogue, sorted, unique. */
typedef struct names {
    const char **v;
    size_t n, cap;
    hashmap_t *seen; /* the names in v once there are many: each ticket then costs one probe */
    /* strings already decided (in the catalogue, or in v): the tickets' names are interned */
    addr_memo_t decided;
} names_t;

/* Up to this many names a walk costs less than hashing. */
#define NAMES_WALK 16

static void S_name(names_t *ns, const config_t *cfg, const char *name)
{
    if (!name)
        return;
    if (addr_memo_get(&ns->decided, name, NULL))
        return;
    addr_memo_put(&ns->decided, name, 0); /* decided below, either way */
    if (config_service(cfg, name))
        return;
    void **slot = NULL;
    if (!ns->seen && ns->n <= NAMES_WALK) {
        for (size_t i = 0; i < ns->n; i++)
            if (ns->v[i] == name || !strcmp(ns->v[i], name))
                return;
    } else {
        if (!ns->seen) {
            ns->seen = hashmap_new();
            for (size_t i = 0; i < ns->n; i++)
                hashmap_put(ns->seen, ns->v[i], strlen(ns->v[i]), (void *)ns->v[i]);
        }
        slot = hashmap_slot(ns->seen, name, strlen(name), NULL);
        if (*slot)
            return;
        *slot = (void *)name;
    }
    xgrow((void **)&ns->v, &ns->cap, ns->n + 1, sizeof(char *));
    ns->v[ns->n++] = name;
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int S_overlaps(ts_t a, ts_t b, const metrics_period_t *p)
{
    return a < p->end && b > p->start;
}

/* Each service's unplanned outage and planned maintenance intervals, gathered in one pass. */
typedef struct service_spans {
    const char *name; /* the service's name as the records hold it (they outlive this) */
    spans_t outs, maint;
} service_spans_t;

typedef struct buckets {
    hashmap_t *index; /* service name → position + 1 */
    service_spans_t *v;
    size_t n, cap;
} buckets_t;

static service_spans_t *S_bucket(buckets_t *b, const char *service)
{
    size_t len = strlen(service);
    uintptr_t at = (uintptr_t)hashmap_get(b->index, service, len);
    if (at)
        return &b->v[at - 1];
    service_spans_t *sp = xpush((void **)&b->v, &b->n, &b->cap, sizeof *sp);
    sp->name = service;
    hashmap_put(b->index, service, len, (void *)(uintptr_t)b->n);
    return sp;
}

static void S_buckets_clear(buckets_t *b)
{
    for (size_t k = 0; k < b->n; k++) {
        free(b->v[k].outs.v);
        free(b->v[k].maint.v);
    }
    free(b->v);
    hashmap_free(b->index);
}

static void S_gather(const config_t *cfg, const store_t *store, const tz_t *tz,
                     const metrics_period_t *p, ts_t horizon, buckets_t *b)
{
    for (size_t i = 0; i < store->noutages; i++) {
        const outage_t *o = &store->outages[i];
        if (o->start > p->as_of)
            continue;
        ts_t end = (o->end == TS_NONE || o->end > p->as_of) ? horizon : o->end;
        if (o->type == OUTAGE_PLANNED)
            S_add(&S_bucket(b, o->service)->maint, o->start, end);
        else if (o->type == OUTAGE_OUTAGE ||
                 (o->type == OUTAGE_DEGRADATION && cfg->count_degradation))
            S_add_rec(&S_bucket(b, o->service)->outs, o->start, end, o, 0);
    }
    for (size_t i = 0; i < cfg->nmaintenance; i++) {
        const cfg_maintenance_t *w = &cfg->maintenance[i];
        S_add(&S_bucket(b, w->service)->maint, tz_local_to_utc(tz, w->start_local, NULL),
              tz_local_to_utc(tz, w->end_local, NULL));
    }
    if (cfg->from_incidents_max_priority > 0) {
        for (size_t i = 0, nt = period_ntickets(store, p); i < nt; i++) {
            const ticket_t *t = period_ticket(store, p, i);
            if (t->kind != KIND_INCIDENT || !ticket_counts(t, p->as_of) || !t->service ||
                t->priority < 1 || t->priority > cfg->from_incidents_max_priority)
                continue;
            ts_t res = ticket_resolution(t, p->as_of);
            S_add_rec(&S_bucket(b, t->service)->outs, t->opened, res == TS_NONE ? horizon : res, t,
                      1);
        }
    }
}

/* The services outside the catalogue that the period's data names: by a ticket opened in P,
 * or by an outage interval or maintenance window overlapping P; sorted by name. */
static void S_extra_services(const config_t *cfg, const store_t *store, const metrics_period_t *p,
                             const buckets_t *buckets, names_t *extra)
{
    for (size_t i = 0, nt = period_ntickets(store, p); i < nt; i++) {
        const ticket_t *t = period_ticket(store, p, i);
        if (ticket_counts(t, p->as_of) && in_period(t->opened, p))
            S_name(extra, cfg, t->service);
    }
    for (size_t k = 0; k < buckets->n; k++) {
        const service_spans_t *sp = &buckets->v[k];
        int overlaps = 0;
        for (size_t i = 0; i < sp->outs.n && !overlaps; i++)
            overlaps = S_overlaps(sp->outs.v[i].a, sp->outs.v[i].b, p);
        for (size_t i = 0; i < sp->maint.n && !overlaps; i++)
            overlaps = S_overlaps(sp->maint.v[i].a, sp->maint.v[i].b, p);
        if (overlaps)
            S_name(extra, cfg, buckets->v[k].name);
    }
    if (extra->n > 1)
        qsort(extra->v, extra->n, sizeof(char *), S_cmp_str);
}

/* A service's maintenance windows and outage intervals, merged and clipped to [lo, hi). */
static void S_service_spans(const buckets_t *buckets, const char *service, ts_t lo, ts_t hi,
                            spans_t *maint, spans_t *outs)
{
    maint->n = outs->n = 0;
    uintptr_t at = (uintptr_t)hashmap_get(buckets->index, service, strlen(service));
    if (at) {
        const service_spans_t *sp = &buckets->v[at - 1];
        xgrow((void **)&maint->v, &maint->cap, sp->maint.n, sizeof(span_t));
        xgrow((void **)&outs->v, &outs->cap, sp->outs.n, sizeof(span_t));
        if (sp->maint.n)
            memcpy(maint->v, sp->maint.v, sp->maint.n * sizeof(span_t));
        if (sp->outs.n)
            memcpy(outs->v, sp->outs.v, sp->outs.n * sizeof(span_t));
        maint->n = sp->maint.n;
        outs->n = sp->outs.n;
    }
    S_merge_clip(maint, lo, hi);
    S_merge_clip(outs, lo, hi);
}

/* One merged outage interval's downtime: its time on the calendar outside maintenance. */
static int64_t S_downtime(const cfg_calendar_t *cal, const tz_t *tz, const span_t *o,
                          const spans_t *maint)
{
    int64_t d = calendar_seconds(cal, tz, o->a, o->b);
    for (size_t j = 0; j < maint->n; j++) {
        ts_t a = o->a > maint->v[j].a ? o->a : maint->v[j].a;
        ts_t b = o->b < maint->v[j].b ? o->b : maint->v[j].b;
        if (b > a)
            d -= calendar_seconds(cal, tz, a, b);
    }
    return d;
}

/* A row's agreed time, downtime and the figures derived from them (docs/metrics.md §5). */
static void S_measure(availability_row_t *r, const cfg_calendar_t *cal, const tz_t *tz, ts_t lo,
                      ts_t hi, const spans_t *maint, const spans_t *outs)
{
    int64_t agreed = calendar_seconds(cal, tz, lo, hi);
    for (size_t i = 0; i < maint->n; i++)
        agreed -= calendar_seconds(cal, tz, maint->v[i].a, maint->v[i].b);
    int64_t down = 0;
    size_t count = 0;
    for (size_t i = 0; i < outs->n; i++) {
        int64_t d = S_downtime(cal, tz, &outs->v[i], maint);
        if (d > 0) {
            down += d;
            count++;
        }
    }
    r->agreed_seconds = agreed;
    r->downtime_seconds = down;
    r->outages = count;
    r->availability_pct = agreed > 0 ? 100.0 * (double)(agreed - down) / (double)agreed : NAN;
    r->met_target = isnan(r->availability_pct) ? -1 : r->availability_pct >= r->target_pct;
    if (count) {
        r->mtrs_minutes = (double)down / 60.0 / (double)count;
        r->mtbf_minutes = (double)(agreed - down) / 60.0 / (double)count;
        r->mtbsi_minutes = (double)agreed / 60.0 / (double)count;
    } else {
        r->mtrs_minutes = r->mtbf_minutes = r->mtbsi_minutes = NAN;
    }
}

/* Where a period's measuring stops: its end, or as-of while it runs (never before its start). */
static ts_t S_horizon(const metrics_period_t *p)
{
    ts_t hi = p->end < p->as_of ? p->end : p->as_of;
    return hi < p->start ? p->start : hi;
}

void metrics_availability(const config_t *cfg, const store_t *store, const tz_t *tz,
                          const metrics_period_t *p, metrics_t *m)
{
    ts_t lo = p->start;
    ts_t hi = S_horizon(p);
    buckets_t buckets = {0};
    buckets.index = hashmap_new();
    S_gather(cfg, store, tz, p, hi, &buckets);
    names_t extra = {0};
    S_extra_services(cfg, store, p, &buckets, &extra);
    m->navailability = cfg->nservices + extra.n;
    m->availability = xcalloc(m->navailability, sizeof(availability_row_t));
    int64_t sum_agreed = 0, sum_up = 0;
    spans_t maint = {0}, outs = {0};
    for (size_t k = 0; k < m->navailability; k++) {
        availability_row_t *r = &m->availability[k];
        const cfg_service_t *svc = k < cfg->nservices ? &cfg->services[k] : &cfg->service_defaults;
        r->service = k < cfg->nservices ? svc->name : extra.v[k - cfg->nservices];
        r->in_catalogue = k < cfg->nservices;
        r->calendar = svc->calendar;
        r->target_pct = svc->availability_target;
        S_service_spans(&buckets, r->service, lo, hi, &maint, &outs);
        S_measure(r, config_calendar(cfg, svc->calendar), tz, lo, hi, &maint, &outs);
        sum_agreed += r->agreed_seconds;
        sum_up += r->agreed_seconds - r->downtime_seconds;
    }
    m->overall_availability_pct =
        sum_agreed > 0 ? 100.0 * (double)sum_up / (double)sum_agreed : NAN;
    free(maint.v);
    free(outs.v);
    free(extra.v);
    hashmap_free(extra.seen);
    S_buckets_clear(&buckets);
}

/* ---- the outage detail: the merged intervals above with the records they came from ---- */

static void S_detail_service(outage_detail_t *out, size_t *cap_iv, size_t *cap_rec,
                             const availability_row_t *row, const cfg_calendar_t *cal,
                             const tz_t *tz, const service_spans_t *sp, ts_t lo, ts_t hi,
                             const spans_t *maint)
{
    spans_t o = {0};
    xgrow((void **)&o.v, &o.cap, sp->outs.n, sizeof(span_t));
    memcpy(o.v, sp->outs.v, sp->outs.n * sizeof(span_t));
    o.n = sp->outs.n;
    if (o.n > 1)
        qsort(o.v, o.n, sizeof(span_t), S_cmp_span);
    /* sorted by start, the spans of one merged interval (overlapping or touching, as
     * S_merge_clip merges them) are consecutive */
    for (size_t i = 0; i < o.n;) {
        span_t m = o.v[i];
        size_t j = i + 1;
        for (; j < o.n && o.v[j].a <= m.b; j++)
            if (o.v[j].b > m.b)
                m.b = o.v[j].b;
        m.a = m.a < lo ? lo : m.a;
        m.b = m.b > hi ? hi : m.b;
        if (m.b > m.a) {
            xgrow((void **)&out->intervals, cap_iv, out->nintervals + 1, sizeof(outage_interval_t));
            outage_interval_t *iv = &out->intervals[out->nintervals++];
            iv->service = row->service;
            iv->start = m.a;
            iv->end = m.b;
            iv->downtime_seconds = S_downtime(cal, tz, &m, maint);
            if (iv->downtime_seconds < 0)
                iv->downtime_seconds = 0;
            iv->counted = iv->downtime_seconds > 0;
            iv->nrecords = 0;
            iv->first_record = out->nrecords;
            xgrow((void **)&out->records, cap_rec, out->nrecords + (j - i),
                  sizeof(outage_record_t));
            for (size_t k = i; k < j; k++) {
                /* a record wholly before P only chained the interval to it: it adds nothing
                 * to P's downtime, so it is not listed */
                if (o.v[k].b < m.a || o.v[k].a > m.b)
                    continue;
                iv->nrecords++;
                outage_record_t *r = &out->records[out->nrecords++];
                r->ticket = o.v[k].rec_ticket ? o.v[k].rec : NULL;
                r->outage = o.v[k].rec_ticket ? NULL : o.v[k].rec;
                r->start = o.v[k].a;
                r->end = o.v[k].b;
            }
        }
        i = j;
    }
    free(o.v);
}

void metrics_outage_detail(const config_t *cfg, const store_t *store, const tz_t *tz,
                           const metrics_t *m, outage_detail_t *out)
{
    const metrics_period_t *p = &m->period;
    memset(out, 0, sizeof *out);
    ts_t lo = p->start;
    ts_t hi = S_horizon(p);
    metrics_period_t all = *p; /* record pointers must point into the store itself */
    all.tickets = NULL;
    all.ntickets = 0;
    buckets_t buckets = {0};
    buckets.index = hashmap_new();
    S_gather(cfg, store, tz, &all, hi, &buckets);
    size_t cap_iv = 0, cap_rec = 0;
    spans_t maint = {0}, outs = {0};
    for (size_t k = 0; k < m->navailability; k++) {
        const availability_row_t *row = &m->availability[k];
        uintptr_t at = (uintptr_t)hashmap_get(buckets.index, row->service, strlen(row->service));
        if (!at)
            continue;
        S_service_spans(&buckets, row->service, lo, hi, &maint, &outs);
        S_detail_service(out, &cap_iv, &cap_rec, row, config_calendar(cfg, row->calendar), tz,
                         &buckets.v[at - 1], lo, hi, &maint);
    }
    free(maint.v);
    free(outs.v);
    S_buckets_clear(&buckets);
}

void outage_detail_clear(outage_detail_t *d)
{
    free(d->intervals);
    free(d->records);
    memset(d, 0, sizeof *d);
}
