/*
 * Unit tests: red/amber/green marks, chart tick values and hostile chart values, and the three
 * renderers on a small report (JSON numbers rounded half away from zero, nulls for ratios
 * without a denominator, a PDF and a workbook that are produced without error).
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
#include <unistd.h>

#include <expat.h>
#include <zip.h>

#include "app/config_load.h"
#include "core/text.h"
#include "render/render_csv.h"
#include "render/render_json.h"
#include "render/render_pdf.h"
#include "render/render_xlsx.h"
#include "metrics/roi.h"
#include "report/chart.h"
#include "report/report.h"

/* A chart of the kind with no target, band, marker or axis bounds. */
static chart_spec_t blank_spec(chart_kind_t kind, const char *title, size_t ncat, const char **cats,
                               size_t nseries, chart_series_t *ser)
{
    chart_spec_t s = {.kind = kind,
                      .title = title,
                      .ncat = ncat,
                      .categories = cats,
                      .nseries = nseries,
                      .series = ser,
                      .target = NAN,
                      .y_min = NAN,
                      .y_max = NAN,
                      .band_lo = NAN,
                      .band_hi = NAN,
                      .marker_x = NAN,
                      .base = NAN};
    return s;
}

static void test_rag(void **state)
{
    (void)state;
    cfg_kpi_target_t hi = {"csat_pct", 90, 85, 0};
    assert_int_equal(report_rag(&hi, 90), RAG_GREEN);
    assert_int_equal(report_rag(&hi, 89.99), RAG_AMBER);
    assert_int_equal(report_rag(&hi, 85), RAG_AMBER);
    assert_int_equal(report_rag(&hi, 84.9), RAG_RED);
    assert_int_equal(report_rag(&hi, NAN), RAG_NONE);
    assert_int_equal(report_rag(NULL, 50), RAG_NONE);
    cfg_kpi_target_t lo = {"reopen_rate_pct", 5, 8, 1};
    assert_int_equal(report_rag(&lo, 5), RAG_GREEN);
    assert_int_equal(report_rag(&lo, 7), RAG_AMBER);
    assert_int_equal(report_rag(&lo, 8.1), RAG_RED);
    cfg_kpi_target_t no_amber = {"change_success_pct", 95, NAN, 0};
    assert_int_equal(report_rag(&no_amber, 94.9), RAG_RED);
}

static void test_ticks(void **state)
{
    (void)state;
    double first, last, step;
    chart_nice_ticks(0, 97, 5, &first, &last, &step);
    assert_true(step == 20 && first == 0 && last == 100);
    chart_nice_ticks(98.7, 100, 5, &first, &last, &step); /* 1.3 / 5 = 0.26 → 0.5 */
    assert_true(fabs(step - 0.5) < 1e-12);
    assert_true(fabs(first - 98.5) < 1e-9 && fabs(last - 100) < 1e-9);
    chart_nice_ticks(5, 5, 5, &first, &last, &step); /* empty range: still finite */
    assert_true(isfinite(step) && step > 0);
}

static void test_chart_hostile_values(void **state)
{
    (void)state;
    double v[4] = {NAN, INFINITY, -1e308, 1e308};
    const char *cats[4] = {"a", "b", NULL, "a very long category label that must not overlap"};
    chart_series_t s = {"s", v, NULL};
    chart_spec_t spec = blank_spec(CHART_BAR, "hostile", 4, cats, 1, &s);
    chart_image_t img;
    diag_t d = {0};
    theme_t th;
    theme_default(&th);
    const char *labels[4] = {"8.5.1.3-b", NULL, "",
                             "an item id far longer than any cell could hold"};
    for (int k = CHART_BAR; k <= CHART_RISK_MATRIX; k++) { /* every kind survives them */
        spec.kind = (chart_kind_t)k;
        /* and labelled heat-map and matrix cells */
        spec.cell_labels = k == CHART_HEATMAP || k == CHART_RISK_MATRIX ? labels : NULL;
        assert_int_equal(chart_draw(&spec, &th, 400, 200, 1, &img, &d), ST_OK);
        assert_int_equal(img.width, 400);
        chart_image_clear(&img);
    }
    assert_int_equal(chart_draw(&spec, &th, -1, 200, 1, &img, &d), ST_INTERNAL);
    diag_clear(&d);
    assert_int_equal(chart_draw(&spec, &th, NAN, 200, 1, &img, &d), ST_INTERNAL);
    diag_clear(&d);
}

static void test_label_step(void **state)
{
    (void)state;
    assert_int_equal(chart_label_step(20, 9), 1); /* room for every label */
    assert_int_equal(chart_label_step(4, 9), 3);  /* 200 services on a page: every third */
    assert_int_equal(chart_label_step(2.5, 9), 4);
    assert_int_equal(chart_label_step(0, 9), 1); /* degenerate input: no thinning, no hang */
    assert_int_equal(chart_label_step(NAN, 9), 1);
}

/* Counts the pixels of a colour, to see that a chart drew what it should. */
static size_t count_rgb(const chart_image_t *img, theme_rgb_t c)
{
    size_t n = 0;
    unsigned char r = (unsigned char)lround(c.r * 255), g = (unsigned char)lround(c.g * 255),
                  b = (unsigned char)lround(c.b * 255);
    for (size_t i = 0; i < (size_t)img->width * (size_t)img->height; i++)
        n += img->rgb[3 * i] == r && img->rgb[3 * i + 1] == g && img->rgb[3 * i + 2] == b;
    return n;
}

static void test_chart_kinds(void **state)
{
    (void)state;
    theme_t th;
    theme_default(&th);
    double a[5] = {3, 4, 2.5, 5, 1}, b[5] = {1, 2, 3, 4, 5};
    const char *cats[5] = {"4 Context", "5 Leadership", "6 Planning", "7 Support", "8 Operation"};
    chart_series_t ser[2] = {{"self-assessed", a, NULL}, {"evidence", b, NULL}};
    chart_spec_t spec = {.title = "kinds",
                         .ncat = 5,
                         .categories = cats,
                         .nseries = 2,
                         .series = ser,
                         .target = NAN,
                         .y_min = NAN,
                         .y_max = 5,
                         .band_lo = NAN,
                         .band_hi = NAN,
                         .marker_x = 2.4,
                         .marker_label = "payback",
                         .center_text = "86%",
                         .base = 3};
    diag_t d = {0};
    for (int k = CHART_BAR; k <= CHART_RISK_MATRIX; k++) {
        spec.kind = (chart_kind_t)k;
        chart_image_t img;
        assert_int_equal(chart_draw(&spec, &th, 300, 150, 2, &img, &d), ST_OK);
        assert_int_equal(img.width, 600);
        /* each kind paints its data: the first series colour, or for the heat map the
         * green of its best cells (a score of 5 of 5), for the risk matrix the green of its
         * low cells (no bands given: every cell is low) */
        theme_rgb_t want =
            k == CHART_HEATMAP || k == CHART_RISK_MATRIX ? th.rag_fill[1] : th.series[0];
        if (count_rgb(&img, want) < 20)
            fail_msg("chart kind %d drew no data in the expected colour", k);
        chart_image_clear(&img);
    }
    /* the same chart twice gives the same pixels (reproducible PDFs depend on it) */
    spec.kind = CHART_RADAR;
    chart_image_t i1, i2;
    assert_int_equal(chart_draw(&spec, &th, 300, 150, 2, &i1, &d), ST_OK);
    assert_int_equal(chart_draw(&spec, &th, 300, 150, 2, &i2, &d), ST_OK);
    assert_memory_equal(i1.rgb, i2.rgb, (size_t)i1.width * (size_t)i1.height * 3);
    chart_image_clear(&i1);
    chart_image_clear(&i2);
}

/* The pixel at x, y is colour c. */
static int at_rgb(const chart_image_t *img, int x, int y, theme_rgb_t c)
{
    const unsigned char *p = img->rgb + 3 * ((size_t)y * (size_t)img->width + (size_t)x);
    return p[0] == (unsigned char)lround(c.r * 255) && p[1] == (unsigned char)lround(c.g * 255) &&
           p[2] == (unsigned char)lround(c.b * 255);
}

/* Dark (text) pixels in the rectangle [x0, x1) × [y0, y1). */
static size_t dark_pixels(const chart_image_t *img, int x0, int y0, int x1, int y1)
{
    size_t n = 0;
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++) {
            const unsigned char *p = img->rgb + 3 * ((size_t)y * (size_t)img->width + (size_t)x);
            n += p[0] < 110 && p[1] < 110 && p[2] < 110;
        }
    return n;
}

/* The 5 × 5 risk matrix: each cell in its rating's band, the ids in their cells (on lines of
 * their own when one line cannot hold them), nothing in an empty cell. */
static void test_risk_matrix(void **state)
{
    (void)state;
    theme_t th;
    theme_default(&th);
    double rows[5][5] = {{0}};
    const char *labels[25] = {NULL};
    const char *cats[5] = {"1", "2", "3", "4", "5"};
    chart_series_t ser[5];
    for (int r = 0; r < 5; r++) {
        static const char *const names[5] = {"5", "4", "3", "2", "1"};
        ser[r] = (chart_series_t){names[r], rows[r], NULL};
    }
    rows[1][3] = 1; /* likelihood 4, impact 4 */
    labels[1 * 5 + 3] = "R-02";
    rows[2][4] = 5; /* likelihood 3, impact 5: five risks */
    labels[2 * 5 + 4] = "R-01, R-07, R-12 +2";
    chart_spec_t spec = blank_spec(CHART_RISK_MATRIX, "Open risks", 5, cats, 5, ser);
    spec.y_title = "likelihood";
    spec.target_label = "impact";
    spec.band_lo = 8;
    spec.band_hi = 15;
    spec.cell_labels = labels;
    chart_image_t img;
    diag_t d = {0};
    assert_int_equal(chart_draw(&spec, &th, 500, 210, 1, &img, &d), ST_OK);
    /* the grid: x from 44, y from 22 to 180, cells 31.6 high and min(1.9 × 31.6, (500 - 44 -
     * 150) / 5) = 60.04 wide; a point just inside each cell's top-left corner */
    double cw = 60.04, ch = 31.6;
#define CELL_X(c) ((int)(44 + cw * (c)) + 3)
#define CELL_Y(r) ((int)(22 + ch * (r)) + 3)
    assert_true(at_rgb(&img, CELL_X(4), CELL_Y(0), th.rag_fill[3])); /* 5 × 5 = 25: high */
    assert_true(at_rgb(&img, CELL_X(3), CELL_Y(1), th.rag_fill[3])); /* 4 × 4 = 16: high */
    assert_true(at_rgb(&img, CELL_X(2), CELL_Y(2), th.rag_fill[2])); /* 3 × 3 = 9: medium */
    assert_true(at_rgb(&img, CELL_X(3), CELL_Y(3), th.rag_fill[2])); /* 2 × 4 = 8: medium */
    assert_true(at_rgb(&img, CELL_X(1), CELL_Y(2), th.rag_fill[1])); /* 3 × 2 = 6: low */
    assert_true(at_rgb(&img, CELL_X(0), CELL_Y(4), th.rag_fill[1])); /* 1 × 1: low */
    /* the id in its cell, nothing in an empty one */
    assert_true(dark_pixels(&img, CELL_X(3), CELL_Y(1), CELL_X(4) - 6, CELL_Y(2) - 6) > 10);
    assert_int_equal(dark_pixels(&img, CELL_X(4), CELL_Y(4), CELL_X(5) - 6, CELL_Y(5) - 6), 0);
    /* five ids do not fit a line of a 60-point cell: they are drawn on lines of their own (two
     * ids and "+3 more" in a cell of three lines), so there is text in the cell's top and
     * bottom quarters, where one centred line would leave none */
    int top = CELL_Y(2) - 3, bottom = top + (int)ch;
    assert_true(dark_pixels(&img, CELL_X(4), top, CELL_X(5) - 3, top + 8) > 5);
    assert_true(dark_pixels(&img, CELL_X(4), bottom - 8, CELL_X(5) - 3, bottom) > 5);
    assert_int_equal(dark_pixels(&img, CELL_X(3), CELL_Y(1) - 3, CELL_X(4) - 3, CELL_Y(1) + 5),
                     0); /* the single id of its cell: one centred line */
#undef CELL_X
#undef CELL_Y
    chart_image_clear(&img);
}

/* The labels of a chart, and whether one of them is exactly `text`. */
typedef struct labels {
    chart_label_t *v;
    size_t n;
} labels_t;

static labels_t labels_of(const chart_spec_t *spec, double w, double h)
{
    theme_t th;
    theme_default(&th);
    labels_t l = {0};
    diag_t d = {0};
    assert_int_equal(chart_labels(spec, &th, w, h, &l.v, &l.n, &d), ST_OK);
    return l;
}

static int has_label(const labels_t *l, const char *text)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].text, text))
            return 1;
    return 0;
}

/* No two labels of a chart overlap; the first pair that does fails the test. */
static void no_collision(const labels_t *l, const char *what)
{
    for (size_t i = 0; i < l->n; i++)
        for (size_t j = i + 1; j < l->n; j++)
            if (chart_labels_overlap(&l->v[i], &l->v[j]))
                fail_msg("%s: '%s' [%.1f %.1f %.1f %.1f] overlaps '%s' [%.1f %.1f %.1f %.1f]", what,
                         l->v[i].text, l->v[i].x0, l->v[i].y0, l->v[i].x1, l->v[i].y1, l->v[j].text,
                         l->v[j].x0, l->v[j].y0, l->v[j].x1, l->v[j].y1);
}

/* The doughnut of the demo's October scores: the legend gives each score's count and its share
 * of all responses, and the shares add up to 100 % (they once read "Score 5: 55 (2827.1 %)"). */
static void test_chart_labels_donut(void **state)
{
    (void)state;
    double v[5] = {55, 42, 4, 4, 2};
    const char *cats[5] = {"Score 5", "Score 4", "Score 3", "Score 2", "Score 1"};
    chart_series_t ser[1] = {{"Responses", v, NULL}};
    chart_spec_t spec = blank_spec(CHART_DONUT, "Responses by score", 5, cats, 1, ser);
    spec.center_text = "90.7 % CSAT";
    labels_t l = labels_of(&spec, 480, 150);
    /* 55 / 107 = 51.40 %, 42 / 107 = 39.25 %, 4 / 107 = 3.74 %, 2 / 107 = 1.87 % */
    assert_true(has_label(&l, "Score 5: 55 (51.4 %)"));
    assert_true(has_label(&l, "Score 4: 42 (39.3 %)"));
    assert_true(has_label(&l, "Score 3: 4 (3.7 %)"));
    assert_true(has_label(&l, "Score 1: 2 (1.9 %)"));
    double sum = 0;
    for (size_t i = 0; i < l.n; i++) {
        const char *open = strrchr(l.v[i].text, '(');
        if (open && strstr(l.v[i].text, "Score"))
            sum += strtod(open + 1, NULL);
    }
    assert_true(fabs(sum - 100) < 0.3); /* rounded shares: within rounding of 100 */
    assert_true(has_label(&l, "90.7 % CSAT"));
    /* the figure in the middle fits inside the hole (r = 55; the hole is 0.58 r) */
    for (size_t i = 0; i < l.n; i++)
        if (!strcmp(l.v[i].text, "90.7 % CSAT"))
            assert_true(l.v[i].x1 - l.v[i].x0 <= 55 * 1.05 + 0.01);
    no_collision(&l, "doughnut");
    chart_labels_free(l.v, l.n);
}

/* Bars: a value label per bar on a white box, a share of too few shown by its n (grey, not a
 * value), a second target line with its own legend entry, whole-number ticks for counts, and
 * no label over another (the y-axis title once sat on the tick labels). */
static void test_chart_labels_bars(void **state)
{
    (void)state;
    double resp[3] = {100, 93.75, 92.9}, res[3] = {100, 93.75, 100}, n[3] = {1, 32, 155};
    const char *cats[3] = {"Incident P1", "Incident P2", "Incident P3"};
    chart_series_t ser[2] = {{"Response", resp, n}, {"Resolution", res, NULL}};
    chart_spec_t spec =
        blank_spec(CHART_GROUPED_BAR, "SLA attainment by priority (%)", 3, cats, 2, ser);
    spec.percent = 1;
    spec.y_title = "%";
    spec.y_min = 0;
    spec.y_max = 100;
    spec.target = 90;
    spec.target_label = "resolution target 90 %";
    spec.target2 = 95;
    spec.target2_label = "response target 95 %";
    spec.min_sample = 10;
    labels_t l = labels_of(&spec, 480, 190);
    assert_true(has_label(&l, "resolution target 90 %"));
    assert_true(has_label(&l, "response target 95 %"));
    assert_true(has_label(&l, "n=1"));   /* P1's response: 1 ticket, not "100.0" */
    assert_true(has_label(&l, "93.8"));  /* P2's, judged */
    assert_true(has_label(&l, "100.0")); /* P1's resolution: no n given */
    no_collision(&l, "SLA bars");
    chart_labels_free(l.v, l.n);

    /* availability with three decimals beside its target, on seven services: labels never
     * run into their neighbours' */
    double av[7] = {99.787, 99.697, 100, 99.872, 99.982, 100, 100},
           tg[7] = {99.9, 99.5, 99.5, 99.9, 99.5, 99, 99.5};
    const char *svc[7] = {"Email",   "ERP",     "Warehouse Scanning", "Customer Portal", "VPN",
                          "Payroll", "Printing"};
    chart_series_t as[2] = {{"Availability", av, NULL}, {"Target", tg, NULL}};
    chart_spec_t avail =
        blank_spec(CHART_GROUPED_BAR, "Availability by service (%)", 7, svc, 2, as);
    avail.percent = 1;
    avail.value_decimals = 3;
    avail.y_title = "%";
    l = labels_of(&avail, 480, 190);
    assert_true(has_label(&l, "99.787"));
    no_collision(&l, "availability bars");
    chart_labels_free(l.v, l.n);

    /* counts from 0 to 2: ticks 0, 1, 2 and never 0.5 */
    double cnt[3] = {2, 0, 1};
    const char *outcome[3] = {"Successful", "Failed", "Backed out"};
    chart_series_t cs[1] = {{"Changes", cnt, NULL}};
    chart_spec_t counts = blank_spec(CHART_BAR, "Changes closed by outcome", 3, outcome, 1, cs);
    counts.integer = 1;
    counts.y_min = 0;
    counts.y_title = "changes closed in the period";
    l = labels_of(&counts, 480, 190);
    assert_true(has_label(&l, "1") && has_label(&l, "2"));
    assert_false(has_label(&l, "0.5"));
    assert_false(has_label(&l, "1.5"));
    no_collision(&l, "count bars");
    chart_labels_free(l.v, l.n);
}

/* The tornado's row labels stand clear of its value labels, however long the swing; the
 * payback note stands clear of its curve's labels. */
static void test_chart_labels_tornado_payback(void **state)
{
    (void)state;
    double lo[3] = {160004, 212769, 218582}, hi[3] = {303334, 250569, 244756};
    const char *cats[3] = {"downtime cost per hour", "annual costs", "initial costs"};
    chart_series_t ser[2] = {{"assumption −20 %", lo, NULL}, {"assumption +20 %", hi, NULL}};
    chart_spec_t spec = blank_spec(CHART_TORNADO, "Sensitivity of NPV", 3, cats, 2, ser);
    spec.base = 231669;
    labels_t l = labels_of(&spec, 480, 150);
    assert_true(has_label(&l, "-71665"));
    assert_true(has_label(&l, "+71665"));
    no_collision(&l, "tornado");
    chart_labels_free(l.v, l.n);

    double cum[4] = {-88000, -8960, 148107, 305174};
    const char *years[4] = {"Year 0", "Year 1", "Year 2", "Year 3"};
    chart_series_t cs[1] = {{"Cumulative", cum, NULL}};
    chart_spec_t pay = blank_spec(CHART_CUMULATIVE, "Cumulative cash flow (EUR)", 4, years, 1, cs);
    pay.marker_x = 1.06;
    pay.marker_label = "payback: 12.7 months";
    pay.y_title = "EUR";
    l = labels_of(&pay, 480, 180);
    assert_true(has_label(&l, "payback: 12.7 months"));
    no_collision(&l, "payback");
    chart_labels_free(l.v, l.n);
}

static const char CONFIG[] = "organization: \"Test & Co — Ünïcödé\"\n"
                             "timezone: UTC\n"
                             "sources: [{file: x.csv, profile: tickets}]\n"
                             "services: [{name: Email, availability_target: 99.9}]\n"
                             "sla: {incident: {1: {respond: 15m, resolve: 4h}}}\n"
                             "targets: {resolution_attainment_pct: {target: 90}}\n"
                             "quality: {min_sample: 3}\n";

typedef struct small {
    config_t *cfg;
    tz_t *tz;
    store_t *store;
    metrics_t *m;
    report_t *r;
    trend_row_t trend[1];
    coverage_report_t coverage;
} small_t;

/* The small report's inputs and metrics from the config text; report_build is the caller's.
 * `blank`: as for a period the data does not cover (docs/metrics.md §9). */
static void build_inputs_as(small_t *s, const char *config, int blank)
{
    diag_t d = {0};
    if (config_load_buffer("t.yaml", config, strlen(config), &s->cfg, &d) != ST_OK)
        fail_msg("config: %s", d.message);
    assert_int_equal(tz_load("UTC", &s->tz, &d), ST_OK);
    s->store = store_new(1);
    s->store->quality[0].file = "x.csv";
    s->store->quality[0].profile = "tickets";
    /* three P1 incidents resolved in October: 2 met, 1 breached → 66.666…% → 66.67 */
    const ts_t oct = 1790812800; /* 2026-10-01T00:00Z */
    for (int i = 0; i < 3; i++) {
        ticket_t t;
        memset(&t, 0, sizeof t);
        char id[16];
        snprintf(id, sizeof id, "I%d", i);
        t.id = arena_strdup(s->store->arena, id);
        t.kind = KIND_INCIDENT;
        t.priority = 1;
        t.status = TSTATUS_NONE;
        t.opened = oct + 86400 * (i + 1);
        t.first_response = t.opened + 600;
        t.resolved = t.opened + (i == 2 ? 5 * 3600 : 3600) + 1; /* 61 min … 300 min 1 s */
        t.closed = TS_NONE;
        t.reopen_count = t.reassignment_count = -1;
        t.change_type = CHANGE_NONE;
        t.outcome = OUTCOME_NONE;
        t.title = "\"quoted\" \x01 title";
        store_add_ticket(s->store, &t);
    }
    metrics_period_t p = {oct, oct + 31 * 86400, oct + 31 * 86400 + 3600, NULL, 0};
    s->m = metrics_compute(s->cfg, s->store, s->tz, &p);
    memset(&s->coverage, 0, sizeof s->coverage);
    coverage_compute(s->cfg, s->store, blank ? p.end : p.start, blank ? p.end + 86400 : p.end,
                     p.as_of, &s->coverage);
    if (blank)
        metrics_blank(s->m);
    memset(s->trend, 0, sizeof s->trend);
    strcpy(s->trend[0].label, "2026-10");
    s->trend[0].start = p.start;
    s->trend[0].end = p.end;
    s->trend[0].known = 1;
    kpi_trend_values(s->m, &s->trend[0].kpis);
}

static report_facts_t small_facts(small_t *s)
{
    report_facts_t f = {.cfg = s->cfg,
                        .store = s->store,
                        .tz = s->tz,
                        .metrics = s->m,
                        .period_label = "2026-10",
                        .trend = s->trend,
                        .ntrend = 1,
                        .coverage = &s->coverage};
    return f;
}

static void build_inputs(small_t *s, const char *config)
{
    build_inputs_as(s, config, 0);
}

/* The small report; `blank`: as for a period the data does not cover. */
static void build_as(small_t *s, int blank)
{
    build_inputs_as(s, CONFIG, blank);
    report_facts_t f = small_facts(s);
    s->r = report_build(&f);
}

static void build(small_t *s)
{
    build_as(s, 0);
}

static void destroy(small_t *s)
{
    report_free(s->r);
    coverage_clear(&s->coverage);
    metrics_free(s->m);
    store_free(s->store);
    tz_free(s->tz);
    config_free(s->cfg);
}

/* An empty table of nrows × ncols in r's arena (cells zeroed, no target or status column). */
static report_table_t *arena_table(report_t *r, const char *title, size_t nrows, size_t ncols,
                                   const char **hdr)
{
    report_table_t *t = arena_alloc(r->arena, sizeof *t);
    memset(t, 0, sizeof *t);
    t->title = title;
    t->ncols = ncols;
    t->nrows = nrows;
    t->headers = hdr;
    t->cells = arena_alloc(r->arena, nrows * ncols * sizeof(report_cell_t));
    memset(t->cells, 0, nrows * ncols * sizeof(report_cell_t));
    for (size_t i = 0; i < nrows * ncols; i++)
        t->cells[i].target_col = t->cells[i].status_of = -1;
    return t;
}

/* A chart of one series in r's arena, with no target, band, marker or axis bounds. */
static chart_spec_t *arena_chart(report_t *r, chart_kind_t kind, const char *title, size_t ncat,
                                 const char **cats, chart_series_t *ser)
{
    chart_spec_t *ch = arena_alloc(r->arena, sizeof *ch);
    *ch = blank_spec(kind, title, ncat, cats, 1, ser);
    return ch;
}

/* n zeroed blocks added at the end of sec (in the report's arena, as its own): the first. */
static report_block_t *add_blocks(report_section_t *sec, size_t n)
{
    arena_grow(sec->arena, (void **)&sec->blocks, &sec->capblocks, sec->nblocks + n,
               sizeof(report_block_t));
    report_block_t *b = &sec->blocks[sec->nblocks];
    memset(b, 0, n * sizeof *b);
    sec->nblocks += n;
    return b;
}

/* A table, a chart and a paragraph added at the end of sec. */
static void add_table_chart_text(report_section_t *sec, report_table_t *t, chart_spec_t *ch,
                                 const char *text)
{
    report_block_t *b = add_blocks(sec, 3);
    b[0].kind = BLOCK_TABLE;
    b[0].table = t;
    b[1].kind = BLOCK_CHART;
    b[1].chart = ch;
    b[2].kind = BLOCK_PARAGRAPH;
    b[2].text = text;
}

/* path (a mkstemp template, filled in) names a new file holding data, if any. */
static void write_temp(char *path, const strbuf_t *data)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    if (data)
        assert_int_equal(write(fd, data->data, data->len), (ssize_t)data->len);
    close(fd);
}

/* The file at path, created or emptied, holds data. */
static void write_file(const char *path, const strbuf_t *data)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data->data, 1, data->len, f), data->len);
    assert_int_equal(fclose(f), 0);
}

/* Fails unless the text pdftotext reads from the PDF in pdf matches the grep pattern. */
static void assert_pdf_text(const strbuf_t *pdf, const char *pattern)
{
    char path[] = "/tmp/iso20k-test-pdf-XXXXXX";
    write_temp(path, pdf);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdftotext '%s' - 2>/dev/null | grep -q '%s'", path, pattern);
    assert_int_equal(system(cmd), 0);
    unlink(path);
}

/* Fails unless text holds each of the n strings, naming the first it lacks. */
static void assert_holds(const char *text, const char *const *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strstr(text, want[i]))
            fail_msg("no %s in the output", want[i]);
}

/* Fails if text holds any of the n strings, naming the first it holds. */
static void assert_lacks(const char *text, const char *const *unwanted, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(text, unwanted[i]))
            fail_msg("%s in the output", unwanted[i]);
}

static void test_json(void **state)
{
    (void)state;
    static const char *const json[] = {
        "\"resolution_attainment_pct\": 66.67,", "\"response_attainment_pct\": 100,",
        /* resolutions 3601 s, 3601 s, 18001 s: mean 25203 / 3 / 60 = 140.0167 → 140;
         * median 60.0167 → 60 (trailing zeros trimmed) */
        "\"mean\": 140,", "\"median\": 60,",
        "\"satisfaction\": null,", /* no survey source: not 0 % */
        /* no outage source: availability not measured, the agreed time still given */
        "\"agreed_minutes\": 44640,", "\"downtime_minutes\": null,", "\"outages\": null,",
        "\"met_target\": null",
        /* coverage: the data (2 to 4 October) starts more than 3 days into October: partial */
        "\"coverage\": {\n    \"first\": \"2026-10-02T00:00:00+00:00\"",
        "\"status\": \"partial\"\n  },\n  \"kpis\": [",
        "\"key\": \"resolution_attainment_pct\",\n      \"value\": 66.67,\n"
        "      \"n\": 3,\n      \"target\": 90,\n      \"status\": \"red\",",
        "\"key\": \"availability_pct\",\n      \"value\": null,\n"
        "      \"n\": null,\n      \"target\": null,\n      \"status\": \"no_data\",",
        "\"readiness\": null,", "\"roi\": null,", "\"previous\": null,", "\"label\": \"2026-10\"",
        "\"start\": \"2026-10-01T00:00:00+00:00\"", "\"timezone\": \"UTC\""};
    static const char *const csv[] = {
        /* 66.67 % of 3 against a 90 % target: red; no previous period */
        "\nresolution_attainment_pct,all,66.67,3,90,red,,\n",
        "\ncsat_pct,all,,0,,no_data,,\n", /* nothing to show */
        "\nopened,all,3,,,no_target,,\n",
        "\nresponse_attainment_pct,incident:P1,100,3,,no_target,,\n",
        "\nresolution_attainment_pct,incident:P1,66.67,3,90,red,,\n",
        /* not measured without outage data: the service's figure is empty, not 100 */
        "\navailability_pct,service:Email,,,99.9,no_data,,\n"};
    small_t s;
    build(&s);
    strbuf_t out = {0};
    render_json(s.r, &out);
    assert_holds(out.data, json, sizeof json / sizeof *json);
    assert_int_equal(out.data[out.len - 1], '\n');
    strbuf_reset(&out);
    render_csv_kpis(s.r, &out);
    assert_true(!strncmp(out.data,
                         "kpi,scope,value,n,target,status,previous,delta\n"
                         "availability_pct,all,",
                         67)); /* the kpis list first */
    assert_holds(out.data, csv, sizeof csv / sizeof *csv);
    strbuf_clear(&out);
    destroy(&s);
}

/* The section of id `id` (SECTION_*). */
static const report_section_t *section_of(const report_t *r, int id)
{
    for (size_t i = 0; i < r->nsections; i++)
        if (r->sections[i].id == id)
            return &r->sections[i];
    fail();
    return NULL;
}

/* The trend table's cell of KPI k in its first row (the section's first table). */
static const report_cell_t *trend_cell(const report_t *r, kpi_id_t k)
{
    const report_section_t *sec = section_of(r, SECTION_TRENDS);
    const report_table_t *t = NULL;
    for (size_t b = 0; b < sec->nblocks && !t; b++)
        if (sec->blocks[b].kind == BLOCK_TABLE)
            t = sec->blocks[b].table;
    assert_non_null(t);
    assert_int_equal(t->nrows, 1);
    for (size_t c = 1; c < t->ncols; c++)
        if (kpi_trend_at(c - 1) == k)
            return &t->cells[c];
    fail();
    return NULL;
}

/* The trend table marks a computed period's share from fewer than quality.min_sample tickets
 * with its n, and never colours it; the counts stay plain. 3 resolved, min_sample 3: not a
 * small sample; min_sample 4: "66.7 % (n = 3)". */
static void test_trend_small_sample(void **state)
{
    (void)state;
    small_t s;
    build(&s);
    const report_cell_t *c = trend_cell(s.r, KPI_RESOLUTION);
    assert_null(c->text);
    assert_true(fabs(c->number - 200.0 / 3) < 1e-9);
    report_free(s.r);
    s.cfg->min_sample = 4;
    report_facts_t f = small_facts(&s);
    s.r = report_build(&f);
    c = trend_cell(s.r, KPI_RESOLUTION);
    assert_non_null(c->text);
    assert_string_equal(c->text, "66.7 % (n = 3)");
    assert_int_equal(c->rag, RAG_NONE);
    assert_null(trend_cell(s.r, KPI_OPENED)->text); /* a count is a measurement: no n */
    /* one known period: no line chart through one point, one sentence instead */
    const report_section_t *sec = section_of(s.r, SECTION_TRENDS);
    int charts = 0, said = 0;
    for (size_t b = 0; b < sec->nblocks; b++) {
        charts += sec->blocks[b].kind == BLOCK_CHART;
        said |= sec->blocks[b].kind == BLOCK_PARAGRAPH &&
                !strncmp(sec->blocks[b].text, "No trend chart: only one", 24);
    }
    assert_int_equal(charts, 0);
    assert_true(said);
    destroy(&s);
}

/* The characters JSON escapes by name; a control character without a name is no safe text, and
 * comes out as U+FFFD. */
static void test_json_escapes(void **state)
{
    (void)state;
    small_t s;
    build(&s);
    s.store->quality[0].file = "a\"b\\c\nd\te\rf\x1fg/h";
    strbuf_t out = {0};
    render_json(s.r, &out);
    const char *j = out.data;
    const char *want = "\"file\": \"a\\\"b\\\\c\\nd\\te\\rf\xEF\xBF\xBDg/h\"";
    const char *at = strstr(j, "\"file\": \"a");
    if (!strstr(j, want))
        fail_msg("no %s in the JSON: %.60s", want, at ? at : "(none)");
    strbuf_clear(&out);
    destroy(&s);
}

/* A period the data does not cover: every figure from the data null, every KPI no_data. */
static void test_json_not_covered(void **state)
{
    (void)state;
    static const char *const json[] = {"\"opened\": null,",
                                       "\"d0_7\": null,",
                                       "\"resolution_attainment_pct\": null,",
                                       "\"by_priority\": []",
                                       "\"n\": null,\n      \"mean\": null,",
                                       "\"agreed_minutes\": 44640,", /* the calendar still speaks */
                                       "\"status\": \"not_covered\"\n  },\n  \"kpis\""};
    static const char *const no_status[] = {"\"status\": \"red\"", "\"status\": \"no_target\"",
                                            "\"status\": \"green\""};
    static const char *const csv[] = {"\nopened,all,,,,no_data,,\n",
                                      "\nresolution_attainment_pct,incident:P1,,,90,no_data,,\n"};
    small_t s;
    build_as(&s, 1);
    strbuf_t out = {0};
    render_json(s.r, &out);
    assert_holds(out.data, json, sizeof json / sizeof *json);
    assert_lacks(out.data, no_status, sizeof no_status / sizeof *no_status);
    strbuf_reset(&out);
    render_csv_kpis(s.r, &out);
    assert_holds(out.data, csv, sizeof csv / sizeof *csv);
    strbuf_clear(&out);
    destroy(&s);
}

/* The coverage sentence and the banner of each state: the small report's data (2 to 4 October)
 * covers October in part; as for a period the data does not cover, nothing of it. */
static void test_coverage_text(void **state)
{
    (void)state;
    small_t s;
    build(&s);
    assert_string_equal(s.r->coverage_text,
                        "The data covers the period 2026-10 (1 October 2026 – 31 October 2026) "
                        "only in part: the inputs hold data from 2026-10-02 to 2026-10-04. "
                        "Figures that depend on the missing days are incomplete.");
    assert_string_equal(s.r->banner, "Warning: the data covers 2026-10 only in part (data from "
                                     "2026-10-02 to 2026-10-04); see the summary.");
    destroy(&s);
    build_as(&s, 1);
    assert_string_equal(s.r->coverage_text,
                        "The data does not cover the period 2026-10 (1 October 2026 – 31 October "
                        "2026): the inputs hold data from 2026-10-02 to 2026-10-04. No "
                        "figure of the period is shown, and the history file is not updated.");
    assert_string_equal(s.r->banner, "Warning: the data does not cover 2026-10; no figure of the "
                                     "period is shown (see the summary).");
    destroy(&s);
}

/* Whether a section of r has a paragraph reading text. */
static int has_paragraph(const report_t *r, const char *text)
{
    for (size_t i = 0; i < r->nsections; i++)
        for (size_t b = 0; b < r->sections[i].nblocks; b++)
            if (r->sections[i].blocks[b].kind == BLOCK_PARAGRAPH &&
                !strcmp(r->sections[i].blocks[b].text, text))
                return 1;
    return 0;
}

/* A chart of counts whose bars are all equal gives way to a sentence: a "none" one at 0, else
 * one with the count (backlog by age, changes by outcome); unequal bars keep the chart. */
static void test_flat_charts(void **state)
{
    (void)state;
    static const char *const none = "No incident or request was open at the end of the period.";
    static const char *const each =
        "2 incidents and requests were open at the end of the period in each age band.";
    static const char *const changes =
        "Of the changes closed in the period, 1 were successful, 1 failed and 1 were backed out.";
    small_t s;
    build(&s); /* every ticket resolved: an empty backlog */
    assert_true(has_paragraph(s.r, none));
    assert_false(has_paragraph(s.r, each));
    destroy(&s);

    build_inputs(&s, CONFIG);
    for (int i = 0; i < 4; i++)
        s.m->volumes.aging[i] = 2;
    efficiency_t *e = &s.m->efficiency;
    e->changes_resolved = 3;
    e->changes_successful = e->changes_failed = e->changes_backed_out = 1;
    report_facts_t f = small_facts(&s);
    s.r = report_build(&f);
    assert_true(has_paragraph(s.r, each));
    assert_true(has_paragraph(s.r, changes));
    assert_false(has_paragraph(s.r, none));
    report_free(s.r);

    s.m->volumes.aging[3] = 1; /* unequal: the charts stay */
    e->changes_backed_out = 0;
    s.r = report_build(&f);
    assert_false(has_paragraph(s.r, each));
    assert_false(has_paragraph(s.r, changes));
    destroy(&s);
}

/* The registers written as objects of plain figures: each register's keys in the schema's order
 * with its counts, a percentage without a verified nonconformity as null, the counts by a
 * vocabulary ending with the empty cells, and a register not read as null. */
static void test_json_registers(void **state)
{
    (void)state;
    static const char *const json[] = {
        "\"actions\": {\n      \"open_end\": 7,\n      \"overdue\": 2,\n      \"done\": 5,\n"
        "      \"by_source\": {\n",
        "        \"(none)\": 3\n      }\n    },\n    \"nonconformities\": {\n"
        "      \"raised\": 4,\n      \"closed\": 3,\n      \"open_end\": 1,\n"
        "      \"overdue\": 1,\n      \"major_open\": 1,\n      \"ineffective\": 0,\n"
        "      \"effective_pct\": null\n    },\n    \"audits\": {\n      \"audits\": 2,\n"
        "      \"findings\": {\n",
        "      \"open_findings_end\": 6\n    },\n    \"complaints\": null,",
        "\"risks\": {\n      \"high\": 1,\n      \"medium\": 2,\n      \"low\": 3,\n"
        "      \"untreated\": 4,\n      \"review_overdue\": 5,\n      \"opportunities\": 6\n"
        "    },\n    \"improvements\": {\n      \"raised\": 9,\n      \"done\": 8,\n"
        "      \"open_end\": 1,\n      \"overdue\": 0\n    },\n    \"capacity\": null,"};
    register_figures_t g = {0};
    g.read[REG_ACTIONS] = g.read[REG_NONCONFORMITIES] = g.read[REG_AUDITS] = 1;
    g.read[REG_RISKS] = g.read[REG_IMPROVEMENTS] = 1;
    g.actions.open_end = 7;
    g.actions.overdue = 2;
    g.actions.done = 5;
    g.actions.by_source[0] = 4;
    g.actions.by_source[ASRC_COUNT] = 3;
    g.nonconformities.raised = 4;
    g.nonconformities.closed = 3;
    g.nonconformities.open_end = g.nonconformities.overdue = g.nonconformities.major_open = 1;
    g.nonconformities.effective_pct = NAN;
    g.audits.audits = 2;
    g.audits.findings[GRADE_COUNT] = 1;
    g.audits.open_findings_end = 6;
    g.risks.high = 1;
    g.risks.medium = 2;
    g.risks.low = 3;
    g.risks.untreated = 4;
    g.risks.review_overdue = 5;
    g.risks.opportunities = 6;
    g.improvements.raised = 9;
    g.improvements.done = 8;
    g.improvements.open_end = 1;
    small_t s;
    build(&s);
    s.r->facts.reg_figures = &g;
    strbuf_t out = {0};
    render_json(s.r, &out);
    assert_holds(out.data, json, sizeof json / sizeof *json);
    char first[64];
    snprintf(first, sizeof first, "\"by_source\": {\n        \"%s\": 4,", action_source_words[0]);
    assert_non_null(strstr(out.data, first));
    snprintf(first, sizeof first, "\"%s\": 0,\n        \"(none)\": 1\n",
             grade_words[GRADE_COUNT - 1]);
    assert_non_null(strstr(out.data, first));
    strbuf_clear(&out);
    destroy(&s);
}

static void test_pdf_and_xlsx(void **state)
{
    (void)state;
    small_t s;
    build(&s);
    strbuf_t pdf = {0};
    diag_t d = {0};
    assert_int_equal(render_pdf(s.r, &pdf, &d), ST_OK);
    assert_true(pdf.len > 10000);
    assert_memory_equal(pdf.data, "%PDF-", 5);
    strbuf_t again = {0};
    assert_int_equal(render_pdf(s.r, &again, &d), ST_OK);
    assert_int_equal(again.len, pdf.len);
    assert_memory_equal(again.data, pdf.data, pdf.len); /* byte-identical */
    strbuf_clear(&pdf);
    strbuf_clear(&again);

    char path[] = "/tmp/iso20k-test-xlsx-XXXXXX";
    write_temp(path, NULL);
    assert_int_equal(render_xlsx(s.r, path, &d), ST_OK);
    FILE *f = fopen(path, "rb");
    char magic[2];
    assert_int_equal(fread(magic, 1, 2, f), 2);
    fclose(f);
    assert_memory_equal(magic, "PK", 2);
    unlink(path);
    /* an unwritable path is reported, never a crash */
    assert_int_equal(render_xlsx(s.r, "/proc/no-such-dir/x.xlsx", &d), ST_IOERR);
    diag_clear(&d);
    destroy(&s);
}

/* The ticket detail switches to constant-memory mode just above the threshold, not at it. */
static void test_xlsx_constant_memory(void **state)
{
    (void)state;
    assert_int_equal(RENDER_XLSX_CONSTANT_MEMORY_ROWS, 50000);
    assert_int_equal(render_xlsx_constant_memory(0), 0);
    assert_int_equal(render_xlsx_constant_memory(50000), 0);
    assert_int_equal(render_xlsx_constant_memory(50001), 1);
    assert_int_equal(render_xlsx_constant_memory(1048577), 1);
}

/* Hostile values in the report model: NaN, infinities, extreme and tiny magnitudes in table
 * cells and chart series, an unbreakable 3,000-character text, invalid UTF-8 and control
 * characters: the PDF and the workbook are still written, and never with a NaN coordinate. */
static void test_hostile_report(void **state)
{
    (void)state;
    small_t s;
    build(&s);
    report_t *r = s.r;
    report_section_t *sec = &r->sections[0];
    static const double nums[] = {NAN, INFINITY, -INFINITY, 1e308, -1e308, 1e-308, -0.0, 4.9e-324};
    size_t n = sizeof nums / sizeof nums[0];
    static const char *hdr[3] = {"Text", "Percent", "Minutes"};
    report_table_t *t = arena_table(r, "hostile \x01 values \xff\xfe", n, 3, hdr);
    char *longtext = arena_alloc(r->arena, 3001);
    memset(longtext, 'W', 3000);
    longtext[3000] = '\0';
    for (size_t i = 0; i < n; i++) {
        report_cell_t *c = &t->cells[i * 3];
        c[0].type = CELL_TEXT;
        c[0].text = i % 2 ? longtext : "bad \xc3\x28 utf-8 \x1b[31m";
        c[1].type = CELL_PERCENT;
        c[1].number = nums[i];
        c[1].decimals = 2;
        c[2].type = CELL_MINUTES;
        c[2].number = nums[i];
    }
    double *vals = arena_alloc(r->arena, n * sizeof(double));
    memcpy(vals, nums, n * sizeof(double));
    const char **cats = arena_alloc(r->arena, n * sizeof(char *));
    for (size_t i = 0; i < n; i++)
        cats[i] = i % 2 ? longtext : "\xff";
    chart_series_t *ser = arena_alloc(r->arena, sizeof *ser);
    ser->name = "\xfe series";
    ser->values = vals;
    chart_spec_t *ch = arena_chart(r, CHART_LINE, longtext, n, cats, ser);
    ch->target = INFINITY;
    ch->y_max = -INFINITY;
    add_table_chart_text(sec, t, ch, longtext);
    strbuf_t pdf = {0};
    diag_t d = {0};
    if (render_pdf(r, &pdf, &d) != ST_OK)
        fail_msg("render_pdf: %s", d.message);
    assert_memory_equal(pdf.data, "%PDF-", 5);
    /* a PDF reader opens it (poppler is a test dependency), and the NaN cells read "n/a" */
    assert_pdf_text(&pdf, "n/a");
    strbuf_clear(&pdf);
    char path[] = "/tmp/iso20k-test-xlsx-XXXXXX";
    write_temp(path, NULL);
    assert_int_equal(render_xlsx(r, path, &d), ST_OK);
    unlink(path);
    diag_clear(&d);
    destroy(&s);
}

/* Every XML part of the workbook at path parses (expat): the number of parts, or -1 with the
 * part and expat's message printed. */
static int xlsx_parts_parse(const char *path)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z)
        return -1;
    int parts = 0;
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n && parts >= 0; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        size_t len = strlen(name);
        if (!(len > 4 && (!strcmp(name + len - 4, ".xml") || !strcmp(name + len - 5, ".rels"))))
            continue;
        zip_stat_t st;
        zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
        if (!f || zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0) {
            parts = -1;
            break;
        }
        char *buf = malloc(st.size + 1);
        zip_int64_t got = zip_fread(f, buf, st.size);
        zip_fclose(f);
        XML_Parser xp = XML_ParserCreate(NULL);
        if (got != (zip_int64_t)st.size || XML_Parse(xp, buf, (int)got, 1) != XML_STATUS_OK) {
            fprintf(stderr, "%s: %s at line %lu\n", name, XML_ErrorString(XML_GetErrorCode(xp)),
                    (unsigned long)XML_GetCurrentLineNumber(xp));
            parts = -1;
        } else {
            parts++;
        }
        XML_ParserFree(xp);
        free(buf);
    }
    zip_close(z);
    return parts;
}

/* Text no library takes as it is, in every place of the report the renderers write: the
 * organisation and scope (70,000 bytes with no space, Unicode noncharacters, a control
 * character and an invalid byte), an input's file name as a command line may give it (not
 * UTF-8), table headers (two alike but for case, one with a line break), a chart's title and
 * series. The PDF, the workbook (every XML part well-formed) and the JSON (valid UTF-8 that a
 * JSON reader loads) are written, and the text shows with U+FFFD in place of what was refused. */
static void test_hostile_text(void **state)
{
    (void)state;
    small_t s;
    build(&s);
    report_t *r = s.r;
    const char nonchars[] = "\xEF\xBF\xBF\xEF\xB7\x90\xEF\xBF\xBE\xF4\x8F\xBF\xBF\x01\xFF";
    size_t big = 70000;
    char *org = arena_alloc(r->arena, big + sizeof nonchars);
    memcpy(org, "Mail", 4);
    memcpy(org + 4, nonchars, sizeof nonchars - 1);
    memset(org + 4 + sizeof nonchars - 1, 'O', big - 4 - (sizeof nonchars - 1));
    r->organization = org;
    r->scope = org;
    s.store->quality[0].file = "in\xFFput\xEF\xBF\xBF.csv";
    report_section_t *sec = &r->sections[0];
    static const char *hdr[4] = {"Service\xEF\xBF\xBF", "service\xEF\xBF\xBF", "two\nlines",
                                 "Service\xEF\xBF\xBF (2)"};
    report_table_t *t = arena_table(r, "Mail\xEF\xB7\x90", 1, 4, hdr);
    for (int k = 0; k < 4; k++) {
        t->cells[k].type = CELL_TEXT;
        t->cells[k].text = k % 2 ? org : "Mail\xEF\xBF\xBF";
    }
    static double vals[2] = {1, 2};
    static const char *cats[2] = {"Mail\xEF\xBF\xBF", "\xFF"};
    chart_series_t *ser = arena_alloc(r->arena, sizeof *ser);
    ser->name = "Mail\xEF\xBF\xBE";
    ser->values = vals;
    chart_spec_t *ch = arena_chart(r, CHART_BAR, org, 2, cats, ser);
    ch->y_title = "Mail\xEF\xBF\xBF";
    add_table_chart_text(sec, t, ch, org);

    strbuf_t out = {0};
    diag_t d = {0};
    if (render_pdf(r, &out, &d) != ST_OK)
        fail_msg("render_pdf: %s", d.message);
    /* the organisation on the cover and in the running header, its refused characters U+FFFD */
    assert_pdf_text(&out, "Mail\xEF\xBF\xBD");

    char xpath[] = "/tmp/iso20k-test-xlsx-XXXXXX";
    write_temp(xpath, NULL);
    if (render_xlsx(r, xpath, &d) != ST_OK)
        fail_msg("render_xlsx: %s", d.message);
    assert_true(xlsx_parts_parse(xpath) >= 10);
    unlink(xpath);

    strbuf_reset(&out);
    render_json(r, &out);
    assert_true(text_is_safe(out.data, out.len));
    char jpath[] = "/tmp/iso20k-test-json-XXXXXX";
    write_temp(jpath, &out);
    char cmd[256];
    snprintf(cmd, sizeof cmd,
             "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); "
             "assert d[\"quality\"][\"sources\"][0][\"file\"] == \"in\\ufffdput\\ufffd.csv\"' %s",
             jpath);
    assert_int_equal(system(cmd), 0);
    unlink(jpath);
    strbuf_reset(&out);
    render_csv_kpis(r, &out);
    assert_true(text_is_safe(out.data, out.len));
    strbuf_clear(&out);
    diag_clear(&d);
    destroy(&s);
}

/* The text of every part of the workbook at path whose name starts with prefix, joined. */
static void xlsx_parts_text(const char *path, const char *prefix, strbuf_t *out)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    assert_non_null(z);
    zip_int64_t n = zip_get_num_entries(z, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        zip_stat_t st;
        if (strncmp(name, prefix, strlen(prefix)) != 0 ||
            zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0)
            continue;
        zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
        assert_non_null(f);
        char buf[4096];
        zip_int64_t got;
        while ((got = zip_fread(f, buf, sizeof buf)) > 0)
            strbuf_append(out, buf, (size_t)got);
        zip_fclose(f);
    }
    zip_close(z);
}

/* A chart's title and axis name from the config or the inputs that begin with '=' stay text:
 * no <c:f> reference in any chart (libxlsxwriter takes such a name for one). */
static void test_chart_names_literal(void **state)
{
    (void)state;
    small_t s;
    build(&s);
    report_t *r = s.r;
    report_section_t *sec = &r->sections[0];
    static double vals[2] = {1, 2};
    static const char *cats[2] = {"a", "b"};
    static chart_series_t ser = {"=Summary!A1", vals, NULL};
    chart_spec_t *ch = arena_chart(r, CHART_LINE, "=cmd|' /C calc'!A0", 2, cats, &ser);
    ch->y_title = "=Summary!$A$1";
    report_block_t *b = add_blocks(sec, 1);
    b->kind = BLOCK_CHART;
    b->chart = ch;
    char path[] = "/tmp/iso20k-test-xlsx-XXXXXX";
    write_temp(path, NULL);
    diag_t d = {0};
    assert_int_equal(render_xlsx(r, path, &d), ST_OK);
    strbuf_t xml = {0};
    xlsx_parts_text(path, "xl/charts/", &xml);
    assert_non_null(strstr(xml.data, "<a:t> =cmd|' /C calc'!A0</a:t>"));
    assert_non_null(strstr(xml.data, "<a:t> =Summary!$A$1</a:t>"));
    assert_null(strstr(xml.data, "<c:f>cmd"));
    assert_null(strstr(xml.data, "<c:f>Summary!$A$1</c:f>"));
    /* the series name comes from its cell, where it is text */
    strbuf_reset(&xml);
    xlsx_parts_text(path, "xl/sharedStrings.xml", &xml);
    assert_non_null(strstr(xml.data, "<t>=Summary!A1</t>"));
    strbuf_clear(&xml);
    unlink(path);
    destroy(&s);
}

/* The text of cell `ref` ("V2") of the sheet named `sheet` of the workbook at path, as its
 * XML holds it: a shared or inline string, or a number's digits; "" for no such cell. */
static void xlsx_cell(const char *path, const char *sheet, const char *ref, strbuf_t *out)
{
    strbuf_t xml = {0}, part = {0}, key = {0};
    strbuf_reset(out);
    xlsx_parts_text(path, "xl/workbook.xml", &xml);
    strbuf_printf(&key, "<sheet name=\"%s\" sheetId=\"", sheet);
    const char *at = strstr(xml.data, key.data);
    assert_non_null(at);
    strbuf_printf(&part, "xl/worksheets/sheet%d.xml", atoi(at + key.len));
    strbuf_reset(&xml);
    xlsx_parts_text(path, part.data, &xml);
    strbuf_reset(&key);
    strbuf_printf(&key, "<c r=\"%s\"", ref);
    const char *c = strstr(xml.data, key.data);
    while (c && c[key.len] != ' ' && c[key.len] != '>' && c[key.len] != '/')
        c = strstr(c + 1, key.data);
    if (c) {
        const char *end = strstr(c, "</c>"), *tag_end = strchr(c, '>');
        int shared = strstr(c, " t=\"s\"") && strstr(c, " t=\"s\"") < tag_end;
        const char *v = tag_end[-1] == '/' ? NULL : strstr(c, shared ? "<v>" : "<t");
        if (!v || v > end)
            v = strstr(c, "<v>");
        if (v && v < end) {
            v = strchr(v, '>') + 1;
            const char *ve = strchr(v, '<');
            if (shared) {
                strbuf_t sst = {0};
                xlsx_parts_text(path, "xl/sharedStrings.xml", &sst);
                const char *si = sst.data;
                for (int n = atoi(v); si && n >= 0; n--)
                    si = strstr(si + 1, "<si>");
                assert_non_null(si);
                const char *t = strchr(strstr(si, "<t"), '>') + 1;
                strbuf_append(out, t, (size_t)(strstr(t, "</t>") - t));
                strbuf_clear(&sst);
            } else {
                strbuf_append(out, v, (size_t)(ve - v));
            }
        }
    }
    strbuf_clear(&xml);
    strbuf_clear(&part);
    strbuf_clear(&key);
}

/*
 * The ticket detail and the Breaches sheet: every text as the ticket has it when no library
 * refuses it (clean ASCII, clean UTF-8, a tab and a line break, 32,767 characters) and cleaned
 * where one would (a control character, an invalid byte, a noncharacter, 32,768 characters:
 * cut and marked); each row's sla_target from its own target, rows of three targets in turn;
 * the breached measures with the outcome, elapsed and target of their ticket's row.
 */
static void test_xlsx_ticket_detail(void **state)
{
    (void)state;
    static const char config[] =
        "timezone: UTC\n"
        "sources: [{file: x.csv, profile: tickets}]\n"
        "sla:\n"
        "  incident: {1: {respond: 15m, resolve: 4h}, default: {respond: 1h, resolve: 8h}}\n"
        "  request: {default: {respond: 8h, resolve: 50h}}\n";
    char *cut_at = xmalloc(32769), *whole = xmalloc(32768);
    memset(cut_at, 'c', 32768);
    cut_at[32768] = '\0';
    memset(whole, 'b', 32767);
    whole[32767] = '\0';
    const char *titles[] = {"plain title",
                            "\xC3\x89"
                            "cran noir \xE2\x80\x93 \xF0\x9F\x98\x80 ok",
                            "tab\there\nline",
                            "ctl\x01x",
                            "bad\xFFx",
                            "non\xEF\xBF\xBEx",
                            whole,
                            cut_at};
    const char *want[] = {"plain title",
                          "\xC3\x89"
                          "cran noir \xE2\x80\x93 \xF0\x9F\x98\x80 ok",
                          "tab\there\nline",
                          "ctl x",
                          "bad\xEF\xBF\xBDx",
                          "non\xEF\xBF\xBDx",
                          whole,
                          NULL};
    size_t n = sizeof titles / sizeof titles[0];
    small_t s;
    diag_t d = {0};
    if (config_load_buffer("t.yaml", config, strlen(config), &s.cfg, &d) != ST_OK)
        fail_msg("config: %s", d.message);
    assert_int_equal(tz_load("UTC", &s.tz, &d), ST_OK);
    s.store = store_new(1);
    s.store->quality[0].file = "x.csv";
    s.store->quality[0].profile = "tickets";
    const ts_t oct = 1790812800; /* 2026-10-01T00:00Z */
    for (size_t i = 0; i < n; i++) {
        ticket_t t;
        memset(&t, 0, sizeof t);
        char id[16];
        snprintf(id, sizeof id, "T%zu", i);
        t.id = arena_strdup(s.store->arena, id);
        /* in turn: an incident P1 (its own target), an incident P3 (the incidents' default), a
         * request (the requests' default) */
        t.kind = i % 3 == 2 ? KIND_REQUEST : KIND_INCIDENT;
        t.priority = i % 3 == 0 ? 1 : i % 3 == 1 ? 3 : 0;
        t.status = TSTATUS_NONE;
        t.opened = oct + 86400 * (ts_t)(i + 1);
        t.first_response = t.opened + 600;
        t.resolved = t.opened + 3600;
        if (i == 3) /* incident P1: resolved in 300 min 1 s against 240 */
            t.resolved = t.opened + 5 * 3600 + 1;
        if (i == 4) { /* incident P3: responded in 120 min against 60, resolved in 180 */
            t.first_response = t.opened + 7200;
            t.resolved = t.opened + 3 * 3600;
        }
        t.closed = TS_NONE;
        t.reopen_count = t.reassignment_count = -1;
        t.change_type = CHANGE_NONE;
        t.outcome = OUTCOME_NONE;
        t.title = titles[i];
        store_add_ticket(s.store, &t);
    }
    metrics_period_t p = {oct, oct + 31 * 86400, oct + 31 * 86400 + 3600, NULL, 0};
    s.m = metrics_compute(s.cfg, s.store, s.tz, &p);
    memset(&s.coverage, 0, sizeof s.coverage);
    coverage_compute(s.cfg, s.store, p.start, p.end, p.as_of, &s.coverage);
    memset(s.trend, 0, sizeof s.trend);
    strcpy(s.trend[0].label, "2026-10");
    s.trend[0].start = p.start;
    s.trend[0].end = p.end;
    s.trend[0].known = 1;
    kpi_trend_values(s.m, &s.trend[0].kpis);
    report_facts_t f = small_facts(&s);
    s.r = report_build(&f);

    char path[] = "/tmp/iso20k-test-xlsx-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    if (render_xlsx(s.r, path, &d) != ST_OK)
        fail_msg("render_xlsx: %s", d.message);
    strbuf_t cell = {0};
    char ref[16];
    static const char *const targets[3] = {"incident P1 (24x7)", "incident default (24x7)",
                                           "request default (24x7)"};
    for (size_t i = 0; i < n; i++) {
        snprintf(ref, sizeof ref, "O%zu", i + 2); /* title */
        xlsx_cell(path, "Tickets", ref, &cell);
        if (want[i]) {
            assert_int_equal(cell.len, strlen(want[i]));
            assert_memory_equal(cell.data, want[i], cell.len);
        } else { /* 32,768 characters: the first 32,760 and the marker */
            assert_int_equal(cell.len, 32760 + strlen(" [\xE2\x80\xA6"
                                                      "cut]"));
            assert_memory_equal(cell.data, cut_at, 32760);
            assert_string_equal(cell.data + 32760, " [\xE2\x80\xA6"
                                                   "cut]");
        }
        snprintf(ref, sizeof ref, "V%zu", i + 2); /* sla_target */
        xlsx_cell(path, "Tickets", ref, &cell);
        assert_string_equal(strbuf_cstr(&cell), targets[i % 3]);
        snprintf(ref, sizeof ref, "P%zu", i + 2); /* source */
        xlsx_cell(path, "Tickets", ref, &cell);
        assert_string_equal(strbuf_cstr(&cell), "x.csv");
    }
    xlsx_cell(path, "Tickets", "R5", &cell); /* T3's resolution */
    assert_string_equal(strbuf_cstr(&cell), "breached");
    xlsx_cell(path, "Tickets", "Q6", &cell); /* T4's response */
    assert_string_equal(strbuf_cstr(&cell), "breached");
    /* Breaches: T3's resolution, then T4's response, each with its own row's figures */
    static const struct {
        const char *ref, *text;
    } breaches[] = {
        {"A2", "T3"}, {"B2", "resolution"}, {"C2", "breached"}, {"N2", "incident P1 (24x7)"},
        {"A3", "T4"}, {"B3", "response"},   {"C3", "breached"}, {"N3", "incident default (24x7)"},
        {"A4", ""}};
    for (size_t i = 0; i < sizeof breaches / sizeof breaches[0]; i++) {
        xlsx_cell(path, "Breaches", breaches[i].ref, &cell);
        assert_string_equal(strbuf_cstr(&cell), breaches[i].text);
    }
    static const struct {
        const char *ref;
        double minutes;
    } figures[] = {{"K2", 18001 / 60.0}, {"L2", 240}, {"M2", 18001 / 60.0 - 240},
                   {"K3", 120},          {"L3", 60},  {"M3", 60}};
    for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
        xlsx_cell(path, "Breaches", figures[i].ref, &cell);
        assert_true(cell.len > 0);
        assert_true(fabs(strtod(cell.data, NULL) - figures[i].minutes) < 1e-9);
    }
    strbuf_clear(&cell);
    unlink(path);
    free(cut_at);
    free(whole);
    diag_clear(&d);
    destroy(&s);
}

/* The numbers no output may show, in turn. */
static const double HOSTILE[] = {NAN, INFINITY, -INFINITY, 1e308, -1e308, 1e100, -1e16, 1e15};
#define NHOSTILE (sizeof HOSTILE / sizeof HOSTILE[0])

static double hostile(size_t *k)
{
    return HOSTILE[(*k)++ % NHOSTILE];
}

/* Every number of the report model: table cells (and the targets they are judged against) and
 * chart values, lines and bands. */
static void poison_report(report_t *r, size_t *k)
{
    for (size_t i = 0; i < r->nsections; i++)
        for (size_t b = 0; b < r->sections[i].nblocks; b++) {
            report_block_t *blk = &r->sections[i].blocks[b];
            if (blk->kind == BLOCK_TABLE)
                for (size_t c = 0; c < blk->table->nrows * blk->table->ncols; c++) {
                    report_cell_t *cell = &blk->table->cells[c];
                    if (cell->type != CELL_TEXT && cell->type != CELL_EMPTY) {
                        cell->number = hostile(k);
                        cell->text = NULL;
                    }
                    cell->rag_target = hostile(k);
                    cell->rag_amber = hostile(k);
                }
            if (blk->kind != BLOCK_CHART)
                continue;
            chart_spec_t *c = blk->chart;
            for (size_t sr = 0; sr < c->nseries; sr++)
                for (size_t j = 0; j < c->ncat; j++)
                    c->series[sr].values[j] = hostile(k);
            c->target = hostile(k);
            c->y_min = hostile(k);
            c->y_max = hostile(k);
            c->band_lo = hostile(k);
            c->band_hi = hostile(k);
            c->marker_x = hostile(k);
            c->base = hostile(k);
            if (c->cat_targets || c->kind == CHART_BAR) { /* per-category targets too */
                double *t = arena_alloc(r->arena, c->ncat * sizeof *t);
                for (size_t j = 0; j < c->ncat; j++)
                    t[j] = hostile(k);
                c->cat_targets = t;
            }
        }
}

/* Every number of the metrics the JSON and the report's sentences read. */
static void poison_metrics(metrics_t *m, size_t *k)
{
    m->sla.response_attainment_pct = hostile(k);
    m->sla.resolution_attainment_pct = hostile(k);
    for (size_t i = 0; i < m->sla.nrows; i++)
        m->sla.rows[i].resp_pct = hostile(k), m->sla.rows[i].res_pct = hostile(k);
    time_stats_t *ts[2] = {&m->response, &m->resolution};
    for (int i = 0; i < 2; i++)
        ts[i]->mean = hostile(k), ts[i]->median = hostile(k), ts[i]->p90 = hostile(k);
    for (size_t i = 0; i < m->navailability; i++) {
        availability_row_t *a = &m->availability[i];
        a->target_pct = hostile(k);
        a->availability_pct = hostile(k);
        a->mtrs_minutes = hostile(k), a->mtbf_minutes = hostile(k), a->mtbsi_minutes = hostile(k);
        a->met_target = 0;
    }
    m->overall_availability_pct = hostile(k);
    satisfaction_t *sa = &m->satisfaction;
    sa->responses = 3;
    sa->csat_pct = hostile(k), sa->csat_mean = hostile(k), sa->nps = hostile(k);
    sa->response_rate_pct = hostile(k);
    efficiency_t *e = &m->efficiency;
    e->reopen_rate_pct = hostile(k), e->first_assignment_resolution_pct = hostile(k);
    e->change_success_pct = hostile(k), e->emergency_change_pct = hostile(k);
}

/* Every number of an ROI outcome. */
static void poison_roi(roi_outcome_t *o, size_t *k)
{
    for (size_t i = 0; i < o->nresults; i++) {
        roi_result_t *ro = &o->results[i];
        for (int t = 0; t <= ro->years; t++)
            ro->benefits[t] = hostile(k), ro->costs[t] = hostile(k);
        ro->pv_benefits = hostile(k), ro->pv_costs = hostile(k), ro->npv = hostile(k);
        ro->roi_pct = hostile(k), ro->payback_months = hostile(k), ro->irr = hostile(k);
        for (size_t l = 0; l < ro->nlines; l++) {
            roi_line_t *li = &ro->lines[l];
            li->baseline = hostile(k), li->current = hostile(k);
            li->baseline_annual = hostile(k), li->current_annual = hostile(k);
            li->unit = hostile(k), li->value = hostile(k), li->risk = hostile(k);
            li->adjusted = hostile(k);
        }
    }
    for (size_t i = 0; i < o->nsensitivity; i++)
        o->sensitivity[i].npv_low = hostile(k), o->sensitivity[i].npv_high = hostile(k);
}

/* Fails unless the file holds no "inf", "nan" or "infinity" as a word (any case), no run of
 * more than 16 digits (thousands separators aside) and no exponent of 15 or more (1E+100):
 * what no shown number can be. */
static void assert_numbers_shown(const char *path, const char *kind)
{
    static const char script[] =
        "import json, re, sys, zipfile\n"
        "path, kind = sys.argv[1], sys.argv[2]\n"
        "if kind == 'xlsx':\n"
        "    z = zipfile.ZipFile(path)\n"
        "    text = ''.join(z.read(n).decode('utf-8') for n in z.namelist() if "
        "n.endswith('.xml'))\n"
        "    text = re.sub(r'<[^>]*>', ' ', text)\n"
        "else:\n"
        "    text = open(path, encoding='utf-8').read()\n"
        "if kind == 'json':\n"
        "    def bad(c): raise ValueError('not JSON: ' + c)\n"
        "    json.loads(text, parse_constant=bad)\n"
        "words = re.findall(r'(?i)\\b(?:-?inf|nan|infinity)\\b', text)\n"
        "long = re.findall(r'\\d{17,}', re.sub(r'(?<=\\d),(?=\\d)', '', text))\n"
        "long += re.findall(r'\\d[eE]\\+?(?:1[5-9]|[2-9]\\d|\\d{3})\\b', text)\n"
        "if words or long:\n"
        "    sys.exit('%s: %s %s' % (kind, words[:5], [x[:30] for x in long[:5]]))\n";
    char spath[] = "/tmp/iso20k-test-check-XXXXXX";
    int fd = mkstemp(spath);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, script, sizeof script - 1), (ssize_t)(sizeof script - 1));
    close(fd);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "python3 %s '%s' %s", spath, path, kind);
    int rc = system(cmd);
    unlink(spath);
    if (rc != 0)
        fail_msg("%s: numbers no output may show (see above)", kind);
}

/* NaN, the infinities and numbers of 16 to 309 digits in every numeric slot the renderers
 * reach (the metrics, the trend and previous period, the ROI outcome, every table cell and
 * chart value of the report model): the PDF, the workbook, the JSON and the KPI CSV are written
 * and none holds "inf", "nan", "INF" or a number of 17 digits or more. */
static void test_hostile_numbers(void **state)
{
    (void)state;
    char dir[] = "/tmp/iso20k-test-numbers-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char roi[128], text[1024];
    snprintf(roi, sizeof roi, "%s/roi.yaml", dir);
    FILE *f = fopen(roi, "w");
    fputs("costs: {initial: {tool: 1000}, annual: {staff: 500}}\ncost_per_incident: 100\n"
          "benefits: {time: 2000}\nbaseline: {incidents: 100}\n"
          "scenarios: {low: {cost_per_incident: 50}}\n",
          f);
    fclose(f);
    snprintf(text, sizeof text, "%sroi: %s\n", CONFIG, roi);
    small_t s;
    build_inputs(&s, text);
    size_t k = 0;
    poison_metrics(s.m, &k);
    for (int i = 0; i < KPI_COUNT; i++)
        s.trend[0].kpis.value[i] = hostile(&k);
    roi_outcome_t o = {0};
    roi_compute(s.cfg->roi_model, s.m, NULL, &o);
    poison_roi(&o, &k);
    report_facts_t facts = small_facts(&s);
    facts.previous = &s.trend[0];
    facts.roi = &o.results[0];
    facts.roi_scenarios = o.results + 1;
    facts.nroi_scenarios = o.nresults - 1;
    facts.roi_sensitivity = o.sensitivity;
    facts.nroi_sensitivity = o.nsensitivity;
    facts.roi_baseline = &o.baseline;
    facts.roi_current = &o.current;
    s.r = report_build(&facts);
    poison_report(s.r, &k);

    char base[64], path[96];
    snprintf(base, sizeof base, "%s/out", dir);
    strbuf_t out = {0};
    diag_t d = {0};
    if (render_pdf(s.r, &out, &d) != ST_OK)
        fail_msg("render_pdf: %s", d.message);
    snprintf(path, sizeof path, "%s.pdf", base);
    write_file(path, &out);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "pdftotext -q '%s' '%s.txt'", path, base);
    assert_int_equal(system(cmd), 0);
    snprintf(path, sizeof path, "%s.txt", base);
    assert_numbers_shown(path, "pdf");
    snprintf(path, sizeof path, "%s.xlsx", base);
    if (render_xlsx(s.r, path, &d) != ST_OK)
        fail_msg("render_xlsx: %s", d.message);
    assert_true(xlsx_parts_parse(path) >= 10);
    assert_numbers_shown(path, "xlsx");
    strbuf_reset(&out);
    render_json(s.r, &out);
    snprintf(path, sizeof path, "%s.json", base);
    write_file(path, &out);
    assert_numbers_shown(path, "json");
    strbuf_reset(&out);
    render_csv_kpis(s.r, &out);
    snprintf(path, sizeof path, "%s.csv", base);
    write_file(path, &out);
    assert_numbers_shown(path, "csv");
    strbuf_clear(&out);
    diag_clear(&d);
    roi_outcome_clear(&o);
    destroy(&s);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rag),
        cmocka_unit_test(test_ticks),
        cmocka_unit_test(test_chart_hostile_values),
        cmocka_unit_test(test_label_step),
        cmocka_unit_test(test_risk_matrix),
        cmocka_unit_test(test_chart_kinds),
        cmocka_unit_test(test_chart_labels_donut),
        cmocka_unit_test(test_chart_labels_bars),
        cmocka_unit_test(test_chart_labels_tornado_payback),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_trend_small_sample),
        cmocka_unit_test(test_json_not_covered),
        cmocka_unit_test(test_json_escapes),
        cmocka_unit_test(test_json_registers),
        cmocka_unit_test(test_flat_charts),
        cmocka_unit_test(test_coverage_text),
        cmocka_unit_test(test_pdf_and_xlsx),
        cmocka_unit_test(test_xlsx_constant_memory),
        cmocka_unit_test(test_hostile_report),
        cmocka_unit_test(test_hostile_text),
        cmocka_unit_test(test_chart_names_literal),
        cmocka_unit_test(test_xlsx_ticket_detail),
        cmocka_unit_test(test_hostile_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
