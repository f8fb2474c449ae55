/*
 * Unit tests: every metric of docs/metrics.md implemented so far, on a fixture whose expected
 * figures are worked out by hand in the comments (UTC report zone, period October 2026, as-of
 * 2026-11-01 06:00 UTC). October 2026 starts on a Thursday; Monday 5 October is a holiday of
 * the business calendar (Mon–Fri 09:00–17:00).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/config_load.h"
#include "metrics/calendar.h"
#include "metrics/metrics.h"

static const char CONFIG[] =
    "timezone: UTC\n"
    "sources: [{file: x.csv, profile: tickets}]\n"
    "calendars:\n"
    "  business:\n"
    "    hours: {mon-fri: \"09:00-17:00\"}\n"
    "    holidays: [2026-10-05]\n"
    "services:\n"
    "  - {name: Email, availability_target: 99.9}\n"
    "  - {name: ERP, calendar: business, availability_target: 99.0}\n"
    "maintenance:\n"
    "  - {service: ERP, start: \"2026-10-10 20:00\", end: \"2026-10-11 02:00\"}\n"
    "sla:\n"
    "  incident:\n"
    "    1: {respond: 15m, resolve: 4h}\n"
    "    3: {respond: 4h, resolve: 16h, calendar: business}\n"
    "  request:\n"
    "    default: {respond: 8h, resolve: 3d, calendar: business}\n"
    "satisfaction: {scale: [1, 5], satisfied_from: 4}\n";

typedef struct fixture {
    config_t *cfg;
    tz_t *tz;
    store_t *store;
    metrics_period_t p;
} fixture_t;

static ts_t T(const char *s)
{
    parsed_time_t pt;
    if (!s)
        return TS_NONE;
    assert_int_equal(timeparse_canonical(s, strlen(s), &pt), 0);
    return pt.seconds; /* the zone is UTC */
}

static ticket_t *add(fixture_t *fx, const char *id, int kind, int prio, const char *opened,
                     const char *resp, const char *resolved, const char *closed)
{
    ticket_t t;
    memset(&t, 0, sizeof t);
    t.id = arena_strdup(fx->store->arena, id);
    t.kind = (int8_t)kind;
    t.priority = (int8_t)prio;
    t.status = TSTATUS_NONE;
    t.opened = T(opened);
    t.first_response = T(resp);
    t.resolved = T(resolved);
    t.closed = T(closed);
    t.reopen_count = t.reassignment_count = -1;
    t.change_type = CHANGE_NONE;
    t.outcome = OUTCOME_NONE;
    t.service = intern(fx->store->strings, "Email", 5);
    return store_add_ticket(fx->store, &t);
}

static void outage(fixture_t *fx, const char *svc, int type, const char *start, const char *end)
{
    outage_t o;
    memset(&o, 0, sizeof o);
    o.service = intern(fx->store->strings, svc, strlen(svc));
    o.type = type;
    o.start = T(start);
    o.end = T(end);
    store_add_outage(fx->store, &o);
}

static void survey(fixture_t *fx, const char *when, double score, int nps)
{
    survey_t s;
    memset(&s, 0, sizeof s);
    s.responded = T(when);
    s.score = score;
    s.nps = nps;
    store_add_survey(fx->store, &s);
}

static int setup(void **state)
{
    fixture_t *fx = calloc(1, sizeof *fx);
    diag_t d = {0};
    assert_int_equal(config_load_buffer("t.yaml", CONFIG, strlen(CONFIG), &fx->cfg, &d), ST_OK);
    assert_int_equal(tz_load("UTC", &fx->tz, &d), ST_OK);
    fx->store = store_new(1);
    fx->p.start = T("2026-10-01 00:00");
    fx->p.end = T("2026-11-01 00:00");
    fx->p.as_of = T("2026-11-01 06:00");
    ticket_t *t;
    /* t1: P1 responded in 10 min (met), resolved in 2 h (met) */
    t = add(fx, "t1", KIND_INCIDENT, 1, "2026-10-02 10:00", "2026-10-02 10:10", "2026-10-02 12:00",
            NULL);
    t->reopen_count = 1, t->reassignment_count = 0;
    /* t2: P1 responded in 20 min (breached), resolved in 5 h (breached) */
    t = add(fx, "t2", KIND_INCIDENT, 1, "2026-10-02 10:00", "2026-10-02 10:20", "2026-10-02 15:00",
            NULL);
    t->reopen_count = 0, t->reassignment_count = 2;
    /* t3: P1 opened 10 min before the end, no response: pending; backlog 0–7 d */
    add(fx, "t3", KIND_INCIDENT, 1, "2026-10-31 23:50", NULL, NULL, NULL);
    /* t4: P1 opened 14 h before the end, no response: breached; backlog, open_breached */
    add(fx, "t4", KIND_INCIDENT, 1, "2026-10-31 10:00", NULL, NULL, NULL);
    /* t5: P3 (business) Fri 16:00 → responded Tue 10:00: 1 h Fri + 0 Mon (holiday) + 1 h Tue
     * = 2 h ≤ 4 h met; resolved Tue 16:00: 1 + 7 = 8 h ≤ 16 h met */
    t = add(fx, "t5", KIND_INCIDENT, 3, "2026-10-02 16:00", "2026-10-06 10:00", "2026-10-06 16:00",
            NULL);
    t->reopen_count = 0;
    /* t6: P3 Thu 09:00 → responded 14:00 (5 h > 4 h breached); resolved Mon 10:00:
     * 8 h Thu + 8 h Fri + 1 h Mon = 17 h > 16 h breached */
    t = add(fx, "t6", KIND_INCIDENT, 3, "2026-10-08 09:00", "2026-10-08 14:00", "2026-10-12 10:00",
            NULL);
    t->reassignment_count = 0;
    /* t7: request without priority → default, row priority null; 1 h met; 5 + 3 = 8 h met */
    t = add(fx, "t7", KIND_REQUEST, 0, "2026-10-14 12:00", "2026-10-14 13:00", "2026-10-15 12:00",
            NULL);
    t->reassignment_count = 0;
    /* t8: request P2 → default target, row priority 2; met, met */
    add(fx, "t8", KIND_REQUEST, 2, "2026-10-20 09:00", "2026-10-20 09:30", "2026-10-20 10:00",
        NULL);
    /* t9: incident P5: no target (incidents have no default); service Wiki (not in catalogue);
     * no first_response_at: first answered by its resolution after 180 min */
    t = add(fx, "t9", KIND_INCIDENT, 5, "2026-10-21 09:00", NULL, "2026-10-21 12:00", NULL);
    t->service = intern(fx->store->strings, "Wiki", 4);
    /* t10: opened before P, resolved in P after 3 h (met); only in resolution figures */
    add(fx, "t10", KIND_INCIDENT, 1, "2026-09-30 22:00", NULL, NULL, "2026-10-01 01:00");
    /* t11: cancelled: counts only as cancelled */
    t = add(fx, "t11", KIND_INCIDENT, 1, "2026-10-03 10:00", NULL, "2026-10-03 11:00", NULL);
    t->status = TSTATUS_CANCELLED;
    /* t12: resolved after as-of: not yet resolved; response in 5 min met; backlog 8–30 d */
    add(fx, "t12", KIND_INCIDENT, 1, "2026-10-04 10:00", "2026-10-04 10:05", "2026-11-01 07:00",
        NULL);
    /* t13: problem opened and resolved in P; t22: older problem still open */
    add(fx, "t13", KIND_PROBLEM, 3, "2026-10-05 10:00", NULL, "2026-10-06 10:00", NULL);
    add(fx, "t22", KIND_PROBLEM, 3, "2026-08-01 10:00", NULL, NULL, NULL);
    /* changes resolved in P: successful (emergency), failed, backed out, cancelled outcome */
    t = add(fx, "t14", KIND_CHANGE, 3, "2026-09-20 10:00", NULL, "2026-10-10 10:00", NULL);
    t->outcome = OUTCOME_SUCCESSFUL, t->change_type = CHANGE_EMERGENCY;
    t = add(fx, "t15", KIND_CHANGE, 3, "2026-10-11 10:00", NULL, "2026-10-12 10:00", NULL);
    t->outcome = OUTCOME_FAILED, t->change_type = CHANGE_NORMAL;
    t = add(fx, "t16", KIND_CHANGE, 3, "2026-10-12 10:00", NULL, "2026-10-13 10:00", NULL);
    t->outcome = OUTCOME_BACKED_OUT;
    t = add(fx, "t17", KIND_CHANGE, 3, "2026-10-13 10:00", NULL, "2026-10-14 10:00", NULL);
    t->outcome = OUTCOME_CANCELLED;
    /* t18: opened after as-of: ignored everywhere */
    add(fx, "t18", KIND_INCIDENT, 1, "2026-11-01 07:00", NULL, NULL, NULL);
    /* t19: July backlog, 109 days old at the end: d90_plus, open_breached */
    add(fx, "t19", KIND_INCIDENT, 1, "2026-07-15 00:00", NULL, NULL, NULL);
    /* t20: request opened Sat 24 Oct, no response; business time to the end: Mon–Fri 26–30
     * = 40 h > 8 h breached; 40 h ≤ 72 h: not open_breached; backlog age 7.6 d: d8_30 */
    add(fx, "t20", KIND_REQUEST, 0, "2026-10-24 10:00", NULL, NULL, NULL);
    /* t21: P1 aged exactly 7 days at the end: d0_7; response breached; open_breached */
    add(fx, "t21", KIND_INCIDENT, 1, "2026-10-25 00:00", NULL, NULL, NULL);

    /* Email: outages 10:00–11:00 and 10:30–12:00 overlap → 120 min; a degradation (not
     * counted); one from 30 Sep 23:00 clipped to 60 min; two touching halves → one 60 min
     * outage; planned 25 Oct 00:00–04:00 with an outage 03:00–05:00 → 60 min outside it. */
    outage(fx, "Email", OUTAGE_OUTAGE, "2026-10-10 10:00", "2026-10-10 11:00");
    outage(fx, "Email", OUTAGE_OUTAGE, "2026-10-10 10:30", "2026-10-10 12:00");
    outage(fx, "Email", OUTAGE_DEGRADATION, "2026-10-12 08:00", "2026-10-12 09:00");
    outage(fx, "Email", OUTAGE_OUTAGE, "2026-09-30 23:00", "2026-10-01 01:00");
    outage(fx, "Email", OUTAGE_OUTAGE, "2026-10-20 12:00", "2026-10-20 12:30");
    outage(fx, "Email", OUTAGE_OUTAGE, "2026-10-20 12:30", "2026-10-20 13:00");
    outage(fx, "Email", OUTAGE_PLANNED, "2026-10-25 00:00", "2026-10-25 04:00");
    outage(fx, "Email", OUTAGE_OUTAGE, "2026-10-25 03:00", "2026-10-25 05:00");
    /* ERP (business): Fri 16:00 → Mon 10:00 = 1 h + 1 h on the calendar */
    outage(fx, "ERP", OUTAGE_OUTAGE, "2026-10-16 16:00", "2026-10-19 10:00");
    /* Printing: not in the catalogue, 10 min */
    outage(fx, "Printing", OUTAGE_OUTAGE, "2026-10-15 10:00", "2026-10-15 10:10");

    survey(fx, "2026-10-03 10:00", 5, 10);
    survey(fx, "2026-10-04 10:00", 4, 8);
    survey(fx, "2026-10-05 10:00", 2, 3);
    survey(fx, "2026-10-06 10:00", 3, -1);
    survey(fx, "2026-10-07 10:00", NAN, 9);
    survey(fx, "2026-09-30 10:00", 1, 0); /* before P */
    survey(fx, "2026-11-01 07:00", 1, 0); /* after P and as-of */
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *fx = *state;
    store_free(fx->store);
    tz_free(fx->tz);
    config_free(fx->cfg);
    free(fx);
    return 0;
}

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void test_volumes(void **state)
{
    fixture_t *fx = *state;
    volumes_t v;
    metrics_volumes(fx->store, &fx->p, &v);
    /* incidents t1 t2 t3 t4 t5 t6 t9 t12 t21, requests t7 t8 t20, problem t13,
     * changes t15 t16 t17 */
    assert_int_equal(v.by_kind[KIND_INCIDENT], 9);
    assert_int_equal(v.by_kind[KIND_REQUEST], 3);
    assert_int_equal(v.by_kind[KIND_PROBLEM], 1);
    assert_int_equal(v.by_kind[KIND_CHANGE], 3);
    assert_int_equal(v.opened, 16);
    assert_int_equal(v.cancelled, 1);
    /* t1 t2 t5 t6 t7 t8 t9 t10, t13, t14 t15 t16 t17 */
    assert_int_equal(v.resolved, 13);
    /* t3 t4 t12 t19 t20 t21 */
    assert_int_equal(v.backlog_end, 6);
    assert_int_equal(v.aging[0], 3); /* t3, t4, t21 (exactly 7 days) */
    assert_int_equal(v.aging[1], 2); /* t12, t20 */
    assert_int_equal(v.aging[2], 0);
    assert_int_equal(v.aging[3], 1); /* t19 */
    /* all opened in P name Email, but t9 (Wiki) */
    assert_int_equal(v.nby_service, 2);
    assert_string_equal(v.by_service[0].service, "Email");
    assert_int_equal(v.by_service[0].total, 15);
    assert_int_equal(v.by_service[0].by_kind[KIND_CHANGE], 3);
    assert_string_equal(v.by_service[1].service, "Wiki");
    assert_int_equal(v.by_service[1].total, 1);
    volumes_clear(&v);
}

static void test_sla(void **state)
{
    fixture_t *fx = *state;
    sla_result_t s;
    time_stats_t resp, res;
    size_t hist[RESOLUTION_BINS];
    metrics_sla(fx->cfg, fx->store, fx->tz, &fx->p, &s, &resp, &res, hist);
    assert_int_equal(s.nrows, 4);
    /* incident P1: response met t1 t12, breached t2 t4 t21, pending t3;
     * resolution met t1 t10, breached t2 */
    assert_int_equal(s.rows[0].kind, KIND_INCIDENT);
    assert_int_equal(s.rows[0].priority, 1);
    assert_int_equal(s.rows[0].resp_met, 2);
    assert_int_equal(s.rows[0].resp_breached, 3);
    assert_int_equal(s.rows[0].resp_pending, 1);
    NEAR(s.rows[0].resp_pct, 40.0);
    assert_int_equal(s.rows[0].res_met, 2);
    assert_int_equal(s.rows[0].res_breached, 1);
    NEAR(s.rows[0].res_pct, 200.0 / 3.0);
    /* incident P3 on the business calendar: t5 met/met, t6 breached/breached */
    assert_int_equal(s.rows[1].priority, 3);
    assert_int_equal(s.rows[1].resp_met, 1);
    assert_int_equal(s.rows[1].resp_breached, 1);
    assert_int_equal(s.rows[1].res_met, 1);
    assert_int_equal(s.rows[1].res_breached, 1);
    /* request P2 (via default), then request null last */
    assert_int_equal(s.rows[2].kind, KIND_REQUEST);
    assert_int_equal(s.rows[2].priority, 2);
    NEAR(s.rows[2].resp_pct, 100.0);
    assert_int_equal(s.rows[3].kind, KIND_REQUEST);
    assert_int_equal(s.rows[3].priority, 0);
    assert_int_equal(s.rows[3].resp_met, 1);
    assert_int_equal(s.rows[3].resp_breached, 1);
    assert_int_equal(s.rows[3].res_met, 1);
    /* totals: response 5 met / 5 breached; resolution 5 met / 2 breached */
    NEAR(s.response_attainment_pct, 50.0);
    NEAR(s.resolution_attainment_pct, 500.0 / 7.0);
    assert_int_equal(s.resp_pending, 1);
    assert_int_equal(s.no_target, 1);     /* t9 */
    assert_int_equal(s.open_breached, 4); /* t4 t12 t19 t21 */
    /* wall-clock times (minutes): responses t12 5, t1 10, t2 20, t8 30, t7 60, t9 180,
     * t6 300, t5 5400 (Fri 16:00 → Tue 10:00 = 90 h) */
    assert_int_equal(resp.n, 8);
    NEAR(resp.mean, 6005.0 / 8.0);
    NEAR(resp.median, 30.0); /* x[ceil(0.5·8)] = x4, no averaging */
    NEAR(resp.p90, 5400.0);  /* x[ceil(0.9·8)] = x8 */
    /* resolutions 60 120 180 180 300 1440 5760 5820 */
    assert_int_equal(res.n, 8);
    /* bins: <1h none; 1–4h: 60,120,180,180; 4–8h: 300; 8–24h: none; 1–3d: 1440; 3–7d: 5760,5820 */
    size_t want[RESOLUTION_BINS] = {0, 4, 1, 0, 1, 2, 0};
    assert_memory_equal(hist, want, sizeof want);
    NEAR(res.mean, 13860.0 / 8.0);
    NEAR(res.median, 180.0);
    NEAR(res.p90, 5820.0);
    free(s.rows);
}

static void test_sla_empty_period(void **state)
{
    fixture_t *fx = *state;
    metrics_period_t p = {T("2027-01-01 00:00"), T("2027-02-01 00:00"), fx->p.as_of, NULL, 0};
    sla_result_t s;
    time_stats_t resp, res;
    size_t hist[RESOLUTION_BINS];
    metrics_sla(fx->cfg, fx->store, fx->tz, &p, &s, &resp, &res, hist);
    assert_true(isnan(s.response_attainment_pct)); /* null, never 0 or 100 */
    assert_true(isnan(s.resolution_attainment_pct));
    assert_int_equal(resp.n, 0);
    assert_true(isnan(resp.median));
    assert_int_equal(s.nrows, 0);
    free(s.rows);
}

static void test_percentiles(void **state)
{
    (void)state;
    double one[] = {120};
    time_stats_t st;
    metrics_time_stats(one, 1, &st);
    NEAR(st.median, 2.0);
    NEAR(st.p90, 2.0);
    double ten[] = {600, 60, 540, 120, 480, 180, 420, 240, 360, 300}; /* 1..10 minutes ×60 */
    metrics_time_stats(ten, 10, &st);
    NEAR(st.median, 5.0); /* x5 */
    NEAR(st.p90, 9.0);    /* x9 */
    NEAR(st.mean, 5.5);
    double three[] = {180, 60, 120};
    metrics_time_stats(three, 3, &st);
    NEAR(st.median, 2.0); /* x2 */
    NEAR(st.p90, 3.0);    /* x[ceil(2.7)] = x3 */
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The percentiles are found by selection, not by sorting: on every size up to 2,000 and on
 * random, few-valued, sorted, reversed, constant and organ-pipe values, the median and p90
 * equal the nearest-rank values of the sorted array, and the mean is exact. */
static void test_percentiles_by_selection(void **state)
{
    (void)state;
    uint64_t x = 99;
    double *v = malloc(2000 * sizeof(double)), *sorted = malloc(2000 * sizeof(double));
    for (size_t n = 1; n <= 2000; n += n < 100 ? 1 : 37) {
        for (int pattern = 0; pattern < 6; pattern++) {
            double sum = 0;
            for (size_t i = 0; i < n; i++) {
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                double val = pattern == 0   ? (double)(x >> 40)
                             : pattern == 1 ? (double)((x >> 40) % 4) * 60
                             : pattern == 2 ? (double)i
                             : pattern == 3 ? (double)(n - i)
                             : pattern == 4 ? 300.0
                                            : (double)(i < n / 2 ? i : n - i);
                v[i] = sorted[i] = val;
                sum += val;
            }
            qsort(sorted, n, sizeof(double), cmp_double);
            time_stats_t st;
            metrics_time_stats(v, n, &st);
            size_t k50 = (50 * n + 99) / 100, k90 = (90 * n + 99) / 100;
            assert_true(st.median == sorted[k50 - 1] / 60.0);
            assert_true(st.p90 == sorted[k90 - 1] / 60.0);
            assert_true(st.mean == sum / (double)n / 60.0);
        }
    }
    free(v);
    free(sorted);
}

static void test_availability(void **state)
{
    fixture_t *fx = *state;
    metrics_t m;
    memset(&m, 0, sizeof m);
    metrics_availability(fx->cfg, fx->store, fx->tz, &fx->p, &m);
    assert_int_equal(m.navailability, 4); /* Email, ERP, then Printing and Wiki by name */
    availability_row_t *e = &m.availability[0];
    assert_string_equal(e->service, "Email");
    /* AST = 44 640 min − 240 min planned = 44 400; downtime 120 + 60 + 60 + 60 = 300 */
    assert_int_equal(e->agreed_seconds, 44400 * 60);
    assert_int_equal(e->downtime_seconds, 300 * 60);
    assert_int_equal(e->outages, 4);
    NEAR(e->availability_pct, 100.0 * 44100.0 / 44400.0);
    assert_int_equal(e->met_target, 0);
    NEAR(e->mtrs_minutes, 75.0);
    NEAR(e->mtbf_minutes, 11025.0);
    NEAR(e->mtbsi_minutes, 11100.0);
    availability_row_t *r = &m.availability[1];
    assert_string_equal(r->service, "ERP");
    assert_string_equal(r->calendar, "business");
    /* 21 working days (22 weekdays less the holiday) × 8 h; maintenance on a Saturday night
     * is outside the calendar; the outage counts 1 h Friday + 1 h Monday */
    assert_int_equal(r->agreed_seconds, 10080 * 60);
    assert_int_equal(r->downtime_seconds, 120 * 60);
    NEAR(r->availability_pct, 100.0 * 9960.0 / 10080.0);
    assert_int_equal(r->met_target, 0);
    availability_row_t *pr = &m.availability[2];
    assert_string_equal(pr->service, "Printing");
    assert_int_equal(pr->in_catalogue, 0);
    assert_true(pr->target_pct == 99.5); /* service_defaults */
    assert_int_equal(pr->downtime_seconds, 600);
    assert_int_equal(pr->met_target, 1);
    availability_row_t *w = &m.availability[3];
    assert_string_equal(w->service, "Wiki");
    NEAR(w->availability_pct, 100.0);
    assert_int_equal(w->outages, 0);
    assert_true(isnan(w->mtrs_minutes));
    /* two services outside the catalogue (the report groups them in one warning) */
    assert_int_equal(m.availability[2].in_catalogue + m.availability[3].in_catalogue, 0);
    /* AST-weighted overall: (44100 + 9960 + 44630 + 44640) / (44400 + 10080 + 44640 + 44640) */
    NEAR(m.overall_availability_pct, 100.0 * 143330.0 / 143760.0);
    free(m.availability);
}

static void test_availability_running_period(void **state)
{
    fixture_t *fx = *state;
    /* November, as-of 1 Nov 06:00: measured to as-of; an ongoing outage since 05:00 */
    outage(fx, "Email", OUTAGE_OUTAGE, "2026-11-01 05:00", NULL);
    metrics_period_t p = {T("2026-11-01 00:00"), T("2026-12-01 00:00"), fx->p.as_of, NULL, 0};
    metrics_t m;
    memset(&m, 0, sizeof m);
    metrics_availability(fx->cfg, fx->store, fx->tz, &p, &m);
    assert_int_equal(m.availability[0].agreed_seconds, 6 * 3600);
    assert_int_equal(m.availability[0].downtime_seconds, 3600);
    NEAR(m.availability[0].availability_pct, 500.0 / 6.0);
    /* ERP: Sunday, nothing on the calendar yet: null, not 100 */
    assert_int_equal(m.availability[1].agreed_seconds, 0);
    assert_true(isnan(m.availability[1].availability_pct));
    assert_int_equal(m.availability[1].met_target, -1);
    free(m.availability);
}

static void test_satisfaction_efficiency(void **state)
{
    fixture_t *fx = *state;
    satisfaction_t s;
    metrics_satisfaction(fx->cfg, fx->store, &fx->p, 8, &s);
    assert_int_equal(s.responses, 5);
    NEAR(s.csat_pct, 50.0); /* 5 and 4 of four scores */
    NEAR(s.csat_mean, 3.5); /* (5 + 4 + 2 + 3) / 4 */
    NEAR(s.nps, 25.0);      /* (2 promoters − 1 detractor) / 4 */
    NEAR(s.response_rate_pct, 62.5);
    assert_int_equal(s.unjoined, 5); /* the fixture's surveys name no ticket */
    assert_int_equal(s.nby_service, 0);
    satisfaction_clear(&s);
    metrics_satisfaction(fx->cfg, fx->store, &fx->p, 0, &s);
    assert_true(isnan(s.response_rate_pct));
    satisfaction_clear(&s);
    /* joined by ticket id: t1 (Email, no group) scores 5; t9 (Wiki) scores 2 and 4 */
    fx->store->tickets[store_find_ticket(fx->store, "t1")].group =
        intern(fx->store->strings, "Desk", 4);
    survey(fx, "2026-10-08 10:00", 5, -1);
    fx->store->surveys[fx->store->nsurveys - 1].ticket_id = "t1";
    survey(fx, "2026-10-09 10:00", 2, -1);
    fx->store->surveys[fx->store->nsurveys - 1].ticket_id = "t9";
    survey(fx, "2026-10-09 11:00", 4, -1);
    fx->store->surveys[fx->store->nsurveys - 1].ticket_id = "t9";
    survey(fx, "2026-10-09 12:00", 4, -1);
    fx->store->surveys[fx->store->nsurveys - 1].ticket_id = "no-such-ticket";
    metrics_satisfaction(fx->cfg, fx->store, &fx->p, 8, &s);
    assert_int_equal(s.responses, 9);
    assert_int_equal(s.unjoined, 6);
    assert_int_equal(s.nby_service, 2);
    assert_string_equal(s.by_service[0].name, "Email");
    NEAR(s.by_service[0].csat_pct, 100.0);
    assert_string_equal(s.by_service[1].name, "Wiki");
    assert_int_equal(s.by_service[1].responses, 2);
    NEAR(s.by_service[1].csat_pct, 50.0);
    NEAR(s.by_service[1].csat_mean, 3.0);
    assert_int_equal(s.nby_group, 1);
    assert_string_equal(s.by_group[0].name, "Desk");
    satisfaction_clear(&s);

    efficiency_t e;
    metrics_efficiency(fx->store, &fx->p, &e);
    NEAR(e.reopen_rate_pct, 100.0 / 3.0);          /* t1 of t1 t2 t5 */
    NEAR(e.first_assignment_resolution_pct, 75.0); /* t1 t6 t7 of t1 t2 t6 t7 */
    assert_int_equal(e.reopen_known, 3);           /* the denominators (the KPIs' n) */
    assert_int_equal(e.reassignment_known, 4);
    NEAR(e.change_success_pct, 100.0 / 3.0); /* 1 of successful+failed+backed out */
    NEAR(e.emergency_change_pct, 25.0);      /* 1 of 4 changes resolved in P */
    assert_int_equal(e.problems_opened, 1);
    assert_int_equal(e.problems_resolved, 1);
    assert_int_equal(e.problems_open_end, 1);
}

/* Many services and groups: past a few, the parts (satisfaction) and the services outside the
 * catalogue (availability) are found through an index; the figures are the same as a walk's:
 * each name once, every response and ticket counted in its own part. */
static void test_many_names(void **state)
{
    fixture_t *fx = *state;
    store_free(fx->store);
    fx->store = store_new(1);
    char id[16], name[32];
    for (int i = 0; i < 60; i++) {
        snprintf(id, sizeof id, "m%d", i);
        ticket_t *t =
            add(fx, id, KIND_INCIDENT, 3, "2026-10-05 10:00", NULL, "2026-10-05 12:00", NULL);
        snprintf(name, sizeof name, "Service %02d", i % 40); /* 40 services, some twice */
        t->service = intern(fx->store->strings, name, strlen(name));
        snprintf(name, sizeof name, "Group %02d", i % 25);
        t->group = intern(fx->store->strings, name, strlen(name));
        survey(fx, "2026-10-06 10:00", i % 2 ? 5 : 2, -1);
        fx->store->surveys[fx->store->nsurveys - 1].ticket_id = t->id;
    }
    satisfaction_t s;
    metrics_satisfaction(fx->cfg, fx->store, &fx->p, 60, &s);
    assert_int_equal(s.nby_service, 40);
    assert_int_equal(s.nby_group, 25);
    size_t responses = 0;
    for (size_t i = 0; i < s.nby_service; i++) {
        snprintf(name, sizeof name, "Service %02zu", i); /* sorted by name */
        assert_string_equal(s.by_service[i].name, name);
        assert_int_equal(s.by_service[i].responses, i < 20 ? 2 : 1);
        responses += s.by_service[i].responses;
    }
    assert_int_equal(responses, 60);
    /* Group 00 holds m0, m25, m50: scores 2, 5, 2 */
    assert_int_equal(s.by_group[0].responses, 3);
    NEAR(s.by_group[0].csat_pct, 100.0 / 3.0);
    satisfaction_clear(&s);
    metrics_t *m = metrics_compute(fx->cfg, fx->store, fx->tz, &fx->p);
    assert_int_equal(m->navailability, fx->cfg->nservices + 40);
    for (size_t k = fx->cfg->nservices; k < m->navailability; k++) {
        snprintf(name, sizeof name, "Service %02zu", k - fx->cfg->nservices);
        assert_string_equal(m->availability[k].service, name);
        assert_int_equal(m->availability[k].in_catalogue, 0);
    }
    metrics_free(m);
}

/* Service names are interned, and volumes, availability and coverage remember the strings
 * they met by address: 75 names over 300 tickets (more names than any such cache holds), every
 * third ticket naming its service by a copy of the string instead (equal text, another
 * address), every tenth ticket Email (in the catalogue). Each figure must be the one a
 * comparison of the texts gives. */
static void test_names_by_address(void **state)
{
    fixture_t *fx = *state;
    store_free(fx->store);
    fx->store = store_new(1);
    char id[16], name[32];
    size_t want[75] = {0}, email = 0;
    for (int i = 0; i < 300; i++) {
        snprintf(id, sizeof id, "n%d", i);
        ticket_t *t =
            add(fx, id, KIND_INCIDENT, 3, "2026-10-05 10:00", NULL, "2026-10-05 12:00", NULL);
        if (i % 10 == 0) {
            email++; /* add() named Email */
            continue;
        }
        snprintf(name, sizeof name, "Svc %02d", i % 75);
        t->service = i % 3 ? intern(fx->store->strings, name, strlen(name))
                           : arena_strdup(fx->store->arena, name);
        want[i % 75]++;
    }
    volumes_t v;
    metrics_volumes(fx->store, &fx->p, &v);
    assert_int_equal(v.opened, 300);
    assert_int_equal(v.nby_service, 76);
    size_t seen = 0;
    for (size_t k = 0; k < v.nby_service; k++) {
        const service_volume_t *sv = &v.by_service[k];
        if (!strcmp(sv->service, "Email")) {
            assert_int_equal(sv->total, email);
        } else {
            int j = atoi(sv->service + 4);
            assert_int_equal(sv->total, want[j]);
            assert_int_equal(sv->by_kind[KIND_INCIDENT], want[j]);
        }
        seen += sv->total;
    }
    assert_int_equal(seen, 300);
    volumes_clear(&v);
    /* availability: the 75 names outside the catalogue, each once, sorted */
    metrics_t *m = metrics_compute(fx->cfg, fx->store, fx->tz, &fx->p);
    assert_int_equal(m->navailability, fx->cfg->nservices + 75);
    for (size_t k = fx->cfg->nservices; k < m->navailability; k++) {
        snprintf(name, sizeof name, "Svc %02zu", k - fx->cfg->nservices);
        assert_string_equal(m->availability[k].service, name);
    }
    metrics_free(m);
    /* coverage: ERP is named by no ticket, then by a copy of its name on the last one */
    coverage_report_t c = {0};
    coverage_compute(fx->cfg, fx->store, fx->p.start, fx->p.end, fx->p.as_of, &c);
    assert_int_equal(c.nabsent, 1);
    assert_string_equal(c.absent[0], "ERP");
    coverage_clear(&c);
    ticket_t *t =
        add(fx, "erp", KIND_INCIDENT, 3, "2026-10-06 10:00", NULL, "2026-10-06 12:00", NULL);
    t->service = arena_strdup(fx->store->arena, "ERP");
    coverage_compute(fx->cfg, fx->store, fx->p.start, fx->p.end, fx->p.as_of, &c);
    assert_int_equal(c.nabsent, 0);
    assert_int_equal(c.in_period[0], 301);
    assert_int_equal(c.sources[0].first, T("2026-10-05 10:00"));
    assert_int_equal(c.sources[0].last, T("2026-10-06 12:00"));
    coverage_clear(&c);
    /* the same pass counts and spans: one ticket before the period (in the span, not counted),
     * one after as-of (neither), one answered after as-of (its opening only) */
    add(fx, "sep", KIND_INCIDENT, 3, "2026-09-20 10:00", NULL, "2026-09-21 10:00", NULL);
    add(fx, "late", KIND_INCIDENT, 3, "2026-11-02 10:00", NULL, NULL, NULL);
    add(fx, "open", KIND_INCIDENT, 3, "2026-10-20 10:00", "2026-11-03 10:00", NULL, NULL);
    coverage_compute(fx->cfg, fx->store, fx->p.start, fx->p.end, fx->p.as_of, &c);
    assert_int_equal(c.in_period[0], 302);
    assert_int_equal(c.sources[0].first, T("2026-09-20 10:00"));
    assert_int_equal(c.sources[0].last, T("2026-10-20 10:00"));
    coverage_clear(&c);
}

static void test_calendar(void **state)
{
    fixture_t *fx = *state;
    const cfg_calendar_t *biz = config_calendar(fx->cfg, "business");
    const cfg_calendar_t *all = config_calendar(fx->cfg, "24x7");
    /* Fri 2 Oct 12:00 → Tue 6 Oct 12:00: 5 h Fri + Mon holiday + 3 h Tue */
    assert_int_equal(calendar_seconds(biz, fx->tz, T("2026-10-02 12:00"), T("2026-10-06 12:00")),
                     8 * 3600);
    assert_int_equal(calendar_seconds(biz, fx->tz, T("2026-10-03 00:00"), T("2026-10-04 23:59")),
                     0);
    assert_int_equal(calendar_seconds(biz, fx->tz, T("2026-10-06 12:00"), T("2026-10-02 12:00")),
                     0);
    assert_int_equal(calendar_seconds(all, fx->tz, T("2026-10-06 12:00"), T("2026-10-06 12:01")),
                     60);
    tz_t *berlin = NULL;
    diag_t d = {0};
    assert_int_equal(tz_load("Europe/Berlin", &berlin, &d), ST_OK);
    /* 24x7 local days at the DST changes last 23 and 25 hours */
    ts_t mar29 = tz_day_start(berlin, days_from_civil(2026, 3, 29));
    ts_t mar30 = tz_day_start(berlin, days_from_civil(2026, 3, 30));
    ts_t oct25 = tz_day_start(berlin, days_from_civil(2026, 10, 25));
    ts_t oct26 = tz_day_start(berlin, days_from_civil(2026, 10, 26));
    assert_int_equal(calendar_seconds(all, berlin, mar29, mar30), 23 * 3600);
    assert_int_equal(calendar_seconds(all, berlin, oct25, oct26), 25 * 3600);
    /* business hours are local: Monday after the change still has 8 open hours */
    ts_t mar31 = tz_day_start(berlin, days_from_civil(2026, 3, 31));
    assert_int_equal(calendar_seconds(biz, berlin, mar30, mar31), 8 * 3600);
    /* a week Mon 26 Oct – Mon 2 Nov in Berlin: 5 × 8 h */
    ts_t nov2 = tz_day_start(berlin, days_from_civil(2026, 11, 2));
    assert_int_equal(calendar_seconds(biz, berlin, oct26, nov2), 40 * 3600);
    tz_free(berlin);
}

/* The reference: count minute by minute the instants whose local time is open. */
static int64_t reference_seconds(const cfg_calendar_t *cal, const tz_t *tz, ts_t a, ts_t b)
{
    int64_t total = 0;
    for (ts_t t = a; t < b; t += 60) {
        int64_t local = t + tz_offset_at(tz, t);
        int64_t day = floor_div(local, 86400), min = (local - day * 86400) / 60;
        int wd = weekday_from_days(day);
        if (calendar_is_holiday(cal, day))
            continue;
        for (size_t i = 0; i < cal->nhours[wd]; i++)
            if (min >= cal->hours[wd][i].start_min && min < cal->hours[wd][i].end_min)
                total += 60;
    }
    return total;
}

static void test_calendar_property(void **state)
{
    (void)state;
    static const char text[] =
        "timezone: Europe/Berlin\nsources: [{file: x.csv, profile: tickets}]\n"
        "calendars:\n"
        "  odd:\n"
        "    hours: {mon-fri: \"08:00-12:00,13:00-17:30\", sat: \"00:00-24:00\", sun: "
        "\"01:30-02:45\"}\n"
        "    holidays: [2026-01-01, 2026-03-29, 2026-05-01, 2026-10-26, 2026-12-24, 2026-12-25]\n";
    config_t *cfg = NULL;
    diag_t d = {0};
    assert_int_equal(config_load_buffer("t.yaml", text, strlen(text), &cfg, &d), ST_OK);
    tz_t *tz = NULL;
    assert_int_equal(tz_load("Europe/Berlin", &tz, &d), ST_OK);
    const cfg_calendar_t *cal = config_calendar(cfg, "odd");
    /* a fixed linear congruential sequence: the same cases every run */
    uint64_t x = 20261124;
    const ts_t base = 1767222000; /* 2026-01-01T00:00+01:00 */
    for (int i = 0; i < 300; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        ts_t a = base + (ts_t)((x >> 20) % (360 * 1440)) * 60;
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        int64_t len = (int64_t)((x >> 20) % (i % 3 == 0 ? 60 * 1440 : 3 * 1440)) * 60;
        int64_t fast = calendar_seconds(cal, tz, a, a + len);
        int64_t ref = reference_seconds(cal, tz, a, a + len);
        if (fast != ref)
            fail_msg("[%lld, +%lld s): fast %lld, reference %lld", (long long)a, (long long)len,
                     (long long)fast, (long long)ref);
        /* the inverse lands exactly on the target */
        if (fast > 0) {
            ts_t due = calendar_add(cal, tz, a, fast);
            assert_int_equal(calendar_seconds(cal, tz, a, due), fast);
            assert_true(calendar_seconds(cal, tz, a, due - 1) < fast);
        }
    }
    /* Sunday 25 October 2026: 02:00–02:45 happens twice (CEST then CET) and is open each time:
     * 01:30–02:00 CEST + 02:00–02:45 CEST + 02:00–02:45 CET = 30 + 45 + 45 min */
    ts_t oct25 = tz_day_start(tz, days_from_civil(2026, 10, 25));
    assert_int_equal(calendar_seconds(cal, tz, oct25, oct25 + 86400 + 3600), 120 * 60);
    /* Sunday 29 March 2026 is a holiday here; the next spring change, 28 March 2027, is not:
     * 01:30–02:00 CET, then 02:00–02:45 does not exist: 30 min */
    ts_t mar28 = tz_day_start(tz, days_from_civil(2027, 3, 28));
    assert_int_equal(calendar_seconds(cal, tz, mar28, mar28 + 23 * 3600), 30 * 60);
    /* a year: 365 days in one call, equal to the sum of its months */
    int64_t year = calendar_seconds(cal, tz, base, tz_day_start(tz, days_from_civil(2027, 1, 1)));
    int64_t months = 0;
    for (int m = 1; m <= 12; m++)
        months += calendar_seconds(cal, tz, tz_day_start(tz, days_from_civil(2026, m, 1)),
                                   tz_day_start(tz, m == 12 ? days_from_civil(2027, 1, 1)
                                                            : days_from_civil(2026, m + 1, 1)));
    assert_int_equal(year, months);
    /* never open: no due time */
    static const char closed[] = "sources: [{file: x.csv, profile: tickets}]\n"
                                 "calendars: {never: {hours: {mon: closed}}}\n";
    config_t *c2 = NULL;
    assert_int_equal(config_load_buffer("t.yaml", closed, strlen(closed), &c2, &d), ST_OK);
    assert_int_equal(calendar_add(config_calendar(c2, "never"), tz, base, 60), TS_NONE);
    config_free(c2);
    tz_free(tz);
    config_free(cfg);
}

/* Many holidays, some listed twice: the open time they remove is taken from sums built by
 * config_index (two look-ups by date); the walk over every holiday in the interval, which a
 * calendar without sums still takes, gives the same seconds. */
static void test_calendar_holiday_sums(void **state)
{
    (void)state;
    strbuf_t text = {0};
    strbuf_puts(&text, "timezone: Europe/Berlin\nsources: [{file: x.csv, profile: tickets}]\n"
                       "calendars:\n  biz:\n    hours: {mon-fri: \"08:00-18:00\", sat: "
                       "\"10:00-12:00\"}\n    holidays: [");
    /* every third day of 2020-2039, and each tenth of them twice */
    int n = 0;
    for (int64_t day = days_from_civil(2020, 1, 1); day < days_from_civil(2040, 1, 1); day += 3) {
        int64_t y;
        int m, dd;
        civil_from_days(day, &y, &m, &dd);
        for (int k = 0; k < (n % 10 == 0 ? 2 : 1); k++)
            strbuf_printf(&text, "%s%04d-%02d-%02d", n || k ? ", " : "", (int)y, m, dd);
        n++;
    }
    strbuf_puts(&text, "]\n");
    config_t *cfg = NULL;
    diag_t d = {0};
    assert_int_equal(config_load_buffer("t.yaml", text.data, text.len, &cfg, &d), ST_OK);
    strbuf_clear(&text);
    tz_t *tz = NULL;
    assert_int_equal(tz_load("Europe/Berlin", &tz, &d), ST_OK);
    cfg_calendar_t *cal = (cfg_calendar_t *)config_calendar(cfg, "biz");
    assert_non_null(cal->holiday_open);
    assert_true(cal->nholidays > 2400);
    int64_t *sums = cal->holiday_open;
    uint64_t x = 77;
    const ts_t base = 1577833200; /* 2020-01-01T00:00+01:00 */
    for (int i = 0; i < 400; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        ts_t a = base - 86400 * 30 + (ts_t)((x >> 20) % (21 * 366 * 1440)) * 60;
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        int64_t len = (int64_t)((x >> 20) % (i % 2 ? 5 * 366 * 1440 : 20 * 1440)) * 60;
        cal->holiday_open = sums;
        int64_t by_sums = calendar_seconds(cal, tz, a, a + len);
        cal->holiday_open = NULL;
        int64_t by_walk = calendar_seconds(cal, tz, a, a + len);
        if (by_sums != by_walk)
            fail_msg("[%lld, +%lld s): sums %lld, walk %lld", (long long)a, (long long)len,
                     (long long)by_sums, (long long)by_walk);
    }
    cal->holiday_open = sums;
    /* by hand: Wed 2020-01-01 is a holiday (listed twice), Thu 2 and Fri 3 are not, Sat 4 is:
     * the week from Wed to Tue, 7 Jan: Thu 10 h + Fri 10 h + Mon 6 10 h + Tue 7 is a holiday
     * (1 + 3·2) = 30 h */
    assert_int_equal(calendar_is_holiday(cal, days_from_civil(2020, 1, 7)), 1);
    assert_int_equal(calendar_seconds(cal, tz, base, base + 7 * 86400), 30 * 3600);
    tz_free(tz);
    config_free(cfg);
}

static void test_sla_target_edges(void **state)
{
    fixture_t *fx = *state;
    /* a P1 response exactly at 15 minutes is met; one second more is breached;
     * resolution exactly at 4 h met, 4 h + 1 s breached */
    store_free(fx->store);
    fx->store = store_new(1);
    add(fx, "e1", KIND_INCIDENT, 1, "2026-10-05 10:00", "2026-10-05 10:15", "2026-10-05 14:00",
        NULL);
    ticket_t *t = add(fx, "e2", KIND_INCIDENT, 1, "2026-10-05 10:00", NULL, NULL, NULL);
    t->first_response = T("2026-10-05 10:15") + 1;
    t->resolved = T("2026-10-05 14:00") + 1;
    /* a P3 (business) request spanning the weekend and the Monday holiday: Fri 16:00 → Tue
     * 12:00 = 1 h + 3 h = 4 h: its 4 h target exactly met */
    add(fx, "e3", KIND_INCIDENT, 3, "2026-10-02 16:00", "2026-10-06 12:00", NULL, NULL);
    sla_result_t s;
    time_stats_t resp, res;
    size_t hist[RESOLUTION_BINS];
    metrics_sla(fx->cfg, fx->store, fx->tz, &fx->p, &s, &resp, &res, hist);
    assert_int_equal(s.rows[0].resp_met, 1);
    assert_int_equal(s.rows[0].resp_breached, 1);
    assert_int_equal(s.rows[0].res_met, 1);
    assert_int_equal(s.rows[0].res_breached, 1);
    assert_int_equal(s.rows[1].resp_met, 1);
    /* n = 2: the median is x1 (nearest rank ceil(0.5·2) = 1), p90 is x2 */
    assert_int_equal(resp.n, 3);
    free(s.rows);
    double two[] = {600, 60};
    time_stats_t st;
    metrics_time_stats(two, 2, &st);
    assert_true(st.median == 1.0 && st.p90 == 10.0 && st.mean == 5.5);
}

static void test_sla_pauses(void **state)
{
    fixture_t *fx = *state;
    /* P1 opened 10:00, paused 10:05–10:45, responded 10:50: 10 min of SLA time (met) although
     * 50 min passed; resolved 14:30 with the pause: 3 h 50 min (met) */
    store_free(fx->store);
    fx->store = store_new(1);
    ticket_t *t = add(fx, "p1", KIND_INCIDENT, 1, "2026-10-05 10:00", "2026-10-05 10:50",
                      "2026-10-05 14:30", NULL);
    pause_t pz = {T("2026-10-05 10:05"), T("2026-10-05 10:45")};
    *store_add_pauses(fx->store, 1) = pz;
    t->pause_first = 0;
    t->pause_count = 1;
    const cfg_calendar_t *all = config_calendar(fx->cfg, "24x7");
    assert_int_equal(metrics_sla_elapsed(all, fx->tz, fx->store, t, t->opened, t->first_response),
                     600);
    sla_result_t s;
    time_stats_t resp, res;
    size_t hist[RESOLUTION_BINS];
    metrics_sla(fx->cfg, fx->store, fx->tz, &fx->p, &s, &resp, &res, hist);
    assert_int_equal(s.rows[0].resp_met, 1);
    assert_int_equal(s.rows[0].res_met, 1);
    NEAR(resp.median, 50.0); /* wall-clock times ignore pauses */
    free(s.rows);
    /* a pause that never ended (TS_MAX) stops the clock for good: pending, not breached */
    t->first_response = t->resolved = TS_NONE;
    fx->store->pauses[0].end = TS_MAX;
    metrics_sla(fx->cfg, fx->store, fx->tz, &fx->p, &s, &resp, &res, hist);
    assert_int_equal(s.rows[0].resp_pending, 1);
    assert_int_equal(s.open_breached, 0);
    free(s.rows);
}

/* One ticket's outcome, looked up by id. */
static void S_outcome_of(fixture_t *fx, const char *id, ticket_sla_t *o)
{
    for (size_t i = 0; i < fx->store->ntickets; i++)
        if (strcmp(fx->store->tickets[i].id, id) == 0) {
            metrics_ticket_sla(fx->cfg, fx->store, fx->tz, &fx->p, &fx->store->tickets[i], o);
            return;
        }
    fail_msg("no ticket %s", id);
}

#define OUTCOME(id, resp, res, resp_el, res_el, pause_s)                                           \
    do {                                                                                           \
        ticket_sla_t o_;                                                                           \
        S_outcome_of(fx, id, &o_);                                                                 \
        assert_string_equal(sla_outcome_names[o_.response], resp);                                 \
        assert_string_equal(sla_outcome_names[o_.resolution], res);                                \
        assert_int_equal(o_.response_elapsed, resp_el);                                            \
        assert_int_equal(o_.resolution_elapsed, res_el);                                           \
        assert_int_equal(o_.paused, pause_s);                                                      \
    } while (0)

static void test_ticket_sla_edges(void **state)
{
    fixture_t *fx = *state;
    store_free(fx->store);
    fx->store = store_new(1);
    /* P1 (24x7, 15 min / 4 h): exactly at both targets is met, one second more breached */
    add(fx, "at", KIND_INCIDENT, 1, "2026-10-05 10:00", "2026-10-05 10:15", "2026-10-05 14:00",
        NULL);
    ticket_t *t = add(fx, "over", KIND_INCIDENT, 1, "2026-10-05 10:00", NULL, NULL, NULL);
    t->first_response = T("2026-10-05 10:15") + 1;
    t->resolved = T("2026-10-05 14:00") + 1;
    /* not responded at the end of P: 10 min in, pending; 15 min + 1 s in, breached; both in
     * the backlog, open; 14 h in, open_breached */
    add(fx, "pend", KIND_INCIDENT, 1, "2026-10-31 23:50", NULL, NULL, NULL);
    t = add(fx, "late", KIND_INCIDENT, 1, "2026-10-31 23:45", NULL, NULL, NULL);
    t->opened -= 1;
    add(fx, "old", KIND_INCIDENT, 1, "2026-10-31 10:00", NULL, NULL, NULL);
    /* P2 incidents have no target (no incident default): no_target, nothing measured; in the
     * backlog the resolution is open all the same */
    add(fx, "none", KIND_INCIDENT, 2, "2026-10-05 10:00", "2026-10-05 11:00", "2026-10-05 12:00",
        NULL);
    add(fx, "none-open", KIND_INCIDENT, 2, "2026-10-05 10:00", NULL, NULL, NULL);
    /* P3 on the business calendar (Mon–Fri 09–17): opened Tue 6 Oct 10:00, answered 11:00,
     * paused Tue 12:00 → Wed 10:00 (on the calendar: 5 h Tue + 1 h Wed = 6 h; the night is
     * not), resolved Wed 16:00: calendar time 7 h + 7 h = 14 h, SLA time 8 h, paused 6 h */
    pause_t *pz = store_add_pauses(fx->store, 2);
    pz[0] = (pause_t){T("2026-10-06 12:00"), T("2026-10-07 10:00")};
    pz[1] = (pause_t){T("2026-10-10 10:00"), T("2026-10-11 10:00")};
    t = add(fx, "in-cal", KIND_INCIDENT, 3, "2026-10-06 10:00", "2026-10-06 11:00",
            "2026-10-07 16:00", NULL);
    t->pause_first = 0, t->pause_count = 1; /* before the next add can move the array */
    /* a pause wholly outside the calendar (Sat 10:00 → Sun 10:00) takes nothing off:
     * Fri 16:00 → Mon 10:00 is 1 h + 1 h */
    ticket_t *t2 = add(fx, "off-cal", KIND_INCIDENT, 3, "2026-10-09 16:00", "2026-10-09 16:30",
                       "2026-10-12 10:00", NULL);
    t2->pause_first = 1, t2->pause_count = 1; /* t2 only: t may have moved since */
    /* opened before P, resolved in P: no response outcome, a resolution one */
    add(fx, "before", KIND_INCIDENT, 1, "2026-09-30 23:00", "2026-09-30 23:05", "2026-10-01 01:00",
        NULL);
    /* not incidents or requests, or cancelled: no outcome at all */
    add(fx, "chg", KIND_CHANGE, 1, "2026-10-05 10:00", NULL, "2026-10-05 11:00", NULL);
    t = add(fx, "cxl", KIND_INCIDENT, 1, "2026-10-05 10:00", NULL, "2026-10-05 11:00", NULL);
    t->status = TSTATUS_CANCELLED;

    OUTCOME("at", "met", "met", 900, 14400, 0);
    OUTCOME("over", "breached", "breached", 901, 14401, 0);
    OUTCOME("pend", "pending", "open", 600, 600, 0);
    OUTCOME("late", "breached", "open", 901, 901, 0);
    OUTCOME("old", "breached", "open_breached", 14 * 3600, 14 * 3600, 0);
    OUTCOME("none", "no_target", "no_target", -1, -1, -1);
    OUTCOME("none-open", "no_target", "open", -1, -1, -1);
    OUTCOME("in-cal", "met", "met", 3600, 8 * 3600, 6 * 3600);
    OUTCOME("off-cal", "met", "met", 1800, 2 * 3600, 0);
    OUTCOME("before", "", "met", -1, 2 * 3600, 0);
    OUTCOME("chg", "", "", -1, -1, -1);
    OUTCOME("cxl", "", "", -1, -1, -1);
    ticket_sla_t o;
    S_outcome_of(fx, "in-cal", &o);
    assert_non_null(o.target);
    assert_int_equal(o.target->priority, 3);
    assert_int_equal(o.target->resolve, 16 * 3600);
    S_outcome_of(fx, "none", &o);
    assert_null(o.target);
}

/* The figures of metrics_sla are the per-ticket outcomes counted (on the main fixture). */
static void test_ticket_sla_counts(void **state)
{
    fixture_t *fx = *state;
    sla_result_t s;
    time_stats_t resp, res;
    size_t hist[RESOLUTION_BINS];
    metrics_sla(fx->cfg, fx->store, fx->tz, &fx->p, &s, &resp, &res, hist);
    size_t n[2][SLA_OUT_COUNT] = {{0}}, no_target = 0, listed_with_outcome = 0;
    for (size_t i = 0; i < fx->store->ntickets; i++) {
        const ticket_t *t = &fx->store->tickets[i];
        ticket_sla_t o;
        metrics_ticket_sla(fx->cfg, fx->store, fx->tz, &fx->p, t, &o);
        n[0][o.response]++;
        n[1][o.resolution]++;
        no_target += o.response == SLA_OUT_NO_TARGET && !o.target;
        if (o.response || o.resolution)
            listed_with_outcome += ticket_listed(t, &fx->p);
        else
            assert_true(!is_incident_or_request(t) || !ticket_listed(t, &fx->p) ||
                        t->status == TSTATUS_CANCELLED);
    }
    assert_int_equal(n[0][SLA_OUT_MET], s.resp_met);
    assert_int_equal(n[0][SLA_OUT_BREACHED], s.resp_breached);
    assert_int_equal(n[0][SLA_OUT_PENDING], s.resp_pending);
    assert_int_equal(no_target, s.no_target);
    assert_int_equal(n[1][SLA_OUT_MET], s.res_met);
    assert_int_equal(n[1][SLA_OUT_BREACHED], s.res_breached);
    assert_int_equal(n[1][SLA_OUT_OPEN_BREACHED], s.open_breached);
    /* the hand-worked figures of test_sla, so the comparison is not vacuous */
    assert_int_equal(s.resp_met, 5);
    assert_int_equal(s.open_breached, 4);
    assert_true(listed_with_outcome > 10);
    free(s.rows);
}

/* The outage detail: the merged intervals of the availability rows with their records. */
static void test_outage_detail(void **state)
{
    fixture_t *fx = *state;
    metrics_t m;
    memset(&m, 0, sizeof m);
    m.period = fx->p;
    metrics_availability(fx->cfg, fx->store, fx->tz, &fx->p, &m);
    outage_detail_t d;
    metrics_outage_detail(fx->cfg, fx->store, fx->tz, &m, &d);
    /* Email: [30 Sep 23:00, 1 Oct 01:00) clipped to 1 h (1 record); 10:00–12:00 on 10 Oct from
     * two overlapping records; 12:00–13:00 on 20 Oct from two touching ones; 03:00–05:00 on 25
     * Oct, 1 h of it in maintenance (1 record); the degradation is not an outage here */
    static const struct {
        const char *start, *end;
        int64_t down;
        size_t nrec;
    } want[] = {{"2026-10-01 00:00", "2026-10-01 01:00", 3600, 1},
                {"2026-10-10 10:00", "2026-10-10 12:00", 7200, 2},
                {"2026-10-20 12:00", "2026-10-20 13:00", 3600, 2},
                {"2026-10-25 03:00", "2026-10-25 05:00", 3600, 1}};
    size_t k = 0;
    for (size_t i = 0; i < d.nintervals; i++) {
        const outage_interval_t *iv = &d.intervals[i];
        if (strcmp(iv->service, "Email") != 0)
            continue;
        assert_true(k < 4);
        assert_int_equal(iv->start, T(want[k].start));
        assert_int_equal(iv->end, T(want[k].end));
        assert_int_equal(iv->downtime_seconds, want[k].down);
        assert_int_equal(iv->nrecords, want[k].nrec);
        assert_true(iv->counted);
        for (size_t j = 0; j < iv->nrecords; j++) {
            const outage_record_t *r = &d.records[iv->first_record + j];
            assert_non_null(r->outage);
            assert_null(r->ticket);
            assert_string_equal(r->outage->service, "Email");
        }
        k++;
    }
    assert_int_equal(k, 4);
    /* every row: the counted intervals are its outages, their downtimes its downtime */
    for (size_t a = 0; a < m.navailability; a++) {
        int64_t down = 0;
        size_t n = 0;
        for (size_t i = 0; i < d.nintervals; i++)
            if (d.intervals[i].service == m.availability[a].service && d.intervals[i].counted) {
                down += d.intervals[i].downtime_seconds;
                n++;
            }
        assert_int_equal(down, m.availability[a].downtime_seconds);
        assert_int_equal(n, m.availability[a].outages);
    }
    outage_detail_clear(&d);
    outage_detail_clear(&d); /* cleared twice: a no-op */
    free(m.availability);
}

static void test_availability_dst_months(void **state)
{
    (void)state;
    /* 24x7 in Berlin: March 2026 has 743 hours, October 745; nested and overlapping outages
     * count once; an outage crossing the period end counts up to it */
    static const char text[] =
        "timezone: Europe/Berlin\nsources: [{file: x.csv, profile: tickets}]\n"
        "services: [{name: Email, availability_target: 99.9}]\n";
    config_t *cfg = NULL;
    diag_t d = {0};
    assert_int_equal(config_load_buffer("t.yaml", text, strlen(text), &cfg, &d), ST_OK);
    tz_t *tz = NULL;
    assert_int_equal(tz_load("Europe/Berlin", &tz, &d), ST_OK);
    store_t *st = store_new(1);
    const char *svc = intern(st->strings, "Email", 5);
    outage_t o = {svc, NULL, NULL, 0, 0, OUTAGE_OUTAGE, 0, 0};
    /* local 2026-10-10 10:00–12:00 with 10:30–11:00 nested inside: 120 min */
    o.start = tz_local_to_utc(tz, days_from_civil(2026, 10, 10) * 86400 + 36000, NULL);
    o.end = o.start + 7200;
    store_add_outage(st, &o);
    o.start += 1800;
    o.end = o.start + 1800;
    store_add_outage(st, &o);
    /* 31 October 23:30 local → 1 November 00:30: 30 min in October */
    o.start = tz_local_to_utc(tz, days_from_civil(2026, 10, 31) * 86400 + 84600, NULL);
    o.end = o.start + 3600;
    store_add_outage(st, &o);
    int months[2] = {3, 10};
    int64_t hours[2] = {743, 745};
    for (int k = 0; k < 2; k++) {
        metrics_period_t p = {tz_day_start(tz, days_from_civil(2026, months[k], 1)),
                              tz_day_start(tz, days_from_civil(2026, months[k] + 1, 1)), TS_MAX - 1,
                              NULL, 0};
        metrics_t m;
        memset(&m, 0, sizeof m);
        metrics_availability(cfg, st, tz, &p, &m);
        assert_int_equal(m.availability[0].agreed_seconds, hours[k] * 3600);
        if (k == 1) {
            assert_int_equal(m.availability[0].downtime_seconds, 150 * 60);
            assert_int_equal(m.availability[0].outages, 2);
        }
        free(m.availability);
    }
    store_free(st);
    tz_free(tz);
    config_free(cfg);
}

/* Two numbers the same, NAN equal to NAN. */
static void same_num(double a, double b)
{
    if (isnan(a) || isnan(b))
        assert_true(isnan(a) && isnan(b));
    else
        assert_true(a == b);
}

/* Every figure of two results of one period equal. */
static void same_metrics(const metrics_t *a, const metrics_t *b)
{
    assert_memory_equal(&a->volumes, &b->volumes, offsetof(volumes_t, by_service));
    assert_int_equal(a->volumes.nby_service, b->volumes.nby_service);
    assert_int_equal(a->volumes.no_service, b->volumes.no_service);
    assert_int_equal(a->volumes.listed, b->volumes.listed);
    assert_int_equal(a->efficiency.reopen_known, b->efficiency.reopen_known);
    assert_int_equal(a->efficiency.reassignment_known, b->efficiency.reassignment_known);
    for (size_t i = 0; i < a->volumes.nby_service; i++) {
        assert_ptr_equal(a->volumes.by_service[i].service, b->volumes.by_service[i].service);
        assert_int_equal(a->volumes.by_service[i].total, b->volumes.by_service[i].total);
    }
    same_num(a->sla.response_attainment_pct, b->sla.response_attainment_pct);
    same_num(a->sla.resolution_attainment_pct, b->sla.resolution_attainment_pct);
    assert_int_equal(a->sla.resp_met, b->sla.resp_met);
    assert_int_equal(a->sla.resp_breached, b->sla.resp_breached);
    assert_int_equal(a->sla.resp_pending, b->sla.resp_pending);
    assert_int_equal(a->sla.res_met, b->sla.res_met);
    assert_int_equal(a->sla.res_breached, b->sla.res_breached);
    assert_int_equal(a->sla.open_breached, b->sla.open_breached);
    assert_int_equal(a->sla.no_target, b->sla.no_target);
    assert_int_equal(a->sla.nrows, b->sla.nrows);
    for (size_t i = 0; i < a->sla.nrows; i++) {
        assert_int_equal(a->sla.rows[i].priority, b->sla.rows[i].priority);
        assert_int_equal(a->sla.rows[i].res_met, b->sla.rows[i].res_met);
        assert_int_equal(a->sla.rows[i].resp_breached, b->sla.rows[i].resp_breached);
    }
    const time_stats_t *ta[2] = {&a->response, &a->resolution},
                       *tb[2] = {&b->response, &b->resolution};
    for (int k = 0; k < 2; k++) {
        assert_int_equal(ta[k]->n, tb[k]->n);
        same_num(ta[k]->mean, tb[k]->mean);
        same_num(ta[k]->median, tb[k]->median);
        same_num(ta[k]->p90, tb[k]->p90);
    }
    assert_memory_equal(a->resolution_hist, b->resolution_hist, sizeof a->resolution_hist);
    assert_int_equal(a->navailability, b->navailability);
    for (size_t i = 0; i < a->navailability; i++) {
        assert_string_equal(a->availability[i].service, b->availability[i].service);
        assert_int_equal(a->availability[i].agreed_seconds, b->availability[i].agreed_seconds);
        assert_int_equal(a->availability[i].downtime_seconds, b->availability[i].downtime_seconds);
        assert_int_equal(a->availability[i].outages, b->availability[i].outages);
    }
    same_num(a->overall_availability_pct, b->overall_availability_pct);
    assert_int_equal(a->satisfaction.responses, b->satisfaction.responses);
    same_num(a->satisfaction.csat_pct, b->satisfaction.csat_pct);
    same_num(a->satisfaction.response_rate_pct, b->satisfaction.response_rate_pct);
    same_num(a->efficiency.reopen_rate_pct, b->efficiency.reopen_rate_pct);
    same_num(a->efficiency.first_assignment_resolution_pct,
             b->efficiency.first_assignment_resolution_pct);
    same_num(a->efficiency.change_success_pct, b->efficiency.change_success_pct);
    assert_int_equal(a->efficiency.problems_open_end, b->efficiency.problems_open_end);
    assert_int_equal(a->efficiency.problems_resolved, b->efficiency.problems_resolved);
    assert_int_equal(a->navailability, b->navailability);
}

/*
 * metrics_compute_many visits only the tickets whose span meets each period, on several
 * threads: every figure must equal metrics_compute's over all tickets, for periods before,
 * around, inside and after the data, including tickets still open and resolved after as-of.
 */
static void test_compute_many(void **state)
{
    fixture_t *fx = *state;
    uint64_t x = 12345; /* a deterministic mix of kinds, priorities, spans and open tickets */
    static const char *const svcs[] = {"Email", "ERP", "Payroll"};
    for (int i = 0; i < 3000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        ticket_t t;
        memset(&t, 0, sizeof t);
        char id[16];
        snprintf(id, sizeof id, "g%d", i);
        t.id = arena_strdup(fx->store->arena, id);
        t.kind = (int8_t)((x >> 20) % 4);
        t.priority = (int8_t)((x >> 24) % 5);
        t.status = (x >> 28) % 17 == 0 ? TSTATUS_CANCELLED : TSTATUS_NONE;
        t.opened = T("2026-07-01 00:00") + (ts_t)((x >> 32) % (200 * 86400));
        t.first_response = (x >> 8) % 5 ? t.opened + (ts_t)((x >> 12) % 20000) : TS_NONE;
        int64_t dur = (int64_t)((x >> 40) % (40 * 86400));
        t.resolved = (x >> 4) % 9 ? t.opened + dur : TS_NONE; /* some open */
        t.closed = t.resolved != TS_NONE ? t.resolved + 86400 : TS_NONE;
        t.reopen_count = (int32_t)((x >> 50) % 3) - 1;
        t.reassignment_count = (int32_t)((x >> 52) % 3) - 1;
        t.change_type = (int8_t)((x >> 54) % 4);
        t.outcome = (int8_t)((x >> 56) % 5);
        t.service = (x >> 58) % 7 ? intern(fx->store->strings, svcs[(x >> 60) % 3],
                                           strlen(svcs[(x >> 60) % 3]))
                                  : NULL;
        store_add_ticket(fx->store, &t);
    }
    /* on the edges: resolved at the very start of October, opened at the very start of November */
    add(fx, "edge1", KIND_INCIDENT, 3, "2026-09-30 20:00", NULL, "2026-10-01 00:00", NULL);
    add(fx, "edge2", KIND_REQUEST, 0, "2026-11-01 00:00", NULL, NULL, NULL);
    ts_t as_of = fx->p.as_of;
    metrics_period_t ps[] = {
        {T("2026-06-01 00:00"), T("2026-07-01 00:00"), as_of, NULL, 0}, /* before the data */
        {T("2026-09-01 00:00"), T("2026-10-01 00:00"), as_of, NULL, 0},
        {T("2026-10-01 00:00"), T("2026-11-01 00:00"), as_of, NULL, 0},
        {T("2026-10-12 00:00"), T("2026-10-19 00:00"), as_of, NULL, 0}, /* a week inside */
        {T("2026-11-01 00:00"), T("2026-12-01 00:00"), as_of, NULL, 0}, /* running at as-of */
        {T("2027-01-01 00:00"), T("2027-02-01 00:00"), as_of, NULL, 0}, /* after as-of */
        {T("2026-01-01 00:00"), T("2027-01-01 00:00"), as_of, NULL, 0}, /* the whole year */
    };
    size_t n = sizeof ps / sizeof ps[0];
    metrics_t *many[sizeof ps / sizeof ps[0]];
    metrics_compute_many(fx->cfg, fx->store, fx->tz, ps, n, many);
    for (size_t k = 0; k < n; k++) {
        metrics_t *one = metrics_compute(fx->cfg, fx->store, fx->tz, &ps[k]);
        same_metrics(one, many[k]);
        /* the ticket detail, counted here by its definition over every ticket */
        size_t listed = 0;
        for (size_t i = 0; i < fx->store->ntickets; i++) {
            const ticket_t *t = &fx->store->tickets[i];
            ts_t res = t->resolved != TS_NONE ? t->resolved : t->closed;
            if (res != TS_NONE && res > as_of)
                res = TS_NONE;
            int opened_in = t->opened >= ps[k].start && t->opened < ps[k].end;
            int resolved_in = res != TS_NONE && res >= ps[k].start && res < ps[k].end;
            int backlog = (t->kind == KIND_INCIDENT || t->kind == KIND_REQUEST) &&
                          t->status != TSTATUS_CANCELLED && t->opened < ps[k].end &&
                          (res == TS_NONE || res >= ps[k].end);
            listed += t->opened <= as_of && (opened_in || resolved_in || backlog);
        }
        assert_int_equal(many[k]->volumes.listed, listed);
        assert_null(many[k]->period.tickets); /* the selection is gone with the computation */
        metrics_free(one);
        metrics_free(many[k]);
    }
    /* periods more than 136 years apart do not fit the 32-bit spans: all tickets, same figures */
    metrics_period_t wide[2] = {ps[2],
                                {T("1971-01-01 00:00"), T("2190-01-01 00:00"), as_of, NULL, 0}};
    metrics_t *two[2];
    metrics_compute_many(fx->cfg, fx->store, fx->tz, wide, 2, two);
    for (size_t k = 0; k < 2; k++) {
        metrics_t *one = metrics_compute(fx->cfg, fx->store, fx->tz, &wide[k]);
        same_metrics(one, two[k]);
        metrics_free(one);
        metrics_free(two[k]);
    }
}

/* docs/metrics.md §9: covered, partial, not covered, at every edge of the rule (G = 3 days). */
static void test_coverage_judge(void **state)
{
    (void)state;
    ts_t s = T("2026-10-01 00:00"), e = T("2026-11-01 00:00"), asof = T("2026-11-05 00:00");
    int64_t g = 3 * 86400;
    /* no data; data ending before the period; data beginning at its end */
    assert_int_equal(coverage_judge(TS_NONE, TS_NONE, s, e, asof, g), COVERAGE_NOT_COVERED);
    assert_int_equal(coverage_judge(T("2026-09-01 00:00"), s - 1, s, e, asof, g),
                     COVERAGE_NOT_COVERED);
    assert_int_equal(coverage_judge(e, T("2026-11-03 00:00"), s, e, asof, g), COVERAGE_NOT_COVERED);
    /* last exactly at start: covers it (only in part) */
    assert_int_equal(coverage_judge(T("2026-09-01 00:00"), s, s, e, asof, g), COVERAGE_PARTIAL);
    /* first exactly G after the start, last exactly G before the end: covered; a second more
     * on either side: partial */
    assert_int_equal(coverage_judge(s + g, e - g, s, e, asof, g), COVERAGE_COVERED);
    assert_int_equal(coverage_judge(s + g + 1, e - g, s, e, asof, g), COVERAGE_PARTIAL);
    assert_int_equal(coverage_judge(s + g, e - g - 1, s, e, asof, g), COVERAGE_PARTIAL);
    /* a period still running is covered up to as-of */
    ts_t running = T("2026-10-20 00:00");
    assert_int_equal(coverage_judge(s, running - g, s, e, running, g), COVERAGE_COVERED);
    assert_int_equal(coverage_judge(s, running - g - 1, s, e, running, g), COVERAGE_PARTIAL);
    /* no slack: anything short of the whole period is partial */
    assert_int_equal(coverage_judge(s, e, s, e, asof, 0), COVERAGE_COVERED);
    assert_int_equal(coverage_judge(s + 1, e, s, e, asof, 0), COVERAGE_PARTIAL);
    assert_string_equal(coverage_status_names[COVERAGE_NOT_COVERED], "not_covered");
}

/* Coverage from the records: each source's span of its own times known at as-of (a response
 * or resolution after as-of is not yet data), the overall span from the ticket sources, the
 * records of the period, and the catalogue services no record names. */
static void test_coverage_compute(void **state)
{
    fixture_t *fx = *state;
    coverage_report_t c = {0};
    store_t *st = store_new(3);
    st->quality[0].profile = "tickets";
    st->quality[1].profile = "outages";
    st->quality[2].profile = "csat";
    store_t *keep = fx->store;
    fx->store = st;
    ticket_t *t =
        add(fx, "a", KIND_INCIDENT, 1, "2026-10-02 10:00", NULL, "2026-11-02 10:00", NULL);
    t->source = 0;
    outage(fx, "Email", OUTAGE_OUTAGE, "2026-10-15 10:00", "2026-10-15 11:00");
    st->outages[0].source = 1;
    survey(fx, "2026-12-01 10:00", 5, -1); /* after as-of: not data yet */
    st->surveys[0].source = 2;
    coverage_compute(fx->cfg, st, fx->p.start, fx->p.end, fx->p.as_of, &c);
    assert_int_equal(c.sources[0].first, T("2026-10-02 10:00"));
    assert_int_equal(c.sources[0].last, T("2026-10-02 10:00")); /* resolved after as-of */
    assert_int_equal(c.sources[0].status, COVERAGE_PARTIAL);    /* ends on the 2nd */
    assert_int_equal(c.sources[1].status, COVERAGE_PARTIAL);
    assert_int_equal(c.sources[2].status, COVERAGE_NOT_COVERED);
    assert_int_equal(c.sources[2].first, TS_NONE);
    /* overall: the ticket source alone (outage records and responses are sparse) */
    assert_true(c.from_tickets);
    assert_int_equal(c.overall.first, T("2026-10-02 10:00"));
    assert_int_equal(c.overall.last, T("2026-10-02 10:00"));
    assert_int_equal(c.in_period[0], 1);
    assert_int_equal(c.in_period[1], 1);
    assert_int_equal(c.in_period[2], 0);
    /* ERP is in the catalogue, and no ticket or outage names it */
    assert_int_equal(c.nabsent, 1);
    assert_string_equal(c.absent[0], "ERP");
    coverage_clear(&c);
    /* without a ticket source the outage and survey records speak for the period */
    st->quality[0].profile = "outages";
    coverage_compute(fx->cfg, st, fx->p.start, fx->p.end, fx->p.as_of, &c);
    assert_false(c.from_tickets);
    assert_int_equal(c.overall.last, T("2026-10-15 11:00"));
    coverage_clear(&c);
    /* which kinds of data exist */
    data_kinds_t k;
    coverage_data_kinds(fx->cfg, st, &k);
    assert_true(k.outage_data && k.survey_source && !k.tickets);
    assert_false(k.changes || k.problems);
    fx->store = keep;
    store_free(st);
}

/* docs/metrics.md §9 in the metrics: no outage source, no availability (agreed time kept); no
 * survey source, no satisfaction; a blanked period, no figure and no count. */
static void test_not_measured(void **state)
{
    fixture_t *fx = *state;
    outage(fx, "Email", OUTAGE_OUTAGE, "2026-10-15 10:00", "2026-10-15 11:00");
    metrics_t *m = metrics_compute(fx->cfg, fx->store, fx->tz, &fx->p); /* a tickets source only */
    assert_false(m->availability_measured);
    assert_true(isnan(m->overall_availability_pct));
    assert_true(m->availability[0].agreed_seconds > 0);
    assert_true(isnan(m->availability[0].availability_pct));
    assert_int_equal(m->availability[0].met_target, -1);
    assert_false(metrics_satisfaction_measured(m));
    assert_true(isnan(m->satisfaction.csat_pct));
    assert_true(isnan(metrics_problem_count(m, m->efficiency.problems_opened)) ==
                !m->kinds.problems);
    assert_false(isnan(metrics_count(m, m->volumes.opened)));
    metrics_free(m);
    fx->store->quality[0].profile = "outages"; /* now the source is an outage source */
    m = metrics_compute(fx->cfg, fx->store, fx->tz, &fx->p);
    assert_true(m->availability_measured);
    assert_true(m->availability[0].availability_pct < 100); /* the hour down counts */
    assert_int_equal(m->availability[0].met_target, 0);
    metrics_blank(m);
    assert_true(m->no_data);
    assert_true(isnan(m->availability[0].availability_pct) && isnan(m->overall_availability_pct));
    assert_true(m->availability[0].agreed_seconds > 0);
    assert_true(isnan(metrics_count(m, m->volumes.opened)));
    assert_true(isnan(m->sla.response_attainment_pct) && isnan(m->response.median));
    assert_true(isnan(m->efficiency.reopen_rate_pct));
    metrics_free(m);
    fx->store->quality[0].profile = NULL;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_coverage_judge),
        cmocka_unit_test_setup_teardown(test_coverage_compute, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names_by_address, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_measured, setup, teardown),
        cmocka_unit_test_setup_teardown(test_volumes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sla, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sla_empty_period, setup, teardown),
        cmocka_unit_test(test_percentiles),
        cmocka_unit_test(test_percentiles_by_selection),
        cmocka_unit_test_setup_teardown(test_availability, setup, teardown),
        cmocka_unit_test_setup_teardown(test_availability_running_period, setup, teardown),
        cmocka_unit_test_setup_teardown(test_satisfaction_efficiency, setup, teardown),
        cmocka_unit_test_setup_teardown(test_calendar, setup, teardown),
        cmocka_unit_test(test_calendar_property),
        cmocka_unit_test(test_calendar_holiday_sums),
        cmocka_unit_test_setup_teardown(test_many_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sla_target_edges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sla_pauses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ticket_sla_edges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ticket_sla_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outage_detail, setup, teardown),
        cmocka_unit_test(test_availability_dst_months),
        cmocka_unit_test_setup_teardown(test_compute_many, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
