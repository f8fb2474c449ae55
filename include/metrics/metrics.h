/*
 * metrics — every number of docs/metrics.md for one period, computed from the store and the
 * config by pure functions (no I/O, no printing). A ratio with a zero denominator is NAN, which
 * the renderers show as null / "n/a". Times are seconds here; renderers convert.
 */
#ifndef ISO20K_METRICS_H
#define ISO20K_METRICS_H

#include <math.h>

#include "core/config.h"
#include "input/store.h"
#include "input/tz.h"
#include "metrics/coverage.h"

/*
 * The reporting period P = [start, end) and the as-of instant. `tickets`, when set, holds
 * copies of the tickets that can count in P (those whose span from opening to resolution, as
 * known at as-of, meets P), side by side in memory: the metric functions then visit only those,
 * with the same results as over all tickets. metrics_compute_many sets it for its own use.
 */
typedef struct metrics_period {
    ts_t start, end;
    ts_t as_of;
    const ticket_t *tickets;
    size_t ntickets;
} metrics_period_t;

/* Wall-clock statistics in minutes (NAN when n is 0). */
typedef struct time_stats {
    size_t n;
    double mean, median, p90;
} time_stats_t;

typedef struct sla_row {
    int kind;
    int priority; /* 0: null (a ticket without priority that used `default`) */
    size_t resp_met, resp_breached, resp_pending;
    double resp_pct;
    size_t res_met, res_breached;
    double res_pct;
} sla_row_t;

typedef struct availability_row {
    const char *service;
    const char *calendar;
    double target_pct;
    int in_catalogue;
    int64_t agreed_seconds;
    int64_t downtime_seconds;
    double availability_pct; /* NAN when agreed time is 0 */
    size_t outages;
    double mtrs_minutes, mtbf_minutes, mtbsi_minutes; /* NAN when no outage */
    int met_target;                                   /* 1, 0, or -1 for null */
} availability_row_t;

/* Tickets opened in P for one service, by kind. */
typedef struct service_volume {
    const char *service;
    size_t by_kind[KIND_COUNT];
    size_t total;
} service_volume_t;

typedef struct volumes {
    size_t opened, resolved, cancelled, backlog_end;
    size_t aging[4]; /* d0_7, d8_30, d31_90, d90_plus */
    size_t by_kind[KIND_COUNT];
    service_volume_t *by_service; /* most tickets first, then by name; owned */
    size_t nby_service;
    size_t no_service; /* opened in P without a service */
    size_t no_service_by_kind[KIND_COUNT];
    size_t listed; /* the tickets of the ticket detail (ticket_listed) */
} volumes_t;

/* Resolution-time bins of the histogram: under 1 h, 1–4 h, 4–8 h, 8–24 h, 1–3 d, 3–7 d, over 7 d.
 */
#define RESOLUTION_BINS 7
extern const int64_t resolution_bin_limits[RESOLUTION_BINS - 1]; /* upper bounds, seconds */

typedef struct sla_result {
    double response_attainment_pct;
    double resolution_attainment_pct;
    size_t resp_met, resp_breached, resp_pending;
    size_t res_met, res_breached;
    size_t open_breached;
    size_t no_target;
    sla_row_t *rows;
    size_t nrows;
} sla_result_t;

/* Satisfaction of the responses that join one service or group (by ticket id). */
typedef struct satisfaction_part {
    const char *name;
    size_t responses, scored, satisfied;
    double score_sum;
    double csat_pct, csat_mean; /* NAN when nothing scored */
} satisfaction_part_t;

typedef struct satisfaction {
    size_t responses, scored, satisfied, with_nps, promoters, detractors;
    double csat_pct, csat_mean, nps, response_rate_pct;
    size_t unjoined;                 /* responses whose ticket id names no known ticket */
    size_t by_score[11];             /* responses by score, rounded, 0..10 (scales up to 10) */
    satisfaction_part_t *by_service; /* sorted by name; owned (satisfaction_clear) */
    size_t nby_service;
    satisfaction_part_t *by_group;
    size_t nby_group;
} satisfaction_t;

typedef struct efficiency {
    double reopen_rate_pct, first_assignment_resolution_pct;
    double change_success_pct, emergency_change_pct;
    size_t reopen_known;       /* incidents and requests resolved in P with a known reopen_count */
    size_t reassignment_known; /* … with a known reassignment_count */
    size_t changes_resolved, changes_successful, changes_failed, changes_backed_out,
        changes_emergency;
    size_t problems_opened, problems_resolved, problems_open_end;
} efficiency_t;

typedef struct metrics {
    metrics_period_t period;
    data_kinds_t kinds; /* which kinds of data the inputs hold (docs/metrics.md §9) */
    /* P is not covered by the data (metrics_blank): every figure from tickets, outages or
     * surveys is null, counts included (metrics_count) */
    int no_data;
    /* availability is measured: outage data exists and P is covered (docs/metrics.md §9); otherwise
     * each service's agreed time is given and every other availability figure is null */
    int availability_measured;
    volumes_t volumes;
    sla_result_t sla;
    time_stats_t response, resolution;
    size_t resolution_hist[RESOLUTION_BINS]; /* wall-clock resolution times of 5.4, binned */
    availability_row_t *availability;
    size_t navailability;
    double overall_availability_pct;
    satisfaction_t satisfaction;
    efficiency_t efficiency;
} metrics_t;

/*
 * Computes every metric of section 5 for the period. Returns a new result; free it with
 * metrics_free. Pure: reads cfg and store only.
 */
metrics_t *metrics_compute(const config_t *cfg, const store_t *store, const tz_t *tz,
                           const metrics_period_t *p);
void metrics_free(metrics_t *m);
/*
 * The same for n periods sharing one as-of, into out[0..n-1]: each visits only the tickets
 * that can count in it, and the periods are shared among the machine's cores (up to
 * METRICS_MAX_THREADS). The results do not depend on the number of threads.
 */
#define METRICS_MAX_THREADS 4
void metrics_compute_many(const config_t *cfg, const store_t *store, const tz_t *tz,
                          const metrics_period_t *periods, size_t n, metrics_t **out);
/*
 * Blanks a result for a period the data does not cover (docs/metrics.md §9): no_data is set and
 * every figure computed from tickets, outages or surveys becomes null (NAN, or -1 for met_target);
 * the agreed service time of each service stays.
 */
void metrics_blank(metrics_t *m);
/* The earliest opened_at of all tickets known at as_of, or TS_NONE. */
ts_t metrics_earliest_opened(const store_t *store, ts_t as_of);

/* The pieces, exposed for unit tests and for metrics.c. */
void metrics_volumes(const store_t *store, const metrics_period_t *p, volumes_t *out);
void metrics_sla(const config_t *cfg, const store_t *store, const tz_t *tz,
                 const metrics_period_t *p, sla_result_t *out, time_stats_t *response,
                 time_stats_t *resolution, size_t resolution_hist[RESOLUTION_BINS]);
void metrics_availability(const config_t *cfg, const store_t *store, const tz_t *tz,
                          const metrics_period_t *p, metrics_t *out);
void metrics_satisfaction(const config_t *cfg, const store_t *store, const metrics_period_t *p,
                          size_t resolved_incidents_requests, satisfaction_t *out);
void metrics_efficiency(const store_t *store, const metrics_period_t *p, efficiency_t *out);
/* Frees the per-service array of a volumes result and empties it (v is the caller's). */
void volumes_clear(volumes_t *v);
/* Frees the per-service and per-group arrays of a satisfaction result and empties them (s is
 * the caller's). */
void satisfaction_clear(satisfaction_t *s);
/* Nearest-rank statistics of n values in whole seconds (the array is reordered). */
void metrics_time_stats(double *seconds, size_t n, time_stats_t *out);
/* Elapsed SLA time of [a, b) on the calendar minus the ticket's paused intervals there. */
int64_t metrics_sla_elapsed(const cfg_calendar_t *cal, const tz_t *tz, const store_t *store,
                            const ticket_t *t, ts_t a, ts_t b);

/* A count of a result as a figure: NAN (null) when P is not covered (metrics_blank). */
static inline double metrics_count(const metrics_t *m, size_t v)
{
    return m->no_data ? NAN : (double)v;
}
/* A problem count: NAN (null) also when no source holds a single problem (docs/metrics.md §9). */
static inline double metrics_problem_count(const metrics_t *m, size_t v)
{
    return m->kinds.problems ? metrics_count(m, v) : NAN;
}
/* Whether satisfaction is measured: a survey source exists (the whole section is null
 * otherwise, docs/metrics.md §9). */
static inline int metrics_satisfaction_measured(const metrics_t *m)
{
    return m->kinds.survey_source;
}

/*
 * One ticket's SLA outcome in P (docs/metrics.md §3, README.md "The workbook"): the very outcome
 * the SLA figures count, so that the workbook's ticket detail and its drill-down sheets agree with
 * them by construction. SLA_OUT_NONE is the empty cell of a ticket outside the measure's
 * population.
 */
typedef enum sla_outcome {
    SLA_OUT_NONE = 0,
    SLA_OUT_MET,
    SLA_OUT_BREACHED,
    SLA_OUT_PENDING,       /* response only: not responded, still inside its target */
    SLA_OUT_NO_TARGET,     /* no target for the kind and priority, or none for this measure */
    SLA_OUT_OPEN_BREACHED, /* resolution only: in the backlog at end, past its target */
    SLA_OUT_OPEN,          /* resolution only: in the backlog at end, not (yet) past it */
    SLA_OUT_COUNT
} sla_outcome_t;
/* "", "met", "breached", "pending", "no_target", "open_breached", "open" */
extern const char *const sla_outcome_names[SLA_OUT_COUNT];

typedef struct ticket_sla {
    const cfg_sla_target_t *target; /* the target that applied; NULL: none */
    sla_outcome_t response, resolution;
    /* seconds on the target's calendar minus pauses: response from opening to the first
     * response (or to min(end, as-of) while none); resolution from opening to resolution (or
     * to min(end, as-of) for the backlog); -1 when the measure has no outcome with a target */
    int64_t response_elapsed, resolution_elapsed;
    /* seconds of the target's calendar that pauses took off the longer of the two measured
     * intervals (elapsed + paused = calendar time); -1 when neither was measured */
    int64_t paused;
} ticket_sla_t;

/*
 * The SLA outcome of ticket t in P into *out (every field set). A ticket that is not an
 * incident or request, is cancelled or is opened after as-of gets SLA_OUT_NONE for both
 * measures. Pure.
 */
void metrics_ticket_sla(const config_t *cfg, const store_t *store, const tz_t *tz,
                        const metrics_period_t *p, const ticket_t *t, ticket_sla_t *out);

/* One record behind a merged outage interval: an outage record or an incident counted as an
 * outage (availability.from_incidents); its interval as measured (open ones to min(end,
 * as-of)), before merging and clipping. */
typedef struct outage_record {
    const outage_t *outage; /* exactly one of the two is set; both point into the store */
    const ticket_t *ticket;
    ts_t start, end;
} outage_record_t;

/* A merged unplanned-outage interval of one service, clipped to P (and as-of). */
typedef struct outage_interval {
    const char *service; /* the availability row's service */
    ts_t start, end;
    int64_t downtime_seconds;      /* on the service's calendar, outside maintenance */
    int counted;                   /* 1 when it counts as an outage (downtime > 0) */
    size_t first_record, nrecords; /* its records that meet it, in outage_detail_t.records */
} outage_interval_t;

typedef struct outage_detail {
    outage_interval_t *intervals; /* by service (availability order), then start; owned */
    size_t nintervals;
    outage_record_t *records; /* owned */
    size_t nrecords;
} outage_detail_t;

/*
 * The merged outage intervals behind m's availability rows (docs/metrics.md §5), with the records
 * each came from, into *out (the caller's; free with outage_detail_clear). The counted intervals of
 * a service are its row's `outages`, their downtimes sum to its `downtime_seconds`. Pure.
 */
void metrics_outage_detail(const config_t *cfg, const store_t *store, const tz_t *tz,
                           const metrics_t *m, outage_detail_t *out);
void outage_detail_clear(outage_detail_t *d);

/* Helpers shared by the metric files (docs/metrics.md: the data as known at as-of). */
static inline int ticket_counts(const ticket_t *t, ts_t as_of)
{
    return t->status != TSTATUS_CANCELLED && t->opened <= as_of;
}
static inline ts_t ticket_resolution(const ticket_t *t, ts_t as_of)
{
    ts_t r = t->resolved != TS_NONE ? t->resolved : t->closed;
    return (r != TS_NONE && r <= as_of) ? r : TS_NONE;
}
static inline ts_t ticket_response(const ticket_t *t, ts_t as_of)
{
    ts_t f =
        (t->first_response != TS_NONE && t->first_response <= as_of) ? t->first_response : TS_NONE;
    ts_t r = ticket_resolution(t, as_of);
    if (f == TS_NONE)
        return r;
    return (r != TS_NONE && r < f) ? r : f;
}
static inline int in_period(ts_t x, const metrics_period_t *p)
{
    return x != TS_NONE && x >= p->start && x < p->end;
}
/* The tickets a metric visits for P: the period's own selection when set, else all. */
static inline size_t period_ntickets(const store_t *s, const metrics_period_t *p)
{
    return p->tickets ? p->ntickets : s->ntickets;
}
static inline const ticket_t *period_ticket(const store_t *s, const metrics_period_t *p, size_t i)
{
    return p->tickets ? &p->tickets[i] : &s->tickets[i];
}
static inline int is_incident_or_request(const ticket_t *t)
{
    return t->kind == KIND_INCIDENT || t->kind == KIND_REQUEST;
}

/* Whether a ticket counts in P for the ticket detail of the workbook (README.md "The workbook"):
 * known at as-of, and opened in P, resolved in P, or an incident or request in the backlog at the
 * end of P (a cancelled ticket only by its opening or resolution). */
static inline int ticket_listed(const ticket_t *t, const metrics_period_t *p)
{
    if (t->opened > p->as_of)
        return 0;
    ts_t res = ticket_resolution(t, p->as_of);
    return in_period(t->opened, p) || in_period(res, p) ||
           (is_incident_or_request(t) && t->status != TSTATUS_CANCELLED && t->opened < p->end &&
            (res == TS_NONE || res >= p->end));
}

#endif
