/*
 * sample — the audit samples of the readiness pack (see include/metrics/sample.h and
 * docs/metrics.md, "Audit samples"). The draw is specified to the bit so that anyone can
 * repeat it: SHA-256 for the seed, SplitMix64 for the numbers, a partial Fisher–Yates shuffle
 * over the population's ids in byte order. It does not decide what is shown.
 */
#include "metrics/sample.h"

#include <stdlib.h>
#include <string.h>

#include "core/sha256.h"
#include "metrics/registers.h"

const char *const sample_population_names[SAMPLE_POPULATIONS] = {"p1_p2_incidents",
                                                                 "resolution_breaches",
                                                                 "emergency_changes",
                                                                 "failed_changes",
                                                                 "major_incidents_as_outages",
                                                                 "reopened_tickets",
                                                                 "complaints",
                                                                 "nonconformities"};

const char *const sample_population_labels[SAMPLE_POPULATIONS] = {
    "P1 and P2 incidents opened in the period",
    "Incidents and requests resolved in the period past their resolution target",
    "Emergency changes closed in the period",
    "Changes closed in the period that failed or were backed out",
    "Major incidents counted as outages in the period",
    "Incidents and requests resolved in the period that had been reopened",
    "Complaints received in the period",
    "Nonconformities raised in the period"};

sample_record_t sample_record_kind(sample_population_t pop)
{
    return pop == SAMPLE_COMPLAINTS        ? SAMPLE_COMPLAINT_RECORDS
           : pop == SAMPLE_NONCONFORMITIES ? SAMPLE_NC_RECORDS
                                           : SAMPLE_TICKETS;
}

size_t sample_size(size_t n)
{
    if (n <= 10)
        return n;
    size_t k = 10 + (n - 10 + 9) / 10;
    return k > 25 ? 25 : k;
}

uint64_t sample_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t sample_seed(const char *organization, const char *period, const char *population,
                     int has_override, uint64_t override)
{
    strbuf_t sb = {0};
    if (has_override)
        strbuf_printf(&sb, "%llu|%s", (unsigned long long) override, population);
    else
        strbuf_printf(&sb, "%s|%s|%s", organization ? organization : "", period ? period : "",
                      population);
    sha256_t h;
    char hex[65];
    sha256_init(&h);
    sha256_update(&h, sb.data, sb.len);
    sha256_final_hex(&h, hex);
    strbuf_clear(&sb);
    uint64_t seed = 0;
    for (int i = 0; i < 16; i++) { /* the first 8 bytes, big-endian */
        char c = hex[i];
        seed = (seed << 4) | (uint64_t)(c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return seed;
}

uint64_t sample_below(uint64_t *state, uint64_t m)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % m; /* values in [limit, max] would favour some */
    for (;;) {
        uint64_t x = sample_splitmix64(state);
        if (x < limit)
            return x % m;
    }
}

void sample_draw(uint64_t seed, size_t n, size_t k, size_t *out)
{
    size_t *perm = xmalloc((n ? n : 1) * sizeof *perm);
    for (size_t i = 0; i < n; i++)
        perm[i] = i;
    uint64_t state = seed;
    for (size_t i = 0; i < k && i < n; i++) {
        size_t j = i + (size_t)sample_below(&state, (uint64_t)(n - i));
        size_t tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
        out[i] = perm[i];
    }
    free(perm);
}

/* Whether ticket t belongs to population pop in m's period. */
static int S_member(const config_t *cfg, const store_t *store, const tz_t *tz,
                    const metrics_period_t *p, const ticket_t *t, sample_population_t pop)
{
    if (!ticket_counts(t, p->as_of))
        return 0;
    ts_t res = ticket_resolution(t, p->as_of);
    switch (pop) {
    case SAMPLE_P1P2_INCIDENTS:
        return t->kind == KIND_INCIDENT && (t->priority == 1 || t->priority == 2) &&
               in_period(t->opened, p);
    case SAMPLE_RESOLUTION_BREACHES: {
        if (!is_incident_or_request(t) || !in_period(res, p))
            return 0;
        ticket_sla_t o;
        metrics_ticket_sla(cfg, store, tz, p, t, &o);
        return o.resolution == SLA_OUT_BREACHED;
    }
    case SAMPLE_EMERGENCY_CHANGES:
        return t->kind == KIND_CHANGE && in_period(res, p) && t->change_type == CHANGE_EMERGENCY;
    case SAMPLE_FAILED_CHANGES:
        return t->kind == KIND_CHANGE && in_period(res, p) &&
               (t->outcome == OUTCOME_FAILED || t->outcome == OUTCOME_BACKED_OUT);
    case SAMPLE_MAJOR_INCIDENTS: {
        /* as availability counts them: from opening to resolution (or to min(end, as-of)) */
        int max = cfg->from_incidents_max_priority;
        if (t->kind != KIND_INCIDENT || !t->service || t->priority < 1 || t->priority > max)
            return 0;
        ts_t horizon = p->end < p->as_of ? p->end : p->as_of;
        ts_t end = res == TS_NONE ? horizon : res;
        return t->opened < horizon && end > p->start && end > t->opened;
    }
    case SAMPLE_REOPENED:
        return is_incident_or_request(t) && in_period(res, p) && t->reopen_count > 0;
    default:
        return 0;
    }
}

/* A population's record with its id, for sorting. */
typedef struct member {
    const char *id;
    const void *rec;
} member_t;

static int S_cmp_id(const void *a, const void *b)
{
    return strcmp(((const member_t *)a)->id, ((const member_t *)b)->id);
}

typedef struct members {
    member_t *v;
    size_t n, cap;
} members_t;

static void S_push(members_t *m, const char *id, const void *rec)
{
    xgrow((void **)&m->v, &m->cap, m->n + 1, sizeof *m->v);
    m->v[m->n].id = id ? id : "";
    m->v[m->n++].rec = rec;
}

/* The members of population k (tickets, or register records), unsorted, into *out; 0 when the
 * data cannot give the population (its register not read, incidents not counted as outages). */
static int S_members(const config_t *cfg, const store_t *store, const registers_t *regs,
                     const tz_t *tz, const metrics_period_t *p, sample_population_t k,
                     members_t *out)
{
    out->n = 0;
    if (k == SAMPLE_COMPLAINTS || k == SAMPLE_NONCONFORMITIES) {
        int reg = k == SAMPLE_COMPLAINTS ? REG_COMPLAINTS : REG_NONCONFORMITIES;
        if (!regs || !regs->read[reg])
            return 0;
        reg_span_t sp = registers_span(p, tz);
        if (k == SAMPLE_COMPLAINTS) {
            for (size_t i = 0; i < regs->ncomplaints; i++)
                if (registers_in_period(regs->complaints[i].received, &sp))
                    S_push(out, regs->complaints[i].id, &regs->complaints[i]);
        } else {
            for (size_t i = 0; i < regs->nnonconformities; i++)
                if (registers_in_period(regs->nonconformities[i].raised, &sp))
                    S_push(out, regs->nonconformities[i].id, &regs->nonconformities[i]);
        }
        return 1;
    }
    if (k == SAMPLE_MAJOR_INCIDENTS && cfg->from_incidents_max_priority <= 0)
        return 0;
    for (size_t i = 0; i < store->ntickets; i++)
        if (S_member(cfg, store, tz, p, &store->tickets[i], k))
            S_push(out, store->tickets[i].id, &store->tickets[i]);
    return 1;
}

void samples_draw(const config_t *cfg, const store_t *store, const registers_t *regs,
                  const tz_t *tz, const metrics_t *m, const char *organization, const char *period,
                  int has_override, uint64_t override, samples_t *out)
{
    memset(out, 0, sizeof *out);
    members_t pop = {0};
    for (int k = 0; k < SAMPLE_POPULATIONS; k++) {
        sample_t *s = &out->v[k];
        s->population = (sample_population_t)k;
        s->seed =
            sample_seed(organization, period, sample_population_names[k], has_override, override);
        s->available = S_members(cfg, store, regs, tz, &m->period, (sample_population_t)k, &pop);
        size_t n = pop.n;
        if (n > 1)
            qsort(pop.v, n, sizeof *pop.v, S_cmp_id);
        s->population_size = n;
        s->n = sample_size(n);
        if (!s->n)
            continue;
        size_t *at = xmalloc(s->n * sizeof *at);
        sample_draw(s->seed, n, s->n, at);
        s->drawn = xmalloc(s->n * sizeof *s->drawn);
        for (size_t i = 0; i < s->n; i++)
            s->drawn[i] = pop.v[at[i]].rec;
        free(at);
    }
    free(pop.v);
}

void samples_clear(samples_t *s)
{
    for (int k = 0; k < SAMPLE_POPULATIONS; k++)
        free(s->v[k].drawn);
    memset(s, 0, sizeof *s);
}
