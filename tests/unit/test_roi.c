/*
 * Unit tests: the ROI model of docs/metrics.md §12 — present value, IRR and payback against the
 * reference vectors of ISO20000.md, annualisation, risk adjustment (a negative line stays whole),
 * ramp, per-service downtime lines, scenarios and the sensitivity ordering.
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

#include "metrics/roi.h"

#define NEAR(a, b, eps)                                                                            \
    do {                                                                                           \
        if (!(fabs((a) - (b)) < (eps)))                                                            \
            fail_msg("%.10g != %.10g", (double)(a), (double)(b));                                  \
    } while (0)

static void test_financial_functions(void **state)
{
    (void)state;
    double a[] = {-100, 50, 50, 50};
    NEAR(roi_pv(0.10, a, 4), 24.3426, 5e-5);
    double b[] = {-100, 39, 59, 55, 20};
    NEAR(roi_pv(0.281, b, 5), -0.0084786, 5e-7);
    NEAR(roi_irr(b, 5), 0.2809484, 1e-6);
    double c[] = {-250000, 100000, 150000, 200000, 250000, 300000};
    NEAR(roi_irr(c, 6), 0.5672303, 1e-6);
    NEAR(roi_irr(a, 4), 0.233752, 1e-6);
    double pos[] = {10, 20, 30};
    assert_true(isnan(roi_irr(pos, 3))); /* no sign change: no IRR */
    /* payback of [−100, 50, 50, 50]: 24 months (docs/metrics.md §12: −C0 at month 0, then monthly
     * steps) */
    double ben[] = {0, 50, 50, 50}, cost[] = {100, 0, 0, 0};
    NEAR(roi_payback_months(ben, cost, 4), 24.0, 1e-9);
    double ben2[] = {0, 50, 100, 100}, cost2[] = {100, 20, 20, 20};
    /* −100, then +30 in year 1 (−70), +80 in year 2: crossing at 12 + 12 × 70/80 = 22.5 */
    NEAR(roi_payback_months(ben2, cost2, 4), 22.5, 1e-9);
    double ben3[] = {0, 10, 10, 10}, cost3[] = {100, 5, 5, 5};
    assert_true(isnan(roi_payback_months(ben3, cost3, 4))); /* never within the horizon */
    double none[] = {0, 0}, free_[] = {0, 0};
    NEAR(roi_payback_months(none, free_, 2), 0.0, 1e-12); /* nothing to pay back */
}

static void test_annualisation(void **state)
{
    (void)state;
    NEAR(roi_annual(10, 31 * 86400.0), 10 * 365.25 / 31, 1e-9);     /* a month */
    NEAR(roi_annual(10, 92 * 86400.0), 10 * 365.25 / 92, 1e-9);     /* a quarter */
    NEAR(roi_annual(10, 17.5 * 86400.0), 10 * 365.25 / 17.5, 1e-9); /* a period clipped to as-of */
    assert_true(isnan(roi_annual(10, 0)));
}

static roi_assumptions_t base_assumptions(void)
{
    static roi_amount_t initial[] = {{"consultancy", 40000}, {"training", 10000}};
    static roi_amount_t annual[] = {{"tooling", 20000}};
    static roi_amount_t benefits[] = {{"audit preparation", 18000}};
    static roi_amount_t risk[] = {{"incidents", 0.2}};
    roi_assumptions_t a;
    memset(&a, 0, sizeof a);
    a.name = "expected";
    a.horizon_years = 3;
    a.discount_rate = 0.10;
    a.currency = "EUR";
    a.initial = initial;
    a.ninitial = 2;
    a.annual = annual;
    a.nannual = 1;
    a.downtime_cost_per_hour = 5000;
    a.cost_per_incident = 20;
    a.cost_per_breach = 100;
    a.benefits = benefits;
    a.nbenefits = 1;
    a.risk = risk;
    a.nrisk = 1;
    a.risk_default = 0.10;
    a.ramp[0] = 0.5;
    a.ramp[1] = a.ramp[2] = 1;
    a.baseline_downtime_hours = a.baseline_incidents = a.baseline_breaches = NAN;
    return a;
}

static void test_evaluate(void **state)
{
    (void)state;
    roi_assumptions_t a = base_assumptions();
    /* baseline: a half year with 30 h down, 6000 incidents, 200 breaches;
     * current: a 30-day month with 2 h down, 1100 incidents, 60 breaches (worse) */
    double half = 182.625 * 86400, month = 30 * 86400;
    roi_measures_t b = {half, 30, NULL, NULL, 0, 6000, 200};
    roi_measures_t c = {month, 2, NULL, NULL, 0, 1100, 60};
    roi_result_t r;
    roi_evaluate(&a, &b, &c, &r);
    assert_int_equal(r.nlines, 4);
    /* downtime: (60 − 2 × 12.175) h × 5000 = 178,250; risk 10 % → 160,425 */
    assert_string_equal(r.lines[0].name, "downtime");
    NEAR(r.lines[0].value, (60 - 2 * 365.25 / 30) * 5000, 1e-6);
    NEAR(r.lines[0].adjusted, (60 - 2 * 365.25 / 30) * 5000 * 0.9, 1e-6);
    /* incidents: (12,000 − 1100 × 12.175) × 20 < 0: a loss, kept whole despite its 20 % risk */
    assert_string_equal(r.lines[1].name, "incidents");
    NEAR(r.lines[1].value, (12000 - 1100 * 365.25 / 30) * 20, 1e-6);
    assert_true(r.lines[1].value < 0);
    NEAR(r.lines[1].adjusted, r.lines[1].value, 1e-9);
    NEAR(r.lines[1].risk, 0.2, 1e-12);
    /* breaches: (400 − 60 × 12.175) × 100 < 0 */
    NEAR(r.lines[2].adjusted, (400 - 60 * 365.25 / 30) * 100, 1e-6);
    /* a named benefit: 18,000 less 10 % */
    NEAR(r.lines[3].adjusted, 16200, 1e-9);
    double total =
        r.lines[0].adjusted + r.lines[1].adjusted + r.lines[2].adjusted + r.lines[3].adjusted;
    NEAR(r.benefits[0], 0, 1e-9);
    NEAR(r.benefits[1], 0.5 * total, 1e-6); /* the ramp */
    NEAR(r.benefits[2], total, 1e-6);
    NEAR(r.costs[0], 50000, 1e-9);
    NEAR(r.costs[3], 20000, 1e-9);
    double pvb = 0.5 * total / 1.1 + total / 1.21 + total / 1.331;
    double pvc = 50000 + 20000 / 1.1 + 20000 / 1.21 + 20000 / 1.331;
    NEAR(r.pv_benefits, pvb, 1e-6);
    NEAR(r.pv_costs, pvc, 1e-6);
    NEAR(r.npv, pvb - pvc, 1e-6);
    NEAR(r.roi_pct, 100 * (pvb - pvc) / pvc, 1e-9);

    /* a period the data does not cover, or without outage data (docs/metrics.md §9): the measured
     * lines it cannot give are null; the named benefit stays */
    roi_result_clear(&r);
    roi_measures_t unknown = {month, NAN, NULL, NULL, 0, NAN, NAN};
    roi_evaluate(&a, &b, &unknown, &r);
    assert_int_equal(r.nlines, 4);
    for (int i = 0; i < 3; i++) {
        assert_true(r.lines[i].measured);
        assert_true(isnan(r.lines[i].current_annual));
        assert_true(isnan(r.lines[i].value) && isnan(r.lines[i].adjusted));
    }
    /* … and the totals are unknown, not computed from the named benefit alone */
    assert_true(r.incomplete);
    assert_true(isnan(r.benefits[2]) && isnan(r.npv) && isnan(r.pv_benefits));
    assert_true(isnan(r.roi_pct) && isnan(r.payback_months) && isnan(r.irr));
    NEAR(r.costs[0], 50000, 1e-9); /* the costs are known */
    NEAR(r.pv_costs, 50000 + 20000 / 1.1 + 20000 / 1.21 + 20000 / 1.331, 1e-6);
    size_t ns;
    roi_sensitivity_t *sens = roi_sensitivity(&a, &b, &unknown, &ns);
    assert_int_equal(ns, 0); /* no NPV to vary */
    free(sens);

    /* per-service downtime costs: ERP at 12,000 an hour, the rest at the default */
    roi_amount_t svc[] = {{"ERP", 12000}};
    a.service_downtime_cost = svc;
    a.nservice_downtime_cost = 1;
    const char *names[] = {"ERP", "Email"};
    double hb[] = {20, 10}, hc[] = {1, 1};
    roi_measures_t b2 = {half, 30, names, hb, 2, 6000, 200};
    roi_measures_t c2 = {month, 2, names, hc, 2, 1100, 60};
    roi_result_clear(&r);
    roi_evaluate(&a, &b2, &c2, &r);
    assert_string_equal(r.lines[0].name, "downtime: ERP");
    NEAR(r.lines[0].value, (40 - 365.25 / 30) * 12000, 1e-6);
    assert_string_equal(r.lines[1].name, "downtime: other services");
    NEAR(r.lines[1].value, (20 - 365.25 / 30) * 5000, 1e-6);

    /* a scenario changes one value and keeps the rest */
    roi_assumptions_t s = base_assumptions();
    s.name = "conservative";
    s.discount_rate = 0.15;
    roi_result_t rs, rb;
    roi_evaluate(&s, &b, &c, &rs);
    roi_evaluate(&a, &b, &c, &rb);
    (void)rb;
    assert_string_equal(rs.scenario, "conservative");
    assert_true(rs.npv < r.npv + 1e9); /* computed */
    NEAR(rs.costs[0], 50000, 1e-9);
    NEAR(rs.pv_costs, 50000 + 20000 / 1.15 + 20000 / 1.3225 + 20000 / 1.520875, 1e-6);
    roi_result_clear(&r);
    roi_result_clear(&rs);
    roi_result_clear(&rb);
    assert_null(r.lines);
    assert_int_equal(r.nlines, 0);
}

/* Benefit lines have no limit but memory: 100 named benefits all count (a fixed array of 64
 * once dropped the 65th without a word), each is in the sensitivity, and a long service name is
 * kept whole in its line's name. */
static void test_hundred_lines(void **state)
{
    (void)state;
    roi_assumptions_t a = base_assumptions();
    roi_amount_t benefits[100];
    char names[100][24];
    double named = 0;
    for (int i = 0; i < 100; i++) {
        snprintf(names[i], sizeof names[i], "benefit %03d", i);
        benefits[i].name = names[i];
        benefits[i].value = 100.0 * (i + 1);
        named += benefits[i].value * 0.9; /* the default risk adjustment, 10 % */
    }
    a.benefits = benefits;
    a.nbenefits = 100;
    char longname[201];
    memset(longname, 'S', 200);
    longname[200] = '\0';
    roi_amount_t svc[] = {{longname, 1000}};
    a.service_downtime_cost = svc;
    a.nservice_downtime_cost = 1;
    const char *services[] = {longname};
    double hb[] = {10}, hc[] = {5};
    double year = 365.25 * 86400;
    roi_measures_t b = {year, 10, services, hb, 1, 100, 10};
    roi_measures_t c = {year, 5, services, hc, 1, 100, 10};
    roi_result_t r;
    roi_evaluate(&a, &b, &c, &r);
    /* downtime of the long-named service, the other services, incidents, breaches, 100 named */
    assert_int_equal(r.nlines, 104);
    assert_int_equal(strlen(r.lines[0].name), strlen("downtime: ") + 200);
    NEAR(r.lines[0].value, 5 * 1000, 1e-9);
    double sum = 0;
    for (int i = 0; i < 100; i++) {
        const roi_line_t *l = &r.lines[4 + i];
        assert_string_equal(l->name, names[i]);
        assert_false(l->measured);
        NEAR(l->adjusted, 100.0 * (i + 1) * 0.9, 1e-9);
        sum += l->adjusted;
    }
    NEAR(sum, named, 1e-6);
    double total = 0;
    for (size_t i = 0; i < r.nlines; i++)
        total += r.lines[i].adjusted;
    NEAR(r.benefits[2], total, 1e-6); /* every line counts in the yearly benefit */
    size_t n;
    roi_sensitivity_t *sens = roi_sensitivity(&a, &b, &c, &n);
    assert_int_equal(n, 106); /* six assumptions and the 100 named benefits */
    for (int i = 0; i < 100; i++) {
        int found = 0;
        for (size_t k = 0; k < n; k++)
            found += !strcmp(sens[k].assumption, names[i]);
        assert_int_equal(found, 1);
    }
    free(sens);
    roi_result_clear(&r);
}

static void test_sensitivity(void **state)
{
    (void)state;
    roi_assumptions_t a = base_assumptions();
    double half = 182.625 * 86400, month = 30 * 86400;
    roi_measures_t b = {half, 30, NULL, NULL, 0, 6000, 200};
    roi_measures_t c = {month, 2, NULL, NULL, 0, 500, 10};
    size_t n;
    roi_sensitivity_t *sens = roi_sensitivity(&a, &b, &c, &n);
    assert_int_equal(n, 7); /* discount, downtime, incident, breach, initial, annual, 1 benefit */
    for (size_t i = 1; i < n; i++)
        assert_true(fabs(sens[i - 1].npv_high - sens[i - 1].npv_low) >=
                    fabs(sens[i].npv_high - sens[i].npv_low));
    /* costs +20 % lower the NPV; the downtime value +20 % raises it */
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(sens[i].assumption, "initial costs"))
            NEAR(sens[i].npv_low - sens[i].npv_high, 0.4 * 50000, 1e-6);
        if (!strcmp(sens[i].assumption, "downtime cost per hour"))
            assert_true(sens[i].npv_high > sens[i].npv_low);
    }
    free(sens);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_financial_functions),
        cmocka_unit_test(test_annualisation),
        cmocka_unit_test(test_evaluate),
        cmocka_unit_test(test_sensitivity),
        cmocka_unit_test(test_hundred_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
