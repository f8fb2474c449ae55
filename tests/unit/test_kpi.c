/*
 * Unit tests: the KPI table (metrics/kpi.c): the 13 KPIs of docs/iso20k.schema.json in their order,
 * one row per key, the trend and CSV orders complete, the KPIs a target may be set for, and each
 * row's value and denominator n fetched from hand-filled metrics.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "metrics/kpi.h"

static void test_listed_in_spec_order(void **state)
{
    (void)state;
    static const char *const spec[] = {"availability_pct",
                                       "response_attainment_pct",
                                       "resolution_attainment_pct",
                                       "csat_pct",
                                       "nps",
                                       "reopen_rate_pct",
                                       "first_assignment_resolution_pct",
                                       "change_success_pct",
                                       "emergency_change_pct",
                                       "opened",
                                       "resolved",
                                       "backlog_end",
                                       "readiness_pct"};
    size_t n = 0;
    for (size_t k = 0; k < KPI_COUNT; k++) {
        if (!(kpi_table[k].flags & KPI_LISTED))
            continue;
        assert_true(n < 13);
        assert_string_equal(kpi_table[k].key, spec[n]);
        n++;
    }
    assert_int_equal(n, 13);
}

static void test_rows_complete(void **state)
{
    (void)state;
    int trend_seen[KPI_COUNT] = {0};
    for (size_t k = 0; k < KPI_COUNT; k++) {
        const kpi_t *kp = &kpi_table[k];
        assert_non_null(kp->key);
        assert_non_null(kp->label);
        assert_true(kp->population && strlen(kp->population) > 10);
        assert_non_null(kp->value);
        assert_int_equal(kpi_by_key(kp->key), (int)k); /* keys are unique */
        assert_true(kp->decimals >= 0 && kp->decimals <= 3);
        if (kp->trend >= 0) {
            assert_true(kp->trend < KPI_COUNT && !trend_seen[kp->trend]);
            trend_seen[kp->trend] = 1;
            assert_non_null(kp->trend_header);
        }
    }
    assert_int_equal(kpi_by_key("no_such_kpi"), -1);
    /* the trend row of docs/metrics.md §8, in its order */
    static const char *const trend[] = {
        "opened",   "resolved",        "response_attainment_pct", "resolution_attainment_pct",
        "csat_pct", "reopen_rate_pct", "availability_pct"};
    assert_int_equal(kpi_trend_count(), 7);
    for (size_t c = 0; c < 7; c++)
        assert_string_equal(kpi_table[kpi_trend_at(c)].key, trend[c]);
    assert_int_equal(kpi_trend_at(7), KPI_COUNT);
    /* JSON rounding (docs/iso20k.schema.json): availability to three decimals, other shares to two
     */
    assert_int_equal(kpi_table[KPI_AVAILABILITY].json_decimals, 3);
    assert_int_equal(kpi_table[KPI_CSAT].json_decimals, 2);
    assert_int_equal(kpi_table[KPI_OPENED].json_decimals, 0);
    /* display: availability three decimals, other percentages and NPS one */
    assert_int_equal(kpi_table[KPI_AVAILABILITY].decimals, 3);
    assert_int_equal(kpi_table[KPI_RESPONSE].decimals, 1);
    assert_int_equal(kpi_table[KPI_NPS].decimals, 1);
    /* direction: a lower reopen rate is better, a higher availability */
    assert_int_equal(kpi_table[KPI_REOPEN].lower_is_better, 1);
    assert_int_equal(kpi_table[KPI_AVAILABILITY].lower_is_better, 0);
}

static void test_targets(void **state)
{
    (void)state;
    static const char *const with_target[] = {"availability_pct",
                                              "response_attainment_pct",
                                              "resolution_attainment_pct",
                                              "csat_pct",
                                              "csat_mean",
                                              "nps",
                                              "response_rate_pct",
                                              "reopen_rate_pct",
                                              "first_assignment_resolution_pct",
                                              "change_success_pct",
                                              "emergency_change_pct",
                                              "readiness_pct"};
    size_t n = 0;
    for (size_t k = 0; k < KPI_COUNT; k++)
        if (kpi_table[k].flags & KPI_TARGET)
            assert_string_equal(kpi_table[k].key, with_target[n++]);
    assert_int_equal(n, 12);
    cfg_kpi_target_t targets[2] = {{"csat_pct", 90, 85, 0}, {"opened", 100, NAN, 0}};
    config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.targets = targets;
    cfg.ntargets = 2;
    assert_ptr_equal(kpi_target(KPI_CSAT, &cfg), &targets[0]);
    assert_null(kpi_target(KPI_NPS, &cfg));
    assert_null(kpi_target(KPI_OPENED, &cfg)); /* a count carries no target */
}

static void test_values_and_n(void **state)
{
    (void)state;
    metrics_t m;
    memset(&m, 0, sizeof m);
    m.overall_availability_pct = 99.95;
    m.sla.resp_met = 3;
    m.sla.resp_breached = 1;
    m.sla.response_attainment_pct = 75;
    m.sla.res_met = 9;
    m.sla.res_breached = 1;
    m.sla.resolution_attainment_pct = 90;
    m.sla.open_breached = 4;
    m.satisfaction.scored = 8;
    m.satisfaction.csat_pct = 62.5;
    m.satisfaction.with_nps = 5;
    m.satisfaction.nps = -20;
    m.efficiency.reopen_known = 7;
    m.efficiency.reopen_rate_pct = 100.0 / 7;
    m.efficiency.changes_successful = 5;
    m.efficiency.changes_failed = 2;
    m.efficiency.changes_backed_out = 1;
    m.efficiency.changes_resolved = 10;
    m.efficiency.change_success_pct = 62.5;
    m.volumes.opened = 40;
    m.volumes.backlog_end = 12;
    m.response.n = 4;
    m.response.median = 30.5;
    assert_true(kpi_value(KPI_AVAILABILITY, &m, NULL) == 99.95);
    assert_true(isnan(kpi_n(KPI_AVAILABILITY, &m))); /* a measurement: n is null */
    assert_true(kpi_value(KPI_RESPONSE, &m, NULL) == 75);
    assert_true(kpi_n(KPI_RESPONSE, &m) == 4); /* met + breached */
    assert_true(kpi_n(KPI_RESOLUTION, &m) == 10);
    assert_true(kpi_n(KPI_CSAT, &m) == 8); /* responses with a score */
    assert_true(kpi_value(KPI_NPS, &m, NULL) == -20);
    assert_true(kpi_n(KPI_NPS, &m) == 5); /* responses with an nps */
    assert_true(kpi_n(KPI_REOPEN, &m) == 7);
    assert_true(kpi_n(KPI_CHANGE_SUCCESS, &m) == 8); /* successful + failed + backed out */
    assert_true(kpi_n(KPI_EMERGENCY_CHANGE, &m) == 10);
    assert_true(kpi_value(KPI_OPENED, &m, NULL) == 40);
    assert_true(isnan(kpi_n(KPI_OPENED, &m)));
    assert_true(kpi_value(KPI_BACKLOG, &m, NULL) == 12);
    assert_true(kpi_value(KPI_OPEN_BREACHED, &m, NULL) == 4);
    assert_true(kpi_value(KPI_RESPONSE_MEDIAN, &m, NULL) == 30.5);
    assert_true(kpi_n(KPI_RESPONSE_MEDIAN, &m) == 4);
    /* readiness comes from the readiness result, which may be absent */
    assert_true(isnan(kpi_value(KPI_READINESS, &m, NULL)));
    assert_false(kpi_available(KPI_READINESS, NULL));
    readiness_result_t rr;
    memset(&rr, 0, sizeof rr);
    rr.overall_pct = 63;
    assert_true(kpi_value(KPI_READINESS, &m, &rr) == 63);
    assert_true(kpi_available(KPI_READINESS, &rr));
    assert_true(kpi_available(KPI_OPENED, NULL));
    /* a trend row holds the trend KPIs only */
    trend_kpis_t t;
    kpi_trend_values(&m, &t);
    assert_true(t.value[KPI_OPENED] == 40);
    assert_true(t.value[KPI_AVAILABILITY] == 99.95);
    assert_true(t.value[KPI_RESPONSE] == 75);
    assert_true(isnan(t.value[KPI_BACKLOG]));
    assert_true(isnan(t.value[KPI_NPS]));
}

/* docs/metrics.md §9: the first status that applies, judged on the unrounded value. */
static void test_status_edges(void **state)
{
    (void)state;
    cfg_kpi_target_t up = {"csat_pct", 90, 85, 0};
    cfg_kpi_target_t down = {"reopen_rate_pct", 5, 8, 1};
    cfg_kpi_target_t no_amber = {"response_attainment_pct", 95, NAN, 0};
    /* value exactly on the target: green; exactly on amber: amber; just below amber: red */
    assert_int_equal(kpi_judge(90, 50, 10, &up), KPI_ST_GREEN);
    assert_int_equal(kpi_judge(89.999, 50, 10, &up), KPI_ST_AMBER);
    assert_int_equal(kpi_judge(85, 50, 10, &up), KPI_ST_AMBER);
    assert_int_equal(kpi_judge(84.999, 50, 10, &up), KPI_ST_RED);
    /* the unrounded value decides: 89.996 shows as 90.0 but is amber */
    assert_int_equal(kpi_judge(89.996, 50, 10, &up), KPI_ST_AMBER);
    /* lower is better: at target green, up to amber amber, above red */
    assert_int_equal(kpi_judge(5, 50, 10, &down), KPI_ST_GREEN);
    assert_int_equal(kpi_judge(0, 50, 10, &down), KPI_ST_GREEN);
    assert_int_equal(kpi_judge(5.001, 50, 10, &down), KPI_ST_AMBER);
    assert_int_equal(kpi_judge(8, 50, 10, &down), KPI_ST_AMBER);
    assert_int_equal(kpi_judge(8.001, 50, 10, &down), KPI_ST_RED);
    /* no amber band: below the target is red at once */
    assert_int_equal(kpi_judge(94.99, 50, 10, &no_amber), KPI_ST_RED);
    assert_int_equal(kpi_judge(95, 50, 10, &no_amber), KPI_ST_GREEN);
    /* sample size: n = min_sample - 1 is small, n = min_sample is judged */
    assert_int_equal(kpi_judge(100, 9, 10, &up), KPI_ST_SMALL_SAMPLE);
    assert_int_equal(kpi_judge(100, 10, 10, &up), KPI_ST_GREEN);
    assert_int_equal(kpi_judge(0, 9, 10, &up), KPI_ST_SMALL_SAMPLE); /* never red either */
    /* small_sample comes before no_target, no_data before both */
    assert_int_equal(kpi_judge(100, 1, 10, NULL), KPI_ST_SMALL_SAMPLE);
    assert_int_equal(kpi_judge(100, 10, 10, NULL), KPI_ST_NO_TARGET);
    assert_int_equal(kpi_judge(NAN, 0, 10, &up), KPI_ST_NO_DATA);
    /* a measurement (n null) is never a small sample */
    assert_int_equal(kpi_judge(99.2, NAN, 10, &no_amber), KPI_ST_GREEN);
    assert_string_equal(kpi_status_names[KPI_ST_SMALL_SAMPLE], "small_sample");
    assert_string_equal(kpi_status_names[KPI_ST_NO_DATA], "no_data");
    assert_string_equal(kpi_status_names[KPI_ST_AMBER], "amber");
}

/* kpi_status: the KPI's own n, target and min_sample; a period the data misses is no_data,
 * except readiness, which does not come from the period's data. */
static void test_status_of_kpis(void **state)
{
    (void)state;
    metrics_t m;
    memset(&m, 0, sizeof m);
    m.satisfaction.scored = 9;
    m.satisfaction.csat_pct = 100;
    m.sla.res_met = 10;
    m.sla.resolution_attainment_pct = 100;
    m.volumes.opened = 3;
    m.overall_availability_pct = 99.0;
    m.satisfaction.nps = NAN; /* no response with an NPS answer */
    cfg_kpi_target_t targets[3] = {{"csat_pct", 90, 85, 0},
                                   {"resolution_attainment_pct", 90, NAN, 0},
                                   {"availability_pct", 99.5, 99, 0}};
    config_t cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.targets = targets;
    cfg.ntargets = 3;
    cfg.min_sample = 10;
    assert_int_equal(kpi_status(KPI_CSAT, &m, NULL, &cfg), KPI_ST_SMALL_SAMPLE); /* n = 9 */
    assert_int_equal(kpi_status(KPI_RESOLUTION, &m, NULL, &cfg), KPI_ST_GREEN);  /* n = 10 */
    assert_int_equal(kpi_status(KPI_AVAILABILITY, &m, NULL, &cfg), KPI_ST_AMBER);
    assert_int_equal(kpi_status(KPI_OPENED, &m, NULL, &cfg), KPI_ST_NO_TARGET);
    assert_int_equal(kpi_status(KPI_NPS, &m, NULL, &cfg), KPI_ST_NO_DATA); /* no value */
    readiness_result_t rr;
    memset(&rr, 0, sizeof rr);
    rr.overall_pct = 70;
    m.no_data = 1;
    assert_int_equal(kpi_status(KPI_RESOLUTION, &m, NULL, &cfg), KPI_ST_NO_DATA);
    assert_int_equal(kpi_status(KPI_OPENED, &m, NULL, &cfg), KPI_ST_NO_DATA);
    assert_true(isnan(kpi_value(KPI_OPENED, &m, NULL))); /* a count of a period not covered */
    assert_int_equal(kpi_status(KPI_READINESS, &m, &rr, &cfg), KPI_ST_NO_TARGET);
    assert_int_equal(kpi_status(KPI_READINESS, &m, NULL, &cfg), KPI_ST_NO_DATA);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_listed_in_spec_order),
        cmocka_unit_test(test_rows_complete),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_values_and_n),
        cmocka_unit_test(test_status_edges),
        cmocka_unit_test(test_status_of_kpis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
