/*
 * coverage — the data's span and its coverage of the period (docs/metrics.md §9); see
 * metrics/coverage.h. It decides what the data can support; the metrics and the report act on
 * it.
 */
#include "metrics/coverage.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/profile.h"

const char *const coverage_status_names[COVERAGE_STATUS_COUNT] = {"not_covered", "partial",
                                                                  "covered"};

coverage_status_t coverage_judge(ts_t first, ts_t last, ts_t start, ts_t end, ts_t as_of,
                                 int64_t gap)
{
    if (first == TS_NONE || last == TS_NONE || first >= end || last < start)
        return COVERAGE_NOT_COVERED;
    ts_t until = end < as_of ? end : as_of; /* a period still running is covered up to as-of */
    if (first - start > gap || until - last > gap)
        return COVERAGE_PARTIAL;
    return COVERAGE_COVERED;
}

/* Widens [*first, *last] by t when t is known at as_of. */
static void S_take(ts_t t, ts_t as_of, ts_t *first, ts_t *last)
{
    if (t == TS_NONE || t > as_of)
        return;
    if (*first == TS_NONE || t < *first)
        *first = t;
    if (*last == TS_NONE || t > *last)
        *last = t;
}

/*
 * The tickets in one pass (the store's largest table, read once): each source's span, its
 * tickets opened in [start, end) as known at as_of, and the services they name into `named`.
 */
static void S_tickets(const store_t *store, ts_t start, ts_t end, ts_t as_of, coverage_t *per,
                      size_t *count, hashmap_t *named, size_t n)
{
    /* the names are interned: a name whose very string was put already is skipped (a miss
     * only costs the put it saves) */
    addr_memo_t seen = {0};
    for (size_t i = 0; i < store->ntickets; i++) {
        const ticket_t *t = &store->tickets[i];
        if (t->opened > as_of)
            continue; /* a ticket that does not exist yet has no later events either */
        if (t->source < n) {
            coverage_t *c = &per[t->source];
            S_take(t->opened, as_of, &c->first, &c->last);
            S_take(t->first_response, as_of, &c->first, &c->last);
            S_take(t->resolved, as_of, &c->first, &c->last);
            S_take(t->closed, as_of, &c->first, &c->last);
            count[t->source] += t->opened >= start && t->opened < end;
        }
        if (!t->service)
            continue;
        if (addr_memo_get(&seen, t->service, NULL))
            continue;
        addr_memo_put(&seen, t->service, 0);
        hashmap_put(named, t->service, strlen(t->service), (void *)1);
    }
}

/* The outages' and survey responses' part of each source's span. */
static void S_spans(const store_t *store, ts_t as_of, coverage_t *per, size_t n)
{
    for (size_t i = 0; i < store->noutages; i++) {
        const outage_t *o = &store->outages[i];
        if (o->source >= n || o->start > as_of)
            continue;
        S_take(o->start, as_of, &per[o->source].first, &per[o->source].last);
        S_take(o->end, as_of, &per[o->source].first, &per[o->source].last);
    }
    for (size_t i = 0; i < store->nsurveys; i++) {
        const survey_t *s = &store->surveys[i];
        if (s->source < n)
            S_take(s->responded, as_of, &per[s->source].first, &per[s->source].last);
    }
}

/* Each source's outages that meet [start, end) and survey responses in it, as known at as_of. */
static void S_in_period(const store_t *store, ts_t start, ts_t end, ts_t as_of, size_t *count,
                        size_t n)
{
    for (size_t i = 0; i < store->noutages; i++) {
        const outage_t *o = &store->outages[i];
        ts_t e = o->end == TS_NONE ? as_of : o->end;
        if (o->source < n && o->start <= as_of && o->start < end && e > start)
            count[o->source]++;
    }
    for (size_t i = 0; i < store->nsurveys; i++) {
        const survey_t *s = &store->surveys[i];
        if (s->source < n && s->responded >= start && s->responded < end && s->responded <= as_of)
            count[s->source]++;
    }
}

/* The catalogue services that no ticket (already in `named`) and no outage record known at
 * as_of names. */
static void S_absent(const config_t *cfg, const store_t *store, ts_t as_of, hashmap_t *named,
                     coverage_report_t *out)
{
    for (size_t i = 0; i < store->noutages; i++) {
        const outage_t *o = &store->outages[i];
        if (o->service && o->start <= as_of)
            hashmap_put(named, o->service, strlen(o->service), (void *)1);
    }
    out->absent = arena_alloc(out->arena, (cfg->nservices ? cfg->nservices : 1) * sizeof(char *));
    for (size_t k = 0; k < cfg->nservices; k++) {
        const char *name = cfg->services[k].name;
        if (!hashmap_get(named, name, strlen(name)))
            out->absent[out->nabsent++] = name;
    }
}

void coverage_compute(const config_t *cfg, const store_t *store, ts_t start, ts_t end, ts_t as_of,
                      coverage_report_t *out)
{
    size_t n = store->nquality;
    out->nsources = n;
    out->arena = arena_new();
    out->sources = arena_alloc(out->arena, (n ? n : 1) * sizeof *out->sources);
    out->records = arena_alloc(out->arena, (n ? n : 1) * sizeof *out->records);
    out->in_period = arena_alloc(out->arena, (n ? n : 1) * sizeof *out->in_period);
    for (size_t i = 0; i < n; i++)
        out->sources[i].first = out->sources[i].last = TS_NONE;
    hashmap_t *named = hashmap_new();
    S_tickets(store, start, end, as_of, out->sources, out->in_period, named, n);
    S_spans(store, as_of, out->sources, n);
    S_in_period(store, start, end, as_of, out->in_period, n);
    S_absent(cfg, store, as_of, named, out);
    hashmap_free(named);
    for (size_t i = 0; i < n; i++) {
        out->records[i] = profile_records(store->quality[i].profile);
        out->from_tickets |= out->records[i] == PROFILE_TICKETS;
    }
    ts_t first = TS_NONE, last = TS_NONE;
    for (size_t i = 0; i < n; i++) {
        coverage_t *c = &out->sources[i];
        c->status = coverage_judge(c->first, c->last, start, end, as_of, cfg->coverage_gap);
        if (out->records[i] == PROFILE_REGISTER)
            continue; /* a register says nothing of the period's coverage (coverage_judged) */
        /* outage records and survey responses are sparse by nature: they speak for the
         * period only when no source holds tickets */
        if (out->from_tickets && out->records[i] != PROFILE_TICKETS)
            continue;
        S_take(c->first, as_of, &first, &last);
        S_take(c->last, as_of, &first, &last);
    }
    out->overall.first = first;
    out->overall.last = last;
    out->overall.status = coverage_judge(first, last, start, end, as_of, cfg->coverage_gap);
}

int coverage_judged(const coverage_report_t *c, size_t i)
{
    return i < c->nsources && c->records[i] != PROFILE_REGISTER;
}

void coverage_clear(coverage_report_t *c)
{
    if (!c)
        return;
    arena_free(c->arena);
    memset(c, 0, sizeof *c);
}

void coverage_data_kinds(const config_t *cfg, const store_t *store, data_kinds_t *out)
{
    memset(out, 0, sizeof *out);
    out->outage_data = cfg->from_incidents_max_priority > 0;
    for (size_t i = 0; i < store->nquality; i++) {
        int rec = profile_records(store->quality[i].profile);
        out->tickets |= rec == PROFILE_TICKETS;
        out->outage_data |= rec == PROFILE_OUTAGES;
        out->survey_source |= rec == PROFILE_SURVEYS;
    }
    for (size_t i = 0; i < store->ntickets && !(out->changes && out->problems); i++) {
        out->changes |= store->tickets[i].kind == KIND_CHANGE;
        out->problems |= store->tickets[i].kind == KIND_PROBLEM;
    }
}
