/*
 * Unit tests: the history file (app/history.c): a missing file is an empty history, rows are
 * read with their KPIs (empty cells null, counts whole, a negative count null), a period run
 * again replaces its row, rows stay in time order, written rows read back the same, and every
 * corrupt row is skipped with a problem naming its line while the good rows are kept.
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

#include "app/history.h"

static char dir[] = "/tmp/iso20k-test-history-XXXXXX";
static char path[300];

/* The columns of a file an earlier version wrote: label, start, end and the trend KPIs of
 * docs/metrics.md §8, in that order (no coverage column: its rows read as covered). */
#define HEADER                                                                                     \
    "label,start,end,opened,resolved,response_attainment_pct,resolution_attainment_pct,csat_pct,"  \
    "reopen_rate_pct,availability_pct\n"
/* … and of the file written now (README.md "Where the outputs land"): coverage after end. */
#define HEADER_NOW                                                                                 \
    "label,start,end,coverage,opened,resolved,response_attainment_pct,resolution_attainment_pct,"  \
    "csat_pct,reopen_rate_pct,availability_pct\n"

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/history.csv", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    rmdir(dir);
    return 0;
}

static void write_file(const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static trend_row_t row(const char *label, ts_t start, ts_t end, double opened, double csat)
{
    trend_row_t r;
    memset(&r, 0, sizeof r);
    snprintf(r.label, sizeof r.label, "%s", label);
    r.start = start;
    r.end = end;
    r.known = 1;
    r.coverage = COVERAGE_COVERED;
    kpi_trend_none(&r.kpis);
    r.kpis.value[KPI_OPENED] = opened;
    r.kpis.value[KPI_CSAT] = csat;
    return r;
}

/* 2026-09 and 2026-10 in UTC, as seconds */
#define SEP1 1788220800
#define OCT1 1790812800
#define NOV1 1793491200

static void test_missing_file(void **state)
{
    (void)state;
    history_t h = {0};
    unlink(path);
    history_load(&h, path);
    assert_int_equal(h.nrows, 0);
    assert_int_equal(h.nproblems, 0); /* no history yet is no problem */
    history_clear(&h);
}

static void test_read(void **state)
{
    (void)state;
    write_file(HEADER "2026-10,2026-10-01T00:00:00+00:00,2026-11-01T00:00:00+00:00,546,521,"
                      "95.17819706,99.55947137,90.65420561,4.185022026,99.91996799\n"
                      "2026-09,2026-09-01T02:00:00+02:00,2026-10-01T02:00:00+02:00,533.9,,,,,,"
                      "\n");
    history_t h = {0};
    history_load(&h, path);
    assert_int_equal(h.nproblems, 0);
    assert_int_equal(h.nrows, 2);
    /* sorted by start, whatever the file's order; offsets read as written */
    assert_string_equal(h.rows[0].label, "2026-09");
    assert_int_equal(h.rows[0].start, SEP1);
    assert_int_equal(h.rows[0].end, OCT1);
    assert_true(h.rows[0].kpis.value[KPI_OPENED] == 533);   /* a count is whole */
    assert_true(isnan(h.rows[0].kpis.value[KPI_RESOLVED])); /* an empty cell is null */
    assert_true(isnan(h.rows[0].kpis.value[KPI_AVAILABILITY]));
    const trend_row_t *oct = &h.rows[1];
    assert_true(oct->known);
    assert_true(oct->kpis.value[KPI_OPENED] == 546);
    assert_true(oct->kpis.value[KPI_RESOLVED] == 521);
    assert_true(fabs(oct->kpis.value[KPI_RESPONSE] - 95.17819706) < 1e-12);
    assert_true(fabs(oct->kpis.value[KPI_AVAILABILITY] - 99.91996799) < 1e-12);
    assert_true(isnan(oct->kpis.value[KPI_BACKLOG])); /* not a trend KPI */
    history_clear(&h);
    assert_null(h.rows);
    assert_int_equal(h.nrows, 0);
}

static void test_replace_and_write(void **state)
{
    (void)state;
    tz_t *utc = NULL;
    diag_t d = {0};
    assert_int_equal(tz_load("UTC", &utc, &d), ST_OK);
    unlink(path);
    history_t h = {0};
    trend_row_t oct = row("2026-10", OCT1, NOV1, 500, 80.5);
    trend_row_t sep = row("2026-09", SEP1, OCT1, 400, NAN);
    history_put(&h, &oct);
    history_put(&h, &sep); /* an earlier period goes before */
    assert_int_equal(h.nrows, 2);
    assert_string_equal(h.rows[0].label, "2026-09");
    trend_row_t again = row("2026-10", OCT1, NOV1, 546, 90.25);
    assert_int_equal(history_put(&h, &again), 1); /* the period run again replaces its row */
    assert_int_equal(h.nrows, 2);
    assert_true(h.rows[1].kpis.value[KPI_OPENED] == 546);
    /* a row from partial data never replaces one from data that covered the period … */
    trend_row_t partial = row("2026-10", OCT1, NOV1, 12, 100);
    partial.coverage = COVERAGE_PARTIAL;
    assert_int_equal(history_put(&h, &partial), 0);
    assert_true(h.rows[1].kpis.value[KPI_OPENED] == 546);
    /* … but it is written for a period not yet held, and replaced by a covered row later */
    trend_row_t aug = row("2026-08", SEP1 - 31 * 86400, SEP1, 7, NAN);
    aug.coverage = COVERAGE_PARTIAL;
    assert_int_equal(history_put(&h, &aug), 1);
    assert_int_equal(h.nrows, 3);
    trend_row_t aug_partial_again = aug;
    aug_partial_again.kpis.value[KPI_OPENED] = 8;
    assert_int_equal(history_put(&h, &aug_partial_again), 1); /* partial over partial */
    assert_true(h.rows[0].kpis.value[KPI_OPENED] == 8);
    assert_int_equal(history_write(&h, path, utc, &d), ST_OK);
    history_clear(&h);

    /* what was written reads back the same, coverage included */
    history_load(&h, path);
    assert_int_equal(h.nproblems, 0);
    assert_int_equal(h.nrows, 3);
    assert_string_equal(h.rows[2].label, "2026-10");
    assert_int_equal(h.rows[2].start, OCT1);
    assert_int_equal(h.rows[2].end, NOV1);
    assert_int_equal(h.rows[2].coverage, COVERAGE_COVERED);
    assert_true(h.rows[2].kpis.value[KPI_OPENED] == 546);
    assert_true(h.rows[2].kpis.value[KPI_CSAT] == 90.25);
    assert_true(isnan(h.rows[1].kpis.value[KPI_CSAT]));
    assert_int_equal(h.rows[0].coverage, COVERAGE_PARTIAL);
    history_clear(&h);

    /* the header names the trend KPIs of the KPI table, in order */
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char line[512];
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    assert_string_equal(line, HEADER_NOW);
    tz_free(utc);
}

static void test_corrupt(void **state)
{
    (void)state;
    write_file(HEADER "2026-08,2026-08-01T00:00:00+00:00,2026-09-01T00:00:00+00:00,10,9,,,,,\n"
                      ",2026-09-01T00:00:00+00:00,2026-10-01T00:00:00+00:00,1,1,,,,,\n"
                      "2026-09,yesterday,2026-10-01T00:00:00+00:00,1,1,,,,,\n"
                      "2026-09,2026-10-01T00:00:00+00:00,2026-09-01T00:00:00+00:00,1,1,,,,,\n"
                      "2026-09,2026-09-01T00:00:00,2026-10-01T00:00:00,1,1,,,,,\n"
                      "2026-09,2026-09-01T00:00:00+00:00,2026-10-01T00:00:00+00:00,ten,1,,,,,\n"
                      "2026-09,2026-09-01T00:00:00+00:00,2026-10-01T00:00:00+00:00,-5,1,,,,,\n");
    history_t h = {0};
    history_load(&h, path);
    /* no label; a time that is no time; end before start; times without an offset; a value
     * that is not a number: each skipped with its line */
    assert_int_equal(h.nproblems, 5);
    assert_non_null(strstr(h.problems[0], "history.csv:3: a row without a valid label"));
    assert_non_null(strstr(h.problems[1], "history.csv:4: start or end is not an ISO 8601"));
    assert_non_null(strstr(h.problems[2], "history.csv:5:"));
    assert_non_null(strstr(h.problems[3], "history.csv:6:"));
    assert_non_null(strstr(h.problems[4], "history.csv:7: a value is not a number"));
    for (size_t i = 0; i < h.nproblems; i++)
        assert_non_null(strstr(h.problems[i], "the row is ignored"));
    /* the good rows are kept; a negative count reads as null */
    assert_int_equal(h.nrows, 2);
    assert_string_equal(h.rows[0].label, "2026-08");
    assert_true(h.rows[0].kpis.value[KPI_OPENED] == 10);
    assert_string_equal(h.rows[1].label, "2026-09");
    assert_true(isnan(h.rows[1].kpis.value[KPI_OPENED]));
    assert_true(h.rows[1].kpis.value[KPI_RESOLVED] == 1);
    history_clear(&h);

    /* the coverage column: partial, covered, or a row that is skipped */
    write_file(HEADER_NOW
               "2026-08,2026-08-01T00:00:00+00:00,2026-09-01T00:00:00+00:00,partial,3,,,,,,\n"
               "2026-09,2026-09-01T00:00:00+00:00,2026-10-01T00:00:00+00:00,maybe,1,,,,,,\n"
               "2026-10,2026-10-01T00:00:00+00:00,2026-11-01T00:00:00+00:00,,5,,,,,,\n");
    history_load(&h, path);
    assert_int_equal(h.nrows, 2);
    assert_int_equal(h.rows[0].coverage, COVERAGE_PARTIAL);
    assert_true(h.rows[0].kpis.value[KPI_OPENED] == 3);
    assert_int_equal(h.rows[1].coverage, COVERAGE_COVERED); /* empty: as an older file's rows */
    assert_int_equal(h.nproblems, 1);
    assert_non_null(strstr(h.problems[0], "history.csv:3: coverage is neither"));
    history_clear(&h);

    /* a file that is no history file */
    write_file("number,opened_at\nINC1,2026-10-01\n");
    history_load(&h, path);
    assert_int_equal(h.nrows, 0);
    assert_int_equal(h.nproblems, 1);
    assert_non_null(strstr(h.problems[0], "history.csv:1: not a history file"));
    history_clear(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_replace_and_write),
        cmocka_unit_test(test_corrupt),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
