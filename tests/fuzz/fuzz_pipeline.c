/* Fuzz target: the whole pipeline from a small canonical ticket export to the JSON: read,
 * metrics, readiness, report model, JSON and the KPI CSV. */
#include "fuzz_common.h"

#include <math.h>
#include <string.h>

#include "app/config_load.h"
#include "input/profile.h"
#include "metrics/readiness.h"
#include "render/render_csv.h"
#include "render/render_json.h"
#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static memfile_t mf;
    static tz_t *tz;
    diag_t d = {0};
    if (!tz && tz_load("Europe/Berlin", &tz, &d) != ST_OK)
        abort();
    const char *path = memfile_fill(&mf, "tickets.csv", data, size);
    char text[2048];
    snprintf(
        text, sizeof text,
        "timezone: Europe/Berlin\n"
        "sources: [{file: %s, profile: tickets}]\n"
        "calendars: {business: {hours: {mon-fri: \"08:00-18:00\"}, holidays: [2026-10-03]}}\n"
        "services: [{name: Email, availability_target: 99.9}, {name: ERP, calendar: business}]\n"
        "availability: {from_incidents: {max_priority: 1}}\n"
        "sla:\n  incident: {1: {respond: 15m, resolve: 4h}, 3: {respond: 4h, resolve: 30h, "
        "calendar: business}}\n"
        "  request: {default: {respond: 8h, resolve: 3d, calendar: business}}\n"
        "  pause_states: [on_hold]\n"
        "targets: {csat_pct: {target: 90, amber: 85}, reopen_rate_pct: {target: 5, "
        "lower_is_better: true}}\n",
        path);
    config_t *cfg = NULL;
    if (config_load_buffer("/nonexistent-fuzz/review.yaml", text, strlen(text), &cfg, &d) != ST_OK)
        abort();
    store_t *store = store_new(cfg->nsources);
    (void)profile_read_source(cfg, 0, tz, TS_MAX, store, &d);
    diag_clear(&d);
    metrics_period_t p = {1790805600, 1793487600, 1793509200, NULL,
                          0}; /* October 2026 in Berlin; as of 1 Nov 06:00 */
    metrics_t *m = metrics_compute(cfg, store, tz, &p);
    coverage_report_t cov = {0};
    coverage_compute(cfg, store, p.start, p.end, p.as_of, &cov);
    if (cov.overall.status == COVERAGE_NOT_COVERED)
        metrics_blank(m); /* as a run does (docs/metrics.md §9) */
    trend_row_t row = {0};
    strcpy(row.label, "2026-10");
    row.start = p.start;
    row.end = p.end;
    row.known = 1;
    row.coverage = cov.overall.status;
    kpi_trend_values(m, &row.kpis);
    readiness_check_t checks[CHECK_COUNT];
    readiness_data_t rd = {cfg, store, m, NULL, 0};
    readiness_checks(&rd, checks);
    assessment_entry_t *entries = calloc(catalogue_builtin.nitems, sizeof *entries);
    for (size_t i = 0; i < catalogue_builtin.nitems; i++)
        entries[i].score = (int)(i % 7) - 1; /* -1 (not assessed) … 5 */
    assessment_t a = {&catalogue_builtin, entries, NULL, NULL};
    readiness_result_t rr;
    readiness_score(&a, checks, &rr);
    report_facts_t f = {0};
    f.cfg = cfg;
    f.store = store;
    f.tz = tz;
    f.metrics = m;
    f.period_label = "2026-10";
    f.trend = &row;
    f.ntrend = 1;
    f.readiness = &rr;
    f.assessment = &a;
    f.checks = checks;
    f.kind_readiness = size & 1;
    f.coverage = &cov;
    report_t *rep = report_build(&f);
    strbuf_t out = {0};
    render_json(rep, &out);
    strbuf_reset(&out);
    render_csv_kpis(rep, &out);
    strbuf_clear(&out);
    report_free(rep);
    readiness_clear(&rr);
    coverage_clear(&cov);
    free(entries);
    metrics_free(m);
    store_free(store);
    config_free(cfg);
    return 0;
}
