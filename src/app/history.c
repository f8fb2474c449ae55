/*
 * history — read, update and write history.csv.
 */
#include "app/history.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/outfile.h"
#include "core/text.h"
#include "input/csv.h"
#include "metrics/kpi.h"

/* The columns: label, start, end and coverage, then the trend KPIs of the KPI table, in their
 * order. A file of an earlier version has no coverage column: its rows were written only from
 * periods computed from the inputs, and are read as covered. */
#define NFIXED 4
#define NCOLUMNS (NFIXED + KPI_COUNT)

static size_t S_ncolumns(void)
{
    return NFIXED + kpi_trend_count();
}

static const char *S_column(size_t c)
{
    static const char *const fixed[NFIXED] = {"label", "start", "end", "coverage"};
    return c < NFIXED ? fixed[c] : kpi_table[kpi_trend_at(c - NFIXED)].key;
}

/* Rows told one by one; beyond them one line counts the rest (a damaged file of a million
 * rows must not print a million lines). */
#define HISTORY_PROBLEMS 20

static void S_problem(history_t *h, const char *path, size_t line, const char *what)
{
    strbuf_t sb = {0};
    if (h->nproblems == HISTORY_PROBLEMS) { /* the count of the rest, filled in at the end */
        strbuf_printf(&sb, "%s: 1 more row is ignored", path);
    } else if (h->nproblems > HISTORY_PROBLEMS) {
        h->nmore++;
        return;
    } else if (line) {
        strbuf_printf(&sb, "%s:%zu: %s; the row is ignored", path, line, what);
    } else { /* the file as a whole */
        strbuf_printf(&sb, "%s: %s", path, what);
    }
    h->problems = xrealloc(h->problems, (h->nproblems + 1) * sizeof(char *));
    h->problems[h->nproblems++] = sb.data;
}

/* A number cell: 1 with *out set, 0 for empty (null), -1 when invalid. */
static int S_number(const char *s, double *out)
{
    if (!*s)
        return 0;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || errno || !isfinite(v))
        return -1;
    *out = v;
    return 1;
}

/* Orders pointers to rows by the rows' start, then by position (so the sort is stable). */
static int S_cmp_order(const void *a, const void *b)
{
    const trend_row_t *x = *(const trend_row_t *const *)a, *y = *(const trend_row_t *const *)b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (x > y) - (x < y);
}

static void S_sort(history_t *h)
{
    size_t n = h->nrows, sorted = 1;
    for (size_t i = 1; i < n && sorted; i++)
        sorted = h->rows[i - 1].start <= h->rows[i].start;
    if (sorted) /* the file as this program writes it */
        return;
    trend_row_t **order = xmalloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = &h->rows[i];
    qsort(order, n, sizeof *order, S_cmp_order);
    trend_row_t *rows = xmalloc(n * sizeof *rows);
    for (size_t i = 0; i < n; i++)
        rows[i] = *order[i];
    free(order);
    free(h->rows);
    h->rows = rows;
    h->cap = n;
}

/* The largest count or amount a history row may hold: no period has 10^12 tickets. */
#define HISTORY_MAX_VALUE 1e12

/* Whether v can be KPI k's value: a percentage from 0 to 100, anything else within
 * ±HISTORY_MAX_VALUE (a negative count is taken as null, below). */
static int S_in_range(kpi_id_t k, double v)
{
    if (kpi_table[k].unit == KPI_UNIT_PERCENT)
        return v >= 0 && v <= 100;
    return v >= -HISTORY_MAX_VALUE && v <= HISTORY_MAX_VALUE;
}

/* A KPI read from the file: a count is a whole number, a negative count null. */
static double S_kpi(kpi_id_t k, double v)
{
    if (kpi_table[k].unit != KPI_UNIT_COUNT)
        return v;
    double whole = trunc(v) + 0.0; /* no negative zero */
    return whole < 0 ? NAN : whole;
}

/* Opens the history file for reading: NULL when there is none yet or when it is not a regular
 * file (a problem then). */
static FILE *S_open(history_t *h, const char *path)
{
    /* only a regular file of the output directory, never a link's target or a FIFO */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0 && errno == ENOENT)
        return NULL; /* no history yet */
    struct stat info;
    FILE *file = NULL;
    if (fd < 0 || fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || !(file = fdopen(fd, "rb"))) {
        if (fd >= 0)
            close(fd);
        S_problem(h, path, 0,
                  "not a regular file (a link, a directory or a special file); it is not read "
                  "and this run replaces it");
        return NULL;
    }
    return file;
}

/* Reads the header: col[c] is column c's field, or -1. 0, or -1 when it is no history file (a
 * problem then). */
static int S_header(history_t *h, const char *path, csv_t *csv, int col[NCOLUMNS])
{
    csv_record_t rec;
    int got = csv_next(csv, &rec);
    size_t ncolumns = S_ncolumns();
    for (size_t c = 0; c < ncolumns; c++) {
        col[c] = -1;
        for (size_t f = 0; got == 1 && f < rec.nfields; f++)
            if (!strcmp(rec.fields[f], S_column(c)))
                col[c] = (int)f;
    }
    if (got != 1 || col[0] < 0 || col[1] < 0 || col[2] < 0) {
        S_problem(h, path, 1, "not a history file (its header lacks label, start or end)");
        return -1;
    }
    return 0;
}

/* Field `c` of rec, "" when the file has no such column or the row is short. */
static const char *S_cell(const csv_record_t *rec, const int col[NCOLUMNS], size_t c)
{
    return col[c] >= 0 && (size_t)col[c] < rec->nfields ? rec->fields[col[c]] : "";
}

/* A row's label, start, end and coverage into row. 0, or -1 when one is invalid (a problem). */
static int S_row_period(history_t *h, const char *path, const csv_record_t *rec,
                        const int col[NCOLUMNS], trend_row_t *row)
{
    const char *label = S_cell(rec, col, 0);
    size_t label_len = (size_t)col[0] < rec->nfields ? rec->lens[col[0]] : 0;
    if (!label_len || label_len >= sizeof row->label || !text_is_safe(label, label_len) ||
        strlen(label) != label_len) {
        S_problem(h, path, rec->line, "a row without a valid label");
        return -1;
    }
    memcpy(row->label, label, label_len + 1);
    parsed_time_t ps, pe;
    const char *s = S_cell(rec, col, 1);
    const char *e = S_cell(rec, col, 2);
    if (timeparse_canonical(s, strlen(s), &ps) != 0 || !ps.has_offset ||
        timeparse_canonical(e, strlen(e), &pe) != 0 || !pe.has_offset || pe.seconds <= ps.seconds) {
        S_problem(h, path, rec->line, "start or end is not an ISO 8601 time with an offset");
        return -1;
    }
    row->start = ps.seconds;
    row->end = pe.seconds;
    row->coverage = COVERAGE_COVERED;
    const char *cov = S_cell(rec, col, 3);
    if (*cov && !strcmp(cov, coverage_status_names[COVERAGE_PARTIAL])) {
        row->coverage = COVERAGE_PARTIAL;
    } else if (*cov && strcmp(cov, coverage_status_names[COVERAGE_COVERED]) != 0) {
        S_problem(h, path, rec->line, "coverage is neither 'covered' nor 'partial'");
        return -1;
    }
    return 0;
}

/* A row's trend KPIs into row (an empty cell is null). 0, or -1 when a value is no number or
 * out of its range (a problem). */
static int S_row_kpis(history_t *h, const char *path, const csv_record_t *rec,
                      const int col[NCOLUMNS], trend_row_t *row)
{
    size_t ncolumns = S_ncolumns();
    double v[NCOLUMNS] = {0};
    int ok = 1, in_range = 1;
    int have[NCOLUMNS] = {0};
    for (size_t c = NFIXED; c < ncolumns && ok; c++) {
        if (col[c] < 0 || (size_t)col[c] >= rec->nfields)
            continue;
        int rc = S_number(rec->fields[col[c]], &v[c]);
        if (rc < 0)
            ok = 0;
        have[c] = rc == 1;
        if (have[c] && !S_in_range(kpi_trend_at(c - NFIXED), v[c]))
            in_range = 0;
    }
    if (!ok || !in_range) {
        S_problem(h, path, rec->line,
                  !ok ? "a value is not a number"
                      : "a value is out of range (a percentage above 100 or below 0, or a "
                        "count beyond 10^12)");
        return -1;
    }
    row->known = 1;
    kpi_trend_none(&row->kpis);
    for (size_t c = NFIXED; c < ncolumns; c++)
        if (have[c])
            row->kpis.value[kpi_trend_at(c - NFIXED)] = S_kpi(kpi_trend_at(c - NFIXED), v[c]);
    return 0;
}

/* Reads the rows after the header into h, a repeated label replacing the earlier row. */
static void S_rows(history_t *h, const char *path, csv_t *csv, const int col[NCOLUMNS])
{
    /* rows are appended and sorted once at the end, and a repeated label found by hash: a
     * long history loads in n log n, not n² */
    hashmap_t *labels = hashmap_new();
    csv_record_t rec;
    while (csv_next(csv, &rec) == 1) {
        trend_row_t row;
        memset(&row, 0, sizeof row);
        if (S_row_period(h, path, &rec, col, &row) != 0 ||
            S_row_kpis(h, path, &rec, col, &row) != 0)
            continue;
        void **slot = hashmap_slot(labels, row.label, strlen(row.label), NULL);
        if (*slot) { /* the same period again: the later row replaces it, as history_put does */
            h->rows[(uintptr_t)*slot - 1] = row;
            continue;
        }
        xgrow((void **)&h->rows, &h->cap, h->nrows + 1, sizeof(trend_row_t));
        h->rows[h->nrows++] = row;
        *slot = (void *)(uintptr_t)h->nrows;
    }
    hashmap_free(labels);
}

void history_load(history_t *h, const char *path)
{
    FILE *file = S_open(h, path);
    if (!file)
        return;
    csv_options_t opt = {',', CSV_ENC_AUTO};
    csv_t *csv = csv_open_stream(file, &opt);
    int col[NCOLUMNS];
    if (S_header(h, path, csv, col) != 0) {
        csv_close(csv);
        fclose(file);
        return;
    }
    S_rows(h, path, csv, col);
    csv_close(csv);
    fclose(file);
    S_sort(h);
    if (h->nmore) {
        free(h->problems[HISTORY_PROBLEMS]);
        strbuf_t sb = {0};
        strbuf_printf(&sb, "%s: %zu more rows are ignored", path, h->nmore + 1);
        h->problems[HISTORY_PROBLEMS] = sb.data;
    }
}

int history_put(history_t *h, const trend_row_t *row)
{
    for (size_t i = 0; i < h->nrows; i++)
        if (!strcmp(h->rows[i].label, row->label)) {
            /* a row from partial data never replaces one from data that covered the period */
            if (row->coverage == COVERAGE_PARTIAL && h->rows[i].coverage == COVERAGE_COVERED)
                return 0;
            h->rows[i] = *row;
            return 1;
        }
    xgrow((void **)&h->rows, &h->cap, h->nrows + 1, sizeof(trend_row_t));
    size_t at = h->nrows;
    while (at > 0 && h->rows[at - 1].start > row->start) /* keep the rows in time order */
        at--;
    memmove(&h->rows[at + 1], &h->rows[at], (h->nrows - at) * sizeof(trend_row_t));
    h->rows[at] = *row;
    h->nrows++;
    return 1;
}

/* A text field as RFC 4180 wants it: quoted, with its quotes doubled, when it holds a comma,
 * a quote or a line break (or starts or ends with a space a reader might trim). */
static void S_field(strbuf_t *sb, const char *text)
{
    size_t len = strlen(text);
    if (!strpbrk(text, ",\"\r\n") && !(len && (text[0] == ' ' || text[len - 1] == ' '))) {
        strbuf_append(sb, text, len);
        return;
    }
    strbuf_putc(sb, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            strbuf_putc(sb, '"');
        strbuf_putc(sb, *p);
    }
    strbuf_putc(sb, '"');
}

static void S_num(strbuf_t *sb, double v)
{
    strbuf_putc(sb, ',');
    if (!isnan(v))
        strbuf_printf(sb, "%.10g", v);
}

void history_render(const history_t *h, const tz_t *tz, strbuf_t *out)
{
    strbuf_t sb = *out;
    for (size_t c = 0; c < S_ncolumns(); c++)
        strbuf_printf(&sb, "%s%s", c ? "," : "", S_column(c));
    strbuf_putc(&sb, '\n');
    for (size_t i = 0; i < h->nrows; i++) {
        const trend_row_t *r = &h->rows[i];
        char s[32], e[32];
        tz_format_iso(tz, r->start, s);
        tz_format_iso(tz, r->end, e);
        S_field(&sb, r->label);
        strbuf_printf(&sb, ",%s,%s,%s", s, e,
                      coverage_status_names[r->coverage == COVERAGE_PARTIAL ? COVERAGE_PARTIAL
                                                                            : COVERAGE_COVERED]);
        for (size_t c = 0; c < kpi_trend_count(); c++)
            S_num(&sb, r->kpis.value[kpi_trend_at(c)]);
        strbuf_putc(&sb, '\n');
    }
    *out = sb;
}

status_t history_write(const history_t *h, const char *path, const tz_t *tz, diag_t *d)
{
    strbuf_t sb = {0};
    history_render(h, tz, &sb);
    char *tmp = NULL;
    status_t st = outfile_temp(path, &tmp, d);
    if (st == ST_OK)
        st = outfile_fill(tmp, sb.data, sb.len, d);
    if (st == ST_OK)
        st = outfile_commit(tmp, path, d);
    else
        outfile_discard(tmp);
    free(tmp);
    strbuf_clear(&sb);
    return st;
}

void history_clear(history_t *h)
{
    free(h->rows);
    for (size_t i = 0; i < h->nproblems; i++)
        free(h->problems[i]);
    free(h->problems);
    memset(h, 0, sizeof *h);
}
