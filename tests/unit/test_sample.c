/*
 * Unit tests: the audit sampler — the size rule at its edges, the generator, seed and draw
 * against vectors computed by the independent reference (tests/e2e/redraw.py), and the samples
 * of a small store: the same inputs give the same sample, another period or seed another.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/config_load.h"
#include "input/timeparse.h"
#include "metrics/sample.h"

static void test_size_rule(void **state)
{
    (void)state;
    /* all up to 10; then 10 + ceil((n - 10) / 10), at most 25 */
    static const size_t n[] = {0, 1, 10, 11, 20, 21, 100, 160, 1000, 1000000};
    static const size_t k[] = {0, 1, 10, 11, 11, 12, 19, 25, 25, 25};
    for (size_t i = 0; i < sizeof n / sizeof n[0]; i++)
        assert_int_equal(sample_size(n[i]), k[i]);
}

static void test_vectors(void **state)
{
    (void)state;
    /* SplitMix64 from 0: the generator's published first outputs */
    uint64_t s = 0;
    assert_true(sample_splitmix64(&s) == 0xe220a8397b1dcdafULL);
    assert_true(sample_splitmix64(&s) == 0x6e789e6aa1b965f4ULL);
    assert_true(sample_splitmix64(&s) == 0x06c45d188009454fULL);
    /* seeds: SHA-256 of the text, first 8 bytes */
    assert_true(sample_seed("Acme", "2026-10", "p1_p2_incidents", 0, 0) == 0x1f4edc767ddebf3eULL);
    assert_true(sample_seed("ignored", "ignored", "p1_p2_incidents", 1, 42) ==
                0xea49f7788753c3f0ULL);
    /* draws */
    size_t out[13];
    static const size_t want1[12] = {44, 10, 77, 60, 79, 96, 48, 42, 87, 4, 27, 49};
    sample_draw(12345, 100, 12, out);
    for (int i = 0; i < 12; i++)
        assert_int_equal(out[i], want1[i]);
    static const size_t want2[13] = {6, 10, 28, 19, 15, 11, 7, 18, 4, 25, 2, 13, 3};
    sample_draw(0x1f4edc767ddebf3eULL, 30, 13, out);
    for (int i = 0; i < 13; i++)
        assert_int_equal(out[i], want2[i]);
    /* k = n is a permutation: every position once */
    size_t all[10], seen[10] = {0};
    sample_draw(7, 10, 10, all);
    for (int i = 0; i < 10; i++)
        seen[all[i]]++;
    for (int i = 0; i < 10; i++)
        assert_int_equal(seen[i], 1);
    /* below(m) stays below m, also for m = 1 */
    uint64_t st = 99;
    for (int i = 0; i < 1000; i++) {
        assert_true(sample_below(&st, 7) < 7);
        assert_true(sample_below(&st, 1) == 0);
    }
}

static const char CONFIG[] = "timezone: UTC\n"
                             "sources: [{file: x.csv, profile: tickets}]\n"
                             "sla:\n"
                             "  incident:\n"
                             "    default: {respond: 1h, resolve: 4h}\n";

static ts_t T(int month, int day, int hour)
{
    /* 2026 is not a leap year; days from 1970-01-01 to 2026-01-01 = 20454 */
    static const int cum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    return ((ts_t)(20454 + cum[month - 1] + day - 1) * 86400 + hour * 3600);
}

static void S_add(store_t *st, const char *id, int prio, ts_t opened, ts_t resolved)
{
    ticket_t t;
    memset(&t, 0, sizeof t);
    t.id = arena_strdup(st->arena, id);
    t.kind = KIND_INCIDENT;
    t.priority = (int8_t)prio;
    t.status = TSTATUS_NONE;
    t.opened = opened;
    t.first_response = opened + 600;
    t.resolved = resolved;
    t.closed = TS_NONE;
    t.reopen_count = t.reassignment_count = -1;
    t.change_type = CHANGE_NONE;
    t.outcome = OUTCOME_NONE;
    store_add_ticket(st, &t);
}

static void S_ids(const sample_t *s, char *buf, size_t n)
{
    buf[0] = '\0';
    for (size_t i = 0; i < s->n; i++) {
        strncat(buf, ((const ticket_t *)s->drawn[i])->id, n - strlen(buf) - 1);
        strncat(buf, " ", n - strlen(buf) - 1);
    }
}

static void test_samples(void **state)
{
    (void)state;
    config_t *cfg = NULL;
    diag_t d = {0};
    assert_int_equal(config_load_buffer("t.yaml", CONFIG, strlen(CONFIG), &cfg, &d), ST_OK);
    tz_t *tz = NULL;
    assert_int_equal(tz_load("UTC", &tz, &d), ST_OK);
    store_t *st = store_new(1);
    char id[16];
    /* 30 incidents in October, P1 and P2 alternating but the last ten P3 (the odd ones resolved
     * late: 5 h > 4 h), and 30 P1 in September, added in an order that is not the ids' */
    for (int i = 29; i >= 0; i--) {
        snprintf(id, sizeof id, "OCT%02d", i);
        S_add(st, id, i < 20 ? 1 + i % 2 : 3, T(10, 1 + i, 8), T(10, 1 + i, i % 2 ? 13 : 10));
        snprintf(id, sizeof id, "SEP%02d", i);
        S_add(st, id, 1, T(9, 1 + i % 28, 8), T(9, 1 + i % 28, 9));
    }
    metrics_t m;
    memset(&m, 0, sizeof m);
    m.period = (metrics_period_t){T(10, 1, 0), T(11, 1, 0), T(11, 2, 0), NULL, 0};
    samples_t a, b, c, o;
    samples_draw(cfg, st, NULL, tz, &m, "Acme", "2026-10", 0, 0, &a);
    samples_draw(cfg, st, NULL, tz, &m, "Acme", "2026-10", 0, 0, &b);
    samples_draw(cfg, st, NULL, tz, &m, "Acme", "2026-10", 1, 42, &o);
    const sample_t *p = &a.v[SAMPLE_P1P2_INCIDENTS];
    assert_true(p->available);
    assert_int_equal(p->population_size, 20); /* October's P1 and P2: OCT00..OCT19 */
    assert_int_equal(p->n, 11);
    assert_true(p->seed == 0x1f4edc767ddebf3eULL);
    /* the ids sorted are OCT00..OCT19: the positions of a draw of 11 of 20 with that seed */
    size_t at[11];
    sample_draw(p->seed, 20, 11, at);
    for (int i = 0; i < 11; i++) {
        snprintf(id, sizeof id, "OCT%02zu", at[i]);
        assert_string_equal(((const ticket_t *)p->drawn[i])->id, id);
    }
    char x[512], y[512];
    S_ids(p, x, sizeof x);
    S_ids(&b.v[SAMPLE_P1P2_INCIDENTS], y, sizeof y);
    assert_string_equal(x, y); /* same inputs, same sample */
    S_ids(&o.v[SAMPLE_P1P2_INCIDENTS], y, sizeof y);
    assert_string_not_equal(x, y); /* --sample-seed gives another */
    /* resolution breaches: the 15 odd ones, all sampled (10 + ceil(5/10) = 11) */
    assert_int_equal(a.v[SAMPLE_RESOLUTION_BREACHES].population_size, 15);
    assert_int_equal(a.v[SAMPLE_RESOLUTION_BREACHES].n, 11);
    /* no incidents counted as outages configured: not available */
    assert_false(a.v[SAMPLE_MAJOR_INCIDENTS].available);
    assert_int_equal(a.v[SAMPLE_EMERGENCY_CHANGES].n, 0);
    /* no registers: no complaints or nonconformities to sample */
    assert_false(a.v[SAMPLE_COMPLAINTS].available);
    assert_false(a.v[SAMPLE_NONCONFORMITIES].available);
    /* September: another population and another seed */
    m.period = (metrics_period_t){T(9, 1, 0), T(10, 1, 0), T(11, 2, 0), NULL, 0};
    samples_draw(cfg, st, NULL, tz, &m, "Acme", "2026-09", 0, 0, &c);
    S_ids(&c.v[SAMPLE_P1P2_INCIDENTS], y, sizeof y);
    assert_int_equal(c.v[SAMPLE_P1P2_INCIDENTS].population_size, 30);
    assert_non_null(strstr(y, "SEP"));
    assert_null(strstr(y, "OCT"));
    assert_true(c.v[SAMPLE_P1P2_INCIDENTS].seed != p->seed);
    samples_clear(&a);
    samples_clear(&b);
    samples_clear(&c);
    samples_clear(&o);
    samples_clear(&o); /* twice: a no-op */
    store_free(st);
    tz_free(tz);
    config_free(cfg);
}

/* Complaints and nonconformities come from their registers: those of the period, by id. */
static void test_register_samples(void **state)
{
    (void)state;
    config_t *cfg = NULL;
    diag_t d = {0};
    assert_int_equal(config_load_buffer("t.yaml", CONFIG, strlen(CONFIG), &cfg, &d), ST_OK);
    tz_t *tz = NULL;
    assert_int_equal(tz_load("UTC", &tz, &d), ST_OK);
    store_t *st = store_new(1);
    registers_t *g = registers_new();
    g->read[REG_COMPLAINTS] = g->given[REG_COMPLAINTS] = 1;
    /* 13 complaints received in October (C00..C12), one on 30 September */
    g->ncomplaints = 14;
    g->complaints = calloc(14, sizeof *g->complaints);
    static const char *const ids[14] = {"C12", "C03", "C07", "C00", "C11", "C05", "C01",
                                        "C09", "C02", "C10", "C04", "C08", "C06", "CSEP"};
    for (int i = 0; i < 14; i++) {
        g->complaints[i].id = ids[i];
        g->complaints[i].received = days_from_civil(2026, i < 13 ? 10 : 9, i < 13 ? 1 + i : 30);
        g->complaints[i].resolved = REG_NO_DATE;
        g->complaints[i].upheld = REG_NONE;
    }
    metrics_t m;
    memset(&m, 0, sizeof m);
    m.period = (metrics_period_t){T(10, 1, 0), T(11, 1, 0), T(11, 2, 0), NULL, 0};
    samples_t a;
    samples_draw(cfg, st, g, tz, &m, "Acme", "2026-10", 0, 0, &a);
    const sample_t *c = &a.v[SAMPLE_COMPLAINTS];
    assert_true(c->available);
    assert_int_equal(sample_record_kind(SAMPLE_COMPLAINTS), SAMPLE_COMPLAINT_RECORDS);
    assert_int_equal(c->population_size, 13);
    assert_int_equal(c->n, 11); /* 10 + ceil(3 / 10) */
    /* sorted C00..C12, then drawn: position k is "C%02d" of k */
    size_t at[11];
    sample_draw(sample_seed("Acme", "2026-10", "complaints", 0, 0), 13, 11, at);
    for (int i = 0; i < 11; i++) {
        char want[8];
        snprintf(want, sizeof want, "C%02zu", at[i]);
        assert_string_equal(((const reg_complaint_t *)c->drawn[i])->id, want);
    }
    assert_false(a.v[SAMPLE_NONCONFORMITIES].available); /* that register was not read */
    samples_clear(&a);
    registers_free(g);
    store_free(st);
    tz_free(tz);
    config_free(cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_size_rule),
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_samples),
        cmocka_unit_test(test_register_samples),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
