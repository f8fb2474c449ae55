/*
 * Unit tests: the config loader on the docs/configuration.md §4 example (every key typed),
 * defaults, path resolution, and each kind of configuration error with its line and column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>
#include <unistd.h>

#include "app/config_load.h"

static const char SPEC_EXAMPLE[] =
    "organization: Example Corp            # shown on the cover\n"
    "scope: \"IT services for the EU region\" # SMS scope statement\n"
    "timezone: Europe/Berlin\n"
    "period: last-month\n"
    "theme: ../themes/default.yaml\n"
    "output: {dir: output, name: \"review-{period}\"}\n"
    "sources:\n"
    "  - {file: tickets/incidents.csv, profile: servicenow-incident, timezone: UTC}\n"
    "  - {file: tickets/requests.csv,  profile: freshservice-ticket}\n"
    "  - {file: outages.csv,           profile: servicenow-outage}\n"
    "  - {file: surveys.csv,           profile: csat}\n"
    "  - file: tickets/other.csv\n"
    "    profile: generic\n"
    "    kind: incident\n"
    "    columns: {id: \"Key\", opened_at: \"Created\", resolved_at: \"Resolved\", priority: "
    "\"Prio\"}\n"
    "    time_format: \"%d/%m/%Y %H:%M\"\n"
    "    priorities: {\"Critical\": 1, \"High\": 2, \"Medium\": 3, \"Low\": 4}\n"
    "calendars:\n"
    "  business:\n"
    "    hours: {mon-fri: \"08:00-18:00\"}\n"
    "    holidays: [2026-12-24, 2026-12-25]\n"
    "services:\n"
    "  - {name: Email, calendar: 24x7, availability_target: 99.9}\n"
    "  - {name: ERP,   calendar: business, availability_target: 99.5}\n"
    "service_defaults: {calendar: 24x7, availability_target: 99.5}\n"
    "maintenance:\n"
    "  - {service: ERP, start: \"2026-10-10 20:00\", end: \"2026-10-11 02:00\"}\n"
    "sla:\n"
    "  incident:\n"
    "    1: {respond: 15m, resolve: 4h,  calendar: 24x7}\n"
    "    2: {respond: 30m, resolve: 8h,  calendar: 24x7}\n"
    "    3: {respond: 4h,  resolve: 3d,  calendar: business}\n"
    "    4: {respond: 8h,  resolve: 5d,  calendar: business}\n"
    "  request:\n"
    "    default: {respond: 8h, resolve: 5d, calendar: business}\n"
    "  pause_states: [on_hold]\n"
    "availability: {from_incidents: {max_priority: 1}, count_degradation: false}\n"
    "satisfaction: {scale: [1, 5], satisfied_from: 4}\n"
    "targets:\n"
    "  csat_pct: {target: 90, amber: 85}\n"
    "  response_attainment_pct: {target: 95, amber: 90}\n"
    "  resolution_attainment_pct: {target: 90, amber: 85}\n"
    "  reopen_rate_pct: {target: 5, amber: 8, lower_is_better: true}\n"
    "trend: {periods: 12}\n"
    "quality: {max_rejected_pct: 5, min_sample: 10, coverage_gap: 3d}\n"
    "readiness: readiness.yaml\n"
    "roi: roi.yaml\n"
    "baseline: 2025-01..2025-06\n";

/* A directory like a real installation's for the SPEC example: conf/ beside themes/. */
static char spec_dir[] = "/tmp/iso20k-test-spec-XXXXXX";
static char spec_config[300];

static void make_spec_dir(void)
{
    assert_non_null(mkdtemp(spec_dir));
    char cmd[800];
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/conf' '%s/themes' && cp themes/default.yaml '%s/themes/' && "
             "printf 'horizon_years: 3\ncosts: {initial: {consultancy: 40000}}\n' "
             ">'%s/conf/roi.yaml' && "
             "printf 'items:\n  9.2-a: {score: 2, action: Plan the audits, due: 2026-12-01}\n' "
             ">'%s/conf/readiness.yaml'",
             spec_dir, spec_dir, spec_dir, spec_dir, spec_dir);
    assert_int_equal(system(cmd), 0);
    snprintf(spec_config, sizeof spec_config, "%s/conf/review.yaml", spec_dir);
}

static void remove_spec_dir(void)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", spec_dir);
    assert_int_equal(system(cmd), 0);
}

static config_t *load_ok_at(const char *path, const char *text)
{
    config_t *cfg = NULL;
    diag_t d = {0};
    status_t st = config_load_buffer(path, text, strlen(text), &cfg, &d);
    if (st != ST_OK)
        fail_msg("unexpected error %zu:%zu: %s", d.line, d.column, d.message);
    return cfg;
}

static config_t *load_ok(const char *text)
{
    config_t *cfg = NULL;
    diag_t d = {0};
    status_t st = config_load_buffer("inputs/review.yaml", text, strlen(text), &cfg, &d);
    if (st != ST_OK)
        fail_msg("unexpected error %zu:%zu: %s", d.line, d.column, d.message);
    return cfg;
}

/* Loads text expecting a config error at line:col whose message contains `what`. */
static void expect_error(const char *text, size_t line, size_t col, const char *what)
{
    config_t *cfg = NULL;
    diag_t d = {0};
    status_t st = config_load_buffer("inputs/review.yaml", text, strlen(text), &cfg, &d);
    if (st != ST_CONFIG)
        fail_msg("expected a config error for:\n%s", text);
    assert_null(cfg);
    assert_string_equal(d.path, "inputs/review.yaml");
    if (d.line != line || d.column != col || !strstr(d.message, what))
        fail_msg("got %zu:%zu: %s; expected %zu:%zu: …%s…", d.line, d.column, d.message, line, col,
                 what);
    diag_clear(&d);
}

static void test_spec_example(void **state)
{
    (void)state;
    make_spec_dir();
    config_t *cfg = load_ok_at(spec_config, SPEC_EXAMPLE);
    char want[400];
    assert_string_equal(cfg->organization, "Example Corp");
    assert_string_equal(cfg->timezone, "Europe/Berlin");
    snprintf(want, sizeof want, "%s/conf/../themes/default.yaml", spec_dir);
    assert_string_equal(cfg->theme, want);
    snprintf(want, sizeof want, "%s/conf/output", spec_dir);
    assert_string_equal(cfg->output_dir, want);
    assert_non_null(cfg->roi_model);
    assert_int_equal(cfg->roi_model->base.horizon_years, 3);
    assert_non_null(cfg->assessment);
    long a92 = catalogue_find_item(cfg->catalogue, "9.2-a");
    assert_true(a92 >= 0);
    assert_int_equal(cfg->assessment->entries[a92].score, 2);
    assert_int_equal(cfg->assessment->entries[a92].status, ACTION_OPEN);
    assert_int_equal(cfg->assessment->entries[0].score, -1);
    assert_string_equal(cfg->output_name, "review-{period}");
    assert_int_equal(cfg->nsources, 5);
    snprintf(want, sizeof want, "%s/conf/tickets/incidents.csv", spec_dir);
    assert_string_equal(cfg->sources[0].file, want);
    assert_string_equal(cfg->sources[0].file_written, "tickets/incidents.csv");
    assert_string_equal(cfg->sources[0].timezone, "UTC");
    assert_int_equal(cfg->sources[4].kind, KIND_INCIDENT);
    assert_int_equal(cfg->sources[4].ncolumns, 4);
    assert_string_equal(cfg->sources[4].columns[1].key, "opened_at");
    assert_string_equal(cfg->sources[4].columns[1].value, "Created");
    assert_int_equal(cfg->sources[4].npriorities, 4);
    assert_int_equal(cfg->sources[4].priorities[3].number, 4);
    assert_string_equal(cfg->sources[4].time_format, "%d/%m/%Y %H:%M");
    const cfg_calendar_t *biz = config_calendar(cfg, "business");
    assert_non_null(biz);
    assert_int_equal(biz->nhours[0], 1);
    assert_int_equal(biz->hours[4][0].start_min, 8 * 60);
    assert_int_equal(biz->hours[4][0].end_min, 18 * 60);
    assert_int_equal(biz->nhours[5], 0);
    assert_int_equal(biz->nholidays, 2);
    assert_non_null(config_calendar(cfg, "24x7"));
    assert_int_equal(cfg->nservices, 2);
    assert_true(cfg->services[1].availability_target == 99.5);
    assert_int_equal(cfg->nmaintenance, 1);
    assert_int_equal(cfg->maintenance[0].end_local - cfg->maintenance[0].start_local, 6 * 3600);
    const cfg_sla_target_t *t = config_sla_target(cfg, KIND_INCIDENT, 3);
    assert_int_equal(t->respond, 4 * 3600);
    assert_int_equal(t->resolve, 3 * 86400); /* 72 open hours of the calendar */
    assert_string_equal(t->calendar, "business");
    t = config_sla_target(cfg, KIND_REQUEST, 2); /* falls to the kind's default */
    assert_int_equal(t->priority, 0);
    assert_int_equal(t->resolve, 5 * 86400);
    assert_null(config_sla_target(cfg, KIND_INCIDENT, 5));
    assert_int_equal(cfg->npause_states, 1);
    assert_int_equal(cfg->from_incidents_max_priority, 1);
    assert_int_equal(cfg->count_degradation, 0);
    assert_true(cfg->satisfied_from == 4);
    const cfg_kpi_target_t *k = config_target(cfg, "reopen_rate_pct");
    assert_true(k->lower_is_better);
    assert_true(k->amber == 8);
    assert_int_equal(cfg->trend_periods, 12);
    assert_int_equal(cfg->min_sample, 10);
    assert_int_equal(cfg->coverage_gap, 3 * 86400);
    snprintf(want, sizeof want, "%s/conf/readiness.yaml", spec_dir);
    assert_string_equal(cfg->readiness, want);
    assert_string_equal(cfg->baseline, "2025-01..2025-06");
    config_free(cfg);
    remove_spec_dir();
}

static void test_defaults(void **state)
{
    (void)state;
    config_t *cfg = load_ok("sources: [{file: t.csv, profile: tickets}]\n"
                            "satisfaction: {scale: [0, 10]}\n");
    assert_string_equal(cfg->timezone, "UTC");
    assert_null(cfg->period);
    assert_string_equal(cfg->output_dir, "inputs/output");
    assert_null(cfg->output_name);
    assert_string_equal(cfg->service_defaults.calendar, "24x7");
    assert_true(cfg->service_defaults.availability_target == 99.5);
    assert_true(cfg->satisfied_from == 9); /* the scale's maximum − 1 */
    assert_int_equal(cfg->trend_periods, 12);
    assert_true(cfg->max_rejected_pct == 5);
    assert_int_equal(cfg->min_sample, 10); /* docs/configuration.md §4's defaults */
    assert_int_equal(cfg->coverage_gap, 3 * 86400);
    assert_int_equal(cfg->ncalendars, 1);
    assert_int_equal(cfg->from_incidents_max_priority, 0);
    assert_null(cfg->readiness);
    assert_null(cfg->roi);
    config_free(cfg);
    assert_int_equal(config_parse_duration("1h30m"), 5400);
    assert_int_equal(config_parse_duration("1w"), 7 * 86400);
    assert_int_equal(config_parse_duration("90s"), 90);
    assert_int_equal(config_parse_duration("30m1h"), -1);
    assert_int_equal(config_parse_duration("4"), -1);
    assert_int_equal(config_parse_duration("h"), -1);
    assert_int_equal(config_parse_duration("-4h"), -1);
}

#define SRC "sources: [{file: t.csv, profile: tickets}]\n"

static void test_errors(void **state)
{
    (void)state;
    expect_error(SRC "colour: blue\n", 2, 1, "unknown key 'colour'");
    expect_error(SRC "services: Email\n", 2, 11, "services must be a list");
    expect_error(SRC "services:\n  - {name: ERP, availability_target: 120}\n", 3, 38,
                 "between 0 and 100");
    expect_error(SRC "maintenance:\n  - {service: ERP, start: \"2026-10-11 02:00\", end: "
                     "\"2026-10-10 20:00\"}\n",
                 3, 5, "ends before it starts");
    expect_error("sources:\n  - {file: a.csv, profile: generic, kind: incident,\n"
                 "     columns: {id: Key, opened_at: Created}, priorities: {Critical: 0}}\n",
                 3, 69, "between 1 and 5");
    expect_error(SRC "services:\n  - {name: ERP, calendar: office}\n", 3, 27,
                 "unknown calendar 'office'");
    expect_error("sources: [{file: t.csv, profile: remedy}]\n", 1, 34, "unknown profile 'remedy'");
    expect_error(SRC "period: 2026-13\n", 2, 9, "is not a period");
    expect_error(SRC "baseline: 2025-06..2025-01\n", 2, 11, "is not a period");
    expect_error(SRC "trend: {periods: 12}\ntrend: {periods: 6}\n", 3, 1, "duplicate key 'trend'");
    expect_error("organization: X\n", 1, 1, "needs 'sources'");
    expect_error("", 1, 1, "empty");
    expect_error(SRC "calendars:\n  office: {hours: {mon-fri: \"8-18\"}}\n", 3, 29,
                 "opening hours");
    expect_error(SRC "calendars:\n  office: {hours: {mon-fri: \"18:00-08:00\"}}\n", 3, 29,
                 "end before they start");
    expect_error(SRC "calendars:\n  office: {hours: {mon-fry: \"08:00-18:00\"}}\n", 3, 20,
                 "not a day");
    expect_error(SRC "calendars:\n  24x7: {hours: {mon: \"08:00-18:00\"}}\n", 3, 3, "built in");
    expect_error(SRC "sla:\n  incident:\n    9: {respond: 1h}\n", 4, 5, "priority must be 1 to 5");
    expect_error(SRC "sla:\n  incident:\n    1: {respond: 15q}\n", 4, 18, "not a duration");
    expect_error(SRC "sla:\n  change:\n    1: {respond: 1h}\n", 3, 3, "unknown key 'change'");
    expect_error(SRC "sla:\n  incident:\n    1: {respond: 1h, calendar: office}\n", 4, 32,
                 "unknown calendar 'office'");
    expect_error(SRC "targets:\n  csat_pct: {target: 90, amber: 95}\n", 3, 13, "amber threshold");
    expect_error(SRC "targets:\n  happiness: {target: 90}\n", 3, 3, "not a KPI");
    expect_error(SRC "targets:\n  csat_pct: {target: 190}\n", 3, 22, "between 0 and 100");
    expect_error(SRC "timezone: Mars/Base\n", 2, 11, "unknown time zone");
    expect_error(SRC "trend: {periods: twelve}\n", 2, 18, "whole number");
    expect_error(SRC "quality: {min_sample: 0}\n", 2, 23, "");
    expect_error(SRC "quality: {min_sample: 2.5}\n", 2, 23, "whole number");
    expect_error(SRC "quality: {coverage_gap: 3 days}\n", 2, 25, "not a duration");
    expect_error(SRC "quality: {max_sample: 3}\n", 2, 11, "unknown key 'max_sample'");
    expect_error(SRC "satisfaction: {scale: [5, 1]}\n", 2, 23, "above its lowest");
    expect_error(SRC "availability: {count_degradation: maybe}\n", 2, 35, "true or false");
    expect_error(SRC "output: {name: \"../escape\"}\n", 2, 16, "plain file name");
    expect_error(SRC "output: {name: \"r-{when}\"}\n", 2, 16, "unknown placeholder");
    /* YAML a config never needs: anchors, aliases, a second document, deep nesting, 1 MiB */
    expect_error("x: &a 1\n" SRC, 1, 4, "anchors (&a) are not allowed");
    expect_error(SRC "scope: *a\n", 2, 8, "aliases (*a) are not allowed");
    expect_error(SRC "---\nscope: x\n", 2, 1, "a second YAML document");
    {
        char deep[20000];
        size_t n = (size_t)snprintf(deep, sizeof deep, "%s", SRC "scope: ");
        for (int i = 0; i < 5000; i++)
            deep[n++] = '[';
        for (int i = 0; i < 5000; i++)
            deep[n++] = ']';
        deep[n++] = '\n';
        deep[n] = '\0';
        /* the root mapping is level 1, so the 32nd '[' (column 8 + 31) is the 33rd level */
        expect_error(deep, 2, 8 + 31, "nesting deeper than 32 levels");
        char *big = malloc((1 << 20) + 64);
        memset(big, '#', (1 << 20) + 32);
        memcpy(big, SRC, strlen(SRC));
        big[(1 << 20) + 32] = '\0';
        config_t *cfg = NULL;
        diag_t d = {0};
        assert_int_equal(config_load_buffer("inputs/review.yaml", big, strlen(big), &cfg, &d),
                         ST_CONFIG);
        assert_non_null(strstr(d.message, "larger than 1 MiB"));
        diag_clear(&d);
        free(big);
    }
    expect_error("sources: [{file: t.csv, profile: tickets}\n", 2, 1, "");
    expect_error("sources:\n  - {profile: tickets}\n", 2, 5, "needs a 'file'");
    expect_error("sources:\n  - {file: t.csv}\n", 2, 5, "needs a 'profile'");
    expect_error("sources:\n  - {file: t.csv, profile: generic}\n", 2, 5, "generic source needs");
}

static char theme_dir[] = "/tmp/iso20k-test-theme-XXXXXX";

static void write_at(const char *name, const char *text, size_t len)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", theme_dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(text, 1, len, f);
    fclose(f);
}

/* Loads a config naming theme `name` and expects a config error in the theme file. */
static void expect_theme_error(const char *name, const char *theme, size_t line, size_t col,
                               const char *what)
{
    write_at(name, theme, strlen(theme));
    char cfgpath[256], text[512];
    snprintf(cfgpath, sizeof cfgpath, "%s/review.yaml", theme_dir);
    snprintf(text, sizeof text, "sources: [{file: t.csv, profile: tickets}]\ntheme: %s\n", name);
    config_t *cfg = NULL;
    diag_t d = {0};
    if (config_load_buffer(cfgpath, text, strlen(text), &cfg, &d) != ST_CONFIG)
        fail_msg("expected a theme error for %s", name);
    char want_path[256];
    snprintf(want_path, sizeof want_path, "%s/%s", theme_dir, name);
    assert_string_equal(d.path, want_path);
    if (d.line != line || d.column != col || !strstr(d.message, what))
        fail_msg("got %zu:%zu: %s; expected %zu:%zu: …%s…", d.line, d.column, d.message, line, col,
                 what);
    diag_clear(&d);
}

static void test_themes(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(theme_dir));
    /* the shipped themes load */
    config_t *cfg = NULL;
    diag_t d = {0};
    const char *shipped[] = {"themes/default.yaml", "themes/high-contrast.yaml"};
    for (int i = 0; i < 2; i++) {
        char text[256];
        snprintf(text, sizeof text, "sources: [{file: t.csv, profile: tickets}]\ntheme: %s\n",
                 shipped[i]);
        if (config_load_buffer("review.yaml", text, strlen(text), &cfg, &d) != ST_OK)
            fail_msg("%s: %zu:%zu %s", shipped[i], d.line, d.column, d.message);
        if (i == 1) {
            assert_string_equal(cfg->look.name, "high-contrast");
            assert_true(cfg->look.primary.r == 0 && cfg->look.primary.g == 0);
            assert_int_equal(cfg->look.nseries, 6);
            assert_true(cfg->look.margin_pt > 51 && cfg->look.margin_pt < 51.1); /* 18 mm */
        } else {
            theme_t def;
            theme_default(&def);
            assert_memory_equal(&cfg->look.primary, &def.primary, sizeof def.primary);
            assert_memory_equal(cfg->look.series, def.series, sizeof def.series);
        }
        config_free(cfg);
    }
    /* a real PNG passes (2 × 1 pixels, the second transparent: laid on white); one that is
     * not, or is only a PNG's header, is rejected before libharu */
    static const unsigned char png[72] = {
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0xF4,
        0x22, 0x7F, 0x8A, 0x00, 0x00, 0x00, 0x0F, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0xE0,
        0x75, 0x28, 0xFE, 0x0F, 0x04, 0x0C, 0x00, 0x12, 0xD5, 0x04, 0xBD, 0x0D, 0x50, 0x59, 0xBC,
        0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
    write_at("good.png", (const char *)png, sizeof png);
    write_at("header-only.png", (const char *)png, 33);
    write_at("fake.png", "GIF89a not a png at all", 23);
    write_at("ok.yaml", "logo: good.png\n", 15);
    char cfgpath[256];
    snprintf(cfgpath, sizeof cfgpath, "%s/review.yaml", theme_dir);
    const char *text = "sources: [{file: t.csv, profile: tickets}]\ntheme: ok.yaml\n";
    assert_int_equal(config_load_buffer(cfgpath, text, strlen(text), &cfg, &d), ST_OK);
    assert_non_null(strstr(cfg->look.logo, "/good.png"));
    assert_int_equal(cfg->look.logo_image.width, 2);
    assert_int_equal(cfg->look.logo_image.height, 1);
    assert_memory_equal(cfg->look.logo_image.rgb, "\x0D\x40\x73\xFF\xFF\xFF", 6);
    config_free(cfg);
    expect_theme_error("t0.yaml", "logo: header-only.png\n", 1, 7, "a damaged PNG image");
    expect_theme_error("t1.yaml", "colors: {primary: blue}\n", 1, 19, "not a colour");
    expect_theme_error("t2.yaml", "name: x\nfont: Arial\n", 2, 1, "unknown key 'font'");
    expect_theme_error("t3.yaml", "logo: missing.png\n", 1, 7, "cannot be read");
    expect_theme_error("t4.yaml", "name: x\nlogo: fake.png\n", 2, 7, "not a PNG or JPEG");
    expect_theme_error("t5.yaml", "fonts: {regular: NoSuchFont.ttf}\n", 1, 18, "cannot be read");
    expect_theme_error("t6.yaml", "fonts: {bold: ./fake.png}\n", 1, 15, "not a TrueType font");
    expect_theme_error("t7.yaml", "margin_mm: 2\n", 1, 12, "between 5 and 40");
    expect_theme_error("t8.yaml", "colors: {series: [\"#000000\"]}\n", 1, 18, "2 to 10 colours");
    /* a theme file that does not exist is an error at the config's theme key */
    text = "sources: [{file: t.csv, profile: tickets}]\ntheme: nope.yaml\n";
    assert_int_equal(config_load_buffer(cfgpath, text, strlen(text), &cfg, &d), ST_CONFIG);
    assert_int_equal(d.line, 2);
    assert_int_equal(d.column, 8);
    diag_clear(&d);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", theme_dir);
    assert_int_equal(system(cmd), 0);
    memcpy(theme_dir + strlen(theme_dir) - 6, "XXXXXX", 6); /* reusable by the next test */
}

/* Writes roi.yaml beside a config that names it and expects a config error in roi.yaml. */
static void expect_roi_error(const char *roi, size_t line, size_t col, const char *what)
{
    write_at("roi.yaml", roi, strlen(roi));
    char cfgpath[256];
    snprintf(cfgpath, sizeof cfgpath, "%s/review.yaml", theme_dir);
    const char *text =
        "sources: [{file: t.csv, profile: tickets}]\nservices: [{name: ERP}]\nroi: roi.yaml\n";
    config_t *cfg = NULL;
    diag_t d = {0};
    if (config_load_buffer(cfgpath, text, strlen(text), &cfg, &d) != ST_CONFIG)
        fail_msg("expected an ROI error for:\n%s", roi);
    if (d.line != line || d.column != col || !strstr(d.message, what) ||
        !strstr(d.path, "roi.yaml"))
        fail_msg("got %s:%zu:%zu: %s; expected %zu:%zu: …%s…", d.path, d.line, d.column, d.message,
                 line, col, what);
    diag_clear(&d);
}

static void test_roi_config(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(theme_dir) ? theme_dir : NULL);
    const char *good =
        "currency: CHF\nhorizon_years: 3\ndiscount_rate: 0.08\n"
        "costs: {initial: {consultancy: 40000}, annual: {tooling: 20000}}\n"
        "downtime_cost_per_hour: {default: 5000, ERP: 12000}\n"
        "cost_per_incident: 22\ncost_per_breach: 150\nbenefits: {audit preparation: 18000}\n"
        "risk_adjustment: {default: 0.1, downtime: 0.2}\nramp: [0.5, 1, 1]\n"
        "baseline: {downtime_hours: 40, incidents: 8000, breaches: 300}\n"
        "scenarios:\n  conservative: {risk_adjustment: 0.25, ramp: [0.3, 0.8, 1]}\n"
        "  optimistic: {discount_rate: 0.05}\n";
    write_at("roi.yaml", good, strlen(good));
    char cfgpath[256];
    snprintf(cfgpath, sizeof cfgpath, "%s/review.yaml", theme_dir);
    const char *text =
        "sources: [{file: t.csv, profile: tickets}]\nservices: [{name: ERP}]\nroi: roi.yaml\n";
    config_t *cfg = load_ok_at(cfgpath, text);
    const roi_config_t *rc = cfg->roi_model;
    assert_string_equal(rc->base.currency, "CHF");
    assert_true(rc->base.discount_rate == 0.08);
    assert_true(rc->base.downtime_cost_per_hour == 5000);
    assert_int_equal(rc->base.nservice_downtime_cost, 1);
    assert_true(rc->base.service_downtime_cost[0].value == 12000);
    assert_true(roi_risk(&rc->base, "downtime") == 0.2);
    assert_true(roi_risk(&rc->base, "incidents") == 0.1);
    assert_true(rc->base.ramp[0] == 0.5);
    assert_true(rc->base.baseline_incidents == 8000);
    assert_int_equal(rc->nscenarios, 2);
    assert_true(rc->scenarios[0].risk_default == 0.25);
    assert_true(rc->scenarios[0].ramp[0] == 0.3);
    assert_true(rc->scenarios[0].discount_rate == 0.08); /* kept from the base */
    assert_true(rc->scenarios[1].discount_rate == 0.05);
    assert_true(rc->scenarios[1].ramp[0] == 0.5);
    config_free(cfg);
    expect_roi_error("discount_rate: -0.1\n", 1, 16, "at least 0");
    expect_roi_error("horizon_years: 3\nramp: [0.5, 1]\n", 2, 7, "horizon is 3 years");
    expect_roi_error("downtime_cost_per_hour: {Payroll: 100}\n", 1, 26,
                     "not a service of the catalogue");
    expect_roi_error("costs: {initial: {consultancy: -5}}\n", 1, 32, "must not be below 0");
    expect_roi_error("risk_adjustment: 1.5\n", 1, 18, "between 0 and 1");
    expect_roi_error("scenarios:\n  bad: {ramp: [2, 1, 1]}\n", 2, 16, "between 0 and 1");
    expect_roi_error("profit: lots\n", 1, 1, "unknown key 'profit'");
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", theme_dir);
    assert_int_equal(system(cmd), 0);
    memcpy(theme_dir + strlen(theme_dir) - 6, "XXXXXX", 6);
}

/* Writes `name` beside a config (the `readiness` value given) and expects an error in `name`. */
static void expect_readiness_error(const char *readiness_value, const char *name, const char *text,
                                   size_t line, size_t col, const char *what)
{
    write_at(name, text, strlen(text));
    char cfgpath[256], cfgtext[400];
    snprintf(cfgpath, sizeof cfgpath, "%s/review.yaml", theme_dir);
    snprintf(cfgtext, sizeof cfgtext, "sources: [{file: t.csv, profile: tickets}]\nreadiness: %s\n",
             readiness_value);
    config_t *cfg = NULL;
    diag_t d = {0};
    if (config_load_buffer(cfgpath, cfgtext, strlen(cfgtext), &cfg, &d) != ST_CONFIG)
        fail_msg("expected a readiness error for:\n%s", text);
    if (d.line != line || d.column != col || !strstr(d.message, what) || !strstr(d.path, name))
        fail_msg("got %s:%zu:%zu: %s; expected %s:%zu:%zu: …%s…", d.path, d.line, d.column,
                 d.message, name, line, col, what);
    diag_clear(&d);
}

static void test_readiness_config(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(theme_dir) ? theme_dir : NULL);
    char cfgpath[256];
    snprintf(cfgpath, sizeof cfgpath, "%s/review.yaml", theme_dir);
    /* a self-assessment: scores, evidence as a list, an action without status (open) */
    const char *good =
        "assessed_on: 2026-10-20\nassessor: Jane\nitems:\n"
        "  4.3-a: {score: 4, evidence: [SCOPE-01, \"minutes 2026-06\"], owner: Jane}\n"
        "  9.2-a: {score: 2, action: Plan the audits, due: 2026-12-01}\n"
        "  9.3-a: {score: ~, action: Hold the review, status: done}\n"
        "  10.2-a:\n";
    write_at("readiness.yaml", good, strlen(good));
    const char *text = "sources: [{file: t.csv, profile: tickets}]\nreadiness: readiness.yaml\n";
    config_t *cfg = load_ok_at(cfgpath, text);
    const catalogue_t *cat = cfg->catalogue;
    assert_ptr_equal(cat, &catalogue_builtin);
    const assessment_t *a = cfg->assessment;
    assert_string_equal(a->assessed_on, "2026-10-20");
    const assessment_entry_t *e = &a->entries[catalogue_find_item(cat, "4.3-a")];
    assert_int_equal(e->score, 4);
    assert_string_equal(e->evidence, "SCOPE-01; minutes 2026-06");
    assert_string_equal(e->owner, "Jane");
    e = &a->entries[catalogue_find_item(cat, "9.2-a")];
    assert_int_equal(e->score, 2);
    assert_int_equal(e->status, ACTION_OPEN);
    assert_string_equal(e->due, "2026-12-01");
    e = &a->entries[catalogue_find_item(cat, "9.3-a")];
    assert_int_equal(e->score, -1); /* an empty score: not assessed */
    assert_int_equal(e->status, ACTION_DONE);
    assert_int_equal(a->entries[catalogue_find_item(cat, "10.2-a")].score, -1);
    config_free(cfg);

    /* an organisation's own catalogue extends the built-in one */
    const char *own =
        "clauses:\n  - {number: \"8.6.4\", title: Major incidents}\n"
        "items:\n  - {id: 8.6.4-a, clause: \"8.6.4\", text: Major incidents get a review., "
        "weight: 2, required: record, checks: [incidents_recorded]}\n";
    write_at("own.yaml", own, strlen(own));
    const char *r2 = "items: {8.6.4-a: {score: 3}}\n";
    write_at("r2.yaml", r2, strlen(r2));
    text = "sources: [{file: t.csv, profile: tickets}]\nreadiness: {assessment: r2.yaml, "
           "catalogue: own.yaml}\n";
    cfg = load_ok_at(cfgpath, text);
    cat = cfg->catalogue;
    assert_int_equal(cat->nitems, catalogue_builtin.nitems + 1);
    assert_int_equal(cat->nclauses, catalogue_builtin.nclauses + 1);
    long ci = catalogue_find_clause(cat, "8.6.4"), cp = catalogue_find_clause(cat, "8.6.3");
    assert_int_equal(ci, cp + 1); /* placed after its siblings, before 8.7 */
    long ii = catalogue_find_item(cat, "8.6.4-a");
    assert_true(ii > catalogue_find_item(cat, "8.6.3-a") &&
                ii < catalogue_find_item(cat, "8.7.1-a"));
    assert_int_equal(cat->items[ii].required, 'R');
    assert_true(cat->items[ii].weight == 2);
    assert_int_equal(cat->items[ii].checks, CHECK_BIT(CHECK_INCIDENTS_RECORDED));
    assert_int_equal(cfg->assessment->entries[ii].score, 3);
    config_free(cfg);
    /* or replaces it */
    const char *only =
        "clauses: [{number: \"9\", title: Performance}, {number: \"9.2\", title: Audit}]\n"
        "items: [{id: A1, clause: \"9.2\", text: Audits happen.}]\n";
    write_at("only.yaml", only, strlen(only));
    text = "sources: [{file: t.csv, profile: tickets}]\n"
           "readiness: {catalogue: only.yaml, catalogue_mode: replace}\n";
    cfg = load_ok_at(cfgpath, text);
    assert_int_equal(cfg->catalogue->nitems, 1);
    assert_int_equal(cfg->catalogue->nclauses, 2);
    assert_null(cfg->assessment);
    config_free(cfg);

    /* errors in the self-assessment, each with its place */
    expect_readiness_error("readiness.yaml", "readiness.yaml", "items:\n  4.1-z: {score: 3}\n", 2,
                           3, "unknown item '4.1-z' (this clause has 4.1-a");
    expect_readiness_error("readiness.yaml", "readiness.yaml", "items:\n  4.1-a: {score: 6}\n", 2,
                           18, "between 0 and 5");
    expect_readiness_error("readiness.yaml", "readiness.yaml", "items:\n  4.1-a: {score: -1}\n", 2,
                           18, "between 0 and 5");
    expect_readiness_error("readiness.yaml", "readiness.yaml", "items:\n  4.1-a: {score: 3.5}\n", 2,
                           18, "whole number");
    expect_readiness_error(
        "readiness.yaml", "readiness.yaml",
        "items:\n  4.1-a: {score: 3}\n  4.2-a: {score: 2}\n  4.1-a: {score: 4}\n", 4, 3,
        "duplicate key '4.1-a' in items (first at line 2)");
    expect_readiness_error("readiness.yaml", "readiness.yaml",
                           "items:\n  4.1-a: {score: 3, due: soon}\n", 2, 26, "not a date");
    expect_readiness_error("readiness.yaml", "readiness.yaml",
                           "items:\n  4.1-a: {status: finished}\n", 2, 19,
                           "open, in_progress, done or cancelled");
    expect_readiness_error("readiness.yaml", "readiness.yaml", "items:\n  4.1-a: {grade: 3}\n", 2,
                           11, "unknown key 'grade'");
    /* and in a catalogue */
    expect_readiness_error("{catalogue: c.yaml}", "c.yaml",
                           "items:\n  - {id: X1, clause: \"12.1\", text: t}\n", 2, 22,
                           "not in the catalogue");
    expect_readiness_error("{catalogue: c.yaml}", "c.yaml",
                           "items:\n  - {id: 4.1-a, clause: \"4.1\", text: t}\n", 2, 10,
                           "already in the catalogue");
    expect_readiness_error("{catalogue: c.yaml}", "c.yaml",
                           "clauses:\n  - {number: \"11.1\", title: t}\n", 2, 5,
                           "needs its parent clause");
    expect_readiness_error("{catalogue: c.yaml}", "c.yaml",
                           "items:\n  - {id: X1, clause: \"4.1\", text: t, checks: [magic]}\n", 2,
                           47, "unknown check 'magic'");
    expect_readiness_error("{catalogue: c.yaml}", "c.yaml",
                           "items:\n  - {id: X1, clause: \"4.1\", text: t, weight: 0}\n", 2, 46,
                           "above 0");
    /* a missing self-assessment is an error at the config's key */
    text = "sources: [{file: t.csv, profile: tickets}]\nreadiness: nope.yaml\n";
    diag_t d = {0};
    assert_int_equal(config_load_buffer(cfgpath, text, strlen(text), &cfg, &d), ST_CONFIG);
    assert_int_equal(d.line, 2);
    assert_int_equal(d.column, 12);
    diag_clear(&d);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", theme_dir);
    assert_int_equal(system(cmd), 0);
    memcpy(theme_dir + strlen(theme_dir) - 6, "XXXXXX", 6);
}

/* Names in the config: looked up through the index beyond a few, walked below, the same
 * either way; a service listed twice named at its second place; strings repaired as input
 * text is; a key holding a control character refused with its place. */
static void test_names(void **state)
{
    (void)state;
    strbuf_t text = {0};
    strbuf_puts(&text, SRC "calendars:\n");
    for (int i = 0; i < 12; i++)
        strbuf_printf(&text, "  cal%02d: {hours: {mon: \"08:00-09:00\"}}\n", i);
    strbuf_puts(&text, "services:\n");
    for (int i = 0; i < 30; i++)
        strbuf_printf(&text, "  - {name: Svc %02d, calendar: cal%02d}\n", i, i % 12);
    config_t *cfg = load_ok(text.data);
    assert_int_equal(cfg->ncalendars, 13); /* 24x7 and twelve */
    char name[16];
    for (int i = 0; i < 30; i++) {
        snprintf(name, sizeof name, "Svc %02d", i);
        const cfg_service_t *svc = config_service(cfg, name);
        assert_non_null(svc);
        assert_string_equal(svc->name, name);
        snprintf(name, sizeof name, "cal%02d", i % 12);
        assert_string_equal(svc->calendar, name);
        assert_ptr_equal(config_calendar(cfg, name), &cfg->calendars[1 + i % 12]);
    }
    assert_null(config_service(cfg, "Svc 30"));
    assert_null(config_calendar(cfg, "cal12"));
    assert_non_null(config_calendar(cfg, "24x7"));
    config_free(cfg);
    strbuf_puts(&text, "  - {name: Svc 07}\n");
    expect_error(text.data, 46, 5, "service 'Svc 07' is listed twice"); /* its line */
    strbuf_clear(&text);

    cfg = load_ok(SRC "organization: \"ACME \\uFFFF\\x01 \\uFDD0 GmbH\"\n"
                      "services: [{name: \"Mail\\uFFFE\"}]\n");
    assert_string_equal(cfg->organization, "ACME \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD GmbH");
    assert_non_null(config_service(cfg, "Mail\xEF\xBF\xBD"));
    config_free(cfg);
    expect_error(SRC "calendars:\n  \"a\\x1b\": {hours: {mon: \"08:00-09:00\"}}\n", 3, 3,
                 "a key in calendars holds a control character");
}

static void test_missing_file(void **state)
{
    (void)state;
    config_t *cfg = NULL;
    diag_t d = {0};
    assert_int_equal(config_load("/nonexistent/review.yaml", &cfg, &d), ST_NOINPUT);
    assert_null(cfg);
    diag_clear(&d);
}

/* The `events` block of a generic source (docs/configuration.md §5) and `columns` checked against
 * the profile's records (docs/spreadsheets.md: an override for any profile, outage and survey
 * fields too). */
static void test_events_and_columns(void **state)
{
    (void)state;
    static const char ok[] = "sources:\n"
                             "  - file: log.csv\n"
                             "    profile: generic\n"
                             "    kind: incident\n"
                             "    events:\n"
                             "      case: Case\n"
                             "      activity: Activity\n"
                             "      time: When\n"
                             "      resource: Who\n"
                             "      states: {Open: new, Work: in_progress, Park: on_hold, Done: "
                             "resolved, Shut: closed, Drop: cancelled}\n"
                             "      response: Work\n"
                             "    columns: {priority: Prio, service: Product}\n"
                             "  - {file: o.csv, profile: servicenow-outage, columns: {start: "
                             "Begins, service: CI}}\n"
                             "  - {file: s.csv, profile: csat, columns: {score: Rating}}\n";
    config_t *cfg = NULL;
    diag_t d = {0};
    assert_int_equal(config_load_buffer("inputs/review.yaml", ok, strlen(ok), &cfg, &d), ST_OK);
    const cfg_events_t *e = &cfg->sources[0].events;
    assert_true(e->set);
    assert_string_equal(e->case_id, "Case");
    assert_string_equal(e->activity, "Activity");
    assert_string_equal(e->time, "When");
    assert_string_equal(e->resource, "Who");
    assert_int_equal(e->nstates, 6);
    assert_string_equal(e->states[2].key, "Park");
    assert_int_equal(e->states[2].number, 2); /* on_hold */
    assert_int_equal(e->states[5].number, 5); /* cancelled */
    assert_int_equal(e->nresponse, 1);
    assert_string_equal(e->response[0], "Work");
    assert_int_equal(e->mark.line, 6);
    assert_false(cfg->sources[1].events.set);
    config_free(cfg);

#define GEN "sources:\n  - file: log.csv\n    profile: generic\n    kind: incident\n"
    expect_error(GEN "    events: {case: C, activity: A, time: T, states: {Open: opened}}\n", 5, 60,
                 "'opened' is not a state (states: new, in_progress, on_hold, resolved");
    expect_error(GEN "    events: {case: C, lane: L}\n", 5, 23,
                 "unknown key 'lane' in events (known: case, activity, time, resource, states, "
                 "response)");
    expect_error(GEN "    events: {case: C, response: []}\n", 5, 33,
                 "response needs at least one activity");
    expect_error(GEN "    events: {case: C}\n    columns: {opened_at: Created}\n", 6, 15,
                 "'opened_at' is rebuilt from the events");
    expect_error(GEN "    events: {case: C}\n    columns: {id: Key}\n", 6, 15,
                 "'id' is rebuilt from the events");
    expect_error(GEN "    events: {case: C}\n    columns: {status: State}\n", 6, 15,
                 "'status' is rebuilt");
    /* with a resource the walk sets the assignee; without one `columns` may give it */
    expect_error(GEN "    events: {case: C, resource: R}\n    columns: {assignee: Owner}\n", 6, 15,
                 "'assignee' is rebuilt from the events");
    expect_error(GEN "    events: {case: C, resource: R}\n    columns: {reassignment_count: N}\n",
                 6, 15, "'reassignment_count' is rebuilt");
    static const char owner[] = GEN "    events: {case: C}\n    columns: {assignee: O}\n";
    assert_int_equal(config_load_buffer("inputs/review.yaml", owner, strlen(owner), &cfg, &d),
                     ST_OK);
    config_free(cfg);
    expect_error("sources:\n  - {file: a.csv, profile: tickets, events: {case: C}}\n", 2, 37,
                 "'events' needs the generic profile (this source reads 'tickets')");
    expect_error(GEN "    columns: {id: Key}\n", 2, 5,
                 "needs 'columns' naming at least id and opened_at (or an 'events' block");
#undef GEN
    /* columns by the profile's records, the valid names listed */
    expect_error("sources:\n  - {file: a.csv, profile: servicenow-outage, columns: {opened_at: "
                 "X}}\n",
                 2, 57,
                 "'opened_at' is not a canonical column name for the servicenow-outage profile "
                 "(valid: service, start, end, type, id, description)");
    expect_error("sources:\n  - {file: a.csv, profile: tickets, columns: {start: X}}\n", 2, 47,
                 "(valid: id, kind, service, priority, status, opened_at, first_response_at");
    expect_error("sources:\n  - {file: a.csv, profile: csat, columns: {begin: X}}\n", 2, 44,
                 "for the csat profile (valid: responded_at, score, ticket_id, nps, comment)");
    expect_error("sources:\n  - {file: a.csv, profile: auto, columns: {begin: X}}\n", 2, 44,
                 "(valid: tickets: id, kind,");
}

/* A config with `key: ` followed by n copies of the UTF-8 character ch and a newline. */
static char *long_text(const char *key, const char *ch, size_t n)
{
    size_t klen = strlen(SRC) + strlen(key) + 4, clen = strlen(ch);
    char *s = malloc(klen + n * clen + 2);
    size_t at = (size_t)snprintf(s, klen, "%s%s: ", SRC, key);
    for (size_t i = 0; i < n; i++, at += clen)
        memcpy(s + at, ch, clen);
    memcpy(s + at, "\n", 2);
    return s;
}

/* Numbers: finite and within ±10^12, so that no sum the program forms overflows. */
static void test_numbers(void **state)
{
    (void)state;
    expect_error(SRC "targets:\n  csat_mean: {target: 1e13}\n", 3, 23, "between -10^12 and 10^12");
    expect_error(SRC "targets:\n  csat_mean: {target: -1e300}\n", 3, 23,
                 "between -10^12 and 10^12");
    expect_error(SRC "targets:\n  csat_mean: {target: .nan}\n", 3, 23, "must be a number");
    expect_error(SRC "targets:\n  csat_mean: {target: 1e999}\n", 3, 23, "must be a number");
    config_t *cfg = load_ok(SRC "targets:\n  csat_mean: {target: 1e12}\n");
    config_free(cfg);
}

/* Text lengths, in characters (not bytes): 1,000 for names, 4,000 for any other text. */
static void test_text_limits(void **state)
{
    (void)state;
    char *t = long_text("organization", "\xC3\x98", 1000); /* 1,000 characters, 2,000 bytes */
    config_t *cfg = load_ok(t);
    assert_int_equal(strlen(cfg->organization), 2000);
    config_free(cfg);
    free(t);
    t = long_text("organization", "\xC3\x98", 1001);
    expect_error(t, 2, 15, "organization is 1001 characters long; at most 1000 are allowed");
    free(t);
    t = long_text("scope", "s", 4000);
    config_free(load_ok(t));
    free(t);
    t = long_text("scope", "s", 4001);
    expect_error(t, 2, 8, "scope is 4001 characters long; at most 4000 are allowed");
    free(t);
    strbuf_t sb = {0}; /* a key of 1,001 characters */
    strbuf_printf(&sb, "%scalendars:\n  %0*d: {hours: {mon-fri: \"08:00-18:00\"}}\n", SRC, 1001, 7);
    expect_error(sb.data, 3, 3, "a key is 1001 characters long");
    strbuf_clear(&sb);
    t = long_text("services:\n  - name", "n", 1001);
    expect_error(t, 3, 11, "name is 1001 characters long");
    free(t);
}

/* One priority of one kind under two spellings is an error naming both places. */
static void test_sla_priority_twice(void **state)
{
    (void)state;
    expect_error(SRC "sla:\n  incident:\n    1: {respond: 1h}\n    \"01\": {respond: 2h}\n", 5, 5,
                 "SLA priority '01' of incident is priority 1, already given as '1' at line 4, "
                 "column 5");
    expect_error(SRC "sla:\n  request:\n    +2: {respond: 1h}\n    2: {respond: 2h}\n", 5, 5,
                 "already given as '+2' at line 4");
    config_t *cfg =
        load_ok(SRC "sla:\n  incident:\n    1: {respond: 1h}\n  request:\n    1: {respond: 2h}\n");
    assert_int_equal(cfg->nsla, 2);
    config_free(cfg);
}

/* A byte that is not UTF-8 is reported at its place, not at 1:1. */
static void test_not_utf8(void **state)
{
    (void)state;
    /* line 3, column 16: after 14 ASCII characters and one 'é' */
    expect_error(SRC "scope: x\norganization: \xC3\xA9\xFF\n", 3, 16,
                 "invalid leading UTF-8 octet (byte 0xFF): the file must be UTF-8");
    /* a sequence cut short: the byte that breaks it (the closing quote) */
    expect_error(SRC "scope: \"ab\xC3\"\n", 2, 12, "trailing UTF-8 octet (byte 0x22)");
}

/* A directory where a file belongs says so, for the config and every file it names. */
static void test_directories(void **state)
{
    (void)state;
    char dir[] = "/tmp/iso20k-test-dirs-XXXXXX";
    assert_non_null(mkdtemp(dir));
    config_t *cfg = NULL;
    diag_t d = {0};
    assert_int_equal(config_load(dir, &cfg, &d), ST_NOINPUT);
    assert_non_null(strstr(d.message, "cannot read the config: it is a directory, not a file"));
    diag_clear(&d);
    static const char *const keys[] = {"roi", "theme", "readiness"};
    for (size_t i = 0; i < 3; i++) {
        char text[256];
        snprintf(text, sizeof text, SRC "%s: %s\n", keys[i], dir);
        assert_int_equal(config_load_buffer("r.yaml", text, strlen(text), &cfg, &d), ST_CONFIG);
        if (!strstr(d.message, "cannot be read: it is a directory, not a file") || d.line != 2)
            fail_msg("%s: %zu:%zu: %s", keys[i], d.line, d.column, d.message);
        diag_clear(&d);
    }
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_example),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_themes),
        cmocka_unit_test(test_roi_config),
        cmocka_unit_test(test_readiness_config),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_events_and_columns),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_text_limits),
        cmocka_unit_test(test_sla_priority_twice),
        cmocka_unit_test(test_not_utf8),
        cmocka_unit_test(test_directories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
